"""Streamlit stays here: connection, cached queries, the frame, page widgets, panels.

A page is thin:

    with ui.page("indicateurs") as view:
        theme = view.select("theme", "Thème", THEMES, format_func=...)
        ...render...

`ui.page` opens the frame when the page runs on its own (AppTest), shows the notices of
dropped URL values and the link to share, and writes the view's state to the URL at the end.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from observatory import textsafety, urlstate
from observatory.i18n import tr
from observatory.ui import accessibility as _accessibility
from observatory.ui import frame as _frame
from observatory.ui.connection import cached, cached_resource, data_version, reader
from observatory.ui.frame import (
    PAGES,
    PAGES_BY_KEY,
    Frame,
    Selection,
    current_language,
    navigation_pages,
    page_key_of,
    territories_frame,
    years,
)
from observatory.ui.panels import (
    downloads,
    notices,
    panel,
    share_link,
    show_figure,
    show_panel,
    show_table,
)
from observatory.ui.upload_limit import apply_to_server as _apply_upload_limit
from observatory.urlstate import has_fixed_default

__all__ = [
    "PAGES", "PAGES_BY_KEY", "Frame", "PageView", "Selection", "cached", "cached_resource",
    "configure", "current_language", "data_version", "downloads", "show_figure",
    "navigation_pages", "open_frame", "page", "page_key_of", "panel", "reader", "show_panel",
    "show_table",
    "territories_frame", "years",
]

FAVICON = Path(__file__).resolve().parents[1] / "assets" / "favicon.png"
PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  .stPopover, [data-testid="stDownloadButton"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
}
/* The navigation links' focus is otherwise a faint background change (RGAA 10.7). */
[data-testid="stSidebarNav"] a:focus-visible { outline: 2px solid #1f4e79; outline-offset: 1px; }
/* A text field's focus is otherwise only a thin change of border colour. */
[data-testid="stTextInputRootElement"]:focus-within { outline: 2px solid #1f4e79; }
""" + _accessibility.HIDE_CSS + """
</style>
"""


def configure() -> None:
    """Set the page configuration shared by every page (and leave Streamlit's legacy page mode)."""
    _leave_legacy_pages_mode()
    # A local icon: a `:material/…` page icon makes the browser fetch it from Google Fonts.
    st.set_page_config(page_title="Observatoire de l'innovation sociale", layout="wide",
                       page_icon=str(FAVICON))
    st.html(PRINT_CSS)
    _apply_upload_limit()


def _leave_legacy_pages_mode() -> None:
    # A `pages/` folder beside the entrypoint makes Streamlit's first run of the process use
    # the legacy (v1) multipage mode: page files run without dashboard.py, titled by file
    # name. Our `st.navigation` is the router, so switch the flag off and rerun through it.
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def embedded() -> bool:
    """Return True when the view is embedded in another site (`?embed=true`)."""
    return _frame._embedded()


def open_frame(page_key: str) -> Frame:
    """Open the frame for a page (called by dashboard.py before running the page)."""
    return _frame.open_frame(page_key)


