"""Checks on what each page paints: colour spaces, transparency, overprint, sizes, images.

In: the `PageMarks` of every page (from `content.page_marks`) and the profile. Out: findings
with the check ids colour_rgb, transparency, black_text_overprint, white_overprint,
gray_black_text, rich_black_small_text, image_ppi, image_ppi_recommended, image_ppi_1bit,
text_size, line_width, zero_width_lines, content_stream.
"""

from __future__ import annotations

from typeset.preflight.bounds import MAX_IMAGE_PIXELS
from typeset.preflight.content import PageMarks
from typeset.preflight.result import Finding, failed, noted, passed, warned
from typeset.preflight.settings import PreflightProfile

ALLOWED_SPACES = {"DeviceCMYK", "DeviceGray", "Separation", "DeviceN", "Pattern", "mask",
                  "Indexed-DeviceCMYK", "Indexed-DeviceGray"}


def _summary(check: str, findings: list[Finding], ok: str) -> list[Finding]:
    if any(f.code == check for f in findings):
        return findings
    return findings + [passed(check, ok)]


def _inside(text, area) -> bool:
    return area is None or (area[0] <= text.x <= area[2] and area[1] <= text.y <= area[3])


def check_pages(pages: list[PageMarks], profile: PreflightProfile,
                areas: list | None = None) -> list[Finding]:
    """Run every painting check over all pages; one finding per page and problem.

    `areas` (per page: the BleedBox, else TrimBox, as x0 y0 x1 y1) limits the text checks
    (size, overprint, rich black) to text printed on the page, not the slug outside it."""
    out: list[Finding] = []
    smallest: float | None = None
    for number, marks in enumerate(pages, start=1):
        area = areas[number - 1] if areas else None
        marks = PageMarks([t for t in marks.texts if _inside(t, area)], marks.strokes,
                          marks.fills, marks.images, marks.colour_spaces, marks.transparency,
                          marks.fonts_selected, marks.errors)
        for problem in marks.errors[:3]:
            out.append(failed("content_stream", problem, number))
        bad = sorted(s for s in marks.colour_spaces if s not in ALLOWED_SPACES)
        if bad:
            out.append(failed("colour_rgb", "colour spaces not allowed in CMYK-only output: "
                              + ", ".join(bad), number))
        if marks.transparency:
            out.append(failed("transparency", "; ".join(sorted(set(marks.transparency))[:4]),
                              number))
        _overprint(marks, number, profile, out)
        _images(marks, number, profile, out)
        sizes = [t.size for t in marks.texts if t.render_mode != 3]
        if sizes:
            low = min(sizes)
            smallest = low if smallest is None else min(smallest, low)
            solid_low = min((t.size for t in marks.texts if t.render_mode != 3
                             and t.fill.inks <= 1), default=None)
            multi_low = min((t.size for t in marks.texts if t.render_mode != 3
                             and t.fill.inks > 1), default=None)
            if solid_low is not None and solid_low < profile.min_text_pt - 0.005:
                out.append(warned("text_size", f"text as small as {solid_low:.2f} pt (minimum "
                                  f"{profile.min_text_pt} pt)", number, smallest=round(low, 2)))
            if multi_low is not None and multi_low < profile.min_text_multi_ink_pt - 0.005:
                out.append(warned("text_size", f"multi-ink text as small as {multi_low:.2f} pt "
                                  f"(minimum {profile.min_text_multi_ink_pt} pt)", number))
        widths = [s.width for s in marks.strokes if not s.paint.is_white]
        if any(w == 0 for w in widths):
            out.append(failed("zero_width_lines", "lines of width 0 (device hairlines, invisible "
                                                  "on a plate setter)", number))
        thin = [w for w in widths if 0 < w < profile.min_line_pt - 0.0005]
        if thin:
            out.append(warned("line_width", f"lines as thin as {min(thin):.3f} pt (minimum "
                                            f"{profile.min_line_pt} pt)", number))
    out = _summary("content_stream", out, "every content stream parsed")
    out = _summary("colour_rgb", out, "CMYK and grey only (no RGB, Lab or ICC colour)")
    out = _summary("transparency", out, "no transparency")
    out = _summary("black_text_overprint", out, "black text overprints (op true, OPM 1)")
    out = _summary("white_overprint", out, "nothing white overprints")
    out = _summary("rich_black_small_text", out, "no rich black small text")
    out = _summary("image_ppi", out, f"every image ≥ {profile.ppi_error:.0f} ppi")
    out = _summary("image_ppi_recommended", out, f"every image ≥ {profile.ppi_warn:.0f} ppi")
    size_note = f"smallest text {smallest:.2f} pt" if smallest is not None else "no text"
    out = _summary("text_size", out, size_note)
    out = _summary("zero_width_lines", out, "no zero-width lines")
    out = _summary("line_width", out, f"every line ≥ {profile.min_line_pt} pt")
    return out


