"""The French sentences of import problems: what is wrong, where, and how to fix it."""

from __future__ import annotations

from observatory import import_bidi
from observatory.datasets import Column, Dataset


def count(number: int) -> str:
    """Return an integer written the French way (narrow no-break space between thousands)."""
    return f"{number:,}".replace(",", "\u202f")


def number(text: str | None) -> str:
    """Return a bound (stored as double) as written in the contract: 1990, 0, -90, 12,5."""
    value = float(text)
    return str(int(value)) if value.is_integer() else str(value).replace(".", ",")


CODE_HINTS = {
    "commune": "un code commune INSEE a 5 caractères (par ex. 35238, 2A004)",
    "departement": "un code de département a 2 caractères (par ex. 35, 2A) ou 3 outre-mer (974)",
    "region": "un code de région a 2 chiffres (par ex. 53)",
    "epci": "un EPCI est désigné par son numéro SIREN de 9 chiffres (par ex. 243500139)",
    "arrondissement_municipal": ("un code d'arrondissement municipal INSEE a 5 chiffres "
                                 "(par ex. 75112, 69381, 13201)"),
}
LEVEL_NAMES = {"region": "la région", "departement": "le département", "epci": "l'EPCI",
               "commune": "la commune"}


def message(problem: str, column_name: str | None, value: str | None, detail: str | None,
             column: Column | None, dataset: Dataset) -> str:
    """Return the French sentence saying what is wrong and how to fix it."""
    choices = ", ".join(column.choices) if column is not None else ""
    messages = {
        "required": lambda: f"Valeur obligatoire manquante : renseignez la colonne « {column_name} ».",
        "integer": lambda: f"« {value} » n'est pas un nombre entier : écrivez par exemple 2023.",
        "decimal": lambda: (f"« {value} » n'est pas un nombre : écrivez par exemple 12,5 ou "
                            "1 234,5 (virgule ou point décimal)."),
        "percent_sign": lambda: (
            f"Le symbole % n'est admis que pour un indicateur en pourcentage (ici « {detail} ») : "
            f"retirez-le de « {value} »." if detail else
            f"Le symbole % n'est pas admis dans la colonne « {column_name} » : retirez-le de « {value} »."),
        "boolean": lambda: f"« {value} » n'est pas une réponse oui/non : écrivez oui ou non.",
        "list_choice": lambda: (
            f"Valeur inconnue dans « {column_name} » : {detail}. Séparez par | des valeurs "
            f"parmi : {choices}."),
        "choice": lambda: (f"« {value} » n'est pas une valeur admise pour « {column_name} » : "
                           f"choisissez parmi {choices}."),
        "minimum": lambda: (f"{value} est inférieur au minimum admis pour « {column_name} » "
                            f"({number(detail)}) : corrigez la valeur."),
        "maximum": lambda: (f"{value} dépasse le maximum admis pour « {column_name} » "
                            f"({number(detail)}) : corrigez la valeur."),
        "too_many_values": lambda: (
            f"Cette ligne a plus de valeurs que l'en-tête n'a de colonnes (en trop : « {value} ») : "
            "vérifiez les séparateurs et les guillemets de la ligne."),
        "duplicate": lambda: (
            f"Ligne en double : même clé ({', '.join(dataset.key)}) que la ligne {detail} ; "
            "gardez une seule de ces deux lignes."),
        "code_format": lambda: f"Code « {value} » invalide pour le niveau {detail} : {CODE_HINTS[detail]}.",
        "unknown_parent": lambda: (
            f"Code « {value} » introuvable : {LEVEL_NAMES[detail]} parente n'existe ni dans le "
            "fichier ni dans la base. Ajoutez-la au fichier ou corrigez le code."
            if detail != "epci" else
            f"Code « {value} » introuvable : l'EPCI parent n'existe ni dans le fichier ni dans la "
            "base. Ajoutez-le au fichier ou corrigez le code."),
        "arrondissement_commune": lambda: (
            "Un arrondissement municipal doit indiquer sa commune : renseignez dans « commune » "
            "le code INSEE de la commune qui le contient (75056 pour Paris, 69123 pour Lyon, "
            "13055 pour Marseille)."),
        "indicator_code": lambda: (
            f"Code d'indicateur « {value} » invalide : n'utilisez que des minuscules sans accent, "
            f"des chiffres et _ (par exemple « {detail} »)."),
        "ratio_missing": lambda: (
            "Un indicateur agrégé par ratio doit indiquer son "
            f"{'numérateur' if column_name == 'numerateur' else 'dénominateur'} : renseignez "
            f"dans « {column_name} » le code de l'indicateur correspondant."),
        "unknown_component": lambda: (
            f"Indicateur « {value} » introuvable ni dans le fichier ni dans le catalogue : "
            "ajoutez-le ou corrigez le code."),
        "unknown_indicator": lambda: (
            f"Indicateur « {value} » absent du catalogue : importez-le d'abord dans "
            "« indicateurs » ou corrigez le code."),
        "unknown_territory": lambda: (
            f"Territoire « {value} » absent du référentiel : importez-le d'abord dans "
            "« territoires » ou corrigez le code."),
        "territory_level_mismatch": lambda: (
            f"Aucun territoire « {value} » de niveau « {detail} » dans le référentiel : "
            "corrigez le code ou la colonne « niveau »."),
        "ambiguous_territory": lambda: (
            f"Le code « {value} » désigne plusieurs territoires (niveaux {detail}) : ajoutez une "
            "colonne « niveau » (region, departement, epci ou commune) pour préciser lequel."),
        "percent_range": lambda: (
            f"{value} sort de l'intervalle de 0 à 100 d'un indicateur en pourcentage : "
            "corrigez la valeur."),
        "negative": lambda: (
            f"{value} est négatif, or l'indicateur est en « {detail} » : seules les valeurs "
            "positives ou nulles sont admises."),
        "unknown_commune": lambda: (
            f"« {value} » est un arrondissement municipal : une initiative se place dans sa "
            f"commune, écrivez {detail}." if detail else
            f"Commune « {value} » absente du référentiel des territoires : vérifiez le code INSEE "
            "(5 caractères, par ex. 35238) ou importez d'abord la commune."),
        "old_code_not_additive": lambda: (
            f"« {value} » est le code d'une commune fusionnée depuis dans la commune nouvelle "
            f"{detail} : l'indicateur de cette ligne ne s'additionne pas (agrégation « aucune »), "
            f"sa valeur ne vaut donc pas pour {detail}. Retirez cette ligne, ou donnez la valeur "
            f"de la commune nouvelle {detail}."),
        "old_code_rate_parts": lambda: _rate_parts(value, detail),
        "merged_commune": lambda: (
            f"La commune « {value} » a fusionné depuis dans la commune nouvelle {detail}, déjà "
            "dans le référentiel : l'ajouter compterait son territoire deux fois. Retirez cette "
            "ligne ; les fichiers de données qui utilisent encore ce code sont rapportés à la "
            "commune nouvelle."),
        "end_before_creation": lambda: (
            f"Année de fin {value} antérieure à l'année de création ({detail}) : corrigez "
            "l'une des deux années (la fin ne peut précéder la création)."),
        "directory_indicator": lambda: (
            f"« {value} » est un indicateur calculé depuis l'annuaire des initiatives : "
            + ("ses chiffres ne s'importent pas, retirez ces lignes du fichier."
               if dataset.name == "observations" else
               "sa définition est fixée par l'observatoire, choisissez un autre code.")),
        "url": lambda: (f"Adresse « {value} » invalide : le site web doit commencer par "
                        "http:// ou https://."),
        "bidi_control": lambda: import_bidi.message(column_name, value, detail),
        "email": lambda: (
            f"Donnée personnelle : « {column_name} » contient l'adresse électronique « {value} ». "
            "L'annuaire décrit des structures, pas des personnes : retirez-la (indiquez plutôt "
            "le site web de la structure)."),
        "phone": lambda: (
            f"Donnée personnelle : « {column_name} » contient le numéro de téléphone « {value} ». "
            "L'annuaire décrit des structures, pas des personnes : retirez-le (indiquez plutôt "
            "le site web de la structure)."),
    }
    return messages[problem]()


