"""Numbers, units and changes written the way French (or English) readers expect.

Every figure a user sees goes through here: `12 345,6`, `45,2 %`, « secret ».
Babel does the locale work; this module only knows the observatory's units.
"""

from __future__ import annotations

import math
import re

import numpy as np
from babel.numbers import format_decimal

from observatory.i18n import tr

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
# Decimals shown per unit of the catalogue.
DECIMALS = {"pourcentage": 1, "nombre": 0, "euros": 0, "tonnes": 0, "etp": 1, "pour_mille": 1}
# Words in French; `tr` gives the English (locales/formatting.py).
UNIT_SYMBOLS = {"pourcentage": "%", "nombre": "", "euros": "€", "tonnes": "t", "etp": "ETP",
                "pour_mille": "‰"}
UNIT_LABELS = {"pourcentage": "pourcentage (%)", "nombre": "nombre", "euros": "euros (€)",
               "tonnes": "tonnes (t)", "etp": "équivalents temps plein (ETP)",
               "pour_mille": "pour mille (‰)"}
STATE_WORDS = {"secret": "secret", "absent": "pas de donnée"}
# A figure's status (`statut`): stored ones as the source says, « calculé » when aggregated.
STATUS_WORDS = {"definitif": "définitif", "provisoire": "provisoire", "estime": "estimé",
                "calcule": "calculé"}
COVERAGE_WORDS = ("{n} territoire sur {total}", "{n} territoires sur {total}")
# Plotly's `layout.separators`: decimal mark, then thousands separator.
PLOTLY_SEPARATORS = {"fr": ",\u202f", "en": ".,"}
NARROW_NBSP = "\u202f"


def state_word(etat: str, lang: str = "fr") -> str:
    """Return « secret » or « pas de donnée » in `lang`."""
    return tr(STATE_WORDS[etat], lang)


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
    locale = LOCALES.get(lang, "fr_FR")
    text = _plain_number(value, decimals)
    if text is None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(value, format=pattern, locale=locale)
    return text.translate(_SEPARATORS[locale]) if locale in _SEPARATORS else text


# Babel's fr_FR symbols: narrow no-break space between thousands, decimal comma. en_GB's are
# Python's own (`1,234.5`), so its text needs no translation.
_SEPARATORS = {"fr_FR": str.maketrans({",": NARROW_NBSP, ".": ","})}


