"""Cached engine reads of the indicator pages (Indicateurs, Territoire, overview, themes).

Each read is kept per data version (`connection.cached`): a page's later runs, and other
sessions, reuse it until an import publishes a new snapshot.
"""

from __future__ import annotations

import pandas as pd

from observatory import comparisons, engine, labels
from observatory.ui.connection import cached


# Ordered once per data version, in the cached reads, not on every rerun.
def ordered_by_theme(frame: pd.DataFrame) -> pd.DataFrame:
    """Return rows in the observatory's theme order (the four themes, then context)."""
    order = {theme: number for number, theme in enumerate(labels.THEME_NAMES)}
    return frame.sort_values("theme", key=lambda themes: themes.map(order).fillna(len(order)),
                             kind="stable")


@cached
def indicator_catalogue(con) -> pd.DataFrame:
    """Return the indicator catalogue with first and last years, in theme order."""
    return ordered_by_theme(engine.catalogue(con))


@cached
def indicator_values(con, indicator: str, level: str, year: int) -> pd.DataFrame:
    """Return one indicator's figures for every territory of a level in a year."""
    return engine.indicator_values(con, indicator, level, year)


@cached
def indicator_trend(con, indicator: str, codes: tuple, levels: tuple) -> pd.DataFrame:
    """Return the yearly figures of territories (codes paired with levels)."""
    return engine.trend(con, indicator, list(codes), list(levels))


@cached
def indicator_ranking(con, indicator: str, level: str, year: int) -> pd.DataFrame:
    """Return the ranking of a level's territories in a year."""
    return engine.ranking(con, indicator, level, year)


@cached
def indicator_comparison_trend(con, indicator: str, code: str,
                               level: str) -> tuple[comparisons.Comparison, pd.DataFrame]:
    """Return the comparison of one indicator for one territory, and the yearly figures of the
    territory, its parent and its région it was read from (one cache entry for both)."""
    return comparisons.comparison_trend(con, indicator, code, level)


@cached
def indicator_years(con, indicator: str) -> list[int]:
    """Return the years with figures of an indicator."""
    return engine.years(con, indicator)


@cached
def indicator_latest_year(con, indicator: str, level: str) -> int | None:
    """Return the latest year with a shown figure at a level."""
    return engine.latest_year(con, indicator, level)


@cached
def territory_portrait(con, code: str, level: str) -> pd.DataFrame:
    """Return the portrait of a territory: one row per indicator, in theme order."""
    return ordered_by_theme(comparisons.portrait(con, code, level))


@cached
def portrait_series(con, code: str, level: str, indicators: tuple) -> pd.DataFrame:
    """Return every year of the given indicators for one territory (indicateur, annee, valeur, etat)."""
    return engine.territory_values(con, code, level, list(indicators))
