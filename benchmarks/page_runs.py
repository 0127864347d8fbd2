"""Server-side run time of pages under AppTest, each side (ours, baseline, floor) in its own process.

`python -m benchmarks.page_runs --side ours --db FILE --out FILE [--pages a,b] [--cold]
[--widgets FILE]` runs in a fresh interpreter, so the peak RSS it reports is that side's alone:
- serve mode: every page once (cold in this process), then `warm` runs each with a changing
  selection (given as URL parameters, like a shared link); median and peak memory. Our side
  records each run's widgets (and all it displayed) in `--widgets`; the floor side shows them
  again, page by page (`genre`: its widgets; `genre+elements`: its widgets and displayed
  elements; `floor` alone is the generic floor: the frame's widgets and a few of a page's);
- `--cold`: one page, one run: the first run after the process started (what a user waits
  for after a server start), timed from the AppTest run call.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import recorded_widgets
from observatory.settings import PROJECT_ROOT

BASELINE_DIR = Path(__file__).resolve().parent / "baseline_pages"
FLOOR = "floor"
# A page's name with this suffix, on the floor side: its widgets and everything it displayed.
ELEMENTS = "+elements"
SIDES = ("ours", "baseline", "floor")
TIMEOUT_S = 300


def script_for(side: str, page: str) -> Path:
    """Return the script a side runs for a page (a page's floor replays its recorded widgets)."""
    if side == "ours":
        return PROJECT_ROOT / "pages" / f"{page}.py"
    if side == "floor":
        return BASELINE_DIR / ("floor.py" if page == FLOOR else "page_floor.py")
    return BASELINE_DIR / f"{page}.py"


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB.

    VmHWM (/proc/self/status) is the high-water mark of this program's memory since its exec;
    `ru_maxrss` is not: Linux carries the parent's peak over fork + exec, so every child of a
    big parent would report at least the parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _timed_run(app, params: dict | None) -> tuple[float, list[str]]:
    if params is not None:
        for name in list(app.query_params):
            del app.query_params[name]
        for name, value in params.items():
            app.query_params[name] = value
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    errors = [str(getattr(error, "message", error))[:300] for error in app.exception]
    return elapsed, errors


def serve(side: str, pages: list[str], selections: list[dict], warm: int,
          widgets: Path | None = None) -> dict:
    """Run each page cold then `warm` times with changing selections; return times (s) and peak RSS.

    With `widgets`, our side writes there the widgets of every run and the floor side reads them.
    """
    from streamlit.testing.v1 import AppTest

    results, seen = {}, {}
    if widgets is not None and side == "floor":
        os.environ["OBSERVATORY_FLOOR_WIDGETS"] = str(widgets)
    for page in pages:
        os.environ["OBSERVATORY_FLOOR_PAGE"] = page
        app = AppTest.from_file(str(script_for(side, page)), default_timeout=TIMEOUT_S)
        runs = [{}] + [selections[index % len(selections)] for index in range(warm)]
        times, errors = [], []
        for params in runs:
            seconds, more = _timed_run(app, params)
            times.append(seconds)
            errors += more
            if widgets is not None and side == "ours":
                key = recorded_widgets.selection_key(params)
                seen.setdefault(page, {})[key] = recorded_widgets.record(app)
                seen.setdefault(page + ELEMENTS, {})[key] = recorded_widgets.record(
                    app, elements=True)
        first_s, times = times[0], times[1:]
        results[page] = {"first_run_s": round(first_s, 4),
                         "warm_s": round(statistics.median(times), 4) if times else None,
                         "warm_runs": len(times), "warm_max_s": round(max(times), 4) if times else None,
                         "errors": sorted(set(errors))[:3]}
    if seen:
        widgets.write_text(json.dumps(seen, ensure_ascii=False), encoding="utf-8")
    return {"side": side, "pages": results, "peak_rss_mb": peak_rss_mb()}


def cold(side: str, page: str) -> dict:
    """Run one page once in this fresh process; return the run's seconds and the peak RSS."""
    started = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(script_for(side, page)), default_timeout=TIMEOUT_S)
    import_s = time.perf_counter() - started
    seconds, errors = _timed_run(app, {})
    return {"side": side, "page": page, "cold_s": round(seconds, 4),
            "streamlit_import_s": round(import_s, 4), "errors": errors[:3],
            "peak_rss_mb": peak_rss_mb()}


def run_side(side: str, database: Path, pages: list[str], *, selections: list[dict] | None = None,
             warm: int = 10, cold_page: str | None = None, widgets: Path | None = None,
             timeout_s: float = 3600) -> dict:
    """Run `serve` (or `cold` for one page) in a fresh interpreter pointed at `database`; return its JSON."""
    out = database.parent / f"pages-{side}-{cold_page or 'serve'}.json"
    command = [sys.executable, "-m", "benchmarks.page_runs", "--side", side, "--db", str(database),
               "--out", str(out), "--pages", ",".join(pages), "--warm", str(warm),
               "--selections", json.dumps(selections or [])]
    if cold_page:
        command += ["--cold", cold_page]
    if widgets is not None:
        command += ["--widgets", str(widgets)]
    # The pages write their outline files next to the database, not into the checkout's static/.
    env = {**os.environ, "OBSERVATORY_DB": str(database), "OBSERVATORY_DEMO_ON_FIRST_START": "0",
           "OBSERVATORY_STATIC_DIR": str(database.parent / "static"),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    for name in ("OBSERVATORY_STAFF_PASSWORD", "OBSERVATORY_STAFF_PASSWORD_HASH"):
        env.pop(name, None)
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout_s, check=False)
    if done.returncode != 0 or not out.is_file():
        return {"side": side, "error": (done.stderr or done.stdout)[-2000:]}
    result = json.loads(out.read_text("utf-8"))
    out.unlink()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time pages under AppTest (one side per process).")
    parser.add_argument("--side", choices=SIDES, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pages", default="")
    parser.add_argument("--warm", type=int, default=10)
    parser.add_argument("--selections", default="[]")
    parser.add_argument("--cold")
    parser.add_argument("--widgets", type=Path)
    args = parser.parse_args(argv)
    os.environ["OBSERVATORY_DB"] = str(args.db)
    if args.cold:
        result = cold(args.side, args.cold)
    else:
        pages = [page for page in args.pages.split(",") if page]
        result = serve(args.side, pages, json.loads(args.selections), args.warm, args.widgets)
    args.out.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
