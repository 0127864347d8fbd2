"""Chart builders: hovers say a figure's status and coverage; secret figures are never drawn."""

from __future__ import annotations

import pandas as pd
import pytest

from observatory import charts, export

NNBSP = "\u202f"


def figures() -> pd.DataFrame:
    return pd.DataFrame({
        "territoire": ["29", "29", "35", "35"], "nom": ["Finistère", "Finistère",
                                                        "Ille-et-Vilaine", "Ille-et-Vilaine"],
        "annee": [2022, 2023, 2022, 2023], "valeur": [40.0, 42.5, None, 38.0],
        "etat": ["publie", "publie", "secret", "publie"],
        "statut": ["definitif", "calcule", "calcule", "provisoire"],
        "couverture": [None, "5/6", "6/6", None], "rang": [None, 1, None, 2]})


def test_trend_hovers_mark_computed_figures_with_coverage_and_secret_as_secret():
    figure = charts.build_trend(figures(), "pourcentage", order=["29", "35"])
    assert [list(trace.customdata) for trace in figure.data] == [
        [f"40,0{NNBSP}% · définitif", f"42,5{NNBSP}% · calculé — 5 territoires sur 6"],
        ["secret", f"38,0{NNBSP}% · provisoire"]]
    assert "%{customdata}" in figure.data[0].hovertemplate
    english = charts.build_trend(figures(), "pourcentage", "en", order=["29"])
    assert list(english.data[0].customdata)[1] == "42.5\u202f% · computed — 5 of 6 territories"


def test_ranking_and_comparison_hovers_mark_computed_figures_with_coverage():
    latest = figures().loc[lambda frame: frame["annee"] == 2023]
    ranking = charts.build_ranking(latest, "pourcentage", selected="29")
    bar = ranking.data[0]
    assert [list(row) for row in bar.customdata] == [
        ["35", " · provisoire"], ["29", " · calculé — 5 territoires sur 6"]]
    assert bar.hovertemplate == "%{y} : %{text}%{customdata[1]}<extra></extra>"
    comparison = charts.build_comparison(latest, "pourcentage")
    assert list(comparison.data[0].customdata) == [" · calculé — 5 territoires sur 6",
                                                   " · provisoire"]
    assert "%{customdata}" in comparison.data[0].hovertemplate
    secret_year = charts.build_ranking(figures().loc[lambda frame: frame["annee"] == 2022],
                                       "pourcentage")
    assert list(secret_year.data[0].y) == ["Finistère"]  # the secret one is not drawn


def test_value_tables_and_their_exports_carry_each_figures_status_source_and_batch():
    frame = figures().assign(niveau="departement", unite="pourcentage", calcule=True,
                             source=["INSEE", "INSEE", "CRESS", "CRESS"],
                             batch_id=[2, 3, 3, None], valeur_source=[True, False, False, False])
    exact = charts.figure_table(frame)
    assert list(exact.columns) == list(charts.FIGURE_COLUMNS)
    assert exact["batch_id"].tolist()[:3] == [2, 3, 3] and pd.isna(exact["batch_id"].iloc[3])
    shown = charts.display_table(exact, "pourcentage")
    assert list(shown.columns) == ["Territoire", "Code", "Année", "Valeur", "Calculé",
                                   "Couverture", "Statut", "Source", "Lot"]
    assert shown.iloc[1].tolist() == ["Finistère", "29", 2023, f"42,5{NNBSP}%", "oui", "5/6",
                                      "calculé", "INSEE", "lot n° 3"]
    # a stored figure where components give another one says so
    assert shown.iloc[0]["Statut"] == "définitif · valeur de la source"
    assert shown.iloc[2]["Valeur"] == "secret" and shown.iloc[3]["Lot"] == ""
    english = charts.display_table(exact, "pourcentage", "en")
    assert english.iloc[0][["Status", "Source", "Batch"]].tolist() == [
        "final · value from the source", "INSEE", "batch no. 2"]
    lines = export.to_csv(exact).decode().splitlines()
    assert lines[0] == ("territoire,nom,niveau,annee,valeur,unite,etat,calcule,valeur_source,"
                        "couverture,statut,source,batch_id")
    assert lines[3] == ("35,Ille-et-Vilaine,departement,2022,secret,pourcentage,secret,True,False,"
                        "6/6,calcule,CRESS,3")


# Plotly reads `separators` as decimal mark then thousands separator; the value axis
# carries the unit's d3 format (one decimal for percentages, none for counts).
SEPARATORS = {"fr": ",\u202f", "en": ".,"}
TICK_FORMATS = {"pourcentage": ",.1f", "nombre": ",.0f"}


def built_figures(unit: str, lang: str) -> dict:
    latest = figures().loc[lambda frame: frame["annee"] == 2023]
    return {"trend": (charts.build_trend(figures(), unit, lang), "yaxis", "xaxis"),
            "ranking": (charts.build_ranking(latest, unit, lang, selected="29"), "xaxis", "yaxis"),
            "comparison": (charts.build_comparison(latest, unit, lang), "yaxis", "xaxis")}


@pytest.mark.parametrize("lang", list(SEPARATORS))
@pytest.mark.parametrize("unit", list(TICK_FORMATS))
def test_figures_use_the_languages_separators_and_the_units_format_on_the_value_axis(unit, lang):
    for name, (figure, value_axis, other_axis) in built_figures(unit, lang).items():
        assert figure.layout.separators == SEPARATORS[lang], name
        assert figure.layout[value_axis].tickformat == TICK_FORMATS[unit], name
        assert figure.layout[other_axis].tickformat is None, name  # years and names unformatted



def test_the_ranking_leaves_room_for_the_longest_bars_label():
    latest = figures().loc[lambda frame: frame["annee"] == 2023]
    ranking = charts.build_ranking(latest, "pourcentage", selected="29")
    top = float(latest.loc[latest["etat"] == "publie", "valeur"].max())
    low, high = ranking.layout.xaxis.range
    assert low == 0 and high == pytest.approx(top * charts.LABEL_ROOM)
