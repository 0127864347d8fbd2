"""The frame around every page: navigation, shared selection, URL state, notices, link.

URL and widgets: the URL is read when it comes from outside (first load, a shared link,
a link to another page); the widgets' session state is then the truth, and after the
page ran the frame writes the state back to the URL, defaults omitted. Streamlit drops
query parameters when the user changes page, so a page change with an empty URL keeps
the session's shared selection and writes it into the new page's URL.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from observatory import labels, reference, textsafety, urlstate
from observatory.i18n import DEFAULT_LANGUAGE, LANGUAGES, tr
from observatory.selection import Selection
from observatory.ui import accessibility
from observatory.ui.connection import cached, cached_resource, database_published
from observatory.ui.panels import notices
from observatory.urlstate import ViewState

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_WRITTEN = "_url_written"
_PAGE = "_url_page"
_NOTICES = "_url_notices"


@dataclass(frozen=True)
class PageInfo:
    """A page of the navigation: its state key, file, French title, URL path, icon."""

    key: str
    file: str
    title: str
    url_path: str
    icon: str
    help: str
    staff: bool = False


PAGES = (
    PageInfo("accueil", "pages/accueil.py", "Vue d'ensemble", "accueil", ":material/home:",
             "Chiffres clés de la sélection, leur évolution, une carte et les dernières mises à jour."),
    PageInfo("initiatives", "pages/initiatives.py", "Initiatives", "initiatives",
             ":material/lightbulb:",
             "L'annuaire des initiatives d'innovation sociale : recherche, filtres, carte, fiches."),
    PageInfo("indicateurs", "pages/indicateurs.py", "Indicateurs", "indicateurs",
             ":material/monitoring:",
             "Un indicateur en carte, en évolution et en classement, par niveau de territoire."),
    PageInfo("territoire", "pages/territoire.py", "Territoire", "territoire", ":material/place:",
             "Le portrait d'un territoire : tous ses indicateurs et ses initiatives, imprimable."),
    PageInfo("genre", "pages/genre.py", "Genre", "genre", ":material/diversity_3:",
             "Les femmes et les hommes dans l'économie sociale et solidaire."),
    PageInfo("jeunesse", "pages/jeunesse.py", "Jeunesse", "jeunesse", ":material/school:",
             "Les jeunes : NEET, service civique, accompagnement, emploi."),
    PageInfo("economie_circulaire", "pages/economie_circulaire.py", "Économie circulaire",
             "economie-circulaire", ":material/recycling:",
             "Réemploi, réparation, ressourceries et emplois de l'économie circulaire."),
    PageInfo("donnees", "pages/donnees.py", "Données & méthodes", "donnees-et-methodes",
             ":material/dataset:",
             "Catalogue des indicateurs, méthodes et téléchargements."),
    PageInfo("import", "pages/import.py", "Import", "import", ":material/upload_file:",
             "Réservé aux chargé·es d'études : déposer un fichier CSV, vérifier, appliquer, annuler.",
             staff=True),
)
PAGES_BY_KEY = {page.key: page for page in PAGES}
_local = threading.local()


@dataclass
class Frame:
    """What the frame knows during one run: the page, its state, the selection, the notices."""

    page: str
    lang: str
    state: ViewState
    selection: Selection
    notices: list[str] = field(default_factory=list)
    # Fields without a fixed default take the first option shown (first indicator, latest
    # year): that value is the default of this run, and stays out of the URL like the others.
    implicit_defaults: dict[str, object] = field(default_factory=dict)
    # True when this run read the URL (first load, a pasted link): values a page's widgets
    # then find invalid came from the link, and are reported like the frame's own.
    from_url: bool = False
    notice_box: object = None

    def add_notice(self, message: str) -> None:
        """Report a value dropped from the URL by the page (kept across reruns like the others)."""
        self.notices.append(message)
        st.session_state[_NOTICES] = (self.page, list(self.notices))
        if self.notice_box is not None:
            with self.notice_box:
                notices([message])


@cached
def territories_frame(con) -> pd.DataFrame:
    """Return the territory reference (cached per data version)."""
    return reference.territories(con)


@cached_resource
def vocabulary(con) -> urlstate.Vocabulary:
    """Return the URL vocabularies (cached per data version, not copied: every initiative id
    is in it, and unpickling a copy on every pasted link cost 10 ms at 100,000 initiatives)."""
    return reference.vocabulary(con)


@cached
def years(con) -> list[int]:
    """Return the years with observations (cached per data version)."""
    return reference.years(con)


def current_language() -> str:
    """Return the interface language: the session's choice, else the URL, else the setting."""
    chosen = st.session_state.get("lang")
    if chosen in LANGUAGES:
        return chosen
    asked = st.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    from observatory import settings

    configured = settings.get("OBSERVATORY_LANG")
    return configured if configured in LANGUAGES else DEFAULT_LANGUAGE


