"""Genre, Jeunesse, Économie circulaire: headline figures, map, trend, the theme's initiatives."""

from __future__ import annotations

import json

import pytest

from observatory import db, geo_import, themes
from tests.conftest import demo_territories, seen
from tests.pages.conftest import page_test, texts
from tests.pages.stories_support import demo_initiatives_count, latest_published

# What each page counts as its initiatives, written independently of observatory/themes.py.
CONDITIONS = {
    "genre": "lower(portee_par_une_femme) = 'oui' or list_contains(publics_list, 'femmes')",
    "jeunesse": "list_contains(publics_list, 'jeunes')",
    "economie_circulaire": "lower(economie_circulaire) = 'oui' "
                           "or thematique = 'reemploi_economie_circulaire'",
}

# Each theme's first headline à la une in data/demo/indicateurs.csv.
DEMO_HEADLINES = {"genre": "part_femmes_dirigeantes_ess", "jeunesse": "taux_neet_16_25",
                  "economie_circulaire": "part_dechets_reemployes"}


def count_sentence(app) -> str:
    return next(item.value for item in app.markdown if "concernent ce thème" in item.value
                or "concern this theme" in item.value)


@pytest.mark.parametrize("key", list(themes.THEMES))
def test_default_view_of_each_theme(demo_env, key):
    app = page_test(f"pages/{key}.py").run()
    assert not app.exception
    assert app.selectbox(key=f"{key}.indicateur").value == DEMO_HEADLINES[key]
    first = app.metric[0]
    assert first.value == latest_published(demo_env, DEMO_HEADLINES[key], "53", "region")
    assert len(app.metric) == 3
    expected = demo_initiatives_count(CONDITIONS[key])
    assert count_sentence(app).startswith(f"**{expected} initiative(s)** concernent ce thème")
    assert len(app.dataframe[-1].value) == expected
    assert "Données de démonstration : valeurs fictives" in texts(app)
    assert dict(app.query_params) == {}


def test_map_and_trend_titles_carry_unit_and_year(demo_env):
    app = page_test("pages/genre.py", {"niveau": "departement", "territoire": "29",
                                       "debut": "2019"}).run()
    shown = texts(app)
    assert ("Part des femmes parmi les dirigeants de l'ESS (%) — EPCI, 2024") in shown
    assert ("Évolution : Part des femmes parmi les dirigeants de l'ESS (%) — Finistère, "
            "2019–2024") in shown
    english = page_test("pages/genre.py", {"lang": "en", "debut": "2024"}).run()
    assert "Trend: " in texts(english) and "(%) — Bretagne, 2024" in texts(english)


def test_jeunesse_neet_rate_by_epci(demo_env):
    app = page_test("pages/jeunesse.py", {"indicateur": "taux_neet_16_25", "niveau": "epci",
                                          "territoire": "242900074"}).run()
    assert not app.exception
    shown = texts(app)
    assert "Taux de NEET des 16-25 ans (%) — EPCI, 2024" in shown
    assert app.metric[0].value == latest_published(demo_env, "taux_neet_16_25", "242900074", "epci")
    expected = demo_initiatives_count(CONDITIONS["jeunesse"], "epci", "242900074")
    assert count_sentence(app).startswith(f"**{expected} initiative(s)**")
    assert dict(app.query_params) == {"niveau": "epci", "territoire": "242900074"}


def test_circular_economy_in_finistere_with_initiatives_on_the_map(demo_env):
    app = page_test("pages/economie_circulaire.py", {
        "niveau": "departement", "territoire": "29",
        "indicateur": "emplois_economie_circulaire"}).run()
    assert not app.exception
    expected = demo_initiatives_count(CONDITIONS["economie_circulaire"], "departement", "29")
    assert count_sentence(app).startswith(f"**{expected} initiative(s)** concernent ce thème — "
                                          "Finistère")
    assert "Emplois de l'économie circulaire (ETP) — EPCI, 2024" in texts(app)
    # The shipped outlines carry the values; the theme's initiatives are circles over them.
    traces = json.loads(app.get("plotly_chart")[0].proto.spec)["data"]
    assert {trace["type"] for trace in traces} == {"choroplethmap", "scattermap"}
    assert "Réemploi et économie circulaire" in [trace.get("name") for trace in traces]
    assert dict(app.query_params)["indicateur"] == "emplois_economie_circulaire"


