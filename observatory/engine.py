"""The indicator engine's public API: published figures, trends, rankings, comparisons.

Every figure comes from `published_values`, built at write time (observatory/aggregation.py):
aggregated up the territory levels, stored values first, then statistical confidentiality.
Functions take a DuckDB connection or cursor first and return a DataFrame or a frozen
dataclass; they never compute a secret value.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from observatory import sqlstore
from observatory.datasets import LEVELS
from observatory.errors import ObservatoryError


def check_indicator(con: duckdb.DuckDBPyConnection, indicator: str) -> None:
    """Raise a French ObservatoryError when `indicator` is not in the catalogue."""
    if sqlstore.one(con, "engine_indicator", {"indicator": indicator}) is None:
        raise ObservatoryError(
            f"Indicateur inconnu « {indicator} » : consultez le catalogue des indicateurs "
            "(page Données & méthodes).",
            english=f"Unknown indicator “{indicator}”: see the indicator catalogue (Data & "
                    "methods page).")


def check_level(level: str | None) -> None:
    """Raise a French ObservatoryError when `level` is not a territory level."""
    if level is not None and level not in LEVELS:
        raise ObservatoryError(
            f"Niveau inconnu « {level} » : choisissez parmi {', '.join(LEVELS)}.")


def indicator_values(con: duckdb.DuckDBPyConnection, indicator: str, level: str | None = None,
                     year: int | None = None, territory: str | None = None) -> pd.DataFrame:
    """Return published figures of one indicator (valeur in the indicator's unit, NULL unless shown)."""
    check_level(level)
    return sqlstore.frame(con, "engine_values", {
        "indicator": indicator, "level": level, "year": year, "territory": territory})


def trend(con: duckdb.DuckDBPyConnection, indicator: str, territories: list[str],
          levels: list[str] | None = None) -> pd.DataFrame:
    """Return one row per territory and year (valeur in the indicator's unit); `levels` pairs with codes."""
    levels = list(levels) if levels is not None else [None] * len(territories)
    if len(levels) != len(territories):
        raise ValueError("territories and levels must have the same length")
    for level in levels:
        check_level(level)
    return sqlstore.frame(con, "engine_trend", {
        "indicator": indicator, "codes": list(territories), "levels": levels})


def territory_values(con: duckdb.DuckDBPyConnection, territory: str, level: str,
                     indicators: list[str]) -> pd.DataFrame:
    """Return every year of some indicators for one territory (indicateur, annee, valeur, etat, source)."""
    check_level(level)
    return sqlstore.frame(con, "engine_territory_values", {
        "code": territory, "level": level, "indicators": list(indicators)})


def ranking(con: duckdb.DuckDBPyConnection, indicator: str, level: str, year: int) -> pd.DataFrame:
    """Return the territories of a level ranked by value (rang 1 = highest; NULL when not shown)."""
    check_level(level)
    frame = sqlstore.frame(con, "engine_ranking", {
        "indicator": indicator, "level": level, "year": year})
    frame["rang"] = frame["rang"].astype("Int64")
    return frame


def catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the indicator catalogue with the first and last year of published figures."""
    return sqlstore.frame(con, "engine_catalogue", {})


def indicators(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the catalogue's labels, themes, units, senses and sources, without year spans."""
    return sqlstore.frame(con, "engine_indicators", {})


def years(con: duckdb.DuckDBPyConnection, indicator: str) -> list[int]:
    """Return the years with figures (shown or secret) of one indicator, ascending."""
    return [int(year) for year in sqlstore.frame(con, "engine_years", {"indicator": indicator})["annee"]]


def latest_year(con: duckdb.DuckDBPyConnection, indicator: str, level: str) -> int | None:
    """Return the latest year with a shown figure of one indicator at one level, or None."""
    check_level(level)
    year = sqlstore.frame(con, "engine_latest_year", {"indicator": indicator, "level": level})["annee"][0]
    return None if pd.isna(year) else int(year)


def secret_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Return how many published cells are secret, and how many of them are primary secrets."""
    secret, primary = sqlstore.one(con, "engine_secret_counts")
    return int(secret), int(primary)

