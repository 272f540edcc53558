"""Indonesian number formatting (sakip_core.fmt)."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_core.fmt import angka, angka_tepat, persen, rupiah


def parse_id(text: str) -> float:
    """Read an Indonesian-formatted number back (the inverse the property test relies on)."""
    return float(text.replace(".", "").replace(",", "."))


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (-0.5, 1, "-0,5"),
        (0, 1, "0,0"),
        (1234567.891, 2, "1.234.567,89"),
        (999.95, 1, "1.000,0"),  # 999.95 is 999.9500000000000455 in binary
        (12, 0, "12"),
        (-1234, 0, "-1.234"),
        (-0.04, 1, "0,0"),  # no "-0,0"
        (np.float64(66.666), 2, "66,67"),
        (np.int64(1000), 0, "1.000"),
        (Decimal("2.25"), 1, "2,3"),  # half away from zero, like DuckDB's round()
        (14.625, 2, "14,63"),
        (math.inf, 1, "∞"),
        (-math.inf, 1, "-∞"),
    ],
)
def test_angka(x: object, digits: int, expected: str) -> None:
    assert angka(x, digits) == expected


@pytest.mark.parametrize("empty", [None, math.nan, np.nan, pd.NA, pd.NaT, np.float64("nan")])
def test_empty_values_give_empty_text(empty: object) -> None:
    assert angka(empty) == ""
    assert persen(empty) == ""
    assert rupiah(empty) == ""


def test_text_is_refused() -> None:
    with pytest.raises(TypeError):
        angka("12")


def test_negative_digits_refused() -> None:
    with pytest.raises(ValueError):
        angka(1.0, -1)


def test_persen() -> None:
    assert persen(112.5) == "112,5 %"
    assert persen(100, 0) == "100 %"
    assert persen(66.6667, 2) == "66,67 %"


def test_rupiah() -> None:
    assert rupiah(1234567) == "Rp1.234.567"
    assert rupiah(5_294_655_000) == "Rp5.294.655.000"
    assert rupiah(0) == "Rp0"
    assert rupiah(-5000) == "-Rp5.000"
    assert rupiah(999.6) == "Rp1.000"


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(x=finite, digits=st.integers(min_value=0, max_value=4))
def test_angka_parses_back_to_rounded_value(x: float, digits: int) -> None:
    text = angka(x, digits)
    # within half a unit of the last digit (plus float noise of x * 10^digits)
    step = 10.0**-digits
    assert abs(parse_id(text) - x) <= step / 2 + abs(x) * 1e-15 + 1e-12


@given(x=finite, digits=st.integers(min_value=0, max_value=4))
def test_angka_shape(x: float, digits: int) -> None:
    text = angka(x, digits)
    body = text.removeprefix("-")
    whole, _, frac = body.partition(",")
    assert len(frac) == digits
    # a sign only on a negative x that does not round to zero (no "-0,0"); rounding is half away
    # from zero (-0,5 -> "-1"), so Python's round() (half to even) is not the reference here
    assert text.startswith("-") == (x < 0 and any(ch in "123456789" for ch in body))
    groups = whole.split(".")
    assert all(len(g) == 3 for g in groups[1:])
    assert 1 <= len(groups[0]) <= 3
    assert all(g.isdigit() for g in groups)


@given(x=finite)
def test_rupiah_and_persen_wrap_angka(x: float) -> None:
    assert persen(x, 1) == angka(x, 1) + " %"
    assert rupiah(x).replace("Rp", "") == angka(x, 0)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (12.345, "12,345"),  # every decimal kept, where angka() would show 12,3
        (85.0, "85"),
        (1234567.125, "1.234.567,125"),
        (-0.5, "-0,5"),
        (-0.0, "0"),
        (1e-7, "0,0000001"),  # never an exponent
        (np.float64(63.17), "63,17"),
        (None, ""),
        (math.nan, ""),
        (math.inf, "∞"),
    ],
)
def test_angka_tepat(x: object, expected: str) -> None:
    assert angka_tepat(x) == expected


@given(x=finite)
def test_angka_tepat_reads_back_as_the_same_float(x: float) -> None:
    text = angka_tepat(x)
    assert parse_id(text) == x or (x == 0 and text == "0")
    whole = text.removeprefix("-").partition(",")[0].split(".")
    assert all(len(g) == 3 for g in whole[1:]) and 1 <= len(whole[0]) <= 3
