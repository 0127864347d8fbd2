"""Per-dataset statements, rendered once at load from the templates of `sql/per_dataset`.

A template is written once for every dataset, `{table}` standing for its table, `{history}`
for its history table, `{key}` for its primary key columns and `{file_key}` for the key as the
file writes it; or once for every free-text
column, `{column}` standing for it. sqlstore loads it as one named statement per dataset
(`import_final_create` → `import_final_create_observations`, named by `per_dataset`) or per
column (`import_bidi_free_text_strip_nom`, by `per_column`): SQL runs as loaded, never
filled in at call time. The identifiers come only from this code's dataset definitions
(datasets.py), never from a file or the database.

A dataset whose rule differs has its own version, written in full in the same folder under
the rendered name (`import_deleted_create_observations`); it replaces the rendered one.
"""

from __future__ import annotations

from observatory.datasets import DATASETS

# The primary key of each dataset's table, in the order sql/schema declares it (a test
# compares them): an observation's territory code is resolved to a level on import, so the
# level belongs to the stored key, not to the file's.
TABLE_KEYS = {name: dataset.key for name, dataset in DATASETS.items()} | {
    "observations": ("indicateur", "territoire", "niveau", "annee"),
}
# The key as the file writes it (import_typed): an old commune code is converted to its commune
# nouvelle, and rows landing on one key that way are added, not duplicates.
FILE_KEYS = TABLE_KEYS | {"observations": ("indicateur", "territoire_written", "niveau", "annee")}
FREE_TEXT_COLUMNS = tuple(dict.fromkeys(
    column.name for dataset in DATASETS.values() for column in dataset.columns if column.free_text))
_DATASET_HOLES = ("{table}", "{history}", "{key}", "{file_key}")


def per_dataset(template: str, dataset: str) -> str:
    """Return the name of a template's statement for `dataset` (KeyError for another name)."""
    if dataset not in DATASETS:
        raise KeyError(dataset)
    return f"{template}_{dataset}"


def per_column(template: str, column: str) -> str:
    """Return the name of a template's statement for a free-text column (KeyError otherwise)."""
    if column not in FREE_TEXT_COLUMNS:
        raise KeyError(column)
    return f"{template}_{column}"


def render(templates: dict[str, str], origin: str) -> dict[str, str]:
    """Return {name: sql} of every template rendered for each dataset (or free-text column),
    each dataset's own versions taking the place of the rendered ones."""
    rendered: dict[str, str] = {}
    own: dict[str, str] = {}
    for template, text in templates.items():
        if "{column}" in text:
            names = {per_column(template, column): text.replace("{column}", column)
                     for column in FREE_TEXT_COLUMNS}
        elif any(hole in text for hole in _DATASET_HOLES):
            names = {per_dataset(template, dataset): _fill(text, dataset) for dataset in DATASETS}
        else:
            own[template] = text
            continue
        if names.keys() & rendered.keys():
            raise ValueError(f"{origin}: {template!r} renders names already used")
        rendered |= names
    strays = sorted(own.keys() - rendered.keys())
    if strays:
        raise ValueError(f"{origin}: {strays} are neither templates nor a dataset's own version")
    return rendered | own


def _fill(text: str, dataset: str) -> str:
    return (text.replace("{table}", dataset)
            .replace("{history}", f"{dataset}_history")
            .replace("{key}", ", ".join(TABLE_KEYS[dataset]))
            .replace("{file_key}", ", ".join(FILE_KEYS[dataset])))
