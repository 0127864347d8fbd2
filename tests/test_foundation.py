"""Schema, migrations, named SQL, settings, snapshots."""

from __future__ import annotations

import duckdb
import pytest

from observatory import db, settings, sqlstore
from tests.conftest import PROJECT_ROOT


def test_migrations_create_every_contract_table(con):
    tables = {row[0] for row in con.execute("show tables").fetchall()}
    assert {"territoires", "indicateurs", "observations", "initiatives", "batches",
            "observations_history", "outlines", "schema_migrations"} <= tables


def test_migrate_twice_applies_nothing_the_second_time(con):
    assert db.migrate(con) == []


def test_named_statement_parser_rejects_duplicates_and_garbage():
    assert sqlstore.parse_named_statements("-- name: a\nselect 1;\n-- name: b\nselect 2", "x") == {
        "a": "select 1", "b": "select 2"}
    with pytest.raises(ValueError, match="duplicate"):
        sqlstore.parse_named_statements("-- name: a\nselect 1\n-- name: a\nselect 2", "x")
    with pytest.raises(ValueError, match="before the first"):
        sqlstore.parse_named_statements("select 0\n-- name: a\nselect 1", "x")
    with pytest.raises(ValueError, match="empty"):
        sqlstore.parse_named_statements("-- name: a\n\n-- name: b\nselect 1", "x")


def test_every_named_statement_starts_with_a_grain_comment():
    for name, (_, text) in sqlstore.load_statements().items():
        assert text.lstrip().startswith("--"), f"{name}: first line must say its grain"


def test_every_check_returns_no_row_on_an_empty_database(con):
    for name in sqlstore.names_in("checks"):
        assert con.execute(sqlstore.sql(name)).fetchall() == [], name


def test_readme_documents_every_setting():
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    missing = [s.name for s in settings.SETTINGS if f"`{s.name}`" not in readme]
    assert missing == []


def test_setting_precedence_environment_over_default(monkeypatch):
    monkeypatch.delenv("OBSERVATORY_REGION", raising=False)
    assert settings.get("OBSERVATORY_REGION") == "53"
    monkeypatch.setenv("OBSERVATORY_REGION", "32")
    assert settings.get("OBSERVATORY_REGION") == "32"


def test_writing_publishes_a_snapshot_readers_switch_to(tmp_db):
    with db.writing(tmp_db) as con:
        con.execute("insert into territoires (code, niveau, nom) values ('53', 'region', 'Bretagne')")
    reader = db.SnapshotReader(tmp_db)
    first = reader.version()
    assert reader.cursor().execute("select nom from territoires").fetchall() == [("Bretagne",)]
    with db.writing(tmp_db) as con:
        con.execute("update territoires set nom = 'Breizh'")
    assert reader.version() != first
    assert reader.cursor().execute("select nom from territoires").fetchall() == [("Breizh",)]


def test_a_reader_sees_every_publication_even_within_the_same_instant(tmp_db):
    """The reader re-reads `CURRENT` only when it was replaced: back-to-back writes are seen."""
    reader = db.SnapshotReader(tmp_db)
    assert reader.version() is None
    seen = []
    for name in ("Bretagne", "Breizh", "Brittany"):
        with db.writing(tmp_db) as con:
            con.execute("delete from territoires")
            con.execute("insert into territoires (code, niveau, nom) values ('53', 'region', ?)",
                        [name])
        seen.append((reader.version(), reader.cursor().execute(
            "select nom from territoires").fetchone()[0]))
    assert [nom for _, nom in seen] == ["Bretagne", "Breizh", "Brittany"]
    assert len({version for version, _ in seen}) == 3


def test_snapshot_stays_readable_while_a_writer_holds_the_working_file(tmp_db):
    with db.writing(tmp_db) as con:
        con.execute("insert into territoires (code, niveau, nom) values ('53', 'region', 'Bretagne')")
    writer = duckdb.connect(str(tmp_db))
    try:
        reader = db.SnapshotReader(tmp_db)
        assert reader.cursor().execute("select count(*) from territoires").fetchone() == (1,)
    finally:
        writer.close()



