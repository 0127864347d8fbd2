"""Indicateurs page under AppTest: default view, shared URL states, invalid values, outlines."""

from __future__ import annotations

import json
import re

from observatory import comparisons, db, engine, formatting, geo_import, maps
from observatory.ui import map_outlines
from tests.pages.conftest import open_data_tabs, page_test, texts

PAGE = "pages/indicateurs.py"
FEMMES = "part_femmes_dirigeantes_ess"


def run(params: dict | None = None):
    app = page_test(PAGE, params).run()
    assert not app.exception, [item.message for item in app.exception]
    return app


def selected(app) -> dict:
    return {box.label: box.value for box in app.selectbox}


def read(path):
    return db.SnapshotReader(path).cursor()


def shown_table(app):
    """Return the readable data table of the first panel (its « Données » tab opened)."""
    return open_data_tabs(app).dataframe[0].value


def test_default_view_is_the_first_indicator_on_the_shipped_outlines(demo_env):
    app = run()
    catalogue = engine.catalogue(read(demo_env))
    first = catalogue.loc[catalogue["theme"] == "innovation_sociale", "code"].iloc[0]
    assert selected(app)["Indicateur"] == first
    assert selected(app)["Thème"] is None
    assert selected(app)["Niveau de la carte"] == "departement"
    assert selected(app)["Année"] is None
    assert maps.no_outlines_hint("53", "fr") not in texts(app)
    figure = app.get("plotly_chart")[0].proto.spec
    assert '"choroplethmap"' in figure
    assert "Voir les initiatives de ce territoire" in texts(app)


def test_without_outlines_the_map_is_circles_with_a_notice(bare_demo_env):
    app = run()
    assert not app.exception
    assert maps.no_outlines_hint("53", "fr") in texts(app)
    figure = app.get("plotly_chart")[0].proto.spec
    assert '"scattermap"' in figure and '"choroplethmap"' not in figure


def shared_link(app) -> str:
    return app.code[0].value


def test_default_view_keeps_the_url_empty_and_a_chosen_indicator_writes_it(demo_env):
    app = run()
    assert "?" not in shared_link(app)
    options = app.selectbox(key="indicateurs.indicateur").options
    app.selectbox(key="indicateurs.indicateur").select_index(1).run()
    assert len(options) > 1 and shared_link(app).endswith(
        "?indicateur=" + app.selectbox(key="indicateurs.indicateur").value)


def test_map_of_departements_in_2023_shows_engine_values(demo_env):
    app = run({"indicateur": FEMMES, "carte": "departement", "annee": "2023"})
    assert selected(app)["Indicateur"] == FEMMES
    assert selected(app)["Année"] == 2023
    values = engine.indicator_values(read(demo_env), FEMMES, "departement", 2023)
    finistere = values.loc[values["territoire"] == "29"].iloc[0]
    assert len(app.dataframe) == 0  # the « Données » tab runs only once opened
    table = shown_table(app)
    row = table.loc[table["Code"] == "29"].iloc[0]
    assert row["Valeur"] == formatting.format_value(finistere["valeur"], "pourcentage")
    assert row["Calculé"] == "oui"
    assert row["Couverture"] == finistere["couverture"]
    # Each figure's own provenance, not only the catalogue's source in the caption.
    assert (row["Statut"], row["Source"], row["Lot"]) == (
        "calculé", finistere["source"], f"lot n° {finistere['batch_id']}")
    assert "Part des femmes parmi les dirigeants de l'ESS (%) — départements, 2023" in texts(app)
    assert "(données de démonstration)" in texts(app)


def test_evolution_of_finistere_has_the_engine_summary(demo_env):
    app = run({"indicateur": FEMMES, "niveau": "departement", "territoire": "29",
               "onglet": "evolution"})
    assert selected(app)["Territoire"] == "29"
    comparison = comparisons.comparison(read(demo_env), FEMMES, "29", "departement")
    assert comparisons.summary_sentence(comparison, "fr") in texts(app)
    assert set(shown_table(app)["Territoire"]) == {"Finistère", "Bretagne"}
    assert maps.no_outlines_hint("53", "fr") not in texts(app)


def test_comparison_of_three_departements(demo_env):
    app = run({"indicateur": FEMMES, "comparer": "22,29,35", "onglet": "comparaison"})
    assert app.multiselect[0].value == ["22", "29", "35"]
    assert len(app.get("plotly_chart")) == 2
    con = read(demo_env)
    for code in ("22", "29", "35"):
        item = comparisons.comparison(con, FEMMES, code, "departement")
        assert comparisons.summary_sentence(item, "fr") in texts(app)
    latest = open_data_tabs(app).dataframe[1].value
    assert list(latest["Code"]) == ["22", "29", "35"]


