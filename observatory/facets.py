"""The Initiatives page's facets: one row each, that the URL, the query and the labels follow.

A row holds the facet's URL key (also its `DirectoryQuery` field and its SQL parameter),
its label, its values and their names, the column of `directory_listed()` that says
whether an initiative passes it (`predicate`, sql/schema/013_directory_rows.sql), and how
the results sentence words it. Names and sentences are French; `tr` gives the English.
The SQL still names each facet (its predicate in `directory_listed()`, its count in
`directory_facet_counts`): a new facet is a row plus those two, checked by test_directory.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from observatory.datasets import LEGAL_FORMS, PUBLICS, STAGES, THEMATIQUES
from observatory.i18n import tr
from observatory.labels import STAGE_NAMES, THEMATIQUE_NAMES

CREATION_PERIODS = ("avant-2000", "2000-2009", "2010-2014", "2015-2019", "2020-et-apres")
FLAGS = ("oui", "non")
ACTIVITIES = ("en_activite", "arretee")
PUBLIC_NAMES = {
    "jeunes": "Jeunes", "femmes": "Femmes", "seniors": "Seniors",
    "personnes_handicap": "Personnes en situation de handicap",
    "demandeurs_emploi": "Demandeurs d'emploi", "personnes_migrantes": "Personnes migrantes",
    "familles": "Familles", "tous": "Tout public",
}
FORM_NAMES = {
    "association": "Association", "cooperative": "Coopérative", "scop": "SCOP", "scic": "SCIC",
    "mutuelle": "Mutuelle", "fondation": "Fondation", "entreprise_esus": "Entreprise ESUS",
    "collectivite": "Collectivité", "autre": "Autre forme",
}
CREATION_NAMES = {"avant-2000": "Avant 2000", "2000-2009": "2000–2009", "2010-2014": "2010–2014",
                  "2015-2019": "2015–2019", "2020-et-apres": "2020 et après"}
FLAG_NAMES = {"oui": "Oui", "non": "Non"}
ACTIVITY_NAMES = {"en_activite": "En activité", "arretee": "Arrêtée"}


@dataclass(frozen=True)
class Facet:
    """One facet. Without `values`, they come from the data (territory codes, named apart).

    A facet of several values is worded by `sentence` (« thématique Alimentation ou
    Mobilité »); a facet of one value by that value's entry in `value_sentences`.
    """

    name: str
    label: str
    values: tuple[str, ...]
    predicate: str
    names: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    multiple: bool = True
    sentence: str = "{values}"
    value_sentences: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    capitalised: bool = False  # stage names are lower case inside sentences
    vocabulary: str | None = None  # the URL vocabulary, when not the facet's own name

    @property
    def url_kind(self) -> str:
        """Return the URL field's kind (urlstate.Field): list, flag or choice."""
        return "list" if self.multiple else "flag" if self.values == FLAGS else "choice"

    @property
    def url_vocabulary(self) -> str:
        return self.vocabulary or self.name

    @property
    def empty(self):
        """Return the facet's value when nothing is chosen: () or None."""
        return () if self.multiple else None

    def value_name(self, value: str, lang: str) -> str:
        """Return a value's name in `lang` (an unknown value as itself)."""
        text = tr(self.names[value], lang) if value in self.names else value
        return text.capitalize() if self.capitalised else text


FACETS = (
    Facet("thematique", "Thématique", THEMATIQUES, "ok_thematique", THEMATIQUE_NAMES,
          sentence="thématique {values}"),
    Facet("public", "Publics", PUBLICS, "ok_public", PUBLIC_NAMES, sentence="public {values}"),
    Facet("stade", "Stade", STAGES, "ok_stade", STAGE_NAMES, sentence="stade {values}",
          capitalised=True),
    Facet("forme", "Forme juridique", LEGAL_FORMS, "ok_forme", FORM_NAMES,
          sentence="forme {values}"),
    Facet("creation", "Année de création", CREATION_PERIODS, "ok_creation", CREATION_NAMES,
          sentence="créées {values}"),
    # Within the shared territory: the région's départements, a département's EPCIs.
    Facet("departement", "Département", (), "ok_departement", sentence="département {values}"),
    Facet("epci", "EPCI", (), "ok_epci", sentence="EPCI {values}"),
    Facet("ec", "Économie circulaire", FLAGS, "ok_ec", FLAG_NAMES, multiple=False,
          value_sentences={"oui": "économie circulaire", "non": "hors économie circulaire"},
          vocabulary="flag"),
    Facet("femme", "Portée par une femme", FLAGS, "ok_femme", FLAG_NAMES, multiple=False,
          value_sentences={"oui": "portées par une femme", "non": "non portées par une femme"},
          vocabulary="flag"),
    Facet("activite", "Activité", ACTIVITIES, "ok_activite", ACTIVITY_NAMES, multiple=False,
          value_sentences={"en_activite": "en activité", "arretee": "arrêtées"}),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
# The facets whose values are the shared territory's parts (named from the reference).
TERRITORY_FACETS = tuple(facet.name for facet in FACETS if not facet.values)
