"""Baseline (usual Streamlit way) of the indicateurs page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("indicateurs")
