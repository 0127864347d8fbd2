"""Realistic URL states of the theme and Import pages, invalid parameters, and the shared selection
carried from page to page in the routed dashboard."""

from __future__ import annotations

import pytest

from tests.conftest import seen
from tests.pages.conftest import app_test, page_test, texts

PASSWORD = "mot de passe de test"


def run(page_file: str, params: dict | None = None):
    app = page_test(page_file, params).run()
    assert not app.exception, [item.message for item in app.exception]
    return app


def sentence(app) -> str:
    (shown,) = [item.value for item in app.sidebar.markdown]
    return shown.strip("*")


def shared(app) -> dict:
    """Return the shared selection as its sidebar widgets hold it."""
    return {"lang": app.segmented_control(key="lang").value,
            "niveau": app.selectbox(key="niveau").value,
            "territoire": app.selectbox(key="territoire").value,
            "debut": app.selectbox(key="debut").value, "fin": app.selectbox(key="fin").value}


def count_sentence(app) -> str:
    return next(item.value for item in app.markdown if "concernent ce thème" in item.value
                or "concern this theme" in item.value)


# ---------------------------------------------------------------- theme pages

THEME_STATES = [
    ("genre", {"indicateur": "part_creations_femmes", "niveau": "commune", "territoire": "35238",
               "debut": "2018", "fin": "2022"},
     "part_creations_femmes", ("fr", "commune", "35238", 2018, 2022),
     "Rennes (commune), 2018–2022", "concernent ce thème — Rennes"),
    ("genre", {"indicateur": "ecart_salaire_femmes_hommes", "niveau": "departement",
               "territoire": "35"},
     "ecart_salaire_femmes_hommes", ("fr", "departement", "35", 2016, 2024),
     "Ille-et-Vilaine (département), 2016–2024", "concernent ce thème — Ille-et-Vilaine"),
    ("genre", {"lang": "en", "niveau": "commune", "territoire": "29019"},
     "part_femmes_dirigeantes_ess", ("en", "commune", "29019", 2016, 2024),
     "Brest (municipality), 2016–2024", "concern this theme — Brest"),
    ("jeunesse", {"indicateur": "volontaires_service_civique", "niveau": "departement",
                  "territoire": "56"},
     "volontaires_service_civique", ("fr", "departement", "56", 2016, 2024),
     "Morbihan (département), 2016–2024", "concernent ce thème — Morbihan"),
    ("jeunesse", {"indicateur": "taux_chomage_15_24", "debut": "2020", "fin": "2023"},
     "taux_chomage_15_24", ("fr", "region", "53", 2020, 2023),
     "Bretagne (région), 2020–2023", "Année 2023"),
    ("jeunesse", {"niveau": "commune", "territoire": "29019", "lang": "en"},
     "taux_neet_16_25", ("en", "commune", "29019", 2016, 2024),
     "Brest (municipality), 2016–2024", "concern this theme — Brest"),
    ("economie_circulaire", {"indicateur": "structures_reemploi", "debut": "2020",
                             "fin": "2023"},
     "structures_reemploi", ("fr", "region", "53", 2020, 2023),
     "Bretagne (région), 2020–2023", "Année 2023"),
    ("economie_circulaire", {"indicateur": "entreprises_reparation", "niveau": "departement",
                             "territoire": "29"},
     "entreprises_reparation", ("fr", "departement", "29", 2016, 2024),
     "Finistère (département), 2016–2024", "concernent ce thème — Finistère"),
    ("economie_circulaire", {"lang": "en", "niveau": "commune", "territoire": "35238",
                             "debut": "2019"},
     "part_dechets_reemployes", ("en", "commune", "35238", 2019, 2024),
     "Rennes (municipality), 2019–2024", "concern this theme — Rennes"),
]


@pytest.mark.parametrize("page, params, indicator, selection, expected, shown", THEME_STATES)
def test_a_theme_page_reopens_its_url_state(demo_env, page, params, indicator, selection,
                                            expected, shown):
    app = run(f"pages/{page}.py", params)
    assert app.selectbox(key=f"{page}.indicateur").value == indicator
    assert tuple(shared(app).values()) == selection
    assert sentence(app) == expected
    assert shown in texts(app)
    assert dict(app.query_params) == params
    assert len(app.metric) == 3


def test_theme_pages_are_titled_in_english(demo_env):
    titles = {page: run(f"pages/{page}.py", {"lang": "en"}).title[0].value
              for page in ("genre", "jeunesse", "economie_circulaire")}
    assert titles == {"genre": "Gender", "jeunesse": "Youth",
                      "economie_circulaire": "Circular economy"}


@pytest.mark.parametrize("page, default", [("jeunesse", "taux_neet_16_25"),
                                           ("economie_circulaire", "part_dechets_reemployes")])
def test_invalid_parameters_on_a_theme_page_are_dropped_with_notices(demo_env, page, default):
    app = run(f"pages/{page}.py", {"indicateur": "<script>", "annee": "abc",
                                   "territoire": "99999"})
    notices = [seen(item.value) for item in app.info]
    assert "Le paramètre « annee » de l'adresse est inconnu : il a été ignoré." in notices
    assert ("La valeur « 99999 » du paramètre « territoire » n'est pas valide : elle a été "
            "ignorée.") in notices
    assert ("La valeur « <script> » du paramètre « indicateur » n'est pas valide : elle a été "
            "ignorée.") in notices
    assert app.selectbox(key=f"{page}.indicateur").value == default
    assert shared(app)["territoire"] == "53"
    assert sentence(app) == "Bretagne (région), 2016–2024"
    assert dict(app.query_params) == {}


