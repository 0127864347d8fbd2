"""Indicateurs page: the panels of its views (map, trend, ranking, table, comparison), links.

Each builder returns a `Panel` (figure, exact table, readable table, title, summary, source,
notes) from the cached reads; the page renders the chosen view's panel only, through
`panels.show_panel`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from observatory import charts, comparisons, formatting, labels
from observatory.figure_text import aggregation_notes, level_sentence, rank_sentence, years_text
from observatory.i18n import tr
from observatory.ui import initiative_overlay
from observatory.ui.frame import PAGES_BY_KEY, PROJECT_ROOT, Selection, territories_frame
from observatory.ui.indicator_pickers import Indicator, Settings
from observatory.ui.indicator_reads import (
    indicator_comparison,
    indicator_latest_year,
    indicator_ranking,
    indicator_trend,
    indicator_values,
)
from observatory.ui.level_maps import level_map

RANKING_LIMIT = 30
MAP_KEY = "indicateurs.carte.figure"
# Each figure with its own provenance: unit, status, source and import batch (lot).
VALUE_COLUMNS = list(charts.FIGURE_COLUMNS)


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


def resolved_year(indicator: Indicator, settings: Settings) -> int | None:
    """Return the chosen year, else the latest with a shown figure at the map level."""
    if settings.year is not None:
        return settings.year
    return indicator_latest_year(indicator.code, settings.level) or indicator.last_year


def figure_title(indicator: Indicator, where: str, when: str, lang: str) -> str:
    """Return a panel title with unit and year: « Libellé (%) — départements, 2023 »."""
    return formatting.figure_title(indicator.libelle, indicator.unit, where, when, lang)


def selection_summary(indicator: Indicator, selection: Selection) -> str:
    """Return the engine's summary sentence for the selected territory."""
    comparison = indicator_comparison(indicator.code, selection.code, selection.level)
    return comparisons.summary_sentence(comparison, selection.lang)


def map_panel(indicator: Indicator, settings: Settings, selection: Selection) -> Panel:
    """Return the choropleth (or circles without outlines) of a level in a year."""
    lang, level = selection.lang, settings.level
    year = resolved_year(indicator, settings)
    values = indicator_values(indicator.code, level, year) if year else pd.DataFrame()
    title = figure_title(indicator, labels.level_plural(level, lang), str(year or ""), lang)
    if values.empty:
        return Panel(None, values, values, title, "", indicator.source)
    selected = selection.code if selection.level == level else None
    figure, hint = level_map(indicator.code, values, level, year, indicator.unit, title, lang,
                             selected, settings.classes)
    notes = [hint] if hint else []
    table = value_table(values)
    summary = " ".join([level_sentence(values, indicator.unit, level, year, lang),
                        selection_summary(indicator, selection)])
    source = indicator.source
    if settings.initiatives:
        overlay_note = initiative_overlay.add_to_map(figure, indicator.theme, selection,
                                                     hint is None)
        summary = f"{summary} {overlay_note}"
        source = initiative_overlay.with_directory_source(source, lang)
    return Panel(figure, table, charts.display_table(table, indicator.unit, lang), title, summary,
                 source, notes + aggregation_notes(table, lang),
                 on_select=select_from_map(MAP_KEY, level))


