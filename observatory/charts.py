"""Plotly figures for indicators: trends, rankings, comparisons. Builders return, pages render.

Every figure uses French separators (`layout.separators`), states its unit on the value
axis, and never draws a secret value: secret and absent points are gaps, named in the
hover of the neighbouring points' table (the page shows the table next to the figure).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from observatory import formatting, textsafety
from observatory.i18n import tr

# Okabe-Ito: the selected territory, its parent, the région, then compared territories.
LINE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
BAR_COLOUR, SELECTED_BAR_COLOUR = "#9ecae1", "#08519c"
FONT = dict(family="Marianne, Arial, sans-serif", size=13, color="#161616")


def _layout(unit: str, lang: str, height: int = 380, xaxis: dict | None = None,
            yaxis: dict | None = None) -> dict:
    """Return the shared layout (French separators, font, legend on top) with the axes given.

    Built as one dict and validated once by the Figure: `update_layout` then
    `update_xaxes` / `update_yaxes` walked Plotly's validators three times.
    """
    layout = dict(
        separators=formatting.plotly_separators(lang), font=FONT, height=height,
        margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white", paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        hoverlabel=dict(bgcolor="white"))
    if xaxis is not None:
        layout["xaxis"] = xaxis
    if yaxis is not None:
        layout["yaxis"] = yaxis
    return layout


# Share of the largest bar left free beyond it for its value written outside.
LABEL_ROOM = 1.22


def _value_axis(unit: str, lang: str, **more) -> dict:
    return dict(title=dict(text=formatting.unit_label(unit, lang)), gridcolor="#e5e5e5",
                tickformat=formatting.plotly_number_format(unit), **more)


def published_only(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows whose value may be drawn (etat = publie), secret and absent left out."""
    return frame.loc[frame["etat"] == "publie"]


def build_trend(frame: pd.DataFrame, unit: str, lang: str = "fr",
                order: list[str] | None = None) -> go.Figure:
    """Return a line chart, one line per territory (`nom`), of `valeur` by `annee`.

    `frame` has territoire, nom, annee, valeur, etat; `order` lists territory codes in
    legend order (the selected one first). Secret and absent years are gaps in the line.
    """
    traces = []
    codes = order or list(dict.fromkeys(frame["territoire"]))
    for index, code in enumerate(codes):
        rows = frame.loc[frame["territoire"] == code].sort_values("annee")
        if rows.empty:
            continue
        shown = rows["valeur"].where(rows["etat"] == "publie")
        labels = formatting.format_values(rows["valeur"], unit, rows["etat"], lang)
        labels = [label + note for label, note in zip(labels, status_notes(rows, lang),
                                                      strict=True)]
        traces.append(dict(
            type="scatter", x=rows["annee"], y=shown,
            name=textsafety.plotly(rows["nom"].iloc[0]), mode="lines+markers", connectgaps=False,
            customdata=np.array(labels, dtype=object),
            line=dict(color=LINE_COLOURS[index % len(LINE_COLOURS)],
                      dash=DASHES[index % len(DASHES)], width=3 if index == 0 else 2),
            hovertemplate="%{fullData.name}<br>%{x} : %{customdata}<extra></extra>"))
    return go.Figure(data=traces, layout=_layout(
        unit, lang, xaxis=dict(title=dict(text=tr("Année", lang)), dtick=1, showgrid=False),
        yaxis=_value_axis(unit, lang, rangemode="tozero")))


