"""The directory of initiatives: search, facets with live counts, sorted results, one card.

Filters are data: a `DirectoryQuery` holds the search text, the territory and the chosen
facet values; its `params()` bind every value of `sql/queries/directory.sql` (no SQL is
assembled here), and `filter_sentence` says the same filters in words, shown above results.
"""

from __future__ import annotations

import re
from dataclasses import make_dataclass

import duckdb
import numpy as np
import pandas as pd

from observatory import formatting, point_maps, sqlstore
from observatory.facets import FACETS, FACETS_BY_NAME
from observatory.i18n import tr

SOURCE = "Annuaire des initiatives de l'observatoire"
DEMO_SOURCE = "Annuaire des initiatives de l'observatoire (données de démonstration)"
# Sort keys of the `tri` URL field (the SQL orders by a bound key, never by an identifier).
SORTS = {"nom": "Nom", "commune": "Commune", "creation": "Année de création (récentes d'abord)",
         "emplois": "Emplois (les plus nombreux d'abord)"}
_WORD = re.compile(r"\S+")
MAX_TERMS = 8


def _chosen(self, facet: str) -> tuple[str, ...]:
    """Return the values chosen for a facet (a single-valued one gives zero or one value)."""
    value = getattr(self, facet)
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _params(self) -> dict:
    """Return the bound parameters of the directory queries (values outside a facet's dropped)."""
    params: dict = {}
    for facet in FACETS:
        chosen = [value for value in self.chosen(facet.name)
                  if not facet.values or value in facet.values]
        params[facet.name] = chosen if facet.multiple else (chosen[0] if chosen else None)
    params.update(terms=search_terms(self.q), territory=self.territory or None, level=self.level)
    return params


# What the directory is asked: search text, territory (code, level, name), then one field per
# facet (a tuple of values, or one value or None), from the rows of `facets.FACETS`.
DirectoryQuery = make_dataclass(
    "DirectoryQuery",
    [("territory", "str | None", None), ("level", "str", "region"),
     ("territory_name", "str", ""), ("q", "str", ""),
     *[(facet.name, "tuple[str, ...]" if facet.multiple else "str | None", facet.empty)
       for facet in FACETS]],
    frozen=True, namespace={"chosen": _chosen, "params": _params})
DirectoryQuery.__module__ = __name__  # pickled by name (Streamlit's cache keys)


def search_terms(text: str) -> list[str]:
    """Return the words of a search (every word must match, accents and case ignored)."""
    return _WORD.findall(text or "")[:MAX_TERMS]


def search_initiatives(con: duckdb.DuckDBPyConnection, query: DirectoryQuery,
                       sort: str = "nom", limit: int | None = None) -> pd.DataFrame:
    """Return one row per matching initiative (id, nom, porteur, commune, …, jobs_fte, coordinates).

    With `limit`, only the first rows in the sort order; `matches_n` counts every match.
    No `publics` column (no results view shows it; `read_initiative` has it).
    """
    if sort not in SORTS:
        sort = "nom"
    return sqlstore.frame(con, "directory_results", {**query.params(), "sort": sort, "limit": limit},
                          arrow=True)


def matches(results: pd.DataFrame) -> int:
    """Return how many initiatives match a search read by `search_initiatives` (limit or not)."""
    return int(results["matches_n"].iloc[0]) if len(results) else 0


def search_any(con: duckdb.DuckDBPyConnection, territory: str | None, level: str,
               facet_sets: tuple[dict, ...]) -> pd.DataFrame:
    """Return the initiatives of a territory matching all the facets of any of `facet_sets`.

    Each set is DirectoryQuery facet values (`{"femme": "oui"}`); a facet may appear in one
    set only. One scan, ordered by name then id; the columns of `search_initiatives`
    without `matches_n`.
    """
    named = [facet for facets in facet_sets for facet in facets]
    unknown = [facet for facet in named if facet not in FACETS_BY_NAME]
    if unknown or len(set(named)) != len(named):
        raise ValueError(f"facettes inconnues ou répétées : {named}")
    query = DirectoryQuery(territory, level, **{name: value for facets in facet_sets
                                                for name, value in facets.items()})
    return sqlstore.frame(con, "directory_any_results",
                          {**query.params(), "facet_sets": [list(facets) for facets in facet_sets]},
                          arrow=True)


