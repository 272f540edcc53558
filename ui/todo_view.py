"""The to-do list on Beranda (issue 14, point 4): an operator's own list, and for the admin
every OPD's counts with the operator account to contact, exportable as a reminder list."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from sakip_core import todo
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.export import excel_csv, to_excel
from sakip_core.fmt import angka
from sakip_core.lhe.state import KEADAAN_LABEL
from ui import data
from ui.text import md, nama_triwulan

UNGGAH = "pages/unggah.py"
LKE = "pages/lke.py"
SUMMARY_HEADS = {
    "kode_opd": "Kode OPD", "nama_opd": "OPD", "belum_lapor": "Indikator belum dilaporkan",
    "ditolak": "Nilai ditolak", "draf": "Belum diajukan", "hari_terlambat": "Hari terlambat",
    "kriteria_lke_belum": "Kriteria LKE belum diusulkan",
    "aksi_rb_tertinggal": "Aksi RB tertinggal", "lhe_terbuka": "Rekomendasi LHE terbuka",
    "operator": "Akun operator",
}  # fmt: skip


@data.cached(max_entries=64)
def _opd_todo(h: Handle, actor: Actor, kode_opd: str, hour: str) -> todo.Todo | None:
    return todo.opd_todo(h, actor, kode_opd, datetime.fromisoformat(hour))


@data.cached(max_entries=8)
def _summary(h: Handle, actor: Actor, hour: str) -> pd.DataFrame:
    return todo.summary(h, actor, datetime.fromisoformat(hour))


def deadline_text(t: todo.Todo) -> str:
    q = t.kuartal
    head = f"{nama_triwulan(q.triwulan)} {q.tahun}, batas waktu {q.batas_waktu:%d-%m-%Y %H:%M}"
    if t.hari_terlambat:
        return f"{head}: **terlambat {angka(t.hari_terlambat, 0)} hari**"
    return head if q.sudah_berakhir else f"{head} (triwulan berjalan)"


def _fix_button(tahun: int, triwulan: int, key: str) -> None:
    if st.button(f"Perbaiki di Unggah Realisasi ({nama_triwulan(triwulan)} {tahun})",
                 icon=":material/edit:", key=key):  # fmt: skip
        st.switch_page(UNGGAH, query_params={"tahun": str(tahun), "triwulan": str(triwulan)})


def show_operator(actor: Actor) -> None:
    """The operator's own list, above the ranking."""
    t = _opd_todo(actor, str(actor.kode_opd), data.this_hour())
    with st.container(border=True, key="tugas_operator"):
        st.subheader("Yang perlu Anda selesaikan", anchor=False)
        if t is None:
            st.info("Belum ada Perjanjian Kinerja; tidak ada yang perlu dilaporkan.")
            return
        st.markdown(f"Triwulan terbuka: {deadline_text(t)}.")
        if t.kosong:
            st.success("Semua sudah beres: tidak ada laporan yang tertunda.")
            return
        _owed(t)


def _owed(t: todo.Todo) -> None:
    q = t.kuartal
    if len(t.belum_lapor):
        st.markdown(f"**{angka(len(t.belum_lapor), 0)} indikator belum dilaporkan**")
        st.dataframe(t.belum_lapor.rename(columns={"kode_indikator": "Kode", "indikator":
                     "Indikator", "level": "Level"}), hide_index=True,
                     height="content" if len(t.belum_lapor) <= 8 else 320)  # fmt: skip
        _fix_button(q.tahun, q.triwulan, "tugas_lapor")
    if len(t.ditolak):
        st.markdown(f"**{angka(len(t.ditolak), 0)} nilai ditolak verifikator**")
        shown = t.ditolak.rename(
            columns={
                "tahun": "Tahun",
                "triwulan": "TW",
                "kode_indikator": "Kode",
                "indikator": "Indikator",
                "realisasi": "Realisasi",
                "catatan": "Catatan verifikator",
                "oleh": "Verifikator",
            }
        )
        st.dataframe(shown.style.format({"Realisasi": lambda v: angka(v, 2)}), hide_index=True)
        for tahun, tw in sorted(
            {
                (int(a), int(b))
                for a, b in zip(t.ditolak["tahun"], t.ditolak["triwulan"], strict=True)
            }
        ):
            _fix_button(tahun, tw, f"tugas_tolak_{tahun}_{tw}")
    if len(t.draf):
        st.markdown(f"**{angka(len(t.draf), 0)} nilai sudah diunggah tetapi belum diajukan** "
                    "untuk verifikasi (langkah 4 di Unggah Realisasi).")  # fmt: skip
    if t.kriteria_lke_belum:
        st.markdown(f"**{angka(t.kriteria_lke_belum, 0)} kriteria LKE {q.tahun} belum diusulkan** "
                    "(halaman Evaluasi SAKIP).")  # fmt: skip
    if len(t.aksi_rb):
        bulan = int(t.aksi_rb["bulan"].max())
        with st.expander(f"{angka(len(t.aksi_rb), 0)} aksi RB tertinggal dari rencana "
                         f"(bulan {bulan})"):  # fmt: skip
            st.dataframe(_rb_frame(t.aksi_rb), hide_index=True)
    if len(t.lhe_terbuka):
        _lhe_owed(t.lhe_terbuka)


