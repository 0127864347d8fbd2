"""The frame on every page: the selection sentence in the sidebar and « Copier le lien de cette vue »
with exactly the view's query (defaults omitted)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from observatory.ui.frame import PAGES
from tests.pages.conftest import page_test

PAGE_FILES = [page.file for page in PAGES]
FINISTERE_SINCE_2019 = {"niveau": "departement", "territoire": "29", "debut": "2019"}


def sidebar_sentences(app) -> list[str]:
    return [item.value for item in app.sidebar.markdown]


def share_popover(app):
    (popover,) = [block for block in app.get("popover")
                  if block.proto.popover.label in ("Copier le lien de cette vue",
                                                   "Copy the link to this view")]
    return popover


def shared_link(app) -> str:
    """Return the link inside the share popover (its `st.code`)."""
    (code,) = [element for element in share_popover(app) if element.type == "code"]
    return code.value


def test_every_page_of_the_navigation_is_covered():
    assert len(PAGE_FILES) == 9
    assert {"pages/accueil.py", "pages/import.py", "pages/donnees.py"} <= set(PAGE_FILES)


@pytest.mark.parametrize("page_file", PAGE_FILES)
def test_every_page_shows_the_selection_sentence_and_the_link_to_its_view(demo_env, page_file):
    app = page_test(page_file, FINISTERE_SINCE_2019).run()
    assert not app.exception, [item.message for item in app.exception]
    assert sidebar_sentences(app) == ["**Finistère (département), 2019–2024**"]
    assert share_popover(app).proto.popover.label == "Copier le lien de cette vue"
    # No base URL under AppTest: the link is « ?query », the query exactly the view's.
    assert urlsplit(shared_link(app)).query == "niveau=departement&territoire=29&debut=2019"
    assert dict(app.query_params) == FINISTERE_SINCE_2019


@pytest.mark.parametrize("page_file", ["pages/accueil.py", "pages/indicateurs.py"])
def test_the_sentence_and_the_link_in_english(demo_env, page_file):
    params = {"niveau": "commune", "territoire": "35238", "debut": "2019", "lang": "en"}
    app = page_test(page_file, params).run()
    assert not app.exception
    assert sidebar_sentences(app) == ["**Rennes (municipality), 2019–2024**"]
    assert share_popover(app).proto.popover.label == "Copy the link to this view"
    query = parse_qs(urlsplit(shared_link(app)).query)
    assert query == {name: [value] for name, value in params.items()}


def test_a_single_year_period_reads_as_one_year(demo_env):
    app = page_test("pages/donnees.py", {"debut": "2021", "fin": "2021"}).run()
    assert not app.exception
    assert sidebar_sentences(app) == ["**Bretagne (région), 2021**"]
    assert urlsplit(shared_link(app)).query == "debut=2021&fin=2021"


def test_the_default_view_shares_the_bare_page_link(demo_env):
    app = page_test("pages/genre.py").run()
    assert not app.exception
    assert sidebar_sentences(app) == ["**Bretagne (région), 2016–2024**"]
    assert shared_link(app) == ""  # AppTest has no base URL; no query at all


def test_an_epci_keeps_its_acronym_in_the_sentence(demo_env):
    app = page_test("pages/accueil.py", {"niveau": "epci", "territoire": "242900074"}).run()
    assert not app.exception
    assert sidebar_sentences(app) == ["**CC du Pays d'Iroise (EPCI), 2016–2024**"]
