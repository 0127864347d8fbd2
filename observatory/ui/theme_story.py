"""One theme page (Genre, Jeunesse, Économie circulaire): headline figures, map, trend, initiatives.

Each page file is `theme_story.render("genre")`; what differs between themes is data, in
`observatory.themes.THEMES`.
"""

from __future__ import annotations

import streamlit as st

from observatory import themes, urlstate
from observatory.i18n import tr
from observatory.ui import PAGES_BY_KEY, page
from observatory.ui import stories as parts
from observatory.ui.panels import panel

NO_INDICATOR = ("Le thème « {theme} » n'a encore aucun indicateur dans le catalogue : importez "
                "un fichier d'indicateurs qui en comprend (page Import).")


def render(key: str) -> None:
    """Render the theme page `key` (a key of `themes.THEMES`) inside the shared frame."""
    story = themes.THEMES[key]
    with page(key) as view:
        lang, selection = view.lang, view.selection
        st.markdown(tr(story.intro, lang))
        parts.demo_notice(lang)
        # The catalogue's headlines of the theme (à la une, or a choice from it).
        headlines = parts.theme_headlines(story.theme, selection.level, selection.end)
        indicator = None
        if headlines:
            with panel(lang, tr("chiffres clés", lang)):
                parts.metrics(parts.key_figures(headlines, selection.code, selection.level,
                                                selection.start, selection.end), lang, per_row=3)
            indicator = choose_indicator(view, story, headlines[0])
        else:
            st.info(tr(NO_INDICATOR, lang, theme=tr(PAGES_BY_KEY[key].title, lang)),
                    icon=":material/info:")
        initiatives = None
        with panel(lang, tr("initiatives", lang)):
            initiatives = parts.theme_initiatives(key, selection.code,
                                                  selection.level)
        if indicator is not None:
            left, right = st.columns(2)
            with left, panel(lang, tr("carte", lang)):
                parts.indicator_map(indicator, selection, lang, f"{key}.map",
                                    parts.overlay_points(key, selection.code, selection.level))
            with right, panel(lang, tr("évolution", lang)):
                parts.trend_chart(indicator, selection, lang, f"{key}.trend")
        if initiatives is not None:
            with panel(lang, tr("initiatives", lang)):
                parts.initiatives_table(initiatives, story, selection, lang, f"{key}.initiatives")


def choose_indicator(view, story: themes.ThemeStory, default: str) -> str:
    """Render the indicator choice (URL field `indicateur`); return the chosen code."""
    # One cached read: a catalogue look-up per option cost a cache round trip each.
    labels = parts.theme_indicator_labels(story.theme)
    return view.select("indicateur", view.t("Indicateur de la carte et de l'évolution"),
                       list(labels), default=default,
                       format_func=lambda code: view.t(labels.get(code, code)),
                       notice=lambda code: view.t(
                           "L'indicateur « {code} » n'appartient pas à ce thème : l'indicateur "
                           "principal du thème est affiché.", code=urlstate.shown(code)))
