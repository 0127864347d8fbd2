"""Property: `somme` aggregation is consistent across levels for random commune data."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observatory import aggregation, db, importer
from tests.engine_support import ENGINE_FIXTURES

COMMUNES = ("35001", "35002", "35003", "56001", "56002", "56003")
INDICATORS = "code;libelle;theme;unite;agregation;secret_seuil\ncompte;Compte;contexte;nombre;somme;0\n"


@pytest.fixture(scope="module")
def base():
    con = db.connect_memory()
    territories = (ENGINE_FIXTURES / "territoires.csv").read_bytes()
    assert importer.import_file(con, "territoires", territories, "t.csv", "t").status == "applied"
    assert importer.import_file(con, "indicateurs", INDICATORS.encode(), "i.csv", "t").status == "applied"
    yield con
    con.close()


values = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.tuples(*[values] * len(COMMUNES)), min_size=1, max_size=3))
@pytest.mark.slow
def test_every_level_sums_the_communes_it_holds(base, data):
    base.execute("delete from observations")
    for offset, row in enumerate(data):
        for code, value in zip(COMMUNES, row, strict=True):
            if value is not None:
                base.execute("insert into observations (indicateur, territoire, niveau, annee, valeur) "
                             "values ('compte', ?, 'commune', ?, ?)", [code, 2020 + offset, value])
    aggregation.rebuild_published_values(base)
    published = {(code, year): (value, couverture) for code, year, value, couverture in base.execute(
        "select territoire, annee, valeur, couverture from published_values").fetchall()}
    members = {row[0]: row[1:] for row in base.execute(
        "select code, region, departement, epci from territoires where niveau = 'commune'").fetchall()}
    for offset, row in enumerate(data):
        year = 2020 + offset
        if all(value is None for value in row):
            continue  # a year without any data is outside the indicator's span or all absent
        by_commune = dict(zip(COMMUNES, row, strict=True))
        for parent in ("53", "35", "56", "200000001", "200000002", "200000003"):
            held = [code for code, parents in members.items() if parent in parents]
            present = [by_commune[code] for code in held if by_commune[code] is not None]
            expected = (float(sum(present)), f"{len(present)}/{len(held)}") if present else (None, None)
            assert published[(parent, year)] == expected, (parent, year)
