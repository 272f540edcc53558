"""Matriks Peran Hasil and Rencana Hasil Kerja (issue 12, point 6).

The matrix follows each OPD-level indicator of an OPD down the cascade (`induk`), depth-first
in code order, with the jabatan that own each step. The RHK of one official lists their own
indicators with the superior's indicator each supports: the shape of an SKP (PermenPAN-RB
6/2022), so staff can copy it into e-Kinerja.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.pk import jabatan as jab
from sakip_core.pk.agreement import target_text

MATRIKS_COLUMNS = [
    "kode_indikator_opd",
    "indikator_opd",
    "tingkat",
    "level",
    "kode_indikator",
    "indikator",
    "target",
    "satuan",
    "kode_induk",
    "kode_jabatan",
    "nama_jabatan",
    "nama_pejabat",
    "jenjang",
]
RHK_COLUMNS = [
    "no",
    "kode_indikator_atasan",
    "rhk_atasan",
    "kode_indikator",
    "rencana_hasil_kerja",
    "indikator_kinerja_individu",
    "target",
    "satuan",
]

_TREE = f"""
WITH RECURSIVE {jab.OWNER_CTES},
ind AS (
    SELECT i.*, {jab.owner_expr("i")} AS pemilik
    FROM indikator i {jab.owner_join("i")}
    WHERE i.aktif AND i.tahun = $tahun AND i.kode_opd = $opd
),
pohon AS (
    SELECT kode_indikator AS akar, indikator AS nama_akar, 1 AS tingkat,
           [kode_indikator] AS jalur, ind.*
    FROM ind WHERE level = 'opd'
    UNION ALL
    SELECT p.akar, p.nama_akar, p.tingkat + 1, list_append(p.jalur, c.kode_indikator), c.*
    FROM pohon p JOIN ind c ON c.induk = p.kode_indikator AND c.level <> 'opd'
    WHERE p.tingkat < 8
)
SELECT p.akar AS kode_indikator_opd, p.nama_akar AS indikator_opd, p.tingkat, p.level,
       p.kode_indikator, p.indikator, p.polaritas, p.target, p.target_min, p.target_max,
       p.satuan, p.induk AS kode_induk, p.pemilik AS kode_jabatan, j.nama_jabatan,
       j.nama_pejabat, j.jenjang
FROM pohon p LEFT JOIN jabatan j ON j.kode_jabatan = p.pemilik
ORDER BY p.jalur"""


def _with_target_text(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["target"] = [
        target_text(p, t, lo, hi)
        for p, t, lo, hi in zip(df["polaritas"], df["target"], df["target_min"],
                                df["target_max"], strict=True)
    ]  # fmt: skip
    return df


def matriks_peran_hasil(handle: Handle, actor: Actor, tahun: int, kode_opd: str) -> pd.DataFrame:
    """The OPD's cascade as rows (`MATRIKS_COLUMNS`), each under its OPD-level indicator."""
    require_opd(actor, kode_opd)
    df = handle.query_df(_TREE, {"tahun": int(tahun), "opd": kode_opd})
    if df.empty:
        return pd.DataFrame(columns=MATRIKS_COLUMNS)
    return _with_target_text(df)[MATRIKS_COLUMNS]


@dataclass(frozen=True)
class Pegawai:
    """Who the RHK belongs to (the identity block of the SKP)."""

    kode_jabatan: str
    nama_jabatan: str
    nama_pejabat: str | None
    nip: str | None
    unit: str
    atasan: str | None  # "Kepala Dinas Kesehatan — dr. Rina"


def rencana_hasil_kerja(
    handle: Handle, actor: Actor, tahun: int, kode_jabatan: str
) -> tuple[Pegawai, pd.DataFrame]:
    """One official's own indicators as RHK rows, with the superior's indicator each supports."""
    row = jab.jabatan_row(handle, kode_jabatan)
    require_opd(actor, str(row["kode_opd"]))
    df = handle.query_df(
        f"""WITH {jab.OWNER_CTES}
            SELECT i.kode_indikator, i.sasaran, i.indikator, i.polaritas, i.target,
                   i.target_min, i.target_max, i.satuan, p.kode_indikator AS kode_atasan,
                   p.indikator AS indikator_atasan
            FROM indikator i {jab.owner_join("i")}
            LEFT JOIN indikator p ON p.aktif AND p.tahun = i.tahun
                                  AND p.kode_indikator = i.induk
            WHERE i.aktif AND i.tahun = ? AND {jab.owner_expr("i")} = ?
            ORDER BY i.kode_indikator""",
        [int(tahun), kode_jabatan],
    )
    rows = _with_target_text(df) if not df.empty else df.assign(target=[])
    out = pd.DataFrame(
        {
            "no": range(1, len(rows) + 1),
            "kode_indikator_atasan": rows["kode_atasan"],
            "rhk_atasan": rows["indikator_atasan"].fillna("-"),
            "kode_indikator": rows["kode_indikator"],
            "rencana_hasil_kerja": rows["sasaran"],
            "indikator_kinerja_individu": rows["indikator"],
            "target": rows["target"],
            "satuan": rows["satuan"],
        },
        columns=RHK_COLUMNS,
    )
    return _pegawai(handle, row), out


def _pegawai(handle: Handle, row: dict[str, object]) -> Pegawai:
    boss = None
    if row.get("atasan"):
        b = jab.jabatan_row(handle, str(row["atasan"]))
        boss = f"{b['nama_jabatan']} — {b['nama_pejabat'] or 'lowong'}"
    unit = handle.query_df("SELECT nama_opd FROM opd WHERE kode_opd = ?", [row["kode_opd"]])
    return Pegawai(
        kode_jabatan=str(row["kode_jabatan"]),
        nama_jabatan=str(row["nama_jabatan"]),
        nama_pejabat=None if row.get("nama_pejabat") is None else str(row["nama_pejabat"]),
        nip=None if row.get("nip") is None else str(row["nip"]),
        unit=str(unit["nama_opd"].iloc[0]) if not unit.empty else str(row["kode_opd"]),
        atasan=boss,
    )