def count_facets(con: duckdb.DuckDBPyConnection, query: DirectoryQuery) -> pd.DataFrame:
    """Return one row per facet value: facet, value_code, initiatives_n (other facets applied)."""
    counts = sqlstore.frame(con, "directory_facet_counts", query.params())
    return counts.astype({"initiatives_n": "int64"})


def facet_options(counts: pd.DataFrame, query: DirectoryQuery, facet: str) -> dict[str, int]:
    """Return {value: initiatives_n} for a facet: values found, plus the chosen ones.

    In vocabulary order; a facet whose values come from the data, most initiatives first.
    """
    rows = counts[counts["facet"] == facet]
    found = dict(zip(rows["value_code"], rows["initiatives_n"], strict=True))
    chosen = query.chosen(facet)
    values = FACETS_BY_NAME[facet].values or tuple(
        sorted({*found, *chosen}, key=lambda value: (-found.get(value, 0), value)))
    return {value: int(found.get(value, 0)) for value in values
            if value in found or value in chosen}


def read_initiative(con: duckdb.DuckDBPyConnection, initiative_id: str) -> dict | None:
    """Return one initiative as a dict (with commune_nom), or None when the id is unknown."""
    if not initiative_id:
        return None
    rows = sqlstore.frame(con, "directory_detail", {"id": initiative_id})
    return None if rows.empty else rows.iloc[0].to_dict()


def value_label(facet: str, value: str, lang: str = "fr", names: dict | None = None) -> str:
    """Return the label of a facet value in `lang` (`Mobilité`, `Demandeurs d'emploi`).

    A territory facet's value is named by `names` (code → name), else left as its code.
    """
    if not FACETS_BY_NAME[facet].values:
        return (names or {}).get(value, value)
    return FACETS_BY_NAME[facet].value_name(value, lang)


def pill_label(facet: str, value: str, count: int, lang: str = "fr",
               names: dict | None = None) -> str:
    """Return a facet value with its count, as on its pill: « Mobilité (12) »."""
    return (f"{value_label(facet, value, lang, names)} "
            f"({formatting.format_number(count, 0, lang)})")


def filter_sentence(count: int, query: DirectoryQuery, lang: str = "fr",
                    names: dict | None = None) -> str:
    """Return the results in one sentence: « 42 initiatives — Finistère, thématique Alimentation »."""
    parts = [query.territory_name] if query.territory_name else []
    if query.q.strip():
        parts.append(tr("recherche « {words} »", lang, words=query.q.strip()))
    for facet in FACETS:
        values = query.chosen(facet.name)
        if not values:
            continue
        if not facet.multiple:
            parts.append(tr(facet.value_sentences[values[0]], lang))
            continue
        labels = tr(" ou ", lang).join(value_label(facet.name, value, lang, names)
                                       for value in values)
        parts.append(tr(facet.sentence, lang, values=labels))
    counted = point_maps.initiative_count(count, lang)
    return f"{counted} — {', '.join(parts)}" if parts else counted


