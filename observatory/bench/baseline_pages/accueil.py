"""Baseline (usual Streamlit way) of the accueil page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("accueil")
