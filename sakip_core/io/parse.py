"""Column-by-column parsing of raw cells into typed values, collecting every problem.

All checks are vectorised over pandas columns; a problem is one row of a frame with `baris`,
`kolom`, `pesan` (Bahasa Indonesia: what is wrong, what is expected) and `nilai` (the cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from sakip_core.calc.lke import answer_value
from sakip_core.io.dates import DATE_HINT, parse_date_series
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
    indikator: str | None = None  # "kode – nama" of the row's indicator (realisasi)
    ringkasan: bool = False  # the closing "... dan N masalah lainnya" line

    def __str__(self) -> str:
        if self.ringkasan:
            return self.pesan
        where = []
        if self.baris is not None:
            where.append(f"baris {self.baris}")
        if self.kolom:
            where.append(f"kolom {self.kolom}")
        prefix = ", ".join(where) if where else "berkas"
        details = [f"isian: '{self.nilai}'"] if self.nilai else []
        if self.indikator:
            details.append(f"indikator {self.indikator}")
        shown = f" ({'; '.join(details)})" if details else ""
        return f"{prefix}: {self.pesan}{shown}"

    @property
    def pesan_lengkap(self) -> str:
        """The message with the indicator named (for tables that show `nilai` apart)."""
        return f"{self.pesan} (indikator {self.indikator})" if self.indikator else self.pesan


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

    def count(self) -> int:
        return len(self.singles) + sum(len(p) for p in self.parts)

    def to_list(
        self, column_order: list[str] | None = None, limit: int | None = None
    ) -> list[Problem]:
        """File-level problems first, then by row number and column order; the first `limit`.

        Sorting runs over the whole frame; only the problems returned become objects, so a file
        with a million bad rows costs a sort, not a million messages.
        """
        out = list(self.singles)[:limit]
        room = None if limit is None else limit - len(out)
        if self.parts and (room is None or room > 0):
            frame = pd.concat(self.parts, ignore_index=True)
            rank = {name: i for i, name in enumerate(column_order or [])}
            frame["_k"] = frame["kolom"].map(rank).fillna(len(rank))
            frame = frame.sort_values(["baris", "_k"], kind="stable")
            if room is not None:
                frame = frame.head(room)
            out += [
                Problem(int(b), k, p, None if _missing(n) or n == "" else str(n))
                for b, k, p, n in frame[PROBLEM_COLUMNS].itertuples(index=False)
            ]
        return out


def _missing(v: object) -> bool:
    """None, NaN, pd.NA, NaT: never shown as 'nan' or '<NA>'."""
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):  # list-like values
        return False


DISPLAY_WIDTH = 80


def _shown(v: object) -> str:
    if _missing(v):
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)  # an Excel number 2030.0 is shown as 2030
    text = str(v)
    return text if len(text) <= DISPLAY_WIDTH else text[: DISPLAY_WIDTH - 1] + "…"


def _display(values: pd.Series) -> pd.Series:
    return values.map(_shown)


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype(str).str.strip() == "")


def blank_cells(values: pd.Series) -> pd.Series:
    """True where a raw cell is empty or only spaces."""
    return _blank(values)


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


def parse_column(
    col: Col,
    raw: pd.Series,
    rows: pd.Series,
    problems: Problems,
    max_length: int | None = None,
) -> pd.Series:
    """Typed values of one column (None/NaN where empty or invalid); problems recorded.

    A text or code longer than `max_length` characters is a problem (never cut silently).
    """
    blank = _blank(raw)
    if col.required:
        problems.add_mask(rows, blank, col.name, "wajib diisi, tetapi kosong")
    parser = _PARSERS[col.kind]
    values = parser(col, raw.where(~blank, None), blank, rows, problems)
    if max_length is not None and col.kind in ("text", "code"):
        _check_length(col, raw, values, rows, problems, max_length)
    if col.default is not None:
        values = values.where(~blank, col.default)
    return values


def _check_length(
    col: Col, raw: pd.Series, values: pd.Series, rows: pd.Series, p: Problems, max_length: int
) -> None:
    if pd.api.types.is_string_dtype(raw) and raw.dtype != object:  # CSV: vectorised
        lengths = raw.str.strip().str.len()
    else:
        lengths = values.str.len()
    lengths = lengths.astype("float64")
    too_long = lengths > max_length
    if not too_long.any():
        return
    what = "kode" if col.kind == "code" else "teks"
    pesan = (
        "terlalu panjang: "
        + lengths[too_long].astype(int).map(lambda n: f"{n:,}".replace(",", "."))
        + f" karakter; {what} paling banyak {max_length:,} karakter".replace(",", ".")
    )
    p.add_mask(rows, too_long, col.name, pesan.reindex(values.index), values)


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


NIP_DIGITS = 18


def nip_problem(nip: str) -> str | None:
    """Why `nip` (digits only) is not a valid NIP, or None.

    A NIP is YYYYMMDD (birth date) YYYYMM (appointment) G (1 man, 2 woman) NNN (serial)."""
    if len(nip) != NIP_DIGITS or not nip.isdigit():
        return f"NIP harus {NIP_DIGITS} digit angka, bukan {len(nip)} karakter"
    try:
        born = pd.Timestamp(year=int(nip[:4]), month=int(nip[4:6]), day=int(nip[6:8]))
    except ValueError:
        return "8 digit pertama NIP (tanggal lahir TTTTBBHH) bukan tanggal yang sah"
    start_year, start_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= start_month <= 12 or start_year < born.year + 15:
        return "digit 9-14 NIP (TMT CPNS TTTTBB) bukan tahun dan bulan yang sah"
    if nip[14] not in "12":
        return "digit ke-15 NIP (jenis kelamin) harus 1 atau 2"
    return None


def _parse_nip(
    col: Col, raw: pd.Series, blank: pd.Series, rows: pd.Series, p: Problems
) -> pd.Series:
    """NIPs as 18-digit text; spaces between the groups are allowed. A cell Excel turned into a
    number has lost its last digits (15 significant digits), so it is refused, not guessed."""
    numeric = raw.map(lambda v: isinstance(v, float) and not _missing(v) and v >= 1e15)
    p.add_mask(
        rows,
        numeric & ~blank,
        col.name,
        "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format sel sebagai Teks "
        "lalu ketik ulang NIP",
        raw,
    )
    text = _text(raw).map(lambda v: None if _missing(v) else re.sub(r"[\s.\-]", "", str(v)))
    why = text.map(lambda v: None if _missing(v) else nip_problem(v))
    bad = why.notna() & ~numeric
    p.add_mask(rows, bad, col.name, why.fillna(""), raw)
    return text.where(~bad & ~numeric, None)


def _parse_date(
    col: Col, raw: pd.Series, blank: pd.Series, rows: pd.Series, p: Problems
) -> pd.Series:
    values = parse_date_series(raw)
    bad = values.isna() & ~blank
    p.add_mask(rows, bad, col.name, f"bukan tanggal yang sah; tulis {DATE_HINT}", raw)
    return values


_PARSERS = {
    "text": _parse_text,
    "code": _parse_text,
    "number": _parse_number,
    "int": _parse_int,
    "enum": _parse_enum,
    "yesno": _parse_yesno,
    "jawaban": _parse_jawaban,
    "nip": _parse_nip,
    "date": _parse_date,
}


def parse_table(
    spec: Dataset,
    cells: pd.DataFrame,
    problems: Problems,
    max_text: int | None = None,
    max_code: int | None = None,
) -> pd.DataFrame:
    """Typed frame with every column of the spec (missing optional columns become defaults)."""
    rows = cells[ROW_COL]
    out = pd.DataFrame({ROW_COL: rows})
    for col in spec.columns:
        if col.name in cells.columns:
            limit = max_code if col.kind == "code" else max_text
            out[col.name] = parse_column(col, cells[col.name], rows, problems, limit)
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
