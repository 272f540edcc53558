"""The CSV of every download button (`sakip_core.export.excel_csv`): `;`, decimal comma, BOM."""

from __future__ import annotations

import io
import math

import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_core.export import excel_csv, to_csv, to_excel

BOM = b"\xef\xbb\xbf"
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


def read_back(raw: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(finite, finite), min_size=1, max_size=8))
def test_decimals_round_trip_with_semicolon_and_decimal_comma(rows: list[tuple[float, float]]):
    df = pd.DataFrame(rows, columns=["Capaian (%)", "Target"])
    back = read_back(excel_csv(df))
    assert list(back.columns) == ["Capaian (%)", "Target"]
    for col in df.columns:
        assert [float(v) for v in back[col]] == df[col].tolist()  # exact: repr is written


def test_layout_of_the_file() -> None:
    df = pd.DataFrame(
        {
            "OPD": ["Dinas Kesehatan", "=HYPERLINK(1)", None],
            "Skor": [1234.5, -0.25, math.nan],
            "Jumlah": [171, 0, 3],
            "IKU": [True, False, True],
            "Waktu": pd.to_datetime(["2026-10-21 10:37", "2026-01-02 03:04", None]),
        }
    )
    raw = excel_csv(df)
    assert raw.startswith(BOM)
    lines = raw[len(BOM) :].decode("utf-8").splitlines()
    assert lines == [
        "OPD;Skor;Jumlah;IKU;Waktu",
        "Dinas Kesehatan;1234,5;171;Ya;2026-10-21 10:37",
        "'=HYPERLINK(1);-0,25;0;Tidak;2026-01-02 03:04",  # text neutralised once
        ";;3;Ya;",  # empty cells empty, the count without decimals
    ]


def test_a_separator_inside_text_is_quoted() -> None:
    raw = excel_csv(pd.DataFrame({"Catatan": ["a;b", 'kata "x"'], "Nilai": [1.5, 2.0]}))
    assert raw[len(BOM) :].decode("utf-8").splitlines()[1:] == ['"a;b";1,5', '"kata ""x""";2,0']
    assert read_back(raw)["Catatan"].tolist() == ["a;b", 'kata "x"']


def test_explorer_export_keeps_its_columns_and_uses_the_helper() -> None:
    df = pd.DataFrame({"kode_opd": ["1.02.01"], "capaian": [99.5], "warna": ["#fff"]})
    assert to_csv(df) == excel_csv(pd.DataFrame({"Kode OPD": ["1.02.01"], "Capaian (%)": [99.5]}))


def test_labelled_table_to_excel_keeps_every_column() -> None:
    """The admin's reminder list has Indonesian headers already: none may be dropped."""
    shown = pd.DataFrame({"Kode OPD": ["1.02.01"], "OPD": ["Dinkes"], "Hari terlambat": [3]})
    ws = openpyxl.load_workbook(io.BytesIO(to_excel(shown, "pengingat", labelled=True))).active
    assert [c.value for c in ws[1]] == ["Kode OPD", "OPD", "Hari terlambat"]
    assert [c.value for c in ws[2]] == ["1.02.01", "Dinkes", 3]
