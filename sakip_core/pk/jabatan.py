"""Reads of the organisation: positions, their holders and history, and indicator owners.

The owner of an indicator is its `kode_jabatan`; when that is empty, an OPD-level indicator
belongs to the head of its OPD (the OPD's `jpt` whose superior is outside the OPD) and a
pemda-level one to the kepala daerah. `OWNER_CTES` + `owner_join` give that in SQL, so every
read (PK, cascade, per-jabatan scores) applies the same default.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.access import opd_scope, require_opd
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.schema import DATASETS, JENJANG

JENJANG_NAMES = JENJANG
JABATAN_COLUMNS = list(DATASETS["jabatan"].names)  # as the file has them

OWNER_CTES = """
kepala_opd AS (
    SELECT j.kode_opd, j.kode_jabatan
    FROM jabatan j LEFT JOIN jabatan b ON b.kode_jabatan = j.atasan
    WHERE j.jenjang = 'jpt' AND b.kode_opd IS DISTINCT FROM j.kode_opd
),
kepala_daerah AS (
    SELECT min(kode_jabatan) AS kode_jabatan FROM jabatan WHERE jenjang = 'kepala_daerah'
)"""


def owner_join(alias: str = "i") -> str:
    """Joins that make `pemilik` (the owner's kode_jabatan) computable for indicator `alias`."""
    return f"LEFT JOIN kepala_opd ko ON ko.kode_opd = {alias}.kode_opd CROSS JOIN kepala_daerah kd"


def owner_expr(alias: str = "i") -> str:
    return (
        f"coalesce({alias}.kode_jabatan, CASE {alias}.level WHEN 'opd' THEN ko.kode_jabatan "
        "WHEN 'pemda' THEN kd.kode_jabatan END)"
    )


class JabatanNotFound(LookupError):
    """No such jabatan; the message is for the user."""


def jabatan_list(handle: Handle, actor: Actor, kode_opd: str | None = None) -> pd.DataFrame:
    """Positions with their holders, in structure order; an operator sees their own OPD only."""
    scope = opd_scope(actor)
    if kode_opd is not None:
        require_opd(actor, kode_opd)
    where, params = [], []
    if kode_opd is not None:
        where.append("kode_opd = ?")
        params.append(kode_opd)
    elif scope is not None:
        where.append("kode_opd = ANY(?)")
        params.append(scope)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return handle.query_df(
        f"SELECT {', '.join(JABATAN_COLUMNS)} FROM jabatan {clause} "
        f"ORDER BY {JENJANG_ORDER}, kode_opd, kode_jabatan",
        params,
    )


JENJANG_ORDER = (
    "CASE jenjang WHEN 'kepala_daerah' THEN 0 WHEN 'jpt' THEN 1 WHEN 'administrator' THEN 2 "
    "WHEN 'pengawas' THEN 3 WHEN 'fungsional' THEN 4 ELSE 5 END"
)


def jabatan_row(handle: Handle, kode_jabatan: str) -> dict[str, object]:
    df = handle.query_df(
        f"SELECT {', '.join(JABATAN_COLUMNS)} FROM jabatan WHERE kode_jabatan = ?",
        [kode_jabatan],
    )
    if df.empty:
        raise JabatanNotFound(f"Jabatan {kode_jabatan} tidak terdaftar.")
    return {k: (None if pd.isna(v) else v) for k, v in df.iloc[0].to_dict().items()}


def holder_history(handle: Handle, actor: Actor, kode_jabatan: str) -> pd.DataFrame:
    """The current holder first, then the earlier ones with the date they were replaced."""
    row = jabatan_row(handle, kode_jabatan)
    require_opd(actor, str(row["kode_opd"]))
    return handle.query_df(
        """SELECT j.nama_pejabat, j.nip, j.pangkat, j.status_pejabat, b.waktu AS sejak,
                  NULL::TIMESTAMP AS sampai
           FROM jabatan j LEFT JOIN batch_unggah b ON b.id = j.batch_id
           WHERE j.kode_jabatan = ?
           UNION ALL
           SELECT r.nama_pejabat, r.nip, r.pangkat, r.status_pejabat, b.waktu, r.diganti_pada
           FROM jabatan_riwayat r LEFT JOIN batch_unggah b ON b.id = r.batch_id
           WHERE r.kode_jabatan = ?
           ORDER BY sampai DESC NULLS FIRST""",
        [kode_jabatan, kode_jabatan],
    )


def heads(handle: Handle) -> pd.DataFrame:
    """The head (kepala) jabatan of every OPD, by kode_opd: the signing ceremony's list."""
    return handle.query_df(
        f"WITH {OWNER_CTES} SELECT ko.kode_opd, ko.kode_jabatan FROM kepala_opd ko "
        "ORDER BY ko.kode_opd"
    )


def kepala_daerah(handle: Handle) -> str | None:
    df = handle.query_df(
        "SELECT min(kode_jabatan) AS k FROM jabatan WHERE jenjang = 'kepala_daerah'"
    )
    value = df["k"].iloc[0]
    return None if pd.isna(value) else str(value)
