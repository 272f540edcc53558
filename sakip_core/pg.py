"""The PostgreSQL store: the same handle interface as the DuckDB file, on a server database.

The core's queries are written for DuckDB's Python API (`conn.execute(sql, params).df()`,
`conn.register(name, frame)`); `PgConn` offers that subset on a psycopg connection, translating
only what `sakip_core.dialect` says differs. Reads run in autocommit (each statement sees the
latest committed data, as a DuckDB cursor does); `transaction()` is REPEATABLE READ, DuckDB's
snapshot isolation: a concurrent write to the same rows fails with a conflict instead of being
lost, and the data version is bumped in the same transaction, in the database, so every replica
sees it on its next read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
from psycopg.types.numeric import FloatLoader
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import NullPool

from sakip_core import dialect
from sakip_core.db import DatabaseBusy, Handle

# PostgreSQL type OIDs → the Arrow type DuckDB would have produced for the same column
_ARROW = {
    16: pa.bool_(),
    20: pa.int64(),
    21: pa.int16(),
    23: pa.int32(),
    700: pa.float32(),
    701: pa.float64(),
    1700: pa.float64(),  # numeric is read as float (FloatLoader), as DuckDB's DOUBLE
    1082: pa.date32(),
    1114: pa.timestamp("us"),
    1184: pa.timestamp("us", tz="UTC"),
    1007: pa.list_(pa.int32()),
    1016: pa.list_(pa.int64()),
    1022: pa.list_(pa.float64()),
    1009: pa.list_(pa.string()),
    1015: pa.list_(pa.string()),
}
_LOCAL = threading.local()


def _as_duckdb(table: pa.Table) -> duckdb.DuckDBPyRelation:
    """The rows as a DuckDB relation: its `.df()` and `.fetchnumpy()` are DuckDB's own
    conversions, so results from PostgreSQL have exactly the dtypes and masks the code expects."""
    conn = getattr(_LOCAL, "duck", None)
    if conn is None:
        conn = _LOCAL.duck = duckdb.connect()
    return conn.from_arrow(table)


class PgResult:
    """The result of one statement, read like a DuckDB result."""

    def __init__(self, cursor: psycopg.Cursor) -> None:
        self._cur = cursor

    def fetchone(self) -> tuple | None:
        if self._cur.description is None:  # DuckDB answers INSERT/UPDATE/DELETE with the count
            return (self._cur.rowcount,)
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        if self._cur.description is None:
            return [(self._cur.rowcount,)]
        return self._cur.fetchall()

    def _columns(self) -> tuple[list[str], list[Any], list[pa.DataType]]:
        description = self._cur.description or []
        rows = self._cur.fetchall()
        names = [d.name for d in description]
        values = list(zip(*rows, strict=True)) if rows else [() for _ in names]
        types = [_ARROW.get(d.type_code, pa.string()) for d in description]
        return names, values, types

    def _relation(self) -> duckdb.DuckDBPyRelation:
        names, values, types = self._columns()
        arrays = [_arrow_array(v, t) for v, t in zip(values, types, strict=True)]
        return _as_duckdb(pa.Table.from_arrays(arrays, names=_unique(names)))

    def df(self) -> pd.DataFrame:
        return self._relation().df()

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        return self._relation().fetchnumpy()


def _arrow_array(values: Sequence[Any], kind: pa.DataType) -> pa.Array:
    if kind == pa.string():  # json, uuid, intervals …: their text, as DuckDB shows VARCHAR
        values = [v if v is None or isinstance(v, str) else str(v) for v in values]
    return pa.array(values, type=kind)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen.get(name, 0)
        out.append(name if n == 0 else f"{name}_{n}")
        seen[name] = n + 1
    return out


class PgConn:
    """A psycopg connection with the part of DuckDB's connection API the core uses."""

    def __init__(self, raw: psycopg.Connection) -> None:
        self._raw = raw
        self._frames: set[str] = set()

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> PgResult:
        cur = self._raw.cursor()
        cur.execute(dialect.to_psycopg(sql), _params(params))
        return PgResult(cur)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any] | dict[str, Any]]) -> None:
        with self._raw.cursor() as cur:
            cur.executemany(dialect.to_psycopg(sql), [_params(r) for r in rows])

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """`frame` as a temporary table `name` of this connection, until `unregister`."""
        self.unregister(name)
        columns = dialect.pg_column_types(frame, _schema_types())
        ddl = ", ".join(f'"{col}" {kind}' for col, kind in columns)
        with self._raw.cursor() as cur:
            cur.execute(f'CREATE TEMP TABLE "{name}" ({ddl})')
            names = ", ".join(f'"{col}"' for col, _ in columns)
            with cur.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
                for row in frame.itertuples(index=False, name=None):
                    copy.write_row([dialect.copy_value(v) for v in row])
        self._frames.add(name)

    def unregister(self, name: str) -> None:
        if self._raw.info.transaction_status.name == "INERROR":
            return  # the rollback that follows drops it (and refuses every statement before)
        with self._raw.cursor() as cur:
            cur.execute(f'DROP TABLE IF EXISTS pg_temp."{name}"')
        self._frames.discard(name)

    def drop_frames(self) -> None:
        for name in list(self._frames):
            self.unregister(name)


