"""Rendering of the Initiatives page: facet pills with counts, map, table, the detail card."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from observatory import directory, directory_map, maps, point_maps, textsafety, urlstate
from observatory.directory import DirectoryQuery
from observatory.facets import FACETS, TERRITORY_FACETS
from observatory.ui import frame as _frame
from observatory.ui.connection import cached, cached_resource
from observatory.ui.map_outlines import level_outlines, outlines_loaded
from observatory.ui.panels import long_text, show_figure, show_table
from observatory.ui.stories import is_demo_data

search_initiatives = cached(directory.search_initiatives)
map_points = cached(directory_map.map_points)
matches = directory.matches
count_facets = cached(directory.count_facets)
read_initiative = cached(directory.read_initiative)
_MAP_PICK = "initiatives._map_pick"
# The card picker lists the first results only: 100,000 names in a select box cost half a
# second per run and megabytes sent to the browser; the search and the filters narrow it.
PICKER_LIMIT = 500
TERRITORY_PAGE = "pages/territoire.py"
# Beyond this many values a facet's pills would fill the column: a multiselect instead.
MAX_PILLS = 12


def initiatives_source(view) -> str:
    """Return the directory's source, « données de démonstration » only when the demo is loaded."""
    return view.t(directory.DEMO_SOURCE if is_demo_data() else directory.SOURCE)


def current_query(view) -> DirectoryQuery:
    """Return the directory query of the page's current state (URL or widgets) and selection.

    Département and EPCI values outside the shared territory are dropped first (with the
    URL's notice when a link gave them): they would match nothing.
    """
    selection = view.selection
    for facet in TERRITORY_FACETS:
        view.restrict(facet, territory_facet_codes(facet, selection))
    state = view.state
    return DirectoryQuery(
        territory=selection.code, level=selection.level, territory_name=selection.name,
        q=state.q or "", **{facet.name: tuple(getattr(state, facet.name) or ())
                            if facet.multiple else getattr(state, facet.name)
                            for facet in FACETS})


def layout():
    """Return the facets column and the results column."""
    return st.columns([1, 3], gap="medium")


def territory_names() -> dict[str, str]:
    """Return {code: name} of the départements and EPCIs (the territory facets' labels).

    Those two levels only: a région and a département may share a code (53).
    """
    territories = _frame.territories_frame()
    named = territories[territories["niveau"].isin(TERRITORY_FACETS)]
    return dict(zip(named["code"], named["nom"], strict=False))


def territory_facet_codes(level: str, selection) -> list[str]:
    """Return the codes of `level` (département or EPCI) inside or around the shared territory."""
    return list(_facet_codes(level, selection.code, selection.level))


@cached_resource
def _facet_codes(con, level: str, code: str, selection_level: str) -> tuple[str, ...]:
    """`territory_facet_codes`, kept per data version: filtering the territories frame with
    pandas, twice a run, was 7 % of the Initiatives page's run at large scale."""
    del con  # the territories come from the frame's own cached read
    territories = _frame.territories_frame()
    rows = territories[territories["niveau"] == level]
    if selection_level == level:
        return (code,)
    if selection_level == "region":
        return tuple(rows.loc[rows["region"] == code, "code"])
    if selection_level == "departement":  # its EPCIs
        return tuple(rows.loc[rows["departement"] == code, "code"])
    # An EPCI or a commune lies in one département (and a commune in one EPCI).
    own = territories[(territories["code"] == code) & (territories["niveau"] == selection_level)]
    codes = own[level].dropna().tolist() if level in own else []
    known = set(rows["code"])
    return tuple(item for item in codes if item in known)


def facet_pills(view, query: DirectoryQuery) -> None:
    """Render one toggle-pill group per facet, each value labelled with its live count.

    The territory facets are shown only where the shared territory holds several of their
    values, as a searchable multiselect past MAX_PILLS (a région's EPCIs): decided from the
    territory, not from the live counts, so the widget, and its value, stay put while the
    other facets change.
    """
    counts = count_facets(query)
    names = territory_names()
    st.markdown(f"#### {view.t('Filtres')}")
    for facet in FACETS:
        options = directory.facet_options(counts, query, facet.name)
        inside = (len(territory_facet_codes(facet.name, view.selection))
                  if facet.name in TERRITORY_FACETS else len(facet.values))
        if not options or inside <= 1:
            continue
        label = view.t(facet.label)
        def format_func(value, name=facet.name, found=options):
            return directory.pill_label(name, value, found.get(value, 0), view.lang, names)
        if inside > MAX_PILLS:
            view.multiselect(facet.name, label, list(options), format_func=format_func)
        else:
            # Pills render Markdown (a multiselect's options are plain text): names escaped.
            view.pills(facet.name, label, list(options), multiple=facet.multiple,
                       format_func=lambda value, shown=format_func:
                       textsafety.markdown(shown(value)))


