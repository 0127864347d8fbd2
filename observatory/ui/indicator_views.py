"""What only the interface adds to the indicator panels: the map's overlay and click, links.

The builders are `observatory.indicator_panels` (no Streamlit), fed by `ui.cached_reads.READS`;
`map_panel` adds the initiatives drawn over the areas and the click that selects a territory.
Also the links to the Initiatives page and the Territoire page's print button.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from observatory import indicator_panels
from observatory.i18n import tr
from observatory.indicator_panels import Indicator, Panel, Settings
from observatory.selection import Selection
from observatory.ui import initiative_overlay
from observatory.ui.cached_reads import READS
from observatory.ui.frame import PAGES_BY_KEY, PROJECT_ROOT, territories_frame

MAP_KEY = "indicateurs.carte.figure"


def map_panel(indicator: Indicator, settings: Settings, selection: Selection) -> Panel:
    """Return the map panel, the initiatives over its areas when asked, a click selecting."""
    panel = indicator_panels.map_panel(READS, indicator, settings, selection)
    if panel.figure is None:
        return panel
    panel.on_select = select_from_map(MAP_KEY, settings.level)
    if settings.initiatives:
        note = initiative_overlay.add_to_map(panel.figure, indicator.theme, selection,
                                             panel.outlined)
        panel.summary = f"{panel.summary} {note}"
        panel.source = initiative_overlay.with_directory_source(panel.source, selection.lang)
    return panel


def clicked_code(event) -> str | None:
    """Return the territory code of the first clicked map point (customdata[0] or location)."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and data and isinstance(data[0], str):
            return data[0]
        if isinstance(point.get("location"), str):
            return point["location"]
    return None


def select_from_map(chart_key: str, level: str) -> Callable[[], None]:
    """Return the callback that makes a clicked territory the shared selection."""

    def callback() -> None:
        code = clicked_code(st.session_state.get(chart_key))
        codes = territories_frame()
        if code and ((codes["code"] == code) & (codes["niveau"] == level)).any():
            st.session_state["niveau"] = level
            st.session_state["territoire"] = code

    return callback


def initiatives_link(selection: Selection, lang: str, theme: str | None = None) -> None:
    """Link to the Initiatives page filtered on the selected territory and, from an indicator
    or a theme, on that theme's facets (one shared filter)."""
    page = PAGES_BY_KEY["initiatives"]
    params = initiative_overlay.link_params(selection, theme)
    label = tr("Voir les initiatives de ce territoire", lang)
    try:
        st.page_link(str(PROJECT_ROOT / page.file), label=label, icon=":material/lightbulb:",
                     query_params=params)
    except StreamlitAPIException:
        # The page runs on its own (tests, no navigation): a plain link to the page's path.
        st.markdown(f"[{label}](/{page.url_path}?{urlencode(params, doseq=True)})")


PRINT_BUTTON = """
<button type="button" onclick="window.print()" class="print-button"
  style="padding:.4rem .9rem;border:1px solid #1f4e79;border-radius:.4rem;background:#fff;
         color:#1f4e79;font:inherit;cursor:pointer">{label}</button>
<style>@media print {{ .print-button {{ display:none; }} }}</style>
"""


def print_button(lang: str) -> None:
    """Show « Imprimer » (window.print) and the keyboard hint; hidden on paper."""
    st.html(PRINT_BUTTON.format(label=tr("Imprimer ce portrait", lang)),
            unsafe_allow_javascript=True)
    st.caption(tr("Pour imprimer ou enregistrer en PDF : bouton ci-dessus, ou Ctrl+P (Cmd+P sur "
                  "Mac). Le menu latéral n'est pas imprimé.", lang))
