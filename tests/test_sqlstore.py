"""The shapes named statements run in (scalar, one, rows, frame, write) and their failures;
the per-dataset statements rendered at load."""

from __future__ import annotations

import logging

import duckdb
import pandas as pd
import pytest

from observatory import dataset_sql, sqlstore
from observatory.errors import UnknownQuery

VALUES = ("select * from (values (1, null::varchar, true, 'a', 2.5, 1.5::double, 7::bigint, ['x'], "
          "date '2024-05-01'), (null, null, null, null, null, null, 8, null, null)) "
          "v(n, s, b, t, x, d, g, l, day)")
STATEMENTS = {
    "t_create": "create table t (n integer, s varchar, d date)",
    "t_insert": "insert into t values (?, ?, ?)",
    "t_count": "select count(*) from t",
    "t_row": "select n, s from t where n = ?",
    "t_all": "select n, s from t order by n",
    "t_missing": "select * from no_such_table where n = $n",
    "t_late": "select case when range = 999 then error('late failure') end from range(1000)",
    "t_values": VALUES,
    "t_values_some": f"{VALUES} where n is not null",
    "t_values_none": f"{VALUES} where false",
}


@pytest.fixture
def con(monkeypatch):
    monkeypatch.setattr(sqlstore, "sql", STATEMENTS.__getitem__)
    con = duckdb.connect()
    sqlstore.write(con, "t_create")
    yield con
    con.close()


def test_each_helper_returns_its_shape(con):
    assert sqlstore.write(con, "t_insert", [1, "un", None]) is None
    assert sqlstore.scalar(con, "t_insert", [2, None, "2024-05-01"]) == 1  # rows changed
    assert sqlstore.scalar(con, "t_count") == 2
    assert sqlstore.one(con, "t_row", [1]) == (1, "un")
    assert sqlstore.one(con, "t_row", [3]) is None
    assert sqlstore.rows(con, "t_all") == [(1, "un"), (2, None)]
    expected = con.execute(STATEMENTS["t_all"]).df()
    pd.testing.assert_frame_equal(sqlstore.frame(con, "t_all"), expected)
    pd.testing.assert_frame_equal(sqlstore.frame(con, "t_all", arrow=True), expected)


def test_one_refuses_more_than_one_row(con):
    for n in (1, 2):
        sqlstore.write(con, "t_insert", [n, "a", None])
    with pytest.raises(ValueError, match="t_all returned more than one row"):
        sqlstore.one(con, "t_all")


@pytest.mark.parametrize("name", ["t_values", "t_values_some", "t_values_none"])
@pytest.mark.parametrize("arrow", [False, True])
def test_frames_are_what_duckdb_df_gives(con, name, arrow):
    """Through Arrow too: nullable integers and booleans, text without a value, lists,
    decimals; a type Arrow would give otherwise (a date) is left to `.df()`."""
    pd.testing.assert_frame_equal(sqlstore.frame(con, name, arrow=arrow),
                                  con.execute(STATEMENTS[name]).df())
    without_date = STATEMENTS[name].replace("select *", "select * exclude (day)")
    pd.testing.assert_frame_equal(sqlstore.frame_like_df(con.sql(without_date).to_arrow_table()),
                                  con.execute(without_date).df())


def arrow_frame(con, name, params):
    return sqlstore.frame(con, name, params, arrow=True)


@pytest.mark.parametrize("helper", [sqlstore.write, sqlstore.rows, sqlstore.one, sqlstore.scalar,
                                    sqlstore.frame, arrow_frame])
@pytest.mark.parametrize("name", ["t_missing", "t_late"])
def test_a_failing_statement_is_logged_with_its_name_and_parameters(con, caplog, helper, name):
    params = {"n": 1} if name == "t_missing" else None
    with caplog.at_level(logging.ERROR, logger="observatory.sqlstore"), \
            pytest.raises(duckdb.Error):
        helper(con, name, params)
    [record] = caplog.records
    error = "Catalog Error" if name == "t_missing" else "Invalid Input Error: late failure"
    assert record.getMessage().startswith(
        f"Named statement {name} failed with parameters {params!r}: {error}")
    assert record.exc_info is None  # no traceback: the caller decides what the user sees


