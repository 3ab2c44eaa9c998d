"""Account secrets: API keys and session tokens are made here and only their hash is kept."""

from __future__ import annotations

import hashlib
import re
import secrets

KEY_PREFIX = "sg_"
_SECRET = re.compile(r"[A-Za-z0-9_-]{16,128}")
_KEY = re.compile(re.escape(KEY_PREFIX) + _SECRET.pattern)


def new_account_id() -> str:
    """A fresh account id: ``acct_`` and 16 hex characters."""
    return "acct_" + secrets.token_hex(8)


def new_api_key() -> str:
    """A fresh API key, shown to its owner once."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def new_session_token() -> str:
    """A fresh browser session token (the cookie's value)."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """The sha256 hex digest under which a key or token is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def is_api_key(value: object) -> bool:
    """Whether ``value`` has the shape of an API key (checked before any lookup)."""
    return isinstance(value, str) and _KEY.fullmatch(value) is not None


def is_session_token(value: object) -> bool:
    """Whether ``value`` has the shape of a session token."""
    return isinstance(value, str) and _SECRET.fullmatch(value) is not None
