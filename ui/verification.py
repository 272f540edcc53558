"""The verification page's views: the table of one OPD's quarter with its context columns, and
the detail of one value (figures, earlier rejection, evidence inline) above its decision."""

from __future__ import annotations

import importlib.util

import pandas as pd
import streamlit as st

from sakip_core import evidence
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.fmt import angka_tepat, persen
from sakip_core.verification_queue import VerificationSheet
from ui.reporting import period_label, status_text
from ui.text import md

DASH = "—"
IMAGES = ("jpg", "png")
# st.pdf needs the optional `streamlit[pdf]` component; without it a PDF is offered for download
PDF_INLINE = importlib.util.find_spec("streamlit_pdf") is not None


def _or_dash(text: str) -> str:
    return text if text else DASH


def exact(x: object) -> str:
    """An input value exactly as stored (12,345 stays 12,345), or a dash."""
    return _or_dash(angka_tepat(x))


def computed(x: object) -> str:
    """A figure computed from inputs (a sum, a pro-rata target): the same format, without the
    float noise of the arithmetic (0,1 + 0,2 shows 0,3)."""
    return exact(None if x is None or pd.isna(x) else round(float(x), 9))


def target_text(row: pd.Series) -> str:
    """T of the quarter, or the band L–H of a rentang indicator."""
    if row.get("polaritas") == "rentang":
        lo, hi = computed(row.get("target_min")), computed(row.get("target_max"))
        return DASH if lo == hi == DASH else f"{lo}–{hi}"
    return computed(row.get("target_sd"))


def capaian_text(x: object) -> str:
    return _or_dash(persen(x, 2))


