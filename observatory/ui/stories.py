"""Streamlit pieces of the overview and the theme pages: key figures, map, trends, initiatives.

Data come from `observatory.themes` (cached per data version); figures from `charts` and
`maps`; each piece renders inside a panel guard so a failure leaves the rest of the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from observatory import (
    charts,
    directory,
    formatting,
    indicator_panels,
    labels,
    maps,
    methods,
    point_maps,
    textsafety,
    themes,
)
from observatory.figure_text import level_sentence
from observatory.i18n import tr
from observatory.indicator_panels import Indicator
from observatory.ui.cached_reads import READS
from observatory.ui.connection import cached, cached_resource
from observatory.ui.level_maps import level_map
from observatory.ui.panels import panel, show_figure, show_panel, show_table

DEMO_NOTICE = ("Données de démonstration : valeurs fictives, générées pour présenter l'outil "
               "(territoires réels de Bretagne, quelques initiatives réelles citées en exemple). "
               "Ne les citez pas comme des statistiques.")

EMPTY_CATALOGUE = ("Le catalogue des indicateurs est vide : importez un fichier d'indicateurs "
                   "(page Import) ou chargez les données de démonstration.")

key_figures = cached(themes.key_figures)
overview_headlines = cached(themes.overview_headlines)
theme_headlines = cached(themes.theme_headlines)
map_values = cached(themes.map_values)
theme_initiatives = cached(themes.theme_initiatives)
overlay_points = cached(themes.overlay_points)
theme_indicator_labels = cached(themes.theme_indicator_labels)
indicator_meta = cached(themes.indicator_meta)
is_demo_data = cached(themes.is_demo_data)
dataset_updates = cached(themes.dataset_updates)


def demo_notice(lang: str) -> None:
    """Show the demonstration-data notice when the published data came from the demo files."""
    if is_demo_data():
        st.warning(tr(DEMO_NOTICE, lang), icon=":material/science:")


def empty_catalogue_notice(lang: str) -> None:
    """Say that there is no indicator yet, and how to add some."""
    st.info(tr(EMPTY_CATALOGUE, lang), icon=":material/info:")


def metrics(figures: list[themes.KeyFigure], lang: str, per_row: int = 4) -> None:
    """Show one st.metric per key figure: value, change over a year, period change, source."""
    for first in range(0, len(figures), per_row):
        columns = st.columns(per_row)
        for column, item in zip(columns, figures[first:first + per_row], strict=False):
            with column:
                metric(item, lang)


def metric(item: themes.KeyFigure, lang: str) -> None:
    """Show one key figure as a metric card with its year, changes, unit and source."""
    value = formatting.format_value(item.value, item.unit, item.etat, lang)
    delta = formatting.format_change(item.change_1y, item.unit, lang, relative=item.relative)
    colour, arrow = formatting.delta_style(
        item.change_1y, item.favourable_change, delta)
    st.metric(textsafety.markdown(tr(item.libelle, lang)), value, delta=delta or None,
              delta_color=colour, delta_arrow=arrow, border=True,
              help=tr("Évolution sur un an ; unité : {unit}", lang,
                      unit=formatting.unit_label(item.unit, lang)))
    st.caption(textsafety.markdown(figure_caption(item, lang)))


def figure_caption(item: themes.KeyFigure, lang: str) -> str:
    """Return the line under a metric: year, status (« calculé — 5 territoires sur 6 »),
    change over the period, unit, source and import batch."""
    if item.year is None:
        return tr("Pas de donnée sur la période choisie.", lang)
    parts = [tr("Année {year}", lang, year=item.year)]
    if item.etat == "secret":
        parts.append(tr("secret statistique", lang))
    else:
        parts.append(formatting.status_text(item.statut, item.couverture, lang))
    if item.change_period is not None:
        delta = formatting.format_change(item.change_period, item.unit, lang,
                                         relative=item.relative)
        parts.append(tr("{delta} depuis {year}", lang, delta=delta, year=item.first_year))
    parts.append(tr("Unité : {unit}", lang, unit=formatting.unit_label(item.unit, lang)))
    if item.source:
        parts.append(tr("Source : {source}", lang, source=item.source))
    parts.append(formatting.batch_text(item.batch_id, lang))
    return " · ".join(part for part in parts if part)


def indicator_map(indicator: str, selection, lang: str, key: str,
                  initiatives: point_maps.MapPoints | None = None, level: str | None = None) -> None:
    """Show the indicator's map at `level` (default: below the selection), circles without
    outlines; `initiatives` drawn over its areas."""
    level = level or themes.map_level(selection.level)
    values, year = map_values(indicator, level, selection.end)
    meta = indicator_meta(indicator)
    title = formatting.figure_title(tr(meta["libelle"], lang), meta["unite"],
                                    labels.level_plural(level, lang), str(year or selection.end),
                                    lang)
    if year is None:
        st.info(tr("Pas de donnée pour cet indicateur à ce niveau sur la période choisie.", lang))
        return
    figure, hint = level_map(indicator, values, level, year, meta["unite"], title, lang,
                             selection.code, height=460, width=maps.HALF_MAP_WIDTH_PX)
    if hint:
        st.info(hint, icon=":material/map:")
    # Over circles, the initiatives' own circles would read as more values: outlines only.
    if initiatives is not None and initiatives.located_n and hint is None:
        point_maps.add_points(figure, initiatives, lang)
    table, shown, summary = map_tables(indicator, level, selection.end, meta["unite"], lang)
    show_figure(figure, table, title=title, source=meta["source"], key=key, lang=lang,
                summary=summary, display_table=shown)


@cached_resource
def map_tables(con, indicator: str, level: str, end: int, unit: str,
               lang: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Return the map's exact table, the same formatted, and its summary, kept per data version.

    Like the areas, they do not depend on the selected territory (read-only: shared by
    sessions); formatting 2,000 communes' values cost a tenth of the Territoire page's run.
    """
    values, year = map_values(indicator, level, end)
    table = charts.figure_table(values)
    return (table, charts.display_table(table, unit, lang),
            level_sentence(table, unit, level, year, lang))


