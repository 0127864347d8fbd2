"""The map of one indicator over a level's territories, on every page that draws one.

A choropleth when the level's outlines are loaded, else proportional circles with the hint
that says how to load outlines. The areas are kept per data version: they do not depend on
the selected territory, which is only outlined anew.
"""

from __future__ import annotations

import pandas as pd

from observatory import maps, reference
from observatory.ui.connection import cached_resource
from observatory.ui.indicator_reads import indicator_values
from observatory.ui.map_outlines import level_outlines, level_points, outlines_loaded


@cached_resource
def area_traces(con, indicator: str, level: str, year: int, unit: str, lang: str,
                classes: str) -> tuple:
    """Return the choropleth's areas of a level in a year (read-only: shared by sessions)."""
    return maps.choropleth_traces(indicator_values(indicator, level, year), level_outlines(level),
                                  unit, lang, classes)


def level_map(indicator: str, values: pd.DataFrame, level: str, year: int, unit: str,
              title: str, lang: str, selected: str | None, classes: str = "quantiles",
              **size) -> tuple[object, str | None]:
    """Return the map of `values` (the level's figures in `year`) and the no-outlines hint, if any.

    `size` passes the figure's height and width (half a page on the theme pages).
    """
    if outlines_loaded(level):
        figure = maps.choropleth_figure(area_traces(indicator, level, year, unit, lang, classes),
                                        level_outlines(level), unit, title, lang, selected, **size)
        return figure, None
    figure = maps.build_circles(values, level_points(level), unit, title, lang, selected, classes,
                                **size)
    return figure, maps.no_outlines_hint(reference.region_code(), lang)
