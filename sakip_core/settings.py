"""Settings (the choices `capaian.md` names as settings) and the kategori band table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from sakip_core.db import Handle

DEFAULT_SETTINGS: dict[str, Any] = {
    "cap": 120.0,  # capaian_dibatasi = min(C, cap)
    "serapan_tinggi": 60.0,  # flag "serapan tinggi, capaian rendah": serapan >= this ...
    "skor_rendah": 66.0,  # ... and skor < this
    "ambang_efisiensi": 0.0,  # LKjIP: a program is "efisien" when capaian - serapan >= this
    "menit_sesi_idle": 30,  # a login session ends after this many idle minutes
    "jam_sesi_maks": 12,  # ... and at the latest this many hours after the login
    "bobot_indeks_kinerja": {"capaian_pk": 50, "nilai_sakip": 30, "progress_rb": 20},
    "hari_batas_lapor": 15,  # default deadline: day of the month after the quarter ends
    "maks_mb_bukti": 10,
    # data uploads (.xlsx/.csv, page and CLI alike; sakip_core.io.reader.UploadLimits)
    "maks_mb_unggah": 50,  # size of the uploaded file (MB); .streamlit/config.toml maxUploadSize
    "maks_mb_xlsx_terurai": 50,  # .xlsx: all its parts together once unzipped (MB)
    "maks_baris_unggah": 1_000_000,  # data rows per file (header not counted)
    "maks_kolom_unggah": 100,  # columns per file
    "maks_sel_unggah": 6_000_000,  # rows x columns of the sheet as read
    "maks_panjang_teks": 1000,  # characters in a text cell (keterangan, bukti, names)
    "maks_panjang_kode": 50,  # characters in a code cell (kode_opd, kode_indikator, ...)
    "maks_masalah_ditampilkan": 200,  # problems listed for a refused file; the rest counted
    # the Perjanjian Kinerja documents (issue 12, point 3)
    "nama_pemda": "Pemerintah Daerah",  # header of the PK: "Pemerintah Kabupaten Sukamaju"
    "tempat_pk": "",  # the place written before the date: "Sukamaju, 2 Januari 2026"
    "teks_pk": {},  # overrides of the standard wording (keys of pk.wording.DEFAULT_WORDING)
    # who signs the Rapim report (issue 14, point 6); an empty name prints a line to sign on
    "jabatan_ttd_rapim": "Kepala Bagian Organisasi",
    "nama_ttd_rapim": "",
    "nip_ttd_rapim": "",
}

# Permendagri 86/2017 intervals (capaian.md section 6): (min, label, colour)
DEFAULT_BANDS: list[tuple[float, str, str]] = [
    (91.0, "Sangat Tinggi", "#1a7f37"),
    (76.0, "Tinggi", "#4caf50"),
    (66.0, "Sedang", "#f2c94c"),
    (51.0, "Rendah", "#f2994a"),
    (0.0, "Sangat Rendah", "#d64545"),
]


@dataclass(frozen=True)
class Band:
    batas_bawah: float
    label: str
    warna: str


def install_defaults(handle: Handle) -> None:
    """Insert missing settings and, if empty, the default band table. Idempotent."""
    with handle.transaction() as conn:
        for key, value in DEFAULT_SETTINGS.items():
            conn.execute(
                "INSERT INTO pengaturan (kunci, nilai) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [key, json.dumps(value)],
            )
        (count,) = conn.execute("SELECT count(*) FROM skala_kategori").fetchone()
        if count == 0:
            conn.executemany(
                "INSERT INTO skala_kategori (batas_bawah, label, warna) VALUES (?, ?, ?)",
                [list(b) for b in DEFAULT_BANDS],
            )


def get_setting(handle: Handle, key: str) -> Any:
    with handle.cursor() as conn:
        row = conn.execute("SELECT nilai FROM pengaturan WHERE kunci = ?", [key]).fetchone()
    return json.loads(row[0]) if row else DEFAULT_SETTINGS[key]


def set_setting(handle: Handle, key: str, value: Any) -> None:
    if key not in DEFAULT_SETTINGS:
        raise KeyError(f"Pengaturan tidak dikenal: {key}")
    with handle.transaction() as conn:
        conn.execute(
            "INSERT INTO pengaturan (kunci, nilai) VALUES (?, ?) "
            "ON CONFLICT (kunci) DO UPDATE SET nilai = excluded.nilai",
            [key, json.dumps(value)],
        )


def bands(handle: Handle) -> list[Band]:
    """The kategori scale, highest band first."""
    df = handle.query_df(
        "SELECT batas_bawah, label, warna FROM skala_kategori ORDER BY batas_bawah DESC NULLS LAST"
    )
    return [Band(float(r.batas_bawah), str(r.label), str(r.warna)) for r in df.itertuples()]


def set_bands(handle: Handle, new_bands: list[Band]) -> None:
    if not new_bands:
        raise ValueError("Skala kategori tidak boleh kosong.")
    frame = pd.DataFrame([b.__dict__ for b in new_bands])
    with handle.transaction() as conn:
        conn.execute("DELETE FROM skala_kategori")
        conn.register("bands_in", frame)
        conn.execute(
            "INSERT INTO skala_kategori (batas_bawah, label, warna) "
            "SELECT batas_bawah, label, warna FROM bands_in"
        )
        conn.unregister("bands_in")
