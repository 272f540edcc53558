"""Periods: a (tahun, triwulan) pair and its predecessor."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakip_core.db import Handle


def check_triwulan(triwulan: int) -> None:
    if triwulan not in (1, 2, 3, 4):
        raise ValueError(f"Triwulan harus 1..4, bukan {triwulan}.")


def check_bulan(bulan: int) -> None:
    if not 1 <= bulan <= 12:
        raise ValueError(f"Bulan harus 1..12, bukan {bulan}.")


def previous_quarter(tahun: int, triwulan: int) -> tuple[int, int]:
    """q - 1 of the same year, or Q4 of the previous year when q = 1 (capaian.md section 7)."""
    check_triwulan(triwulan)
    return (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)


def latest_reported(handle: Handle) -> tuple[int, int] | None:
    """(tahun, triwulan) of the latest quarter with any realisasi, or None when there is none."""
    with handle.cursor() as conn:
        (value,) = conn.execute("SELECT max(tahun * 10 + triwulan) FROM realisasi").fetchone()
    return None if value is None else divmod(int(value), 10)


def known_years(handle: Handle) -> list[int]:
    """Years that have indicators or realisations, newest first."""
    with handle.cursor() as conn:
        rows = conn.execute(
            "SELECT DISTINCT tahun FROM indikator WHERE aktif "
            "UNION SELECT DISTINCT tahun FROM realisasi ORDER BY tahun DESC NULLS LAST"
        ).fetchall()
    return [int(t) for (t,) in rows]
