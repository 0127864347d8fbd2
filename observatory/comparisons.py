"""Comparisons of one territory's figures: latest value, changes, parent and région, rank.

Built on `observatory.engine` reads of `published_values`; nothing here sees a secret value.
Rates (pourcentage, pour mille) change in points, other units in % of the first value.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from observatory import engine, formatting, sqlstore
from observatory.errors import ObservatoryError
from observatory.i18n import tr

PARENT_LEVELS = {"arrondissement_municipal": ("commune",), "commune": ("epci", "departement"),
                 "epci": ("departement",), "departement": ("region",), "region": ()}
RATE_UNITS = ("pourcentage", "pour_mille")


@dataclass(frozen=True)
class Comparison:
    """One indicator for one territory: latest figure, changes, parent and région, gap, provenance.

    `parent_etat` and `region_etat` tell a secret parent or région figure (value None) from a
    missing one; `batch_id` is the import batch of the latest figure.
    """

    indicator: str
    libelle: str
    territory: str
    level: str
    name: str
    unit: str
    sens: str
    additive: bool = False
    year: int | None = None
    value: float | None = None
    etat: str = "absent"
    first_year: int | None = None
    change_1y: float | None = None
    change_period: float | None = None
    change_kind: str = "points"
    parent_code: str | None = None
    parent_level: str | None = None
    parent_name: str | None = None
    parent_value: float | None = None
    region_code: str | None = None
    region_name: str | None = None
    region_value: float | None = None
    gap_to_parent: float | None = None
    favourable: bool | None = None
    source: str | None = None
    statut: str | None = None
    calcule: bool = False
    couverture: str | None = None
    parent_etat: str | None = None
    region_etat: str | None = None
    batch_id: int | None = None
    valeur_source: bool = False
    theme: str | None = None


def _territory(con: duckdb.DuckDBPyConnection, code: str, level: str) -> dict:
    """Return the territory's row (nom and parent codes) or raise a French error."""
    frame = sqlstore.frame(con, "engine_territory", {"code": code, "level": level})
    if frame.empty:
        raise ObservatoryError(f"Territoire inconnu « {code} » au niveau « {level} ».")
    return frame.iloc[0].to_dict()


def _parent(row: dict) -> tuple[str | None, str | None]:
    """Return the (code, level) of a territory's parent: EPCI of a commune, département, région."""
    for level in PARENT_LEVELS[row["niveau"]]:
        if isinstance(row.get(level), str):
            return row[level], level
    return None, None


def _region(row: dict, territory: str, level: str) -> str | None:
    """Return the code of a territory's région (its own code for a région), or None."""
    code = territory if level == "region" else row.get("region")
    return code if isinstance(code, str) else None


def _places(row: dict, territory: str, level: str) -> list[tuple[str, str]]:
    """Return (code, level) of a territory, its parent and its région, without repeats."""
    pairs = [(territory, level), _parent(row), (_region(row, territory, level), "region")]
    return list(dict.fromkeys((code, lvl) for code, lvl in pairs if isinstance(code, str)))


def _indicator(con: duckdb.DuckDBPyConnection, indicator: str) -> dict:
    """Return the catalogue row of an indicator or raise a French error."""
    frame = sqlstore.frame(con, "engine_indicator", {"indicator": indicator})
    if frame.empty:  # one read when the code is known (a comparison is asked on every page)
        engine.check_indicator(con, indicator)
    return frame.iloc[0].to_dict()


def change(new: float | None, old: float | None, unit: str) -> float | None:
    """Return new − old in points for rates, else the relative change in %; None when unknown."""
    if new is None or old is None or pd.isna(new) or pd.isna(old):
        return None
    if unit in RATE_UNITS:
        return float(new) - float(old)
    return None if old == 0 else 100.0 * (float(new) - float(old)) / float(old)


def is_additive(agregation: str | None) -> bool:
    """Return True for an indicator summed up the levels (`somme`): a part of its parent's total."""
    return agregation == "somme"


