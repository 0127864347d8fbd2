"""Île-de-France from the shipped reference, with figures for Paris's 20 arrondissements only:
the level is offered, mapped (circles: no outlines ship for it), ranked and portrayed."""

from __future__ import annotations

import pytest

from observatory import comparisons, db, engine, formatting, importer, maps, territory_reference
from observatory.ui.frame import PAGES
from tests.pages.conftest import open_data_tabs, page_test, texts

INDICATEURS = """code;libelle;theme;unite;agregation;numerateur;denominateur;secret_seuil
emplois;Emplois de l'ESS;contexte;nombre;somme;;;0
femmes;Femmes dirigeantes;genre;nombre;somme;;;0
dirigeants;Dirigeants;genre;nombre;somme;;;0
part_femmes;Part des femmes dirigeantes;genre;pourcentage;ratio;femmes;dirigeants;0
"""
ARRONDISSEMENTS = [f"751{number:02d}" for number in range(1, 21)]
LEVEL = "arrondissement_municipal"


def located_arrondissements(con) -> bytes:
    """The reference's arrondissements with centroids, as a user would add them (none ship)."""
    frame = territory_reference.region_territories(con, "11")
    frame = frame[frame["niveau"] == LEVEL].copy()
    frame["latitude"] = [48.80 + 0.005 * index for index in range(len(frame))]
    frame["longitude"] = [2.25 + 0.01 * index for index in range(len(frame))]
    return frame.to_csv(sep=";", index=False).encode()


def observations() -> bytes:
    rows = ["indicateur;territoire;annee;valeur"]
    rows += [f"emplois;{code};{year};{int(code[-2:]) * 100 + year - 2022}"
             for code in ARRONDISSEMENTS for year in (2022, 2023)]
    rows += [f"{indicator};{code};2023;{base + int(code[-2:])}" for code in ARRONDISSEMENTS
             for indicator, base in (("femmes", 10), ("dirigeants", 40))]
    rows += ["emplois;92012;2023;5000"]
    return "\n".join(rows).encode()


@pytest.fixture(scope="module")
def paris_env(tmp_path_factory):
    path = tmp_path_factory.mktemp("ile-de-france") / "observatory.duckdb"
    with db.writing(path) as con:
        assert territory_reference.load_region(con, "11", "test").status == "applied"
        for dataset, data in (("territoires", located_arrondissements(con)),
                              ("indicateurs", INDICATEURS.encode()),
                              ("observations", observations())):
            report = importer.import_file(con, dataset, data, f"{dataset}.csv", "test")
            assert report.status == "applied", report.errors
    return path


@pytest.fixture
def paris(paris_env, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_DB", str(paris_env))
    monkeypatch.setenv("OBSERVATORY_REGION", "11")
    return db.SnapshotReader(paris_env).cursor()


def run(page: str, params: dict | None = None):
    app = page_test(page, params).run()
    assert not app.exception, [item.message for item in app.exception]
    return app


def test_the_indicator_map_of_arrondissements_falls_back_to_circles(paris):
    app = run("pages/indicateurs.py", {"indicateur": "emplois", "carte": LEVEL, "annee": "2023"})
    assert app.selectbox(key="indicateurs.carte").value == LEVEL
    assert "Arrondissement municipal" in app.selectbox(key="indicateurs.carte").options
    assert maps.no_outlines_hint("11", "fr") in texts(app)
    figure = app.get("plotly_chart")[0].proto.spec
    assert '"scattermap"' in figure and "Paris 12e Arrondissement" in figure
    assert "Emplois de l'ESS (nombre) — arrondissements municipaux, 2023" in texts(app)
    table = open_data_tabs(app).dataframe[0].value
    values = engine.indicator_values(paris, "emplois", LEVEL, 2023)
    assert sorted(table["Code"]) == sorted(values["territoire"]) == ARRONDISSEMENTS
    row = table.loc[table["Code"] == "75112"].iloc[0]
    assert row["Valeur"] == formatting.format_value(1201.0, "nombre")


def test_paris_is_counted_once_in_its_departement(paris):
    values = engine.indicator_values(paris, "emplois", None, 2023).set_index("territoire")
    paris_total = sum(int(code[-2:]) * 100 + 1 for code in ARRONDISSEMENTS)
    assert values.loc["75056", "valeur"] == values.loc["75", "valeur"] == paris_total
    assert values.loc["75056", "couverture"] == "20/20"
    assert values.loc["11", "valeur"] == paris_total + 5000


def test_the_portrait_of_an_arrondissement_compares_it_with_paris(paris):
    app = run("pages/territoire.py", {"niveau": LEVEL, "territoire": "75112"})
    assert {box.label: box.value for box in app.selectbox}["Territoire"] == "75112"
    assert "## Paris 12e Arrondissement" in texts(app)
    portrait = comparisons.portrait(paris, "75112", LEVEL).set_index("indicateur")
    row = portrait.loc["part_femmes"]
    assert row["valeur"] == pytest.approx(100 * 22 / 52)
    women, leaders = (sum(base + int(code[-2:]) for code in ARRONDISSEMENTS) for base in (10, 40))
    assert (row["parent"], row["valeur_parent"]) == ("Paris", pytest.approx(100 * women / leaders))
    metric = {metric.label: metric for metric in app.metric}["Part des femmes dirigeantes (2023)"]
    assert metric.value == formatting.format_value(row["valeur"], row["unite"], row["etat"])
    assert "par rapport à Paris" in metric.delta


def test_the_english_level_names(paris):
    app = run("pages/indicateurs.py", {"indicateur": "emplois", "carte": LEVEL,
                                       "annee": "2023", "lang": "en"})
    assert "municipal arrondissements, 2023" in texts(app)


def test_an_invalid_level_is_still_refused(paris):
    app = run("pages/territoire.py", {"niveau": "arrondissement"})
    assert "La valeur « arrondissement » du paramètre « niveau » n'est pas valide" in texts(app)


@pytest.mark.parametrize("page", [page.file for page in PAGES])
def test_every_page_opens_on_an_arrondissement(paris, page):
    app = run(page, {"niveau": LEVEL, "territoire": "75112"})
    assert "n'est pas valide" not in texts(app)


def test_a_region_without_arrondissements_does_not_offer_the_level(demo_env):
    app = run("pages/indicateurs.py", {"carte": LEVEL})
    assert "Arrondissement municipal" not in app.selectbox(key="indicateurs.carte").options
    assert f"La valeur « {LEVEL} » du paramètre « carte » n'est pas valide" in texts(app)
    app = run("pages/territoire.py", {"niveau": LEVEL})
    assert "Arrondissement municipal" not in app.selectbox(key="niveau").options
