"""The baseline's router: the usual-Streamlit-way pages (benchmarks/baseline_pages)
under the same URL paths as the dashboard's, so that the same load reaches both.

Copied next to dashboard.py by benchmarks/servers.app_copy and run with `streamlit run`.
"""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "benchmarks" / "baseline_pages"
URL_PATHS = {"accueil": "accueil", "initiatives": "initiatives", "indicateurs": "indicateurs",
             "territoire": "territoire", "genre": "genre", "jeunesse": "jeunesse",
             "economie_circulaire": "economie-circulaire", "donnees": "donnees-et-methodes",
             "import": "import"}

st.navigation([st.Page(str(PAGES / f"{key}.py"), title=key, url_path=path,
                       default=key == "accueil")
               for key, path in URL_PATHS.items()]).run()
