"""English for the accessibility pieces: sparkline names, map legends as text, Streamlit's labels."""

EN = {
    # observatory/sparkline.py
    "Évolution {start}–{end} : de {first} à {last}, {direction}":
        "Trend {start}–{end}: from {first} to {last}, {direction}",
    "en hausse": "rising",
    "en baisse": "falling",
    "stable": "stable",
}
