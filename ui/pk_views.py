"""Rendering pieces of the Perjanjian Kinerja pages (no page logic, no SQL)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from sakip_core.chart_text import chart_text, indonesian
from sakip_core.fmt import angka, angka_ringkas, rupiah
from sakip_core.pk.model import PerjanjianKinerja, Pihak
from ui.text import md

STATUS = {
    "draft": ("Draf", "gray"),
    "perubahan": ("PK Perubahan, belum ditandatangani", "orange"),
    "ditandatangani": ("Ditandatangani", "green"),
}
JENJANG = {
    "kepala_daerah": "Kepala daerah", "jpt": "JPT (kepala OPD)", "administrator": "Administrator",
    "pengawas": "Pengawas", "fungsional": "Fungsional", "pelaksana": "Pelaksana",
}  # fmt: skip


def jabatan_label(row: pd.Series) -> str:
    holder = row["nama_pejabat"] if pd.notna(row["nama_pejabat"]) else "lowong"
    return f"{row['nama_jabatan']} — {holder}"


def status_badge(pk: PerjanjianKinerja) -> None:
    label, color = STATUS.get(pk.status, (pk.status, "gray"))
    kind = {"awal": "PK awal", "koreksi": "koreksi", "perubahan": "PK Perubahan"}[pk.jenis_versi]
    st.badge(f"{label} · versi {pk.versi} ({kind})", color=color)
    if pk.tanggal is not None:
        st.caption(f"Ditandatangani {pk.tanggal:%d-%m-%Y}.")
    if pk.alasan_perubahan:
        st.caption(md(f"Alasan perubahan: {pk.alasan_perubahan}"))


def party(title: str, p: Pihak | None) -> None:
    st.markdown(f"**{title}**")
    if p is None:
        st.caption("Kepala daerah menandatangani PK-nya sendiri, tanpa pihak kedua.")
        return
    lines = [p.nama_pejabat or "(lowong)", p.jabatan_tertulis]
    if p.pangkat:
        lines.append(p.pangkat)
    if p.nip:
        lines.append(f"NIP. {p.nip_tertulis}")
    st.markdown("  \n".join(md(line) for line in lines))


def indicator_table(pk: PerjanjianKinerja) -> None:
    rows = [
        {
            "No": line.no,
            "Sasaran": line.sasaran,
            "Indikator kinerja": line.indikator,
            "Target": f"{line.target_teks} {line.satuan}".strip(),
            **{f"TW {q}": angka_ringkas(line.target_tw[q - 1]) for q in (1, 2, 3, 4)},
            "Program": line.program or "",
        }
        for line in pk.indikator
    ]
    if not rows:
        st.info("Jabatan ini belum memiliki indikator PK pada tahun ini.")
        return
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def program_table(pk: PerjanjianKinerja) -> None:
    if not pk.program:
        st.caption("Tidak ada program dengan anggaran pada PK ini.")
        return
    rows = [{"No": p.no, "Program": p.program, "Anggaran": rupiah(p.anggaran)} for p in pk.program]
    rows.append({"No": None, "Program": "Jumlah", "Anggaran": rupiah(pk.total_anggaran)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


RANKING_LABELS = {
    "peringkat": "Peringkat", "nama_jabatan": "Jabatan", "nama_pejabat": "Pejabat",
    "jenjang": "Jenjang", "skor": "Skor", "capaian_rata2": "Capaian rata-rata (%)",
    "kepatuhan": "Kepatuhan lapor (%)", "jumlah_indikator": "Indikator",
    "jumlah_dilaporkan": "Dilaporkan", "kategori": "Kategori",
}  # fmt: skip


def ranking_table(df: pd.DataFrame) -> None:
    shown = df[list(RANKING_LABELS)].copy()
    shown["jenjang"] = shown["jenjang"].map(JENJANG).fillna(shown["jenjang"])
    for col in ("skor", "capaian_rata2", "kepatuhan"):
        shown[col] = shown[col].map(lambda v: angka(v, 2))
    st.dataframe(shown.rename(columns=RANKING_LABELS), hide_index=True, width="stretch")


def trend_chart(trend: pd.DataFrame, title: str) -> go.Figure:
    fig = go.Figure(
        go.Scatter(
            x=[f"TW {q}" for q in trend["triwulan"]],
            y=trend["skor"],
            mode="lines+markers+text",
            text=[angka(v, 1) for v in trend["skor"]],
            textposition="top center",
            hovertemplate="%{x}: skor %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title=chart_text(title), xaxis_title="Triwulan", yaxis_title="Skor", height=340,
        separators=",.", yaxis_range=[0, 125], margin={"l": 40, "r": 20, "t": 50, "b": 40},
    )  # fmt: skip
    return indonesian(fig)
