"""Helpers shared by the overview, theme and data page tests: engine figures and demo counts."""

from __future__ import annotations

from pathlib import Path

import duckdb

from observatory import db, engine, formatting
from tests.conftest import PROJECT_ROOT, demo_territories

DEMO = PROJECT_ROOT / "data" / "demo"


def latest_published(database: Path, indicator: str, territory: str, level: str) -> str:
    """Return the engine's latest published figure of a territory, formatted the French way."""
    con = db.SnapshotReader(database).cursor()
    values = engine.indicator_values(con, indicator, level, territory=territory)
    known = values[values["etat"] != "absent"].sort_values("annee").iloc[-1]
    return formatting.format_value(known["valeur"], known["unite"], known["etat"], "fr")


def demo_initiatives_count(condition: str, territory_column: str | None = None,
                           territory: str | None = None) -> int:
    """Return how many demo initiatives meet `condition`, counted straight from the CSV files."""
    con = duckdb.connect()
    con.register("territories", demo_territories())
    where = f"({condition})"
    params = []
    if territory_column:
        where += f" and communes.{territory_column} = ?"
        params.append(territory)
    sql = f"""
        with initiatives as (
            select *, string_split(coalesce(publics, ''), '|') as publics_list
            from read_csv('{DEMO / "initiatives.csv"}', delim=';', header=true, all_varchar=true)
        ),
        communes as (select * from territories where niveau = 'commune')
        select count(distinct initiatives.id)
        from initiatives left join communes on communes.code = initiatives.commune
        where {where}
    """
    return con.execute(sql, params).fetchall()[0][0]