def test_initiatives_over_the_choropleth_once_outlines_are_loaded(writable_demo, shared_geo):
    with db.writing(writable_demo) as con:
        geo_import.import_outlines(con, shared_geo / "departements-bretagne.geojson",
                                   "departement", "test")
    app = page_test("pages/economie_circulaire.py",
                    {"indicateur": "emplois_economie_circulaire"}).run()
    assert not app.exception
    traces = json.loads(app.get("plotly_chart")[0].proto.spec)["data"]
    assert traces[0]["type"] == "choroplethmap"
    assert "Réemploi et économie circulaire" in [trace.get("name") for trace in traces]


def test_genre_in_english(demo_env):
    app = page_test("pages/genre.py", {"lang": "en"}).run()
    assert not app.exception
    assert "Women and men in the social and solidarity economy" in texts(app)
    assert count_sentence(app).endswith(
        "initiatives led by a woman or whose target groups include women).")
    assert app.metric[0].value.replace(".", ",") == latest_published(
        demo_env, "part_femmes_dirigeantes_ess", "53", "region")


@pytest.mark.parametrize("params, notices", [
    ({"indicateur": "<script>", "territoire": "99999"},
     ["La valeur « <script> » du paramètre « indicateur »",
      "La valeur « 99999 » du paramètre « territoire »"]),
    ({"indicateur": "taux_neet_16_25"}, ["L'indicateur « taux_neet_16_25 » n'appartient pas"]),
])
def test_invalid_parameters_give_a_notice(demo_env, params, notices):
    app = page_test("pages/genre.py", params).run()
    assert not app.exception
    for notice in notices:
        assert any(seen(info.value).startswith(notice) for info in app.info), notice
    assert app.selectbox(key="genre.indicateur").value == "part_femmes_dirigeantes_ess"
    assert dict(app.query_params) == {}


def test_key_figures_say_computed_with_coverage_unit_source_and_batch(demo_env):
    """A computed key figure reads « calculé — n territoires sur N », never as complete."""
    app = page_test("pages/jeunesse.py").run()
    assert not app.exception
    captions = [item.value for item in app.caption]
    neet = next(text for text in captions if "Unité : pourcentage (%)" in text
                and "recensement" in text)
    # every commune but the one left without a NEET row (Sauzon, data/demo/source/parametres.toml)
    communes_n = int((demo_territories()["niveau"] == "commune").sum())
    assert neet.startswith(f"Année 2024 · calculé — {communes_n - 1} territoires sur {communes_n} · ")
    assert neet.endswith("Source : INSEE, recensement de la population (données de "
                         "démonstration) · lot n° 3")
    assert any(text.startswith("Année 2024 · provisoire · ") for text in captions)
    english = page_test("pages/jeunesse.py", {"lang": "en"}).run()
    assert not english.exception
    assert any(item.value.startswith(f"Year 2024 · computed — {communes_n - 1} of {communes_n} "
                                     "territories · ")
               and "Unit: percentage (%)" in item.value and "batch no. 3" in item.value
               for item in english.caption)


def test_without_outlines_values_are_circles_with_no_initiative_circles_over_them(bare_demo_env):
    app = page_test("pages/economie_circulaire.py", {
        "niveau": "departement", "territoire": "29",
        "indicateur": "emplois_economie_circulaire"}).run()
    assert not app.exception
    traces = json.loads(app.get("plotly_chart")[0].proto.spec)["data"]
    assert {trace["type"] for trace in traces} == {"scattermap"}
    assert "Réemploi et économie circulaire" not in [trace.get("name") for trace in traces]
