"""Baseline (usual Streamlit way) of the donnees page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("donnees")
