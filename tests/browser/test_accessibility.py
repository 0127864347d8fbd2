"""Accessibility measured in the browser: axe-core's WCAG 2.1 A and AA rules on every page.

Every page is checked in French and in English, as first opened and in URL states that
change what it shows (a département, a commune, the data tab). axe-core comes from npm
(`.ci/run` installs it outside the checkout); without it the module is skipped. One
browser page is reused for every view so that the module stays fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest

from observatory.i18n import tr
from observatory.ui.frame import PAGES
from tests.browser.conftest import wait_for_app
from tests.conftest import output_dir

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_DEFAULT = Path.home() / ".cache" / "observatory-axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                         resultTypes: ['violations']})
  .then(result => result.violations.map(rule => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    nodes: rule.nodes.map(node => ({target: node.target.join(' '),
                                    html: node.html.slice(0, 200),
                                    summary: node.failureSummary}))})))"""

# URL states beyond the default view: the shared selection, and each page's data tab.
SELECTIONS = {"defaut": "", "departement": "niveau=departement&territoire=29",
              "commune": "niveau=commune&territoire=29019"}
DATA_TABS = {"indicateurs": "onglet=tableau", "initiatives": "onglet=tableau",
             "donnees": "onglet=telechargements"}
LANGS = ("fr", "en")


def views() -> list[tuple[str, str, str]]:
    """Return (language, state, page URL path) for every view checked.

    Ordered so that the views of one selection follow each other: the first opens its URL,
    the next ones are reached through the navigation, which keeps the selection.
    """
    checked = [(lang, state, page.url_path) for lang in LANGS for state in SELECTIONS
               for page in PAGES]
    return checked + [(lang, "donnees", page.url_path) for lang in LANGS for page in PAGES
                      if page.key in DATA_TABS]


def view_query(lang: str, state: str, path: str) -> str:
    key = next(page.key for page in PAGES if page.url_path == path)
    parts = [SELECTIONS.get(state, ""), DATA_TABS[key] if state == "donnees" else "",
             "lang=en" if lang == "en" else ""]
    return "&".join(part for part in parts if part)


def axe_source() -> Path:
    return Path(os.environ.get("OBSERVATORY_AXE_JS", AXE_DEFAULT))


class Visitor:
    """One browser page with axe-core loaded into every document, moving from view to view."""

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url
        self.route: tuple[str, str] | None = None

    def open(self, lang: str, state: str, path: str) -> None:
        """Show the view: through the navigation when the selection is already the session's."""
        query = view_query(lang, state, path)
        title = tr(next(page.title for page in PAGES if page.url_path == path), lang)
        if self.route == (lang, state) and state != "donnees":
            self.page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']").click()
            self.page.wait_for_url(f"**/{path}*")
        else:
            self.page.goto(f"{self.base_url}/{path}{'?' + query if query else ''}")
        self.route = (lang, state)
        self.page.wait_for_function(
            "(title) => document.querySelector(\"[data-testid='stMain'] h1\")?.innerText === title",
            arg=title)
        wait_for_app(self.page)
        shown = parse_qs(urlsplit(self.page.url).query)
        assert {name: values[0] for name, values in shown.items()} == dict(parse_qsl(query))

    def violations(self) -> list[dict]:
        return self.page.evaluate(AXE_RUN, AXE_TAGS)


@pytest.fixture(scope="module")
def visitor(browser, app_url):
    if not axe_source().is_file():
        pytest.skip(f"axe-core is not installed ({axe_source()}): run .ci/run, or "
                    "`npm install --prefix ~/.cache/observatory-axe axe-core@4`")
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    context.add_init_script(path=str(axe_source()))
    yield Visitor(context.new_page(), app_url)
    context.close()


@pytest.fixture(scope="module")
def measured():
    """Every view's violations, written for the accessibility statement at the end."""
    results: dict[str, list] = {}
    yield results
    path = output_dir("accessibility") / "axe-results.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1))


@pytest.mark.parametrize("lang, state, path", views())
def test_no_wcag_violation(visitor, measured, lang, state, path):
    visitor.open(lang, state, path)
    violations = visitor.violations()
    measured[f"{path}?{view_query(lang, state, path)}"] = violations
    assert [(rule["id"], rule["help"], rule["nodes"][:3]) for rule in violations] == []
    # A screen reader reads the page in the interface's language (RGAA 8.3).
    assert visitor.page.evaluate("() => document.documentElement.lang") == lang


ICON_NAMES = [page.icon.split("/")[1].rstrip(":") for page in PAGES]


@pytest.mark.parametrize("lang", LANGS)
def test_names_are_free_of_icon_names_and_of_streamlit_english(visitor, lang):
    visitor.open(lang, "defaut", "territoire")
    page = visitor.page
    links = page.get_by_role("navigation").get_by_role("link")
    names = [link.get_attribute("href") and link.inner_text().strip() for link in links.all()]
    read = page.get_by_role("navigation").aria_snapshot()
    assert [tr(info.title, lang) for info in PAGES] == [name.split("\n")[-1] for name in names]
    assert [icon for icon in ICON_NAMES if f'"{icon}' in read] == []
    french = {"fr": True, "en": False}[lang]
    for english, translated in (("Skip to main content", "Aller au contenu principal"),
                                ("Main menu", "Menu principal")):
        expected = translated if french else english
        assert page.get_by_text(expected, exact=True).count() + page.get_by_label(
            expected, exact=True).count() >= 1, expected
    helps = page.locator("[aria-label^='Help for '], [aria-label^='Aide : ']")
    assert helps.count() > 0
    assert all(label.startswith("Aide : " if french else "Help for ")
               for label in (item.get_attribute("aria-label") for item in helps.all()))


def test_switching_language_in_the_page_follows_in_lang_and_labels(visitor):
    visitor.open("fr", "defaut", "territoire")
    page = visitor.page
    page.locator("[data-testid='stSidebar'] button").filter(has_text="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    wait_for_app(page)
    assert page.get_by_label("Main menu", exact=True).count() == 1
    visitor.route = None  # the session's selection is no longer a checked view
