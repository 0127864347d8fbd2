"""English for the overview, the theme pages (Genre, Jeunesse, Économie circulaire) and Données & méthodes."""

EN = {
    # observatory/ui/stories.py
    "Données de démonstration : valeurs fictives, générées pour présenter l'outil (territoires "
    "réels de Bretagne, quelques initiatives réelles citées en exemple). Ne les citez pas comme "
    "des statistiques.":
        "Demonstration data: fictitious values, generated to present the tool (real Breton "
        "territories, a few real initiatives quoted as examples). Do not quote them as statistics.",
    "Évolution sur un an ; unité : {unit}": "Change over one year; unit: {unit}",
    "Pas de donnée sur la période choisie.": "No data for the chosen period.",
    "Année {year}": "Year {year}",
    "secret statistique": "statistical confidentiality",
    "{delta} depuis {year}": "{delta} since {year}",
    "Pas de donnée pour cet indicateur à ce niveau sur la période choisie.":
        "No data for this indicator at this level in the chosen period.",
    "Évolution : {label}": "Trend: {label}",
    "**{n} initiative(s)** concernent ce thème — {territory} ({rule}).":
        "**{n} initiative(s)** concern this theme — {territory} ({rule}).",
    "Initiatives du thème": "Initiatives of the theme",
    "annuaire des initiatives de l'observatoire": "the observatory's directory of initiatives",
    "Aucune initiative de ce thème n'est recensée dans ce territoire.":
        "No initiative of this theme is listed in this territory.",
    "Dernières mises à jour": "Latest updates",
    "Aucune donnée n'a encore été importée.": "No data has been imported yet.",
    "L'indicateur « {code} » n'appartient pas à ce thème : l'indicateur principal du thème est "
    "affiché.": "The indicator “{code}” does not belong to this theme: the theme's main "
                "indicator is shown.",
    "Le thème « {theme} » n'a encore aucun indicateur dans le catalogue : importez "
    "un fichier d'indicateurs qui en comprend (page Import).":
        "The “{theme}” theme has no indicator in the catalogue yet: import an indicators file "
        "that includes some (Import page).",
    "région": "region",
    "EPCI": "EPCI",
    "départements": "départements",
    "communes": "municipalities",
    # observatory/ui/theme_story.py and observatory/themes.py
    "chiffres clés": "key figures",
    "initiatives": "initiatives",
    "carte": "map",
    "évolution": "trend",
    "Indicateur de la carte et de l'évolution": "Indicator of the map and the trend",
    "Les femmes et les hommes dans l'économie sociale et solidaire : qui dirige, qui crée, à "
    "quel salaire, et les initiatives portées par des femmes ou tournées vers elles.":
        "Women and men in the social and solidarity economy: who leads, who starts businesses, "
        "at what pay, and the initiatives led by or aimed at women.",
    "Les jeunes du territoire : ni en emploi ni en formation (NEET), accompagnés par les missions "
    "locales, volontaires en service civique, et les projets qui leur sont destinés.":
        "Young people of the territory: not in employment, education or training (NEET), "
        "supported by missions locales, civic service volunteers, and the projects aimed at them.",
    "Réemploi, réparation, ressourceries et emplois de l'économie circulaire, avec les "
    "initiatives du territoire (repair cafés, recycleries…) sur la carte.":
        "Re-use, repair, re-use centres and circular economy jobs, with the territory's "
        "initiatives (repair cafés, recycling shops…) on the map.",
    "initiatives portées par une femme ou dont les publics comprennent les femmes":
        "initiatives led by a woman or whose target groups include women",
    "initiatives dont les publics comprennent les jeunes":
        "initiatives whose target groups include young people",
    "initiatives d'économie circulaire ou de thématique « réemploi et économie circulaire »":
        "circular economy initiatives or with the theme « re-use and circular economy »",
    # pages/accueil.py
    "Chiffres clés — {sentence}": "Key figures — {sentence}",
    "dernières mises à jour": "latest updates",
    # pages/donnees.py and observatory/ui/documentation.py
    "Rubrique": "Section",
    "Catalogue des indicateurs": "Indicator catalogue",
    "Téléchargements": "Downloads",
    "Méthodes et mises à jour": "Methods and updates",
    "{n} indicateurs, regroupés par thème. Un taux n'est jamais une moyenne de taux : voir "
    "l'onglet « Méthodes et mises à jour ».":
        "{n} indicators, grouped by theme. A rate is never an average of rates: see the "
        "« Methods and updates » tab.",
    "catalogue de l'observatoire (jeu « indicateurs »)":
        "the observatory's catalogue (« indicateurs » dataset)",
    "Chaque jeu de données complet, tel qu'il est publié. Le CSV « Excel français » utilise le "
    "point-virgule et la virgule décimale ; les chiffres soumis au secret statistique restent "
    "vides, avec la mention « secret ».":
        "Each complete dataset, as published. The « French Excel » CSV uses semicolons and "
        "decimal commas; statistically confidential figures stay empty, marked « secret ».",
    "{n} lignes, {m} colonnes": "{n} rows, {m} columns",
    "Agrégation des territoires": "Aggregation over territories",
    "Secret statistique": "Statistical confidentiality",
    "Données de démonstration": "Demonstration data",
    # observatory/methods.py
    "Indicateur": "Indicator",
    "Code": "Code",
    "À la une": "Headline rank",
    "Thème": "Theme",
    "Définition": "Definition",
    "Unité": "Unit",
    "Source": "Source",
    "Agrégation": "Aggregation",
    "Seuil de secret": "Confidentiality threshold",
    "Années": "Years",
    "aucun": "none",
    "secret sous {n}": "secret below {n}",
    "Innovation sociale": "Social innovation",
    "Contexte": "Context",
    "Somme des territoires qui le composent": "Sum of its component territories",
    "Rapport des sommes : 100 × Σ {numerateur} / Σ {denominateur}":
        "Ratio of sums: 100 × Σ {numerateur} / Σ {denominateur}",
    "Non agrégé : valeur fournie par la source à chaque niveau":
        "Not aggregated: value provided by the source at each level",
    "Observations (valeurs des indicateurs)": "Observations (indicator values)",
    "Territoires": "Territories",
    "Indicateurs (catalogue)": "Indicators (catalogue)",
    "Valeurs publiées des indicateurs": "Published indicator values",
    "Dernière mise à jour": "Last update",
    "Fichier": "File",
    "Lots appliqués": "Applied batches",
    " à ": " at ",
    "Agrégation. Les valeurs sont importées au niveau où la source les publie (le plus souvent la "
    "commune ou l'EPCI). L'observatoire calcule les niveaux supérieurs — EPCI, département, "
    "région — selon la règle de chaque indicateur : un effectif (« somme ») est la somme des "
    "territoires qui le composent ; un taux (« ratio ») est recalculé comme 100 × la somme des "
    "numérateurs divisée par la somme des dénominateurs sur les mêmes territoires, jamais comme "
    "une moyenne de taux ; un indicateur « non agrégé » (médiane, écart de salaire) n'est publié "
    "qu'aux niveaux fournis par la source. Une valeur fournie par la source prime toujours sur une "
    "valeur calculée : elle est publiée telle quelle, marquée « valeur de la source », même quand "
    "la somme de ses composants diffère (l'import le signale au-delà de 0,5 %). Un niveau "
    "supérieur est calculé à partir du niveau inférieur le mieux couvert (le plus fin à couverture "
    "égale), donc le plus souvent à partir des communes. Quand des composants manquent, la "
    "couverture est indiquée avec la valeur. Les arrondissements municipaux (Paris, Lyon, "
    "Marseille) sont un niveau sous la commune : leurs valeurs s'additionnent pour la commune "
    "quand elle n'a pas de valeur propre, la valeur propre de la commune prime, et les niveaux "
    "supérieurs comptent la commune une seule fois.":
        "Aggregation. Values are imported at the level where the source publishes them (most "
        "often the commune or the EPCI). The observatory computes the upper levels — EPCI, "
        "département, région — by each indicator's rule: a count (« somme ») is the sum of its "
        "component territories; a rate (« ratio ») is recomputed as 100 × the sum of numerators "
        "divided by the sum of denominators over the same territories, never as an average of "
        "rates; a « non-aggregated » indicator (median, pay gap) is published only at the levels "
        "the source provides. A value provided by the source always takes precedence over a "
        "computed one: it is published as loaded, marked « source value », even when the sum of "
        "its components differs (the import warns beyond 0.5 %). An upper level is computed from "
        "the best-covered lower level (the finest at equal coverage), so most often from the "
        "communes. When components are missing, the coverage is shown with the value. "
        "Municipal arrondissements (Paris, Lyon, Marseille) are a level below the commune: their "
        "values add up to their commune when it has no value of its own, the commune's own value "
        "takes precedence, and upper levels count the commune only once.",
    "Sur les chiffres publiés : {secret} chiffres secrets, dont {primary} en secret primaire ; "
    "les autres sont masqués pour protéger ceux-ci.":
        "Among the published figures: {secret} secret figures, {primary} of them primary "
        "secrets; the others are hidden to protect those.",
    "Données de démonstration. Le jeu de démonstration couvre la Bretagne de 2016 à 2024 : ses "
    "territoires réels du Code officiel géographique 2026 (la région, ses quatre départements, "
    "ses 61 EPCI et ses 1 202 communes, avec leurs populations et leurs contours), valeurs "
    "d'indicateurs plausibles mais fictives pour chaque commune, et quelques centaines "
    "d'initiatives dont une poignée de structures réelles bien connues (citées à titre d'exemple, "
    "chiffres non renseignés), les autres inventées et signalées comme telles. Il est chargé par "
    "le même chemin d'import que les fichiers des partenaires (« python -m observatory init "
    "--demo ») ; remplacez-le en important vos propres fichiers.":
        "Demonstration data. The demonstration dataset covers Brittany from 2016 to 2024: its real "
        "territories of the 2026 Code officiel géographique (the région, its four départements, "
        "its 61 EPCIs and its 1,202 communes, with their populations and outlines), plausible but "
        "fictitious indicator values for every commune, and a few hundred initiatives, "
        "a handful of them real, well-known structures (quoted as examples, without figures), the "
        "others invented and labelled as such. It is loaded through the same import path as "
        "partners' files (« python -m observatory init --demo »); replace it by importing your "
        "own files.",
    "Indicateurs calculés à partir de l'annuaire": "Indicators computed from the directory",
    "Calculé à partir de l'annuaire des initiatives, pour chaque territoire":
        "Computed from the directory of initiatives, for every territory",
    "Indicateurs de l'annuaire. Dix indicateurs du thème Innovation sociale ne sont pas importés : "
    "l'observatoire les calcule à chaque import à partir de son annuaire, pour chaque territoire "
    "et chacune des seize dernières années. Une initiative est active de son année de création "
    "à son année de fin, incluses (sans année de création, elle compte pour l'année en cours "
    "seulement). Les emplois, bénévoles et bénéficiaires sont des chiffres actuels : la somme de "
    "ce qu'ont déclaré les initiatives en activité qui ont renseigné le champ, publiée pour "
    "l'année en cours, avec le nombre d'initiatives qui l'ont renseigné. Le taux de pérennité à "
    "3 ans (5 ans) d'une année est la part des initiatives créées cette année-là dans le "
    "territoire qui étaient toujours actives 3 ans (5 ans) plus tard, comme le taux de pérennité "
    "des entreprises de l'INSEE ; il n'est publié que pour les générations assez anciennes. Ces "
    "chiffres comptent les initiatives recensées par l'observatoire : ce n'est pas un recensement.":
        "Directory indicators. Ten indicators of the Social innovation theme are not imported: "
        "the observatory computes them at every import from its directory, for every territory "
        "and each of the last sixteen years. An initiative is active from the year it was "
        "founded to the year it stopped, both included (without a founding year, it counts for "
        "the current year only). Jobs, volunteers and beneficiaries are current figures: the sum "
        "of what the active initiatives that filled the field declared, published for the "
        "current year, with how many initiatives filled it. The 3-year (5-year) survival rate "
        "of a year is the share of the initiatives founded that year in the territory that were "
        "still active 3 (5) years later, like INSEE's business survival rate; it is published "
        "only for cohorts old enough. These figures count the initiatives recorded by the "
        "observatory: they are not a census.",
}
