"""Reading LHE recommendations with the state of their follow-up, in DuckDB SQL.

One CTE (`_current`) gives each recommendation its latest follow-up record, its latest evidence
file, its `keadaan` (tuntas | menunggu | ditolak | proses | belum) and the overdue flag; the
unit's list, the per-unit progress (LKE page and Rapim tab alike) and the to-do items all read
it, so a figure means the same everywhere.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from sakip_core import clock
from sakip_core.access import READ_ALL, AccessDenied, opd_scope, require_opd
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.schema import PEMDA

PEMDA_NAME = "Pemerintah Daerah"
KEADAAN_LABEL = {
    "tuntas": "Selesai (diverifikasi)",
    "menunggu": "Selesai, menunggu verifikasi",
    "ditolak": "Ditolak Inspektorat",
    "proses": "Dalam proses",
    "belum": "Belum ditindaklanjuti",
}
PROGRESS_COLUMNS = [
    "kode_unit", "nama_unit", "jumlah_rekomendasi", "selesai", "menunggu_verifikasi",
    "ditolak", "proses", "belum", "terlambat", "persen",
]  # fmt: skip

_CURRENT = """
WITH tl AS (SELECT t.* FROM lhe_tindak_lanjut t
            WHERE t.id = (SELECT max(u.id) FROM lhe_tindak_lanjut u
                          WHERE u.tahun = t.tahun AND u.kode_unit = t.kode_unit
                            AND u.kode_rekomendasi = t.kode_rekomendasi)),
bk AS (SELECT tahun, kode_unit, kode_rekomendasi, max(id) AS bukti_id, count(*) AS jumlah_bukti
       FROM lhe_bukti GROUP BY tahun, kode_unit, kode_rekomendasi),
keadaan AS (
  SELECT r.tahun, r.kode_unit, r.kode_rekomendasi, r.komponen, r.rekomendasi, r.batas_waktu,
         r.penanggung_jawab, coalesce(tl.status, 'belum') AS status, tl.id AS tindak_lanjut_id,
         tl.uraian, tl.pengguna, tl.waktu, tl.verifikasi, tl.catatan_verifikasi,
         tl.diverifikasi_oleh, tl.diverifikasi_pada, bk.bukti_id,
         coalesce(bk.jumlah_bukti, 0) AS jumlah_bukti,
         CASE WHEN tl.status = 'selesai' AND tl.verifikasi = 'diverifikasi' THEN 'tuntas'
              WHEN tl.status = 'selesai' AND tl.verifikasi = 'ditolak' THEN 'ditolak'
              WHEN tl.status = 'selesai' THEN 'menunggu'
              WHEN tl.status = 'proses' THEN 'proses'
              ELSE 'belum' END AS keadaan
  FROM lhe r
  LEFT JOIN tl USING (tahun, kode_unit, kode_rekomendasi)
  LEFT JOIN bk USING (tahun, kode_unit, kode_rekomendasi)
  WHERE ($tahun IS NULL OR r.tahun = $tahun)
    AND ($units IS NULL OR list_contains($units, r.kode_unit))),
cur AS (
  SELECT k.*, k.batas_waktu < $hari_ini AND k.keadaan NOT IN ('tuntas', 'menunggu') AS terlambat
  FROM keadaan k)
"""


def _today(hari_ini: date | None) -> date:
    return hari_ini if hari_ini is not None else clock.now().date()


def require_read(actor: Actor, unit: str) -> None:
    """Every role but operators reads every unit; an operator only their own OPD."""
    if unit == PEMDA and actor.peran in READ_ALL:
        return
    if unit == PEMDA:
        raise AccessDenied("Akun operator hanya dapat melihat rekomendasi LHE OPD sendiri.")
    require_opd(actor, unit)


def recommendations(
    h: Handle, actor: Actor, tahun: int, unit: str, hari_ini: date | None = None
) -> pd.DataFrame:
    """The unit's recommendations of the year with their current follow-up, evidence and flags."""
    require_read(actor, unit)
    return h.query_df(
        _CURRENT
        + """SELECT cur.*, b.nama_asli AS nama_bukti FROM cur
                      LEFT JOIN lhe_bukti b ON b.id = cur.bukti_id
                      ORDER BY kode_rekomendasi""",
        {"tahun": int(tahun), "units": [unit], "hari_ini": _today(hari_ini)},
    )