def trend_chart(indicator: str, selection, lang: str, key: str) -> None:
    """Show the trend of the selected territory against its parent and the région."""
    built = indicator_panels.trend_panel(READS, Indicator.from_row(indicator_meta(indicator)),
                                         selection)
    built.title = tr("Évolution : {label}", lang, label=built.title)
    # A half-width column: the Indicateurs page explains « calculé ».
    show_panel(built, key, lang, notes=False)


def initiatives_table(initiatives: pd.DataFrame, story: themes.ThemeStory, selection,
                      lang: str, key: str) -> None:
    """Show how many initiatives concern the theme in the territory, and their table."""
    st.markdown(tr("**{n} initiative(s)** concernent ce thème — {territory} ({rule}).", lang,
                   n=len(initiatives), territory=textsafety.markdown(selection.name), rule=tr(story.initiatives_rule,
                                                                           lang)))
    table = directory.results_table(initiatives, lang)
    show_table(table, title=tr("Initiatives du thème", lang), key=key, lang=lang,
               source=tr("annuaire des initiatives de l'observatoire", lang),
               display_table=directory.display_table(table, lang),
               empty=tr("Aucune initiative de ce thème n'est recensée dans ce territoire.", lang))


def updates(lang: str, compact: bool = False) -> None:
    """Show when each dataset was last updated, latest first (compact: dataset and date only)."""
    table = methods.updates_table(dataset_updates(), lang)
    st.markdown("#### " + tr("Dernières mises à jour", lang))
    if table.empty:
        st.info(tr("Aucune donnée n'a encore été importée.", lang))
        return
    if compact:
        # A narrow column: a list reads better than a table scrolled sideways.
        st.markdown("\n".join(f"- **{dataset}** : {date}" for dataset, date
                              in table.iloc[:, :2].itertuples(index=False)))
        return
    st.dataframe(table, hide_index=True, key="updates.table")


def columns(spec) -> list:
    """Return Streamlit columns (for pages, which do not import Streamlit)."""
    return st.columns(spec)


def guarded(lang: str, what: str):
    """Return the panel guard (re-exported for the story pages)."""
    return panel(lang, what)


def subheader(text: str) -> None:
    """Show a section heading."""
    st.subheader(textsafety.markdown(text))


def caption(text: str) -> None:
    """Show a short line of secondary text."""
    st.caption(textsafety.markdown(text))

