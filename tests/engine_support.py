"""Helpers of the indicator-engine tests: the hand-built fixture database and the attacker."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from observatory import aggregation, db, importer

ENGINE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "engine"
FIXTURE_FILES = (("territoires", "territoires.csv"), ("indicateurs", "indicateurs.csv"),
                 ("observations", "observations.csv"),
                 ("observations", "observations_departement.csv"))


def fixture_database():
    """Return an in-memory database holding tests/fixtures/engine, figures published."""
    con = db.connect_memory()
    for dataset, name in FIXTURE_FILES:
        report = importer.import_file(con, dataset, (ENGINE_FIXTURES / name).read_bytes(),
                                      name, "test")
        assert report.status == "applied", report.errors
    aggregation.rebuild_published_values(con)
    return con


def partitions(con) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """Return every (parent, children) split an attacker can use, built from the territories alone.

    Level pairs (commune ⊂ EPCI, département, région; département ⊂ région; arrondissement
    municipal ⊂ commune), and départements and région as the EPCIs they wholly hold plus their
    other communes.
    """
    communes = con.execute("select code, region, departement, epci from territoires "
                           "where niveau = 'commune'").df()
    departements = con.execute("select code, region from territoires "
                               "where niveau = 'departement'").df()
    epcis = set(con.execute("select code from territoires where niveau = 'epci'").df()["code"])
    splits = []
    for level in ("epci", "departement", "region"):
        for parent, group in communes.dropna(subset=[level]).groupby(level):
            splits.append(((parent, level), [(code, "commune") for code in group["code"]]))
    for parent, group in departements.dropna(subset=["region"]).groupby("region"):
        splits.append(((parent, "region"), [(code, "departement") for code in group["code"]]))
    arrondissements = con.execute("select code, commune from territoires "
                                  "where niveau = 'arrondissement_municipal'").df()
    for parent, group in arrondissements.groupby("commune"):
        splits.append(((parent, "commune"),
                       [(code, "arrondissement_municipal") for code in group["code"]]))
    for level in ("departement", "region"):
        inside = communes[communes["epci"].isin(epcis)].groupby("epci")[level].agg(
            lambda values: values.iloc[0] if values.nunique() == 1 and values.notna().all() else None)
        for parent, group in communes.dropna(subset=[level]).groupby(level):
            children = []
            for code, epci in zip(group["code"], group["epci"], strict=True):
                if isinstance(epci, str) and inside.get(epci) == parent:
                    children.append((epci, "epci"))
                else:
                    children.append((code, "commune"))
            splits.append(((parent, level), sorted(set(children))))
    return splits


def recoverable_secrets(con, indicator: str) -> list[tuple]:
    """Return every secret cell of a `somme` indicator that published figures give away.

    For each split and year: parent − Σ other children when exactly one child is hidden
    (absent children count as 0, as they do in a computed total), and Σ children for a
    hidden computed parent whose children are all shown.
    """
    figures = con.execute("select territoire, niveau, annee, valeur, etat, calcule "
                          "from published_values where indicateur = ?", [indicator]).df()
    cells = {(row.territoire, row.niveau, row.annee): row for row in figures.itertuples()}
    found = []
    splits = partitions(con)
    for year in sorted(figures["annee"].unique()):
        for parent, children in splits:
            found += _attack(cells, parent, children, int(year))
    return found


def _attack(cells: dict, parent: tuple, children: list, year: int) -> list[tuple]:
    """Return the secret cells recoverable from one split in one year."""
    top = cells.get((*parent, year))
    rows = [cells.get((*child, year)) for child in children]
    if top is None or any(row is None for row in rows):
        return []
    hidden = [row for row in rows if row.etat == "secret"]
    if top.etat == "publie" and len(hidden) == 1:
        return [(hidden[0].territoire, hidden[0].niveau, year, "parent − autres enfants")]
    if top.etat == "secret" and top.calcule and not hidden and any(
            row.etat == "publie" for row in rows):
        return [(top.territoire, top.niveau, year, "somme des enfants")]
    return []


def records(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Return the frame's rows as tuples of plain values (NaN and NA as None, floats rounded)."""
    out = []
    for row in frame[columns].itertuples(index=False):
        values = []
        for value in row:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                values.append(None)
            elif isinstance(value, float):
                values.append(round(value, 4))
            elif hasattr(value, "item"):
                values.append(value.item())
            else:
                values.append(value)
        out.append(tuple(values))
    return out


def recoverable_denominators(con) -> list[tuple]:
    """Return every secret denominator cell that a shown rate and a shown numerator give away.

    At one territory and year, denominator = 100 × numerator / rate.
    """
    return [tuple(row) for row in con.execute("""
        select ratio.indicateur, ratio.territoire, ratio.niveau, ratio.annee
        from published_values as ratio
        inner join indicateurs as catalogue on catalogue.code = ratio.indicateur
        inner join published_values as numerator
            on numerator.indicateur = catalogue.numerateur
            and numerator.territoire = ratio.territoire and numerator.niveau = ratio.niveau
            and numerator.annee = ratio.annee
        inner join published_values as denominator
            on denominator.indicateur = catalogue.denominateur
            and denominator.territoire = ratio.territoire and denominator.niveau = ratio.niveau
            and denominator.annee = ratio.annee
        where catalogue.agregation = 'ratio' and ratio.etat = 'publie'
            and numerator.etat = 'publie' and denominator.etat = 'secret'
        order by all
    """).fetchall()]


