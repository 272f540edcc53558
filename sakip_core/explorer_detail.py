"""One indicator in full: quarters of this and the previous year, formula, upload history, cascade.

Access is checked in the core: an operator asking for another OPD's indicator gets AccessDenied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.calc.capaian import _cap, capaian_detail
from sakip_core.db import Handle
from sakip_core.explain import explain_capaian, explain_inputs

QUARTER_COLUMNS = ["tahun", "triwulan", "target_sd", "realisasi", "realisasi_sd", "capaian"]


@dataclass(frozen=True)
class IndicatorDetail:
    info: dict[str, Any]  # the indicator row of the year (aktif version)
    triwulan: int  # the quarter the formula is shown for
    rumus: str  # explain_capaian of that quarter
    masukan: str  # explain_inputs
    kuartal: pd.DataFrame  # per (tahun, triwulan) of this and the previous year
    riwayat: pd.DataFrame  # every uploaded value, current and superseded
    bukti: pd.DataFrame  # evidence files in the bukti table
    induk: pd.DataFrame  # the parent indicator (0 or 1 row)
    anak: pd.DataFrame  # the children


def _info(handle: Handle, tahun: int, kode: str) -> dict[str, Any]:
    df = handle.query_df(
        "SELECT i.*, o.nama_opd FROM indikator i LEFT JOIN opd o USING (kode_opd) "
        "WHERE i.aktif AND i.tahun = $t AND i.kode_indikator = $k",
        {"t": int(tahun), "k": kode},
    )
    if df.empty:
        raise LookupError(f"Indikator {kode} tidak ada pada tahun {tahun}.")
    return df.iloc[0].to_dict()


def quarters(handle: Handle, tahun: int, kode_opd: str, kode: str) -> pd.DataFrame:
    """Target s.d., the value reported in the quarter, R s.d. and capaian, for tahun-1 and tahun."""
    frames = []
    for t in (tahun - 1, tahun):
        for q in (1, 2, 3, 4):
            cd = capaian_detail(handle, t, q, [kode_opd])
            frames.append(cd[cd["kode_indikator"] == kode].assign(tahun=t, triwulan=q))
    df = pd.concat(frames, ignore_index=True)
    own = handle.query_df(
        "SELECT tahun, triwulan, realisasi FROM realisasi "
        "WHERE kode_indikator = $k AND tahun IN ($t - 1, $t)",
        {"k": kode, "t": int(tahun)},
    )
    return df.merge(own, on=["tahun", "triwulan"], how="left")


def history(handle: Handle, tahun: int, kode: str) -> pd.DataFrame:
    """Every version of every quarter's value (this and the previous year), oldest first."""
    return handle.query_df(
        """
WITH semua AS (
    SELECT tahun, triwulan, realisasi, keterangan, bukti, status, batch_id, id,
           true AS berlaku, NULL::TIMESTAMP AS diganti_pada
    FROM realisasi WHERE kode_indikator = $k AND tahun IN ($t - 1, $t)
    UNION ALL
    SELECT tahun, triwulan, realisasi, keterangan, bukti, status, batch_id, id,
           false, diganti_pada
    FROM realisasi_riwayat WHERE kode_indikator = $k AND tahun IN ($t - 1, $t)
)
SELECT s.tahun, s.triwulan,
       row_number() OVER (PARTITION BY s.tahun, s.triwulan
                          ORDER BY s.berlaku, s.batch_id, s.id) AS versi,
       s.realisasi, s.berlaku, b.pengguna AS diunggah_oleh, b.waktu AS diunggah_pada,
       b.nama_file, s.diganti_pada, s.status, s.keterangan, s.bukti
FROM semua s LEFT JOIN batch_unggah b ON b.id = s.batch_id
ORDER BY s.tahun DESC NULLS LAST, s.triwulan DESC NULLS LAST, versi DESC NULLS LAST""",
        {"k": kode, "t": int(tahun)},
    )


def relatives(
    handle: Handle, tahun: int, triwulan: int, kode: str, induk: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(parent, children) with their capaian at the quarter."""
    df = handle.query_df(
        """
SELECT i.kode_indikator, i.kode_opd, i.indikator, i.level,
       i.kode_indikator = $induk AS is_induk
FROM indikator i
WHERE i.aktif AND i.tahun = $t AND (i.induk = $k OR i.kode_indikator = $induk)
ORDER BY i.kode_indikator""",
        {"t": int(tahun), "k": kode, "induk": induk or ""},
    )
    if not df.empty:
        cd = capaian_detail(handle, tahun, triwulan, sorted(set(df["kode_opd"])), digits=2)
        df = df.merge(
            cd[["kode_indikator", "capaian", "kategori"]], on="kode_indikator", how="left"
        )
    parent = df[df["is_induk"]].drop(columns="is_induk")
    children = df[~df["is_induk"]].drop(columns="is_induk")
    return parent.reset_index(drop=True), children.reset_index(drop=True)


def evidence(handle: Handle, tahun: int, kode: str) -> pd.DataFrame:
    return handle.query_df(
        "SELECT tahun, triwulan, nama_asli, jenis, ukuran, pengguna, waktu FROM bukti "
        "WHERE kode_indikator = $k AND tahun IN ($t - 1, $t) ORDER BY tahun, triwulan, waktu",
        {"k": kode, "t": int(tahun)},
    )


def indicator_detail(
    handle: Handle, actor: Actor, tahun: int, kode_indikator: str, triwulan: int | None = None
) -> IndicatorDetail:
    """Everything behind one indicator; `triwulan` (default: the latest reported, else 4) is the
    quarter whose formula is spelled out. Raises AccessDenied / LookupError."""
    info = _info(handle, tahun, kode_indikator)
    kode_opd = str(info["kode_opd"])
    require_opd(actor, kode_opd)
    kuartal = quarters(handle, tahun, kode_opd, kode_indikator)
    if triwulan is None:
        reported = kuartal[(kuartal["tahun"] == tahun) & kuartal["dilaporkan"]]
        triwulan = int(reported["triwulan"].max()) if not reported.empty else 4
    row = kuartal[(kuartal["tahun"] == tahun) & (kuartal["triwulan"] == triwulan)]
    if row.empty:
        raise LookupError(f"Indikator {kode_indikator} tidak ada pada tahun {tahun}.")
    rec = row.iloc[0].to_dict()
    induk = info.get("induk") if isinstance(info.get("induk"), str) else None
    parent, children = relatives(handle, tahun, triwulan, kode_indikator, induk)
    return IndicatorDetail(
        info=info,
        triwulan=triwulan,
        rumus=explain_capaian(rec, _cap(handle)),
        masukan=explain_inputs(rec),
        kuartal=kuartal[[*QUARTER_COLUMNS, "kategori", "dilaporkan"]],
        riwayat=history(handle, tahun, kode_indikator),
        bukti=evidence(handle, tahun, kode_indikator),
        induk=parent,
        anak=children,
    )
