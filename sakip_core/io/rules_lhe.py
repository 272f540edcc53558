"""Rules of the `lhe` dataset (issue 14, point 3) beyond each cell's own: a recommendation is
due in or after the year it was given (a deadline before the evaluation year is a typing slip).
Unknown units, bad dates, missing texts, unknown komponen and duplicate keys are caught by the
common checks (`check`, `parse`)."""

from __future__ import annotations

import pandas as pd

from sakip_core.io.parse import Problems
from sakip_core.io.reader import ROW_COL


def lhe_rules(table: pd.DataFrame, p: Problems) -> None:
    due_year = pd.to_datetime(table["batas_waktu"]).dt.year
    early = due_year < table["tahun"]
    p.add_mask(
        table[ROW_COL],
        early,
        "batas_waktu",
        "batas waktu sebelum tahun evaluasi " + table["tahun"].astype("Int64").astype(str),
        table["batas_waktu"].map(lambda d: f"{d:%d-%m-%Y}" if pd.notna(d) else ""),
    )
