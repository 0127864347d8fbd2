"""Real servers for the load benchmarks: `streamlit run` processes and Debian's HAProxy.

Every server is a context manager that terminates its process in a `finally` block, so
that no server outlives a benchmark or a test. The app is copied into a temporary folder
first: the dashboard writes its static outline files next to dashboard.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# benchmarks/ too: the baseline's pages live there and import benchmarks.baseline.
APP_FILES = ("dashboard.py", "pages", "observatory", "benchmarks", "sql", "data/demo",
             "data/reference", ".streamlit/config.toml")
BASELINE_SCRIPT = "baseline_dashboard.py"
HAPROXY_TEMPLATE = PROJECT_ROOT / "deploy" / "haproxy.cfg"
START_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_copy(folder: Path) -> Path:
    """Copy what `streamlit run` reads into `folder`, plus the baseline's router; return it."""
    for name in APP_FILES:
        source, target = PROJECT_ROOT / name, folder / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"),
                            dirs_exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    shutil.copyfile(Path(__file__).with_name(BASELINE_SCRIPT), folder / BASELINE_SCRIPT)
    # Streamlit serves static/ only if it exists at start (the outline files land there later).
    (folder / "static").mkdir(exist_ok=True)
    return folder


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def rss_mb(self) -> float:
        """Resident memory of the server process (and any child), MB."""
        process = psutil.Process(self.process.pid)
        total = process.memory_info().rss
        for child in process.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        return total / 1e6


def wait_ready(url: str, process: subprocess.Popen, log: Path, path: str) -> None:
    """Wait until `url + path` answers 200; raise with the log's end if the process stops or times out."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} s'est arrêté au démarrage :\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"pas de réponse de {url} en {START_TIMEOUT_S} s :\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def streamlit_server(app: Path, database: Path, script: str = "dashboard.py",
                     port: int | None = None, log_name: str | None = None,
                     base_path: str = "") -> Iterator[Server]:
    """Run `streamlit run <script>` from the app copy on `database`; stop it on exit.

    `base_path` serves the app under `/<base_path>/` (the writer behind the balancer: `gestion`).
    """
    port = port or free_port()
    log = app / (log_name or f"streamlit-{port}.log")
    env = {**{k: v for k, v in os.environ.items() if k != "OBSERVATORY_STATIC_DIR"},
           "OBSERVATORY_DB": str(database), "PYTHONUNBUFFERED": "1"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
             "--server.baseUrlPath", base_path],
            cwd=app, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else ""), process, log)
    try:
        wait_ready(server.url, process, log, "/_stcore/health")
        yield server
    finally:
        _stop(process)


def haproxy_binary() -> str | None:
    """Return Debian's haproxy, or None when it is not installed (`apt-get install haproxy`)."""
    return shutil.which("haproxy") or next(
        (path for path in ("/usr/sbin/haproxy",) if Path(path).is_file()), None)


def haproxy_config(port: int, replicas: list[str], writer: str | None = None) -> str:
    """Return deploy/haproxy.cfg with this machine's ports (the file the benchmark runs)."""
    servers = "\n".join(f"    server r{index} {address} check cookie r{index}"
                        for index, address in enumerate(replicas, start=1))
    text = HAPROXY_TEMPLATE.read_text(encoding="utf-8")
    return (text.replace("${BIND}", f"127.0.0.1:{port}")
                .replace("    ${REPLICAS}", servers)
                .replace("${WRITER}", writer or replicas[0]))


@contextlib.contextmanager
def haproxy(folder: Path, replicas: list[str], writer: str | None = None) -> Iterator[Server]:
    """Run HAProxy in front of `replicas` (host:port); stop it on exit."""
    binary = haproxy_binary()
    if binary is None:
        raise RuntimeError("HAProxy n'est pas installé : apt-get install -y haproxy")
    port = free_port()
    config = folder / f"haproxy-{port}.cfg"
    config.write_text(haproxy_config(port, replicas, writer), encoding="utf-8")
    log = folder / f"haproxy-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen([binary, "-db", "-f", str(config)], stdout=out,
                                   stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_ready(server.url, process, log, "/_stcore/health")
        yield server
    finally:
        _stop(process)
