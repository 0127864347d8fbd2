"""The benchmark's floor of a page (issue 6) shows exactly the widgets the page showed."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from observatory.bench import pages as page_runs
from observatory.bench import widgets
from tests.pages.conftest import TIMEOUT_S, page_test

SELECTION = {"niveau": "departement", "territoire": "29"}


@pytest.mark.parametrize("page", ["initiatives", "territoire", "genre", "donnees"])
def test_a_pages_floor_replays_its_widgets_and_nothing_else(page, demo_env, tmp_path, monkeypatch):
    ours = page_test(f"pages/{page}.py", SELECTION).run()
    assert not ours.exception
    specs = widgets.record(ours)
    # The frame's widgets in the sidebar, the page's own in the body.
    assert {"selectbox", "button_group"} <= {spec["kind"] for spec in specs}
    assert any(spec["container"] == "sidebar" for spec in specs)
    assert any(spec["container"] == "main" for spec in specs)
    recorded = tmp_path / "widgets.json"
    recorded.write_text(json.dumps({page: {widgets.selection_key(SELECTION): specs}}), "utf-8")
    monkeypatch.setenv("OBSERVATORY_FLOOR_WIDGETS", str(recorded))
    monkeypatch.setenv("OBSERVATORY_FLOOR_PAGE", page)

    floor = AppTest.from_file(str(page_runs.script_for("floor", page)), default_timeout=TIMEOUT_S)
    for name, value in SELECTION.items():
        floor.query_params[name] = value
    floor.run()

    assert not floor.exception
    assert widgets.record(floor) == specs
    # No data work: no figure, table or metric.
    assert not floor.metric and not floor.dataframe
    assert not floor.get("plotly_chart")


def test_the_initiatives_floor_has_the_facets_and_the_search(demo_env):
    specs = widgets.record(page_test("pages/initiatives.py", SELECTION).run())
    kinds = [spec["kind"] for spec in specs]
    assert "text_input" in kinds and kinds.count("button_group") >= 5
    territory = next(spec for spec in specs if spec["kind"] == "selectbox"
                     and spec["container"] == "sidebar" and "Finistère (29)" in spec["options"])
    assert territory["options"][territory["index"]] == "Finistère (29)"
