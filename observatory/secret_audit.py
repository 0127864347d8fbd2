"""The attacker's linear programme over everything published (`audit-secret`, DATA-CONTRACT.md §7).

Unknowns: every hidden count cell. Known: every shown figure. Equations: each computed total is
the sum of its stored components (every level, both splits of the communes, straddling EPCIs,
arrondissements municipaux in their commune and that commune in the levels above, coverage as
computed), each shown computed rate gives 100 ΣN − rate × ΣD = 0 over the components
it sums; inequalities: counts ≥ 0 and, for percentages, numerator ≤ denominator. For each
primary-secret cell the audit finds the least and the greatest value the system allows (HiGHS,
through scipy); the cell is exposed when that interval is narrower than its threshold.

The true values are one solution: together with each solver answer they give values the cell
can take, so most cells are cleared without solving their own pair of programmes.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import highspy
import numpy as np
import pandas as pd
from highspy.highs import _Highs
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from observatory import aggregation, sqlstore

# HiGHS works to 1e-7 relative; an interval short of its threshold by less is rounding.
WIDTH_TOLERANCE = 1e-6
# The frames the audit reads from the rebuilt cells, by the statement that reads each.
AUDIT_STATEMENTS = {"equations": "secret_audit_equations", "unknowns": "secret_audit_unknowns",
                    "caps": "secret_audit_caps", "targets": "secret_audit_targets",
                    "counts": "secret_audit_counts"}
# Programmes with random mixes of targets pushed up or down, solved before each target's own.
WITNESS_ROUNDS, WITNESS_SEED = 12, 53


@dataclass(frozen=True)
class ExposedCell:
    """A primary-secret cell the published figures bound to [minimum, maximum], under `seuil`."""

    indicateur: str
    territoire: str
    niveau: str
    annee: int
    seuil: int
    minimum: float
    maximum: float

    def to_json(self) -> dict:
        return {"indicateur": self.indicateur, "territoire": self.territoire,
                "niveau": self.niveau, "annee": self.annee, "seuil": self.seuil,
                "min": round(self.minimum, 6), "max": round(self.maximum, 6)}


@dataclass(frozen=True)
class AuditReport:
    """Secret and primary-secret cells counted, and the exposed ones."""

    cells_secret: int
    cells_primary: int
    exposed: tuple[ExposedCell, ...]

    def to_json(self) -> dict:
        return {"cells_secret": self.cells_secret, "cells_primary": self.cells_primary,
                "exposed": [cell.to_json() for cell in self.exposed]}


def audit_secret(con: duckdb.DuckDBPyConnection, indicator: str | None = None) -> AuditReport:
    """Rebuild the figures in temporary tables (nothing published) and audit them."""
    aggregation.build_cells(con)
    try:
        return audit_cells(con, indicator)
    finally:
        aggregation.drop_work_tables(con)


def linked_indicators(con: duckdb.DuckDBPyConnection, indicator: str) -> set[str]:
    """Return `indicator` and every indicator a chain of rates ties to it (one programme)."""
    links = sqlstore.rows(con, "secret_audit_ratio_links")
    found, grew = {indicator}, True
    while grew:
        grew = False
        for trio in links:
            members = {code for code in trio if code}
            if members & found and not members <= found:
                found |= members
                grew = True
    return found


def audit_cells(con: duckdb.DuckDBPyConnection, indicator: str | None = None) -> AuditReport:
    """Audit the work table `engine_cells` (after aggregation.build_cells)."""
    scope = linked_indicators(con, indicator) if indicator else None
    sqlstore.write(con, "secret_audit_terms")
    try:
        frames = {name: sqlstore.frame(con, statement)
                  for name, statement in AUDIT_STATEMENTS.items()}
    finally:
        con.execute("drop table if exists audit_terms")
    counts, targets = frames["counts"], frames["targets"]
    if scope is not None:
        counts = counts[counts["indicateur"].isin(scope)]
        targets = targets[targets["indicateur"].isin(scope)]
    exposed: list[ExposedCell] = []
    for year, year_targets in targets.groupby("annee"):
        exposed += _audit_year(int(year), year_targets,
                               *(_of_year(frames[name], year)
                                 for name in ("equations", "unknowns", "caps")))
    exposed.sort(key=lambda cell: (cell.indicateur, cell.annee, cell.niveau, cell.territoire))
    return AuditReport(int(counts["cells_secret"].sum()), int(counts["cells_primary"].sum()),
                       tuple(exposed))


def _of_year(frame: pd.DataFrame, year) -> pd.DataFrame:
    return frame[frame["annee"] == year]


def _cell_keys(indicators: pd.Series, territories: pd.Series, levels: pd.Series) -> pd.Series:
    return indicators + "|" + territories + "|" + levels


@dataclass
class _Programme:
    """One year's constraints over its hidden cells: A_eq x = b_eq, A_ub x ≤ b_ub, bounds."""

    variables: pd.Index
    a_eq: sparse.csr_matrix
    b_eq: np.ndarray
    a_ub: sparse.csr_matrix
    b_ub: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    truth: np.ndarray


