"""Dense pages given as stack/row trees with no line numbers (issue 18's judging): a front
page, an inside news page, a page of briefs with a continuation from page 1, and a page in
the manner of a city daily's page 2 (a boxed commentary, a label over briefs with bylines, a
feature with a series banner, two stories 上接第1版) — 10 to 12 stories each with photos,
竖题, rows inside stacks, boxes, labels and ads. `write_page` writes one as an edition folder
(every story's copy `scale` times its length, to test that the levers absorb late copy
changes); `fit_page` fits and composes it.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from pathlib import Path

from editions_kit import write_edition
from PIL import Image

from typeset.compose import compose_edition
from typeset.fit import fit_edition
from typeset.manifest import load_edition
from typeset.pipeline import image_sizes
from typeset.session import Session, use_session

ROOT = Path(__file__).resolve().parents[2]

COPIES = (
    "澄川市今年将新建公共充电桩1200个，覆盖全部街道和重点乡镇，新能源汽车车主充电难的问题将"
    "得到缓解。市发展改革委有关负责人介绍，新建的充电桩中，快充桩占比超过一半。",
    "“过去找桩要绕好几条街，现在小区门口就能充。”家住河西街道的市民周女士说。据统计，全市"
    "新能源汽车保有量已达8.6万辆，同比增长31.5%，其中纯电动车占七成。",
    "项目建设跑出了“加速度”：立项、规划、施工许可等手续并联审批，办理时限由90个工作日压缩至"
    "28个工作日。园区同步建设5G专网和工业互联网平台，推动企业设备上云。",
    "春耕时节，田间地头一派繁忙景象。农技人员深入村组，指导农户科学施肥、合理用药；"
    "无人机在麦田上空往返作业，一天能完成300多亩的植保任务。",
)

HEADLINES = ("全市重点项目集中开工", "港口航线再添新班", "让创新的活水奔涌不息", "老街区焕新颜",
             "消防演练进社区", "志愿服务暖人心", "春耕备耕正当时", "绿道晨跑江畔春早",
             "充电桩覆盖全部街道", "文化惠民走进乡村", "科技企业扎堆落户", "夜市烟火气回来了",
             "城乡公交一体化提速", "百年老校迎新生")


def copy(chars: int, seed: int) -> list[str]:
    """`chars` characters of body copy in paragraphs of about 160."""
    text, k = "", seed
    while len(text) < chars:
        text += COPIES[k % len(COPIES)]
        k += 1
    text = text[:chars]
    return [text[i:i + 160] for i in range(0, len(text), 160)]


@dataclass(frozen=True)
class Story:
    """One story of a test page: its copy length and headline group."""

    chars: int
    level: int = 2
    kicker: str = ""
    deck: str = ""
    extra: str = ""
    """More front matter, as written (banner:, signature:, byline:, kind: …)."""


@dataclass(frozen=True)
class PageSpec:
    """A page as a desk gives it: the slot tree (YAML under `slots:`), the stories, photos."""

    number: int
    slots: str
    stories: dict[str, Story]
    photos: dict[str, tuple[int, int]] = field(default_factory=dict)
    front: str = """\
      - story: front
        at: {column: 1, span: 8, top: 10, bottom: 100}
"""
    """Page 1's slots when the page under test is another (a story on it may jump there)."""
    front_chars: int = 8400


def story_file(story_id: str, story: Story, index: int, scale: float) -> str:
    head = [f"headline: {HEADLINES[index % len(HEADLINES)]}", f"level: {story.level}",
            "dateline: 本报讯"]
    if story.kicker:
        head.append(f"kicker: {story.kicker}")
    if story.deck:
        head.append(f"deck: {story.deck}")
    if story.extra:
        head.append(story.extra.strip())
    body = copy(max(40, round(story.chars * scale)), index)
    return "---\n" + "\n".join(head) + "\n---\n" + "\n\n".join(body) + "\n"