def _schema_types() -> dict[str, str]:
    """Column name → PostgreSQL type over the SAKIP schema (the names mean one thing in every
    table), for the frame columns that hold no value to type them by."""
    global _SCHEMA_TYPES
    if _SCHEMA_TYPES is None:
        from sqlalchemy.dialects import postgresql
        from sqlmodel import SQLModel

        pg = postgresql.dialect()
        _SCHEMA_TYPES = {}
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                _SCHEMA_TYPES.setdefault(column.name, column.type.compile(dialect=pg))
    return _SCHEMA_TYPES


_SCHEMA_TYPES: dict[str, str] | None = None


def _params(params: Sequence[Any] | dict[str, Any] | None) -> Sequence[Any] | dict[str, Any]:
    """Always a parameter container: psycopg reads `%%` as `%` only when it gets one."""
    if params is None:
        return ()
    if isinstance(params, dict):
        return {k: _plain(v) for k, v in params.items()}
    return [_plain(v) for v in params]


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _configure(dbapi_conn: Any, _record: Any) -> None:
    """Every pooled connection: numeric read as float, UTC. (Text order is the database's
    collation: create it with C collation, as docs/scaling.md says, to sort codes as DuckDB.)"""
    dbapi_conn.adapters.register_loader("numeric", FloatLoader)
    with dbapi_conn.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
    dbapi_conn.commit()


def safe_url(url: str) -> str:
    """The URL without its password (for messages and keys)."""
    return make_url(url).render_as_string(hide_password=True)


class PgHandle(Handle):
    """A handle on one SAKIP database on a PostgreSQL server (`postgresql+psycopg://…`)."""

    BEGIN_SQL = "BEGIN ISOLATION LEVEL REPEATABLE READ"  # DuckDB's snapshot isolation

    def __init__(self, url: str, pool_size: int = 5, wait_seconds: float = 10.0) -> None:
        self.url = url
        self.read_only = False
        self.wait_seconds = wait_seconds
        self.engine = self._make_engine(pool_size)

    def _make_engine(self, pool_size: int) -> Engine:
        engine = create_engine(
            self.url,
            pool_size=pool_size,
            max_overflow=2 * pool_size,
            pool_timeout=self.wait_seconds,
            pool_pre_ping=True,
            connect_args={"cursor_factory": psycopg.ClientCursor},
        )
        event.listen(engine, "connect", _configure)
        return engine

    @property
    def key(self) -> str:
        return safe_url(self.url)

    @property
    def path(self) -> str:
        """The store's address as `connect` and `--db` take it (a DuckHandle's is its file)."""
        return self.url

    def exists(self) -> bool:
        return True

    @contextmanager
    def _raw(self) -> Iterator[PgConn]:
        try:
            fairy = self.engine.raw_connection()
        except PoolTimeout:
            raise DatabaseBusy(
                f"Basis data {self.key} sedang penuh dipakai; coba lagi sebentar lagi. "
                "Tidak ada data yang diubah."
            ) from None
        raw: psycopg.Connection = fairy.driver_connection  # type: ignore[assignment]
        raw.autocommit = True
        conn = PgConn(raw)
        try:
            yield conn
        finally:
            _give_back(fairy, raw, conn)

    def cursor(self) -> Any:
        """A connection for reads (autocommit: each statement its own snapshot)."""
        return self._raw()

    def close(self) -> None:
        self.engine.dispose()


def _give_back(fairy: Any, raw: psycopg.Connection, conn: PgConn) -> None:
    """Return a healthy connection to the pool as SQLAlchemy lent it (frames dropped, not in
    autocommit); a broken one is discarded, so the error the caller sees stays the original."""
    try:
        if raw.closed or raw.info.transaction_status.name != "IDLE":
            fairy.invalidate()
            return
        conn.drop_frames()
        raw.autocommit = False
    except psycopg.Error:
        fairy.invalidate()
        return
    finally:
        fairy.close()


def has_schema(url: str) -> bool:
    """The database already holds SAKIP tables (`demo` then needs `--timpa`)."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            found = conn.exec_driver_sql(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_name = 'versi_data'"
            ).scalar()
    finally:
        engine.dispose()
    return bool(found)


def drop_schema(url: str) -> None:
    """Every SAKIP table, sequence, type and function dropped, in one transaction."""
    from sqlmodel import SQLModel

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            SQLModel.metadata.drop_all(conn)
            conn.exec_driver_sql(dialect.PG_DROP)
    finally:
        engine.dispose()
