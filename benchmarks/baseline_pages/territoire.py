"""Baseline (usual Streamlit way) of the territoire page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("territoire")
