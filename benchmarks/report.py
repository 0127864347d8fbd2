"""Run the whole benchmark at one scale and assemble its JSON report (and a readable table)."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import psutil

from benchmarks import import_speed, page_runs
from benchmarks.synthetic import SCALES, Build, Scale, build
from observatory import db, engine, importer, maps
from observatory.settings import PROJECT_ROOT

PAGES = ("accueil", "initiatives", "indicateurs", "territoire", "genre", "jeunesse",
         "economie_circulaire", "donnees", "import")
REPORT_KEYS = ("scale", "machine", "taken_at", "synthetic", "import", "pages", "engine", "maps",
               "memory", "floor", "baseline", "budgets")
# Budgets at `large` scale (issue 6).
IMPORT_ROWS_PER_S = 150_000
PAGE_WARM_S, PAGE_FLOOR_MULTIPLE, PAGE_COLD_S = 0.250, 3.0, 2.0
ENGINE_WARM_S, MEMORY_MB = 0.100, 1024
RATIO_WARM, RATIO_COLD, RATIO_MEMORY = 1.0, 0.5, 0.5


def machine() -> dict:
    """Return what the figures were taken on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "system": platform.platform(terse=True)}


def measure_import(folder: Path, rows: int) -> dict:
    """Return rows, seconds and rows/s of one `observations` import (French Excel CSV, validation included)."""
    database = folder / "import.duckdb"
    # A fresh database each time, so that every row is inserted (a kept --workdir is reused).
    database.unlink(missing_ok=True)
    shutil.rmtree(db.snapshot_dir(database), ignore_errors=True)
    import_speed.prepare_database(database)
    path = import_speed.write_observations_file(folder / "import-observations.csv", rows)
    # The command line's write path: read, validate, apply, then rebuild the published
    # figures and publish the snapshot (db.writing); the split is reported too.
    started = time.perf_counter()
    with db.writing(database) as con:
        report = importer.import_file(con, "observations", path.read_bytes(), path.name, "benchmark")
        applied_s = time.perf_counter() - started
    seconds = time.perf_counter() - started
    if report.status != "applied" or report.inserted != rows:
        raise RuntimeError(f"import benchmark: {report.status}, {report.errors[:3]}")
    size_mb = path.stat().st_size / 1e6
    path.unlink()
    return {"rows": rows, "file_mb": round(size_mb, 1), "seconds": round(seconds, 2),
            "rows_per_s": round(rows / seconds), "read_validate_apply_s": round(applied_s, 2),
            "rebuild_publish_s": round(seconds - applied_s, 2),
            "rows_per_s_without_publish": round(rows / applied_s)}


def selections(snapshot: Path, count: int) -> list[dict]:
    """Return `count` distinct selections (level, territory, start year) cycling through the levels."""
    con = db.connect(snapshot, read_only=True)
    try:
        codes = {level: [row[0] for row in con.execute(
            "select code from territoires where niveau = ? order by code", [level]).fetchall()]
            for level in ("departement", "epci", "commune")}
        years = [row[0] for row in con.execute(
            "select distinct annee from observations order by annee").fetchall()]
    finally:
        con.close()
    chosen = []
    for index in range(count):
        level = ("departement", "epci", "commune")[index % 3]
        pool = codes[level]
        chosen.append({"niveau": level, "territoire": pool[(index * 7) % len(pool)],
                       "debut": str(years[index % max(1, len(years) - 1)])})
    return chosen


def measure_engine(snapshot: Path, runs: int = 10) -> dict:
    """Return the warm time (median, s) of one indicator's commune values for one year."""
    con = db.connect(snapshot, read_only=True)
    try:
        indicator, year = con.execute(
            "select indicateur, max(annee) from published_values where niveau = 'commune' "
            "group by indicateur order by indicateur limit 1").fetchone()
        rows = len(engine.indicator_values(con.cursor(), indicator, "commune", year))
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            engine.indicator_values(con.cursor(), indicator, "commune", year)
            times.append(time.perf_counter() - started)
    finally:
        con.close()
    return {"indicator": indicator, "level": "commune", "year": int(year), "rows": rows,
            "warm_s": round(statistics.median(times), 4), "runs": runs}