def _overprint(marks: PageMarks, number: int, profile: PreflightProfile, out: list) -> None:
    knockouts = [t for t in marks.texts if t.fill.is_pure_black and t.render_mode in (0, 2)
                 and t.size <= profile.black_text_overprint_max_pt + 0.005
                 and not (t.op and t.opm == 1)]
    if knockouts:
        first = knockouts[0]
        why = "does not overprint" if not first.op else "overprints with OPM 0 (CMY still knock out)"
        make = failed if profile.black_overprint_is_error else warned
        out.append(make("black_text_overprint", f"{len(knockouts)} black text shows {why}",
                        number))
    grey = [t for t in marks.texts if t.fill.is_gray_black and t.render_mode in (0, 2)]
    if grey:
        out.append(warned("gray_black_text", f"{len(grey)} text shows in DeviceGray black "
                                             f"(use 0 0 0 1 k)", number))
    white = ([f"text ({t.font})" for t in marks.texts if t.fill.is_white and t.op]
             + ["stroke" for s in marks.strokes if s.paint.is_white and s.op]
             + ["fill" for f in marks.fills if f.paint.is_white and f.op])
    if white:
        out.append(failed("white_overprint", f"white set to overprint (it would vanish): "
                                             f"{', '.join(sorted(set(white)))}", number))
    rich = [t for t in marks.texts if t.fill.is_rich_black and t.size < 12]
    if rich:
        out.append(warned("rich_black_small_text", f"{len(rich)} text shows under 12 pt in "
                                                   f"rich black (register risk)", number))


def _images(marks: PageMarks, number: int, profile: PreflightProfile, out: list) -> None:
    for image in marks.images:
        label = f"image {image.name} ({image.width}×{image.height} px)"
        if image.width * image.height > MAX_IMAGE_PIXELS:
            out.append(failed("image_size", f"{label} declares more than "
                              f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels: a RIP may run "
                              "out of memory decoding it", number,
                              pixels=image.width * image.height))
        if image.ppi <= 0:
            continue
        if image.bpc == 1 or image.image_mask:
            if image.ppi < profile.ppi_line_art - 0.5:
                out.append(warned("image_ppi_1bit", f"{label}: line art at {image.ppi:.0f} ppi "
                                  f"(recommended {profile.ppi_line_art:.0f})", number))
            continue
        if image.ppi < profile.ppi_error - 0.5:
            out.append(failed("image_ppi", f"{label}: {image.ppi:.0f} ppi effective (minimum "
                                           f"{profile.ppi_error:.0f})", number,
                              ppi=round(image.ppi, 1)))
        elif image.ppi < profile.ppi_warn - 0.5:
            out.append(warned("image_ppi_recommended", f"{label}: {image.ppi:.0f} ppi effective "
                              f"(recommended {profile.ppi_warn:.0f})", number,
                              ppi=round(image.ppi, 1)))


def text_extraction(pages: list[PageMarks], texts: list[str] | None, why: str) -> list[Finding]:
    """C4: pages that show text give text back through pdftotext, without U+FFFD."""
    if texts is None:
        return [noted("text_extract", f"text extraction not checked: {why}")]
    out: list[Finding] = []
    for number, marks in enumerate(pages, start=1):
        shown = [t for t in marks.texts if t.render_mode != 3]
        text = texts[number - 1] if number - 1 < len(texts) else ""
        if "\ufffd" in text:
            out.append(failed("text_extract", f"{text.count(chr(0xFFFD))} characters extract as "
                                              f"U+FFFD (broken ToUnicode)", number))
        elif shown and not text.strip():
            out.append(failed("text_extract", "the page shows text but none can be extracted",
                              number))
    return _summary("text_extract", out, "text extracts cleanly")
