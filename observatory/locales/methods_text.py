"""English for the methods of observatory/confidentiality.py and the maps' hints (maps.py)."""

EN = {
    # confidentiality.METHOD_FR
    (
        "Secret statistique. Un chiffre dont l'effectif sous-jacent (le numérateur pour un "
        'taux, la valeur elle-même pour un effectif) est inférieur au seuil de secret de '
        "l'indicateur n'est jamais publié : il apparaît comme « secret », jamais comme 0 ni "
        "comme une case vide (secret primaire). Le seuil d'un taux protège aussi son "
        "numérateur : là où le taux est secret, l'effectif du numérateur l'est aussi. "
        "D'autres chiffres sont masqués pour qu'un chiffre secret ne puisse être ni retrouvé "
        'ni encadré de trop près à partir de ce qui est publié (secret secondaire). Dans '
        "chaque découpage d'un total — les communes d'un EPCI, y compris d'un EPCI à cheval "
        "sur deux départements, les communes d'un département, ses EPCI et ses autres "
        'communes, les communes, les EPCI et les départements de la région, les '
        "arrondissements municipaux d'une commune —, jamais un "
        "chiffre n'est masqué seul, et les chiffres masqués ensemble totalisent au moins le "
        'seuil. Un dénominateur plus petit que le seuil, qui bornerait son numérateur, est '
        "masqué aussi ; un taux est masqué dès que son numérateur ou son dénominateur l'est "
        "au même endroit, ou quand il porte sur d'autres communes que son numérateur (un "
        'dénominateur manquant). Les chiffres masqués en plus sont choisis dans le même '
        "département que le secret. Ce qui est garanti : quelqu'un qui combine tous les "
        'chiffres publiés — tous les niveaux, les taux, les numérateurs et les dénominateurs,'
        " en sachant qu'un effectif est positif et qu'un numérateur ne dépasse pas son "
        'dénominateur — ne peut pas enfermer un chiffre secret dans un intervalle plus étroit'
        " que le seuil de l'indicateur. L'observatoire le vérifie en résolvant ce calcul, "
        "celui d'un attaquant (« python -m observatory audit-secret »). Les territoires sans "
        'donnée sont signalés « pas de donnée », distinctement du secret.'
    ):
        (
            'Statistical confidentiality. A figure whose underlying count (the numerator of a'
            " rate, or the value itself for a count) is below the indicator's threshold is "
            'never published: it shows as « secret », never as 0 or a blank (primary '
            "suppression). A rate's threshold protects its numerator too: where the rate is "
            "secret, so is the numerator's count. Other figures are hidden so that a secret "
            'figure can neither be recovered nor narrowly bounded from what is published '
            '(secondary suppression). In every split of a total — the communes of an EPCI, '
            'including an EPCI across two départements, the communes of a département, its '
            'EPCIs and other communes, the communes, EPCIs and départements of the région, '
            'the municipal arrondissements of a commune —, '
            'a figure is never hidden alone, and the figures hidden together add up to at '
            'least the threshold. A denominator below the threshold, which would cap its '
            'numerator, is hidden too; a rate is hidden whenever its numerator or denominator'
            ' is hidden at the same place, or when it covers other communes than its '
            'numerator (a missing denominator). The extra hidden figures are taken in the '
            "secret's own département. What is guaranteed: someone who combines every "
            'published figure — every level, rates, numerators and denominators, knowing that'
            ' counts are positive and a numerator never exceeds its denominator — cannot '
            "confine a secret figure to an interval narrower than the indicator's threshold. "
            "The observatory checks this by solving that attacker's calculation (« python -m "
            'observatory audit-secret »). Territories without data are shown as « no data », '
            'distinct from secret figures.'
        ),
    # maps.NO_OUTLINES
    (
        'Les contours officiels des territoires ne sont pas encore chargés : la carte montre '
        'des cercles aux centres des territoires. Pour charger les contours, lancez « python '
        '-m observatory geo download --region {region} » (ou « geo import FICHIER --level … '
        '»).'
    ):
        (
            'Official outlines are not loaded yet: the map shows circles at territory '
            'centres. To load them, run « python -m observatory geo download --region '
            '{region} » (or « geo import FILE --level … »).'
        ),
}
