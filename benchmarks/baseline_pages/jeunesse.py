"""Baseline (usual Streamlit way) of the jeunesse page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("jeunesse")
