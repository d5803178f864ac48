"""Natural heights: how many grid lines an item takes at its width, set by the real composer.

In: a `Slot` (story, photo, label, ad or continuation) with the page and `ComposeContext`, and
a lever variant (photo lines, headline lines). Out: grid lines — a story is composed into a
trial slot of its width and a tall height and the lines it used are read back (headline group
with its size ladder, 竖题, photo, caption, body balanced in its columns, box insets); a
standalone photo from its aspect plus caption; a label from its text. Measurements are
memoised in the session (the composer's own caches make repeats cheap as well).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from typeset.compose.context import ComposeContext
from typeset.compose.photo import photo_block
from typeset.compose.setting import set_text
from typeset.compose.story import ChainLink, compose_story
from typeset.model.edition import GridArea, Page, Slot
from typeset.model.story import Story
from typeset.session import current

TALL = 8
"""A trial slot is this many pages' worth of grid lines tall (a story longer than that at its
width is overset even there, and reported by the composer)."""


@dataclass(frozen=True)
class Measure:
    """A story measured at a width: lines it takes, and what it holds."""

    lines: int
    chars: int
    """字数: body characters."""
    line_chars: float
    """Characters in one grid line across the slot (all text columns)."""
    overset: bool = False


def trial_slot(slot: Slot, ctx: ComposeContext, *, photo_lines: int | None = None,
               headline_lines: int | None = None, tracking: float | None = None,
               spacing: int | None = None) -> Slot:
    """The slot at its width, top at line 0, TALL pages deep, with no jump (and the levers'
    settings given)."""
    area = GridArea(1, slot.area.span, 0, ctx.layout.lines * TALL)  # heights: any column
    photo = slot.photo
    if photo is not None and photo_lines is not None:
        photo = replace(photo, lines=photo_lines)
    return replace(slot, area=area, continue_to=None, photo=photo,
                   headline_lines=slot.headline_lines if headline_lines is None
                   else headline_lines,
                   tracking=slot.tracking if tracking is None else tracking,
                   headline_spacing=slot.headline_spacing if spacing is None else spacing)


def story_height(story: Story, slot: Slot, page: Page, ctx: ComposeContext, *,
                 photo_lines: int | None = None, headline_lines: int | None = None,
                 tracking: float | None = None, spacing: int | None = None) -> Measure:
    """Grid lines `story` takes in `slot`'s width (its columns, box, headline option), with
    the levers' photo lines, 主题 lines, tracking and headline spacing when given."""
    key = (story, slot, page.number, ctx.layout, ctx.fonts, ctx.rules, photo_lines, headline_lines,
           tracking, spacing, _photo_size(slot, ctx))
    memo = current().memo("fit.story_height")
    hit = memo.get(key)
    if hit is not None:
        return hit
    trial = trial_slot(slot, ctx, photo_lines=photo_lines, headline_lines=headline_lines,
                       tracking=tracking, spacing=spacing)
    result = compose_story(story, [ChainLink(page, trial, ctx)])
    out = result.slots[0]
    inset = ctx.layout.box_inset_lines if slot.box else 0
    lines = out.lines_used + inset
    if trial.headline_vertical and not result.overset_text:
        # A 竖题 stands as tall as its slot allows: the least height that sets everything.
        lines = _least_height(story, trial, page, ctx, lines)
    chars = len(_body_text(story))
    measure = Measure(lines, chars, line_chars(slot, ctx), bool(result.overset_text))
    memo.put(key, measure)
    return measure


def _least_height(story: Story, trial: Slot, page: Page, ctx: ComposeContext, high: int
                  ) -> int:
    """The fewest grid lines (≤ `high`) in which `story` sets in `trial`'s width without
    overset (binary search over whole compositions)."""
    def fits(lines: int) -> bool:
        slot = replace(trial, area=replace(trial.area, bottom=lines))
        result = compose_story(story, [ChainLink(page, slot, ctx)])
        return not result.overset_text and not any(
            d.code in ("headline-overflows-slot", "overset") for d in result.diagnostics)

    return _fewest(1, high, fits)


