"""English for the accessibility pieces: sparkline names, map legends as text, Streamlit's labels."""

EN = {
    # observatory/sparkline.py
    "Évolution {start}–{end} : de {first} à {last}, {direction}":
        "Trend {start}–{end}: from {first} to {last}, {direction}",
    "en hausse": "rising",
    "en baisse": "falling",
    "stable": "stable",
}
EN.update({
    # observatory/legend.py
    "{name} ({n} sur la carte)": "{name} ({n} on the map)",
    "Légende ({title})": "Legend ({title})",
    "Légende": "Legend",
    "{lead} : {entries}.": "{lead}: {entries}.",
})
