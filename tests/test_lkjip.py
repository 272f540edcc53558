"""LKjIP chapter III and the budget beside it (issue 13, points 2-4), hand-computed.

Every expected figure is worked out in the comment beside it from capaian.md sections 2-4.
"""

from __future__ import annotations

import json

import pytest

from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.cli import main
from sakip_core.lkjip.budget import program_budget
from sakip_core.lkjip.results import LKJIP_COLUMNS, chapter3, yearly_detail
from sakip_core.settings import set_setting
from tests.factories import (
    add_anggaran,
    add_indicators,
    add_opd,
    add_realisasi,
    add_renstra,
    is_empty,
    make_db,
    row_of,
)

ADMIN = Actor("sistem", "admin")
Y = 2026


def ind(code: str, tahun: int = Y, **kw) -> dict:
    return {"tahun": tahun, "kode_opd": "01", "kode_indikator": code, **kw}


def real(code: str, q: int, value: float, tahun: int = Y, **kw) -> dict:
    return {"tahun": tahun, "kode_opd": "01", "kode_indikator": code, "triwulan": q,
            "realisasi": value, **kw}  # fmt: skip


@pytest.fixture
def h(tmp_path):
    handle = make_db(tmp_path)
    add_opd(handle, "01", "02")
    add_indicators(handle, [
        ind("A", target=80.0, sasaran="S2", program="P1"),
        ind("B", target=100.0, agregasi="kumulatif", sasaran="S1", program="P1"),
        ind("C", target=100.0, agregasi="kumulatif", sasaran="S1"),
        ind("D", target=10.0, polaritas="negatif", sasaran="S2", program="P2"),
        ind("E", polaritas="rentang", target_min=40.0, target_max=60.0, sasaran="S2"),
        ind("F", target=50.0, sasaran="S3"),
        ind("G", target=10.0, polaritas="negatif", sasaran="S3", program="P2"),
        ind("H", target=10.0, sasaran="S3", program="P3"),
        ind("X", target=10.0, level="administrator", induk="A"),
    ])  # fmt: skip
    add_indicators(handle, [ind("A", 2025, target=75.0), ind("D", 2025, target=10.0,
                                                            polaritas="negatif")])  # fmt: skip
    add_indicators(handle, [ind("A", 2024, target=70.0)])
    add_realisasi(handle, [
        real("A", 4, 72.0), real("A", 4, 70.0, 2025), real("A", 4, 63.0, 2024),
        real("A", 3, 50.0),  # not used: A is nilai_akhir, R = r_4
        real("B", 1, 20.0), real("B", 2, 30.0), real("B", 3, 25.0), real("B", 4, 15.0),
        real("C", 1, 40.0), real("C", 2, 30.0), real("C", 3, 20.0),  # Q4 not reported
        real("D", 4, 12.0, faktor_penghambat="Data terlambat", tindak_lanjut="Percepat"),
        real("D", 4, 9.0, 2025),
        real("E", 4, 70.0), real("F", 4, 25.0), real("G", 4, 20.0), real("H", 4, 15.0),
        real("X", 4, 1.0),
    ])  # fmt: skip
    add_renstra(handle, [
        {"kode_opd": "01", "kode_indikator": "A", "target_akhir": 90.0},
        {"kode_opd": "01", "kode_indikator": "D", "polaritas": "negatif", "target_akhir": 8.0},
        {"kode_opd": "01", "kode_indikator": "G", "polaritas": "negatif", "target_akhir": 8.0},
        {"kode_opd": "01", "kode_indikator": "E", "polaritas": "rentang", "target_min": 45.0,
         "target_max": 55.0},
        {"kode_opd": "01", "kode_indikator": "C", "target_akhir": 400.0},
    ])  # fmt: skip
    return handle


