"""Indicateurs and Territoire pages: cached engine reads, pickers, and the panels they show.

Panels are built here (figure, exact table, readable table, title, summary, source) and
rendered by the pages through `ui.figure_panel`, so only the chosen view's work runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from observatory import (
    charts,
    comparisons,
    engine,
    formatting,
    maps,
    reference,
    textsafety,
)
from observatory.i18n import tr
from observatory.ui import initiative_overlay
from observatory.ui.connection import cached, cached_resource
from observatory.ui.frame import (
    LEVEL_LABELS,
    PAGES_BY_KEY,
    PROJECT_ROOT,
    Selection,
    territories_frame,
    widget_key,
)
from observatory.ui.map_outlines import level_outlines, level_points, outlines_loaded
from observatory.ui.panels import long_text, source_line

THEME_LABELS = {"innovation_sociale": "Innovation sociale", "genre": "Genre",
                "jeunesse": "Jeunesse", "economie_circulaire": "Économie circulaire",
                "contexte": "Contexte"}
TABS = ("carte", "evolution", "classement", "tableau", "comparaison")
TAB_LABELS = {"carte": "Carte", "evolution": "Évolution", "classement": "Classement",
              "tableau": "Tableau", "comparaison": "Comparaison"}
CLASS_LABELS = {"quantiles": "Quantiles", "jenks": "Seuils naturels (Jenks)"}
OVERLAY_LABELS = {"non": "Masquer", "oui": "Afficher"}
LEVEL_TABS = ("carte", "classement", "tableau")
MAX_COMPARED = 5
RANKING_LIMIT = 30
MAP_KEY = "indicateurs.carte.figure"
# Each figure with its own provenance: unit, status, source and import batch (lot).
VALUE_COLUMNS = list(charts.FIGURE_COLUMNS)


# ---------------------------------------------------------------- cached engine reads

@cached
def indicator_catalogue(con) -> pd.DataFrame:
    """Return the indicator catalogue with first and last years."""
    return engine.catalogue(con)


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
def indicator_comparison(con, indicator: str, code: str, level: str) -> comparisons.Comparison:
    """Return the comparison of one indicator for one territory."""
    return comparisons.comparison(con, indicator, code, level)


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
    """Return the portrait of a territory: one row per indicator."""
    return comparisons.portrait(con, code, level)


@cached
def portrait_series(con, code: str, level: str, indicators: tuple) -> pd.DataFrame:
    """Return every year of the given indicators for one territory (indicateur, annee, valeur, etat)."""
    return engine.territory_values(con, code, level, list(indicators))


@cached_resource
def area_traces(con, indicator: str, level: str, year: int, unit: str, lang: str,
                classes: str) -> tuple:
    """Return the choropleth's areas of a level in a year (the selection is outlined apart)."""
    return maps.choropleth_traces(indicator_values(indicator, level, year), level_outlines(level),
                                  unit, lang, classes)


# ---------------------------------------------------------------- what the pages pick

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
        last = row["derniere_annee"]
        return cls(row["code"], row["libelle"], row["theme"], row["unite"],
                   cell_text(row["description"]), cell_text(row["source"]), row["sens"],
                   None if formatting.is_missing(last) else int(last), bool(row["annuaire"]))


@dataclass(frozen=True)
class Settings:
    """The map level, year (None: latest), classes and compared codes of the Indicateurs page."""

    level: str
    year: int | None
    classes: str
    compared: tuple[str, ...]
    initiatives: bool = False


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


def cell_text(value) -> str:
    """Return a cell as text, empty when missing."""
    return "" if formatting.is_missing(value) else str(value)


def theme_label(theme: str | None, lang: str) -> str:
    """Return a theme's readable name (None: every theme)."""
    return tr("Tous les thèmes", lang) if theme is None else tr(THEME_LABELS.get(theme, theme), lang)


def level_label(level: str, lang: str) -> str:
    """Return a level's readable name (`Département`)."""
    return tr(LEVEL_LABELS[level], lang)


def keep(view, *names: str) -> None:
    """Keep URL fields whose widget is not shown in this run (Streamlit drops them otherwise)."""
    for name in names:
        key = widget_key(view.key, name)
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def pick_theme(view, themes: list[str]) -> str | None:
    """Render the theme select (all themes first); return the chosen theme or None."""
    return view.select("theme", view.t("Thème"), [None, *themes],
                       format_func=lambda theme: theme_label(theme, view.lang))


def ordered_by_theme(frame: pd.DataFrame) -> pd.DataFrame:
    """Return rows in the observatory's theme order (the four themes, then context)."""
    order = {theme: number for number, theme in enumerate(THEME_LABELS)}
    return frame.sort_values("theme", key=lambda themes: themes.map(order).fillna(len(order)),
                             kind="stable")


