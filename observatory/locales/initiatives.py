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
    "Publics": "Target groups",
    "Stade": "Stage",
    "Forme juridique": "Legal form",
    "Année de création": "Year founded",
    "Économie circulaire": "Circular economy",
    "Portée par une femme": "Led by a woman",
    "Oui": "Yes",
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
}
