"""Indicateurs: one indicator as a map, a trend, a ranking, a table, or a comparison.

The `onglet` switch chooses the view, so only that view's figures are computed.
"""

import streamlit as st

from observatory import ui
from observatory.ui import indicator_views as views
from observatory.ui.initiative_overlay import field_coverage


def show(panel: views.Panel, key: str, lang: str) -> None:
    """Render a built panel: its notes, then the figure with its data, or the table alone."""
    for note in panel.notes:
        st.info(note, icon=":material/info:")
    if panel.figure is None and not panel.table.empty:
        st.caption(panel.summary)
        ui.table_panel(panel.table, title=panel.title, source=panel.source, key=key, lang=lang,
                       display_table=panel.display)
        return
    ui.figure_panel(panel.figure, panel.table, title=panel.title, source=panel.source,
                    summary=panel.summary, key=key, lang=lang, display_table=panel.display,
                    on_select=panel.on_select)


with ui.page("indicateurs") as view:
    indicator = views.pick_indicator(view)
    if indicator is None:
        st.info(view.t("Le catalogue des indicateurs est vide : importez un fichier d'indicateurs "
                       "(page Import) ou chargez les données de démonstration."))
    else:
        views.show_indicator_card(indicator, view.lang)
        field_coverage(indicator.code, indicator.from_directory, view.selection)
        tab = views.pick_tab(view)
        settings = views.pick_settings(view, indicator, tab)
        selection = view.selection
        with ui.panel(view.lang, view.t(views.TAB_LABELS[tab])):
            if tab == "carte":
                show(views.map_panel(indicator, settings, selection), views.MAP_KEY, view.lang)
                st.caption(view.t("Cliquez sur un territoire de la carte pour le sélectionner, "
                                  "ou choisissez-le dans le menu latéral."))
            elif tab == "evolution":
                show(views.trend_panel(indicator, selection), "indicateurs.evolution", view.lang)
            elif tab == "classement":
                show(views.ranking_panel(indicator, settings, selection),
                     "indicateurs.classement", view.lang)
            elif tab == "tableau":
                show(views.table_panel(indicator, settings, selection), "indicateurs.tableau",
                     view.lang)
            else:
                for number, panel in enumerate(views.comparison_panels(indicator, settings,
                                                                      selection)):
                    show(panel, f"indicateurs.comparaison.{number}", view.lang)
        views.initiatives_link(view.selection, view.lang, indicator.theme)