def text(value: object) -> str:
    """A text cell: a dash for an empty one (no None, no nan on screen)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return DASH
    return str(value).strip() or DASH


def when(value: object) -> str:
    return DASH if value is None or pd.isna(value) else f"{pd.Timestamp(value):%d-%m-%Y %H:%M}"


def earlier_note(row: pd.Series) -> str:
    """The earlier rejection as one line of plain text, or a dash."""
    note = row.get("catatan_sebelumnya")
    if note is None or pd.isna(note):
        return DASH
    return f"{note} ({text(row.get('ditolak_oleh'))}, {when(row.get('ditolak_pada'))})"


def period_headers(sheet: VerificationSheet) -> tuple[str, str]:
    """Column titles of the previous quarter and of the same quarter last year."""
    return (
        f"Realisasi {period_label(*sheet.previous)}",
        f"Realisasi {period_label(sheet.tahun - 1, sheet.triwulan)}",
    )


def sheet_table(sheet: VerificationSheet) -> pd.DataFrame:
    """One text row per value, Indonesian headers, a dash where there is nothing."""
    rows = sheet.rows
    prev_h, last_h = period_headers(sheet)
    names = sheet.files.groupby("kode_indikator")["nama_asli"].agg(", ".join)
    return pd.DataFrame(
        {
            "Kode indikator": rows["kode_indikator"],
            "Indikator": rows["indikator"].map(text),
            "Satuan": rows["satuan"].map(text),
            "Realisasi": rows["realisasi"].map(exact),
            "Realisasi s.d. TW": rows["realisasi_sd"].map(computed),
            "Target s.d. TW": rows.apply(target_text, axis=1) if len(rows) else [],
            "Capaian": rows["capaian"].map(capaian_text),
            prev_h: rows["realisasi_tw_lalu"].map(exact),
            last_h: rows["realisasi_tahun_lalu"].map(exact),
            "Status": rows["status"].map(status_text),
            "Berkas bukti": rows["kode_indikator"].map(names).map(text),
            "Catatan penolakan sebelumnya": rows.apply(earlier_note, axis=1) if len(rows) else [],
        }
    )


NUMBER_COLUMNS = ("Realisasi", "Realisasi s.d. TW", "Target s.d. TW", "Capaian")


def show_sheet(sheet: VerificationSheet) -> None:
    """The table, the code pinned and the names kept narrow so the figures fit beside them."""
    table = sheet_table(sheet)
    prev_h, last_h = period_headers(sheet)
    config: dict[str, object] = {
        "Kode indikator": st.column_config.TextColumn(pinned=True),
        "Indikator": st.column_config.TextColumn(width="medium"),
        "Catatan penolakan sebelumnya": st.column_config.TextColumn(width="large"),
    }
    for col in (*NUMBER_COLUMNS, prev_h, last_h):
        config[col] = st.column_config.TextColumn(alignment="right")
    st.dataframe(table, hide_index=True, width="stretch", height=350, column_config=config)


def figures(sheet: VerificationSheet, row: pd.Series) -> None:
    """The value beside its target, capaian and the two earlier values."""
    prev_h, last_h = period_headers(sheet)
    satuan = text(row["satuan"])
    cols = st.columns(5)
    cols[0].metric(f"Realisasi ({md(satuan)})", exact(row["realisasi"]))
    cols[1].metric("Target s.d. TW", target_text(row))
    cols[2].metric("Capaian", capaian_text(row["capaian"]))
    cols[3].metric(prev_h, exact(row["realisasi_tw_lalu"]))
    cols[4].metric(last_h, exact(row["realisasi_tahun_lalu"]))
    if row.get("agregasi") in ("kumulatif", "rata_rata"):
        kind = "jumlah" if row["agregasi"] == "kumulatif" else "rata-rata"
        st.caption(
            f"Capaian dihitung dari realisasi s.d. triwulan ini ({kind} triwulan yang "
            f"dilaporkan): {computed(row['realisasi_sd'])}."
        )
    if text(row["keterangan"]) != DASH:
        st.caption(f"Keterangan operator: {md(row['keterangan'])}")


def history(row: pd.Series) -> None:
    """The earlier rejection of a resubmitted value, and the state of a verified one."""
    note = row.get("catatan_sebelumnya")
    if note is not None and not pd.isna(note):
        times = int(row["kali_ditolak"])
        st.warning(
            f"**Pernah ditolak** oleh {md(text(row['ditolak_oleh']))} pada "
            f"{when(row['ditolak_pada'])} (nilai saat itu {exact(row['nilai_saat_ditolak'])}). "
            f"Catatan: {md(note)}" + (f" Sudah ditolak {times} kali." if times > 1 else ""),
            icon=":material/history:",
        )
    if row["status"] == "diverifikasi":
        st.info(
            f"Sudah diverifikasi oleh {md(text(row['diverifikasi_oleh']))}. Tolak bila perlu "
            "dikembalikan ke operator."
        )


def evidence_inline(h: Handle, actor: Actor, sheet: VerificationSheet, row: pd.Series) -> None:
    """The evidence files of the value: pictures (and PDFs, when the viewer is installed) shown
    on the page, every file downloadable; the link or name given in the upload file."""
    given = text(row.get("bukti"))
    if given != DASH:
        st.caption(f"Bukti yang disebut di berkas unggahan: {md(given)}")
        if given.lower().startswith(("https://", "http://")):
            st.link_button("Buka tautan bukti", given, icon=":material/open_in_new:")
    files = sheet.files_of(str(row["kode_indikator"]))
    if files.empty:
        st.caption("Tidak ada berkas bukti dukung yang diunggah untuk indikator ini.")
        return
    for f in files.itertuples():
        try:
            nama, isi = evidence.read(h, actor, int(f.id))
        except evidence.EvidenceError as exc:
            st.error(f"{md(f.nama_asli)}: {md(exc)}")
            continue
        if f.jenis in IMAGES:
            st.image(isi, width="content")
        elif f.jenis == "pdf" and PDF_INLINE:
            st.pdf(isi, height=500)
        st.download_button(
            f"Unduh {md(nama)}",
            isi,
            file_name=nama,
            icon=":material/download:",
            key=f"verif_unduh_{int(f.id)}",
        )