def gap(value: float | None, parent_value: float | None, additive: bool) -> float | None:
    """Return value − parent value; None when either is unknown or the indicator is additive.

    A count summed up the levels (`somme`) is a part of its parent's total: a département's
    jobs are always fewer than the région's, which says nothing good or bad.
    """
    if additive or value is None or parent_value is None:
        return None
    return value - parent_value


def favourable(gap: float | None, sens: str) -> bool | None:
    """Return whether a positive or negative gap is good news given `sens` (None when neutral)."""
    if gap is None or gap == 0 or sens not in ("hausse_favorable", "baisse_favorable"):
        return None
    return (gap > 0) == (sens == "hausse_favorable")


def _value_at(series: pd.DataFrame, year: int | None) -> float | None:
    """Return the shown value of a one-territory series for a year, or None."""
    rows = series[(series["annee"] == year) & (series["etat"] == "publie")]
    return None if rows.empty else float(rows["valeur"].iloc[0])


def _state_at(series: pd.DataFrame, year: int | None) -> str | None:
    """Return the state (publie, secret, absent) of a one-territory series for a year, or None."""
    rows = series[series["annee"] == year]
    return None if rows.empty else str(rows["etat"].iloc[0])


def _batch(value) -> int | None:
    """Return a batch id as an int, None when there is none."""
    return None if value is None or pd.isna(value) else int(value)


def _series(frame: pd.DataFrame, code: str | None, level: str | None) -> pd.DataFrame:
    """Return the rows of one territory of a trend frame."""
    return frame[(frame["territoire"] == code) & (frame["niveau"] == level)]


def comparison(con: duckdb.DuckDBPyConnection, indicator: str, territory: str,
               level: str) -> Comparison:
    """Return the Comparison of one indicator for one territory (values in the indicator's unit)."""
    return comparison_trend(con, indicator, territory, level)[0]


def comparison_trend(con: duckdb.DuckDBPyConnection, indicator: str, territory: str,
                     level: str) -> tuple[Comparison, pd.DataFrame]:
    """Return the Comparison and the yearly figures it reads: the territory, its parent, its région."""
    meta = _indicator(con, indicator)
    row = _territory(con, territory, level)
    parent_code, parent_level = _parent(row)
    region_code = _region(row, territory, level)
    pairs = _places(row, territory, level)
    frame = engine.trend(con, indicator, [code for code, _ in pairs], [lvl for _, lvl in pairs])
    own = _series(frame, territory, level)
    base = Comparison(indicator=indicator, libelle=meta["libelle"], theme=meta["theme"],
                      territory=territory,
                      level=level, name=row["nom"], unit=meta["unite"], sens=meta["sens"],
                      additive=is_additive(meta["agregation"]),
                      change_kind=change_kind(meta["unite"]),
                      parent_code=parent_code, parent_level=parent_level, region_code=region_code)
    known = own[own["etat"] != "absent"]
    return (base if known.empty else _fill(base, known, frame)), frame


def _fill(base: Comparison, known: pd.DataFrame, frame: pd.DataFrame) -> Comparison:
    """Return `base` completed from the territory's known rows and its parent's and région's."""
    latest = known.sort_values("annee").iloc[-1]
    year = int(latest["annee"])
    shown = known[known["etat"] == "publie"]
    value = _value_at(known, year)
    first_year = int(shown["annee"].min()) if not shown.empty else None
    parent = _series(frame, base.parent_code, base.parent_level)
    region = _series(frame, base.region_code, "region")
    parent_value = _value_at(parent, year)
    difference = gap(value, parent_value, base.additive)
    return Comparison(**{
        **base.__dict__,
        "year": year, "value": value, "etat": latest["etat"], "first_year": first_year,
        "change_1y": change(value, _value_at(known, year - 1), base.unit),
        "change_period": (change(value, _value_at(known, first_year), base.unit)
                          if first_year is not None and first_year < year else None),
        "parent_name": parent["nom"].iloc[0] if not parent.empty else None,
        "parent_value": parent_value,
        "region_name": region["nom"].iloc[0] if not region.empty else None,
        "region_value": _value_at(region, year),
        "gap_to_parent": difference, "favourable": favourable(difference, base.sens),
        "source": latest["source"], "statut": latest["statut"], "calcule": bool(latest["calcule"]),
        "couverture": latest["couverture"] if isinstance(latest["couverture"], str) else None,
        "parent_etat": _state_at(parent, year), "region_etat": _state_at(region, year),
        "batch_id": _batch(latest["batch_id"]),
        "valeur_source": bool(latest.get("valeur_source", False)),
    })


