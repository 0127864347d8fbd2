"""The benchmark (issue 6): a fast check of the generator and the report's keys; the demo
scale as a smoke test and the browser's time to first chart behind the `bench` marker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from benchmarks import report, synthetic
from observatory import db
from tests.conftest import PROJECT_ROOT, output_dir


@pytest.mark.slow
def test_tiny_synthetic_observatory_is_loaded_through_the_import_path(tmp_path):
    built = synthetic.build(tmp_path, synthetic.SCALES["tiny"])
    rows = dict(built.rows)
    published = rows.pop("published_values")
    assert rows == {
        "territoires": 1 + 5 + 20 + 40, "indicateurs": 10, "observations": 780,
        "initiatives": 50, "outlines_commune": 40, "outlines_epci": 20,
        "outlines_departement": 5, "outlines_region": 1}
    con = duckdb.connect(str(db.current_snapshot(built.database)), read_only=True)
    try:
        imported = con.execute("select count(*) from published_values anti join "
                               "directory_indicators on code = indicateur").fetchone()[0]
        assert imported == 1980 and published > imported  # and the directory's own figures
        assert con.execute("select count(*) from batches").fetchone()[0] == 4
        assert con.execute(
            "select count(distinct epci) from territoires where niveau = 'commune'").fetchone()[0] == 20
        # Slot 9 carries the overview's headline code, a rate of the two before it.
        assert con.execute("select agregation, theme, numerateur, denominateur from indicateurs "
                           "where code = 'part_emplois_ess'").fetchone() == (
            "ratio", "innovation_sociale", "synth_007", "synth_008")
    finally:
        con.close()
    assert sorted(path.name for path in tmp_path.iterdir() if path.suffix == ".csv") == []


def test_large_scale_matches_the_issue():
    large = synthetic.SCALES["large"]
    assert (large.communes_n, large.epcis_n, large.indicators_n, large.years_n) == (2000, 80, 100, 15)
    assert large.initiatives_n == 100_000 and large.import_rows == 1_000_000
    assert large.warm_runs >= 10


def test_large_catalogue_carries_every_headline_of_the_overview_and_the_stories():
    from observatory import demo_generator

    codes = synthetic.indicator_codes(synthetic.SCALES["large"].indicators_n)
    assert len(set(codes)) == len(codes) == 100
    theme_names = ["innovation_sociale", "genre", "jeunesse", "economie_circulaire", "contexte"]
    demo_themes = {item.code: item.theme for item in demo_generator.INDICATORS}
    for code in demo_generator.HEADLINE_RANKS:  # the demo's headlines à la une
        assert theme_names[codes.index(code) // 10 % 5] == demo_themes[code], code


def test_budgets_cover_every_page_and_flag_misses():
    figures = {"cold_s": 2.5, "warm_s": 0.1, "floor_multiple": 2.0,
               "baseline_ratio": {"warm": 0.5, "cold": 0.4}}
    fake = {"import": {"rows_per_s": 200_000}, "engine": {"warm_s": 0.01},
            "memory": {"peak_rss_mb": 500, "baseline_ratio": 0.4}, "pages": {"accueil": figures}}
    checks = {item["budget"]: item["met"] for item in report.budgets(fake)}
    assert checks["accueil: cold ≤ 2 s"] is False
    assert [met for name, met in checks.items() if name != "accueil: cold ≤ 2 s"] == [True] * 8
    assert report.REPORT_KEYS == ("scale", "machine", "taken_at", "synthetic", "import", "pages",
                                  "engine", "maps", "memory", "floor", "baseline", "budgets")


def test_benchmarks_help_lists_every_benchmark_in_french():
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--help"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("utilisation : python -m benchmarks [-h] COMMANDE ...")
    # A command's line is indented by 4; its help, when wrapped below the name, by more.
    assert [line.split()[0] for line in done.stdout.splitlines()
            if line.startswith("    ") and not line.startswith("     ")] == [
        "pages", "import", "load", "hostile-csv"]


def test_benchmarks_pages_refuses_an_unknown_option(capsys):
    from benchmarks.__main__ import main

    with pytest.raises(SystemExit) as exit_:
        main(["pages", "--bogus"])
    assert exit_.value.code == 2
    assert "Erreur d'utilisation : arguments non reconnus : --bogus" in capsys.readouterr().err


@pytest.mark.bench
def test_demo_benchmark_reports_every_key(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, "-m", "benchmarks", "pages", "--scale", "demo",
                           "--json", str(out)], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text("utf-8"))
    assert tuple(result)[: len(report.REPORT_KEYS)] == report.REPORT_KEYS
    assert result["import"]["rows"] == synthetic.SCALES["demo"].import_rows
    assert set(result["maps"]) == {"region", "departement", "epci", "commune"}
    for page, figures in result["pages"].items():
        assert figures["warm_runs"] >= 10, page
        assert figures["errors"] == [], (page, figures["errors"])
    (output_dir("bench") / "demo.json").write_text(out.read_text("utf-8"), encoding="utf-8")


# ---------------------------------------------------------------- browser: time to first chart

# Plotly has drawn once its SVG layer exists; a page's first figure may also be a metric or a table.
FIRST_CHART = ".js-plotly-plot .main-svg"
FIRST_FIGURE = (f"{FIRST_CHART}, [data-testid='stMetric'], [data-testid='stDataFrame'] canvas, "
                "[data-testid='stTable']")
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def bench_server(tmp_path_factory):
    """A dashboard on OBSERVATORY_BENCH_DB when given (e.g. a kept large build), else on the demo."""
    from tests.browser.conftest import serve

    given = os.environ.get("OBSERVATORY_BENCH_DB")
    if given:
        scale, database = os.environ.get("OBSERVATORY_BENCH_SCALE", "large"), Path(given)
        settings = {"OBSERVATORY_DEMO_ON_FIRST_START": "0"}
    else:  # the first start loads the demonstration data, as for a new user
        scale, database, settings = "demo", tmp_path_factory.mktemp("bench") / "observatory.duckdb", {}
    for base_url in serve(database, **settings):
        yield scale, base_url


# Stamps, in ms since navigation started, the first moment each selector matches in the DOM.
FIRST_SEEN_SCRIPT = "const marks = " + json.dumps({"figure": FIRST_FIGURE, "chart": FIRST_CHART}) + """;
window.__firstSeen = {};
const stamp = () => {
  for (const [name, selector] of Object.entries(marks)) {
    if (!(name in window.__firstSeen) && document.querySelector(selector)) {
      window.__firstSeen[name] = performance.now();
    }
  }
};
new MutationObserver(stamp).observe(document, {childList: true, subtree: true});
"""


@pytest.mark.bench
def test_browser_time_to_first_chart(bench_server):
    """Record, per page, the seconds from opening its URL to its first figure and first chart drawn.

    Target ≤ 3 s. On the demo every public page must show a figure; a page whose view has
    no chart (Territoire) records `first_chart_s` as null.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from observatory.ui.frame import PAGES
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, wait_for_app

    scale, base_url = bench_server
    timings: dict[str, dict[str, float | None]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            # Warm the server once (the first session pays the imports), as after a deployment.
            warm_page = browser.new_page()
            warm_page.goto(f"{base_url}/", wait_until="domcontentloaded")
            wait_for_app(warm_page, timeout_ms=120_000)
            warm_page.close()
            for page in PAGES:
                if page.staff:
                    continue
                context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
                context.add_init_script(FIRST_SEEN_SCRIPT)
                tab = context.new_page()
                tab.goto(f"{base_url}/{page.url_path}", wait_until="commit")
                wait_for_app(tab, timeout_ms=WAIT_MS)
                try:
                    tab.wait_for_function("() => 'figure' in window.__firstSeen", timeout=WAIT_MS)
                    if tab.locator("[data-testid='stPlotlyChart']").count():
                        tab.wait_for_function("() => 'chart' in window.__firstSeen",
                                              timeout=WAIT_MS)
                except PlaywrightTimeout:  # recorded as null, asserted below for the demo
                    pass
                seen = tab.evaluate("() => window.__firstSeen")
                timings[page.key] = {f"first_{name}_s": round(seen[name] / 1000, 2) if name in seen
                                     else None for name in ("figure", "chart")}
                context.close()
        finally:
            browser.close()
    (output_dir("bench") / f"browser-{scale}.json").write_text(
        json.dumps({"scale": scale, "pages": timings}, indent=2), encoding="utf-8")
    print(json.dumps(timings))
    # The synthetic large build has no indicator of the theme pages' stories: only the demo
    # must show a figure on every page.
    if scale == "demo":
        assert [key for key, seen in timings.items() if seen["first_figure_s"] is None] == []
