"""Replicas behind HAProxy (deploy/haproxy.cfg): stickiness, 1 vs 2 replicas, snapshot pick-up.

Every replica reads the same published snapshot (`<db>.snapshots/CURRENT`); a new import
publishes a new one and each replica switches at its next rerun (db.SnapshotReader), with
no restart. The pick-up time is measured from the moment `CURRENT` was replaced to the first
run, on each replica, that shows the new import (a new initiative's card).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from benchmarks import scenario, servers, sessions
from benchmarks.streamlit_client import Session, http_get
from observatory import db

REPLICA_COOKIE = "OBSERVATORY_REPLICA"
PICK_UP_TIMEOUT_S = 60.0
INITIATIVE_HEADER = ("id;nom;commune;thematique;description;porteur;forme_juridique;publics;"
                     "economie_circulaire;portee_par_une_femme;stade;annee_creation;emplois_etp;"
                     "benevoles;beneficiaires;latitude;longitude;site_web")


def pinned(url: str, replica: str) -> Session:
    """A session whose balancer cookie names `replica` (as after a first visit to it)."""
    return Session(url, cookies={REPLICA_COOKIE: replica})


async def stickiness(url: str, cat: scenario.Catalogue, visitors: int = 4) -> dict:
    """Open `visitors` sessions through the balancer; check each stays on its replica.

    A session's cookie, set by the first answer, must bring its page GET, its WebSocket and
    a reconnection (with the same session id) back to the replica that served it first.
    """
    shared = scenario.shared_view(cat)
    report = {"visitors": [], "errors": []}
    for _ in range(visitors):
        session = Session(url)
        try:
            first = await session.open("/" + shared.path, shared.query)
            replica = session.cookies.get(REPLICA_COOKIE, "")
            served_first, socket_first = session.served_by, session.socket_served_by
            _, _, headers = await asyncio.to_thread(
                http_get, url, "/" + shared.path, session.cookies)
            session_id = session.session_id
            # Where an upload of this session goes (Streamlit's upload endpoint, any answer).
            _, _, upload = await asyncio.to_thread(
                http_get, url, f"/_stcore/upload_file/{session_id}/probe", session.cookies)
            await session.reconnect()
            socket_again = session.socket_served_by
            again = await session.rerun("/" + shared.path, shared.query)
            report["visitors"].append({
                "cookie": replica, "first": served_first, "socket": socket_first,
                "again": headers.get("x-observatory-replica", ""),
                "upload": upload.get("x-observatory-replica", ""), "socket_again": socket_again,
                "same_session_after_reconnect": session.session_id == session_id,
                "runs_ok": first.error is None and again.error is None})
            report["errors"] += [error for error in (first.error, again.error) if error]
        finally:
            await session.close()
    return report


def write_new_initiative(folder: Path, commune: str) -> tuple[Path, str, str]:
    """Write a one-row initiatives file with a name never seen; return (file, id, name)."""
    token = uuid.uuid4().hex[:10].upper()
    ident, name = f"BENCH-{token}", f"Initiative témoin {token}"
    path = folder / f"initiative-{token}.csv"
    path.write_text(f"{INITIATIVE_HEADER}\n{ident};{name};{commune};sante;Test de diffusion.;"
                    "Banc d'essai;association;tous;non;non;emergence;2024;;;;;;\n", encoding="utf-8")
    return path, ident, name


def import_file(database: Path, dataset: str, path: Path) -> None:
    """Apply `path` with the command line (the one writer), as the import container does."""
    done = subprocess.run([sys.executable, "-m", "observatory", "import", dataset, str(path)],
                          cwd=servers.PROJECT_ROOT, env={**os.environ, "OBSERVATORY_DB": str(database)},
                          capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"import {dataset} : code {done.returncode}\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


async def snapshot_pick_up(url: str, database: Path, replicas: list[str], folder: Path,
                           cat: scenario.Catalogue) -> dict:
    """Import a new initiative; return seconds until every replica's next run shows it."""
    watchers = {replica: pinned(url, replica) for replica in replicas}
    shared = scenario.shared_view(cat)
    try:
        for session in watchers.values():
            await session.open("/" + shared.path, shared.query)
        path, ident, name = write_new_initiative(folder, cat.territories["commune"][0])
        await asyncio.to_thread(import_file, database, "initiatives", path)
        published_at = (db.snapshot_dir(database) / "CURRENT").stat().st_mtime
        seen = await asyncio.gather(*(
            _first_run_showing(session, f"initiative={ident}", name.encode())
            for session in watchers.values()))
        per_replica = {replica: (None if at is None else round(at - published_at, 3))
                       for replica, at in zip(watchers, seen, strict=True)}
        served = {replica: session.served_by for replica, session in watchers.items()}
    finally:
        await asyncio.gather(*(session.close() for session in watchers.values()),
                             return_exceptions=True)
    worst = None if None in per_replica.values() else max(per_replica.values())
    return {"per_replica_s": per_replica, "served_by": served, "seen_by_all_s": worst}


async def _first_run_showing(session: Session, query: str, marker: bytes) -> float | None:
    """Rerun the Initiatives page on `query` until a run shows `marker`; return its end (epoch s)."""
    deadline = time.monotonic() + PICK_UP_TIMEOUT_S
    while time.monotonic() < deadline:
        run = await session.rerun("/initiatives", query, keep_payload=True)
        if run.error is None and marker in run.payload:
            return time.time()
        await asyncio.sleep(0.05)
    return None


@contextlib.contextmanager
def replica_servers(app: Path, database: Path, count: int):
    """Start `count` dashboards on the same database; yield their servers (stopped on exit)."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(servers.streamlit_server(app, database, log_name=f"replica-{index}.log"))
               for index in range(1, count + 1)]


async def _saturation_through(url: str, cat, sessions_n: int, duration_s: float) -> dict:
    stage = await sessions.run_stage(url, cat, sessions_n, 0.0, duration_s, seed=7)
    return stage.to_json()


def measure(app: Path, database: Path, cat: scenario.Catalogue, folder: Path,
            sessions_n: int, duration_s: float) -> dict:
    """Run 1 then 2 replicas behind HAProxy with no think time; then the snapshot pick-up."""
    result: dict = {"replicas": 2, "balancer": _haproxy_version()}
    with replica_servers(app, database, 2) as started:
        addresses = [server.url.removeprefix("http://") for server in started]
        for server in started:
            asyncio.run(sessions.warm_up(server.url, cat))
        throughput = {}
        for count in (1, 2):
            with servers.haproxy(folder, addresses[:count]) as balancer:
                throughput[count] = asyncio.run(
                    _saturation_through(balancer.url, cat, sessions_n, duration_s))
                throughput[count]["load_avg"] = os.getloadavg()
        with servers.haproxy(folder, addresses) as balancer:
            result["stickiness"] = asyncio.run(stickiness(balancer.url, cat))
            pick_up = asyncio.run(snapshot_pick_up(balancer.url, database, ["r1", "r2"], folder, cat))
    one, two = throughput[1]["runs_per_s"], throughput[2]["runs_per_s"]
    result |= {"runs_per_s": {"1": one, "2": two},
               "speedup": round(two / one, 2) if one and two else None,
               "new_snapshot_seen_by_all_s": pick_up["seen_by_all_s"],
               "new_snapshot": pick_up, "saturation": throughput}
    return result


def _haproxy_version() -> str:
    binary = servers.haproxy_binary()
    if binary is None:
        return "haproxy (absent)"
    out = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False).stdout
    return " ".join(out.split()[:3]) if out else "haproxy"