def results_table(results: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return the table shown and downloaded: one row per initiative, labelled columns, raw numbers."""
    return pd.DataFrame({
        tr("Identifiant", lang): results["id"],
        tr("Nom", lang): results["nom"],
        tr("Commune", lang): results["commune_nom"].fillna(results["commune"]),
        tr("Thématique", lang): each_distinct(results["thematique"],
                                               lambda v: value_label("thematique", v, lang)),
        tr("Stade", lang): each_distinct(results["stade"],
                                          lambda v: _label_or_blank("stade", v, lang)),
        tr("Forme juridique", lang): each_distinct(results["forme_juridique"],
                                                    lambda v: _label_or_blank("forme", v, lang)),
        tr("Année de création", lang): results["annee_creation"].astype("Int64"),
        tr("Activité", lang): each_distinct(results["annee_fin"],
                                             lambda year: activity_text(year, lang)),
        tr("Emplois (ETP)", lang): results["jobs_fte"],
    })


def activity_text(end_year, lang: str = "fr") -> str:
    """Return « en activité », or « arrêtée en 2023 » for an initiative with an end year."""
    if formatting.is_missing(end_year) or end_year is None:
        return tr("en activité", lang)
    return tr("arrêtée en {year}", lang, year=int(end_year))


def display_table(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return the results table with numbers formatted for reading (`3,5`; years without separator)."""
    shown = table.copy()
    year, jobs = tr("Année de création", lang), tr("Emplois (ETP)", lang)
    shown[year] = each_distinct(table[year], _year_text)
    shown[jobs] = each_distinct(table[jobs], lambda value: formatting.format_number(value, 1, lang))
    return shown


def each_distinct(values: pd.Series, function) -> list:
    """Return `function(value)` for each value, computed once per distinct value.

    Directory columns repeat a few values over thousands of rows, and formatting one
    (Babel, labels) costs far more than a look-up; the distinct values are found by
    `pd.factorize` (a Python dictionary over 20,000 cells was most of a table's time).
    """
    codes, uniques = pd.factorize(values)
    labels = [function(value) for value in uniques.tolist()]
    missing = codes < 0
    if missing.any():
        # Missing cells (None, NaN, NA) have no code: the first one stands for them all.
        labels.append(function(values.iloc[int(missing.argmax())]))
        codes = np.where(missing, len(labels) - 1, codes)
    return np.array(labels, dtype=object)[codes].tolist()


def detail_fields(initiative: dict, lang: str = "fr") -> list[tuple[str, str]]:
    """Return the card's (label, text) pairs, numbers formatted, « non renseigné » when missing."""
    absent = tr("non renseigné", lang)
    publics = initiative.get("publics")
    audiences = ", ".join(value_label("public", v, lang) for v in publics) \
        if publics is not None and len(publics) else absent
    values = [
        ("Porteur", _text(initiative.get("porteur")) or absent),
        ("Commune", _text(initiative.get("commune_nom")) or _text(initiative.get("commune"))),
        ("Thématique", value_label("thematique", initiative["thematique"], lang)),
        ("Publics", audiences),
        ("Stade", _label_or_blank("stade", initiative.get("stade"), lang) or absent),
        ("Forme juridique", _label_or_blank("forme", initiative.get("forme_juridique"), lang) or absent),
        ("Année de création", _year_text(initiative.get("annee_creation")) or absent),
        ("Activité", activity_text(initiative.get("annee_fin"), lang)),
        ("Emplois (ETP)", formatting.format_number(initiative.get("jobs_fte"), 1, lang) or absent),
        ("Bénévoles", formatting.format_number(initiative.get("volunteers_n"), 0, lang) or absent),
        ("Bénéficiaires", formatting.format_number(initiative.get("beneficiaries_n"), 0, lang)
         or absent),
    ]
    return [(tr(label, lang), text) for label, text in values]


def website(initiative: dict) -> str | None:
    """Return the initiative's web address when it is a plain http(s) URL, else None."""
    address = _text(initiative.get("site_web"))
    return address if re.fullmatch(r"https?://[^\s<>()\[\]]+", address) else None


def _label_or_blank(facet: str, value, lang: str) -> str:
    return "" if formatting.is_missing(value) or value is None else value_label(facet, value, lang)


def _year_text(value) -> str:
    return "" if formatting.is_missing(value) else str(int(value))


def _text(value) -> str:
    return "" if value is None or formatting.is_missing(value) else str(value).strip()
