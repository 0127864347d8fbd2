"""Warnings a validated file earns about statistical confidentiality (DATA-CONTRACT.md §7).

A rate and its numerator indicator with different thresholds (the engine protects the numerator
with the rate's threshold too), and a stored value of a larger territory away from the sum of its
communes (published as loaded, marked « valeur de la source »).
"""

from __future__ import annotations

import duckdb

from observatory import formatting, sqlstore

# Listed one by one up to this many; beyond, a count.
LISTED_GAPS = 20


def warnings_for(con: duckdb.DuckDBPyConnection, dataset: str) -> list[str]:
    """Return the French warnings of the staged file of `dataset` (`import_typed`)."""
    if dataset == "indicateurs":
        return [_threshold_warning(*row) for row in sqlstore.rows(con, "import_indicateurs_threshold_mismatches")]
    if dataset == "observations":
        rows = sqlstore.rows(con, "import_observations_stored_parent_gaps")
        warnings = [_gap_warning(*row) for row in rows[:LISTED_GAPS]]
        if len(rows) > LISTED_GAPS:
            warnings.append(f"… et {formatting.format_number(len(rows) - LISTED_GAPS)} autres "
                            "valeurs de territoires plus grands différentes de la somme de leurs "
                            "communes.")
        return warnings
    return []


def _threshold_warning(ratio: str, ratio_seuil: int, numerator: str, numerator_seuil: int) -> str:
    return (f"Seuils de secret différents : le taux « {ratio} » a le seuil {ratio_seuil}, son "
            f"numérateur « {numerator} » le seuil {numerator_seuil}. Là où le taux est secret, "
            f"le numérateur l'est aussi (avec le seuil {max(ratio_seuil, numerator_seuil)}) ; "
            "donnez-leur le même seuil dans le catalogue pour que chacun affiche le secret "
            "attendu.")


def _gap_warning(row_n: int, indicator: str, code: str, name: str, level: str, year: int,
                 value: float, components_sum: float) -> str:
    gap = 100 * (value - components_sum) / components_sum if components_sum else None
    gap_text = f" ({formatting.format_number(gap, 1)} %)" if gap is not None else ""
    parts = "arrondissements municipaux" if level == "commune" else "communes"
    return (f"Ligne {row_n} : « {indicator} » {year} pour {name} ({code}, {level}) vaut "
            f"{_figure(value)}, la somme de ses {parts} {_figure(components_sum)}{gap_text}. "
            "La valeur fournie est "
            "publiée telle quelle et marquée « valeur de la source » ; vérifiez-la si l'écart "
            "n'est pas voulu.")


def _figure(value: float) -> str:
    return formatting.format_number(value, 0 if float(value).is_integer() else 2)
