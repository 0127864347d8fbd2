"""The Indicateurs panels built without Streamlit, from plain engine reads (no cache, no page)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from observatory import comparisons, engine, indicator_panels
from observatory.indicator_panels import Indicator, Settings
from observatory.selection import Selection
from tests.conftest import PROJECT_ROOT
from tests.engine_support import fixture_database


class EngineReads:
    """`indicator_panels.Reads` straight from the engine: what a script or an export would use."""

    def __init__(self, con):
        self.con = con

    def values(self, indicator, level, year):
        return engine.indicator_values(self.con, indicator, level, year)

    def trend(self, indicator, codes, levels):
        return engine.trend(self.con, indicator, list(codes), list(levels))

    def ranking(self, indicator, level, year):
        return engine.ranking(self.con, indicator, level, year)

    def comparison(self, indicator, code, level):
        return comparisons.comparison(self.con, indicator, code, level)

    def comparison_trend(self, indicator, code, level):
        return comparisons.comparison_trend(self.con, indicator, code, level)

    def latest_year(self, indicator, level):
        return engine.latest_year(self.con, indicator, level)

    def territory_levels(self):
        return dict(self.con.execute("select code, niveau from territoires").fetchall())

    def level_map(self, indicator, values, level, year, unit, title, lang, selected, classes):
        # What the builder asked to draw; the drawing itself is the interface's (level_maps).
        return {"areas": len(values), "year": year, "selected": selected}, "hint"


@pytest.fixture(scope="module")
def reads():
    con = fixture_database()
    yield EngineReads(con)
    con.close()


def indicator(reads, code: str) -> Indicator:
    catalogue = engine.catalogue(reads.con)
    return Indicator.from_row(catalogue.set_index("code", drop=False).loc[code])


SELECTION = Selection("56", "Morbihan", "departement", 2020, 2023, "fr")


def test_the_builders_give_the_same_panels_from_any_reads(reads):
    share = indicator(reads, "part_femmes")
    settings = Settings("departement", None, "quantiles", ())
    mapped = indicator_panels.map_panel(reads, share, settings, SELECTION)
    assert mapped.figure == {"areas": len(mapped.table), "year": 2023, "selected": "56"}
    assert mapped.notes[0] == "hint" and not mapped.outlined
    assert mapped.title.endswith("départements, 2023")
    assert set(mapped.table["territoire"]) >= {"56"}
    trend = indicator_panels.trend_panel(reads, share, SELECTION)
    assert trend.table["annee"].between(2020, 2023).all()
    assert trend.summary == comparisons.summary_sentence(
        reads.comparison("part_femmes", "56", "departement"), "fr")
    ranking = indicator_panels.ranking_panel(reads, share, settings, SELECTION)
    assert "Morbihan est au rang" in ranking.summary
    compared = indicator_panels.comparison_panels(
        reads, share, Settings("departement", 2023, "quantiles", ("56", "nope")), SELECTION)
    assert list(dict.fromkeys(compared[0].table["territoire"])) == ["56"]  # unknown code dropped


def test_the_builders_do_not_import_streamlit():
    code = ("import sys, observatory.indicator_panels, observatory.figure_text, "
            "observatory.labels, observatory.selection; print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "False"
