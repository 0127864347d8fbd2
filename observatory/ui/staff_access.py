"""Who may use the Import page: OIDC sign-in when configured, else the staff password."""

from __future__ import annotations

import streamlit as st

from observatory import staff
from observatory.i18n import tr

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
        return str(st.user.get("email") or st.user.get("name") or "oidc")
    st.info(tr("Connectez-vous avec votre compte de l'observatoire pour importer des fichiers.",
               lang), icon=":material/lock:")
    st.button(tr("Se connecter", lang), on_click=st.login, key="staff.login")
    return None


def _password_user(lang: str) -> str | None:
    if st.session_state.get(_SIGNED_IN):
        return st.session_state[_SIGNED_IN]
    with st.form("staff.signin"):
        st.markdown(tr("Page réservée aux chargé·es d'études de l'observatoire.", lang))
        name = st.text_input(tr("Votre nom (inscrit dans l'historique des lots)", lang),
                             key="staff.name", max_chars=80)
        password = st.text_input(tr("Mot de passe", lang), type="password", key="staff.password")
        submitted = st.form_submit_button(tr("Entrer", lang))
    if submitted:
        if not name.strip():
            st.error(tr("Indiquez votre nom : il est inscrit dans l'historique de chaque lot.", lang))
        elif staff.verify_password(password, staff.stored_password_hash()):
            st.session_state[_SIGNED_IN] = name.strip()
            st.rerun()
        else:
            st.error(tr("Mot de passe incorrect.", lang))
    return None
