"""Cached Rapim queries for the page: keyed by database, data version, actor and arguments.

The data version (see `ui.data.cached`) is bumped by every write of the core, including a
verification from another process, so the leaderboard shows "terverifikasi" on the next run
after an approval, exactly when Beranda does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from sakip_core import rapim
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.rapim import keputusan, sesi
from ui import data

TAHUN_KEY, BULAN_KEY, TRIWULAN_KEY = "tahun", "bulan", "triwulan"  # also the URL parameters


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


@dataclass(frozen=True)
class RapimPeriod:
    """What the Rapim view shows: the PK quarter of the ranking and the month of RB/serapan."""

    tahun: int
    triwulan: int
    tahun_bulan: int
    bulan: int
    otomatis: bool  # the quarter follows the month (the latest one past its deadline)

    @property
    def periode(self) -> tuple[int, int]:
        return self.tahun, self.triwulan

    @property
    def month(self) -> tuple[int, int]:
        return self.tahun_bulan, self.bulan


def pick_period(tahun_slot: Any, bulan_slot: Any, triwulan_slot: Any) -> RapimPeriod | None:
    """Tahun, Bulan and Triwulan selectors of the Rapim page (issue 14, point 1).

    The Rapim is held for a month (default: this month, or Desember of a past year); its RB and
    serapan figures are of that month. The PK ranking is, by default ("Otomatis"), the latest
    quarter whose reporting deadline has passed by the end of that month (possibly of the year
    before), or the quarter chosen. All three are bound to the URL (`?tahun=2026&bulan=November
    &triwulan=Triwulan+III`; a default value is left out), so a reload or bookmark keeps the view.
    """
    from sakip_core import clock
    from sakip_core.fmt import NAMA_BULAN
    from ui.text import nama_triwulan

    years = data.years()
    if not years:
        st.info("Belum ada data kinerja: unggah OPD, indikator (PK) dan realisasi lebih dahulu.")
        return None
    today = clock.now()
    # the Rapim's year: this year too before its PK exists (January: TW IV of last year)
    years = sorted({*years, today.year}, reverse=True)
    tahun = int(tahun_slot.selectbox(
        "Tahun", years, index=years.index(today.year), key=TAHUN_KEY, bind="query-params"
    ))  # fmt: skip
    bulan = int(bulan_slot.selectbox(
        "Bulan", list(range(1, 13)), index=(today.month if tahun == today.year else 12) - 1,
        format_func=lambda m: NAMA_BULAN[m - 1], key=BULAN_KEY, bind="query-params",
    ))  # fmt: skip
    choice = int(triwulan_slot.selectbox(
        "Triwulan PK", [0, 1, 2, 3, 4], index=0, key=TRIWULAN_KEY, bind="query-params",
        format_func=lambda q: "Otomatis" if q == 0 else nama_triwulan(q),
        help="Otomatis: triwulan terakhir yang batas waktu pelaporannya sudah lewat pada akhir "
        "bulan Rapim.",
    ))  # fmt: skip
    if choice:
        return RapimPeriod(tahun, choice, tahun, bulan, otomatis=False)
    found = pk_period(tahun, bulan, data.this_hour())
    if found is None:
        st.info(
            f"Pada {NAMA_BULAN[bulan - 1]} {tahun} belum ada triwulan yang batas waktu "
            f"pelaporannya lewat; ditampilkan Triwulan I {tahun}. Pilih triwulan lain di atas."
        )
        return RapimPeriod(tahun, 1, tahun, bulan, otomatis=False)
    return RapimPeriod(*found, tahun, bulan, otomatis=True)


# --- Rapim sessions (issue 14, point 1) -------------------------------------------------------


@data.cached(max_entries=20, resource=True)
def _figures(h: Handle, actor: Actor, periode: tuple, bulan: tuple) -> dict[str, pd.DataFrame]:
    return rapim.figures(h, actor, *periode, *bulan)


def figures(actor: Actor, periode: tuple[int, int], bulan: tuple[int, int]) -> dict:
    """Every live table of the Rapim (`sakip_core.rapim.sesi.figures`), cached; read only."""
    return _figures(actor, tuple(int(x) for x in periode), tuple(int(x) for x in bulan))


@data.cached(max_entries=20, resource=True)
def _since_last(h: Handle, actor: Actor, periode: tuple, bulan: tuple) -> tuple[Any, dict]:
    last = sesi.sebelum(h, actor)
    return last, sesi.compare_with_last(h, actor, figures(actor, periode, bulan), last)


def since_last(actor: Actor, periode: tuple[int, int], bulan: tuple[int, int]) -> tuple:
    """(the last Rapim or None, {"sejak", "tindak_lanjut"} of the live figures against it)."""
    return _since_last(actor, tuple(int(x) for x in periode), tuple(int(x) for x in bulan))


@data.cached(max_entries=20)
def sessions(h: Handle, actor: Actor) -> list:
    return sesi.daftar(h, actor)


@data.cached(max_entries=10, resource=True)
def snapshot(h: Handle, actor: Actor, sesi_id: int) -> dict[str, pd.DataFrame]:
    return sesi.snapshot(h, actor, sesi_id)


@data.cached(max_entries=20)
def decisions(h: Handle, actor: Actor, sesi_id: int | None) -> pd.DataFrame:
    return keputusan.daftar_keputusan(h, actor, sesi_id)


@data.cached()
def pk_period(h: Handle, tahun: int, bulan: int, hour: str) -> tuple[int, int] | None:
    """The PK quarter a Rapim of the month ranks (deadline passed); `hour` keys the clock."""
    from sakip_core import clock

    return rapim.pk_period(h, tahun, bulan, clock.now())


@data.cached(max_entries=20)
def session_before(h: Handle, actor: Actor, sesi_id: int) -> Any:
    """The Rapim before `sesi_id`, the one its snapshot was compared with (None: the first)."""
    return sesi.sebelum(h, actor, sesi_id)
