"""Deterministic generator of the Bretagne demonstration dataset (the CSV files of data/demo).

Territories are real: every commune and EPCI of Bretagne in the shipped COG 2026, with their
populations and the centroids of their shipped outlines, exactly as `init --region 53` loads
them (observatory.territory_reference; the demo loads them that way too). Every indicator
value is invented but plausible; initiatives are invented, except a handful of real,
well-known ones named as such. The tables it draws from are data files under
data/demo/source/, read by `observatory.demo_tables`. Run `python -m observatory.demo_generator [--output DIR]`: the
same bytes come out on every run (string-seeded `random.Random`, fixed iteration order).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import random
from functools import cache
from pathlib import Path

import shapely

from observatory import db, outlines_shipped, territory_reference
from observatory.datasets import DATASETS, PUBLICS
from observatory.demo import DEMO_DIR, DEMO_FILES, DEMO_REGION, read_demo_file
from observatory.demo_tables import (
    BLANK_SHARES,
    COMMUNE_SERIES,
    ESTIMATED_SHARE,
    FICTIVE_NOTE,
    FORM_PREFIXES,
    GAPS,
    HEADLINE_RANKS,
    INDICATORS,
    INITIATIVE_COUNT,
    KINDS,
    LAST_STOP_YEAR,
    NOT_AVAILABLE,
    REAL_INITIATIVES,
    REAL_NOTE,
    REGIONAL_SERIES,
    STAGE_PROFILES,
    STAGE_WEIGHTS,
    STOP_SHARES,
    STRUCTURE_NAMES,
)

SEED = "observatoire-bretagne-demo-v1"
CENTROID_CRS = territory_reference.CENTROID_CRS  # metres, for the margin below
INNER_MARGIN_M = 150
YEARS = range(2016, 2025)
PROVISIONAL_YEAR = 2024
DELIMITER = ";"


# ── Building the rows ────────────────────────────────────────────────────────────────────
def draw(key: str) -> random.Random:
    """Return a random stream of its own for `key` (string seeds are stable across runs)."""
    return random.Random(f"{SEED}:{key}")


@cache
def territories() -> tuple[tuple, ...]:
    """Return the région's territories as `init --region` loads them: (code, niveau, nom,
    epci, population, latitude, longitude), région first, then départements, EPCIs, communes."""
    with db.connect() as con:
        frame = territory_reference.region_territories(con, DEMO_REGION)
    return tuple(zip(frame["code"], frame["niveau"], frame["nom"], frame["epci"].fillna(""),
                     frame["population"].astype(int), frame["latitude"], frame["longitude"],
                     strict=True))


def places(level: str) -> tuple[tuple, ...]:
    """Return the territories of `level`: (code, nom, EPCI, population, latitude, longitude)."""
    return tuple((code, nom, epci, population, lat, lon)
                 for code, niveau, nom, epci, population, lat, lon in territories()
                 if niveau == level)


def indicator_rows() -> list[dict]:
    """Return the indicateurs rows (the catalogue)."""
    return [{**indicator._asdict(), "a_la_une": HEADLINE_RANKS.get(indicator.code, "")}
            for indicator in INDICATORS]


def size_factor(population: int, effect: float) -> float:
    """Return the multiplier of a rate for a town of `population` (1 at 10,000 inhabitants)."""
    return min(1.5, max(0.6, 1 + effect * math.log10(population / 10000)))


def rounded(value: float, decimals: int) -> float | int:
    """Return `value` rounded to `decimals` (an int when decimals ≤ 0)."""
    return round(value, decimals) if decimals > 0 else int(round(value, decimals))


def commune_values() -> dict[tuple[str, str, int], float | int]:
    """Return every commune value by (indicator, commune, year), before gaps are applied."""
    values = {}
    for code, _, _, population, _, _ in places("commune"):
        growth = draw(f"population:{code}").uniform(-0.004, 0.012)
        for year in YEARS:
            values["population", code, year] = round(population * (1 + growth) ** (year - 2021))
        for indicator, series in COMMUNE_SERIES.items():
            rng = draw(f"{indicator}:{code}")
            profile = rng.uniform(0.8, 1.2) * size_factor(population, series.size_effect)
            for year in YEARS:
                noise = rng.gauss(1, 0.03)  # drawn every year so a series keeps its stream
                if year < series.first_year:
                    continue
                parent = values[series.parent, code, year]
                rate = series.rate + series.change * (year - YEARS[0])
                value = parent * rate * profile * noise * dict(series.shocks).get(year, 1)
                if series.rate < 1:  # a part never exceeds its whole (ratio components)
                    value = min(value, parent)
                values[indicator, code, year] = rounded(value, series.decimals)
    return values


def formatted(value: float | int | None, decimals: int) -> str:
    """Return `value` as CSV text with a point decimal ("" when missing)."""
    if value is None:
        return ""
    return f"{value:.{decimals}f}" if decimals > 0 else str(int(value))


def observation(indicator: str, territoire: str, year: int, value: str, statut: str,
                note: str = "") -> dict:
    """Return one observations row."""
    return {"indicateur": indicator, "territoire": territoire, "annee": year, "valeur": value,
            "statut": statut, "source": "", "note": note}


def status(year: int) -> str:
    """Return the statut of a value of `year`: the last year is still provisional."""
    return "provisoire" if year == PROVISIONAL_YEAR else "definitif"


def commune_rows(indicator: str, values: dict) -> list[dict]:
    """Return the commune rows of one aggregable indicator, with gaps and statuses."""
    decimals = COMMUNE_SERIES[indicator].decimals if indicator in COMMUNE_SERIES else 0
    rng = draw(f"statut:{indicator}")
    rows = []
    for code, *_ in places("commune"):
        for year in YEARS:
            estimated = rng.random() < ESTIMATED_SHARE  # drawn first: gaps keep the stream
            if (indicator, code, year) not in values or year in GAPS.get((indicator, code), ()):
                continue
            value = formatted(values[indicator, code, year], decimals)
            statut, note = status(year), ""
            if (indicator, code, year) in NOT_AVAILABLE:
                value, note = "", "Valeur non transmise par le producteur"
            elif estimated and statut == "definitif":
                statut, note = "estime", "Valeur estimée par interpolation"
            rows.append(observation(indicator, code, year, value, statut, note))
    return rows


def regional_rows(indicator: str) -> list[dict]:
    """Return the région and département rows of one non-aggregable indicator."""
    series = REGIONAL_SERIES[indicator]
    rng = draw(f"regional:{indicator}")
    stored = ((DEMO_REGION, 0.0),) + tuple(
        (code, offset) for (code, *_), offset in zip(places("departement"), series.offsets,
                                                     strict=True))
    rows = []
    for code, offset in stored:
        for year in YEARS:
            trend = series.base + series.change * (year - YEARS[0])
            value = trend + dict(series.shocks).get(year, 0) + offset + rng.gauss(0, series.noise)
            rows.append(observation(indicator, code, year,
                                    formatted(rounded(value, series.decimals), series.decimals),
                                    status(year)))
    return rows


def observation_rows() -> list[dict]:
    """Return the observations rows; ratio indicators are left to the engine."""
    values = commune_values()
    rows = []
    for indicator in INDICATORS:
        if indicator.agregation == "somme":
            rows += commune_rows(indicator.code, values)
        elif indicator.agregation == "aucune":
            rows += regional_rows(indicator.code)
    return rows


def of_place(name: str) -> str:
    """Return « de Rennes », « d'Auray », « du Palais »: the French "of" a town name."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    return ("d'" if name[0] in "AEÉIÎOUYH" else "de ") + name


