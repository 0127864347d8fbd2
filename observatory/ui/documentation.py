"""Streamlit pieces of Données & méthodes: catalogue, downloads of every dataset, methods."""

from __future__ import annotations

import functools

import streamlit as st

from observatory import confidentiality, engine, formatting, methods, statement
from observatory.i18n import tr
from observatory.ui import stories
from observatory.ui.connection import cached, cached_resource
from observatory.ui.panels import download_buttons, show_table

catalogue_table = cached(methods.catalogue_table)
dataset_shape = cached(methods.dataset_shape)
secret_counts = cached(engine.secret_counts)
# Bytes are kept as they are (not copied): a dataset is built once per data version and
# format, when its button is first clicked.
dataset_bytes = cached_resource(methods.dataset_bytes)


def catalogue(lang: str) -> None:
    """Show the indicator catalogue: definitions, units, sources, aggregation and secret rules."""
    table = catalogue_table(lang)
    st.markdown(tr("{n} indicateurs, regroupés par thème. Un taux n'est jamais une moyenne de "
                   "taux : voir l'onglet « Méthodes et mises à jour ».", lang, n=len(table)))
    show_table(table, title=tr("Catalogue des indicateurs", lang), key="donnees.catalogue",
               lang=lang, source=tr("catalogue de l'observatoire (jeu « indicateurs »)", lang))


def downloads(lang: str) -> None:
    """Offer every dataset as CSV for French Excel, standard CSV and Parquet."""
    st.markdown(tr("Chaque jeu de données complet, tel qu'il est publié. Le CSV « Excel "
                   "français » utilise le point-virgule et la virgule décimale ; les chiffres "
                   "soumis au secret statistique restent vides, avec la mention « secret ».",
                   lang))
    for name, label, _query in methods.DOWNLOADS:
        rows_n, columns_n = dataset_shape(name)
        st.markdown(f"#### {tr(label, lang)}")
        st.caption(tr("{n} lignes, {m} colonnes", lang, n=f"{rows_n:,}".replace(",", "\u202f"),
                      m=columns_n))
        download_buttons(functools.partial(dataset_bytes, name), label, f"donnees.{name}", lang)


def methods_tab(lang: str) -> None:
    """Show the aggregation and confidentiality methods, the demo data and the last updates."""
    st.markdown("#### " + tr("Agrégation des territoires", lang))
    st.markdown(tr(methods.AGGREGATION_METHOD_FR, lang))
    st.markdown("#### " + tr("Indicateurs calculés à partir de l'annuaire", lang))
    st.markdown(tr(methods.DIRECTORY_METHOD_FR, lang))
    st.markdown("#### " + tr("Secret statistique", lang))
    st.markdown(tr(confidentiality.METHOD_FR, lang))
    secret, primary = secret_counts()
    if secret:
        st.markdown(tr("Sur les chiffres publiés : {secret} chiffres secrets, dont {primary} en "
                       "secret primaire ; les autres sont masqués pour protéger ceux-ci.", lang,
                       secret=formatting.format_number(secret, lang=lang),
                       primary=formatting.format_number(primary, lang=lang)))
    if stories.is_demo_data():  # nothing of Bretagne unless the demo is loaded
        st.markdown("#### " + tr("Données de démonstration", lang))
        st.markdown(tr(methods.DEMO_TEXT_FR, lang))
    stories.updates(lang)
    st.markdown("#### " + tr("Déclaration d'accessibilité", lang))
    if lang == "en":
        st.caption(tr("La déclaration d'accessibilité est un document légal français : elle est "
                      "donnée en français.", lang))
    # Our own text: nothing from data or from the URL goes into it.
    st.markdown(statement.STATEMENT_FR)
