"""The database handle: one DuckDB file (the embedded default) or a PostgreSQL database.

`Handle` is what the core works with; `DuckHandle` is the DuckDB file, `sakip_core.pg.PgHandle`
the server database (`--db`/`SAKIP_DB` given as a `postgresql+psycopg://…` URL).

For DuckDB:

The engine uses `NullPool` and one connection held for `hold_seconds` after its last use, so the
file lock is kept only briefly after a query or a transaction; a running app therefore does not
block a CLI import for long, and the CLI retries for a few seconds before saying plainly that the
database is in use (see engineering.md on DuckDB's single writer). Connections are opened with
DuckDB's default configuration so that a user's own `duckdb.connect(path)` can share them.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import duckdb_engine
import pandas as pd
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from sakip_core import clock, models  # noqa: F401  (models registers the tables)
from sakip_core.faults import (
    DatabaseDamaged,
    DatabaseMissing,
    Kind,
    damaged_message,
    missing_message,
)
from sakip_core.faults import kind as fault_kind

DEFAULT_DB = Path("data") / "sakip.duckdb"
NO_NETWORK = ("autoinstall_known_extensions", "autoload_known_extensions")
DUCKDB_CONFIG = dict.fromkeys(NO_NETWORK, False)
BUMP_VERSION_SQL = "INSERT INTO versi_data (waktu) VALUES (?)"
VERSION_SQL = "SELECT count(*) FROM versi_data"


class DatabaseBusy(RuntimeError):
    """Another process holds the DuckDB file lock longer than we are willing to wait."""


SERVER_SCHEMES = ("postgresql://", "postgresql+psycopg://")
Target = Path | str  # a DuckDB file, or a PostgreSQL URL


def is_server_url(target: object) -> bool:
    """A PostgreSQL URL (`postgresql+psycopg://user@host/db`) rather than a DuckDB file."""
    return isinstance(target, str) and target.startswith(SERVER_SCHEMES)


def resolve_db_target(explicit: str | os.PathLike[str] | None = None) -> Target:
    """`--db`, else `$SAKIP_DB`, else `data/sakip.duckdb`: a Path, or a PostgreSQL URL."""
    chosen = os.fspath(explicit) if explicit else os.environ.get("SAKIP_DB")
    if not chosen:
        return DEFAULT_DB
    if chosen.startswith("postgresql://"):  # psycopg 3 is the driver we ship
        chosen = "postgresql+psycopg://" + chosen.removeprefix("postgresql://")
    return chosen if is_server_url(chosen) else Path(chosen)


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db PATH`, else `$SAKIP_DB`, else `data/sakip.duckdb` (DuckDB files only)."""
    target = resolve_db_target(explicit)
    if isinstance(target, str):
        raise ValueError("expected a DuckDB file, got a server URL")
    return target


def configured_target() -> str:
    """The store this process is configured for, as `connect` takes it: an absolute file path,
    or the server URL."""
    target = resolve_db_target()
    return target if isinstance(target, str) else str(target.resolve())


def display_target(target: Target) -> str:
    """How a store is named in messages: the file, or the URL without its password."""
    if isinstance(target, str):
        from sakip_core.pg import safe_url  # local: pg imports this module

        return safe_url(target)
    return str(target)


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


def busy_message(path: Path) -> str:
    return (
        f"Basis data {path} sedang dipakai oleh proses lain (misalnya aplikasi atau impor "
        "lain yang sedang berjalan). Coba lagi sebentar lagi; tidak ada data yang diubah."
    )


_ALL_HELD: weakref.WeakSet[_HeldConnection] = weakref.WeakSet()


@atexit.register
def _close_all_held() -> None:
    """Close held connections in the main thread before the interpreter finalises.

    A release timer firing during finalisation would run DuckDB's C++ close on a daemon thread
    that Python then terminates mid-call, which aborts the process ("exception not rethrown").
    """
    for held in list(_ALL_HELD):
        held.close()


