"""What only a browser shows: URLs written back and shared, maps drawn, the upload flow.

A real `streamlit run dashboard.py` on loopback, driven by Debian chromium. Every test
also checks that no page shows a Streamlit exception and that no request left the
app's own host (fonts, tiles, CDN topojson, telemetry would all be caught here).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from observatory.ui.frame import PAGES
from tests.browser.conftest import screenshot, wait_for_app
from tests.conftest import FIXTURES

SIZES = {"desktop": (1366, 768), "mobile": (390, 844)}
PAGE_PATHS = [page.url_path for page in PAGES]
PUBLIC_PATHS = [page.url_path for page in PAGES if not page.staff]
# What each drawn Plotly trace shows, read from the chart element (`el.data`) in the browser.
TRACE_KEYS = ("type", "name", "x", "y", "z", "locations", "lat", "lon", "text", "hovertext",
              "customdata")
FIGURE_DATA = """(keys) => {
  const plots = [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .map(chart => chart.querySelector('.js-plotly-plot'));
  if (plots.some(plot => !plot || !Array.isArray(plot.data))) return null;
  // Arrays come base64-encoded ({dtype, bdata}); Plotly keeps the decoded one in _inputArray.
  const plain = value => value == null || (typeof value === 'number' && Number.isNaN(value))
    ? null : ArrayBuffer.isView(value) ? Array.from(value, plain)
    : Array.isArray(value) ? value.map(plain)
    : typeof value === 'object' && ArrayBuffer.isView(value._inputArray)
    ? plain(value._inputArray)
    : typeof value === 'object' ? JSON.stringify(value) : value;
  return plots.map(plot => plot.data.map(
    trace => Object.fromEntries(keys.map(key => [key, plain(trace[key])]))));
}"""


def open_page(open_context, base_url: str, path: str, query: str = "",
              size: tuple[int, int] = SIZES["desktop"], **wait):
    recorded = open_context(*size)
    recorded.page.goto(f"{base_url}/{path}{'?' + query if query else ''}")
    wait_for_app(recorded.page, **wait)
    return recorded


ICON_HREFS = "() => [...document.querySelectorAll('link[rel*=icon i]')].map(link => link.href)"


def assert_clean(recorded, base_url: str) -> None:
    assert recorded.page.locator("[data-testid='stException']").count() == 0
    assert recorded.foreign_requests(base_url) == []
    # A favicon can point elsewhere without being fetched yet: check the DOM, not the requests.
    icons = recorded.page.evaluate(ICON_HREFS)
    assert icons, "the page declares no icon"
    host = urlsplit(base_url).netloc
    assert [href for href in icons if urlsplit(href).netloc != host] == []


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def selection_sentence(page) -> str:
    return page.locator("[data-testid='stSidebar'] strong").first.inner_text()


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label`, as a keyboard user would."""
    box = page.locator("[data-testid='stSelectbox']").filter(
        has=page.get_by_text(label, exact=True)).first
    box.get_by_role("combobox").click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    wait_for_app(page)


def check_page_opened(recorded, base_url: str, path: str, size: str) -> None:
    """Every page, as first opened: a title, the whole navigation, a screenshot, no error."""
    assert recorded.page.locator("h1").count() >= 1
    if size == "desktop":
        navigation = recorded.page.locator("[data-testid='stSidebarNav']").inner_text()
        assert [page.title for page in PAGES if page.title not in navigation] == []
    screenshot(recorded.page, f"{path}-{size}")
    assert_clean(recorded, base_url)


def figure_data(page, charted: bool) -> list[list[dict]]:
    """Return, per Plotly chart on the page, its traces' drawn arrays (once all are drawn).

    `charted`: the view shows at least one chart, so wait for it rather than read none.
    """
    if charted:
        page.wait_for_selector("[data-testid='stPlotlyChart'] .js-plotly-plot", timeout=30_000)
    figures = page.wait_for_function(FIGURE_DATA, arg=list(TRACE_KEYS),
                                     timeout=30_000).json_value()
    assert figures or not charted, "no chart drawn"
    return figures


def click_option(page, text: str) -> None:
    """Click a pill or a segmented-control option whose label starts with `text`."""
    page.locator("[data-testid='stMain'] button").filter(has_text=text).first.click()
    wait_for_app(page)


def shown_text(page) -> list[str]:
    """Return what a reader sees: sentences, captions, metrics (charts and tables aside)."""
    return page.locator("[data-testid='stMain'] :is([data-testid='stMarkdownContainer'], "
                        "[data-testid='stCaptionContainer'], [data-testid='stMetricValue'])"
                        ).all_inner_texts()


THEME_INDICATOR = "Indicateur de la carte et de l'évolution"
# Per page, a change made through the interface, and what it must write into the URL.
INTERFACE_CHANGES = {
    "accueil": (lambda page: (choose(page, "Niveau de territoire", "Département"),
                              choose(page, "Territoire", "Finistère")), "territoire=29"),
    "initiatives": (lambda page: (click_option(page, "Alimentation"),
                                  click_option(page, "Tableau")), "thematique=alimentation"),
    "indicateurs": (lambda page: (choose(page, "Niveau de territoire", "Département"),
                                  choose(page, "Territoire", "Finistère"),
                                  click_option(page, "Classement")), "onglet=classement"),
    "territoire": (lambda page: choose(page, "Thème", "Genre"), "theme=genre"),
    "genre": (lambda page: choose(page, THEME_INDICATOR, "Écart de salaire horaire"),
              "indicateur=ecart"),
    "jeunesse": (lambda page: choose(page, THEME_INDICATOR, "Volontaires en service civique"),
                 "indicateur="),
    "economie-circulaire": (lambda page: choose(page, THEME_INDICATOR, "Ressourceries"),
                            "indicateur="),
    "donnees-et-methodes": (lambda page: click_option(page, "Téléchargements"),
                            "onglet=telechargements"),
}
# The changed views that show Plotly charts (the others show tables, cards or downloads).
CHARTED_CHANGES = ("accueil", "indicateurs", "genre", "jeunesse", "economie-circulaire")


@pytest.mark.parametrize("path", list(INTERFACE_CHANGES))
def test_a_view_changed_in_the_interface_reopens_identically_elsewhere(app_url, open_context,
                                                                       path):
    change, written = INTERFACE_CHANGES[path]
    first = open_page(open_context, app_url, path)
    check_page_opened(first, app_url, path, "desktop")
    change(first.page)
    first.page.wait_for_function(f"() => window.location.search.includes({written!r})")
    query = query_of(first.page)
    sentence, shown = selection_sentence(first.page), shown_text(first.page)
    figures = figure_data(first.page, path in CHARTED_CHANGES)

    second = open_context()
    second.page.goto(first.page.url)
    wait_for_app(second.page)
    assert selection_sentence(second.page) == sentence
    assert shown_text(second.page) == shown
    assert figure_data(second.page, path in CHARTED_CHANGES) == figures
    assert query_of(second.page) == query
    assert_clean(first, app_url)
    assert_clean(second, app_url)


@pytest.mark.parametrize("path, size", [
    # Desktop views of pages with an interface-change test are checked at its start.
    (path, size) for size in SIZES for path in PAGE_PATHS
    if size == "mobile" or path not in INTERFACE_CHANGES])
def test_every_page_opens_cleanly_and_is_screenshotted(app_url, open_context, path, size):
    check_page_opened(open_page(open_context, app_url, path, size=SIZES[size]), app_url, path, size)


def test_the_shared_selection_survives_a_change_of_page(app_url, open_context):
    recorded = open_page(open_context, app_url, "indicateurs", "niveau=departement&territoire=35")
    recorded.page.locator("[data-testid='stSidebarNav'] a[href$='/initiatives']").click()
    recorded.page.wait_for_url("**/initiatives*")
    wait_for_app(recorded.page)
    recorded.page.wait_for_function("() => window.location.search.includes('territoire=35')")
    assert selection_sentence(recorded.page) == "Ille-et-Vilaine (département), 2016–2024"
    assert_clean(recorded, app_url)


def test_an_invalid_url_opens_the_page_with_a_notice(app_url, open_context):
    recorded = open_page(open_context, app_url, "indicateurs",
                         "annee=abc&territoire=99999&indicateur=%3Cscript%3E")
    text = recorded.page.locator("[data-testid='stMain']").inner_text()
    assert "« abc » du paramètre « annee » n'est pas valide" in text
    assert "« 99999 » du paramètre « territoire » n'est pas valide" in text
    assert "territoire" not in query_of(recorded.page)
    assert_clean(recorded, app_url)


def test_the_map_is_drawn_offline(app_url, open_context):
    recorded = open_page(open_context, app_url, "indicateurs", "carte=departement")
    recorded.page.wait_for_selector(".js-plotly-plot .maplibregl-canvas, .js-plotly-plot canvas",
                                    timeout=30_000)
    screenshot(recorded.page, "indicateurs-map")
    assert_clean(recorded, app_url)


EMBEDDED_SENTENCE = "Finistère (département), 2016–2024"


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_embedded_view_has_no_sidebar(app_url, open_context, path):
    # Embedded views have no title: the selection sentence is their sign of a rendered page.
    recorded = open_page(open_context, app_url, path, "embed=true&niveau=departement&territoire=29",
                         ready=f"[data-testid='stMain'] strong:text-is('{EMBEDDED_SENTENCE}')")
    assert recorded.page.locator("[data-testid='stSidebar']").count() == 0
    # The selection sentence stays visible above the folded widgets.
    assert recorded.page.get_by_text(EMBEDDED_SENTENCE, exact=True).is_visible()
    if path == "genre":  # one look is enough: the full-page shots are taken elsewhere
        screenshot(recorded.page, "genre-embedded")
    assert_clean(recorded, app_url)


def sign_in(page) -> None:
    """Sign in on the Import page as the test server's staff member."""
    page.get_by_label("Votre nom").fill("Camille")
    page.get_by_label("Mot de passe").fill("mot de passe de test")
    page.get_by_role("button", name="Entrer").click()
    wait_for_app(page)


def test_staff_upload_flow(app_url, open_context):
    recorded = open_page(open_context, app_url, "import")
    page = recorded.page
    sign_in(page)
    choose(page, "Jeu de données", "Observations")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        str(FIXTURES / "import" / "observations_browser.csv"))
    page.wait_for_selector("text=Fichier valide", timeout=30_000)
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Appliquer ce fichier").click()
    page.wait_for_selector("text=appliqué (« observations_browser.csv »)", timeout=30_000)
    screenshot(page, "import-applied")
    assert_clean(recorded, app_url)


