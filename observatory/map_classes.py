"""The colour classes of a choropleth: quantiles or Jenks natural breaks, their labels.

The palettes are ColorBrewer's, checked for colour vision deficiencies (test_colour_vision).
"""

from __future__ import annotations

from dataclasses import dataclass

import jenkspy
import numpy as np
import pandas as pd

from observatory import formatting
from observatory.errors import GeographyError

# ColorBrewer YlGnBu, colour-blind safe, per number of classes.
SEQUENTIAL = {
    2: ("#a1dab4", "#225ea8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
    6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
    7: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
}


@dataclass(frozen=True)
class MapClass:
    """One colour class: bounds (inclusive upper), colour, French legend label."""

    lower: float
    upper: float
    colour: str
    label: str


def compute_classes(values: pd.Series, unit: str, lang: str = "fr", classes: str = "quantiles",
                    k: int = 5) -> list[MapClass]:
    """Return the colour classes of published values (quantiles or Jenks natural breaks)."""
    data = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    if data.size == 0:
        return []
    k = max(1, min(k, len(np.unique(data)), max(SEQUENTIAL)))
    if k == 1:
        uppers = [float(data.max())]
    elif classes == "jenks":
        # Fisher's exact optimum: deterministic, so a shared URL redraws the same classes.
        uppers = [float(b) for b in jenkspy.jenks_breaks(data, n_classes=k)[1:]]
    elif classes == "quantiles":
        uppers = [float(b) for b in np.percentile(data, np.linspace(100 / k, 100, k))]
    else:
        raise GeographyError(f"Classement « {classes} » inconnu : quantiles ou jenks.")
    uppers = sorted(set(uppers))
    colours = SEQUENTIAL.get(len(uppers), SEQUENTIAL[2][:1])
    lowers = [float(data.min())] + uppers[:-1]
    return [MapClass(lower, upper, colour, class_label(lower, upper, unit, lang))
            for lower, upper, colour in zip(lowers, uppers, colours, strict=True)]


def class_label(lower: float, upper: float, unit: str, lang: str = "fr") -> str:
    """Return a legend label with French-formatted bounds and unit (`12,5 % – 18,0 %`)."""
    low = formatting.format_value(lower, unit, lang=lang)
    high = formatting.format_value(upper, unit, lang=lang)
    return low if low == high else f"{low} – {high}"


def assign_classes(values: pd.Series, map_classes: list[MapClass]) -> pd.Series:
    """Return each value's class index (first class whose upper bound holds it), -1 when missing."""
    data = pd.to_numeric(values, errors="coerce")
    uppers = np.array([item.upper for item in map_classes])
    index = np.searchsorted(uppers, data.fillna(np.inf).to_numpy(), side="left")
    index = np.minimum(index, len(uppers) - 1) if len(uppers) else index
    return pd.Series(np.where(data.isna(), -1, index), index=values.index)
