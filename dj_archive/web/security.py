"""Who may use the web app: passwords hashed with scrypt, a login check, CSRF tokens,
and which hosts count as loopback.

>>> h = hash_password("档案室2024", salt=b"0123456789abcdef")
>>> h.startswith("scrypt$16384$8$1$"), verify_password("档案室2024", h), verify_password("x", h)
(True, True, False)
>>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
(True, True, True, False)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import secrets
from pathlib import Path

from ..errors import ConfigError
from ..i18n import N_

__all__ = [
    "hash_password",
    "verify_password",
    "is_loopback",
    "load_password_hash",
    "csrf_token",
    "check_csrf",
    "PASSWORD_ENV",
]

#: Environment variable holding the password (or its scrypt hash) when no --password-file is given.
PASSWORD_ENV = "DJ_ARCHIVE_PASSWORD"
_N, _R, _P = 16384, 8, 1  # scrypt cost: ~50 ms and 16 MB per check


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64) of ``password``; only this is kept in memory."""
    salt = salt or os.urandom(16)
    dk = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 1024 * 1024, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(dk)}"


def verify_password(password: str, stored: str) -> bool:
    """True if ``password`` matches the ``scrypt$...`` hash ``stored`` (constant-time compare)."""
    try:
        kind, n, r, p, salt, want = stored.split("$")
        if kind != "scrypt":
            return False
        dk = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
            dklen=len(base64.b64decode(want)),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(dk, base64.b64decode(want))


def load_password_hash(password_file=None, environ=None) -> str | None:
    """The scrypt hash of the password in ``password_file`` (first line) or in
    ``$DJ_ARCHIVE_PASSWORD``; either may already hold a ``scrypt$...`` hash. None if neither
    is given. An empty password is refused."""
    environ = os.environ if environ is None else environ
    if password_file:
        try:
            lines = Path(password_file).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                N_("cannot read the password file {password_file}: {exc}").format(password_file=password_file, exc=exc)
            ) from None
        raw = lines[0].strip() if lines else ""
        where = N_("the password file {path}").format(path=password_file)
    elif environ.get(PASSWORD_ENV):
        raw, where = environ[PASSWORD_ENV].strip(), f"${PASSWORD_ENV}"
    else:
        return None
    if not raw:
        raise ConfigError(N_("{where} holds an empty password").format(where=where))
    return raw if raw.startswith("scrypt$") else hash_password(raw)


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the app on this machine."""
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def csrf_token(session: dict) -> str:
    """The session's CSRF token (created on first use); every writing form carries it."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf(session: dict, sent: str | None) -> bool:
    """True if ``sent`` is this session's CSRF token."""
    want = session.get("csrf")
    return bool(want and sent and hmac.compare_digest(str(want), str(sent)))
