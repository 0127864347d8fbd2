"""The Initiatives page's impact section under AppTest: each view, the URL, the facets."""

from __future__ import annotations

import duckdb
import pytest

from observatory import db, formatting, impact
from observatory.directory import DirectoryQuery
from tests.pages.conftest import page_test, texts
from tests.pages.stories_support import DEMO

PAGE = "pages/initiatives.py"


def run(params: dict | None = None):
    app = page_test(PAGE, params).run()
    assert not app.exception
    return app


def metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_key_figures_match_the_directory_with_their_coverage(demo_env):
    app = run()
    assert app.segmented_control(key="initiatives.impact").value == "chiffres"
    con = db.connect(demo_env, read_only=True)
    summary = impact.totals(con, DirectoryQuery(territory="53", level="region"))
    con.close()
    shown = metrics(app)
    assert shown["Initiatives recensées"] == str(summary["initiatives_n"])
    jobs = summary["fields"][0]
    assert shown["Emplois (ETP)"] == formatting.format_number(jobs.value, 1)
    shown_texts = texts(app)
    assert impact.coverage_note(jobs) in shown_texts
    assert "#### Chiffres clés des initiatives" in shown_texts
    # The table is shown with French numbers, never « None » in a cell without meaning.
    shown_table = app.dataframe[-1].value
    assert "None" not in shown_table.astype(str).values
    assert formatting.format_number(summary["active_n"], 0) in shown_table.iloc[:, 1].tolist()
    assert "initiatives recensées par l'observatoire" in shown_texts
    assert dict(app.query_params) == {}


@pytest.mark.parametrize(("view", "title"), [
    ("thematique", "#### Initiatives par thématique"),
    ("stade", "#### Initiatives par stade"),
    ("creations", "#### Créations d'initiatives par année"),
    ("perennite", "#### Taux de pérennité des initiatives"),
])
def test_each_view_has_its_figure_summary_and_source(demo_env, view, title):
    app = run({"impact": view})
    assert title in texts(app)
    assert app.segmented_control(key="initiatives.impact").value == view
    assert ("Source : Annuaire des initiatives de l'observatoire : initiatives recensées par "
            "l'observatoire") in texts(app)
    assert app.get("plotly_chart")


def test_the_impact_follows_the_facets(demo_env):
    ((stopped_n,),) = duckdb.execute(
        "select count(*) from read_csv(?, delim=';', header=true, all_varchar=true) "
        "where annee_fin is not null", [str(DEMO / "initiatives.csv")]).fetchall()
    stopped = run({"activite": "arretee"})
    assert metrics(stopped)["Emplois (ETP)"] == "—"  # no active initiative among them
    assert f"**{stopped_n} initiatives — Bretagne, arrêtées**" in [
        item.value for item in stopped.markdown]
    survival = run({"impact": "perennite", "thematique": "mobilite"})
    assert "des initiatives créées il y a 3 ans ou plus" in texts(survival)


def test_an_unknown_view_falls_back_with_a_notice(demo_env):
    app = run({"impact": "[x](https://evil.example)"})
    assert app.segmented_control(key="initiatives.impact").value == "chiffres"
    assert any("impact" in item.value for item in app.info)


def test_the_section_in_english(demo_env):
    app = run({"lang": "en", "impact": "perennite"})
    assert "#### Survival rate of initiatives" in texts(app)
    assert "Recorded initiatives" not in texts(app)


def chart_traces(app, number: int = 0) -> list[tuple[str, str]]:
    import json

    spec = json.loads(app.get("plotly_chart")[number].proto.spec)
    return [(trace.get("type"), trace.get("name")) for trace in spec["data"]]


def test_indicateurs_map_shows_the_theme_initiatives_over_the_areas(demo_env):
    params = {"indicateur": "taux_neet_16_25", "carte": "epci"}
    plain = page_test("pages/indicateurs.py", params).run()
    assert not plain.exception
    assert {kind for kind, _ in chart_traces(plain)} == {"choroplethmap"}
    overlaid = page_test("pages/indicateurs.py", {**params, "initiatives": "oui"}).run()
    assert not overlaid.exception
    kinds = [kind for kind, _ in chart_traces(overlaid)]
    assert kinds[0] == "choroplethmap" and "scattermap" in kinds
    shown = texts(overlaid)
    assert "initiatives dont les publics comprennent les jeunes" in shown
    assert "Annuaire des initiatives de l'observatoire" in shown  # the points' own source
    # the link carries the territory and the theme's facet
    assert "(/initiatives?territoire=53&public=jeunes)" in shown
    assert overlaid.query_params["initiatives"] == "oui"


def test_territoire_shows_its_initiatives_over_an_indicator_map(demo_env):
    app = page_test("pages/territoire.py", {"niveau": "departement", "territoire": "29",
                                            "theme": "economie_circulaire"}).run()
    assert not app.exception
    kinds = [kind for kind, _ in chart_traces(app)]
    assert "choroplethmap" in kinds and "scattermap" in kinds
    assert "(/initiatives?niveau=departement&territoire=29&ec=oui)" in texts(app)


def test_a_directory_sum_says_how_many_initiatives_filled_its_field(demo_env):
    app = page_test("pages/indicateurs.py", {"indicateur": "initiatives_beneficiaires"}).run()
    assert not app.exception
    con = db.connect(demo_env, read_only=True)
    total = impact.totals(con, DirectoryQuery(territory="53", level="region"))["fields"][2]
    con.close()
    assert ("Initiatives recensées par l'observatoire — Bretagne : "
            f"{impact.coverage_note(total)}.") in texts(app)
    other = page_test("pages/indicateurs.py", {"indicateur": "initiatives_actives"}).run()
    assert "renseigné par" not in texts(other)
    assert "Initiatives recensées par l'observatoire : ce n'est pas un recensement." in texts(other)
    official = page_test("pages/indicateurs.py", {"indicateur": "taux_neet_16_25"}).run()
    assert "Initiatives recensées par l'observatoire" not in texts(official)
