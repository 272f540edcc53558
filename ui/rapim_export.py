"""Download buttons of the Rapim page: Excel and PDF, generated only when clicked; of the live
figures, or of a past Rapim from its snapshot (what was shown then)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from sakip_core.auth import Actor
from sakip_core.reports.rapim_excel import rapim_excel, rapim_excel_snapshot
from sakip_core.reports.rapim_pdf import (
    NO_CHROMIUM,
    chromium_path,
    rapim_pdf,
    rapim_pdf_snapshot,
)
from ui import data


def _maker(actor: Actor, live: Callable, past: Callable, args: tuple, sesi_id: int | None):
    """The builder the download button calls on click."""
    if sesi_id is None:
        return lambda: data.guard(live, data.handle(), actor, *args)
    return lambda: data.guard(past, data.handle(), actor, sesi_id)


def buttons(
    actor: Actor,
    tahun: int,
    triwulan: int,
    bulan: tuple[int, int] | None = None,
    sesi_id: int | None = None,
) -> None:
    """Two download buttons; the file is built on click (PDF with charts takes a few seconds).
    With `sesi_id`, the files of that past Rapim's snapshot."""
    name = f"rapim_{tahun}_tw{triwulan}" + (f"_no{sesi_id}" if sesi_id else "")
    args = (tahun, triwulan, bulan)
    left, right, note = st.columns([1, 1, 3], vertical_alignment="center")
    left.download_button(
        "Unduh Excel",
        _maker(actor, rapim_excel, rapim_excel_snapshot, args, sesi_id),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key="rapim_unduh_excel",
    )
    right.download_button(
        "Unduh PDF",
        _maker(actor, rapim_pdf, rapim_pdf_snapshot, args, sesi_id),
        file_name=f"{name}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key="rapim_unduh_pdf",
    )
    if chromium_path() is None:
        note.warning(NO_CHROMIUM.format(path="chromium") + " PDF tetap dibuat tanpa grafik.")
    else:
        note.caption("PDF memuat grafik; pembuatannya perlu beberapa detik.")
