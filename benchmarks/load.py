"""Many visitors at once on a real `streamlit run dashboard.py`, and on the baseline (issue 18).

    python -m benchmarks.load [--scale demo|large] [--workdir DIR] [--json FILE] [--plot FILE]
                              [--sessions 1,10,25,50,100] [--think 5] [--duration 60]
                              [--saturation-sessions 10] [--no-replicas]

Builds the synthetic observatory (benchmarks/synthetic.py; `--workdir` keeps it for
the next run), copies the app into a temporary folder, then for ours (dashboard.py) and the
baseline (benchmarks/baseline_dashboard.py, the usual Streamlit + pandas pages) in turn:
one server, a warm-up visit of every page, the memory of idle sessions, then each session
count for `--duration` seconds with `--think` seconds between views (the saturation
throughput, with no think time, is measured first). Then 1 vs 2 replicas behind HAProxy, and the snapshot pick-up.
Prints a table; the JSON report has `load` and `replicas` (see BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import plot, replicas, scenario, servers, sessions
from benchmarks.report import build_or_reuse, machine
from benchmarks.synthetic import SCALES

SIDES = {"ours": "dashboard.py", "baseline": servers.BASELINE_SCRIPT}
SESSION_COUNTS = (1, 10, 25, 50, 100)
# Budgets of issue 18 (large scale, 2 cores, think time 5 s).
P95_BUDGETS_S = {25: 1.0, 50: 2.0}
SATURATION_RATIO, IDLE_MB, SPEEDUP, PICK_UP_S = 2.0, 5.0, 1.6, 5.0


def measure_side(app: Path, database: Path, cat: scenario.Catalogue, side: str, counts, think_s: float,
                 duration_s: float, saturation_n: int, progress) -> dict:
    """Serve one side and put it under every load; return its figures.

    A server stopped for memory (sessions.RSS_CAP_MB) is started again for the next load, so
    every load is tried; the stopped one reports why (`stopped`) and its errors."""
    with contextlib.ExitStack() as stack:
        server = _serve(stack, app, database, side, cat, progress)
        idle_n = min(max(counts), 25)  # opened one after the other: bounded time
        progress(f"{side}: {idle_n} idle sessions …")
        idle = asyncio.run(sessions.idle_rss_per_session(server.url, cat, idle_n, server.rss_mb))
        results = []
        for n, think, label in [(saturation_n, 0.0, "saturation"), *((n, think_s, "") for n in counts)]:
            if server.process.poll() is not None:  # stopped for memory: a fresh one
                stack.close()
                server = _serve(stack, app, database, side, cat, progress)
            progress(f"{side}: {n} sessions, think {think} s, {duration_s} s {label}…")
            stage = asyncio.run(sessions.run_stage(server.url, cat, n, think, duration_s,
                                                   rss_mb=server.rss_mb, seed=n if think else 99,
                                                   stop_server=server.process.kill))
            results.append(stage.to_json() | {"load_avg": [round(x, 2) for x in os.getloadavg()]})
            progress(f"  {results[-1]}")
        running = server.process.poll() is None
        return {"saturation": results[0], "sessions": results[1:], "rss_mb_per_idle_session": idle,
                "idle_sessions": idle_n, "rss_mb_end": round(server.rss_mb(), 1) if running else None}


def _serve(stack: contextlib.ExitStack, app: Path, database: Path, side: str, cat, progress):
    """Start one side's server in `stack` and warm it up (every page once)."""
    server = stack.enter_context(servers.streamlit_server(app, database, SIDES[side],
                                                          log_name=f"{side}.log"))
    progress(f"{side}: warm-up …")
    asyncio.run(sessions.warm_up(server.url, cat))
    return server


def budgets(load: dict, replica: dict | None) -> list[dict]:
    """Return every budget of issue 18 with its measured value and whether it is met."""
    by_n = {stage["n"]: stage for stage in load["sessions"]}
    checks = []
    for n, limit in P95_BUDGETS_S.items():
        stage = by_n.get(n)
        checks.append((f"{n} sessions: p95 ≤ {limit} s", stage and stage["p95_s"], limit, "<="))
        checks.append((f"{n} sessions: 0 errors", stage and stage["errors"], 0, "<="))
    checks.append(("saturation ≥ 2 × baseline", load.get("saturation_ratio"), SATURATION_RATIO, ">="))
    checks.append(("≤ 5 MB per idle session", load.get("rss_mb_per_idle_session"), IDLE_MB, "<="))
    if replica:
        checks.append(("2 replicas ≥ 1.6 × 1", replica.get("speedup"), SPEEDUP, ">="))
        checks.append(("new snapshot on every replica ≤ 5 s", replica.get("new_snapshot_seen_by_all_s"),
                       PICK_UP_S, "<="))
    result = []
    for name, value, limit, sense in checks:
        met = None if value is None else (value >= limit if sense == ">=" else value <= limit)
        result.append({"budget": name, "value": value, "limit": limit, "met": met})
    return result


