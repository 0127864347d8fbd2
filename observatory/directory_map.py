"""The directory's maps: what a map of initiatives draws, its table and its one-sentence summary.

Counted by the database (sql/queries/directory.sql, directory_map_communes): one row per
commune, and the initiatives themselves only when few enough to be drawn one by one.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from observatory import point_maps, sqlstore
from observatory.directory import (
    FACETS,
    DirectoryQuery,
    each_distinct,
    value_label,
)
from observatory.i18n import tr


def map_points(con: duckdb.DuckDBPyConnection, query: DirectoryQuery,
               facet_sets: tuple[dict, ...] | None = None) -> point_maps.MapPoints:
    """Return what a map of the initiatives draws: each one, or one circle per commune.

    The initiatives of `query` (all its facets), or, with `facet_sets`, those of the query's
    territory passing any of the sets (as `search_any`). Counted per commune by the database;
    the initiatives themselves are read only when few enough to be drawn one by one.
    """
    if facet_sets is None:
        params, names = query.params(), [[facet.name for facet in FACETS]]
    else:
        params = DirectoryQuery(query.territory, query.level, q=query.q, **{
            name: value for facets in facet_sets for name, value in facets.items()}).params()
        names = [list(facets) for facets in facet_sets]
    params["facet_sets"] = names
    communes = sqlstore.frame(con, "directory_map_communes", params, arrow=True)
    matches_n, located_n = int(communes["initiatives_n"].sum()), int(communes["located_n"].sum())
    points = communes.iloc[0:0]
    if not point_maps.points_are_dense(located_n):
        found = sqlstore.frame(con, "directory_any_results", params, arrow=True)
        points = found.dropna(subset=["latitude", "longitude"])
        communes = communes.iloc[0:0]
    return point_maps.MapPoints(matches_n, located_n, points, communes)


def map_table(points: point_maps.MapPoints, lang: str = "fr") -> pd.DataFrame:
    """Return what the map shows: one row per located initiative (id, name, commune, theme,
    coordinates), or per commune when the map draws communes (initiatives, main theme)."""
    if points.dense:
        communes = points.communes[points.communes["located_n"] > 0]
        return pd.DataFrame({
            tr("Commune", lang): communes["commune_nom"].fillna(communes["commune"]),
            tr("Initiatives", lang): communes["located_n"].astype("int64"),
            tr("Thématique la plus fréquente", lang): each_distinct(
                communes["thematique"], lambda v: value_label("thematique", v, lang)),
            "latitude": communes["latitude"],
            "longitude": communes["longitude"],
        })
    located = points.points
    return pd.DataFrame({
        tr("Identifiant", lang): located["id"],
        tr("Nom", lang): located["nom"],
        tr("Commune", lang): located["commune_nom"].fillna(located["commune"]),
        tr("Thématique", lang): each_distinct(located["thematique"],
                                               lambda v: value_label("thematique", v, lang)),
        "latitude": located["latitude"],
        "longitude": located["longitude"],
    })


def map_summary(points: point_maps.MapPoints, lang: str = "fr") -> str:
    """Return the map's one-sentence summary: how many points, how many without a location."""
    located = points.located_n
    if points.dense:
        text = tr("{n} sur la carte, regroupées par commune (surface du cercle proportionnelle "
                  "au nombre d'initiatives).", lang, n=point_maps.initiative_count(located, lang))
    else:
        text = tr("{n} sur la carte, colorées par thématique.", lang, n=point_maps.initiative_count(located, lang))
    missing = points.matches_n - located
    if missing:
        text += " " + tr("{n} sans localisation.", lang, n=point_maps.initiative_count(missing, lang))
    return text
