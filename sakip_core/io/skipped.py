"""Rows skipped for a blank value: a realisasi row whose `realisasi` is empty is not reported.

A dataset with `skip_blank` parses that column as optional; a row where it is blank is left out
of the batch (the value stored before stays), listed in `CheckResult.dilewati` and counted in a
warning, with a second warning for skipped rows whose keterangan/bukti would otherwise be lost.
A file where every row is blank is a problem.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from sakip_core.io.parse import Problem, blank_cells
from sakip_core.io.problem_text import listing
from sakip_core.io.reader import ROW_COL, RawTable
from sakip_core.io.schema import Dataset

if TYPE_CHECKING:
    from sakip_core.io.check import CheckResult

SKIP_NOTE = "indikator dilewati karena kolom realisasi kosong"
SKIPPED_COLUMNS = ["baris", "tahun", "triwulan", "kode_opd", "kode_indikator", "indikator"]


def parse_spec(spec: Dataset) -> Dataset:
    """The spec as parsed: the `skip_blank` column is not required (a blank skips the row)."""
    if spec.skip_blank is None:
        return spec
    columns = tuple(
        replace(c, required=False) if c.name == spec.skip_blank else c for c in spec.columns
    )
    return replace(spec, columns=columns)


def skipped_rows(spec: Dataset, cells: pd.DataFrame) -> pd.Series:
    """True for each row whose `skip_blank` cell is blank (never, without such a column)."""
    if spec.skip_blank is None or spec.skip_blank not in cells.columns:
        return pd.Series(False, index=cells.index)
    return blank_cells(cells[spec.skip_blank])


def nothing_filled(spec: Dataset, rows: int) -> Problem:
    """The problem for a file whose `skip_blank` column is blank on every one of its rows."""
    return Problem(
        None,
        spec.skip_blank,
        f"tidak ada nilai yang diisi: kolom {spec.skip_blank} kosong pada semua "
        f"{rows} baris; isi minimal satu nilai",
    )


def note_skipped(
    result: CheckResult,
    table: pd.DataFrame,
    raw: RawTable,
    skip: pd.Series,
    names: dict[int, tuple[str, str | None]],
) -> None:
    """The skipped rows listed and counted in the result, with their warnings."""
    skipped = table.loc[skip, ["tahun", "triwulan", "kode_opd", "kode_indikator"]].copy()
    baris = table.loc[skip, ROW_COL].astype(int)
    skipped.insert(0, "baris", baris)
    skipped["indikator"] = [names.get(int(b), (None, None))[1] for b in baris]
    result.dilewati = skipped.reset_index(drop=True)[SKIPPED_COLUMNS]
    result.jumlah_dilewati = len(skipped)
    result.warnings.append(
        f"{result.jumlah_dilewati} {SKIP_NOTE} (belum dilaporkan); nilai yang sudah tersimpan "
        "untuk indikator itu tidak berubah."
    )
    notes = [c for c in ("keterangan", "bukti") if c in raw.cells.columns]
    if notes:
        filled = ~pd.concat([blank_cells(raw.cells[c]) for c in notes], axis=1).all(axis=1)
        with_note = table.loc[skip & filled, ROW_COL].astype(int).astype(str).tolist()
        if with_note:
            result.warnings.append(
                f"Baris {listing(with_note)}: keterangan/bukti diisi tetapi realisasi kosong, "
                "sehingga baris itu dilewati dan keterangan/bukti tidak disimpan. Isi "
                "realisasinya bila indikator itu hendak dilaporkan."
            )
