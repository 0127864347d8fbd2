"""The benchmark's floor of a page (issue 6) shows exactly the widgets the page showed; its
elements floor shows everything the page displayed, with no data work."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks import page_runs, recorded_widgets
from tests.pages.conftest import TIMEOUT_S, page_test

SELECTION = {"niveau": "departement", "territoire": "29"}
PAGES = ["accueil", "initiatives", "indicateurs", "territoire", "genre", "donnees", "import"]


def flattened(specs: list[dict]) -> list[dict]:
    """Return every spec, those inside columns and tabs included, in page order."""
    found = []
    for spec in specs:
        found.append(spec)
        for inside in spec.get("columns", []) + spec.get("tabs", []):
            found += flattened(inside)
    return found


def comparable(specs: list[dict]) -> list:
    """Return `specs` with Plotly figures parsed (re-serialised figures order keys differently)."""
    return [{**spec, "spec": json.loads(spec["spec"])} if spec["kind"] == "plotly_chart"
            else {**spec, **{name: [comparable(inside) for inside in spec[name]]
                             for name in ("columns", "tabs") if name in spec}}
            for spec in specs]


def replay(page: str, specs: list[dict], tmp_path, monkeypatch) -> AppTest:
    """Run the page's floor script on `specs`, recorded for SELECTION."""
    recorded = tmp_path / "widgets.json"
    recorded.write_text(json.dumps({page: {recorded_widgets.selection_key(SELECTION): specs}}),
                        "utf-8")
    monkeypatch.setenv("OBSERVATORY_FLOOR_WIDGETS", str(recorded))
    monkeypatch.setenv("OBSERVATORY_FLOOR_PAGE", page)
    floor = AppTest.from_file(str(page_runs.script_for("floor", page)), default_timeout=TIMEOUT_S)
    for name, value in SELECTION.items():
        floor.query_params[name] = value
    return floor.run()


@pytest.mark.parametrize("page", PAGES)
def test_a_pages_floor_replays_its_widgets_and_nothing_else(page, demo_env, tmp_path, monkeypatch):
    ours = page_test(f"pages/{page}.py", SELECTION).run()
    assert not ours.exception
    specs = recorded_widgets.record(ours)
    # The frame's widgets in the sidebar, the page's own in the body.
    assert {"selectbox", "button_group"} <= {spec["kind"] for spec in flattened(specs)}
    assert any(spec["container"] == "sidebar" for spec in specs)

    floor = replay(page, specs, tmp_path, monkeypatch)

    assert not floor.exception
    assert recorded_widgets.record(floor) == specs
    # No data work and nothing displayed: no figure, table, metric or text.
    assert not floor.metric and not floor.dataframe and not floor.markdown
    assert not floor.get("plotly_chart")


@pytest.mark.parametrize("page", PAGES)
def test_a_pages_elements_floor_shows_everything_it_displayed(page, demo_env, tmp_path,
                                                              monkeypatch):
    ours = page_test(f"pages/{page}.py", SELECTION).run()
    specs = recorded_widgets.record(ours, elements=True)

    floor = replay(page + page_runs.ELEMENTS, specs, tmp_path, monkeypatch)

    assert not floor.exception
    assert comparable(recorded_widgets.record(floor, elements=True)) == comparable(specs)
    assert [metric.value for metric in floor.metric] == [metric.value for metric in ours.metric]
    assert len(floor.get("plotly_chart")) == len(ours.get("plotly_chart"))
    assert len(floor.dataframe) == len(ours.dataframe)


def test_the_initiatives_floor_has_the_facets_and_the_search(demo_env):
    specs = flattened(recorded_widgets.record(page_test("pages/initiatives.py", SELECTION).run()))
    kinds = [spec["kind"] for spec in specs]
    assert "text_input" in kinds and kinds.count("button_group") >= 5
    territory = next(spec for spec in specs if spec["kind"] == "selectbox"
                     and spec["container"] == "sidebar" and "Finistère (29)" in spec["options"])
    assert territory["options"][territory["index"]] == "Finistère (29)"