def test_connections_and_their_cursors_print_no_progress_bar(tmp_db):
    with db.writing(tmp_db):
        pass
    setting = "select current_setting('enable_progress_bar')"
    for con in (db.connect(), db.SnapshotReader(tmp_db).cursor()):
        assert con.execute(setting).fetchone() == (False,)
        assert con.cursor().execute(setting).fetchone() == (False,)


def test_a_snapshot_published_before_an_upgrade_is_migrated_on_first_read(tmp_db, monkeypatch):
    """A new migration (like 013's macro) reaches the dashboard without waiting for an import."""
    from observatory.ui import connection

    with db.writing(tmp_db) as con:
        con.execute("insert into territoires (code, niveau, nom) values ('53', 'region', 'Bretagne')")
        con.execute("drop macro table directory_listed")
        con.execute("delete from schema_migrations where version = 13")
    old = db.current_snapshot(tmp_db)
    assert db.schema_behind(old)
    monkeypatch.setenv("OBSERVATORY_DB", str(tmp_db))
    connection.ensure_database()
    upgraded = db.current_snapshot(tmp_db)
    assert upgraded != old and not db.schema_behind(upgraded)
    con = duckdb.connect(str(upgraded), read_only=True)
    try:
        assert con.execute("select nom from territoires").fetchall() == [("Bretagne",)]
        assert con.execute("select count(*) from duckdb_functions() "
                           "where function_name = 'directory_listed'").fetchone() == (1,)
    finally:
        con.close()
    connection.ensure_database()  # now current: publishes nothing more
    assert db.current_snapshot(tmp_db) == upgraded


def test_every_integrity_check_catches_its_violation(con):
    con.execute("""
        insert into batches (batch_id, dataset, file_name, sha256, user_name, applied_at, rows_read,
                             inserted, updated, unchanged)
        values (1, 'indicateurs', 'i.csv', 'x', 'test', current_timestamp, 2, 2, 0, 0);
        insert into indicateurs (code, libelle, theme, unite, agregation, numerateur, denominateur)
        values ('pct', 'Part', 'genre', 'pourcentage', 'aucune', null, null),
               ('taux', 'Taux', 'genre', 'pourcentage', 'ratio', 'absent', null);
        insert into territoires (code, niveau, nom, region, departement, batch_id)
        values ('35238', 'commune', 'Rennes', '53', null, 7);
        insert into observations (indicateur, territoire, niveau, annee, valeur)
        values ('inconnu', '35238', 'commune', 2022, 1), ('pct', '99999', 'commune', 2022, 1),
               ('pct', '35238', 'commune', 2022, 120);
        insert into initiatives (id, nom, commune, thematique) values ('A', 'Atelier', '35', 'culture');
        insert into published_values (indicateur, territoire, niveau, annee, valeur, etat, calcule,
                                      complet)
        values ('pct', '35238', 'commune', 2022, 12.5, 'publie', false, true);
    """)
    assert db.failed_checks(con) == {
        "check_observations_unknown_indicator": [("inconnu", "35238", "commune", 2022)],
        "check_observations_unknown_territory": [("pct", "99999", "commune", 2022)],
        "check_observations_out_of_range": [("pct", "35238", "commune", 2022, 120.0, "pourcentage")],
        "check_initiatives_unknown_commune": [("A", "35")],
        "check_territoires_unknown_parent": [("35238", "commune", "region", "53")],
        "check_indicateurs_ratio_components": [("taux", "numerateur", "absent"),
                                               ("taux", "denominateur", None)],
        "check_rows_of_unknown_or_rolled_back_batches": [("territoires", 7, 1)],
        "check_batches_history_counts": [(1, 2, 0, 0, 0)],
        "check_published_by_territory_matches": [
            ("published_by_territory", "pct", "35238", "commune", 2022, 12.5, "publie", False,
             None, None, None, True, None, None, None, False)],
    }
    assert set(db.failed_checks(con)) == set(sqlstore.names_in("checks"))
