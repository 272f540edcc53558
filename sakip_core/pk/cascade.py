"""Does the cascade hold together? (issue 12, point 5) A check per OPD and year.

Over the current (aktif) indicators of the year, with each indicator's owner as
`sakip_core.pk.jabatan` defines it (kode_jabatan, else the OPD head for level opd, else the
kepala daerah for pemda).

galat: the cascade is broken, a PK or a Matriks Peran Hasil built on it would be wrong
(`sakip cascade` exits 1):
- an indicator below `opd` (administrator, pengawas, staf) without `induk`;
- an `induk` that is not an indicator of that year: it exists only in another year (named), or
  nowhere (checked on every level: a dangling reference is broken wherever it is);
- an indicator below `opd` whose parent belongs to another OPD;
- an owner whose superior (`atasan`) does not own the parent indicator, when both owners are
  known (the owner is a registered jabatan and the parent has an owner). Not reported for a
  parent of another OPD, which already has its own galat.

peringatan: worth a look, but every link still holds:
- an OPD-level indicator that no lower indicator supports (not cascaded yet);
- a jabatan of an OPD that has a PK that year (not the kepala daerah) owning no indicator;
- an indicator below `opd` without an owner, or any indicator whose owner is not a registered
  jabatan (the import refuses an unknown code, but jabatan can change after the upload);
- an owner whose jenjang does not fit the level: opd ↔ jpt, administrator ↔ administrator,
  pengawas ↔ pengawas, staf ↔ fungsional/pelaksana, pemda ↔ kepala_daerah;
- a parent whose level is not higher than its child's (opd > administrator > pengawas > staf).
  Skipping a tier (a staf indicator under an administrator one) is fine: since the
  simplification of the bureaucracy (PermenPAN-RB 17/2021) many pengawas posts became
  functional ones, so staff report straight to the administrator. The owner rule above still
  catches a child whose owner does not report to the parent's owner.

Every rule is one set-based SELECT over the year's indicators (no Python loop), so the check
stays well under a second at the bench scale (~150k indicators a year). `kode_indikator` is
unique within a year across OPDs (the import enforces it), so a parent is found by code alone.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.access import opd_scope, require_opd
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.pk.jabatan import OWNER_CTES, owner_expr, owner_join
from sakip_core.pk.matriks import sort_key, tier_case

CASCADE_COLUMNS = ["jenis", "kode_opd", "kode_indikator", "kode_jabatan", "pesan"]

_BASE = f"""
WITH {OWNER_CTES},
ind AS (  -- every current indicator of the year: the parents may be in any OPD
    SELECT i.kode_opd, i.kode_indikator, i.indikator, i.level,
           nullif(trim(i.induk), '') AS induk, {owner_expr("i")} AS pemilik,
           {tier_case("i.level")} AS tingkat
    FROM indikator i {owner_join("i")}
    WHERE i.aktif AND i.tahun = $tahun
),
anak AS (  -- the indicators being checked: the actor's scope
    SELECT * FROM ind WHERE $scope IS NULL OR kode_opd = ANY($scope)
),
pasang AS (  -- each checked indicator with its parent and both owners
    SELECT c.*, c.level NOT IN ('opd', 'pemda') AS bawah,
           p.kode_indikator IS NOT NULL AS induk_ada, p.kode_opd AS opd_induk,
           p.indikator AS nama_induk, p.level AS level_induk, p.tingkat AS tingkat_induk,
           p.pemilik AS pemilik_induk, j.kode_jabatan IS NOT NULL AS terdaftar,
           coalesce(j.nama_jabatan, '-') AS nama_jabatan, j.jenjang, j.atasan,
           coalesce(a.nama_jabatan, '-') AS nama_atasan,
           coalesce(pj.nama_jabatan, '-') AS nama_pemilik_induk
    FROM anak c
    LEFT JOIN ind p ON p.kode_indikator = c.induk
    LEFT JOIN jabatan j ON j.kode_jabatan = c.pemilik
    LEFT JOIN jabatan a ON a.kode_jabatan = j.atasan
    LEFT JOIN jabatan pj ON pj.kode_jabatan = p.pemilik
),
lain AS (  -- the other years of the parents missing this year (only those are looked up)
    SELECT kode_indikator, string_agg(DISTINCT CAST(tahun AS VARCHAR), ', '
                                     ORDER BY CAST(tahun AS VARCHAR)) AS tahun
    FROM indikator
    WHERE aktif AND tahun <> $tahun
      AND kode_indikator IN (SELECT induk FROM pasang WHERE induk IS NOT NULL AND NOT induk_ada)
    GROUP BY kode_indikator
)"""

# each rule: (jenis, SELECT kode_opd, kode_indikator, kode_jabatan, pesan ...)
_RULES: list[tuple[str, str]] = [
    (  # below opd, no parent at all
        "galat",
        """SELECT kode_opd, kode_indikator, pemilik,
                  'Indikator ' || kode_indikator || ' (level ' || level
                  || ') tidak memiliki induk: "' || indikator || '" belum terhubung ke '
                  || 'indikator atasan; isi kolom induk dengan kode indikator yang didukungnya.'
           FROM pasang WHERE bawah AND induk IS NULL""",
    ),
    (  # a parent code that is not an indicator of the year
        "galat",
        """SELECT p.kode_opd, p.kode_indikator, p.pemilik,
                  CASE WHEN l.tahun IS NULL
                       THEN 'Indikator induk ' || p.induk || ' dari indikator ' || p.kode_indikator
                            || ' (' || p.indikator || ') tidak ditemukan pada tahun mana pun.'
                       ELSE 'Indikator induk ' || p.induk || ' dari indikator ' || p.kode_indikator
                            || ' (' || p.indikator || ') hanya ada pada tahun ' || l.tahun
                            || ', bukan tahun ' || $tahun || '.' END
           FROM pasang p LEFT JOIN lain l ON l.kode_indikator = p.induk
           WHERE p.induk IS NOT NULL AND NOT p.induk_ada""",
    ),
    (  # below opd, the parent is another OPD's
        "galat",
        """SELECT kode_opd, kode_indikator, pemilik,
                  'Indikator induk ' || induk || ' (' || nama_induk || ') dari indikator '
                  || kode_indikator || ' milik OPD ' || opd_induk || ', bukan OPD ' || kode_opd
                  || '; induk harus indikator OPD yang sama.'
           FROM pasang WHERE bawah AND induk_ada AND opd_induk <> kode_opd""",
    ),
    (  # the owner's superior is not the parent's owner
        "galat",
        """SELECT kode_opd, kode_indikator, pemilik,
                  'Pemilik ' || pemilik || ' (' || nama_jabatan || ') beratasan '
                  || coalesce(atasan || ' (' || nama_atasan || ')', '-')
                  || ', tetapi indikator induk ' || induk || ' dimiliki ' || pemilik_induk
                  || ' (' || nama_pemilik_induk || '); indikator ' || kode_indikator
                  || ' harus mendukung indikator milik atasan langsung pemiliknya.'
           FROM pasang
           WHERE induk_ada AND terdaftar AND pemilik_induk IS NOT NULL
             AND (opd_induk = kode_opd OR (level = 'opd' AND level_induk = 'pemda'))
             AND atasan IS DISTINCT FROM pemilik_induk""",
    ),
    (  # an OPD-level indicator nothing supports
        "peringatan",
        """SELECT c.kode_opd, c.kode_indikator, c.pemilik,
                  'Indikator OPD ' || c.kode_indikator || ' (' || c.indikator
                  || ') belum didukung indikator di bawahnya (belum di-cascade ke '
                  || 'administrator, pengawas, atau staf).'
           FROM anak c
           WHERE c.level = 'opd' AND NOT EXISTS (
               SELECT 1 FROM ind d WHERE d.induk = c.kode_indikator AND d.tingkat > 1)""",
    ),
    (  # a post of an OPD with a PK that owns nothing
        "peringatan",
        """SELECT j.kode_opd, NULL, j.kode_jabatan,
                  'Jabatan ' || j.kode_jabatan || ' (' || j.nama_jabatan
                  || coalesce(', ' || j.nama_pejabat, ', lowong')
                  || ') belum memiliki indikator kinerja pada tahun ' || $tahun || '.'
           FROM jabatan j
           WHERE j.jenjang <> 'kepala_daerah' AND j.kode_opd IN (SELECT kode_opd FROM anak)
             AND NOT EXISTS (SELECT 1 FROM ind d WHERE d.pemilik = j.kode_jabatan)""",
    ),
    (  # below opd, no owner
        "peringatan",
        """SELECT kode_opd, kode_indikator, NULL,
                  'Indikator ' || kode_indikator || ' (' || indikator || ', level ' || level
                  || ') belum memiliki pemilik; isi kolom kode_jabatan.'
           FROM pasang WHERE bawah AND pemilik IS NULL""",
    ),
    (  # an owner code that is not a jabatan (any more)
        "peringatan",
        """SELECT kode_opd, kode_indikator, pemilik,
                  'Pemilik ' || pemilik || ' dari indikator ' || kode_indikator
                  || ' tidak terdaftar pada data jabatan; unggah data jabatan atau perbaiki '
                  || 'kolom kode_jabatan.'
           FROM pasang WHERE pemilik IS NOT NULL AND NOT terdaftar""",
    ),
    (  # the owner's jenjang does not fit the level
        "peringatan",
        """SELECT kode_opd, kode_indikator, pemilik,
                  'Pemilik ' || pemilik || ' (' || nama_jabatan || ') berjenjang ' || jenjang
                  || ', tidak sesuai dengan indikator ' || kode_indikator || ' level ' || level
                  || ' (seharusnya ' || CASE level WHEN 'opd' THEN 'jpt'
                      WHEN 'staf' THEN 'fungsional atau pelaksana'
                      WHEN 'pemda' THEN 'kepala_daerah' ELSE level END || ').'
           FROM pasang
           WHERE terdaftar AND NOT (
               (level = 'opd' AND jenjang = 'jpt')
               OR (level IN ('administrator', 'pengawas') AND jenjang = level)
               OR (level = 'staf' AND jenjang IN ('fungsional', 'pelaksana'))
               OR (level = 'pemda' AND jenjang = 'kepala_daerah'))""",
    ),
    (  # the parent is not above its child
        "peringatan",
        """SELECT kode_opd, kode_indikator, pemilik,
                  'Indikator induk ' || induk || ' (level ' || level_induk
                  || ') tidak lebih tinggi dari indikator ' || kode_indikator || ' (level '
                  || level || '); urutan level: opd > administrator > pengawas > staf.'
           FROM pasang WHERE bawah AND induk_ada AND tingkat_induk >= tingkat""",
    ),
]


def _sql() -> str:
    """The base CTEs, every rule as one branch of a UNION ALL; errors first, codes in natural
    order (A1.2 before A1.10)."""
    branches = [
        f"SELECT '{jenis}' AS jenis, * FROM ({body}) AS r(kode_opd, kode_indikator, "
        "kode_jabatan, pesan)"
        for jenis, body in _RULES
    ]
    union = "\nUNION ALL\n".join(branches)
    return (
        f"{_BASE}\nSELECT * FROM ({union}) AS t\n"
        f"ORDER BY jenis, kode_opd, {sort_key('kode_indikator')} NULLS LAST, kode_jabatan, pesan"
    )


_SQL = _sql()


def cascade_check(
    handle: Handle, actor: Actor, tahun: int, kode_opd: str | None = None
) -> pd.DataFrame:
    """Every finding (columns `CASCADE_COLUMNS`): galat first, then peringatan, each by OPD
    and indicator. Operators check their own OPD; `kode_opd` narrows to one OPD."""
    if kode_opd is not None:
        require_opd(actor, kode_opd)
    scope = [kode_opd] if kode_opd else opd_scope(actor)
    df = handle.query_df(_SQL, {"tahun": int(tahun), "scope": scope})
    return df[CASCADE_COLUMNS].reset_index(drop=True)


def summary(df: pd.DataFrame) -> tuple[int, int]:
    """(galat, peringatan): the command exits 1 when the first is not zero."""
    return int((df["jenis"] == "galat").sum()), int((df["jenis"] == "peringatan").sum())
