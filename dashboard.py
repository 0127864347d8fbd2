"""Router and frame: page configuration, shared selection, navigation, URL state."""

import streamlit as st

from observatory import ui

ui.configure()
lang = ui.current_language()
page = st.navigation(ui.navigation_pages(lang), position="hidden" if ui.embedded() else "sidebar")
ui.open_frame(ui.page_key_of(page))
page.run()
