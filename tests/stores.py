"""Which store the tests run on: DuckDB files (default) or a PostgreSQL server the tests start.

`SAKIP_TEST_STORE=postgres` (the second half of `make test`) makes the shared fixtures and
factories hand out PostgreSQL databases instead of files: the demo, the seeded CSV database,
`factories.make_db`. Each test's database is a `CREATE DATABASE … TEMPLATE` copy (~0.2 s),
dropped when the test ends. Without the PostgreSQL binaries the PostgreSQL tests are skipped
with the reason shown, except when `SAKIP_REQUIRE_PG=1` (CI), where that is an error.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from sakip_core.db import is_server_url

STORE = os.environ.get("SAKIP_TEST_STORE", "duckdb")
ON_PG = STORE == "postgres"
Target = Path | str

_server = None
_names = itertools.count(1)
_templates: dict[str, str] = {}  # database URL → the template database it was copied from
_created: list[str] = []  # databases made during the running test


def server():
    """The session's PostgreSQL server (started on first use)."""
    global _server
    if _server is None:
        from tests import pg_server

        try:
            _server = pg_server.start()
        except RuntimeError as exc:
            if os.environ.get("SAKIP_REQUIRE_PG") == "1":
                raise
            pytest.skip(str(exc))
    return _server


def new_name(hint: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "_", hint.lower()).strip("_")[:30] or "db"
    return f"t{os.getpid()}_{next(_names)}_{stem}"


def new_target(folder: Path, name: str) -> Target:
    """An empty database: a file path in `folder`, or a new PostgreSQL database's URL."""
    if not ON_PG:
        return Path(folder) / name
    db = new_name(name)
    _created.append(db)
    return server().create_database(db)


def make_template(url: str) -> str:
    """Turn a built database into a template for copies; returns a URL for reading it.

    PostgreSQL copies a database only while nobody is connected to it, so readers get their
    own copy and the original is only ever copied from.
    """
    name = _database(url)
    if name in _created:
        _created.remove(name)  # a session-wide template outlives the test that built it
    reader = new_name(f"{name}_r")
    reader_url = server().create_database(reader, template=name)
    _templates[reader_url] = name
    return reader_url


def copy_target(source: Target, target: Path) -> Target:
    """A private copy of a built database: the file copied, or a database from its template."""
    if not is_server_url(source):
        from tests.csvdata import copy_file

        copy_file(Path(source), Path(target))
        return Path(target)
    template = _templates.get(source)  # a session-wide database nobody writes to
    if template is None:  # a test's own database: copied as it is now
        template = _database(source)
        server().disconnect(template)
    db = new_name(Path(target).stem)
    _created.append(db)
    return server().create_database(db, template=template)


def _database(url: str) -> str:
    return str(make_url(url).database)


def created_count() -> int:
    return len(_created)


def drop_created(since: int = 0) -> None:
    """Drop the databases made since `since` (by the test that just ended and its function
    fixtures; wider fixtures are set up before the test starts counting)."""
    while len(_created) > since:
        name = _created.pop()
        _server.drop_database(name)
