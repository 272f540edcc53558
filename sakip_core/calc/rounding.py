"""Rounding in Python exactly as DuckDB's `round(x, d)` does it, so every output agrees.

DuckDB computes `round(x * 10^d) / 10^d` with half away from zero; Python's `round` and pandas'
`.round` round half to even on the binary value, which would make a CSV say 14,62 where the SQL
ranking compared 14,63.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def round_like_duckdb(values: Iterable[float] | pd.Series, digits: int = 2) -> np.ndarray:
    """DuckDB's `round(x, digits)` for DOUBLE x, element-wise (NaN stays NaN)."""
    if digits < 0:
        raise ValueError("digits tidak boleh negatif")
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").astype("Float64")
    x = numbers.to_numpy(dtype="float64", na_value=np.nan)
    scale = 10.0**digits  # == std::pow(10, digits): exact for small digits
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = x * scale
        whole = np.trunc(scaled)
        # std::round: half away from zero; `scaled - whole` is exact in binary floating point
        step = np.where(np.abs(scaled - whole) >= 0.5, np.sign(scaled), 0.0)
        out = (whole + step) / scale
    return np.where(np.isfinite(out), out, x)


def round_half_away(values: pd.Series, digits: int = 2) -> pd.Series:
    """`round_like_duckdb` as a Series with the index of `values`."""
    return pd.Series(round_like_duckdb(values, digits), index=values.index, dtype="float64")


def round_value(value: float, digits: int = 2) -> float:
    return float(round_half_away(pd.Series([value]), digits).iloc[0])
