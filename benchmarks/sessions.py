"""Many simulated sessions at once against one URL: latencies, throughput, errors, memory per session."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks import scenario
from benchmarks.streamlit_client import TRANSPORT_ERRORS, Session

IDLE_SETTLE_S = 2.0
# The machine is shared: a server above this RSS is stopped (the baseline copies its tables
# into every concurrent run and would exhaust the memory), and the stage says so.
RSS_CAP_MB = 8000.0


class MemoryCapExceeded(RuntimeError):
    """The server went over RSS_CAP_MB and was stopped."""


@dataclass
class StageResult:
    n: int
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    bytes: list[int] = field(default_factory=list)
    duration_s: float = 0.0
    rss_mb_per_session: float | None = None
    stopped: str | None = None

    def to_json(self) -> dict:
        ordered = sorted(self.seconds)
        return {"n": self.n, "p50_s": _quantile(ordered, 0.50), "p95_s": _quantile(ordered, 0.95),
                "runs_per_s": round(len(ordered) / self.duration_s, 2) if self.duration_s else None,
                "errors": len(self.errors) if ordered or self.errors or not self.stopped else None,
                "rss_mb_per_session": self.rss_mb_per_session,
                "runs": len(ordered), "max_s": round(ordered[-1], 3) if ordered else None,
                "kb_per_run": round(statistics.mean(self.bytes) / 1e3, 1) if self.bytes else None,
                "error_samples": sorted(set(self.errors))[:5], "stopped": self.stopped}


def _quantile(ordered: list[float], q: float) -> float | None:
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 3)


async def _visitor(url: str, cat: scenario.Catalogue, seed: int, delay_s: float, think_s: float,
                   deadline: float, result: StageResult, sessions: list[Session]) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(delay_s)
    session = Session(url)
    sessions.append(session)
    shared = scenario.shared_view(cat)
    try:
        first = await session.open("/" + shared.path, shared.query)
    except TRANSPORT_ERRORS as error:  # refused connection, handshake timeout: the visitor saw an error
        result.errors.append(f"open: {type(error).__name__}: {error}")
        return
    _record(result, first)
    while time.monotonic() < deadline:
        if think_s:
            await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
            if time.monotonic() >= deadline:
                break
        view = scenario.next_view(cat, rng)
        _record(result, await session.rerun("/" + view.path, view.query))
        if not session.connected:  # the server went away: one error, not one per retry
            break


def _record(result: StageResult, run) -> None:
    if run.error:
        result.errors.append(run.error)
    else:
        result.seconds.append(run.seconds)
        result.bytes.append(run.bytes)


async def _watch_memory(rss_mb: Callable[[], float], stop: Callable[[], None],
                        result: StageResult) -> None:
    while True:
        await asyncio.sleep(0.5)
        rss = rss_mb()
        if rss > RSS_CAP_MB:
            result.stopped = f"server RSS {rss:,.0f} MB > {RSS_CAP_MB:,.0f} MB: stopped"
            stop()
            return


async def run_stage(url: str, cat: scenario.Catalogue, n: int, think_s: float, duration_s: float,
                    rss_mb: Callable[[], float] | None = None, seed: int = 0,
                    stop_server: Callable[[], None] | None = None) -> StageResult:
    """Run `n` visitors for `duration_s` (arrivals spread over one think time); then, all of them
    connected and idle, the server's RSS above `rss_mb()` before the stage, per session.

    With `stop_server`, a server going over RSS_CAP_MB is stopped (`result.stopped` says so)."""
    result = StageResult(n)
    before = rss_mb() if rss_mb else None
    sessions: list[Session] = []
    started = time.monotonic()
    deadline = started + duration_s
    spread = think_s or 0.0
    watchdog = (asyncio.create_task(_watch_memory(rss_mb, stop_server, result))
                if rss_mb and stop_server else None)
    try:
        await asyncio.gather(*(
            _visitor(url, cat, seed * 1000 + index, spread * index / n, think_s, deadline,
                     result, sessions) for index in range(n)))
        result.duration_s = max(duration_s, time.monotonic() - started)
        if rss_mb and not result.stopped:
            await asyncio.sleep(IDLE_SETTLE_S)
            result.rss_mb_per_session = round(max(0.0, rss_mb() - before) / n, 2)
    finally:
        if watchdog:
            watchdog.cancel()
        await asyncio.gather(*(session.close() for session in sessions), return_exceptions=True)
    return result


async def warm_up(url: str, cat: scenario.Catalogue) -> None:
    """Open every page of the mix once (imports and shared caches warm, as on a running server)."""
    session = Session(url)
    shared = scenario.shared_view(cat)
    try:
        await session.open("/" + shared.path, shared.query)
        rng = random.Random(-1)
        for page in scenario.PAGE_MIX:
            view = scenario.next_view(cat, rng)
            while view.path != page:
                view = scenario.next_view(cat, rng)
            await session.rerun("/" + page, view.query)
    finally:
        await session.close()


async def idle_rss_per_session(url: str, cat: scenario.Catalogue, n: int,
                               rss_mb: Callable[[], float]) -> float:
    """Return MB of server RSS per idle session: `n` visitors open the shared link and stay."""
    before = rss_mb()
    sessions = [Session(url) for _ in range(n)]
    shared = scenario.shared_view(cat)
    try:
        for session in sessions:
            await session.open("/" + shared.path, shared.query)
        await asyncio.sleep(IDLE_SETTLE_S)
        return round(max(0.0, rss_mb() - before) / n, 2)
    finally:
        await asyncio.gather(*(session.close() for session in sessions), return_exceptions=True)
