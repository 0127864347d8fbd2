"""Baseline (usual Streamlit way) of the jeunesse page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("jeunesse")
