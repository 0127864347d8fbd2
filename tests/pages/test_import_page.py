"""The Import page under AppTest: staff only, report, preview, apply, history, rollback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest

from observatory import db, updates
from tests.conftest import PROJECT_ROOT, seen
from tests.importing import Killed, database_checksum, killed
from tests.pages.conftest import page_test, texts

PASSWORD = "mot de passe de test"
VALID = (b"indicateur;territoire;annee;valeur\n"
         b"population;29;2015;900 000\n"
         b"population;22047;2024;1 234\n")
INVALID = (b"indicateur;territoire;annee;valeur\n"
           b"population;29;2023;12,5x\n"
           b"inconnu;99999;2023;1\n")


def signed_in(params=None):
    app = page_test("pages/import.py", params).run()
    app.text_input(key="staff.name").set_value("Camille")
    app.text_input(key="staff.password").set_value(PASSWORD)
    app.form_submit_button[0].click().run()
    assert not app.exception
    return app


def published_checksum(path):
    con = duckdb.connect(str(db.current_snapshot(path)), read_only=True)
    try:
        return database_checksum(con)
    finally:
        con.close()


def test_without_credentials_nothing_can_be_uploaded(demo_env):
    app = page_test("pages/import.py").run()
    assert not app.exception
    assert not app.get("file_uploader")
    assert "aucun accès n'est configuré" in texts(app)


def test_a_wrong_password_keeps_the_page_closed(demo_env, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = page_test("pages/import.py").run()
    app.text_input(key="staff.name").set_value("Camille")
    app.text_input(key="staff.password").set_value("faux")
    app.form_submit_button[0].click().run()
    assert [error.value for error in app.error] == ["Mot de passe incorrect."]
    assert not app.get("file_uploader")


def test_a_valid_file_shows_its_preview_then_applies(writable_demo, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in()
    app.selectbox(key="import.dataset").select("observations").run()
    app.file_uploader(key="import.file").upload("maj.csv", VALID).run()
    assert not app.exception
    assert [metric.value for metric in app.metric] == ["2", "1", "1", "0"]
    changed = app.dataframe[1].value
    assert changed[["territoire", "colonne", "avant", "apres"]].values.tolist() == [
        ["22047", "statut", "provisoire", "definitif"], ["22047", "valeur", "908.0", "1234.0"]]
    added = app.dataframe[0].value
    assert added[["ligne", "indicateur", "annee", "valeur"]].values.tolist() == [
        [2, "population", 2015, 900000.0]]
    apply = next(button for button in app.button if button.key.startswith("import.apply."))
    apply.click().run()
    assert not app.exception
    assert "appliqué (« maj.csv ») : 1 ligne(s) ajoutée(s), 1 modifiée(s)" in texts(app)
    assert _stored_value(writable_demo, "population", "22047", 2024) == "1234.0"


def _stored_value(path, indicator, territory, year) -> str | None:
    con = duckdb.connect(str(db.current_snapshot(path)), read_only=True)
    try:
        rows = con.execute("select valeur::varchar from observations where indicateur = ? and "
                           "territoire = ? and annee = ?", [indicator, territory, year]).fetchall()
    finally:
        con.close()
    return rows[0][0] if rows else None


def test_an_invalid_file_shows_every_error_and_applies_nothing(writable_demo, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    before = published_checksum(writable_demo)
    app = signed_in()
    app.selectbox(key="import.dataset").select("observations").run()
    app.file_uploader(key="import.file").upload("faux.csv", INVALID).run()
    assert not app.exception
    errors = app.dataframe[0].value
    assert errors[["Ligne", "Colonne", "Valeur"]].values.tolist() == [
        [2, "valeur", "12,5x"], [3, "indicateur", "inconnu"], [3, "territoire", "99999"]]
    assert not [button for button in app.button if button.key.startswith("import.apply.")]
    assert "Fichier refusé" in texts(app)
    assert published_checksum(writable_demo) == before


def test_a_binary_file_is_refused_in_french(demo_env, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in()
    app.file_uploader(key="import.file").upload("classeur.xlsx", b"PK\x03\x04binary").run()
    assert not app.exception
    message = app.dataframe[0].value["Message"].tolist()[0]
    assert message.startswith("Ce fichier ressemble à un classeur ou à une archive ZIP, mais il "
                              "n'a pas pu être lu")


@pytest.mark.parametrize("params", [{"onglet": "historique"}, {"onglet": "xyz"}])
def test_history_lists_the_demo_batches_and_rolls_back_with_confirmation(
        writable_demo, monkeypatch, params):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in(params)
    if params["onglet"] == "xyz":
        assert "« xyz » du paramètre « onglet » n'est pas valide" in texts(app)
        return
    history = app.dataframe[0].value
    assert history["Jeu de données"].tolist() == [
        "initiatives", "observations", "indicateurs", "territoires"]
    assert app.button(key="import.rollback.go").disabled
    app.checkbox(key="import.rollback.confirm").check().run()
    app.button(key="import.rollback.go").click().run()
    assert not app.exception
    assert "Lot n° 4 annulé" in texts(app)
    con = duckdb.connect(str(db.current_snapshot(writable_demo)), read_only=True)
    try:
        assert con.execute("select count(*) from initiatives").fetchall() == [(0,)]
    finally:
        con.close()


def test_a_rollback_killed_after_its_commit_is_shown_rolled_back_and_offered_no_more(
        writable_demo, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    with monkeypatch.context() as patch:
        patch.setattr(db, "publish_snapshot", killed)
        with pytest.raises(Killed):
            updates.rollback(4, "Dominique")
    app = signed_in({"onglet": "historique"})
    assert not app.exception
    states = app.dataframe[0].value["État"].tolist()
    assert states[0].startswith("annulé le ") and states[0].endswith(" par Dominique")
    assert states[1:] == ["appliqué"] * 3
    assert "4" not in app.selectbox(key="import.rollback.batch").options
    assert not db.publication_pending(writable_demo)


def test_with_an_identity_provider_the_page_asks_to_sign_in_first(demo_env, monkeypatch):
    from observatory import staff

    monkeypatch.setattr(staff, "oidc_configured", lambda: True)
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)  # OIDC wins over a password
    # Signed out; and a user without `is_logged_in` (Streamlit saw no [auth] section).
    for user in ({"is_logged_in": False}, {"email": "test@example.com"}):
        app = page_test("pages/import.py")
        app.user = user
        app.run()
        assert not app.exception
        assert [button.key for button in app.button] == ["staff.login"]
        assert not app.get("file_uploader")
        assert not app.text_input  # no password form when OIDC is configured
        assert "Connectez-vous avec votre compte de l'observatoire" in texts(app)

    monkeypatch.setenv("OBSERVATORY_STAFF_EMAILS", "@observatoire.example")
    app = page_test("pages/import.py")
    app.user = {"is_logged_in": True, "email": "camille@observatoire.example", "name": "Camille"}
    app.run()
    assert not app.exception
    assert app.get("file_uploader")
    assert "Connecté·e : camille@observatoire.example" in texts(app)


def test_a_file_over_the_size_limit_is_refused_and_applies_nothing(writable_demo, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    monkeypatch.setenv("OBSERVATORY_UPLOAD_MAX_MB", "1")
    before = published_checksum(writable_demo)
    app = signed_in()
    uploader = app.file_uploader(key="import.file")
    assert uploader.proto.max_upload_size_mb == 1
    big = VALID + b"population;29;2016;1\n" * 60_000
    uploader.upload("gros.csv", big).run()
    assert not app.exception
    message = app.dataframe[0].value["Message"].tolist()[0]
    assert message.startswith("Le fichier pèse 1,3 Mo, au-delà de la limite de 1 Mo")
    assert not [button for button in app.button if button.key.startswith("import.apply.")]
    assert published_checksum(writable_demo) == before


@pytest.mark.slow
def test_a_dashboard_session_keeps_working_while_the_command_line_imports(writable_demo, tmp_path):
    """The dashboard (its snapshot reader and caches) reads on while `python -m observatory import`
    runs in another process: the import succeeds, every rerun succeeds and shows the old or the
    new state, never a half-applied batch."""
    file = tmp_path / "observations_anciennes.csv"
    with duckdb.connect() as con:
        # Each demo observation again 9 and 18 years earlier: all new rows.
        con.execute(f"""
            copy (
                select indicateur, territoire, annee::integer - 9 * shift as annee, valeur, statut
                from read_csv('{PROJECT_ROOT / "data" / "demo" / "observations.csv.gz"}', delim = ';',
                              header = true, all_varchar = true), range(1, 3) as shifts(shift)
            ) to '{file}' (delimiter ';', header true)""")
        new_rows = con.execute(f"select count(*) from read_csv('{file}', delim = ';')").fetchone()[0]
    app = page_test("pages/donnees.py", {"onglet": "methodes"})

    def applied_batches() -> tuple:
        app.run()
        assert not app.exception
        table = app.dataframe[0].value
        return tuple(sorted(zip(table["Jeu de données"], table["Lots appliqués"], strict=True)))

    old_state = applied_batches()
    new_state = tuple(sorted((name, count + name.startswith("Observations")) for name, count in old_state))
    # The report (with its 1,000 changes) goes to a file: a pipe nobody reads while the page
    # reruns would fill up and block the import.
    report_path = tmp_path / "report.json"
    with report_path.open("wb") as report_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "observatory", "import", "observations", str(file), "--format", "json"],
            cwd=PROJECT_ROOT, env=dict(os.environ, OBSERVATORY_DB=str(writable_demo)),
            stdout=report_file, stderr=subprocess.PIPE)
        seen, runs_during_import = set(), 0
        while process.poll() is None:
            seen.add(applied_batches())
            runs_during_import += 1
        _, err = process.communicate()
    assert (process.returncode, err) == (0, b""), err.decode()
    assert json.loads(report_path.read_text("utf-8"))["inserted"] == new_rows == 401_844
    seen.add(applied_batches())
    assert runs_during_import >= 1
    assert seen == {old_state, new_state}


HOSTILE_NAME = "[Cliquez](https:evil.example) <img src=https:evil.example> $$x$$.csv"
HOSTILE_HEADER = "[x](https://evil.example/h)"


def test_a_hostile_file_name_and_header_are_shown_as_text(writable_demo, monkeypatch):
    """Each text element holds the name escaped (never as written), and a reader sees it whole:
    the header in the report's warning, the file name once applied and in the history."""
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in()
    app.selectbox(key="import.dataset").select("observations").run()
    content = f"indicateur;territoire;annee;valeur;{HOSTILE_HEADER}\npopulation;29;2015;1;x\n"
    app.file_uploader(key="import.file").upload(HOSTILE_NAME, content.encode()).run()
    assert f"Colonne inconnue ignorée : « {HOSTILE_HEADER} »." in [
        seen(warning.value) for warning in app.warning]
    next(button for button in app.button if button.key.startswith("import.apply.")).click().run()
    assert not app.exception
    history = signed_in({"onglet": "historique"})
    for run in (app, history):
        raw = [str(element.value) for kind in ("markdown", "caption", "info", "warning",
                                               "success", "error", "subheader")
               for element in getattr(run, kind)]
        assert [text for text in raw if HOSTILE_NAME in text or HOSTILE_HEADER in text] == []
    assert f"(« {HOSTILE_NAME} »)" in texts(app)
    assert HOSTILE_NAME in history.dataframe[0].value.to_string()


