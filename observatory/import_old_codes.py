"""Old commune codes in data files (DATA-CONTRACT.md §5): merged since into a commune nouvelle.

The COG's {old code: commune nouvelle} pairs (data/reference/cog/anciens_codes.csv.gz) are read
once per file into `import_old_codes`, without the old codes the base holds itself (a base that
still holds the old commune keeps it). The typing statements of observations and initiatives
convert a code unknown to the base into its commune nouvelle when the base holds that one, in the
same pass as the zero repair: values landing on one key are added up (import_observations_final),
initiatives move. A territoires row adding an old commune beside the commune nouvelle the base
holds is refused (it would count its territory twice); a file holding both is an older geography of
its own, accepted as it is. One warning names the codes converted.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from observatory import sqlstore
from observatory.import_messages import count as french_count
from observatory.import_messages import label_of, where
from observatory.reference_build import OLD_CODES_FILE

# The datasets whose codes are converted, each with the statement listing its conversions;
# territoires reads the pairs to refuse an old commune.
CONVERSION_STATEMENTS = {"observations": "import_observations_conversions",
                         "initiatives": "import_initiatives_conversions"}
READERS = (*CONVERSION_STATEMENTS, "territoires")
# Pairs listed in the warning; beyond, a count.
LISTED_PAIRS = 10
OUTCOMES = {
    "observations": (" Les valeurs qui tombent ainsi sur le même indicateur, la même commune et la "
                     "même année sont additionnées (pour un taux : son numérateur et son "
                     "dénominateur)."),
    "initiatives": " Les initiatives concernées sont rattachées à la commune nouvelle.",
}


def stage(con: duckdb.DuckDBPyConnection, dataset: str) -> None:
    """Create `import_old_codes` for a file of `dataset` (before its typing statement)."""
    if dataset in READERS:
        sqlstore.write(con, "import_old_codes_create", [str(OLD_CODES_FILE)])


def find_conversions(con: duckdb.DuckDBPyConnection, dataset: str) -> None:
    """Fill `import_conversions` from the typed file (after its typing statement)."""
    if dataset in CONVERSION_STATEMENTS:
        sqlstore.write(con, CONVERSION_STATEMENTS[dataset])


def warnings(con: duckdb.DuckDBPyConnection, dataset: str, staged,
             sheet_rows: Callable[[list[int]], dict[int, int]]) -> list[str]:
    """Return the one French warning naming the codes converted ([] when none).

    `sheet_rows` maps staged rows to the rows of the sheet (they differ after an unpivot).
    """
    if dataset not in CONVERSION_STATEMENTS:
        return []
    pairs = sqlstore.rows(con, "import_old_code_summary")
    if not pairs:
        return []
    listed_pairs = pairs[:LISTED_PAIRS]
    sheet = sheet_rows([row_n for *_, rows_n in listed_pairs for row_n in rows_n])
    label = label_of(staged, pairs[0][0], None)
    listed = ", ".join(f"{old} → {new} ({_rows_text([sheet.get(row_n, row_n) for row_n in rows_n])})"
                       for _, old, new, rows_n in listed_pairs)
    if len(pairs) > LISTED_PAIRS:
        listed += f"… et {french_count(len(pairs) - LISTED_PAIRS)} autres"
    prefix = where(staged, None, label) or f"Colonne « {label} » : "
    subject = ("codes de communes fusionnées depuis ont été rapportés à leur commune nouvelle"
               if len(pairs) > 1 else
               "code de commune fusionnée depuis a été rapporté à sa commune nouvelle")
    return [f"{prefix}{french_count(len(pairs))} {subject} : {listed}.{OUTCOMES[dataset]}"
            + _merged_rows(con, dataset)]


def _merged_rows(con, dataset: str) -> str:
    """Say how many rows make how many values, so that the counts of the report add up."""
    if dataset != "observations":
        return ""
    rows_n, keys_n = sqlstore.one(con, "import_old_code_merged_rows")
    if rows_n == keys_n:
        return ""
    return (f" Ici, {french_count(rows_n)} lignes du fichier font "
            f"{french_count(keys_n)} valeur{'s' if keys_n > 1 else ''}.")


def _rows_text(rows: list[int]) -> str:
    """« ligne 3 », or « 4 lignes, dès la ligne 3 » (rows of the sheet: one per row, not per cell)."""
    distinct = sorted(set(rows))
    if len(distinct) == 1:
        return f"ligne {distinct[0]}"
    return f"{french_count(len(distinct))} lignes, dès la ligne {distinct[0]}"
