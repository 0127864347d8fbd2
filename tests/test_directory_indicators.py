"""Indicators computed from the directory (issue #19), checked against figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from observatory import aggregation, db, engine, importer
from tests.importing import import_text, problems

Y = dt.date.today().year

TERRITOIRES = """code;niveau;nom;region;departement;epci;population
53;region;Bretagne;;;;3000
35;departement;Ille-et-Vilaine;53;;;2000
56;departement;Morbihan;53;;;1000
200000001;epci;CC Est;53;35;;1500
200000002;epci;CC À cheval;53;35;;900
200000003;epci;CC Ouest;53;56;;600
35001;commune;Alpha;53;35;200000001;1000
35002;commune;Bravo;53;35;200000001;500
35003;commune;Charlie;53;35;200000002;500
56001;commune;Delta;53;56;200000002;400
56002;commune;Echo;53;56;200000003;300
56003;commune;Foxtrot;53;56;200000003;300
"""

# i2 stops after 2 years and i6 after exactly 3: neither is « still active 3 years later ».
INITIATIVES = f"""id;nom;commune;thematique;portee_par_une_femme;economie_circulaire;annee_creation;annee_fin;emplois_etp;benevoles;beneficiaires
i1;Un;35001;alimentation;oui;non;{Y - 10};;2;10;
i2;Deux;35001;alimentation;non;oui;{Y - 10};{Y - 8};5;;
i3;Trois;35003;mobilite;oui;oui;{Y - 6};{Y - 2};;;
i4;Quatre;56001;culture;;;;;1,5;;
i5;Cinq;56002;culture;;;{Y - 1};;;4;
i6;Six;56002;logement;non;non;{Y - 10};{Y - 7};;;
"""


def build(initiatives: str | None = INITIATIVES):
    con = db.connect_memory()
    assert import_text(con, "territoires", TERRITOIRES).status == "applied"
    if initiatives is not None:
        report = import_text(con, "initiatives", initiatives)
        assert report.status == "applied", report.errors
    aggregation.rebuild_published_values(con)
    return con


@pytest.fixture(scope="module")
def directory():
    return build()


def value(con, indicator: str, territory: str, level: str, year: int):
    rows = engine.indicator_values(con, indicator, level, year, territory)
    assert len(rows) <= 1
    shown = rows[rows["etat"] == "publie"]
    return None if shown.empty else shown["valeur"].iloc[0]


@pytest.mark.parametrize(("indicator", "territory", "level", "year", "expected"), [
    # active: i1, i4 (no creation year: this year only), i5
    ("initiatives_actives", "53", "region", Y, 3),
    ("initiatives_actives", "35", "departement", Y, 1),
    ("initiatives_actives", "56", "departement", Y, 2),
    ("initiatives_actives", "200000002", "epci", Y, 1),
    ("initiatives_actives", "35002", "commune", Y, 0),
    # i1, i2 (ends in Y − 8, included) and i6
    ("initiatives_actives", "53", "region", Y - 9, 3),
    ("initiatives_actives", "35001", "commune", Y - 9, 2),
    ("initiatives_actives", "53", "region", Y - 4, 2),
    ("initiatives_creees", "53", "region", Y - 10, 3),
    ("initiatives_creees", "53", "region", Y - 6, 1),
    ("initiatives_creees", "53", "region", Y - 5, 0),
    ("initiatives_pour_10000_hab", "53", "region", Y, 10),
    ("initiatives_pour_10000_hab", "56", "departement", Y, 20),
    ("initiatives_pour_10000_hab", "35001", "commune", Y - 9, 20),
    # sums over the active initiatives that filled the field, this year only
    ("initiatives_emplois_etp", "53", "region", Y, 3.5),
    ("initiatives_emplois_etp", "56", "departement", Y, 1.5),
    ("initiatives_benevoles", "53", "region", Y, 14),
    ("part_initiatives_femmes", "53", "region", Y, 100 / 3),
    ("part_initiatives_economie_circulaire", "53", "region", Y, 0),
    ("part_initiatives_economie_circulaire", "53", "region", Y - 9, 100 / 3),
    # cohort Y − 10: i1 only lasts; cohort Y − 6: i3 lasts 3 years, not 5
    ("survie_3_ans", "53", "region", Y - 10, 100 / 3),
    ("survie_5_ans", "53", "region", Y - 10, 100 / 3),
    ("survie_3_ans", "35", "departement", Y - 10, 50),
    ("survie_3_ans", "53", "region", Y - 6, 100),
    ("survie_5_ans", "53", "region", Y - 6, 0),
])
def test_each_directory_indicator_matches_the_hand_computed_figure(
        directory, indicator, territory, level, year, expected):
    assert value(directory, indicator, territory, level, year) == pytest.approx(expected)


@pytest.mark.parametrize(("indicator", "territory", "level", "year"), [
    ("initiatives_emplois_etp", "53", "region", Y - 1),   # current figures only
    ("initiatives_beneficiaires", "53", "region", Y),      # nobody filled the field
    ("survie_3_ans", "53", "region", Y - 1),               # cohort not 3 years old
    ("survie_5_ans", "53", "region", Y - 4),               # cohort not 5 years old
    ("survie_3_ans", "53", "region", Y - 5),               # nothing created that year
    ("part_initiatives_femmes", "35002", "commune", Y),    # no active initiative
])
def test_figures_without_a_basis_are_not_published(directory, indicator, territory, level, year):
    assert value(directory, indicator, territory, level, year) is None


def test_directory_figures_carry_their_source_and_span(directory):
    rows = engine.indicator_values(directory, "initiatives_actives", "region")
    first, current = aggregation.directory_years().values()
    assert sorted(rows["annee"]) == list(range(first, current + 1))
    assert set(rows["source"]) == {"annuaire de l'observatoire"}
    catalogue = engine.catalogue(directory).set_index("code")
    assert catalogue.loc["survie_3_ans", "theme"] == "innovation_sociale"
    # the youngest cohort old enough that created anything
    assert catalogue.loc["survie_3_ans", "derniere_annee"] == Y - 6


def test_an_empty_directory_lists_and_publishes_no_directory_indicator():
    con = build(initiatives=None)
    assert not set(engine.catalogue(con)["code"]) & {"initiatives_actives", "survie_3_ans"}
    assert con.execute("select count(*) from published_values").fetchall()[0][0] == 0


def test_an_end_year_before_creation_or_in_the_future_is_refused():
    con = build(initiatives=None)
    report = import_text(con, "initiatives", (
        "id;nom;commune;thematique;annee_creation;annee_fin\n"
        f"a;A;35001;culture;2020;2019\nb;B;35001;culture;2020;{Y + 1}\nc;C;35001;culture;;2021\n"))
    assert report.status == "rejected"
    assert problems(report) == [(2, "annee_fin", "2019"), (3, "annee_fin", str(Y + 1))]
    assert "antérieure à l'année de création (2020)" in report.errors[0].message


def test_imports_can_neither_define_nor_feed_nor_delete_a_directory_indicator(directory):
    con = build()
    defined = import_text(con, "indicateurs", (
        "code;libelle;theme;unite\ninitiatives_actives;Mes initiatives;innovation_sociale;nombre\n"))
    assert defined.status == "rejected"
    assert "calculé depuis l'annuaire" in defined.errors[0].message
    fed = import_text(con, "observations", f"indicateur;territoire;annee;valeur\n"
                                           f"survie_3_ans;53;{Y - 5};80\n")
    assert fed.status == "rejected"
    assert problems(fed) == [(2, "indicateur", "survie_3_ans")]
    replaced = importer.import_file(con, "indicateurs", (
        b"code;libelle;theme;unite\nautre;Autre;contexte;nombre\n"), "cat.csv", "test",
        replace=True)
    assert replaced.status == "applied", replaced.errors
    assert replaced.deleted == 0
    assert value(con, "initiatives_actives", "53", "region", Y) == 3
