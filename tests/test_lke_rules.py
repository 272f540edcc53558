"""capaian.md section 8: the SAKIP evaluation (LKE) score, answer scales and predikat.

Sub-component bobot (capaian.md section 8 table):
  perencanaan 30 = 6 + 9 + 15, pengukuran 30 = 6 + 9 + 15, pelaporan 15 = 3 + 4.5 + 7.5,
  evaluasi 25 = 5 + 7.5 + 12.5  (pemenuhan + kualitas + pemanfaatan).
Every expected value is computed by hand; the derivation is in the comment beside it.
"""

from __future__ import annotations

import math

import pytest
from factories import (
    LKE_ANSWER_VALUES,
    add_indicators,
    add_lke,
    add_opd,
    add_realisasi,
    clear,
    lke_value,
    make_db,
    row_of,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sakip_core as sk
from sakip_core.calc.lke import answer_value, predikat, subkomponen_scores

TAHUN = 2025

# ---------------------------------------------------------------------------------------------
# answer scales


@pytest.mark.parametrize(
    ("jawaban", "value"),
    [
        ("Y", 1.0),  # Y = 1
        ("T", 0.0),  # T = 0
        ("A", 1.0),
        ("B", 0.75),
        ("C", 0.5),
        ("D", 0.25),
        ("E", 0.0),
        ("0,5", 0.5),  # a number in [0, 1] as it is; comma decimal
        ("0.5", 0.5),  # dot decimal
        ("0,25", 0.25),
        ("0", 0.0),  # bounds of [0, 1] included
        ("1", 1.0),
        ("1,0", 1.0),
        (" 0,75 ", 0.75),  # spaces around a value are trimmed (formats.md)
        (" Y ", 1.0),
    ],
)
def test_answer_values(jawaban, value):
    assert answer_value(jawaban) == value


@pytest.mark.parametrize("jawaban", ["1,5", "2", "-0,5", "F", "", "ya", "0,5,1", "nan"])
def test_answers_outside_the_scales_are_rejected(jawaban):
    with pytest.raises(ValueError):
        answer_value(jawaban)


# ---------------------------------------------------------------------------------------------
# predikat: lower bound exclusive, > 90 AA, > 80 A, > 70 BB, > 60 B, > 50 CC, > 30 C, else D


@pytest.mark.parametrize(
    ("total", "code"),
    [
        (100.0, "AA"),
        (90.01, "AA"),  # > 90
        (90.0, "A"),  # exactly 90 is not > 90
        (80.01, "A"),
        (80.0, "BB"),  # exactly 80
        (70.01, "BB"),  # > 70
        (70.0, "B"),  # exactly 70 is not > 70 ("needs > 70" for BB)
        (60.01, "B"),
        (60.0, "CC"),
        (50.01, "CC"),
        (50.0, "C"),
        (30.01, "C"),
        (30.0, "D"),  # exactly 30 is not > 30
        (0.0, "D"),
        (76.36, "BB"),  # Kota Sukabumi 2024 (domain.md): 76.36 BB
        (62.74, "B"),  # Kab. Bekasi 2018: 62.74 B
        (50.29, "CC"),  # Kab. Bekasi 2016: 50.29 CC
    ],
)
def test_predikat_boundaries(total, code):
    assert predikat(total) == code


def test_predikat_labels():
    from sakip_core.calc.lke import PREDIKAT_LABEL

    assert PREDIKAT_LABEL == {
        "AA": "Sangat Memuaskan",
        "A": "Memuaskan",
        "BB": "Sangat Baik",
        "B": "Baik",
        "CC": "Cukup",
        "C": "Kurang",
        "D": "Sangat Kurang",
    }


@settings(max_examples=200, deadline=None)
@given(a=st.floats(0, 100), b=st.floats(0, 100))
def test_property_predikat_is_monotone(a, b):
    order = ["D", "C", "CC", "B", "BB", "A", "AA"]
    lo, hi = sorted((a, b))
    assert order.index(predikat(lo)) <= order.index(predikat(hi))


# ---------------------------------------------------------------------------------------------
# scores from stored answers


def answers(unit: str, komponen: str, sub: str, *jawaban: str) -> list[dict]:
    return [
        {"kode_unit": unit, "komponen": komponen, "subkomponen": sub, "jawaban": j,
         "kode_kriteria": f"{unit}-{komponen}-{sub}-{n}"}
        for n, j in enumerate(jawaban)
    ]  # fmt: skip


def full(unit: str, komponen: str) -> list[dict]:
    """All three sub-components answered Y: the component gets its full bobot."""
    subs = ("pemenuhan", "kualitas", "pemanfaatan")
    return [r for s in subs for r in answers(unit, komponen, s, "Y")]


@pytest.fixture(scope="module")
def lke_db(tmp_path_factory):
    h = make_db(tmp_path_factory.mktemp("lke"))
    rows = (
        # PEMDA
        # perencanaan: pemenuhan Y, Y -> mean 1 -> 6 * 1 = 6
        answers("PEMDA", "perencanaan", "pemenuhan", "Y", "Y")
        # kualitas A, B, C -> mean (1 + 0.75 + 0.5) / 3 = 0.75 -> 9 * 0.75 = 6.75
        + answers("PEMDA", "perencanaan", "kualitas", "A", "B", "C")
        # pemanfaatan D, E, C -> mean (0.25 + 0 + 0.5) / 3 = 0.25 -> 15 * 0.25 = 3.75
        + answers("PEMDA", "perencanaan", "pemanfaatan", "D", "E", "C")
        # perencanaan = 6 + 6.75 + 3.75 = 16.5
        # pengukuran: pemenuhan "0,5", "1" -> mean 0.75 -> 6 * 0.75 = 4.5
        + answers("PEMDA", "pengukuran", "pemenuhan", "0,5", "1")
        # kualitas: no criteria -> 0
        # pemanfaatan "0.2" -> 15 * 0.2 = 3
        + answers("PEMDA", "pengukuran", "pemanfaatan", "0.2")
        # pengukuran = 4.5 + 0 + 3 = 7.5
        # pelaporan: pemenuhan T -> 0; kualitas Y -> 4.5; pemanfaatan C -> 7.5 * 0.5 = 3.75
        + answers("PEMDA", "pelaporan", "pemenuhan", "T")
        + answers("PEMDA", "pelaporan", "kualitas", "Y")
        + answers("PEMDA", "pelaporan", "pemanfaatan", "C")
        # pelaporan = 0 + 4.5 + 3.75 = 8.25
        # evaluasi: nothing answered -> 0
        # total = 16.5 + 7.5 + 8.25 + 0 = 32.25 -> C (> 30)
        #
        # OPD 1.01: perencanaan 30 + pengukuran 30 + evaluasi pemanfaatan "0,8" (12.5 * 0.8 = 10)
        # = 70 exactly -> B (not > 70)
        + full("1.01", "perencanaan")
        + full("1.01", "pengukuran")
        + answers("1.01", "evaluasi", "pemanfaatan", "0,8")
        #
        # OPD 1.02: perencanaan 30 + pengukuran 30 + pelaporan 15
        # + evaluasi: pemenuhan Y 5, kualitas T 0, pemanfaatan "0,8" 10 = 15 -> total 90 -> A
        + full("1.02", "perencanaan")
        + full("1.02", "pengukuran")
        + full("1.02", "pelaporan")
        + answers("1.02", "evaluasi", "pemenuhan", "Y")
        + answers("1.02", "evaluasi", "kualitas", "T")
        + answers("1.02", "evaluasi", "pemanfaatan", "0,8")
        #
        # OPD 1.03: everything Y -> 30 + 30 + 15 + 25 = 100 -> AA
        + full("1.03", "perencanaan")
        + full("1.03", "pengukuran")
        + full("1.03", "pelaporan")
        + full("1.03", "evaluasi")
    )
    add_lke(h, rows)
    # another year: PEMDA 2024 evaluasi pemenuhan Y (5) must not leak into 2025
    add_lke(h, [{**r, "tahun": 2024} for r in answers("PEMDA", "evaluasi", "pemenuhan", "Y")])
    yield h
    h.close()


def test_sakip_rows_for_pemda(lke_db):
    df = sk.sakip_scores(lke_db, TAHUN, unit="PEMDA")
    assert list(df.columns) == ["kode_unit", "komponen", "nilai", "bobot", "predikat"]
    assert list(df["kode_unit"]) == ["PEMDA"] * 5
    # 4 components in the order of the table, then the total
    assert list(df["komponen"]) == ["perencanaan", "pengukuran", "pelaporan", "evaluasi", "total"]
    assert list(df["nilai"]) == pytest.approx([16.5, 7.5, 8.25, 0.0, 32.25])  # see lke_db
    assert list(df["bobot"]) == pytest.approx([30, 30, 15, 25, 100])  # 30 + 30 + 15 + 25 = 100
    assert df["predikat"].iloc[-1] == "C"  # 32.25 > 30
    assert df["predikat"].iloc[:4].isna().all()  # the predikat is on the total row only


@pytest.mark.parametrize(
    ("sub", "komponen", "nilai", "jumlah"),
    [
        ("pemenuhan", "perencanaan", 6.0, 2),  # 6 * mean(1, 1)
        ("kualitas", "perencanaan", 6.75, 3),  # 9 * mean(1, 0.75, 0.5) = 9 * 0.75
        ("pemanfaatan", "perencanaan", 3.75, 3),  # 15 * mean(0.25, 0, 0.5) = 15 * 0.25
        ("pemenuhan", "pengukuran", 4.5, 2),  # 6 * mean(0.5, 1) = 6 * 0.75
        ("kualitas", "pengukuran", 0.0, 0),  # no criteria -> 0
        ("pemanfaatan", "pengukuran", 3.0, 1),  # 15 * 0.2
        ("pemenuhan", "pelaporan", 0.0, 1),  # 3 * 0 (T)
        ("kualitas", "pelaporan", 4.5, 1),  # 4.5 * 1 (Y)
        ("pemanfaatan", "pelaporan", 3.75, 1),  # 7.5 * 0.5 (C)
        ("pemenuhan", "evaluasi", 0.0, 0),  # none answered
        ("kualitas", "evaluasi", 0.0, 0),
        ("pemanfaatan", "evaluasi", 0.0, 0),
    ],
)
def test_subkomponen_is_bobot_times_mean(lke_db, sub, komponen, nilai, jumlah):
    df = subkomponen_scores(lke_db, TAHUN, "PEMDA")
    assert len(df) == 12  # 4 components x 3 sub-components, missing ones included
    row = row_of(df, komponen=komponen, subkomponen=sub)
    assert row["nilai"] == pytest.approx(nilai)
    assert row["jumlah_kriteria"] == jumlah


@pytest.mark.parametrize(
    ("unit", "total", "code"),
    [
        ("PEMDA", 32.25, "C"),  # see lke_db
        ("1.01", 70.0, "B"),  # 30 + 30 + 0 + 12.5 * 0.8 = 70 -> not > 70 -> B
        ("1.02", 90.0, "A"),  # 30 + 30 + 15 + (5 + 0 + 10) = 90 -> not > 90 -> A
        ("1.03", 100.0, "AA"),  # 30 + 30 + 15 + 25
    ],
)
def test_totals_and_predikat(lke_db, unit, total, code):
    df = sk.sakip_scores(lke_db, TAHUN)
    row = row_of(df, kode_unit=unit, komponen="total")
    assert row["nilai"] == pytest.approx(total)
    assert row["bobot"] == pytest.approx(100)
    assert row["predikat"] == code


def test_all_units_pemda_first(lke_db):
    df = sk.sakip_scores(lke_db, TAHUN)
    assert len(df) == 4 * 5  # four units, 4 components + total each
    units = list(dict.fromkeys(df["kode_unit"]))
    assert units == ["PEMDA", "1.01", "1.02", "1.03"]
    comp_1_02 = df[df["kode_unit"] == "1.02"].set_index("komponen")["nilai"]
    # pelaporan all Y = 3 + 4.5 + 7.5 = 15; evaluasi = 5 + 0 + 12.5 * 0.8 = 15
    assert comp_1_02.to_dict() == pytest.approx(
        {"perencanaan": 30, "pengukuran": 30, "pelaporan": 15, "evaluasi": 15, "total": 90}
    )


def test_sakip_totals_labels(lke_db):
    df = sk.sakip_totals(lke_db, TAHUN)
    got = {r.kode_unit: (r.nilai, r.predikat, r.predikat_label) for r in df.itertuples()}
    assert got == {
        "PEMDA": (pytest.approx(32.25), "C", "Kurang"),
        "1.01": (pytest.approx(70.0), "B", "Baik"),
        "1.02": (pytest.approx(90.0), "A", "Memuaskan"),
        "1.03": (pytest.approx(100.0), "AA", "Sangat Memuaskan"),
    }


def test_no_answers_for_the_year(lke_db):
    assert sk.sakip_scores(lke_db, 2030).empty


def test_other_year_is_separate(lke_db):
    df = sk.sakip_scores(lke_db, 2024)
    assert list(df["kode_unit"].unique()) == ["PEMDA"]
    # 2024: only evaluasi pemenuhan Y -> 5 * 1 = 5; total 5 -> D
    assert list(df["nilai"]) == pytest.approx([0, 0, 0, 5, 5])
    assert df["predikat"].iloc[-1] == "D"


def test_sakip_numbers_rounded_to_2_decimals(tmp_path):
    h = make_db(tmp_path)
    # perencanaan kualitas: A, B, D -> mean (1 + 0.75 + 0.25) / 3 = 2/3 -> 9 * 2/3 = 6
    # perencanaan pemanfaatan: B, B, C -> mean 2/3 -> 15 * 2/3 = 10
    # pengukuran pemenuhan: "0,1", "0,2", "0,2" -> mean 0.1666... -> 6 * 0.1666... = 1
    # pelaporan kualitas: Y, T, T -> mean 1/3 -> 4.5 / 3 = 1.5
    # evaluasi pemanfaatan: "0,3" -> 12.5 * 0.3 = 3.75
    # evaluasi kualitas: Y, T, T -> 7.5 / 3 = 2.5; evaluasi pemenuhan: Y, Y, T -> 5 * 2/3 = 3.333...
    add_lke(
        h,
        answers("X", "perencanaan", "kualitas", "A", "B", "D")
        + answers("X", "perencanaan", "pemanfaatan", "B", "B", "C")
        + answers("X", "pengukuran", "pemenuhan", "0,1", "0,2", "0,2")
        + answers("X", "pelaporan", "kualitas", "Y", "T", "T")
        + answers("X", "evaluasi", "pemanfaatan", "0,3")
        + answers("X", "evaluasi", "kualitas", "Y", "T", "T")
        + answers("X", "evaluasi", "pemenuhan", "Y", "Y", "T"),
    )
    df = sk.sakip_scores(h, TAHUN).set_index("komponen")
    # evaluasi = 3.333... + 2.5 + 3.75 = 9.58333... -> 9.58
    assert df.loc["evaluasi", "nilai"] == pytest.approx(9.58, abs=1e-9)
    # total = 16 + 1 + 1.5 + 9.58333... = 28.08333... -> 28.08 -> D (not > 30)
    assert df.loc["total", "nilai"] == pytest.approx(28.08, abs=1e-9)
    assert df.loc["total", "predikat"] == "D"
    for v in df["nilai"]:
        assert v == round(v, 2)


def test_uploaded_answers_are_scored_by_the_scale(tmp_path):
    """The whole path: an `lke` upload (Indonesian `;` CSV) stores each answer on the 0..1 scale."""
    from sakip_core.auth import Actor
    from sakip_core.io.importer import import_upload

    h = make_db(tmp_path)
    csv = (
        b"tahun;kode_unit;komponen;subkomponen;kode_kriteria;jawaban\n"
        b"2025;PEMDA;perencanaan;kualitas;k1;Y\n"
        b"2025;PEMDA;perencanaan;kualitas;k2;B\n"
        b"2025;PEMDA;perencanaan;kualitas;k3;0,5\n"
        b"2025;PEMDA;perencanaan;kualitas;k4;D\n"
        b"2025;PEMDA;pelaporan;pemanfaatan;k5;0,8\n"
    )
    result = import_upload(h, "lke", csv, "lke.csv", Actor("sistem", "admin"))
    assert result.ok, result.check.problems
    df = sk.sakip_scores(h, TAHUN, unit="PEMDA").set_index("komponen")
    # perencanaan kualitas: 9 * mean(1, 0.75, 0.5, 0.25) = 9 * 0.625 = 5.625 (checked unrounded:
    # it is a rounding midpoint, see test_sakip_rounds_like_the_other_outputs)
    sub = subkomponen_scores(h, TAHUN, "PEMDA")
    assert row_of(sub, komponen="perencanaan", subkomponen="kualitas")["nilai"] == 5.625
    # pelaporan pemanfaatan: 7.5 * 0.8 = 6
    assert df.loc["pelaporan", "nilai"] == pytest.approx(6.0)


def test_sakip_rounds_like_the_other_outputs(tmp_path):
    """formats.md: every number of the command-line outputs is "rounded to 2 decimals" - one rule.

    The capaian/ranking outputs round in DuckDB, half away from zero (14.625 -> 14.63, as Excel's
    ROUND does in the LKE worksheets); the sakip output must show the same value the same way.
    """
    h = make_db(tmp_path)
    # perencanaan: pemenuhan Y -> 6; kualitas A, B, C -> 9 * 0.75 = 6.75;
    # pemanfaatan D, E -> 15 * mean(0.25, 0) = 15 * 0.125 = 1.875; 6 + 6.75 + 1.875 = 14.625
    # (exactly representable in binary: a true midpoint)
    add_lke(
        h,
        answers("U", "perencanaan", "pemenuhan", "Y")
        + answers("U", "perencanaan", "kualitas", "A", "B", "C")
        + answers("U", "perencanaan", "pemanfaatan", "D", "E"),
    )
    # the same value through the capaian output: positif nilai_akhir, 100 * 117 / 800 = 14.625
    add_opd(h, "01")
    add_indicators(h, [{"kode_opd": "01", "kode_indikator": "X", "target": 800}])
    add_realisasi(h, [{"kode_opd": "01", "kode_indikator": "X", "triwulan": 1, "realisasi": 117}])
    assert sk.capaian(h, TAHUN, 1)["capaian"].iloc[0] == pytest.approx(14.63, abs=1e-9)
    df = sk.sakip_scores(h, TAHUN).set_index("komponen")
    assert df.loc["perencanaan", "nilai"] == pytest.approx(14.63, abs=1e-9)  # 14.625 -> 14.63
    assert df.loc["total", "nilai"] == pytest.approx(14.63, abs=1e-9)


# ---------------------------------------------------------------------------------------------
# property test against a hand-written oracle

SUB_BOBOT = {  # capaian.md section 8 table, written out by hand
    ("perencanaan", "pemenuhan"): 6, ("perencanaan", "kualitas"): 9,
    ("perencanaan", "pemanfaatan"): 15,
    ("pengukuran", "pemenuhan"): 6, ("pengukuran", "kualitas"): 9,
    ("pengukuran", "pemanfaatan"): 15,
    ("pelaporan", "pemenuhan"): 3, ("pelaporan", "kualitas"): 4.5,
    ("pelaporan", "pemanfaatan"): 7.5,
    ("evaluasi", "pemenuhan"): 5, ("evaluasi", "kualitas"): 7.5,
    ("evaluasi", "pemanfaatan"): 12.5,
}  # fmt: skip
assert sum(SUB_BOBOT.values()) == 100
HAND_PREDIKAT = [(90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C"), (-1, "D")]

jawaban_st = st.one_of(
    st.sampled_from(sorted(LKE_ANSWER_VALUES)),
    st.integers(0, 100).map(lambda n: f"{n / 100:.2f}".replace(".", ",")),
)
sheet_st = st.dictionaries(
    st.sampled_from(sorted(SUB_BOBOT)), st.lists(jawaban_st, min_size=1, max_size=4), max_size=12
)


@pytest.fixture(scope="module")
def prop_db(tmp_path_factory):
    h = make_db(tmp_path_factory.mktemp("lke_prop"))
    yield h
    h.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=sheet_st)
def test_property_lke_total(prop_db, sheet):
    h = prop_db
    rows = [r for (k, s), js in sheet.items() for r in answers("U", k, s, *js)]
    with h.transaction() as conn:
        clear(conn, "lke")
        if rows:
            add_lke(conn, rows)
    df = sk.sakip_scores(h, TAHUN, unit="U")
    sub = {ks: SUB_BOBOT[ks] * math.fsum(map(lke_value, js)) / len(js) for ks, js in sheet.items()}
    total = math.fsum(sub.values())  # missing sub-components count 0
    got = df.set_index("komponen")["nilai"]
    assert abs(got["total"] - total) <= 0.005 + 1e-9  # output rounded to 2 decimals
    assert 0 <= got["total"] <= 100
    for k, bobot in [("perencanaan", 30), ("pengukuran", 30), ("pelaporan", 15), ("evaluasi", 25)]:
        comp = math.fsum(v for (kk, _), v in sub.items() if kk == k)
        assert abs(got[k] - comp) <= 0.005 + 1e-9
        assert 0 <= got[k] <= bobot
    # the predikat follows the total as it is shown (2 decimals), bounds exclusive
    t = got["total"]
    hand = next(code for bound, code in HAND_PREDIKAT if t > bound)
    assert df["predikat"].iloc[-1] == hand
