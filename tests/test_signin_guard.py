"""The sign-in lock-out and the OIDC allow-list, without Streamlit."""

from __future__ import annotations

import threading

from observatory import signin_guard, staff
from observatory.signin_guard import SignInGuard


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_five_failures_lock_the_name_for_30_s_then_60_s_then_120_s():
    clock = Clock()
    guard = SignInGuard(clock)
    for _ in range(4):
        assert guard.failed("Camille") is None
    assert guard.failed("Camille") == clock.now + 30
    clock.now += 29.5
    assert guard.retry_at("Camille") == clock.now + 0.5
    clock.now += 0.5
    assert guard.retry_at("Camille") is None
    assert guard.failed("Camille") == clock.now + 60
    clock.now += 60
    assert guard.failed("Camille") == clock.now + 120


def test_the_name_is_normalised_and_other_names_are_not_locked():
    clock = Clock()
    guard = SignInGuard(clock)
    for spelling in ("Camille", "camille", " CAMILLE ", "Ｃamille", "camille"):
        guard.failed(spelling)
    assert guard.retry_at("camille") == clock.now + 30
    assert guard.retry_at("Dominique") is None


def test_a_success_resets_the_count():
    guard = SignInGuard(Clock())
    for _ in range(4):
        guard.failed("Camille")
    guard.succeeded("Camille")
    for _ in range(4):
        assert guard.failed("Camille") is None


def test_a_new_name_at_every_try_still_ends_locked():
    clock = Clock()
    guard = SignInGuard(clock)
    for attempt in range(signin_guard.ALL_NAMES_FAILURES_BEFORE_LOCK - 1):
        assert guard.failed(f"nom {attempt}") is None
    assert guard.failed("encore un autre") == clock.now + 30
    assert guard.retry_at("personne encore vue") == clock.now + 30


def test_the_lock_never_exceeds_a_day():
    clock = Clock()
    guard = SignInGuard(clock)
    for _ in range(200):
        until = guard.failed("Camille")
    assert until == clock.now + signin_guard.LONGEST_LOCK_S


def test_concurrent_failures_are_all_counted():
    guard = SignInGuard(Clock())
    barrier = threading.Barrier(4)

    def fail_four_times():
        barrier.wait()
        for _ in range(4):
            guard.failed("Camille")

    threads = [threading.Thread(target=fail_four_times) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 16 failures: the 5th locks for 30 s, each next one doubles: 30 × 2¹¹.
    assert guard.retry_at("Camille") == guard.clock() + 30 * 2 ** 11
    guard.reset()
    assert guard.retry_at("Camille") is None


def test_staff_emails_match_addresses_and_domains_case_insensitively(monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_EMAILS",
                       " Camille.Martin@Region-Bretagne.fr , @observatoire.bzh,,")
    assert staff.staff_email_rules() == ("camille.martin@region-bretagne.fr", "@observatoire.bzh")
    assert staff.staff_email_allowed("camille.martin@region-bretagne.FR")
    assert staff.staff_email_allowed("quiconque@OBSERVATOIRE.bzh")
    assert not staff.staff_email_allowed("autre@region-bretagne.fr")
    assert not staff.staff_email_allowed("x@sous.observatoire.bzh")
    assert not staff.staff_email_allowed("x@observatoire.bzh@evil.example")
    assert not staff.staff_email_allowed("@observatoire.bzh")
    assert not staff.staff_email_allowed(None)


def test_an_empty_staff_list_allows_nobody(monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_EMAILS", "")
    assert not staff.staff_email_allowed("camille@observatoire.bzh")
