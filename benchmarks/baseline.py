"""The usual Streamlit way, for comparison: every table loaded into pandas once with
`st.cache_data`, then filtered and grouped in pandas on every run.

The baseline pages (benchmarks/baseline_pages/*.py) compute what our pages show —
key figures, maps, trends, rankings, facets, tables — from the same published snapshot and
draw them with the same figure builders, so the difference measured is the data path only.
This module imports Streamlit on purpose: it is a stand-in app, not part of the dashboard.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from observatory import charts, db, maps, point_maps, settings
from observatory.datasets import LEVELS
from observatory.labels import LEVEL_NAMES

TABLES = ("territoires", "indicateurs", "observations", "published_values", "initiatives",
          "batches", "outlines")
THEME_PAGES = {"genre": "genre", "jeunesse": "jeunesse", "economie_circulaire": "economie_circulaire"}


@st.cache_data(show_spinner=False)
def load_tables(snapshot: str) -> dict[str, pd.DataFrame]:
    """Return every table of the snapshot as a DataFrame (the usual way: load everything once)."""
    con = db.connect(snapshot, read_only=True)
    try:
        tables = {name: con.table(name).df() for name in TABLES}
    finally:
        con.close()
    tables["outlines"] = tables["outlines"].drop(columns=["geometry_wkb"])
    return tables


@st.cache_data(show_spinner=False)
def outline_collection(snapshot: str, level: str) -> dict:
    """Return the map outlines of a level as a parsed GeoJSON FeatureCollection."""
    rows = load_tables(snapshot)["outlines"]
    rows = rows[(rows["niveau"] == level) & rows["map_geojson"].notna()]
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": code, "geometry": json.loads(geometry)}
                         for code, geometry in zip(rows["code"], rows["map_geojson"], strict=True)]}


def tables() -> tuple[str, dict[str, pd.DataFrame]]:
    snapshot = str(db.current_snapshot(settings.database_path()))
    return snapshot, load_tables(snapshot)


def selection(data: dict[str, pd.DataFrame]) -> dict:
    """Render the same shared widgets as the frame (seeded from the URL when it changed); return the selection."""
    territories = data["territoires"]
    years = sorted(data["observations"]["annee"].unique().tolist())
    params = {name: st.query_params.get(name) for name in st.query_params}
    if st.session_state.get("_params") != params:
        st.session_state["_params"] = params
        st.session_state["niveau"] = params.get("niveau", "region")
        st.session_state["territoire"] = params.get("territoire")
        st.session_state["debut"] = int(params.get("debut", years[0]))
        st.session_state["fin"] = int(params.get("fin", years[-1]))
    with st.sidebar:
        lang = st.segmented_control("Langue", ["fr", "en"], key="lang", default="fr")
        level = st.selectbox("Niveau de territoire", list(LEVELS), key="niveau",
                             format_func=LEVEL_NAMES.get)
        options = territories[territories["niveau"] == level]
        names = dict(zip(options["code"], options["nom"], strict=True))
        if st.session_state.get("territoire") not in names:
            st.session_state["territoire"] = next(iter(names))
        code = st.selectbox("Territoire", list(names), key="territoire",
                            format_func=lambda item: f"{names[item]} ({item})")
        left, right = st.columns(2)
        start = left.selectbox("De", years, key="debut")
        end = right.selectbox("À", [year for year in years if year >= start], key="fin")
        row = options[options["code"] == code].iloc[0]
        parent = (row["departement"] if level in ("commune", "epci") else row["region"]) \
            if level != "region" else None
        st.markdown(f"**{names[code]} ({level}), {start}–{end}**")
    return {"level": level, "code": code, "name": names[code], "parent": parent,
            "region": settings.get("OBSERVATORY_REGION"), "start": start, "end": end,
            "lang": lang or "fr"}


def communes_of(data: dict[str, pd.DataFrame], sel: dict) -> pd.Series:
    """Return the codes of the communes inside the selected territory."""
    communes = data["territoires"][data["territoires"]["niveau"] == "commune"]
    if sel["level"] == "commune":
        return communes.loc[communes["code"] == sel["code"], "code"]
    if sel["level"] in ("epci", "departement"):
        return communes.loc[communes[sel["level"]] == sel["code"], "code"]
    return communes["code"]


def named(data: dict[str, pd.DataFrame], values: pd.DataFrame) -> pd.DataFrame:
    names = data["territoires"][["code", "niveau", "nom"]].rename(columns={"code": "territoire"})
    return values.merge(names, on=["territoire", "niveau"], how="left")


def values_of(data, indicator: str, level: str, year: int) -> pd.DataFrame:
    pv = data["published_values"]
    return named(data, pv[(pv["indicateur"] == indicator) & (pv["niveau"] == level)
                          & (pv["annee"] == year)])


def trend_of(data, indicator: str, sel: dict) -> pd.DataFrame:
    pv = data["published_values"]
    codes = [code for code in (sel["code"], sel["parent"], sel["region"]) if code]
    rows = pv[(pv["indicateur"] == indicator) & pv["territoire"].isin(codes)
              & pv["annee"].between(sel["start"], sel["end"])]
    return named(data, rows)


def choropleth(snapshot: str, data, indicator: pd.Series, level: str, year: int, sel: dict):
    """Return the classed choropleth of one indicator at a level (outlines embedded)."""
    values = values_of(data, indicator["code"], level, year)
    places = data["territoires"][data["territoires"]["niveau"] == level]
    bounds = (float(places["longitude"].min()) - 0.1, float(places["latitude"].min()) - 0.1,
              float(places["longitude"].max()) + 0.1, float(places["latitude"].max()) + 0.1)
    outline_ref = maps.MapOutlines(level, outline_collection(snapshot, level), bounds,
                                   frozenset(places["code"]))
    return maps.build_choropleth(values, outline_ref, level, indicator["unite"],
                                 indicator["libelle"], sel["lang"], selected=sel["code"])


def key_figures(data, indicators: pd.DataFrame, sel: dict) -> None:
    """Render the latest value of each indicator for the selection and its change over the period."""
    pv = data["published_values"]
    rows = pv[(pv["territoire"] == sel["code"]) & (pv["niveau"] == sel["level"])
              & pv["indicateur"].isin(indicators["code"]) & (pv["etat"] == "publie")
              & pv["annee"].between(sel["start"], sel["end"])]
    ends = rows.sort_values("annee").groupby("indicateur")["valeur"].agg(["first", "last"])
    columns = st.columns(max(1, min(4, len(indicators))))
    for index, indicator in enumerate(indicators.itertuples()):
        if indicator.code in ends.index:
            first, last = ends.loc[indicator.code]
            columns[index % len(columns)].metric(indicator.libelle, f"{last:,.1f}",
                                                 f"{last - first:+,.1f}")


def initiatives_in(data, sel: dict) -> pd.DataFrame:
    initiatives = data["initiatives"]
    communes = data["territoires"][data["territoires"]["niveau"] == "commune"][["code", "nom"]]
    rows = initiatives[initiatives["commune"].isin(communes_of(data, sel))]
    return rows.merge(communes.rename(columns={"code": "commune", "nom": "commune_nom"}),
                      on="commune", how="left")


def map_points_of(rows: pd.DataFrame) -> point_maps.MapPoints:
    """Return what the point map draws, counted with pandas: points, or circles per commune."""
    located = rows.dropna(subset=["latitude", "longitude"])
    if not point_maps.points_are_dense(len(located)):
        return point_maps.MapPoints(len(rows), len(located), located, pd.DataFrame())
    communes = located.groupby("commune", as_index=False).agg(
        commune_nom=("commune_nom", "first"), located_n=("id", "size"),
        latitude=("latitude", "mean"), longitude=("longitude", "mean"),
        thematique=("thematique", lambda values: values.mode().iloc[0]))
    return point_maps.MapPoints(len(rows), len(located), located.iloc[0:0], communes)


def indicator_panels(snapshot: str, data, indicator: pd.Series, sel: dict, map_level: str) -> None:
    """Render map, trend, ranking and table of one indicator, as the Indicateurs page does."""
    st.plotly_chart(choropleth(snapshot, data, indicator, map_level, sel["end"], sel))
    trend = trend_of(data, indicator["code"], sel)
    st.plotly_chart(charts.build_trend(trend, indicator["unite"], sel["lang"]))
    ranked = values_of(data, indicator["code"], map_level, sel["end"])
    st.plotly_chart(charts.build_ranking(ranked, indicator["unite"], sel["lang"], sel["code"]))
    st.dataframe(ranked[["territoire", "nom", "annee", "valeur", "etat"]], hide_index=True)


def render(page: str) -> None:
    """Run one baseline page."""
    st.set_page_config(page_title="Baseline", layout="wide")
    snapshot, data = tables()
    sel = selection(data)
    st.title(page)
    catalogue = data["indicateurs"]
    if page == "accueil":
        headline = catalogue.groupby("theme").head(1)
        key_figures(data, headline, sel)
        st.plotly_chart(choropleth(snapshot, data, headline.iloc[0], "departement", sel["end"], sel))
        batches = data["batches"]
        st.dataframe(batches.sort_values("applied_at").groupby("dataset").tail(1), hide_index=True)
    elif page == "initiatives":
        rows = initiatives_in(data, sel)
        for facet in ("thematique", "stade", "forme_juridique"):
            counts = rows[facet].value_counts()
            st.pills(facet, counts.index.tolist(), key=f"facet_{facet}", selection_mode="multi",
                     format_func=lambda value, counts=counts: f"{value} ({counts[value]})")
        publics = rows["publics"].explode().value_counts()
        st.pills("publics", publics.index.tolist(), key="facet_publics", selection_mode="multi")
        st.write(f"{len(rows)} initiatives")
        st.plotly_chart(point_maps.build_point_map(map_points_of(rows), sel["lang"]))
        st.dataframe(rows.sort_values("nom").head(500), hide_index=True)
    elif page == "indicateurs":
        theme = st.selectbox("Thème", sorted(catalogue["theme"].unique()), key="theme")
        choices = catalogue[catalogue["theme"] == theme]
        code = st.selectbox("Indicateur", choices["code"].tolist(), key="indicateur")
        map_level = st.selectbox("Carte", ["departement", "epci", "commune"], key="carte")
        indicator_panels(snapshot, data, choices[choices["code"] == code].iloc[0], sel, map_level)
    elif page == "territoire":
        pv = data["published_values"]
        rows = pv[(pv["territoire"] == sel["code"]) & (pv["niveau"] == sel["level"])
                  & pv["annee"].between(sel["start"], sel["end"])]
        summary = rows.sort_values("annee").groupby("indicateur").agg(
            premiere=("valeur", "first"), derniere=("valeur", "last"), annees=("annee", "nunique"))
        st.dataframe(summary.merge(catalogue.set_index("code")[["libelle", "theme"]],
                                   left_index=True, right_index=True))
        for indicator in catalogue.groupby("theme").head(1).itertuples():
            trend = trend_of(data, indicator.code, sel)
            st.plotly_chart(charts.build_trend(trend, indicator.unite, sel["lang"]))
        initiatives = initiatives_in(data, sel)
        st.write(f"{len(initiatives)} initiatives")
        st.dataframe(initiatives.head(200), hide_index=True)
    elif page in THEME_PAGES:
        indicators = catalogue[catalogue["theme"] == THEME_PAGES[page]].head(4)
        key_figures(data, indicators, sel)
        if len(indicators):
            first = indicators.iloc[0]
            st.plotly_chart(choropleth(snapshot, data, first, "departement", sel["end"], sel))
            st.plotly_chart(charts.build_trend(trend_of(data, first["code"], sel), first["unite"],
                                               sel["lang"]))
        rows = initiatives_in(data, sel)
        concerned = {"genre": rows["portee_par_une_femme"].fillna(False),
                     "jeunesse": rows["publics"].map(lambda items: "jeunes" in list(items)),
                     "economie_circulaire": rows["economie_circulaire"].fillna(False)}[page]
        rows = rows[concerned.astype(bool)]
        st.bar_chart(rows["thematique"].value_counts())
        st.dataframe(rows.head(200), hide_index=True)
    elif page == "donnees":
        pv = data["published_values"]
        spans = pv.groupby("indicateur")["annee"].agg(["min", "max"])
        st.dataframe(catalogue.merge(spans, left_on="code", right_index=True, how="left"),
                     hide_index=True)
        st.download_button("indicateurs.csv", catalogue.to_csv(sep=";", index=False).encode(),
                           "indicateurs.csv")
    elif page == "import":
        st.dataframe(data["batches"].sort_values("batch_id", ascending=False), hide_index=True)
