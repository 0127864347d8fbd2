"""Benchmarks, outside the package: `python -m benchmarks COMMAND` (see BENCHMARKS.md).

Figures are printed; nothing is written in the checkout. `pages` (issue 6): `synthetic` builds
an observatory, `page_runs` times pages under AppTest (each side in its own process),
`baseline` and `baseline_pages/` are the usual-Streamlit-way pages, `recorded_widgets` a page's
floor, `report` assembles the JSON. `import`: `import_speed`. `load` (issue 18): `load` and
the modules it drives. `hostile-csv`: `hostile_csv`.
"""
