"""Exports: formula neutralisation (hypothesis), numbers stay numbers, headers, frozen pane."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_core.export import EXPORT_COLUMNS, FORMULA_STARTS, neutralise, to_csv, to_excel

# Text a spreadsheet cell can hold (XML forbids most control characters; xlsx and CSV alike).
cell_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029\x85"
    )
    | st.sampled_from(list("=+-@\t")),
    max_size=30,
)
risky = st.sampled_from(["=", "+", "-", "@"]).flatmap(lambda c: cell_text.map(lambda t: c + t))
texts = st.one_of(cell_text, risky)


@given(texts)
def test_neutralise_property(text: str) -> None:
    out = neutralise(text)
    if text.startswith(FORMULA_STARTS):
        assert out.startswith("'")
    elif not re.search(r'[;,][ \t\r\n"]*[=+\-@\t\r]', text):  # see tests/test_escaping.py
        assert out == text
    assert not str(out).startswith(FORMULA_STARTS)


def test_non_text_is_left_alone() -> None:
    assert neutralise(-5.0) == -5.0 and neutralise(None) is None and neutralise(3) == 3


def frame(names: list[str], values: list[float]) -> pd.DataFrame:
    n = len(names)
    return pd.DataFrame(
        {
            "kode_opd": ["01"] * n,
            "indikator": names,
            "capaian": values,
            "iku": [True] * n,
            "diunggah_pada": pd.to_datetime(["2026-10-21 10:37"] * n),
            "tren": [[1.0, 2.0]] * n,  # not exported
        }
    )


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(texts, st.floats(-1e6, 1e6)), min_size=1, max_size=6))
def test_excel_round_trip_never_holds_formulas(rows: list[tuple[str, float]]) -> None:
    names, values = [r[0] for r in rows], [r[1] for r in rows]
    wb = openpyxl.load_workbook(io.BytesIO(to_excel(frame(names, values))))
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header == ["Kode OPD", "Indikator", "IKU", "Capaian (%)", "Diunggah Pada"]
    assert ws.freeze_panes == "A2"
    for i, (name, value) in enumerate(rows, start=2):
        cell = ws.cell(i, 2)
        assert cell.data_type != "f"
        assert (cell.value or "") == neutralise(name)
        # xlsx keeps 15 significant digits
        assert ws.cell(i, 4).data_type == "n"
        assert ws.cell(i, 4).value == pytest.approx(value, rel=1e-14, abs=1e-9)
        assert ws.cell(i, 3).value == "Ya"


@settings(max_examples=25, deadline=None)
@given(st.lists(texts, min_size=1, max_size=6))
def test_csv_cells_are_neutralised(names: list[str]) -> None:
    raw = to_csv(frame(names, [1.5] * len(names)))
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Kode OPD", "Indikator", "IKU", "Capaian (%)", "Diunggah Pada"]
    assert [r[1] for r in rows[1:]] == [neutralise(n) for n in names]
    assert all(r[3] == "1,5" and r[4] == "2026-10-21 10:37" for r in rows[1:])


def test_title_row_and_number_format() -> None:
    df = frame(["=SUM(A1)", "biasa"], [-12.5, 100.0])
    ws = openpyxl.load_workbook(io.BytesIO(to_excel(df, title="Judul"))).active
    assert ws["A1"].value == "Judul" and ws.freeze_panes == "A3"
    assert ws["B3"].value == "'=SUM(A1)" and ws["D3"].value == -12.5
    assert ws["D3"].number_format == "#,##0.00"
    assert set(EXPORT_COLUMNS.values()) >= {"Capaian (%)", "Indikator"}


@given(
    st.lists(st.text(alphabet=st.sampled_from(list("ab -=+@;,'\t\"1")), max_size=12), max_size=8)
)
def test_neutralised_text_reads_back_as_written(texts: list[str]) -> None:
    """A CSV template that comes back filled: our own quotes are taken off again on import."""
    from sakip_core.export import neutralise, restore_neutralised

    written = pd.Series([neutralise(t) for t in texts], dtype=object)
    assert restore_neutralised(written).tolist() == texts
