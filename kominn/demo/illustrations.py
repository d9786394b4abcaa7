"""Cover illustrations for the demo, drawn here with Pillow: a simple motif for each theme
(a sun over hills, a network on a screen, a heart, building blocks, a bicycle, speech
bubbles) in the theme's colours, with details that vary with a seed, so that no two cards
look the same. Nothing is fetched from elsewhere; the pictures are the project's own.

Drawn at 960 × 540: as wide as the middle width KomInn keeps of an upload, so loading the
demo encodes each picture only twice (the full size and the small WebP).
"""

import io
import math
import random
import zlib

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 540

# The theme's colours (kominn/static/css/asker-theme.css): accent, brand1, brand2, a warm
# yellow, and light tints for the background.
BLUE = (0, 91, 127)
GREEN = (46, 125, 50)
ORANGE = (194, 65, 12)
YELLOW = (242, 169, 0)
NAVY = (0, 36, 78)
WHITE = (255, 255, 255)
TINTS = [(223, 234, 239), (224, 236, 224), (247, 229, 222), (252, 242, 214)]
STRONG = [BLUE, GREEN, ORANGE, YELLOW]


def _seed(text: str) -> int:
    return zlib.crc32(text.encode())


def _scatter(draw, rng, colour, count=7):
    """Small circles and dots behind the motif."""
    for _ in range(count):
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        r = rng.randint(8, 40)
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.ellipse((x - r, y - r, x + r, y + r), outline=colour, width=6)


def _sun(draw, rng):
    cx, cy, r = rng.randint(560, 760), rng.randint(130, 200), rng.randint(60, 85)
    for n in range(12):
        angle = n * 30 + rng.randint(-4, 4)
        vector = _polar(angle, r + 20, r + 55)
        draw.line(
            (cx + vector[0], cy + vector[1], cx + vector[2], cy + vector[3]), fill=YELLOW, width=10
        )
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=YELLOW)
    for index, colour in enumerate([(124, 179, 66), GREEN, (27, 94, 32)]):
        top = 330 + index * 55 + rng.randint(-20, 20)
        left = rng.randint(-400, 200)
        draw.ellipse((left, top, left + 1300, top + 600), fill=colour)


def _network(draw, rng):
    draw.rounded_rectangle((200, 70, 760, 420), radius=24, fill=NAVY)
    draw.rectangle((420, 420, 540, 470), fill=NAVY)
    draw.rounded_rectangle((330, 465, 630, 495), radius=12, fill=NAVY)
    points = [(rng.randint(260, 700), rng.randint(120, 370)) for _ in range(7)]
    for a, b in zip(points, points[1:] + points[:1], strict=True):
        draw.line((*a, *b), fill=(111, 162, 183), width=5)
    for index, (x, y) in enumerate(points):
        r = 16 if index % 3 else 24
        draw.ellipse((x - r, y - r, x + r, y + r), fill=STRONG[index % 4])


def _heart(draw, rng):
    cx, cy = rng.randint(420, 540), 280
    for ring in range(4, 0, -1):
        r = 70 + ring * 45
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r),
            outline=(247, 229, 222) if ring % 2 else (240, 200, 190),
            width=14,
        )
    s = rng.randint(85, 100)
    draw.ellipse((cx - 2 * s, cy - 1.3 * s, cx, cy + 0.6 * s), fill=ORANGE)
    draw.ellipse((cx, cy - 1.3 * s, cx + 2 * s, cy + 0.6 * s), fill=ORANGE)
    draw.polygon(
        [(cx - 1.93 * s, cy - 0.05 * s), (cx + 1.93 * s, cy - 0.05 * s), (cx, cy + 1.9 * s)],
        fill=ORANGE,
    )


def _blocks(draw, rng):
    x, base, size = rng.randint(230, 330), 470, 120
    colours = STRONG[:]
    rng.shuffle(colours)
    for column in range(3):
        for row in range(3 - column):
            left = x + column * (size + 12) + rng.randint(-6, 6)
            top = base - (row + 1) * (size + 8)
            colour = colours[(column + row) % 4]
            draw.rounded_rectangle((left, top, left + size, top + size), radius=14, fill=colour)
            draw.ellipse(
                (left + 35, top + 35, left + size - 35, top + size - 35), outline=WHITE, width=8
            )
    draw.rectangle((0, base, WIDTH, HEIGHT), fill=(160, 190, 200))


def _bicycle(draw, rng):
    draw.rectangle((0, 430, WIDTH, HEIGHT), fill=(90, 100, 110))
    for x in range(rng.randint(0, 60), WIDTH, 140):
        draw.rectangle((x, 480, x + 70, 490), fill=WHITE)
    left = rng.randint(230, 330)
    r = 95
    wheels = [(left, 330), (left + 330, 330)]
    for cx, cy in wheels:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=NAVY, width=14)
        draw.ellipse((cx - 12, cy - 12, cx + 12, cy + 12), fill=NAVY)
    seat, bar = (left + 110, 190), (left + 290, 180)
    crank = (left + 150, 330)
    colour = rng.choice([BLUE, GREEN, ORANGE])
    for a, b in [
        (wheels[0], seat),
        (seat, crank),
        (crank, wheels[0]),
        (seat, bar),
        (bar, crank),
        (bar, wheels[1]),
    ]:
        draw.line((*a, *b), fill=colour, width=14)
    draw.rounded_rectangle(
        (seat[0] - 40, seat[1] - 22, seat[0] + 30, seat[1] - 6), radius=8, fill=NAVY
    )
    draw.line((bar[0], bar[1], bar[0] + 30, bar[1] - 50), fill=NAVY, width=12)


def _bubbles(draw, rng):
    colours = STRONG[:]
    rng.shuffle(colours)
    spots = [(200, 120), (470, 200), (300, 300), (620, 110)]
    for index, (x, y) in enumerate(spots):
        x, y = x + rng.randint(-30, 30), y + rng.randint(-20, 20)
        w, h = rng.randint(210, 260), rng.randint(120, 150)
        colour = colours[index]
        draw.rounded_rectangle((x, y, x + w, y + h), radius=40, fill=colour)
        draw.polygon([(x + 50, y + h - 5), (x + 95, y + h - 5), (x + 40, y + h + 45)], fill=colour)
        for dot in range(3):
            dx = x + w / 2 - 45 + dot * 45
            draw.ellipse((dx - 12, y + h / 2 - 12, dx + 12, y + h / 2 + 12), fill=WHITE)


def _polar(angle, inner, outer):
    radians = math.radians(angle)
    return (
        math.cos(radians) * inner,
        math.sin(radians) * inner,
        math.cos(radians) * outer,
        math.sin(radians) * outer,
    )


MOTIFS = {
    "sun": _sun,
    "network": _network,
    "heart": _heart,
    "blocks": _blocks,
    "bicycle": _bicycle,
    "bubbles": _bubbles,
}


def draw(motif: str, seed: str) -> bytes:
    """A PNG of `motif`, its details chosen by `seed` (the same seed, the same picture)."""
    rng = random.Random(_seed(f"{motif}:{seed}"))  # noqa: S311 - pictures, not security
    background = rng.choice(TINTS)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    canvas = ImageDraw.Draw(image)
    _scatter(canvas, rng, tuple(max(0, c - 18) for c in background))
    MOTIFS[motif](canvas, rng)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False, compress_level=1)
    return buffer.getvalue()
