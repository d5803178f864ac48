"""Units that stay whole on a line (HOUSE rules of Chinese news desks, cjk-rules.md §d).

In: a `Preparation` with its break classes and the pieces that are not ideographs. Out: the
legal breaks inside these units turned HOUSE (the grid fill keeps them whole; the optimiser
breaks one only when every other choice leaves a line loose — a cost, never 稀排):
- a number and its unit or quantifier: 1220.3亿元, 4.3万, 20周年, 230千伏, 3月5日, 15时30分, 20余人,
  ３．５亿 (full-width digits and their decimal point too);
- a dateline's date with its 电 and the agency with its place: 新华社哈瓦那 | 1月12日电
  (a line may break between the place and the date, or after 电);
- a parenthesised byline or credit (names, 、, spaces; up to 16 characters): （于健、付磊）,
  （记者　王勇　通讯员　李明）;
- a source without place and date: 本报讯, 新华社电; an ordinal's 第 with its number: 第12届;
- a photo credit: 本报记者　张秀丽　摄, 新华社记者　王勇　摄, 郭苑甫　摄;
- a jump label typed in the copy: （转第3版）, （下转第12版）, （上接A2版）;
- a range of numbers: 63%～68%, 3～5年, 2026—2028年, 400—429页 (the connector may end a line
  by the basic rules; the desk keeps the range on one);
- a magnitude with its unit: 9.5万平方米, 300多万元 (万/亿 and the unit after them).
The unit lists are data (`UNITS`), not special cases in the breaker. A range's break after
its connector and a magnitude's before its unit are the units' seams (`Preparation.seams`):
when a unit must be broken, the optimiser breaks it there at half the cost.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from typeset.text import classes as C
from typeset.text.pieces import HOUSE, LEGAL, Preparation

UNITS = (
    "亿元 万元 千元 百元 美元 欧元 日元 英镑 港元 亿美元 万美元 万亿 万亿元 亿 万 千 百 元 角 "
    "周年 年 个月 月 日电 日 号 时 小时 分钟 分 秒 天 周 岁 "
    "个百分点 百分点 个 只 次 人次 万人次 名 人 户 家 所 项 条 件 台 辆 架 艘 座 栋 套 位 倍 "
    "部 批 期 届 版 张 本 篇 场 轮 起 例 种 类 支 股 份 处 块 颗 枚 头 株 亩 公顷 平方公里 平方米 立方米 公里 千米 米 厘米 "
    "毫米 千克 公斤 克 吨 万吨 亿吨 升 毫升 度 摄氏度 千伏 千瓦 千瓦时 万千瓦 兆瓦 吉瓦 伏 瓦 "
    "赫兹 兆 元/吨 岁 页 ℃"
).split()
"""Units and quantifiers kept with the number before them (longest match wins); 多/余
between the number and the unit (20余人, 300多万) stay with both."""

_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _u in sorted(set(UNITS), key=len, reverse=True):
    _BY_FIRST[_u[0]] = _BY_FIRST.get(_u[0], ()) + (_u,)

_MAGNITUDES = frozenset({"万", "亿", "万亿", "千", "百", "千万", "百万"})
"""Units after which another unit may follow (9.5万|平方米, 300多万|元): kept together."""
_APPROX = "多余"
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_NUMBER_CLASSES = frozenset({C.LA, C.FA})
_DATELINE = re.compile(r"(?:新华社|中新社|本报|央视|新华网)[\u4e00-\u9fff]{1,8}?"
                       r"(?=[0-9０-９]{1,2}月[0-9０-９]{1,2}日[电讯])")
_SOURCE = re.compile(r"(?:本报|新华社|中新社|新华网)[讯电发]")
"""A dateline or source without place and date: 本报讯, 新华社电, 新华社发."""
_PAREN = re.compile(r"（[\u4e00-\u9fff、·　 ]{2,16}）")
"""A byline or credit in parentheses: names, 记者, 、 and spaces only (not （2026—2028年）)."""
_CREDIT = re.compile(r"(?:(?:本报|特约|新华社|中新社|人民日报)?(?:摄影)?(?:记者|通讯员)[\u3000 ]*"
                     r"[\u4e00-\u9fff]{2,4}(?:[、\u3000 ]+[\u4e00-\u9fff]{2,4})*[\u3000 ]*"
                     r"|[\u4e00-\u9fff]{2,3}(?:[、\u3000 ]+[\u4e00-\u9fff]{2,3})*[\u3000 ]+)摄")
"""A photo credit: 本报记者　张秀丽　摄, 新华社记者　王勇　摄, or a name and a space before 摄
(郭苑甫　摄; without the space, 拍摄 and 航摄 are words of the text)."""
_JUMP = re.compile(r"（(?:下转|转|上接|接|紧接|续)第?[0-9０-９A-Za-zＡ-Ｚ]{1,4}版）")
"""A jump label typed in the copy: （转第3版）, （下转第12版）, （上接A2版）."""
_CONNECTORS = "～~—–-－至"
_RANGE = re.compile(r"[0-9０-９][0-9０-９.,．%％]*([" + re.escape(_CONNECTORS) + r"])"
                    r"[0-9０-９][0-9０-９.,．]*")
"""A range of numbers: 63%～68%, 3～5, 2026—2028, 400—429 (its unit is kept by the number's);
group 1 is the connector, after which the range's seam is."""


def _number_start(text: str, end: int) -> int:
    """Where the number (digits and decimal points) ending at text[end] starts."""
    start = end
    while start > 0 and (text[start - 1] in _DIGITS or text[start - 1] in ".．"):
        start -= 1
    return start


def unit_after(text: str, at: int) -> int:
    """Length of the unit or quantifier (with a 多/余 before it) starting at text[at], or 0."""
    if at >= len(text):
        return 0
    lead = 1 if text[at] in _APPROX else 0
    for unit in _BY_FIRST.get(text[at + lead:at + lead + 1], ()):
        if text.startswith(unit, at + lead):
            return lead + len(unit)
    return 0


def keep_units(prep: Preparation, other: list[int]) -> None:
    """Turn the legal breaks inside numbers-with-units, datelines, bylines and credits HOUSE."""
    text, starts, cls, brk = prep.text, prep.starts, prep.char_class, prep.break_after
    n = len(cls)
    numbers, digits, point = _NUMBER_CLASSES, _DIGITS, "．" in text
    for k in other:
        if k + 1 >= n or not (point or cls[k] in numbers):
            continue                            # (nothing below applies)
        end = starts[k + 1]
        last = text[end - 1]
        if last == "．" and text[end:end + 1] in digits and text[end - 2:end - 1] in digits:
            if brk[k] == LEGAL:
                brk[k] = HOUSE                   # ３．|５
            continue
        if cls[k] not in numbers or last not in digits:
            continue
        if text[end] == "．" and text[end + 1:end + 2] in _DIGITS:
            if brk[k] == LEGAL:
                brk[k] = HOUSE                   # ３|．５
            continue
        if cls[k + 1] in _NUMBER_CLASSES:
            continue
        length = unit_after(text, end)
        if not length:
            continue
        stop = end + length
        more = unit_after(text, stop) if text[end:stop].lstrip(_APPROX) in _MAGNITUDES else 0
        if more:
            _seam(prep, stop)                    # 9.5万|平方米, 300多万|元: the seam
            stop += more
        j = k
        while j + 1 < n and starts[j + 1] < stop:
            if brk[j] == LEGAL:
                brk[j] = HOUSE
            j += 1
        if text[stop - 1] in "月时" and text[stop:stop + 1] in _DIGITS and j + 1 < n:
            if brk[j] == LEGAL:
                brk[j] = HOUSE                   # 3月|5日, 15时|30分: a date, a time
        begin = _number_start(text, end)
        if begin > 0 and text[begin - 1] == "第":
            _bind(prep, begin - 1, end)          # 第|12届: an ordinal stays whole
    if "日电" in text or "日讯" in text:
        for found in _DATELINE.finditer(text):
            _bind(prep, found.start(), found.end())
    if "本报" in text or "社" in text or "网" in text:
        for found in _SOURCE.finditer(text):
            _bind(prep, found.start(), found.end())
    if "（" in text:
        for found in _PAREN.finditer(text):
            _bind(prep, found.start(), found.end())
    if "摄" in text:
        for found in _CREDIT.finditer(text):
            _bind(prep, found.start(), found.end())
    if "版）" in text:
        for found in _JUMP.finditer(text):
            _bind(prep, found.start(), found.end())
    if any(mark in text for mark in _CONNECTORS):
        for found in _RANGE.finditer(text):
            _bind(prep, found.start(), found.end())
            _seam(prep, found.end(1))


def _seam(prep: Preparation, at: int) -> None:
    """The break before text[at], inside a unit kept whole, is its seam (`Preparation.seams`)."""
    j = bisect_right(prep.starts, at - 1) - 1
    if 0 <= j < len(prep.break_after) - 1 and prep.starts[j + 1] == at:
        prep.seams.add(j)


def _bind(prep: Preparation, a: int, b: int) -> None:
    """No break between the pieces that hold text[a:b]."""
    starts, brk = prep.starts, prep.break_after
    first = bisect_right(starts, a) - 1
    last = bisect_right(starts, b - 1) - 1
    for j in range(first, min(last, len(brk) - 1)):
        if brk[j] == LEGAL:
            if brk[j] == LEGAL:
                brk[j] = HOUSE
