"""Baseline (usual Streamlit way) of the initiatives page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("initiatives")