def pick_indicator(view) -> Indicator | None:
    """Render theme then indicator selects; return the chosen indicator (None: empty catalogue)."""
    catalogue = indicator_catalogue()
    if catalogue.empty:
        return None
    catalogue = ordered_by_theme(catalogue)
    left, right = st.columns([1, 2])
    with left:
        theme = pick_theme(view, list(dict.fromkeys(catalogue["theme"])))
    rows = catalogue if theme is None else catalogue.loc[catalogue["theme"] == theme]
    labels = dict(zip(rows["code"], rows["libelle"], strict=True))
    code = view.select("indicateur", view.t("Indicateur"), list(labels),
                       format_func=lambda item: labels.get(item, item), container=right)
    return Indicator.from_row(catalogue.loc[catalogue["code"] == code].iloc[0])


def show_indicator_card(indicator: Indicator, lang: str) -> None:
    """Show the indicator's definition, unit, source and latest year."""
    long_text(indicator.description, lang, key=f"description.{indicator.code}",
              lead=f"**{textsafety.markdown(indicator.libelle)}** — ")
    parts = [tr("Unité : {unit}", lang, unit=formatting.unit_label(indicator.unit, lang)),
             source_line(indicator.source, lang)]
    if indicator.last_year is not None:
        parts.append(tr("Dernière année : {year}", lang, year=indicator.last_year))
    st.caption(" · ".join(parts))


def pick_tab(view) -> str:
    """Render the view switch (carte, évolution, classement, tableau, comparaison)."""
    return view.segmented("onglet", view.t("Vue"), list(TABS),
                          format_func=lambda tab: view.t(TAB_LABELS[tab]))


def pick_settings(view, indicator: Indicator, tab: str) -> Settings:
    """Render the settings the chosen view uses (others are kept); return them all."""
    present = set(territories_frame()["niveau"].tolist())  # one cached read, not one per level
    levels = [level for level in LEVEL_LABELS if level in present]
    if tab in LEVEL_TABS:
        # Weights over 32: Streamlit normalises them without rounding (the benchmarks replay them).
        columns = st.columns([8, 7, 11, 6] if tab == "carte" else 2)
        level = view.select("carte", view.t("Niveau de la carte"), levels, default="departement",
                            format_func=lambda item: level_label(item, view.lang),
                            container=columns[0])
        latest = indicator_latest_year(indicator.code, level)
        years = [None, *sorted(indicator_years(indicator.code), reverse=True)]
        view.select("annee", view.t("Année"), years, container=columns[1],
                format_func=lambda item: _year_label(item, latest, view.lang))
        if tab == "carte":
            view.segmented("classes", view.t("Classes"), list(CLASS_LABELS),
                           format_func=lambda item: view.t(CLASS_LABELS[item]),
                           container=columns[2])
            view.segmented("initiatives", view.t("Initiatives sur la carte"), ["non", "oui"],
                           format_func=lambda item: view.t(OVERLAY_LABELS[item]),
                           container=columns[3])
        else:
            keep(view, "classes", "initiatives")
        keep(view, "comparer")
    else:
        keep(view, "carte", "annee", "classes", "initiatives")
        if tab == "comparaison":
            pick_compared(view)
        else:
            keep(view, "comparer")
    return _settings(view, indicator)


def _year_label(year: int | None, latest: int | None, lang: str) -> str:
    if year is not None:
        return str(year)
    return tr("Dernière année ({year})", lang, year=latest) if latest else tr("Dernière année", lang)


def _settings(view, indicator: Indicator) -> Settings:
    """Return the settings from the session (defaults when a widget never ran)."""
    state = st.session_state
    level = state.get(widget_key(view.key, "carte")) or "departement"
    year = state.get(widget_key(view.key, "annee"))
    classes = state.get(widget_key(view.key, "classes")) or "quantiles"
    compared = tuple(state.get(widget_key(view.key, "comparer")) or ())
    overlay = state.get(widget_key(view.key, "initiatives")) == "oui"
    return Settings(level, year, classes, compared, overlay)


def pick_compared(view) -> list[str]:
    """Render the multiselect of up to five territories to compare."""
    territories = territories_frame()
    names = {code: f"{name} ({level_label(level, view.lang).split(' (')[0].lower()})"
             for code, name, level in zip(territories["code"], territories["nom"],
                                          territories["niveau"], strict=True)}
    return view.multiselect("comparer", view.t("Territoires à comparer (cinq au plus)"),
                            list(names), format_func=lambda code: names.get(code, code),
                            max_selections=MAX_COMPARED)


# ---------------------------------------------------------------- panels of the Indicateurs page

def resolved_year(indicator: Indicator, settings: Settings) -> int | None:
    """Return the chosen year, else the latest with a shown figure at the map level."""
    if settings.year is not None:
        return settings.year
    return indicator_latest_year(indicator.code, settings.level) or indicator.last_year


def figure_title(indicator: Indicator, where: str, when: str, lang: str) -> str:
    """Return a panel title with unit and year: « Libellé (%) — départements, 2023 »."""
    return formatting.figure_title(indicator.libelle, indicator.unit, where, when, lang)


def _level_plural(level: str, lang: str) -> str:
    return tr({"region": "régions", "departement": "départements", "epci": "EPCI",
               "commune": "communes"}[level], lang)


