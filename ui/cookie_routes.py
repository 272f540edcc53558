"""The two HTTP routes behind the session cookie (mounted by server.py next to Streamlit).

`POST /_sakip/sesi` exchanges a one-time ticket (JSON `{"tiket": ...}`) for the signed,
HttpOnly, SameSite=Strict session cookie; `POST /_sakip/keluar` revokes the session of the
cookie it receives and clears it. Only same-origin requests with a small JSON body are served:
the ticket is secret anyway, but nobody else's page may drive these routes, and an
unauthenticated client cannot make the server buffer a large body.
"""

from __future__ import annotations

import functools
import json
import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

import sakip_core
from sakip_core import sessions
from sakip_core.db import Handle, configured_target

LOG = logging.getLogger(__name__)
MAX_BODY = 1024  # bytes: a ticket is 43 characters


@functools.cache
def _handle(path: str) -> Handle:
    return sakip_core.connect(path)


def _db() -> Handle:
    return _handle(configured_target())


def _first(value: str | None) -> str | None:
    return value.split(",")[0].strip() if value else None


def same_origin(request: Request) -> bool:
    """The browser says the request comes from this site's own page (behind a reverse proxy,
    the public host is `X-Forwarded-Host`)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site != "same-origin":
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return site == "same-origin"
    host = _first(request.headers.get("x-forwarded-host")) or request.headers.get("host")
    return origin.split("://", 1)[-1] == host


def _secure(request: Request) -> bool:
    return (_first(request.headers.get("x-forwarded-proto")) or request.url.scheme) == "https"


async def _ticket(request: Request) -> str | None:
    """The ticket of a small JSON body, or None (too large, missing, not JSON)."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit() or int(length) > MAX_BODY:
        return None
    if not request.headers.get("content-type", "").startswith("application/json"):
        return None
    body = await request.body()
    if len(body) > MAX_BODY:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    tiket = data.get("tiket") if isinstance(data, dict) else None
    return tiket if isinstance(tiket, str) else None


def _refused(request: Request, why: str, status: int = 403) -> Response:
    LOG.warning("cookie route %s refused: %s", request.url.path, why)
    return Response(status_code=status)


async def set_session_cookie(request: Request) -> Response:
    if not same_origin(request):
        return _refused(request, "not same-origin")
    tiket = await _ticket(request)
    if tiket is None:
        return _refused(request, "no ticket in a small JSON body", 400)
    cookie = await run_in_threadpool(sessions.exchange_ticket, _db(), tiket)
    if cookie is None:
        return _refused(request, "unknown, used or expired ticket")
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.set_cookie(
        sessions.COOKIE_NAME, cookie.value, max_age=cookie.max_age, path="/",
        httponly=True, samesite="strict", secure=_secure(request),
    )  # fmt: skip
    return response


async def clear_session_cookie(request: Request) -> Response:
    if not same_origin(request):
        return _refused(request, "not same-origin")
    value = request.cookies.get(sessions.COOKIE_NAME)
    if value:
        await run_in_threadpool(sessions.revoke_token, _db(), value)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(
        sessions.COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=_secure(request)
    )
    return response
