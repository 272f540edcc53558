"""Does the cascade hold together? (issue 12, point 5) A check per OPD and year.

Over the current (aktif) indicators of the year, with each indicator's owner as
`sakip_core.pk.jabatan` defines it:

galat (the cascade is broken; `cascade` exits 1):
- an indicator below `opd` without `induk`, or whose `induk` is not in that year (found in
  another year, or nowhere), or belongs to another OPD;
- an owner whose superior does not own the parent indicator.
peringatan (worth a look, not broken):
- an OPD-level indicator that no lower indicator supports;
- a jabatan of the OPD that owns no indicator that year;
- an indicator below `opd` without an owner;
- an owner whose jenjang does not fit the level (administrator, pengawas, staf ↔
  fungsional/pelaksana);
- a parent whose level is not higher than its child's (opd > administrator > pengawas > staf).
"""

from __future__ import annotations

import pandas as pd

from sakip_core.access import opd_scope, require_opd
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.pk.jabatan import OWNER_CTES, owner_expr, owner_join

CASCADE_COLUMNS = ["jenis", "kode_opd", "kode_indikator", "kode_jabatan", "pesan"]

_SQL = f"""
WITH {OWNER_CTES},
ind AS (
    SELECT i.kode_opd, i.kode_indikator, i.indikator, i.level, i.induk,
           {owner_expr("i")} AS pemilik,
           CASE i.level WHEN 'opd' THEN 1 WHEN 'administrator' THEN 2 WHEN 'pengawas' THEN 3
                WHEN 'staf' THEN 4 END AS tingkat
    FROM indikator i {owner_join("i")}
    WHERE i.aktif AND i.tahun = $tahun
),
lain AS (SELECT DISTINCT kode_indikator, tahun FROM indikator WHERE aktif AND tahun <> $tahun),
pasang AS (
    SELECT c.*, p.kode_opd AS opd_induk, p.indikator AS nama_induk, p.pemilik AS pemilik_induk,
           p.tingkat AS tingkat_induk, p.kode_indikator IS NOT NULL AS induk_ada,
           j.atasan, j.nama_jabatan, j.jenjang, pj.nama_jabatan AS nama_pemilik_induk
    FROM ind c
    LEFT JOIN ind p ON p.kode_indikator = c.induk
    LEFT JOIN jabatan j ON j.kode_jabatan = c.pemilik
    LEFT JOIN jabatan pj ON pj.kode_jabatan = p.pemilik
    WHERE c.level NOT IN ('opd', 'pemda')
),
temuan AS (
    SELECT 'galat' AS jenis, kode_opd, kode_indikator, pemilik AS kode_jabatan,
           'indikator ' || kode_indikator || ' (level ' || level
           || ') tidak memiliki induk; isi kolom induk dengan indikator yang didukungnya' AS pesan
    FROM pasang WHERE induk IS NULL
    UNION ALL
    SELECT 'galat', p.kode_opd, p.kode_indikator, p.pemilik,
           'indikator induk ' || p.induk || ' dari ' || p.kode_indikator
           || CASE WHEN l.tahun IS NULL THEN ' tidak ditemukan'
                   ELSE ' hanya ada pada tahun ' || l.tahun END
           || ' (bukan tahun ' || $tahun || ')'
    FROM pasang p
    LEFT JOIN (SELECT kode_indikator, string_agg(DISTINCT CAST(tahun AS VARCHAR), ', '
                                                 ORDER BY CAST(tahun AS VARCHAR)) AS tahun
               FROM lain GROUP BY ALL) l ON l.kode_indikator = p.induk
    WHERE p.induk IS NOT NULL AND NOT p.induk_ada
    UNION ALL
    SELECT 'galat', kode_opd, kode_indikator, pemilik,
           'indikator induk ' || induk || ' dari ' || kode_indikator || ' milik OPD '
           || opd_induk || ', bukan OPD ' || kode_opd
    FROM pasang WHERE induk_ada AND opd_induk <> kode_opd
    UNION ALL
    SELECT 'galat', kode_opd, kode_indikator, pemilik,
           'pemilik ' || pemilik || ' (' || nama_jabatan || ') beratasan '
           || coalesce(atasan, '-') || ', tetapi indikator induk ' || induk
           || ' dimiliki ' || pemilik_induk || ' (' || coalesce(nama_pemilik_induk, '-') || ')'
    FROM pasang
    WHERE induk_ada AND pemilik IS NOT NULL AND pemilik_induk IS NOT NULL
      AND atasan IS DISTINCT FROM pemilik_induk
    UNION ALL
    SELECT 'peringatan', c.kode_opd, c.kode_indikator, c.pemilik,
           'indikator OPD ' || c.kode_indikator || ' (' || c.indikator
           || ') belum didukung indikator di bawahnya'
    FROM ind c
    WHERE c.level = 'opd' AND NOT EXISTS (SELECT 1 FROM ind d WHERE d.induk = c.kode_indikator)
    UNION ALL
    SELECT 'peringatan', j.kode_opd, NULL, j.kode_jabatan,
           'jabatan ' || j.kode_jabatan || ' (' || j.nama_jabatan
           || ') belum memiliki indikator tahun ' || $tahun
    FROM jabatan j
    WHERE j.jenjang <> 'kepala_daerah' AND j.kode_opd IN (SELECT kode_opd FROM ind)
      AND NOT EXISTS (SELECT 1 FROM ind d WHERE d.pemilik = j.kode_jabatan)
    UNION ALL
    SELECT 'peringatan', kode_opd, kode_indikator, NULL,
           'indikator ' || kode_indikator || ' (level ' || level || ') belum memiliki pemilik '
           || '(kode_jabatan)'
    FROM pasang WHERE pemilik IS NULL
    UNION ALL
    SELECT 'peringatan', kode_opd, kode_indikator, pemilik,
           'pemilik ' || pemilik || ' berjenjang ' || jenjang || ', tidak sesuai level '
           || level || ' indikator ' || kode_indikator
    FROM pasang
    WHERE jenjang IS NOT NULL AND NOT (
        (level = 'administrator' AND jenjang = 'administrator')
        OR (level = 'pengawas' AND jenjang = 'pengawas')
        OR (level = 'staf' AND jenjang IN ('fungsional', 'pelaksana')))
    UNION ALL
    SELECT 'peringatan', kode_opd, kode_indikator, pemilik,
           'indikator induk ' || induk || ' berlevel sama atau lebih rendah dari '
           || kode_indikator || ' (level ' || level || ')'
    FROM pasang WHERE induk_ada AND tingkat_induk >= tingkat
)
SELECT * FROM temuan
WHERE $scope IS NULL OR kode_opd = ANY($scope)
ORDER BY jenis, kode_opd, kode_indikator NULLS LAST, kode_jabatan"""


def cascade_check(
    handle: Handle, actor: Actor, tahun: int, kode_opd: str | None = None
) -> pd.DataFrame:
    """Every finding (columns `CASCADE_COLUMNS`), galat first; operators see their own OPD."""
    if kode_opd is not None:
        require_opd(actor, kode_opd)
    scope = [kode_opd] if kode_opd else opd_scope(actor)
    df = handle.query_df(_SQL, {"tahun": int(tahun), "scope": scope})
    return df[CASCADE_COLUMNS].reset_index(drop=True)


def summary(df: pd.DataFrame) -> tuple[int, int]:
    """(galat, peringatan)."""
    return int((df["jenis"] == "galat").sum()), int((df["jenis"] == "peringatan").sum())