def _lhe_owed(df: pd.DataFrame) -> None:
    """Open LHE follow-ups, overdue first, with a way to the LKE page's LHE tab."""
    late = int(df["terlambat"].sum())
    extra = f", {angka(late, 0)} lewat batas waktu" if late else ""
    st.markdown(f"**{angka(len(df), 0)} rekomendasi LHE belum ditindaklanjuti{extra}** "
                "(halaman Evaluasi SAKIP, tab Tindak lanjut LHE).")  # fmt: skip
    shown = pd.DataFrame({
        "Tahun": df["tahun"], "Kode": df["kode_rekomendasi"], "Rekomendasi": df["rekomendasi"],
        "Batas waktu": pd.to_datetime(df["batas_waktu"]).dt.strftime("%d-%m-%Y"),
        "Keadaan": df["keadaan"].map(KEADAAN_LABEL),
        "Catatan Inspektorat": df["catatan_verifikasi"].fillna("–"),
        "Terlambat": df["terlambat"].map({True: "ya", False: "tidak"}),
    })  # fmt: skip
    st.dataframe(shown, hide_index=True, key="tugas_lhe")
    if st.button(
        "Tindak lanjuti di Evaluasi SAKIP", icon=":material/task_alt:", key="tugas_lhe_ke"
    ):
        st.switch_page(LKE)


def _rb_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.rename(columns={"area": "Area", "kode_aksi": "Kode", "rencana_aksi": "Rencana aksi",
                             "target": "Target tahun", "rencana_sd_bulan": "Rencana s.d. bulan",
                             "realisasi": "Realisasi"})  # fmt: skip
    for col in ("Target tahun", "Rencana s.d. bulan", "Realisasi"):
        out[col] = out[col].map(lambda v: angka(v, 1))
    return out.drop(columns="bulan")


def show_admin(actor: Actor) -> None:
    """Every OPD's counts, most owed first, with the reminder list to download."""
    df = _summary(actor, data.this_hour())
    if df.empty:
        return
    owing = df[df[["belum_lapor", "ditolak", "draf"]].sum(axis=1) > 0]
    title = f"Tagihan laporan per OPD ({angka(len(owing), 0)} OPD belum tuntas)"
    with st.expander(title, expanded=False):
        shown = df.rename(columns=SUMMARY_HEADS).fillna({"Akun operator": "–"})
        st.dataframe(shown, hide_index=True, key="tugas_admin")
        c1, c2 = st.columns(2)
        xlsx = to_excel(shown, sheet="pengingat", labelled=True)
        c1.download_button("Unduh daftar pengingat (Excel)", xlsx,
                           file_name="pengingat_laporan.xlsx", icon=":material/download:",
                           on_click="ignore")  # fmt: skip
        c2.download_button("Unduh daftar pengingat (CSV)", excel_csv(shown),
                           file_name="pengingat_laporan.csv", mime="text/csv",
                           icon=":material/download:", on_click="ignore")  # fmt: skip
        st.caption(md("Terurut dari tagihan terbanyak. Hari terlambat dihitung dari batas waktu "
                      "triwulan terbuka."))  # fmt: skip


@data.cached(max_entries=4)
def _open_quarter(h: Handle, hour: str) -> tuple[int, int] | None:
    oq = todo.open_quarter(h, datetime.fromisoformat(hour))
    return None if oq is None else (oq.tahun, oq.triwulan)


def open_period() -> tuple[int, int] | None:
    """(tahun, triwulan) of the open quarter, for the pages that open on it."""
    return _open_quarter(data.this_hour())
