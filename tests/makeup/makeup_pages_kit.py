"""Item lists of made-up pages (issue 19) as the desk gives them: no geometry, only the
items in priority order, and the stories and photos they name. Each `PageSpec` writes an
edition folder (`write`); `build` makes it up, fits and composes it on a font book and
returns what `page_judge.judge` measures.

The pages cover the kind the engine is judged on: long leads, many briefs, photos with and
without titles, boxed items, labels over stories, ads pinned at the foot, the side and the
top corner, continuations allowed and not, from 4 to 14 items.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from editions_kit import write_edition
from page_judge import judge

SENTENCES = (
    "澄川市把项目建设作为稳增长的主抓手，一季度新开工项目一百二十个，总投资超过三百亿元。",
    "市发展改革委有关负责人介绍，今年将围绕先进制造、城市更新和民生补短板三个方向持续发力。",
    "在城东新区的施工现场，塔吊林立，运输车辆往来穿梭，工人们正抓紧浇筑主体结构。",
    "“开工就是冲刺，我们倒排工期、挂图作战，确保年底前完成主体工程。”项目负责人说。",
    "据了解，全市已建立重点项目专班服务机制，审批时限平均压缩四成以上。",
    "家住河西街道的市民周女士说，过去办事要跑好几个窗口，现在一次就能办好。",
    "统计数据显示，前两个月全市规模以上工业增加值同比增长百分之六点八，增速居全省前列。",
    "与此同时，港口集装箱吞吐量再创新高，新开通的两条外贸航线已累计运输货物一万余标箱。",
    "专家认为，扩大有效投资与促进消费双向发力，是稳住经济大盘的关键一招。",
    "下一步，相关部门将加强要素保障，协调解决用地、用能和资金等方面的难题。",
    "社区工作人员挨家挨户走访，把政策送到群众手中，并记录下居民反映的意见建议。",
    "活动现场，志愿者们为老人测量血压、讲解防诈骗知识，赢得了居民的一致好评。",
    "记者在采访中了解到，当地已连续三年举办此类活动，参与人数逐年增加。",
    "农技人员深入田间地头，指导农户做好春耕备耕，确保粮食播种面积稳定。",
    "学校负责人表示，将继续完善课后服务体系，让每一个孩子都能找到自己的兴趣所在。",
    "夜幕降临，老街区的灯光次第亮起，游客们穿行在青石板路上，感受城市的烟火气。",
)


def copy(chars: int, seed: int = 0) -> str:
    """About `chars` characters of news copy in paragraphs of 2–4 sentences."""
    paras, para, n, k = [], "", 0, seed
    while n < chars:
        s = SENTENCES[k % len(SENTENCES)]
        k += 1 + seed % 3
        para += s
        n += len(s)
        if len(para) > 90 + (k % 3) * 40:
            paras.append(para)
            para = ""
    if para:
        paras.append(para)
    return "\n\n".join(paras) + "\n"


def story(chars: int, headline: str, level: int = 2, seed: int = 0, kicker: str = "",
          byline: str = "") -> str:
    """A story file: its head (level, optional 引题, byline) and about `chars` of body."""
    head = [f"headline: {headline}", f"level: {level}", "dateline: 本报讯"]
    if kicker:
        head.insert(0, f"kicker: {kicker}")
    if byline:
        head.append(f"byline: （{byline}）")
    return "---\n" + "\n".join(head) + "\n---\n" + copy(chars, seed)


def jpeg(width: int, height: int, seed: int = 0) -> bytes:
    """A photo-like JPEG (smooth gradients with some texture), deterministic."""
    import numpy as np
    from PIL import Image

    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    r = 120 + 90 * np.sin(x / (37 + seed) + y / 91)
    g = 110 + 80 * np.cos(y / (53 + seed)) + 20 * np.sin(x / 11)
    b = 140 + 70 * np.sin((x + y) / (71 + 3 * seed))
    data = np.clip(np.stack([r, g, b], axis=-1), 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(data).save(out, "JPEG", quality=80)
    return out.getvalue()


HEAD = """\
paper: 澄川日报
date: 2026-03-07
issue: 21880
layout: broadsheet-8col
pages:
"""


@dataclass
class PageSpec:
    """One edition of made-up pages: the pages' YAML (under pages:), stories, photos."""

    name: str
    pages: str
    stories: dict[str, str]
    photos: dict[str, tuple[int, int]] = field(default_factory=dict)
    judged: tuple[int, ...] = (1,)
    known: str = ""
    """Why the engine still fails this page (the test expects the failure), or ""."""

    def write(self, folder: Path) -> Path:
        files = {f"photos/{n}": jpeg(w, h, k) for k, (n, (w, h)) in
                 enumerate(sorted(self.photos.items()))}
        return write_edition(folder, HEAD + textwrap.dedent(self.pages), self.stories, files)


