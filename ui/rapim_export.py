"""Download buttons of the Rapim page: Excel and PDF, generated only when clicked."""

from __future__ import annotations

import streamlit as st

from sakip_core.auth import Actor
from sakip_core.reports.rapim_excel import rapim_excel
from sakip_core.reports.rapim_pdf import NO_CHROMIUM, chromium_path, rapim_pdf
from ui import data


def _excel(actor: Actor, tahun: int, triwulan: int) -> bytes:
    return data._guard(rapim_excel, data.handle(), actor, tahun, triwulan)


def _pdf(actor: Actor, tahun: int, triwulan: int) -> bytes:
    return data._guard(rapim_pdf, data.handle(), actor, tahun, triwulan)


def buttons(actor: Actor, tahun: int, triwulan: int) -> None:
    """Two download buttons; the file is built on click (PDF with charts takes a few seconds)."""
    name = f"rapim_{tahun}_tw{triwulan}"
    left, right, note = st.columns([1, 1, 3], vertical_alignment="center")
    left.download_button(
        "Unduh Excel",
        lambda: _excel(actor, tahun, triwulan),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key="rapim_unduh_excel",
    )
    right.download_button(
        "Unduh PDF",
        lambda: _pdf(actor, tahun, triwulan),
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
