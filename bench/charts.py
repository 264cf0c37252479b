"""Wait-distribution charts drawn with Pillow (no matplotlib needed).

One PNG per scenario: for each channel a block of horizontal box plots, one per policy.
Whiskers run from the shortest to the longest wait, the box from the 25th to the 75th
percentile, the thick bar is the median and the small diamond the 90th percentile.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from config.settings import Channel
from db.sim.metrics import DayFigures, percentile

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"]
WIDTH = 1400
LEFT = 380
RIGHT = 60
ROW = 34
BLOCK_GAP = 26
TOP = 110


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size)


def _nice_step(span: float) -> float:
    raw = span / 8
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def wait_chart(title: str, figures: Sequence[DayFigures], path: Path) -> Path:
    """Draw the wait distribution per channel per policy into ``path`` (PNG)."""
    channels = [c for c in Channel if any(f.waits[c] for f in figures)]
    longest = max((max(f.waits[c]) for f in figures for c in channels if f.waits[c]), default=1)
    step = _nice_step(longest)
    x_max = step * math.ceil(longest / step)
    block = ROW * len(figures)
    height = TOP + len(channels) * (block + BLOCK_GAP) + 90
    small = _font(15)
    labels = [f"{f.label} (n={max(len(f.waits[c]) for c in channels)})" for f in figures]
    longest_label = max(ImageDraw.Draw(Image.new("1", (1, 1))).textlength(t, font=small)
                        for t in labels)  # fmt: skip
    left = max(LEFT, int(125 + longest_label + 24))
    width = max(WIDTH, left + 900 + RIGHT)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    plot_w = width - left - RIGHT

    def x_of(minutes: float) -> float:
        return left + plot_w * minutes / x_max

    draw.text((20, 16), title, fill="black", font=_font(26, bold=True))
    draw.text(
        (20, 54),
        "Wait from ticket (or opening) to first call, minutes. Whiskers: min-max; box: 25th-75th "
        "percentile; bar: median; diamond: 90th percentile.",
        fill="#333333",
        font=_font(17),
    )
    y = TOP
    label_font = _font(18)
    bottom = TOP + len(channels) * (block + BLOCK_GAP) - BLOCK_GAP
    tick = 0.0
    while tick <= x_max + 1e-9:
        x = x_of(tick)
        draw.line([(x, TOP - 6), (x, bottom)], fill="#e2e2e2", width=1)
        text = f"{tick:g}"
        w = draw.textlength(text, font=small)
        draw.text((x - w / 2, bottom + 6), text, fill="black", font=small)
        tick += step
    draw.text((left + plot_w / 2 - 40, bottom + 28), "minutes", fill="black", font=label_font)
    for channel in channels:
        draw.rectangle([(20, y - 4), (width - RIGHT, y + block - 4)], outline="#bbbbbb")
        draw.text((30, y + block / 2 - 16), channel.value.replace("_", "-"), fill="black",
                  font=_font(20, bold=True))  # fmt: skip
        for i, fig in enumerate(figures):
            colour = COLOURS[i % len(COLOURS)]
            cy = y + i * ROW + ROW / 2 - 4
            waits = fig.waits[channel]
            draw.text((125, cy - 9), f"{fig.label} (n={len(waits)})", fill=colour, font=small)
            if not waits:
                continue
            lo, q1, med = min(waits), percentile(waits, 25), percentile(waits, 50)
            q3, p90, hi = percentile(waits, 75), percentile(waits, 90), max(waits)
            draw.line([(x_of(lo), cy), (x_of(hi), cy)], fill=colour, width=2)
            for end in (lo, hi):
                draw.line([(x_of(end), cy - 7), (x_of(end), cy + 7)], fill=colour, width=2)
            draw.rectangle([(x_of(q1), cy - 10), (x_of(q3), cy + 10)], fill=colour, outline=colour)
            draw.line([(x_of(med), cy - 12), (x_of(med), cy + 12)], fill="black", width=4)
            px = x_of(p90)
            draw.polygon([(px, cy - 8), (px + 7, cy), (px, cy + 8), (px - 7, cy)], fill="black")
        y += block + BLOCK_GAP
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path