def measure_maps(snapshot: Path, indicator: str, year: int, runs: int = 3) -> dict:
    """Return per level: choropleth build time (s, median; outlines read included) and bytes sent."""
    con = db.connect(snapshot, read_only=True)
    result = {}
    try:
        for level in ("region", "departement", "epci", "commune"):
            values = engine.indicator_values(con.cursor(), indicator, level, year)
            times, figure = [], None
            for _ in range(runs):
                started = time.perf_counter()
                figure = maps.build_choropleth(values, maps.map_outlines(con.cursor(), level), level,
                                               values["unite"].iloc[0], indicator)
                text = figure.to_json()
                times.append(time.perf_counter() - started)
            url = maps.static_outline_url("bench", level)
            static = maps.build_choropleth(values, maps.map_outlines(con.cursor(), level, url=url),
                                           level, values["unite"].iloc[0], indicator)
            result[level] = {"territories": len(values), "build_s": round(statistics.median(times), 4),
                             "bytes": len(text.encode()), "bytes_static_outlines": len(static.to_json().encode()),
                             "outline_bytes": len(maps.outline_geojson(con.cursor(), level).encode())}
    finally:
        con.close()
    return result


def build_or_reuse(folder: Path, scale: Scale) -> Build:
    """Return the observatory built in `folder` at this scale (reused when `--workdir` kept one)."""
    record = folder / "build.json"
    if record.is_file() and db.current_snapshot(folder / "observatory.duckdb") is not None:
        data = json.loads(record.read_text("utf-8"))
        if data["scale"] == scale.name:
            return Build(Path(data["database"]), data["scale"], data["rows"],
                         {**data["seconds"], "reused": True})
    built = build(folder, scale)
    record.write_text(json.dumps(built.to_json_dict()), encoding="utf-8")
    return built


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    return round(ours / theirs, 3) if ours is not None and theirs else None


