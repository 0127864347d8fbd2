"""A page's own floor: the widgets the page showed for this selection, and no data work.

`python -m observatory.bench.pages --side floor` points OBSERVATORY_FLOOR_WIDGETS at the
widgets recorded from our pages' runs and OBSERVATORY_FLOOR_PAGE at the page (bench/widgets.py).
"""

import json
import os

import streamlit as st

from observatory.bench import widgets


@st.cache_resource
def recorded(path: str) -> dict:
    with open(path, encoding="utf-8") as file:
        return json.load(file)


st.set_page_config(page_title="Floor", layout="wide")
params = {name: st.query_params.get(name) for name in st.query_params}
page_runs = recorded(os.environ["OBSERVATORY_FLOOR_WIDGETS"])[os.environ["OBSERVATORY_FLOOR_PAGE"]]
st.title("Floor")
widgets.show(st, page_runs[widgets.selection_key(params)])
st.query_params.from_dict(params)