def jpeg(width: int, height: int) -> bytes:
    img = Image.new("RGB", (width, height))
    for x in range(0, width, 40):
        img.paste((x % 255, 90, 160), (x, 0, x + 40, height))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()


def manifest(spec: PageSpec) -> str:
    lines = ["paper: 测试日报", "date: 2026-03-07", "issue: 100", "layout: broadsheet-8col",
             "pages:"]
    if spec.number != 1:  # the page under test is not a front page: a front page before it
        lines += ["  - number: 1", "    section: 要闻", "    slots:", spec.front.rstrip()]
    lines += [f"  - number: {spec.number}", "    section: 要闻", "    editor: 李明", "    slots:"]
    return "\n".join(lines) + "\n" + spec.slots


def write_page(folder: Path, spec: PageSpec, scale: float = 1.0) -> Path:
    """The edition folder of `spec` (every story's copy `scale` times as long)."""
    stories = {sid: story_file(sid, s, i, scale) for i, (sid, s) in enumerate(
        spec.stories.items())}
    if spec.number != 1:
        stories["front"] = story_file("front", Story(spec.front_chars, level=1), 0, 1.0)
    files = {f"photos/{name}": jpeg(*size) for name, size in spec.photos.items()}
    return write_edition(folder, manifest(spec), stories, files)


def fit_page(folder: Path, fonts):
    """(fitted edition, fit + compose diagnostics, story results, seconds) in a fresh
    session, as `paiban check` runs them."""
    with use_session(Session()):
        start = time.perf_counter()
        edition, warnings = load_edition(folder, project_root=ROOT)
        sizes, _ = image_sizes(edition)
        fit = fit_edition(edition, fonts, sizes)
        _doc, diags, results = compose_edition(fit.edition, fonts, sizes)
        seconds = time.perf_counter() - start
    return fit, list(warnings) + fit.diagnostics + diags, results, seconds


KICKER = dict(kicker="春日开新局 项目建设正当时", deck="总投资86.5亿元 建成后年产值预计突破120亿元")

FRONT = PageSpec(1, """\
      - stack:
          - row:
              - span: 5
                story: lead
                photo: {file: photos/site.jpg, span: 3, place: right, caption: 工人在施工现场作业。, credit: 记者 王平 摄}
              - span: 3
                stack:
                  - story: port
                  - {story: comment, box: true}
          - label: 聚焦平安澄川
          - row:
              - span: 2
                stack:
                  - {story: drill, headline: vertical}
                  - story: volunteer
              - span: 3
                stack: [{story: farming}, {story: run}]
              - span: 3
                stack:
                  - photo: {file: photos/river.jpg, caption: 江畔晨景。, credit: 记者 李青 摄}
                  - story: charge
          - row:
              - span: 4
                stack: [{story: culture}, {story: tech}]
              - span: 4
                stack:
                  - story: market
                  - ad: {text: 福运相伴 益起出彩}
""", {
    "lead": Story(1000, 1, **KICKER), "port": Story(400), "comment": Story(330, 3),
    "drill": Story(380), "volunteer": Story(260), "farming": Story(420), "run": Story(380),
    "charge": Story(300), "culture": Story(200), "tech": Story(170), "market": Story(300),
}, {"site.jpg": (1200, 800), "river.jpg": (1000, 1000)})

