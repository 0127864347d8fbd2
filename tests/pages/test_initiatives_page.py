"""The Initiatives page under AppTest: URL states, facets, table, card, invalid parameters."""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT, demo_territories, seen
from tests.pages.conftest import app_test, page_test, texts

PAGE = "pages/initiatives.py"
DEMO = PROJECT_ROOT / "data" / "demo"


@pytest.fixture(scope="module")
def demo_csv():
    """The demo initiatives and territories read straight from the files (independent check)."""
    con = duckdb.connect()
    con.register("territories", demo_territories())
    con.execute("create table initiatives as select * from read_csv(?, delim=';', header=true, "
                "all_varchar=true)", [str(DEMO / "initiatives.csv")])
    con.execute("create table territoires as select * from territories")
    yield con
    con.close()


def count(con, where: str, params: list | None = None) -> int:
    return con.execute("select count(*) from initiatives as i left join territoires as t "
                       f"on t.code = i.commune and t.niveau = 'commune' where {where}",
                       params or []).fetchone()[0]


def run(params: dict | None = None):
    app = page_test(PAGE, params).run()
    assert not app.exception
    return app


def sentences(app) -> list[str]:
    return [item.value for item in app.markdown if re.match(r"\*\*[0-9\u202f,]+ initiative", item.value)]


def test_default_view_lists_every_initiative_on_the_map(demo_env, demo_csv):
    app = run()
    total = count(demo_csv, "true")
    assert sentences(app) == [f"**{total} initiatives — Bretagne**"]
    assert app.segmented_control(key="initiatives.onglet").value == "carte"
    assert app.selectbox(key="initiatives.tri").value == "nom"
    assert "#### Carte des initiatives" in texts(app)
    assert ("Source : Annuaire des initiatives de l'observatoire (données de démonstration)"
            in texts(app))
    assert dict(app.query_params) == {}


def test_search_is_accent_insensitive_and_stays_in_the_url(demo_env, demo_csv):
    app = run({"q": "repair"})
    expected = count(demo_csv, "contains(strip_accents(lower(concat_ws(' ', i.nom, i.porteur, "
                               "i.description))), 'repair')")
    assert expected > 0
    assert app.text_input(key="initiatives.q").value == "repair"
    assert sentences(app) == [f"**{expected} initiatives — Bretagne, recherche « repair »**"]
    app.text_input(key="initiatives.q").input("xqzw").run()
    assert not app.exception
    assert "Aucune initiative ne correspond à ces critères" in texts(app)
    assert app.query_params["q"] == "xqzw"


def test_facets_from_the_url_filter_and_count(demo_env, demo_csv):
    app = run({"thematique": "reemploi_economie_circulaire", "femme": "oui"})
    expected = count(demo_csv, "i.thematique = 'reemploi_economie_circulaire' "
                               "and i.portee_par_une_femme = 'oui'")
    assert sentences(app) == [f"**{expected} initiatives — Bretagne, thématique Réemploi et "
                              "économie circulaire, portées par une femme**"]
    assert app.pills(key="initiatives.thematique").value == ["reemploi_economie_circulaire"]
    assert app.pills(key="initiatives.femme").value == "oui"
    # The thématique counts apply the other facets (femme) but not thématique itself.
    food = count(demo_csv, "i.thematique = 'alimentation' and i.portee_par_une_femme = 'oui'")
    thematique = app.pills(key="initiatives.thematique")
    assert thematique.format_func("alimentation") == f"Alimentation ({food})"
    app.pills(key="initiatives.femme").set_value(None).run()
    assert not app.exception
    everyone = count(demo_csv, "i.thematique = 'reemploi_economie_circulaire'")
    assert sentences(app) == [f"**{everyone} initiatives — Bretagne, thématique Réemploi et "
                              "économie circulaire**"]
    assert dict(app.query_params) == {"thematique": "reemploi_economie_circulaire"}