def test_a_real_statement_on_an_empty_database_is_logged_by_name(caplog):
    params = {"indicator": "chomage", "level": "departement"}
    with caplog.at_level(logging.ERROR, logger="observatory.sqlstore"), \
            pytest.raises(duckdb.CatalogException):
        sqlstore.frame(duckdb.connect(), "engine_latest_year", params)
    [record] = caplog.records
    assert record.getMessage().startswith(
        "Named statement engine_latest_year failed with parameters "
        "{'indicator': 'chomage', 'level': 'departement'}: Catalog Error")


def test_templates_are_rendered_for_every_dataset_with_its_own_versions():
    rendered = dataset_sql.render({
        "a_keys": "select {key} from {table} join {history} using ({key})",
        "a_keys_indicateurs": "select 'its own'",
        "a_strip": "update import_staging set {column} = trim({column})",
    }, "test")
    assert rendered["a_keys_observations"] == (
        "select indicateur, territoire, niveau, annee from observations "
        "join observations_history using (indicateur, territoire, niveau, annee)")
    assert rendered["a_keys_indicateurs"] == "select 'its own'"
    assert rendered["a_strip_nom"] == "update import_staging set nom = trim(nom)"
    assert "a_keys" not in rendered and len(rendered) == 4 + len(dataset_sql.FREE_TEXT_COLUMNS)
    with pytest.raises(ValueError, match="neither templates nor"):
        dataset_sql.render({"a_keys_bretagne": "select 1"}, "test")


def test_rendered_statements_are_loaded_by_name_and_templates_are_not():
    assert sqlstore.sql("import_final_create_observations").endswith(
        "select * exclude (batch_id) from observations limit 0")
    assert "code, niveau" in sqlstore.sql("batches_rollback_delete_territoires")
    assert set(sqlstore.names_in("per_dataset")) >= {
        dataset_sql.per_dataset("import_insert_new", dataset) for dataset in dataset_sql.TABLE_KEYS}
    with pytest.raises(UnknownQuery):
        sqlstore.sql("import_final_create")
    with pytest.raises(KeyError):
        dataset_sql.per_column("import_bidi_free_text_strip", "code")


def test_a_statement_outside_its_files_namespace_is_refused_at_load(tmp_path):
    for folder in (*sqlstore.NAMED_FOLDERS, sqlstore.TEMPLATE_FOLDER):
        (tmp_path / folder).mkdir()
    (tmp_path / "queries" / "engine_build.sql").write_text(
        "-- name: engine_build_cells\nselect 1;\n-- name: directory_rows\nselect 2;\n")
    with pytest.raises(ValueError, match="directory_rows.*namespace 'engine_'"):
        sqlstore.load_statements.__wrapped__(tmp_path)
    (tmp_path / "queries" / "engine_build.sql").write_text("-- name: engine_build_cells\nselect 1;\n")
    (tmp_path / "checks" / "integrity.sql").write_text("-- name: check_orphans\nselect 1;\n")
    assert set(sqlstore.load_statements.__wrapped__(tmp_path)) == {"engine_build_cells",
                                                                    "check_orphans"}


def test_write_many_and_shape_run_named_statements_and_log_their_failures(con, caplog):
    sqlstore.write_many(con, "t_insert", [(1, "a", None), (2, "b", None)])
    assert sqlstore.shape(con, "t_all") == (2, 2)
    with caplog.at_level(logging.ERROR), pytest.raises(duckdb.Error):
        sqlstore.write_many(con, "t_missing", [{"n": 1}])
    assert "Named statement t_missing failed" in caplog.text
