"""Every page opens on a région set up from the shipped reference alone (no catalogue yet)."""

from __future__ import annotations

import pytest

from observatory import db, territory_reference
from observatory.ui.frame import PAGES
from tests.conftest import seen
from tests.pages.conftest import page_test

REGIONS = {"32": "Hauts-de-France", "94": "Corse", "04": "La Réunion"}


@pytest.fixture(scope="module")
def region_databases(tmp_path_factory):
    paths = {}
    for code in REGIONS:
        path = tmp_path_factory.mktemp(f"region-{code}") / "observatory.duckdb"
        with db.writing(path) as con:
            report = territory_reference.load_region(con, code, "test")
        assert report.status == "applied"
        paths[code] = path
    return paths


@pytest.mark.parametrize("code", list(REGIONS))
@pytest.mark.parametrize("page", [page.file for page in PAGES])
def test_every_page_opens_on_a_region_of_the_reference(region_databases, monkeypatch, code, page):
    monkeypatch.setenv("OBSERVATORY_DB", str(region_databases[code]))
    monkeypatch.setenv("OBSERVATORY_REGION", code)
    app = page_test(page).run()
    assert not app.exception, [item.message for item in app.exception]
    (sentence,) = [seen(item.value) for item in app.sidebar.markdown]
    assert sentence.startswith(f"**{REGIONS[code]} (région)")