def yes_no(flag: bool | None) -> str:
    """Return the contract's boolean words ("" when unknown)."""
    return "" if flag is None else ("oui" if flag else "non")


def initiative(number: int, **fields) -> dict:
    """Return one initiatives row, blank where a field is not given."""
    row = dict.fromkeys(DATASETS["initiatives"].column_names, "")
    row.update(id=f"DEMO-{number:04d}", **fields)
    return row


def real_initiative(number: int, spec: tuple) -> dict:
    """Return the row of a real structure (no figures: they are not ours to invent)."""
    nom, commune, thematique, porteur, forme, publics, circular, stade, annee, text = spec
    return initiative(number, nom=nom, commune=commune, thematique=thematique,
                      description=REAL_NOTE + text, porteur=porteur, forme_juridique=forme,
                      publics=publics, economie_circulaire=yes_no(circular), stade=stade,
                      annee_creation="" if annee is None else annee)


@cache
def inner_outlines() -> dict:
    """Return {commune: its shipped outline shrunk by INNER_MARGIN_M} (WGS84): where a point
    stays on land even against the unsimplified coast."""
    shapes = outlines_shipped.read_shipped(outlines_shipped.shipped_files(DEMO_REGION)["commune"])
    inner = shapes.to_crs(CENTROID_CRS).buffer(-INNER_MARGIN_M).to_crs(shapes.crs)
    return {code: shape if not shape.is_empty else outline
            for code, shape, outline in zip(shapes["code"], inner, shapes.geometry, strict=True)}


