"""The `ad:` of an advertisement slot: `{text: …}`, `{file: ads/x.jpg}` or `{file: ads/x.pdf,
page: 2}`.

In: the slot's reader and its `SlotContext`. Out: (file, slogan text, page, trim size) for
`Slot.ad_file`, `.label`, `.ad_page` and `.ad_trim`. A PDF ad is opened here, when the edition
loads, so `paiban check` tells the desk before the final build: a page beyond the file's
pages, an encrypted or unreadable file are errors; fonts not embedded, RGB or Lab colour and
(in a PDF/X-1a edition) transparency are warnings — each at the manifest's file:line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typeset.manifest.fields import MapReader

if TYPE_CHECKING:
    from typeset.manifest.slots import SlotContext

AD_KEYS = ("file", "page", "text")
DEFAULT_PDFX = "PDF/X-1a:2003"


def read_ad(r: MapReader, ctx: SlotContext
            ) -> tuple[str, str, int, tuple[float, float] | None]:
    """The slot's `ad:` mapping → (file or '', slogan or '', page (1-based), trim (w, h) pt)."""
    problems = ctx.problems
    ad = r.mapping("ad", "ad", AD_KEYS, required=True)
    if ad is None:
        return "", "", 1, None
    if ad.has("file") == ad.has("text"):
        problems.error("slot-form", "an ad needs either file: or text:", ad.source,
                       hint="ad: {file: ads/lottery.png}  or  ad: {text: 福运相伴 益起出彩}")
    file = (ctx.file(ad, "file", "ad file", image="ad") or "") if ad.has("file") else ""
    label = ad.text("text", max_chars=500, printed=True)
    page = ad.integer("page", 1, low=1, high=100_000, example="2") or 1
    if ad.has("page") and not str(ad.raw("file") or "").lower().endswith(".pdf"):
        problems.error("not-here", "'page' picks a page of a PDF ad; this ad is "
                       + ("an image" if ad.has("file") else "a slogan"), ad.key_at("page"),
                       hint="remove page:, or give the ad as a PDF file")
    trim = None
    if file.lower().endswith(".pdf"):
        trim = _check_pdf(ad, file, page, ctx)
    return file, label, page, trim


def _check_pdf(ad: MapReader, file: str, page: int, ctx: SlotContext
               ) -> tuple[float, float] | None:
    """Open the PDF ad (cheaply) and report what a print shop would; its trim size or None."""
    from typeset.preflight.ad_artwork import inspect_ad  # pikepdf loads only for PDF ads

    pdfx = str(ctx.layout.output.get("pdfx", DEFAULT_PDFX))
    art = inspect_ad(ctx.folder / file, page, name=file, pdfx_1a=pdfx.startswith("PDF/X-1a"))
    for finding in art.findings:
        report = ctx.problems.error if finding.severity == "error" else ctx.problems.warn
        report(finding.code, finding.message, ad.at("file"), hint=finding.hint)
    if art.pages and page > art.pages:
        pages = f"{art.pages} page" + ("s" if art.pages > 1 else "")
        ctx.problems.error("ad-page", f"{file} has {pages}; page {page} was asked for",
                           ad.at("page"),
                           hint="page: 1" + (f" … {art.pages}" if art.pages > 1 else ""))
    return art.trim
