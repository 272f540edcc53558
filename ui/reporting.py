"""Streamlit helpers shared by the upload, verification and admin pages (no page logic)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from sakip_core import faults, masterdata, table_text
from sakip_core.access import AccessDenied
from sakip_core.io.importer import CheckResult, problems_frame
from ui import data
from ui.text import md, nama_triwulan

T = TypeVar("T")
LOG = logging.getLogger(__name__)
RETRY = faults.RETRY
PROBLEM_LABELS = {"baris": "Baris", "kolom": "Kolom", "pesan": "Masalah", "nilai": "Isian"}
STATUS_LABELS = {
    "draft": "Draf",
    "diajukan": "Diajukan",
    "diverifikasi": "Diverifikasi",
    "ditolak": "Ditolak",
    "final": "Final",
}


def run_write(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Run a write service; refusals become a message on the page and None is returned."""
    try:
        result = fn(*args, **kwargs)
    except (AccessDenied, ValueError) as exc:
        st.error(md(str(exc)))  # refusals may quote a file's cells or a user's text
        return None
    except Exception as exc:
        # one classification for every fault (sakip_core.faults): only a real write-write
        # conflict says "coba lagi"; a full disk, a missing or damaged file say what they are
        if faults.is_conflict(exc):
            st.warning(RETRY)
            return None
        if faults.is_fault(exc):
            LOG.warning("write refused by a fault of the store", exc_info=True)
            st.error(faults.describe(exc))
            return None
        raise
    return result  # no cache to clear: the write bumped the data version


