"""The map and chart palettes stay readable with deuteranopia and protanopia.

Colours are passed through Machado, Oliveira & Fernandes (2009) full-severity simulation
matrices (the ones Chromium's vision-deficiency emulation uses), then compared in CIELAB.
Screenshots under simulated vision: tests/browser/test_colour_vision.py.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from observatory import charts, map_classes, maps, point_maps

SIMULATIONS = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}
WHITE = np.array([0.95047, 1.0, 1.08883])
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                        [0.0193, 0.1192, 0.9505]])


def _linear(colour: str) -> np.ndarray:
    srgb = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def lab(colour: str, vision: str | None = None) -> np.ndarray:
    """Return the CIELAB colour seen, with normal vision or the simulated deficiency."""
    rgb = _linear(colour)
    if vision:
        rgb = np.clip(SIMULATIONS[vision] @ rgb, 0, 1)
    xyz = SRGB_TO_XYZ @ rgb / WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def distance(first: str, second: str, vision: str) -> float:
    return float(np.linalg.norm(lab(first, vision) - lab(second, vision)))


@pytest.mark.parametrize("vision", list(SIMULATIONS))
@pytest.mark.parametrize("k", sorted(map_classes.SEQUENTIAL))
def test_choropleth_classes_stay_ordered_and_apart(vision, k):
    palette = map_classes.SEQUENTIAL[k]
    lightness = [lab(colour, vision)[0] for colour in palette]
    # Ordered by lightness alone, so the order reads without hue; neighbours clearly apart.
    assert all(light > dark + 4 for light, dark in itertools.pairwise(lightness)), lightness
    assert min(distance(a, b, vision) for a, b in itertools.pairwise(palette)) > 8
    for state in (maps.SECRET_COLOUR, maps.ABSENT_COLOUR):
        assert min(distance(state, colour, vision) for colour in palette) > 8, state


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_series_and_theme_colours_stay_apart(vision):
    for palette, shown in ((charts.LINE_COLOURS, 5), (point_maps.QUALITATIVE, 7)):
        pairs = itertools.combinations(palette[:shown], 2)
        assert min(distance(a, b, vision) for a, b in pairs) > 10, palette[:shown]
