"""The differences between DuckDB and PostgreSQL, each in one place.

The SQL of `sakip_core` is written once, in the subset both engines run the same way (explicit
GROUP BY keys, `DESC NULLS LAST`, `ON CONFLICT`, aliased subqueries, float division). What cannot
be written portably is settled here, for the PostgreSQL store only; the DuckDB store runs the
SQL as written:

- **parameters**: `$name` and `?` become psycopg's `%(name)s` and `%s` (`to_psycopg`);
- **DuckDB functions** the queries use (`list_contains`, `arg_max`, `round(double, digits)`)
  are created on PostgreSQL with DuckDB's semantics (`PG_FUNCTIONS`, installed by the schema
  set-up), so the same SQL text runs on both stores;
- **registered frames** (`conn.register(name, frame)`): a temporary table filled by COPY,
  typed from the frame (`pg_column_types`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from functools import lru_cache

import numpy as np
import pandas as pd

# --- parameters --------------------------------------------------------------------------------

# quoted strings and identifiers, dollar-quoted bodies and comments pass through untouched
_TOKENS = re.compile(
    r"""(?P<literal>'(?:[^']|'')*')"""
    r"""|(?P<ident>"(?:[^"]|"")*")"""
    r"|(?P<body>\$(?P<tag>[A-Za-z_]*)\$.*?\$(?P=tag)\$)"  # $$ … $$, $do$ … $do$
    r"|(?P<comment>--[^\n]*)"
    r"|(?P<name>\$[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<question>\?)"
    r"|(?P<percent>%)",
    re.DOTALL,
)


@lru_cache(maxsize=2048)
def to_psycopg(sql: str) -> str:
    """DuckDB's parameter markers as psycopg's: `$name` → `%(name)s`, `?` → `%s`, `%` → `%%`.

    A `%` inside a quoted text is doubled too (psycopg reads the whole statement); comments
    are dropped so that a `?` or `%` in them is not taken for a marker.
    """

    def swap(m: re.Match[str]) -> str:
        kind = m.lastgroup
        text = m.group(0)
        if kind in ("literal", "ident", "body"):
            return text.replace("%", "%%")
        if kind == "comment":
            return ""
        if kind == "name":
            return f"%({text[1:]})s"
        if kind == "question":
            return "%s"
        return "%%"

    return _TOKENS.sub(swap, sql)


# --- DuckDB's functions on PostgreSQL ----------------------------------------------------------

_ARG_MAX = """
DO $do$ BEGIN
  CREATE TYPE sakip_arg_max_{name} AS (a {type}, b double precision);
EXCEPTION WHEN duplicate_object THEN NULL; END $do$;
CREATE OR REPLACE FUNCTION sakip_arg_max_step(s sakip_arg_max_{name}, a {type}, b double precision)
RETURNS sakip_arg_max_{name} LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN a IS NULL OR b IS NULL THEN s
              WHEN s IS NULL OR b > (s).b THEN ROW(a, b)::sakip_arg_max_{name}
              ELSE s END $$;
CREATE OR REPLACE FUNCTION sakip_arg_max_final(s sakip_arg_max_{name}) RETURNS {type}
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (s).a $$;
CREATE OR REPLACE AGGREGATE arg_max({type}, double precision) (
  SFUNC = sakip_arg_max_step, STYPE = sakip_arg_max_{name}, FINALFUNC = sakip_arg_max_final
);
"""

PG_FUNCTIONS = (
    # DuckDB's type name DOUBLE (`CAST(x AS DOUBLE)`, `::DOUBLE[]`); a column of a domain is
    # reported with its base type, so results read as double precision
    """
DO $do$ BEGIN
  CREATE DOMAIN double AS double precision;
EXCEPTION WHEN duplicate_object THEN NULL; END $do$;
"""
    # DuckDB's list_contains(list, x): `x = ANY(list)`; the compatible family lets a text[]
    # parameter meet a VARCHAR column
    """
CREATE OR REPLACE FUNCTION list_contains(items anycompatiblearray, x anycompatible)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x = ANY(items) $$;
"""
    # DuckDB's round(DOUBLE, digits): round(x * 10^d) / 10^d, half away from zero, in binary
    # floating point (calc/rounding.py mirrors the same); PostgreSQL only has round(numeric, int)
    + """
CREATE OR REPLACE FUNCTION round(x double precision, digits integer)
RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN abs(x * 10.0::float8 ^ digits - trunc(x * 10.0::float8 ^ digits)) >= 0.5
              THEN (trunc(x * 10.0::float8 ^ digits) + sign(x)) / 10.0::float8 ^ digits
              ELSE trunc(x * 10.0::float8 ^ digits) / 10.0::float8 ^ digits END $$;
"""
    # DuckDB's arg_max(a, b): the a of the row with the largest b, rows with a NULL a or b
    # ignored; the orderings used (bulan, id) are whole numbers, exact as double precision
    + _ARG_MAX.format(name="f8", type="double precision")
    + _ARG_MAX.format(name="text", type="text")
)

PG_DROP = """
DROP AGGREGATE IF EXISTS arg_max(double precision, double precision);
DROP AGGREGATE IF EXISTS arg_max(text, double precision);
DROP FUNCTION IF EXISTS sakip_arg_max_step(sakip_arg_max_f8, double precision, double precision);
DROP FUNCTION IF EXISTS sakip_arg_max_step(sakip_arg_max_text, text, double precision);
DROP FUNCTION IF EXISTS sakip_arg_max_final(sakip_arg_max_f8);
DROP FUNCTION IF EXISTS sakip_arg_max_final(sakip_arg_max_text);
DROP TYPE IF EXISTS sakip_arg_max_f8;
DROP TYPE IF EXISTS sakip_arg_max_text;
DROP FUNCTION IF EXISTS list_contains(anycompatiblearray, anycompatible);
DROP FUNCTION IF EXISTS round(double precision, integer);
DROP DOMAIN IF EXISTS double;
"""


# --- registered frames -------------------------------------------------------------------------


def _object_type(values: pd.Series) -> str:
    """The PostgreSQL type of an object column, from its first non-null value."""
    sample = values.dropna()
    if sample.empty:
        return "text"
    first = sample.iloc[0]
    if isinstance(first, bool | np.bool_):
        return "boolean"
    if isinstance(first, int | np.integer):
        return "bigint"
    if isinstance(first, float | np.floating | decimal.Decimal):
        return "double precision"
    if isinstance(first, dt.datetime | pd.Timestamp):
        return "timestamp"
    if isinstance(first, dt.date):
        return "date"
    return "text"


def pg_type(values: pd.Series) -> str:
    """The PostgreSQL column type DuckDB would give this pandas column when registered."""
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "bigint"
    if pd.api.types.is_float_dtype(dtype):
        return "double precision"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "timestamp"
    if isinstance(dtype, pd.StringDtype):
        return "text"
    return _object_type(values)


def pg_column_types(
    frame: pd.DataFrame, known: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """(column, PostgreSQL type) for each column of `frame`.

    A column without a single value (all NaN or None) says nothing about its type; DuckDB
    compares it with anything, PostgreSQL does not, so it takes the type its name has in the
    schema (`known`), else text.
    """
    out = []
    for col in frame.columns:
        values = frame[col]
        if values.isna().all() and known and str(col) in known:
            out.append((str(col), known[str(col)]))
        else:
            out.append((str(col), pg_type(values)))
    return out


def copy_value(value: object) -> object:
    """A frame cell as COPY wants it: None for every missing value, plain Python otherwise."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value
