"""Sign-in lock-out: after 5 consecutive failures, refuse for 30 s, doubling each time.

The counts live in the server process (one store for every session and tab), keyed by
the normalised name. The staff password is shared and the name is free text, so the
failures of every name also add up under one extra key with a higher threshold: changing
the name at each try does not escape the lock-out. The clock is injectable for tests.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

FAILURES_BEFORE_LOCK = 5
ALL_NAMES_FAILURES_BEFORE_LOCK = 20
FIRST_LOCK_S = 30.0
LONGEST_LOCK_S = 24 * 3600.0
_ALL_NAMES = "every name"
_MAX_NAMES = 10_000


def normalised_name(name: str) -> str:
    """Return the key of a sign-in name: NFKC, case-folded, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _keys(name: str) -> tuple[str, str]:
    return "name:" + normalised_name(name), _ALL_NAMES


@dataclass
class _Entry:
    failures: int = 0
    locked_until: float = 0.0


class SignInGuard:
    """Thread-safe failure counts per name; `retry_at` says until when a name is refused."""

    def __init__(self, clock: Callable[[], float] = time.time):
        self.clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    def retry_at(self, name: str) -> float | None:
        """Return the time (clock seconds) before which `name` may not sign in, or None."""
        now = self.clock()
        with self._lock:
            until = max((entry.locked_until for entry in self._entries_of(name, create=False)),
                        default=0.0)
        return until if until > now else None

    def failed(self, name: str) -> float | None:
        """Count a wrong password for `name`; return the end of the lock it starts, if any."""
        now = self.clock()
        with self._lock:
            for entry, threshold in zip(self._entries_of(name, create=True),
                                        (FAILURES_BEFORE_LOCK, ALL_NAMES_FAILURES_BEFORE_LOCK),
                                        strict=True):
                entry.failures += 1
                if entry.failures >= threshold:
                    doublings = min(entry.failures - threshold, 32)
                    entry.locked_until = now + min(FIRST_LOCK_S * 2 ** doublings, LONGEST_LOCK_S)
            self._forget_oldest()
        return self.retry_at(name)

    def succeeded(self, name: str) -> None:
        """Forget the failures of `name` (and of every name: the right password was given)."""
        with self._lock:
            for key in _keys(name):
                self._entries.pop(key, None)

    def reset(self) -> None:
        """Forget every count (tests; a restart of the server does the same)."""
        with self._lock:
            self._entries.clear()

    def _entries_of(self, name: str, create: bool) -> list[_Entry]:
        entries = []
        for key in _keys(name):
            entry = self._entries.get(key)
            if entry is None and create:
                entry = self._entries[key] = _Entry()
            if entry is not None:
                self._entries.move_to_end(key)
                entries.append(entry)
        return entries

    def _forget_oldest(self) -> None:
        # Bounded memory when every try uses a new name; the every-name key keeps counting.
        while len(self._entries) > _MAX_NAMES:
            oldest = next(key for key in self._entries if key != _ALL_NAMES)
            del self._entries[oldest]


GUARD = SignInGuard()
