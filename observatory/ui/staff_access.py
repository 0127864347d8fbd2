"""Who may use the Import page: OIDC sign-in when configured, else the staff password."""

from __future__ import annotations

import math
import time

import streamlit as st

from observatory import staff
from observatory.errors import ConfigurationError
from observatory.i18n import tr
from observatory.signin_guard import GUARD

_SIGNED_IN = "_staff_user"


def staff_user(lang: str) -> str | None:
    """Return the signed-in staff member's name, or render the sign-in and return None."""
    mode = staff.access_mode()
    if mode == "none":
        st.info(tr(
            "L'import est réservé aux chargé·es d'études, et aucun accès n'est configuré : "
            "définissez un fournisseur d'identité (section [auth] de .streamlit/secrets.toml) ou "
            "un mot de passe (réglage OBSERVATORY_STAFF_PASSWORD_HASH, créé avec « python -m "
            "observatory hash-password »). Aucun fichier n'est accepté d'ici là.", lang),
            icon=":material/lock:")
        return None
    if mode == "oidc":
        return _oidc_user(lang)
    return _password_user(lang)


def _oidc_user(lang: str) -> str | None:
    # `.get`: st.user has no `is_logged_in` when Streamlit itself found no [auth] section
    # (for instance started from another folder than the project's).
    if st.user.get("is_logged_in"):
        return _listed_oidc_user(lang)
    st.info(tr("Connectez-vous avec votre compte de l'observatoire pour importer des fichiers.",
               lang), icon=":material/lock:")
    st.button(tr("Se connecter", lang), on_click=st.login, key="staff.login")
    return None


def _listed_oidc_user(lang: str) -> str | None:
    """Return the account's address when OBSERVATORY_STAFF_EMAILS lists it, else say why not."""
    email = str(st.user.get("email") or "")
    if not staff.staff_email_rules():
        reason = tr("aucune adresse n'est encore autorisée : la liste OBSERVATORY_STAFF_EMAILS "
                    "est vide. Demandez à l'administrateur d'y ajouter votre adresse ou votre "
                    "domaine (@exemple.fr).", lang)
    elif not email:
        reason = tr("votre fournisseur d'identité ne transmet pas d'adresse électronique.", lang)
    elif st.user.get("email_verified") is False:
        reason = tr("votre fournisseur d'identité indique que cette adresse n'est pas vérifiée.",
                    lang)
    elif not staff.staff_email_allowed(email):
        reason = tr("cette adresse n'est pas dans la liste OBSERVATORY_STAFF_EMAILS. Demandez à "
                    "l'administrateur de l'y ajouter.", lang)
    else:
        return email[:staff.USER_NAME_MAX_CHARS]
    st.error(tr("Accès refusé à la page Import : {reason}", lang, reason=reason),
             icon=":material/block:")
    # The address comes from the identity provider: shown as plain text.
    st.text(tr("Compte connecté : {email}", lang, email=email or "?"))
    st.button(tr("Se déconnecter", lang), on_click=st.logout, key="staff.logout")
    return None


def _password_user(lang: str) -> str | None:
    if st.session_state.get(_SIGNED_IN):
        return st.session_state[_SIGNED_IN]
    with st.form("staff.signin"):
        st.markdown(tr("Page réservée aux chargé·es d'études de l'observatoire.", lang))
        name = st.text_input(tr("Votre nom (inscrit dans l'historique des lots)", lang),
                             key="staff.name",
                             max_chars=staff.USER_NAME_MAX_CHARS)
        password = st.text_input(tr("Mot de passe", lang), type="password", key="staff.password")
        submitted = st.form_submit_button(tr("Entrer", lang))
    if submitted:
        _sign_in(staff.clean_user_name(name), password, lang)
    return None


def _sign_in(name: str, password: str, lang: str) -> None:
    """Check the name, the lock-out, then the password; sign in or show why not."""
    if not name:
        st.error(tr("Indiquez votre nom : il est inscrit dans l'historique de chaque lot.", lang))
        return
    if len(name) > staff.USER_NAME_MAX_CHARS:
        st.error(tr("Votre nom compte {n} caractères : {max} au plus.", lang, n=len(name),
                    max=staff.USER_NAME_MAX_CHARS))
        return
    locked_until = GUARD.retry_at(name)
    if locked_until is not None:
        _show_lock(locked_until, lang)
        return
    try:
        accepted = staff.verify_password(password, staff.stored_password_hash())
    except ConfigurationError:
        # A malformed hash: the setting is at fault, not the person signing in.
        st.error(tr("La connexion est impossible : le mot de passe configuré sur le serveur est "
                    "mal formé. Demandez à l'administrateur de régénérer "
                    "OBSERVATORY_STAFF_PASSWORD_HASH avec « python -m observatory "
                    "hash-password ».", lang), icon=":material/error:")
        return
    if accepted:
        GUARD.succeeded(name)
        st.session_state[_SIGNED_IN] = name
        st.rerun()
    locked_until = GUARD.failed(name)
    if locked_until is None:
        st.error(tr("Mot de passe incorrect.", lang))
    else:
        _show_lock(locked_until, lang)


def _show_lock(locked_until: float, lang: str) -> None:
    wait_s = max(1, math.ceil(locked_until - GUARD.clock()))
    st.error(tr("Trop d'essais infructueux : la connexion est bloquée. Réessayez dans {s} s "
                "(à {time}).", lang, s=wait_s,
                time=time.strftime("%H:%M:%S", time.localtime(locked_until))),
             icon=":material/lock_clock:")