def _audit_year(year: int, targets: pd.DataFrame, equations: pd.DataFrame,
                unknowns: pd.DataFrame, caps: pd.DataFrame) -> list[ExposedCell]:
    exposed = []
    shown = targets[targets["etat"] != "secret"]
    for row in shown.itertuples():
        exposed.append(ExposedCell(row.indicateur, row.territoire, row.niveau, year,
                                   int(row.seuil), float(row.valeur), float(row.valeur)))
    hidden = targets[targets["etat"] == "secret"]
    if hidden.empty:
        return exposed
    programme = _programme(hidden, equations, unknowns, caps)
    target_keys = _cell_keys(hidden["indicateur"], hidden["territoire"], hidden["niveau"])
    target_columns = programme.variables.get_indexer(target_keys)
    thresholds = hidden["seuil"].to_numpy(dtype=float)
    intervals = _intervals(programme, target_columns, thresholds)
    for row, (low, high) in zip(hidden.itertuples(), intervals, strict=True):
        if high - low < row.seuil * (1 - WIDTH_TOLERANCE) - WIDTH_TOLERANCE:
            exposed.append(ExposedCell(row.indicateur, row.territoire, row.niveau, year,
                                       int(row.seuil), low, high))
    return exposed


def _programme(targets: pd.DataFrame, equations: pd.DataFrame, unknowns: pd.DataFrame,
               caps: pd.DataFrame) -> _Programme:
    unknown_keys = _cell_keys(unknowns["indicateur"], unknowns["territoire"], unknowns["niveau"])
    numerator_keys = _cell_keys(caps["numerator_code"], caps["territoire"], caps["niveau"])
    denominator_keys = _cell_keys(caps["denominator_code"], caps["territoire"], caps["niveau"])
    target_keys = _cell_keys(targets["indicateur"], targets["territoire"], targets["niveau"])
    numerator_hidden = (caps["numerator_etat"] == "secret").to_numpy()
    denominator_hidden = (caps["denominator_etat"] == "secret").to_numpy()
    variables = pd.Index(pd.concat([
        unknown_keys, numerator_keys[numerator_hidden], denominator_keys[denominator_hidden],
        target_keys]).unique())
    truth = np.zeros(len(variables))
    for keys, values in ((unknown_keys, unknowns["valeur"]),
                         (numerator_keys[numerator_hidden], caps["numerator_value"][numerator_hidden]),
                         (denominator_keys[denominator_hidden],
                          caps["denominator_value"][denominator_hidden]),
                         (target_keys, targets["valeur"])):
        truth[variables.get_indexer(keys)] = values.to_numpy(dtype=float)

    rows = pd.Index(equations["equation"]).get_indexer(unknowns["equation"])
    a_eq = sparse.csr_matrix(
        (unknowns["coefficient"].to_numpy(dtype=float), (rows, variables.get_indexer(unknown_keys))),
        shape=(len(equations), len(variables)))
    b_eq = -equations["known"].fillna(0.0).to_numpy(dtype=float)
    # A rate row (100 ΣN − rate ΣD) has coefficients up to 100 and a known part summed over
    # thousands of shown cells: its rounding error can pass HiGHS's absolute feasibility
    # tolerance (1e-7), and the true values would look infeasible. Each row is scaled to a
    # largest coefficient of 1 (sum rows already are), which leaves the solutions unchanged.
    scale = 1.0 / np.maximum(abs(a_eq).max(axis=1).toarray().ravel(), 1.0)
    a_eq, b_eq = sparse.diags(scale) @ a_eq, b_eq * scale

    lower, upper = np.zeros(len(variables)), np.full(len(variables), np.inf)
    both = numerator_hidden & denominator_hidden
    pair_n = int(both.sum())
    a_ub = sparse.csr_matrix(
        (np.r_[np.ones(pair_n), -np.ones(pair_n)],
         (np.r_[np.arange(pair_n), np.arange(pair_n)],
          np.r_[variables.get_indexer(numerator_keys[both]),
                variables.get_indexer(denominator_keys[both])])),
        shape=(pair_n, len(variables)))
    capped = numerator_hidden & ~denominator_hidden
    np.minimum.at(upper, variables.get_indexer(numerator_keys[capped]),
                  caps["denominator_value"][capped].to_numpy(dtype=float))
    floored = denominator_hidden & ~numerator_hidden
    np.maximum.at(lower, variables.get_indexer(denominator_keys[floored]),
                  caps["numerator_value"][floored].to_numpy(dtype=float))
    return _Programme(variables, a_eq, b_eq, a_ub, np.zeros(pair_n), lower, upper, truth)


