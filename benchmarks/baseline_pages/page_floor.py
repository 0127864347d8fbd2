"""A page's own floor: what the page showed for this selection, shown again with no data work.

`python -m benchmarks.page_runs --side floor` points OBSERVATORY_FLOOR_WIDGETS at what was
recorded from our pages' runs and OBSERVATORY_FLOOR_PAGE at the page: `genre` replays its
widgets (the floor), `genre+elements` its widgets and everything it displayed
(benchmarks/recorded_widgets.py).
"""

import json
import os

import streamlit as st

from benchmarks import recorded_widgets


@st.cache_resource
def recorded(path: str) -> dict:
    """Return every recorded run, tables decoded once (decoding is not the page's display)."""
    with open(path, encoding="utf-8") as file:
        runs = json.load(file)
    return {page: {key: recorded_widgets.decode_tables(specs) for key, specs in by_run.items()}
            for page, by_run in runs.items()}


st.set_page_config(page_title="Floor", layout="wide")
params = {name: st.query_params.get(name) for name in st.query_params}
page_runs = recorded(os.environ["OBSERVATORY_FLOOR_WIDGETS"])[os.environ["OBSERVATORY_FLOOR_PAGE"]]
recorded_widgets.show(st, page_runs[recorded_widgets.selection_key(params)])
st.query_params.from_dict(params)
