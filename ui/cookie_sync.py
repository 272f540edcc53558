"""Hands the session cookie to the browser: a tiny Streamlit v2 component with no visible part.

A Streamlit script cannot set response headers, so after a login the page POSTs the one-time
ticket to the server's own route (`server.py`, `/_sakip/sesi`), whose response sets the signed
HttpOnly cookie; at logout it POSTs to `/_sakip/keluar`, which clears it. The script never sees
the token, the page's JavaScript cannot read the cookie, and the ticket is useless once spent.
The component reports nothing back (see JS); the script learns from the database that the
ticket has been spent.
"""

from __future__ import annotations

import streamlit as st

SET_PATH = "/_sakip/sesi"
CLEAR_PATH = "/_sakip/keluar"

JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.path) return;
  // no answer back to Python: a rerun caused by the answer could land after the user's first
  // click elsewhere and undo it; the script sees in the database whether the ticket was used
  fetch(data.path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tiket: data.tiket || "" }),
  }).catch(() => {});
}
"""

_mount = st.components.v2.component("sakip_sesi_cookie", js=JS)


def set_cookie(tiket: str) -> None:
    """Exchange `tiket` for the session cookie (the browser posts it once the page is shown)."""
    _mount(data={"path": SET_PATH, "tiket": tiket}, key="sakip_cookie")


def clear_cookie() -> None:
    """Remove the session cookie from this browser (the session itself is revoked already)."""
    _mount(data={"path": CLEAR_PATH}, key="sakip_cookie_hapus")
