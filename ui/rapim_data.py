"""Cached Rapim queries for the page: keyed by database, data version, actor and arguments.

The data version (see `ui.data.cached`) is bumped by every write of the core, including a
verification from another process, so the leaderboard shows "terverifikasi" on the next run
after an approval, exactly when Beranda does.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from sakip_core import rapim
from sakip_core.auth import Actor
from sakip_core.db import Handle
from ui import data

TAHUN_KEY, TRIWULAN_KEY = "tahun", "triwulan"  # also the URL parameters


@data.cached(max_entries=200)
def _call(h: Handle, name: str, actor: Actor, args: tuple) -> Any:
    return getattr(rapim, name)(h, actor, *args)


def call(name: str, actor: Actor, *args: Any) -> Any:
    """`sakip_core.rapim.<name>(handle, actor, *args)`, cached. AccessDenied propagates."""
    return _call(name, actor, tuple(args))


def leaderboard(actor: Actor, tahun: int, triwulan: int) -> pd.DataFrame:
    return call("leaderboard", actor, int(tahun), int(triwulan))


@data.cached(max_entries=50)
def _kandidat(h: Handle, actor: Actor, tahun: int, triwulan: int) -> Any:
    board = leaderboard(actor, tahun, triwulan)  # cached already
    return rapim.kandidat(h, actor, tahun, triwulan, board=board)


def kandidat(actor: Actor, tahun: int, triwulan: int) -> dict[str, pd.DataFrame]:
    """Top and bottom five with their driving indicators (AccessDenied for operators)."""
    return _kandidat(actor, int(tahun), int(triwulan))


@data.cached()
def _plain(h: Handle, name: str, args: tuple) -> Any:
    return getattr(rapim, name)(h, *args)


def call_plain(name: str, *args: Any) -> Any:
    """A rapim function without an actor (settings such as `weights`), cached."""
    return _plain(name, tuple(args))


def pick_period(tahun_slot: Any, triwulan_slot: Any) -> tuple[int, int] | None:
    """Tahun and triwulan selectors of the Rapim page; default: the latest reported quarter.

    Both are bound to the URL (`?tahun=2026&triwulan=Triwulan+III`; a default value is left out
    of the URL), so a reload or a bookmark shows the same period. `index=` defaults and no
    session_state pre-set: coming back from another page lands on the latest reported quarter.
    """
    from ui.text import nama_triwulan

    years = data.years()
    if not years:
        st.info("Belum ada data kinerja: unggah OPD, indikator (PK) dan realisasi lebih dahulu.")
        return None
    latest = data.latest_period() or (years[0], 1)
    tahun = tahun_slot.selectbox(
        "Tahun",
        years,
        index=years.index(latest[0]) if latest[0] in years else 0,
        key=TAHUN_KEY,
        bind="query-params",
    )
    default_q = latest[1] if tahun == latest[0] else 4
    triwulan = triwulan_slot.selectbox(
        "Triwulan",
        [1, 2, 3, 4],
        index=default_q - 1,
        format_func=nama_triwulan,
        key=TRIWULAN_KEY,
        bind="query-params",
    )
    return int(tahun), int(triwulan)