def _intervals(programme: _Programme, target_columns: np.ndarray,
               thresholds: np.ndarray) -> list[tuple[float, float]]:
    """Return [min, max] per target, exact where narrower than its threshold, else a witness."""
    low = programme.truth[target_columns].copy()
    high = low.copy()
    eq_n = programme.a_eq.shape[0]
    stacked = sparse.vstack([programme.a_eq, programme.a_ub]).tocsr()
    graph = sparse.bmat([[None, stacked], [stacked.T, None]]).tocsr()
    _, labels = connected_components(graph, directed=False)
    row_labels, variable_labels = labels[:stacked.shape[0]], labels[stacked.shape[0]:]
    for label in np.unique(variable_labels[target_columns]):
        columns = np.flatnonzero(variable_labels == label)
        eq_rows = np.flatnonzero(row_labels[:eq_n] == label)
        ub_rows = np.flatnonzero(row_labels[eq_n:] == label)
        members = np.flatnonzero(variable_labels[target_columns] == label)
        _component_intervals(programme, columns, eq_rows, ub_rows, target_columns[members],
                             thresholds[members], low, high, members)
    return list(zip(low.tolist(), high.tolist(), strict=True))


class _ComponentSolver:
    """One component's programme loaded once into HiGHS, solved for objective after objective.

    Only the costs change between solves, so each one starts from the last optimal basis: a
    few simplex iterations instead of a new model (a component is solved dozens of times).
    """

    def __init__(self, programme: _Programme, columns: np.ndarray, eq_rows: np.ndarray,
                 ub_rows: np.ndarray):
        matrix = sparse.vstack([programme.a_eq[eq_rows][:, columns],
                                programme.a_ub[ub_rows][:, columns]]).tocsc()
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(columns), matrix.shape[0]
        lp.col_cost_ = np.zeros(len(columns))
        lp.col_lower_, lp.col_upper_ = programme.lower[columns], programme.upper[columns]
        b_eq, b_ub = programme.b_eq[eq_rows], programme.b_ub[ub_rows]
        lp.row_lower_ = np.r_[b_eq, np.full(len(b_ub), -highspy.kHighsInf)]
        lp.row_upper_ = np.r_[b_eq, b_ub]
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_ = matrix.indptr, matrix.indices
        lp.a_matrix_.value_ = matrix.data
        # The core class: highspy.Highs's constructor prints HiGHS's banner on stdout before
        # any option can be set, into `audit-secret --format json` among others.
        self.highs = _Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.passModel(lp)
        self.columns = np.arange(len(columns), dtype=np.int32)

    def solve(self, objective: np.ndarray) -> np.ndarray | None:
        """Return a minimising point of `objective`, or None when it is unbounded below."""
        self.highs.changeColsCost(len(objective), self.columns, objective)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            # The true values are a solution: presolve's tolerances misjudged a large rate row.
            self.highs.setOptionValue("presolve", "off")
            self.highs.clearSolver()
            self.highs.run()
            status = self.highs.getModelStatus()
        if status in (highspy.HighsModelStatus.kUnbounded,
                      highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"secret audit: linear programme failed "
                               f"({self.highs.modelStatusToString(status)})")
        return np.asarray(self.highs.getSolution().col_value)


def _component_intervals(programme: _Programme, columns: np.ndarray, eq_rows: np.ndarray,
                         ub_rows: np.ndarray, target_columns: np.ndarray, thresholds: np.ndarray,
                         low: np.ndarray, high: np.ndarray, members: np.ndarray) -> None:
    local = pd.Index(columns).get_indexer(target_columns)
    solve = _ComponentSolver(programme, columns, eq_rows, ub_rows).solve

    def seen(point: np.ndarray) -> None:
        low[members] = np.minimum(low[members], point[local])
        high[members] = np.maximum(high[members], point[local])

    def cleared(index: int) -> bool:
        return high[members[index]] - low[members[index]] >= thresholds[index]

    if len(local) > 2:
        # Witnesses first: all targets down, all up, then random mixes of both. Each solution
        # is a feasible point, so it can only clear cells (never expose one), and a few of them
        # clear most of a large component's cells that would each need two programmes.
        signs = np.random.default_rng(WITNESS_SEED)
        directions = [np.full(len(local), -1.0), np.full(len(local), 1.0)] + [
            signs.choice((-1.0, 1.0), len(local)) for _ in range(WITNESS_ROUNDS)]
        for direction in directions:
            if all(cleared(index) for index in range(len(local))):
                break
            objective = np.zeros(len(columns))
            objective[local] = direction
            point = solve(objective)
            if point is not None:
                seen(point)
    for index, column in enumerate(local):
        if cleared(index):
            continue
        objective = np.zeros(len(columns))
        objective[column] = -1.0
        point = solve(objective)
        if point is None:
            high[members[index]] = np.inf
            continue
        seen(point)
        top = point[column]
        if cleared(index):
            continue
        objective[column] = 1.0
        point = solve(objective)
        seen(point)
        low[members[index]], high[members[index]] = point[column], top