def measure_pages(database: Path, scale: Scale, progress: Callable[[str], None]) -> dict:
    """Return the AppTest figures of floor, ours and baseline (warm in one process per side, cold per page)."""
    snapshot = db.current_snapshot(database)
    warm = scale.warm_runs
    chosen = selections(snapshot, warm)
    present = [page for page in PAGES if (PROJECT_ROOT / "pages" / f"{page}.py").is_file()]
    widgets = database.parent / "page-widgets.json"

    def served_and_cold(side: str) -> tuple[dict, dict]:
        progress(f"{side}: warm runs, one process …")
        served = page_runs.run_side(side, database, present, selections=chosen, warm=warm)
        colds = {}
        for page in present:
            progress(f"{side}: cold {page} …")
            colds[page] = page_runs.run_side(side, database, [page], cold_page=page)
        return served, colds

    sides = {"ours": served_and_cold("ours")}
    # Each page's floor shows the widgets our page showed, run for run (recorded_widgets.py),
    # recorded in a process of its own: holding the records would swell the measured one.
    progress("ours: recording what each page showed …")
    recording = page_runs.run_side("ours", database, present, selections=chosen, warm=warm,
                                   widgets=widgets)
    progress("floor: each page's widgets (and elements), and the generic floor …")
    floor = page_runs.run_side("floor", database, [
        page_runs.FLOOR, *present, *(page + page_runs.ELEMENTS for page in present)],
        selections=chosen, warm=warm, widgets=widgets)
    widgets.unlink(missing_ok=True)  # tens of MB of figures at large scale
    floor_cold = page_runs.run_side("floor", database, [page_runs.FLOOR], cold_page=page_runs.FLOOR)
    sides["baseline"] = served_and_cold("baseline")
    floor_pages = floor.get("pages", {})
    # A floor run that failed measured less than the widgets: no multiple rather than a flattering one.
    floor_warm = {page: None if figures.get("errors") else figures.get("warm_s")
                  for page, figures in floor_pages.items()}
    frame_floor_warm = floor_warm.get(page_runs.FLOOR)
    pages, baseline_pages = {}, {}
    for side, target in (("ours", pages), ("baseline", baseline_pages)):
        served, colds = sides[side]
        for page in present:
            warm_figures = served.get("pages", {}).get(page, {})
            cold_figures = colds[page]
            target[page] = {
                "cold_s": cold_figures.get("cold_s"), "warm_s": warm_figures.get("warm_s"),
                "warm_max_s": warm_figures.get("warm_max_s"), "warm_runs": warm_figures.get("warm_runs"),
                "first_run_in_server_s": warm_figures.get("first_run_s"),
                "floor_warm_s": floor_warm.get(page),
                "floor_multiple": _ratio(warm_figures.get("warm_s"), floor_warm.get(page)),
                "generic_floor_multiple": _ratio(warm_figures.get("warm_s"), frame_floor_warm),
                # Diagnostic: Streamlit and Plotly showing exactly this page's content, no data work.
                "elements_floor_warm_s": floor_warm.get(page + page_runs.ELEMENTS),
                "elements_floor_multiple": _ratio(warm_figures.get("warm_s"),
                                                  floor_warm.get(page + page_runs.ELEMENTS)),
                "errors": (warm_figures.get("errors") or []) + (cold_figures.get("errors") or [])
                + ([served["error"]] if "error" in served else [])
                + ([cold_figures["error"]] if "error" in cold_figures else []),
            }
    for page in present:
        pages[page]["baseline_ratio"] = {
            "warm": _ratio(pages[page]["warm_s"], baseline_pages[page]["warm_s"]),
            "cold": _ratio(pages[page]["cold_s"], baseline_pages[page]["cold_s"])}
    ours_rss = sides["ours"][0].get("peak_rss_mb")
    baseline_rss = sides["baseline"][0].get("peak_rss_mb")
    return {
        "pages": pages,
        "missing_pages": [page for page in PAGES if page not in present],
        "selections": chosen,
        "floor": {"cold_s": floor_cold.get("cold_s"), "warm_s": frame_floor_warm,
                  "pages": {page: floor_warm.get(page) for page in present},
                  "pages_with_elements": {page: floor_warm.get(page + page_runs.ELEMENTS)
                                          for page in present},
                  "errors": {page: figures["errors"] for page, figures in floor_pages.items()
                             if figures.get("errors")} | (
                      {"process": floor["error"]} if "error" in floor else {}),
                  "peak_rss_mb": floor.get("peak_rss_mb"),
                  "recording_error": recording.get("error")},
        "memory": {"peak_rss_mb": ours_rss, "baseline_peak_rss_mb": baseline_rss,
                   "floor_peak_rss_mb": floor.get("peak_rss_mb"),
                   "baseline_ratio": _ratio(ours_rss, baseline_rss),
                   "cold_page_process_peak_rss_mb": {
                       page: sides["ours"][1][page].get("peak_rss_mb") for page in present}},
        "baseline": {
            "pages": baseline_pages, "peak_rss_mb": baseline_rss,
            "ratio": {"warm": {page: pages[page]["baseline_ratio"]["warm"] for page in present},
                      "cold": {page: pages[page]["baseline_ratio"]["cold"] for page in present},
                      "memory": _ratio(ours_rss, baseline_rss)},
        },
    }


def budgets(report: dict) -> list[dict]:
    """Return every budget of issue 6 with the measured value and whether it is met."""
    checks = [("import rows/s ≥ 150 000", report["import"]["rows_per_s"], IMPORT_ROWS_PER_S, ">="),
              ("engine warm ≤ 100 ms", report["engine"]["warm_s"], ENGINE_WARM_S, "<="),
              ("serving peak RSS ≤ 1 GB (MB)", report["memory"]["peak_rss_mb"], MEMORY_MB, "<="),
              ("memory ours ÷ baseline ≤ 0.5", report["memory"]["baseline_ratio"], RATIO_MEMORY, "<=")]
    for page, figures in report["pages"].items():
        checks += [(f"{page}: warm ≤ 250 ms", figures["warm_s"], PAGE_WARM_S, "<="),
                   (f"{page}: warm ≤ 3 × floor", figures["floor_multiple"], PAGE_FLOOR_MULTIPLE, "<="),
                   (f"{page}: cold ≤ 2 s", figures["cold_s"], PAGE_COLD_S, "<="),
                   (f"{page}: warm ours ÷ baseline ≤ 1", figures["baseline_ratio"]["warm"], RATIO_WARM, "<="),
                   (f"{page}: cold ours ÷ baseline ≤ 0.5", figures["baseline_ratio"]["cold"], RATIO_COLD, "<=")]
    result = []
    for name, value, limit, sense in checks:
        met = None if value is None else (value >= limit if sense == ">=" else value <= limit)
        result.append({"budget": name, "value": value, "limit": limit, "met": met})
    return result


