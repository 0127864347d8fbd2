"""The stories the overview and the theme pages tell: headline indicators, key figures, initiatives.

Per-theme configuration (`THEMES`) lives here as data; the figures come from the indicator
engine (`observatory.engine`), the initiatives from the directory (`observatory.directory`):
a theme's initiatives are those matching any of its directory filters. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from observatory import directory, directory_map, engine, point_maps, reference, sqlstore
from observatory.comparisons import (
    RATE_UNITS,
    change,
    favourable,
)


@dataclass(frozen=True)
class ThemeStory:
    """One theme page: theme code, introduction, initiative filters.

    Its headline indicators come from the catalogue (`theme_headlines`), never from here.
    `initiative_filters` are DirectoryQuery facet values; an initiative concerns the theme
    when it matches any of them (`initiatives_rule` says so in French).
    """

    key: str
    theme: str
    intro: str
    initiative_filters: tuple[dict, ...]
    initiatives_rule: str


THEMES = {
    "genre": ThemeStory(
        "genre", "genre",
        "Les femmes et les hommes dans l'économie sociale et solidaire : qui dirige, qui crée, "
        "à quel salaire, et les initiatives portées par des femmes ou tournées vers elles.",
        ({"femme": "oui"}, {"public": ("femmes",)}),
        "initiatives portées par une femme ou dont les publics comprennent les femmes"),
    "jeunesse": ThemeStory(
        "jeunesse", "jeunesse",
        "Les jeunes du territoire : ni en emploi ni en formation (NEET), accompagnés par les "
        "missions locales, volontaires en service civique, et les projets qui leur sont destinés.",
        ({"public": ("jeunes",)},),
        "initiatives dont les publics comprennent les jeunes"),
    "economie_circulaire": ThemeStory(
        "economie_circulaire", "economie_circulaire",
        "Réemploi, réparation, ressourceries et emplois de l'économie circulaire, avec les "
        "initiatives du territoire (repair cafés, recycleries…) sur la carte.",
        ({"ec": "oui"}, {"thematique": ("reemploi_economie_circulaire",)}),
        "initiatives d'économie circulaire ou de thématique « réemploi et économie circulaire »"),
}

# How many key figures: the overview's (one row), a theme page's headlines at most, and a
# theme page's when no indicator of the theme is à la une.
OVERVIEW_SIZE = 4
THEME_HEADLINES_MAX = 6
THEME_CHOSEN_SIZE = 3
# The level a map shows for each selected level (a région is seen through its départements).
MAP_LEVELS = {"region": "departement", "departement": "epci", "epci": "epci", "commune": "commune",
              "arrondissement_municipal": "arrondissement_municipal"}


@dataclass(frozen=True)
class KeyFigure:
    """One indicator for one territory within a period: latest figure, changes (points or %), source.

    `statut` is the latest figure's status (« calcule » when aggregated, with `couverture`
    `n/N`), `batch_id` the import batch it came from.
    """

    indicator: str
    libelle: str
    unit: str
    sens: str
    year: int | None = None
    value: float | None = None
    etat: str = "absent"
    change_1y: float | None = None
    first_year: int | None = None
    change_period: float | None = None
    relative: bool = False
    source: str | None = None
    statut: str | None = None
    couverture: str | None = None
    batch_id: int | None = None

    @property
    def favourable_change(self) -> bool | None:
        """Whether the change over a year is good news given `sens` (None when neutral)."""
        return favourable(self.change_1y, self.sens)


def key_figures(con: duckdb.DuckDBPyConnection, indicators: tuple[str, ...], territory: str,
                level: str, start: int, end: int) -> list[KeyFigure]:
    """Return the KeyFigure of each indicator of the catalogue among `indicators`, in order.

    One query reads every year of every indicator for the territory (a query per indicator
    and per catalogue look-up added up on every selection change).
    """
    catalogue = engine.indicators(con).set_index("code", drop=False)
    codes = [code for code in indicators if code in catalogue.index]
    series = engine.territory_values(con, territory, level, codes)
    in_period = series[(series["annee"] >= start) & (series["annee"] <= end)]
    return [_key_figure(catalogue.loc[code].to_dict(), in_period[in_period["indicateur"] == code])
            for code in codes]


def _key_figure(meta: dict, series: pd.DataFrame) -> KeyFigure:
    """Return the latest figure of one indicator's series within the period, with its changes."""
    base = KeyFigure(meta["code"], meta["libelle"], meta["unite"], meta["sens"],
                     relative=meta["unite"] not in RATE_UNITS)
    known = series[series["etat"] != "absent"].sort_values("annee")
    if known.empty:
        return base
    latest = known.iloc[-1]
    shown = known[known["etat"] == "publie"].set_index("annee")["valeur"]
    year = int(latest["annee"])
    value = None if year not in shown.index else float(shown[year])
    first = int(shown.index.min()) if len(shown) else None
    return KeyFigure(**{
        **base.__dict__, "year": year, "value": value, "etat": latest["etat"],
        "change_1y": change(value, shown.get(year - 1), meta["unite"]),
        "first_year": first if first is not None and first < year else None,
        "change_period": (change(value, shown.get(first), meta["unite"])
                          if first is not None and first < year else None),
        "source": latest["source"] if isinstance(latest["source"], str) else meta["source"],
        "statut": latest["statut"] if isinstance(latest["statut"], str) else None,
        "couverture": latest["couverture"] if isinstance(latest["couverture"], str) else None,
        "batch_id": None if pd.isna(latest["batch_id"]) else int(latest["batch_id"]),
    })


