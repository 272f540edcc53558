"""Number parsing as staff type numbers (formats.md upload rules)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_core.io.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        (" 7 ", 7.0),
        ("-3,25", -3.25),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("1.234", 1.234),  # one mark alone is the decimal mark
        ("0,48", 0.48),
        ("1e3", 1000.0),
        (12.0, 12.0),
        (3, 3.0),
    ],
)
def test_accepted_forms(text: object, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["abc", "", "NaN", "nan", "inf", "-Infinity", "1,2,3.4.5", "12%", "1..2", True, None]
)
def test_rejected_forms(text: object) -> None:
    assert parse_number(text) is None


def test_non_finite_floats_are_rejected() -> None:
    assert parse_number(float("nan")) is None
    assert parse_number(math.inf) is None


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite)
def test_dot_and_comma_decimals_round_trip(x: float) -> None:
    text = f"{x:.4f}"
    assert parse_number(text) == pytest.approx(float(text))
    assert parse_number(text.replace(".", ",")) == pytest.approx(float(text))


@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_indonesian_grouping_round_trips(whole: int, cents: int) -> None:
    grouped = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    assert parse_number(grouped) == pytest.approx(whole + cents / 100)


@given(st.text(max_size=20))
def test_any_text_gives_a_finite_number_or_none(text: str) -> None:
    value = parse_number(text)
    assert value is None or math.isfinite(value)