def _fewest(low: int, high: int, ok) -> int:
    """The least n in low..high with ok(n), for an `ok` that stays true above it (bisection;
    `high` when none below it is)."""
    while low < high:
        mid = (low + high) // 2
        if ok(mid):
            high = mid
        else:
            low = mid + 1
    return high


HEAD_ONLY = ("headline-overflows-slot", "headline-without-body")


def least_cut(story: Story, slot: Slot, page: Page, ctx: ComposeContext, low: int, high: int
              ) -> int:
    """The fewest grid lines (from `low`, at most `high`) that a story cut to its slot's
    foot may be given: its headline group and two body lines under it (bisection)."""
    key = (story, slot, page.number, ctx.layout, ctx.fonts, ctx.rules, low, high)
    memo = current().memo("fit.least_cut")
    hit = memo.get(key)
    if hit is not None:
        return hit
    trial = trial_slot(slot, ctx)

    def readable(lines: int) -> bool:
        cut = replace(trial, area=replace(trial.area, bottom=lines))
        result = compose_story(story, [ChainLink(page, cut, ctx)])
        return not any(d.code in HEAD_ONLY for d in result.diagnostics)

    top = _fewest(low, high, readable)
    memo.put(key, top)
    return top


def remainder_height(story: Story, before: list[ChainLink], target: Slot, page: Page,
                     ctx: ComposeContext) -> int:
    """Grid lines the rest of `story` takes in continuation slot `target` after the parts
    `before` it (the first slot, then any continuations, in order) are filled, the jump lines
    included."""
    trial = trial_slot(target, ctx)
    result = compose_story(story, [*before, ChainLink(page, trial, ctx)])
    return result.slots[-1].lines_used if len(result.slots) > len(before) else 0


def photo_height(slot: Slot, ctx: ComposeContext) -> tuple[int, int]:
    """(block lines, caption lines) of a standalone photo at its slot's width, the picture
    from the image's aspect ratio (or `lines:`)."""
    width = ctx.grid.span_width(slot.area.span)
    block = photo_block(slot.photo, 0.0, 0, width, ctx.layout.lines * TALL, ctx)
    return block.lines, block.lines - block.picture_lines


def label_height(slot: Slot, ctx: ComposeContext) -> int:
    """A section label: its text lines in the label style, and a line for its rule."""
    style = ctx.style(slot.style or "label")
    para = set_text(slot.label, style, ctx.grid.span_width(slot.area.span), ctx, align="left")
    return ctx.grid.lines_for(len(para.lines) * style.pitch) + 1


def ad_min_height(slot: Slot, ctx: ComposeContext) -> int:
    """The least an ad slogan needs: its lines in the ad style, a line above and below."""
    if not slot.label:
        return 3
    style = ctx.style(slot.style or "ad")
    width = ctx.grid.span_width(slot.area.span) - 2 * style.size
    para = set_text(slot.label, style, width, ctx, align="center")
    return ctx.grid.lines_for(len(para.lines) * style.pitch) + 2


def line_chars(slot: Slot, ctx: ComposeContext) -> float:
    """Body characters in one grid line across the slot (every text column)."""
    from typeset.compose.story import text_columns

    xs, width = text_columns(slot, ctx)
    return len(xs) * width / ctx.layout.body_size


def _body_text(story: Story) -> str:
    return "".join(p.text for p in story.paragraphs)


def _photo_size(slot: Slot, ctx: ComposeContext):
    if slot.photo is None:
        return None
    return ctx.image_sizes.get(str(Path(ctx.edition.folder) / slot.photo.file))


def text_columns_of(slot: Slot, ctx: ComposeContext) -> tuple[list[float], float]:
    """The slot's text columns (left edges, width) as the composer sets them."""
    from typeset.compose.story import text_columns

    return text_columns(slot, ctx)


def picture_lines_at(slot: Slot, ctx: ComposeContext, width: float) -> int:
    """The picture's grid lines from the image's aspect at `width` pt."""
    photo = replace(slot.photo, caption="", credit="", lines=0)
    return photo_block(photo, 0.0, 0, width, ctx.layout.lines * TALL, ctx).picture_lines