def build_ranking(frame: pd.DataFrame, unit: str, lang: str = "fr",
                  selected: str | None = None, limit: int = 30) -> go.Figure:
    """Return a horizontal bar chart of published values, best rank on top, `selected` highlighted.

    `frame` has territoire, nom, valeur, etat (and rang when ranked). Only the first
    `limit` published territories are drawn; secret ones are not ranked.
    """
    rows = published_only(frame).sort_values("valeur", ascending=False).head(limit)
    rows = rows.iloc[::-1]
    colours = [SELECTED_BAR_COLOUR if code == selected else BAR_COLOUR
               for code in rows["territoire"]]
    labels = formatting.format_values(rows["valeur"], unit, lang=lang)
    data = np.empty((len(rows), 2), dtype=object)
    data[:, 0] = rows["territoire"].tolist()
    data[:, 1] = status_notes(rows, lang)
    bar = dict(type="bar", x=rows["valeur"], y=textsafety.plotly_all(rows["nom"]),
               orientation="h",
               marker=dict(color=colours), text=labels, textposition="outside",
               cliponaxis=False, customdata=data,
               hovertemplate="%{y} : %{text}%{customdata[1]}<extra></extra>")
    axis = _value_axis(unit, lang)
    if len(rows) and rows["valeur"].min() >= 0 and rows["valeur"].max() > 0:
        # Room right of the longest bar for its label: autorange ignores outside labels, and
        # the largest value was cut at the chart's edge.
        axis["range"] = [0, float(rows["valeur"].max()) * LABEL_ROOM]
    return go.Figure(data=[bar], layout=_layout(
        unit, lang, height=max(260, 22 * len(rows) + 80), xaxis=axis,
        yaxis=dict(automargin=True)))


def build_comparison(frame: pd.DataFrame, unit: str, lang: str = "fr") -> go.Figure:
    """Return bars of the latest published value of up to five territories side by side."""
    rows = published_only(frame)
    labels = formatting.format_values(rows["valeur"], unit, lang=lang)
    bar = dict(type="bar", x=textsafety.plotly_all(rows["nom"]), y=rows["valeur"], text=labels,
               customdata=np.array(status_notes(rows, lang), dtype=object),
               textposition="outside", cliponaxis=False,
               marker=dict(color=[LINE_COLOURS[index % len(LINE_COLOURS)]
                                  for index in range(len(rows))]),
               hovertemplate="%{x} : %{text}%{customdata}<extra></extra>")
    return go.Figure(data=[bar], layout=_layout(
        unit, lang, yaxis=_value_axis(unit, lang, rangemode="tozero")))


def status_notes(rows: pd.DataFrame, lang: str = "fr") -> list[str]:
    """Return « · calculé — 5 territoires sur 6 » (or « · provisoire »…) per row, for hovers.

    Empty for secret and absent rows, and when the frame carries no `statut`.
    """
    if "statut" not in rows:
        return [""] * len(rows)
    texts = formatting.status_texts(rows["statut"], rows.get("couverture"), rows["etat"], lang,
                                    rows.get("valeur_source"))
    return [f" · {text}" if text else "" for text in texts]


# What a figure's exact table (shown and exported) carries: the figure and its provenance.
FIGURE_COLUMNS = ("territoire", "nom", "niveau", "annee", "valeur", "unite", "etat", "calcule",
                  "valeur_source", "couverture", "statut", "source", "batch_id")


def figure_table(frame: pd.DataFrame, columns=FIGURE_COLUMNS) -> pd.DataFrame:
    """Return the exact table of a figure (`columns`), import batch numbers as integers."""
    return frame[list(columns)].astype({"batch_id": "Int64"})


def display_values(frame: pd.DataFrame, unit: str, lang: str = "fr") -> pd.Series:
    """Return the values of a frame as shown to readers: `45,2 %`, « secret », « pas de donnée »."""
    return pd.Series(formatting.format_values(frame["valeur"], unit, frame["etat"], lang),
                     index=frame.index, dtype="object")


def display_flags(values: pd.Series, lang: str = "fr") -> pd.Series:
    """Return booleans as « oui » / « non » (empty when unknown)."""
    yes, no = tr("oui", lang), tr("non", lang)
    return pd.Series([no if value is False or value == 0 else (yes if value else "")
                      for value in values.where(values.notna(), None)],
                     index=values.index, dtype="object")