def run(scale_name: str, workdir: Path | None = None,
        progress: Callable[[str], None] = lambda message: None) -> dict:
    """Build the synthetic observatory at `scale_name` in a temporary folder (or `workdir`) and measure it."""
    scale = SCALES[scale_name]
    with tempfile.TemporaryDirectory(prefix="observatory-bench-") as temporary:
        folder = workdir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        report: dict = {"scale": scale_name, "machine": machine(),
                        "taken_at": datetime.now(UTC).isoformat(timespec="seconds")}
        progress(f"build: synthetic observatory ({scale_name}) in {folder} …")
        built = build_or_reuse(folder / "observatory", scale)
        report["synthetic"] = built.to_json_dict()
        progress(f"import: {scale.import_rows:,} observations …")
        report["import"] = measure_import(folder, scale.import_rows)
        snapshot = db.current_snapshot(built.database)
        progress("engine …")
        report["engine"] = measure_engine(snapshot)
        progress("maps …")
        report["maps"] = measure_maps(snapshot, report["engine"]["indicator"], report["engine"]["year"])
        measured = measure_pages(built.database, scale, progress)
        report.update(measured)
        report["budgets"] = budgets(report)
        return {key: report[key] for key in REPORT_KEYS} | {
            key: value for key, value in report.items() if key not in REPORT_KEYS}


def format_table(report: dict) -> str:
    """Return the report as readable text tables."""
    lines = [f"Banc d'essai — échelle {report['scale']} — {report['machine']['cpu']}, "
             f"{report['machine']['cores']} cœurs, {report['machine']['memory_gb']} Gio",
             f"Import : {report['import']['rows']:,} lignes en {report['import']['seconds']} s "
             f"= {report['import']['rows_per_s']:,} lignes/s",
             f"Moteur : {report['engine']['indicator']} communes {report['engine']['year']} "
             f"({report['engine']['rows']} lignes) : {report['engine']['warm_s'] * 1000:.1f} ms",
             f"Plancher générique (floor) : froid {report['floor']['cold_s']} s, "
             f"chaud {report['floor']['warm_s']} s ; plancher de chaque page : ses propres widgets ; "
             "affichage : ses widgets et tout ce qu'elle affiche, sans calcul",
             "", f"{'page':22} {'froid s':>8} {'chaud ms':>9} {'plancher ms':>11} {'× plancher':>10} "
             f"{'affichage ms':>12} "
             f"{'base froid':>10} {'base chaud':>10} {'÷ base chaud':>12} {'÷ base froid':>12}"]
    for page, figures in report["pages"].items():
        base = report["baseline"]["pages"][page]
        def fmt(value, scale=1.0, digits=2):
            return "—" if value is None else f"{value * scale:.{digits}f}"
        lines.append(f"{page:22} {fmt(figures['cold_s']):>8} {fmt(figures['warm_s'], 1000, 0):>9} "
                     f"{fmt(figures['floor_warm_s'], 1000, 1):>11} {fmt(figures['floor_multiple'], 1, 1):>10} "
                     f"{fmt(figures['elements_floor_warm_s'], 1000, 1):>12} {fmt(base['cold_s']):>10} "
                     f"{fmt(base['warm_s'], 1000, 0):>10} "
                     f"{fmt(figures['baseline_ratio']['warm']):>12} {fmt(figures['baseline_ratio']['cold']):>12}"
                     + ("  ERREUR" if figures["errors"] else ""))
    if report.get("missing_pages"):
        lines.append(f"pages absentes : {', '.join(report['missing_pages'])}")
    lines += ["", f"{'carte':12} {'construction ms':>15} {'octets':>10} {'octets (contours statiques)':>28}"]
    for level, figures in report["maps"].items():
        lines.append(f"{level:12} {figures['build_s'] * 1000:>15.0f} {figures['bytes']:>10,} "
                     f"{figures['bytes_static_outlines']:>28,}")
    memory = report["memory"]
    lines += ["", f"Mémoire (pic RSS) : nous {memory['peak_rss_mb']} Mo, référence {memory['baseline_peak_rss_mb']} Mo, "
              f"rapport {memory['baseline_ratio']}", "", "Budgets :"]
    for item in report["budgets"]:
        state = {True: "ok", False: "MANQUÉ", None: "n/m"}[item["met"]]
        lines.append(f"  [{state:6}] {item['budget']} : {item['value']}")
    return "\n".join(lines)


def write_json(report: dict, path: Path) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