def test_staff_upload_of_a_partner_workbook(app_url, open_context, tmp_path):
    """An INSEE-shaped .xlsx (title lines, wide year columns): the header is found, CODGEO is
    mapped, the year columns are unpivoted once their indicator is chosen, then applied."""
    from tests.workbooks import xlsx_bytes

    workbook = tmp_path / "insee_population.xlsx"
    workbook.write_bytes(xlsx_bytes({"Données": [
        ["Populations légales 2021 et 2015"], ["Source : INSEE"], [],
        ["CODGEO", "LIBGEO", "P21_POP", "P15_POP"],
        ["22047", "Corlay", 915, 950], ["22050", "Dinan", 14800, 14000]]}))
    recorded = open_page(open_context, app_url, "import")
    page = recorded.page
    sign_in(page)
    choose(page, "Jeu de données", "Observations")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(workbook))
    page.wait_for_selector("text=Feuille « Données », ligne 4 : en-tête lu", timeout=30_000)
    choose(page, "Indicateur des colonnes « P{aa}_POP »", "population")
    page.wait_for_selector("text=Fichier valide", timeout=30_000)
    screenshot(page, "import-workbook-preview")
    page.get_by_role("button", name="Appliquer ce fichier").click()
    page.wait_for_selector("text=appliqué (« insee_population.xlsx »)", timeout=30_000)
    screenshot(page, "import-workbook-applied")
    assert_clean(recorded, app_url)


