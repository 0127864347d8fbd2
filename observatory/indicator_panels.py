"""The panels of the Indicateurs page: map, trend, ranking, table, comparison (no Streamlit).

Each builder returns a `Panel` (figure, exact table, readable table, title, summary, source,
notes) from what `reads` gives: the interface passes its cached reads
(`ui.cached_reads.READS`), a test or a script any object with the same methods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from observatory import charts, comparisons, formatting, labels
from observatory.figure_text import aggregation_notes, level_sentence, rank_sentence, years_text
from observatory.i18n import tr
from observatory.selection import Selection

RANKING_LIMIT = 30
# Each figure with its own provenance: unit, status, source and import batch (lot).
VALUE_COLUMNS = list(charts.FIGURE_COLUMNS)


class Reads(Protocol):
    """What the builders read, by indicator code; `level_map` returns (figure, hint or None)."""

    def values(self, indicator: str, level: str, year: int) -> pd.DataFrame: ...
    def trend(self, indicator: str, codes: tuple, levels: tuple) -> pd.DataFrame: ...
    def ranking(self, indicator: str, level: str, year: int) -> pd.DataFrame: ...
    def comparison(self, indicator: str, code: str, level: str) -> comparisons.Comparison: ...
    def comparison_trend(self, indicator: str, code: str,
                         level: str) -> tuple[comparisons.Comparison, pd.DataFrame]: ...
    def latest_year(self, indicator: str, level: str) -> int | None: ...
    def territory_levels(self) -> dict[str, str]: ...
    def level_map(self, indicator: str, values: pd.DataFrame, level: str, year: int, unit: str,
                  title: str, lang: str, selected: str | None, classes: str) -> tuple: ...


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry as the pages show it."""

    code: str
    libelle: str
    theme: str
    unit: str
    description: str
    source: str
    sens: str
    last_year: int | None
    from_directory: bool = False  # computed by the engine from the directory of initiatives

    @classmethod
    def from_row(cls, row: pd.Series) -> Indicator:
        """From a catalogue row (`engine.catalogue`, or `engine.indicators` without year spans)."""
        last = row.get("derniere_annee")
        return cls(row["code"], row["libelle"], row["theme"], row["unite"],
                   cell_text(row.get("description")), cell_text(row["source"]), row["sens"],
                   None if formatting.is_missing(last) else int(last),
                   bool(row.get("annuaire", False)))


@dataclass(frozen=True)
class Settings:
    """The map level, year (None: latest), classes and compared codes of the Indicateurs page."""

    level: str
    year: int | None
    classes: str
    compared: tuple[str, ...]
    initiatives: bool = False




def cell_text(value) -> str:
    """Return a cell as text, empty when missing."""
    return "" if formatting.is_missing(value) else str(value)


@dataclass
class Panel:
    """A figure with its exact table, its readable table, title, summary, source and notes."""

    figure: object
    table: pd.DataFrame
    display: pd.DataFrame
    title: str
    summary: str
    source: str
    notes: list[str] = field(default_factory=list)
    on_select: str | Callable = "ignore"
    outlined: bool = True  # a map drawn over outlines (points can go over it), not circles


def resolved_year(reads: Reads, indicator: Indicator, settings: Settings) -> int | None:
    """Return the chosen year, else the latest with a shown figure at the map level."""
    if settings.year is not None:
        return settings.year
    return reads.latest_year(indicator.code, settings.level) or indicator.last_year


def figure_title(indicator: Indicator, where: str, when: str, lang: str) -> str:
    """Return a panel title with unit and year: « Libellé (%) — départements, 2023 »."""
    return formatting.figure_title(indicator.libelle, indicator.unit, where, when, lang)


def selection_summary(reads: Reads, indicator: Indicator, selection: Selection) -> str:
    """Return the engine's summary sentence for the selected territory."""
    comparison = reads.comparison(indicator.code, selection.code, selection.level)
    return comparisons.summary_sentence(comparison, selection.lang)


def _level_values(reads: Reads, indicator: Indicator, settings: Settings,
                  lang: str) -> tuple[int | None, pd.DataFrame, str]:
    """Return the year shown, the level's figures that year, and the panel's title."""
    year = resolved_year(reads, indicator, settings)
    values = reads.values(indicator.code, settings.level, year) if year else pd.DataFrame()
    where = labels.level_plural(settings.level, lang)
    return year, values, figure_title(indicator, where, str(year or ""), lang)


def map_panel(reads: Reads, indicator: Indicator, settings: Settings,
              selection: Selection) -> Panel:
    """Return the choropleth (or circles without outlines) of a level in a year."""
    lang, level = selection.lang, settings.level
    year, values, title = _level_values(reads, indicator, settings, lang)
    if values.empty:
        return Panel(None, values, values, title, "", indicator.source)
    selected = selection.code if selection.level == level else None
    figure, hint = reads.level_map(indicator.code, values, level, year, indicator.unit, title,
                                   lang, selected, settings.classes)
    table = value_table(values)
    summary = " ".join([level_sentence(values, indicator.unit, level, year, lang),
                        selection_summary(reads, indicator, selection)])
    return Panel(figure, table, charts.display_table(table, indicator.unit, lang), title, summary,
                 indicator.source, ([hint] if hint else []) + aggregation_notes(table, lang),
                 outlined=hint is None)


def trend_pairs(comparison: comparisons.Comparison) -> list[tuple[str, str]]:
    pairs = [(comparison.territory, comparison.level),
             (comparison.parent_code, comparison.parent_level),
             (comparison.region_code, "region")]
    return list(dict.fromkeys((code, level) for code, level in pairs if code and level))


