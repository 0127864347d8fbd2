"""Baseline (usual Streamlit way) of the economie_circulaire page: see observatory/bench/baseline.py."""

from observatory.bench import baseline

baseline.render("economie_circulaire")
