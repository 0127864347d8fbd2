"""Initiatives: the directory — text search, facets with counts, a point map, a table, a card."""

from observatory import ui
from observatory.ui import directory_view as directory
from observatory.ui import impact_view

with ui.page("initiatives") as view:
    query = directory.current_query(view)
    view.text("q", view.t("Rechercher une initiative (nom, porteur, description)"),
              placeholder=view.t("par exemple : repair café, ressourcerie, vélo"))
    facets_column, results_column = directory.layout()
    with facets_column, ui.panel(view.lang, view.t("filtres")):
        directory.facet_pills(view, query)
    with results_column:
        tab, sort = directory.view_controls(view)
        # The map tab reads only the picker's initiatives (the map counts per commune); the
        # table lists them all.
        results = directory.search_initiatives(
            query, sort, None if tab == "tableau" else directory.PICKER_LIMIT)
        found_n = directory.matches(results)
        directory.result_sentence(view, query, found_n)
        if found_n:
            with ui.panel(view.lang, view.t("carte et tableau")):
                if tab == "carte":
                    directory.map_view(view, query)
                else:
                    directory.table_view(view, results)
        with ui.panel(view.lang, view.t("fiche")):
            chosen = directory.pick_initiative(view, results, found_n)
            if chosen:
                directory.detail_card(view, chosen)
        if found_n:
            with ui.panel(view.lang, view.t("impact")):
                impact_view.impact_section(view, query)
