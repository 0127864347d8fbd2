"""Interface language: French first, English as a switch.

Texts are written in French in the code; `tr(text, lang)` returns the English version
from the catalogues of `observatory/locales/*.py` (each defines a dict `EN`). A French
text missing from the catalogues is shown in French, and a test lists them.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from observatory import locales

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


@cache
def english_catalogue() -> dict[str, str]:
    """Return every French → English pair of `observatory/locales`."""
    merged: dict[str, str] = {}
    for module in pkgutil.iter_modules(locales.__path__):
        catalogue = importlib.import_module(f"{locales.__name__}.{module.name}").EN
        duplicates = {key for key in catalogue if key in merged and merged[key] != catalogue[key]}
        if duplicates:
            raise ValueError(f"locales/{module.name}: conflicting translations {sorted(duplicates)}")
        merged.update(catalogue)
    return merged


def tr(text: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """Return `text` in `lang` (French texts are the keys), with `{name}` fields filled."""
    if lang == "en":
        text = english_catalogue().get(text, text)
    return text.format(**values) if values else text
