"""Validation and application of the four datasets (DATA-CONTRACT.md §1–3), one test per rule."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from observatory import import_report, importer
from observatory.errors import ImportFileError, ObservatoryError
from tests.importing import (
    database_checksum,
    fail_statement,
    fixture_bytes,
    import_text,
    problems,
)

OBSERVATIONS_HEADER = "indicateur;territoire;annee;valeur;statut;source;note\n"
INITIATIVES_HEADER = "id;nom;commune;thematique;description;porteur\n"


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


# ── Reading real-world files ────────────────────────────────────────────────────────────


def test_windows_1252_semicolon_file_with_decimal_commas_and_nbsp_thousands(ref):
    report = importer.import_file(ref, "observations", fixture_bytes("observations_cp1252.csv"),
                                  "observations_cp1252.csv", "test")
    assert (report.status, report.rows_read, report.inserted, report.errors) == ("applied", 4, 4, [])
    assert report.warnings == [
        "Colonne « territoire » : 1 code complété par le zéro initial qu'un tableur avait "
        "supprimé (par ex. ligne 5 : 1004 → 01004)."]
    assert rows(ref, "select indicateur, territoire, niveau, annee, valeur, statut, source, note "
                     "from observations order by all") == [
        ("budget", "35238", "commune", 2022, 1234567.89, "provisoire", "Budget primitif (€)",
         "Cœur de métropole"),
        ("part_dirigeantes", "35", "departement", 2022, 12.5, "estime", "Œuvres sociales", None),
        ("population", "01004", "commune", 2022, 14350.0, "definitif", None, None),
        ("population", "35238", "commune", 2022, 222485.0, "definitif", "INSEE", None),
    ]


def test_utf8_bom_tab_file_with_headers_written_freely(ref):
    report = importer.import_file(ref, "initiatives", fixture_bytes("initiatives_bom_tab.csv"),
                                  "initiatives_bom_tab.csv", "test")
    assert (report.status, report.inserted, report.warnings, report.errors) == ("applied", 2, [], [])
    assert rows(ref, "select id, nom, commune, thematique, publics, economie_circulaire, "
                     "portee_par_une_femme, annee_creation, emplois_etp, site_web "
                     "from initiatives order by id") == [
        ("INI-1", "Recyclerie du Blosne", "35238", "reemploi_economie_circulaire",
         ["jeunes", "demandeurs_emploi"], True, False, 2019, 3.5, "https://example.org/recyclerie"),
        ("INI-2", "Épicerie solidaire", "35001", "alimentation", ["tous"], False, True, 2021,
         1200.0, None),
    ]


@pytest.mark.parametrize(("written", "value"), [
    ("12", 12.0), ("12,5", 12.5), ("12.5", 12.5), ("-3,25", -3.25), ("1 234,5", 1234.5),
    ("1\u00a0234\u00a0567", 1234567.0), ("1\u202f234,5", 1234.5), ("12,5 %", 12.5),
    ("12,5\u202f%", 12.5), ("1,5E+03", 1500.0), ("0,0", 0.0),
])
def test_numbers_written_the_french_or_english_way(ref, written, value):
    indicator = "part_dirigeantes" if "%" in written else "solde_migratoire"
    report = import_text(ref, "observations", OBSERVATIONS_HEADER + f"{indicator};35;2022;{written};;;\n")
    assert report.errors == []
    assert rows(ref, "select valeur from observations") == [(value,)]


@pytest.mark.parametrize("written", ["1.234,5", "12,5,3", "1 23", "NaN", "inf", "1e400", "1e", "douze", "--1"])
def test_numbers_that_do_not_parse_are_errors(ref, written):
    report = import_text(ref, "observations", OBSERVATIONS_HEADER + f"population;35;2022;{written};;;\n")
    assert report.errors == [importer.ImportProblem(
        2, "valeur", written,
        f"« {written} » n'est pas un nombre : écrivez par exemple 12,5 ou 1 234,5 (virgule ou point décimal).")]


def test_whole_numbers_beyond_32_bits_are_refused(ref):
    report = import_text(ref, "indicateurs", "code;libelle;theme;unite;secret_seuil\n"
                                             "x;X;contexte;nombre;3000000000\n")
    assert report.errors == [importer.ImportProblem(
        2, "secret_seuil", "3000000000",
        "3000000000 dépasse le maximum admis pour « secret_seuil » (2147483647) : corrigez la valeur.")]


@pytest.mark.parametrize(("written", "year"), [("2023", 2023), ("2023,0", 2023), (" 2023 ", 2023)])
def test_integers(ref, written, year):
    report = import_text(ref, "observations", OBSERVATIONS_HEADER + f"population;35;{written};1;;;\n")
    assert report.errors == []
    assert rows(ref, "select annee from observations") == [(year,)]


# ── Every kind of error at once ─────────────────────────────────────────────────────────


def test_an_observations_file_with_every_kind_of_error_changes_nothing(ref):
    before = database_checksum(ref)
    report = importer.import_file(ref, "observations", fixture_bytes("observations_errors.csv"),
                                  "observations_errors.csv", "test")
    assert (report.status, report.batch_id, report.rows_read) == ("rejected", None, 16)
    assert problems(report) == [
        (3, "indicateur", None),
        (4, "indicateur", "inconnu"),
        (5, "territoire", "99999"),
        (6, "territoire", "53"),
        (8, "annee", "20x2"),
        (9, "annee", "1989"),
        (10, "annee", "2999"),
        (11, "valeur", "12,5x"),
        (12, "valeur", "-5"),
        (13, "valeur", "101"),
        (14, "valeur", "12 %"),
        (15, "statut", "final"),
        (16, "indicateur, territoire, annee", "population | 35238 | commune | 2022"),
        (17, None, "en trop"),
    ]
    assert [error.message for error in report.errors if error.row in (6, 10, 14, 16, 17)] == [
        "Le code « 53 » désigne plusieurs territoires (niveaux departement, region) : ajoutez une "
        "colonne « niveau » (region, departement, epci ou commune) pour préciser lequel.",
        f"2999 dépasse le maximum admis pour « annee » ({dt.date.today().year + 1}) : corrigez la valeur.",
        "Le symbole % n'est admis que pour un indicateur en pourcentage (ici « nombre ») : "
        "retirez-le de « 12 % ».",
        "Ligne en double : même clé (indicateur, territoire, annee) que la ligne 2 ; gardez une "
        "seule de ces deux lignes.",
        "Cette ligne a plus de valeurs que l'en-tête n'a de colonnes (en trop : « en trop ») : "
        "vérifiez les séparateurs et les guillemets de la ligne.",
    ]
    assert report.warnings == [
        "Colonne inconnue ignorée : « commentaire ».",
        "Colonne « territoire » : 1 code complété par le zéro initial qu'un tableur avait "
        "supprimé (par ex. ligne 18 : 1004 → 01004).",
    ]
    assert database_checksum(ref) == before


def test_an_initiatives_file_with_every_kind_of_error_changes_nothing(ref):
    before = database_checksum(ref)
    report = importer.import_file(ref, "initiatives", fixture_bytes("initiatives_errors.csv"),
                                  "initiatives_errors.csv", "test")
    assert report.status == "rejected"
    assert problems(report) == [
        (3, "nom", None),
        (4, "commune", "99999"),
        (5, "thematique", "cuisine"),
        (6, "forme_juridique", "sarl"),
        (7, "publics", "jeunes|enfants"),
        (8, "economie_circulaire", "peut-être"),
        (10, "stade", "lancement"),
        (11, "annee_creation", "1850"),
        (12, "emplois_etp", "-1"),
        (13, "latitude", "91"),
        (14, "site_web", "ftp://atelier.example.org"),
        (15, "description", "jean.dupont@example.org"),
        (16, "porteur", "06 12 34 56 78"),
        (17, "id", "I1"),
    ]
    messages = {error.row: error.message for error in report.errors}
    assert messages[7] == (
        "Valeur inconnue dans « publics » : enfants. Séparez par | des valeurs parmi : jeunes, "
        "femmes, seniors, personnes_handicap, demandeurs_emploi, personnes_migrantes, familles, tous.")
    assert messages[15] == (
        "Donnée personnelle : « description » contient l'adresse électronique "
        "« jean.dupont@example.org ». L'annuaire décrit des structures, pas des personnes : "
        "retirez-la (indiquez plutôt le site web de la structure).")
    assert messages[17] == ("Ligne en double : même clé (id) que la ligne 2 ; gardez une seule "
                            "de ces deux lignes.")
    assert database_checksum(ref) == before


# ── Rules of each dataset ───────────────────────────────────────────────────────────────


def test_territories_code_format_parents_and_eaten_zeros(con):
    report = import_text(con, "territoires", (
        "code;niveau;nom;region;departement;epci\n"
        "84;region;Auvergne-Rhône-Alpes;;;\n"
        "1;departement;Ain;84;;\n"             # 1 → 01: a département code has 2 characters
        "1004;commune;Ambérieu-en-Bugey;84;1;\n"  # 1004 → 01004, parent 1 → 01 (in the file)
        "352380;commune;Trop long;84;01;\n"
        "35238;Commune;Rennes;53;35;243500139\n"
        "2A004;commune;Ajaccio;94;2A;\n"
        "243500139;EPCI;Rennes Métropole;53;35;\n"
    ))
    assert problems(report) == [
        (5, "code", "352380"),
        (6, "region", "53"), (6, "departement", "35"),
        (7, "region", "94"), (7, "departement", "2A"),
        (8, "region", "53"), (8, "departement", "35"),
    ]
    assert report.errors[0].message == (
        "Code « 352380 » invalide pour le niveau commune : un code commune INSEE a 5 caractères "
        "(par ex. 35238, 2A004).")
    assert report.errors[1].message == (
        "Code « 53 » introuvable : la région parente n'existe ni dans le fichier ni dans la base. "
        "Ajoutez-la au fichier ou corrigez le code.")
    assert report.warnings == [
        "Colonne « code » : 2 codes complétés par le zéro initial qu'un tableur avait supprimé "
        "(par ex. ligne 3 : 1 → 01).",
        "Colonne « departement » : 1 code complété par le zéro initial qu'un tableur avait "
        "supprimé (par ex. ligne 4 : 1 → 01).",
    ]


def test_territories_types_and_vocabulary(con):
    report = import_text(con, "territoires", (
        "code;niveau;nom;population;latitude;longitude\n"
        "53;region;Bretagne;3 400 000;48,18;-2,84\n"
        "22;département;;-1;48,4;-182\n"
        "29;canton;Finistère;915 090,5;48,2;-4,1\n"
    ))
    assert problems(report) == [
        (3, "nom", None), (3, "population", "-1"), (3, "longitude", "-182"),
        (4, "niveau", "canton"), (4, "population", "915 090,5"),
    ]
    assert report.errors[3].message == (
        "« canton » n'est pas une valeur admise pour « niveau » : choisissez parmi region, "
        "departement, epci, commune, arrondissement_municipal.")


def test_territories_file_stores_typed_values(con):
    report = importer.import_file(con, "territoires", fixture_bytes("territoires.csv"),
                                  "territoires.csv", "test")
    assert (report.status, report.inserted) == ("applied", 10)
    assert rows(con, "select * exclude (batch_id) from territoires where code in ('35238', '01004') "
                     "order by code") == [
        ("01004", "commune", "Ambérieu-en-Bugey", "84", "01", None, 14350, 45.96, 5.36, None),
        ("35238", "commune", "Rennes", "53", "35", "243500139", 222485, 48.11, -1.68, None),
    ]


def test_indicators_code_ratio_components_and_defaults(ref):
    report = import_text(ref, "indicateurs", (
        "code;libelle;theme;unite;agregation;numerateur;denominateur\n"
        "Taux-Réussite;Taux;jeunesse;pourcentage;;;\n"
        "taux_a;Taux A;jeunesse;pourcentage;ratio;;dirigeants_n\n"
        "taux_b;Taux B;jeunesse;pourcentage;Ratio;inconnu;dirigeants_n\n"
        "taux_c;Taux C;Jeunesse;Pourcentage;ratio;reussites_n;dirigeants_n\n"
        "reussites_n;Réussites;jeunesse;nombre;somme;;\n"
    ))
    assert problems(report) == [
        (2, "code", "Taux-Réussite"), (3, "numerateur", None), (4, "numerateur", "inconnu")]
    assert [error.message for error in report.errors] == [
        "Code d'indicateur « Taux-Réussite » invalide : n'utilisez que des minuscules sans accent, "
        "des chiffres et _ (par exemple « taux_reussite »).",
        "Un indicateur agrégé par ratio doit indiquer son numérateur : renseignez dans "
        "« numerateur » le code de l'indicateur correspondant.",
        "Indicateur « inconnu » introuvable ni dans le fichier ni dans le catalogue : ajoutez-le "
        "ou corrigez le code.",
    ]
    report = import_text(ref, "indicateurs", (
        "code;libelle;theme;unite;agregation;numerateur;denominateur\n"
        "taux_c;Taux C;Jeunesse;Pourcentage;ratio;reussites_n;dirigeants_n\n"
        "reussites_n;Réussites;jeunesse;nombre;;;\n"
    ))
    assert report.status == "applied"
    assert rows(ref, "select code, theme, unite, sens, agregation, numerateur, denominateur, "
                     "secret_seuil from indicateurs where code in ('taux_c', 'reussites_n') order by code") == [
        ("reussites_n", "jeunesse", "nombre", "neutre", "aucune", None, None, 0),
        ("taux_c", "jeunesse", "pourcentage", "neutre", "ratio", "reussites_n", "dirigeants_n", 0),
    ]


def test_indicators_vocabularies_and_threshold(ref):
    report = import_text(ref, "indicateurs", (
        "code;libelle;theme;unite;sens;agregation;secret_seuil\n"
        "a;A;sante;nombre;;;\n"
        "b;B;genre;kilos;hausse;moyenne;-5\n"
        "c;C;Économie circulaire;Pour mille;Baisse favorable;Somme;10\n"
    ))
    assert problems(report) == [
        (2, "theme", "sante"), (3, "unite", "kilos"), (3, "sens", "hausse"),
        (3, "agregation", "moyenne"), (3, "secret_seuil", "-5"),
    ]


def test_headline_ranks_a_la_une_are_whole_numbers_from_one(ref):
    rejected = import_text(ref, "indicateurs", (
        "code;libelle;theme;unite;a_la_une\n"
        "a;A;genre;nombre;0\n"
        "b;B;genre;nombre;premier\n"
    ))
    assert problems(rejected) == [(2, "a_la_une", "0"), (3, "a_la_une", "premier")]
    report = import_text(ref, "indicateurs", (
        "code;libelle;theme;unite;a_la_une\n"
        "a;A;genre;nombre;2\n"
        "b;B;genre;nombre;\n"
    ))
    assert report.status == "applied"
    assert rows(ref, "select code, a_la_une from indicateurs where code in ('a', 'b') "
                     "order by code") == [("a", 2), ("b", None)]


def test_initiative_creation_year_is_not_in_the_future(ref):
    next_year = dt.date.today().year + 1
    report = import_text(ref, "initiatives", "id;nom;commune;thematique;annee_creation\n"
                                             f"A;Atelier;35238;culture;{next_year - 1}\n"
                                             f"B;Atelier;35238;culture;{next_year}\n")
    assert problems(report) == [(3, "annee_creation", str(next_year))]


def test_ambiguous_territory_code_is_resolved_by_a_niveau_column(ref):
    report = import_text(ref, "observations", (
        "indicateur;territoire;niveau;annee;valeur\n"
        "population;53;Région;2022;3400000\n"
        "population;53;departement;2022;307000\n"
        "population;53;commune;2022;1\n"
        "population;53;canton;2022;1\n"
        "population;35238;;2022;222485\n"
    ))
    assert problems(report) == [(4, "territoire", "53"), (5, "niveau", "canton")]
    assert report.errors[0].message == (
        "Aucun territoire « 53 » de niveau « commune » dans le référentiel : corrigez le code ou "
        "la colonne « niveau ».")
    report = import_text(ref, "observations", (
        "indicateur;territoire;niveau;annee;valeur\n"
        "population;53;Région;2022;3400000\n"
        "population;53;departement;2022;307000\n"
        "population;35238;;2022;222485\n"
    ))
    assert report.status == "applied"
    assert rows(ref, "select territoire, niveau, valeur from observations order by all") == [
        ("35238", "commune", 222485.0), ("53", "departement", 307000.0), ("53", "region", 3400000.0)]


def test_leading_zero_is_restored_only_when_unambiguous(ref):
    report = import_text(ref, "observations", OBSERVATIONS_HEADER + (
        "population;1004;2022;14350;;;\n"    # 01004 exists, 1004 does not: repaired
        "population;1;2022;660000;;;\n"      # 01 exists (département), 1 does not: repaired
        "population;35;2022;1100000;;;\n"    # 35 exists: kept
        "population;5238;2022;1;;;\n"        # 05238 does not exist: kept, and unknown
    ))
    assert problems(report) == [(5, "territoire", "5238")]
    assert report.warnings == [
        "Colonne « territoire » : 2 codes complétés par le zéro initial qu'un tableur avait "
        "supprimé (par ex. ligne 2 : 1004 → 01004)."]


def test_initiative_commune_must_be_a_commune(ref):
    report = import_text(ref, "initiatives", INITIATIVES_HEADER + (
        "A;Atelier;35;culture;;\n"           # a département, not a commune
        "B;Atelier;1004;culture;;\n"         # repaired to 01004
    ))
    assert problems(report) == [(2, "commune", "35")]
    assert report.warnings == [
        "Colonne « commune » : 1 code complété par le zéro initial qu'un tableur avait supprimé "
        "(par ex. ligne 3 : 1004 → 01004)."]


@pytest.mark.parametrize(("written", "stored"), [
    ("oui", True), ("Non", False), ("TRUE", True), ("false", False), ("1", True), ("0", False),
    ("Vrai", True), ("", None),
])
def test_booleans(ref, written, stored):
    report = import_text(ref, "initiatives",
                         "id;nom;commune;thematique;economie_circulaire\n"
                         f"A;Atelier;35238;culture;{written}\n")
    assert report.errors == []
    assert rows(ref, "select economie_circulaire from initiatives") == [(stored,)]


def test_publics_list_is_split_on_vertical_bars(ref):
    report = import_text(ref, "initiatives", "id;nom;commune;thematique;publics\n"
                                             "A;Atelier;35238;culture; Jeunes | FEMMES ||Personnes handicap\n")
    assert report.errors == []
    assert rows(ref, "select publics from initiatives") == [(["jeunes", "femmes", "personnes_handicap"],)]


@pytest.mark.parametrize(("text", "found"), [
    ("Écrire à contact@atelier-velo.fr", "contact@atelier-velo.fr"),
    ("Tél. 02.99.12.34.56", "02.99.12.34.56"),
    ("Appeler le +33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("0612345678", "0612345678"),
])
def test_personal_contact_data_is_refused(ref, text, found):
    report = import_text(ref, "initiatives", INITIATIVES_HEADER + f"A;Atelier;35238;culture;{text};\n")
    assert problems(report) == [(2, "description", found)]


@pytest.mark.parametrize("text", [
    "SIRET 123 456 789 00012", "Créé en 2019-2024, 1 200 000 € de budget", "Ouvert de 9h à 18h",
])
def test_numbers_that_are_not_phone_numbers_are_accepted(ref, text):
    report = import_text(ref, "initiatives", INITIATIVES_HEADER + f"A;Atelier;35238;culture;{text};\n")
    assert report.errors == []


def test_percent_sign_is_refused_outside_percentages(ref):
    report = import_text(ref, "initiatives", "id;nom;commune;thematique;emplois_etp\n"
                                             "A;Atelier;35238;culture;12 %\n")
    assert report.errors == [importer.ImportProblem(
        2, "emplois_etp", "12 %",
        "Le symbole % n'est pas admis dans la colonne « emplois_etp » : retirez-le de « 12 % ».")]


def test_site_web_accepts_http_and_https_only(ref):
    report = import_text(ref, "initiatives", "id;nom;commune;thematique;site_web\n"
                                             "A;Atelier;35238;culture;https://a.example.org/x?y=1\n"
                                             "B;Atelier;35238;culture;HTTP://b.example.org\n"
                                             "C;Atelier;35238;culture;www.c.example.org\n"
                                             "D;Atelier;35238;culture;javascript:alert(1)\n")
    assert problems(report) == [(4, "site_web", "www.c.example.org"), (5, "site_web", "javascript:alert(1)")]


def test_duplicate_keys_name_both_rows(ref):
    report = import_text(ref, "initiatives", INITIATIVES_HEADER + (
        "A;Un;35238;culture;;\n"
        "B;Deux;35238;culture;;\n"
        "A;Trois;35238;culture;;\n"
        "A;Quatre;35238;culture;;\n"
    ))
    assert [(error.row, error.message) for error in report.errors] == [
        (4, "Ligne en double : même clé (id) que la ligne 2 ; gardez une seule de ces deux lignes."),
        (5, "Ligne en double : même clé (id) que la ligne 2 ; gardez une seule de ces deux lignes."),
    ]


def test_missing_required_column_rejects_the_file(ref):
    report = import_text(ref, "observations", "indicateur;annee;valeur\npopulation;2022;1\n")
    assert (report.status, problems(report)) == ("rejected", [(1, "territoire", None)])


def test_unknown_column_is_ignored_with_a_warning(ref):
    report = import_text(ref, "observations", "indicateur;territoire;annee;Remarque\npopulation;35;2022;x\n")
    assert (report.status, report.warnings) == ("applied", ["Colonne inconnue ignorée : « Remarque »."])


def test_unreadable_files_raise_a_french_error(ref):
    with pytest.raises(ImportFileError, match="^Le fichier est vide"):
        importer.import_file(ref, "observations", b"", "vide.csv", "test")
    with pytest.raises(ImportFileError, match="^Ce fichier contient des octets nuls"):
        importer.validate_file(ref, "observations", b"\x00\x01\x02", "binaire.csv")


def test_unknown_dataset_is_a_french_error(ref):
    with pytest.raises(ObservatoryError, match="^Jeu de données inconnu « communes »"):
        importer.validate_file(ref, "communes", b"code\n1\n", "x.csv")


def test_error_listing_is_capped_with_the_total(ref):
    text = OBSERVATIONS_HEADER + "".join(f"population;35;x{index};1;;;\n" for index in range(1500))
    report = import_text(ref, "observations", text)
    assert (len(report.errors), report.errors_total) == (1000, 1500)
    assert report.errors[-1].row == 1001
    assert report.warnings == ["Seules les 1\u202f000 premières erreurs sont listées, sur 1\u202f500 : "
                               "corrigez-les, puis validez de nouveau le fichier."]


# ── Validation writes nothing; the preview ──────────────────────────────────────────────


def test_validate_file_reports_and_previews_without_writing(ref):
    import_text(ref, "observations", OBSERVATIONS_HEADER + "population;35238;2021;220000;;INSEE;\n"
                                                          "population;35238;2022;222000;;INSEE;\n")
    before = database_checksum(ref)
    report = importer.validate_file(ref, "observations", (
        OBSERVATIONS_HEADER
        + "population;35238;2021;220000;;INSEE;\n"                 # unchanged
        + "population;35238;2022;222485;provisoire;INSEE;\n"       # two values change
        + "population;35001;2022;7000;;;\n"                        # new
    ).encode(), "maj.csv")
    assert database_checksum(ref) == before
    assert (report.status, report.batch_id, report.rows_read, report.inserted, report.updated,
            report.unchanged) == ("validated", None, 3, 1, 1, 1)
    pd.testing.assert_frame_equal(report.preview.added, pd.DataFrame({
        "ligne": pd.array([4], dtype="int32"), "indicateur": ["population"], "territoire": ["35001"],
        "niveau": ["commune"], "annee": pd.array([2022], dtype="int32"), "valeur": [7000.0],
        "statut": ["definitif"], "source": pd.Series([None], dtype=object),
        "note": pd.Series([None], dtype=object),
    }))
    pd.testing.assert_frame_equal(report.preview.changed, pd.DataFrame({
        "ligne": pd.array([3, 3], dtype="int32"), "indicateur": ["population"] * 2,
        "territoire": ["35238"] * 2, "niveau": ["commune"] * 2,
        "annee": pd.array([2022, 2022], dtype="int32"), "colonne": ["statut", "valeur"],
        "avant": ["definitif", "222000.0"], "apres": ["provisoire", "222485.0"],
    }))
    assert (report.preview.added_total, report.preview.changed_total, report.preview.unchanged) == (1, 1, 1)


def test_the_preview_lists_the_first_new_rows_wherever_they_lie_in_the_file(ref, monkeypatch):
    monkeypatch.setattr(importer, "PREVIEW_LIMIT", 2)
    stored = "".join(f"population;35238;{year};1;;;\n" for year in (2019, 2020, 2021))
    import_text(ref, "observations", OBSERVATIONS_HEADER + stored)

    def added(rows: str) -> list[tuple]:
        report = importer.validate_file(ref, "observations", (OBSERVATIONS_HEADER + rows).encode(), "f.csv")
        return [tuple(row) for row in report.preview.added[["ligne", "annee"]].values.tolist()]

    # New rows after the first two lines of the file: found further down.
    assert added(stored + "population;35238;2022;1;;;\npopulation;35238;2023;1;;;\n"
                 "population;35238;2024;1;;;\n") == [(5, 2022), (6, 2023)]
    assert added("population;35238;2023;1;;;\n" + stored + "population;35238;2022;1;;;\n") == [
        (2, 2023), (6, 2022)]
    # Among the first lines: the first ones.
    assert added("population;35238;2024;1;;;\npopulation;35238;2022;1;;;\n" + stored) == [
        (2, 2024), (3, 2022)]


def test_dry_run_import_writes_nothing(ref):
    before = database_checksum(ref)
    report = import_text(ref, "observations", OBSERVATIONS_HEADER + "population;35;2022;1;;;\n", dry_run=True)
    assert (report.status, report.inserted) == ("validated", 1)
    assert database_checksum(ref) == before


def test_report_json_has_exactly_the_contract_keys(ref):
    report = import_text(ref, "observations", OBSERVATIONS_HEADER + "population;35;2022;x;;;\n")
    assert report.to_json_dict() == {
        "dataset": "observations", "file": "observations.csv", "status": "rejected",
        "batch_id": None, "rows_read": 1, "inserted": 0, "updated": 0, "unchanged": 0,
        "deleted": 0, "warnings": [],
        "errors": [{"row": 2, "column": "valeur", "value": "x",
                    "message": "« x » n'est pas un nombre : écrivez par exemple 12,5 ou 1 234,5 "
                               "(virgule ou point décimal)."}],
        "changes": [],
    }


# ── Applying ────────────────────────────────────────────────────────────────────────────


def test_apply_inserts_updates_and_keeps_previous_versions(ref):
    first = import_text(ref, "observations", OBSERVATIONS_HEADER + "population;35238;2021;220000;;;\n"
                                                                  "population;35238;2022;222000;;;\n")
    second = import_text(ref, "observations", OBSERVATIONS_HEADER + "population;35238;2022;222485;;;\n"
                                                                   "population;35001;2022;7000;;;\n",
                         user="camille")
    assert (second.status, second.inserted, second.updated, second.unchanged) == ("applied", 1, 1, 0)
    assert second.batch_id == first.batch_id + 1
    assert rows(ref, "select territoire, annee, valeur, batch_id from observations order by all") == [
        ("35001", 2022, 7000.0, second.batch_id),
        ("35238", 2021, 220000.0, first.batch_id),
        ("35238", 2022, 222485.0, second.batch_id),
    ]
    assert rows(ref, "select history_batch_id, action, territoire, annee, valeur, batch_id "
                     "from observations_history order by all") == [
        (first.batch_id, "insert", "35238", 2021, None, None),
        (first.batch_id, "insert", "35238", 2022, None, None),
        (second.batch_id, "insert", "35001", 2022, None, None),
        (second.batch_id, "update", "35238", 2022, 222000.0, first.batch_id),
    ]
    assert rows(ref, f"select dataset, file_name, user_name, rows_read, inserted, updated, unchanged, "
                     f"warnings, length(sha256) from batches where batch_id = {second.batch_id}") == [
        ("observations", "observations.csv", "camille", 2, 1, 1, 0, [], 64)]


def test_same_file_twice_changes_nothing_the_second_time(ref):
    data = fixture_bytes("observations_cp1252.csv")
    first = importer.import_file(ref, "observations", data, "a.csv", "test")
    before = database_checksum(ref)
    again = importer.import_file(ref, "observations", data, "a.csv", "test")
    assert (again.status, again.inserted, again.updated, again.unchanged) == ("applied", 0, 0, 4)
    # Nothing changed: no batch clutters the history (the whole database is as it was), and
    # the report says so.
    assert database_checksum(ref) == before
    assert (first.batch_id is not None, again.batch_id, again.changes) == (True, None, [])
    assert again.to_json_dict()["batch_id"] is None
    assert "Ce fichier ne change rien à la base" in again.warnings[-1]
    assert "Aucun lot enregistré : le fichier ne change rien" in import_report.format_report(again)


def test_a_column_absent_from_the_file_is_emptied_on_updated_rows(ref):
    import_text(ref, "observations", OBSERVATIONS_HEADER + "population;35;2022;1;provisoire;INSEE;n\n")
    report = import_text(ref, "observations", "indicateur;territoire;annee;valeur\npopulation;35;2022;1\n")
    assert (report.inserted, report.updated) == (0, 1)
    assert rows(ref, "select statut, source, note from observations") == [("definitif", None, None)]


def test_a_failure_while_applying_rolls_the_whole_batch_back(ref, monkeypatch):
    """One transaction per file: rows already written by the batch disappear when a later
    statement of the same batch fails, and no batch is recorded."""
    import_text(ref, "observations", OBSERVATIONS_HEADER + "population;35238;2021;220000;;;\n")
    before = database_checksum(ref)
    fail_statement(monkeypatch, "import_replace_changed_observations",
                   "select error('panne simulée, lot ' || ?::varchar)")
    with pytest.raises(duckdb.Error, match="panne simulée"):
        import_text(ref, "observations", OBSERVATIONS_HEADER + "population;35238;2021;221000;;;\n"
                                                              "population;35001;2022;7000;;;\n")
    assert database_checksum(ref) == before
