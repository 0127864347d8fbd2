"""The benchmark (issue 6): a synthetic observatory built in a temporary folder, then measured.

`python -m observatory bench [--scale demo|large] [--json FILE]`: see BENCHMARKS.md.
Modules: `synthetic` builds the observatory, `pages` times pages under AppTest (each side in
its own process), `baseline` holds the usual-Streamlit-way pages, `report` assembles the JSON.
"""
