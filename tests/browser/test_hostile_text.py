"""Text from data, files and URLs is shown as text in the real browser (security issue, point 1).

A dashboard on the demo plus hostile rows: initiative, indicator, territory and observation
texts carrying Markdown links and images, raw HTML, KaTeX and `:color[…]` directives, and an
initiative with a 1 MB description. Every page is opened with hostile URL parameters too. No
page may hold a link or image to another host (other than the initiatives' validated
`site_web`), a KaTeX formula, or make a request to another host; the payloads show literally.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from observatory import db, statement, territory_reference
from observatory.demo import DEMO_FILES, DEMO_REGION, read_demo_file
from observatory.ui.frame import PAGES
from tests.browser.conftest import screenshot, serve, wait_for_app
from tests.conftest import PROJECT_ROOT

DEMO = PROJECT_ROOT / "data" / "demo"
EVIL = "evil.example"
LINK = f"[Site officiel de la Région](https://{EVIL}/phish)"
IMAGE = f"![p](https://{EVIL}/u.png)"
HTML = f'<img src="https://{EVIL}/h.png"><a href="https://{EVIL}/a">ici</a>'
MATH = "$$x^2$$"
PAYLOAD = f"{LINK} {IMAGE} {HTML} {MATH} :red[alerte] https://{EVIL}/nu www.{EVIL}"
EMAIL = f"contact@{EVIL}"  # the directory refuses addresses: in the catalogue only
LONG_ID = "HOST-0002"
LONG_DESCRIPTION = ("Une description très longue. " * 35_000)[:1_000_000]
# Hostile values for parameters every page reads, and a hostile parameter name.
HOSTILE_QUERY = "&".join(f"{name}={quote(value)}" for name, value in (
    ("debut", f"[x](https://{EVIL}/u)"), ("fin", IMAGE), (f"[Cliquez](https://{EVIL}/p)", "1")))
BREST = "niveau=commune&territoire=29019"

# Links and images a page holds, with their host, and the formulas KaTeX drew.
FOREIGN = """() => ({
  links: [...document.querySelectorAll('a[href], area[href]')].map(a => a.href),
  images: [...document.querySelectorAll('img[src], image, source[src], iframe[src]')]
    .map(node => node.src || node.getAttribute('href') || ''),
  katex: document.querySelectorAll('.katex, .katex-display, math').length,
  text: document.body.innerText,
})"""


def _rows(name: str) -> tuple[list[str], list[dict]]:
    """Return the header and rows the demo loads for dataset `name`."""
    if name == "territoires":  # the région file init --demo makes from the shipped COG
        con = db.connect()
        try:
            text = territory_reference.region_file(con, DEMO_REGION).decode("utf-8")
        finally:
            con.close()
    else:
        text = read_demo_file(DEMO / DEMO_FILES[name]).decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    return list(reader.fieldnames), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def hostile_files(folder: Path) -> dict[str, Path]:
    """Upserts over the demo: every free-text field of every dataset carries the payloads."""
    header, territories = _rows("territoires")
    brest = next(row for row in territories if row["code"] == "29019")
    header_i, indicators = _rows("indicateurs")
    indicator = next(row for row in indicators if row["theme"] == "innovation_sociale")
    header_o, observations = _rows("observations")
    observed = [row for row in observations if row["indicateur"] == indicator["code"]][:20]
    header_n, initiatives = _rows("initiatives")
    base = next(row for row in initiatives if row["commune"] == "29019")
    hostile = [{**base, "id": "HOST-0001", "nom": LINK, "porteur": HTML, "description": PAYLOAD,
                "site_web": ""},
               {**base, "id": LONG_ID, "nom": "Initiative au long descriptif",
                "description": LONG_DESCRIPTION, "site_web": ""}]
    return {
        "territoires": _write(folder / "territoires.csv", header,
                              [{**brest, "nom": f"Brest {LINK}"}]),
        "indicateurs": _write(folder / "indicateurs.csv", header_i, [{
            **indicator, "libelle": f"{indicator['libelle']} {IMAGE}",
            "description": f"{PAYLOAD} {EMAIL}", "source": f"{MATH} {LINK}"}]),
        "observations": _write(folder / "observations.csv", header_o, [
            {**row, "source": f"{HTML} {LINK}", "note": PAYLOAD} for row in observed]),
        "initiatives": _write(folder / "initiatives.csv", header_n, hostile),
    }


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("app-hostile")
    env = {**os.environ, "OBSERVATORY_DB": str(folder / "observatory.duckdb")}
    commands = [["init", "--demo"]] + [
        ["import", dataset, str(path), "--user", "test"]
        for dataset, path in hostile_files(folder).items()]
    for command in commands:
        done = subprocess.run([sys.executable, "-m", "observatory", *command], cwd=PROJECT_ROOT,
                              env=env, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    yield from serve(folder / "observatory.duckdb")


def allowed_links() -> set[str]:
    """The validated `site_web` values, and the statement's means of appeal."""
    _, initiatives = _rows("initiatives")
    return {row["site_web"] for row in initiatives if row["site_web"]} | set(statement.LINKS)