def test_an_old_commune_code_is_shown_converted_then_applied_to_the_commune_nouvelle(
        writable_demo, monkeypatch):
    """Morieux (22142) merged into Lamballe-Armor (22093): the warning names both codes, the
    preview shows the commune nouvelle's value with Morieux's added."""
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in()
    app.selectbox(key="import.dataset").select("observations").run()
    app.file_uploader(key="import.file").upload("fusion.csv", (
        b"indicateur;territoire;annee;valeur\n"
        b"population;22093;2016;17000\npopulation;22142;2016;700\n")).run()
    assert not app.exception
    assert ("Colonne « territoire » : 1 code de commune fusionnée depuis a été rapporté à sa "
            "commune nouvelle : 22142 → 22093 (ligne 3). Les valeurs qui tombent ainsi sur le "
            "même indicateur, la même commune et la même année sont additionnées (pour un taux : "
            "son numérateur et son dénominateur). Ici, 2 lignes du fichier font 1 valeur.") in [seen(warning.value) for warning in app.warning]
    changed = app.dataframe[0].value
    assert changed[["ligne", "territoire", "colonne", "apres"]].values.tolist() == [
        [2, "22093", "valeur", str(17000.0 + 700)]]
    next(button for button in app.button if button.key.startswith("import.apply.")).click().run()
    assert not app.exception
    assert _stored_value(writable_demo, "population", "22093", 2016) == str(17000.0 + 700)
    assert _stored_value(writable_demo, "population", "22142", 2016) is None


