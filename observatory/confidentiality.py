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
    "(secret primaire). Pour qu'un chiffre masqué ne puisse pas être retrouvé par soustraction, "
    "chaque fois qu'un total est publié et que tous ses composants sauf un le sont aussi, on "
    "masque en plus le plus petit des autres composants (ou, à défaut, le total lui-même). "
    "La règle s'applique à chaque emboîtement — communes d'un EPCI, communes d'un département, "
    "communes et départements de la région — et elle est répétée jusqu'à ce que plus rien ne "
    "change (secret secondaire). Un taux est masqué dès que son numérateur ou son dénominateur "
    "l'est sur le même territoire et la même année (sinon le taux et le numérateur publiés "
    "redonneraient le dénominateur). Les territoires sans donnée sont signalés « pas de donnée », "
    "distinctement du secret."
)

METHOD_EN = (
    "Statistical confidentiality. A figure whose underlying count (the numerator of a rate, or "
    "the value itself for a count) is below the indicator's threshold is never published: it "
    "shows as « secret », never as 0 or a blank (primary suppression). So that a hidden figure "
    "cannot be recovered by subtraction, whenever a total and all of its components but one are "
    "shown, the smallest other component is hidden too (or, failing one, the total itself). The "
    "rule applies to every nesting — communes of an EPCI, communes of a département, communes "
    "and départements of the région — and is repeated until nothing changes (secondary "
    "suppression). A rate is hidden whenever its numerator or its denominator is hidden for the "
    "same territory and year (else the published rate and numerator would give the "
    "denominator). Territories without data are shown as « no data », distinct from secret "
    "figures."
)


def apply_primary(con: duckdb.DuckDBPyConnection) -> None:
    """Hide every cell whose underlying count is below its threshold, and the ratios' numerators."""
    con.execute(sqlstore.sql("engine_build_ratio_counts"))
    con.execute(sqlstore.sql("engine_build_primary_secret"))
    con.execute(sqlstore.sql("engine_build_numerator_secret"))


def apply_secondary(con: duckdb.DuckDBPyConnection) -> int:
    """Hide more cells until every split leaves each protected cell its range; return the steps."""
    statements = [sqlstore.sql(name) for name in SECONDARY_STEPS]
    for step in range(1, MAX_SECONDARY_STEPS + 1):
        hidden_n = sum(con.execute(statement).fetchall()[0][0] for statement in statements)
        if hidden_n == 0:
            return step
    raise RuntimeError("secondary suppression did not reach a fixed point")


def apply_ratio_structure(con: duckdb.DuckDBPyConnection) -> None:
    """Hide every ratio whose inputs are secret at the cell or that sums other components."""
    con.execute(sqlstore.sql("engine_build_ratio_secret"))
    con.execute(sqlstore.sql("engine_build_ratio_coverage"))


def apply_all(con: duckdb.DuckDBPyConnection) -> int:
    """Run the primary, secondary and ratio rules on `engine_cells`; return the secondary steps."""
    apply_primary(con)
    steps = apply_secondary(con)
    apply_ratio_structure(con)
    return steps
