"""Draw the demo's pictures: flat illustrations and stylised portraits.

The pictures are the project's own, drawn here with Pillow; nobody in them is a real
person. ``load_demo`` imports the files this script writes to
``intranet/demo_images/``; run it again only to change the pictures::

    python tools/make_demo_images.py

Everything is drawn at twice the size and scaled down, which smooths the edges.
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "intranet" / "demo_images"
SCALE = 2
SCENE = (1600, 900)
PORTRAIT = (600, 600)

# The site's colours (static/css/intranet.css) and a few friends.
BRAND = "#123c69"
LINK = "#0b5cad"
ACCENT = "#0f7b6c"
FOCUS = "#ffbf47"
PAPER = "#f5f6f8"
INK = "#1b2430"
SKY = "#cfe4f4"
WATER = "#4f8fc0"
SPRUCE = "#1f5a4a"
SPRUCE_DARK = "#173f37"
PINE = "#2f7a5d"
FALU_RED = "#a3352b"
WOOD = "#b9895a"
WHITE = "#ffffff"


class Canvas:
    """A drawing surface in final-size coordinates, drawn at SCALE times the size."""

    def __init__(self, size, background):
        self.size = size
        self.image = Image.new("RGB", (size[0] * SCALE, size[1] * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    def _s(self, points):
        return [round(v * SCALE) for v in points]

    def rect(self, box, fill, radius=0):
        if radius:
            self.draw.rounded_rectangle(self._s(box), radius * SCALE, fill=fill)
        else:
            self.draw.rectangle(self._s(box), fill=fill)

    def ellipse(self, box, fill):
        self.draw.ellipse(self._s(box), fill=fill)

    def circle(self, x, y, r, fill):
        self.ellipse((x - r, y - r, x + r, y + r), fill)

    def polygon(self, points, fill):
        flat = [v for point in points for v in point]
        self.draw.polygon(self._s(flat), fill=fill)

    def line(self, points, fill, width):
        flat = [v for point in points for v in point]
        self.draw.line(self._s(flat), fill=fill, width=round(width * SCALE))

    def arc(self, box, start, end, fill, width):
        self.draw.arc(self._s(box), start, end, fill=fill, width=round(width * SCALE))

    def pieslice(self, box, start, end, fill):
        self.draw.pieslice(self._s(box), start, end, fill=fill)

    def gradient(self, box, top, bottom):
        x0, y0, x1, y1 = box
        top, bottom = _rgb(top), _rgb(bottom)
        steps = max(1, round((y1 - y0) * SCALE))
        for n in range(steps):
            t = n / steps
            colour = tuple(
                round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)
            )
            y = y0 * SCALE + n
            self.draw.line([(x0 * SCALE, y), (x1 * SCALE, y)], fill=colour)

    def finish(self):
        return self.image.resize(self.size, Image.LANCZOS)


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def spruce(c, x, base, height, colour=SPRUCE):
    """A Finnish spruce: three stacked triangles on a short trunk."""
    width = height * 0.42
    c.rect((x - width * 0.06, base - height * 0.12, x + width * 0.06, base), "#5b4330")
    for n in range(3):
        top = base - height + n * height * 0.26
        bottom = top + height * 0.46
        half = width * (0.28 + n * 0.11)
        c.polygon([(x, top), (x - half, bottom), (x + half, bottom)], colour)


def forest(c, rng, y, count, low, high, colour, x0=0, x1=None):
    x1 = x1 or c.size[0]
    for _ in range(count):
        spruce(
            c,
            rng.uniform(x0, x1),
            y + rng.uniform(-6, 10),
            rng.uniform(low, high),
            colour,
        )


def hills(c, y, amplitude, colour, seed):
    rng = random.Random(seed)
    phase = rng.uniform(0, math.tau)
    width = c.size[0]
    points = [(0, c.size[1])]
    for x in range(0, width + 20, 20):
        wave = (
            math.sin(x / 260 + phase) * amplitude
            + math.sin(x / 97 + phase * 2) * amplitude * 0.3
        )
        points.append((x, y - wave))
    points.append((width, c.size[1]))
    c.polygon(points, colour)


def cabin(c, x, base, w):
    h = w * 0.62
    c.rect((x, base - h, x + w, base), FALU_RED)
    c.polygon(
        [
            (x - w * 0.1, base - h),
            (x + w / 2, base - h - w * 0.45),
            (x + w * 1.1, base - h),
        ],
        "#3b3b3b",
    )
    c.rect((x + w * 0.14, base - h * 0.62, x + w * 0.38, base - h * 0.22), WHITE)
    c.rect((x + w * 0.18, base - h * 0.58, x + w * 0.34, base - h * 0.26), "#8fb8d8")
    c.rect((x + w * 0.58, base - h * 0.7, x + w * 0.82, base), WHITE)
    c.rect((x + w * 0.62, base - h * 0.66, x + w * 0.78, base), "#6b3a2a")


def lake(c, top, colour=WATER):
    width, height = c.size
    c.gradient((0, top, width, height), colour, "#2f6d9c")
    rng = random.Random(7)
    for _ in range(40):
        x = rng.uniform(0, width)
        y = rng.uniform(top + 20, height)
        length = rng.uniform(40, 160)
        c.line([(x, y), (x + length, y)], "#7fb2d9", 3)


def tampere_lake():
    c = Canvas(SCENE, SKY)
    c.gradient((0, 0, 1600, 560), "#a9cfee", "#eaf3fa")
    c.circle(1240, 190, 80, "#ffd66e")
    c.circle(1240, 190, 60, "#ffe9a8")
    for x, y, w in [(260, 150, 220), (640, 110, 160), (980, 230, 180)]:
        c.ellipse((x, y, x + w, y + w * 0.28), WHITE)
        c.ellipse((x + w * 0.25, y - w * 0.12, x + w * 0.75, y + w * 0.22), WHITE)
    hills(c, 470, 26, "#8fb5a4", seed=1)
    rng = random.Random(2)
    forest(c, rng, 520, 60, 60, 110, "#4f8a72")
    hills(c, 540, 12, "#3f7a63", seed=3)
    forest(c, rng, 560, 50, 90, 150, SPRUCE)
    lake(c, 560)
    # Reflection of the sun, a jetty and a red cabin on the near shore.
    for n in range(6):
        y = 600 + n * 38
        c.line([(1240 - 70 + n * 8, y), (1240 + 70 - n * 8, y)], "#ffe9a8", 5)
    c.polygon([(0, 760), (520, 730), (700, 900), (0, 900)], "#2d5e3f")
    c.polygon([(0, 800), (420, 790), (560, 900), (0, 900)], "#24502f")
    forest(c, rng, 770, 8, 170, 260, SPRUCE_DARK, x0=10, x1=380)
    cabin(c, 300, 790, 150)
    c.rect((520, 772, 820, 790), WOOD)
    for x in (540, 640, 740, 800):
        c.rect((x, 780, x + 10, 830), "#7a5a3a")
    return c.finish()


def canoe(c, x, y, length, hull, people):
    c.polygon(
        [
            (x, y),
            (x + length, y),
            (x + length * 0.9, y + 26),
            (x + length * 0.1, y + 26),
        ],
        hull,
    )
    c.line([(x + 6, y), (x + length - 6, y)], "#f0e6d0", 4)
    for n, (shirt, skin, hat) in enumerate(people):
        px = x + length * (0.3 + 0.4 * n)
        c.rect((px - 16, y - 54, px + 16, y + 2), shirt, radius=10)
        c.circle(px, y - 72, 17, skin)
        c.pieslice((px - 19, y - 94, px + 19, y - 60), 180, 360, hat)
        c.line([(px - 70, y + 40), (px + 50, y - 80)], "#6b4b2a", 6)
        c.ellipse((px - 88, y + 28, px - 56, y + 56), "#6b4b2a")


def tampere_canoes():
    c = Canvas(SCENE, SKY)
    c.gradient((0, 0, 1600, 430), "#9fc8ea", "#e4f0f9")
    hills(c, 360, 20, "#7aa892", seed=11)
    rng = random.Random(12)
    forest(c, rng, 420, 70, 70, 130, PINE)
    forest(c, rng, 440, 40, 90, 140, SPRUCE)
    lake(c, 440, "#5a9ccb")
    canoe(
        c,
        240,
        600,
        420,
        FALU_RED,
        [("#ffbf47", "#e0ac85", BRAND), ("#0f7b6c", "#8d5a3b", "#ffbf47")],
    )
    canoe(
        c,
        880,
        700,
        440,
        "#e07b39",
        [("#0b5cad", "#f1c7a5", "#a3352b"), ("#5a3d8a", "#c58c62", "#0f7b6c")],
    )
    for x, y in [(700, 660), (1400, 760), (520, 720)]:
        c.arc((x - 60, y - 12, x + 60, y + 12), 0, 180, "#8ec0e4", 4)
    return c.finish()


def person_from_behind(c, x, base, scale, shirt, hair):
    c.rect(
        (x - 70 * scale, base - 120 * scale, x + 70 * scale, base + 40),
        shirt,
        radius=round(50 * scale),
    )
    c.circle(x, base - 160 * scale, 46 * scale, hair)


def tampere_workshop():
    c = Canvas(SCENE, "#f1ede4")
    c.rect((0, 640, 1600, 900), "#c9b79c")
    c.rect((0, 620, 1600, 640), "#a8957a")
    # A board of sticky notes: what customers asked most this year.
    c.rect((220, 90, 1380, 560), WHITE, radius=14)
    c.rect((220, 90, 1380, 130), BRAND, radius=14)
    c.rect((220, 112, 1380, 130), BRAND)
    colours = [FOCUS, "#a7e0c9", "#f6a6a0", "#bcd7f3", "#ffe08a"]
    rng = random.Random(21)
    for col in range(7):
        for row in range(3):
            x = 270 + col * 155 + rng.uniform(-8, 8)
            y = 170 + row * 125 + rng.uniform(-6, 6)
            c.rect(
                (x, y, x + 110, y + 100), colours[(col + row) % len(colours)], radius=4
            )
            for line in range(3):
                ly = y + 26 + line * 22
                c.line([(x + 14, ly), (x + 14 + rng.uniform(50, 82), ly)], "#55606e", 4)
    c.rect((1200, 560, 1360, 600), "#8a7a66", radius=6)
    people = [
        (330, "#0f7b6c", "#2b1d14"),
        (610, "#0b5cad", "#d8b26a"),
        (900, "#a3352b", "#1b1b1b"),
        (1190, "#5a3d8a", "#7a4a2a"),
    ]
    for x, shirt, hair in people:
        person_from_behind(c, x, 860, 1.15, shirt, hair)
    return c.finish()


def desk_monitor(c, x, y, w):
    c.rect((x, y, x + w, y + w * 0.62), "#2b3440", radius=8)
    c.rect((x + 10, y + 10, x + w - 10, y + w * 0.62 - 10), "#dfeaf5", radius=4)
    c.rect((x + w / 2 - 8, y + w * 0.62, x + w / 2 + 8, y + w * 0.62 + 40), "#2b3440")
    c.rect(
        (x + w / 2 - 50, y + w * 0.62 + 36, x + w / 2 + 50, y + w * 0.62 + 46),
        "#2b3440",
        radius=4,
    )


def plant(c, x, base, size):
    c.polygon(
        [
            (x - size * 0.45, base - size * 0.7),
            (x + size * 0.45, base - size * 0.7),
            (x + size * 0.35, base),
            (x - size * 0.35, base),
        ],
        "#c66b3d",
    )
    for angle in (-60, -30, 0, 30, 60):
        rad = math.radians(angle - 90)
        tip = (
            x + math.cos(rad) * size * 1.3,
            base - size * 0.7 + math.sin(rad) * size * 1.3,
        )
        c.polygon([(x - 12, base - size * 0.7), tip, (x + 12, base - size * 0.7)], PINE)


def office():
    c = Canvas(SCENE, "#e9edf2")
    # Windows onto a snowy Oulu street.
    for n in range(3):
        x = 120 + n * 480
        c.rect((x, 80, x + 400, 460), "#ffffff")
        c.rect((x + 14, 94, x + 386, 446), "#bfd9ee")
        c.rect((x + 14, 340, x + 386, 446), "#f4f7fa")
        rng = random.Random(30 + n)
        for _ in range(4):
            spruce(c, x + rng.uniform(50, 350), 360, rng.uniform(90, 150), "#6a9c88")
        c.rect((x + 197, 94, x + 203, 446), WHITE)
    c.rect((0, 560, 1600, 900), "#b7c2cf")
    c.rect((0, 540, 1600, 560), "#9aa6b4")
    # Two desks with screens, no printer.
    for x in (140, 880):
        c.rect((x, 600, x + 580, 630), WOOD, radius=6)
        c.rect((x + 30, 630, x + 50, 860), "#7a5a3a")
        c.rect((x + 530, 630, x + 550, 860), "#7a5a3a")
        desk_monitor(c, x + 80, 420, 220)
        c.rect((x + 360, 570, x + 520, 600), "#2b3440", radius=6)
        c.circle(x + 470, 560, 22, WHITE)
        c.rect((x + 455, 540, x + 485, 580), WHITE, radius=6)
    # Charts on the screens.
    for x in (140, 880):
        for n, h in enumerate((40, 70, 55, 95)):
            c.rect(
                (x + 110 + n * 40, 540 - h, x + 136 + n * 40, 540),
                ACCENT if n % 2 else LINK,
            )
    plant(c, 800, 600, 70)
    plant(c, 1520, 600, 60)
    return c.finish()


def laptop_chart():
    c = Canvas(SCENE, "#eef3f8")
    c.rect((0, 640, 1600, 900), "#d8c3a5")
    c.rect((0, 630, 1600, 650), "#c4ab88")
    # The laptop.
    c.polygon([(420, 660), (1180, 660), (1280, 720), (320, 720)], "#9aa6b4")
    c.rect((300, 716, 1300, 736), "#7d8896", radius=8)
    c.rect((460, 160, 1140, 664), "#2b3440", radius=22)
    c.rect((486, 186, 1114, 638), WHITE, radius=8)
    c.rect((486, 186, 1114, 230), BRAND, radius=8)
    c.rect((486, 214, 1114, 230), BRAND)
    for n in range(3):
        c.circle(514 + n * 26, 208, 8, ["#f6a6a0", FOCUS, "#a7e0c9"][n])
    # A bar chart of shares and a line of questions answered.
    values = [90, 130, 120, 190, 230, 280]
    for n, v in enumerate(values):
        x = 560 + n * 86
        c.rect((x, 590 - v, x + 52, 590), ACCENT, radius=6)
    c.line([(530, 592), (1070, 592)], "#9aa6b4", 3)
    points = [(586 + n * 86, 470 - v * 0.55) for n, v in enumerate(values)]
    c.line(points, FOCUS, 8)
    for x, y in points:
        c.circle(x, y, 11, FOCUS)
        c.circle(x, y, 5, WHITE)
    # A mug and a notebook.
    c.rect((1320, 540, 1440, 690), LINK, radius=18)
    c.arc((1410, 570, 1480, 650), 270, 90, LINK, 16)
    c.ellipse((1330, 528, 1430, 556), "#7a4a2a")
    c.rect((90, 610, 330, 700), FOCUS, radius=8)
    c.rect((90, 610, 120, 700), "#e0a52e", radius=8)
    return c.finish()


def network():
    c = Canvas(SCENE, BRAND)
    rng = random.Random(41)
    for n in range(9):
        c.circle(
            rng.uniform(0, 1600),
            rng.uniform(0, 900),
            rng.uniform(120, 320),
            ["#174878", "#1a4e80", "#0f355d"][n % 3],
        )
    nodes = [(rng.uniform(120, 1480), rng.uniform(110, 790)) for _ in range(22)]
    nodes[0] = (800, 450)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if math.dist(a, b) < 380:
                c.line([a, b], "#5f8fc0", 4)
    colours = [FOCUS, "#5fd0b8", WHITE, "#8ec0f0", "#f6a6a0"]
    for n, (x, y) in enumerate(nodes):
        r = 74 if n == 0 else rng.uniform(16, 40)
        c.circle(x, y, r + 8, BRAND)
        c.circle(x, y, r, colours[n % len(colours)])
    # A speech bubble at the centre: the conversation we join.
    c.rect((744, 410, 856, 478), BRAND, radius=22)
    c.polygon([(770, 476), (800, 476), (768, 505)], BRAND)
    for n in range(3):
        c.circle(772 + n * 28, 444, 9, FOCUS)
    return c.finish()


def bubble(c, box, fill, tail_left):
    x0, y0, x1, y1 = box
    c.rect(box, fill, radius=26)
    if tail_left:
        c.polygon([(x0 + 20, y1 - 6), (x0 + 70, y1 - 6), (x0 + 8, y1 + 34)], fill)
    else:
        c.polygon([(x1 - 70, y1 - 6), (x1 - 20, y1 - 6), (x1 - 8, y1 + 34)], fill)
    rng = random.Random(int(x0 + y0))
    for n in range(int((y1 - y0 - 30) // 30)):
        y = y0 + 32 + n * 30
        c.line(
            [(x0 + 30, y), (x0 + 30 + rng.uniform(0.4, 0.85) * (x1 - x0 - 60), y)],
            WHITE if fill != WHITE else "#9aa6b4",
            8,
        )


def speech_bubbles():
    c = Canvas(SCENE, "#e7f1fb")
    c.circle(1380, 140, 260, "#d3e6f7")
    c.circle(160, 820, 300, "#d6eee7")
    # A phone with the conversation on it.
    c.rect((560, 60, 1040, 900), "#2b3440", radius=60)
    c.rect((590, 120, 1010, 900), WHITE, radius=24)
    c.rect((740, 80, 860, 96), "#4a5563", radius=8)
    bubble(c, (620, 170, 900, 290), LINK, tail_left=True)
    bubble(c, (700, 350, 980, 440), ACCENT, tail_left=False)
    bubble(c, (620, 500, 920, 650), LINK, tail_left=True)
    bubble(c, (720, 710, 980, 800), ACCENT, tail_left=False)
    # Floating reactions around it.
    for x, y, r, colour in [
        (360, 260, 70, FOCUS),
        (1230, 460, 80, "#f6a6a0"),
        (330, 600, 46, "#5fd0b8"),
        (1260, 760, 50, FOCUS),
    ]:
        c.circle(x, y, r, colour)
        c.circle(x - r * 0.3, y - r * 0.15, r * 0.12, INK)
        c.circle(x + r * 0.3, y - r * 0.15, r * 0.12, INK)
        c.arc(
            (x - r * 0.45, y - r * 0.3, x + r * 0.45, y + r * 0.5),
            20,
            160,
            INK,
            max(4, r * 0.1),
        )
    return c.finish()


def profile_card():
    c = Canvas(SCENE, "#eef6f4")
    for n in range(5):
        x = 160 + n * 130
        c.rect(
            (x, 780 - n * 110, x + 130, 900),
            ["#bfe3d9", "#a7d8ca", "#8ecdbb", "#6fbea7", "#4faa90"][n],
        )
        c.circle(x + 65, 740 - n * 110, 26, WHITE)
    c.rect((880, 150, 1440, 760), WHITE, radius=28)
    c.rect((880, 150, 1440, 300), LINK, radius=28)
    c.rect((880, 260, 1440, 300), LINK)
    c.circle(1000, 310, 84, WHITE)
    c.circle(1000, 310, 72, "#f1c7a5")
    c.pieslice((920, 226, 1080, 330), 180, 360, "#3b2a20")
    c.rect((910, 380, 1090, 420), "#f1c7a5")
    c.pieslice((928, 360, 1072, 470), 180, 360, ACCENT)
    for n, w in enumerate((360, 260, 300)):
        c.rect(
            (940, 450 + n * 60, 940 + w, 476 + n * 60),
            ["#1b2430", "#9aa6b4", "#c3cad3"][n],
            radius=12,
        )
    c.rect((940, 650, 1140, 710), ACCENT, radius=30)
    c.rect((1170, 650, 1380, 710), WHITE, radius=30)
    c.arc((1170, 650, 1380, 710), 0, 360, ACCENT, 5)
    c.circle(820, 130, 40, FOCUS)
    c.line([(820, 110), (820, 150)], WHITE, 10)
    c.line([(800, 130), (840, 130)], WHITE, 10)
    return c.finish()


def megaphone():
    c = Canvas(SCENE, "#fff4dc")
    c.circle(1350, 720, 420, "#ffe7ad")
    c.circle(200, 160, 240, "#ffedc4")
    c.polygon([(420, 380), (900, 180), (900, 720), (420, 520)], BRAND)
    c.ellipse((850, 180, 950, 720), "#0d2e52")
    c.ellipse((870, 230, 930, 670), "#1a4e80")
    c.rect((330, 370, 440, 530), LINK, radius=20)
    c.polygon([(470, 520), (560, 550), (530, 700), (450, 690)], "#0d2e52")
    for n in range(3):
        r = 180 + n * 110
        c.arc(
            (900 - r, 450 - r, 900 + r, 450 + r),
            -35,
            35,
            [ACCENT, FOCUS, "#f08a5d"][n],
            26,
        )
    rng = random.Random(61)
    for _ in range(14):
        x, y = rng.uniform(1180, 1540), rng.uniform(120, 780)
        c.circle(x, y, rng.uniform(8, 20), [ACCENT, LINK, "#f08a5d"][rng.randrange(3)])
    return c.finish()


SCENES = {
    "tampere-lake": tampere_lake,
    "tampere-canoes": tampere_canoes,
    "tampere-workshop": tampere_workshop,
    "office": office,
    "laptop-chart": laptop_chart,
    "network": network,
    "speech-bubbles": speech_bubbles,
    "profile-card": profile_card,
    "megaphone": megaphone,
}


# Portraits ---------------------------------------------------------------------------


def portrait(background, skin, hair, hair_style, shirt, glasses=False, beard=None):
    c = Canvas(PORTRAIT, background)
    c.circle(470, 110, 150, _mix(background, WHITE, 0.25))
    cx = 300
    if hair_style in ("long", "bob"):
        drop = 430 if hair_style == "long" else 330
        c.rect((cx - 150, 150, cx + 150, drop), hair, radius=90)
    # Shoulders, collar and neck.
    c.rect((cx - 210, 470, cx + 210, 700), shirt, radius=150)
    c.rect((cx - 42, 360, cx + 42, 480), _mix(skin, INK, 0.12))
    c.polygon([(cx - 60, 470), (cx, 540), (cx + 60, 470)], _mix(skin, INK, 0.12))
    # The head, the hair over it, then the face below the hairline.
    c.ellipse((cx - 115, 150, cx + 115, 420), skin)
    c.ellipse((cx - 135, 270, cx - 95, 330), skin)
    c.ellipse((cx + 95, 270, cx + 135, 330), skin)
    if hair_style == "curly":
        for n in range(9):
            angle = math.radians(180 + n * 22.5)
            c.circle(cx + math.cos(angle) * 110, 245 + math.sin(angle) * 105, 48, hair)
    elif hair_style == "bun":
        c.circle(cx, 118, 56, hair)
    if hair_style == "bald":
        c.pieslice((cx - 116, 215, cx - 90, 300), 90, 270, hair)
        c.pieslice((cx + 90, 215, cx + 116, 300), 270, 90, hair)
    else:
        c.ellipse((cx - 124, 132, cx + 124, 330), hair)
        c.ellipse((cx - 100, 212 if hair_style != "long" else 222, cx + 100, 420), skin)
    if hair_style in ("long", "bob"):
        c.polygon([(cx - 110, 220), (cx + 30, 200), (cx - 104, 262)], hair)
    if beard:
        c.pieslice((cx - 112, 240, cx + 112, 425), 0, 180, beard)
        c.ellipse((cx - 40, 345, cx + 40, 372), skin)
    # A calm, friendly face.
    eye = _mix(INK, skin, 0.1)
    c.circle(cx - 44, 290, 11, eye)
    c.circle(cx + 44, 290, 11, eye)
    c.arc((cx - 40, 320, cx + 40, 362), 20, 160, _mix(INK, skin, 0.35), 7)
    if glasses:
        for dx in (-44, 44):
            c.arc((cx + dx - 34, 258, cx + dx + 34, 322), 0, 360, INK, 6)
        c.line([(cx - 10, 288), (cx + 10, 288)], INK, 6)
    return c.finish()


def _mix(a, b, t):
    a, b = _rgb(a), _rgb(b)
    return "#" + "".join(
        f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True)
    )


PORTRAITS = {
    "laura": {
        "background": "#bcd7f3",
        "skin": "#f1c7a5",
        "hair": "#8a5a2b",
        "hair_style": "bob",
        "shirt": BRAND,
    },
    "oliver": {
        "background": "#a7e0c9",
        "skin": "#c58c62",
        "hair": "#2b1d14",
        "hair_style": "bald",
        "shirt": "#34495e",
        "beard": "#2b1d14",
    },
    "priya": {
        "background": "#ffd9a0",
        "skin": "#a8714d",
        "hair": "#1b1410",
        "hair_style": "bun",
        "shirt": ACCENT,
        "glasses": True,
    },
    "elina": {
        "background": "#f6c6c1",
        "skin": "#f6d5bd",
        "hair": "#e0c07a",
        "hair_style": "long",
        "shirt": "#5a3d8a",
    },
    "mikko": {
        "background": "#cfd8e3",
        "skin": "#eab897",
        "hair": "#6b4b2a",
        "hair_style": "short",
        "shirt": "#a3352b",
        "glasses": True,
    },
    "sam": {
        "background": "#ffe08a",
        "skin": "#6f4630",
        "hair": "#15100c",
        "hair_style": "curly",
        "shirt": LINK,
    },
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in SCENES.items():
        path = OUT / f"{name}.jpg"
        draw().save(path, "JPEG", quality=84, optimize=True, progressive=True)
        print(
            f"{path.relative_to(OUT.parent.parent)}  {path.stat().st_size // 1024} KB"
        )
    for name, spec in PORTRAITS.items():
        path = OUT / f"portrait-{name}.jpg"
        portrait(**spec).save(path, "JPEG", quality=86, optimize=True, progressive=True)
        print(
            f"{path.relative_to(OUT.parent.parent)}  {path.stat().st_size // 1024} KB"
        )


if __name__ == "__main__":
    main()
