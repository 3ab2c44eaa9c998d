"""Loose source values: Python-literal strings, numbers written as text."""

from __future__ import annotations

import ast
import math


class LiteralFormatError(ValueError):
    """A field holds text that should be a literal but does not parse."""


def parse_literal(value: object) -> object:
    """Return ``value``, parsing a string that holds a Python/JSON list or dict literal.

    Scraped datasets often store ``"['Hobbies', 'Trains']"`` where a list belongs. Only
    literals are parsed (``ast.literal_eval``), never code.

    Raises:
        LiteralFormatError: If the string looks like a list or dict but does not parse.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text.startswith(("[", "{")):
        return value
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError) as error:
        raise LiteralFormatError(f"unparseable literal {text[:40]!r}") from error


def parse_number(value: object) -> float | None:
    """Return ``value`` as a finite float (``"£1,234.50"`` -> ``1234.5``), or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().lstrip("£$€").replace(",", ""))
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def clean_text(value: object) -> str:
    """Return ``value`` as stripped text; ``None``, NaN and non-text become ``""``."""
    return value.strip() if isinstance(value, str) else ""