def clicked_code(event) -> str | None:
    """Return the territory code of the first clicked map point (customdata[0] or location)."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and data and isinstance(data[0], str):
            return data[0]
        if isinstance(point.get("location"), str):
            return point["location"]
    return None


def select_from_map(chart_key: str, level: str) -> Callable[[], None]:
    """Return the callback that makes a clicked territory the shared selection."""

    def callback() -> None:
        code = clicked_code(st.session_state.get(chart_key))
        codes = territories_frame()
        if code and ((codes["code"] == code) & (codes["niveau"] == level)).any():
            st.session_state["niveau"] = level
            st.session_state["territoire"] = code

    return callback


def _trend_pairs(comparison: comparisons.Comparison) -> list[tuple[str, str]]:
    pairs = [(comparison.territory, comparison.level),
             (comparison.parent_code, comparison.parent_level),
             (comparison.region_code, "region")]
    return list(dict.fromkeys((code, level) for code, level in pairs if code and level))


def _in_period(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    return frame.loc[frame["annee"].between(selection.start, selection.end)]


def trend_panel(indicator: Indicator, selection: Selection) -> Panel:
    """Return the trend of the selected territory against its parent and the région."""
    lang = selection.lang
    comparison = indicator_comparison(indicator.code, selection.code, selection.level)
    pairs = _trend_pairs(comparison)
    frame = indicator_trend(indicator.code, tuple(code for code, _ in pairs),
                            tuple(level for _, level in pairs))
    frame = _in_period(frame, selection)
    figure = charts.build_trend(frame, indicator.unit, lang, order=[code for code, _ in pairs])
    period = f"{selection.start}–{selection.end}"
    table = value_table(frame)
    return Panel(figure, table, charts.display_table(table, indicator.unit, lang),
                 figure_title(indicator, selection.name, period, lang),
                 comparisons.summary_sentence(comparison, lang), indicator.source,
                 aggregation_notes(table, lang))


def ranking_panel(indicator: Indicator, settings: Settings, selection: Selection) -> Panel:
    """Return the ranking bar chart of a level in a year (secret figures not ranked)."""
    lang, level = selection.lang, settings.level
    year = resolved_year(indicator, settings)
    frame = indicator_ranking(indicator.code, level, year) if year else pd.DataFrame()
    title = tr("Classement", lang) + " : " + figure_title(indicator, labels.level_plural(level, lang),
                                                           str(year or ""), lang)
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


def table_panel(indicator: Indicator, settings: Settings, selection: Selection) -> Panel:
    """Return the data table of a level in a year (no figure)."""
    lang, level = selection.lang, settings.level
    year = resolved_year(indicator, settings)
    values = indicator_values(indicator.code, level, year) if year else pd.DataFrame()
    title = figure_title(indicator, labels.level_plural(level, lang), str(year or ""), lang)
    if values.empty:
        return Panel(None, values, values, title, "", indicator.source)
    table = value_table(values)
    return Panel(None, table, charts.display_table(table, indicator.unit, lang), title,
                 level_sentence(values, indicator.unit, level, year, lang), indicator.source,
                 aggregation_notes(table, lang))


def compared_pairs(settings: Settings, selection: Selection,
                   indicator: Indicator) -> list[tuple[str, str]]:
    """Return the compared (code, level) pairs: the chosen ones, else selection, parent, région."""
    if not settings.compared:
        comparison = indicator_comparison(indicator.code, selection.code, selection.level)
        return _trend_pairs(comparison)
    territories = territories_frame()
    levels = dict(zip(territories["code"], territories["niveau"], strict=False))
    return [(code, levels[code]) for code in settings.compared if code in levels]


def comparison_panels(indicator: Indicator, settings: Settings,
                      selection: Selection) -> list[Panel]:
    """Return the compared territories' trends and their latest values side by side."""
    lang = selection.lang
    pairs = compared_pairs(settings, selection, indicator)
    codes, levels = tuple(code for code, _ in pairs), tuple(level for _, level in pairs)
    frame = _in_period(indicator_trend(indicator.code, codes, levels), selection)
    names = ", ".join(dict.fromkeys(frame["nom"]))
    period = f"{selection.start}–{selection.end}"
    trend = Panel(charts.build_trend(frame, indicator.unit, lang, order=list(codes)),
                  value_table(frame), charts.display_table(value_table(frame),
                                                           indicator.unit, lang),
                  figure_title(indicator, tr("territoires comparés", lang), period, lang),
                  tr("Évolution comparée de {names}, {period}.", lang, names=names,
                     period=period), indicator.source)
    compared = [indicator_comparison(indicator.code, code, level) for code, level in pairs]
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


def initiatives_link(selection: Selection, lang: str, theme: str | None = None) -> None:
    """Link to the Initiatives page filtered on the selected territory and, from an indicator
    or a theme, on that theme's facets (one shared filter)."""
    page = PAGES_BY_KEY["initiatives"]
    params = initiative_overlay.link_params(selection, theme)
    label = tr("Voir les initiatives de ce territoire", lang)
    try:
        st.page_link(str(PROJECT_ROOT / page.file), label=label, icon=":material/lightbulb:",
                     query_params=params)
    except StreamlitAPIException:
        # The page runs on its own (tests, no navigation): a plain link to the page's path.
        st.markdown(f"[{label}](/{page.url_path}?{urlencode(params, doseq=True)})")


PRINT_BUTTON = """
<button type="button" onclick="window.print()" class="print-button"
  style="padding:.4rem .9rem;border:1px solid #1f4e79;border-radius:.4rem;background:#fff;
         color:#1f4e79;font:inherit;cursor:pointer">{label}</button>
<style>@media print {{ .print-button {{ display:none; }} }}</style>
"""


def print_button(lang: str) -> None:
    """Show « Imprimer » (window.print) and the keyboard hint; hidden on paper."""
    st.html(PRINT_BUTTON.format(label=tr("Imprimer ce portrait", lang)),
            unsafe_allow_javascript=True)
    st.caption(tr("Pour imprimer ou enregistrer en PDF : bouton ci-dessus, ou Ctrl+P (Cmd+P sur "
                  "Mac). Le menu latéral n'est pas imprimé.", lang))
