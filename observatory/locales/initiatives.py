"""English texts of the Initiatives page (directory, facets, map, table, card)."""

EN = {
    # page and controls
    "Rechercher une initiative (nom, porteur, description)":
        "Search initiatives (name, organisation, description)",
    "par exemple : repair café, ressourcerie, vélo": "for example: repair café, reuse centre, bike",
    "Filtres": "Filters",
    "filtres": "filters",
    "carte et tableau": "map and table",
    "fiche": "initiative card",
    "Affichage": "View",
    "Carte": "Map",
    "Tableau": "Table",
    "Trier par": "Sort by",
    "Nom": "Name",
    "Commune": "Municipality",
    "Année de création (récentes d'abord)": "Year founded (most recent first)",
    "Emplois (les plus nombreux d'abord)": "Jobs (most first)",
    # facets
    "Thématique": "Theme",
    "Thématique la plus fréquente": "Most frequent theme",
    "Publics": "Target groups",
    "Stade": "Stage",
    "Forme juridique": "Legal form",
    "Année de création": "Year founded",
    "Économie circulaire": "Circular economy",
    "Portée par une femme": "Led by a woman",
    "Oui": "Yes",
    "Activité": "Activity",
    "En activité": "Active",
    "Arrêtée": "Stopped",
    "en activité": "active",
    "arrêtées": "stopped",
    "arrêtée en {year}": "stopped in {year}",
    "Non": "No",
    "Jeunes": "Young people",
    "Femmes": "Women",
    "Seniors": "Older people",
    "Personnes en situation de handicap": "People with disabilities",
    "Demandeurs d'emploi": "Jobseekers",
    "Personnes migrantes": "Migrants",
    "Familles": "Families",
    "Tout public": "Everyone",
    "Association": "Association",
    "Coopérative": "Cooperative",
    "SCOP": "SCOP (worker cooperative)",
    "SCIC": "SCIC (multi-stakeholder cooperative)",
    "Mutuelle": "Mutual society",
    "Fondation": "Foundation",
    "Entreprise ESUS": "ESUS social enterprise",
    "Collectivité": "Local authority",
    "Autre forme": "Other form",
    "Avant 2000": "Before 2000",
    "2020 et après": "2020 and later",
    # the filter sentence
    "recherche « {words} »": "search “{words}”",
    " ou ": " or ",
    "thématique {values}": "theme {values}",
    "public {values}": "target group {values}",
    "stade {values}": "stage {values}",
    "forme {values}": "legal form {values}",
    "créées {values}": "founded {values}",
    "département {values}": "département {values}",
    "EPCI {values}": "EPCI {values}",
    "économie circulaire": "circular economy",
    "hors économie circulaire": "outside the circular economy",
    "portées par une femme": "led by a woman",
    "non portées par une femme": "not led by a woman",
    "Aucune initiative ne correspond à ces critères : retirez un filtre, modifiez la recherche "
    "ou élargissez le territoire.":
        "No initiative matches these criteria: remove a filter, change the search or widen the "
        "territory.",
    # map, table, card
    "Carte des initiatives": "Map of initiatives",
    "Liste des initiatives": "List of initiatives",
    "Annuaire des initiatives de l'observatoire": "Directory of the observatory's initiatives",
    "Annuaire des initiatives de l'observatoire (données de démonstration)":
        "Directory of the observatory's initiatives (demonstration data)",
    "{n} sur la carte, colorées par thématique.": "{n} on the map, coloured by theme.",
    "{n} sur la carte, regroupées par commune (surface du cercle proportionnelle au nombre "
    "d'initiatives).":
        "{n} on the map, grouped by municipality (circle area proportional to the number "
        "of initiatives).",
    "{n} sans localisation.": "{n} without a location.",
    "Identifiant": "Identifier",
    "Emplois (ETP)": "Jobs (FTE)",
    "Fiche d'une initiative": "Initiative card",
    "— Choisir une initiative —": "— Choose an initiative —",
    "Les {n} premières initiatives de la liste : précisez la recherche ou les filtres pour "
    "trouver les autres.":
        "The first {n} initiatives of the list: refine the search or the filters to find the "
        "others.",
    "Porteur": "Carrier",
    "Bénévoles": "Volunteers",
    "Bénéficiaires": "Beneficiaries",
    "Site web": "Website",
    "non renseigné": "not provided",
    "Voir les indicateurs de ce territoire": "See this territory's indicators",
    # impact section (observatory/impact.py, observatory/ui/impact_view.py)
    "impact": "impact",
    "Impact et pérennité des initiatives": "Impact and survival of initiatives",
    "Ce que l'observatoire connaît des initiatives de cette sélection (initiatives recensées par "
    "l'observatoire, pas un recensement).":
        "What the observatory knows of the initiatives in this selection (initiatives recorded "
        "by the observatory, not a census).",
    "Vue": "View",
    "Chiffres clés": "Key figures",
    "Par thématique": "By theme",
    "Par stade": "By stage",
    "Créations par année": "Creations per year",
    "Pérennité": "Survival",
    "Annuaire des initiatives de l'observatoire : initiatives recensées par l'observatoire":
        "Directory of the observatory's initiatives: initiatives recorded by the observatory",
    "Initiatives recensées": "Recorded initiatives",
    "dont {n} en activité": "of which {n} active",
    "Moins de la moitié des initiatives en activité ont renseigné certains champs : ces totaux "
    "sous-estiment la réalité.":
        "Fewer than half of the active initiatives filled some fields: these totals understate "
        "reality.",
    "Chiffres clés des initiatives": "Key figures of the initiatives",
    "Initiatives par thématique": "Initiatives by theme",
    "Initiatives par stade": "Initiatives by stage",
    "Créations d'initiatives par année": "Initiatives created per year",
    "Taux de pérennité des initiatives": "Survival rate of initiatives",
    "renseigné par {n} des {m} initiatives en activité": "reported by {n} of {m} active initiatives",
    " — moins de la moitié : ce total sous-estime la réalité":
        " — fewer than half: this total understates reality",
    "{n} recensées par l'observatoire, dont {active} en activité et {stopped} arrêtées.":
        "{n} recorded by the observatory, of which {active} active and {stopped} stopped.",
    "{label} : {value} ({coverage}).": "{label}: {value} ({coverage}).",
    "Initiatives en activité": "Active initiatives",
    "Initiatives arrêtées": "Stopped initiatives",
    "Chiffre": "Figure",
    "Valeur": "Value",
    "Initiatives ayant renseigné": "Initiatives that reported it",
    "Initiatives": "Initiatives",
    "Emplois (ETP) des initiatives en activité": "Jobs (FTE) of active initiatives",
    "Initiatives ayant renseigné leurs emplois": "Initiatives that reported their jobs",
    "Aucune initiative.": "No initiative.",
    "{name} en tête : {n} sur {total} ({share}).": "{name} first: {n} of {total} ({share}).",
    "Initiatives créées": "Initiatives created",
    "Toujours en activité": "Still active",
    "Arrêtées depuis": "Stopped since",
    "Aucune année de création renseignée.": "No year founded given.",
    "{n} créées de {first} à {last} ; l'année la plus active : {peak} ({peak_n}).":
        "{n} founded from {first} to {last}; busiest year: {peak} ({peak_n}).",
    "Toutes thématiques": "All themes",
    "Pérennité à 3 ans (%)": "3-year survival (%)",
    "Initiatives créées il y a 3 ans ou plus": "Initiatives founded 3 or more years ago",
    "Pérennité à 5 ans (%)": "5-year survival (%)",
    "Initiatives créées il y a 5 ans ou plus": "Initiatives founded 5 or more years ago",
    "Aucune initiative n'a encore 3 ans : pas de taux de pérennité.":
        "No initiative is 3 years old yet: no survival rate.",
    "{rate} des initiatives créées il y a 3 ans ou plus étaient toujours en activité 3 ans après "
    "leur création ({n}).":
        "{rate} of the initiatives founded 3 or more years ago were still active 3 years after "
        "they were founded ({n}).",
    "À 5 ans : {rate} ({n}).": "After 5 years: {rate} ({n}).",
}
