"""What the assistant remembers about a shopper: preferences, each with the turn it came from."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

PreferenceKind = Literal["brand_like", "brand_avoid", "budget", "size", "diet", "household"]
"""Brands liked or avoided, a budget (overall or for a kind of product), a size (for a
kind of product), a dietary need or allergy, who the shopper shops for."""


class Preference(BaseModel):
    """One remembered preference, as the shopper stated it."""

    kind: PreferenceKind
    value: str = Field(description="The brand, size, diet or household fact ('Sony', '10.5').")
    subject: str | None = Field(
        default=None, description="What it applies to ('shoes' for a size), when said."
    )
    amount: float | None = Field(default=None, description="The budget's money (budget only).")
    said: str = Field(description="The shopper's words it was drawn from.")
    thread_id: str | None = Field(default=None, description="The thread of that turn.")
    run_id: str | None = Field(default=None, description="That turn's run id.")
    at: str | None = Field(default=None, description="When it was said (UTC, ISO 8601).")

    @property
    def key(self) -> str:
        """Its identity in the account's memory: a newer statement of the same replaces it.

        A brand is liked or avoided, not both, so both kinds share the brand's key; an
        account has one size and one budget per subject.
        """
        if self.kind in ("brand_like", "brand_avoid"):
            return f"brand:{self.value.lower()}"
        if self.kind in ("size", "budget"):
            return f"{self.kind}:{(self.subject or '').lower()}"
        return f"{self.kind}:{self.value.lower()}"

    def describe(self) -> str:
        """The preference in the assistant's words ("you avoid Oster")."""
        subject = f" for {self.subject}" if self.subject else ""
        match self.kind:
            case "brand_like":
                return f"you prefer {self.value}"
            case "brand_avoid":
                return f"you avoid {self.value}"
            case "budget":
                return f"your budget{subject} is ${self.amount:,.2f}".replace(".00", "")
            case "size":
                return f"you wear size {self.value}{subject}"
            case "diet":
                return f"you're {self.value}"
            case "household":
                return f"your household has {self.value}"
