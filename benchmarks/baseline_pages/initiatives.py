"""Baseline (usual Streamlit way) of the initiatives page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("initiatives")
