"""What the initiatives of a directory selection achieve: totals, breakdowns, creations, survival.

These are counts of what the observatory knows (« initiatives recensées par l'observatoire »),
not a census: every sum says how many initiatives filled its field, and a total that fewer
than half of them reported says so. Queries in sql/queries/impact.sql; no Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from observatory import aggregation, formatting, sqlstore
from observatory.directory import DirectoryQuery, value_label
from observatory.i18n import tr
from observatory.point_maps import initiative_count as _initiatives

SOURCE = "Annuaire des initiatives de l'observatoire : initiatives recensées par l'observatoire"
# (field, label, decimals) of the impact fields, in the order they are shown.
FIELDS = (("jobs", "Emplois (ETP)", 1), ("volunteers", "Bénévoles", 0),
          ("beneficiaries", "Bénéficiaires", 0))


@dataclass(frozen=True)
class Total:
    """One impact field over the active initiatives: its sum and how many filled it."""

    field: str
    label: str
    value: float | None
    reported_n: int
    active_n: int
    decimals: int

    @property
    def partial(self) -> bool:
        """True when fewer than half of the active initiatives filled the field."""
        return self.active_n > 0 and 2 * self.reported_n < self.active_n


def totals(con: duckdb.DuckDBPyConnection, query: DirectoryQuery) -> dict:
    """Return {initiatives_n, active_n, stopped_n, fields: [Total, …]} of the selection."""
    row = sqlstore.frame(con, "impact_totals", query.params(), arrow=True).iloc[0]
    active = int(row["active_n"])
    fields = [Total(name, label, None if pd.isna(row[f"{name}_sum"]) else float(row[f"{name}_sum"]),
                    int(row[f"{name}_n"]), active, decimals) for name, label, decimals in FIELDS]
    return {"initiatives_n": int(row["initiatives_n"]), "active_n": active,
            "stopped_n": int(row["stopped_n"]), "fields": fields}


def coverage_note(total: Total, lang: str = "fr") -> str:
    """Return « renseigné par 12 des 20 initiatives en activité », with a warning when partial."""
    text = tr("renseigné par {n} des {m} initiatives en activité", lang,
              n=formatting.format_number(total.reported_n, 0, lang),
              m=formatting.format_number(total.active_n, 0, lang))
    if total.partial:
        text += tr(" — moins de la moitié : ce total sous-estime la réalité", lang)
    return text


def totals_sentence(summary: dict, lang: str = "fr") -> str:
    """Return the totals in one sentence, each sum with its coverage."""
    text = tr("{n} recensées par l'observatoire, dont {active} en activité et {stopped} arrêtées.",
              lang, n=_initiatives(summary["initiatives_n"], lang),
              active=formatting.format_number(summary["active_n"], 0, lang),
              stopped=formatting.format_number(summary["stopped_n"], 0, lang))
    for total in summary["fields"]:
        if total.reported_n:
            text += " " + tr("{label} : {value} ({coverage}).", lang, label=tr(total.label, lang),
                             value=formatting.format_number(total.value, total.decimals, lang),
                             coverage=coverage_note(total, lang))
    return text


def totals_table(summary: dict, lang: str = "fr") -> pd.DataFrame:
    """Return one row per figure: what, value, initiatives that filled it, active initiatives."""
    rows = [(tr("Initiatives recensées", lang), summary["initiatives_n"], None, None),
            (tr("Initiatives en activité", lang), summary["active_n"], None, None),
            (tr("Initiatives arrêtées", lang), summary["stopped_n"], None, None)]
    rows += [(tr(total.label, lang), total.value, total.reported_n, total.active_n)
             for total in summary["fields"]]
    return pd.DataFrame(rows, columns=[
        tr("Chiffre", lang), tr("Valeur", lang), tr("Initiatives ayant renseigné", lang),
        tr("Initiatives en activité", lang)]).astype({
            tr("Initiatives ayant renseigné", lang): "Int64",
            tr("Initiatives en activité", lang): "Int64"})


def display_table(table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return an impact table as read: French numbers (one decimal unless whole), years
    without separator, an empty cell where a figure has no meaning (never « None »)."""
    year = tr("Année de création", lang)
    shown = table.copy()
    for column in table.columns:
        if column == year:
            shown[column] = [str(int(value)) for value in table[column]]
        else:
            shown[column] = [_cell_text(value, lang) for value in table[column]]
    return shown


def _cell_text(value, lang: str) -> str:
    if isinstance(value, str):
        return value
    if formatting.is_missing(value):
        return ""
    return formatting.format_number(value, 0 if float(value).is_integer() else 1, lang)


