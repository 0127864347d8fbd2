"""Territoire: the portrait of one territory, every indicator against its parent; printable."""

import streamlit as st

from observatory import labels, textsafety, ui
from observatory.ui import indicator_pickers as pick
from observatory.ui import indicator_views as views
from observatory.ui import territory_views as territory
from observatory.ui.indicator_reads import portrait_series
from observatory.ui.initiative_overlay import territory_map

with ui.page("territoire") as view:
    selection = view.selection
    st.markdown("## " + textsafety.markdown(selection.name))
    views.print_button(view.lang)
    theme = pick.pick_theme(view, territory.portrait_themes(selection))
    rows = territory.portrait_rows(selection, theme)
    with ui.panel(view.lang, view.t("Portrait")):
        if rows.empty:
            st.info(view.t("Aucun indicateur n'a de donnée pour ce territoire : choisissez un "
                           "autre territoire ou un autre thème."))
        else:
            st.caption(view.t("Dernière valeur connue de chaque indicateur, son évolution et son "
                              "écart au territoire parent : en vert quand l'écart est favorable, "
                              "en rouge quand il est défavorable (le mot est écrit). Un total "
                              "(emplois, tonnes, euros…) fait partie de celui de son parent : il "
                              "n'est pas comparé."))
            series = portrait_series(selection.code, selection.level,
                                               tuple(rows["indicateur"]))
            for name, group in territory.by_theme(rows):
                st.markdown(f"### {labels.theme_name(name, view.lang)}")
                territory.show_portrait_theme(group, series, view.lang)
            ui.show_table(territory.portrait_export(rows),
                          title=view.t("Portrait de {name} : les données", name=selection.name),
                          source=territory.portrait_source(rows), key="territoire.portrait",
                          lang=view.lang, display_table=territory.portrait_table(rows, view.lang))
    with ui.panel(view.lang, view.t("Initiatives")):
        st.markdown(f"### {view.t('Initiatives du territoire')}")
        territory.show_initiatives(selection, view.lang, theme)
        if not rows.empty:  # the portrait's first indicator, with the initiatives over it
            first = rows.iloc[0]
            territory_map(selection, first["indicateur"], first["theme"])