def on_land(commune: str, lat: float, lon: float) -> tuple[float, float]:
    """Return (lat, lon) when it lies inside the commune, else a point that does (a centroid
    jittered off a coastal commune falls in the sea)."""
    shape = inner_outlines()[commune]
    if shapely.contains_xy(shape, lon, lat):
        return lat, lon
    point = shape.point_on_surface()
    return point.y, point.x


def invented_initiative(number: int, commune: tuple, kind: tuple, rng: random.Random) -> dict:
    """Return the row of an invented initiative of `kind` in `commune`."""
    code, name, _, _, lat, lon = commune
    thematique, label, text, forms, publics, circular = kind
    stade = rng.choices(tuple(STAGE_PROFILES), STAGE_WEIGHTS)[0]
    years, etp, volunteers, beneficiaries = STAGE_PROFILES[stade]
    forme = rng.choice(forms)
    if "tous" not in publics and rng.random() < 0.25:
        publics = (*publics, rng.choice([p for p in PUBLICS if p != "tous" and p not in publics]))
    located = rng.random() < 0.85
    if located:
        lat, lon = on_land(code, lat + rng.uniform(-0.004, 0.004), lon + rng.uniform(-0.006, 0.006))
    return initiative(
        number, nom=f"{label} {of_place(name)}", commune=code, thematique=thematique,
        description=FICTIVE_NOTE + text,
        porteur=f"{FORM_PREFIXES[forme]} {rng.choice(STRUCTURE_NAMES)}",
        forme_juridique=forme, publics="|".join(publics),
        economie_circulaire=yes_no(circular or rng.random() < 0.08),
        portee_par_une_femme=yes_no(rng.random() < 0.5), stade=stade,
        annee_creation=rng.randint(*years),
        emplois_etp=formatted(rng.uniform(*etp), 1), benevoles=rng.randint(*volunteers),
        beneficiaires=rng.randint(*beneficiaries),
        latitude=formatted(lat, 5) if located else "",
        longitude=formatted(lon, 5) if located else "",
        site_web=f"https://example.org/demo/demo-{number:04d}" if rng.random() < 0.25 else "",
    )


def with_history(row: dict, rng: random.Random) -> dict:
    """Give an invented initiative its end year, if it stopped, and its blank impact fields."""
    start = int(row["annee_creation"])
    if start < LAST_STOP_YEAR and rng.random() < STOP_SHARES[row["stade"]]:
        row["annee_fin"] = rng.randint(start + 1, LAST_STOP_YEAR)
    for field, share in BLANK_SHARES.items():
        if rng.random() < share:
            row[field] = ""
    return row


def initiative_rows() -> list[dict]:
    """Return the initiatives rows: the real ones first, then invented ones."""
    rows = [real_initiative(number, spec) for number, spec in enumerate(REAL_INITIATIVES, 1)]
    real_n = len(rows)
    rng = draw("initiatives")
    communes = places("commune")
    weights = [math.sqrt(commune[3]) for commune in communes]
    taken = set()
    while len(rows) < INITIATIVE_COUNT:
        commune = rng.choices(communes, weights)[0]
        kind = rng.choice(KINDS)
        if (commune[0], kind[1]) not in taken:
            taken.add((commune[0], kind[1]))
            rows.append(invented_initiative(len(rows) + 1, commune, kind, rng))
    # A stream of its own, so the invented initiatives themselves stay as they were.
    histories = draw("initiative_histories")
    return rows[:real_n] + [with_history(row, histories) for row in rows[real_n:]]


BUILDERS = {"indicateurs": indicator_rows,
            "observations": observation_rows, "initiatives": initiative_rows}


def write_demo(directory: Path = DEMO_DIR) -> dict[str, Path]:
    """Write the demo files into `directory` (a .gz name is compressed, with no timestamp so
    the bytes repeat); return their paths by dataset name."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, file_name in DEMO_FILES.items():
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, DATASETS[name].column_names, delimiter=DELIMITER,
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(BUILDERS[name]())
        data = text.getvalue().encode("utf-8")
        paths[name] = directory / file_name
        paths[name].write_bytes(gzip.compress(data, mtime=0) if file_name.endswith(".gz") else data)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Write the demonstration files and print one line per file; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m observatory.demo_generator",
        description="Écrit les fichiers de démonstration (Bretagne) : indicateurs, observations "
                    "(compressé en gzip) et initiatives ; les territoires viennent du COG livré.")
    parser.add_argument("--output", type=Path, default=DEMO_DIR,
                        help="dossier de sortie (par défaut : data/demo)")
    for name, path in write_demo(parser.parse_args(argv).output).items():
        rows = read_demo_file(path).count(b"\n") - 1
        print(f"{name} : {rows} lignes, {path.stat().st_size} octets ({path})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