def assert_shown_as_text(recorded, base_url: str) -> str:
    """No foreign link, image, formula or request; return the main block's text."""
    page = recorded.page
    assert page.locator("[data-testid='stException']").count() == 0
    found = page.evaluate(FOREIGN)
    host = urlsplit(base_url).netloc
    foreign_links = [href for href in found["links"] if urlsplit(href).netloc not in ("", host)]
    assert [href for href in foreign_links if href.rstrip("/") not in
            {site.rstrip("/") for site in allowed_links()}] == []
    assert [src for src in found["images"]
            if src and not src.startswith("data:") and urlsplit(src).netloc not in ("", host)] == []
    assert [href for href in found["links"] if href.lower().startswith("javascript:")] == []
    assert found["katex"] == 0
    assert recorded.foreign_requests(base_url) == []
    return found["text"].replace("\u2060", "")  # the word joiners that break auto-links


def _hostile_indicator() -> str:
    _, indicators = _rows("indicateurs")
    return next(row["code"] for row in indicators if row["theme"] == "innovation_sociale")


# Per public page: a view of Brest showing the hostile rows, and a payload it shows literally
# (besides Brest's name in the selection sentence and the URL notices).
VIEWS = {
    "accueil": ("", None),
    "initiatives": ("initiative=HOST-0001", PAYLOAD),
    "indicateurs": (f"indicateur={_hostile_indicator()}&onglet=evolution", IMAGE),
    "territoire": ("", LINK),
    "genre": ("", None),
    "jeunesse": ("", None),
    "economie-circulaire": ("", None),
    "donnees-et-methodes": ("onglet=methodes", None),
}


def test_every_public_page_has_a_hostile_view():
    assert set(VIEWS) == {page.url_path for page in PAGES if not page.staff}


@pytest.mark.parametrize("path", list(VIEWS))
def test_hostile_data_and_url_show_as_text(hostile_url, open_context, path):
    query, literal = VIEWS[path]
    recorded = open_context()
    recorded.page.goto(f"{hostile_url}/{path}?{BREST}&{query}&{HOSTILE_QUERY}".replace("&&", "&"))
    wait_for_app(recorded.page)
    text = assert_shown_as_text(recorded, hostile_url)
    assert f"Brest {LINK} (commune)" in text
    assert f"« [Cliquez](https://{EVIL}/p) »" in text  # the unknown parameter, literally
    assert f"« [x](https://{EVIL}/u) »" in text and f"« {IMAGE} »" in text
    assert literal is None or literal in text
    if path in ("territoire", "initiatives"):
        screenshot(recorded.page, f"hostile-{path}")


def open_long_description(open_context, base_url: str,
                          initiative: str = LONG_ID) -> tuple[object, float]:
    """Open the card; return the page and the seconds until it was drawn and settled."""
    recorded = open_context()
    started = time.monotonic()
    recorded.page.goto(f"{base_url}/initiatives?initiative={initiative}")
    wait_for_app(recorded.page)
    if initiative == LONG_ID:
        recorded.page.wait_for_selector("text=Lire le texte complet", timeout=30_000)
    return recorded, time.monotonic() - started


def test_a_one_megabyte_description_is_cut_and_readable_in_full(hostile_url, open_context):
    recorded, _ = open_long_description(open_context, hostile_url)
    assert_shown_as_text(recorded, hostile_url)
    page = recorded.page
    shown = page.locator("[data-testid='stMain']").inner_text()
    assert len(shown) < 10_000  # drawn: the card, with its description cut
    expander = page.locator("[data-testid='stExpander']").filter(has_text="Lire le texte complet")
    assert "1 000 000 caractères" in expander.inner_text().replace("\u202f", " ")
    expander.locator("summary").click()
    full = expander.locator("[data-testid='stText']")
    full.wait_for(timeout=30_000)
    assert len(full.inner_text()) >= 999_000  # the whole text, as plain text


@pytest.mark.bench
def test_a_page_with_a_one_megabyte_description_is_drawn_within_3_s(hostile_url, open_context):
    """The issue's budget (it took 140 s): run on an idle machine with `-m bench`."""
    open_long_description(open_context, hostile_url)  # warm: first run of the server
    _, drawn_s = open_long_description(open_context, hostile_url)
    _, ordinary_s = open_long_description(open_context, hostile_url, "HOST-0001")
    print(f"\n1 MB description: {drawn_s:.1f} s; an ordinary card, same measure: {ordinary_s:.1f} s")
    assert drawn_s < 3, f"the page took {drawn_s:.1f} s (an ordinary card {ordinary_s:.1f} s)"