# The portrait's columns (its exports' French names) and the Comparison field each one is.
PORTRAIT_FIELDS = {
    "indicateur": "indicator", "libelle": "libelle", "theme": "theme", "unite": "unit",
    "annee": "year", "valeur": "value", "etat": "etat", "evolution_1an": "change_1y",
    "evolution_periode": "change_period", "type_evolution": "change_kind",
    "annee_debut": "first_year", "parent": "parent_name", "valeur_parent": "parent_value",
    "ecart_parent": "gap_to_parent", "favorable": "favourable", "valeur_region": "region_value",
    "calcule": "calcule", "couverture": "couverture", "statut": "statut", "source": "source",
    "etat_parent": "parent_etat", "etat_region": "region_etat", "batch_id": "batch_id",
    "additif": "additive", "valeur_source": "valeur_source",
}
PORTRAIT_COLUMNS = tuple(PORTRAIT_FIELDS)


def change_kind(unit: str) -> str:
    """Return how a change is told: in points for rates, in % for the others."""
    return "points" if unit in RATE_UNITS else "pourcent"


def portrait(con: duckdb.DuckDBPyConnection, territory: str, level: str) -> pd.DataFrame:
    """Return one row per indicator with figures for the territory: latest value, changes, gap.

    Each row is the `Comparison` of that indicator (one vocabulary, one computation of changes,
    gaps and verdicts), under the portrait's column names; one set-based query reads every
    indicator at once (a query per indicator cost seconds on a 100-indicator catalogue).
    """
    row = _territory(con, territory, level)
    parent_code, parent_level = _parent(row)
    facts = sqlstore.frame(con, "engine_portrait", {
        "code": territory, "level": level, "parent_code": parent_code,
        "parent_level": parent_level, "region_code": _region(row, territory, level)})
    items = [_portrait_item(fact, territory, level, row["nom"])
             for fact in facts.itertuples(index=False)]
    return pd.DataFrame([[getattr(item, name) for name in PORTRAIT_FIELDS.values()]
                         for item in items], columns=list(PORTRAIT_COLUMNS))


def _number(value) -> float | None:
    """Return a shown value as a float, None when the query found none."""
    return None if value is None or pd.isna(value) else float(value)


def _portrait_item(fact, territory: str, level: str, name: str) -> Comparison:
    """Return the Comparison one row of `engine_portrait` gives (as `comparison` would)."""
    year, unit = int(fact.annee), fact.unite
    value = _number(fact.valeur)
    first_year = None if pd.isna(fact.annee_debut) else int(fact.annee_debut)
    parent_value = _number(fact.valeur_parent)
    additive = is_additive(fact.agregation)
    difference = gap(value, parent_value, additive)
    return Comparison(
        indicator=fact.indicateur, libelle=fact.libelle, theme=fact.theme, territory=territory,
        level=level, name=name, unit=unit, sens=fact.sens, additive=additive, year=year,
        value=value, etat=fact.etat, first_year=first_year,
        change_1y=change(value, _number(fact.valeur_an_precedent), unit),
        change_period=(change(value, _number(fact.valeur_debut), unit)
                       if first_year is not None and first_year < year else None),
        change_kind=change_kind(unit),
        parent_name=fact.parent_nom if isinstance(fact.parent_nom, str) else None,
        parent_value=parent_value, region_value=_number(fact.valeur_region),
        gap_to_parent=difference, favourable=favourable(difference, fact.sens),
        source=fact.source, statut=fact.statut, calcule=bool(fact.calcule),
        couverture=fact.couverture if isinstance(fact.couverture, str) else None,
        parent_etat=_text(fact.etat_parent), region_etat=_text(fact.etat_region),
        batch_id=_batch(fact.batch_id), valeur_source=fact.valeur_source is True)