INSIDE = PageSpec(2, """\
      - stack:
          - row:
              - span: 3
                stack:
                  - label: 法治在线
                  - story: law
                  - story: court
                  - {story: column, box: true}
              - span: 5
                stack:
                  - story: harbour
                    photo: {file: photos/port.jpg, place: top, caption: 澄川港三期码头泊满货轮。, credit: 记者 沈一帆 摄}
                  - row:
                      - {span: 2, story: oldtown, headline: vertical}
                      - span: 3
                        stack: [{story: bus}, {story: school}]
          - row:
              - span: 5
                story: feature
                columns: 4
              - span: 3
                stack: [{story: night}, {story: books}]
          - ad: {text: 澄川福彩 公益同行 幸运相伴}
            lines: 12
""", {
    "law": Story(450), "court": Story(420), "column": Story(380, 3),
    "harbour": Story(900, 2, deck="三期码头投用 年吞吐能力再增300万吨"), "oldtown": Story(420),
    "bus": Story(260), "school": Story(240), "feature": Story(900, 2, kicker="走基层"),
    "night": Story(280), "books": Story(170),
}, {"port.jpg": (1600, 800)})

BRIEFS = PageSpec(3, """\
      - stack:
          - row:
              - span: 6
                stack:
                  - id: front-cont
                  - photo: {file: photos/wide.jpg, caption: 城市新区夜景。, credit: 记者 周晓岚 摄}
              - span: 2
                stack:
                  - label: 简讯
                  - story: brief1
                  - story: brief2
                  - story: brief3
                  - story: brief4
          - label: 社会
          - row:
              - span: 2
                stack: [{story: c5}, {story: c6}]
              - span: 2
                stack: [{story: c7, headline: vertical}, {story: c8}]
              - span: 4
                stack:
                  - story: c9
                    photo: {file: photos/tall.jpg, span: 2, place: right}
                  - {story: c10, box: true}
          - row:
              - {span: 4, story: c11}
              - span: 4
                stack:
                  - story: c12
                  - ad: {text: 诚信经营 放心消费}
""", {
    "brief1": Story(120, 3), "brief2": Story(140, 3), "brief3": Story(110, 3),
    "brief4": Story(130, 3), "c5": Story(300), "c6": Story(290), "c7": Story(340),
    "c8": Story(250), "c9": Story(520), "c10": Story(300, 3), "c11": Story(420),
    "c12": Story(200),
}, {"wide.jpg": (1800, 1000), "tall.jpg": (800, 1100)}, front="""\
      - story: front
        at: {column: 1, span: 8, top: 10, bottom: 100}
        continue: {page: 3, slot: front-cont}
""", front_chars=9500)

COMMENTARY = 'kind: commentary\nsignature: 本报评论员\nkicker: ——“建设新澄川”系列评论之三'
FEATURE = 'banner: 看临江区高质量发展\nauthor: 本报记者 王立群\nbyline: （本报临江3月6日电）'
BYLINE = "byline: （记者 张晓 通讯员 李明）"

REVIEW = PageSpec(2, """\
      - stack:
          - row:
              - span: 3
                stack:
                  - {story: commentary, box: true}
                  - label: 聚焦安全生产
                  - story: brief-a
                  - story: brief-b
                  - story: brief-c
              - span: 5
                stack:
                  - story: feature
                    photo: {file: photos/park.jpg, span: 3, place: right, caption: 老厂房改造的文创园里游人如织。, credit: 记者 郭远 摄}
                  - row:
                      - {span: 2, story: news-a}
                      - span: 3
                        stack: [{story: news-b}, {story: news-c}]
          - row:
              - span: 4
                story: cont-a
                continued_from: {page: 1}
              - span: 4
                stack:
                  - story: cont-b
                    continued_from: {page: 1}
                  - ad: {text: 安全生产 人人有责}
""", {
    "commentary": Story(820, 2, extra=COMMENTARY), "brief-a": Story(190, 3, extra=BYLINE),
    "brief-b": Story(170, 3, extra=BYLINE), "brief-c": Story(200, 3, extra=BYLINE),
    "feature": Story(1500, 2, extra=FEATURE), "news-a": Story(340), "news-b": Story(280),
    "news-c": Story(260), "cont-a": Story(900), "cont-b": Story(500),
}, {"park.jpg": (1400, 1000)})

PAGES = {"front": FRONT, "inside": INSIDE, "briefs": BRIEFS, "review": REVIEW}