def _plain_number(value, decimals: int) -> str | None:
    """Return `value` as Babel's pattern `#,##0.0…` would in en_GB, or None when only Babel knows.

    Babel reads a float through its shortest text (`repr`): it pads that text with zeros,
    or rounds it half to even. Python's format rounds the binary value instead; both agree
    when the text has more decimals than asked, except on a decimal tie (`0.15` to one
    decimal: Babel says 0.2, Python 0.1), left to Babel with every rare case (exponents,
    infinities, Decimal, float32). Formatting a map's hovers through Babel cost tens of
    milliseconds per run.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | np.integer):
        text = f"{int(value):,}"
        return f"{text}.{'0' * decimals}" if decimals > 0 else text
    if not isinstance(value, float) or not math.isfinite(value):
        return None
    number = float(value)
    shortest = repr(number)
    if "e" in shortest:
        return None
    whole, _, fraction = shortest.partition(".")
    if len(fraction) <= decimals:
        # Babel pads the shortest text with zeros; Python would print more binary digits.
        sign, whole = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        text = f"{sign}{int(whole):,}"
        return f"{text}.{fraction.ljust(decimals, '0')}" if decimals > 0 else text
    if len(fraction) == decimals + 1 and fraction[-1] == "5":
        return None
    return f"{number:,.{decimals}f}"


def format_value(value, unit: str, etat: str = "publie", lang: str = "fr") -> str:
    """Return a published figure with its unit (`45,2 %`, `1 234 t`), or « secret » / « pas de donnée »."""
    if etat in ("secret", "absent"):
        return state_word(etat, lang)
    if is_missing(value):
        return state_word("absent", lang)
    decimals = DECIMALS.get(unit, 1)
    if unit == "nombre" and float(value) != round(float(value)):
        decimals = 1  # a rate per inhabitants (0,8 initiative pour 10 000 habitants), not a count
    text = format_number(value, decimals, lang)
    symbol = unit_symbol(unit, lang)
    return f"{text}{NARROW_NBSP}{symbol}" if symbol else text


def format_values(values, unit: str, etats=None, lang: str = "fr") -> list[str]:
    """Return `format_value` of each value (with its etat when given), as a list of texts."""
    values = values.tolist() if hasattr(values, "tolist") else list(values)
    if etats is None:
        return [format_value(value, unit, lang=lang) for value in values]
    etats = etats.tolist() if hasattr(etats, "tolist") else list(etats)
    return [format_value(value, unit, etat, lang)
            for value, etat in zip(values, etats, strict=True)]


def coverage_text(couverture, lang: str = "fr") -> str:
    """Return a coverage `5/6` as « 5 territoires sur 6 » (empty when there is none)."""
    if not isinstance(couverture, str) or "/" not in couverture:
        return ""
    n, _, total = (part.strip() for part in couverture.partition("/"))
    # French agrees the noun with the count (« 1 territoire sur 1 »), English with the total.
    counted = total if lang == "en" else n
    words = COVERAGE_WORDS[0] if counted.isdigit() and int(counted) < 2 else COVERAGE_WORDS[1]
    return tr(words, lang, n=n, total=total)


def status_text(statut, couverture=None, lang: str = "fr", source_value: bool = False) -> str:
    """Return a figure's status as read: « provisoire », « calculé — 5 territoires sur 6 »,
    « définitif · valeur de la source ».

    A computed figure always carries its coverage, so a partial one never reads as complete;
    a stored figure where components give another one says it is the source's own value.
    """
    if not isinstance(statut, str) or not statut:
        return ""
    word = tr(STATUS_WORDS[statut], lang) if statut in STATUS_WORDS else statut
    coverage = coverage_text(couverture, lang) if statut == "calcule" else ""
    text = f"{word} — {coverage}" if coverage else word
    return f"{text} · {tr('valeur de la source', lang)}" if source_value is True else text


def status_texts(statuts, couvertures=None, etats=None, lang: str = "fr",
                 source_values=None) -> list[str]:
    """Return `status_text` of each figure, once per distinct status, coverage and source flag.

    Empty for secret and absent figures (only « secret » / « pas de donnée » is said of them).
    """
    statuts = statuts.tolist() if hasattr(statuts, "tolist") else list(statuts)
    count = len(statuts)
    couvertures = ([None] * count if couvertures is None else
                   couvertures.tolist() if hasattr(couvertures, "tolist") else list(couvertures))
    etats = (["publie"] * count if etats is None else
             etats.tolist() if hasattr(etats, "tolist") else list(etats))
    flags = ([False] * count if source_values is None else
             [value is True for value in (source_values.tolist() if hasattr(source_values, "tolist")
                                          else list(source_values))])
    texts: dict = {}
    out = []
    for statut, couverture, etat, flag in zip(statuts, couvertures, etats, flags, strict=True):
        key = (statut, couverture, flag) if etat == "publie" else None
        if key not in texts:
            texts[key] = "" if key is None else status_text(statut, couverture, lang, flag)
        out.append(texts[key])
    return out


def batch_text(batch_id, lang: str = "fr") -> str:
    """Return an import batch number as « lot n° 4 » (empty when there is none)."""
    if is_missing(batch_id):
        return ""
    return tr("lot n° {batch}", lang, batch=int(batch_id))


def format_change(delta, unit: str, lang: str = "fr", relative: bool = False) -> str:
    """Return a signed change: points for percentages (`+2,1 pts`), % when `relative` (`-3,4 %`)."""
    if is_missing(delta):
        return ""
    text = format_number(abs(delta), 1, lang)
    if relative:
        text = f"{text}{NARROW_NBSP}%"
    elif unit == "pourcentage":
        text = f"{text}{NARROW_NBSP}{'pts' if lang == 'fr' else 'pp'}"
    else:
        text = format_value(abs(delta), unit, lang=lang)
    # A change that rounds to nothing reads « 0,0 pts », unsigned.
    sign = "" if not shows_a_change(text) else "+" if delta > 0 else "−"
    return f"{sign}{text}"


def shows_a_change(text: str) -> bool:
    """Return True when a formatted change has a non-zero digit (« 0,0 pts » does not)."""
    return re.search("[1-9]", text or "") is not None


def delta_style(delta, favourable: bool | None, shown: str) -> tuple[str, str]:
    """Return the Streamlit colour and arrow of a change or gap shown as `shown`: the arrow
    follows its sign, the colour whether it is good news (green, red; gray when neutral or
    when it rounds to zero).

    Explicit, never Streamlit's guess from the text: it reads « −1,2 » (a real minus sign)
    and « 0,0 » as rises.
    """
    if is_missing(delta) or delta == 0 or not shows_a_change(shown):
        return "gray", "off"
    colour = {True: "green", False: "red", None: "gray"}[favourable]
    return colour, "up" if delta > 0 else "down"


def unit_symbol(unit: str, lang: str = "fr") -> str:
    """Return the short symbol of a unit (`%`, `€`, `t`), empty for plain counts."""
    return tr(UNIT_SYMBOLS.get(unit, ""), lang)


def unit_label(unit: str, lang: str = "fr") -> str:
    """Return the readable name of a unit, for legends and axis titles."""
    return tr(UNIT_LABELS[unit], lang) if unit in UNIT_LABELS else unit


def figure_title(label: str, unit: str, where: str, when: str, lang: str = "fr") -> str:
    """Return a figure's title with its unit and year: « Libellé (%) — départements, 2023 »."""
    return f"{label} ({unit_symbol(unit, lang) or unit_label(unit, lang)}) — {where}, {when}"


def plotly_separators(lang: str = "fr") -> str:
    """Return Plotly's `layout.separators` for the language (French: decimal comma, narrow space)."""
    return PLOTLY_SEPARATORS.get(lang, PLOTLY_SEPARATORS["fr"])


def plotly_number_format(unit: str) -> str:
    """Return a d3 format for axes and hovers of a unit (used with `plotly_separators`)."""
    decimals = DECIMALS.get(unit, 1)
    return f",.{decimals}f"