def display_table(frame: pd.DataFrame, unit: str, lang: str = "fr",
                  columns: tuple[str, ...] = ("nom", "territoire", "annee")) -> pd.DataFrame:
    """Return figures as readers see them: the given columns, then value, « calculé », coverage,
    status, source and import batch (« lot n° 3 »).

    `frame` has valeur and etat (and optionally calcule, couverture, statut, source,
    batch_id, rang); column headers are French (or English), values formatted with their unit.
    """
    headers = {column: tr(header, lang) for column, header in TABLE_HEADERS.items()}
    table = pd.DataFrame(index=frame.index)
    for column in ("rang", *columns):
        if column in frame:
            table[headers[column]] = frame[column].astype("object").where(frame[column].notna(), "")
    table[headers["valeur"]] = display_values(frame, unit, lang)
    if "calcule" in frame:
        table[headers["calcule"]] = display_flags(frame["calcule"], lang)
    if "couverture" in frame:
        table[headers["couverture"]] = frame["couverture"].astype("object").where(
            frame["couverture"].notna(), "")
    if "statut" in frame:
        table[headers["statut"]] = formatting.status_texts(
            frame["statut"], lang=lang, source_values=frame.get("valeur_source"))
    if "source" in frame:
        table[headers["source"]] = frame["source"].astype("object").where(frame["source"].notna(), "")
    if "batch_id" in frame:
        table[headers["batch_id"]] = batch_labels(frame["batch_id"], lang)
    return table.reset_index(drop=True)


def batch_labels(batches: pd.Series, lang: str = "fr") -> list[str]:
    """Return « lot n° 3 » per row (empty without a batch), once per distinct batch."""
    labels: dict = {}
    out = []
    for batch in batches.tolist():
        key = None if formatting.is_missing(batch) else int(batch)
        if key not in labels:
            labels[key] = formatting.batch_text(key, lang)
        out.append(labels[key])
    return out


TABLE_HEADERS = {"rang": "Rang", "nom": "Territoire", "territoire": "Code", "annee": "Année",
                 "valeur": "Valeur", "calcule": "Calculé", "couverture": "Couverture",
                 "statut": "Statut", "niveau": "Niveau", "source": "Source", "batch_id": "Lot"}


def build_bars(categories: list, series: list[tuple[str, list]], unit: str, lang: str = "fr",
               horizontal: bool = False, stacked: bool = False) -> go.Figure:
    """Return bars of one or more series (name, values) over `categories`, values labelled.

    Horizontal bars put the first category on top; stacked ones add up (created = still
    active + stopped). Missing values are gaps, never zeros.
    """
    names = textsafety.plotly_all(pd.Series(categories, dtype=object).astype(str))
    traces = []
    for index, (name, values) in enumerate(series):
        labels = formatting.format_values(pd.Series(values, dtype="float64"), unit, lang=lang)
        axes = (dict(x=values, y=names, orientation="h") if horizontal
                else dict(x=names, y=values))
        traces.append(dict(
            type="bar", name=textsafety.plotly(name), **axes, text=labels,
            textposition="inside" if stacked else "outside", cliponaxis=False,
            marker=dict(color=LINE_COLOURS[index % len(LINE_COLOURS)]),
            customdata=np.array(labels, dtype=object),
            hovertemplate=("%{y}" if horizontal else "%{x}")
            + " — %{fullData.name} : %{customdata}<extra></extra>"))
    value_axis = _value_axis(unit, lang, rangemode="tozero")
    category_axis = dict(automargin=True, type="category",
                         autorange="reversed" if horizontal else True)
    layout = _layout(unit, lang, height=max(300, 28 * len(categories) + 100) if horizontal else 380,
                     xaxis=value_axis if horizontal else category_axis,
                     yaxis=category_axis if horizontal else value_axis)
    layout["barmode"] = "stack" if stacked else "group"
    layout["showlegend"] = len(series) > 1
    return go.Figure(data=traces, layout=layout)
