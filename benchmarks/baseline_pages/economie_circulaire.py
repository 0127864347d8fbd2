"""Baseline (usual Streamlit way) of the economie_circulaire page: see benchmarks/baseline.py."""

from benchmarks import baseline

baseline.render("economie_circulaire")
