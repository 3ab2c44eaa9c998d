"""The web chat page at ``/``; with demo sessions on, loading it signs the browser in."""

from __future__ import annotations

import asyncio
import datetime as dt
from functools import cache
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import SESSION_COOKIE, BackendDep

router = APIRouter(include_in_schema=False)


@cache
def _page_html() -> str:
    """The page, read once: it ships inside the package and does not change while serving."""
    return resources.files("api").joinpath("static/index.html").read_text("utf-8")


@router.get("/", response_class=HTMLResponse)
async def page(request: Request, backend: BackendDep) -> HTMLResponse:
    """The chat page; a browser without a valid session gets one for the demo account."""
    response = HTMLResponse(await asyncio.to_thread(_page_html))
    settings, accounts = backend.settings, backend.accounts
    token = request.cookies.get(SESSION_COOKIE)
    if settings.demo and (
        token is None or await asyncio.to_thread(accounts.session_account, token) is None
    ):
        demo = await asyncio.to_thread(accounts.demo_account)
        lifetime = dt.timedelta(days=settings.session_days)
        token = await asyncio.to_thread(accounts.open_session, demo.id, lifetime)
        response.set_cookie(
            SESSION_COOKIE,
            token,
            max_age=settings.session_days * 86400,
            httponly=True,
            samesite="strict",
        )
    return response