# Streamlit serves the default page at `/` only; its own url_path must stay unique but is
# never reachable. `/accueil` (the README's and the shared links' address) is a hidden alias.
_ROOT_URL_PATH = "racine"


def navigation_pages(lang: str) -> list:
    """Return the `st.Page` objects of every page, titled in `lang`, and the `/accueil` alias."""
    pages = [
        st.Page(str(PROJECT_ROOT / page.file), title=tr(page.title, lang), icon=page.icon,
                url_path=_ROOT_URL_PATH if page.key == "accueil" else page.url_path,
                default=page.key == "accueil", help=tr(page.help, lang))
        for page in PAGES
    ]
    home = PAGES_BY_KEY["accueil"]
    pages.append(st.Page(str(PROJECT_ROOT / home.file), title=tr(home.title, lang),
                         icon=home.icon, url_path=home.url_path, visibility="hidden"))
    return pages


def page_key_of(page) -> str:
    """Return the state key of a `st.Page` returned by `st.navigation`."""
    for info in PAGES:
        if info.url_path == page.url_path or (page.url_path == "" and info.key == "accueil"):
            return info.key
    return "accueil"


def _incoming_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _url_came_from_outside(page: str, params: dict[str, list[str]]) -> bool:
    """Return True when the URL must be read: first run, a pasted link, a link to a page."""
    written = st.session_state.get(_WRITTEN)
    if written is None:
        return True
    current = {name: ",".join(values) for name, values in params.items()}
    if current == written:
        return False
    page_changed = st.session_state.get(_PAGE) != page
    return not (page_changed and not params)


def widget_key(page: str, name: str) -> str:
    """Return the session-state key of a page field's widget (shared fields are unprefixed)."""
    shared = {item.name for item in urlstate.SHARED_FIELDS}
    return name if name in shared else f"{page}.{name}"


def open_frame(page: str) -> Frame:
    """Read the URL when it came from outside, seed the widgets, render the shared selection."""
    lang = current_language()
    accessibility.apply(lang)
    if not database_published():  # no database at all yet: nothing to select, say how to start
        st.info(textsafety.markdown(start_sentence(lang)), icon=":material/info:")
        st.stop()
    params = _incoming_params()
    notices: list[str] = []
    from_url = _url_came_from_outside(page, params)
    if from_url:
        state, notices = urlstate.parse_view_state(page, params, vocabulary(), lang)
        state = _resolve_territory(state)
        for name, value in state.values.items():
            st.session_state[widget_key(page, name)] = _widget_value(value)
        st.session_state[_NOTICES] = (page, notices)
    kept_page, kept = st.session_state.get(_NOTICES, (page, []))
    notices = kept if kept_page == page else []
    st.session_state[_PAGE] = page
    # Embedded in another site: no sidebar; the widgets fold away under the selection sentence.
    if _embedded():
        sentence = st.empty()
        with st.expander(tr("Changer de territoire ou de période", lang)):
            selection, shared = _shared_selection(lang)
    else:
        with st.sidebar:
            selection, shared = _shared_selection(lang)
            sentence = st.empty()
    if selection.name:  # none before the first territory is loaded
        sentence.markdown(f"**{textsafety.markdown(selection.sentence)}**")
    state = urlstate.default_state(page).replace(**shared)
    frame = Frame(page, selection.lang, state, selection, notices, from_url=from_url)
    _local.frame = frame
    return frame


def _embedded() -> bool:
    # Streamlit consumes `?embed=true` itself: it is not in st.query_params.
    return bool(getattr(st.context, "is_embedded", False))


def _widget_value(value):
    """Return a URL value in the form its widget keeps (lists for multiselects)."""
    return list(value) if isinstance(value, tuple) else value


def _resolve_territory(state: ViewState) -> ViewState:
    """Return the state with the level matching the territory (a code alone names its level)."""
    if state.territoire is None:
        return state
    frame = territories_frame()
    levels = frame.loc[frame["code"] == state.territoire, "niveau"].tolist()
    if state.niveau in levels or not levels:
        return state
    return state.replace(niveau=levels[0])


