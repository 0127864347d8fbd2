"""Baseline (usual Streamlit way) of the genre page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("genre")
