"""Typed dependencies of the routes: the backend and the signed-in account."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.backend import Backend
from memory.accounts import Account

SESSION_COOKIE = "shopgraph_session"

bearer = HTTPBearer(
    auto_error=False,
    description="An account's API key (`shopgraph accounts create NAME`). The web page "
    f"signs in with a demo session instead: the `{SESSION_COOKIE}` cookie that `/` sets.",
)


def get_backend(request: Request) -> Backend:
    """The backend the lifespan opened."""
    backend: Backend = request.app.state.backend
    return backend


BackendDep = Annotated[Backend, Depends(get_backend)]


async def current_account(
    request: Request,
    backend: BackendDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Account:
    """The account of the request's API key, else of its demo session; 401 without either."""
    accounts = backend.accounts
    if credentials is not None:
        account = await asyncio.to_thread(accounts.authenticate, credentials.credentials)
        if account is None:
            raise _unauthorized("the API key is not valid")
        return account
    # The cookie is read here, not declared as a second security scheme: tools read two
    # schemes as both required, and it is the page's own affair.
    session = request.cookies.get(SESSION_COOKIE)
    if session is not None:
        account = await asyncio.to_thread(accounts.session_account, session)
        if account is not None:
            return account
    raise _unauthorized(
        "sign in: send 'Authorization: Bearer KEY' (`shopgraph accounts create NAME` "
        "prints a key), or open the web page for a demo session"
    )


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"}
    )


AccountDep = Annotated[Account, Depends(current_account)]


def strict_query(request: Request) -> None:
    """Refuse query parameters the route does not take: a typo would be silently ignored."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = {param.alias for param in _query_params(dependant)}
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        accepted = ", ".join(sorted(known)) or "none"
        raise HTTPException(
            422, detail=f"unknown query parameter {unknown[0]!r}; this route takes: {accepted}"
        )


def _query_params(dependant: Any) -> list[Any]:
    params = list(dependant.query_params)
    for sub in dependant.dependencies:
        params += _query_params(sub)
    return params
