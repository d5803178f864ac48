"""The ink-limit JPEG loop as first written (commit 07f2630): whole-image passes, one `_limit`
call per tile (with one fix: it never pastes into the caller's image). Kept as the oracle that `inklimit.jpeg_within_limit`, which only revisits the
tiles that can have changed, must match byte for byte."""

from __future__ import annotations

import io

from PIL import Image, ImageMath

from typeset.render.pdf.inklimit import (
    CORRECTION_PASSES, JPEG_HEADROOM, _limit, _tiles_with_excess, _total,
)


def reference_jpeg_within_limit(im: Image.Image, max_ink: float, quality: int,
                                passes: int = CORRECTION_PASSES) -> bytes:
    def encode(image: Image.Image) -> bytes:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=int(quality), optimize=False)
        return buffer.getvalue()

    if max_ink <= 0 or max_ink >= 400:
        return encode(im)
    limit = max_ink * 255.0 / 100.0
    target = max(limit - JPEG_HEADROOM * 2.55, 255.0)
    limited = _limit(im, target)
    if limited is im:  # the original pasted into `im` itself here; the oracle does not
        limited = im.copy()
    data = encode(limited)
    targets: dict[tuple[int, int, int, int], float] = {}
    for _ in range(passes):
        with Image.open(io.BytesIO(data)) as back:
            excess = ImageMath.lambda_eval(lambda a: a["max"](a["t"] - limit, 0.0),
                                           t=_total(back)).convert("L")
        if excess.getextrema()[1] == 0:
            break
        for box in _tiles_with_excess(excess):
            worst = excess.crop(box).getextrema()[1]
            targets[box] = max(targets.get(box, target) - worst - 1.0, 255.0)
            limited.paste(_limit(im.crop(box), targets[box]), box[:2])
        data = encode(limited)
    return data
