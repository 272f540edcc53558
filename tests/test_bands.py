"""The two SQL forms of the kategori bands agree: `band_join` (CTE + range join, most queries)
and `band_case` (parameterised CASE, the ranking's hot path)."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_core.calc.bands import BANDS_CTE, band_case, band_join
from sakip_core.settings import DEFAULT_BANDS

bounds = st.lists(
    st.floats(min_value=-50, max_value=200, allow_nan=False).map(lambda x: round(x, 2)),
    min_size=1,
    max_size=6,
    unique=True,
)
values = st.lists(
    st.one_of(st.none(), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)),
    min_size=1,
    max_size=20,
)


def both(bands: list[tuple[float, str, str]], xs: list[float | None]) -> tuple[list, list]:
    con = duckdb.connect()
    con.execute("CREATE TABLE skala_kategori (batas_bawah DOUBLE, label VARCHAR, warna VARCHAR)")
    con.executemany("INSERT INTO skala_kategori VALUES (?, ?, ?)", [list(b) for b in bands])
    con.execute("CREATE TABLE v (i INTEGER, x DOUBLE)")
    con.executemany("INSERT INTO v VALUES (?, ?)", list(enumerate(xs)))
    joined = con.execute(
        f"WITH {BANDS_CTE} SELECT k.label, k.warna FROM v {band_join('k', 'v.x')} ORDER BY v.i"
    ).fetchall()
    label, p1 = band_case("x", bands)
    warna, p2 = band_case("x", bands, "warna")
    cased = con.execute(f"SELECT {label}, {warna} FROM v ORDER BY i", p1 | p2).fetchall()
    return joined, cased


@settings(max_examples=60, deadline=None)
@given(bounds, values)
def test_case_equals_join_for_any_band_table(lows: list[float], xs: list[float | None]) -> None:
    bands = [(lo, f"band {i}'; DROP TABLE v; --", f"#00000{i}") for i, lo in enumerate(lows)]
    joined, cased = both(bands, xs)
    assert cased == joined


def test_default_bands_edges() -> None:
    xs = [None, -5.0, 0.0, 50.994, 50.995, 65.999, 66.0, 90.994, 90.995, 120.0]
    joined, cased = both(DEFAULT_BANDS, xs)
    assert cased == joined
    assert [c[0] for c in cased] == [
        None, "Sangat Rendah", "Sangat Rendah", "Sangat Rendah", "Rendah", "Sedang", "Sedang",
        "Tinggi", "Sangat Tinggi", "Sangat Tinggi",
    ]  # fmt: skip


def test_empty_band_table_gives_null() -> None:
    assert band_case("x", []) == ("NULL", {})
