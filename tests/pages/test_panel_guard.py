"""The panel guard: a failed part of a page says so in the interface's language."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def failing_panel(lang: str, english: str | None) -> None:
    from observatory.errors import ObservatoryError
    from observatory.ui.panels import panel

    with panel(lang, "carte" if lang == "fr" else "map"):
        raise ObservatoryError("Indicateur inconnu « x » : consultez le catalogue.",
                               english=english)


@pytest.mark.parametrize("lang, english, expected", [
    ("fr", "Unknown indicator “x”.", "Indicateur inconnu « x » : consultez le catalogue."),
    ("en", "Unknown indicator “x”.", "Unknown indicator “x”."),
    ("en", None, "This part of the page could not be shown (map); the message, in French: "
                 "Indicateur inconnu « x » : consultez le catalogue."),
])
def test_an_error_in_a_panel_is_worded_in_the_pages_language(lang, english, expected):
    app = AppTest.from_function(failing_panel, args=(lang, english)).run()
    assert not app.exception
    assert [item.value.replace("\\", "") for item in app.warning] == [expected]


def table_only_panel() -> None:
    import pandas as pd

    from observatory.indicator_panels import Panel
    from observatory.ui.panels import show_panel

    table = pd.DataFrame({"nom": ["[Site](https://evil.example/p)"], "valeur": [1.0]})
    show_panel(Panel(None, table, table, "Titre", "De 1 ([Site](https://evil.example/p)) à 2.",
                     "Source"), "essai", "fr")


def test_a_table_panels_summary_is_shown_as_text():
    app = AppTest.from_function(table_only_panel).run()
    [caption] = [item.value for item in app.caption if "De 1" in item.value]
    assert "\\[Site\\]" in caption and "](https://" not in caption  # never a live link
    assert "evil.example/p" in caption  # shown, as text
