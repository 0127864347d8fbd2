"""Vue d'ensemble: key figures equal the engine's, the demo notice, a map with its fallback, updates."""

from __future__ import annotations

import re

from observatory.ui.stories import DEMO_NOTICE
from tests.pages.conftest import page_test, texts
from tests.pages.stories_support import latest_published

PAGE = "pages/accueil.py"


def metric_values(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_default_view_shows_the_regions_key_figures(demo_env):
    app = page_test(PAGE).run()
    assert not app.exception
    values = metric_values(app)
    assert list(values) == [
        "Part de l'ESS dans l'emploi salarié", "Part des femmes parmi les dirigeants de l'ESS",
        "Taux de NEET des 16-25 ans", "Part des déchets réemployés ou réutilisés"]
    headlines = ("part_emplois_ess", "part_femmes_dirigeantes_ess", "taux_neet_16_25",
                 "part_dechets_reemployes")  # ranks 1-4 à la une in data/demo/indicateurs.csv
    for label, code in zip(values, headlines, strict=True):
        assert values[label] == latest_published(demo_env, code, "53", "region")
    shown = texts(app)
    assert DEMO_NOTICE in [warning.value for warning in app.warning]
    assert "Chiffres clés — Bretagne (région), 2016–2024" in shown
    assert "Année 2024" in shown and "depuis 2016" in shown
    assert "Part de l'ESS dans l'emploi salarié (%) — départements, 2024" in shown
    assert "Les contours officiels des territoires ne sont pas encore chargés" not in shown
    assert '"choroplethmap"' in app.get("plotly_chart")[0].proto.spec  # the shipped outlines
    assert "Dernières mises à jour" in shown
    (updates,) = [item.value for item in app.markdown if item.value.startswith("- **")]
    datasets = re.findall(r"^- \*\*(.+?)\*\* : (\d\d/\d\d/\d{4} à \d\d:\d\d)$", updates, re.M)
    assert sorted(name for name, _ in datasets) == [
        "Indicateurs", "Initiatives", "Observations (valeurs des indicateurs)", "Territoires"]


def test_finistere_key_figures_and_a_period(demo_env):
    app = page_test(PAGE, {"niveau": "departement", "territoire": "29", "debut": "2019",
                           "fin": "2023"}).run()
    assert not app.exception
    values = metric_values(app)
    assert values["Taux de NEET des 16-25 ans"] != ""
    assert "Chiffres clés — Finistère (département), 2019–2023" in texts(app)
    assert "Année 2023" in texts(app) and "depuis 2019" in texts(app)
    assert dict(app.query_params) == {"niveau": "departement", "territoire": "29",
                                      "debut": "2019", "fin": "2023"}


def test_a_commune_shows_secret_figures_as_secret(demo_env):
    app = page_test(PAGE, {"niveau": "commune", "territoire": "29232"}).run()
    assert not app.exception
    values = metric_values(app)
    expected = latest_published(demo_env, "part_femmes_dirigeantes_ess", "29232", "commune")
    assert values["Part des femmes parmi les dirigeants de l'ESS"] == expected


def test_english_view(demo_env):
    app = page_test(PAGE, {"lang": "en"}).run()
    assert not app.exception
    shown = texts(app)
    assert "Demonstration data: fictitious values" in shown
    assert "Key figures — Bretagne (region), 2016–2024" in shown
    assert "Latest updates" in shown
    assert "14.2\u202f%" in list(metric_values(app).values())[0]


def test_unknown_territory_is_dropped_with_a_notice(demo_env):
    app = page_test(PAGE, {"territoire": "99999", "indicateur": "<script>"}).run()
    assert not app.exception
    notices = [info.value for info in app.info]
    assert any("99999" in notice for notice in notices)
    assert any("« indicateur » de l'adresse est inconnu" in notice for notice in notices)
    assert len(app.metric) == 4
