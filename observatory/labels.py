"""Readable names of the contract's codes: levels, themes, thematiques and stages.

One table per vocabulary, in French; `tr` gives the English from `locales/labels.py`. The
core keeps codes; only what is shown goes through these names.
"""

from __future__ import annotations

from observatory.datasets import LEVELS
from observatory.i18n import tr

__all__ = ["LEVELS", "level_name", "level_kind", "level_plural", "theme_name",
           "thematique_name", "stage_name"]
LEVEL_NAMES = {"region": "Région", "departement": "Département",
               "epci": "EPCI (intercommunalité)", "commune": "Commune",
               "arrondissement_municipal": "Arrondissement municipal"}
# Inside a French sentence: « le niveau département », « les départements ».
LEVEL_WORDS = {"region": "région", "departement": "département", "epci": "EPCI",
               "commune": "commune", "arrondissement_municipal": "arrondissement municipal"}
LEVEL_PLURALS = {"region": "régions", "departement": "départements", "epci": "EPCI",
                 "commune": "communes", "arrondissement_municipal": "arrondissements municipaux"}
# The observatory's order: the four themes, then context.
THEME_NAMES = {"innovation_sociale": "Innovation sociale", "genre": "Genre",
               "jeunesse": "Jeunesse", "economie_circulaire": "Économie circulaire",
               "contexte": "Contexte"}
THEMATIQUE_NAMES = {
    "alimentation": "Alimentation", "mobilite": "Mobilité", "logement": "Logement",
    "sante": "Santé", "emploi_insertion": "Emploi et insertion",
    "education_formation": "Éducation et formation", "culture": "Culture",
    "environnement_energie": "Environnement et énergie",
    "reemploi_economie_circulaire": "Réemploi et économie circulaire",
    "solidarite_lien_social": "Solidarité et lien social", "numerique": "Numérique",
    "autre": "Autre"}
STAGE_NAMES = {"emergence": "émergence", "experimentation": "expérimentation",
               "consolidation": "consolidation", "essaimage": "essaimage"}


def level_name(level: str, lang: str) -> str:
    """Return « Département » (a select's option, a heading)."""
    return tr(LEVEL_NAMES[level], lang)


def level_kind(level: str, lang: str) -> str:
    """Return the short lower-case name: « département », « EPCI »."""
    return tr(LEVEL_WORDS[level], lang)


def level_plural(level: str, lang: str) -> str:
    """Return « départements » (« parmi les 4 départements »)."""
    return tr(LEVEL_PLURALS[level], lang)


def theme_name(theme: str | None, lang: str) -> str:
    """Return a theme's name (None: every theme; an unknown code as itself)."""
    if theme is None:
        return tr("Tous les thèmes", lang)
    return tr(THEME_NAMES[theme], lang) if theme in THEME_NAMES else theme


def thematique_name(code: str, lang: str) -> str:
    """Return an initiative's thematique (« Mobilité »), an unknown code as itself."""
    return tr(THEMATIQUE_NAMES[code], lang) if code in THEMATIQUE_NAMES else code


def stage_name(code: str, lang: str) -> str:
    """Return an initiative's stage in lower case (« expérimentation »)."""
    return tr(STAGE_NAMES[code], lang) if code in STAGE_NAMES else code
