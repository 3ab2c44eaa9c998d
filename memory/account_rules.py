"""What the account store accepts: account names, ids, titles, ratings and comments.

Both backends must refuse the same values, so limits are checked here: PostgreSQL would
reject an over-long id with a ``DataError`` that SQLite never raises.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, select

from memory.account_views import AccountError, Rating
from memory.schema import accounts

DEMO_NAME = "demo"
"""Name of the shared demo account; no one else may take it."""
NAME_CHARS = 64
ID_CHARS = 128
TITLE_CHARS = 80
COMMENT_CHARS = 2000
RATINGS: tuple[Rating, ...] = ("up", "down")
_NAME = re.compile(r"[A-Za-z0-9._-]+")


def check_account_name(name: str) -> str:
    """``name`` if it can name a new account, else ``AccountError`` saying why not."""
    if not 1 <= len(name) <= NAME_CHARS:
        raise AccountError(f"an account name has 1 to {NAME_CHARS} characters (got {len(name)})")
    if _NAME.fullmatch(name) is None:
        raise AccountError(
            f"account name {name!r}: use only ASCII letters, digits, '-', '_' and '.'"
        )
    if name.lower() == DEMO_NAME:
        raise AccountError(f"the name {DEMO_NAME!r} is reserved for the demo account")
    return name


def check_id(what: str, value: str) -> str:
    """``value`` if it can be a thread or run id (1 to 128 characters)."""
    if not 1 <= len(value) <= ID_CHARS:
        raise AccountError(f"a {what} has 1 to {ID_CHARS} characters (got {len(value)})")
    return value


def thread_title(message: str) -> str:
    """A thread's title from its first message: one line, at most 80 characters."""
    return " ".join(message.split())[:TITLE_CHARS]


def check_rating(rating: str) -> Rating:
    """``rating`` if it is ``up`` or ``down``."""
    if rating not in RATINGS:
        raise AccountError(f"a rating is 'up' or 'down' (got {rating!r})")
    return rating


def feedback_comment(comment: str | None) -> str | None:
    """The comment to store (``None`` when blank); at most 2000 characters."""
    comment = comment.strip() if comment is not None else None
    if comment and len(comment) > COMMENT_CHARS:
        raise AccountError(f"a comment has at most {COMMENT_CHARS} characters (got {len(comment)})")
    return comment or None


def require_account(conn: Connection, account_id: str) -> None:
    """``AccountError`` unless the account exists."""
    # Checked here rather than left to the foreign key: SQLite enforces those only on
    # engines that turned them on.
    if conn.execute(select(accounts.c.id).where(accounts.c.id == account_id)).first() is None:
        raise AccountError(f"no account with id {account_id!r}")
