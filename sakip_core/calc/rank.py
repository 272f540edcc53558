"""The competition ranking of capaian.md section 7, for every ranking computed in pandas.

The OPD ranking itself is SQL (`calc.ranking`: `rank() OVER (ORDER BY round(skor, 2) DESC
NULLS LAST)`, kept there for speed); every other ranking (Indeks Kinerja, LKE, RB, serapan, the
bottom five) goes through `competition_rank`, which gives exactly the ranks of that SQL:

- values are compared after rounding to `digits` decimals the way DuckDB's `round(DOUBLE, d)`
  does it: `std::round(x * 10^d) / 10^d` (half away from zero on the scaled binary value), and
  the input itself where that is not finite;
- equal rounded values share a rank and the next rank skips (1, 2, 2, 4);
- a missing value (NaN, None, NA; pandas NaN reaches DuckDB as NULL) is **unranked**: its rank
  is NA and the ranks of the others are as if it were absent. SQL, with its default NULLS LAST,
  would give all NULLs one shared rank after the last value; here they get none, and `ranked`
  lists them last.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.calc.rounding import round_like_duckdb

RANK = "peringkat"


def competition_rank(values: pd.Series, digits: int = 2, ascending: bool = False) -> pd.Series:
    """Ranks 1, 2, 2, 4 of `values` (highest first unless `ascending`), compared after rounding
    to `digits` decimals; Int64 with NA for missing values; same index as `values`."""
    keys = pd.Series(round_like_duckdb(values, digits), index=values.index, dtype="float64")
    ranks = keys.rank(method="min", ascending=ascending, na_option="keep")
    return ranks.astype("Int64")


def ranked(
    df: pd.DataFrame, value: str, digits: int = 2, key: str = "kode_opd", column: str = RANK
) -> pd.DataFrame:
    """`df` with `column` = competition rank of `df[value]`, in rank order, ties by `key`
    ascending, unranked (missing) values last (by `key`)."""
    out = df.copy()
    out[column] = competition_rank(out[value], digits)
    out = out.sort_values([column, key], na_position="last", kind="mergesort")
    return out.reset_index(drop=True)
