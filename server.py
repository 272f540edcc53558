"""The server: `streamlit run server.py` serves app.py plus two small routes for the login cookie.

A Streamlit script cannot set an HTTP header, so a login would end with every reload. These
routes (Starlette, mounted by Streamlit's own `st.App`) set and clear the signed, HttpOnly
session cookie that `sakip_core.sessions` describes; the script reads it back from
`st.context.cookies` after a reload. `streamlit run app.py` still works, without the cookie:
then a reload asks for the password again.
"""

from __future__ import annotations

import functools

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from streamlit.starlette import App

import sakip_core
from sakip_core import sessions
from sakip_core.db import Handle, resolve_db_path


@functools.cache
def _handle(path: str) -> Handle:
    return sakip_core.connect(path)


def _db() -> Handle:
    return _handle(str(resolve_db_path().resolve()))


def _same_origin(request: Request) -> bool:
    """Refuse cross-site posts (the ticket is secret anyway; this is belt and braces)."""
    origin = request.headers.get("origin")
    return origin is None or origin.split("://", 1)[-1] == request.headers.get("host")


def _secure(request: Request) -> bool:
    proto = request.headers.get("x-forwarded-proto", request.url.scheme)
    return proto.split(",")[0].strip() == "https"


async def set_session_cookie(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    try:
        body = await request.json()
    except ValueError:
        return Response(status_code=400)
    tiket = body.get("tiket") if isinstance(body, dict) else None
    if not isinstance(tiket, str):
        return Response(status_code=400)
    cookie = await run_in_threadpool(sessions.exchange_ticket, _db(), tiket)
    if cookie is None:
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.set_cookie(
        sessions.COOKIE_NAME, cookie.value, max_age=cookie.max_age, path="/",
        httponly=True, samesite="strict", secure=_secure(request),
    )  # fmt: skip
    return response


async def clear_session_cookie(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    value = request.cookies.get(sessions.COOKIE_NAME)
    if value:
        await run_in_threadpool(sessions.revoke_token, _db(), value)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(
        sessions.COOKIE_NAME, path="/", httponly=True, samesite="strict", secure=_secure(request)
    )
    return response


app = App(
    "app.py",
    routes=[
        Route("/_sakip/sesi", set_session_cookie, methods=["POST"]),
        Route("/_sakip/keluar", clear_session_cookie, methods=["POST"]),
    ],
)
