"""Any région from the shipped COG (data/reference/cog/): its territories as one `territoires` batch.

`init --region CODE` calls `load_region`: the région, its départements, its communes, its
arrondissements municipaux (Paris, Lyon, Marseille, with their commune) and the EPCIs with a
commune in it (an EPCI reaching outside is named « (partie en <région>) » and
counts its in-région part only), with populations, and centroids taken from the shipped
outlines (régions and départements of metropolitan France; communes where they ship). The
file goes through the ordinary import path, so it is validated, recorded and reversible like
any other; a second run finds nothing to change and records nothing.
"""

from __future__ import annotations

from functools import cache

import duckdb
import pandas as pd

from observatory import outlines_shipped, sqlstore
from observatory.errors import ImportFileError
from observatory.import_report import ImportReport
from observatory.importer import import_file
from observatory.reference_build import OLD_CODES_FILE, REFERENCE_DIR

# Lambert-93 for the centroids of metropolitan outlines (overseas outlines do not ship).
CENTROID_CRS = "EPSG:2154"
FILE_NAME = "référentiel COG 2026 — région {code}.csv"


@cache
def old_commune_codes() -> dict[str, str]:
    """Return {old commune code: its commune nouvelle} (`anciensCodes`, communes déléguées and
    associées of the COG)."""
    frame = pd.read_csv(OLD_CODES_FILE, sep=";", dtype=str)
    return dict(zip(frame["ancien"], frame["actuel"], strict=True))


def regions() -> dict[str, str]:
    """Return {région code: name} of the shipped reference."""
    frame = pd.read_csv(REFERENCE_DIR / "regions.csv.gz", sep=";", dtype=str)
    return dict(zip(frame["code"], frame["nom"], strict=True))


def region_code(text: str) -> str:
    """Return the région code as the COG writes it (`1` → `01`), or raise a French error."""
    code = text.strip().upper()
    code = code.zfill(2) if code.isdigit() else code
    known = regions()
    if code not in known:
        listed = ", ".join(f"{number} {name}" for number, name in known.items())
        raise ImportFileError(f"Région « {text} » inconnue du Code officiel géographique 2026 : "
                              f"indiquez son code INSEE ({listed}).")
    return code


def region_territories(con: duckdb.DuckDBPyConnection, code: str) -> pd.DataFrame:
    """Return the région's territories in the `territoires` columns, centroids included."""
    files = [str(REFERENCE_DIR / name) for name in (
        "regions.csv.gz", "departements.csv.gz", "epci.csv.gz", "communes.csv.gz",
        "arrondissements_municipaux.csv.gz")]
    frame = sqlstore.frame(con, "cog_region_territories", [*files, code])
    frame["population"] = frame["population"].astype("Int64")
    centres = _shipped_centroids(frame, code)
    frame["latitude"] = [centres.get((level, item), (None, None))[0]
                         for level, item in zip(frame["niveau"], frame["code"], strict=True)]
    frame["longitude"] = [centres.get((level, item), (None, None))[1]
                          for level, item in zip(frame["niveau"], frame["code"], strict=True)]
    return frame


def _shipped_centroids(frame: pd.DataFrame, code: str) -> dict[tuple[str, str], tuple]:
    """Return {(level, code): (latitude, longitude)} from the outlines that ship for the région;
    EPCIs get the centroid of their in-région communes when the communes ship."""
    centres = {}
    for level, path in outlines_shipped.shipped_files(code).items():
        wanted = set(frame.loc[frame["niveau"] == level, "code"])
        shapes = outlines_shipped.read_shipped(path)
        shapes = shapes[shapes["code"].isin(wanted)]
        if level == "commune":
            epci_of = frame.loc[frame["niveau"] == "commune"].set_index("code")["epci"]
            members = shapes.assign(epci=shapes["code"].map(epci_of)).dropna(subset=["epci"])
            centres.update(_centroids(members.dissolve(by="epci").reset_index()
                                      .drop(columns="code").rename(columns={"epci": "code"}),
                                      "epci"))
        centres.update(_centroids(shapes, level))
    return centres


def _centroids(shapes, level: str) -> dict[tuple[str, str], tuple[float, float]]:
    points = shapes.geometry.to_crs(CENTROID_CRS).centroid.to_crs(shapes.crs)
    return {(level, item): (round(point.y, 5), round(point.x, 5))
            for item, point in zip(shapes["code"], points, strict=True)}


def region_file(con: duckdb.DuckDBPyConnection, code: str) -> bytes:
    """Return the région's territories as a `territoires` CSV file (UTF-8, `;`)."""
    return region_territories(con, code).to_csv(sep=";", index=False).encode("utf-8")


def load_region(con: duckdb.DuckDBPyConnection, code: str, user: str,
                demo: bool = False) -> ImportReport | None:
    """Import the région's territories and store its shipped outlines; return the import report,
    or None when the database already holds exactly these territories. `demo` flags the
    batch as demonstration data (observatory.demo)."""
    # One import: a file that changes nothing records no batch (importer.import_file).
    report = import_file(con, "territoires", region_file(con, code), FILE_NAME.format(code=code),
                         user, demo=demo)
    if report.status != "applied":
        return report
    outlines_shipped.load_shipped(con, code)
    return None if report.changes_nothing else report
