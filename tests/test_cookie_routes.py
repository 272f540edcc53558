"""The session-cookie routes of server.py (ui.cookie_routes), called as Starlette calls them."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.requests import Request

from sakip_core import sessions
from sakip_core.auth import authenticate
from tests.reporting_fixtures import PASSWORD, reporting_db
from ui import cookie_routes

HOST = "sakip.example.go.id"


@pytest.fixture
def h(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    handle = reporting_db(tmp_path, with_users=True)
    monkeypatch.setattr(cookie_routes, "_db", lambda: handle)
    yield handle
    handle.close()


def call(route, body: bytes = b"", headers: dict[str, str] | None = None, cookie: str = ""):
    sent = {"host": HOST, "origin": f"https://{HOST}", "content-type": "application/json",
            "content-length": str(len(body)), **(headers or {})}  # fmt: skip
    if cookie:
        sent["cookie"] = f"{sessions.COOKIE_NAME}={cookie}"
    scope = {
        "type": "http", "method": "POST", "path": "/_sakip/sesi", "scheme": "https",
        "headers": [(k.encode(), v.encode()) for k, v in sent.items() if v is not None],
        "query_string": b"", "server": (HOST, 443),
    }  # fmt: skip

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    # a thread of its own: pytest-playwright may leave an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, route(Request(scope, receive))).result()


def ticket(h) -> sessions.Started:
    return sessions.start(h, authenticate(h, "op-a", PASSWORD))


def body(tiket: str) -> bytes:
    return json.dumps({"tiket": tiket}).encode()


def test_a_ticket_becomes_an_httponly_strict_secure_cookie(h) -> None:
    started = ticket(h)
    response = call(cookie_routes.set_session_cookie, body(started.tiket))
    assert response.status_code == 204
    header = response.headers["set-cookie"]
    assert header.startswith(f"{sessions.COOKIE_NAME}=")
    assert "HttpOnly" in header and "SameSite=strict" in header and "Secure" in header
    value = header.split(";")[0].split("=", 1)[1]
    assert sessions.resume_token(h, value).sesi_id == started.sesi_id
    again = call(cookie_routes.set_session_cookie, body(started.tiket))
    assert again.status_code == 403 and "set-cookie" not in again.headers  # used once


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://penyerang.example"},
        {"origin": None, "sec-fetch-site": "cross-site"},
        {"origin": None},  # neither header: not shown to be our own page
        {"sec-fetch-site": "same-site"},
    ],
)
def test_other_sites_cannot_use_the_routes(h, headers: dict) -> None:
    started = ticket(h)
    assert call(cookie_routes.set_session_cookie, body(started.tiket), headers).status_code == 403
    assert sessions.exchange_ticket(h, started.tiket) is not None  # the ticket was not spent


def test_behind_a_proxy_the_forwarded_host_counts(h) -> None:
    started = ticket(h)
    headers = {"host": "127.0.0.1:8501", "x-forwarded-host": HOST, "x-forwarded-proto": "https"}
    response = call(cookie_routes.set_session_cookie, body(started.tiket), headers)
    assert response.status_code == 204 and "Secure" in response.headers["set-cookie"]


@pytest.mark.parametrize(
    ("payload", "headers"),
    [
        (b"x" * (cookie_routes.MAX_BODY + 1), {}),
        (b'{"tiket": 1}', {}),
        (b"bukan json", {}),
        (b'{"tiket": "abc"}', {"content-type": "text/plain"}),
        (b'{"tiket": "abc"}', {"content-length": None}),
    ],
)
def test_only_a_small_json_ticket_is_read(h, payload: bytes, headers: dict) -> None:
    assert call(cookie_routes.set_session_cookie, payload, headers).status_code == 400


def test_logout_route_revokes_and_clears(h) -> None:
    started = ticket(h)
    cookie = sessions.exchange_ticket(h, started.tiket)
    response = call(cookie_routes.clear_session_cookie, cookie=cookie.value)
    assert response.status_code == 204
    assert (
        "Max-Age=0" in response.headers["set-cookie"]
        or "expires" in response.headers["set-cookie"].lower()
    )
    assert sessions.resume(h, started.sesi_id).actor is None
    assert (
        call(cookie_routes.clear_session_cookie, headers={"origin": "https://x.y"}).status_code
        == 403
    )
