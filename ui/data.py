"""Reaching the database from pages: one cached handle, and query results cached by data version.

`cached` turns a core function `fn(handle, *args)` into a page helper `helper(*args)` whose
results are kept per database file, per **data version** and per argument. The data version
(`Handle.data_version`) is bumped inside the transaction of every write of the core, from this
app, another session, another process or the CLI, so the next run of any page recomputes what
changed and nothing is ever served stale; no page has to remember to clear a cache. The TTL
only bounds memory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

import sakip_core
from sakip_core import clock
from sakip_core.auth import Actor
from sakip_core.calc.period import known_years, latest_reported
from sakip_core.db import DatabaseBusy, Handle, configured_target
from sakip_core.settings import get_setting

T = TypeVar("T")
TTL_SECONDS = 600


def db_path() -> str:
    """The database this server uses (`$SAKIP_DB` or data/sakip.duckdb): a file or a URL."""
    return configured_target()


@st.cache_resource(show_spinner=False)
def _handle(path: str) -> Handle:
    return sakip_core.connect(path)


def handle() -> Handle:
    """The shared handle; a missing, damaged or busy database is explained on the page instead
    of a traceback (sakip_core.faults says which)."""
    from sakip_core import faults

    try:
        return _handle(db_path())
    except FileNotFoundError as exc:  # DatabaseMissing: "run init or demo first"
        st.error(str(exc))
        st.stop()
    except Exception as exc:
        if not faults.is_fault(exc):
            raise
        st.error(faults.describe(exc))
        st.stop()


def _guard(fn: Callable[..., T], *args: Any) -> T:
    """Run a query; a database held by another process, gone, damaged or on a full disk is
    explained, not raised (a bug still raises)."""
    from sakip_core import faults

    try:
        return fn(*args)
    except DatabaseBusy as exc:
        st.error(str(exc))
        st.stop()
    except Exception as exc:
        if not faults.is_fault(exc):
            raise
        st.error(faults.describe(exc))
        st.stop()


guard = _guard  # the public name for pages and ui helpers


def version() -> int:
    """The data version of this server's database, read now (about a millisecond)."""
    return _guard(handle().data_version)


@dataclass(frozen=True)
class _Frozen:
    """An argument turned into plain hashable fields for a cache key (never user-supplied)."""

    kind: str
    fields: tuple


def _freeze(value: Any) -> Any:
    """Arguments as plain hashable values: an Actor becomes its fields (name, role, OPD: two
    users with different access never share an entry), a list a tuple."""
    if isinstance(value, Actor):
        return _Frozen("actor", (value.nama_pengguna, value.peran, value.kode_opd))
    if isinstance(value, list):
        return _Frozen("list", tuple(value))
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, _Frozen):
        return Actor(*value.fields) if value.kind == "actor" else list(value.fields)
    return value


def cached(
    *, max_entries: int = 64, resource: bool = False
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: `fn(handle, *args)` -> `helper(*args)`, cached by file, data version, args.

    `resource=True` keeps the very object (no copy per hit) for large frames that callers only
    read. An `AccessDenied` from the core propagates to the page as it is.
    """

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def compute(path: str, ver: int, args: tuple) -> T:
            return fn(_handle(path), *(_thaw(a) for a in args))

        cache = st.cache_resource if resource else st.cache_data
        store = cache(ttl=TTL_SECONDS, max_entries=max_entries, show_spinner=False)(compute)

        @functools.wraps(fn)
        def helper(*args: Any) -> T:
            h = handle()
            frozen = tuple(_freeze(a) for a in args)
            return _guard(store, db_path(), _guard(h.data_version), frozen)

        helper.clear = store.clear  # type: ignore[attr-defined]
        return helper

    return wrap


def this_hour() -> str:
    """The wall clock to the hour, as a cache argument: figures that count days late change at
    most once a day, so they are recomputed at most once an hour."""
    return clock.now().replace(minute=0, second=0, microsecond=0).isoformat()


@cached()
def setting(h: Handle, key: str) -> Any:
    """A value from the `pengaturan` table (see sakip_core.settings.DEFAULT_SETTINGS)."""
    return get_setting(h, key)


@cached()
def latest_period(h: Handle) -> tuple[int, int] | None:
    """(tahun, triwulan) of the latest quarter with any realisasi, or None when there is none."""
    return latest_reported(h)


@cached()
def years(h: Handle) -> list[int]:
    """Years that have indicators or realisations, newest first."""
    return known_years(h)


@cached()
def _ranking_detail(h: Handle, tahun: int, triwulan: int) -> pd.DataFrame:
    return sakip_core.ranking_detail(h, tahun, triwulan, digits=2)


def ranking_detail(tahun: int, triwulan: int) -> pd.DataFrame:
    """`sakip_core.ranking_detail` (2 decimals) for the period, all OPDs, in rank order."""
    return _ranking_detail(int(tahun), int(triwulan))