def test_commune_choropleth_of_bretagne_reads_its_outlines_once(app_with_outlines_url, open_context):
    """The outlines come as a cached static file; changing a filter re-sends only the values."""
    base = app_with_outlines_url
    recorded = open_context(1366, 900)
    page = recorded.page
    received: list[int] = []
    page.on("websocket", lambda socket: socket.on(
        "framereceived", lambda payload: received.append(len(payload))))
    page.goto(f"{base}/indicateurs?indicateur=part_emplois_ess&carte=commune")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
    outline_files = [url for url in recorded.requests if "/app/static/outlines/" in url]
    assert [url.rsplit("/", 1)[1] for url in outline_files] == ["commune.geojson"]
    page.wait_for_timeout(1500)  # let MapLibre draw the fetched outlines
    screenshot(page, "indicateurs-communes-bretagne")
    legend = page.locator(".js-plotly-plot .legendtext").all_text_contents()
    # Every one of the demo's 1,202 communes has a value: the legend holds the classes only.
    assert len(legend) >= 3 and all("%" in item for item in legend)
    received.clear()
    page.get_by_text("Seuils naturels (Jenks)", exact=True).click()
    wait_for_app(page)
    assert max(received) < 300_000  # the values only: the outlines alone weigh 422 KB
    assert "classes=jenks" in page.url
    assert_clean(recorded, base)


