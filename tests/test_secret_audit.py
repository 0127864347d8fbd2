"""The attacker's linear programme of `audit-secret` (observatory/secret_audit.py): it finds what
tests/engine_support.attacker_interval finds, and nothing on protected figures."""

from __future__ import annotations

import pandas as pd
import pytest

from observatory import confidentiality, db, secret_audit, sqlstore
from tests.engine_support import attacker_interval, fixture_database
from tests.test_secret_attacks import COMMUNES, COUNT, counts, load

RATE = ("femmes;Femmes;genre;nombre;somme;;;5\n"
        "dirigeants;Dirigeants;genre;nombre;somme;;;0\n"
        "part;Part des femmes;genre;pourcentage;ratio;femmes;dirigeants;5\n")


def exposed_keys(report) -> list[tuple]:
    return [(cell.indicateur, cell.territoire, cell.annee) for cell in report.exposed]


def adversarial_databases():
    small = dict(zip(COMMUNES, (1, 2, 30, 50, 60, 70, 80, 90), strict=True))
    zeros = dict(zip(COMMUNES, (0, 0, 30, 50, 60, 70, 80, 90), strict=True))
    straddling = dict(zip(COMMUNES, (40, 50, 30, 60, 3, 70, 80, 90), strict=True))
    numerators = dict(zip(COMMUNES, (2, 30, 40, 50, 45, 55, 65, 75), strict=True))
    missing = dict(zip(COMMUNES, (10, None, 100, 100, 90, 110, 130, 150), strict=True))
    return {
        "small": (COUNT, counts("effectif", small)),
        "zeros": (COUNT, counts("effectif", zeros)),
        "straddling": (COUNT, counts("effectif", straddling)),
        "stored parent": (COUNT, counts("effectif", small) + "effectif;22;2023;500\n"),
        "missing denominator": (RATE, counts("femmes", numerators)
                                + counts("dirigeants", missing)),
        "mismatched thresholds": (RATE.replace("somme;;;5", "somme;;;0"),
                                  counts("femmes", numerators)
                                  + counts("dirigeants", {code: 100 for code in COMMUNES})),
    }


@pytest.mark.parametrize("case", sorted(adversarial_databases()))
def test_no_cell_is_exposed_on_the_adversarial_fixtures(case):
    con = load(*adversarial_databases()[case])
    report = secret_audit.audit_secret(con)
    assert report.cells_primary > 0
    assert report.exposed == ()


@pytest.mark.parametrize("case", ["small", "zeros", "missing denominator"])
def test_without_secondary_suppression_the_audit_finds_what_the_attacker_finds(case, monkeypatch):
    monkeypatch.setattr(confidentiality, "apply_secondary", lambda con: 0)
    monkeypatch.setattr(confidentiality, "apply_ratio_structure", lambda con: None)
    con = load(*adversarial_databases()[case])
    report = secret_audit.audit_secret(con)
    assert report.exposed
    for cell in report.exposed:
        low, high = attacker_interval(con, cell.indicateur, cell.territoire, cell.niveau,
                                      cell.annee)
        assert (cell.minimum, cell.maximum) == pytest.approx((low, high), abs=1e-6)
        assert high - low < cell.seuil


def test_audit_of_one_indicator_covers_the_indicators_its_rates_tie_to():
    con = fixture_database()
    assert secret_audit.linked_indicators(con, "femmes") == {"femmes", "dirigeants",
                                                             "part_femmes"}
    report = secret_audit.audit_secret(con, "emplois")
    assert (report.cells_primary, report.exposed) == (0, ())
    assert secret_audit.audit_secret(con, "femmes").cells_primary > 0


def test_the_audit_publishes_nothing_and_leaves_no_work_table():
    con = fixture_database()
    before = con.execute("select * from published_values order by all").fetchall()
    secret_audit.audit_secret(con)
    assert con.execute("select * from published_values order by all").fetchall() == before
    assert con.execute("select count(*) from duckdb_tables() where temporary").fetchall() == [(0,)]


def test_ring_of_straddling_epcis_pins_no_commune():
    # The benchmark's territories: each EPCI's last two communes lie in the next département,
    # round a ring of 8. A part of an EPCI with nothing hidden fixes the sums of the others
    # along the ring; without a split per part, C48 (0, alone hidden in E0 ∩ D1) was pinned.
    con = db.connect_memory()
    con.execute(sqlstore.sql("engine_benchmark_territories"),
                {"communes_n": 400, "departements_n": 8})
    con.execute(sqlstore.sql("engine_benchmark_indicators"), {"counts_n": 2})
    con.execute(sqlstore.sql("engine_benchmark_observations"),
                {"communes_n": 400, "counts_n": 2, "years_n": 1})
    report = secret_audit.audit_secret(con)
    assert report.cells_primary > 0
    assert report.exposed == ()



def test_a_rate_row_off_by_its_rounding_keeps_the_true_values_a_solution():
    """A région's rate row sums thousands of shown cells times 100: its known part is off by
    rounding (5e-7 here, seen at 4,000 communes), more than HiGHS's absolute 1e-7 tolerance,
    and the audit stopped with « the problem is infeasible »."""
    rate, numerator, denominator = 37.123456789, 3.0, 7.0
    equations = pd.DataFrame({"equation": ["N", "D", "rate"], "annee": 2024,
                              "known": [-numerator, -denominator,
                                        -(100 * numerator - rate * denominator + 5e-7)]})
    cell = {"annee": 2024, "niveau": "commune", "territoire": "C1"}
    unknowns = pd.DataFrame([
        {**cell, "equation": "N", "indicateur": "n", "coefficient": 1.0, "valeur": numerator},
        {**cell, "equation": "D", "indicateur": "d", "coefficient": 1.0, "valeur": denominator},
        {**cell, "equation": "rate", "indicateur": "n", "coefficient": 100.0, "valeur": numerator},
        {**cell, "equation": "rate", "indicateur": "d", "coefficient": -rate,
         "valeur": denominator}])
    caps = pd.DataFrame(columns=["numerator_code", "denominator_code", "territoire", "niveau",
                                 "annee", "numerator_etat", "numerator_value",
                                 "denominator_etat", "denominator_value"])
    targets = pd.DataFrame([{**cell, "indicateur": "n", "etat": "secret", "seuil": 5,
                             "valeur": numerator}])
    (exposed,) = secret_audit._audit_year(2024, targets, equations, unknowns, caps)
    assert (exposed.minimum, exposed.maximum) == pytest.approx((numerator, numerator))
