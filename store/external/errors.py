"""The error a mapper raises for a source line it cannot turn into feed records."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)


class ExternalFormatError(ValueError):
    """A source line that cannot be mapped, reported as ``file:line: reason``.

    Attributes:
        path: The source file.
        line: The 1-based line of ``path`` the problem is on.
        reason: What is wrong, naming the field where one is to blame.
    """

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


def describe_validation_error(error: ValidationError) -> str:
    """Summarize a pydantic error as ``field: message`` parts, naming every bad field."""
    parts = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"]) or "(record)"
        parts.append(f"{field}: {detail['msg']}")
    return "; ".join(parts)


def build_record(model: type[ModelT], data: Mapping[str, object], path: Path, line: int) -> ModelT:
    """Validate ``data`` as ``model``, turning a validation error into an ``ExternalFormatError``.

    Args:
        model: The feed record class to build.
        data: The mapped fields.
        path: The source file, for the error.
        line: The source line, for the error.

    Returns:
        The validated record.

    Raises:
        ExternalFormatError: If ``data`` does not validate; the reason names the fields.
    """
    try:
        return model.model_validate(data)
    except ValidationError as error:
        label = model.__name__.removesuffix("Record").lower()
        reason = f"{label} {data.get('id', '')}: {describe_validation_error(error)}"
        raise ExternalFormatError(path, line, reason.replace("  ", " ")) from error
