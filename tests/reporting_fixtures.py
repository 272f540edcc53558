"""A small database for the reporting tests: two OPDs (A, B), two indicators each, accounts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sakip_core.auth import Actor, hash_password
from sakip_core.db import Handle
from tests.factories import TAHUN, add_indicators, add_opd, add_realisasi, make_db

A, B = "1.01.01", "1.02.01"
ADMIN = Actor("adm", "admin")
VERIFIER = Actor("ver", "verifikator")
ANALIS = Actor("ana", "analis")
OP_A = Actor("op-a", "operator", A)
OP_B = Actor("op-b", "operator", B)
PASSWORD = "rahasia"


def reporting_db(tmp_path: Path, with_users: bool = False) -> Handle:
    """OPD A (A1, A2) and B (B1, B2), indicators of TAHUN, TW1 draft values for both OPDs."""
    h = make_db(tmp_path)
    add_opd(h, A, B)
    add_indicators(h, [{"kode_opd": A, "kode_indikator": k, "target": 100.0} for k in ("A1", "A2")])
    add_indicators(h, [{"kode_opd": B, "kode_indikator": k, "target": 100.0} for k in ("B1", "B2")])
    add_realisasi(
        h,
        [
            {"kode_opd": A, "kode_indikator": "A1", "triwulan": 1, "realisasi": 50.0},
            {"kode_opd": A, "kode_indikator": "A2", "triwulan": 1, "realisasi": 60.0},
            {"kode_opd": B, "kode_indikator": "B1", "triwulan": 1, "realisasi": 70.0},
            {"kode_opd": B, "kode_indikator": "B2", "triwulan": 1, "realisasi": 80.0},
        ],
    )
    if with_users:
        add_users(h)
    return h


@cache
def _hash() -> str:
    return hash_password(PASSWORD)


def add_users(h: Handle) -> None:
    """The five accounts with password PASSWORD (one shared Argon2 hash: tests only)."""
    with h.transaction() as conn:
        for a in (ADMIN, VERIFIER, ANALIS, OP_A, OP_B):
            conn.execute(
                "INSERT INTO pengguna (nama_pengguna, peran, kode_opd, hash_sandi) "
                "VALUES (?, ?, ?, ?)",
                [a.nama_pengguna, a.peran, a.kode_opd, _hash()],
            )


def realisasi_csv(rows: list[tuple[str, str, int, str]], tahun: int = TAHUN) -> bytes:
    """CSV bytes of (kode_opd, kode_indikator, triwulan, realisasi) rows."""
    lines = ["tahun,triwulan,kode_opd,kode_indikator,realisasi"]
    lines += [f"{tahun},{q},{opd},{kode},{val}" for opd, kode, q, val in rows]
    return ("\n".join(lines) + "\n").encode()


def statuses(h: Handle, tahun: int = TAHUN, triwulan: int = 1) -> dict[str, str]:
    df = h.query_df(
        "SELECT kode_indikator, status FROM realisasi WHERE tahun = ? AND triwulan = ?",
        [tahun, triwulan],
    )
    return dict(zip(df["kode_indikator"], df["status"], strict=True))
