"""Parsing numbers as staff type them: `12,5`, `12.5`, `1.234,5`, `1,234.5`, `1.234.567`.

One mark alone is the decimal mark (`1.234` is one point two three four, as formats.md allows `.`
or `,`); with both marks, or a repeated mark in groups of three, the other one groups
thousands.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

_PLAIN = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_GROUPED_DOT = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d*)?")  # 1.234.567,89 (Indonesian)
_GROUPED_COMMA = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")  # 1,234,567.89
_SCIENTIFIC = re.compile(r"[+-]?\d+(\.\d+)?[eE][+-]?\d+")


def parse_number(value: object) -> float | None:
    """A finite float, or None when the value is not a number (text, NaN, infinity, bool)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else None
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if _PLAIN.fullmatch(text):
        number = float(text.replace(",", "."))
    elif _GROUPED_DOT.fullmatch(text):
        number = float(text.replace(".", "").replace(",", "."))
    elif _GROUPED_COMMA.fullmatch(text):
        number = float(text.replace(",", ""))
    elif _SCIENTIFIC.fullmatch(text):
        number = float(text)
    else:
        return None
    return number if math.isfinite(number) else None


def parse_number_series(values: pd.Series) -> pd.Series:
    """Element-wise `parse_number` over a column (None where invalid), float64 with NaN."""
    if pd.api.types.is_float_dtype(values) or pd.api.types.is_integer_dtype(values):
        out = values.astype("float64")
        return out.where(out.map(math.isfinite))
    if pd.api.types.is_string_dtype(values) and values.dtype != object:
        return _parse_text_series(values)
    uniques = pd.unique(values)
    lookup = {u: parse_number(u) for u in uniques}
    return values.map(lookup).astype("float64")


def _parse_text_series(values: pd.Series) -> pd.Series:
    """CSV text: the plain `12.5` form in C (pandas), only the other forms through the rules."""
    stripped = values.str.strip()
    fast = pd.to_numeric(stripped, errors="coerce").astype("float64")
    fast = fast.where(np.isfinite(fast))
    slow = fast.isna() & stripped.notna() & (stripped != "")
    if slow.any():
        fast[slow] = stripped[slow].map(parse_number).astype("float64")
    return fast
