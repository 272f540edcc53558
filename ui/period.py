"""The period selectors (tahun, triwulan) shared by pages; default: the latest reported quarter."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import data
from ui.text import nama_triwulan

TAHUN_KEY = "periode_tahun"
TRIWULAN_KEY = "periode_triwulan"


def pick_period(tahun_slot: Any = st, triwulan_slot: Any = st) -> tuple[int, int] | None:
    """The two selectors (placed in the given containers, e.g. columns of the page's title row).

    None, with a message on the page, when the database has no years yet.
    """
    years = data.years()
    if not years:
        st.info(
            "Belum ada data kinerja: unggah daftar OPD, indikator (Perjanjian Kinerja) dan "
            "realisasi terlebih dahulu."
        )
        return None
    latest = data.latest_period() or (years[0], 1)
    if st.session_state.get(TAHUN_KEY) not in years:
        st.session_state[TAHUN_KEY] = latest[0] if latest[0] in years else years[0]
    if st.session_state.get(TRIWULAN_KEY) not in (1, 2, 3, 4):
        st.session_state[TRIWULAN_KEY] = latest[1]
    tahun = tahun_slot.selectbox("Tahun", years, key=TAHUN_KEY)
    triwulan = triwulan_slot.selectbox(
        "Triwulan", [1, 2, 3, 4], format_func=nama_triwulan, key=TRIWULAN_KEY
    )
    return int(tahun), int(triwulan)
