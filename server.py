"""The server: `streamlit run server.py` serves app.py plus two small routes for the login cookie.

A Streamlit script cannot set an HTTP header, so a login would end with every reload. The routes
of `ui.cookie_routes` (Starlette, mounted by Streamlit's own `st.App`) set and clear the signed,
HttpOnly session cookie that `sakip_core.sessions` describes; the script reads it back from
`st.context.cookies` after a reload. `streamlit run app.py` still works, without the cookie:
then a reload asks for the password again.
"""

from __future__ import annotations

from starlette.routing import Route
from streamlit.starlette import App

from ui.cookie_routes import clear_session_cookie, set_session_cookie
from ui.cookie_sync import CLEAR_PATH, SET_PATH

app = App(
    "app.py",
    routes=[
        Route(SET_PATH, set_session_cookie, methods=["POST"]),
        Route(CLEAR_PATH, clear_session_cookie, methods=["POST"]),
    ],
)