def run_action(fn: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
    """Like `run_write` for services that return nothing: True when the write went through."""
    done: list[bool] = []

    def call() -> bool:
        fn(*args, **kwargs)
        done.append(True)
        return True

    run_write(call)
    return bool(done)


def ask_confirmation(key: str, subject: Hashable) -> None:
    """First step of a confirmed write (when its button is clicked, or as its `on_click`):
    `subject` (what the write will touch, e.g. `("kunci", 2026, 3)`) now waits for confirmation
    under `key`. Nothing is written."""
    st.session_state[key] = subject


def confirmation(
    key: str,
    subject: Hashable,
    message: str | Callable[[], str],
    yes: str,
    on_yes: Callable[[], object] | None = None,
) -> bool:
    """Second step: while `subject` waits under `key`, a warning `message` (what will happen)
    with the buttons `yes` and "Batal". Returns True in the run in which `yes` was clicked (the
    caller then writes), or, given `on_yes`, calls it from the button's callback instead (for
    writes that reset widgets) and returns False. "Batal" drops the question; so does choosing
    another subject (another quarter, OPD or batch) before answering. Nothing is written before
    `yes`.

    `message` is Markdown (user data in it goes through `md()`), or a function giving it, called
    only while the question is shown."""
    pending = st.session_state.get(key)
    if pending is None:
        return False
    if pending != subject:
        st.session_state.pop(key, None)
        return False
    with st.container(border=True, key=f"{key}_kotak"):
        st.warning(message() if callable(message) else message, icon=":material/help:")
        left, right, _ = st.columns([1, 1, 3])
        clicked = left.button(
            yes, type="primary", key=f"{key}_ya", on_click=_confirmed, args=(key, on_yes)
        )
        right.button("Batal", key=f"{key}_batal", on_click=_cancel, args=(key,))
    if clicked and on_yes is None:
        st.session_state.pop(key, None)
        return True
    return False


def _confirmed(key: str, on_yes: Callable[[], object] | None) -> None:
    if on_yes is not None and st.session_state.pop(key, None) is not None:
        on_yes()


def _cancel(key: str) -> None:
    st.session_state.pop(key, None)


def show_problems(check: CheckResult) -> None:
    """Every problem of a refused file in one table (baris, kolom, masalah, isian)."""
    n = check.jumlah_masalah  # the list itself stops at the first ones (maks_masalah_ditampilkan)
    st.error(f"Berkas ditolak: {n} masalah ditemukan. Tidak ada data yang disimpan.")
    frame = problems_frame(check.problems).rename(columns=PROBLEM_LABELS)
    frame["Isian"] = frame["Isian"].map(lambda v: "" if v is None else str(v))
    frame["Baris"] = frame["Baris"].astype("Int64")
    st.dataframe(frame, hide_index=True, width="stretch")


def show_warnings(check: CheckResult) -> None:
    for warning in check.warnings:
        st.warning(md(warning))  # warnings quote column names and values from the file


COLUMN_LABELS = {
    "kode_opd": "Kode OPD",
    "nama_opd": "OPD",
    "kode_indikator": "Kode indikator",
    "indikator": "Indikator",
    "satuan": "Satuan",
    "realisasi": "Realisasi",
    "keterangan": "Keterangan",
    "status": "Status",
    "catatan_verifikasi": "Catatan verifikator",
    "diverifikasi_oleh": "Diverifikasi oleh",
    "jumlah_bukti": "Bukti",
    "jumlah_diajukan": "Diajukan",
    "diunggah_terakhir": "Unggahan terakhir",
    "tahun": "Tahun",
    "triwulan": "Triwulan",
    "terkunci": "Terkunci",
    "oleh": "Dikunci/dibuka oleh",
    "waktu": "Waktu",
    "batas_waktu": "Batas waktu",
    "nama_pengguna": "Nama pengguna",
    "peran": "Peran",
    "aktif": "Aktif",
    "gagal_berturut": "Gagal masuk berturut",
    "terkunci_sampai": "Terkunci sampai",
    "dibuat_pada": "Dibuat",
    "perubahan": "Perubahan",
    "lama": "Nilai lama",
    "baru": "Nilai baru",
    "keterangan_baru": "Keterangan baru",
    # admin and history tables (batches, superseded values, audit log, accounts, PK versions)
    "id": "Id",
    "dataset": "Data",
    "pengguna": "Pengguna",
    "nama_file": "Nama berkas",
    "checksum": "Sidik berkas",
    "jumlah_baris": "Baris",
    "jumlah_baru": "Baru",
    "jumlah_berubah": "Berubah",
    "jumlah_sama": "Sama",
    "aksi": "Aksi",
    "tabel": "Tabel",
    "kunci": "Kunci",
    "nilai_lama": "Nilai lama",
    "nilai_baru": "Nilai baru",
    "batch_id": "Batch",
    "diganti_oleh_batch": "Diganti oleh batch",
    "diganti_pada": "Diganti pada",
    "diverifikasi_pada": "Diverifikasi pada",
    "bukti": "Bukti",
    "faktor_pendukung": "Faktor pendukung",
    "faktor_penghambat": "Faktor penghambat",
    "tindak_lanjut": "Tindak lanjut",
    "harus_ganti_sandi": "Wajib ganti sandi",
    "versi_aktif": "Versi aktif",
    "jumlah_versi": "Jumlah versi",
    "kode_unit": "Kode unit",
    "nama_unit": "Unit",
    "kode_jabatan": "Kode jabatan",
    "nama_jabatan": "Jabatan",
    "nama_pejabat": "Pejabat",
    "status_pejabat": "Status pejabat",
    "nip": "NIP",
    "iku": "IKU",
}


def column_label(col: str) -> str:
    """The Indonesian header of a stored column ("jumlah_baris" -> "Baris"; an unlisted one with
    spaces, first letter capital)."""
    label = COLUMN_LABELS.get(col)
    if label is None:
        text = col.replace("_", " ")
        label = text[:1].upper() + text[1:]
    return label


def show_table(
    df: pd.DataFrame,
    height: int | str = "auto",
    names: Mapping[str, str] | None = None,
    decimals_as_text: bool = False,
) -> None:
    """A read-only table: Indonesian headers, dates as DD-MM-YYYY HH:mm, empty text blank, other
    empty cells "–", whole counts without decimals, JSON detail as "kunci: nilai" text; with
    `names` (code -> name), the OPD's name beside each OPD code; with `decimals_as_text`,
    decimals as Indonesian text (1.234,5) for tables that are read, not sorted."""
    frame = table_text.readable(df, names, decimals_as_text)
    config: dict[str, Any] = {}
    for col in frame.columns:
        label = column_label(col)
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            config[col] = st.column_config.DatetimeColumn(label, format="DD-MM-YYYY HH:mm")
        elif frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = frame[col].map(lambda v: "" if v is None or v is pd.NA else v)
            frame[col] = frame[col].map(lambda v: "" if isinstance(v, float) and v != v else v)
            config[col] = st.column_config.TextColumn(label)
        else:
            config[col] = label
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=height,
        column_config=config,
        placeholder=table_text.EMPTY,
    )


def opd_names() -> dict[str, str]:
    return masterdata.opd_names(data.handle())


def opd_options() -> pd.DataFrame:
    """kode_opd and nama_opd of every OPD (for admin and verifier selectors)."""
    return masterdata.opd_list(data.handle())[["kode_opd", "nama_opd"]]


def period_label(tahun: int, triwulan: int) -> str:
    return f"{nama_triwulan(triwulan)} {tahun}"


def status_text(status: object) -> str:
    return STATUS_LABELS.get(str(status), str(status))


def quarter_notice(tahun: int, triwulan: int) -> bool:
    """Show lock state and deadline of the quarter; True when it is locked."""
    row = masterdata.quarter_lock(data.handle(), tahun, triwulan)
    label = period_label(tahun, triwulan)
    if row is None:
        return False
    if bool(row["terkunci"]):
        when = f" pada {row['waktu']:%d-%m-%Y %H:%M}" if pd.notna(row["waktu"]) else ""
        st.warning(
            f"{label} sudah dikunci oleh {md(row['oleh'] or 'admin')}{when}. "
            "Unggahan dan pengajuan ditolak; hubungi admin bila perlu dibuka."
        )
        return True
    if pd.notna(row["batas_waktu"]):
        st.info(f"Batas waktu pelaporan {label}: {row['batas_waktu']:%d-%m-%Y %H:%M}.")
    return False