def test_departement_and_epci_facets_narrow_the_region_and_count(demo_env, demo_csv):
    app = run()
    departements = app.pills(key="initiatives.departement")
    in_29 = count(demo_csv, "t.departement = '29'")
    assert departements.format_func("29") == f"Finistère ({in_29})"
    # A région's 59 EPCIs: a searchable multiselect rather than a wall of pills.
    assert app.multiselect(key="initiatives.epci").options
    assert app.multiselect(key="initiatives.epci").placeholder == "Choisir…"
    departements.set_value(["29"]).run()
    assert not app.exception
    assert sentences(app) == [f"**{in_29} initiatives — Bretagne, département Finistère**"]
    assert app.query_params["departement"] == "29"
    # The EPCI facet now lists only Finistère's EPCIs, with their counts.
    brest = count(demo_csv, "t.epci = '242900314'")
    epcis = app.multiselect(key="initiatives.epci")
    assert f"Brest Métropole ({brest})" in epcis.options
    finistere = {row[0] for row in demo_csv.execute(
        "select nom from territoires where niveau = 'epci' and departement = '29'").fetchall()}
    assert {option.rsplit(" (", 1)[0] for option in epcis.options} <= finistere
    chosen = run({"departement": "29", "epci": "242900314"})
    assert sentences(chosen) == [f"**{brest} initiatives — Bretagne, département Finistère, "
                                 "EPCI Brest Métropole**"]
    # Inside a département, its own département facet would filter nothing: not shown.
    inside = run({"niveau": "departement", "territoire": "29"})
    assert [pills.key for pills in inside.get("button_group")
            if pills.key == "initiatives.departement"] == []
    invalid = run({"departement": "99", "epci": "35"})
    notices = [seen(item.value) for item in invalid.info]
    assert ("La valeur « 99 » du paramètre « departement » n'est pas valide : elle a été "
            "ignorée.") in notices
    assert ("La valeur « 35 » du paramètre « epci » n'est pas valide : elle a été ignorée."
            in notices)


def test_territory_facets_keep_their_widget_and_value_when_other_facets_change(demo_env,
                                                                               demo_csv):
    # a thematique Brest Métropole has initiatives of (a pill offered there)
    ((thematique,),) = demo_csv.execute(
        "select min(i.thematique) from initiatives as i join territoires as t "
        "on t.code = i.commune and t.niveau = 'commune' where t.epci = '242900314'").fetchall()
    app = run({"departement": "29", "epci": "242900314"})
    assert app.multiselect(key="initiatives.epci").value == ["242900314"]
    app.pills(key="initiatives.thematique").set_value([thematique]).run()
    assert not app.exception
    # Still a multiselect (the région's 61 EPCIs), still holding Brest Métropole.
    assert app.multiselect(key="initiatives.epci").value == ["242900314"]
    assert dict(app.query_params) == {"thematique": thematique, "departement": "29",
                                      "epci": "242900314"}


def test_a_territory_facet_value_outside_the_territory_is_dropped_with_a_notice(demo_env,
                                                                                demo_csv):
    app = run({"niveau": "departement", "territoire": "29", "epci": "243500139"})
    assert ("La valeur « 243500139 » du paramètre « epci » n'est pas valide : elle a été "
            "ignorée.") in [seen(item.value) for item in app.info]
    in_29 = count(demo_csv, "t.departement = '29'")
    assert sentences(app) == [f"**{in_29} initiatives — Finistère**"]
    assert "epci" not in app.query_params
    # Inside Côtes-d'Armor (8 EPCIs) the EPCI facet is pills; inside Finistère (21) a multiselect.
    assert run({"niveau": "departement", "territoire": "22"}).pills(key="initiatives.epci")
    assert app.multiselect(key="initiatives.epci").options


def test_table_of_a_departement_sorted_by_creation(demo_env, demo_csv):
    app = run({"niveau": "departement", "territoire": "29", "onglet": "tableau",
               "tri": "creation"})
    expected = count(demo_csv, "t.departement = '29'")
    assert sentences(app) == [f"**{expected} initiatives — Finistère**"]
    assert app.segmented_control(key="initiatives.onglet").value == "tableau"
    assert app.selectbox(key="initiatives.tri").value == "creation"
    table = app.dataframe[0].value
    newest = demo_csv.execute(
        "select max(i.annee_creation::int) from initiatives as i join territoires as t "
        "on t.code = i.commune and t.niveau = 'commune' where t.departement = '29'").fetchone()[0]
    assert len(table) == expected
    assert table["Année de création"].iloc[0] == str(newest)
    assert "#### Liste des initiatives" in texts(app)
    # the list's downloads, then the impact section's key figures'
    assert [button.label for button in app.get("download_button")] == [
        "CSV (Excel français)", "CSV standard", "Parquet"] * 2


