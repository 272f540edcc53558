"""RB services: frameworks as data, entered/imported scores, history, progress ranking, access."""

from __future__ import annotations

import pandas as pd
import pytest
from factories import add_opd, add_rb_aksi, make_db

from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.lke_service import add_past_result
from sakip_core.rapim import rb_heatmap as heatmap
from sakip_core.rapim import rb_ranking as opd_progress
from sakip_core.rb_frameworks import Component, install_framework
from sakip_core.rb_service import (
    import_scores,
    index,
    index_history,
    items,
    set_realisasi,
    set_scores,
)

ADMIN = Actor("admin", "admin")
OP = Actor("operator-01", "operator", "01")
PIM = Actor("pimpinan", "pimpinan")


@pytest.fixture
def h(tmp_path):
    handle = make_db(tmp_path)
    add_opd(handle, "01", "02")
    yield handle
    handle.close()


def scores(rows: list[tuple[int, str, str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["tahun", "kode_kerangka", "kode_komponen", "nilai"])


def test_rb2023_general_tematik_is_computed_from_data(h) -> None:
    assert set_scores(h, ADMIN, scores([(2024, "RB2023", "rb_general", 72.5),
                                        (2024, "RB2023", "rb_tematik", 12)])) == []  # fmt: skip
    res = index(h, PIM, 2024, "RB2023")
    assert res["indeks"] == 84.5 and res["predikat"] == "A"  # 72.5 + 12 = 84.5 -> A


def test_a_new_framework_needs_no_code(h) -> None:
    comps = [Component("g", "G", 50), Component("x", "X", 30, "g"), Component("y", "Y", 20, "g")]
    install_framework(h, "UJI", "Uji", 2030, comps)
    assert set_scores(h, ADMIN, scores([(2030, "UJI", "x", 30), (2030, "UJI", "y", 10)])) == []
    assert index(h, PIM, 2030, "UJI")["indeks"] == 40.0  # leaves only: 30 + 10


def test_scores_are_checked_whole(h) -> None:
    bad = scores([(2024, "RB2020", "pemenuhan", 25), (2024, "RB2020", "pengungkit", 10),
                  (2024, "XX", "a", 1)])  # fmt: skip
    problems = set_scores(h, ADMIN, bad)
    assert len(problems) == 3  # above maximum 20, a group (not a leaf), unknown framework
    assert h.query_df("SELECT count(*) AS n FROM rb_nilai")["n"][0] == 0
    with pytest.raises(AccessDenied):
        set_scores(h, OP, scores([(2024, "RB2020", "pemenuhan", 5)]))


def test_import_csv_and_history_with_past_results(h) -> None:
    text = "tahun;kode_kerangka;kode_komponen;nilai\n2025;RB2020;pemenuhan;15,5\n"
    assert import_scores(h, ADMIN, text.encode(), "rb.csv") == []
    add_past_result(h, ADMIN, "rb", 2022, "PEMDA", 58.3, "LHE")
    df = index_history(h, PIM, "RB2020")
    assert df[["tahun", "indeks", "predikat"]].values.tolist() == [
        [2022, 58.3, "CC"],
        [2025, 15.5, "D"],
    ]


def test_import_xlsx_goes_through_the_upload_limits(h) -> None:
    import io
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["tahun", "kode_kerangka", "kode_komponen", "nilai"])
    book.active.append([2025, "RB2020", "pemenuhan", 12])
    buf = io.BytesIO()
    book.save(buf)
    assert import_scores(h, ADMIN, buf.getvalue(), "rb.xlsx") == []
    assert h.query_df("SELECT nilai FROM rb_nilai WHERE tahun = 2025")["nilai"].tolist() == [12.0]
    # a cell at the far corner: refused before any reader allocates the span
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )
    far = io.BytesIO()
    with zipfile.ZipFile(far, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    problems = import_scores(h, ADMIN, far.getvalue(), "rb.xlsx")
    assert len(problems) == 1 and "16.384 kolom" in problems[0]


def test_progress_ranking_heatmap_and_operator_scope(h) -> None:
    add_rb_aksi(h, [
        {"bulan": 1, "kode_opd": "01", "kode_aksi": "a", "target": 50, "realisasi": 25},
        {"bulan": 1, "kode_opd": "02", "kode_aksi": "b", "target": 40, "realisasi": 40},
        {"bulan": 2, "kode_opd": "01", "kode_aksi": "a", "target": 50, "realisasi": 60},
    ])  # fmt: skip
    jan = opd_progress(h, PIM, 2025, 1)  # 01: 100*25/50 = 50; 02: 100
    assert jan[["peringkat", "kode_opd", "progress"]].values.tolist() == [
        [1, "02", 100.0], [2, "01", 50.0]]  # fmt: skip
    feb = opd_progress(h, PIM, 2025, 2)  # 01: min(100, 120) = 100 -> tie for first
    assert dict(zip(feb["kode_opd"], feb["perubahan"], strict=True)) == {"01": 1, "02": 0}
    assert opd_progress(h, OP, 2025, 2)["kode_opd"].tolist() == ["01"]
    assert heatmap(h, OP, 2025, 1).index.tolist() == ["OPD 01"]  # the OPD's label
    set_realisasi(h, OP, 2025, 3, "01", "a", 80, 40)  # 100 * 40 / 80 = 50
    assert items(h, OP, 2025, 3, "01")["progress"].tolist() == [50.0]
    with pytest.raises(AccessDenied):
        set_realisasi(h, OP, 2025, 3, "02", "b", 80, 40)
    with pytest.raises(AccessDenied):
        set_realisasi(h, PIM, 2025, 3, "01", "a", 80, 40)
