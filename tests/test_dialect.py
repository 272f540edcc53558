"""The dialect layer: DuckDB's functions give DuckDB's answers on PostgreSQL, and the parameter
markers are translated without touching quoted text."""

from __future__ import annotations

import math

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_core import dialect
from sakip_core.db import create_database
from tests import stores


@pytest.fixture(scope="module")
def pg():
    """A PostgreSQL database with the schema and the compatibility functions."""
    url = stores.server().create_database(stores.new_name("dialect"))
    handle = create_database(url)
    yield handle
    handle.close()


@pytest.fixture(scope="module")
def duck():
    conn = duckdb.connect()
    yield conn
    conn.close()


def both(pg, duck, sql: str, params: list | dict | None = None) -> tuple:
    with pg.cursor() as conn:
        on_pg = conn.execute(sql, params).fetchall()
    return on_pg, duck.execute(sql, params or []).fetchall()


def test_markers_become_psycopg_outside_quoted_text() -> None:
    sql = "SELECT $tahun, ?, 'a?b $x 5%' AS t, \"c%\" -- 20 % ? \n FROM x WHERE y % 2 = ?"
    assert dialect.to_psycopg(sql) == (
        "SELECT %(tahun)s, %s, 'a?b $x 5%%' AS t, \"c%%\" \n FROM x WHERE y %% 2 = %s"
    )


def test_dollar_quoted_bodies_are_left_alone() -> None:
    sql = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 WHERE ? $$; DO $do$ $x $do$"
    assert dialect.to_psycopg(sql) == sql


def test_a_percent_in_a_literal_survives_the_round_trip(pg) -> None:
    with pg.cursor() as conn:
        assert conn.execute("SELECT '50 %' || ?", ["!"]).fetchone() == ("50 %!",)
        assert conn.execute("SELECT 'tanpa parameter %'").fetchone() == ("tanpa parameter %",)


@settings(max_examples=300, deadline=None)
@given(
    x=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 4))
    | st.sampled_from([2.675, 0.125, -0.125, 14.625, 1.005, 0.5, -0.5, 2.5, 85.714285]),
    digits=st.integers(min_value=0, max_value=3),
)
def test_round_is_duckdbs_on_postgres(pg, duck, x: float, digits: int) -> None:
    on_pg, on_duck = both(pg, duck, "SELECT round(CAST(? AS DOUBLE), ?)", [x, digits])
    assert on_pg == on_duck


def test_round_hand_values(pg) -> None:
    # half away from zero on the binary value, as DuckDB (calc/rounding.py mirrors it)
    with pg.cursor() as conn:
        rows = conn.execute(
            "SELECT round(2.675::float8, 2), round(-0.125::float8, 2), round(85.714285::float8, 2)"
        ).fetchone()
    assert rows == (2.68, -0.13, 85.71)


def test_list_contains_with_lists_and_empty_lists(pg, duck) -> None:
    sql = "SELECT list_contains($l, 'b'), list_contains($e, 'b'), list_contains($n, 2)"
    params = {"l": ["a", "b"], "e": [], "n": [1, 2]}
    on_pg, on_duck = both(pg, duck, sql, params)
    assert on_pg == on_duck == [(True, False, True)]


def test_arg_max_skips_null_values_and_orders(pg, duck) -> None:
    sql = (
        "SELECT g, arg_max(a, b) AS a, arg_max(s, b) AS s FROM (VALUES "
        "(1, 1.0, 'x', 1), (1, NULL, NULL, 3), (1, 3.0, 'z', NULL), (1, 2.0, 'y', 2), "
        "(2, NULL, NULL, 1)) AS t(g, a, s, b) GROUP BY g ORDER BY g"
    )
    on_pg, on_duck = both(pg, duck, sql)
    assert on_pg == on_duck
    assert on_pg[0] == (1, 2.0, "y")
    assert on_pg[1][1] is None


def test_registered_frames_keep_types_and_missing_values(pg) -> None:
    frame = pd.DataFrame(
        {
            "kode": ["A", None, "C"],
            "nilai": [1.5, math.nan, 3.0],
            "n": [1, 2, 3],
            "waktu": pd.to_datetime(["2026-01-01 10:00", None, "2026-03-01 00:00"]),
            "ok": [True, False, True],
        }
    )
    out = pg.query_df(
        "SELECT kode, nilai, n, waktu, ok, kode IS NULL AS kosong FROM f ORDER BY n",
        frames={"f": frame},
    )
    assert out["kosong"].tolist() == [False, True, False]
    assert out["nilai"].isna().tolist() == [False, True, False]
    assert out["n"].tolist() == [1, 2, 3]
    assert str(out["waktu"].dtype).startswith("datetime64")
    assert out["ok"].tolist() == [True, False, True]
    with pg.cursor() as conn:  # the frame was this query's alone: gone with its connection
        found = conn.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'f'").fetchone()
    assert found == (0,)


def test_frames_have_duckdbs_dtypes(pg, duck) -> None:
    sql = (
        "SELECT CAST(1 AS INTEGER) AS i, CAST(NULL AS INTEGER) AS j, CAST(2.5 AS DOUBLE) AS f, "
        "'x' AS s, true AS b, count(*) AS n, CAST(TIMESTAMP '2026-01-01 10:00' AS TIMESTAMP) AS t"
    )
    on_pg = pg.query_df(sql)
    on_duck = duck.execute(sql).df()
    assert dict(on_pg.dtypes) == dict(on_duck.dtypes)
    pd.testing.assert_frame_equal(on_pg, on_duck)
