"""End to end: an edition whose manifest asks for vertical headlines checks clean, builds a
PDF, and the PDF's text gives the headlines back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from editions_kit import PAGE_ONE

from typeset.cli.main import main

MANIFEST = PAGE_ONE + """\
      - story: farming
        at: {column: 1, span: 3, top: 10, bottom: 24}
        headline: vertical
      - story: port
        at: {column: 4, span: 3, top: 10, bottom: 22}
        headline: {vertical: left, lines: 2}
"""

FARMING = """\
---
kicker: 惊蛰过后 春耕24小时
headline: 春耕备耕正当时 智慧农机下田来
deck: ——全市已储备化肥8.6万吨
level: 1
dateline: 本报讯（记者 许文博）
---
惊蛰过后，春回大地。连日来，各地抢抓农时，翻耕土地、育秧备种、检修农机，田间地头处处是繁忙景象。

在河湾镇的千亩高标准农田里，两台无人驾驶拖拉机正按照预设路线来回作业，所过之处泥土翻滚。“这台拖拉机装了北斗导航系统，一天能耕地120亩，顶得上过去十几个人干的活。”种粮大户陈建国一边操作平板电脑一边说。

农资供应是春耕生产的“先手棋”。目前，全市已储备各类化肥8.6万吨、农药1200吨、水稻和玉米良种2100余吨，能够满足春耕生产需要。各地农技人员深入田间，开展“科技服务春耕”活动，已举办培训班230余期，培训农民1.5万人次。

在北山区丰乐镇的育秧工厂里，一排排秧盘整齐码放，嫩绿的秧苗已经冒出新芽。工厂采用智能温控和自动喷灌系统，育秧周期比传统方式缩短5至7天，成秧率提高到95%以上。
"""

PORT = """\
---
headline: 澄川港外贸航线再添新班
level: 2
dateline: 本报讯
byline: （孙浩然）
---
3月5日上午，随着一声汽笛长鸣，满载汽车零部件和机电设备的“澄远”号货轮从澄川港三期码头缓缓驶离，前往越南海防港。这标志着澄川港至东南亚的第4条外贸直达航线正式开通。

新航线每周一班，单程航期约9天，比经上海港中转缩短5至6天，每个标准箱可为企业节省物流成本约800元。“以前我们的产品要先运到上海再装船，现在在家门口就能直接出海。”一家企业的物流负责人说。

为保障新航线顺利运营，港务集团提前对接船公司和货主企业，量身定制装卸方案，推行“船边直提”“抵港直装”等便利化措施；海关部门设立专门窗口，货物通关时间压缩至2小时以内。
"""


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vertical") / "ed"
    (folder / "stories").mkdir(parents=True)
    (folder / "edition.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "stories" / "farming.md").write_text(FARMING, encoding="utf-8")
    (folder / "stories" / "port.md").write_text(PORT, encoding="utf-8")
    return folder


def test_check_is_clean(edition):
    result = CliRunner().invoke(main, ["check", str(edition), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] is True
    problems = [d for d in report["diagnostics"] if d["severity"] in ("error", "warning")]
    assert problems == [], problems


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_build_writes_a_pdf_whose_text_holds_the_vertical_headlines(edition, tmp_path):
    pdf = tmp_path / "v.pdf"
    result = CliRunner().invoke(main, ["build", str(edition), "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    # -raw keeps the content stream's order: a vertical column's characters come one a line
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", raw)
    for text in ("春耕备耕正当时", "智慧农机下田来", "——全市已储备化肥8.6万吨", "惊蛰过后春耕24小时",
                 "澄川港外贸航线再添新班", "惊蛰过后，春回大地。"):
        assert text in flat, text
