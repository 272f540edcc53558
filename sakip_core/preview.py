"""What a checked (not yet written) realisation file would change: new, changed, unchanged, and
the rows skipped because their realisasi was left blank (not reported)."""

from __future__ import annotations

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.importer import CheckResult

PREVIEW_COLUMNS = [
    "kode_opd",
    "kode_indikator",
    "perubahan",
    "nilai_lama",
    "nilai_baru",
    "keterangan_lama",
    "keterangan_baru",
    "status_lama",
]


CHANGES = ("baru", "berubah", "sama", "dilewati")


def preview_realisasi(handle: Handle, actor: Actor, check: CheckResult) -> pd.DataFrame:
    """One row per file row: `perubahan` baru | berubah | sama | dilewati (realisasi left blank:
    nothing is written, the stored value if any stays), with old and new values."""
    keys = ["tahun", "triwulan", "kode_opd", "kode_indikator"]
    written = check.rows[keys + ["realisasi", "keterangan", "bukti"]] if len(check.rows) else None
    skipped = check.dilewati[keys] if len(check.dilewati) else None
    if written is None and skipped is None:
        return pd.DataFrame(columns=PREVIEW_COLUMNS)
    parts = []
    if written is not None:
        parts.append(written.assign(lewat=False))
    if skipped is not None:
        parts.append(
            skipped.assign(realisasi=float("nan"), keterangan=None, bukti=None, lewat=True)
        )
    rows = pd.concat(parts, ignore_index=True)
    types = {"tahun": "int64", "triwulan": "int64", "realisasi": "float64"}
    rows = rows.astype({**types, "kode_opd": object, "kode_indikator": object})
    for kode in rows["kode_opd"].unique():
        require_opd(actor, str(kode))
    with handle.cursor() as conn:
        conn.register("incoming_preview", rows)
        try:
            df = conn.execute(
                """SELECT n.kode_opd, n.kode_indikator,
                          CASE WHEN n.lewat THEN 'dilewati'
                               WHEN c.id IS NULL THEN 'baru'
                               WHEN c.realisasi IS DISTINCT FROM n.realisasi
                                 OR c.keterangan IS DISTINCT FROM n.keterangan
                                 OR c.bukti IS DISTINCT FROM n.bukti
                                 OR c.kode_opd IS DISTINCT FROM n.kode_opd THEN 'berubah'
                               ELSE 'sama' END AS perubahan,
                          c.realisasi AS nilai_lama, n.realisasi AS nilai_baru,
                          c.keterangan AS keterangan_lama, n.keterangan AS keterangan_baru,
                          c.status AS status_lama
                   FROM incoming_preview n
                   LEFT JOIN realisasi c ON c.tahun = n.tahun AND c.triwulan = n.triwulan
                        AND c.kode_indikator = n.kode_indikator
                   ORDER BY n.kode_opd, n.kode_indikator"""
            ).df()
        finally:
            conn.unregister("incoming_preview")
    return df[PREVIEW_COLUMNS]


def counts(preview: pd.DataFrame) -> dict[str, int]:
    """{'baru': n, 'berubah': n, 'sama': n, 'dilewati': n}."""
    vc = preview["perubahan"].value_counts()
    return {k: int(vc.get(k, 0)) for k in CHANGES}
