"""Numbers, units and changes written the way French (or English) readers expect.

Every figure a user sees goes through here: `12 345,6`, `45,2 %`, « secret ».
Babel does the locale work; this module only knows the observatory's units.
"""

from __future__ import annotations

import math

from babel.numbers import format_decimal

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
# Decimals shown per unit of the catalogue.
DECIMALS = {"pourcentage": 1, "nombre": 0, "euros": 0, "tonnes": 0, "etp": 1, "pour_mille": 1}
UNIT_SYMBOLS = {
    "fr": {"pourcentage": "%", "nombre": "", "euros": "€", "tonnes": "t", "etp": "ETP",
           "pour_mille": "‰"},
    "en": {"pourcentage": "%", "nombre": "", "euros": "€", "tonnes": "t", "etp": "FTE",
           "pour_mille": "‰"},
}
UNIT_LABELS = {
    "fr": {"pourcentage": "pourcentage (%)", "nombre": "nombre", "euros": "euros (€)",
           "tonnes": "tonnes (t)", "etp": "équivalents temps plein (ETP)",
           "pour_mille": "pour mille (‰)"},
    "en": {"pourcentage": "percentage (%)", "nombre": "count", "euros": "euros (€)",
           "tonnes": "tonnes (t)", "etp": "full-time equivalents (FTE)",
           "pour_mille": "per thousand (‰)"},
}
STATE_WORDS = {
    "fr": {"secret": "secret", "absent": "pas de donnée"},
    "en": {"secret": "confidential", "absent": "no data"},
}
# Plotly's `layout.separators`: decimal mark, then thousands separator.
PLOTLY_SEPARATORS = {"fr": ",\u202f", "en": ".,"}
NARROW_NBSP = "\u202f"


def is_missing(value) -> bool:
    """Return True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except (TypeError, ValueError):
        return str(value) in ("<NA>", "NaT")


def format_number(value, decimals: int = 0, lang: str = "fr") -> str:
    """Return a number with thousands separators and a fixed number of decimals (`12 345,6`)."""
    if is_missing(value):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "fr_FR"))


def format_value(value, unit: str, etat: str = "publie", lang: str = "fr") -> str:
    """Return a published figure with its unit (`45,2 %`, `1 234 t`), or « secret » / « pas de donnée »."""
    if etat in ("secret", "absent"):
        return STATE_WORDS[lang][etat]
    if is_missing(value):
        return STATE_WORDS[lang]["absent"]
    text = format_number(value, DECIMALS.get(unit, 1), lang)
    symbol = UNIT_SYMBOLS[lang].get(unit, "")
    return f"{text}{NARROW_NBSP}{symbol}" if symbol else text


def format_change(delta, unit: str, lang: str = "fr", relative: bool = False) -> str:
    """Return a signed change: points for percentages (`+2,1 pts`), % when `relative` (`-3,4 %`)."""
    if is_missing(delta):
        return ""
    sign = "+" if delta > 0 else ("−" if delta < 0 else "")
    text = format_number(abs(delta), 1, lang)
    if relative:
        return f"{sign}{text}{NARROW_NBSP}%"
    if unit == "pourcentage":
        return f"{sign}{text}{NARROW_NBSP}{'pts' if lang == 'fr' else 'pp'}"
    return f"{sign}{format_value(abs(delta), unit, lang=lang)}"


def unit_symbol(unit: str, lang: str = "fr") -> str:
    """Return the short symbol of a unit (`%`, `€`, `t`), empty for plain counts."""
    return UNIT_SYMBOLS[lang].get(unit, "")


def unit_label(unit: str, lang: str = "fr") -> str:
    """Return the readable name of a unit, for legends and axis titles."""
    return UNIT_LABELS[lang].get(unit, unit)


def plotly_separators(lang: str = "fr") -> str:
    """Return Plotly's `layout.separators` for the language (French: decimal comma, narrow space)."""
    return PLOTLY_SEPARATORS.get(lang, PLOTLY_SEPARATORS["fr"])


def plotly_number_format(unit: str) -> str:
    """Return a d3 format for axes and hovers of a unit (used with `plotly_separators`)."""
    decimals = DECIMALS.get(unit, 1)
    return f",.{decimals}f"