def headline_candidates(con: duckdb.DuckDBPyConnection, level: str, end: int) -> pd.DataFrame:
    """Return code, theme, a_la_une, is_rate, latest_year of every indicator, best first.

    Best first: the ranks à la une in order; then the indicators with a figure shown at
    `level` up to `end` before those without, rates before counts, the most recent first.
    """
    return sqlstore.frame(con, "themes_headline_candidates",
                          {"level": level, "end": end, "rate_units": list(RATE_UNITS)})


def overview_headlines(con: duckdb.DuckDBPyConnection, level: str, end: int) -> tuple[str, ...]:
    """Return the overview's key figures: the first headlines à la une, in rank order.

    Without any, the best indicator of each theme (see `headline_candidates`).
    """
    frame = headline_candidates(con, level, end)
    ranked = frame[frame["a_la_une"].notna()]
    chosen = ranked if len(ranked) else frame.drop_duplicates("theme")
    return tuple(chosen["code"].head(OVERVIEW_SIZE))


def theme_headlines(con: duckdb.DuckDBPyConnection, theme: str, level: str,
                    end: int) -> tuple[str, ...]:
    """Return a theme page's headline indicators, the first one its map's default.

    Those of the theme à la une, in rank order; without any, the theme's best indicators
    (see `headline_candidates`); none for a theme without indicators.
    """
    frame = headline_candidates(con, level, end)
    frame = frame[frame["theme"] == theme]
    ranked = frame[frame["a_la_une"].notna()]
    if len(ranked):
        return tuple(ranked["code"].head(THEME_HEADLINES_MAX))
    return tuple(frame["code"].head(THEME_CHOSEN_SIZE))


def indicator_meta(con: duckdb.DuckDBPyConnection, indicator: str) -> dict:
    """Return one indicator's catalogue row (libelle, theme, unite, sens, source…) as a dict."""
    engine.check_indicator(con, indicator)
    # engine.indicators, not engine.catalogue: the catalogue's year spans read every published
    # figure, and a theme page asks this for each of its indicators on a first visit.
    frame = engine.indicators(con)
    return frame.loc[frame["code"] == indicator].iloc[0].to_dict()


def theme_indicator_labels(con: duckdb.DuckDBPyConnection, theme: str) -> dict[str, str]:
    """Return {code: libelle} of a theme's indicators, in catalogue order (one read for a picker)."""
    frame = engine.indicators(con)
    rows = frame.loc[frame["theme"] == theme]
    return dict(zip(rows["code"].tolist(), rows["libelle"].tolist(), strict=True))


def map_level(level: str) -> str:
    """Return the territory level a map shows for a selected level."""
    return MAP_LEVELS.get(level, "departement")


def map_values(con: duckdb.DuckDBPyConnection, indicator: str, level: str,
               end: int) -> tuple[pd.DataFrame, int | None]:
    """Return the figures of a level for the latest year ≤ `end` with a shown one, and that year."""
    frame = engine.indicator_values(con, indicator, level)
    shown = frame[(frame["etat"] == "publie") & (frame["annee"] <= end)]
    if shown.empty:
        return frame.iloc[0:0], None
    year = int(shown["annee"].max())
    return frame[frame["annee"] == year].reset_index(drop=True), year


def theme_initiatives(con: duckdb.DuckDBPyConnection, key: str, territory: str,
                      level: str) -> pd.DataFrame:
    """Return the initiatives of a theme page located in a territory (directory columns, by name)."""
    return directory.search_any(con, territory, level, THEMES[key].initiative_filters)


def link_facets(theme: str) -> dict:
    """Return the Initiatives page facets a link from an indicator of `theme` carries.

    A theme's first directory filter (a URL can only say « and »): « portée par une femme »
    for Genre, « public jeunes » for Jeunesse, « économie circulaire » for its theme; none for
    the other themes.
    """
    story = THEMES.get(theme)
    return dict(story.initiative_filters[0]) if story else {}


def overlay_points(con: duckdb.DuckDBPyConnection, theme: str, territory: str,
                   level: str) -> point_maps.MapPoints:
    """Return the initiatives drawn over a map of an indicator of `theme` in a territory.

    Those of the theme's page for its three themes, every initiative of the territory otherwise.
    """
    story = THEMES.get(theme)
    return directory_map.map_points(con, directory.DirectoryQuery(territory, level),
                                story.initiative_filters if story else None)


def is_demo_data(con: duckdb.DuckDBPyConnection) -> bool:
    """Return True when data of the demonstration are loaded (a batch carries its flag)."""
    return sqlstore.scalar(con, "themes_demo_batches") > 0


def dataset_updates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return one row per dataset: last_applied_at, last_file_name, batches_n (latest first)."""
    return reference.dataset_updates(con)
