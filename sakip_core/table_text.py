"""Tables meant for people (admin and history views): readable detail text instead of raw JSON,
the OPD's name beside its code, whole counts without decimals.

Pure pandas: the pages label and show the result (`ui.reporting.show_table`); the services keep
returning the stored values, so the CLI and the tests see the data as it is.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

import pandas as pd

from sakip_core.fmt import angka

# columns that hold JSON text (the audit log's old and new value, `sakip_core.audit.to_json`)
JSON_COLUMNS = ("nilai_lama", "nilai_baru")
# code column -> the name column put beside it
NAME_COLUMNS = {"kode_opd": "nama_opd", "kode_unit": "nama_unit"}
EMPTY = "–"


def _scalar(value: object) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float):
        if not math.isfinite(value):
            return EMPTY if math.isnan(value) else str(value)
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    return str(value)


def _render(value: object, nested: bool = False) -> str:
    if isinstance(value, dict):
        text = "; ".join(f"{k}: {_render(v, True)}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(_render(v, True) for v in value)
    else:
        return _scalar(value)
    return f"({text})" if nested and text else text or EMPTY


def readable_json(value: object) -> str:
    """JSON text as "kunci: nilai" text, e.g. '{"berkas": "a.pdf", "sah": true}' ->
    "berkas: a.pdf; sah: Ya"; lists are joined by ", ", nested objects put in parentheses,
    decimals with a comma. Empty -> ""; text that is not JSON is returned as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if not isinstance(value, str):
        return _render(value)
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    return _render(parsed)


def with_names(df: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """A copy of `df` with the name column right after each code column of NAME_COLUMNS that
    has none yet (an unknown code gets an empty name)."""
    out = df.copy()
    for code, name in NAME_COLUMNS.items():
        if code in out.columns and name not in out.columns:
            where = out.columns.get_loc(code) + 1
            out.insert(where, name, out[code].map(lambda k: names.get(k, "") if k else ""))
    return out


def whole_counts(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` where a float column holding whole numbers only (a count that became float
    because of an empty cell) is an integer column that keeps its empty cells: 171, not 171,0."""
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_float_dtype(series):
            values = series.dropna()
            whole = len(values) > 0 and bool((values == values.round()).all())
            if whole and values.abs().max() < 2**53:
                out[col] = series.astype("Int64")
    return out


def exact_angka(value: object, max_digits: int = 4) -> str:
    """A stored decimal in Indonesian format with the decimals it has (up to `max_digits`), so a
    history table shows the value as uploaded: 83.578 -> "83,578", 6.6000000000000005 -> "6,6",
    1234.5 -> "1.234,5"; empty -> ""."""
    text = angka(value, 0)
    if not text:
        return text
    number = float(value)  # type: ignore[arg-type]
    for digits in range(max_digits + 1):
        if abs(round(number, digits) - number) <= 1e-9 * max(1.0, abs(number)):
            return angka(number, digits)
    return angka(number, max_digits)


def decimals_as_text(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose float columns are Indonesian text (`exact_angka`): Streamlit's table
    would show 83.578, which reads as eighty-three thousand here."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].map(exact_angka).astype(object)
    return out


def readable(
    df: pd.DataFrame, names: Mapping[str, str] | None = None, decimals: bool = False
) -> pd.DataFrame:
    """`df` for a person: JSON columns as text, whole counts, OPD names beside the codes; with
    `decimals`, the remaining decimal columns as Indonesian text."""
    out = whole_counts(df)
    if decimals:
        out = decimals_as_text(out)
    for col in JSON_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(readable_json).astype(object)
    return with_names(out, names) if names is not None else out
