"""The PNG of BENCHMARKS.md: p95 against sessions, ours and the baseline, with the budgets.

Drawn with Pillow (installed with Streamlit): neither matplotlib nor kaleido is installed
here, and a line chart needs no more than lines, points and labels.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT, MARGIN = 900, 560, 80
SERIES = (("sessions", "observatoire (DuckDB)", (31, 78, 121)),
          ("baseline_sessions", "référence Streamlit + pandas", (196, 78, 28)))
BUDGETS = {25: 1.0, 50: 2.0}


def _font(size: int):
    """DejaVu Sans (Debian's fonts-dejavu, accents included), else Pillow's own font."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _nice_top(value: float) -> float:
    for top in (0.5, 1, 2, 2.5, 5, 10, 20, 30, 60, 120, 300):
        if value <= top:
            return float(top)
    return float(int(value) + 1)


def p95_against_sessions(report: dict, path: Path) -> Path:
    """Draw p95 (s) against the number of sessions for both sides; return `path`."""
    load = report["load"]
    points = {key: [(stage["n"], stage["p95_s"]) for stage in load[key] if stage["p95_s"] is not None]
              for key, _, _ in SERIES}
    xs = [n for series in points.values() for n, _ in series] or [1]
    ys = [p95 for series in points.values() for _, p95 in series] + list(BUDGETS.values())
    x_top, y_top = max(xs), _nice_top(max(ys))
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(17), _font(14)
    left, right, top, bottom = MARGIN, WIDTH - 30, 60, HEIGHT - MARGIN

    def at(n: float, seconds: float) -> tuple[float, float]:
        return (left + (right - left) * n / x_top, bottom - (bottom - top) * seconds / y_top)

    draw.text((left, 18), f"p95 du temps jusqu'à script_finished — échelle {report['scale']}, "
              f"réflexion {load['think_s']} s", fill="black", font=font)
    for step in range(6):
        seconds = y_top * step / 5
        y = at(0, seconds)[1]
        draw.line([(left, y), (right, y)], fill=(225, 225, 225))
        draw.text((left - 10, y), f"{seconds:g} s", fill="black", font=small, anchor="rm")
    for n in sorted(set(xs)):
        x = at(n, 0)[0]
        draw.text((x, bottom + 10), str(n), fill="black", font=small, anchor="mt")
    draw.line([(left, top), (left, bottom), (right, bottom)], fill="black", width=2)
    draw.text(((left + right) / 2, bottom + 34), "sessions simultanées", fill="black", font=small,
              anchor="mt")
    for n, limit in BUDGETS.items():
        x, y = at(n, limit)
        draw.line([(x - 14, y), (x + 14, y)], fill=(0, 140, 0), width=3)
        draw.text((x + 18, y), f"budget {limit:g} s", fill=(0, 110, 0), font=small, anchor="lm")
    for index, (key, label, colour) in enumerate(SERIES):
        series = [at(n, p95) for n, p95 in points[key]]
        if len(series) > 1:
            draw.line(series, fill=colour, width=3)
        for x, y in series:
            draw.ellipse([(x - 5, y - 5), (x + 5, y + 5)], fill=colour)
        legend_y = top + 10 + 24 * index
        draw.line([(left + 20, legend_y), (left + 50, legend_y)], fill=colour, width=3)
        draw.text((left + 58, legend_y), label, fill="black", font=small, anchor="lm")
    image.save(path, "PNG")
    return path
