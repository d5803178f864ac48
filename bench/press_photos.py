"""Press-size photos for the benchmarks, generated at bench time (never committed).

In: a sample photo (for its scene and proportions), a seed and a kind. Out: a file the size a
press agency or staff camera delivers — 6000 px on the long side (≈ 24 MP) with fine detail
(film grain and a high-frequency texture, so the JPEG keeps ≈ 10 MB of entropy-coded data
like a real q92 camera file): a q92 RGB JPEG, a 16-bit greyscale TIFF, or an RGB PNG.

Files are cached in `CACHE` (a folder under the system's temporary folder) by their inputs, so
a second benchmark run does not spend a minute drawing them again.

    .venv/bin/python bench/press_photos.py OUT_FOLDER      # the sample's four, as the bench uses
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

LONG_SIDE = 6000
QUALITY = 92
CACHE = Path(tempfile.gettempdir()) / "typeset-bench-press-photos"
KINDS = {"jpeg": ".jpg", "tiff16": ".tif", "png": ".png"}


def press_photo(source: Path, dest_stem: Path, seed: int, kind: str = "jpeg") -> Path:
    """Write a press-size version of `source` at `dest_stem` + the kind's suffix; its path."""
    dest = dest_stem.with_suffix(KINDS[kind])
    key = hashlib.sha256(source.read_bytes() + f"{seed} {kind} {LONG_SIDE} {QUALITY} v1"
                         .encode()).hexdigest()[:24]
    cached = CACHE / f"{key}{KINDS[kind]}"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".tmp-{cached.name}")
        _draw(source, tmp, seed, kind)
        tmp.replace(cached)
    shutil.copyfile(cached, dest)
    return dest


def _draw(source: Path, dest: Path, seed: int, kind: str) -> None:
    import numpy as np
    from PIL import Image, ImageOps

    with Image.open(source) as im:
        im = ImageOps.exif_transpose(im).convert("RGB")
        if seed % 2:
            im = ImageOps.mirror(im)
        scale = LONG_SIDE / max(im.size)
        size = (round(im.width * scale), round(im.height * scale))
        base = np.asarray(im.resize(size, Image.Resampling.BICUBIC), dtype=np.float32)
    rng = np.random.default_rng(seed)
    h, w = base.shape[:2]
    y = np.arange(h, dtype=np.float32)[:, None]
    x = np.arange(w, dtype=np.float32)[None, :]
    texture = 14 * np.sin(x / (2.1 + seed % 5 * 0.3)) * np.cos(y / 2.9)  # leaves, fabric
    grain = rng.normal(0, 7, (h, w)).astype(np.float32)
    pixels = base + (texture + grain)[..., None]
    if kind == "tiff16":
        grey = pixels @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        data = np.clip(grey * 257, 0, 65535).astype(np.uint16)
        Image.fromarray(data).save(dest, "TIFF")  # uint16: mode I;16
        return
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if kind == "png":
        image.save(dest, "PNG", compress_level=1)
    else:
        image.save(dest, "JPEG", quality=QUALITY)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    sample = Path(__file__).resolve().parent.parent / "editions" / "sample" / "photos"
    for seed, (name, kind) in enumerate((("plant-site", "jpeg"), ("riverside", "jpeg"),
                                         ("port", "tiff16"), ("blossom", "png"))):
        path = press_photo(sample / f"{name}.jpg", out / name, seed, kind)
        print(f"{path} {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
