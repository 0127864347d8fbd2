"""Impact of a directory selection (observatory/impact.py), checked against hand counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from observatory import db, impact
from observatory.directory import DirectoryQuery
from tests.importing import import_text

Y = dt.date.today().year

TERRITOIRES = """code;niveau;nom;region;departement;epci
53;region;Bretagne;;;
35;departement;Ille-et-Vilaine;53;;
35238;commune;Rennes;53;35;
35001;commune;Acigné;53;35;
"""

# Active: a, b, d, e. Jobs filled by a and b only (c stopped: its jobs do not count).
INITIATIVES = f"""id;nom;commune;thematique;stade;annee_creation;annee_fin;emplois_etp;benevoles;beneficiaires
a;A;35238;alimentation;consolidation;{Y - 6};;2,5;10;100
b;B;35238;alimentation;emergence;{Y - 1};;1;;
c;C;35001;mobilite;experimentation;{Y - 6};{Y - 4};4;3;
d;D;35001;alimentation;;{Y - 6};;;5;
e;E;35001;culture;consolidation;;;;;
"""


@pytest.fixture(scope="module")
def con():
    connection = db.connect_memory()
    assert import_text(connection, "territoires", TERRITOIRES).status == "applied"
    report = import_text(connection, "initiatives", INITIATIVES)
    assert report.status == "applied", report.errors
    return connection


def test_totals_count_active_initiatives_and_say_who_reported(con):
    summary = impact.totals(con, DirectoryQuery())
    assert (summary["initiatives_n"], summary["active_n"], summary["stopped_n"]) == (5, 4, 1)
    jobs, volunteers, beneficiaries = summary["fields"]
    assert (jobs.value, jobs.reported_n, jobs.partial) == (3.5, 2, False)
    assert (volunteers.value, volunteers.reported_n) == (15, 2)
    assert (beneficiaries.value, beneficiaries.reported_n, beneficiaries.partial) == (100, 1, True)
    sentence = impact.totals_sentence(summary)
    assert sentence.startswith("5 initiatives recensées par l'observatoire, dont 4 en activité "
                               "et 1 arrêtées.")
    assert "Emplois (ETP) : 3,5 (renseigné par 2 des 4 initiatives en activité)." in sentence
    assert ("Bénéficiaires : 100 (renseigné par 1 des 4 initiatives en activité — moins de la "
            "moitié : ce total sous-estime la réalité).") in sentence
    table = impact.totals_table(summary)
    assert table["Valeur"].tolist() == [5, 4, 1, 3.5, 15, 100]
    # As read: French numbers, and an empty cell where a count of reporters has no meaning.
    shown = impact.display_table(table)
    assert shown["Valeur"].tolist() == ["5", "4", "1", "3,5", "15", "100"]
    assert shown["Initiatives ayant renseigné"].tolist() == ["", "", "", "2", "2", "1"]


def test_totals_follow_the_facets_and_territory(con):
    rennes = impact.totals(con, DirectoryQuery(territory="35238", level="commune"))
    assert (rennes["initiatives_n"], rennes["fields"][0].value) == (2, 3.5)
    stopped = impact.totals(con, DirectoryQuery(activite="arretee"))
    assert (stopped["initiatives_n"], stopped["active_n"], stopped["fields"][0].value) == (1, 0, None)


def test_breakdowns_by_thematique_and_stage(con):
    themes = impact.groups(con, DirectoryQuery(), "thematique")
    assert themes.iloc[:, 0].tolist() == ["Alimentation", "Culture", "Mobilité"]
    assert themes["Initiatives"].tolist() == [3, 1, 1]
    assert themes["En activité"].tolist() == [3, 1, 0]
    assert themes["Emplois (ETP) des initiatives en activité"].fillna(0).tolist() == [3.5, 0, 0]
    assert impact.groups_sentence(themes) == "Alimentation en tête : 3 initiatives sur 5 (60,0\u202f%)."
    stages = impact.groups(con, DirectoryQuery(), "stade")
    assert dict(zip(stages.iloc[:, 0], stages["Initiatives"], strict=True)) == {
        "Consolidation": 2, "Émergence": 1, "Expérimentation": 1, "non renseigné": 1}


def test_creations_per_year(con):
    table = impact.creations(con, DirectoryQuery())
    assert table.values.tolist() == [[Y - 6, 3, 2, 1], [Y - 1, 1, 1, 0]]
    # A year is written without a thousands separator.
    assert impact.display_table(table).values.tolist()[0] == [str(Y - 6), "3", "2", "1"]
    assert impact.creations_sentence(table) == (
        f"4 initiatives créées de {Y - 6} à {Y - 1} ; l'année la plus active : {Y - 6} (3).")


def test_survival_by_thematique_on_known_closures(con):
    table = impact.survival(con, DirectoryQuery())
    rows = {name: row for name, *row in table.itertuples(index=False)}
    # cohort Y − 6: a, d (alimentation) last; c (mobilité) stopped after 2 years; b too young
    assert rows["Alimentation"] == [100.0, 2, 100.0, 2]
    assert rows["Mobilité"] == [0.0, 1, 0.0, 1]
    assert rows["Toutes thématiques"] == pytest.approx([200 / 3, 3, 200 / 3, 3])
    shown = impact.display_table(table).set_index("Thématique")
    assert shown.loc["Toutes thématiques"].tolist() == ["66,7", "3", "66,7", "3"]
    assert "Culture" not in rows  # no creation year: in no cohort
    assert impact.survival_sentence(table) == (
        "66,7\u202f% des initiatives créées il y a 3 ans ou plus étaient toujours en activité 3 ans "
        "après leur création (3 initiatives). À 5 ans : 66,7\u202f% (3 initiatives).")


def test_survival_without_old_enough_initiatives_says_so(con):
    table = impact.survival(con, DirectoryQuery(stade=("emergence",)))
    assert pd.isna(table.iloc[-1, 1])
    assert impact.survival_sentence(table) == (
        "Aucune initiative n'a encore 3 ans : pas de taux de pérennité.")
