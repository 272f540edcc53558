"""Bringing a database file up to the current models (new tables, then new columns).

A file built by an earlier release lacks what was added since (sessions, the data version,
`harus_ganti_sandi`, …). `SQLModel.metadata.create_all` adds missing tables only; the missing
columns are added here with their server default (every added column has one or is nullable),
so `make run` on an old `data/sakip.duckdb` keeps working.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import SQLModel

from sakip_core import dialect
from sakip_core.db import Handle


def install_server_functions(handle: Handle) -> None:
    """DuckDB's functions the queries use, created on PostgreSQL (nothing to do on DuckDB)."""
    if handle.engine.dialect.name != "postgresql":
        return
    with handle.transaction(versioned=False) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(4242)")  # two replicas starting at once
        conn.execute(dialect.PG_FUNCTIONS)


def _missing_columns(handle: Handle) -> list[tuple[str, Any]]:
    """(table, column) pairs of the models that the database file lacks."""
    with handle.cursor() as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        ).fetchall()
    present = {(t, c) for t, c in rows}
    tables = {t for t, _ in rows}
    return [
        (table.name, column)
        for table in SQLModel.metadata.sorted_tables
        if table.name in tables
        for column in table.columns
        if (table.name, column.name) not in present
    ]


# what a new column means for the rows that were there before it
BACKFILL = {
    # accounts of a file from before the rule: their passwords were set by an admin or are the
    # public demo one, so each must be replaced at the next login (issue 11, point 10)
    ("pengguna", "harus_ganti_sandi"): (
        "UPDATE pengguna SET harus_ganti_sandi = true WHERE hash_sandi IS NOT NULL"
    ),
}


# what a new table holds for the rows that were there before it
TABLE_BACKFILL = {
    # every indicator version of an older file: the first is the PK awal, later ones corrections
    # of it; the current (aktif) one is in force all year, as the ranking counted it then
    "pk_versi": (
        """INSERT INTO pk_versi (tahun, kode_opd, versi, jenis, tw_awal, tw_akhir, batch_id)
           SELECT tahun, kode_opd, versi,
                  CASE WHEN versi = min(versi) OVER w THEN 'awal' ELSE 'koreksi' END,
                  CASE WHEN bool_or(aktif) THEN 1 END, CASE WHEN bool_or(aktif) THEN 4 END,
                  min(batch_id)
           FROM indikator GROUP BY tahun, kode_opd, versi
           WINDOW w AS (PARTITION BY tahun, kode_opd)"""
    ),
}


def ensure_schema(handle: Handle) -> None:
    """Bring a database file up to the current models: new tables, then new columns.

    A file built by an earlier release lacks tables and columns added since (sessions, the
    data version, `harus_ganti_sandi`); `create_all` adds tables only. New columns are added
    with their server default (every added column has one or is nullable), then `BACKFILL`
    gives the old rows their meaning, in the same transaction.
    """
    new_tables = _missing_tables(handle) if handle.exists() else set(SQLModel.metadata.tables)
    SQLModel.metadata.create_all(handle.engine)
    install_server_functions(handle)
    for table in sorted(new_tables & set(TABLE_BACKFILL)):
        if "indikator" not in new_tables:  # a brand-new file has nothing to carry over
            with handle.transaction(versioned=False) as conn:
                conn.execute(TABLE_BACKFILL[table])
    for table, column in _missing_columns(handle):
        ddl = column.type.compile(dialect=handle.engine.dialect)
        default = column.server_default
        clause = f" DEFAULT {default.arg.text}" if default is not None else ""  # type: ignore[attr-defined]
        with handle.transaction(versioned=False) as conn:
            conn.execute(f'ALTER TABLE {table} ADD COLUMN "{column.name}" {ddl}{clause}')
            if (table, column.name) in BACKFILL:
                conn.execute(BACKFILL[(table, column.name)])


_SCHEMA_CHECKED: set[str] = set()


def upgrade_once(handle: Handle) -> None:
    """`ensure_schema` for a writable handle, once per file and process (a 2 ms check after)."""
    key = handle.key
    if handle.read_only or key in _SCHEMA_CHECKED:
        return
    if _missing_tables(handle) or _missing_columns(handle):
        ensure_schema(handle)
    _SCHEMA_CHECKED.add(key)


def _missing_tables(handle: Handle) -> set[str]:
    with handle.cursor() as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()"
        ).fetchall()
    return set(SQLModel.metadata.tables) - {t for (t,) in rows}
