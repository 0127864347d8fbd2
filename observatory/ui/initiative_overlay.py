"""Indicators and initiatives under one filter: the points over a choropleth, the link with facets.

An indicator's map can show, over its areas, the initiatives of the selected territory that
concern the indicator's theme (themes.overlay_points); the link « Voir les initiatives de
ce territoire » carries the territory and the theme's facets (themes.link_facets).
"""

from __future__ import annotations

import streamlit as st

from observatory import directory, impact, point_maps, textsafety, themes, urlstate
from observatory.directory import DirectoryQuery
from observatory.i18n import tr
from observatory.ui.frame import shared_values
from observatory.ui.impact_view import totals
from observatory.ui.stories import indicator_map, is_demo_data, overlay_points

# The directory indicators that sum an impact field, and that field (observatory/impact.py).
SUMMED_FIELDS = {"initiatives_emplois_etp": "jobs", "initiatives_benevoles": "volunteers",
                 "initiatives_beneficiaires": "beneficiaries"}


def link_params(selection, theme: str | None) -> dict[str, str]:
    """Return the Initiatives page URL fields of the territory and the theme's facets."""
    state = urlstate.state_of("initiatives", {**shared_values(), "niveau": selection.level,
                                              "territoire": selection.code,
                                              **themes.link_facets(theme or "")})
    return urlstate.serialise_view_state(state)


def add_to_map(figure, theme: str, selection, outlines: bool) -> str:
    """Draw the initiatives over `figure` (areas only: over circles they would read as values);
    return the sentence that says what the points are."""
    lang = selection.lang
    if not outlines:
        return tr("Les initiatives ne sont dessinées que sur une carte des contours.", lang)
    points = overlay_points(theme, selection.code, selection.level)
    if points.located_n:
        point_maps.add_points(figure, points, lang)
    story = themes.THEMES.get(theme)
    what = (tr(story.initiatives_rule, lang) if story
            else tr("initiatives recensées par l'observatoire", lang))
    return tr("Points : {n} ({what}) dans {territory}, {located} localisées.", lang,
              n=point_maps.initiative_count(points.matches_n, lang), what=what,
              territory=selection.name, located=points.located_n)


def with_directory_source(source: str | None, lang: str) -> str:
    """Return the indicator's source followed by the directory's (the points' own source)."""
    own = tr(directory.DEMO_SOURCE if is_demo_data() else directory.SOURCE, lang)
    return f"{source} ; {own}" if isinstance(source, str) and source.strip() else own


def territory_map(selection, indicator: str, theme: str) -> None:
    """Show, on the Territoire page, `indicator` around the territory with its initiatives."""
    indicator_map(indicator, selection, selection.lang, "territoire.initiatives.map",
                  initiatives=overlay_points(theme, selection.code, selection.level))


def field_coverage(indicator: str, from_directory: bool, selection) -> None:
    """Under a directory indicator, say that it counts what the observatory knows; under a sum
    (jobs, volunteers, beneficiaries), how many initiatives of the selected territory filled
    the field, with a warning when fewer than half did."""
    if not from_directory:
        return
    lang = selection.lang
    field = SUMMED_FIELDS.get(indicator)
    if field is None:
        st.caption(tr("Initiatives recensées par l'observatoire : ce n'est pas un recensement.",
                      lang))
        return
    summary = totals(DirectoryQuery(selection.code, selection.level))
    total = next(item for item in summary["fields"] if item.field == field)
    text = tr("Initiatives recensées par l'observatoire — {territory} : {coverage}.", lang,
              territory=selection.name, coverage=impact.coverage_note(total, lang))
    if total.partial:
        st.warning(textsafety.markdown(text), icon=":material/info:")
    else:
        st.caption(textsafety.markdown(text))
