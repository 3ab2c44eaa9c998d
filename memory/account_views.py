"""What the account store answers with, and the errors it raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Rating = Literal["up", "down"]
"""A shopper's rating of one answer."""


class AccountError(ValueError):
    """A request the account store refuses; the message names the problem."""


class AccountExistsError(AccountError):
    """An account with that name already exists."""


class ThreadOwnedError(AccountError):
    """The thread belongs to another account."""


class Account(BaseModel):
    """A shopper's account (never its key)."""

    model_config = ConfigDict(frozen=True)

    id: str
    """``acct_`` and 16 hex characters."""
    name: str
    demo: bool
    """The shared account of the local demo page, reached by a browser session only."""
    created_at: dt.datetime
    """Naive UTC."""

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> Account:
        """The account of an ``accounts`` row (its key hash left behind)."""
        return cls.model_validate({name: row[name] for name in cls.model_fields})


class ThreadRecord(BaseModel):
    """A conversation thread an account owns."""

    model_config = ConfigDict(frozen=True)

    thread_id: str
    title: str
    """The first message, cut to 80 characters."""
    created_at: dt.datetime
    updated_at: dt.datetime
    """When the thread's last turn ran (naive UTC)."""


class FeedbackRecord(BaseModel):
    """A rating of one answer (one graph run) of a thread."""

    model_config = ConfigDict(frozen=True)

    id: int
    account_id: str
    thread_id: str
    run_id: str
    rating: Rating
    comment: str | None
    created_at: dt.datetime
