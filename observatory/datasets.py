"""The data contract in code: the four datasets, their columns, types and vocabularies.

Importer, schema checks, demo generator and documentation all read this module,
so a rule is written once. See `../shared/spec/DATA-CONTRACT.md`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("region", "departement", "epci", "commune", "arrondissement_municipal")
# Levels only some régions have (Paris, Lyon, Marseille): offered where the reference holds them.
OPTIONAL_LEVELS = ("arrondissement_municipal",)
THEMES = ("innovation_sociale", "genre", "jeunesse", "economie_circulaire", "contexte")
UNITS = ("pourcentage", "nombre", "euros", "tonnes", "etp", "pour_mille")
DIRECTIONS = ("hausse_favorable", "baisse_favorable", "neutre")
AGGREGATIONS = ("somme", "ratio", "aucune")
STATUSES = ("definitif", "provisoire", "estime")
THEMATIQUES = (
    "alimentation", "mobilite", "logement", "sante", "emploi_insertion",
    "education_formation", "culture", "environnement_energie",
    "reemploi_economie_circulaire", "solidarite_lien_social", "numerique", "autre",
)
LEGAL_FORMS = (
    "association", "cooperative", "scop", "scic", "mutuelle", "fondation",
    "entreprise_esus", "collectivite", "autre",
)
PUBLICS = (
    "jeunes", "femmes", "seniors", "personnes_handicap", "demandeurs_emploi",
    "personnes_migrantes", "familles", "tous",
)
STAGES = ("emergence", "experimentation", "consolidation", "essaimage")
TRUE_WORDS = ("oui", "true", "1", "vrai", "o", "yes")
FALSE_WORDS = ("non", "false", "0", "faux", "n", "no")


@dataclass(frozen=True)
class Column:
    """One column of a dataset: `kind` is text, code, integer, decimal, boolean, list.

    `free_text` marks prose (names, descriptions, sources): invisible bidirectional controls
    are removed from it on import; in every other column (codes, keys, vocabularies, numbers)
    they are an error.
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    free_text: bool = False


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str
    key: tuple[str, ...]
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


TERRITOIRES = Dataset(
    "territoires", "Territoires", ("code", "niveau"), (
        Column("code", "code", required=True),
        Column("niveau", required=True, choices=LEVELS),
        Column("nom", required=True, free_text=True),
        Column("region", "code"),
        Column("departement", "code"),
        Column("epci", "code"),
        Column("commune", "code"),
        Column("population", "integer", minimum=0),
        Column("latitude", "decimal", minimum=-90, maximum=90),
        Column("longitude", "decimal", minimum=-180, maximum=180),
    ),
)

INDICATEURS = Dataset(
    "indicateurs", "Indicateurs", ("code",), (
        Column("code", required=True),
        Column("libelle", required=True, free_text=True),
        Column("theme", required=True, choices=THEMES),
        Column("unite", required=True, choices=UNITS),
        Column("description", free_text=True),
        Column("source", free_text=True),
        Column("sens", choices=DIRECTIONS),
        Column("agregation", choices=AGGREGATIONS),
        Column("numerateur"),
        Column("denominateur"),
        Column("secret_seuil", "integer", minimum=0),
        Column("a_la_une", "integer", minimum=1),
    ),
)

OBSERVATIONS = Dataset(
    "observations", "Observations", ("indicateur", "territoire", "annee"), (
        Column("indicateur", required=True),
        Column("territoire", "code", required=True),
        Column("annee", "integer", required=True, minimum=1990),
        Column("valeur", "decimal"),
        Column("statut", choices=STATUSES),
        Column("source", free_text=True),
        Column("note", free_text=True),
    ),
)

INITIATIVES = Dataset(
    "initiatives", "Initiatives", ("id",), (
        Column("id", required=True),
        Column("nom", required=True, free_text=True),
        Column("commune", "code", required=True),
        Column("thematique", required=True, choices=THEMATIQUES),
        Column("description", free_text=True),
        Column("porteur", free_text=True),
        Column("forme_juridique", choices=LEGAL_FORMS),
        Column("publics", "list", choices=PUBLICS),
        Column("economie_circulaire", "boolean"),
        Column("portee_par_une_femme", "boolean"),
        Column("stade", choices=STAGES),
        Column("annee_creation", "integer", minimum=1900),
        Column("annee_fin", "integer", minimum=1900),
        Column("emplois_etp", "decimal", minimum=0),
        Column("benevoles", "decimal", minimum=0),
        Column("beneficiaires", "decimal", minimum=0),
        Column("latitude", "decimal", minimum=-90, maximum=90),
        Column("longitude", "decimal", minimum=-180, maximum=180),
        Column("site_web"),
    ),
)

DATASETS: dict[str, Dataset] = {
    dataset.name: dataset for dataset in (TERRITOIRES, INDICATEURS, OBSERVATIONS, INITIATIVES)
}

# Load order: a dataset may reference only datasets loaded before it.
LOAD_ORDER = ("territoires", "indicateurs", "observations", "initiatives")


def get_dataset(name: str) -> Dataset:
    """Return the dataset called `name`, or raise a French usage error."""
    from observatory.errors import ObservatoryError

    if name not in DATASETS:
        raise ObservatoryError(
            f"Jeu de données inconnu « {name} » : choisissez parmi {', '.join(LOAD_ORDER)}."
        )
    return DATASETS[name]
