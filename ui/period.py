"""The period selectors (tahun, triwulan) shared by pages; default: the latest reported quarter."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sakip_core.auth import Actor
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


def pick_unit(slot: Any, actor: Actor, names: dict[str, str], key: str, **kwargs: Any) -> str:
    """The unit of a page showing one OPD or the Pemda: an operator's own OPD (shown, not
    choosable: the core refuses any other), else a selector with PEMDA first. `names` holds
    every unit's name, PEMDA included; `kwargs` go to the selectbox (e.g. `bind`)."""
    if actor.is_operator:
        unit = str(actor.kode_opd)
        slot.text_input("Unit", names.get(unit, unit), disabled=True)
        return unit
    units = ["PEMDA", *sorted(k for k in names if k != "PEMDA")]
    return str(slot.selectbox("Unit", units, format_func=lambda k: f"{k} — {names.get(k, k)}",
                              key=key, **kwargs))  # fmt: skip


def start_on(years: list[int], tahun_key: str, triwulan_key: str,
             open_period: tuple[int, int] | None) -> None:  # fmt: skip
    """Before a page's tahun/triwulan selectors are drawn: the period a link asked for
    (`?tahun=&triwulan=`, read once, then dropped from the URL), else on the page's first
    visit in this session the open quarter (`sakip_core.todo.open_quarter`)."""
    asked = _asked_period(years)
    if asked is not None:
        st.session_state[tahun_key], st.session_state[triwulan_key] = asked
    elif tahun_key not in st.session_state and open_period and open_period[0] in years:
        st.session_state[tahun_key], st.session_state[triwulan_key] = open_period


def _asked_period(years: list[int]) -> tuple[int, int] | None:
    tahun, triwulan = st.query_params.get("tahun"), st.query_params.get("triwulan")
    if tahun is None or triwulan is None:
        return None
    del st.query_params["tahun"], st.query_params["triwulan"]
    try:
        asked = int(tahun), int(triwulan)
    except ValueError:
        return None
    return asked if asked[0] in years and asked[1] in (1, 2, 3, 4) else None
