"""Baseline (usual Streamlit way) of the accueil page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("accueil")
