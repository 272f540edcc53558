"""capaian.md sections 1-4 (and the capaian columns of formats.md), one indicator at a time.

Every expected value is computed by hand from capaian.md; the derivation is in the comment beside
it.
Notation as in the spec: R = realisation to date, T = target to date, C = capaian in percent,
CAP = 120 (the default setting), capaian_dibatasi = min(C, CAP).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pytest
from factories import (
    add_indicators,
    add_opd,
    add_realisasi,
    clear,
    is_empty,
    make_db,
    row_of,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sakip_core as sk
from sakip_core.settings import set_setting

TAHUN = 2025
OPD = "01"
NONE = None  # marks an output cell that must be empty (null / NaN)


@dataclass
class Case:
    """One indicator (own kode), its quarterly realisations and the expected output at quarter q."""

    id: str
    ind: dict[str, Any]
    real: dict[int, float]
    q: int
    expect: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)  # capaian_detail-only columns


def C(id, ind, real, q, **expect):  # short constructor for the table below
    extra = {k: expect.pop(k) for k in ("target_nol",) if k in expect}
    return Case(id, ind, real, q, expect, extra)


POS = {"polaritas": "positif", "agregasi": "nilai_akhir"}
NEG = {"polaritas": "negatif", "agregasi": "nilai_akhir"}


def RNG(lo, hi, agg="nilai_akhir", **kw):
    return {"polaritas": "rentang", "agregasi": agg, "target_min": lo, "target_max": hi, **kw}


# fmt: off
CASES: list[Case] = [
    # ---- section 4, positif (nilai_akhir, so T = annual target) ---------------------------------
    C("pos_basic", {**POS, "target": 80}, {2: 60}, 2,
      realisasi_sd=60, target_sd=80,
      capaian=75.0,  # 100 * 60 / 80 = 75
      capaian_dibatasi=75.0,  # min(75, 120)
      kategori="Sedang", target_nol=False),  # 66 <= 75 < 76
    C("pos_over_135", {**POS, "target": 80}, {2: 108}, 2,
      capaian=135.0,  # 100 * 108 / 80 = 135 (no upper clamp on C)
      capaian_dibatasi=120.0,  # min(135, 120) = 120
      kategori="Sangat Tinggi"),  # 135 >= 91 (kategori of raw C)
    C("pos_negative_R_clamped", {**POS, "target": 80}, {2: -10}, 2,
      capaian=0.0,  # 100 * -10 / 80 = -12.5 -> clamped below at 0
      capaian_dibatasi=0.0, kategori="Sangat Rendah"),
    C("pos_T0_R5", {**POS, "target": 0}, {2: 5}, 2,
      target_sd=0, capaian=100.0,  # positif, T = 0 -> 100 (flag target nol)
      capaian_dibatasi=100.0, target_nol=True),
    C("pos_T0_R0", {**POS, "target": 0}, {2: 0}, 2,
      capaian=100.0, target_nol=True),  # positif, T = 0 -> 100 whatever R is
    # ---- section 4, negatif --------------------------------------------------------------------
    C("neg_basic", {**NEG, "target": 80}, {2: 70}, 2,
      capaian=112.5,  # 100 * (2*80 - 70) / 80 = 100 * 90 / 80 = 112.5
      capaian_dibatasi=112.5,  # below CAP
      kategori="Sangat Tinggi"),
    C("neg_over_cap", {**NEG, "target": 80}, {2: 40}, 2,
      capaian=150.0,  # 100 * (160 - 40) / 80 = 150
      capaian_dibatasi=120.0),  # min(150, 120)
    C("neg_R_eq_T", {**NEG, "target": 80}, {2: 80}, 2,
      capaian=100.0),  # 100 * (160 - 80) / 80 = 100
    C("neg_R_eq_2T", {**NEG, "target": 80}, {2: 160}, 2,
      capaian=0.0),  # 100 * (160 - 160) / 80 = 0
    C("neg_R_gt_2T_clamped", {**NEG, "target": 80}, {2: 200}, 2,
      capaian=0.0,  # 100 * (160 - 200) / 80 = -50 -> clamped at 0
      capaian_dibatasi=0.0, kategori="Sangat Rendah"),
    C("neg_T0_R0", {**NEG, "target": 0}, {2: 0}, 2,
      target_sd=0, capaian=100.0),  # negatif, T = 0, R <= 0 -> 100
    C("neg_T0_Rneg", {**NEG, "target": 0}, {2: -2}, 2,
      capaian=100.0),  # negatif, T = 0, R = -2 <= 0 -> 100
    C("neg_T0_Rpos", {**NEG, "target": 0}, {2: 3}, 2,
      capaian=0.0,  # negatif, T = 0, R = 3 > 0 -> 0
      capaian_dibatasi=0.0),
    # ---- section 4, rentang [L, H] = [2, 4] ----------------------------------------------------
    C("rng_inside", RNG(2, 4), {2: 3}, 2,
      realisasi_sd=3, target_sd=NONE,  # target_sd is empty for rentang (formats.md)
      capaian=100.0, capaian_dibatasi=100.0),  # 2 <= 3 <= 4 -> 100
    C("rng_exactly_L", RNG(2, 4), {2: 2}, 2, capaian=100.0),  # L <= 2 -> 100
    C("rng_exactly_H", RNG(2, 4), {2: 4}, 2, capaian=100.0),  # 4 <= H -> 100
    C("rng_below", RNG(2, 4), {2: 1}, 2, capaian=50.0),  # R < L: 100 * 1 / 2 = 50
    C("rng_below_1_5", RNG(2, 4), {2: 1.5}, 2, capaian=75.0),  # 100 * 1.5 / 2 = 75
    C("rng_above", RNG(2, 4), {2: 5}, 2, capaian=75.0),  # R > H: 100 * (2*4 - 5) / 4 = 75
    C("rng_above_2H", RNG(2, 4), {2: 8}, 2, capaian=0.0),  # 100 * (8 - 8) / 4 = 0
    C("rng_above_clamped", RNG(2, 4), {2: 9}, 2,
      capaian=0.0),  # 100 * (8 - 9) / 4 = -25 -> clamped at 0
    C("rng_L0_R0", RNG(0, 4), {2: 0}, 2, capaian=100.0),  # 0 <= 0 <= 4 -> 100
    C("rng_L_eq_H", RNG(3, 3), {2: 3}, 2, capaian=100.0),  # 3 <= 3 <= 3 -> 100
    C("rng_L_eq_H_above", RNG(3, 3), {2: 4.5}, 2,
      capaian=50.0),  # 100 * (2*3 - 4.5) / 3 = 50
    C("rng_rata_rata", RNG(2, 4, "rata_rata"), {1: 5, 2: 3}, 2,
      realisasi_sd=4,  # rata_rata: R = (5 + 3) / 2 = 4
      target_sd=NONE, capaian=100.0),  # 4 <= H -> 100
    C("rng_kumulatif_ignores_tw", RNG(10, 20, "kumulatif", target_tw2=5), {1: 6, 2: 7}, 2,
      realisasi_sd=13,  # kumulatif: R = 6 + 7 = 13
      target_sd=NONE,  # rentang uses [L, H] at every quarter; target_tw2 = 5 not used
      capaian=100.0),  # 10 <= 13 <= 20
    # ---- section 2, aggregation at q = 3 with r1 = 10, r2 = 20, r3 = 30 (r4 = 1000 is later) ---
    C("agg_kumulatif", {"polaritas": "positif", "agregasi": "kumulatif", "target": 120},
      {1: 10, 2: 20, 3: 30, 4: 1000}, 3,
      realisasi_sd=60,  # sum over K = 10 + 20 + 30 (r4 is after q)
      target_sd=90,  # pro-rata 120 * 3 / 4 = 90
      capaian=66.67),  # 100 * 60 / 90 = 66.666... -> 66.67
    C("agg_nilai_akhir", {"polaritas": "positif", "agregasi": "nilai_akhir", "target": 120},
      {1: 10, 2: 20, 3: 30, 4: 1000}, 3,
      realisasi_sd=30,  # r_q = r3
      target_sd=120,  # annual target
      capaian=25.0),  # 100 * 30 / 120 = 25
    C("agg_rata_rata", {"polaritas": "positif", "agregasi": "rata_rata", "target": 120},
      {1: 10, 2: 20, 3: 30, 4: 1000}, 3,
      realisasi_sd=20,  # (10 + 20 + 30) / 3
      target_sd=120,  # annual target
      capaian=16.67),  # 100 * 20 / 120 = 16.666... -> 16.67
    # same with a gap: q2 not reported (K = {1, 3})
    C("gap_kumulatif", {"polaritas": "positif", "agregasi": "kumulatif", "target": 120},
      {1: 10, 3: 40}, 3,
      realisasi_sd=50, target_sd=90,  # 10 + 40; 120 * 3 / 4
      capaian=55.56),  # 100 * 50 / 90 = 55.555... -> 55.56
    C("gap_nilai_akhir", {"polaritas": "positif", "agregasi": "nilai_akhir", "target": 120},
      {1: 10, 3: 40}, 3,
      realisasi_sd=40, target_sd=120,
      capaian=33.33),  # 100 * 40 / 120 = 33.333... -> 33.33
    C("gap_rata_rata", {"polaritas": "positif", "agregasi": "rata_rata", "target": 120},
      {1: 10, 3: 40}, 3,
      realisasi_sd=25,  # mean over reported quarters only: (10 + 40) / 2 (not / 3)
      target_sd=120,
      capaian=20.83),  # 100 * 25 / 120 = 20.833... -> 20.83
    # ---- section 1: not reported at q = 3 although q1, q2 were --------------------------------
    C("notrep_kumulatif", {"polaritas": "positif", "agregasi": "kumulatif", "target": 120},
      {1: 10, 2: 20}, 3,
      dilaporkan=False, realisasi_sd=NONE,
      target_sd=90,  # T is still shown: 120 * 3 / 4
      capaian=NONE, capaian_dibatasi=NONE, kategori=NONE),
    C("notrep_nilai_akhir", {"polaritas": "positif", "agregasi": "nilai_akhir", "target": 120},
      {1: 10, 2: 20}, 3,
      dilaporkan=False, realisasi_sd=NONE, target_sd=120,
      capaian=NONE, capaian_dibatasi=NONE, kategori=NONE),
    C("notrep_rata_rata", {"polaritas": "positif", "agregasi": "rata_rata", "target": 120},
      {1: 10, 2: 20}, 3,
      dilaporkan=False, realisasi_sd=NONE, capaian=NONE, capaian_dibatasi=NONE, kategori=NONE),
    C("notrep_negatif", {**NEG, "target": 10}, {1: 5}, 2,
      dilaporkan=False, realisasi_sd=NONE, capaian=NONE, capaian_dibatasi=NONE, kategori=NONE),
    C("notrep_rentang", RNG(2, 4), {1: 3}, 2,
      dilaporkan=False, realisasi_sd=NONE, target_sd=NONE, capaian=NONE, kategori=NONE),
    # ---- section 3: kumulatif pro-rata target at every quarter, target 200, r = 30, 20, 25, 25 ---
    *[
        C(f"prorata_q{q}", {"polaritas": "positif", "agregasi": "kumulatif", "target": 200},
          {1: 30, 2: 20, 3: 25, 4: 25}, q, realisasi_sd=r, target_sd=t, capaian=c)
        for q, r, t, c in [
            (1, 30, 50, 60.0),  # R = 30; T = 200*1/4 = 50; 100*30/50 = 60
            (2, 50, 100, 50.0),  # R = 30+20 = 50; T = 200*2/4 = 100; 100*50/100 = 50
            (3, 75, 150, 50.0),  # R = 50+25 = 75; T = 200*3/4 = 150; 100*75/150 = 50
            (4, 100, 200, 50.0),  # R = 75+25 = 100; T = 200*4/4 = 200; 100*100/200 = 50
        ]
    ],
    # ---- section 3: explicit target_tw{q}, r1 = 10, r2 = 20, evaluated at q = 2 -----------------
    C("tw_kumulatif", {"polaritas": "positif", "agregasi": "kumulatif", "target": 120,
                       "target_tw2": 50}, {1: 10, 2: 20}, 2,
      realisasi_sd=30, target_sd=50,  # target_tw2 = 50 replaces pro-rata 120*2/4 = 60
      capaian=60.0),  # 100 * 30 / 50 = 60
    C("tw_nilai_akhir", {"polaritas": "positif", "agregasi": "nilai_akhir", "target": 120,
                         "target_tw2": 50}, {1: 10, 2: 20}, 2,
      realisasi_sd=20, target_sd=50,  # target_tw2 = 50 replaces the annual 120
      capaian=40.0),  # 100 * 20 / 50 = 40
    C("tw_rata_rata", {"polaritas": "positif", "agregasi": "rata_rata", "target": 120,
                       "target_tw2": 50}, {1: 10, 2: 20}, 2,
      realisasi_sd=15, target_sd=50,  # R = (10 + 20) / 2; T = target_tw2
      capaian=30.0),  # 100 * 15 / 50 = 30
    C("tw_other_quarter_only", {"polaritas": "positif", "agregasi": "kumulatif", "target": 120,
                                "target_tw1": 5, "target_tw3": 7}, {1: 10, 2: 20}, 2,
      target_sd=60,  # target_tw2 empty -> pro-rata 120 * 2 / 4 = 60 (tw1, tw3 not used)
      capaian=50.0),  # 100 * 30 / 60 = 50
    C("tw_zero_is_filled", {"polaritas": "positif", "agregasi": "kumulatif", "target": 100,
                            "target_tw1": 0, "target_tw2": 0, "target_tw3": 0, "target_tw4": 100},
      {1: 0}, 1,
      target_sd=0,  # target_tw1 = 0 is filled -> T = 0 (not pro-rata 25)
      capaian=100.0, target_nol=True),  # positif, T = 0 -> 100, flag
    C("tw_negatif_nilai_akhir", {**NEG, "target": 20, "target_tw2": 10}, {2: 12}, 2,
      target_sd=10,  # target_tw2
      capaian=80.0),  # 100 * (2*10 - 12) / 10 = 80
    C("neg_kumulatif_prorata", {"polaritas": "negatif", "agregasi": "kumulatif", "target": 40},
      {1: 5, 2: 10}, 2,
      realisasi_sd=15, target_sd=20,  # 5 + 10; 40 * 2 / 4
      capaian=125.0,  # 100 * (2*20 - 15) / 20 = 125
      capaian_dibatasi=120.0),  # min(125, 120)
    # ---- rounding: floating-point noise disappears at 2 decimals ------------------------------
    C("float_noise", {"polaritas": "positif", "agregasi": "kumulatif", "target": 1.2},
      {1: 0.1, 2: 0.2}, 2,
      realisasi_sd=0.3,  # 0.1 + 0.2 = 0.30000000000000004 -> 0.3
      target_sd=0.6,  # 1.2 * 2 / 4
      capaian=50.0),  # 100 * 0.3 / 0.6 = 50 (50.00000000000001 in floats) -> 50.0
]
# fmt: on
CASE_IDS = [c.id for c in CASES]
assert len(set(CASE_IDS)) == len(CASE_IDS)


def _load_cases(h, cases: list[Case]) -> None:
    add_opd(h, OPD)
    add_indicators(h, [{"kode_opd": OPD, "kode_indikator": c.id, **c.ind} for c in cases])
    add_realisasi(
        h,
        [
            {"kode_opd": OPD, "kode_indikator": c.id, "triwulan": k, "realisasi": v}
            for c in cases
            for k, v in c.real.items()
        ],
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """The case table loaded once; capaian (rounded) and capaian_detail for q = 1..4."""
    h = make_db(tmp_path_factory.mktemp("capaian"))
    _load_cases(h, CASES)
    out = {q: (sk.capaian(h, TAHUN, q), sk.capaian_detail(h, TAHUN, q)) for q in (1, 2, 3, 4)}
    yield out
    h.close()


def _check(actual: Any, expected: Any, what: str) -> None:
    if expected is NONE:
        assert is_empty(actual), f"{what}: expected empty, got {actual!r}"
    elif isinstance(expected, bool):
        assert bool(actual) is expected, f"{what}: expected {expected}, got {actual!r}"
    elif isinstance(expected, str):
        assert actual == expected, f"{what}: expected {expected!r}, got {actual!r}"
    else:
        assert not is_empty(actual), f"{what}: expected {expected}, got empty"
        msg = f"{what}: expected {expected}, got {actual}"
        assert actual == pytest.approx(expected, abs=1e-9), msg


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_capaian_rule(results, case: Case):
    cap_df, detail = results[case.q]
    row = row_of(cap_df, kode_indikator=case.id)
    expect = {"dilaporkan": True, **case.expect}
    if expect["dilaporkan"] is True:  # a reported row always has R and C
        assert not is_empty(row["realisasi_sd"]) and not is_empty(row["capaian"])
    for col, value in expect.items():
        _check(row[col], value, f"{case.id}.{col}")
    drow = row_of(detail, kode_indikator=case.id)
    for col, value in case.extra.items():
        _check(drow[col], value, f"{case.id}.{col}")


def test_capaian_dibatasi_is_min_of_c_and_cap_for_every_case(results):
    for q, (cap_df, _) in results.items():
        rep = cap_df[cap_df["dilaporkan"]]
        assert len(rep) > 0
        for r in rep.itertuples():
            # capaian_dibatasi = min(C, 120), both >= 0
            assert r.capaian >= 0, (q, r.kode_indikator)
            assert r.capaian_dibatasi == pytest.approx(min(r.capaian, 120.0)), (q, r.kode_indikator)


def test_capaian_columns_exactly_as_formats_md(results):
    cap_df, _ = results[2]
    assert list(cap_df.columns) == [
        "kode_opd",
        "kode_indikator",
        "level",
        "dilaporkan",
        "realisasi_sd",
        "target_sd",
        "capaian",
        "capaian_dibatasi",
        "kategori",
    ]
    assert len(cap_df) == len(CASES)  # one row per current indicator of the year


def test_capaian_numbers_are_rounded_to_2_decimals(results):
    for cap_df, _ in results.values():
        for col in ("realisasi_sd", "target_sd", "capaian", "capaian_dibatasi"):
            for v in cap_df[col].dropna():
                assert v == round(v, 2), (col, v)
    # and the unrounded detail really has more digits: 100 * 60 / 90 = 66.666...
    _, detail = results[3]
    assert row_of(detail, kode_indikator="agg_kumulatif")["capaian"] == pytest.approx(200 / 3)


def test_capaian_detail_is_unrounded(results):
    _, detail = results[2]
    # float_noise: R = 0.1 + 0.2 in floating point, C = 100 * R / 0.6
    row = row_of(detail, kode_indikator="float_noise")
    assert row["realisasi_sd"] == pytest.approx(0.3)
    assert row["capaian"] == pytest.approx(50.0)


# ---------------------------------------------------------------------------------------------
# levels, the OPD filter and the cap setting


def test_lower_levels_stay_visible_in_capaian(tmp_path):
    h = make_db(tmp_path)
    add_opd(h, "01", "02")
    levels = ["opd", "administrator", "pengawas", "staf", "pemda"]
    add_indicators(
        h,
        [
            {"kode_opd": "01", "kode_indikator": f"I-{lv}", "level": lv, "target": 50}
            for lv in levels
        ],
    )
    add_indicators(h, [{"kode_opd": "02", "kode_indikator": "J-1", "target": 10}])
    add_realisasi(
        h,
        [
            {"kode_opd": "01", "kode_indikator": f"I-{lv}", "triwulan": 1, "realisasi": 40}
            for lv in levels
        ],
    )
    df = sk.capaian(h, TAHUN, 1)
    assert sorted(df["level"]) == sorted([*levels, "opd"])
    for lv in levels:
        row = row_of(df, kode_indikator=f"I-{lv}")
        assert row["level"] == lv
        assert row["capaian"] == pytest.approx(80.0)  # 100 * 40 / 50 = 80, shown at every level
    only = sk.capaian(h, TAHUN, 1, opd="02")
    assert list(only["kode_indikator"]) == ["J-1"]
    assert not only["dilaporkan"].iloc[0]


@pytest.mark.parametrize(
    ("cap", "r", "expected_dibatasi"),
    [
        (150, 108, 135.0),  # C = 100*108/80 = 135; min(135, 150) = 135
        (150, 160, 150.0),  # C = 100*160/80 = 200; min(200, 150) = 150
        (100, 108, 100.0),  # C = 135; min(135, 100) = 100
        (120, 108, 120.0),  # default: min(135, 120) = 120
    ],
)
def test_cap_is_a_setting(tmp_path, cap, r, expected_dibatasi):
    h = make_db(tmp_path)
    add_opd(h, OPD)
    add_indicators(h, [{"kode_opd": OPD, "kode_indikator": "X", "target": 80}])
    add_realisasi(h, [{"kode_opd": OPD, "kode_indikator": "X", "triwulan": 1, "realisasi": r}])
    set_setting(h, "cap", cap)
    row = row_of(sk.capaian(h, TAHUN, 1), kode_indikator="X")
    assert row["capaian"] == pytest.approx(100 * r / 80)  # raw C is never capped
    assert row["capaian_dibatasi"] == pytest.approx(expected_dibatasi)


def test_previous_version_of_indicators_is_not_used(tmp_path):
    """A new PK upload for the OPD and year replaces the target: capaian uses the current one."""
    h = make_db(tmp_path)
    add_opd(h, OPD)
    add_indicators(h, [{"kode_opd": OPD, "kode_indikator": "X", "target": 80}])
    add_indicators(h, [{"kode_opd": OPD, "kode_indikator": "X", "target": 50}])  # PK Perubahan
    add_realisasi(h, [{"kode_opd": OPD, "kode_indikator": "X", "triwulan": 1, "realisasi": 40}])
    df = sk.capaian(h, TAHUN, 1)
    assert len(df) == 1
    assert df["capaian"].iloc[0] == pytest.approx(80.0)  # 100 * 40 / 50 (not 100 * 40 / 80 = 50)


def test_same_code_in_two_years_and_superseded_values(tmp_path):
    """Realisations of another year never mix in; a re-uploaded value replaces the old one."""
    h = make_db(tmp_path)
    add_opd(h, OPD)
    add_indicators(
        h,
        [
            {"tahun": 2024, "kode_opd": OPD, "kode_indikator": "X", "target": 100,
             "agregasi": "kumulatif"},
            {"tahun": 2025, "kode_opd": OPD, "kode_indikator": "X", "target": 100,
             "agregasi": "kumulatif"},
        ],
    )  # fmt: skip
    add_realisasi(
        h,
        [
            {"tahun": 2024, "triwulan": 1, "kode_opd": OPD, "kode_indikator": "X", "realisasi": 50},
            {"tahun": 2025, "triwulan": 1, "kode_opd": OPD, "kode_indikator": "X", "realisasi": 10},
        ],
    )
    add_realisasi(h, [{"triwulan": 1, "kode_opd": OPD, "kode_indikator": "X", "realisasi": 15}])
    row = row_of(sk.capaian(h, 2025, 1), kode_indikator="X")
    assert row["realisasi_sd"] == pytest.approx(15.0)  # 15 replaced 10; 2024's 50 not added
    assert row["target_sd"] == pytest.approx(25.0)  # 100 * 1 / 4
    assert row["capaian"] == pytest.approx(60.0)  # 100 * 15 / 25
    row24 = row_of(sk.capaian(h, 2024, 1), kode_indikator="X")
    assert row24["capaian"] == pytest.approx(200.0)  # 100 * 50 / 25, uncapped
    assert row24["capaian_dibatasi"] == pytest.approx(120.0)


# ---------------------------------------------------------------------------------------------
# property tests (one database, emptied between examples)


@pytest.fixture(scope="module")
def prop_db(tmp_path_factory):
    h = make_db(tmp_path_factory.mktemp("capaian_prop"))
    add_opd(h, OPD)
    yield h
    h.close()


reals = st.floats(min_value=-50, max_value=1e5, allow_nan=False, allow_infinity=False)
pos_targets = st.floats(min_value=0.01, max_value=1e5, allow_nan=False, allow_infinity=False)
indicator_st = st.fixed_dictionaries(
    {
        "polaritas": st.sampled_from(["positif", "negatif", "rentang"]),
        "agregasi": st.sampled_from(["kumulatif", "nilai_akhir", "rata_rata"]),
        "target": pos_targets,
        "tw": st.one_of(st.none(), pos_targets),  # target_tw{q}, maybe empty
        "band": st.tuples(st.floats(0, 1e4), st.floats(0.01, 1e4)).map(sorted),
        "real": st.dictionaries(st.integers(1, 4), reals, max_size=4),
    }
)


def _oracle(ind: dict[str, Any], q: int) -> tuple[bool, float | None, float | None, float | None]:
    """(dilaporkan, R, T, C) by capaian.md sections 1-4, written independently of the SQL."""
    ks = sorted(k for k in ind["real"] if k <= q)
    if q not in ind["real"]:
        return False, None, None, None
    vals = [ind["real"][k] for k in ks]
    R = {
        "kumulatif": math.fsum(vals),
        "nilai_akhir": ind["real"][q],
        "rata_rata": math.fsum(vals) / len(vals),
    }[ind["agregasi"]]
    if ind["polaritas"] == "rentang":
        lo, hi = ind["band"]
        if lo <= R <= hi:
            c = 100.0
        elif lo > R:
            c = 100 * R / lo if lo > 0 else 0.0  # R < L = 0 means R < 0: clamped to 0 anyway
        else:
            c = 100 * (2 * hi - R) / hi
        return True, R, None, max(c, 0.0)
    if ind["tw"] is not None:
        T = ind["tw"]
    elif ind["agregasi"] == "kumulatif":
        T = ind["target"] * q / 4
    else:
        T = ind["target"]
    c = 100 * R / T if ind["polaritas"] == "positif" else 100 * (2 * T - R) / T
    return True, R, T, max(c, 0.0)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inds=st.lists(indicator_st, min_size=1, max_size=6), q=st.integers(1, 4))
def test_property_capaian_matches_formulas(prop_db, inds, q):
    h = prop_db
    rows, reals_rows = [], []
    for n, ind in enumerate(inds):
        kode = f"P{n}"
        row = {
            "kode_opd": OPD,
            "kode_indikator": kode,
            "polaritas": ind["polaritas"],
            "agregasi": ind["agregasi"],
            f"target_tw{q}": ind["tw"],
        }
        if ind["polaritas"] == "rentang":
            row |= {"target_min": ind["band"][0], "target_max": ind["band"][1]}
        else:
            row["target"] = ind["target"]
        rows.append(row)
        reals_rows += [
            {"kode_opd": OPD, "kode_indikator": kode, "triwulan": k, "realisasi": v}
            for k, v in ind["real"].items()
        ]
    with h.transaction() as conn:  # one transaction per example: faster
        clear(conn, "realisasi", "indikator")
        add_indicators(conn, rows)
        if reals_rows:
            add_realisasi(conn, reals_rows)
    df = sk.capaian_detail(h, TAHUN, q)
    assert len(df) == len(inds)
    for n, ind in enumerate(inds):
        got = row_of(df, kode_indikator=f"P{n}")
        dil, R, T, c = _oracle(ind, q)
        assert bool(got["dilaporkan"]) is dil
        if not dil:
            assert is_empty(got["capaian"]) and is_empty(got["capaian_dibatasi"])
            continue
        assert math.isclose(got["realisasi_sd"], R, rel_tol=1e-9, abs_tol=1e-6)
        if T is None:
            assert is_empty(got["target_sd"])
        else:
            assert math.isclose(got["target_sd"], T, rel_tol=1e-12)
        assert got["capaian"] >= 0  # clamped below at 0
        assert math.isclose(got["capaian"], c, rel_tol=1e-6, abs_tol=1e-6), (ind, got["capaian"], c)
        assert got["capaian_dibatasi"] <= 120.0  # <= CAP
        assert math.isclose(got["capaian_dibatasi"], min(c, 120.0), rel_tol=1e-6, abs_tol=1e-6)
        if ind["polaritas"] == "positif":  # T > 0: C = 100 * R / T, never negative
            assert math.isclose(got["capaian"], max(0.0, 100 * R / T), rel_tol=1e-6, abs_tol=1e-6)
        if ind["polaritas"] == "rentang":
            assert 0 <= got["capaian"] <= 100 + 1e-9  # a band can never be over-achieved


def test_uncomputable_c_stays_empty_not_zero(tmp_path):
    """A rentang without its upper bound (the importer refuses it; old data may hold it): R above
    L has no C. It must stay empty, not become 0 / Sangat Rendah (DuckDB's greatest() would)."""
    h = make_db(tmp_path)
    broken = C("rng_no_upper", RNG(2, None), {2: 9}, 2)
    fine = C("rng_fine", RNG(2, 4), {2: 3}, 2)
    _load_cases(h, [broken, fine])
    got = sk.capaian(h, TAHUN, 2)
    row = row_of(got, kode_indikator="rng_no_upper")
    assert row["dilaporkan"] is True or row["dilaporkan"] == 1
    assert is_empty(row["capaian"]) and is_empty(row["capaian_dibatasi"])
    assert is_empty(row["kategori"])
    assert row_of(got, kode_indikator="rng_fine")["capaian"] == 100.0
    h.close()
