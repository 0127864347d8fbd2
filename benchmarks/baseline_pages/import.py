"""Baseline (usual Streamlit way) of the import page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("import")
