"""Maps of initiatives: each one as a point coloured by thématique, or one circle per commune.

What is drawn comes as `MapPoints` (directory_map.map_points counts dense sets per commune in the
database). Points and circles go on the blank MapLibre style of observatory/maps.py, over a
choropleth or over plain outlines; nothing is clustered by MapLibre, whose count labels fetch
glyph fonts from the internet.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from observatory import formatting, labels, textsafety
from observatory.i18n import tr
from observatory.maps import (
    MAP_HEIGHT_PX,
    MAP_TITLE_PX,
    MAP_WIDTH_PX,
    MapOutlines,
    fit_view,
    legend_height,
    legend_names,
    outline_trace,
)

# Okabe-Ito, then darker / lighter variants: distinguishable with common colour blindness.
QUALITATIVE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
               "#000000", "#999999", "#8C510A", "#01665E", "#762A83")
DENSE_ABOVE = 150
CIRCLE_PX = (6.0, 34.0)


@dataclass(frozen=True)
class MapPoints:
    """The initiatives a map draws (directory_map.map_points): each one, or a circle per commune.

    `points` holds the located initiatives (directory result rows) when there are at most
    DENSE_ABOVE of them, else is empty; `communes` then holds one row per commune
    (commune, commune_nom, initiatives_n, located_n, latitude, longitude, thematique).
    """

    matches_n: int
    located_n: int
    points: pd.DataFrame
    communes: pd.DataFrame

    @property
    def dense(self) -> bool:
        return points_are_dense(self.located_n)

    def extent(self) -> tuple[float, float, float, float] | None:
        """Return (west, south, east, north) of what is drawn, None when nothing is."""
        rows = self.communes[self.communes["located_n"] > 0] if self.dense else self.points
        if rows.empty:
            return None
        return (float(rows["longitude"].min()), float(rows["latitude"].min()),
                float(rows["longitude"].max()), float(rows["latitude"].max()))


def build_point_map(points: MapPoints, lang: str = "fr", title: str = "",
                    bounds: tuple[float, float, float, float] | None = None,
                    height: int = MAP_HEIGHT_PX, base: MapOutlines | None = None) -> go.Figure:
    """Return initiatives as points coloured by thématique, or sized per commune when dense.

    `base` draws territory outlines underneath, so the points have a geography around them
    on the blank style. A point's customdata[0] is the initiative id; a commune circle's is
    "" (nothing to open).
    """
    traces = [outline_trace(base)] if base is not None else []
    traces += point_traces(points, lang)
    if bounds is None:
        # The points and the outlines under them: a few points must not hide the région.
        extents = [base.bounds] if base is not None else []
        if points.extent() is not None:
            extents.append(points.extent())
        if extents:
            bounds = (min(e[0] for e in extents), min(e[1] for e in extents),
                      max(e[2] for e in extents), max(e[3] for e in extents))
    # The legend goes above the map, not beside it, so the map keeps the width it is fitted
    # to; its room is kept in the top margin, which the view is fitted without.
    top = (MAP_TITLE_PX if title else 8) + legend_height(legend_names(traces), MAP_WIDTH_PX)
    center, zoom = fit_view(bounds or (-5.2, 47.2, -1.0, 48.95), width_px=MAP_WIDTH_PX,
                            height_px=height, top_px=top)
    return go.Figure(data=traces, layout={
        "title": {"text": textsafety.plotly(title)}, "height": height,
        "margin": {"l": 0, "r": 0, "t": top, "b": 0},
        "separators": formatting.plotly_separators(lang),
        "map": {"style": "white-bg", "center": center, "zoom": zoom},
        "showlegend": True,
        "legend": {"title": {"text": "" if points.dense
                             else tr("Thématique", lang)},
                   "orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
    })


def points_are_dense(located: int) -> bool:
    """Return whether that many points are drawn as one circle per commune instead."""
    return located > DENSE_ABOVE


def add_points(figure: go.Figure, points: MapPoints, lang: str = "fr") -> go.Figure:
    """Return the figure with the initiatives added: one trace per thématique, or commune circles.

    Dense sets are grouped by the database rather than with MapLibre's clustering, whose
    count labels make the browser fetch glyph fonts from the internet.
    """
    figure.add_traces(point_traces(points, lang))
    return figure


def point_traces(points: MapPoints, lang: str = "fr") -> list[dict]:
    """Return the traces of located initiatives: one per thématique, or one of commune circles."""
    if points.dense:
        return [commune_circles(points.communes, lang)]
    located = points.points
    traces = []
    for number, theme in enumerate(labels.THEMATIQUE_NAMES):
        label = labels.thematique_name(theme, lang)
        rows = located[located["thematique"] == theme]
        if rows.empty:
            continue
        colour = QUALITATIVE[number % len(QUALITATIVE)]
        traces.append({
            "type": "scattermap", "lat": _coordinates(rows["latitude"]),
            "lon": _coordinates(rows["longitude"]), "mode": "markers",
            "name": label, "legendgroup": f"thematique-{theme}",
            "marker": {"size": 10, "color": colour, "opacity": 0.9},
            "customdata": point_card(rows, lang),
            "hovertemplate": ("<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}"
                              "<br>%{customdata[4]}<extra>" + label + "</extra>"),
        })
    return traces


def _coordinates(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype=float, na_value=np.nan)


def initiative_count(count: int, lang: str = "fr") -> str:
    """Return « 42 initiatives » (French: singular for 0 and 1), the number formatted."""
    plural = count > 1 if lang == "fr" else count != 1
    return f"{formatting.format_number(count, 0, lang)} initiative{'s' if plural else ''}"


def commune_circles(communes: pd.DataFrame, lang: str = "fr") -> dict:
    """Return one circle per commune, its area proportional to its located initiatives."""
    per_commune = communes[communes["located_n"] > 0]
    counts = per_commune["located_n"].astype("int64")
    largest = int(counts.max()) if len(counts) else 1
    sizes = (CIRCLE_PX[0] + (CIRCLE_PX[1] - CIRCLE_PX[0]) * np.sqrt(counts / largest)).round(1)
    names = per_commune["commune_nom"].fillna(per_commune["commune"])
    cards = np.empty((len(per_commune), 4), dtype=object)
    cards[:, 0] = ""
    cards[:, 1] = textsafety.plotly_all(names.tolist())
    cards[:, 2] = [initiative_count(count, lang) for count in counts.tolist()]
    main = tr("Thématique la plus fréquente", lang)
    cards[:, 3] = [f"{main} : {labels.thematique_name(theme, lang)}"
                   for theme in per_commune["thematique"].tolist()]
    return {
        "type": "scattermap", "lat": _coordinates(per_commune["latitude"]),
        "lon": _coordinates(per_commune["longitude"]), "mode": "markers",
        "name": tr("Initiatives par commune (surface ∝ nombre)", lang),
        "marker": {"size": sizes.to_numpy(dtype=float), "color": QUALITATIVE[0], "opacity": 0.6},
        "customdata": cards,
        "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}"
                         "<extra></extra>",
    }


def point_card(rows: pd.DataFrame, lang: str = "fr") -> np.ndarray:
    """Return per initiative [id, name, porteur line, commune line, stade line] for the hover card."""
    porteur_word, commune_word = tr("Porteur", lang), tr("Commune", lang)
    stage_word = tr("Stade", lang)
    cards = np.empty((len(rows), 5), dtype=object)
    cards[:, 0] = rows["id"].tolist()
    cards[:, 1] = textsafety.plotly_all(rows["nom"].tolist())
    cards[:, 2] = ["" if formatting.is_missing(porteur) else
                   f"{porteur_word} : {textsafety.plotly(porteur)}"
                   for porteur in rows["porteur"].tolist()]
    cards[:, 3] = [f"{commune_word} : {textsafety.plotly(name)}"
                   for name in rows["commune_nom"].tolist()]
    cards[:, 4] = [f"{stage_word} : {labels.stage_name(stade, lang)}"
                   if stade in labels.STAGE_NAMES else ""
                   for stade in rows["stade"].tolist()]
    return cards
