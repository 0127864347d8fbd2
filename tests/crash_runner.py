"""Runs `python -m observatory` commands in forked processes and kills them with SIGKILL.

`python -m tests.crash_runner` imports the command line once, then for each JSON line on
stdin — {"args": [...], "kill": "never" | "after" | "commit" | "copy", "delay_s": s} —
forks a process running `cli.main(args)`, waits until that process holds the working
database (its PENDING marker appears), then kills it `delay_s` seconds later ("after"),
`delay_s` seconds after DuckDB starts writing its first commit to the write-ahead log
(`<db>.wal`, "commit"), or as soon as a partial snapshot copy appears ("copy"). It answers one JSON line:
the exit code (-9 when killed) and the seconds the command held the database. Forking saves
each command the second of Python and pandas start-up, so twenty kills fit in the test's
time. The runner itself never opens a database (forking a process that did is unsafe).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback

from observatory import cli, db, settings


def _command(args: list[str]) -> int:
    """Fork a process running the command line; return its pid."""
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            code = cli.main(args)
        except BaseException:  # noqa: BLE001 - reported on stderr, the test reads it
            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


def _exited(pid: int) -> int | None:
    done, status = os.waitpid(pid, os.WNOHANG)
    return os.waitstatus_to_exitcode(status) if done else None


def run(order: dict) -> dict:
    database = settings.database_path()
    folder = db.snapshot_dir(database)
    pid = _command(order["args"])
    code = None
    while code is None and not db.publication_pending(database):
        time.sleep(0.002)
        code = _exited(pid)
    held = time.monotonic()
    signs = {"commit": lambda: os.path.exists(f"{database}.wal"),
             "copy": lambda: any(name.endswith(".partial") for name in os.listdir(folder))}
    if code is None and order["kill"] in signs:
        while (code := _exited(pid)) is None and not signs[order["kill"]]():
            time.sleep(0.0005)
    if code is None and order["kill"] != "never":
        time.sleep(order.get("delay_s", 0))
        os.kill(pid, signal.SIGKILL)
    if code is None:
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    return {"code": code, "write_s": time.monotonic() - held}


def main() -> None:
    for line in sys.stdin:
        print(json.dumps(run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
