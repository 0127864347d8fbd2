"""Baseline (usual Streamlit way) of the genre page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("genre")
