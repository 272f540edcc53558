"""Cached Rapim queries for the page: keyed by database, data version, actor and period.

The data version is the last upload batch plus the settings and band table, so a new upload or
a changed weight clears the Rapim figures at once ("cleared when new data lands"), without the
writer having to know about this cache. Results also expire after `TTL_SECONDS`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from sakip_core import rapim
from sakip_core.auth import Actor
from ui import data

TTL_SECONDS = 600
_VERSION_SQL = """
SELECT (SELECT coalesce(max(id), 0) FROM batch_unggah) AS b,
       (SELECT coalesce(string_agg(kunci || '=' || nilai, '|' ORDER BY kunci), '')
          FROM pengaturan) AS s,
       (SELECT coalesce(string_agg(label || batas_bawah || warna, '|' ORDER BY batas_bawah), '')
          FROM skala_kategori) AS k"""


def version() -> str:
    """A short text that changes whenever data or settings change."""
    row = data._guard(data.handle().query_df, _VERSION_SQL).iloc[0]
    return f"{row['b']}:{hash((row['s'], row['k']))}"


def _who(actor: Actor) -> tuple[str, str, str | None]:
    return (actor.nama_pengguna, actor.peran, actor.kode_opd)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=200)
def _call(path: str, ver: str, name: str, who: tuple, args: tuple) -> Any:
    return getattr(rapim, name)(data._handle(path), Actor(*who), *args)


def call(name: str, actor: Actor, *args: Any) -> Any:
    """`sakip_core.rapim.<name>(handle, actor, *args)`, cached. AccessDenied propagates."""
    data.handle()
    return data._guard(_call, data.db_path(), version(), name, _who(actor), tuple(args))


def leaderboard(actor: Actor, tahun: int, triwulan: int) -> pd.DataFrame:
    return call("leaderboard", actor, tahun, triwulan)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=50)
def _kandidat(path: str, ver: str, who: tuple, tahun: int, triwulan: int) -> Any:
    board = _call(path, ver, "leaderboard", who, (tahun, triwulan))  # cached already
    return rapim.kandidat(data._handle(path), Actor(*who), tahun, triwulan, board=board)


def kandidat(actor: Actor, tahun: int, triwulan: int) -> dict[str, pd.DataFrame]:
    """Top and bottom five with their driving indicators (AccessDenied for operators)."""
    data.handle()
    return data._guard(_kandidat, data.db_path(), version(), _who(actor), tahun, triwulan)


def clear() -> None:
    for fn in (_call, _kandidat, _plain):
        fn.clear()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _plain(path: str, ver: str, name: str, args: tuple) -> Any:
    return getattr(rapim, name)(data._handle(path), *args)


def call_plain(name: str, *args: Any) -> Any:
    """A rapim function without an actor (settings such as `weights`), cached."""
    data.handle()
    return data._guard(_plain, data.db_path(), version(), name, tuple(args))


def pick_period(tahun_slot: Any, triwulan_slot: Any) -> tuple[int, int] | None:
    """Tahun and triwulan selectors of the Rapim page; default: the latest reported quarter.

    Own keys and `index=` defaults (no session_state pre-set), so coming back from another page
    always lands on the latest reported quarter instead of a stale or reset selection.
    """
    from ui.text import nama_triwulan

    years = data.years()
    if not years:
        st.info("Belum ada data kinerja: unggah OPD, indikator (PK) dan realisasi lebih dahulu.")
        return None
    latest = data.latest_period() or (years[0], 1)
    tahun = tahun_slot.selectbox(
        "Tahun", years, index=years.index(latest[0]) if latest[0] in years else 0, key="rapim_tahun"
    )
    default_q = latest[1] if tahun == latest[0] else 4
    triwulan = triwulan_slot.selectbox(
        "Triwulan",
        [1, 2, 3, 4],
        index=default_q - 1,
        format_func=nama_triwulan,
        key="rapim_triwulan",
    )
    return int(tahun), int(triwulan)
