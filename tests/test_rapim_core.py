"""sakip_core.rapim on small hand-built databases: every expected value is worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sakip_core import rapim
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.rapim.board import drivers
from sakip_core.settings import set_setting
from tests.factories import (
    TAHUN,
    add_indicators,
    add_lke,
    add_opd,
    add_rb_aksi,
    add_realisasi,
    make_db,
)

PIMPINAN = Actor("pimpinan", "pimpinan")
OP_A = Actor("operator-A", "operator", "A")
SUBS = [
    (k, s)
    for k in ("perencanaan", "pengukuran", "pelaporan", "evaluasi")
    for s in ("pemenuhan", "kualitas", "pemanfaatan")
]


def ind(opd: str, kode: str, target: float = 100.0, bobot: float = 1.0) -> dict:
    return {"kode_opd": opd, "kode_indikator": kode, "target": target, "bobot": bobot}


def real(opd: str, kode: str, q: int, value: float) -> dict:
    return {"kode_opd": opd, "kode_indikator": kode, "triwulan": q, "realisasi": value}


@pytest.fixture
def h(tmp_path: Path) -> Handle:
    """Four OPDs, positif nilai_akhir indicators with target 100.

    TW1: A 100 (i1 100, i2 100), B 0 (nothing), C 60, D 80 -> ranks A1 D2 C3 B4.
    TW2: A (110 + 70) / 2 = 90; B (3 × min(130, 120) + 1 × 0) / 4 = 90; C 50; D nothing = 0
         -> ranks A1 B1 (tie) C3 D4.
    """
    h = make_db(tmp_path)
    add_opd(h, {"kode_opd": "A", "nama_opd": "Dinas A", "singkatan": "DA"}, "B", "C", "D")
    add_indicators(h, [ind("A", "a1"), ind("A", "a2")])
    add_indicators(h, [ind("B", "b1", bobot=3), ind("B", "b2")])
    add_indicators(h, [ind("C", "c1")])
    add_indicators(h, [ind("D", "d1")])
    add_realisasi(
        h,
        [
            real("A", "a1", 1, 100),
            real("A", "a2", 1, 100),
            real("C", "c1", 1, 60),
            real("D", "d1", 1, 80),
            real("A", "a1", 2, 110),
            real("A", "a2", 2, 70),
            real("B", "b1", 2, 130),
            real("C", "c1", 2, 50),
        ],
    )
    add_lke(
        h, [{"kode_unit": "A", "komponen": k, "subkomponen": s, "jawaban": "Y"} for k, s in SUBS]
    )
    add_lke(
        h,
        [{"kode_unit": "B", "komponen": "perencanaan", "subkomponen": "pemenuhan", "jawaban": "B"}],
    )
    add_rb_aksi(
        h,
        [
            {"bulan": 5, "kode_opd": "A", "kode_aksi": "RA1", "target": 100, "realisasi": 50},
            {"bulan": 2, "kode_opd": "B", "kode_aksi": "RB1", "target": 0, "realisasi": 0},
            {"bulan": 7, "kode_opd": "C", "kode_aksi": "RC1", "target": 100, "realisasi": 100},
        ],
    )
    return h


def test_leaderboard_ranks_ties_and_marks(h: Handle) -> None:
    b = rapim.leaderboard(h, PIMPINAN, TAHUN, 2)
    assert b["kode_opd"].tolist() == ["A", "B", "C", "D"]
    assert b["peringkat"].tolist() == [1, 1, 3, 4]
    assert b["skor"].tolist() == [90.0, 90.0, 50.0, 0.0]
    assert b["seri"].tolist() == [True, True, False, False]
    assert b["belum_lapor"].tolist() == [False, False, False, True]
    assert b["status"].tolist() == ["tetap", "naik", "tetap", "belum lapor"]
    assert b["label"].tolist() == ["DA", "OPD B", "OPD C", "OPD D"]
    assert set(b["jumlah_opd"]) == {4}


def test_first_quarter_on_record_has_no_movement(h: Handle) -> None:
    b = rapim.leaderboard(h, PIMPINAN, TAHUN, 1)
    assert b["kode_opd"].tolist() == ["A", "D", "C", "B"]
    assert b["status"].tolist() == ["–", "–", "–", "belum lapor"]


def test_perubahan_lines(h: Handle) -> None:
    p = rapim.perubahan(h, PIMPINAN, TAHUN, 2)
    assert p["kode_opd"].tolist() == ["B", "D"]
    assert p["kalimat"].tolist() == [
        "OPD B: naik 3 peringkat (4 → 1)",
        "OPD D: belum lapor (peringkat 4, skor 0)",
    ]
    assert rapim.ringkasan_perubahan(p) == "Naik 1 OPD, turun 0 OPD, baru 0 OPD, belum lapor 1 OPD."


def test_new_opd_in_first_quarter_of_next_year_is_baru(h: Handle) -> None:
    add_realisasi(h, [real("A", "a1", 4, 100), real("B", "b1", 4, 50)])
    nxt = TAHUN + 1
    add_opd(h, "E")
    add_indicators(h, [{**ind("A", "a9"), "tahun": nxt}])
    add_indicators(h, [{**ind("E", "e9"), "tahun": nxt}])
    add_realisasi(
        h, [{**real("A", "a9", 1, 80), "tahun": nxt}, {**real("E", "e9", 1, 90), "tahun": nxt}]
    )
    # previous period = 2025 TW4: A (100 + 0) / 2 = 50 -> 1, B 3 × 50 / 4 = 37.5 -> 2, C, D 0
    b = rapim.leaderboard(h, PIMPINAN, nxt, 1)
    assert b["kode_opd"].tolist() == ["E", "A"]
    assert b["status"].tolist() == ["baru", "turun"]
    p = rapim.perubahan(h, PIMPINAN, nxt, 1)
    assert p["kalimat"].tolist() == [
        "DA: turun 1 peringkat (1 → 2)",
        "OPD E: baru masuk peringkat, posisi 1",
    ]


def test_drivers_are_weighted_deviation_from_skor(h: Handle) -> None:
    board = rapim.leaderboard(h, PIMPINAN, TAHUN, 2)
    d = drivers(h, TAHUN, 2, board).set_index("kode_indikator")["pengaruh"]
    # A: skor 90; a1 1 × (110 − 90) / 2 = +10, a2 1 × (70 − 90) / 2 = −10
    # B: skor 90; b1 3 × (120 − 90) / 4 = +22.5, b2 1 × (0 − 90) / 4 = −22.5; C and D: 0
    assert d.to_dict() == pytest.approx(
        {"a1": 10.0, "a2": -10.0, "b1": 22.5, "b2": -22.5, "c1": 0.0, "d1": 0.0}
    )


def test_indeks_kinerja_default_weights(h: Handle) -> None:
    ix = rapim.indeks_kinerja(h, PIMPINAN, TAHUN, 2).set_index("kode_opd")
    # A: 50 % × 90 + 30 % × 100 (LKE all Y) + 20 % × 50 (RB 50/100 by month 6) = 85
    # B: 50 % × 90 + 30 % × 4.5 (one B answer: 6 × 0.75) + 20 % × 100 (target 0) = 66.35
    # C: 50 % × 50 + no LKE (0) + RB item first reported in month 7 (0 at month 6) = 25
    # D: nothing reported, no LKE, no RB items = 0
    assert ix["indeks"].to_dict() == pytest.approx({"A": 85.0, "B": 66.35, "C": 25.0, "D": 0.0})
    assert ix["peringkat"].tolist() == [1, 2, 3, 4]
    assert ix.loc["B", "kontribusi_nilai_sakip"] == pytest.approx(1.35)
    assert ix["ada_nilai_sakip"].to_dict() == {"A": True, "B": True, "C": False, "D": False}
    assert ix["ada_progress_rb"].to_dict() == {"A": True, "B": True, "C": True, "D": False}
    parts = [f"kontribusi_{k}" for k in rapim.KOMPONEN]
    assert ix[parts].sum(axis=1).tolist() == pytest.approx(ix["indeks"].tolist())
    assert (
        rapim.decomposition_text(ix.loc["A"])
        == "50 % × 90,00 + 30 % × 100,00 + 20 % × 50,00 = 85,00"
    )


def test_indeks_kinerja_uses_admin_weights(h: Handle) -> None:
    set_setting(h, "bobot_indeks_kinerja", {"capaian_pk": 1, "nilai_sakip": 1, "progress_rb": 2})
    ix = rapim.indeks_kinerja(h, PIMPINAN, TAHUN, 2).set_index("kode_opd")
    assert ix.loc["A", "indeks"] == pytest.approx((90 + 100 + 2 * 50) / 4)
    set_setting(h, "bobot_indeks_kinerja", {"capaian_pk": -1})
    assert rapim.weights(h) == {"capaian_pk": 50.0, "nilai_sakip": 30.0, "progress_rb": 20.0}


def test_skor_above_100_counts_100_in_the_indeks(h: Handle) -> None:
    add_realisasi(h, [real("B", "b2", 2, 120)])  # B: (3 × 120 + 120) / 4 = 120
    ix = rapim.indeks_kinerja(h, PIMPINAN, TAHUN, 2).set_index("kode_opd")
    assert ix.loc["B", "nilai_capaian_pk"] == 100.0


def test_tren_over_reported_quarters(h: Handle) -> None:
    t = rapim.tren(h, PIMPINAN, TAHUN, ["B"])
    assert t[["triwulan", "skor", "peringkat"]].values.tolist() == [[1, 0.0, 4], [2, 90.0, 1]]
    assert len(rapim.tren(h, PIMPINAN, TAHUN)) == 8


def test_other_rankings(h: Handle) -> None:
    lke = rapim.lke_ranking(h, PIMPINAN, TAHUN)
    assert lke[["kode_opd", "nilai", "predikat", "peringkat"]].values.tolist() == [
        ["A", 100.0, "AA", 1],
        ["B", 4.5, "D", 2],
    ]
    rb = rapim.rb_ranking(h, PIMPINAN, TAHUN, 6)
    # D has no rencana aksi items: progress 0, ranked with C (README "Choices", one rule for the
    # RB page and the Rapim tab alike)
    assert rb[["kode_opd", "progress", "peringkat", "jumlah_aksi"]].values.tolist() == [
        ["B", 100.0, 1, 1],
        ["A", 50.0, 2, 1],
        ["C", 0.0, 3, 1],
        ["D", 0.0, 3, 0],
    ]
    heat = rapim.rb_heatmap(h, PIMPINAN, TAHUN, 6)
    assert heat.index.tolist() == ["OPD B", "DA", "OPD C", "OPD D"]
    assert heat.loc["DA", "tata laksana"] == 50.0
    assert heat.loc["OPD D"].isna().all()  # no items: an empty row


def test_kandidat_top_bottom_and_ties(tmp_path: Path) -> None:
    h = make_db(tmp_path)
    values = [100, 95, 90, 85, 80, 80, 70, 60, 50, 40, 30, 20]
    kodes = [f"O{i:02d}" for i in range(len(values))]
    add_opd(h, *kodes)
    for k in kodes:
        add_indicators(h, [ind(k, f"{k}-1"), ind(k, f"{k}-2")])
    add_realisasi(h, [real(k, f"{k}-1", 1, v) for k, v in zip(kodes, values, strict=True)])
    add_realisasi(h, [real(k, f"{k}-2", 1, 100) for k in kodes])
    k = rapim.kandidat(h, PIMPINAN, TAHUN, 1)
    top, bottom = k["penghargaan"], k["pendampingan"]
    assert top["kode_opd"].tolist() == kodes[:6]  # 80 and 80 tie at rank 5: both shown
    assert top["peringkat"].tolist() == [1, 2, 3, 4, 5, 5]
    assert bottom["kode_opd"].tolist() == kodes[::-1][:5]
    # O00: skor (100 + 100) / 2 = 100: both indicators equal to the skor
    assert top["pendorong"][0] == ["Semua indikator setara dengan skor OPD"]
    # O01: skor 97.5; the 100 indicator pulls up by 1 × (100 − 97.5) / 2 = 1.25 -> "1,3"
    assert top["pendorong"][1] == ["Indikator O01-2 (capaian 100,0 %; +1,3 poin)"]
    # O11: skor 60; the 20 indicator pulls down by (20 − 60) / 2 = −20
    assert bottom["pendorong"][0] == ["Indikator O11-1 (capaian 20,0 %; −20,0 poin)"]


def test_kandidat_names_what_was_not_reported(h: Handle, tmp_path: Path) -> None:
    k = rapim.kandidat(h, PIMPINAN, TAHUN, 2)
    assert k["penghargaan"]["kode_opd"].tolist() == ["A", "B", "C", "D"]
    assert k["pendampingan"].empty  # four OPDs: all are in the top five
    b = k["penghargaan"].set_index("kode_opd")["pendorong"]
    assert b["B"] == ["Indikator b1 (capaian 130,0 %; +22,5 poin)"]
    assert b["D"] == ["Belum melaporkan satu pun dari 1 indikator"]


def test_no_data_gives_empty_frames(tmp_path: Path) -> None:
    h = make_db(tmp_path)
    assert rapim.leaderboard(h, PIMPINAN, TAHUN, 1).empty
    k = rapim.kandidat(h, PIMPINAN, TAHUN, 1)
    assert k["penghargaan"].empty and k["pendampingan"].empty
    assert rapim.indeks_kinerja(h, PIMPINAN, TAHUN, 1).empty
    assert rapim.tren(h, PIMPINAN, TAHUN).empty


def test_drilldown_has_formula_and_budget(h: Handle) -> None:
    d = rapim.indikator_opd(h, PIMPINAN, TAHUN, 2, "A")
    assert d["rumus"].tolist() == [
        "positif: 110 / 100 × 100 = 110 %",
        "positif: 70 / 100 × 100 = 70 %",
    ]
    assert rapim.anggaran_opd(h, PIMPINAN, TAHUN, 2, "A").empty
    assert rapim.tren_opd(h, PIMPINAN, TAHUN, "A")["peringkat"].tolist() == [1, 1]


def test_operator_sees_only_own_opd(h: Handle) -> None:
    b = rapim.leaderboard(h, OP_A, TAHUN, 2)
    assert b[["kode_opd", "peringkat", "jumlah_opd"]].values.tolist() == [["A", 1, 4]]
    assert rapim.indeks_kinerja(h, OP_A, TAHUN, 2)["kode_opd"].tolist() == ["A"]
    assert rapim.tren(h, OP_A, TAHUN, ["B", "C"])["kode_opd"].unique().tolist() == ["A"]
    assert rapim.perubahan(h, OP_A, TAHUN, 2).empty  # A kept its rank
    assert rapim.lke_ranking(h, OP_A, TAHUN)["kode_opd"].tolist() == ["A"]
    assert rapim.rb_heatmap(h, OP_A, TAHUN, 6).index.tolist() == ["DA"]
    assert rapim.indikator_opd(h, OP_A, TAHUN, 2, "A")["kode_opd"].unique().tolist() == ["A"]
    with pytest.raises(AccessDenied):
        rapim.kandidat(h, OP_A, TAHUN, 2)
    for fn in (rapim.indikator_opd, rapim.anggaran_opd):
        with pytest.raises(AccessDenied):
            fn(h, OP_A, TAHUN, 2, "B")
    with pytest.raises(AccessDenied):
        rapim.tren_opd(h, OP_A, TAHUN, "B")


def test_unbound_operator_and_no_actor_are_refused(h: Handle) -> None:
    with pytest.raises(AccessDenied):
        rapim.leaderboard(h, Actor("x", "operator", None), TAHUN, 2)
    with pytest.raises(AccessDenied):
        rapim.leaderboard(h, None, TAHUN, 2)  # type: ignore[arg-type]


@pytest.mark.parametrize("role", ["admin", "analis", "verifikator", "pimpinan"])
def test_reading_roles_see_all(h: Handle, role: str) -> None:
    assert len(rapim.leaderboard(h, Actor(role, role), TAHUN, 2)) == 4
    assert isinstance(rapim.kandidat(h, Actor(role, role), TAHUN, 2)["penghargaan"], pd.DataFrame)


def test_the_trend_can_cover_the_year_before(h):
    """Year-on-year (issue 14, point 2): the previous year's quarters first, labelled by year."""
    add_indicators(h, [{"tahun": TAHUN - 1, "kode_opd": "B", "kode_indikator": "B-old",
                        "target": 10.0}])  # fmt: skip
    add_realisasi(h, [{"tahun": TAHUN - 1, "kode_opd": "B", "kode_indikator": "B-old",
                       "triwulan": 4, "realisasi": 5.0}])  # fmt: skip
    t = rapim.tren(h, PIMPINAN, TAHUN, ["B"], tahun_lalu=True)
    assert t["periode"].iloc[0] == f"TW4 {TAHUN - 1}" and t["skor"].iloc[0] == 50.0
    assert set(t["tahun"]) == {TAHUN - 1, TAHUN}
    board = rapim.leaderboard(h, PIMPINAN, TAHUN, 4).set_index("kode_opd")
    assert board.loc["B", "skor_tahun_lalu"] == 50.0  # 100 * 5 / 10, the same quarter a year ago
    assert rapim.leaderboard(h, PIMPINAN, TAHUN, 1)["skor_tahun_lalu"].isna().all()
