"""Hands the session cookie to the browser: a tiny Streamlit v2 component with no visible part.

A Streamlit script cannot set response headers, so after a login the page POSTs the one-time
ticket to the server's own route (`server.py`, `/_sakip/sesi`), whose response sets the signed
HttpOnly cookie; at logout it POSTs to `/_sakip/keluar`, which clears it. The script never sees
the token, the page's JavaScript cannot read the cookie, and the ticket is useless once spent.
When the request has gone through, the component reports `selesai` and the script forgets the
ticket.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

SET_PATH = "/_sakip/sesi"
CLEAR_PATH = "/_sakip/keluar"

JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  if (!data || !data.path) return;
  fetch(data.path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tiket: data.tiket || "" }),
  })
    .then((r) => setTriggerValue("selesai", r.ok ? "ok" : "gagal:" + r.status))
    .catch(() => setTriggerValue("selesai", "gagal"));
}
"""

_mount = st.components.v2.component("sakip_sesi_cookie", js=JS)


def set_cookie(tiket: str, on_done: Callable[[], None]) -> None:
    """Exchange `tiket` for the session cookie; `on_done` runs first in the rerun after."""
    _mount(data={"path": SET_PATH, "tiket": tiket}, key="sakip_cookie", on_selesai_change=on_done)


def clear_cookie(on_done: Callable[[], None]) -> None:
    """Remove the session cookie from this browser (the session itself is revoked already)."""
    _mount(data={"path": CLEAR_PATH}, key="sakip_cookie_hapus", on_selesai_change=on_done)
