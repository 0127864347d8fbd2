"""Map figures: classed choropleths, proportional circles, static outline files (the
initiatives drawn over them: observatory/point_maps.py).

Builders return Plotly figures, pages render them. Every map uses MapLibre traces
(`choroplethmap`, `scattermap`) on a blank style (`white-bg`): no tile server, no CDN,
so maps work offline. (Plotly's `geo` traces fetch a world topojson from a CDN: not used.)

Outlines reach the browser one of two ways, both through `MapOutlines.geojson`:
- static mode: a URL (`app/static/outlines/<version>/<level>.geojson`) written by
  `export_static_outlines`; the browser fetches and caches it once, so a rerun sends only
  the values, not megabytes of polygons (plotly.js accepts a URL for `geojson`);
- embedded mode: the FeatureCollection itself (tests, AppTest, no static serving).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from observatory import formatting, labels, outlines, sqlstore, textsafety
from observatory.errors import GeographyError
from observatory.i18n import tr
from observatory.map_classes import assign_classes, compute_classes

# Relative, so that it also resolves under a `server.baseUrlPath` (pages sit at its root).
STATIC_URL_PREFIX = "app/static"
NO_OUTLINES = (
    "Les contours officiels des territoires ne sont pas encore chargés : la carte montre des "
    "cercles aux centres des territoires. Pour charger les contours, lancez "
    "« python -m observatory geo download --region {region} » (ou « geo import FICHIER "
    "--level … »).")


def no_outlines_hint(region: str, lang: str) -> str:
    """Return the hint shown over a map of circles, naming the configured région's code."""
    return tr(NO_OUTLINES, lang, region=region)


SECRET_COLOUR = "#5a5a5a"
ABSENT_COLOUR = "#e0e0e0"
BORDER_COLOUR = "#ffffff"
# The land under initiative points: lighter than « pas de donnée », white borders as above.
BACKGROUND_FILL = "#efefef"
SELECTED_COLOUR = "#d7301f"
# A full-width page column on a laptop; half-width columns pass their own width.
MAP_WIDTH_PX, MAP_HEIGHT_PX = 560, 560
HALF_MAP_WIDTH_PX = 360
MAP_TITLE_PX = 48
# A horizontal legend's title line, one row of items, and an item's symbol and characters.
LEGEND_TITLE_PX, LEGEND_ROW_PX, LEGEND_ITEM_PX, LEGEND_CHAR_PX = 16, 29, 40, 6


@dataclass(frozen=True)
class MapOutlines:
    """The outlines a choropleth draws: GeoJSON URL or FeatureCollection, extent, codes present."""

    level: str
    geojson: str | dict
    bounds: tuple[float, float, float, float]
    codes: frozenset[str]


# ---------------------------------------------------------------- outlines from the database

def outlines_available(con: duckdb.DuckDBPyConnection, level: str) -> bool:
    """Return True when the level has map outlines loaded."""
    return outlines.outlines_available(con, level)


def outline_geojson(con: duckdb.DuckDBPyConnection, level: str) -> str:
    """Return the simplified outlines of a level as GeoJSON text (feature id = territory code)."""
    return outlines.map_geojson(con, level)


def map_outlines(con: duckdb.DuckDBPyConnection, level: str,
                 url: str | None = None) -> MapOutlines:
    """Return a level's outlines for a choropleth: by URL when given (static mode), else embedded."""
    codes = frozenset(row[0] for row in
                      sqlstore.rows(con, "geo_map_codes", [outlines.check_level(level)]))
    if not codes:
        raise GeographyError(f"Aucun contour chargé pour le niveau {labels.LEVEL_WORDS[level]}.")
    geojson = url or json.loads(outlines.map_geojson(con, level))
    return MapOutlines(level, geojson, outlines.map_bounds(con, level), codes)


def outlines_version(con: duckdb.DuckDBPyConnection) -> str:
    """Return a short hash of every level's map GeoJSON (changes whenever an outline changes)."""
    digest = hashlib.sha256()
    for level in outlines.LEVELS:
        digest.update(level.encode() + b"\0" + outlines.map_geojson(con, level).encode("utf-8"))
    return digest.hexdigest()[:16]


def export_static_outlines(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, Path]:
    """Write `<folder>/outlines/<version>/<level>.geojson` for each loaded level; return the paths."""
    version = outlines_version(con)
    target = folder / "outlines" / version
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for level in outlines.LEVELS:
        if not outlines.outlines_available(con, level):
            continue
        path = target / f"{level}.geojson"
        if not path.exists():
            partial = path.with_suffix(".partial")
            partial.write_text(outlines.map_geojson(con, level), encoding="utf-8")
            partial.replace(path)
        written[level] = path
    return written


