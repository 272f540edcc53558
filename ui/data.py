"""Reaching the database from pages: one cached handle, cached query results.

Every cached function is keyed by the database path (and the period where it has one), so two
databases in one process (tests) never share results. Results are cached for a short time only;
pages that write must call `clear_caches()` afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

import sakip_core
from sakip_core.db import DatabaseBusy, Handle, resolve_db_path
from sakip_core.settings import get_setting

T = TypeVar("T")
TTL_SECONDS = 120


def db_path() -> str:
    """The database file this server uses (`$SAKIP_DB` or data/sakip.duckdb), absolute."""
    return str(resolve_db_path().resolve())


@st.cache_resource(show_spinner=False)
def _handle(path: str) -> Handle:
    return sakip_core.connect(path)


def handle() -> Handle:
    """The shared handle; a missing database is explained on the page instead of a traceback."""
    try:
        return _handle(db_path())
    except FileNotFoundError as exc:
        st.error(str(exc))
        st.stop()


def _guard(fn: Callable[..., T], *args: Any) -> T:
    """Run a query; a database held by another process is explained, not raised."""
    try:
        return fn(*args)
    except DatabaseBusy as exc:
        st.error(str(exc))
        st.stop()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _setting(path: str, key: str) -> Any:
    return get_setting(_handle(path), key)


def setting(key: str) -> Any:
    """A value from the `pengaturan` table (see sakip_core.settings.DEFAULT_SETTINGS)."""
    handle()
    return _guard(_setting, db_path(), key)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _latest_period(path: str) -> tuple[int, int] | None:
    df = _handle(path).query_df("SELECT max(tahun * 10 + triwulan) AS p FROM realisasi")
    value = df["p"].iloc[0]
    if pd.isna(value):
        return None
    return int(value) // 10, int(value) % 10


def latest_period() -> tuple[int, int] | None:
    """(tahun, triwulan) of the latest quarter with any realisasi, or None when there is none."""
    handle()
    return _guard(_latest_period, db_path())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _years(path: str) -> list[int]:
    df = _handle(path).query_df(
        "SELECT DISTINCT tahun FROM indikator WHERE aktif "
        "UNION SELECT DISTINCT tahun FROM realisasi ORDER BY tahun DESC"
    )
    return [int(t) for t in df["tahun"]]


def years() -> list[int]:
    """Years that have indicators or realisations, newest first."""
    handle()
    return _guard(_years, db_path())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _ranking_detail(path: str, tahun: int, triwulan: int) -> pd.DataFrame:
    return sakip_core.ranking_detail(_handle(path), tahun, triwulan, digits=2)


def ranking_detail(tahun: int, triwulan: int) -> pd.DataFrame:
    """`sakip_core.ranking_detail` (2 decimals) for the period, all OPDs, in rank order."""
    handle()
    return _guard(_ranking_detail, db_path(), int(tahun), int(triwulan))


def clear_caches() -> None:
    """Forget cached query results (call after any write)."""
    for fn in (_setting, _latest_period, _years, _ranking_detail):
        fn.clear()