def test_initiative_points_sit_on_the_territory_outlines(app_with_outlines_url, open_context):
    recorded = open_page(open_context, app_with_outlines_url, "initiatives")
    recorded.page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
    recorded.page.wait_for_timeout(1500)  # let MapLibre draw the fetched outlines
    assert any("/app/static/outlines/" in url for url in recorded.requests)
    screenshot(recorded.page, "initiatives-outlines")
    assert_clean(recorded, app_with_outlines_url)


# Each Plotly chart's traces, as "type:name" (maps draw in a canvas: the DOM has no marker).
PLOT_TRACES = ("() => [...document.querySelectorAll('.js-plotly-plot')]"
               ".map(plot => (plot._fullData || []).map(trace => trace.type + ':' + trace.name))")


@pytest.mark.parametrize(("path", "query", "shot"), [
    ("indicateurs", "initiatives=oui", "indicateurs-initiatives-overlay"),
    ("territoire", "", "territoire-initiatives-overlay"),
])
def test_initiatives_are_drawn_over_an_indicator_map(app_with_outlines_url, open_context, path,
                                                     query, shot):
    """Issue 19: the choropleth of an indicator with the territory's initiatives over its areas."""
    recorded = open_page(open_context, app_with_outlines_url, path, query)
    page = recorded.page
    page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
    page.wait_for_timeout(1500)  # let MapLibre draw the fetched outlines
    plots = page.evaluate(PLOT_TRACES)
    overlays = [traces for traces in plots
                if any(trace.startswith("choroplethmap:") for trace in traces)
                and any(trace.startswith("scattermap:") for trace in traces)]
    assert overlays, plots
    # The demo's 320 initiatives of Bretagne: one circle per commune, named as such.
    assert "scattermap:Initiatives par commune (surface ∝ nombre)" in overlays[0]
    page.locator(".js-plotly-plot").last.scroll_into_view_if_needed()
    screenshot(page, shot)
    assert_clean(recorded, app_with_outlines_url)


def test_the_portrait_prints_without_the_sidebar_and_controls(app_url, open_context):
    recorded = open_page(open_context, app_url, "territoire", "niveau=departement&territoire=29")
    page = recorded.page
    assert page.locator("[data-testid='stSidebar']").is_visible()
    page.emulate_media(media="print")
    for selector in ("[data-testid='stSidebar']", "[data-testid='stDownloadButton']",
                     ".stPopover"):
        assert page.locator(selector).first.is_hidden(), selector
    assert page.get_by_text("Finistère", exact=True).first.is_visible()
    screenshot(page, "territoire-print")
    assert page.pdf(format="A4")[:4] == b"%PDF"
    assert_clean(recorded, app_url)


@pytest.mark.parametrize("path", ["accueil", ""])
def test_the_overview_opens_at_accueil_and_at_the_root(app_url, open_context, path):
    recorded = open_page(open_context, app_url, path, "niveau=departement&territoire=29")
    page = recorded.page
    assert page.locator("[data-testid='stMain'] h1").first.inner_text() == "Vue d'ensemble"
    assert "Page not found" not in page.locator("body").inner_text()
    assert urlsplit(page.url).path == f"/{path}"  # no redirect to another address
    assert query_of(page)["territoire"] == ["29"]
    assert_clean(recorded, app_url)
