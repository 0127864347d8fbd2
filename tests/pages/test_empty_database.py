"""A database without any territory yet: every page says how to start instead of failing."""

from __future__ import annotations

import pytest

from observatory.ui.frame import PAGES
from tests.pages.conftest import app_test, page_test, texts

START_FR = ("L'observatoire ne contient encore aucun territoire. Pour commencer, lancez "
            "« python -m observatory init --region 94 » (le code INSEE de votre région, réglage "
            "OBSERVATORY_REGION), puis importez vos fichiers ; ou essayez l'outil sur les données "
            "de démonstration avec « python -m observatory init --demo ».")
START_EN = ("The observatory has no territory yet. To start, run "
            "« python -m observatory init --region 94 » (your région's INSEE code, setting "
            "OBSERVATORY_REGION), then import your files; or try the tool on the demonstration "
            "data with « python -m observatory init --demo ».")


@pytest.mark.parametrize("page_file", [page.file for page in PAGES])
def test_every_page_says_how_to_start(empty_env, page_file):
    app = page_test(page_file).run()
    assert not app.exception, [item.message for item in app.exception]
    assert START_FR in texts(app)
    english = page_test(page_file, {"lang": "en"}).run()
    assert not english.exception, [item.message for item in english.exception]
    assert START_EN in texts(english)


def test_the_dashboard_opens_on_the_sentence(empty_env):
    app = app_test().run()
    assert not app.exception, [item.message for item in app.exception]
    assert START_FR in texts(app)
    assert len(app.metric) == 0


def test_without_any_database_every_page_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_DB", str(tmp_path / "absent.duckdb"))
    monkeypatch.setenv("OBSERVATORY_DEMO_ON_FIRST_START", "0")
    monkeypatch.setenv("OBSERVATORY_REGION", "94")
    for app in (app_test(), page_test("pages/genre.py"), page_test("pages/import.py")):
        app.run()
        assert not app.exception, [item.message for item in app.exception]
        assert START_FR in texts(app)
    english = app_test({"lang": "en"}).run()
    assert START_EN in texts(english)


def test_a_territory_without_any_figure_nor_directory_says_so(empty_env):
    from observatory import db, importer

    with db.writing(empty_env) as con:
        report = importer.import_file(con, "territoires", (
            b"code;niveau;nom;region;departement;epci\n94;region;Corse;;;\n"
            b"2A;departement;Corse-du-Sud;94;;\n2A004;commune;Ajaccio;94;2A;\n"),
            "territoires.csv", "test")
    assert report.status == "applied"
    app = page_test("pages/territoire.py", {"niveau": "commune", "territoire": "2A004"}).run()
    assert not app.exception
    assert ("Aucun indicateur n'a de donnée pour ce territoire : choisissez un autre territoire "
            "ou un autre thème.") in texts(app)
    assert not app.metric
    assert "Aucune initiative n'est recensée dans ce territoire." in texts(app)