def groups(con: duckdb.DuckDBPyConnection, query: DirectoryQuery, facet: str,
           lang: str = "fr") -> pd.DataFrame:
    """Return the breakdown by `facet` (thematique or stade), most initiatives first, labelled."""
    frame = sqlstore.frame(con, "impact_groups", query.params(), arrow=True)
    rows = frame[frame["facet"] == facet]
    unknown = tr("non renseigné", lang)
    return pd.DataFrame({
        tr("Thématique" if facet == "thematique" else "Stade", lang): [
            value_label(facet, code, lang) if code else unknown for code in rows["value_code"]],
        tr("Initiatives", lang): rows["initiatives_n"].astype("int64").to_numpy(),
        tr("En activité", lang): rows["active_n"].astype("int64").to_numpy(),
        tr("Emplois (ETP) des initiatives en activité", lang): rows["jobs_sum"].to_numpy(),
        tr("Initiatives ayant renseigné leurs emplois", lang):
            rows["jobs_n"].astype("int64").to_numpy(),
    })


def groups_sentence(table: pd.DataFrame, lang: str = "fr") -> str:
    """Return « Alimentation en tête : 12 initiatives sur 40 (30 %). »"""
    if table.empty:
        return tr("Aucune initiative.", lang)
    name, count = table.columns[0], table.columns[1]
    total = int(table[count].sum())
    first = table.iloc[0]
    return tr("{name} en tête : {n} sur {total} ({share}).", lang, name=first[name],
              n=_initiatives(int(first[count]), lang),
              total=formatting.format_number(total, 0, lang),
              share=formatting.format_value(100 * first[count] / total, "pourcentage", lang=lang))


def creations(con: duckdb.DuckDBPyConnection, query: DirectoryQuery,
              lang: str = "fr") -> pd.DataFrame:
    """Return one row per creation year: initiatives created, still active, stopped since."""
    frame = sqlstore.frame(con, "impact_creations", query.params(), arrow=True)
    created = frame["created_n"].astype("int64").to_numpy()
    stopped = frame["stopped_n"].astype("int64").to_numpy()
    return pd.DataFrame({
        tr("Année de création", lang): frame["annee"].astype("int64").to_numpy(),
        tr("Initiatives créées", lang): created,
        tr("Toujours en activité", lang): created - stopped,
        tr("Arrêtées depuis", lang): stopped,
    })


def creations_sentence(table: pd.DataFrame, lang: str = "fr") -> str:
    """Return the busiest creation year and the span, in one sentence."""
    if table.empty:
        return tr("Aucune année de création renseignée.", lang)
    year, created = table.columns[0], table.columns[1]
    peak = table.loc[table[created].idxmax()]
    return tr("{n} créées de {first} à {last} ; l'année la plus active : {peak} ({peak_n}).", lang,
              n=_initiatives(int(table[created].sum()), lang), first=int(table[year].min()),
              last=int(table[year].max()), peak=int(peak[year]),
              peak_n=formatting.format_number(int(peak[created]), 0, lang))


def survival(con: duckdb.DuckDBPyConnection, query: DirectoryQuery,
             lang: str = "fr") -> pd.DataFrame:
    """Return the 3- and 5-year survival rates (%) by thématique, then for all, with cohorts.

    A rate is the share of the initiatives created at least 3 (5) years ago that were still
    active 3 (5) years after their creation; empty when no initiative is old enough.
    """
    current = aggregation.directory_years()["current_year"]
    frame = sqlstore.frame(con, "impact_survival", {**query.params(), "current_year": current},
                           arrow=True)
    every = tr("Toutes thématiques", lang)

    def rate(alive: str, cohort: str) -> pd.Series:
        cohorts = frame[cohort].astype("float64")
        return (100 * frame[alive].astype("float64") / cohorts).where(cohorts > 0)

    return pd.DataFrame({
        tr("Thématique", lang): [every if code is None or pd.isna(code)
                                 else value_label("thematique", code, lang)
                                 for code in frame["thematique"]],
        tr("Pérennité à 3 ans (%)", lang): rate("alive_3_n", "cohort_3_n").to_numpy(),
        tr("Initiatives créées il y a 3 ans ou plus", lang):
            frame["cohort_3_n"].astype("int64").to_numpy(),
        tr("Pérennité à 5 ans (%)", lang): rate("alive_5_n", "cohort_5_n").to_numpy(),
        tr("Initiatives créées il y a 5 ans ou plus", lang):
            frame["cohort_5_n"].astype("int64").to_numpy(),
    })


def survival_sentence(table: pd.DataFrame, lang: str = "fr") -> str:
    """Return the overall rates in one sentence (the last row is « Toutes thématiques »)."""
    if table.empty or table.iloc[-1, 2] == 0:
        return tr("Aucune initiative n'a encore 3 ans : pas de taux de pérennité.", lang)
    overall = table.iloc[-1]
    text = tr("{rate} des initiatives créées il y a 3 ans ou plus étaient toujours en activité "
              "3 ans après leur création ({n}).", lang,
              rate=formatting.format_value(overall.iloc[1], "pourcentage", lang=lang),
              n=_initiatives(int(overall.iloc[2]), lang))
    if overall.iloc[4]:
        text += " " + tr("À 5 ans : {rate} ({n}).", lang,
                         rate=formatting.format_value(overall.iloc[3], "pourcentage", lang=lang),
                         n=_initiatives(int(overall.iloc[4]), lang))
    return text

