"""Baseline (usual Streamlit way) of the indicateurs page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("indicateurs")