def test_detail_card_of_an_initiative(demo_env):
    app = run({"initiative": "DEMO-0001"})
    assert app.selectbox(key="initiatives.initiative").value == "DEMO-0001"
    shown = texts(app)
    assert "### Repair Café de Rennes" in shown
    assert "**Commune** : Rennes" in shown
    assert "**Porteur** : Association Les Trois Maisons" in shown
    assert "(territoire?niveau=commune&territoire=35238)" in shown
    english = texts(run({"initiative": "DEMO-0001", "lang": "en", "fin": "2022"}))
    assert "(territoire?niveau=commune&territoire=35238&fin=2022&lang=en)" in english


def test_a_long_description_is_sent_whole_only_once_asked_for(writable_demo):
    from observatory import db

    with db.writing(writable_demo) as con:
        con.execute("update initiatives set description = repeat('Texte long. ', 50000) "
                    "where id = 'DEMO-0001'")
    app = run({"initiative": "DEMO-0001"})
    (box,) = [box for box in app.expander if "Lire le texte complet" in box.label]
    assert "600\u202f000 caractères" in box.label
    assert [text.value for text in app.text] == []  # folded: the whole text is not sent
    app.session_state["initiative.DEMO-0001.full_text"] = True
    app.run()
    assert [text.value.strip() for text in app.text] == [("Texte long. " * 50_000).strip()]


def test_english_interface(demo_env, demo_csv):
    app = run({"lang": "en", "thematique": "mobilite", "onglet": "tableau"})
    expected = count(demo_csv, "i.thematique = 'mobilite'")
    assert sentences(app) == [f"**{expected} initiatives — Bretagne, theme Mobility**"]
    assert "#### List of initiatives" in texts(app)


def test_invalid_parameters_are_dropped_with_a_notice(demo_env, demo_csv):
    app = run({"thematique": "xyz", "tri": "<script>", "ec": "peut-etre",
               "initiative": "NOPE"})
    notices = [seen(item.value) for item in app.info]
    for name, value in (("thematique", "xyz"), ("tri", "<script>"), ("ec", "peut-etre"),
                        ("initiative", "NOPE")):
        assert (f"La valeur « {value} » du paramètre « {name} » n'est pas valide : elle a été "
                "ignorée.") in notices
    assert sentences(app) == [f"**{count(demo_csv, 'true')} initiatives — Bretagne**"]
    assert app.pills(key="initiatives.thematique").value == []
    assert app.selectbox(key="initiatives.tri").value == "nom"
    assert dict(app.query_params) == {}


def test_routed_through_the_dashboard(demo_env, demo_csv):
    app = app_test().run()
    assert not app.exception
    app.switch_page(PAGE).run()
    assert not app.exception
    assert sentences(app) == [f"**{count(demo_csv, 'true')} initiatives — Bretagne**"]


def test_card_picker_lists_the_first_results_and_the_current_one(demo_env, demo_csv, monkeypatch):
    # 320 demo initiatives in the région; with a limit of 100 the picker holds the first 100
    # (by name) and says so, and a card asked for by the URL is still offered.
    from observatory.ui import directory_view

    monkeypatch.setattr(directory_view, "PICKER_LIMIT", 100)
    app = run()
    assert len(app.selectbox(key="initiatives.initiative").options) == 1 + 100
    assert ("Les 100 premières initiatives de la liste : précisez la recherche ou les filtres "
            "pour trouver les autres.") in [caption.value for caption in app.caption]
    last = demo_csv.execute("select id from initiatives order by strip_accents(lower(nom)) desc, "
                            "id desc limit 1").fetchone()[0]
    app = run({"initiative": last})
    assert app.selectbox(key="initiatives.initiative").value == last
    assert len(app.selectbox(key="initiatives.initiative").options) == 1 + 101


def test_ten_thousand_invalid_values_give_one_short_notice(demo_env):
    values = ",".join(f"t{number}" for number in range(10_000))
    app = run({"thematique": f"alimentation,{values}"})
    assert not app.exception
    notices = [seen(item.value) for item in app.info]
    assert notices == ["Les valeurs « t0 », « t1 », « t2 », « t3 », « t4 » … et 9\u202f995 autres "
                       "du paramètre « thematique » ne sont pas valides : elles ont été ignorées."]
    assert app.pills(key="initiatives.thematique").value == ["alimentation"]
