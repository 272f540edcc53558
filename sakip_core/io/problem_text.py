"""How an upload check words what it found: the capped problem list and the file-level notes.

At most `UploadLimits.masalah_ditampilkan` problems are listed (file-level first, then by row),
with a closing line counting the rest; long lists of rows or column names are cut after
`LISTED_NAMES`. The sheet that was read is noted, and merged cells inside the table are problems
(only the first cell of a merged range holds a value).
"""

from __future__ import annotations

from sakip_core.io.limits import UploadLimits
from sakip_core.io.parse import Problem, Problems
from sakip_core.io.reader import ROW_COL, SHEET_NOTE, RawTable, short
from sakip_core.io.xlsx import DATA_SHEET
from sakip_core.io.xlsx_extent import col_letters

LISTED_NAMES = 20  # rows or column names listed in one warning


def listed(problems: Problems, column_order: list[str], limits: UploadLimits) -> list[Problem]:
    """The first problems (file-level first, then by row), and a line counting the rest."""
    shown = problems.to_list(column_order, limits.masalah_ditampilkan)
    total = problems.count()
    if total > len(shown):
        rest = total - len(shown)
        shown.append(
            Problem(
                None,
                None,
                f"... dan {_num(rest)} masalah lainnya tidak ditampilkan (seluruhnya "
                f"{_num(total)} masalah). Perbaiki masalah di atas lalu unggah lagi.",
                ringkasan=True,
            )
        )
    return shown


def _num(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def listing(names: list[str]) -> str:
    """The first LISTED_NAMES names, comma-separated, and how many more there are."""
    shown = ", ".join(names[:LISTED_NAMES])
    if len(names) > LISTED_NAMES:
        shown += f" dan {_num(len(names) - LISTED_NAMES)} lainnya"
    return shown


def sheet_note(raw: RawTable) -> str:
    note = f"{SHEET_NOTE}: {raw.lembar}"
    if raw.lembar_cadangan:
        note += f" (tidak ada lembar bernama '{DATA_SHEET}'; dibaca lembar pertama yang terlihat)"
    return note


def merged_problems(raw: RawTable) -> list[Problem]:
    """Merged cells in the table's area: only their first cell holds a value."""
    last_row = int(raw.cells[ROW_COL].max()) if len(raw.cells) else 1
    out = []
    for r0, c0, r1, c1 in sorted(raw.merged):
        if r0 > last_row or c0 > len(raw.header):
            continue  # formatting outside the table
        ref = f"{col_letters(c0)}{r0}:{col_letters(c1)}{r1}"
        name = raw.header[c0 - 1] or col_letters(c0)
        out.append(
            Problem(
                r0,
                short(name),
                f"sel digabung (merge) {ref}: hanya sel pertamanya yang berisi nilai. Pisahkan "
                "sel itu (Excel: Beranda > Gabung & Tengahkan > Pisahkan Sel) dan isi setiap sel "
                "sendiri-sendiri",
            )
        )
    return out
