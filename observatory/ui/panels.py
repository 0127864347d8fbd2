"""Shared pieces of every page: a guarded panel, a figure with its data, the link to share."""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from observatory import export, textsafety
from observatory.errors import ObservatoryError
from observatory.formatting import format_number
from observatory.i18n import tr
from observatory.legend import legend_sentence

log = logging.getLogger(__name__)
# Streamlit stops and reruns scripts with exceptions that must go through a panel guard.
_CONTROL_FLOW = ("StopException", "RerunException")
PLOTLY_CONFIG = {"displaylogo": False, "locale": "fr", "modeBarButtonsToRemove": ["sendDataToCloud"]}


@contextlib.contextmanager
def panel(lang: str, what: str = ""):
    """Run one panel of a page; a failure shows a French warning and the rest still renders."""
    try:
        yield
    except ObservatoryError as error:
        if lang == "en" and not error.english:  # a French detail, said to be one
            message = tr("Cette partie de la page n'a pas pu être affichée ({what}) : {detail}",
                         lang, what=what, detail=str(error))
        else:
            message = error.text(lang)
        st.warning(textsafety.markdown(message), icon=":material/warning:")
    except StreamlitAPIException:
        raise
    except Exception as error:
        if type(error).__name__ in _CONTROL_FLOW:
            raise
        log.exception("panel %r failed", what)
        st.warning(tr("Cette partie de la page n'a pas pu être affichée ({what}). Le reste de la "
                      "page reste utilisable ; signalez le problème à l'équipe de l'observatoire.",
                      lang, what=what or tr("erreur interne", lang)), icon=":material/warning:")


def source_line(source: str | None, lang: str) -> str:
    """Return « Source : … », « non renseignée » when the catalogue gives none."""
    given = source if isinstance(source, str) and source.strip() else None
    return tr("Source : {source}", lang, source=textsafety.markdown(given) if given
              else tr("non renseignée", lang))


def slug(text: str) -> str:
    """Return a file-name friendly version of a title."""
    plain = re.sub(r"[^A-Za-z0-9]+", "-", text.encode("ascii", "ignore").decode()).strip("-")
    return plain.lower()[:60] or "donnees"


def downloads(frame: pd.DataFrame, name: str, key: str, lang: str) -> None:
    """Offer exactly `frame` as CSV for French Excel, standard CSV and Parquet."""
    download_buttons(lambda fmt: export.FORMATS[fmt][0](frame), name, key, lang)


def download_buttons(build: Callable[[str], bytes], name: str, key: str, lang: str) -> None:
    """Show the three download buttons; `build(format)` returns the bytes of a format of `FORMATS`.

    Streamlit calls `build` when a button is clicked, not on every run: building every
    format of every panel on each run was most of the run time of the larger pages.
    """
    labels = {"csv_fr": tr("CSV (Excel français)", lang), "csv": tr("CSV standard", lang),
              "parquet": "Parquet"}
    for column, (fmt, (_, suffix, mime)) in zip(st.columns(3), export.FORMATS.items(),
                                                strict=True):
        column.download_button(labels[fmt], functools.partial(build, fmt), f"{slug(name)}{suffix}",
                               mime, key=f"{key}.{fmt}", on_click="ignore",
                               icon=":material/download:")


def show_figure(figure, table: pd.DataFrame, *, title: str, source: str, summary: str,
                key: str, lang: str, display_table: pd.DataFrame | None = None,
                on_select: str = "ignore"):
    """Show a titled figure, its one-sentence summary, its source, its data and downloads.

    `table` is exactly what the figure shows (downloaded as is); `display_table` the
    same rows formatted for reading. Return the selection event when `on_select` reruns.
    """
    st.markdown("#### " + textsafety.markdown(title))
    if table.empty:
        st.info(tr("Aucune donnée pour cette sélection : élargissez la période ou choisissez un "
                   "autre territoire.", lang))
        return None
    # Only the open tab runs and reaches the browser: a hidden table made every first view
    # load and draw the data grid alongside the chart.
    chart_tab, data_tab = st.tabs([tr("Graphique", lang), tr("Données", lang)],
                                  key=f"{key}.tabs", on_change="rerun")
    event = None
    if chart_tab.open:
        with chart_tab:
            event = st.plotly_chart(figure, key=key, on_select=on_select,
                                    config={**PLOTLY_CONFIG, "locale": lang},
                                    selection_mode=("points",))
            st.caption(textsafety.markdown(summary))
            legend = legend_sentence(figure, lang)
            if legend:  # a map's colours, said in words
                st.caption(textsafety.markdown(legend))
    if data_tab.open:
        with data_tab:
            st.dataframe(display_table if display_table is not None else table, hide_index=True,
                         key=f"{key}.table")
            downloads(table, title, key, lang)
    st.caption(source_line(source, lang))
    return event


def show_table(table: pd.DataFrame, *, title: str, source: str, key: str, lang: str,
               display_table: pd.DataFrame | None = None, empty: str | None = None) -> None:
    """Show a titled table with its source and downloads, or a sentence when it is empty."""
    st.markdown("#### " + textsafety.markdown(title))
    if table.empty:
        st.info(empty or tr("Aucune donnée pour cette sélection.", lang))
        return
    st.dataframe(display_table if display_table is not None else table, hide_index=True,
                 key=f"{key}.table")
    downloads(table, title, key, lang)
    st.caption(source_line(source, lang))


def show_panel(built, key: str, lang: str, notes: bool = True) -> None:
    """Render a built panel (`indicator_panels.Panel`): its notes, then the figure with its data,
    or the table alone."""
    for note in built.notes if notes else ():
        st.info(note, icon=":material/info:")
    if built.figure is None and not built.table.empty:
        st.caption(textsafety.markdown(built.summary))  # names from the data, as text
        show_table(built.table, title=built.title, source=built.source, key=key, lang=lang,
                   display_table=built.display)
        return
    show_figure(built.figure, built.table, title=built.title, source=built.source,
                summary=built.summary, key=key, lang=lang, display_table=built.display,
                on_select=built.on_select)


def long_text(text: str, lang: str, *, key: str, lead: str = "") -> None:
    """Show a text from the data as plain Markdown text, cut past DISPLAY_LIMIT characters.

    Drawing a 1 MB Markdown paragraph took minutes in the browser: the first couple of
    thousand characters are shown, the whole text is offered as plain text in an expander.
    The expander tracks its state so the whole text is only sent once it is opened (sent
    folded, it still cost the page 25 s under load).
    """
    shown, was_cut = textsafety.cut(text)
    st.markdown(lead + textsafety.markdown(shown))
    if was_cut:
        box = st.expander(tr("Lire le texte complet ({n} caractères)", lang,
                             n=format_number(len(text), lang=lang)),
                          key=f"{key}.full_text", on_change="rerun")
        if box.open:
            box.text(text)


def notices(messages: list[str]) -> None:
    """Show the notices of values dropped from the URL."""
    for message in messages:  # Markdown whose URL values are escaped (urlstate.shown)
        st.info(message, icon=":material/link_off:")


def share_link(query: str, lang: str) -> None:
    """Show « Copier le lien de cette vue » with the full URL of the current view."""
    base = _base_url()
    link = f"{base}?{query}" if query else base
    with st.popover(tr("Copier le lien de cette vue", lang), icon=":material/link:"):
        st.caption(tr("Ce lien rouvre exactement cette vue (page et filtres) :", lang))
        st.code(link, language=None, wrap_lines=True)


def _base_url() -> str:
    url = getattr(st.context, "url", None) or ""
    return url.split("?", 1)[0]
