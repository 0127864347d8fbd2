"""One theme page (Genre, Jeunesse, Économie circulaire): headline figures, map, trend, initiatives.

Each page file is `theme_story.render("genre")`; what differs between themes is data, in
`observatory.themes.THEMES`.
"""

from __future__ import annotations

import streamlit as st

from observatory import themes, urlstate
from observatory.i18n import tr
from observatory.ui import page
from observatory.ui import stories as parts
from observatory.ui.panels import panel


def render(key: str) -> None:
    """Render the theme page `key` (a key of `themes.THEMES`) inside the shared frame."""
    story = themes.THEMES[key]
    with page(key) as view:
        lang, selection = view.lang, view.selection
        st.markdown(tr(story.intro, lang))
        parts.demo_notice(lang)
        with panel(lang, tr("chiffres clés", lang)):
            parts.metrics(parts.key_figures(story.headlines, selection.code, selection.level,
                                            selection.start, selection.end), lang, per_row=3)
        indicator = choose_indicator(view, story)
        initiatives = None
        with panel(lang, tr("initiatives", lang)):
            initiatives = parts.theme_initiatives(key, selection.code,
                                                  selection.level)
        left, right = st.columns(2)
        with left, panel(lang, tr("carte", lang)):
            parts.indicator_map(indicator, selection, lang, f"{key}.map", initiatives)
        with right, panel(lang, tr("évolution", lang)):
            parts.trend_chart(indicator, selection, lang, f"{key}.trend")
        if initiatives is not None:
            with panel(lang, tr("initiatives", lang)):
                parts.initiatives_table(initiatives, story, selection, lang, f"{key}.initiatives")


def choose_indicator(view, story: themes.ThemeStory) -> str:
    """Render the indicator choice (URL field `indicateur`); return the chosen code."""
    # One cached read: a catalogue look-up per option cost a cache round trip each.
    labels = parts.theme_indicator_labels(story.theme)
    return view.select("indicateur", view.t("Indicateur de la carte et de l'évolution"),
                       list(labels), default=story.default_indicator,
                       format_func=lambda code: view.t(labels.get(code, code)),
                       notice=lambda code: view.t(
                           "L'indicateur « {code} » n'appartient pas à ce thème : l'indicateur "
                           "principal du thème est affiché.", code=urlstate.shown(code)))