def test_the_yearly_result_is_quarter_4_and_the_previous_years_are_the_same_code(h):
    df = chapter3(h, ADMIN, Y, "01")
    assert list(df.columns) == LKJIP_COLUMNS
    a = row_of(df, kode_indikator="A")
    assert (a["target"], a["realisasi"], a["capaian"]) == (80.0, 72.0, 90.0)  # 100 * 72 / 80
    assert a["kategori"] == "Tinggi"
    assert a["realisasi_t1"] == 70.0 and a["capaian_t1"] == 93.33  # 100 * 70 / 75
    assert a["realisasi_t2"] == 63.0 and a["capaian_t2"] == 90.0  # 100 * 63 / 70
    assert a["target_akhir_renstra"] == 90.0 and a["capaian_renstra"] == 80.0  # 100 * 72 / 90
    b = row_of(df, kode_indikator="B")
    assert (b["realisasi"], b["capaian"]) == (90.0, 90.0)  # kumulatif: 20+30+25+15 vs 100


def test_a_missing_quarter_4_leaves_the_year_empty(h):
    c = row_of(chapter3(h, ADMIN, Y, "01"), kode_indikator="C")
    for col in ("realisasi", "capaian", "kategori", "capaian_renstra"):
        assert is_empty(c[col]), col
    assert c["target_akhir_renstra"] == 400.0  # the Renstra link is there all the same


def test_an_indicator_new_this_year_has_no_previous_years_and_no_renstra(h):
    f = row_of(chapter3(h, ADMIN, Y, "01"), kode_indikator="F")
    assert f["capaian"] == 50.0  # 100 * 25 / 50
    for col in ("realisasi_t1", "capaian_t1", "realisasi_t2", "capaian_t2",
                "target_akhir_renstra", "capaian_renstra"):  # fmt: skip
        assert is_empty(f[col]), col


def test_negative_polarity_against_the_renstra_target(h):
    df = chapter3(h, ADMIN, Y, "01")
    d = row_of(df, kode_indikator="D")
    assert d["capaian"] == 80.0  # 100 * (2*10 - 12) / 10
    assert d["capaian_renstra"] == 50.0  # 100 * (2*8 - 12) / 8
    assert d["realisasi_t1"] == 9.0 and d["capaian_t1"] == 110.0  # 100 * (20 - 9) / 10
    g = row_of(df, kode_indikator="G")
    assert g["capaian"] == 0.0 and g["capaian_renstra"] == 0.0  # (20-20)/10 = 0; (16-20)/8 < 0 -> 0


def test_rentang_against_the_renstra_band(h):
    e = row_of(chapter3(h, ADMIN, Y, "01"), kode_indikator="E")
    assert is_empty(e["target"])  # a band has no single target (as capaian's target_sd)
    assert e["capaian"] == 83.33  # 70 > 60: 100 * (2*60 - 70) / 60
    assert e["capaian_renstra"] == 72.73  # 70 > 55: 100 * (2*55 - 70) / 55


def test_only_the_opd_level_grouped_by_sasaran(h):
    df = chapter3(h, ADMIN, Y, "01")
    assert "X" not in set(df["kode_indikator"])  # administrator level: drill-down only
    # groups in the order of their first code (A opens S2, B opens S1), codes inside each group
    assert list(df["kode_indikator"]) == ["A", "D", "E", "B", "C", "F", "G", "H"]


def test_the_reasons_of_quarter_4_come_along(h):
    d = row_of(yearly_detail(h, ADMIN, Y, "01"), kode_indikator="D")
    assert d["faktor_penghambat"] == "Data terlambat" and d["tindak_lanjut"] == "Percepat"


def test_the_renstra_period_that_starts_last_applies(h):
    add_renstra(h, [{"kode_opd": "01", "kode_indikator": "A", "tahun_awal": 2026,
                     "tahun_akhir": 2030, "target_akhir": 96.0}])  # fmt: skip
    a = row_of(chapter3(h, ADMIN, Y, "01"), kode_indikator="A")
    assert a["target_akhir_renstra"] == 96.0 and a["capaian_renstra"] == 75.0  # 100 * 72 / 96
    old = row_of(chapter3(h, ADMIN, 2025, "01"), kode_indikator="A")
    assert old["target_akhir_renstra"] == 90.0  # 2025 lies only in 2025-2029


def test_the_pemda_table_holds_the_pemda_level_only(h):
    add_indicators(h, [{"tahun": Y, "kode_opd": "PEMDA", "kode_indikator": "IKU1",
                        "target": 70.0, "level": "pemda", "iku": True}])  # fmt: skip
    add_realisasi(h, [{"tahun": Y, "kode_opd": "PEMDA", "kode_indikator": "IKU1",
                       "triwulan": 4, "realisasi": 63.0}])  # fmt: skip
    df = chapter3(h, ADMIN, Y, "PEMDA")
    assert list(df["kode_indikator"]) == ["IKU1"] and df["capaian"].iloc[0] == 90.0


