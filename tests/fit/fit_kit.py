"""Helpers for fitting tests: stories of a given length, editions with stacks written to
tmp_path, and the fit + compose of them with the real fonts."""

from __future__ import annotations

from pathlib import Path

from editions_kit import PAGE_ONE
from manifest_kit import EditionMaker

from typeset.compose import compose_edition
from typeset.fit import fit_edition
from typeset.pipeline import image_sizes

COPY = ("澄川市今年将新建公共充电桩1200个，覆盖全部街道和重点乡镇，新能源汽车车主充电难的问题将"
        "得到缓解。市发展改革委有关负责人介绍，新建的充电桩中，快充桩占比超过一半。家住河西街道"
        "的市民周女士说，过去找桩要绕好几条街，现在小区门口就能充。据统计，全市新能源汽车保有量"
        "已达八万六千辆，同比增长三成多。")


def story_text(chars: int, headline: str = "全市新建充电桩千余个", paragraphs: int = 0) -> str:
    """A story file of about `chars` body characters in paragraphs of ≤ 150."""
    body = (COPY * (chars // len(COPY) + 1))[:chars]
    size = 150 if not paragraphs else max(1, chars // paragraphs)
    paras = [body[i:i + size] for i in range(0, len(body), size)]
    return f"---\nheadline: {headline}\ndateline: 本报讯\n---\n" + "\n\n".join(paras) + "\n"


def manifest(slots: str, pages: str = "") -> str:
    """PAGE_ONE with `slots` (indented 6 spaces, as written under slots:) and more pages."""
    return PAGE_ONE + slots + pages


def fitted(tmp_path: Path, slots: str, stories: dict[str, str], fonts, pages: str = "",
           files: dict | None = None):
    """(fit result, compose diagnostics, edition folder) of a one-page edition."""
    maker = EditionMaker(tmp_path)
    folder = maker.write(manifest(slots, pages), stories, files)
    edition, _warnings = maker.load(folder)
    sizes, _ = image_sizes(edition)
    result = fit_edition(edition, fonts, sizes)
    _doc, diags, _stories = compose_edition(result.edition, fonts, sizes)
    return result, diags, folder


def codes(diags) -> list[str]:
    return [d.code for d in diags]