@dataclass
class PageView:
    """What a page works with: its key, language, selection, and widgets bound to its URL state."""

    key: str
    frame: Frame

    @property
    def lang(self) -> str:
        return self.frame.lang

    @property
    def selection(self) -> Selection:
        return self.frame.selection

    @property
    def state(self) -> urlstate.ViewState:
        """The page's typed state (`urlstate.PAGE_STATES`): URL fields as the widgets hold them."""
        return _frame.page_state(self.key)

    def t(self, text: str, **values) -> str:
        """Return a French interface text in the page's language."""
        return tr(text, self.lang, **values)

    def _key(self, name: str) -> str:
        return _frame.widget_key(self.key, name)

    def _keep_valid(self, name: str, options: Sequence, multiple: bool = False,
                    notice: Callable[[str], str] | None = None) -> None:
        """Drop a field's values that are not among `options`; say so when the URL gave them.

        `notice(value)` words it for the page (default: the frame's « n'est pas valide »).
        """
        key = self._key(name)
        value = st.session_state.get(key)
        if value is None:
            return
        dropped = [item for item in value if item not in options] if multiple else (
            [] if value in options else [value])
        if not dropped:
            return
        if multiple:
            st.session_state[key] = [item for item in value if item in options]
        else:
            del st.session_state[key]
        if self.frame.from_url:  # one notice for the field, however many values it drops
            self.frame.add_notice(notice(str(dropped[0])) if notice else
                                  urlstate.invalid_notice(name, [str(v) for v in dropped],
                                                          self.lang))

    def restrict(self, name: str, allowed: Sequence) -> None:
        """Keep only the allowed values of a list field before its widget renders."""
        self._keep_valid(name, allowed, multiple=True)

    def select(self, name: str, label: str, options: Sequence, *,
               format_func: Callable = str, default=None, container=st,
               notice: Callable[[str], str] | None = None):
        """Render a select box bound to the URL field `name`; return the chosen option."""
        self._keep_valid(name, options, notice=notice)
        key = self._key(name)
        if options:
            first = default if default in options else options[0]
            if not has_fixed_default(self.key, name):
                self.frame.implicit_defaults[name] = first
            if st.session_state.get(key) is None:
                st.session_state[key] = first
        # A `None` option reads as its label (« Tous les thèmes »), never Streamlit's English
        # « Choose an option ».
        placeholder = format_func(None) if None in options else self.t("Choisir…")
        return container.selectbox(label, options, key=key, format_func=format_func,
                                   placeholder=placeholder)

    def multiselect(self, name: str, label: str, options: Sequence, *,
                    format_func: Callable = str, max_selections: int | None = None,
                    container=st) -> list:
        """Render a multiselect bound to the URL field `name`; return the chosen options."""
        self._keep_valid(name, options, multiple=True)
        # The placeholder in the interface's language, never Streamlit's « Choose options ».
        return container.multiselect(label, options, key=self._key(name), format_func=format_func,
                                     max_selections=max_selections,
                                     placeholder=self.t("Choisir…"))

    def pills(self, name: str, label: str, options: Sequence, *, format_func: Callable = str,
              multiple: bool = True, container=st):
        """Render toggle pills bound to the URL field `name` (facets); return the selection."""
        self._keep_valid(name, options, multiple=multiple)
        # Wrap: in a narrow column Streamlit would otherwise scroll them out of sight.
        return container.pills(label, options, key=self._key(name), format_func=format_func,
                               selection_mode="multi" if multiple else "single", wrap=True)

    def segmented(self, name: str, label: str, options: Sequence, *,
                  format_func: Callable = str, container=st):
        """Render a segmented control (a view switch such as the tab) bound to `name`."""
        self._keep_valid(name, options)
        key = self._key(name)
        if st.session_state.get(key) is None:
            st.session_state[key] = options[0]
        return container.segmented_control(label, options, key=key, format_func=format_func,
                                           required=True)

    def text(self, name: str, label: str, *, placeholder: str = "", container=st) -> str:
        """Render a text input bound to the URL field `name`; return its text."""
        return container.text_input(label, key=self._key(name), placeholder=placeholder,
                                    max_chars=200) or ""

    def set(self, name: str, value) -> None:
        """Set a field's value before its widget renders (e.g. after a click on a map)."""
        st.session_state[self._key(name)] = value


@contextlib.contextmanager
def page(key: str):
    """Open (or reuse) the frame, yield the page's view, then write its state to the URL."""
    opened_here = _frame.current_frame() is None or _frame.current_frame().page != key
    if opened_here:
        configure()
        frame = _frame.open_frame(key)
    else:
        frame = _frame.current_frame()
    view = PageView(key, frame)
    if not embedded():
        st.title(tr(PAGES_BY_KEY[key].title, frame.lang))
    if not _frame.has_territories():
        st.info(textsafety.markdown(_frame.start_sentence(frame.lang)), icon=":material/info:")
        # Staff may still import a territories file; other pages have nothing to show.
        if key != "import":
            _frame.close_frame()
            st.stop()
    frame.notice_box = st.container()
    with frame.notice_box:
        notices(frame.notices)
    link_slot = st.empty()
    try:
        yield view
    finally:
        query = _frame.publish_url(key)
        with link_slot.container():
            share_link(query, frame.lang)
        _frame.close_frame()
