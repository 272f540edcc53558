"""Column-by-column parsing of raw cells into typed values, collecting every problem.

All checks are vectorised over pandas columns; a problem is one row of a frame with `baris`,
`kolom`, `pesan` (Bahasa Indonesia: what is wrong, what is expected) and `nilai` (the cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from sakip_core.calc.lke import answer_value
from sakip_core.io.numbers import parse_number_series
from sakip_core.io.reader import ROW_COL
from sakip_core.io.schema import Col, Dataset

PROBLEM_COLUMNS = ["baris", "kolom", "pesan", "nilai"]


@dataclass(frozen=True)
class Problem:
    baris: int | None
    kolom: str | None
    pesan: str
    nilai: str | None = None

    def __str__(self) -> str:
        where = []
        if self.baris is not None:
            where.append(f"baris {self.baris}")
        if self.kolom:
            where.append(f"kolom {self.kolom}")
        prefix = ", ".join(where) if where else "berkas"
        shown = f" (isian: '{self.nilai}')" if self.nilai else ""
        return f"{prefix}: {self.pesan}{shown}"


@dataclass
class Problems:
    """Accumulates problems from masks over a table that carries the ROW_COL numbers."""

    parts: list[pd.DataFrame] = field(default_factory=list)
    singles: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.singles.append(problem)

    def add_mask(
        self,
        rows: pd.Series,
        mask: pd.Series,
        kolom: str,
        pesan: str | pd.Series,
        nilai: pd.Series | None = None,
    ) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        part = pd.DataFrame({"baris": rows[mask].astype(int), "kolom": kolom})
        part["pesan"] = pesan[mask] if isinstance(pesan, pd.Series) else pesan
        part["nilai"] = _display(nilai[mask]) if nilai is not None else None
        self.parts.append(part)

    def __bool__(self) -> bool:
        return bool(self.singles) or any(len(p) for p in self.parts)

    def to_list(self, column_order: list[str] | None = None) -> list[Problem]:
        """File-level problems first, then by row number and column order."""
        out = list(self.singles)
        if self.parts:
            frame = pd.concat(self.parts, ignore_index=True)
            rank = {name: i for i, name in enumerate(column_order or [])}
            frame["_k"] = frame["kolom"].map(lambda k: rank.get(k, len(rank)))
            frame = frame.sort_values(["baris", "_k"], kind="stable")
            out += [
                Problem(int(b), k, p, None if pd.isna(n) else str(n))
                for b, k, p, n in frame[PROBLEM_COLUMNS].itertuples(index=False)
            ]
        return out


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v)  # NaN is the only value != itself


def _display(values: pd.Series) -> pd.Series:
    return values.map(lambda v: "" if _missing(v) else str(v)[:80])


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype(str).str.strip() == "")


def _text(values: pd.Series) -> pd.Series:
    """Trimmed text (None when empty); Excel numbers that are whole become '12', not '12.0'."""
    if pd.api.types.is_string_dtype(values) and values.dtype != object:  # CSV: vectorised
        stripped = values.str.strip()
        return stripped.astype(object).where(stripped.notna() & (stripped != ""), None)

    def one(v: object) -> object:
        if _missing(v):
            return None
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        text = str(v).strip()
        return text or None

    return values.map(one).astype(object)


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def parse_column(col: Col, raw: pd.Series, rows: pd.Series, problems: Problems) -> pd.Series:
    """Typed values of one column (None/NaN where empty or invalid); problems recorded."""
    blank = _blank(raw)
    if col.required:
        problems.add_mask(rows, blank, col.name, "wajib diisi, tetapi kosong")
    parser = _PARSERS[col.kind]
    values = parser(col, raw.where(~blank, None), blank, rows, problems)
    if col.default is not None:
        values = values.where(~blank, col.default)
    return values


def _parse_text(
    col: Col, raw: pd.Series, blank: pd.Series, rows: pd.Series, p: Problems
) -> pd.Series:
    return _text(raw)


def _parse_number(
    col: Col, raw: pd.Series, blank: pd.Series, rows: pd.Series, p: Problems
) -> pd.Series:
    values = parse_number_series(raw)
    bad = values.isna() & ~blank
    p.add_mask(rows, bad, col.name, "bukan angka yang sah; isi angka, misalnya 12,5 atau 12.5", raw)
    _check_bounds(col, values, rows, p, raw)
    return values


def _check_bounds(
    col: Col, values: pd.Series, rows: pd.Series, p: Problems, raw: pd.Series
) -> None:
    if col.positive:
        p.add_mask(rows, values <= 0, col.name, "harus lebih besar dari 0", raw)
    if col.lo is not None and col.hi is not None:
        msg = f"harus antara {col.lo:g} dan {col.hi:g}"
        p.add_mask(rows, (values < col.lo) | (values > col.hi), col.name, msg, raw)
    elif col.lo is not None:
        p.add_mask(
            rows,
            values < col.lo,
            col.name,
            "tidak boleh negatif" if col.lo == 0 else f"minimal {col.lo:g}",
            raw,
        )


def _parse_int(
    col: Col, raw: pd.Series, blank: pd.Series, rows: pd.Series, p: Problems
) -> pd.Series:
    values = parse_number_series(raw)
    bad = (values.isna() | (values % 1 != 0)) & ~blank
    p.add_mask(rows, bad, col.name, "harus bilangan bulat", raw)
    values = values.where(~bad)
    _check_bounds(col, values, rows, p, raw)
    in_range = values.notna()
    if col.lo is not None and col.hi is not None:
        in_range &= values.between(col.lo, col.hi)
    return values.where(in_range).astype("Int64")


def _parse_enum(
    col: Col, raw: pd.Series, blank: pd.Series, rows: pd.Series, p: Problems
) -> pd.Series:
    lookup = {_norm(c): c for c in col.choices}
    text = _text(raw)
    values = text.map(lambda v: None if _missing(v) else lookup.get(_norm(str(v))))
    bad = values.isna() & ~blank
    p.add_mask(
        rows, bad, col.name, "tidak dikenal; pilih salah satu: " + ", ".join(col.choices), raw
    )
    return values


def _parse_yesno(
    col: Col, raw: pd.Series, blank: pd.Series, rows: pd.Series, p: Problems
) -> pd.Series:
    lookup = {"ya": True, "y": True, "tidak": False, "t": False}
    values = _text(raw).map(lambda v: None if _missing(v) else lookup.get(str(v).lower()))
    bad = values.isna() & ~blank
    p.add_mask(rows, bad, col.name, "harus 'ya' atau 'tidak'", raw)
    return values.astype(object)


def _parse_jawaban(
    col: Col, raw: pd.Series, blank: pd.Series, rows: pd.Series, p: Problems
) -> pd.Series:
    def value(v: object) -> float | None:
        try:
            return None if _missing(v) else answer_value(str(v))
        except ValueError:
            return None

    text = _text(raw).map(lambda v: None if _missing(v) else str(v).upper())
    nilai = text.map(value).astype("float64")
    bad = nilai.isna() & ~blank
    p.add_mask(rows, bad, col.name, "harus Y, T, A, B, C, D, E atau angka 0 sampai 1", raw)
    return text


_PARSERS = {
    "text": _parse_text,
    "code": _parse_text,
    "number": _parse_number,
    "int": _parse_int,
    "enum": _parse_enum,
    "yesno": _parse_yesno,
    "jawaban": _parse_jawaban,
}


def parse_table(spec: Dataset, cells: pd.DataFrame, problems: Problems) -> pd.DataFrame:
    """Typed frame with every column of the spec (missing optional columns become defaults)."""
    rows = cells[ROW_COL]
    out = pd.DataFrame({ROW_COL: rows})
    for col in spec.columns:
        if col.name in cells.columns:
            out[col.name] = parse_column(col, cells[col.name], rows, problems)
        else:
            out[col.name] = col.default if col.default is not None else None
    return out


def check_duplicates(spec: Dataset, table: pd.DataFrame, problems: Problems) -> None:
    """Rows sharing a key with an earlier row of the same file."""
    key = list(spec.key)
    complete = table[key].notna().all(axis=1)
    keyed = table[complete]
    dup = keyed.duplicated(key, keep="first")
    if not dup.any():
        return
    first = keyed.groupby(key, dropna=False)[ROW_COL].transform("min")
    msg = (
        "duplikat: kunci ("
        + ", ".join(key)
        + ") yang sama sudah ada di baris "
        + first[dup].astype(str)
    )
    problems.add_mask(keyed[ROW_COL], dup, key[-1], msg, keyed[key[-1]])
