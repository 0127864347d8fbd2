"""Statistical confidentiality of the published figures: primary and secondary suppression.

The rules run in SQL over the engine's work table `engine_cells` (sql/queries/engine_build.sql);
this module drives the secondary rule to its fixed point and describes the method to users.
"""

from __future__ import annotations

import duckdb

from observatory import sqlstore

# Each step hides at least one cell, so the loop ends; the bound only guards against a bug.
MAX_SECONDARY_STEPS = 1000
# Splits of totals, then denominators that would cap a protected numerator (N ≤ D).
SECONDARY_STEPS = ("engine_build_secondary_step", "engine_build_denominator_cover")

METHOD_FR = (
    "Secret statistique. Un chiffre dont l'effectif sous-jacent (le numérateur pour un taux, "
    "la valeur elle-même pour un effectif) est inférieur au seuil de secret de l'indicateur "
    "n'est jamais publié : il apparaît comme « secret », jamais comme 0 ni comme une case vide "
    "(secret primaire). Le seuil d'un taux protège aussi son numérateur : là où le taux est "
    "secret, l'effectif du numérateur l'est aussi. D'autres chiffres sont masqués pour qu'un "
    "chiffre secret ne puisse être ni retrouvé ni encadré de trop près à partir de ce qui est "
    "publié (secret secondaire). Dans chaque découpage d'un total — les communes d'un EPCI, "
    "y compris d'un EPCI à cheval sur deux départements, les communes d'un département, ses EPCI "
    "et ses autres communes, les communes, les EPCI et les départements de la région, les "
    "arrondissements municipaux d'une commune —, jamais "
    "un chiffre n'est masqué seul, et les chiffres masqués ensemble totalisent au moins le seuil. "
    "Un dénominateur plus petit que le seuil, qui bornerait son numérateur, est masqué aussi ; "
    "un taux est masqué dès que son numérateur ou son dénominateur l'est au même endroit, ou "
    "quand il porte sur d'autres communes que son numérateur (un dénominateur manquant). Les "
    "chiffres masqués en plus sont choisis dans le même département que le secret. Ce qui est "
    "garanti : quelqu'un qui combine tous les chiffres publiés — tous les niveaux, les taux, "
    "les numérateurs et les dénominateurs, en sachant qu'un effectif est positif et qu'un "
    "numérateur ne dépasse pas son dénominateur — ne peut pas enfermer un chiffre secret dans "
    "un intervalle plus étroit que le seuil de l'indicateur. L'observatoire le vérifie en "
    "résolvant ce calcul, celui d'un attaquant (« python -m observatory audit-secret »). Les "
    "territoires sans donnée sont signalés « pas de donnée », distinctement du secret."
)


def apply_primary(con: duckdb.DuckDBPyConnection) -> None:
    """Hide every cell whose underlying count is below its threshold, and the ratios' numerators."""
    sqlstore.write(con, "engine_build_ratio_counts")
    sqlstore.write(con, "engine_build_primary_secret")
    sqlstore.write(con, "engine_build_numerator_secret")


def apply_secondary(con: duckdb.DuckDBPyConnection) -> int:
    """Hide more cells until every split leaves each protected cell its range; return the steps."""
    for step in range(1, MAX_SECONDARY_STEPS + 1):
        hidden_n = sum(sqlstore.scalar(con, name) for name in SECONDARY_STEPS)
        if hidden_n == 0:
            return step
    raise RuntimeError("secondary suppression did not reach a fixed point")


def apply_ratio_structure(con: duckdb.DuckDBPyConnection) -> None:
    """Hide every ratio whose inputs are secret at the cell or that sums other components."""
    sqlstore.write(con, "engine_build_ratio_secret")
    sqlstore.write(con, "engine_build_ratio_coverage")


def apply_all(con: duckdb.DuckDBPyConnection) -> int:
    """Run the primary, secondary and ratio rules on `engine_cells`; return the secondary steps."""
    apply_primary(con)
    steps = apply_secondary(con)
    apply_ratio_structure(con)
    return steps
