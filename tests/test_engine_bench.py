"""Speed of the indicator engine (issue 3). Run with `python -m pytest -m bench -n 0 -s`."""

from __future__ import annotations

import time

import pytest

from observatory import aggregation, db, demo, engine, secret_audit, sqlstore

pytestmark = pytest.mark.bench

COMMUNES_N, COUNTS_N, YEARS_N, DEPARTEMENTS_N = 10_000, 20, 10, 8


def best_of(runs: int, action) -> float:
    """Return the best wall time in seconds of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def test_demo_every_indicator_level_and_year_under_one_second():
    con = db.connect_memory()
    demo.load_demo(con)
    seconds = best_of(3, lambda: aggregation.rebuild_published_values(con))
    rows = con.execute("select count(*) from published_values").fetchall()[0][0]
    print(f"\ndemo: {rows} published cells rebuilt in {seconds * 1000:.0f} ms")
    assert seconds < 1.0


@pytest.fixture(scope="module")
def large():
    con = db.connect_memory()
    params = {"communes_n": COMMUNES_N, "departements_n": DEPARTEMENTS_N}
    con.execute(sqlstore.sql("engine_benchmark_territories"), params)
    con.execute(sqlstore.sql("engine_benchmark_indicators"), {"counts_n": COUNTS_N})
    con.execute(sqlstore.sql("engine_benchmark_observations"), {
        "communes_n": COMMUNES_N, "counts_n": COUNTS_N, "years_n": YEARS_N})
    assert con.execute("select count(*) from observations").fetchall() == [(2_000_000,)]
    start = time.perf_counter()
    rows = aggregation.rebuild_published_values(con)
    print(f"\n2,000,000 observations: {rows} published cells rebuilt in "
          f"{time.perf_counter() - start:.2f} s")
    yield con
    con.close()


def test_rebuild_at_two_million_observations_takes_a_few_seconds(large):
    seconds = best_of(1, lambda: aggregation.rebuild_published_values(large))
    print(f"\nrebuild (second run): {seconds:.2f} s")
    assert seconds < 10.0


@pytest.mark.parametrize(("indicator", "level"), [("n0", "commune"), ("r0", "commune"),
                                                  ("n1", "departement")])
def test_one_map_under_100_ms_warm(large, indicator, level):
    cursor = large.cursor()
    engine.indicator_values(cursor, indicator, level=level, year=2020)
    seconds = best_of(5, lambda: engine.indicator_values(cursor, indicator, level=level, year=2020))
    print(f"\nmap {indicator} {level} 2020: {seconds * 1000:.1f} ms")
    assert seconds < 0.1


def test_secret_audit_at_two_million_observations_under_a_minute(large):
    start = time.perf_counter()
    report = secret_audit.audit_secret(large)
    seconds = time.perf_counter() - start
    print(f"\naudit-secret: {report.cells_secret} secret cells, {report.cells_primary} primary, "
          f"{len(report.exposed)} exposed, in {seconds:.1f} s")
    assert report.exposed == ()
    assert seconds < 60.0


def test_demo_secret_cells_stay_within_two_and_a_half_times_the_primary_ones():
    con = db.connect_memory()
    demo.load_demo(con)
    start = time.perf_counter()
    report = secret_audit.audit_secret(con)
    print(f"\ndemo audit-secret: {report.cells_secret} secret cells, {report.cells_primary} "
          f"primary, {len(report.exposed)} exposed, in {time.perf_counter() - start:.1f} s")
    assert report.exposed == ()
    assert report.cells_secret <= 2.5 * report.cells_primary
