"""What the indicator pages pick: the indicator, the view, its settings, the compared territories.

Each picker renders its widgets (bound to the URL through `view`) and returns typed values;
defaults and limits come from the page's URL fields (`urlstate.PAGE_FIELDS`).
"""

from __future__ import annotations

import streamlit as st

from observatory import formatting, labels, textsafety, urlstate
from observatory.i18n import tr
from observatory.indicator_panels import Indicator, Settings
from observatory.ui.frame import territories_frame, widget_key
from observatory.ui.indicator_reads import (
    indicator_catalogue,
    indicator_latest_year,
    indicator_years,
)
from observatory.ui.panels import long_text, source_line

TABS = ("carte", "evolution", "classement", "tableau", "comparaison")
TAB_LABELS = {"carte": "Carte", "evolution": "Évolution", "classement": "Classement",
              "tableau": "Tableau", "comparaison": "Comparaison"}
CLASS_LABELS = {"quantiles": "Quantiles", "jenks": "Seuils naturels (Jenks)"}
OVERLAY_LABELS = {"non": "Masquer", "oui": "Afficher"}
LEVEL_TABS = ("carte", "classement", "tableau")
FIELDS = {item.name: item for item in urlstate.PAGE_FIELDS["indicateurs"]}


def keep(view, *names: str) -> None:
    """Keep URL fields whose widget is not shown in this run (Streamlit drops them otherwise)."""
    for name in names:
        key = widget_key(view.key, name)
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def pick_theme(view, themes: list[str]) -> str | None:
    """Render the theme select (all themes first); return the chosen theme or None."""
    return view.select("theme", view.t("Thème"), [None, *themes],
                       format_func=lambda theme: labels.theme_name(theme, view.lang))


def pick_indicator(view) -> Indicator | None:
    """Render theme then indicator selects; return the chosen indicator (None: empty catalogue)."""
    catalogue = indicator_catalogue()
    if catalogue.empty:
        return None
    left, right = st.columns([1, 2])
    with left:
        theme = pick_theme(view, list(dict.fromkeys(catalogue["theme"])))
    rows = catalogue if theme is None else catalogue.loc[catalogue["theme"] == theme]
    names = dict(zip(rows["code"], rows["libelle"], strict=True))
    code = view.select("indicateur", view.t("Indicateur"), list(names),
                       format_func=lambda item: names.get(item, item), container=right)
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
    levels = [level for level in labels.LEVELS if level in present]
    if tab in LEVEL_TABS:
        # Weights over 32: Streamlit normalises them without rounding (the benchmarks replay them).
        columns = st.columns([8, 7, 11, 6] if tab == "carte" else 2)
        level = view.select("carte", view.t("Niveau de la carte"), levels,
                            default=FIELDS["carte"].default,
                            format_func=lambda item: labels.level_name(item, view.lang),
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
    state = view.state
    return Settings(state.carte or FIELDS["carte"].default, state.annee,
                    state.classes or FIELDS["classes"].default, tuple(state.comparer or ()),
                    state.initiatives == "oui")


def pick_compared(view) -> list[str]:
    """Render the multiselect of up to five territories to compare."""
    territories = territories_frame()
    names = {code: f"{name} ({labels.level_kind(level, view.lang)})"
             for code, name, level in zip(territories["code"], territories["nom"],
                                          territories["niveau"], strict=True)}
    return view.multiselect("comparer", view.t("Territoires à comparer (cinq au plus)"),
                            list(names), format_func=lambda code: names.get(code, code),
                            max_selections=FIELDS["comparer"].max_items)
