"""Adversarial fixtures of issue 17: an attacker who solves the linear programme of everything
published (tests/engine_support.attacker_interval) cannot bound a primary-secret cell to an
interval narrower than its threshold."""

from __future__ import annotations

import pytest

from observatory import aggregation, db, importer
from tests.engine_support import attacker_interval

# Région 53: Côtes-d'Armor (22) and Finistère (29). CC Trégor (EPCI 1) straddles them.
TERRITORIES = """code;niveau;nom;region;departement;epci
53;region;Bretagne;;;
22;departement;Côtes-d'Armor;53;;
29;departement;Finistère;53;;
200000001;epci;CC Trégor;53;22;
200000002;epci;CC Argoat;53;22;
200000003;epci;CC Léon;53;29;
22001;commune;Alpha;53;22;200000001
22002;commune;Bravo;53;22;200000001
22003;commune;Charlie;53;22;200000002
22004;commune;Delta;53;22;200000002
29001;commune;Echo;53;29;200000001
29002;commune;Foxtrot;53;29;200000003
29003;commune;Golf;53;29;200000003
29004;commune;Hotel;53;29;200000003
"""
COMMUNES = ("22001", "22002", "22003", "22004", "29001", "29002", "29003", "29004")
CATALOGUE_HEADER = "code;libelle;theme;unite;agregation;numerateur;denominateur;secret_seuil\n"
COUNT = "effectif;Effectif;contexte;nombre;somme;;;5\n"


def load(catalogue: str, observations: str):
    """Return an in-memory database with the fixture's territories, figures published."""
    con = db.connect_memory()
    for dataset, text in (("territoires", TERRITORIES),
                          ("indicateurs", CATALOGUE_HEADER + catalogue),
                          ("observations", "indicateur;territoire;annee;valeur\n" + observations)):
        report = importer.import_file(con, dataset, text.encode(), f"{dataset}.csv", "test")
        assert report.status == "applied", report.errors
    aggregation.rebuild_published_values(con)
    return con


def counts(indicator: str, values: dict[str, float | None], year: int = 2023) -> str:
    return "".join(f"{indicator};{code};{year};{value}\n"
                   for code, value in values.items() if value is not None)


def width(con, indicator: str, territory: str, level: str = "commune", year: int = 2023):
    low, high = attacker_interval(con, indicator, territory, level, year)
    return high - low


def states(con, indicator: str, level: str) -> dict[str, str]:
    return dict(con.execute("select territoire, etat from published_values where indicateur = ? "
                            "and niveau = ? order by territoire", [indicator, level]).fetchall())


def test_commune_of_an_epci_straddling_two_departements_keeps_its_range():
    # Echo (29) is the only commune of CC Trégor in Finistère: Finistère's communes, CC Trégor's
    # and the Côtes-d'Armor's together must not pin Alpha's 2.
    con = load(COUNT, counts("effectif", dict(zip(COMMUNES, (2, 40, 30, 50, 60, 70, 80, 90),
                                                  strict=True))))
    assert width(con, "effectif", "22001") >= 5


def test_straddling_epci_whose_lone_other_commune_is_secret():
    con = load(COUNT, counts("effectif", dict(zip(COMMUNES, (40, 50, 30, 60, 3, 70, 80, 90),
                                                  strict=True))))
    assert width(con, "effectif", "29001") >= 5


def test_secrets_on_both_sides_of_a_straddling_epci_keep_their_range():
    # Alpha (22) 1 and Echo (29) 2, both of CC Trégor: each département hides a second
    # commune, but CC Trégor minus Bravo would still give Alpha + Echo = 3.
    con = load(COUNT, counts("effectif", dict(zip(COMMUNES, (1, 40, 10, 10, 2, 70, 80, 90),
                                                  strict=True))))
    assert width(con, "effectif", "22001") >= 5
    assert width(con, "effectif", "29001") >= 5


@pytest.mark.parametrize("small", [(1, 2), (0, 0), (0, 3)])
def test_two_hidden_communes_whose_sum_is_below_the_threshold_keep_their_range(small):
    values = dict(zip(COMMUNES, (*small, 30, 50, 60, 70, 80, 90), strict=True))
    con = load(COUNT, counts("effectif", values))
    assert states(con, "effectif", "commune")["22001"] == "secret"
    assert width(con, "effectif", "22001") >= 5
    assert width(con, "effectif", "22002") >= 5


def test_rate_whose_denominator_is_missing_where_its_numerator_is_present():
    catalogue = ("femmes;Femmes;genre;nombre;somme;;;5\n"
                 "dirigeants;Dirigeants;genre;nombre;somme;;;0\n"
                 "part;Part des femmes;genre;pourcentage;ratio;femmes;dirigeants;5\n")
    numerators = dict(zip(COMMUNES, (2, 30, 40, 50, 45, 55, 65, 75), strict=True))
    denominators = dict(zip(COMMUNES, (10, None, 100, 100, 90, 110, 130, 150), strict=True))
    con = load(catalogue, counts("femmes", numerators) + counts("dirigeants", denominators))
    assert width(con, "femmes", "22001") >= 5


