"""The panel builders' reads (`indicator_panels.Reads`) over this process's cached reads."""

from __future__ import annotations

from observatory.ui.frame import territories_frame
from observatory.ui.indicator_reads import (
    indicator_comparison_trend,
    indicator_latest_year,
    indicator_ranking,
    indicator_trend,
    indicator_values,
)
from observatory.ui.level_maps import level_map


class CachedReads:
    """`indicator_panels.Reads` over this process's cached reads (kept per data version)."""

    values = staticmethod(indicator_values)
    trend = staticmethod(indicator_trend)
    ranking = staticmethod(indicator_ranking)
    comparison_trend = staticmethod(indicator_comparison_trend)
    latest_year = staticmethod(indicator_latest_year)
    level_map = staticmethod(level_map)

    @staticmethod
    def comparison(indicator: str, code: str, level: str):
        return indicator_comparison_trend(indicator, code, level)[0]

    @staticmethod
    def territory_levels() -> dict[str, str]:
        territories = territories_frame()
        return dict(zip(territories["code"], territories["niveau"], strict=False))


READS = CachedReads()