def run(scale: str, workdir: Path | None, counts, think_s: float, duration_s: float,
        saturation_n: int, with_replicas: bool, progress=lambda message: None) -> dict:
    """Build (or reuse) the observatory at `scale`, measure both sides and the replicas."""
    report: dict = {"scale": scale, "machine": machine(),
                    "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "load_avg_start": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory(prefix="observatory-load-") as temporary:
        folder = workdir or Path(temporary)
        progress(f"build: synthetic observatory ({scale}) in {folder} …")
        built = build_or_reuse(folder / "observatory", SCALES[scale])
        database = built.database
        cat = scenario.catalogue(database)
        app = servers.app_copy(Path(temporary) / "app")
        sides = {side: measure_side(app, database, cat, side, counts, think_s, duration_s,
                                    saturation_n, progress) for side in SIDES}
        ours, theirs = sides["ours"], sides["baseline"]
        # A baseline stopped for memory served nothing more: the ratio is against what it did.
        theirs_rps = theirs["saturation"]["runs_per_s"]
        ratio = (round(ours["saturation"]["runs_per_s"] / theirs_rps, 2)
                 if ours["saturation"]["runs_per_s"] and theirs_rps else None)
        report["load"] = {
            "think_s": think_s, "duration_s": duration_s, "page_mix": scenario.PAGE_MIX,
            "sessions": ours["sessions"], "baseline_sessions": theirs["sessions"],
            "saturation": ours["saturation"], "baseline_saturation": theirs["saturation"],
            "saturation_ratio": ratio,
            "rss_mb_per_idle_session": ours["rss_mb_per_idle_session"],
            "baseline_rss_mb_per_idle_session": theirs["rss_mb_per_idle_session"],
            "idle_sessions": ours["idle_sessions"],
            "rss_mb_end": ours["rss_mb_end"], "baseline_rss_mb_end": theirs["rss_mb_end"]}
        report["replicas"] = None
        if with_replicas and servers.haproxy_binary():
            progress("replicas: 1 vs 2 behind HAProxy, then a new snapshot …")
            report["replicas"] = replicas.measure(app, database, cat, Path(temporary),
                                                  saturation_n, duration_s)
        elif with_replicas:
            report["replicas"] = {"skipped": "HAProxy absent : apt-get install -y haproxy"}
    report["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    report["budgets"] = budgets(report["load"], report["replicas"]
                                if report["replicas"] and "speedup" in report["replicas"] else None)
    return report


def format_table(report: dict) -> str:
    """Return the report as readable text."""
    load = report["load"]
    lines = [f"Charge — échelle {report['scale']} — {report['machine']['cpu']}, "
             f"{report['machine']['cores']} cœurs ; charge système {report['load_avg_start']} → "
             f"{report['load_avg_end']} ; réflexion {load['think_s']} s, {load['duration_s']} s par palier",
             f"{'sessions':>8} {'p50 s':>7} {'p95 s':>7} {'runs/s':>7} {'erreurs':>7} {'Mo/session':>10}"
             f" | {'réf p50':>7} {'réf p95':>7} {'runs/s':>7} {'erreurs':>7}"]
    def cell(value, width: int = 7) -> str:
        return f"{'—' if value is None else value!s:>{width}}"

    for ours, theirs in zip(load["sessions"], load["baseline_sessions"], strict=True):
        lines.append(f"{ours['n']:>8} {cell(ours['p50_s'])} {cell(ours['p95_s'])} {cell(ours['runs_per_s'])} "
                     f"{cell(ours['errors'])} {cell(ours['rss_mb_per_session'], 10)} | "
                     f"{cell(theirs['p50_s'])} {cell(theirs['p95_s'])} {cell(theirs['runs_per_s'])} "
                     f"{cell(theirs['errors'])}"
                     + (f"  {theirs['stopped']}" if theirs.get("stopped") else ""))
    lines.append(f"Saturation (sans réflexion) : nous {load['saturation']['runs_per_s']} runs/s, "
                 f"référence {load['baseline_saturation']['runs_per_s']} runs/s, "
                 f"rapport {load['saturation_ratio']}")
    lines.append(f"Mémoire par session inactive : nous {load['rss_mb_per_idle_session']} Mo, "
                 f"référence {load['baseline_rss_mb_per_idle_session']} Mo")
    replica = report.get("replicas")
    if replica and "speedup" in replica:
        lines.append(f"Répliques ({replica['balancer']}) : {replica['runs_per_s']} runs/s, "
                     f"accélération {replica['speedup']} ; nouvel instantané vu partout en "
                     f"{replica['new_snapshot_seen_by_all_s']} s")
    elif replica:
        lines.append(f"Répliques : {replica.get('skipped')}")
    lines.append("Budgets :")
    for item in report["budgets"]:
        state = {True: "ok", False: "MANQUÉ", None: "n/m"}[item["met"]]
        lines.append(f"  [{state:6}] {item['budget']} : {item['value']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=("demo", "large"), default="demo")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--plot", type=Path, help="PNG of p95 against sessions, ours and baseline")
    parser.add_argument("--sessions", default=",".join(map(str, SESSION_COUNTS)))
    parser.add_argument("--think", type=float, default=5.0)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--saturation-sessions", type=int, default=10)
    parser.add_argument("--no-replicas", action="store_true")
    args = parser.parse_args(argv)
    try:
        counts = [int(item) for item in args.sessions.split(",") if item.strip()]
    except ValueError:
        parser.error("--sessions : des nombres séparés par des virgules, par exemple 1,10,25")
    report = run(args.scale, args.workdir, counts, args.think, args.duration, args.saturation_sessions,
                 not args.no_replicas, progress=lambda message: print(message, file=sys.stderr, flush=True))
    text = json.dumps(report, ensure_ascii=False, indent=2)
    if args.json:  # first: the figures are kept whatever happens next
        args.json.write_text(text + "\n", encoding="utf-8")
    print(format_table(report), file=sys.stderr)
    if args.plot:
        plot.p95_against_sessions(report, args.plot)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
