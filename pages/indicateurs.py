"""Indicateurs: one indicator as a map, a trend, a ranking, a table, or a comparison.

The `onglet` switch chooses the view, so only that view's figures are computed.
"""

import streamlit as st

from observatory import indicator_panels as build
from observatory import ui
from observatory.ui import indicator_pickers as pick
from observatory.ui import indicator_views as views
from observatory.ui.cached_reads import READS
from observatory.ui.initiative_overlay import field_coverage

with ui.page("indicateurs") as view:
    indicator = pick.pick_indicator(view)
    if indicator is None:
        st.info(view.t("Le catalogue des indicateurs est vide : importez un fichier d'indicateurs "
                       "(page Import) ou chargez les données de démonstration."))
    else:
        pick.show_indicator_card(indicator, view.lang)
        field_coverage(indicator.code, indicator.from_directory, view.selection)
        tab = pick.pick_tab(view)
        settings = pick.pick_settings(view, indicator, tab)
        selection, lang, reads = view.selection, view.lang, READS
        with ui.panel(lang, view.t(pick.TAB_LABELS[tab])):
            if tab == "carte":
                ui.show_panel(views.map_panel(indicator, settings, selection), views.MAP_KEY, lang)
                st.caption(view.t("Cliquez sur un territoire de la carte pour le sélectionner, "
                                  "ou choisissez-le dans le menu latéral."))
            elif tab == "evolution":
                ui.show_panel(build.trend_panel(reads, indicator, selection),
                              "indicateurs.evolution", lang)
            elif tab == "classement":
                ui.show_panel(build.ranking_panel(reads, indicator, settings, selection),
                              "indicateurs.classement", lang)
            elif tab == "tableau":
                ui.show_panel(build.table_panel(reads, indicator, settings, selection),
                              "indicateurs.tableau", lang)
            else:
                for number, built in enumerate(build.comparison_panels(reads, indicator, settings,
                                                                      selection)):
                    ui.show_panel(built, f"indicateurs.comparaison.{number}", lang)
        views.initiatives_link(selection, lang, indicator.theme)
