"""Baseline (usual Streamlit way) of the import page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("import")