def view_controls(view) -> tuple[str, str]:
    """Render the map/table switch and the sort order; return (tab, sort key)."""
    left, right = st.columns(2)
    tab = view.segmented("onglet", view.t("Affichage"), ["carte", "tableau"], container=left,
                         format_func=lambda name: view.t({"carte": "Carte",
                                                          "tableau": "Tableau"}[name]))
    sort = view.select("tri", view.t("Trier par"), list(directory.SORTS), container=right,
                       format_func=lambda key: view.t(directory.SORTS[key]))
    return tab, sort


def result_sentence(view, query: DirectoryQuery, count: int) -> None:
    """Show the whole filter sentence above the results, or say that nothing matches."""
    sentence = directory.filter_sentence(count, query, view.lang, territory_names())
    st.markdown(f"**{textsafety.markdown(sentence)}**")
    if count == 0:
        st.info(view.t("Aucune initiative ne correspond à ces critères : retirez un filtre, "
                       "modifiez la recherche ou élargissez le territoire."))


def map_view(view, query: DirectoryQuery) -> None:
    """Show the point map with its data; a click on a point opens that initiative's card."""
    points = map_points(query)
    figure = point_maps.build_point_map(points, view.lang, base=background_outlines())
    event = show_figure(
        figure, directory_map.map_table(points, view.lang), title=view.t("Carte des initiatives"),
        source=initiatives_source(view), summary=directory_map.map_summary(points, view.lang),
        key="initiatives.map", lang=view.lang, on_select="rerun")
    picked = _picked_id(event)
    if picked and picked != st.session_state.get(_MAP_PICK):
        st.session_state[_MAP_PICK] = picked
        view.set("initiative", picked)


def background_outlines() -> maps.MapOutlines | None:
    """Return the outlines drawn under the points: EPCIs, else départements, else none."""
    for level in ("epci", "departement"):
        if outlines_loaded(level):
            return level_outlines(level)
    return None


def _picked_id(event) -> str | None:
    """Return the id of the point selected on the map (customdata[0]), if any."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        data = point.get("customdata")
        if data:
            return data[0]
    return None


def table_view(view, results) -> None:
    """Show the sorted results table with its source and downloads."""
    table = directory.results_table(results, view.lang)
    show_table(table, title=view.t("Liste des initiatives"), source=initiatives_source(view),
               key="initiatives.table", lang=view.lang,
               display_table=directory.display_table(table, view.lang))


def pick_initiative(view, results, found_n: int) -> str:
    """Render the initiative picker (first results, plus the current one); return the chosen id or ""."""
    listed = results.head(PICKER_LIMIT)
    names = dict(zip(listed["id"].tolist(), listed["nom"].tolist(), strict=True))
    current = st.session_state.get(_frame.widget_key(view.key, "initiative")) or ""
    if current and current not in names:
        found = read_initiative(current)
        if found:
            names = {current: found["nom"], **names}
    choose = view.t("— Choisir une initiative —")
    chosen = view.select("initiative", view.t("Fiche d'une initiative"), ["", *names],
                         format_func=lambda key: names.get(key, choose)) or ""
    if found_n > PICKER_LIMIT:
        st.caption(view.t("Les {n} premières initiatives de la liste : précisez la recherche ou "
                          "les filtres pour trouver les autres.", n=PICKER_LIMIT))
    return chosen


def detail_card(view, initiative_id: str) -> None:
    """Show one initiative's card: every field, its site, its description, a link to its territory."""
    initiative = read_initiative(initiative_id)
    if initiative is None:
        return
    with st.container(border=True):
        st.markdown(f"### {textsafety.markdown(initiative['nom'])}")
        fields = directory.detail_fields(initiative, view.lang)
        columns = st.columns(2)
        for number, (label, text) in enumerate(fields):
            columns[number % 2].markdown(f"**{textsafety.markdown(label)}** : {textsafety.markdown(text)}")
        address = directory.website(initiative)
        if address:
            st.markdown(f"**{view.t('Site web')}** : [{textsafety.markdown(address)}](<{address}>)")
        if isinstance(initiative.get("description"), str):
            long_text(initiative["description"], view.lang, key=f"initiative.{initiative_id}")
        territory_link(view, initiative["commune"])
        st.caption(view.t("Source : {source}", source=initiatives_source(view)))


def territory_link(view, commune: str) -> None:
    """Link to the Territoire page of the initiative's commune (a plain link when run alone)."""
    label = view.t("Voir les indicateurs de ce territoire")
    params = urlstate.serialise_view_state(
        urlstate.state_of("territoire", {**_frame.shared_values(), "niveau": "commune",
                                         "territoire": commune}))
    try:
        st.page_link(TERRITORY_PAGE, label=label, query_params=params, icon=":material/place:")
    except StreamlitAPIException:
        # The page runs on its own (tests, no navigation): fall back to its URL path.
        st.markdown(f"[{label}](territoire?{urlencode(params)})")

