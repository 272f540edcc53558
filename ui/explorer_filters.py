"""The explorer's filter bar, kept in the URL (`st.query_params`) so a link reproduces the view.

The URL is the source of truth: on a session's first run the widgets are seeded from it; after
that every widget change is written back as plain query parameters (`Filters.to_params`).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from sakip_core.auth import Actor
from sakip_core.explorer import LEVELS, POLARITAS, Filters
from ui import data, explorer_data
from ui.text import nama_triwulan

PREFIX = "jel_"  # session_state keys of the filter widgets
EXTRA_PARAMS = ("ind", "panel")  # non-filter parameters that also live in the URL
LEVEL_TEXT = {
    "pemda": "Pemda",
    "opd": "Kepala OPD",
    "administrator": "Administrator",
    "pengawas": "Pengawas",
    "staf": "Staf",
}


def url_params() -> dict[str, str | list[str]]:
    """The current query parameters, lists for repeated keys."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def default_period() -> tuple[int, int] | None:
    years = data.years()
    if not years:
        return None
    return data.latest_period() or (years[0], 1)


def from_url(params: Mapping[str, str | list[str]], default: tuple[int, int]) -> Filters:
    filters = Filters.from_params(params, *default)
    if filters.tahun not in data.years():
        filters = filters.with_(tahun=default[0])
    return filters


def _seed(filters: Filters) -> None:
    """Put the URL's filters into the widgets, once per session (or after a reset)."""
    if st.session_state.get(PREFIX + "seeded"):
        return
    values = {
        "tahun": filters.tahun,
        "triwulan": filters.triwulan,
        "opd": list(filters.opd),
        "jenis": list(filters.jenis),
        "sasaran": list(filters.sasaran),
        "level": list(filters.level),
        "polaritas": list(filters.polaritas),
        "kategori": list(filters.kategori),
        "iku": filters.iku,
        "belum_lapor": filters.belum_lapor,
        "cari": filters.cari,
    }
    for name, value in values.items():
        st.session_state[PREFIX + name] = value
    st.session_state[PREFIX + "seeded"] = True


def _keep(name: str, allowed: list[str]) -> None:
    """Drop seeded values that are not among the widget's options (e.g. another year's)."""
    key = PREFIX + name
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v in allowed]


def filter_bar(actor: Actor, filters: Filters) -> Filters:
    """Render the filters; returns the Filters the widgets now hold."""
    _seed(filters)
    years = data.years()
    row1 = st.columns([1, 1.4, 3, 2, 3], vertical_alignment="bottom")
    tahun = row1[0].selectbox("Tahun", years, key=PREFIX + "tahun")
    triwulan = row1[1].selectbox(
        "Triwulan", [1, 2, 3, 4], format_func=nama_triwulan, key=PREFIX + "triwulan"
    )
    opts = explorer_data.options(actor, int(tahun))
    names = explorer_data.opd_names()
    for name in ("opd", "jenis", "sasaran", "kategori"):
        _keep(name, opts[name])
    opd = row1[2].multiselect(
        "OPD",
        opts["opd"],
        key=PREFIX + "opd",
        format_func=lambda k: f"{names.get(k, k)} ({k})",
        placeholder="Semua OPD",
    )
    jenis = row1[3].multiselect(
        "Jenis OPD", opts["jenis"], key=PREFIX + "jenis", placeholder="Semua"
    )
    cari = row1[4].text_input(
        "Cari indikator", key=PREFIX + "cari", max_chars=100, placeholder="nama atau kode indikator"
    )
    row2 = st.columns([3, 2, 2, 2, 1.3, 1.5], vertical_alignment="bottom")
    sasaran = row2[0].multiselect(
        "Sasaran", opts["sasaran"], key=PREFIX + "sasaran", placeholder="Semua sasaran"
    )
    level = row2[1].multiselect(
        "Level",
        list(LEVELS),
        key=PREFIX + "level",
        format_func=lambda v: LEVEL_TEXT.get(v, v),
        placeholder="Semua level",
    )
    polaritas = row2[2].multiselect(
        "Polaritas", list(POLARITAS), key=PREFIX + "polaritas", placeholder="Semua"
    )
    kategori = row2[3].multiselect(
        "Kategori", opts["kategori"], key=PREFIX + "kategori", placeholder="Semua"
    )
    iku = row2[4].toggle("IKU saja", key=PREFIX + "iku")
    belum = row2[5].toggle("Belum lapor", key=PREFIX + "belum_lapor")
    return Filters(
        tahun=int(tahun),
        triwulan=int(triwulan),
        opd=tuple(opd),
        jenis=tuple(jenis),
        sasaran=tuple(sasaran),
        level=tuple(level),
        polaritas=tuple(polaritas),
        kategori=tuple(kategori),
        iku=bool(iku),
        belum_lapor=bool(belum),
        cari=str(cari or "").strip(),
    )


def write_url(filters: Filters, extra: Mapping[str, str]) -> None:
    """Replace the query parameters with the filters plus the page's other state."""
    wanted: dict[str, str | list[str]] = {**filters.to_params(), **extra}
    if url_params() != {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}:
        st.query_params.from_dict(wanted)


def reset() -> None:
    """Forget the filters: back to the latest period and no restriction."""
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]
    st.query_params.clear()


def last(value: str | list[str] | None) -> str | None:
    """The last value of a query parameter, or None."""
    if not value:
        return None
    return value if isinstance(value, str) else value[-1]


def panel_from(params: Mapping[str, str | list[str]], panels: list[str]) -> str:
    value = last(params.get("panel"))
    return value if value in panels else panels[0]
