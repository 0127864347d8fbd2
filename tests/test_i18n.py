"""The English switch: every French interface text has its English version."""

import ast

from observatory.i18n import english_catalogue, tr
from tests.conftest import PROJECT_ROOT

TRANSLATED_CALLS = {"tr", "t"}


def interface_texts() -> dict[str, str]:
    """Return every literal French text passed to `tr(...)` or `….t(...)`, with its file."""
    found = {}
    files = [*(PROJECT_ROOT / "observatory").rglob("*.py"), *(PROJECT_ROOT / "pages").glob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in TRANSLATED_CALLS and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                found[first.value] = str(path.relative_to(PROJECT_ROOT))
    return found


def test_every_interface_text_has_an_english_version():
    catalogue = english_catalogue()
    missing = {text: where for text, where in interface_texts().items() if text not in catalogue}
    assert missing == {}


def test_page_titles_and_levels_are_translated():
    from observatory import labels
    from observatory.ui.frame import PAGES

    catalogue = english_catalogue()
    assert [page.title for page in PAGES if page.title not in catalogue] == []
    assert [page.help for page in PAGES if page.help not in catalogue] == []
    names = [*labels.LEVEL_NAMES.values(), *labels.LEVEL_WORDS.values(),
             *labels.LEVEL_PLURALS.values(), *labels.THEME_NAMES.values(),
             *labels.THEMATIQUE_NAMES.values(), *labels.STAGE_NAMES.values()]
    assert [name for name in names if name not in catalogue] == []


def test_translation_fills_fields_in_both_languages():
    text = "Source : {source}"
    assert tr(text, "fr", source="INSEE") == "Source : INSEE"
    assert tr(text, "en", source="INSEE") == "Source: INSEE"


def test_labels_name_codes_in_either_language_and_leave_unknown_codes_as_they_are():
    from observatory import labels

    assert [labels.level_name("epci", "fr"), labels.level_kind("commune", "en"),
            labels.level_plural("departement", "fr")] == [
        "EPCI (intercommunalité)", "municipality", "départements"]
    assert labels.theme_name(None, "en") == "All themes"
    assert labels.theme_name("culture_locale", "fr") == "culture_locale"
    assert labels.thematique_name("mobilite", "en") == "Mobility"
    assert labels.stage_name("essaimage", "en") == "scaling"
    assert labels.stage_name("inconnu", "fr") == "inconnu"
