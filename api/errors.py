"""Every refused request answers ``{"detail": "<reason>"}``: one shape, a reason in words."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


def validation_reason(error: RequestValidationError) -> str:
    """``where: what`` for each problem, e.g. ``body.message: Field required``."""
    problems = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem.get("loc", ()))
        message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
        problems.append(f"{where}: {message}" if where else message)
    return "; ".join(dict.fromkeys(problems)) or "the request is not valid"


def add_error_handlers(app: FastAPI) -> None:
    """Answer bad requests (malformed JSON, missing fields...) with a 422 and a reason."""

    async def invalid(_request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        return JSONResponse({"detail": validation_reason(error)}, status_code=422)

    app.add_exception_handler(RequestValidationError, invalid)