def _shared_selection(lang: str) -> tuple[Selection, dict]:
    """Render language, territory level, territory and period; return the selection and URL values."""
    territories = territories_frame()
    region = reference.region_code()
    if st.session_state.get("lang") not in LANGUAGES:
        st.session_state["lang"] = lang
    st.segmented_control(tr("Langue", lang), LANGUAGES, key="lang", required=True,
                         format_func=lambda code: {"fr": "Français", "en": "English"}[code])
    lang = st.session_state.get("lang") or lang
    if territories.empty:  # nothing to choose yet: the page says how to start
        first, last = _bounds()
        return Selection(region, "", "region", first, last, lang), {"lang": lang}
    levels = [level for level in labels.LEVELS if (territories["niveau"] == level).any()]
    if st.session_state.get("niveau") not in levels:
        st.session_state["niveau"] = "region"
    level = st.selectbox(tr("Niveau de territoire", lang), levels, key="niveau",
                         format_func=lambda code: labels.level_name(code, lang))
    options = territories.loc[territories["niveau"] == level]
    names = dict(zip(options["code"], options["nom"], strict=True))
    codes = list(names)
    default = region if level == "region" and region in names else (codes[0] if codes else None)
    if st.session_state.get("territoire") not in names:
        st.session_state["territoire"] = default
    territory = st.selectbox(tr("Territoire", lang), codes, key="territoire",
                             format_func=lambda code: f"{names[code]} ({code})")
    start, end = _period(lang)
    selection = Selection(territory or region, names.get(territory, ""), level, start, end, lang)
    first, last = _bounds()
    values = {"lang": lang, "niveau": level,
              "territoire": None if territory == default else territory,
              "debut": start if start != first else None,
              "fin": end if end != last else None}
    return selection, values


def _bounds() -> tuple[int, int]:
    available = years()
    return (available[0], available[-1]) if available else (2016, 2024)


def _period(lang: str) -> tuple[int, int]:
    first, last = _bounds()
    options = list(range(first, last + 1))
    for key, fallback in (("debut", first), ("fin", last)):
        if st.session_state.get(key) not in options:
            st.session_state[key] = fallback
    if st.session_state["debut"] > st.session_state["fin"]:
        st.session_state["debut"], st.session_state["fin"] = first, last
    left, right = st.columns(2)
    start = left.selectbox(tr("De", lang), options, key="debut")
    end = right.selectbox(tr("À", lang), [year for year in options if year >= start], key="fin")
    return start, end


START = ("L'observatoire ne contient encore aucun territoire. Pour commencer, lancez "
         "« python -m observatory init --region {region} » (le code INSEE de votre région, "
         "réglage OBSERVATORY_REGION), puis importez vos fichiers ; ou essayez l'outil sur les "
         "données de démonstration avec « python -m observatory init --demo ».")


def has_territories() -> bool:
    """Return True once the territory reference holds a territory (`init --region`, an import)."""
    return not territories_frame().empty


def start_sentence(lang: str) -> str:
    """Return how to start an observatory with no territory yet, for the configured région."""
    return tr(START, lang, region=reference.region_code())


def current_frame() -> Frame | None:
    """Return the frame opened in this run, if any."""
    return getattr(_local, "frame", None)


def shared_values() -> dict[str, object]:
    """Return this run's shared fields (language, period…) as its URL has them, defaults as
    None: what a link to another page carries, so that it keeps the reader's choices."""
    frame = current_frame()
    if frame is None:
        return {}
    return {item.name: frame.state.values[item.name] for item in urlstate.SHARED_FIELDS}


def close_frame() -> None:
    """Forget this run's frame (the page ended, or stopped before showing anything)."""
    _local.frame = None


def page_state(page: str) -> ViewState:
    """Return the page's state: shared selection plus the page's own widget values."""
    frame = current_frame()
    values = dict(frame.state.values)
    for item in urlstate.PAGE_FIELDS[page]:
        value = st.session_state.get(widget_key(page, item.name), item.default)
        values[item.name] = tuple(value) if isinstance(value, list) else value
    return urlstate.state_of(page, values)


def publish_url(page: str) -> str:
    """Write the page's state to the URL (defaults omitted) and return the query string."""
    state = page_state(page)
    implicit = current_frame().implicit_defaults
    state = state.replace(**{name: None for name, value in implicit.items()
                             if state.values.get(name) == value})
    params = urlstate.serialise_view_state(state)
    if {name: st.query_params.get(name) for name in st.query_params} != params:
        with contextlib.suppress(st.errors.StreamlitAPIException):
            st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params
    return urlencode(params)
