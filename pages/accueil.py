"""Accueil / Vue d'ensemble: key figures of the selection, a small map, recent updates."""

import streamlit as st

from observatory import ui

with ui.page("accueil") as view:
    st.write(view.selection.sentence)
