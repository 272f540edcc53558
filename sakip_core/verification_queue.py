"""What a verifier needs beside each realisation of one OPD's quarter before deciding on it.

Per value: the indicator, the exact value (never rounded here), the target to date and the
capaian computed with this value (`calc.capaian.capaian_detail`, the one capaian of every page),
the value of the previous quarter and of the same quarter last year, the evidence files, and the
earlier rejection (note, verifier, when, the value then) when the value was sent back before and
handed in again.

The earlier rejection comes from the audit log: `workflow` records every `status_ditolak` with
its note there, while the row itself loses the note when it is resubmitted and a corrected
upload moves the old row to `realisasi_riwayat` without it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sakip_core.access import VERIFY, require_opd, require_role
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_detail
from sakip_core.calc.period import check_triwulan, previous_quarter
from sakip_core.db import Handle

DECIDABLE = ("diajukan", "diverifikasi")  # a verifier approves diajukan, sends both back
CAPAIAN_COLUMNS = [
    "kode_indikator",
    "polaritas",
    "agregasi",
    "target_sd",
    "target_min",
    "target_max",
    "realisasi_sd",
    "capaian",
    "kategori",
]


@dataclass(frozen=True)
class VerificationSheet:
    """`rows`: one row per realisation of the quarter (kode order); `files`: its evidence."""

    tahun: int
    triwulan: int
    kode_opd: str
    previous: tuple[int, int]  # the quarter of `realisasi_tw_lalu`
    rows: pd.DataFrame
    files: pd.DataFrame  # id, kode_indikator, nama_asli, jenis, ukuran

    def files_of(self, kode_indikator: str) -> pd.DataFrame:
        return self.files[self.files["kode_indikator"] == kode_indikator]


def _rows_sql() -> str:
    return """
WITH rej AS (
    SELECT kunci, count(*) AS kali_ditolak,
           arg_max(CAST(nilai_baru AS JSON)->>'catatan', id) AS catatan_sebelumnya,
           arg_max(pengguna, id) AS ditolak_oleh, max(waktu) AS ditolak_pada,
           arg_max(CAST(nilai_lama AS JSON)->>'realisasi', id) AS nilai_saat_ditolak
    FROM audit_log
    WHERE tabel = 'realisasi' AND aksi = 'status_ditolak' AND starts_with(kunci, $prefix)
    GROUP BY kunci
)
SELECT r.kode_indikator, i.indikator, i.satuan, r.realisasi, r.keterangan, r.bukti, r.status,
       r.catatan_verifikasi, r.diverifikasi_oleh,
       p.realisasi AS realisasi_tw_lalu, y.realisasi AS realisasi_tahun_lalu,
       CASE WHEN r.status <> 'ditolak' THEN rej.catatan_sebelumnya END AS catatan_sebelumnya,
       CASE WHEN r.status <> 'ditolak' THEN rej.ditolak_oleh END AS ditolak_oleh,
       CASE WHEN r.status <> 'ditolak' THEN rej.ditolak_pada END AS ditolak_pada,
       CASE WHEN r.status <> 'ditolak' THEN rej.nilai_saat_ditolak END AS nilai_saat_ditolak,
       coalesce(rej.kali_ditolak, 0) AS kali_ditolak
FROM realisasi r
LEFT JOIN indikator i ON i.aktif AND i.tahun = r.tahun AND i.kode_opd = r.kode_opd
     AND i.kode_indikator = r.kode_indikator
LEFT JOIN realisasi p ON p.tahun = $tahun_p AND p.triwulan = $q_p
     AND p.kode_opd = r.kode_opd AND p.kode_indikator = r.kode_indikator
LEFT JOIN realisasi y ON y.tahun = $tahun - 1 AND y.triwulan = $q
     AND y.kode_opd = r.kode_opd AND y.kode_indikator = r.kode_indikator
LEFT JOIN rej ON rej.kunci = $prefix || r.kode_indikator
WHERE r.tahun = $tahun AND r.triwulan = $q AND r.kode_opd = $opd
ORDER BY r.kode_indikator"""


def verification_sheet(
    handle: Handle, actor: Actor, tahun: int, triwulan: int, kode_opd: str
) -> VerificationSheet:
    """Every realisation of `kode_opd` at (tahun, triwulan) with its context (verifier or admin).

    Columns of `rows`: kode_indikator, indikator, satuan, realisasi (exact), keterangan, bukti
    (the link or file name given in the upload), status,
    catatan_verifikasi, diverifikasi_oleh, realisasi_tw_lalu, realisasi_tahun_lalu,
    catatan_sebelumnya, ditolak_oleh, ditolak_pada, nilai_saat_ditolak (the latest rejection,
    only while the value is no longer ditolak), kali_ditolak, polaritas, agregasi, target_sd,
    target_min, target_max, realisasi_sd, capaian (unrounded), kategori, jumlah_bukti.
    """
    require_role(actor, VERIFY)
    require_opd(actor, kode_opd)
    check_triwulan(triwulan)
    tahun_p, q_p = previous_quarter(tahun, triwulan)
    params = {
        "tahun": int(tahun),
        "q": int(triwulan),
        "tahun_p": tahun_p,
        "q_p": q_p,
        "opd": kode_opd,
        "prefix": f"{int(tahun)}/TW{int(triwulan)}/{kode_opd}/",  # workflow's audit key
    }
    rows = handle.query_df(_rows_sql(), params)
    # the audit log's JSON text as a number where it is one (an old entry may hold text)
    rows["nilai_saat_ditolak"] = pd.to_numeric(rows["nilai_saat_ditolak"], errors="coerce")
    calc = capaian_detail(handle, tahun, triwulan, [kode_opd])[CAPAIAN_COLUMNS]
    files = handle.query_df(
        "SELECT id, kode_indikator, nama_asli, jenis, ukuran FROM bukti "
        "WHERE tahun = ? AND triwulan = ? AND kode_opd = ? ORDER BY kode_indikator, id",
        [int(tahun), int(triwulan), kode_opd],
    )
    counts = files["kode_indikator"].value_counts()
    rows = rows.merge(calc, on="kode_indikator", how="left", validate="one_to_one")
    rows["jumlah_bukti"] = rows["kode_indikator"].map(counts).fillna(0).astype(int)
    return VerificationSheet(int(tahun), int(triwulan), kode_opd, (tahun_p, q_p), rows, files)