def test_ranking_of_epcis_leaves_secret_out_and_names_it(demo_env):
    app = run({"indicateur": FEMMES, "onglet": "classement", "carte": "epci", "annee": "2023"})
    ranking = engine.ranking(read(demo_env), FEMMES, "epci", 2023)
    secret = ranking.loc[ranking["etat"] == "secret"]
    assert len(secret) > 0
    assert f"{len(secret)} relèvent du secret statistique." in texts(app)
    figure = app.get("plotly_chart")[0].proto.spec
    for name in secret["nom"]:
        assert name not in figure
    table = shown_table(app)
    assert list(table.loc[table["Code"].isin(secret["territoire"]), "Valeur"]) == \
        ["secret"] * len(secret)


def test_invalid_parameters_are_dropped_with_notices(demo_env):
    codes = "22,29,35,56,53,35238,29019"
    app = run({"annee": "abc", "territoire": "99999", "indicateur": "<script>",
               "comparer": codes})
    shown = texts(app)
    assert "La valeur « abc » du paramètre « annee » n'est pas valide" in shown
    assert "La valeur « 99999 » du paramètre « territoire » n'est pas valide" in shown
    assert "La valeur « <script> » du paramètre « indicateur » n'est pas valide" in shown
    assert "« comparer » accepte au plus 5 valeurs" in shown
    assert selected(app)["Territoire"] == "53"
    assert app.query_params["comparer"] == "22,29,35,56,53"


def test_choropleth_without_fallback_when_outlines_are_loaded(writable_demo, shared_geo):
    with db.writing(writable_demo) as con:
        geo_import.import_outlines(con, shared_geo / "departements-bretagne.geojson",
                                   "departement", "test")
    app = run({"indicateur": FEMMES, "annee": "2023", "niveau": "departement",
               "territoire": "29"})
    assert maps.no_outlines_hint("53", "fr") not in texts(app)
    figure = app.get("plotly_chart")[0].proto.spec
    assert '"choroplethmap"' in figure
    assert '"locations":["29"]' in figure.replace(" ", "")  # the selected outline, highlighted
    # The outlines travel as a static file the browser caches, not inside every rerun's figure.
    urls = {trace["geojson"] for trace in json.loads(figure)["data"]
            if trace["type"] == "choroplethmap"}
    assert len(urls) == 1 and "FeatureCollection" not in figure
    url = re.fullmatch(r"app/static/(outlines/[0-9a-f]+/departement\.geojson)", urls.pop())
    served = map_outlines.static_folder() / url.group(1)
    assert json.loads(served.read_text())["features"][0]["id"] in {"22", "29", "35", "56"}


def test_another_territory_of_the_level_outlines_itself_on_the_same_areas(writable_demo,
                                                                          shared_geo):
    with db.writing(writable_demo) as con:
        geo_import.import_outlines(con, shared_geo / "departements-bretagne.geojson",
                                   "departement", "test")
    app = run({"indicateur": FEMMES, "annee": "2023", "niveau": "departement",
               "territoire": "29"})
    figures = []
    for code in ("29", "35"):
        app.query_params["territoire"] = code
        app.run()
        assert not app.exception
        figures.append(json.loads(app.get("plotly_chart")[0].proto.spec)["data"])
    for code, traces in zip(("29", "35"), figures, strict=True):
        assert [trace["locations"] for trace in traces if trace["name"] == "sélection"] == [[code]]
    areas = [[trace for trace in traces if trace["name"] != "sélection"] for traces in figures]
    assert areas[0] == areas[1] and len(areas[0]) >= 2


def test_clicked_code_reads_the_territory_of_a_map_point():
    from observatory.ui.indicator_views import clicked_code

    event = {"selection": {"points": [{"customdata": ["29", "Finistère", "40,0 %", ""]}]}}
    assert clicked_code(event) == "29"
    assert clicked_code({"selection": {"points": [{"location": "35"}]}}) == "35"
    assert clicked_code({"selection": {"points": []}}) is None
    assert clicked_code(None) is None


def test_english_table_and_hovers_carry_the_same_marks_translated(demo_env):
    app = run({"indicateur": FEMMES, "carte": "departement", "annee": "2023", "lang": "en"})
    values = engine.indicator_values(read(demo_env), FEMMES, "departement", 2023)
    finistere = values.loc[values["territoire"] == "29"].iloc[0]
    cards = {card[0]: card for trace in json.loads(app.get("plotly_chart")[0].proto.spec)["data"]
             for card in trace["customdata"]}
    coverage = finistere["couverture"].replace("/", " of ")
    assert cards["29"][3] == f"Year: 2023 · computed — {coverage} territories"
    app.session_state["indicateurs.carte.figure.tabs"] = "Data"
    table = app.run().dataframe[0].value
    row = table.loc[table["Code"] == "29"].iloc[0]
    assert (row["Computed"], row["Status"], row["Source"], row["Batch"]) == (
        "yes", "computed", finistere["source"], f"batch no. {finistere['batch_id']}")
