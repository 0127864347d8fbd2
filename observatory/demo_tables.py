"""The demo generator's tables, read from data/demo/source/ (see its README.md).

The indicator catalogue, real structures and kinds of invented initiatives are `;` CSV files;
how values are drawn (series, gaps, stages, shares) is parametres.toml. Values come back with
the types the generator draws with: ints, floats, None, tuples. The territories are not here:
they are the shipped COG's (observatory.territory_reference), as `init --region 53` loads them.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

SOURCE_DIR = Path(__file__).resolve().parent.parent / "data" / "demo" / "source"


class Indicator(NamedTuple):
    code: str
    libelle: str
    theme: str
    unite: str
    description: str
    source: str
    sens: str = "neutre"
    agregation: str = "somme"
    numerateur: str = ""
    denominateur: str = ""
    secret_seuil: int = 0


class Series(NamedTuple):
    """A commune value: parent value × (rate + change × years since 2016), with noise."""

    parent: str
    rate: float
    change: float
    decimals: int = 0
    first_year: int = 2016
    size_effect: float = 0.0  # bigger towns have proportionally more (jobs, students)
    shocks: tuple[tuple[int, float], ...] = ()  # (year, multiplier)


class RegionalSeries(NamedTuple):
    """A value stored for the région and each département (not aggregable)."""

    base: float  # région, 2016
    change: float  # per year
    offsets: tuple[float, float, float, float]  # départements 22, 29, 35, 56
    decimals: int
    noise: float
    shocks: tuple[tuple[int, float], ...] = ()  # (year, amount added)


def flag(text: str) -> bool | None:
    """Return the boolean of « oui » / « non » (None when blank)."""
    return {"oui": True, "non": False, "": None}[text]


def optional_int(text: str) -> int | None:
    return None if text == "" else int(text)


def choices(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


def read_csv(name: str, **types: Callable[[str], object]) -> tuple[tuple, ...]:
    """Return the rows of source file `name` as tuples; `types` converts columns (else text)."""
    with (SOURCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return tuple(tuple(types.get(column, str)(value) for column, value in row.items())
                     for row in csv.DictReader(handle, delimiter=";"))


def pairs(items: list) -> tuple[tuple, ...]:
    return tuple(tuple(item) for item in items)


# ── Indicator catalogue ──────────────────────────────────────────────────────────────────
_CATALOGUE = read_csv("indicateurs.csv", secret_seuil=int, a_la_une=optional_int)
INDICATORS = tuple(Indicator(*row[:-1]) for row in _CATALOGUE)
# The demo's headlines (`a_la_une`): ranks 1-4 are the overview's key figures (one per story,
# ESS jobs for context), then each theme page's own, in the order the page shows them.
HEADLINE_RANKS = dict(sorted(((row[0], row[-1]) for row in _CATALOGUE if row[-1] is not None),
                             key=lambda item: item[1]))

# ── How values are drawn ─────────────────────────────────────────────────────────────────
with (SOURCE_DIR / "parametres.toml").open("rb") as _handle:
    _PARAMETERS = tomllib.load(_handle)

# Computed in this order: a parent comes before its children.
COMMUNE_SERIES = {
    code: Series(spec["parent"], spec["taux"], spec["evolution"],
                 **{field: spec[key] for field, key in (
                     ("decimals", "decimales"), ("first_year", "premiere_annee"),
                     ("size_effect", "effet_taille")) if key in spec},
                 **({"shocks": pairs(spec["chocs"])} if "chocs" in spec else {}))
    for code, spec in _PARAMETERS["series_communales"].items()}
REGIONAL_SERIES = {
    code: RegionalSeries(spec["base"], spec["evolution"], tuple(spec["ecarts"]),
                         spec["decimales"], spec["bruit"],
                         **({"shocks": pairs(spec["chocs"])} if "chocs" in spec else {}))
    for code, spec in _PARAMETERS["series_regionales"].items()}

_OBSERVATIONS = _PARAMETERS["observations"]
# Partial coverage: (indicator, commune) → years without a row.
GAPS = {(gap["indicateur"], gap["commune"]):
        range(gap["de"], gap["a"] + 1) if "de" in gap else tuple(gap["annees"])
        for gap in _OBSERVATIONS["lacunes"]}
# Rows present with an empty value: (indicator, commune, year).
NOT_AVAILABLE = {(row["indicateur"], row["commune"], row["annee"])
                 for row in _OBSERVATIONS["non_transmises"]}
ESTIMATED_SHARE = _OBSERVATIONS["part_estimees"]

# ── Initiatives ──────────────────────────────────────────────────────────────────────────
_INITIATIVES = _PARAMETERS["initiatives"]
INITIATIVE_COUNT = _INITIATIVES["nombre"]
REAL_NOTE = _INITIATIVES["note_reelle"]
FICTIVE_NOTE = _INITIATIVES["note_fictive"]
# Real, well-known structures in their real town:
# (nom, commune, thématique, porteur, forme, publics, économie circulaire, stade, création, texte)
REAL_INITIATIVES = read_csv("initiatives_reelles.csv", economie_circulaire=flag,
                            annee_creation=optional_int)
# Invented initiatives, one of each kind per town at most:
# (thématique, nom, texte, formes juridiques, publics, économie circulaire)
KINDS = read_csv("types_initiatives.csv", formes_juridiques=choices, publics=choices,
                 economie_circulaire=flag)
STRUCTURE_NAMES = tuple(_INITIATIVES["noms_structures"])
FORM_PREFIXES = _INITIATIVES["prefixes_formes"]
# stade → (years of creation, ETP range, volunteers range, beneficiaries range)
STAGE_PROFILES = {
    stade: (tuple(spec["annees_creation"]), tuple(spec["etp"]), tuple(spec["benevoles"]),
            tuple(spec["beneficiaires"]))
    for stade, spec in _PARAMETERS["stades"].items()}
STAGE_WEIGHTS = tuple(spec["poids"] for spec in _PARAMETERS["stades"].values())
# Share of invented initiatives of each stage that have stopped (experiments stop most), the
# last year one may have stopped in, and the share that leave each impact field blank.
STOP_SHARES = {stade: spec["part_arretees"] for stade, spec in _PARAMETERS["stades"].items()}
LAST_STOP_YEAR = _INITIATIVES["derniere_annee_fin"]
BLANK_SHARES = _INITIATIVES["parts_vides"]
