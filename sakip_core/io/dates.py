"""Reading a date cell: an Excel date, or text written day-month-year or ISO.

Accepted: an Excel date (or date-time) cell; text `31-03-2026`, `31/03/2026`, `31.03.2026`
(day first, as Indonesian staff write it); ISO `2026-03-31`, optionally followed by a midnight
time (`2026-03-31 00:00:00`, as some exports write dates). A plain number is refused: an Excel
serial such as 46112 is a date whose cell lost its format, and guessing it would hide the slip.
Impossible dates (31-02-2026) are refused, never rolled over.

Date columns are short (recommendations, deadlines), so cells are read one by one.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

DATE_HINT = "HH-BB-TTTT, misalnya 31-03-2026"
MIN_YEAR, MAX_YEAR = 1900, 2100
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")


def parse_date(value: object) -> date | None:
    """The date in one cell, or None when the cell is empty or not a valid date."""
    if isinstance(value, datetime):  # pd.Timestamp too; NaT is a datetime subclass
        return None if pd.isna(value) else _in_range(value.date())
    if isinstance(value, date):
        return _in_range(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if m := _DAY_FIRST.fullmatch(text):
        return _make(int(m[4]), int(m[3]), int(m[1]))
    if m := _ISO.fullmatch(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return _in_range(date(year, month, day))
    except ValueError:
        return None


def _in_range(d: date) -> date | None:
    return d if MIN_YEAR <= d.year <= MAX_YEAR else None


def parse_date_series(values: pd.Series) -> pd.Series:
    """`parse_date` of every cell (object dtype: `date` or None)."""
    return values.map(parse_date).astype(object)
