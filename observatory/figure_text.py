"""What is written beside a figure: the range of a level's values, a rank, the aggregation note.

Pure functions of the figures (no Streamlit), shared by the Indicateurs page, the overview
and the theme pages: one sentence for one fact, wherever it is shown.
"""

from __future__ import annotations

import pandas as pd

from observatory import formatting, labels
from observatory.i18n import tr
from observatory.selection import period_text


def level_sentence(values: pd.DataFrame, unit: str, level: str, year: int | None,
                   lang: str) -> str:
    """Return one sentence on a level's figures in a year: range of shown values, secret count."""
    shown = values.loc[values["etat"] == "publie"]
    plural = labels.level_plural(level, lang)
    if shown.empty:
        return tr("En {year}, aucune valeur n'est publiée pour les {levels}.", lang, year=year,
                  levels=plural)
    low, high = shown.loc[shown["valeur"].idxmin()], shown.loc[shown["valeur"].idxmax()]
    sentence = tr("En {year}, parmi les {count} {levels} dont la valeur est publiée, elle va de "
                  "{low} ({low_name}) à {high} ({high_name}).", lang, year=year, count=len(shown),
                  levels=plural, low=formatting.format_value(low["valeur"], unit, lang=lang),
                  low_name=low["nom"], high_name=high["nom"],
                  high=formatting.format_value(high["valeur"], unit, lang=lang))
    secret = int((values["etat"] == "secret").sum())
    if secret:
        sentence += " " + tr("{n} relèvent du secret statistique.", lang, n=secret)
    return sentence


def rank_sentence(frame: pd.DataFrame, selected: str | None, lang: str) -> str:
    """Return « Finistère est au rang 3 sur 4. » for the selected territory (empty if unranked)."""
    rows = frame.loc[frame["territoire"] == selected]
    if rows.empty or pd.isna(rows["rang"].iloc[0]):
        return ""
    return tr("{name} est au rang {rank} sur {count}.", lang, name=rows["nom"].iloc[0],
              rank=int(rows["rang"].iloc[0]), count=int(frame["rang"].notna().sum()))


def aggregation_notes(frame: pd.DataFrame, lang: str) -> list[str]:
    """Return the note explaining « calculé » and coverage when some figures are aggregated."""
    if "calcule" not in frame or not frame["calcule"].fillna(False).astype(bool).any():
        return []
    return [tr("« Calculé » : valeur agrégée à partir des territoires qui composent chacun ; la "
               "couverture indique combien d'entre eux ont une donnée (ex. 16/16).", lang)]


def years_text(frame: pd.DataFrame) -> str:
    """Return the years of a table's figures: « 2023 » or « 2019–2023 » (empty without any)."""
    years = sorted({int(year) for year in frame["annee"].dropna()})
    return period_text(years[0], years[-1]) if years else ""
