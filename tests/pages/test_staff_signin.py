"""Signing in to the Import page: lock-out across sessions, malformed hash, name length, OIDC list."""

from __future__ import annotations

import pytest
from streamlit.elements.widgets import text_widgets

from observatory import staff
from observatory.signin_guard import GUARD
from tests.pages.conftest import page_test, texts

PASSWORD = "mot de passe de test"


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(GUARD, "clock", fake)
    return fake


def try_sign_in(name: str, password: str, app=None):
    app = app or page_test("pages/import.py").run()
    app.text_input(key="staff.name").set_value(name)
    app.text_input(key="staff.password").set_value(password)
    app.form_submit_button[0].click().run()
    assert not app.exception
    return app


def errors(app) -> list[str]:
    return [error.value for error in app.error]


def test_five_failures_lock_the_name_in_every_session_until_the_delay_passes(
        demo_env, monkeypatch, clock):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = None
    for _ in range(4):
        app = try_sign_in("Camille", "faux", app)
        assert errors(app) == ["Mot de passe incorrect."]
    app = try_sign_in("Camille", "faux", app)
    assert len(errors(app)) == 1 and "Réessayez dans 30 s" in errors(app)[0]
    # Another tab (a new session) with the right password is refused too, the name respelled.
    other = try_sign_in("  CAMILLE ", PASSWORD)
    assert len(errors(other)) == 1 and "Réessayez dans 30 s" in errors(other)[0]
    assert not other.get("file_uploader") and "staff.name" in [w.key for w in other.text_input]
    clock.now += 20
    assert "Réessayez dans 10 s" in errors(try_sign_in("Camille", PASSWORD))[0]
    clock.now += 10
    signed_in = try_sign_in("Camille", PASSWORD)
    assert errors(signed_in) == []
    assert "Connecté·e : Camille" in texts(signed_in)
    # The success reset the count: four failures later the name is still not locked.
    for _ in range(4):
        assert errors(try_sign_in("Camille", "faux")) == ["Mot de passe incorrect."]


def test_the_second_lock_lasts_twice_as_long(demo_env, monkeypatch, clock):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    app = None
    for _ in range(5):
        app = try_sign_in("Dominique", "faux", app)
    clock.now += 30
    app = try_sign_in("Dominique", "faux", app)
    assert "Réessayez dans 60 s" in errors(app)[0]


def test_a_malformed_password_hash_is_explained_in_french(demo_env, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD_HASH", "scrypt$pas-de-l-hexa")
    app = try_sign_in("Camille", "n'importe lequel")
    assert not app.exception
    assert len(errors(app)) == 1
    assert errors(app)[0].startswith("La connexion est impossible : le mot de passe configuré "
                                     "sur le serveur est mal formé.")
    assert not app.get("file_uploader")


def test_a_name_over_80_characters_is_refused_by_the_server(demo_env, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    # Streamlit 1.67 cuts a text_input's value to max_chars itself: a forged 250-character
    # name signs in as its first 80 characters.
    app = try_sign_in("x" * 250, PASSWORD)
    assert "Connecté·e : " + "x" * 80 + "\n" in texts(app) + "\n"
    # Without that cut (older Streamlit, the case), the page's own check refuses it.
    monkeypatch.setattr(text_widgets.TextInputSerde, "deserialize",
                        lambda serde, ui_value: serde.value if ui_value is None else ui_value)
    app = try_sign_in("x" * 250, PASSWORD)
    assert errors(app) == ["Votre nom compte 250 caractères : 80 au plus."]
    assert not app.get("file_uploader")
    accepted = try_sign_in("  Camille   Le   Goff ", PASSWORD)
    assert "Connecté·e : Camille Le Goff" in texts(accepted)


def oidc_app(monkeypatch, staff_emails: str, user: dict):
    monkeypatch.setattr(staff, "oidc_configured", lambda: True)
    monkeypatch.setenv("OBSERVATORY_STAFF_EMAILS", staff_emails)
    app = page_test("pages/import.py")
    app.user = user
    app.run()
    assert not app.exception
    return app


@pytest.mark.parametrize(("staff_emails", "email", "allowed"), [
    ("camille@region-bretagne.fr", "Camille@Region-Bretagne.fr", True),
    ("autre@region-bretagne.fr, @observatoire.bzh", "dominique@observatoire.bzh", True),
    ("@observatoire.bzh", "intrus@gmail.com", False),
    ("", "camille@region-bretagne.fr", False),
])
def test_oidc_accounts_need_to_be_listed(demo_env, monkeypatch, staff_emails, email, allowed):
    app = oidc_app(monkeypatch, staff_emails,
                   {"is_logged_in": True, "email": email, "email_verified": True})
    assert bool(app.get("file_uploader")) is allowed
    if allowed:
        assert f"Connecté·e : {email}" in texts(app)
        assert errors(app) == []
    else:
        reason = ("la liste OBSERVATORY_STAFF_EMAILS est vide" if not staff_emails
                  else "cette adresse n'est pas dans la liste OBSERVATORY_STAFF_EMAILS")
        assert len(errors(app)) == 1 and errors(app)[0].startswith("Accès refusé à la page Import")
        assert reason in errors(app)[0]
        assert [text.value for text in app.text] == [f"Compte connecté : {email}"]
        assert [button.key for button in app.button] == ["staff.logout"]


def test_an_unverified_oidc_address_is_refused(demo_env, monkeypatch):
    app = oidc_app(monkeypatch, "@observatoire.bzh",
                   {"is_logged_in": True, "email": "camille@observatoire.bzh",
                    "email_verified": False})
    assert not app.get("file_uploader")
    assert "n'est pas vérifiée" in errors(app)[0]


def test_a_signed_out_oidc_visitor_sees_the_sign_in_button(demo_env, monkeypatch):
    app = oidc_app(monkeypatch, "@observatoire.bzh", {"is_logged_in": False})
    assert not app.get("file_uploader")
    assert [button.key for button in app.button] == ["staff.login"]
