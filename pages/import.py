"""Import (staff only): upload a CSV, read the report and the preview, apply; history and undo."""

import streamlit as st

from observatory import ui
from observatory.ui.import_workflow import history_panel, upload_panel
from observatory.ui.staff_access import staff_user

with ui.page("import") as view:
    user = staff_user(view.lang)
    if user:
        tab = view.segmented("onglet", view.t("Action"), ["importer", "historique"],
                             format_func=lambda name: view.t(
                                 {"importer": "Importer un fichier",
                                  "historique": "Historique des lots"}[name]))
        with ui.panel(view.lang, tab):
            (upload_panel if tab == "importer" else history_panel)(view, user)
        st.caption(view.t("Connecté·e : {user}", user=user))
