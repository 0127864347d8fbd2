"""Baseline (usual Streamlit way) of the territoire page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("territoire")
