"""The territory reference and the vocabularies that URL parameters are checked against."""

from __future__ import annotations

import duckdb
import pandas as pd

from observatory import settings, sqlstore
from observatory.datasets import LEVELS, OPTIONAL_LEVELS, THEMES
from observatory.facets import FACETS, TERRITORY_FACETS
from observatory.i18n import LANGUAGES
from observatory.urlstate import Vocabulary

# Values of the page fields whose vocabulary does not come from the data.
FIXED_VOCABULARIES = {
    "niveau": LEVELS,
    "lang": LANGUAGES,
    # The facets' own values (their codes of the data contract); territory facets come from
    # the data below.
    **{facet.url_vocabulary: facet.values for facet in FACETS if facet.values},
    "classes": ("quantiles", "jenks"),
    "tri": ("nom", "commune", "creation", "emplois"),
    "theme": THEMES,
    "onglet_initiatives": ("carte", "tableau"),
    "vue_impact": ("chiffres", "thematique", "stade", "creations", "perennite"),
    "onglet_indicateurs": ("carte", "evolution", "classement", "tableau", "comparaison"),
    "onglet_import": ("importer", "historique"),
    "onglet_donnees": ("catalogue", "telechargements", "methodes"),
}


def territories(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return one row per territory: code, niveau, nom, parents, population_n, centroid."""
    return sqlstore.frame(con, "reference_territories")


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Return the years that have observations, in order."""
    return [row[0] for row in sqlstore.rows(con, "reference_years")]


def indicator_themes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return one row per indicator: code, theme, libelle."""
    return sqlstore.frame(con, "reference_indicator_themes")


def dataset_updates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return one row per dataset: last_applied_at, last_file_name, batches_n."""
    return sqlstore.frame(con, "reference_dataset_updates", arrow=True)  # timestamps: see list_batches


def vocabulary(con: duckdb.DuckDBPyConnection) -> Vocabulary:
    """Return the allowed values of every URL vocabulary, from the data and the contract."""
    allowed = dict(FIXED_VOCABULARIES)
    reference = territories(con)
    allowed["territoire"] = frozenset(reference["code"])
    present = set(reference["niveau"])
    allowed["niveau"] = tuple(level for level in LEVELS
                              if level not in OPTIONAL_LEVELS or level in present)
    for level in TERRITORY_FACETS:  # the Initiatives facets named after their level
        allowed[level] = frozenset(reference.loc[reference["niveau"] == level, "code"])
    allowed["annee"] = frozenset(years(con))
    allowed["indicateur"] = frozenset(indicator_themes(con)["code"])
    allowed["initiative"] = frozenset(row[0] for row in sqlstore.rows(con, "directory_initiative_ids"))
    return Vocabulary(allowed)


def region_code() -> str:
    """Return the INSEE code of the région the observatory covers."""
    return settings.get("OBSERVATORY_REGION")