def _text(value) -> str | None:
    """Return a text cell, None when the query found none."""
    return value if isinstance(value, str) else None


FEMININE_WORDS = {"part", "population", "proportion", "moyenne", "densité", "valeur", "somme",
                  "dépense", "création", "aide"}
SINGULAR_WORDS = {"taux", "prix", "poids", "indice"}
EPCI_FEMININE_PREFIXES = ("CC ", "CA ", "CU ", "Communauté")
DEPARTEMENT_ARTICLES = {"Côtes-d'Armor": "dans les", "Finistère": "dans le",
                        "Morbihan": "dans le", "Ille-et-Vilaine": "en"}


def _subject(libelle: str) -> tuple[str, bool]:
    """Return the label with its French article, and whether it is plural (`la part des …`)."""
    first_word = libelle.split(" ", 1)[0].lower()
    text = libelle[:1].lower() + libelle[1:]
    if first_word.endswith(("s", "x")) and first_word not in SINGULAR_WORDS:
        return f"les {text}", True
    if text[:1] in "aeéèêiîoôuh":
        return f"l'{text}", False
    return (f"la {text}" if first_word in FEMININE_WORDS else f"le {text}"), False


def _place(name: str, level: str) -> str:
    """Return `à Rennes`, `en Bretagne`, `dans le Finistère`, `dans la CC …` (best effort)."""
    if level in ("commune", "arrondissement_municipal"):
        return f"à {name}"
    if level == "region":
        return f"en {name}"
    if level == "departement" and name in DEPARTEMENT_ARTICLES:
        return f"{DEPARTEMENT_ARTICLES[name]} {name}"
    if level == "epci" and name.startswith(EPCI_FEMININE_PREFIXES):
        return f"dans la {name}"
    return f"pour le territoire {name}"


def summary_sentence(item: Comparison, lang: str = "fr") -> str:
    """Return a one-sentence summary of a comparison, for the text alternative of a chart.

    The French fields carry the label's article and the place's preposition (« dans le
    Morbihan »); the English ones quote the label, as data labels may stay in French.
    """
    subject, plural = _subject(item.libelle)
    words = {"subject": subject, "place": _place(item.name, item.level), "name": item.name,
             "label": tr(item.libelle, lang), "libelle": item.libelle, "year": item.year}
    if item.year is None:
        return tr("Aucune donnée pour {subject} {place}.", lang, **words)
    if item.etat == "secret":
        return tr("En {year}, le chiffre « {libelle} » {place} est couvert par le secret "
                  "statistique.", lang, **words)
    value = _marked_value(item, lang)
    sentence = (tr("En {year}, {subject} sont de {value} {place}", lang, value=value, **words)
                if plural else
                tr("En {year}, {subject} est de {value} {place}", lang, value=value, **words))
    if item.change_period is not None:
        relative = item.change_kind == "pourcent"
        delta = formatting.format_change(item.change_period, item.unit, lang, relative=relative)
        sentence += tr(", {delta} depuis {year}", lang, delta=delta.replace("pts", "points"),
                       year=item.first_year)
    return sentence + "."


def _marked_value(item: Comparison, lang: str) -> str:
    """Return the value, with « (calculé — 5 territoires sur 6) » when it is computed."""
    value = formatting.format_value(item.value, item.unit, item.etat, lang)
    if item.calcule:
        value += f" ({formatting.status_text('calcule', item.couverture, lang)})"
    return value