class _HeldConnection:
    """One DuckDB connection kept open while in use and for `hold_seconds` after the last use.

    Repeated queries (a page render, a benchmark loop) then skip the ~30 ms file open, while an
    idle app still frees the file lock quickly enough for a CLI import to get through. Each user
    gets its own cursor: DuckDB connections are not thread-safe, cursors are.
    """

    def __init__(
        self,
        opener: Callable[[], Any],
        hold_seconds: float,
        check: Callable[[], None] | None = None,
    ) -> None:
        self._opener = opener
        self._check = check
        self._hold = hold_seconds
        self._lock = threading.Lock()
        self._raw: Any = None
        self._users = 0
        self._timer: threading.Timer | None = None
        _ALL_HELD.add(self)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._check is not None:
            try:
                self._check()  # also while held: a deleted file would take writes and lose them
            except Exception:
                with self._lock:  # and the instance on the deleted file is let go at once
                    if self._users == 0:
                        self._close_locked()
                raise
        invalidated = False
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._raw is None:
                self._raw = self._opener()
            cur = _native(self._raw).cursor()
            self._users += 1
        try:
            yield cur
        except duckdb.FatalException:
            invalidated = True  # DuckDB refuses everything until the instance is closed
            raise
        finally:
            cur.close()
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    if invalidated:
                        self._close_locked()
                    else:
                        self._release_later()

    def _release_later(self) -> None:
        if self._hold <= 0:
            self._close_locked()
            return
        self._timer = threading.Timer(self._hold, self._close_if_idle)
        self._timer.daemon = True
        self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users == 0:
                self._close_locked()

    def _close_locked(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None

    def close(self) -> None:
        with self._lock:
            timer, self._timer = self._timer, None
            if timer is not None:
                timer.cancel()
            self._close_locked()
        if timer is not None and timer is not threading.current_thread():
            timer.join(timeout=5)


def _native(raw: Any) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection inside SQLAlchemy's raw connection (duckdb_engine's wrapper)."""
    wrapper = raw.driver_connection
    return getattr(wrapper, "_ConnectionWrapper__c", wrapper)


class Handle:
    """A handle on one SAKIP database (what `sakip_core.connect` returns), on either store.

    Subclasses provide `engine`, `read_only`, `key`, `exists`, `cursor`, `transaction`, `close`.
    """

    engine: Engine
    read_only: bool

    @property
    def key(self) -> str:
        """Identifies the database within this process (caches, per-database secrets)."""
        raise NotImplementedError

    def exists(self) -> bool:
        raise NotImplementedError

    def files_dir(self) -> Path:
        """Where uploaded files (evidence, scans) live unless `SAKIP_BUKTI_DIR` says otherwise.

        A server database has no folder of its own: replicas on several machines must share
        one `SAKIP_BUKTI_DIR` (docs/scaling.md); on one machine `data/bukti` is the default.
        """
        return Path("data").resolve() / "bukti"

    def cursor(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    BEGIN_SQL = "BEGIN TRANSACTION"  # the store's snapshot isolation (PostgreSQL: REPEATABLE READ)

    @contextmanager
    def transaction(self, versioned: bool = True) -> Iterator[Any]:
        """A cursor inside BEGIN … COMMIT; any exception rolls everything back.

        `versioned`: the write bumps the data version (`data_version`) in the same transaction,
        so every cached figure of every process (every replica, on a server database) is
        recomputed on its next read. Only writes that change no figure opt out (login failures,
        session bookkeeping).
        """
        with self.cursor() as conn:
            conn.execute(self.BEGIN_SQL)
            try:
                yield conn
                if versioned:
                    conn.execute(BUMP_VERSION_SQL, [clock.now()])
            except BaseException:
                with contextlib.suppress(Exception):  # a broken connection: keep the cause
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        raise NotImplementedError

    def data_version(self) -> int:
        """How many versioned writes have committed: changes with every write of the core."""
        with self.cursor() as conn:
            try:
                (n,) = conn.execute(VERSION_SQL).fetchone()
            except duckdb.CatalogException:  # a read-only file from before the data version
                return 0
        return int(n)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session for small CRUD (users, settings)."""
        with Session(self.engine) as s:
            yield s

    def query_df(
        self,
        sql: str,
        params: dict[str, Any] | list[Any] | None = None,
        frames: dict[str, pd.DataFrame] | None = None,
    ) -> pd.DataFrame:
        """`sql` as a DataFrame; `frames` are pandas frames the query reads by name (views of
        this query's own connection only, so concurrent readers never see each other's)."""
        with self.cursor() as conn:
            for name, frame in (frames or {}).items():
                conn.register(name, frame)
            return conn.execute(sql, params or []).df()