def build(folder: Path, fonts):
    """(loaded edition, built edition, document, story results, diagnostics, seconds of
    make-up) of an edition on `fonts` — the stages as the pipeline runs them."""
    import time

    from typeset.compose import compose_edition
    from typeset.fit import fit_edition
    from typeset.makeup import make_up_edition
    from typeset.manifest import load_edition
    from typeset.pipeline import image_sizes

    edition, _ = load_edition(folder)
    sizes, _ = image_sizes(edition)
    t = time.perf_counter()
    mu = make_up_edition(edition, fonts, sizes)
    seconds = time.perf_counter() - t
    fit = fit_edition(mu.edition, fonts, sizes)
    doc, diags, results = compose_edition(fit.edition, fonts, sizes)
    return edition, fit.edition, doc, results, diags + mu.diagnostics + fit.diagnostics, seconds


def verdicts(spec: PageSpec, folder: Path, fonts):
    """[(page number, Verdict)] of the spec's judged pages, the diagnostics, the seconds."""
    loaded, built, doc, results, diags, seconds = build(spec.write(folder), fonts)
    return [(n, judge(loaded, built, doc, results, n)) for n in spec.judged], diags, seconds


SCALE = float(__import__("os").environ.get("MK_SCALE", "0.7"))
"""The lengths below are drafted as a page's worth and more; set at this share they fill a
front page (90 lines under the masthead) with room for headlines and photos, as a desk's
list for one page does; an inside page (100 lines) takes `INSIDE` times as much."""
INSIDE = 1.1


def _stories(specs, scale: float = 1.0) -> dict[str, str]:
    return {name: story(int(chars * SCALE * scale), head, level, seed, **extra)
            for seed, (name, chars, head, level, *rest) in enumerate(specs)
            for extra in [rest[0] if rest else {}]}