def _rate_parts(value: str | None, detail: str) -> str:
    """A rate landing on a commune nouvelle with an old commune's (detail: commune;numerator;denominator)."""
    commune, numerator, denominator = (detail.split(";") + ["", ""])[:3]
    return (f"Ce taux tombe sur la commune nouvelle {commune} avec celui d'une commune fusionnée "
            f"depuis : un taux ne s'additionne pas, celui de {commune} est recalculé à partir de "
            f"la somme de son numérateur « {numerator} » et de son dénominateur « {denominator} ». "
            f"Ajoutez au fichier ces deux indicateurs pour le territoire « {value} » et l'année de "
            "cette ligne, ou retirez la ligne.")


def label_of(staged, column_name: str, wide_n: int | None) -> str:
    """Return the file's own name of a contract column (the wide column of an unpivoted cell)."""
    if wide_n is not None and (column_name in ("annee", "valeur") or (
            column_name == "indicateur" and staged.wide_indicator)):
        return staged.wide_sources[wide_n]
    return staged.labels.get(column_name, column_name)


def where(staged, row: int | None, label: str | None) -> str:
    """Return « Feuille « Données », ligne 7, colonne « P21_POP » : » for a workbook, else ""."""
    if not staged.sheet:
        return ""
    parts = [f"Feuille « {staged.sheet} »"]
    if row is not None:
        parts.append(f"ligne {row}")
    if label:
        parts.append(f"colonne « {label} »")
    return ", ".join(parts) + " : "