def level_sentence(values: pd.DataFrame, indicator: Indicator, level: str, year: int,
                   lang: str) -> str:
    """Return one sentence on a level's figures: range of shown values, secret count."""
    shown = values.loc[values["etat"] == "publie"]
    if shown.empty:
        return tr("En {year}, aucune valeur n'est publiée pour les {levels}.", lang, year=year,
                  levels=_level_plural(level, lang))
    low, high = shown.loc[shown["valeur"].idxmin()], shown.loc[shown["valeur"].idxmax()]
    sentence = tr("En {year}, parmi les {count} {levels} dont la valeur est publiée, elle va de "
                  "{low} ({low_name}) à {high} ({high_name}).", lang, year=year, count=len(shown),
                  levels=_level_plural(level, lang),
                  low=formatting.format_value(low["valeur"], indicator.unit, lang=lang),
                  low_name=low["nom"], high_name=high["nom"],
                  high=formatting.format_value(high["valeur"], indicator.unit, lang=lang))
    secret = int((values["etat"] == "secret").sum())
    if secret:
        sentence += " " + tr("{n} relèvent du secret statistique.", lang, n=secret)
    return sentence


def aggregation_notes(frame: pd.DataFrame, lang: str) -> list[str]:
    """Return the note explaining « calculé » and coverage when some figures are aggregated."""
    if "calcule" not in frame or not frame["calcule"].fillna(False).astype(bool).any():
        return []
    return [tr("« Calculé » : valeur agrégée à partir des territoires qui composent chacun ; la "
               "couverture indique combien d'entre eux ont une donnée (ex. 16/16).", lang)]


def selection_summary(indicator: Indicator, selection: Selection) -> str:
    """Return the engine's summary sentence for the selected territory."""
    comparison = indicator_comparison(indicator.code, selection.code, selection.level)
    return comparisons.summary_sentence(comparison, selection.lang)


def map_panel(indicator: Indicator, settings: Settings, selection: Selection) -> Panel:
    """Return the choropleth (or circles without outlines) of a level in a year."""
    lang, level = selection.lang, settings.level
    year = resolved_year(indicator, settings)
    values = indicator_values(indicator.code, level, year) if year else pd.DataFrame()
    title = figure_title(indicator, _level_plural(level, lang), str(year or ""), lang)
    notes = [] if outlines_loaded(level) else [maps.no_outlines_hint(reference.region_code(),
                                                                     lang)]
    if values.empty:
        return Panel(None, values, values, title, "", indicator.source, notes)
    selected = selection.code if selection.level == level else None
    if notes:
        figure = maps.build_circles(values, level_points(level), indicator.unit, title, lang,
                                    selected, settings.classes)
    else:
        figure = maps.choropleth_figure(
            area_traces(indicator.code, level, year, indicator.unit, lang, settings.classes),
            level_outlines(level), indicator.unit, title, lang, selected)
    table = value_table(values)
    summary = " ".join([level_sentence(values, indicator, level, year, lang),
                        selection_summary(indicator, selection)])
    source = indicator.source
    if settings.initiatives:
        overlay_note = initiative_overlay.add_to_map(figure, indicator.theme, selection,
                                                     not notes)
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
    title = tr("Classement", lang) + " : " + figure_title(indicator, _level_plural(level, lang),
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
    summary = " ".join(filter(None, [level_sentence(frame, indicator, level, year, lang),
                                     rank_sentence(frame, selected, lang)]))
    return Panel(figure, table, charts.display_table(table, indicator.unit, lang, ("nom",
                 "territoire")), title, summary, indicator.source, notes)


def rank_sentence(frame: pd.DataFrame, selected: str | None, lang: str) -> str:
    """Return « Finistère est au rang 3 sur 4. » for the selected territory (empty if unranked)."""
    rows = frame.loc[frame["territoire"] == selected]
    if rows.empty or pd.isna(rows["rang"].iloc[0]):
        return ""
    return tr("{name} est au rang {rank} sur {count}.", lang, name=rows["nom"].iloc[0],
              rank=int(rows["rang"].iloc[0]), count=int(frame["rang"].notna().sum()))


def table_panel(indicator: Indicator, settings: Settings, selection: Selection) -> Panel:
    """Return the data table of a level in a year (no figure)."""
    lang, level = selection.lang, settings.level
    year = resolved_year(indicator, settings)
    values = indicator_values(indicator.code, level, year) if year else pd.DataFrame()
    title = figure_title(indicator, _level_plural(level, lang), str(year or ""), lang)
    if values.empty:
        return Panel(None, values, values, title, "", indicator.source)
    table = value_table(values)
    return Panel(None, table, charts.display_table(table, indicator.unit, lang), title,
                 level_sentence(values, indicator, level, year, lang), indicator.source,
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
                              _years_text(latest), lang),
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


def _years_text(frame: pd.DataFrame) -> str:
    years = sorted({int(year) for year in frame["annee"].dropna()})
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


# ---------------------------------------------------------------- links and print

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