def test_budget_efisiensi_per_program(h):
    add_anggaran(h, [
        {"tahun": Y, "bulan": 6, "kode_opd": "01", "program": "P1", "pagu": 1000.0, "realisasi": 300.0},  # noqa: E501
        {"tahun": Y, "bulan": 12, "kode_opd": "01", "program": "P1", "pagu": 800.0, "realisasi": 340.0},  # noqa: E501
        {"tahun": Y, "bulan": 12, "kode_opd": "01", "program": "P2", "pagu": 100.0, "realisasi": 50.0},  # noqa: E501
        {"tahun": Y, "bulan": 12, "kode_opd": "01", "program": "P3", "pagu": 100.0, "realisasi": 100.0},  # noqa: E501
    ])  # fmt: skip
    df = program_budget(h, ADMIN, Y, "01")
    p1 = row_of(df, program="P1")
    # pagu revised to 800; spent 300 + 340 = 640 -> serapan 80; capaian A 90, B 90 -> mean 90
    assert (p1["pagu"], p1["realisasi"], p1["serapan"]) == (800.0, 640.0, 80.0)
    assert p1["efisiensi"] == pytest.approx(10.0) and p1["keterangan"] == "efisien"
    p2 = row_of(df, program="P2")  # D 80, G 0 -> mean 40; serapan 50 -> -10
    assert p2["efisiensi"] == pytest.approx(-10.0) and p2["keterangan"] == "tidak efisien"
    p3 = row_of(df, program="P3")  # H: C = 150, capped at 120; serapan 100 -> +20
    assert p3["capaian_rata2"] == pytest.approx(120.0) and p3["efisiensi"] == pytest.approx(20.0)
    set_setting(h, "ambang_efisiensi", 25.0)
    again = program_budget(h, ADMIN, Y, "01")
    assert row_of(again, program="P3")["keterangan"] == "tidak efisien"  # 20 < 25


def test_an_operator_reads_their_own_opd_only(h):
    with pytest.raises(AccessDenied):
        chapter3(h, Actor("op", "operator", "02"), Y, "01")
    with pytest.raises(AccessDenied):
        chapter3(h, Actor("op", "operator", "01"), Y, "PEMDA")
    assert len(chapter3(h, Actor("op", "operator", "01"), Y, "01")) == 8


