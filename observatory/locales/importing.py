"""English texts of the Import page's spreadsheet mapping, templates and --replace."""

EN = {
    # observatory/updates.py: the history of batches and the table of errors
    "Par": "By",
    "Appliqué le": "Applied on",
    "Lues": "Read",
    "Ajoutées": "Added",
    "Modifiées": "Changed",
    "État": "State",
    "appliqué": "applied",
    "annulé le {when} par {who}": "rolled back on {when} by {who}",
    "Ligne": "Row",
    "Colonne": "Column",
    "Message": "Message",
    "Fichier CSV (séparateur ; , ou tabulation, UTF-8 ou Windows-1252) ou classeur .xlsx / .ods":
        "CSV file (separator ; , or tab, UTF-8 or Windows-1252) or .xlsx / .ods workbook",
    "Enregistrer cette correspondance comme modèle (facultatif)":
        "Save this mapping as a template (optional)",
    "Appliquer ce fichier ({n} lignes ajoutées, {m} modifiées, {d} supprimées)":
        "Apply this file ({n} rows added, {m} changed, {d} deleted)",
    "par ex. insee_population": "e.g. insee_population",
    "Le modèle est enregistré avec l'import ; il se réutilise ensuite ici ou avec --template.":
        "The template is saved with the import; reuse it here or with --template.",
    "« {name} » ne change rien à la base : aucun lot n'a été enregistré.":
        "“{name}” changes nothing in the database: no batch was recorded.",
    "Lignes supprimées ({n})": "Rows deleted ({n})",
    "À supprimer": "To delete",
    "Lot n° {batch} appliqué (« {name} ») : {i} ligne(s) ajoutée(s), {u} modifiée(s), "
    "{d} supprimée(s), {k} inchangée(s).":
        "Batch {batch} applied (“{name}”): {i} row(s) added, {u} changed, {d} deleted, "
        "{k} unchanged.",
    "Aucune ligne supprimée.": "No deleted row.",
    "Ces lignes de la base sont absentes du fichier : elles seront supprimées (un retour "
    "arrière les rétablit).":
        "These rows of the database are not in the file: they will be deleted (a rollback "
        "restores them).",
    "Modèle d'import": "Import template",
    "Commande équivalente :": "Equivalent command:",
    "Ligne d'en-tête (0 : trouvée automatiquement sous les lignes de titre)":
        "Header row (0: found automatically below the title lines)",
    "Feuille « {sheet} », ligne {row}": "Sheet “{sheet}”, row {row}",
    "Ligne {row}": "Row {row}",
    "{where} : en-tête lu. Choisissez pour chaque colonne du fichier la colonne du jeu de "
    "données qu'elle donne ; les suggestions sont déjà choisies.":
        "{where}: header read. For each column of the file, choose the dataset column it "
        "gives; the suggestions are already selected.",
    "(ignorée)": "(ignored)",
    "valeurs par année (une ligne par cellule)": "values per year (one row per cell)",
    "Un modèle reprend la feuille, la ligne d'en-tête et la correspondance enregistrées pour "
    "un partenaire.":
        "A template reuses the sheet, header row and mapping saved for a partner.",
    "Remplacer : le fichier est le jeu de données entier (les lignes absentes de la base seront "
    "supprimées ; pour les observations, celles des indicateurs du fichier)":
        "Replace: the file is the whole dataset (rows absent from it are deleted; for "
        "observations, those of the indicators in the file)",
    "Correspondance du modèle : {mapping}": "Template mapping: {mapping}",
    "Feuille": "Sheet",
    "Indicateur des colonnes « {pattern} »": "Indicator of the columns “{pattern}”",
    "Correspondance des colonnes": "Column mapping",
    "(aucun : correspondance ci-dessous)": "(none: mapping below)",
    "(automatique : {sheet})": "(automatic: {sheet})",
    "(colonne « indicateur » du fichier)": "(the file's “indicateur” column)",
    "(aucune)": "(none)",
}