def determined_secrets(con, indicator: str) -> list[tuple]:
    """Return every secret cell of a `somme` indicator that all published splits together fix.

    A stronger attack than `recoverable_secrets`: per year, every split of every level is one
    linear equation (parent = Σ children, shown and absent cells known, absent = 0); a secret
    cell is given away when it is the same in every solution of the system, i.e. when the
    null space of the equations' matrix has no component on it.
    """
    figures = con.execute("select territoire, niveau, annee, etat from published_values "
                          "where indicateur = ?", [indicator]).df()
    splits = partitions(con)
    found = []
    for year, group in figures.groupby("annee"):
        cells = {(row.territoire, row.niveau): row.etat for row in group.itertuples()}
        secret = sorted(cell for cell, etat in cells.items() if etat == "secret")
        column = {cell: index for index, cell in enumerate(secret)}
        rows = []
        for parent, children in splits:
            if any(cell not in cells for cell in (parent, *children)):
                continue
            coefficients = np.zeros(len(secret))
            for sign, cell in ((1.0, parent), *((-1.0, child) for child in children)):
                if cell in column:
                    coefficients[column[cell]] += sign
            if coefficients.any():
                rows.append(coefficients)
        if not rows:
            continue
        _, singular, right = np.linalg.svd(np.array(rows))
        null_space = right[int((singular > 1e-9).sum()):]
        found += [(*cell, int(year)) for cell, index in column.items()
                  if np.all(np.abs(null_space[:, index]) < 1e-9)]
    return found


def attacker_interval(con, indicator: str, territory: str, level: str, year: int) -> tuple:
    """Return the least and greatest value of one cell that the published figures allow.

    Built from `published_values` and the territories alone (the attacker's view), for the
    indicators that rates tie to `indicator`: every split of a computed total (absent = 0),
    each shown rate (100 × ΣN = rate × ΣD over the communes holding both), counts ≥ 0 and a
    percentage's numerator ≤ its denominator. Solved with HiGHS (scipy).
    """
    from scipy.optimize import linprog

    ratios = con.execute("select code, numerateur, denominateur, unite = 'pourcentage' "
                         "from indicateurs where agregation = 'ratio'").fetchall()
    group = {indicator}
    for _ in ratios:
        group |= {code for ratio in ratios if group & set(ratio[:3]) for code in ratio[:3]}
    figures = con.execute(
        "select indicateur, territoire, niveau, valeur, etat, calcule from published_values "
        "where annee = ? and indicateur in (select unnest(?))", [year, sorted(group)]).df()
    cells = {(row.indicateur, row.territoire, row.niveau): row for row in figures.itertuples()}
    target = cells[(indicator, territory, level)]
    if target.etat == "publie":
        return target.valeur, target.valeur
    hidden = sorted(key for key, row in cells.items() if row.etat == "secret")
    column = {key: index for index, key in enumerate(hidden)}
    equalities, inequalities = [], []

    def linear(terms):
        coefficients, constant = np.zeros(len(hidden)), 0.0
        for coefficient, key in terms:
            row = cells.get(key)
            if row is None or row.etat == "absent":
                continue
            if row.etat == "secret":
                coefficients[column[key]] += coefficient
            else:
                constant += coefficient * row.valeur
        return coefficients, constant

    splits = partitions(con)
    communes_of = {parent: [child for child in children if child[1] == "commune"]
                   for parent, children in splits if all(c[1] == "commune" for c in children)}
    for code in group - {ratio[0] for ratio in ratios}:
        for parent, children in splits:
            top = cells.get((code, *parent))
            kids = [cells.get((code, *child)) for child in children]
            if top is None or not top.calcule or any(
                    kid is not None and kid.niveau != "commune" and kid.etat != "absent"
                    and not kid.calcule for kid in kids):
                continue
            equalities.append(linear([(1.0, (code, *parent))]
                                     + [(-1.0, (code, *child)) for child in children]))
    for code, numerator, denominator, percentage in ratios:
        if code not in group:
            continue
        for (ratio_code, territoire, niveau), row in cells.items():
            if ratio_code != code or row.etat != "publie" or not row.calcule:
                continue
            members = communes_of.get((territoire, niveau), [(territoire, niveau)])
            both = [m for m in members if all(
                cells.get((c, *m)) is not None and cells[(c, *m)].etat != "absent"
                for c in (numerator, denominator))]
            equalities.append(linear([(100.0, (numerator, *m)) for m in both]
                                     + [(-row.valeur, (denominator, *m)) for m in both]))
        if percentage:
            for (_, territoire, niveau), row in cells.items():
                other = cells.get((denominator, territoire, niveau))
                if row.indicateur == numerator and row.etat != "absent" and other is not None \
                        and other.etat != "absent":
                    inequalities.append(linear([(1.0, (numerator, territoire, niveau)),
                                                (-1.0, (denominator, territoire, niveau))]))
    a_eq = np.array([c for c, _ in equalities]) if equalities else None
    b_eq = np.array([-k for _, k in equalities]) if equalities else None
    a_ub = np.array([c for c, _ in inequalities]) if inequalities else None
    b_ub = np.array([-k for _, k in inequalities]) if inequalities else None
    objective = np.zeros(len(hidden))
    objective[column[(indicator, territory, level)]] = 1.0
    bounds = [(0, None)] * len(hidden)
    low = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds,
                  method="highs")
    high = linprog(-objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds,
                   method="highs")
    assert low.status == 0 and high.status in (0, 3), (low.message, high.message)
    return low.fun, (np.inf if high.status == 3 else -high.fun)
