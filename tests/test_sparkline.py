"""Sparklines: an SVG image named by its first and last values and its direction."""

from __future__ import annotations

import base64
import re

from observatory.sparkline import sparkline_html, sparkline_svg, trend_label


def test_the_name_says_the_period_the_values_and_the_direction():
    points = [(2016, 41.3), (2020, 40.0), (2024, 45.2)]
    assert trend_label(points, "pourcentage") == "Évolution 2016–2024 : de 41,3\u202f% à 45,2\u202f%, en hausse"
    assert trend_label(points[::-1], "pourcentage", "en") == (
        "Trend 2024–2016: from 45.2\u202f% to 41.3\u202f%, falling")
    assert trend_label([(2016, 3.0), (2024, 3.0)], "nombre").endswith(", stable")


def test_the_image_is_named_by_its_trend_and_carries_its_svg():
    points = [(2016, 1.0), (2017, 3.0), (2018, 2.0)]
    image = sparkline_html(points, "nombre")
    assert 'alt="Évolution 2016–2018 : de 1 à 2, en hausse"' in image
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', image).group(1)
    assert base64.b64decode(data).decode() == sparkline_svg(points, "nombre")


def test_the_svg_has_a_point_per_year_higher_values_higher_up():
    svg = sparkline_svg([(2016, 1.0), (2017, 3.0), (2018, 2.0)], "nombre")
    points = re.search(r'points="([^"]+)"', svg).group(1).split()
    heights = [float(point.split(",")[1]) for point in points]
    assert len(points) == 3
    assert heights[1] < heights[2] < heights[0]  # higher values are drawn higher up


def test_a_flat_series_is_drawn_across_the_middle():
    svg = sparkline_svg([(2016, 5.0), (2024, 5.0)], "nombre")
    points = re.search(r'points="([^"]+)"', svg).group(1).split()
    assert {point.split(",")[1] for point in points} == {"18.0"}
