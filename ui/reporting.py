"""Streamlit helpers shared by the upload, verification and admin pages (no page logic)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from sakip_core.access import AccessDenied
from sakip_core.db import DatabaseBusy
from sakip_core.io.importer import CheckResult, problems_frame
from ui import data
from ui.text import md, nama_triwulan

T = TypeVar("T")
RETRY = (
    "Data sedang diubah oleh pengguna lain pada saat yang sama; tidak ada yang disimpan. "
    "Silakan coba lagi."
)
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
    except duckdb.TransactionException:
        st.warning(RETRY)
        return None
    except DatabaseBusy as exc:
        st.error(str(exc))
        return None
    except (AccessDenied, ValueError) as exc:
        st.error(str(exc))
        return None
    data.clear_caches()
    return result


def run_action(fn: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
    """Like `run_write` for services that return nothing: True when the write went through."""
    done: list[bool] = []

    def call() -> bool:
        fn(*args, **kwargs)
        done.append(True)
        return True

    run_write(call)
    return bool(done)


def show_problems(check: CheckResult) -> None:
    """Every problem of a refused file in one table (baris, kolom, masalah, isian)."""
    n = len(check.problems)
    st.error(f"Berkas ditolak: {n} masalah ditemukan. Tidak ada data yang disimpan.")
    frame = problems_frame(check.problems).rename(columns=PROBLEM_LABELS)
    frame["Isian"] = frame["Isian"].map(lambda v: "" if v is None else str(v))
    frame["Baris"] = frame["Baris"].astype("Int64")
    st.dataframe(frame, hide_index=True, width="stretch")


def show_warnings(check: CheckResult) -> None:
    for warning in check.warnings:
        st.warning(warning)


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
}


def show_table(df: pd.DataFrame, height: int | str = "auto") -> None:
    """A read-only table: Indonesian headers, dates as DD-MM-YYYY HH:mm, empty cells blank."""
    frame = df.copy()
    config: dict[str, Any] = {}
    for col in frame.columns:
        label = COLUMN_LABELS.get(col, col.replace("_", " "))
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            config[col] = st.column_config.DatetimeColumn(label, format="DD-MM-YYYY HH:mm")
        elif frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = frame[col].map(lambda v: "" if v is None or v is pd.NA else v)
            frame[col] = frame[col].map(lambda v: "" if isinstance(v, float) and v != v else v)
            config[col] = st.column_config.TextColumn(label)
        else:
            config[col] = label
    st.dataframe(frame, hide_index=True, width="stretch", height=height, column_config=config)


def opd_names() -> dict[str, str]:
    df = opd_options()
    return dict(zip(df["kode_opd"], df["nama_opd"], strict=True))


def opd_options() -> pd.DataFrame:
    """kode_opd and nama_opd of every OPD (for admin and verifier selectors)."""
    return data.handle().query_df("SELECT kode_opd, nama_opd FROM opd ORDER BY kode_opd")


def period_label(tahun: int, triwulan: int) -> str:
    return f"{nama_triwulan(triwulan)} {tahun}"


def status_text(status: object) -> str:
    return STATUS_LABELS.get(str(status), str(status))


def quarter_notice(tahun: int, triwulan: int) -> bool:
    """Show lock state and deadline of the quarter; True when it is locked."""
    q = data.handle().query_df(
        "SELECT terkunci, oleh, waktu, batas_waktu FROM kunci_triwulan "
        "WHERE tahun = ? AND triwulan = ? ORDER BY id DESC LIMIT 1",
        [tahun, triwulan],
    )
    label = period_label(tahun, triwulan)
    if q.empty:
        return False
    row = q.iloc[0]
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