SPECS = [
    PageSpec("long-lead", """\
      - number: 1
        section: 要闻
        make_up: auto
        items:
          - story: lead
            photo: {file: photos/site.jpg, caption: 城东新区项目施工现场。, credit: 本报记者 林涛 摄}
          - story: second
          - story: comment
            box: true
          - story: fourth
          - photo: {file: photos/river.jpg, caption: 春日的澄江两岸。, credit: 通讯员 何川 摄}
        """, _stories([
        ("lead", 3400, "一季度重点项目集中开工", 1, {"kicker": "扩大有效投资 推动高质量发展"}),
        ("second", 1500, "港口航线再添新班", 2),
        ("comment", 900, "让实干成为最鲜明的底色", 3, {"byline": "本报评论员"}),
        ("fourth", 1100, "老街区焕发新活力", 2),
    ]), {"site.jpg": (1600, 1067), "river.jpg": (1500, 1000)}),

    PageSpec("many-briefs", """\
      - number: 2
        section: 综合
        make_up: auto
        items:
          - story: lead
            photo: {file: photos/farm.jpg, caption: 农技人员在田间指导春耕。, credit: 本报记者 王田 摄}
          - story: second
          - story: third
          - label: 信息速递
            over: [b1, b2, b3, b4, b5]
          - story: b1
          - story: b2
          - story: b3
          - story: b4
          - story: b5
          - story: fourth
          - story: fifth
          - story: sixth
          - story: seventh
          - story: eighth
        """, _stories([
        ("lead", 2000, "春耕备耕正当时", 1),
        ("second", 1100, "社区服务更贴心", 2),
        ("third", 900, "课后服务百花齐放", 2),
        ("b1", 260, "消防演练进社区", 3),
        ("b2", 240, "义诊活动暖人心", 3),
        ("b3", 280, "图书漂流站开放", 3),
        ("b4", 220, "健步走活动举行", 3),
        ("b5", 250, "旧物置换受欢迎", 3),
        ("fourth", 700, "老旧小区加装电梯", 3),
        ("fifth", 650, "夜市经济添活力", 3),
        ("sixth", 600, "河道治理见成效", 3),
        ("seventh", 550, "乡村公路通到家门口", 3),
        ("eighth", 500, "全民阅读季启动", 3),
    ], INSIDE), {"farm.jpg": (1600, 1100)}, judged=(2,)),

    PageSpec("photos", """\
      - number: 3
        section: 视觉
        make_up: auto
        items:
          - story: lead
            photo: {file: photos/a.jpg, caption: 新建成的城市公园。, credit: 本报记者 许明 摄}
          - photo: {file: photos/b.jpg, title: 春到澄江, label: 画里有话, caption: 游客在江边赏花。, credit: 通讯员 何川 摄}
          - story: second
            box: true
          - photo: {file: photos/c.jpg, caption: 孩子们在科技馆体验互动项目。, credit: 本报记者 许明 摄}
          - story: third
          - story: fourth
          - story: fifth
        """, _stories([
        ("lead", 2400, "城市公园开门迎客", 1),
        ("second", 1000, "文明旅游从我做起", 3),
        ("third", 1200, "科技馆里的奇妙一天", 2),
        ("fourth", 900, "春季赏花线路发布", 3),
        ("fifth", 800, "公交专线直达景区", 3),
    ], INSIDE), {"a.jpg": (1600, 1067), "b.jpg": (1400, 1000), "c.jpg": (1000, 1300)}, judged=(3,)),

    PageSpec("ad-foot", """\
      - number: 1
        section: 要闻
        make_up: auto
        items:
          - story: lead
          - story: second
            photo: {file: photos/port.jpg, caption: 货轮驶出港区。, credit: 通讯员 郭远 摄}
          - story: third
          - story: fourth
            box: true
          - story: fifth
          - story: sixth
          - ad: {text: 澄川银行 服务实体经济 助力城市发展}
            at: {column: 1, span: 8, top: 86, bottom: 100}
        """, _stories([
        ("lead", 2600, "全力以赴拼经济 奋勇争先开新局", 1),
        ("second", 1200, "外贸航线再扩容", 2),
        ("third", 1000, "政务服务一网通办", 2),
        ("fourth", 700, "奋斗正当时", 3, {"byline": "本报评论员"}),
        ("fifth", 800, "新能源汽车销量攀升", 3),
        ("sixth", 700, "城市书房遍布街巷", 3),
    ]), {"port.jpg": (1600, 1000)}),

    PageSpec("ad-side", """\
      - number: 4
        section: 经济
        make_up: auto
        items:
          - story: lead
            photo: {file: photos/plant.jpg, caption: 智能工厂生产线。, credit: 本报记者 李工 摄}
          - story: second
          - story: third
          - story: fourth
          - story: fifth
            box: true
          - story: sixth
          - ad: {text: 澄川汽车 新车上市 欢迎品鉴}
            at: {column: 6, span: 3, top: 44, bottom: 72}
        """, _stories([
        ("lead", 2400, "智能制造跑出加速度", 1),
        ("second", 1300, "小微企业贷款增长两成", 2),
        ("third", 1000, "消费市场回暖升温", 2),
        ("fourth", 900, "数字经济园区落成", 3),
        ("fifth", 700, "稳预期才能增信心", 3),
        ("sixth", 900, "物流枢纽建设提速", 3),
    ], INSIDE), {"plant.jpg": (1600, 1067)}, judged=(4,)),

    PageSpec("ad-corner", """\
      - number: 5
        section: 城市
        make_up: auto
        items:
          - ad: {text: 春季房展会}
            at: {column: 7, span: 2, top: 0, bottom: 16}
          - story: lead
          - story: second
            photo: {file: photos/street.jpg, caption: 改造后的老街。, credit: 本报记者 周城 摄}
          - story: third
          - story: fourth
          - story: fifth
        """, _stories([
        ("lead", 2600, "城市更新让老街区焕发新生", 1),
        ("second", 1500, "口袋公园家门口", 2),
        ("third", 1200, "停车难题有解了", 2),
        ("fourth", 1000, "垃圾分类新风尚", 3),
        ("fifth", 900, "背街小巷变了样", 3),
    ], INSIDE), {"street.jpg": (1500, 1000)}, judged=(5,)),

    PageSpec("continued", """\
      - number: 1
        section: 要闻
        make_up: auto
        items:
          - story: lead
            continue: {page: 2}
            photo: {file: photos/hall.jpg, caption: 会议现场。, credit: 本报记者 陈会 摄}
          - story: second
          - story: third
          - story: fourth
      - number: 2
        section: 要闻
        make_up: auto
        items:
          - story: p2lead
          - story: p2second
          - story: p2third
          - story: p2fourth
          - story: p2fifth
        """, _stories([
        ("lead", 6500, "市人代会隆重开幕", 1),
        ("second", 1400, "政府工作报告解读", 2),
        ("third", 1100, "代表委员热议发展", 2),
        ("fourth", 900, "民生实事清单出炉", 3),
        ("p2lead", 2200, "十件民生实事逐项落实", 1),
        ("p2second", 1200, "教育投入持续加大", 2),
        ("p2third", 1000, "医疗服务更加便捷", 2),
        ("p2fourth", 800, "养老服务覆盖城乡", 3),
        ("p2fifth", 700, "就业岗位持续扩容", 3),
    ]), {"hall.jpg": (1600, 1067)}, judged=(1, 2)),

    PageSpec("dense", """\
      - number: 6
        section: 社会
        make_up: auto
        items:
          - story: lead
          - story: s2
          - story: s3
          - story: s4
          - story: s5
          - story: s6
          - story: s7
          - story: s8
          - story: s9
          - story: s10
          - story: s11
          - story: s12
          - story: s13
        """, _stories([
        ("lead", 1600, "社区食堂开到家门口", 1),
        ("s2", 800, "爱心驿站温暖户外劳动者", 2),
        ("s3", 700, "文明实践站点全覆盖", 2),
        ("s4", 650, "青年志愿者服务队成立", 3),
        ("s5", 600, "平安校园创建见实效", 3),
        ("s6", 600, "便民服务进小区", 3),
        ("s7", 550, "老年大学扩招", 3),
        ("s8", 550, "反诈宣传走进商场", 3),
        ("s9", 500, "夜间门诊延时服务", 3),
        ("s10", 500, "公益集市周末开市", 3),
        ("s11", 450, "无障碍设施改造完成", 3),
        ("s12", 450, "社区运动会开幕", 3),
        ("s13", 400, "家庭医生签约提速", 3),
    ], INSIDE), judged=(6,)),
]
