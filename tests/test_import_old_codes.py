"""Old commune codes in data files (DATA-CONTRACT.md §5), on Bretagne set up from the shipped COG.

Lamballe-Armor (22093) and Le Mené (22046) are communes nouvelles of the Côtes-d'Armor; partner
files may still use the codes of the communes merged into them (22142 Morieux, 22151 Planguenoual,
22066 Laurenan…): they are converted to the commune nouvelle, values added up.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from observatory import batches, db, importer, territory_reference
from tests.databases import built_once, copy_database
from tests.importing import fixture_bytes, import_text
from tests.test_cli_data import run
from tests.workbooks import xlsx_bytes

LAMBALLE, MENE = "22093", "22046"
MORIEUX, PLANGUENOUAL, LAURENAN = "22142", "22151", "22066"
HEADER = "indicateur;territoire;annee;valeur;statut;source\n"


def build_bretagne(path: Path) -> None:
    """The territories `init --region 53` loads (without outlines) and the test indicators."""
    with db.writing(path) as con:
        for dataset, data in (("territoires", territory_reference.region_file(con, "53")),
                              ("indicateurs", fixture_bytes("indicateurs.csv"))):
            report = importer.import_file(con, dataset, data, f"{dataset}.csv", "test")
            assert report.status == "applied", report.errors[:3]


@pytest.fixture(scope="session")
def bretagne_template(tmp_path_factory) -> Path:
    return built_once(tmp_path_factory, "bretagne-cog", build_bretagne)


@pytest.fixture
def bretagne_db(bretagne_template, tmp_db) -> Path:
    """OBSERVATORY_DB: a private published copy of Bretagne from the COG."""
    return copy_database(bretagne_template, tmp_db)


@pytest.fixture
def bretagne(bretagne_db):
    connection = duckdb.connect(str(bretagne_db))
    yield connection
    connection.close()


def test_the_codes_of_the_fixtures_are_old_codes_of_the_shipped_reference(bretagne):
    successors = territory_reference.old_commune_codes()
    assert {code: successors[code] for code in (MORIEUX, PLANGUENOUAL, LAURENAN)} == {
        MORIEUX: LAMBALLE, PLANGUENOUAL: LAMBALLE, LAURENAN: MENE}
    held = {row[0] for row in bretagne.execute("select code from territoires").fetchall()}
    assert {LAMBALLE, MENE} <= held and not {MORIEUX, PLANGUENOUAL, LAURENAN} & held


def stored(con, indicator: str, territory: str, year: int = 2022) -> tuple | None:
    rows = con.execute("select valeur, statut, source from observations where indicateur = ? "
                       "and territoire = ? and annee = ?", [indicator, territory, year]).fetchall()
    return rows[0] if rows else None


def test_counts_of_old_communes_are_added_to_their_commune_nouvelle_with_one_warning(bretagne):
    report = import_text(bretagne, "observations", HEADER
                         + f"population;{LAMBALLE};2022;10 000;definitif;INSEE\n"
                         + f"population;{MORIEUX};2022;500;provisoire;Mairie\n"
                         + f"population;{PLANGUENOUAL};2022;250;;INSEE\n"
                         + f"population;{LAURENAN};2022;300;;\n")
    assert (report.status, report.errors, report.rows_read, report.inserted) == ("applied", [], 4, 2)
    assert report.warnings == [
        "Colonne « territoire » : 3 codes de communes fusionnées depuis ont été rapportés à leur "
        f"commune nouvelle : {MORIEUX} → {LAMBALLE} (ligne 3), {PLANGUENOUAL} → {LAMBALLE} "
        f"(ligne 4), {LAURENAN} → {MENE} (ligne 5). Les valeurs qui tombent ainsi sur le même "
        "indicateur, la même commune et la même année sont additionnées (pour un taux : son "
        "numérateur et son dénominateur). Ici, 4 lignes du fichier font 2 valeurs."]
    # The least final status of the rows added, every source.
    assert stored(bretagne, "population", LAMBALLE) == (10_000 + 500 + 250, "provisoire",
                                                         "INSEE ; Mairie")
    assert stored(bretagne, "population", MENE) == (300, "definitif", None)
    assert bretagne.execute("select count(*) from observations where territoire in (?, ?, ?)",
                            [MORIEUX, PLANGUENOUAL, LAURENAN]).fetchone() == (0,)
    assert bretagne.execute("select warnings from batches where batch_id = ?",
                            [report.batch_id]).fetchone() == (report.warnings,)


def test_the_report_shows_the_commune_nouvelle_and_a_second_load_changes_nothing(bretagne):
    text = HEADER + f"population;{MORIEUX};2022;500;;\npopulation;{LAMBALLE};2022;10000;;\n"
    dry = import_text(bretagne, "observations", text, dry_run=True)
    assert (dry.status, dry.inserted, dry.unchanged) == ("validated", 1, 0)
    assert dry.changes == [{"action": "insert", "key": {
        "indicateur": "population", "territoire": LAMBALLE, "annee": 2022}}]
    added = dry.preview.added
    assert added[["ligne", "territoire", "valeur"]].values.tolist() == [[2, LAMBALLE, 10_500.0]]
    assert stored(bretagne, "population", LAMBALLE) is None  # a dry run writes nothing
    assert import_text(bretagne, "observations", text).inserted == 1
    again = import_text(bretagne, "observations", text)
    assert (again.status, again.inserted, again.updated, again.unchanged, again.batch_id) == (
        "applied", 0, 0, 1, None)


def test_rows_written_twice_with_the_same_old_code_are_still_a_duplicate(bretagne):
    report = import_text(bretagne, "observations", HEADER + f"population;{MORIEUX};2022;5;;\n"
                         f"population;{LAMBALLE};2022;7;;\npopulation;{MORIEUX};2022;5;;\n")
    assert report.status == "rejected"
    assert [(error.row, error.message) for error in report.errors] == [
        (4, "Ligne en double : même clé (indicateur, territoire, annee) que la ligne 2 ; gardez "
            "une seule de ces deux lignes.")]


def test_a_rate_is_rebuilt_from_its_added_numerator_and_denominator(bretagne):
    # part_dirigeantes = 100 × dirigeantes_n / dirigeants_n (tests/fixtures/import/indicateurs.csv)
    women = {LAMBALLE: 10, MORIEUX: 5, PLANGUENOUAL: 1}
    leaders = {LAMBALLE: 40, MORIEUX: 10, PLANGUENOUAL: 14}
    lines = [f"dirigeantes_n;{code};2022;{value};;" for code, value in women.items()]
    lines += [f"dirigeants_n;{code};2022;{value};;" for code, value in leaders.items()]
    lines += [f"part_dirigeantes;{code};2022;{100 * women[code] / leaders[code]};;"
              for code in women]
    report = import_text(bretagne, "observations", HEADER + "\n".join(lines) + "\n")
    assert (report.status, report.errors, report.inserted) == ("applied", [], 3)
    assert stored(bretagne, "dirigeantes_n", LAMBALLE)[0] == sum(women.values())
    assert stored(bretagne, "dirigeants_n", LAMBALLE)[0] == sum(leaders.values())
    assert stored(bretagne, "part_dirigeantes", LAMBALLE)[0] == pytest.approx(
        100 * sum(women.values()) / sum(leaders.values()))


def test_a_rate_without_its_numerator_and_denominator_in_the_file_is_refused(bretagne):
    report = import_text(bretagne, "observations", HEADER + f"part_dirigeantes;{LAMBALLE};2022;25;;\n"
                         f"part_dirigeantes;{MORIEUX};2022;50;;\n")
    assert report.status == "rejected"
    assert [(error.row, error.column, error.value) for error in report.errors] == [
        (2, "territoire", LAMBALLE), (3, "territoire", MORIEUX)]
    assert report.errors[1].message == (
        f"Ce taux tombe sur la commune nouvelle {LAMBALLE} avec celui d'une commune fusionnée "
        f"depuis : un taux ne s'additionne pas, celui de {LAMBALLE} est recalculé à partir de la "
        "somme de son numérateur « dirigeantes_n » et de son dénominateur « dirigeants_n ». "
        f"Ajoutez au fichier ces deux indicateurs pour le territoire « {MORIEUX} » et l'année de "
        "cette ligne, ou retirez la ligne.")


def test_a_value_that_does_not_add_up_is_refused_naming_the_row_and_codes(bretagne):
    before = bretagne.execute("select count(*) from batches").fetchone()
    report = import_text(bretagne, "observations", HEADER + f"population;{MORIEUX};2022;500;;\n"
                         f"solde_migratoire;{LAURENAN};2022;1,5;;\n")
    assert report.status == "rejected"
    assert [(error.row, error.column, error.value, error.message) for error in report.errors] == [
        (3, "territoire", LAURENAN,
         f"« {LAURENAN} » est le code d'une commune fusionnée depuis dans la commune nouvelle "
         f"{MENE} : l'indicateur de cette ligne ne s'additionne pas (agrégation « aucune »), sa "
         f"valeur ne vaut donc pas pour {MENE}. Retirez cette ligne, ou donnez la valeur de la "
         f"commune nouvelle {MENE}.")]
    assert bretagne.execute("select count(*) from batches").fetchone() == before
    assert stored(bretagne, "population", LAMBALLE) is None


def test_an_initiative_in_an_old_commune_moves_to_the_commune_nouvelle(bretagne):
    report = import_text(bretagne, "initiatives", "id;nom;commune;thematique\n"
                         f"INI-1;Épicerie de Morieux;{MORIEUX};alimentation\n"
                         f"INI-2;Atelier du Mené;{MENE};culture\n")
    assert (report.status, report.errors) == ("applied", [])
    assert report.warnings == [
        f"Colonne « commune » : 1 code de commune fusionnée depuis a été rapporté à sa commune "
        f"nouvelle : {MORIEUX} → {LAMBALLE} (ligne 2). Les initiatives concernées sont "
        "rattachées à la commune nouvelle."]
    assert bretagne.execute("select id, commune from initiatives order by id").fetchall() == [
        ("INI-1", LAMBALLE), ("INI-2", MENE)]


def test_a_territory_file_adding_an_old_commune_beside_its_commune_nouvelle_is_refused(bretagne):
    report = import_text(bretagne, "territoires", "code;niveau;nom;region;departement\n"
                         f"{MORIEUX};commune;Morieux;53;22\n")
    assert report.status == "rejected"
    assert report.errors[0].message == (
        f"La commune « {MORIEUX} » a fusionné depuis dans la commune nouvelle {LAMBALLE} "
        "(Lamballe-Armor), déjà dans le référentiel : l'ajouter compterait son territoire deux "
        "fois. Retirez cette ligne ; les fichiers de données qui utilisent encore ce code sont "
        "rapportés à la commune nouvelle.")


def test_a_base_on_an_older_geography_keeps_its_old_commune(con):
    # A territory file holding both is an older geography of its own: Lamballe before 2019.
    report = import_text(con, "territoires", "code;niveau;nom;region;departement\n"
                         "53;region;Bretagne;;\n22;departement;Côtes-d'Armor;53;\n"
                         f"{LAMBALLE};commune;Lamballe;53;22\n{MORIEUX};commune;Morieux;53;22\n")
    assert (report.status, report.errors) == ("applied", [])
    importer.import_file(con, "indicateurs", fixture_bytes("indicateurs.csv"), "i.csv", "test")
    report = import_text(con, "observations", HEADER + f"population;{MORIEUX};2022;500;;\n"
                         f"solde_migratoire;{MORIEUX};2022;1,5;;\n")
    assert (report.status, report.errors, report.warnings) == ("applied", [], [])
    assert stored(con, "population", MORIEUX)[0] == 500
    assert stored(con, "population", LAMBALLE) is None


def test_an_old_code_whose_leading_zero_was_eaten_is_repaired_then_converted(con):
    # 01003 (Amareins) merged into 01165 (Francheleins).
    assert territory_reference.old_commune_codes()["01003"] == "01165"
    import_text(con, "territoires", "code;niveau;nom;region;departement\n84;region;ARA;;\n"
                "01;departement;Ain;84;\n01165;commune;Francheleins;84;01\n")
    importer.import_file(con, "indicateurs", fixture_bytes("indicateurs.csv"), "i.csv", "test")
    report = import_text(con, "observations", HEADER + "population;1003;2022;200;;\n"
                         "population;1165;2022;1300;;\n")
    assert (report.status, report.errors) == ("applied", [])
    assert report.warnings == [
        "Colonne « territoire » : 2 codes complétés par le zéro initial qu'un tableur avait "
        "supprimé (par ex. ligne 2 : 1003 → 01003).",
        "Colonne « territoire » : 1 code de commune fusionnée depuis a été rapporté à sa commune "
        "nouvelle : 01003 → 01165 (ligne 2). Les valeurs qui tombent ainsi sur le même indicateur, "
        "la même commune et la même année sont additionnées (pour un taux : son numérateur et "
        "son dénominateur). Ici, 2 lignes du fichier font 1 valeur."]
    assert stored(con, "population", "01165")[0] == 200 + 1300


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_command_line_reports_the_conversion_in_json_and_exits_0(bretagne_db, capsys, tmp_path):
    # An INSEE-shaped wide workbook: the warning names the sheet, the file's column and its row
    # (not its cells).
    path = tmp_path / "insee.xlsx"
    path.write_bytes(xlsx_bytes({"Données": [["Populations légales"], ["CODGEO", "P21_POP", "P15_POP"],
                                             [LAMBALLE, 16_000, 15_500], [MORIEUX, 1_600, 1_550]]}))
    code, out, err = run(capsys, "import", "observations", str(path), "--map", "CODGEO=territoire",
                         "--wide", "P{aa}_POP=population", "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert (report["status"], report["rows_read"], report["inserted"]) == ("applied", 4, 2)
    assert report["warnings"] == [
        "Feuille « Données », colonne « CODGEO » : 1 code de commune fusionnée depuis a été "
        f"rapporté à sa commune nouvelle : {MORIEUX} → {LAMBALLE} (ligne 4). Les valeurs qui tombent "
        "ainsi sur le même indicateur, la même commune et la même année sont additionnées (pour "
        "un taux : son numérateur et son dénominateur). Ici, 4 lignes du fichier font 2 valeurs."]
    assert report["changes"] == [
        {"action": "insert", "key": {"indicateur": "population", "territoire": LAMBALLE, "annee": year}}
        for year in (2015, 2021)]
    cursor = db.SnapshotReader(bretagne_db).cursor()
    assert cursor.execute("select annee, valeur from observations order by annee").fetchall() == [
        (2015, 15_500 + 1_550), (2021, 16_000 + 1_600)]


def test_the_command_line_exits_1_on_a_value_that_does_not_add_up(bretagne_db, capsys, tmp_path):
    path = write(tmp_path, "solde.csv", HEADER + f"solde_migratoire;{LAURENAN};2022;1,5;;\n")
    code, out, _ = run(capsys, "import", "observations", path, "--format", "json")
    report = json.loads(out)
    assert (code, report["status"], report["batch_id"]) == (1, "rejected", None)
    assert report["errors"][0]["row"] == 2 and MENE in report["errors"][0]["message"]


def test_replace_compares_the_converted_keys_and_a_rollback_restores_them(bretagne):
    first = import_text(bretagne, "observations", HEADER + f"population;{LAMBALLE};2022;100;;\n"
                        f"population;{MENE};2022;50;;\n")
    report = importer.import_file(bretagne, "observations", (
        HEADER + f"population;{MORIEUX};2022;30;;\npopulation;{LAMBALLE};2022;100;;\n").encode(),
        "tout.csv", "test", replace=True)
    assert (report.status, report.inserted, report.updated, report.deleted) == ("applied", 0, 1, 1)
    assert {(change["action"], change["key"]["territoire"]) for change in report.changes} == {
        ("update", LAMBALLE), ("delete", MENE)}
    assert stored(bretagne, "population", LAMBALLE)[0] == 130
    batches.rollback_batch(bretagne, report.batch_id, "test")
    assert bretagne.execute("select territoire, valeur, batch_id from observations order by all"
                            ).fetchall() == [(MENE, 50, first.batch_id), (LAMBALLE, 100, first.batch_id)]
