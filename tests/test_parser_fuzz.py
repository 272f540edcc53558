"""Random bytes, CSV and spreadsheets never crash the checker: a clean accept or a problem list."""

from __future__ import annotations

import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sakip_core.io.importer import check_upload
from tests.csvdata import ADMIN, copy_db, seeded_db

COLUMNS = ["tahun", "triwulan", "kode_opd", "kode_indikator", "realisasi", "keterangan"]
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    seed = tmp_path_factory.mktemp("fuzz") / "seed.duckdb"
    seeded_db(seed).close()
    return copy_db(seed, seed.with_name("fuzz.duckdb"))


def assert_clean_outcome(result) -> None:
    assert result.ok or result.problems
    for problem in result.problems:
        assert str(problem)  # every problem renders as a message
    if result.ok:
        assert len(result.rows) > 0


cell = st.one_of(
    st.text(max_size=12),
    st.integers(-10, 3000).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["2025", "1", "A", "A1", "A2", "12,5", "1.234,5", "", " ", "NaN", "=1+1"]),
)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["x.csv", "x.xlsx"]))
def test_random_bytes(db, data: bytes, name: str) -> None:
    assert_clean_outcome(check_upload(db, "realisasi", data, name, ADMIN))


@FUZZ
@given(
    st.lists(st.sampled_from(COLUMNS + ["lain", ""]), min_size=1, max_size=7),
    st.lists(st.lists(cell, min_size=0, max_size=8), max_size=6),
    st.sampled_from([",", ";"]),
)
def test_random_csv(db, header: list[str], rows: list[list[str]], sep: str) -> None:
    clean = lambda v: v.replace(sep, " ").replace("\n", " ").replace("\r", " ").replace('"', "")  # noqa: E731
    lines = [sep.join(clean(h) for h in header)] + [sep.join(clean(c) for c in r) for r in rows]
    data = "\n".join(lines).encode("utf-8", errors="replace")
    assert_clean_outcome(check_upload(db, "realisasi", data, "x.csv", ADMIN))


@FUZZ
@given(st.lists(st.lists(st.one_of(cell, st.floats(-1e6, 1e6), st.none()), max_size=7), max_size=6))
def test_random_spreadsheet(db, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    assert_clean_outcome(check_upload(db, "realisasi", buffer.getvalue(), "x.xlsx", ADMIN))
