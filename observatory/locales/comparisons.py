"""English for observatory/comparisons.py: the summary sentence of a comparison."""

EN = {
    "Aucune donnée pour {subject} {place}.": "No data for “{label}” in {name}.",
    "En {year}, le chiffre « {libelle} » {place} est couvert par le secret statistique.":
        "In {year}, “{label}” in {name} is withheld (statistical confidentiality).",
    "En {year}, {subject} sont de {value} {place}": "In {year}, “{label}” in {name} is {value}",
    "En {year}, {subject} est de {value} {place}": "In {year}, “{label}” in {name} is {value}",
    ", {delta} depuis {year}": ", {delta} since {year}",
}
