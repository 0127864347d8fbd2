"""How a partner's file maps to the contract (DATA-CONTRACT.md §6): --map, --set, --wide.

A `FileShape` says which sheet and header row to read and how the file's columns become
contract columns; it is what a template stores. `plan_header` resolves it against the
header a reader found (CSV or workbook) and reports, in French, every mapping that names
a column the file does not have; `fill_staging` then builds `import_staging` from the raw
cells in one SQL statement, unpivoting the wide columns (one row per non-empty cell).

After an unpivot several staged rows come from one row of the file: they get their own
`row_n` (the checks need one number per row), and `import_origin` says which sheet row and
which wide column each came from, so that problems still point at the file's own cells.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from observatory import csvshape, sqlstore
from observatory.csvshape import ImportProblem
from observatory.errors import ObservatoryError

STAGING_TABLE = "import_staging"
RAW_TABLE = "import_raw"
ORIGIN_TABLE = "import_origin"
# The columns staged from a wide file, in the order of the observations contract (only
# observations take --wide): sql/queries/import_read.sql writes them by name.
WIDE_DATASET_COLUMNS = ("indicateur", "territoire", "annee", "valeur", "statut", "source", "note", "niveau")
# Year columns: a date in them (a workbook's date cell, a French dd/mm/yyyy) gives its year.
YEAR_COLUMNS = ("annee", "annee_creation")
# Partner names of the territory code column (after header normalisation): they make a
# header recognisable, and the Import page suggests mapping them.
TERRITORY_NAMES = ("codgeo", "code_geo", "code_commune", "depcom", "code_insee", "insee",
                   "codecommune", "code_territoire", "com", "code_com")
_YEAR = re.compile(r"(?<![0-9])(199[0-9]|20[0-9]{2})(?![0-9])")
_INSEE = re.compile(r"^([A-Za-z]+)([0-9]{2})(_.+)$")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_TOKEN = re.compile(r"\{(annee|aa|indicateur)\}")


class ShapeError(ObservatoryError):
    """An option of the mapping is malformed (a usage error: exit code 2)."""


@dataclass(frozen=True)
class WidePattern:
    """`--wide PATTERN[=INDICATOR]`: headers matching PATTERN are one value per cell."""

    pattern: str
    indicator: str | None = None

    def regex(self) -> re.Pattern:
        pieces, position, groups = [], 0, set()
        for token in _TOKEN.finditer(self.pattern):
            pieces.append(re.escape(self.pattern[position:token.start()]))
            name = token.group(1)
            if name in groups:
                raise ShapeError(f"Motif --wide « {self.pattern} » : {{{name}}} y figure deux fois.")
            groups.add(name)
            pieces.append({"annee": r"(?P<annee>\d{4})", "aa": r"(?P<aa>\d{2})",
                           "indicateur": r"(?P<indicateur>.+?)"}[name])
            position = token.end()
        pieces.append(re.escape(self.pattern[position:]))
        if not groups & {"annee", "aa"}:
            raise ShapeError(
                f"Motif --wide « {self.pattern} » sans année : il doit contenir {{annee}} (quatre "
                "chiffres, par ex. « valeur_{annee} ») ou {aa} (deux chiffres, par ex. « P{aa}_POP »).")
        if "indicateur" in groups and self.indicator:
            raise ShapeError(
                f"Motif --wide « {self.pattern}={self.indicator} » : l'indicateur est donné deux "
                "fois ({indicateur} dans le motif et après =) ; gardez l'un des deux.")
        return re.compile("".join(pieces), re.IGNORECASE)

    def match(self, header: str) -> tuple[str, str | None] | None:
        """Return (year, indicator from the header or None) when `header` matches, else None."""
        found = self.regex().fullmatch(header.strip())
        if found is None:
            return None
        groups = found.groupdict()
        year = groups.get("annee") or f"20{groups['aa']}"
        return year, groups.get("indicateur")


@dataclass
class FileShape:
    """Sheet, header row and mapping of a file: what --save-template stores."""

    sheet: str | None = None
    header_row: int | None = None
    renames: list[tuple[str, str]] = field(default_factory=list)
    constants: list[tuple[str, str]] = field(default_factory=list)
    wide: list[WidePattern] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"sheet": self.sheet, "header_row": self.header_row,
                           "map": [list(pair) for pair in self.renames],
                           "set": [list(pair) for pair in self.constants],
                           "wide": [[wide.pattern, wide.indicator] for wide in self.wide]},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> FileShape:
        data = json.loads(text)
        return cls(data.get("sheet"), data.get("header_row"),
                   [tuple(pair) for pair in data.get("map", [])],
                   [tuple(pair) for pair in data.get("set", [])],
                   [WidePattern(pattern, indicator) for pattern, indicator in data.get("wide", [])])

    def merged_with(self, other: FileShape) -> FileShape:
        """Return this shape (a template) completed and overridden by `other` (the command's)."""
        return FileShape(other.sheet if other.sheet is not None else self.sheet,
                         other.header_row if other.header_row is not None else self.header_row,
                         self.renames + other.renames, self.constants + other.constants,
                         self.wide + other.wide)

    def describe(self) -> str:
        """Return the mapping as the command line writes it (shown with templates)."""
        parts = [f"--sheet {self.sheet}"] if self.sheet else []
        parts += [f"--header-row {self.header_row}"] if self.header_row else []
        parts += [f"--map {src}={dst}" for src, dst in self.renames]
        parts += [f"--set {column}={value}" for column, value in self.constants]
        parts += [f"--wide {wide.pattern}" + (f"={wide.indicator}" if wide.indicator else "")
                  for wide in self.wide]
        return " ".join(parts)


def parse_map(text: str) -> tuple[str, str]:
    """Return (SRC, DST) of `--map SRC=DST`, or raise a French ShapeError."""
    source, equals, target = text.rpartition("=")
    if not equals or not source.strip() or not target.strip():
        raise ShapeError(f"--map « {text} » : écrivez COLONNE_DU_FICHIER=colonne_du_contrat, "
                         "par ex. --map CODGEO=territoire.")
    return source.strip(), target.strip()


def parse_set(text: str) -> tuple[str, str]:
    """Return (COL, VALUE) of `--set COL=VALUE`, or raise a French ShapeError."""
    column, equals, value = text.partition("=")
    if not equals or not column.strip():
        raise ShapeError(f"--set « {text} » : écrivez colonne=valeur, par ex. "
                         "--set indicateur=emplois_ess.")
    return column.strip(), value.strip()


def parse_wide(text: str) -> WidePattern:
    """Return the pattern of `--wide PATTERN[=INDICATOR]`, or raise a French ShapeError."""
    pattern, equals, indicator = text.rpartition("=")
    if not equals or "}" in indicator:
        pattern, indicator = text, ""
    wide = WidePattern(pattern.strip(), indicator.strip() or None)
    wide.regex()  # refuses a pattern without a year now, before any file is read
    return wide


@dataclass
class HeaderPlan:
    """The header resolved: contract column → file position, wide columns, constants."""

    positions: dict[str, int] = field(default_factory=dict)
    wide: list[tuple[int, str, str | None, str]] = field(default_factory=list)  # position, year, indicator, header
    constants: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # contract column → the file's own name

    def columns(self) -> set[str]:
        produced = set(self.positions) | set(self.constants)
        if self.wide:
            produced |= {"annee", "valeur"}
            if all(indicator for _, _, indicator, _ in self.wide):
                produced.add("indicateur")
        return produced


def wide_pattern(header: str) -> str | None:
    """Return the --wide pattern a header with a year in it suggests (None without a year):
    `2021` → {annee}, `valeur_2021` → valeur_{annee}, INSEE's `P21_POP` → P{aa}_POP."""
    header = header.strip()
    insee = _INSEE.match(header)
    if insee:
        return f"{insee.group(1)}{{aa}}{insee.group(3)}"
    if len(header) <= 40 and len(_YEAR.findall(header)) == 1:
        return _YEAR.sub("{annee}", header)
    return None


def plan_header(names: list[str], normalised: list[str], normalise, expected: tuple[str, ...],
                required: tuple[str, ...], shape: FileShape, header_row: int,
                problems: list[ImportProblem], warnings: list[str],
                delimiter_hint: str = "", raw_header: str | None = None) -> HeaderPlan:
    """Return the plan of a header (original names and their normalised form); record problems.

    `normalise(list[str]) -> list[str]` normalises names like headers (SQL macro import_word).
    """
    plan = HeaderPlan()
    by_word: dict[str, list[int]] = {}
    for position, word in enumerate(normalised):
        if word:
            by_word.setdefault(word, []).append(position)
    targets: dict[int, str] = {}
    if shape.renames:
        sources = normalise([source for source, _ in shape.renames])
        destinations = normalise([target for _, target in shape.renames])
        for (source, target), word, destination in zip(shape.renames, sources, destinations, strict=True):
            if destination not in expected:
                problems.append(ImportProblem(header_row, None, target, (
                    f"--map {source}={target} : « {target} » n'est pas une colonne du jeu de "
                    f"données ; choisissez parmi {', '.join(expected)}.")))
            elif word not in by_word:
                problems.append(ImportProblem(header_row, None, source, (
                    f"--map {source}={target} : la colonne « {source} » n'existe pas dans "
                    f"l'en-tête (ligne {header_row}) ; colonnes du fichier : "
                    f"{_listed(names)}. Corrigez le nom ou la ligne d'en-tête.")))
            else:
                for position in by_word[word]:
                    targets[position] = destination
    wide_positions = set()
    for wide in shape.wide:
        matched = [(position, wide.match(name)) for position, name in enumerate(names) if name]
        matched = [(position, found) for position, found in matched if found]
        if not matched:
            problems.append(ImportProblem(header_row, None, wide.pattern, (
                f"--wide {wide.pattern} : aucune colonne de l'en-tête (ligne {header_row}) ne "
                f"correspond à ce motif ; colonnes du fichier : {_listed(names)}.")))
        for position, (year, indicator) in matched:
            if position in wide_positions:
                continue
            wide_positions.add(position)
            code = normalise([indicator])[0] if indicator else wide.indicator
            plan.wide.append((position, year, code, names[position].strip()))
    unknown = []
    for position, word in enumerate(normalised):
        if position in wide_positions:
            continue
        name = targets.get(position, word if word in expected else None)
        if name is None:
            if word:
                unknown.append(csvshape.shown_name(names[position]))
            continue
        if name in plan.positions:
            problems.append(ImportProblem(
                header_row, name, names[position],
                f"La colonne « {name} » figure deux fois dans l'en-tête (colonnes "
                f"{plan.positions[name] + 1} et {position + 1}) : gardez-en une seule."))
            continue
        plan.positions[name] = position
        if position in targets:
            plan.labels[name] = names[position].strip()
    if shape.wide and (conflict := sorted(set(plan.positions) & {"annee", "valeur"})):
        problems.append(ImportProblem(header_row, conflict[0], None, (
            f"La colonne « {conflict[0]} » du fichier et --wide la donnent toutes deux : retirez "
            "--wide ou renommez la colonne.")))
    for column, value in shape.constants:
        word = normalise([column])[0]
        if word not in expected:
            problems.append(ImportProblem(None, None, column, (
                f"--set {column}={value} : « {column} » n'est pas une colonne du jeu de données ; "
                f"choisissez parmi {', '.join(expected)}.")))
            continue
        if word in plan.positions:
            warnings.append(f"La colonne « {names[plan.positions.pop(word)].strip()} » du fichier "
                            f"est remplacée par la valeur de --set {column}={value}.")
        plan.constants[word] = value
    if shape.wide and "indicateur" in plan.positions | plan.constants and any(
            indicator for _, _, indicator, _ in plan.wide):
        problems.append(ImportProblem(header_row, "indicateur", None, (
            "L'indicateur est donné deux fois : par --wide et par une colonne « indicateur » "
            "(ou --set) ; gardez l'un des deux.")))
    if not plan.positions and not plan.wide and not problems:
        problems.append(ImportProblem(
            header_row, None,
            (raw_header if raw_header is not None else " ; ".join(name for name in names if name))[:200],
            f"Aucune colonne attendue n'a été reconnue dans l'en-tête (ligne {header_row}) : il "
            f"doit contenir les noms de colonnes ({', '.join(expected)}), ou "
            "indiquez la correspondance (--map COLONNE=colonne, --wide MOTIF)."))
        return plan
    produced = plan.columns()
    for name in required:
        if name not in produced:
            problems.append(ImportProblem(
                header_row, name, None,
                f"Colonne obligatoire « {name} » absente de l'en-tête (ligne {header_row}"
                f"{delimiter_hint}) : ajoutez-la, ou indiquez la colonne du fichier qui la donne "
                f"(--map COLONNE={name}) ou sa valeur pour toutes les lignes (--set {name}=VALEUR)."))
    if unknown:
        listed = ", ".join(f"« {name} »" for name in unknown)
        warnings.append(f"Colonne inconnue ignorée : {listed}." if len(unknown) == 1
                        else f"Colonnes inconnues ignorées : {listed}.")
    return plan


def _listed(names: list[str]) -> str:
    shown = [f"« {csvshape.shown_name(name)} »" for name in names if name and name.strip()]
    return ", ".join(shown[:30]) + (" …" if len(shown) > 30 else "") if shown else "aucune"


def fill_staging(con, plan: HeaderPlan, expected: tuple[str, ...], width: int,
                 header_row: int) -> None:
    """Create `import_staging` (row_n, one text column per expected column, overflow) from
    `import_raw`, and `import_origin` when wide columns were unpivoted."""
    if not all(_IDENTIFIER.match(name) for name in expected):
        raise ValueError(f"column names must be identifiers: {expected}")
    if plan.wide:
        _unpivot_wide(con, plan, expected, width, header_row)
        return
    # Identifiers come from the dataset definition and generated positions; values of the
    # file and of the options (constants, years, indicators) are bound parameters.
    parameters: list = []
    fixed = []
    for name in expected:
        if name in plan.constants:
            fixed.append(f"?::varchar as {name}")
            parameters.append(plan.constants[name] or None)
        elif name in plan.positions:
            cell = f"import_text(c{plan.positions[name]})"
            fixed.append(f"{f'import_year({cell})' if name in YEAR_COLUMNS else cell} as {name}")
    read = [name for name in expected if name in plan.positions]
    con.execute(f"drop table if exists {ORIGIN_TABLE}")
    cells = [fixed.pop(0) if name in plan.positions or name in plan.constants
             else f"null::varchar as {name}" for name in expected]
    con.execute(
        f"create or replace temp table {STAGING_TABLE} as "  # noqa: S608
        f"select * from (select (rowid + ?)::integer as row_n, {', '.join(cells)}, "
        f"import_text(c{width}) as overflow from {RAW_TABLE} where rowid > 0) "
        f"where coalesce({', '.join(read + ['overflow'])}) is not null",
        [header_row, *parameters],
    )


def _unpivot_wide(con, plan: HeaderPlan, expected: tuple[str, ...], width: int,
                  header_row: int) -> None:
    """Fill `import_staging` and `import_origin` from the wide columns (DuckDB unnests them)."""
    if expected != WIDE_DATASET_COLUMNS:
        raise ValueError(f"wide columns are staged as observations: {expected}")
    parameters = {"header_row": header_row, "overflow_at": width,
                  "wide_positions": [position for position, *_ in plan.wide],
                  "wide_years": [year for _, year, _, _ in plan.wide],
                  "wide_indicators": [indicator for _, _, indicator, _ in plan.wide],
                  "wide_indicator": any(indicator for _, _, indicator, _ in plan.wide)}
    for name in WIDE_DATASET_COLUMNS:
        if name not in ("annee", "valeur"):
            parameters[name] = plan.constants.get(name) or None
            parameters[f"{name}_at"] = plan.positions.get(name)
    sqlstore.write(con, "import_read_wide_unpivot", parameters)
    for name in ("import_read_wide_staging", "import_read_wide_origin", "import_read_wide_drop"):
        sqlstore.write(con, name)
