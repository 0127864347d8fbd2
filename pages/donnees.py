"""Données & méthodes: indicator catalogue, dataset downloads, methods, the demonstration data."""

from observatory.ui import documentation, page
from observatory.ui import stories as parts

TABS = {"catalogue": "Catalogue des indicateurs", "telechargements": "Téléchargements",
        "methodes": "Méthodes et mises à jour"}

with page("donnees") as view:
    lang = view.lang
    parts.demo_notice(lang)
    tab = view.segmented("onglet", view.t("Rubrique"), list(TABS),
                         format_func=lambda name: view.t(TABS[name]))
    with parts.guarded(lang, view.t(TABS[tab])):
        {"catalogue": documentation.catalogue, "telechargements": documentation.downloads,
         "methodes": documentation.methods_tab}[tab](lang)
