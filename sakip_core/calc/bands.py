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


def band_case(
    value_expr: str, bands: list[tuple[float, str, str]], field: str = "label"
) -> tuple[str, dict[str, object]]:
    """(SQL, parameters): the band's `label` or `warna` for a value, as `band_join` gives it.

    For hot queries: a CASE over parameters costs DuckDB less to plan than the band CTE and its
    range join. `bands` are (batas_bawah, label, warna) rows in any order; the texts travel as
    parameters, never inside the SQL.
    """
    if not bands:
        return "NULL", {}
    ordered = sorted(bands, key=lambda b: b[0], reverse=True)
    pick = 1 if field == "label" else 2
    v = f"round({value_expr}, 2)"
    parts, params = [f"CASE WHEN {v} IS NULL THEN NULL"], {}
    for i, band in enumerate(ordered[:-1]):  # the lowest band also takes anything below it
        parts.append(f"WHEN {v} >= $band_lo_{i} THEN $band_{field}_{i}")
        params |= {f"band_lo_{i}": float(band[0]), f"band_{field}_{i}": band[pick]}
    parts.append(f"ELSE $band_{field}_last END")
    params[f"band_{field}_last"] = ordered[-1][pick]
    return " ".join(parts), params
