"""AppTest helpers for the reporting pages: run a page file directly as a given user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core import sessions
from sakip_core.auth import Actor
from tests import stores
from ui import data
from ui.session import SESSION_KEY

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60


def copy_demo(demo_db: Path | str, tmp_path: Path) -> Path | str:
    """A private copy of the demo database (pages under test write to it), on the test store."""
    return stores.copy_target(demo_db, tmp_path / "demo.duckdb")


def use_demo_copy(demo_db: Path, tmp_path: Path, monkeypatch) -> Path:  # noqa: ANN001
    """A private demo copy that the app under test (SAKIP_DB) reads and writes."""
    path = copy_demo(demo_db, tmp_path)
    monkeypatch.setenv("SAKIP_DB", str(path))
    return path


def serve_demo_copy(demo_db: Path, tmp_path: Path, monkeypatch) -> Iterator[Path]:  # noqa: ANN001
    """use_demo_copy from the project root, with the pages' cached handle dropped before and
    after (a fixture body: `yield from serve_demo_copy(...)`)."""
    path = use_demo_copy(demo_db, tmp_path, monkeypatch)
    monkeypatch.chdir(ROOT)
    data._handle.clear()
    yield path
    data._handle.clear()


def query(db: Path, sql: str, params=None):  # noqa: ANN001, ANN201
    """One query on a database file, the handle closed afterwards."""
    h = sakip_core.connect(db)
    try:
        return h.query_df(sql, params)
    finally:
        h.close()


def sign_in(at: AppTest, actor: Actor) -> str:
    """Log `actor` (an account of the database in $SAKIP_DB) in as the login form would: a
    session row in the database, its id in the AppTest session. Returns the session id."""
    started = sessions.start(data._handle(data.db_path()), actor)
    at.session_state[SESSION_KEY] = started.sesi_id
    return started.sesi_id


def log_in(at: AppTest, nama: str, sandi: str = "demo") -> AppTest:
    """Fill and send the login form of a page that shows it, and run the result."""
    by_label = {t.label: t for t in at.text_input}
    by_label["Nama pengguna"].input(nama)
    by_label["Kata sandi"].input(sandi)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(script: str, actor: Actor | None, params: dict[str, str] | None = None) -> AppTest:
    """Run a page as `actor`, with `params` in its URL."""
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    if actor is not None:
        sign_in(at, actor)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(markdown: str) -> str:
    """What a reader sees of `ui.text.md()` output: without the backslashes and word joiners."""
    import re

    from ui.text import WORD_JOINER

    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


def texts(at: AppTest) -> str:
    parts = [e.value for e in [*at.markdown, *at.title, *at.subheader, *at.caption]]
    parts += [e.value for e in [*at.info, *at.warning, *at.error, *at.success]]
    return "\n".join(str(p) for p in parts)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


def rankings(at: AppTest) -> list:
    """The league tables on a page (Beranda also shows an operator's or admin's to-do tables)."""
    return [d for d in at.dataframe if "Peringkat" in d.value.columns]


def ranking(at: AppTest):  # noqa: ANN201
    """The one league table's element (`.value` is the frame shown)."""
    (table,) = rankings(at)
    return table