def test_cli_lkjip_csv_and_json(h, capsys):
    db = str(h.path)
    h.close()
    assert main(["--db", db, "lkjip", "--tahun", str(Y), "--opd", "01", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    e = next(r for r in rows if r["kode_indikator"] == "E")
    assert e["capaian"] == 83.33 and e["target"] is None and list(e) == LKJIP_COLUMNS
    assert main(["--db", db, "lkjip", "--tahun", str(Y), "--opd", "01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ",".join(LKJIP_COLUMNS)
    c = next(line for line in lines if line.startswith("S1,C,"))
    assert c.split(",")[5:8] == ["", "", ""]  # realisasi, capaian, kategori empty
    assert main(["--db", db, "lkjip", "--tahun", str(Y), "--opd", "01", "--tabel", "anggaran"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "kode_opd,program,pagu,realisasi,serapan,capaian_rata2,efisiensi,keterangan"
    )
    assert main(["--db", db, "lkjip", "--tahun", str(Y), "--opd", "01", "--user", "nobody"]) == 1


def test_indicators_below_tinggi_without_a_faktor_penghambat(h):
    from sakip_core.lkjip.reasons import missing_reasons, missing_reasons_in_file

    stored = missing_reasons(h, ADMIN, Y, 4, ["01"])
    # below 76 (Tinggi): F (50) and G (0); D (80) is above and has a reason anyway
    assert list(stored["kode_indikator"]) == ["F", "G"]
    import pandas as pd

    file = pd.DataFrame([
        {"tahun": Y, "triwulan": 4, "kode_opd": "01", "kode_indikator": "A", "realisasi": 40.0,
         "faktor_penghambat": None},  # 100 * 40 / 80 = 50: now below Tinggi, no reason
        {"tahun": Y, "triwulan": 4, "kode_opd": "01", "kode_indikator": "F", "realisasi": 25.0,
         "faktor_penghambat": "Anggaran terlambat"},  # explained in the file
    ])  # fmt: skip
    found = missing_reasons_in_file(h, ADMIN, file)
    assert list(found["kode_indikator"]) == ["A", "G"] and found["capaian"].iloc[0] == 50.0


def test_the_rapim_detail_reads_the_reasons_of_the_quarter(h):
    from sakip_core import rapim

    why = rapim.faktor_opd(h, ADMIN, Y, 4, "01")
    # only D carries texts at quarter 4 (X is administrator level, not in the OPD's table)
    assert list(why["kode_indikator"]) == ["D"]
    assert why["faktor_penghambat"].iloc[0] == "Data terlambat"
    assert why["tindak_lanjut"].iloc[0] == "Percepat" and is_empty(why["faktor_pendukung"].iloc[0])
    assert why["capaian"].iloc[0] == pytest.approx(80.0)  # (2*10 - 12) / 10 * 100
    assert rapim.faktor_opd(h, ADMIN, Y, 3, "01").empty
    with pytest.raises(AccessDenied):
        rapim.faktor_opd(h, Actor("op2", "operator", "02"), Y, 4, "01")


def test_blank_reasons_count_as_none(h):
    from sakip_core.lkjip.reasons import stated_reasons

    add_realisasi(h, [real("F", 4, 25.0, faktor_pendukung="  ", faktor_penghambat="")])
    assert list(stated_reasons(h, Y, 4, ["D", "F"])["kode_indikator"]) == ["D"]


def test_the_rapim_trend_of_an_indicator_across_years(h):
    from sakip_core import rapim

    points, renstra = rapim.tren_indikator(h, ADMIN, Y, "01", "A")
    # 2024 and 2025 at Q4, then this year's reported quarters (A: Q3 and Q4)
    assert list(points["periode"]) == ["2024", "2025", "TW3 2026", "TW4 2026"]
    assert list(points["realisasi"]) == [63.0, 70.0, 50.0, 72.0]
    assert renstra["target_akhir"] == 90.0
    with pytest.raises(AccessDenied):
        rapim.tren_indikator(h, Actor("op2", "operator", "02"), Y, "01", "A")


def test_the_renja_form_against_the_renstra_end_target(h):
    from sakip_core.lkjip.renja import renja_indicators

    df = renja_indicators(h, ADMIN, Y, 4, "01").set_index("kode_indikator")
    # A (nilai_akhir): last year's R 70; to date = this year's R 72; 100 * 72 / 90 = 80
    assert df.loc["A", "realisasi_sd_tahun_lalu"] == 70.0 and df.loc["A", "tw4"] == 72.0
    assert df.loc["A", "realisasi_renstra_sd"] == 72.0
    assert df.loc["A", "persen_renstra"] == pytest.approx(80.0)
    # D negative: 100 * (2 * 8 - 12) / 8 = 50; last year's R 9
    assert df.loc["D", "realisasi_sd_tahun_lalu"] == 9.0
    assert df.loc["D", "persen_renstra"] == pytest.approx(50.0)
    # E rentang 45-55, R 70 above the band: 100 * (2 * 55 - 70) / 55
    assert df.loc["E", "persen_renstra"] == pytest.approx(100 * 40 / 55)
    # G negative, R 20 against 8: 100 * (16 - 20) / 8 = -50, shown as 0
    assert df.loc["G", "persen_renstra"] == 0.0
    # F has no Renstra row: no Renstra figures; X (administrator) is not on the form
    assert is_empty(df.loc["F", "persen_renstra"]) and "X" not in df.index
    # C kumulatif at quarter 3: 40 + 30 + 20 = 90 this year, nothing earlier; 100 * 90 / 400
    q3 = renja_indicators(h, ADMIN, Y, 3, "01").set_index("kode_indikator")
    assert q3.loc["C", "realisasi_renstra_sd"] == 90.0
    assert q3.loc["C", "persen_renstra"] == pytest.approx(22.5)
