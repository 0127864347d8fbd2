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
    "Légende, {title}": "Legend, {title}",
    "Légende": "Legend",
    "{lead} : {entries}.": "{lead}: {entries}.",
})
EN.update({
    # observatory/ui/documentation.py
    "Déclaration d'accessibilité": "Accessibility statement",
    "La déclaration d'accessibilité est un document légal français : elle est donnée en "
    "français.":
        "The accessibility statement is a French legal document: it is given in French.",
})
