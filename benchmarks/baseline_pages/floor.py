"""The floor: a page with the same widgets as ours and no data work (the cost of Streamlit itself).

Same shared selection (language, level, territory among as many options as the largest
level, period), two page selects, a tab switch, a text input, and one empty chart.
"""

import plotly.graph_objects as go
import streamlit as st

LEVELS = ["region", "departement", "epci", "commune"]
TERRITORIES = [f"{number:05d}" for number in range(2_000)]
YEARS = list(range(2010, 2025))
INDICATORS = [f"synth_{number:03d}" for number in range(100)]

st.set_page_config(page_title="Floor", layout="wide")
params = {name: st.query_params.get(name) for name in st.query_params}
if st.session_state.get("_params") != params:
    st.session_state["_params"] = params
    st.session_state["niveau"] = params.get("niveau", "region")
with st.sidebar:
    st.segmented_control("Langue", ["fr", "en"], key="lang", default="fr")
    level = st.selectbox("Niveau de territoire", LEVELS, key="niveau")
    territory = st.selectbox("Territoire", TERRITORIES, key="territoire")
    left, right = st.columns(2)
    start = left.selectbox("De", YEARS, key="debut")
    end = right.selectbox("À", [year for year in YEARS if year >= start], key="fin")
    st.markdown(f"**{territory} ({level}), {start}–{end}**")
st.title("Floor")
st.selectbox("Thème", ["innovation_sociale", "genre", "jeunesse", "economie_circulaire"], key="theme")
st.selectbox("Indicateur", INDICATORS, key="indicateur")
st.segmented_control("Vue", ["carte", "evolution", "classement", "tableau"], key="onglet",
                     default="carte")
st.text_input("Rechercher", key="q")
st.plotly_chart(go.Figure())
st.query_params.from_dict({"niveau": level})
