"""Sparklines as small SVG images that say what they show.

Streamlit's own metric sparkline is a Vega chart whose marks have an image role and no text
alternative (RGAA 1.1): a screen reader announces an unnamed image. This one is a single
image whose text alternative gives its first and last values and its direction. `st.html`
keeps no inline SVG (its sanitiser allows HTML only), so the SVG goes in an `<img>` as a
data URL: nothing is fetched.
"""

from __future__ import annotations

import base64
from html import escape

from observatory.formatting import format_value
from observatory.i18n import tr

WIDTH, HEIGHT, MARGIN = 200, 36, 3
COLOUR = "#1f4e79"


def trend_label(points: list[tuple[int, float]], unit: str, lang: str = "fr") -> str:
    """Return « Évolution 2016–2024 : de 41,3 % à 45,2 %, en hausse » for (year, value) points."""
    (first_year, first), (last_year, last) = points[0], points[-1]
    direction = ("en hausse" if last > first else "en baisse" if last < first else "stable")
    return tr("Évolution {start}–{end} : de {first} à {last}, {direction}", lang,
              start=first_year, end=last_year, first=format_value(first, unit, lang=lang),
              last=format_value(last, unit, lang=lang), direction=tr(direction, lang))


def sparkline_svg(points: list[tuple[int, float]], unit: str, lang: str = "fr") -> str:
    """Return the SVG of a line through (year, value) points."""
    values = [value for _, value in points]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * MARGIN) / max(len(values) - 1, 1)
    # A flat series is drawn along the middle rather than on the bottom edge.
    coordinates = " ".join(
        f"{MARGIN + index * step:.1f},"
        f"{HEIGHT / 2 if high == low else HEIGHT - MARGIN - (value - low) / span * (HEIGHT - 2 * MARGIN):.1f}"
        for index, value in enumerate(values))
    return (f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none" '
            f'xmlns="http://www.w3.org/2000/svg">'
            f'<polyline points="{coordinates}" fill="none" stroke="{COLOUR}" stroke-width="2" '
            f'vector-effect="non-scaling-stroke" stroke-linejoin="round"/></svg>')


def sparkline_html(points: list[tuple[int, float]], unit: str, lang: str = "fr") -> str:
    """Return the sparkline as an `<img>` (SVG data URL) whose `alt` is `trend_label`."""
    data = base64.b64encode(sparkline_svg(points, unit, lang).encode()).decode()
    label = escape(trend_label(points, unit, lang), quote=True)
    return (f'<img src="data:image/svg+xml;base64,{data}" alt="{label}" '
            f'style="width:100%;height:{HEIGHT}px;display:block">')