def test_protected_rate_over_a_numerator_without_threshold():
    catalogue = ("femmes;Femmes;genre;nombre;somme;;;0\n"
                 "dirigeants;Dirigeants;genre;nombre;somme;;;0\n"
                 "part;Part des femmes;genre;pourcentage;ratio;femmes;dirigeants;5\n")
    numerators = dict(zip(COMMUNES, (2, 30, 40, 50, 45, 55, 65, 75), strict=True))
    denominators = dict(zip(COMMUNES, (10, 60, 100, 100, 90, 110, 130, 150), strict=True))
    con = load(catalogue, counts("femmes", numerators) + counts("dirigeants", denominators))
    assert states(con, "femmes", "commune")["22001"] == "secret"
    assert width(con, "femmes", "22001") >= 5


def test_small_denominator_does_not_cap_a_protected_numerator():
    # Alpha: 2 women among 3 leaders. Shown, the 3 would bound the hidden 2 to [0, 3].
    catalogue = ("femmes;Femmes;genre;nombre;somme;;;5\n"
                 "dirigeants;Dirigeants;genre;nombre;somme;;;0\n"
                 "part;Part des femmes;genre;pourcentage;ratio;femmes;dirigeants;5\n")
    numerators = dict(zip(COMMUNES, (2, 30, 40, 50, 45, 55, 65, 75), strict=True))
    denominators = dict(zip(COMMUNES, (3, 60, 100, 100, 90, 110, 130, 150), strict=True))
    con = load(catalogue, counts("femmes", numerators) + counts("dirigeants", denominators))
    assert width(con, "femmes", "22001") >= 5


def test_stored_departement_value_neither_exposes_nor_is_recomputed():
    values = dict(zip(COMMUNES, (2, 40, 30, 50, 60, 70, 80, 90), strict=True))
    con = load(COUNT, counts("effectif", values) + "effectif;22;2023;500\n")
    row = con.execute("select valeur, etat, calcule from published_values where indicateur = "
                      "'effectif' and territoire = '22' and niveau = 'departement'").fetchall()
    assert row == [(500.0, "publie", False)]
    assert width(con, "effectif", "22001") >= 5


def test_a_secret_in_one_departement_hides_nothing_in_the_other():
    # Charlie (22, CC Argoat) is secret; nothing about Finistère needs hiding.
    values = dict(zip(COMMUNES, (40, 50, 2, 60, 70, 80, 90, 100), strict=True))
    con = load(COUNT, counts("effectif", values))
    assert width(con, "effectif", "22003") >= 5
    hidden = [code for code, etat in states(con, "effectif", "commune").items()
              if etat == "secret"]
    assert all(code.startswith("22") for code in hidden), hidden
    assert states(con, "effectif", "departement") == {"22": "publie", "29": "publie"}


def test_catalogue_import_warns_when_a_rate_and_its_numerator_have_different_thresholds():
    con = db.connect_memory()
    catalogue = CATALOGUE_HEADER + ("femmes;Femmes;genre;nombre;somme;;;0\n"
                                    "dirigeants;Dirigeants;genre;nombre;somme;;;0\n"
                                    "part;Part des femmes;genre;pourcentage;ratio;femmes;"
                                    "dirigeants;5\n")
    report = importer.import_file(con, "indicateurs", catalogue.encode(), "cat.csv", "test")
    assert report.status == "applied"
    assert [warning for warning in report.warnings if "Seuils de secret" in warning] == [
        "Seuils de secret différents : le taux « part » a le seuil 5, son numérateur « femmes » "
        "le seuil 0. Là où le taux est secret, le numérateur l'est aussi (avec le seuil 5) ; "
        "donnez-leur le même seuil dans le catalogue pour que chacun affiche le secret attendu."]
    same = catalogue.replace("somme;;;0\ndirigeants", "somme;;;5\ndirigeants")
    report = importer.import_file(con, "indicateurs", same.encode(), "cat2.csv", "test")
    assert not [warning for warning in report.warnings if "Seuils de secret" in warning]


def test_observations_import_warns_when_a_stored_total_differs_from_its_communes():
    values = dict(zip(COMMUNES, (2, 40, 30, 50, 60, 70, 80, 90), strict=True))
    con = load(COUNT, counts("effectif", values))
    parents = ("indicateur;territoire;annee;valeur\neffectif;22;2023;500\n"
               "effectif;29;2023;300,5\neffectif;53;2023;422\n")
    report = importer.import_file(con, "observations", parents.encode(), "totaux.csv", "test")
    gaps = [warning for warning in report.warnings if "la somme de ses communes" in warning]
    # Côtes-d'Armor: 500 against 122; Finistère 300.5 against 300 (0.17 %) and the région's
    # 422 against 422 pass.
    assert gaps == [
        "Ligne 2 : « effectif » 2023 pour Côtes-d'Armor (22, departement) vaut 500, la somme "
        "de ses communes 122 (309,8 %). La valeur fournie est publiée telle quelle et marquée "
        "« valeur de la source » ; vérifiez-la si l'écart n'est pas voulu."]
