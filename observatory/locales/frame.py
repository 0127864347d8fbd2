"""English texts of the frame, shared panels, URL notices and the Import page."""

EN = {
    "L'observatoire ne contient encore aucun territoire. Pour commencer, lancez "
    "« python -m observatory init --region {region} » (le code INSEE de votre région, "
    "réglage OBSERVATORY_REGION), puis importez vos fichiers ; ou essayez l'outil sur les "
    "données de démonstration avec « python -m observatory init --demo ».":
        "The observatory has no territory yet. To start, run "
        "« python -m observatory init --region {region} » (your région's INSEE code, setting "
        "OBSERVATORY_REGION), then import your files; or try the tool on the demonstration "
        "data with « python -m observatory init --demo ».",
    # Navigation
    "Vue d'ensemble": "Overview",
    "Chiffres clés de la sélection, leur évolution, une carte et les dernières mises à jour.":
        "Key figures of the selection, their change, a map and the latest updates.",
    "Initiatives": "Initiatives",
    "L'annuaire des initiatives d'innovation sociale : recherche, filtres, carte, fiches.":
        "The directory of social innovation initiatives: search, filters, map, detail cards.",
    "Indicateurs": "Indicators",
    "Un indicateur en carte, en évolution et en classement, par niveau de territoire.":
        "One indicator as a map, a trend and a ranking, by territory level.",
    "Territoire": "Territory",
    "Le portrait d'un territoire : tous ses indicateurs et ses initiatives, imprimable.":
        "The portrait of a territory: all its indicators and initiatives, printable.",
    "Genre": "Gender",
    "Les femmes et les hommes dans l'économie sociale et solidaire.":
        "Women and men in the social and solidarity economy.",
    "Jeunesse": "Youth",
    "Les jeunes : NEET, service civique, accompagnement, emploi.":
        "Young people: NEET, civic service, support, employment.",
    "Économie circulaire": "Circular economy",
    "Réemploi, réparation, ressourceries et emplois de l'économie circulaire.":
        "Re-use, repair, resource centres and circular economy jobs.",
    "Données & méthodes": "Data & methods",
    "Catalogue des indicateurs, méthodes et téléchargements.":
        "Indicator catalogue, methods and downloads.",
    "Import": "Import",
    "Réservé aux chargé·es d'études : déposer un fichier CSV, vérifier, appliquer, annuler.":
        "Staff only: upload a CSV file, check it, apply it, roll it back.",
    # Shared selection
    "Région": "Region",
    "Département": "Département",
    "EPCI (intercommunalité)": "EPCI (inter-municipality)",
    "Commune": "Municipality",
    "Langue": "Language",
    "Niveau de territoire": "Territory level",
    "Choisir…": "Choose…",
    "Changer de territoire ou de période": "Change territory or period",
    "De": "From",
    "À": "To",
    # URL notices
    "Le paramètre « {name} » de l'adresse est inconnu : il a été ignoré.":
        "The URL parameter “{name}” is unknown: it was ignored.",
    "La valeur « {value} » du paramètre « {name} » n'est pas valide : elle a été ignorée.":
        "The value “{value}” of the parameter “{name}” is not valid: it was ignored.",
    "Les valeurs {values} du paramètre « {name} » ne sont pas valides : elles ont été ignorées.":
        "The values {values} of the parameter “{name}” are not valid: they were ignored.",
    "Les paramètres {names} de l'adresse sont inconnus : ils ont été ignorés.":
        "The URL parameters {names} are unknown: they were ignored.",
    "« {name} » accepte au plus {n} valeurs : les suivantes ont été ignorées.":
        "“{name}” accepts at most {n} values: the others were ignored.",
    "La période demandée commence après sa fin ({start} > {end}) : elle a été ignorée.":
        "The requested period starts after its end ({start} > {end}): it was ignored.",
    # Panels
    "Aucune donnée pour cette sélection : élargissez la période ou choisissez un autre "
    "territoire.": "No data for this selection: widen the period or choose another territory.",
    "Aucune donnée pour cette sélection.": "No data for this selection.",
    "Cette partie de la page n'a pas pu être affichée ({what}). Le reste de la page reste "
    "utilisable ; signalez le problème à l'équipe de l'observatoire.":
        "This part of the page could not be shown ({what}). The rest of the page still works; "
        "please report the problem to the observatory team.",
    "erreur interne": "internal error",
    "CSV (Excel français)": "CSV (French Excel)",
    "CSV standard": "Standard CSV",
    "Graphique": "Chart",
    "Données": "Data",
    "Source : {source}": "Source: {source}",
    "non renseignée": "not provided",
    "Cette partie de la page n'a pas pu être affichée ({what}) : {detail}":
        "This part of the page could not be shown ({what}); the message, in French: {detail}",
    "Copier le lien de cette vue": "Copy the link to this view",
    "Ce lien rouvre exactement cette vue (page et filtres) :":
        "This link reopens exactly this view (page and filters):",
    # Staff access
    "L'import est réservé aux chargé·es d'études, et aucun accès n'est configuré : définissez un "
    "fournisseur d'identité (section [auth] de .streamlit/secrets.toml) ou un mot de passe "
    "(réglage OBSERVATORY_STAFF_PASSWORD_HASH, créé avec « python -m observatory "
    "hash-password »). Aucun fichier n'est accepté d'ici là.":
        "Import is for observatory staff, and no access is configured: set an identity provider "
        "([auth] section of .streamlit/secrets.toml) or a password (setting "
        "OBSERVATORY_STAFF_PASSWORD_HASH, made with “python -m observatory hash-password”). "
        "No file is accepted until then.",
    "Connectez-vous avec votre compte de l'observatoire pour importer des fichiers.":
        "Sign in with your observatory account to import files.",
    "Se connecter": "Sign in",
    "Page réservée aux chargé·es d'études de l'observatoire.":
        "This page is for the observatory's staff.",
    "Votre nom (inscrit dans l'historique des lots)": "Your name (recorded in the batch history)",
    "Mot de passe": "Password",
    "Entrer": "Enter",
    "Indiquez votre nom : il est inscrit dans l'historique de chaque lot.":
        "Enter your name: it is recorded in the history of every batch.",
    "Mot de passe incorrect.": "Wrong password.",
    "Connecté·e : {user}": "Signed in: {user}",
    # Import workflow
    "Action": "Action",
    "Importer un fichier": "Import a file",
    "Historique des lots": "Batch history",
    "Jeu de données": "Dataset",
    "Fichier CSV (séparateur ; , ou tabulation, UTF-8 ou Windows-1252)":
        "CSV file (separator ; , or tab, UTF-8 or Windows-1252)",
    "Taille maximale : {n} Mo.": "Maximum size: {n} MB.",
    "Le fichier est entièrement vérifié avant toute écriture ; rien n'est modifié tant que vous "
    "n'avez pas cliqué sur « Appliquer ».":
        "The file is fully checked before anything is written; nothing changes until you click "
        "“Apply”.",
    "Appliquer ce fichier ({n} lignes ajoutées, {m} modifiées)":
        "Apply this file ({n} rows added, {m} changed)",
    "Le fichier a été refusé au moment de l'appliquer (la base a changé entre-temps) : rien n'a "
    "été écrit.": "The file was refused when applied (the database changed meanwhile): nothing "
                  "was written.",
    "Lot n° {batch} appliqué (« {name} ») : {i} ligne(s) ajoutée(s), {u} modifiée(s), {k} "
    "inchangée(s). Les pages affichent déjà ces données.":
        "Batch {batch} applied (“{name}”): {i} row(s) added, {u} changed, {k} unchanged. The "
        "pages already show these data.",
    "Lignes lues": "Rows read",
    "Erreurs": "Errors",
    "Fichier refusé : corrigez les erreurs ci-dessous puis déposez-le de nouveau. La base n'a "
    "pas été modifiée.": "File refused: fix the errors below and upload it again. The database "
                         "was not changed.",
    "À ajouter": "To add",
    "À modifier": "To change",
    "Inchangées": "Unchanged",
    "Fichier valide : vérifiez l'aperçu, puis appliquez-le.":
        "Valid file: check the preview, then apply it.",
    "Erreurs à corriger": "Errors to fix",
    "Lignes ajoutées ({n})": "Rows added ({n})",
    "Lignes modifiées ({n})": "Rows changed ({n})",
    "Aucune ligne nouvelle.": "No new row.",
    "Aucune ligne modifiée.": "No changed row.",
    "Chaque ligne montre une valeur modifiée : avant → après.":
        "Each row shows one changed value: before → after.",
    "{n} ligne(s) du fichier sont identiques à la base et ne changeront pas.":
        "{n} row(s) of the file are identical to the database and will not change.",
    "Aucun lot : la base n'a encore reçu aucun import.":
        "No batch: the database has not received any import yet.",
    "Annuler un lot": "Roll back a batch",
    "Lot à annuler": "Batch to roll back",
    "Je confirme l'annulation du lot n° {n} : ses lignes ajoutées seront supprimées et ses "
    "lignes modifiées rétablies.": "I confirm rolling back batch {n}: its added rows will be "
                                   "deleted and its changed rows restored.",
    "Annuler le lot": "Roll back the batch",
    "Lot n° {n} annulé : {d} ligne(s) supprimée(s), {r} rétablie(s).":
        "Batch {n} rolled back: {d} row(s) deleted, {r} restored.",
    "Lire le texte complet ({n} caractères)": "Read the whole text ({n} characters)",
}
