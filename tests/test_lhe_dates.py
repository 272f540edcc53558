"""The date cell parser of the `lhe` dataset: every way staff write a date reads back as that
date; anything else is refused (never rolled over, never a crash)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from sakip_core.io.dates import parse_date, parse_date_series

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(DATES, st.sampled_from(["-", "/", "."]), st.booleans())
def test_day_first_text_reads_back(d: date, sep: str, padded: bool) -> None:
    day, month = (f"{d.day:02d}", f"{d.month:02d}") if padded else (str(d.day), str(d.month))
    assert parse_date(f" {day}{sep}{month}{sep}{d.year:04d} ") == d


@given(DATES, st.sampled_from(["", " 00:00", " 00:00:00", "T00:00:00"]))
def test_iso_text_and_excel_cells_read_back(d: date, midnight: str) -> None:
    assert parse_date(f"{d.isoformat()}{midnight}") == d
    assert parse_date(d) == d
    assert parse_date(datetime(d.year, d.month, d.day, 14, 30)) == d
    assert parse_date(pd.Timestamp(d)) == d


@given(st.text(max_size=20))
def test_any_text_is_a_valid_date_or_refused(text: str) -> None:
    got = parse_date(text)
    assert got is None or (isinstance(got, date) and 1900 <= got.year <= 2100)


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1900, 2100))
def test_impossible_days_are_refused_not_rolled_over(day: int, month: int, year: int) -> None:
    try:
        real = date(year, month, day)
    except ValueError:
        real = None
    assert parse_date(f"{day:02d}-{month:02d}-{year}") == real


def test_numbers_and_empty_cells_are_not_dates() -> None:
    cells = pd.Series([46112, 46112.0, None, float("nan"), pd.NaT, "", "31-03-26", "2026/03/31"])
    assert parse_date_series(cells).isna().all()
    assert parse_date("2026-03-31 10:00") is None  # a time of day is not a deadline date