def test_an_indicator_of_another_theme_is_replaced_with_a_notice(demo_env):
    app = run("pages/economie_circulaire.py", {"indicateur": "taux_neet_16_25"})
    # One notice, in the theme's words (not also the generic « n'est pas valide »).
    assert [item.value for item in app.info if "taux_neet_16_25" in item.value] == [
        "L'indicateur « taux_neet_16_25 » n'appartient pas à ce thème : l'indicateur principal "
        "du thème est affiché."]
    assert app.selectbox(key="economie_circulaire.indicateur").value == "part_dechets_reemployes"
    assert dict(app.query_params) == {}


# ---------------------------------------------------------------- Initiatives and Import

@pytest.mark.parametrize("page_file", ["pages/initiatives.py", "pages/import.py"])
def test_an_unknown_territory_is_dropped_with_a_notice(demo_env, page_file):
    app = run(page_file, {"niveau": "departement", "territoire": "99999"})
    assert ("La valeur « 99999 » du paramètre « territoire » n'est pas valide : elle a été "
            "ignorée.") in [seen(item.value) for item in app.info]
    # The level stays, the territory falls back to the level's first one.
    assert shared(app)["niveau"] == "departement"
    assert shared(app)["territoire"] == "22"
    assert sentence(app) == "Côtes-d'Armor (département), 2016–2024"
    assert dict(app.query_params) == {"niveau": "departement"}


def test_initiatives_of_the_region_after_an_unknown_territory(demo_env):
    app = run("pages/initiatives.py", {"territoire": "99999"})
    assert any(item.value.startswith("**") and "initiatives — Bretagne" in item.value
               for item in app.markdown)
    assert dict(app.query_params) == {}


def signed_in(params: dict):
    app = page_test("pages/import.py", params).run()
    app.text_input(key="staff.name").set_value("Camille")
    app.text_input(key="staff.password").set_value(PASSWORD)
    app.form_submit_button[0].click().run()
    assert not app.exception, [item.message for item in app.exception]
    return app


def test_import_signed_out_keeps_the_selection_of_its_url(demo_env):
    params = {"niveau": "commune", "territoire": "35238", "debut": "2020"}
    app = run("pages/import.py", params)
    assert sentence(app) == "Rennes (commune), 2020–2024"
    assert "aucun accès n'est configuré" in texts(app)
    assert not app.get("file_uploader")
    assert dict(app.query_params) == params


def test_import_history_tab_from_the_url(demo_env, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    params = {"onglet": "historique", "niveau": "departement", "territoire": "56"}
    app = signed_in(params)
    assert app.segmented_control(key="import.onglet").value == "historique"
    assert sentence(app) == "Morbihan (département), 2016–2024"
    assert app.dataframe[0].value["Jeu de données"].tolist() == [
        "initiatives", "observations", "indicateurs", "territoires"]
    assert not app.get("file_uploader")
    assert dict(app.query_params) == params


def test_import_upload_tab_in_english(demo_env, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in({"lang": "en", "debut": "2018", "fin": "2020"})
    assert app.segmented_control(key="import.onglet").value == "importer"
    assert sentence(app) == "Bretagne (region), 2018–2020"
    assert app.get("file_uploader")
    assert "Signed in: Camille" in texts(app)
    assert dict(app.query_params) == {"lang": "en", "debut": "2018", "fin": "2020"}


def test_import_history_in_english_from_the_url(demo_env, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in({"onglet": "historique", "lang": "en", "niveau": "commune",
                     "territoire": "29019"})
    assert app.segmented_control(key="import.onglet").value == "historique"
    assert sentence(app) == "Brest (municipality), 2016–2024"
    assert len(app.dataframe[0].value) == 4


# ---------------------------------------------------------------- across pages (routed)

def test_the_english_selection_follows_to_the_territory_page(demo_env):
    app = app_test({"niveau": "departement", "territoire": "29", "debut": "2019",
                    "lang": "en"}).run()
    assert not app.exception
    assert app.title[0].value == "Overview"
    app.switch_page("pages/territoire.py")
    app.query_params.clear()  # Streamlit drops the query string when the user changes page
    app.run()
    assert not app.exception, [item.message for item in app.exception]
    assert app.title[0].value == "Territory"
    assert sentence(app) == "Finistère (département), 2019–2024"
    assert tuple(shared(app).values()) == ("en", "departement", "29", 2019, 2024)
    assert "## Finistère" in texts(app)
    assert dict(app.query_params) == {"niveau": "departement", "territoire": "29",
                                      "debut": "2019", "lang": "en"}


def test_a_selection_changed_on_one_page_follows_to_the_next(demo_env):
    app = app_test({"lang": "en"}).run()
    app.selectbox(key="niveau").select("commune").run()
    app.selectbox(key="territoire").select("35238").run()
    assert sentence(app) == "Rennes (municipality), 2016–2024"
    app.switch_page("pages/genre.py")
    app.query_params.clear()
    app.run()
    assert not app.exception
    assert app.title[0].value == "Gender"
    assert sentence(app) == "Rennes (municipality), 2016–2024"
    assert "concern this theme — Rennes" in count_sentence(app)
    assert dict(app.query_params) == {"niveau": "commune", "territoire": "35238", "lang": "en"}