def progress(h: Handle, actor: Actor, tahun: int, hari_ini: date | None = None) -> pd.DataFrame:
    """Per unit with recommendations in `tahun` (operators: their own OPD): how many, how many
    followed up (selesai = verified), awaiting verification, rejected, in progress, not started,
    overdue, and `persen` = 100 x selesai / jumlah. Best first."""
    return h.query_df(
        _CURRENT
        + f"""
SELECT c.kode_unit,
       CASE WHEN c.kode_unit = '{PEMDA}' THEN '{PEMDA_NAME}' ELSE o.nama_opd END AS nama_unit,
       count(*) AS jumlah_rekomendasi,
       count(*) FILTER (WHERE keadaan = 'tuntas') AS selesai,
       count(*) FILTER (WHERE keadaan = 'menunggu') AS menunggu_verifikasi,
       count(*) FILTER (WHERE keadaan = 'ditolak') AS ditolak,
       count(*) FILTER (WHERE keadaan = 'proses') AS proses,
       count(*) FILTER (WHERE keadaan = 'belum') AS belum,
       count(*) FILTER (WHERE terlambat) AS terlambat,
       100.0 * CAST(count(*) FILTER (WHERE keadaan = 'tuntas') AS DOUBLE) / count(*) AS persen
FROM cur c LEFT JOIN opd o ON o.kode_opd = c.kode_unit
GROUP BY c.kode_unit, o.nama_opd
ORDER BY persen DESC NULLS LAST, terlambat, c.kode_unit""",
        {"tahun": int(tahun), "units": opd_scope(actor), "hari_ini": _today(hari_ini)},
    )


def open_items(h: Handle, actor: Actor, unit: str, hari_ini: date | None = None) -> pd.DataFrame:
    """What the unit still owes, every year: recommendations not declared `selesai`, or whose
    `selesai` the Inspektorat rejected (for the to-do list). Overdue first, then by deadline."""
    require_read(actor, unit)
    return h.query_df(
        _CURRENT
        + """SELECT tahun, kode_rekomendasi, komponen, rekomendasi, batas_waktu, status,
                             keadaan, catatan_verifikasi, terlambat
                      FROM cur WHERE keadaan IN ('belum', 'proses', 'ditolak')
                      ORDER BY terlambat DESC NULLS LAST, batas_waktu, tahun, kode_rekomendasi""",
        {"tahun": None, "units": [unit], "hari_ini": _today(hari_ini)},
    )


def open_counts(h: Handle, units: list[str], hari_ini: date | None = None) -> pd.Series:
    """Per unit: how many recommendations it still owes (as `open_items`); for the admin's
    reminder list, whose caller has checked the role."""
    df = h.query_df(
        _CURRENT
        + """SELECT kode_unit, count(*) AS n FROM cur
                      WHERE keadaan IN ('belum', 'proses', 'ditolak') GROUP BY kode_unit""",
        {"tahun": None, "units": units, "hari_ini": _today(hari_ini)},
    )
    return df.set_index("kode_unit")["n"] if len(df) else pd.Series(dtype="int64")


def history(h: Handle, actor: Actor, tahun: int, unit: str, kode_rekomendasi: str) -> pd.DataFrame:
    """Every follow-up record of one recommendation, newest first, with its evidence file."""
    require_read(actor, unit)
    return h.query_df(
        """SELECT t.id, t.waktu, t.pengguna, t.status, t.uraian, b.nama_asli AS nama_bukti,
                  t.bukti_id, t.verifikasi, t.catatan_verifikasi, t.diverifikasi_oleh,
                  t.diverifikasi_pada
           FROM lhe_tindak_lanjut t LEFT JOIN lhe_bukti b ON b.id = t.bukti_id
           WHERE t.tahun = $t AND t.kode_unit = $u AND t.kode_rekomendasi = $k
           ORDER BY t.id DESC""",
        {"t": int(tahun), "u": unit, "k": kode_rekomendasi},
    )


def years(h: Handle) -> list[int]:
    """Years that have LHE recommendations, newest first."""
    df = h.query_df("SELECT DISTINCT tahun FROM lhe ORDER BY tahun DESC NULLS LAST")
    return [int(t) for t in df["tahun"]]
