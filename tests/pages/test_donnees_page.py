"""Données & méthodes: the 29-indicator catalogue, downloads of every dataset, methods, updates."""

from __future__ import annotations

from observatory import confidentiality
from observatory.i18n import tr
from tests.pages.conftest import page_test, texts

PAGE = "pages/donnees.py"


def test_default_tab_is_the_catalogue(demo_env):
    app = page_test(PAGE).run()
    assert not app.exception
    catalogue = app.dataframe[0].value
    assert len(catalogue) == 29 + 10  # the demo's catalogue and the directory's indicators
    assert list(catalogue.columns) == [
        "Indicateur", "Code", "Thème", "Définition", "Unité", "Source", "Agrégation",
        "Seuil de secret", "Années", "À la une"]
    row = catalogue.set_index("Code").loc["taux_neet_16_25"]
    assert row["Indicateur"] == "Taux de NEET des 16-25 ans"
    assert row["Unité"] == "pourcentage (%)"
    assert row["Agrégation"] == "Rapport des sommes : 100 × Σ neet_16_25 / Σ jeunes_16_25"
    assert row["Seuil de secret"] == "secret sous 11"
    assert row["Années"] == "2016–2024"
    assert row["À la une"] == "3"  # data/demo/indicateurs.csv
    survival = catalogue.set_index("Code").loc["survie_3_ans"]
    assert survival["Source"] == "annuaire de l'observatoire"
    assert survival["Agrégation"] == (
        "Calculé à partir de l'annuaire des initiatives, pour chaque territoire")
    assert survival["Définition"].startswith("Parmi les initiatives créées l'année du chiffre")
    assert "Données de démonstration : valeurs fictives" in texts(app)
    assert dict(app.query_params) == {}


def test_downloads_offer_every_dataset_in_french_excel_csv_and_parquet(demo_env):
    app = page_test(PAGE, {"onglet": "telechargements"}).run()
    assert not app.exception
    buttons = app.get("download_button")
    labels = [button.proto.label for button in buttons]
    assert labels.count("CSV (Excel français)") == 4 and labels.count("Parquet") == 4
    shown = texts(app)
    for title in ("Territoires", "Indicateurs (catalogue)", "Valeurs publiées des indicateurs",
                  "Initiatives"):
        assert f"#### {title}" in shown
    assert "320 lignes, 19 colonnes" in shown  # with annee_fin
    assert "29 lignes, 12 colonnes" in shown  # with a_la_une
    assert dict(app.query_params) == {"onglet": "telechargements"}


def test_methods_tab_explains_confidentiality_aggregation_and_demo(demo_env):
    app = page_test(PAGE, {"onglet": "methodes"}).run()
    assert not app.exception
    shown = texts(app)
    assert confidentiality.METHOD_FR in shown
    assert "un taux (« ratio ») est recalculé comme 100 × la somme des numérateurs" in shown
    assert "Le jeu de démonstration couvre la Bretagne de 2016 à 2024" in shown
    assert "#### Indicateurs calculés à partir de l'annuaire" in shown
    assert "Le taux de pérennité à 3 ans (5 ans) d'une année" in shown
    updates = app.dataframe[0].value
    assert list(updates.columns) == ["Jeu de données", "Dernière mise à jour", "Fichier",
                                     "Lots appliqués"]
    assert updates["Lots appliqués"].tolist() == [1, 1, 1, 1]


def test_methods_in_english(demo_env):
    app = page_test(PAGE, {"onglet": "methodes", "lang": "en"}).run()
    assert not app.exception
    shown = texts(app)
    assert tr(confidentiality.METHOD_FR, "en") in shown
    assert "Aggregation. Values are imported at the level where the source publishes them" in shown
    assert "Latest updates" in shown


def test_unknown_tab_falls_back_to_the_catalogue_with_a_notice(demo_env):
    app = page_test(PAGE, {"onglet": "xyz", "territoire": "99999"}).run()
    assert not app.exception
    notices = [info.value for info in app.info]
    assert "La valeur « xyz » du paramètre « onglet » n'est pas valide : elle a été ignorée." \
        in notices
    assert any("« 99999 »" in notice for notice in notices)
    assert len(app.dataframe[0].value) == 39
    assert dict(app.query_params) == {}


def test_methods_tab_publishes_the_accessibility_statement(demo_env):
    for lang in ("fr", "en"):
        app = page_test(PAGE, {"onglet": "methodes", "lang": lang}).run()
        assert not app.exception
        shown = texts(app)
        assert ("Déclaration d'accessibilité" if lang == "fr" else "Accessibility statement") in shown
        assert "partiellement conforme" in shown and "Défenseur des droits" in shown