INSEE_WORKBOOK = {
    "Lisez-moi": [["Populations légales, source INSEE"]],
    "Données": [["Populations légales 2021 et 2015"], ["Note : population municipale"], [],
                ["CODGEO", "LIBGEO", "P21_POP", "P15_POP"],
                ["22047", "Corlay", 915, 950], ["22050", "Dinan", 14800, 14000]],
}


def _mapping_targets(app) -> dict[str, str]:
    return {box.label: box.value for box in app.selectbox if str(box.key).startswith("import.map.")}


def test_a_workbook_is_mapped_previewed_applied_and_saved_as_a_template(writable_demo, monkeypatch):
    from tests.workbooks import xlsx_bytes

    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in()
    app.selectbox(key="import.dataset").select("observations").run()
    app.file_uploader(key="import.file").upload("insee.xlsx", xlsx_bytes(INSEE_WORKBOOK)).run()
    assert not app.exception
    # The header is found under the title lines of the first sheet that has one; each column
    # comes with its suggested mapping.
    assert "Feuille « Données », ligne 4 : en-tête lu." in texts(app)
    assert _mapping_targets(app) == {"CODGEO": "territoire", "LIBGEO": "", "P21_POP": "__wide__",
                                     "P15_POP": "__wide__"}
    sheet = next(box for box in app.selectbox if str(box.key).startswith("import.sheet."))
    assert sheet.options[1:] == ["Lisez-moi", "Données"]
    # The years are in the headers, the indicator is not: the file is refused until it is chosen.
    assert "Fichier refusé" in texts(app)
    wide = next(box for box in app.selectbox if str(box.key).startswith("import.wide."))
    assert wide.label == "Indicateur des colonnes « P{aa}_POP »"
    wide.select("population").run()
    assert not app.exception
    # 2 rows × 2 years read: 2015 is new, 2021 changes the demo's figures.
    assert [metric.value for metric in app.metric][:3] == ["4", "2", "2"]
    assert ("python -m observatory import observations insee.xlsx --map CODGEO=territoire "
            "--wide 'P{aa}_POP=population'") in [code.value for code in app.code]
    # Rows of the preview are the workbook's own rows (5 and 6), even after the unpivot.
    added = app.dataframe[0].value
    assert added[["ligne", "territoire", "annee", "valeur"]].values.tolist() == [
        [5, "22047", 2015, 950.0], [6, "22050", 2015, 14000.0]]
    app.text_input(key="import.template.save").set_value("insee_population").run()
    apply = next(button for button in app.button if button.key.startswith("import.apply."))
    apply.click().run()
    assert not app.exception
    assert "appliqué (« insee.xlsx »)" in texts(app)
    assert _stored_value(writable_demo, "population", "22050", 2015) == "14000.0"

    # The next file of the partner: the template does the mapping.
    later = {"Données": [["CODGEO", "LIBGEO", "P22_POP"], ["22047", "Corlay", 920]]}
    app.file_uploader(key="import.file").upload("insee_2022.xlsx", xlsx_bytes(later)).run()
    app.selectbox(key="import.template").select("insee_population").run()
    assert not app.exception
    assert "Correspondance du modèle : --map CODGEO=territoire --wide P{aa}_POP=population" in texts(app)
    assert [metric.value for metric in app.metric][:3] == ["1", "0", "1"]  # 2022 was in the demo


