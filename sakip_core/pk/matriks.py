"""Matriks Peran Hasil and Rencana Hasil Kerja (issue 12, point 6).

The matrix follows each OPD-level indicator of an OPD (owned by the head) down the cascade
(`induk`), depth-first in code order, with the jabatan that own each step. Codes sort
naturally (A1.2 before A1.10). Indicators that no OPD-level indicator reaches (a broken
cascade, reported by `sakip_core.pk.cascade`) are not in the matrix.

The RHK of one official lists their own indicators in the shape of an SKP (PermenPAN-RB
6/2022), each with the superior's indicator it supports ("RHK atasan yang diintervensi"),
so staff can copy it into e-Kinerja. The RHK is the indicator's `sasaran` (the result
statement) and the individual indicator (IKI) is its `indikator` (the measure): the SKP
pairs a result with the measure of it, as the PK pairs a sasaran with its indicators.
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
    "rhk_atasan",
    "kode_indikator_atasan",
    "rencana_hasil_kerja",
    "indikator_kinerja_individu",
    "target",
    "satuan",
    "kode_indikator",
]
TINGKAT = {"opd": 1, "administrator": 2, "pengawas": 3, "staf": 4}
MAX_DEPTH = 10  # a guard only: a tree hanging from OPD-level roots has no cycle


def tier_case(col: str) -> str:
    """SQL for `tingkat` from a level column (NULL for pemda)."""
    whens = " ".join(f"WHEN '{level}' THEN {n}" for level, n in TINGKAT.items())
    return f"CASE {col} {whens} END"


def sort_key(col: str) -> str:
    """SQL for a text key that sorts codes naturally: digit runs are zero-padded to 12 digits.

    Twelve zeros go in front of every digit run, then `0*` takes back the zeros the run does not
    need to be twelve digits long (a longer run stays whole); the same text on both stores.
    """
    padded = f"regexp_replace({col}, '(\\d+)', '000000000000\\1', 'g')"
    return f"regexp_replace({padded}, '0*(\\d{{12}})', '\\1', 'g')"


_TREE = f"""
WITH RECURSIVE {jab.OWNER_CTES},
ind AS (
    SELECT i.*, {jab.owner_expr("i")} AS pemilik, {sort_key("i.kode_indikator")} AS urut
    FROM indikator i {jab.owner_join("i")}
    WHERE i.aktif AND i.tahun = $tahun AND i.kode_opd = $opd
),
pohon AS (
    SELECT kode_indikator AS akar, indikator AS nama_akar, 1 AS kedalaman, ARRAY[urut] AS jalur,
           ind.*
    FROM ind WHERE level = 'opd'
    UNION ALL
    SELECT p.akar, p.nama_akar, p.kedalaman + 1, array_append(p.jalur, c.urut), c.*
    FROM pohon p JOIN ind c ON c.induk = p.kode_indikator AND c.level <> 'opd'
    WHERE p.kedalaman < {MAX_DEPTH}
)
SELECT p.akar AS kode_indikator_opd, p.nama_akar AS indikator_opd,
       {tier_case("p.level")} AS tingkat,
       p.level, p.kode_indikator, p.indikator, p.polaritas, p.target, p.target_min,
       p.target_max, p.satuan, p.induk AS kode_induk, p.pemilik AS kode_jabatan,
       j.nama_jabatan, j.nama_pejabat, j.jenjang
