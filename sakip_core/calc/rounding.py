"""Rounding in Python exactly as DuckDB's `round(x, d)` does it, so every output agrees.

DuckDB computes `round(x * 10^d) / 10^d` with half away from zero; Python's `round` and pandas'
`.round` round half to even on the binary value, which would make a CSV say 14,62 where the SQL
ranking compared 14,63.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def round_half_away(values: pd.Series, digits: int = 2) -> pd.Series:
    scale = 10.0**digits
    scaled = values.astype("float64") * scale
    return np.sign(scaled) * np.floor(np.abs(scaled) + 0.5) / scale


def round_value(value: float, digits: int = 2) -> float:
    return float(round_half_away(pd.Series([value]), digits).iloc[0])
