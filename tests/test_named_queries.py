"""Every named SQL statement runs on the demo database, the per-dataset ones for every dataset."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest

from observatory import (
    batches,
    cli,
    comparisons,
    db,
    directory,
    directory_map,
    engine,
    geo_import,
    impact,
    importer,
    maps,
    methods,
    outlines,
    reference,
    secret_audit,
    sqlstore,
    templates,
    territory_reference,
    themes,
)
from observatory.datasets import DATASETS, LOAD_ORDER
from observatory.demo import DEMO_FILES, DEMO_REGION, read_demo_file
from observatory.directory import DirectoryQuery
from observatory.errors import RollbackRefused
from observatory.fileshape import FileShape
from tests.conftest import PROJECT_ROOT

DEMO = PROJECT_ROOT / "data" / "demo"
# Benchmark statements run by the bench tier (tests/test_bench.py, tests/test_engine_bench.py)
# on generated data; they stay under sql/queries, the only place sqlstore loads names from.
BENCH_FILES = ("bench.sql", "engine_benchmark.sql", "import_benchmark.sql")
# Per dataset, the cells that turn a copy of its last row into a new row (a new key).
NEW_KEYS = {"territoires": {"code": "56999"}, "indicateurs": {"code": "essai_copie"},
            "observations": {"annee": "1995"}, "initiatives": {"id": "DEMO-9999"}}


def demo_file(con: duckdb.DuckDBPyConnection, dataset: str) -> bytes:
    """Return the CSV bytes the demo loads for `dataset` (its territories: the région file)."""
    if dataset == "territoires":
        return territory_reference.region_file(con, DEMO_REGION)
    return read_demo_file(DEMO / DEMO_FILES[dataset])


def bench_statements() -> set[str]:
    return {name for file in BENCH_FILES
            for name in sqlstore.parse_named_statements(
                (sqlstore.SQL_ROOT / "queries" / file).read_text("utf-8"), file)}


def read_everything(con: duckdb.DuckDBPyConnection) -> None:
    """Ask every reader of the pages and the command line, for one indicator and territory."""
    indicator = engine.catalogue(con)["code"].iloc[3]
    year = engine.years(con, indicator)[-1]
    engine.indicators(con)
    engine.indicator_values(con, indicator, "departement", year)
    engine.trend(con, indicator, ["29"], ["departement"])
    engine.territory_values(con, "29", "departement", [indicator])
    engine.ranking(con, indicator, "departement", year)
    engine.latest_year(con, indicator, "departement")
    engine.secret_counts(con)
    comparisons.comparison(con, indicator, "29", "departement")
    comparisons.portrait(con, "29", "departement")
    # Asked by the Territoire page tests only.
    sqlstore.frame(con, "engine_territory_indicators", {"code": "29", "level": "departement"})
    secret_audit.linked_indicators(con, indicator)
    themes.headline_candidates(con, "departement", year)
    themes.is_demo_data(con)
    themes.dataset_updates(con)
    reference.territories(con)
    reference.years(con)
    reference.indicator_themes(con)
    reference.vocabulary(con)
    for name, _, _ in methods.DOWNLOADS:
        methods.dataset_frame(con, name)
    directory.search_initiatives(con, DirectoryQuery())
    directory.count_facets(con, DirectoryQuery())
    directory.search_any(con, "53", "region", ({},))
    directory_map.map_points(con, DirectoryQuery())
    directory.read_initiative(con, "DEMO-0001")
    impact.totals(con, DirectoryQuery())
    impact.groups(con, DirectoryQuery(), "stade")
    impact.creations(con, DirectoryQuery())
    impact.survival(con, DirectoryQuery())
    outlines.outline_status(con)
    outlines.outlines_available(con, "commune")
    maps.map_outlines(con, "departement")
    maps.territory_points(con, "departement")
    geo_import.reference_codes(con, "commune")
    territory_reference.region_territories(con, "53")
    assert db.failed_checks(con) == {}
    assert cli.main(["values", indicator, "--territory", "29"]) == 0


def change_everything(con: duckdb.DuckDBPyConnection, tmp_path) -> None:
    """Audit, save a template, replace and roll back, refuse deletions, reject bad files."""
    # Every audit statement runs whatever the scope; the whole demo's programmes take minutes
    # (tests/test_cli_audit.py audits it), one indicator without secrets takes a second.
    secret_audit.audit_secret(con, "emplois_ess")
    templates.save(con, "essai", "observations", FileShape(), "test")
    assert templates.names(con) == ["essai"]
    templates.listing(con)
    templates.load(con, "essai", "observations")
    lines = demo_file(con, "observations").splitlines(keepends=True)
    report = importer.import_file(con, "observations", b"".join(lines[:-5]), "moins.csv", "test",
                                  replace=True)
    assert report.status == "applied"
    batches.list_batches(con)
    batches.rollback_batch(con, report.batch_id, "test")
    for dataset in ("territoires", "indicateurs"):
        lines = demo_file(con, dataset).splitlines(keepends=True)
        report = importer.import_file(con, dataset, b"".join(lines[:-1]), "moins.csv", "test",
                                      replace=True, dry_run=True)
        assert report.status == "rejected"
    for batch_id in (1, 2):  # the demo's territoires and indicateurs, used by the rest
        with pytest.raises(RollbackRefused):
            batches.rollback_batch(con, batch_id, "test")
    wide = tmp_path / "large.csv"
    wide.write_text("CODGEO;P21_POP;P22_POP\n29019;100;abc\n", encoding="utf-8")
    assert cli.main(["import", "observations", str(wide), "--map", "CODGEO=territoire",
                     "--wide", "P{aa}_POP=population", "--dry-run"]) == 1
    # Morieux (22142) merged into Lamballe-Armor (22093): rows added up.
    report = importer.import_file(con, "observations", b"indicateur;territoire;annee;valeur\n"
                                  b"population;22142;2022;10\npopulation;22093;2022;20\n",
                                  "fusion.csv", "test", dry_run=True)
    assert report.status == "validated" and "22142 → 22093" in report.warnings[0]
    header, first = demo_file(con, "initiatives").decode("utf-8").splitlines()[:2]
    cells = first.split(";")
    cells[2], cells[4] = "35\u202e238", "Texte \u202e retourné"  # commune (error), description
    report = importer.import_file(con, "initiatives", f"{header}\n{';'.join(cells)}\n".encode(),
                                  "bidi.csv", "test", dry_run=True)
    assert report.status == "rejected" and report.warnings


def change_every_dataset(con: duckdb.DuckDBPyConnection) -> None:
    """Per dataset: add a row and change one (bidi controls in its free text, stripped), then
    replace by the demo file (the new row deleted), then roll both batches back."""
    for dataset in LOAD_ORDER:
        text = demo_file(con, dataset).decode("utf-8")
        header, first, *rest = csv.reader(io.StringIO(text), delimiter=";")
        free = {column.name for column in DATASETS[dataset].columns if column.free_text}
        changed = [f"\u202e{cell} (modifié)" if name in free else cell
                   for name, cell in zip(header, first, strict=True)]
        added = [NEW_KEYS[dataset].get(name, cell) for name, cell in zip(header, rest[-1], strict=True)]
        edited = io.StringIO()
        csv.writer(edited, delimiter=";", lineterminator="\n").writerows([header, changed, *rest, added])
        report = importer.import_file(con, dataset, edited.getvalue().encode(), "essai.csv", "test")
        assert (report.status, report.inserted, report.updated) == ("applied", 1, 1), report.errors
        replaced = importer.import_file(con, dataset, text.encode(), f"{dataset}.csv", "test",
                                        replace=True)
        assert (replaced.status, replaced.deleted, replaced.updated) == ("applied", 1, 1), replaced.errors
        for batch in (replaced, report):
            batches.rollback_batch(con, batch.batch_id, "test")


def test_every_named_statement_runs_on_the_demo_database(demo_db, demo_statements, tmp_path,
                                                         monkeypatch):
    # `init --demo` ran once for the whole run, building the demo database (tests/conftest.py):
    # its statements count, and this test works on a private copy of what it built.
    asked: set[str] = set(demo_statements)
    real_sql = sqlstore.sql

    def recording(name: str) -> str:
        asked.add(name)
        return real_sql(name)

    monkeypatch.setattr(sqlstore, "sql", recording)
    monkeypatch.setenv("OBSERVATORY_DB", str(demo_db))
    con = db.connect(demo_db)
    try:
        read_everything(con)
        change_everything(con, tmp_path)
        # One row of preview: the new row at the end of each file is not among the first
        # rows, so the full look-up of new rows runs too (import_preview_added).
        monkeypatch.setattr(importer, "PREVIEW_LIMIT", 1)
        change_every_dataset(con)
    finally:
        con.close()
    # Any statement that failed raised above; here, none was left out.
    assert sorted(set(sqlstore.load_statements()) - bench_statements() - asked) == []
