"""Shared fixtures: one demo database per test session."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from sakip_core.demo import build_demo
from tests import stores


def pytest_report_header() -> str:
    return f"SAKIP test store: {stores.STORE}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL run the core and CLI suites: page and browser tests, and the tests of the
    DuckDB file itself (locks, damage, its own connections), stay with the DuckDB run."""
    if not stores.ON_PG:
        return
    keep, drop = [], []
    for item in items:
        if (
            _page_test(item)
            or item.get_closest_marker("e2e")
            or item.get_closest_marker("duckdb_file")
            or not _uses_database(item)
        ):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


PAGE_SIGNS = ("AppTest", "open_page(", "at.run(", "page_helpers", "log_in(", "render(")


PAGE_MODULES = {"test_app", "test_escaping", "test_admin_tables"}


def _page_test(item: pytest.Item) -> bool:
    """A test that renders a page (AppTest): its module is a page suite, or its own source
    says so (modules that test a read model and the page showing it)."""
    module = Path(str(item.fspath)).stem
    if module in PAGE_MODULES or module.endswith(("_page", "_pages")):
        return True
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function else ""
    except (OSError, TypeError):
        return False
    return any(sign in source for sign in PAGE_SIGNS)


DB_SIGNS = ("make_db", "copy_db", "connect(", "create_database", "build_demo", "reporting_db",
            "seeded_db", "copy_target", "new_target", "demo_db", "seed_file", "pg_demo",
            "Handle", "handle", "query_df", "transaction(", "database(")  # fmt: skip


def _source(function: object) -> str:
    try:
        return inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


def _uses_database(item: pytest.Item) -> bool:
    """A test that reads or writes a database, itself or through any fixture it uses: the pure
    functions (number formats, parsers, layout) gain nothing from a second run."""
    sources = [_source(getattr(item, "function", None))]
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info else ()):
        sources += [_source(d.func) for d in defs if d.baseid]  # the project's own fixtures
    return any(sign in text for text in sources for sign in DB_SIGNS)


@pytest.fixture(autouse=True)
def _drop_test_databases(request: pytest.FixtureRequest):
    """On PostgreSQL: each test's databases dropped after it, and its uploaded files kept in
    its own folder (a server database has no folder next to it)."""
    if not stores.ON_PG:
        yield
        return
    monkeypatch = request.getfixturevalue("monkeypatch")
    if "SAKIP_BUKTI_DIR" not in __import__("os").environ:
        folder = request.getfixturevalue("tmp_path_factory").mktemp("bukti")
        monkeypatch.setenv("SAKIP_BUKTI_DIR", str(folder))
    mark = stores.created_count()  # databases of module or session fixtures stay for the scope
    yield
    stores.drop_created(since=mark)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    """The demo kabupaten (scale 1, seed 2026), built once per session: a file path or, on
    PostgreSQL, a database URL. Read only: tests take a copy (`stores.copy_target`)."""
    path = stores.new_target(tmp_path_factory.mktemp("demo"), "demo.duckdb")
    handle = build_demo(path, scale=1, seed=2026)
    # the demo's accounts must change `demo` at the first login; tests of other features log in
    # with it directly (tests/test_password_change.py sets the mark again on its own copy)
    with handle.transaction(versioned=False) as conn:
        conn.execute("UPDATE pengguna SET harus_ganti_sandi = false")
    handle.close()  # closing checkpoints: the file is complete
    return stores.make_template(path) if stores.ON_PG else path


@pytest.fixture(scope="session")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    """The small CSV-built database of tests/csvdata.py (OPDs A and B), built once. Read only:
    tests take a copy (`csvdata.copy_db`)."""
    from tests.csvdata import seeded_db

    path = stores.new_target(tmp_path_factory.mktemp("seed"), "seed.duckdb")
    seeded_db(path).close()
    return stores.make_template(path) if stores.ON_PG else path


@pytest.fixture(scope="session")
def pg_demo(request: pytest.FixtureRequest) -> str:
    """The demo kabupaten on the tests' PostgreSQL server, whichever store the run uses (for the
    tests that compare the stores or run replicas); a template: take copies."""
    if stores.ON_PG:
        return request.getfixturevalue("demo_db")
    url = stores.server().create_database(stores.new_name("pg_demo"))
    handle = build_demo(url, scale=1, seed=2026)
    with handle.transaction(versioned=False) as conn:
        conn.execute("UPDATE pengguna SET harus_ganti_sandi = false")
    handle.close()
    return stores.make_template(url)