def in_period(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    return frame.loc[frame["annee"].between(selection.start, selection.end)]


def trend_panel(reads: Reads, indicator: Indicator, selection: Selection) -> Panel:
    """Return the trend of the selected territory against its parent and the région."""
    lang = selection.lang
    comparison, frame = reads.comparison_trend(indicator.code, selection.code, selection.level)
    frame = in_period(frame, selection)
    order = [code for code, _ in trend_pairs(comparison)]
    figure = charts.build_trend(frame, indicator.unit, lang, order=order)
    table = value_table(frame)
    return Panel(figure, table, charts.display_table(table, indicator.unit, lang),
                 figure_title(indicator, selection.name, selection.period, lang),
                 comparisons.summary_sentence(comparison, lang), indicator.source,
                 aggregation_notes(table, lang))


def ranking_panel(reads: Reads, indicator: Indicator, settings: Settings,
                  selection: Selection) -> Panel:
    """Return the ranking bar chart of a level in a year (secret figures not ranked)."""
    lang, level = selection.lang, settings.level
    year = resolved_year(reads, indicator, settings)
    frame = reads.ranking(indicator.code, level, year) if year else pd.DataFrame()
    where = labels.level_plural(level, lang)
    title = tr("Classement", lang) + " : " + figure_title(indicator, where, str(year or ""), lang)
    if frame.empty:
        return Panel(None, frame, frame, title, "", indicator.source)
    selected = selection.code if selection.level == level else None
    figure = charts.build_ranking(frame, indicator.unit, lang, selected, RANKING_LIMIT)
    table = value_table(frame.assign(annee=year), ["rang", "territoire", "nom", "annee",
                                                   "valeur", "unite", "etat", "calcule",
                                                   "couverture", "statut", "source",
                                                   "batch_id"])
    notes = aggregation_notes(table, lang)
    if int(frame["rang"].notna().sum()) > RANKING_LIMIT:
        notes.append(tr("Le graphique montre les {n} premiers ; l'onglet Données les donne tous.",
                        lang, n=RANKING_LIMIT))
    summary = " ".join(filter(None, [level_sentence(frame, indicator.unit, level, year, lang),
                                     rank_sentence(frame, selected, lang)]))
    return Panel(figure, table, charts.display_table(table, indicator.unit, lang, ("nom",
                 "territoire")), title, summary, indicator.source, notes)


def table_panel(reads: Reads, indicator: Indicator, settings: Settings,
                selection: Selection) -> Panel:
    """Return the data table of a level in a year (no figure)."""
    lang, level = selection.lang, settings.level
    year, values, title = _level_values(reads, indicator, settings, lang)
    if values.empty:
        return Panel(None, values, values, title, "", indicator.source)
    table = value_table(values)
    return Panel(None, table, charts.display_table(table, indicator.unit, lang), title,
                 level_sentence(values, indicator.unit, level, year, lang), indicator.source,
                 aggregation_notes(table, lang))


def compared_pairs(reads: Reads, settings: Settings, selection: Selection,
                   indicator: Indicator) -> list[tuple[str, str]]:
    """Return the compared (code, level) pairs: the chosen ones, else selection, parent, région."""
    if not settings.compared:
        comparison = reads.comparison(indicator.code, selection.code, selection.level)
        return trend_pairs(comparison)
    levels = reads.territory_levels()
    return [(code, levels[code]) for code in settings.compared if code in levels]


def comparison_panels(reads: Reads, indicator: Indicator, settings: Settings,
                      selection: Selection) -> list[Panel]:
    """Return the compared territories' trends and their latest values side by side."""
    lang = selection.lang
    pairs = compared_pairs(reads, settings, selection, indicator)
    codes, levels = tuple(code for code, _ in pairs), tuple(level for _, level in pairs)
    frame = in_period(reads.trend(indicator.code, codes, levels), selection)
    names = ", ".join(dict.fromkeys(frame["nom"]))
    period = selection.period
    trend = Panel(charts.build_trend(frame, indicator.unit, lang, order=list(codes)),
                  value_table(frame), charts.display_table(value_table(frame),
                                                           indicator.unit, lang),
                  figure_title(indicator, tr("territoires comparés", lang), period, lang),
                  tr("Évolution comparée de {names}, {period}.", lang, names=names,
                     period=period), indicator.source)
    compared = [reads.comparison(indicator.code, code, level) for code, level in pairs]
    latest = latest_frame(compared)
    bars = Panel(charts.build_comparison(latest, indicator.unit, lang), latest,
                 charts.display_table(latest, indicator.unit, lang),
                 figure_title(indicator, tr("dernières valeurs", lang),
                              years_text(latest), lang),
                 " ".join(comparisons.summary_sentence(item, lang) for item in compared),
                 indicator.source, aggregation_notes(latest, lang))
    return [trend, bars]


def latest_frame(compared: list[comparisons.Comparison]) -> pd.DataFrame:
    """Return one row per comparison (VALUE_COLUMNS): latest figure with its provenance."""
    rows = [(item.territory, item.name, item.level, item.year, item.value, item.unit, item.etat,
             item.calcule, item.valeur_source, item.couverture, item.statut, item.source,
             item.batch_id)
            for item in compared]
    return value_table(pd.DataFrame(rows, columns=VALUE_COLUMNS))


def value_table(frame: pd.DataFrame, columns: list[str] = VALUE_COLUMNS) -> pd.DataFrame:
    """Return the exact table a panel shows and exports: `columns`, batch numbers as integers."""
    return charts.figure_table(frame, columns)