@dataclass
class DuckHandle(Handle):
    """A handle on one SAKIP DuckDB file."""

    path: Path
    read_only: bool = False
    wait_seconds: float = 10.0
    hold_seconds: float = 2.0
    engine: Engine = field(init=False, repr=False)
    _held: _HeldConnection = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.engine = self._make_engine()
        self._held = _HeldConnection(self._open_raw, self.hold_seconds, self._require_file)

    def _make_engine(self) -> Engine:
        # `creator`: every connection is a plain `duckdb.connect(path)` (see `_connect_plain`), so
        # SQLAlchemy, the held connection and a user's own duckdb connection share one instance
        return create_engine(
            f"duckdb:///{self.path}", poolclass=NullPool, creator=self._connect_plain
        )

    def _connect_plain(self) -> duckdb_engine.ConnectionWrapper:
        """A DuckDB connection opened with DuckDB's default configuration.

        duckdb_engine's own `connect` adds a user-agent to the configuration, and DuckDB refuses a
        second connection to an open file with a different configuration: a notebook doing
        `sk.connect(path)` and `duckdb.connect(path)` side by side would fail. The no-network
        rule (no extension downloads) is set right after opening instead, for the instance.
        """
        conn = duckdb.connect(str(self.path), read_only=self.read_only)
        for setting in NO_NETWORK:
            conn.execute(f"SET GLOBAL {setting} = false")
        return duckdb_engine.ConnectionWrapper(conn)

    def _require_file(self) -> None:
        if not os.path.exists(self.path):
            raise DatabaseMissing(missing_message(self.path))

    def _open_raw(self) -> Any:
        """Open the file (again, after the hold time): never create it, never hide damage.

        `duckdb.connect` creates an empty database when the path does not exist, so a file
        deleted or moved while the app runs would come back empty and every later write would
        go there; only `create_database` may create a file. (The moment between this check
        and DuckDB's open is not covered; the WAL file is DuckDB's business.)
        """
        deadline = time.monotonic() + self.wait_seconds
        delay = 0.05
        flipped = False
        while True:
            if not os.path.exists(self.path):  # `path` may be given as a str
                raise DatabaseMissing(missing_message(self.path))
            try:
                return self.engine.raw_connection()
            except (DBAPIError, duckdb.Error) as exc:
                if "different configuration" in str(exc) and not flipped:
                    # this process already has the file open in the other access mode (the app
                    # read-write, or a user's read-only connection): share that instance
                    self.read_only, flipped = not self.read_only, True
                    self.engine = self._make_engine()
                    continue
                if fault_kind(exc) is Kind.DAMAGED:
                    raise DatabaseDamaged(damaged_message(self.path)) from exc
                if not _is_lock_error(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseBusy(busy_message(self.path)) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    def cursor(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A DuckDB cursor for reads (its own connection to the shared database instance)."""
        return self._held.cursor()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session for small CRUD (users, settings)."""
        with self._held.cursor(), Session(self.engine) as s:  # the held instance makes it cheap
            yield s

    @property
    def key(self) -> str:
        return str(Path(self.path).resolve())

    def exists(self) -> bool:
        return os.path.exists(self.path)

    def files_dir(self) -> Path:
        return Path(self.path).resolve().parent / "bukti"

    def close(self) -> None:
        self._held.close()
        self.engine.dispose()


def default_wait_seconds() -> float:
    """How long to wait for another process's lock (`SAKIP_DB_WAIT`, default 10 s)."""
    return float(os.environ.get("SAKIP_DB_WAIT", "10"))


def default_hold_seconds() -> float:
    """How long an idle handle keeps the file open (`SAKIP_DB_HOLD`, default 2 s)."""
    return float(os.environ.get("SAKIP_DB_HOLD", "2"))


def _open_server(url: str, wait_seconds: float | None) -> Handle:
    from sakip_core.pg import PgHandle  # local: pg imports this module

    wait = default_wait_seconds() if wait_seconds is None else wait_seconds
    return PgHandle(url, wait_seconds=wait)


def connect(
    path: str | os.PathLike[str] | None = None,
    read_only: bool | None = None,
    wait_seconds: float | None = None,
    hold_seconds: float | None = None,
) -> Handle:
    """Open a handle on an existing database (read access is enough): a file or a URL."""
    from sakip_core.migrate import upgrade_once  # local: migrate imports this module

    target = resolve_db_target(path)
    if isinstance(target, str):
        handle = _open_server(target, wait_seconds)
        upgrade_once(handle)
        return handle
    db = target
    if not db.exists():  # a FileNotFoundError, as before
        raise DatabaseMissing(
            f"Basis data {db} tidak ditemukan. "
            "Jalankan `python -m sakip_core init` atau `demo` dulu."
        )
    if read_only is None:
        read_only = not os.access(db, os.W_OK)
    wait = default_wait_seconds() if wait_seconds is None else wait_seconds
    hold = default_hold_seconds() if hold_seconds is None else hold_seconds
    handle = DuckHandle(db, read_only=read_only, wait_seconds=wait, hold_seconds=hold)
    upgrade_once(handle)
    return handle


def create_database(path: str | os.PathLike[str] | None = None) -> Handle:
    """Create (or complete) the schema and default settings; returns a writable handle.

    On PostgreSQL the database itself must exist (created by its administrator); the schema
    and DuckDB's functions (`dialect.PG_FUNCTIONS`) are created in it.
    """
    target = resolve_db_target(path)
    if isinstance(target, str):
        handle = _open_server(target, None)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = DuckHandle(target)
    from sakip_core.migrate import ensure_schema  # local: migrate imports this module

    ensure_schema(handle)
    # local imports: both modules import this one
    from sakip_core.auth import ensure_system_user
    from sakip_core.rb_frameworks import install_default_frameworks
    from sakip_core.settings import install_defaults

    install_defaults(handle)
    install_default_frameworks(handle)
    ensure_system_user(handle)
    return handle
