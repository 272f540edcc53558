"""SQL fragments that attach the kategori band (label, colour) to a value."""

from __future__ import annotations

# A value x falls in the band with lo <= round(x, 2) < hi;
# the lowest band also takes anything below it.
BANDS_CTE = """
kategori_band AS (
    SELECT label, warna,
           CASE WHEN batas_bawah = min(batas_bawah) OVER () THEN -1e308 ELSE batas_bawah END AS lo,
           coalesce(lead(batas_bawah) OVER (ORDER BY batas_bawah), 1e308) AS hi
    FROM skala_kategori
)"""


def band_join(alias: str, value_expr: str) -> str:
    """A LEFT JOIN clause giving `alias.label` / `alias.warna` for `value_expr` (NULL stays NULL).

    The value is compared after rounding to 2 decimals, the precision every screen shows, so a
    displayed 91,00 is never labelled below Sangat Tinggi because of floating-point noise.
    """
    v = f"round({value_expr}, 2)"
    return f"LEFT JOIN kategori_band {alias} ON {v} >= {alias}.lo AND {v} < {alias}.hi"
