"""capaian.md sections 9 (Reformasi Birokrasi) and 10 (anggaran / serapan).

Every expected value is computed by hand; the derivation is in the comment beside it.
"""

from __future__ import annotations

import math

import pytest
from factories import (
    add_anggaran,
    add_indicators,
    add_opd,
    add_rb_aksi,
    add_rb_nilai,
    add_realisasi,
    clear,
    is_empty,
    make_db,
    row_of,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sakip_core as sk
from sakip_core.calc.rb import rb_item_progress
from sakip_core.rb_frameworks import Component, install_framework
from sakip_core.settings import set_setting

TAHUN = 2025

# ---------------------------------------------------------------------------------------------
# RB index (Pemda level)


@pytest.fixture(scope="module")
def rb_db(tmp_path_factory):
    h = make_db(tmp_path_factory.mktemp("rb"))
    add_rb_nilai(
        h,
        "RB2020",
        {
            "pemenuhan": 18.5,  # max 20
            "hasil_antara": 12.0,  # max 10 -> counts 10
            "reform": 25.25,  # max 30
            "akuntabilitas": 8.0,  # max 10
            "pelayanan_publik": 7.5,
            "bersih_kkn": 9.0,
            "kinerja_organisasi": 6.0,
        },
    )
    add_rb_nilai(h, "RB2023", {"rb_general": 85.5, "rb_tematik": 25.0})  # tematik max 20
    add_rb_nilai(h, "RB2023", {"rb_general": 72.0}, tahun=2024)  # tematik not scored
    yield h
    h.close()


def test_rb2020_index_caps_leaves_and_sums(rb_db):
    res = sk.rb_index(rb_db, TAHUN, "RB2020")
    # 18.5 + min(12, 10) + 25.25 + 8 + 7.5 + 9 + 6 = 18.5 + 10 + 25.25 + 30.5 = 84.25
    assert res["indeks"] == pytest.approx(84.25)
    assert res["predikat"] == "A"  # 84.25 > 80
    comp = res["komponen"].set_index("kode_komponen")
    assert comp.loc["hasil_antara", "nilai_dihitung"] == pytest.approx(10.0)  # min(12, 10)
    assert comp.loc["reform", "nilai_dihitung"] == pytest.approx(25.25)  # under its max
    # the groups (pengungkit 60, hasil 40) are not leaves: their maxima come from the leaves
    assert set(comp.index) == {
        "pemenuhan", "hasil_antara", "reform", "akuntabilitas", "pelayanan_publik",
        "bersih_kkn", "kinerja_organisasi",
    }  # fmt: skip
    assert comp["maksimum"].sum() == pytest.approx(100)  # 20 + 10 + 30 + 4 * 10


def test_rb2020_full_marks_is_100(tmp_path):
    h = make_db(tmp_path)
    leaves = {"pemenuhan": 20, "hasil_antara": 10, "reform": 30, "akuntabilitas": 10,
              "pelayanan_publik": 10, "bersih_kkn": 10, "kinerja_organisasi": 10}  # fmt: skip
    add_rb_nilai(h, "RB2020", leaves)
    res = sk.rb_index(h, TAHUN, "RB2020")
    assert res["indeks"] == pytest.approx(100.0)  # pengungkit 60 + hasil 40
    assert res["predikat"] == "AA"


def test_second_framework_rb2023_is_data(rb_db):
    res = sk.rb_index(rb_db, TAHUN, "RB2023")
    # RB General 85.5 (max 100) + RB Tematik min(25, 20) = 105.5
    assert res["indeks"] == pytest.approx(105.5)
    assert res["predikat"] == "AA"  # > 90
    res24 = sk.rb_index(rb_db, 2024, "RB2023")
    # 72 + tematik not scored (0) = 72 -> BB (> 70)
    assert res24["indeks"] == pytest.approx(72.0)
    assert res24["predikat"] == "BB"


def test_a_new_framework_without_code_change(tmp_path):
    h = make_db(tmp_path)
    install_framework(
        h,
        "UJI",
        "Kerangka uji",
        2026,
        [Component("a", "A", 50), Component("b", "B", 30), Component("c", "C", 20)],
    )
    add_rb_nilai(h, "UJI", {"a": 45.0, "b": 31.0, "c": 0.5}, tahun=2026)
    res = sk.rb_index(h, 2026, "UJI")
    # 45 + min(31, 30) + 0.5 = 75.5 -> BB
    assert res["indeks"] == pytest.approx(75.5)
    assert res["predikat"] == "BB"


def test_rb_index_predikat_boundary(tmp_path):
    h = make_db(tmp_path)
    add_rb_nilai(h, "RB2023", {"rb_general": 60.0, "rb_tematik": 10.0})
    res = sk.rb_index(h, TAHUN, "RB2023")
    assert res["indeks"] == pytest.approx(70.0)  # 60 + 10
    assert res["predikat"] == "B"  # exactly 70 is not > 70


# ---------------------------------------------------------------------------------------------
# RB OPD progress (rencana aksi)


@pytest.fixture(scope="module")
def aksi_db(tmp_path_factory):
    h = make_db(tmp_path_factory.mktemp("aksi"))
    add_opd(h, "A", "B")
    add_rb_aksi(
        h,
        [
            # a1: month 1 20 % of 50 -> 40; month 3 40 of 50 -> 80; month 5 75 of 50 -> 150 -> 100
            {"kode_opd": "A", "kode_aksi": "a1", "bulan": 1, "target": 50, "realisasi": 20},
            {"kode_opd": "A", "kode_aksi": "a1", "bulan": 3, "target": 50, "realisasi": 40},
            {"kode_opd": "A", "kode_aksi": "a1", "bulan": 5, "target": 50, "realisasi": 75},
            # a2: target 0 -> 100 from month 2
            {"kode_opd": "A", "kode_aksi": "a2", "bulan": 2, "target": 0, "realisasi": 0},
            # a3: first reported in month 4: 30 of 100 -> 30
            {
                "kode_opd": "A",
                "kode_aksi": "a3",
                "bulan": 4,
                "target": 100,
                "realisasi": 30,
                "area": "pelayanan publik",
            },  # fmt: skip
        ],
    )
    # OPD B has no rencana aksi items in 2025 (its 2024 item must not count)
    add_rb_aksi(
        h, [{"tahun": 2024, "kode_opd": "B", "kode_aksi": "b1", "bulan": 1, "target": 10,
             "realisasi": 10}],
    )  # fmt: skip
    yield h
    h.close()


@pytest.mark.parametrize(
    ("bulan", "progress"),
    [
        (1, 40 / 3),  # a1 100*20/50 = 40; a2, a3 not reported yet -> 0; (40 + 0 + 0) / 3 = 13.33
        (2, 140 / 3),  # a1 still 40 (latest up to month 2 is month 1); a2 100; (40 + 100 + 0) / 3
        (3, 60.0),  # a1 100*40/50 = 80; a2 100; a3 0 -> 180 / 3 = 60
        (4, 70.0),  # 80 + 100 + 30 = 210 / 3 = 70
        (5, 230 / 3),  # a1 min(100, 100*75/50 = 150) = 100; 100 + 100 + 30 = 230 / 3 = 76.67
        (12, 230 / 3),  # nothing newer: the latest reports stay
    ],
)
def test_rb_opd_progress(aksi_db, bulan, progress):
    df = sk.rb_opd_progress(aksi_db, TAHUN, bulan)
    row = row_of(df, kode_opd="A")
    assert row["progress"] == pytest.approx(progress)
    assert row["jumlah_aksi"] == 3
    b = row_of(df, kode_opd="B")
    assert b["progress"] == pytest.approx(0.0)  # an OPD with no items -> 0
    assert b["jumlah_aksi"] == 0


@pytest.mark.parametrize(
    ("bulan", "aksi", "progress", "bulan_lapor"),
    [
        (1, "a1", 40.0, 1),  # 100 * 20 / 50
        (2, "a1", 40.0, 1),  # latest report up to month 2 is month 1
        (3, "a1", 80.0, 3),  # 100 * 40 / 50
        (5, "a1", 100.0, 5),  # min(100, 100 * 75 / 50 = 150)
        (1, "a2", 0.0, None),  # not reported yet -> 0
        (2, "a2", 100.0, 2),  # target 0 -> 100
        (3, "a3", 0.0, None),  # not reported yet -> 0
        (4, "a3", 30.0, 4),  # 100 * 30 / 100
    ],
)
def test_rb_item_progress(aksi_db, bulan, aksi, progress, bulan_lapor):
    row = row_of(rb_item_progress(aksi_db, TAHUN, bulan), kode_aksi=aksi)
    assert row["progress"] == pytest.approx(progress)
    if bulan_lapor is None:
        assert is_empty(row["bulan_lapor"])
    else:
        assert row["bulan_lapor"] == bulan_lapor


# ---------------------------------------------------------------------------------------------
# serapan


@pytest.fixture(scope="module")
def anggaran_db(tmp_path_factory):
    h = make_db(tmp_path_factory.mktemp("anggaran"))
    add_opd(h, "A", "B")
    add_anggaran(
        h,
        [
            # A, program P1: pagu 1000 in months 1-2, revised to 1200 (APBD-P) in month 3
            {"kode_opd": "A", "program": "P1", "bulan": 1, "pagu": 1000, "realisasi": 100},
            {"kode_opd": "A", "program": "P1", "bulan": 2, "pagu": 1000, "realisasi": 150},
            {"kode_opd": "A", "program": "P1", "bulan": 3, "pagu": 1200, "realisasi": 250},
            # A, program P2: one row in month 1 (pagu 800 stays the latest up to later months)
            {"kode_opd": "A", "program": "P2", "bulan": 1, "pagu": 800, "realisasi": 200},
            # B: no program column filled ('' by default)
            {"kode_opd": "B", "bulan": 2, "pagu": 4000, "realisasi": 1000},
            {"kode_opd": "B", "bulan": 3, "pagu": 4000, "realisasi": 1400},
            # another year: must not count
            {"tahun": 2024, "kode_opd": "A", "bulan": 1, "pagu": 99, "realisasi": 99},
        ],
    )
    yield h
    h.close()


@pytest.mark.parametrize(
    ("bulan", "kode", "pagu", "realisasi", "serapan"),
    [
        # month 1: pagu 1000 + 800 = 1800; spent 100 + 200 = 300; 100 * 300 / 1800 = 16.67
        (1, "A", 1800, 300, 100 * 300 / 1800),
        # month 2: pagu still 1800; spent 300 + 150 = 450; 100 * 450 / 1800 = 25
        (2, "A", 1800, 450, 25.0),
        # month 3: P1 pagu is its latest row (1200) + P2 800 = 2000; spent 450 + 250 = 700 -> 35
        (3, "A", 2000, 700, 35.0),
        # month 12: nothing newer -> same as month 3
        (12, "A", 2000, 700, 35.0),
        # B month 2: 100 * 1000 / 4000 = 25; month 3: 100 * (1000 + 1400) / 4000 = 60
        (2, "B", 4000, 1000, 25.0),
        (3, "B", 4000, 2400, 60.0),
    ],
)
def test_serapan(anggaran_db, bulan, kode, pagu, realisasi, serapan):
    row = row_of(sk.serapan(anggaran_db, TAHUN, bulan), kode_opd=kode)
    assert row["pagu"] == pytest.approx(pagu)
    assert row["realisasi"] == pytest.approx(realisasi)
    assert row["serapan"] == pytest.approx(serapan)


def test_serapan_before_any_budget_row(anggaran_db):
    df = sk.serapan(anggaran_db, TAHUN, 1)
    assert list(df["kode_opd"]) == ["A"]  # B has no row up to month 1


# ---------------------------------------------------------------------------------------------
# budget vs performance: gap and the "serapan tinggi, capaian rendah" flag


FLAG_CASES = [
    # (kode, serapan = 100 * realisasi / 10000, skor = R of one positif indicator with target 100,
    #  flag expected: serapan >= 60 and skor < 66)
    ("F1", 6000, 65.99, True),  # serapan 60 (exactly the threshold) and 65.99 < 66
    ("F2", 5999, 50.0, False),  # serapan 59.99 < 60
    ("F3", 6000, 66.0, False),  # skor exactly 66 is not < 66
    ("F4", 9000, 30.0, True),  # 90 >= 60, 30 < 66
    ("F5", 7500, 80.0, False),  # skor high
    ("F6", 1000, 10.0, False),  # low spending, low result: not this flag
]


@pytest.fixture(scope="module")
def bvp_db(tmp_path_factory):
    h = make_db(tmp_path_factory.mktemp("bvp"))
    kodes = [c[0] for c in FLAG_CASES]
    add_opd(h, *kodes, "NOBUDGET")
    add_indicators(
        h,
        [{"kode_opd": k, "kode_indikator": f"{k}-1", "target": 100} for k in [*kodes, "NOBUDGET"]],
    )
    add_realisasi(
        h,
        [{"kode_opd": k, "kode_indikator": f"{k}-1", "triwulan": 2, "realisasi": skor}
         for k, _, skor, _ in FLAG_CASES]
        + [{"kode_opd": "NOBUDGET", "kode_indikator": "NOBUDGET-1", "triwulan": 2,
            "realisasi": 10}],
    )  # fmt: skip
    # triwulan 2 -> serapan at month 6: spending split over months 2 and 6, pagu 10000;
    # spending in month 7 is after triwulan 2 and must not count
    rows = []
    for k, real, _, _ in FLAG_CASES:
        rows += [
            {"kode_opd": k, "bulan": 2, "pagu": 10000, "realisasi": real / 2},
            {"kode_opd": k, "bulan": 6, "pagu": 10000, "realisasi": real / 2},
            {"kode_opd": k, "bulan": 7, "pagu": 10000, "realisasi": 5000},
        ]
    add_anggaran(h, rows)
    yield h
    h.close()


@pytest.mark.parametrize(("kode", "real", "skor", "flag"), FLAG_CASES)
def test_budget_vs_performance_flag(bvp_db, kode, real, skor, flag):
    row = row_of(sk.budget_vs_performance(bvp_db, TAHUN, 2), kode_opd=kode)
    assert row["serapan"] == pytest.approx(100 * real / 10000)  # months 2 + 6, not 7
    assert row["skor"] == pytest.approx(skor)  # C = 100 * R / 100 = R, one indicator
    assert row["gap"] == pytest.approx(skor - 100 * real / 10000)  # skor - serapan
    assert bool(row["serapan_tinggi_capaian_rendah"]) is flag


def test_budget_vs_performance_without_budget(bvp_db):
    row = row_of(sk.budget_vs_performance(bvp_db, TAHUN, 2), kode_opd="NOBUDGET")
    assert is_empty(row["serapan"]) and is_empty(row["gap"])
    assert not bool(row["serapan_tinggi_capaian_rendah"])


def test_flag_thresholds_are_settings(tmp_path):
    h = make_db(tmp_path)
    add_opd(h, "X")
    add_indicators(h, [{"kode_opd": "X", "kode_indikator": "X-1", "target": 100}])
    add_realisasi(h, [{"kode_opd": "X", "kode_indikator": "X-1", "triwulan": 1, "realisasi": 68}])
    add_anggaran(h, [{"kode_opd": "X", "bulan": 3, "pagu": 1000, "realisasi": 550}])
    # serapan = 100 * 550 / 1000 = 55, skor = 68: default (60, 66) -> 55 < 60 -> no flag
    row = row_of(sk.budget_vs_performance(h, TAHUN, 1), kode_opd="X")
    assert row["gap"] == pytest.approx(13.0)  # 68 - 55
    assert not bool(row["serapan_tinggi_capaian_rendah"])
    set_setting(h, "serapan_tinggi", 55)
    set_setting(h, "skor_rendah", 70)
    # 55 >= 55 and 68 < 70 -> flag
    row = row_of(sk.budget_vs_performance(h, TAHUN, 1), kode_opd="X")
    assert bool(row["serapan_tinggi_capaian_rendah"])


# ---------------------------------------------------------------------------------------------
# property tests


@pytest.fixture(scope="module")
def prop_db(tmp_path_factory):
    h = make_db(tmp_path_factory.mktemp("rb_budget_prop"))
    add_opd(h, "A", "B")
    yield h
    h.close()


money = st.integers(0, 10_000_000).map(float)
budget_st = st.dictionaries(  # (program, bulan) -> (pagu, realisasi)
    st.tuples(st.sampled_from(["", "P1", "P2"]), st.integers(1, 12)),
    st.tuples(st.integers(1, 50_000_000).map(float), money),
    min_size=1,
    max_size=10,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget=budget_st, bulan=st.integers(1, 12))
def test_property_serapan(prop_db, budget, bulan):
    h = prop_db
    with h.transaction() as conn:
        clear(conn, "anggaran")
        add_anggaran(conn, [{"kode_opd": "A", "program": p, "bulan": m, "pagu": pg, "realisasi": r}
                            for (p, m), (pg, r) in budget.items()])  # fmt: skip
    df = sk.serapan(h, TAHUN, bulan)
    upto = {k: v for k, v in budget.items() if k[1] <= bulan}
    if not upto:
        assert df.empty
        return
    # pagu: per program the row of the latest month up to m; spent: every row up to m
    latest = {}
    for (p, _m), (pg, _) in sorted(upto.items(), key=lambda kv: kv[0][1]):
        latest[p] = pg
    pagu = math.fsum(latest.values())
    spent = math.fsum(r for _, r in upto.values())
    row = row_of(df, kode_opd="A")
    assert row["pagu"] == pytest.approx(pagu)
    assert row["realisasi"] == pytest.approx(spent)
    assert row["serapan"] == pytest.approx(100 * spent / pagu)
    assert row["serapan"] >= 0


aksi_st = st.dictionaries(  # (kode_aksi, bulan) -> (target, realisasi)
    st.tuples(st.sampled_from(["x1", "x2", "x3"]), st.integers(1, 12)),
    st.tuples(st.integers(0, 100).map(float), st.integers(0, 150).map(float)),
    min_size=1,
    max_size=10,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(aksi=aksi_st, bulan=st.integers(1, 12))
def test_property_rb_progress(prop_db, aksi, bulan):
    h = prop_db
    with h.transaction() as conn:
        clear(conn, "rb_aksi")
        add_rb_aksi(conn, [{"kode_opd": "A", "kode_aksi": a, "bulan": m, "target": t,
                            "realisasi": r} for (a, m), (t, r) in aksi.items()])  # fmt: skip
    df = sk.rb_opd_progress(h, TAHUN, bulan)
    items = sorted({a for a, _ in aksi})
    progress = []
    for a in items:
        reports = sorted((m, tr) for (aa, m), tr in aksi.items() if aa == a and m <= bulan)
        if not reports:
            progress.append(0.0)  # not reported yet
            continue
        t, r = reports[-1][1]  # latest report up to the month
        progress.append(100.0 if t == 0 else min(100.0, 100 * r / t))
    row = row_of(df, kode_opd="A")
    assert row["progress"] == pytest.approx(math.fsum(progress) / len(progress))
    assert 0 <= row["progress"] <= 100
    assert row["jumlah_aksi"] == len(items)
    assert row_of(df, kode_opd="B")["progress"] == 0  # no items