def static_outline_url(version: str, level: str) -> str:
    """Return the relative URL of a level's static outline file (`app/static/outlines/<v>/<level>.geojson`)."""
    return f"{STATIC_URL_PREFIX}/outlines/{version}/{outlines.check_level(level)}.geojson"


def territory_points(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """Return the centroids of a level's territories (territoire, nom, latitude, longitude)."""
    return sqlstore.frame(con, "geo_territory_points", [level])


def split_states(values: pd.DataFrame, codes: frozenset[str] | None = None) -> dict[str, pd.DataFrame]:
    """Return values split into published, secret and absent rows (codes without a row are absent)."""
    etat = values["etat"]
    published = ((etat == "publie") & values["valeur"].notna()).to_numpy(dtype=bool)
    secret = (etat == "secret").to_numpy(dtype=bool)
    absent = ~published & ~secret
    if codes is None:
        return {"publie": values[published], "secret": values[secret], "absent": values[absent]}
    # A set look-up per row: Series.isin(frozenset) rebuilt the set of 2,000 codes each call.
    territories = values["territoire"].tolist()
    inside = np.fromiter((code in codes for code in territories), dtype=bool,
                         count=len(territories))
    extra = sorted(codes - set(territories))
    absent_rows = values[absent & inside]
    if extra:
        filler = pd.DataFrame({"territoire": extra, "nom": extra, "valeur": np.nan,
                               "etat": "absent", "annee": None})
        absent_rows = pd.concat([absent_rows, filler], ignore_index=True)
    return {"publie": values[published & inside], "secret": values[secret & inside],
            "absent": absent_rows}


# ---------------------------------------------------------------- choropleth

def build_choropleth(values: pd.DataFrame, outlines_ref: MapOutlines, level: str, unit: str,
                     title: str, lang: str = "fr", selected: str | None = None,
                     classes: str = "quantiles", k: int = 5, height: int = MAP_HEIGHT_PX,
                     width: int = MAP_WIDTH_PX) -> go.Figure:
    """Return a classed choropleth: one trace per class, then « secret », « pas de donnée », selection.

    `width` is the expected width of the map on screen, to fit the région in it.
    """
    return choropleth_figure(choropleth_traces(values, outlines_ref, unit, lang, classes, k),
                             outlines_ref, unit, title, lang, selected, height, width)


def choropleth_traces(values: pd.DataFrame, outlines_ref: MapOutlines, unit: str,
                      lang: str = "fr", classes: str = "quantiles", k: int = 5) -> tuple[dict, ...]:
    """Return a choropleth's area traces (classes, « secret », « pas de donnée ») as dicts.

    They depend on the values, not on the selected territory: pages may keep them per
    indicator, level and year, and add the selection with `choropleth_figure`.
    """
    parts = split_states(values, outlines_ref.codes)
    map_classes = compute_classes(parts["publie"]["valeur"], unit, lang, classes, k)
    published = parts["publie"]
    classe = assign_classes(published["valeur"], map_classes).to_numpy()
    traces = []
    for number, item in enumerate(map_classes):
        rows = published[classe == number]
        if len(rows):
            traces.append(_area_trace(rows, outlines_ref, item.colour, item.label, unit, lang))
    for state, colour in (("secret", SECRET_COLOUR), ("absent", ABSENT_COLOUR)):
        if len(parts[state]):
            name = formatting.state_word(state, lang)
            traces.append(_area_trace(parts[state], outlines_ref, colour, name, unit, lang))
    return tuple(traces)


def choropleth_figure(traces: tuple[dict, ...], outlines_ref: MapOutlines, unit: str, title: str,
                      lang: str = "fr", selected: str | None = None, height: int = MAP_HEIGHT_PX,
                      width: int = MAP_WIDTH_PX) -> go.Figure:
    """Return the figure of `choropleth_traces`, the selected territory outlined on top."""
    # Shallow copies: Plotly takes "type" out of a dict while reading it, and the traces may
    # be shared by sessions. Dicts with numpy arrays are validated once, as a block (trace
    # objects, then add_trace, validated and deep-copied each one again).
    data = [dict(trace) for trace in traces]
    if selected and selected in outlines_ref.codes:
        data.append(_selection_trace(selected, outlines_ref))
    return go.Figure(data=data, layout=_map_layout(title, unit, lang, outlines_ref.bounds,
                                                   height, width, data))


def _area_trace(rows: pd.DataFrame, outlines_ref: MapOutlines, colour: str, name: str,
                unit: str, lang: str) -> dict:
    codes = rows["territoire"].to_numpy(dtype=object)
    return {
        "type": "choroplethmap", "geojson": _trace_geojson(outlines_ref, codes),
        "locations": codes, "z": np.ones(len(codes), dtype=np.int8),
        "colorscale": [[0, colour], [1, colour]], "zmin": 0, "zmax": 1,
        "showscale": False, "showlegend": True, "name": name, "legendgroup": name,
        "marker": {"line": {"color": BORDER_COLOUR, "width": 0.6}, "opacity": 1},
        "customdata": hover_data(rows, unit, lang), "hovertemplate": _HOVER,
    }


def _trace_geojson(outlines_ref: MapOutlines, codes) -> str | dict:
    """Return the URL (static mode), or only the features of these codes (embedded mode: no copies)."""
    if isinstance(outlines_ref.geojson, str):
        return outlines_ref.geojson
    wanted = set(codes)
    return {"type": "FeatureCollection",
            "features": [f for f in outlines_ref.geojson["features"] if f["id"] in wanted]}


_HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def hover_data(rows: pd.DataFrame, unit: str, lang: str = "fr") -> np.ndarray:
    """Return per row [code, name, French value with unit, year and status line] for hovers.

    The last line reads « Année : 2023 · calculé — 5 territoires sur 6 » for a computed
    figure (its status otherwise; nothing more for a secret or absent one). An (n, 4) array
    of texts: Plotly checks an array as one block, a list of lists item by item.
    """
    data = np.empty((len(rows), 4), dtype=object)
    data[:, 0] = rows["territoire"].tolist()
    data[:, 1] = textsafety.plotly_all(rows["nom"].tolist())
    data[:, 2] = formatting.format_values(rows["valeur"], unit, rows["etat"], lang)
    label, colon = tr("Année", lang), " : " if lang == "fr" else ": "
    statuses = (formatting.status_texts(rows["statut"], rows.get("couverture"), rows["etat"],
                                        lang, rows.get("valeur_source"))
                if "statut" in rows else [""] * len(rows))
    lines: dict = {}
    for index, key in enumerate(zip(rows["annee"].tolist(), statuses, strict=True)):
        if key not in lines:
            year, status = key
            line = "" if formatting.is_missing(year) else f"{label}{colon}{int(year)}"
            lines[key] = " · ".join(part for part in (line, status) if part)
        data[index, 3] = lines[key]
    return data


def outline_trace(outlines_ref: MapOutlines) -> go.Choroplethmap:
    """Return the level's outlines as a light, silent background (no fill, no hover, no legend)."""
    codes = sorted(outlines_ref.codes)
    return go.Choroplethmap(
        geojson=outlines_ref.geojson, locations=codes, z=[0] * len(codes),
        colorscale=[[0, BACKGROUND_FILL], [1, BACKGROUND_FILL]], showscale=False,
        showlegend=False, hoverinfo="skip", name="contours",
        marker={"line": {"color": BORDER_COLOUR, "width": 0.8}, "opacity": 1},
    )


def _selection_trace(code: str, outlines_ref: MapOutlines) -> dict:
    return {
        "type": "choroplethmap", "geojson": _trace_geojson(outlines_ref, [code]),
        "locations": [code], "z": [1],
        "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], "showscale": False,
        "showlegend": False, "name": "sélection", "hoverinfo": "skip",
        "marker": {"line": {"color": SELECTED_COLOUR, "width": 3}, "opacity": 1},
    }


def fit_view(bounds: tuple[float, float, float, float], width_px: int = MAP_WIDTH_PX,
             height_px: int = MAP_HEIGHT_PX, top_px: int = 0,
             bottom_px: int = 0) -> tuple[dict, float]:
    """Return (center, zoom) showing the whole extent (west, south, east, north) in the map.

    The figure is `height_px` tall; its top `top_px` and bottom `bottom_px` hold the title
    and the legend, and MapLibre draws in what is left (checked in Chromium).
    """
    west, south, east, north = bounds

    def mercator(lat: float) -> float:  # in world widths (0 to 1 from pole to pole)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)

    seen_px = max(height_px - top_px - bottom_px, 1)
    lon_span = max(east - west, 1e-6) / 360
    lat_span = max(mercator(north) - mercator(south), 1e-6)
    # A MapLibre world is 512 px wide at zoom 0; keep a 10 % margin.
    zoom = round(min(math.log2(width_px / 512 / lon_span),
                     math.log2(seen_px / 512 / lat_span)) - math.log2(1.1), 2)
    middle = (mercator(north) + mercator(south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(middle * 2 * math.pi)) - math.pi / 2)
    return {"lon": (west + east) / 2, "lat": latitude}, zoom


def legend_names(traces: list) -> list[str]:
    """Return the names the legend shows, from trace dicts or Plotly trace objects."""
    plain = [trace if isinstance(trace, dict) else trace.to_plotly_json() for trace in traces]
    return [str(trace.get("name", "")) for trace in plain if trace.get("showlegend", True)]


def legend_height(labels: list[str], width_px: int) -> int:
    """Return the height Plotly gives a horizontal legend of `labels`, its title above.

    Measured in Chromium: 45 px for one row, 74 px for two. Items are packed on a width
    `width_px`, at most the map's real width, so rows are never underestimated.
    """
    rows, used = 1, 0
    for label in labels:
        item = LEGEND_ITEM_PX + LEGEND_CHAR_PX * len(label)
        if used and used + item > width_px:
            rows, used = rows + 1, 0
        used += item
    return LEGEND_TITLE_PX + LEGEND_ROW_PX * rows


def _map_layout(title: str, unit: str, lang: str, bounds: tuple[float, float, float, float],
                height: int, width: int, data: list[dict]) -> dict:
    # The legend's room is kept as the bottom margin: left to Plotly, it grew after the
    # view was fitted and cut the top and bottom of tall régions (the Nord, the Aisne).
    legend_px = legend_height(legend_names(data), width)
    center, zoom = fit_view(bounds, width_px=width, height_px=height, top_px=MAP_TITLE_PX,
                            bottom_px=legend_px)
    return {
        "title": {"text": textsafety.plotly(title)}, "height": height,
        "margin": {"l": 0, "r": 0, "t": MAP_TITLE_PX, "b": legend_px},
        "separators": formatting.plotly_separators(lang),
        "map": {"style": "white-bg", "center": center, "zoom": zoom},
        # Below the map, not beside it: beside, it takes the width the map was fitted to.
        "legend": {"title": {"text": formatting.unit_label(unit, lang)}, "itemclick": False,
                   "itemdoubleclick": False, "orientation": "h", "x": 0, "y": 0,
                   "yanchor": "top"},
    }


# ---------------------------------------------------------------- proportional circles fallback

def build_circles(values: pd.DataFrame, territories: pd.DataFrame, unit: str, title: str,
                  lang: str = "fr", selected: str | None = None, classes: str = "quantiles",
                  k: int = 5, height: int = MAP_HEIGHT_PX, width: int = MAP_WIDTH_PX) -> go.Figure:
    """Return proportional circles at territory centroids, coloured by the choropleth's classes."""
    points = territories[["territoire", "latitude", "longitude"]]
    merged = values.merge(points, on="territoire", how="inner")
    if merged.empty:
        raise GeographyError("Aucun territoire n'a de coordonnées : la carte ne peut être tracée.")
    parts = split_states(merged)
    map_classes = compute_classes(parts["publie"]["valeur"], unit, lang, classes, k)
    published = parts["publie"]
    classe = assign_classes(published["valeur"], map_classes).to_numpy()
    largest = float(published["valeur"].abs().max()) if len(published) else 1.0
    traces = []
    for number, item in enumerate(map_classes):
        rows = published[classe == number]
        if len(rows):
            sizes = (8 + 32 * np.sqrt(rows["valeur"].abs() / (largest or 1.0))).to_numpy(float)
            traces.append(_circle_trace(rows, item.colour, item.label, sizes, unit, lang))
    for state, colour in (("secret", SECRET_COLOUR), ("absent", ABSENT_COLOUR)):
        if len(parts[state]):
            name = formatting.state_word(state, lang)
            traces.append(_circle_trace(parts[state], colour, name, 7, unit, lang))
    if selected and selected in set(merged["territoire"]):
        row = merged[merged["territoire"] == selected].iloc[0]
        traces.append({"type": "scattermap", "lat": [row.latitude], "lon": [row.longitude],
                       "mode": "markers",
                       "marker": {"size": 44, "color": SELECTED_COLOUR, "opacity": 0.35},
                       "showlegend": False, "hoverinfo": "skip", "name": "sélection"})
    bounds = (merged["longitude"].min(), merged["latitude"].min(),
              merged["longitude"].max(), merged["latitude"].max())
    return go.Figure(data=traces, layout=_map_layout(title, unit, lang,
                                                     tuple(float(b) for b in bounds), height,
                                                     width, traces))


def _circle_trace(rows: pd.DataFrame, colour: str, name: str, sizes, unit: str,
                  lang: str) -> dict:
    return {
        "type": "scattermap", "lat": rows["latitude"].to_numpy(float, na_value=np.nan),
        "lon": rows["longitude"].to_numpy(float, na_value=np.nan), "mode": "markers",
        "marker": {"size": sizes, "color": colour, "opacity": 0.85}, "name": name,
        "legendgroup": name, "customdata": hover_data(rows, unit, lang), "hovertemplate": _HOVER,
    }
