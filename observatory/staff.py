"""Staff access to the Import page: OIDC when configured, else a hashed password.

The password is kept as `scrypt$<salt hex>$<hash hex>` and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import cache

from observatory import settings, textsafety
from observatory.errors import ConfigurationError

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
# The name recorded in the batch history (sign-in form and `--user`).
USER_NAME_MAX_CHARS = 80


def hash_password(password: str, salt: bytes | None = None) -> str:
    """Return the storable `scrypt$salt$hash` form of a password."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Return True when `password` matches the stored `scrypt$salt$hash` (constant time)."""
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
    except ValueError:
        raise ConfigurationError(
            "Le réglage OBSERVATORY_STAFF_PASSWORD_HASH est mal formé : "
            "régénérez-le avec « python -m observatory hash-password »."
        ) from None
    if scheme != "scrypt":
        raise ConfigurationError("Seul le format scrypt$… est accepté pour le mot de passe.")
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return hmac.compare_digest(digest, expected)


@cache
def _hash_of_plain(password: str) -> str:
    return hash_password(password)


def stored_password_hash() -> str | None:
    """Return the configured password hash (a plain password is hashed in memory), or None."""
    stored = settings.get("OBSERVATORY_STAFF_PASSWORD_HASH")
    if stored:
        return stored
    plain = settings.get("OBSERVATORY_STAFF_PASSWORD")
    return _hash_of_plain(plain) if plain else None


def oidc_configured() -> bool:
    """Return True when `.streamlit/secrets.toml` has an `[auth]` section for st.login."""
    auth = settings.secrets_table("auth")
    return bool(auth.get("redirect_uri") and auth.get("cookie_secret"))


def access_mode() -> str:
    """Return `oidc`, `password` or `none` (no credential configured: uploads refused)."""
    if oidc_configured():
        return "oidc"
    return "password" if stored_password_hash() else "none"


def clean_user_name(name: str) -> str:
    """Return a name as recorded in the batch history: inner whitespace collapsed, stripped,
    bidirectional controls removed.

    Callers refuse an empty result and one longer than USER_NAME_MAX_CHARS (a browser's
    `max_chars` is only a hint: the server checks again).
    """
    return " ".join(textsafety.strip_bidi(name).split())


def staff_email_rules() -> tuple[str, ...]:
    """Return OBSERVATORY_STAFF_EMAILS as lower-case addresses and `@domain` entries."""
    raw = settings.get("OBSERVATORY_STAFF_EMAILS")
    return tuple(dict.fromkeys(item.strip().lower() for item in raw.split(",") if item.strip()))


def staff_email_allowed(email: str | None) -> bool:
    """Return True when an OIDC account's address is listed, itself or by its `@domain`."""
    address = (email or "").strip().lower()
    if address.count("@") != 1 or address.startswith("@") or address.endswith("@"):
        return False
    domain = address[address.index("@"):]
    return any(rule in (address, domain) for rule in staff_email_rules())