INSEE_CSV = ("Populations légales 2021 et 2015;;;\nSource : Insee;;;\n;;;\nNote : population municipale;;;\n"
             "CODGEO;LIBGEO;P21_POP;P15_POP\n22047;Corlay;915;950\n22050;Dinan;14800;14000\n").encode()


def test_a_csv_under_title_lines_is_mapped_and_previewed_at_its_own_lines(writable_demo, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in()
    app.selectbox(key="import.dataset").select("observations").run()
    app.file_uploader(key="import.file").upload("insee.csv", INSEE_CSV).run()
    assert not app.exception
    # The header is found under the title and note lines, as in a workbook.
    assert "Ligne 5 : en-tête lu." in texts(app)
    assert _mapping_targets(app) == {"CODGEO": "territoire", "LIBGEO": "", "P21_POP": "__wide__",
                                     "P15_POP": "__wide__"}
    assert not [box for box in app.selectbox if str(box.key).startswith("import.sheet.")]
    next(box for box in app.selectbox if str(box.key).startswith("import.wide.")).select("population").run()
    assert not app.exception
    assert [metric.value for metric in app.metric][:3] == ["4", "2", "2"]
    assert ("python -m observatory import observations insee.csv --map CODGEO=territoire "
            "--wide 'P{aa}_POP=population'") in [code.value for code in app.code]
    # The preview's rows are the file's own lines (6 and 7), title lines counted.
    added = app.dataframe[0].value
    assert added[["ligne", "territoire", "annee", "valeur"]].values.tolist() == [
        [6, "22047", 2015, 950.0], [7, "22050", 2015, 14000.0]]
    # A header row typed on the page is the one read.
    next(box for box in app.number_input if str(box.key).startswith("import.header_row.")).set_value(2).run()
    assert not app.exception
    assert "Ligne 2 : en-tête lu." in texts(app)
    assert "Fichier refusé" in texts(app)


def test_replace_on_the_page_lists_the_rows_it_deletes(writable_demo, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = signed_in()
    app.selectbox(key="import.dataset").select("initiatives").run()
    con = duckdb.connect(str(db.current_snapshot(writable_demo)), read_only=True)
    try:
        kept, total = con.execute("select min(id), count(*) from initiatives").fetchall()[0]
        row = con.execute("select id, nom, commune, thematique from initiatives where id = ?",
                          [kept]).fetchall()[0]
    finally:
        con.close()
    data = ("id;nom;commune;thematique\n" + ";".join(row) + "\n").encode()
    app.file_uploader(key="import.file").upload("annuaire.csv", data).run()
    app.checkbox(key="import.replace").check().run()
    assert not app.exception
    assert app.dataframe[-1].value["id"].tolist()[:1] != [kept]
    assert len(app.dataframe[-1].value) == min(total - 1, 1000)
    apply = next(button for button in app.button if button.key.startswith("import.apply."))
    assert f"{total - 1} supprimées" in apply.label.replace("\u202f", "")
