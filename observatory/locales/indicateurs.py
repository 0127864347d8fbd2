"""English texts of the Indicateurs and Territoire pages."""

EN = {
    'En {year}, parmi les {count} {levels} dont la valeur est publiée, elle va de {low} ({low_name}) à {high} ({high_name}).':
        'In {year}, across the {count} {levels} with published figures, values range from {low} ({low_name}) to {high} ({high_name}).',
    '{name} est au rang {rank} sur {count}.':
        '{name} ranks {rank} out of {count}.',
    'Voir les initiatives de ce territoire':
        "See this territory's initiatives",
    '{gap} par rapport à {parent} ({verdict})':
        '{gap} compared with {parent} ({verdict})',
    'Tous les thèmes':
        'All themes',
    'Unité : {unit}':
        'Unit: {unit}',
    'Vue':
        'View',
    'Dernière année ({year})':
        'Latest year ({year})',
    'Dernière année':
        'Latest year',
    'Territoires à comparer (cinq au plus)':
        'Territories to compare (up to five)',
    "En {year}, aucune valeur n'est publiée pour les {levels}.":
        'In {year}, no figure is published for the {levels}.',
    "« Calculé » : valeur agrégée à partir des territoires qui composent chacun ; la couverture indique combien d'entre eux ont une donnée (ex. 16/16).":
        '“Computed”: value aggregated from the territories each one is made of; coverage says how many of them have a figure (e.g. 16/16).',
    'Évolution comparée de {names}, {period}.':
        'Compared trends of {names}, {period}.',
    "Pour imprimer ou enregistrer en PDF : bouton ci-dessus, ou Ctrl+P (Cmd+P sur Mac). Le menu latéral n'est pas imprimé.":
        'To print or save as PDF: the button above, or Ctrl+P (Cmd+P on a Mac). The side menu is not printed.',
    'Dernière année : {year}':
        'Latest year: {year}',
    'Niveau de la carte':
        'Map level',
    'Année':
        'Year',
    '{n} relèvent du secret statistique.':
        '{n} are withheld (statistical confidentiality).',
    'Classement':
        'Ranking',
    "Le graphique montre les {n} premiers ; l'onglet Données les donne tous.":
        'The chart shows the top {n}; the Data tab lists them all.',
    'territoires comparés':
        'compared territories',
    'dernières valeurs':
        'latest values',
    'calculé, couverture {coverage}':
        'computed, coverage {coverage}',
    "Aucune initiative n'est recensée dans ce territoire.":
        'No initiative is listed in this territory.',
    '… et {n} autres.':
        '… and {n} more.',
    'Classes':
        'Classes',
    'Imprimer ce portrait':
        'Print this profile',
    'Valeur':
        'Value',
    'Évolution sur un an':
        'One-year change',
    'Territoire parent':
        'Parent territory',
    'Écart au parent':
        'Gap to parent',
    'Lecture':
        'Reading',
    'Calculé':
        'Computed',
    'Couverture':
        'Coverage',
    "Le catalogue des indicateurs est vide : importez un fichier d'indicateurs (page Import) ou chargez les données de démonstration.":
        'The indicator catalogue is empty: import an indicator file (Import page) or load the demonstration data.',
    'Cliquez sur un territoire de la carte pour le sélectionner, ou choisissez-le dans le menu latéral.':
        'Click a territory on the map to select it, or choose it in the side menu.',
    'Portrait':
        'Profile',
    "Aucun indicateur n'a de donnée pour ce territoire : choisissez un autre territoire ou un autre thème.":
        'No indicator has figures for this territory: choose another territory or theme.',
    "Dernière valeur connue de chaque indicateur, son évolution et son écart au territoire parent : en vert quand l'écart est favorable, en rouge quand il est défavorable (le mot est écrit). Un total (emplois, tonnes, euros…) fait partie de celui de son parent : il n'est pas comparé.":
        'Latest known value of each indicator, its trend and its gap to the parent territory: green when the gap is favourable, red when unfavourable (the word is written too). A total (jobs, tonnes, euros…) is part of its parent\'s: it is not compared.',
    'Portrait de {name} : les données':
        'Profile of {name}: the data',
    'Initiatives du territoire':
        'Initiatives in the territory',
    'Évolution':
        'Trend',
    'Comparaison':
        'Comparison',
    'Quantiles':
        'Quantiles',
    'Seuils naturels (Jenks)':
        'Natural breaks (Jenks)',
    'régions':
        'regions',
    'favorable':
        'favourable',
    'défavorable':
        'unfavourable',
    'neutre':
        'neutral',
    'Valeur du parent':
        'Parent value',
    'Valeur de la région':
        'Region value',
    'Statut':
        'Status',
    'Lot':
        'Batch',
    '{parent} : {value}':
        '{parent}: {value}',
    # initiatives over the map (observatory/ui/initiative_overlay.py)
    'Initiatives sur la carte':
        'Initiatives on the map',
    'Masquer':
        'Hide',
    'Afficher':
        'Show',
    "Les initiatives ne sont dessinées que sur une carte des contours.":
        'Initiatives are drawn on a map of outlines only.',
    "initiatives recensées par l'observatoire":
        'initiatives recorded by the observatory',
    'Points : {n} ({what}) dans {territory}, {located} localisées.':
        'Points: {n} ({what}) in {territory}, {located} located.',
    "Initiatives recensées par l'observatoire — {territory} : {coverage}.":
        'Initiatives recorded by the observatory — {territory}: {coverage}.',
    "Initiatives recensées par l'observatoire : ce n'est pas un recensement.":
        'Initiatives recorded by the observatory: this is not a census.',
}
