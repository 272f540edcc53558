"""Indicators below the Tinggi band without a faktor penghambat (issue 13, point 5): in a file
being uploaded (its values overlaid on the stored ones) or among the stored values."""

from __future__ import annotations

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_ctes
from sakip_core.db import Handle
from sakip_core.io.writer import FAKTOR
from sakip_core.settings import bands, get_setting

REASON_COLUMNS = ["kode_opd", "kode_indikator", "indikator", "capaian"]
_OVERLAY = """(SELECT tahun, triwulan, kode_indikator, realisasi, faktor_penghambat FROM realisasi r
    WHERE NOT EXISTS (SELECT 1 FROM berkas_faktor n WHERE n.tahun = r.tahun
                      AND n.triwulan = r.triwulan AND n.kode_indikator = r.kode_indikator)
    UNION ALL
    SELECT tahun, triwulan, kode_indikator, realisasi, faktor_penghambat FROM berkas_faktor)"""


def tinggi_bound(handle: Handle) -> float:
    """Lower bound of the second-highest band (Tinggi in the default scale)."""
    scale = bands(handle)
    return scale[1].batas_bawah if len(scale) > 1 else scale[0].batas_bawah


def _sql(source: str) -> str:
    return f"""
WITH {capaian_ctes(opd_filter=True, realisasi=source)},
why AS (SELECT kode_indikator, faktor_penghambat FROM {source} x
        WHERE x.tahun = $tahun AND x.triwulan = $q)
SELECT c.kode_opd, c.kode_indikator, c.indikator, c.c AS capaian
FROM calc c LEFT JOIN why w USING (kode_indikator)
WHERE c.level IN ('opd', 'pemda') AND c.dilaporkan AND round(c.c, 2) < $batas
  AND coalesce(trim(w.faktor_penghambat), '') = ''
ORDER BY c.kode_opd, c.kode_indikator"""


def _params(handle: Handle, tahun: int, triwulan: int, opds: list[str]) -> dict[str, object]:
    return {"tahun": int(tahun), "q": int(triwulan), "opds": opds,
            "cap": float(get_setting(handle, "cap")), "batas": tinggi_bound(handle)}  # fmt: skip


def missing_reasons(handle: Handle, actor: Actor, tahun: int, triwulan: int,
                    opds: list[str]) -> pd.DataFrame:  # fmt: skip
    """Stored values of the period (the completeness panel)."""
    for kode in opds:
        require_opd(actor, kode)
    return handle.query_df(_sql("realisasi"), _params(handle, tahun, triwulan, opds))


def missing_reasons_in_file(handle: Handle, actor: Actor, rows: pd.DataFrame) -> pd.DataFrame:
    """A checked realisasi file's rows (clean, one period) as they would stand once written."""
    if rows.empty:
        return pd.DataFrame(columns=REASON_COLUMNS)
    opds = sorted(rows["kode_opd"].astype(str).unique())
    for kode in opds:
        require_opd(actor, kode)
    cols = ["tahun", "triwulan", "kode_indikator", "realisasi", "faktor_penghambat"]
    frame = rows.reindex(columns=cols).astype({"faktor_penghambat": object})
    tahun, q = int(rows["tahun"].iloc[0]), int(rows["triwulan"].iloc[0])
    params = _params(handle, tahun, q, opds)
    return handle.query_df(_sql(_OVERLAY), params, frames={"berkas_faktor": frame})


def stated_reasons(handle: Handle, tahun: int, triwulan: int, kodes: list[str]) -> pd.DataFrame:
    """kode_indikator and the three reason texts stored for the quarter (blank texts dropped).

    The caller checks access: it passes only indicator codes its actor may see."""
    df = handle.query_df(
        f"SELECT kode_indikator, {', '.join(FAKTOR)} FROM realisasi "
        "WHERE tahun = $tahun AND triwulan = $q AND list_contains($kodes, kode_indikator)",
        {"tahun": int(tahun), "q": int(triwulan), "kodes": list(kodes)},
    )
    texts = df[FAKTOR].apply(lambda col: col.where(col.fillna("").str.strip() != ""))
    return df.assign(**texts)[texts.notna().any(axis=1)].reset_index(drop=True)
