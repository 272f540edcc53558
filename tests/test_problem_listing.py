"""A refused file's problems (issue 11, point 4): at most the first N listed (a setting,
default 200) plus the full count, file-level problems first; over-long texts and codes are
problems, never cut."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip_core.io.importer import check_upload
from sakip_core.settings import set_setting
from tests.csvdata import ADMIN, copy_db, csv_bytes

HEADER = "tahun,triwulan,kode_opd,kode_indikator,realisasi"


@pytest.fixture
def db(tmp_path, seed_file):
    return copy_db(seed_file, tmp_path / "t.duckdb")


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_problem_list_shows_the_first_200_and_counts_the_rest(db) -> None:
    text = HEADER + "\n" + "".join(f"2025,{5 + i % 3},A,A1,1\n" for i in range(100_000))
    result = check_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN)
    total = result.jumlah_masalah
    assert total >= 100_000  # a bad triwulan on every row, plus the duplicates
    assert len(result.problems) == 201
    listed, closing = result.problems[:200], result.problems[200]
    assert [p.baris for p in listed[:3]] == [2, 3, 4]  # by row, as Excel numbers them
    assert not any(p.ringkasan for p in listed) and closing.ringkasan
    assert str(closing) == (
        f"... dan {total - 200:,} masalah lainnya tidak ditampilkan (seluruhnya {total:,} "
        "masalah). Perbaiki masalah di atas lalu unggah lagi."
    ).replace(",", ".")


def test_file_level_problems_come_first_then_rows(db) -> None:
    set_setting(db, "maks_masalah_ditampilkan", 2)
    text = HEADER + "\n2025,9,A,A1,\n2025,9,A,A2,\n2025,9,A,ZZ,\n"  # nothing filled, bad quarters
    result = check_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN)
    first, second, closing = result.problems
    assert (first.baris, first.kolom) == (None, "realisasi")
    assert first.pesan.startswith("tidak ada nilai yang diisi")
    assert (second.baris, second.kolom) == (2, "triwulan")
    # the unknown ZZ is not a problem: a skipped row writes nothing, its references cannot matter
    assert closing.ringkasan and result.jumlah_masalah == 4


def test_long_text_is_a_problem_not_cut(db) -> None:
    ok = HEADER + ",keterangan\n2025,2,A,A1,1," + "k" * 1000 + "\n"
    assert check_upload(db, "realisasi", csv_bytes(ok), "r.csv", ADMIN).ok
    long = HEADER + ",keterangan\n2025,2,A,A1,1," + "k" * 1001 + "\n"
    result = check_upload(db, "realisasi", csv_bytes(long), "r.csv", ADMIN)
    (problem,) = result.problems
    assert (problem.baris, problem.kolom) == (2, "keterangan")
    assert problem.pesan == "terlalu panjang: 1.001 karakter; teks paling banyak 1.000 karakter"
    assert problem.nilai == "k" * 79 + "…"
    code = HEADER + "\n2025,2,A," + "K" * 51 + ",1\n"
    result = check_upload(db, "realisasi", csv_bytes(code), "r.csv", ADMIN)
    assert "terlalu panjang: 51 karakter; kode paling banyak 50 karakter" in messages(result)[0]


def test_text_length_limit_follows_the_setting(db) -> None:
    set_setting(db, "maks_panjang_teks", 10)
    text = HEADER + ",bukti\n2025,2,A,A1,1,https://contoh.go.id/bukti.pdf\n"
    result = check_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN)
    assert "teks paling banyak 10 karakter" in messages(result)[0]


FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(bad=st.integers(0, 60), shown=st.integers(1, 20))
def test_property_problems_listed_are_capped_and_the_total_kept(db, bad: int, shown: int) -> None:
    set_setting(db, "maks_masalah_ditampilkan", shown)
    rows = ["2025,2,A,A1,1"] + [f"2025,2,A,Z{i},1" for i in range(bad)]  # one problem each
    result = check_upload(
        db, "realisasi", csv_bytes(HEADER + "\n" + "\n".join(rows)), "r.csv", ADMIN
    )
    assert result.jumlah_masalah == bad
    listed = [p for p in result.problems if not p.ringkasan]
    assert len(listed) == min(bad, shown)
    assert [p.baris for p in listed] == sorted(p.baris for p in listed)
    assert len(result.problems) == min(bad, shown) + (bad > shown)
    if bad > shown:
        assert f"dan {bad - shown} masalah lainnya" in str(result.problems[-1])
    assert result.ok == (bad == 0)
