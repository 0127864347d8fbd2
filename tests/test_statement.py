"""The accessibility statement states what the accessibility tests measure."""

from __future__ import annotations

from observatory import statement
from tests.browser.test_accessibility import views


def test_the_statement_counts_the_views_the_tests_check():
    assert statement.VIEWS_CHECKED == len(views())
    assert f"{statement.VIEWS_CHECKED} vues contrôlées" in statement.STATEMENT_FR


def test_the_statement_names_the_axe_version_ci_installs():
    from tests.conftest import PROJECT_ROOT

    assert f"axe-core@{statement.AXE_VERSION.rsplit('.', 1)[0]}" in (
        PROJECT_ROOT / ".ci" / "run").read_text()
