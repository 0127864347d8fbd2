"""Baseline (usual Streamlit way) of the donnees page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("donnees")
