"""Données & méthodes: the indicator catalogue as readers see it, the datasets to download, methods.

No Streamlit here: functions take a connection first and return frames; texts are French
(English through `observatory.i18n.tr`, catalogue `observatory/locales/themes.py`).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from observatory import engine, export, formatting, labels, sqlstore
from observatory.i18n import tr

DOWNLOADS = (
    ("territoires", "Territoires", "themes_dataset_territoires"),
    ("indicateurs", "Indicateurs (catalogue)", "themes_dataset_indicateurs"),
    ("valeurs_publiees", "Valeurs publiées des indicateurs", "themes_dataset_published_values"),
    ("initiatives", "Initiatives", "themes_dataset_initiatives"),
)
AGGREGATION_LABELS = {
    "somme": "Somme des territoires qui le composent",
    "ratio": "Rapport des sommes : 100 × Σ {numerateur} / Σ {denominateur}",
    "aucune": "Non agrégé : valeur fournie par la source à chaque niveau",
}
DIRECTORY_RULE = "Calculé à partir de l'annuaire des initiatives, pour chaque territoire"
DATASET_LABELS = {"territoires": "Territoires", "indicateurs": "Indicateurs",
                  "observations": "Observations (valeurs des indicateurs)",
                  "initiatives": "Initiatives"}

AGGREGATION_METHOD_FR = (
    "Agrégation. Les valeurs sont importées au niveau où la source les publie (le plus souvent "
    "la commune ou l'EPCI). L'observatoire calcule les niveaux supérieurs — EPCI, département, "
    "région — selon la règle de chaque indicateur : un effectif (« somme ») est la somme des "
    "territoires qui le composent ; un taux (« ratio ») est recalculé comme 100 × la somme des "
    "numérateurs divisée par la somme des dénominateurs sur les mêmes territoires, jamais comme "
    "une moyenne de taux ; un indicateur « non agrégé » (médiane, écart de salaire) n'est publié "
    "qu'aux niveaux fournis par la source. Une valeur fournie par la source prime toujours sur "
    "une valeur calculée : elle est publiée telle quelle, marquée « valeur de la source », même "
    "quand la somme de ses composants diffère (l'import le signale au-delà de 0,5 %). Un niveau "
    "supérieur est calculé à partir du niveau inférieur le mieux couvert (le plus fin à "
    "couverture égale), donc le plus souvent à partir des communes. Quand des composants "
    "manquent, la couverture est indiquée avec la valeur. Les arrondissements municipaux (Paris, "
    "Lyon, Marseille) sont un niveau sous la commune : leurs valeurs s'additionnent pour la "
    "commune quand elle n'a pas de valeur propre, la valeur propre de la commune prime, et les "
    "niveaux supérieurs comptent la commune une seule fois."
)
DIRECTORY_METHOD_FR = (
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
    "chiffres comptent les initiatives recensées par l'observatoire : ce n'est pas un recensement."
)
DEMO_TEXT_FR = (
    "Données de démonstration. Le jeu de démonstration couvre la Bretagne de 2016 à 2024 : ses "
    "territoires réels du Code officiel géographique 2026 (la région, ses quatre départements, "
    "ses 61 EPCI et ses 1 202 communes, avec leurs populations et leurs contours), valeurs "
    "d'indicateurs plausibles mais fictives pour chaque commune, et quelques centaines "
    "d'initiatives dont une poignée de structures réelles bien connues (citées à titre "
    "d'exemple, chiffres non renseignés), les autres inventées et signalées comme telles. Il est "
    "chargé par le même chemin d'import que les fichiers des partenaires "
    "(« python -m observatory init --demo ») ; remplacez-le en important vos propres fichiers."
)


def catalogue_table(con: duckdb.DuckDBPyConnection, lang: str = "fr") -> pd.DataFrame:
    """Return one row per indicator, as readers see it: definition, unit, source, rules, years."""
    frame = engine.catalogue(con)
    rows = [{
        tr("Indicateur", lang): row.libelle,
        tr("Code", lang): row.code,
        tr("Thème", lang): labels.theme_name(row.theme, lang),
        tr("Définition", lang): row.description or "",
        tr("Unité", lang): formatting.unit_label(row.unite, lang),
        tr("Source", lang): row.source or "",
        tr("Agrégation", lang): (
            tr(DIRECTORY_RULE, lang) if row.annuaire else
            aggregation_rule(row.agregation, row.numerateur, row.denominateur, lang)),
        tr("Seuil de secret", lang): secret_rule(row.secret_seuil, lang),
        tr("Années", lang): years_span(row.premiere_annee, row.derniere_annee),
        # Text, so that the column stays one type (a rank or nothing).
        tr("À la une", lang): "" if formatting.is_missing(row.a_la_une) else str(int(row.a_la_une)),
    } for row in frame.itertuples()]
    return pd.DataFrame(rows)


def aggregation_rule(rule: str, numerator, denominator, lang: str = "fr") -> str:
    """Return the aggregation rule of an indicator as a sentence (`Somme des territoires…`)."""
    text = AGGREGATION_LABELS.get(rule, rule)
    return tr(text, lang, numerateur=numerator or "?", denominateur=denominator or "?") \
        if rule == "ratio" else tr(text, lang)


def secret_rule(threshold, lang: str = "fr") -> str:
    """Return the confidentiality threshold as text (`secret sous 5`, or `aucun`)."""
    if formatting.is_missing(threshold) or int(threshold) <= 0:
        return tr("aucun", lang)
    return tr("secret sous {n}", lang, n=int(threshold))


def years_span(first, last) -> str:
    """Return `2016–2024`, one year, or an empty text when the indicator has no figure."""
    if formatting.is_missing(first) or formatting.is_missing(last):
        return ""
    return str(int(first)) if int(first) == int(last) else f"{int(first)}–{int(last)}"


def dataset_frame(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """Return one downloadable dataset (`territoires`, `indicateurs`, `valeurs_publiees`, `initiatives`)."""
    return sqlstore.frame(con, _dataset_query(name))


def dataset_shape(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, int]:
    """Return (rows, columns) of one downloadable dataset, without reading its rows into Python."""
    return sqlstore.shape(con, _dataset_query(name))


def dataset_bytes(con: duckdb.DuckDBPyConnection, name: str, fmt: str) -> bytes:
    """Return one downloadable dataset in a format of `export.FORMATS` (`csv_fr`, `csv`, `parquet`)."""
    return export.FORMATS[fmt][0](dataset_frame(con, name))


def _dataset_query(name: str) -> str:
    return {key: query for key, _, query in DOWNLOADS}[name]


def updates_table(updates: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return the last update of each dataset for reading: dataset, date, file, batches."""
    rows = [{
        tr("Jeu de données", lang): tr(DATASET_LABELS.get(row.dataset, row.dataset), lang),
        tr("Dernière mise à jour", lang): format_date(row.last_applied_at, lang),
        tr("Fichier", lang): row.last_file_name,
        tr("Lots appliqués", lang): int(row.batches_n),
    } for row in updates.itertuples()]
    return pd.DataFrame(rows)


def format_date(moment, lang: str = "fr") -> str:
    """Return a timestamp as `23/11/2026 à 07:43` (French) or `23/11/2026 at 07:43`."""
    if formatting.is_missing(moment):
        return ""
    stamp = pd.Timestamp(moment)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("Europe/Paris")
    return stamp.strftime("%d/%m/%Y") + tr(" à ", lang) + stamp.strftime("%H:%M")
