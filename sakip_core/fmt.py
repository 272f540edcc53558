"""Indonesian number formatting for pages, reports and exports meant for people.

`.` groups thousands and `,` is the decimal mark: 1234.5 -> "1.234,5". Empty values (None, NaN,
pandas NA) become "" so a table cell stays blank instead of showing "nan". Machine formats (CSV,
JSON of the command line) keep `.` as the decimal mark and do not use this module.
"""

from __future__ import annotations

import math
from decimal import Decimal
from numbers import Real

__all__ = ["NAMA_BULAN", "angka", "angka_ringkas", "angka_tepat", "persen", "rupiah"]

NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip


def _as_float(x: object) -> float | None:
    """`x` as a finite float, or None when it is empty (None, NaN, pd.NA, NaT)."""
    if x is None:
        return None
    if isinstance(x, str | bytes):
        raise TypeError(f"angka diharapkan, bukan teks: {x!r}")
    if not isinstance(x, Real):
        try:
            x = float(x)  # numpy scalars, Decimal
        except (TypeError, ValueError):
            return None  # pd.NA, pd.NaT and other missing markers
    value = float(x)
    if math.isnan(value):
        return None
    return value


def angka(x: object, digits: int = 1) -> str:
    """1234.5 -> "1.234,5"; -0.5 -> "-0,5"; None/NaN -> "".

    Rounds half away from zero on `x * 10^digits`, exactly as DuckDB's `round()` does for the
    CSV/JSON outputs, so a page never shows 14,62 where the command line says 14.63. A value that
    rounds to zero is shown without a minus sign. Infinity is shown as "∞" / "-∞".
    """
    if digits < 0:
        raise ValueError("digits tidak boleh negatif")
    value = _as_float(x)
    if value is None:
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    scale = 10.0**digits
    value = math.copysign(math.floor(abs(value) * scale + 0.5), value) / scale
    text = f"{value:,.{digits}f}"
    if text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def persen(x: object, digits: int = 1) -> str:
    """112.5 -> "112,5 %" (x is already in percent); None/NaN -> ""."""
    text = angka(x, digits)
    return f"{text} %" if text else ""


def rupiah(x: object) -> str:
    """1234567 -> "Rp1.234.567"; -5000 -> "-Rp5.000"; rounded to whole Rupiah; None -> ""."""
    text = angka(x, 0)
    if not text:
        return ""
    return f"-Rp{text[1:]}" if text.startswith("-") else f"Rp{text}"


def angka_ringkas(x: object, digits: int = 2) -> str:
    """Like `angka` without trailing zeros: 85.0 -> "85", 85.5 -> "85,5", 1234.25 -> "1.234,25"."""
    text = angka(x, digits)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def angka_tepat(x: object) -> str:
    """The value exactly as stored, in Indonesian format: every significant decimal and no
    more (12.345 -> "12,345", 85.0 -> "85", 1234567.125 -> "1.234.567,125"); None/NaN -> "".

    For checking an input against its evidence, where a rounded figure would hide a typo. The
    digits are Python's shortest text that reads back as the same float (never an exponent).
    """
    value = _as_float(x)
    if value is None:
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    text = format(Decimal(repr(abs(value))), "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    sign = "-" if value < 0 else ""
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"
