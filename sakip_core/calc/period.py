"""Periods: a (tahun, triwulan) pair and its predecessor."""

from __future__ import annotations


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
