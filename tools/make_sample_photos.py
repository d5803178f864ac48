"""Make the sample edition's photos: deterministic, photo-like JPEGs with EXIF, from nothing.

In: nothing (or an output folder as the first argument; default editions/sample/photos).
Out: plant-site.jpg, riverside.jpg, port.jpg, blossom.jpg, museum.jpg and egrets.jpg — RGB
JPEGs sized for at least 200 ppi at their placed size in the sample edition, each under
~300 KB, with EXIF (camera, date, artist, copyright). Scenes are drawn from gradients, shapes
and film-grain noise, all driven by fixed seeds, so running this twice gives the same bytes.

    .venv/bin/python tools/make_sample_photos.py [FOLDER]
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
QUALITY = 80
MAX_BYTES = 300_000

Color = tuple[int, int, int]


def gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    """A vertical gradient from `top` to `bottom`."""
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / max(h - 1, 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((w, h))


def grain(size: tuple[int, int], seed: int, strength: int = 18, scale: int = 1
          ) -> Image.Image:
    """Seeded grey noise centred on 128 (film grain); `scale` > 1 makes it blotchier."""
    rng = random.Random(seed)
    w, h = max(size[0] // scale, 1), max(size[1] // scale, 1)
    raw = rng.randbytes(w * h)
    noise = Image.frombytes("L", (w, h), raw)
    noise = noise.point(lambda v: 128 + (v - 128) * strength // 128)
    if scale > 1:
        noise = noise.resize(size, Image.BILINEAR)
    return noise


def add_grain(image: Image.Image, seed: int) -> Image.Image:
    """Fine grain plus a soft blotchy texture, added to every channel."""
    fine = grain(image.size, seed, 14)
    coarse = grain(image.size, seed + 1, 28, scale=16)
    texture = ImageChops.add(fine, coarse, scale=2.0)
    texture = Image.merge("RGB", (texture,) * 3)
    out = ImageChops.add(image, texture, offset=-128)
    return out


def ridge(draw: ImageDraw.ImageDraw, size, base: float, amp: float, color: Color,
          rng: random.Random) -> None:
    """A range of hills: a sum of sines above `base` (fraction of the height)."""
    w, h = size
    waves = [(rng.uniform(1.5, 5), rng.uniform(0, 6.3), rng.uniform(0.3, 1)) for _ in range(4)]
    points = [(0, h)]
    for x in range(0, w + 8, 8):
        y = base * h - amp * h * sum(a * math.sin(f * x / w * 6.28 + p) for f, p, a in waves) / 3
        points.append((x, y))
    points.append((w, h))
    draw.polygon(points, fill=color)


def vignette(image: Image.Image) -> Image.Image:
    """Darken the corners a little, as a lens does."""
    w, h = image.size
    mask = Image.new("L", (w // 8, h // 8), 0)
    d = ImageDraw.Draw(mask)
    d.ellipse((-w // 40, -h // 40, w // 8 + w // 40, h // 8 + h // 40), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(w // 60)).resize((w, h), Image.BILINEAR)
    dark = Image.eval(image, lambda v: v * 3 // 4)
    return Image.composite(image, dark, mask)


def plant_site(seed: int) -> Image.Image:
    """A construction site: sky, hills, steel frames and tower cranes."""
    size = (1200, 750)
    w, h = size
    rng = random.Random(seed)
    img = gradient(size, (118, 160, 208), (214, 226, 236))
    d = ImageDraw.Draw(img)
    ridge(d, size, 0.55, 0.06, (120, 140, 150), rng)
    d.rectangle((0, int(h * 0.62), w, h), fill=(150, 128, 100))
    for i in range(9):                                  # steel frames
        x0 = 60 + i * 125 + rng.randint(-10, 10)
        top = int(h * rng.uniform(0.38, 0.5))
        d.rectangle((x0, top, x0 + 100, int(h * 0.66)), outline=(70, 70, 78), width=5)
        for y in range(top, int(h * 0.66), 28):
            d.line((x0, y, x0 + 100, y), fill=(80, 80, 90), width=3)
    for cx, jib in ((260, 520), (820, 430)):            # tower cranes
        d.rectangle((cx - 9, int(h * 0.08), cx + 9, int(h * 0.66)), fill=(228, 180, 40))
        for y in range(int(h * 0.08), int(h * 0.66), 24):
            d.line((cx - 9, y, cx + 9, y + 24), fill=(150, 110, 20), width=2)
        d.rectangle((cx - jib // 3, int(h * 0.08), cx + jib, int(h * 0.08) + 12),
                    fill=(228, 180, 40))
        d.line((cx + jib * 0.7, int(h * 0.08) + 12, cx + jib * 0.7, int(h * 0.3)),
               fill=(40, 40, 40), width=2)
        d.rectangle((cx + jib * 0.7 - 30, int(h * 0.3), cx + jib * 0.7 + 30, int(h * 0.3) + 14),
                    fill=(90, 90, 100))
    for _ in range(14):                                 # workers in orange vests
        x, y = rng.randint(40, w - 40), rng.randint(int(h * 0.7), h - 40)
        d.ellipse((x, y, x + 10, y + 10), fill=(240, 200, 170))
        d.rectangle((x - 2, y + 10, x + 12, y + 32), fill=(240, 110, 30))
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    return vignette(add_grain(img, seed))


def riverside(seed: int) -> Image.Image:
    """A riverside greenway at dawn: warm sky, far city, river, trees and runners."""
    size = (2200, 1000)
    w, h = size
    rng = random.Random(seed)
    img = gradient(size, (244, 196, 150), (180, 200, 220))
    d = ImageDraw.Draw(img)
    d.ellipse((1500, 180, 1640, 320), fill=(255, 236, 200))
    for i in range(40):                                 # far skyline
        x = i * 58 + rng.randint(-8, 8)
        top = int(h * rng.uniform(0.28, 0.46))
        d.rectangle((x, top, x + rng.randint(30, 55), int(h * 0.52)), fill=(150, 150, 170))
    d.rectangle((0, int(h * 0.52), w, int(h * 0.72)), fill=(120, 150, 175))
    for _ in range(160):                                # ripples
        y = rng.randint(int(h * 0.53), int(h * 0.71))
        x = rng.randint(0, w)
        d.line((x, y, x + rng.randint(30, 120), y), fill=(200, 190, 180), width=2)
    d.rectangle((0, int(h * 0.72), w, h), fill=(90, 130, 70))
    d.polygon([(0, h), (w * 0.35, h * 0.74), (w * 0.62, h * 0.74), (w, h)], fill=(170, 90, 80))
    for i in range(18):                                 # trees along the path
        x = i * 130 + rng.randint(-20, 20)
        d.rectangle((x + 18, int(h * 0.62), x + 26, int(h * 0.78)), fill=(80, 60, 40))
        d.ellipse((x - 20, int(h * 0.5), x + 64, int(h * 0.68)), fill=(60, 110, 55))
    for i in range(6):                                  # runners
        x = int(w * 0.38) + i * 120 + rng.randint(-20, 20)
        y = int(h * 0.76) + i * 20
        shirt = rng.choice([(30, 90, 200), (220, 40, 60), (250, 250, 250), (40, 160, 90)])
        d.ellipse((x, y, x + 26, y + 26), fill=(230, 190, 160))
        d.rectangle((x - 4, y + 26, x + 30, y + 80), fill=shirt)
        d.line((x + 4, y + 80, x - 14, y + 130), fill=(40, 40, 60), width=9)
        d.line((x + 22, y + 80, x + 40, y + 128), fill=(40, 40, 60), width=9)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    return vignette(add_grain(img, seed))


def port(seed: int) -> Image.Image:
    """A container port: quay cranes, stacked boxes, a cargo ship leaving."""
    size = (1200, 720)
    w, h = size
    rng = random.Random(seed)
    img = gradient(size, (150, 185, 220), (225, 232, 238))
    d = ImageDraw.Draw(img)
    ridge(d, size, 0.48, 0.05, (140, 155, 165), rng)
    d.rectangle((0, int(h * 0.5), w, h), fill=(60, 100, 130))
    for _ in range(220):
        y, x = rng.randint(int(h * 0.5), h), rng.randint(0, w)
        d.line((x, y, x + rng.randint(20, 80), y), fill=(110, 150, 175), width=2)
    d.polygon([(420, 470), (1060, 470), (1010, 560), (470, 560)], fill=(40, 45, 60))
    d.rectangle((900, 380, 1000, 470), fill=(235, 235, 235))
    palette = [(200, 60, 40), (40, 90, 160), (220, 160, 40), (60, 140, 90), (150, 150, 150)]
    for row in range(3):
        for col in range(10):
            x, y = 470 + col * 42, 440 - row * 24
            d.rectangle((x, y, x + 40, y + 22), fill=rng.choice(palette), outline=(30, 30, 30))
    for cx in (120, 300):                                # quay cranes
        d.rectangle((cx, 160, cx + 14, 470), fill=(200, 60, 40))
        d.rectangle((cx + 80, 160, cx + 94, 470), fill=(200, 60, 40))
        d.rectangle((cx - 40, 150, cx + 260, 172), fill=(200, 60, 40))
    d.rectangle((0, 470, 380, 500), fill=(120, 120, 120))
    # More sky above the scene: the photo is placed nearly square, and the crop must still
    # leave ≥ 200 ppi at its placed width.
    tall = gradient((w, h + 300), (120, 160, 205), (150, 185, 220))
    tall.paste(img, (0, 300))
    img = tall.filter(ImageFilter.GaussianBlur(0.9))
    return vignette(add_grain(img, seed))


def blossom(seed: int) -> Image.Image:
    """Cherry blossom branches against a spring sky."""
    size = (1100, 1050)
    w, h = size
    rng = random.Random(seed)
    img = gradient(size, (160, 200, 240), (235, 240, 245))
    d = ImageDraw.Draw(img)

    def branch(x, y, angle, length, width, depth):
        if depth == 0 or length < 12:
            for _ in range(14):
                px, py = x + rng.randint(-30, 30), y + rng.randint(-30, 30)
                r = rng.randint(6, 12)
                d.ellipse((px - r, py - r, px + r, py + r),
                          fill=rng.choice([(250, 200, 215), (245, 180, 200), (255, 230, 235)]))
            return
        x2, y2 = x + length * math.cos(angle), y - length * math.sin(angle)
        d.line((x, y, x2, y2), fill=(90, 60, 50), width=max(int(width), 1))
        for turn in (-0.5, 0.45):
            branch(x2, y2, angle + turn + rng.uniform(-0.2, 0.2), length * 0.72, width * 0.7,
                   depth - 1)

    branch(80, h + 10, 1.05, 330, 34, 7)
    branch(w - 60, h + 10, 2.05, 300, 30, 7)
    img = img.filter(ImageFilter.GaussianBlur(1.0))
    return vignette(add_grain(img, seed))


def museum(seed: int) -> Image.Image:
    """A museum gallery: spot-lit cases with bronze vessels, a scroll on the wall, visitors."""
    size = (1900, 1200)
    w, h = size
    rng = random.Random(seed)
    img = gradient(size, (58, 50, 46), (104, 90, 76))
    d = ImageDraw.Draw(img)
    floor = int(h * 0.72)
    d.rectangle((0, floor, w, h), fill=(122, 104, 86))
    for x in range(-400, w + 400, 160):                  # floor boards in perspective
        d.line((w // 2 + (x - w // 2) // 3, floor, x, h), fill=(104, 88, 72), width=3)
    d.rectangle((760, 150, 1140, 560), fill=(214, 198, 160))      # a hanging scroll
    d.rectangle((740, 136, 1160, 150), fill=(90, 60, 40))
    for x in range(1080, 800, -56):                      # columns of calligraphy on it
        for y in range(190, rng.randint(400, 520), 34):
            d.line((x, y, x + rng.randint(-14, 14), y + rng.randint(14, 26)),
                   fill=(50, 44, 40), width=rng.randint(4, 8))
    for cx in (320, 1580):                               # glass cases, lit from above
        d.polygon([(cx - 150, 0), (cx + 150, 0), (cx + 260, floor), (cx - 260, floor)],
                  fill=(92, 82, 70))
        d.rectangle((cx - 210, floor - 150, cx + 210, floor + 60), fill=(70, 60, 52))
        d.rectangle((cx - 200, floor - 560, cx + 200, floor - 150), fill=(150, 150, 140),
                    outline=(210, 210, 200), width=4)
        d.ellipse((cx - 110, floor - 470, cx + 110, floor - 300), fill=(96, 110, 74))
        d.rectangle((cx - 110, floor - 470, cx + 110, floor - 390), fill=(150, 150, 140))
        d.ellipse((cx - 110, floor - 420, cx + 110, floor - 360), fill=(118, 132, 90))
        for leg in (-70, 0, 70):                         # a ding's three legs
            d.rectangle((cx + leg - 9, floor - 320, cx + leg + 9, floor - 230), fill=(84, 96, 64))
        for ear in (-80, 80):
            d.rectangle((cx + ear - 14, floor - 440, cx + ear + 14, floor - 388),
                        outline=(96, 110, 74), width=8)
    for i in range(7):                                   # visitors
        x = 460 + i * 150 + rng.randint(-30, 30)
        y = floor - 180 + rng.randint(0, 90)
        coat = rng.choice([(40, 40, 50), (150, 40, 40), (60, 80, 120), (200, 180, 150)])
        d.ellipse((x, y, x + 44, y + 48), fill=(40, 32, 28))
        d.rectangle((x - 12, y + 48, x + 56, y + 220), fill=coat)
        d.rectangle((x, y + 220, x + 18, y + 330), fill=(30, 30, 36))
        d.rectangle((x + 26, y + 220, x + 44, y + 330), fill=(30, 30, 36))
    img = img.filter(ImageFilter.GaussianBlur(1.1))
    return vignette(add_grain(img, seed))


def egrets(seed: int) -> Image.Image:
    """Egrets over a spring wetland: pale sky, far willows, water and reeds."""
    size = (1760, 1400)
    w, h = size
    rng = random.Random(seed)
    img = gradient(size, (176, 204, 226), (226, 232, 224))
    d = ImageDraw.Draw(img)
    ridge(d, size, 0.42, 0.03, (150, 170, 150), rng)
    for i in range(30):                                  # far willows
        x = i * 64 + rng.randint(-10, 10)
        d.ellipse((x - 50, int(h * 0.3), x + 50, int(h * 0.46)), fill=(112, 150, 96))
    water = int(h * 0.45)
    d.rectangle((0, water, w, h), fill=(120, 158, 172))
    for _ in range(200):                                 # ripples
        y, x = rng.randint(water, h), rng.randint(0, w)
        d.line((x, y, x + rng.randint(30, 110), y), fill=(170, 196, 204), width=2)
    for _ in range(260):                                 # reeds in the foreground
        x = rng.randint(0, w)
        top = int(h * rng.uniform(0.62, 0.85))
        lean = rng.randint(-40, 40)
        d.line((x, h, x + lean, top), fill=rng.choice([(150, 140, 80), (120, 130, 70)]), width=4)
    for _ in range(9):                                   # egrets in flight
        x, y = rng.randint(150, w - 250), rng.randint(int(h * 0.06), int(h * 0.36))
        span = rng.randint(90, 150)
        d.polygon([(x, y), (x - span, y - span // 3), (x - span // 3, y + 10)],
                  fill=(248, 248, 244))
        d.polygon([(x + 40, y), (x + 40 + span, y - span // 2), (x + 60, y + 12)],
                  fill=(240, 240, 236))
        d.ellipse((x - 10, y - 8, x + 70, y + 22), fill=(252, 252, 250))
        d.line((x + 66, y + 4, x + 96, y - 10), fill=(252, 252, 250), width=8)
        d.line((x + 96, y - 10, x + 122, y - 6), fill=(210, 170, 60), width=4)
    for x0 in (560, 1180):                               # two standing in the shallows
        y0 = int(h * 0.58)
        d.ellipse((x0, y0, x0 + 90, y0 + 40), fill=(250, 250, 248))
        d.line((x0 + 80, y0 + 8, x0 + 100, y0 - 60), fill=(250, 250, 248), width=10)
        d.line((x0 + 100, y0 - 60, x0 + 130, y0 - 58), fill=(210, 170, 60), width=4)
        d.line((x0 + 40, y0 + 38, x0 + 40, y0 + 110), fill=(40, 40, 40), width=4)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    return vignette(add_grain(img, seed))


PHOTOS = {
    "plant-site.jpg": (plant_site, 11, "沈一帆"),
    "riverside.jpg": (riverside, 12, "沈一帆"),
    "port.jpg": (port, 13, "郭远航"),
    "blossom.jpg": (blossom, 14, "王小禾"),
    "museum.jpg": (museum, 15, "林溪"),
    "egrets.jpg": (egrets, 16, "周彦"),
}


def exif_for(artist: str) -> Image.Exif:
    """Camera EXIF for a sample photo (fixed values, so the bytes never change)."""
    exif = Image.Exif()
    exif[0x010F] = "typeset sample"          # Make
    exif[0x0110] = "procedural camera"       # Model
    exif[0x0112] = 1                         # Orientation: upright
    exif[0x0131] = "tools/make_sample_photos.py"
    exif[0x0132] = "2026:03:06 08:30:00"     # DateTime
    exif[0x013B] = artist                    # Artist
    exif[0x8298] = "CC0 sample image for typeset"
    return exif


def make(folder: Path) -> list[Path]:
    """Write every sample photo into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (draw, seed, artist) in PHOTOS.items():
        image = draw(seed).convert("RGB")
        path = folder / name
        image.save(path, "JPEG", quality=QUALITY, optimize=True, dpi=(300, 300),
                   exif=exif_for(artist).tobytes())
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SystemExit(f"{path} is {size} bytes, more than {MAX_BYTES}")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "editions/sample/photos"
    for p in make(target):
        with Image.open(p) as im:
            print(f"{p}  {im.size[0]}×{im.size[1]}  {p.stat().st_size:,} bytes")
