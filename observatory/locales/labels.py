"""English for observatory/labels.py: level words, thematiques and stages."""

EN = {
    "département": "département",
    "commune": "municipality",
    "Alimentation": "Food",
    "Mobilité": "Mobility",
    "Logement": "Housing",
    "Santé": "Health",
    "Emploi et insertion": "Employment and inclusion",
    "Éducation et formation": "Education and training",
    "Culture": "Culture",
    "Environnement et énergie": "Environment and energy",
    "Réemploi et économie circulaire": "Re-use and circular economy",
    "Solidarité et lien social": "Solidarity and social ties",
    "Numérique": "Digital",
    "Autre": "Other",
    "émergence": "emergence",
    "expérimentation": "experimentation",
    "consolidation": "consolidation",
    "essaimage": "scaling",
    "Initiatives par commune (surface ∝ nombre)": "Initiatives per municipality (area ∝ count)",
}