FROM pohon p LEFT JOIN jabatan j ON j.kode_jabatan = p.pemilik
ORDER BY p.jalur"""


def _with_target_text(df: pd.DataFrame) -> pd.DataFrame:
    """`target` as the PK writes it: "85,5", or "80–90" for a rentang."""
    df = df.copy()
    df["target"] = [
        target_text(p, t, lo, hi)
        for p, t, lo, hi in zip(df["polaritas"], df["target"], df["target_min"],
                                df["target_max"], strict=True)
    ]  # fmt: skip
    return df


def _require_known_opd(handle: Handle, kode_opd: str) -> None:
    if handle.query_df("SELECT 1 FROM opd WHERE kode_opd = ?", [kode_opd]).empty:
        raise LookupError(f"OPD {kode_opd} tidak terdaftar.")


def matriks_peran_hasil(handle: Handle, actor: Actor, tahun: int, kode_opd: str) -> pd.DataFrame:
    """The OPD's cascade as rows (`MATRIKS_COLUMNS`), each under its OPD-level indicator.

    `tingkat` follows the level (1 opd, 2 administrator, 3 pengawas, 4 staf), not the depth,
    so a tier that is skipped stays an empty column in the workbook."""
    require_opd(actor, kode_opd)
    _require_known_opd(handle, kode_opd)
    df = handle.query_df(_TREE, {"tahun": int(tahun), "opd": kode_opd})
    if df.empty:
        return pd.DataFrame(columns=MATRIKS_COLUMNS)
    return _with_target_text(df)[MATRIKS_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class Pegawai:
    """Who the RHK belongs to (the identity block of the SKP)."""

    kode_jabatan: str
    nama_jabatan: str
    nama_pejabat: str | None
    nip: str | None
    unit: str
    atasan: str | None  # "Kepala Dinas Kesehatan — dr. Rina"


_RHK = f"""
WITH {jab.OWNER_CTES}
SELECT i.kode_indikator, i.sasaran, i.indikator, i.polaritas, i.target, i.target_min,
       i.target_max, i.satuan, p.kode_indikator AS kode_atasan, p.indikator AS indikator_atasan
FROM indikator i {jab.owner_join("i")}
LEFT JOIN indikator p ON p.aktif AND p.tahun = i.tahun AND p.kode_indikator = i.induk
WHERE i.aktif AND i.tahun = ? AND {jab.owner_expr("i")} = ?
ORDER BY {sort_key("i.kode_indikator")}"""


def rencana_hasil_kerja(
    handle: Handle, actor: Actor, tahun: int, kode_jabatan: str
) -> tuple[Pegawai, pd.DataFrame]:
    """The official's identity and their own indicators as RHK rows (`RHK_COLUMNS`).

    An unknown kode_jabatan raises `LookupError` (Indonesian message); an operator may only
    read the jabatan of their own OPD."""
    row = jab.jabatan_row(handle, kode_jabatan)
    require_opd(actor, str(row["kode_opd"]))
    df = handle.query_df(_RHK, [int(tahun), kode_jabatan])
    rows = _with_target_text(df) if not df.empty else df.assign(target=[])
    out = pd.DataFrame(
        {
            "no": range(1, len(rows) + 1),
            "rhk_atasan": rows["indikator_atasan"].fillna("-"),
            "kode_indikator_atasan": rows["kode_atasan"],
            "rencana_hasil_kerja": rows["sasaran"],
            "indikator_kinerja_individu": rows["indikator"],
            "target": rows["target"],
            "satuan": rows["satuan"],
            "kode_indikator": rows["kode_indikator"],
        },
        columns=RHK_COLUMNS,
    )
    return _pegawai(handle, row), out.reset_index(drop=True)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _pegawai(handle: Handle, row: dict[str, object]) -> Pegawai:
    """The identity block: the holder, the unit's name, the superior and their holder."""
    boss = None
    if row.get("atasan"):
        try:
            b = jab.jabatan_row(handle, str(row["atasan"]))
            boss = f"{b['nama_jabatan']} — {b['nama_pejabat'] or 'lowong'}"
        except jab.JabatanNotFound:
            boss = str(row["atasan"])  # a superior removed since: show the code
    unit = handle.query_df("SELECT nama_opd FROM opd WHERE kode_opd = ?", [row["kode_opd"]])
    return Pegawai(
        kode_jabatan=str(row["kode_jabatan"]),
        nama_jabatan=str(row["nama_jabatan"]),
        nama_pejabat=_text(row.get("nama_pejabat")),
        nip=_text(row.get("nip")),
        unit=str(unit["nama_opd"].iloc[0]) if not unit.empty else str(row["kode_opd"]),
        atasan=boss,
    )
