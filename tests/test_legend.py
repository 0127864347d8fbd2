"""A map's legend said in a sentence, as its classes and counts."""

from __future__ import annotations

import pandas as pd

from observatory import maps
from observatory.legend import legend_sentence
from observatory.maps import MapOutlines


def _choropleth(lang: str):
    outlines = MapOutlines("departement", {"type": "FeatureCollection", "features": []},
                           (-5.0, 47.0, -1.0, 49.0), frozenset({"22", "29", "35", "56"}))
    values = pd.DataFrame({"territoire": ["22", "29", "35", "56"], "nom": list("ABCD"),
                           "valeur": [10.0, 20.0, 30.0, None],
                           "etat": ["publie", "publie", "publie", "absent"],
                           "annee": [2024] * 4})
    return maps.build_choropleth(values, outlines, "departement", "pourcentage", "t", lang, k=3)


def test_every_class_and_the_missing_data_are_named_with_their_count():
    figure = _choropleth("fr")
    sentence = legend_sentence(figure, "fr")
    names = [trace.name for trace in figure.data if trace.showlegend]
    assert sentence.startswith("Légende, ")
    assert all(f"{name} (" in sentence for name in names)
    assert "pas de donnée (1 sur la carte)" in sentence
    assert legend_sentence(_choropleth("en"), "en").startswith("Legend, ")


def test_a_chart_without_a_map_has_no_legend_sentence():
    import plotly.graph_objects as go

    assert legend_sentence(go.Figure(go.Scatter(x=[1], y=[2], name="Finistère"))) == ""


def test_points_are_counted_by_their_coordinates():
    import plotly.graph_objects as go

    figure = go.Figure(go.Scattermap(lat=[48.0, 48.1], lon=[-3.0, -3.1], name="Alimentation"))
    assert legend_sentence(figure) == "Légende : Alimentation (2 sur la carte)."
