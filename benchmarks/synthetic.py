"""A synthetic observatory at a given scale, loaded through the real import path and outline storage.

The territories are a grid of square communes: départements are vertical stripes of the
grid, EPCIs blocks inside them, so the outlines of every level are the grid dissolved
(a valid coverage, like real outlines). CSV files are written by DuckDB in the French
Excel dialect (`;`, decimal comma), never by Python loops.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from observatory import db, importer, outlines, sqlstore
from observatory.datasets import LOAD_ORDER

REGION = "53"
DEPARTEMENTS = ("22", "29", "35", "44", "56")
LON0, LAT0, WIDTH_DEG, HEIGHT_DEG = -5.0, 47.2, 4.0, 1.8
FIRST_YEAR = 2010
# Indicator n's theme is the (n // 10 % 5)th of innovation sociale, genre, jeunesse, économie
# circulaire, contexte, and every tenth is a rate: these slots carry the codes the overview and
# the theme stories headline, so that those pages do their real work at every scale.
STORY_CODES = {9: "part_emplois_ess", 19: "part_femmes_dirigeantes_ess",
               60: "ecart_salaire_femmes_hommes", 69: "part_creations_femmes",
               20: "volontaires_service_civique", 29: "taux_neet_16_25", 79: "taux_chomage_15_24",
               30: "emplois_economie_circulaire", 31: "structures_reemploi",
               39: "part_dechets_reemployes"}


@dataclass(frozen=True)
class Scale:
    """Size of a synthetic observatory: a cols × rows grid of communes, indicators, years, initiatives."""

    name: str
    cols: int
    rows: int
    dept_cols: int
    epci_cols: int
    epci_rows: int
    indicators_n: int
    years_n: int
    initiatives_n: int
    import_rows: int
    warm_runs: int = 10

    @property
    def communes_n(self) -> int:
        return self.cols * self.rows

    @property
    def epcis_n(self) -> int:
        return len(DEPARTEMENTS) * (self.dept_cols // self.epci_cols) * (self.rows // self.epci_rows)


SCALES = {
    # 40 communes: the fast unit test of the generator.
    "tiny": Scale("tiny", cols=10, rows=4, dept_cols=2, epci_cols=1, epci_rows=2,
                  indicators_n=10, years_n=3, initiatives_n=50, import_rows=1_000, warm_runs=3),
    # 200 communes, 20 EPCIs, 20 indicators over 9 years: the smoke test.
    "demo": Scale("demo", cols=20, rows=10, dept_cols=4, epci_cols=2, epci_rows=5,
                  indicators_n=20, years_n=9, initiatives_n=2_000, import_rows=100_000),
    # Issue 6: 5 départements, 80 EPCIs, 2,000 communes, 100 indicators × 15 years ≈ 2 M rows.
    "large": Scale("large", cols=50, rows=40, dept_cols=10, epci_cols=5, epci_rows=5,
                   indicators_n=100, years_n=15, initiatives_n=100_000, import_rows=1_000_000),
}


def grid_parameters(scale: Scale) -> dict:
    """Return the SQL parameters of the commune grid."""
    return {"cols": scale.cols, "rows": scale.rows, "dept_cols": scale.dept_cols,
            "epci_cols": scale.epci_cols, "epci_rows": scale.epci_rows,
            "departements": list(DEPARTEMENTS[: scale.cols // scale.dept_cols]),
            "lon0": LON0, "lat0": LAT0, "dx": WIDTH_DEG / scale.cols, "dy": HEIGHT_DEG / scale.rows}


def indicator_codes(count: int) -> list[str]:
    """Return the code of each of `count` synthetic indicators (`synth_007`, or a story's code)."""
    return [STORY_CODES.get(number, f"synth_{number:03d}") for number in range(count)]


def write_csv_files(folder: Path, scale: Scale) -> tuple[dict[str, Path], pd.DataFrame]:
    """Write the four dataset CSV files; return their paths and the commune grid (code, col_n, row_n, …)."""
    grid = grid_parameters(scale)
    codes = indicator_codes(scale.indicators_n)
    con = db.connect()
    try:
        con.execute("create table bench_communes as " + sqlstore.sql("bench_communes"), grid)
        queries = {
            "territoires": ("bench_territoires", {"region": REGION}),
            "indicateurs": ("bench_indicateurs", {"indicators_n": scale.indicators_n,
                                                  "codes": codes}),
            "observations": ("bench_observations", {
                "indicators_n": scale.indicators_n, "years_n": scale.years_n,
                "first_year": FIRST_YEAR, "codes": codes}),
            "initiatives": ("bench_initiatives", {
                "initiatives_n": scale.initiatives_n, "dx": grid["dx"], "dy": grid["dy"]}),
        }
        paths = {}
        for dataset, (name, params) in queries.items():
            paths[dataset] = folder / f"{dataset}.csv"
            con.sql(sqlstore.sql(name), params=params).write_csv(
                str(paths[dataset]), sep=";", header=True)
        communes = con.execute("select * from bench_communes order by commune_n").df()
    finally:
        con.close()
    return paths, communes


def commune_outlines(communes: pd.DataFrame, scale: Scale) -> gpd.GeoDataFrame:
    """Return one square polygon per commune cell (WGS84)."""
    dx, dy = WIDTH_DEG / scale.cols, HEIGHT_DEG / scale.rows
    west = LON0 + communes["col_n"].to_numpy() * dx
    south = LAT0 + communes["row_n"].to_numpy() * dy
    boxes = shapely.box(west, south, west + dx, south + dy)
    return gpd.GeoDataFrame({"code": communes["code"].to_numpy()},
                            geometry=gpd.GeoSeries(boxes, crs=outlines.WGS84), crs=outlines.WGS84)


def level_outlines(communes: pd.DataFrame, scale: Scale) -> dict[str, gpd.GeoDataFrame]:
    """Return the outlines of every level: communes, then the grid dissolved into EPCIs, départements, région."""
    cells = commune_outlines(communes, scale)
    return {
        "commune": cells,
        "epci": outlines.dissolve(cells, communes["epci"]),
        "departement": outlines.dissolve(cells, communes["departement"]),
        "region": outlines.dissolve(cells, pd.Series([REGION] * len(cells))),
    }


@dataclass
class Build:
    """A built synthetic observatory: its working database, row counts and the seconds of each step."""

    database: Path
    scale: str
    rows: dict
    seconds: dict

    def to_json_dict(self) -> dict:
        data = asdict(self)
        data["database"] = str(self.database)
        return data


def build(folder: Path, scale: Scale) -> Build:
    """Generate and load a synthetic observatory into `folder/observatory.duckdb`, published."""
    folder.mkdir(parents=True, exist_ok=True)
    seconds, rows = {}, {}
    started = time.perf_counter()
    paths, communes = write_csv_files(folder, scale)
    seconds["write_csv"] = time.perf_counter() - started
    database = folder / "observatory.duckdb"
    started = time.perf_counter()
    with db.writing(database) as con:
        for dataset in LOAD_ORDER:
            step = time.perf_counter()
            report = importer.import_file(con, dataset, paths[dataset].read_bytes(),
                                          paths[dataset].name, "banc d'essai")
            if report.status != "applied":
                raise RuntimeError(f"{dataset}: {[str(error) for error in report.errors[:3]]}")
            rows[dataset] = report.inserted
            seconds[f"import_{dataset}"] = time.perf_counter() - step
        step = time.perf_counter()
        for level, frame in level_outlines(communes, scale).items():
            rows[f"outlines_{level}"] = outlines.store_outlines(con, frame, level, "synthétique")
        seconds["outlines"] = time.perf_counter() - step
        step = time.perf_counter()
    # Leaving `writing` rebuilt published_values and published the snapshot.
    seconds["publish"] = time.perf_counter() - step
    seconds["total"] = time.perf_counter() - started + seconds["write_csv"]
    snapshot = db.current_snapshot(database)
    con = db.connect(snapshot, read_only=True)
    try:
        rows["published_values"] = con.execute("select count(*) from published_values").fetchone()[0]
    finally:
        con.close()
    for path in paths.values():
        path.unlink()
    return Build(database, scale.name, rows, {name: round(value, 2) for name, value in seconds.items()})
