"""What-if: the live simulator and the smallest improvement set, on hand-built cases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import sakip_core as sk
from sakip_core.auth import Actor
from sakip_core.calc.rounding import round_value
from sakip_core.lke_service import worksheet
from sakip_core.whatif import apply_plan, plan, raise_answer, simulate, target_total

COLS = ["komponen", "subkomponen", "kode_kriteria", "jawaban"]


def frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLS)


# Every sub-component with one criterion: the criterion weighs the full sub-component bobot.
FULL = [
    (k, s, f"{k[:3]}-{s[:4]}", "A")
    for k in ("perencanaan", "pengukuran", "pelaporan", "evaluasi")
    for s in ("pemenuhan", "kualitas", "pemanfaatan")
]


def test_simulate_every_scale_and_missing_subkomponen() -> None:
    df = frame([
        ("perencanaan", "pemenuhan", "a", "Y"), ("perencanaan", "pemenuhan", "b", "T"),
        ("pengukuran", "kualitas", "c", "C"), ("pelaporan", "pemanfaatan", "d", "0,2"),
    ])  # fmt: skip
    out = simulate(df)
    # 6 x (1+0)/2 = 3; 9 x 0.5 = 4.5; 7.5 x 0.2 = 1.5; evaluasi missing -> 0; total 9 -> D
    assert out["komponen"] == {"perencanaan": 3.0, "pengukuran": 4.5, "pelaporan": 1.5,
                               "evaluasi": 0.0}  # fmt: skip
    assert out["total"] == pytest.approx(9.0)
    assert out["predikat"] == "D"


def test_boundaries_exactly_70_is_b_and_70_01_is_bb() -> None:
    assert target_total("BB") == 70.01
    assert target_total("D") == 0.0
    # all A (100) with perencanaan pemanfaatan (15) and evaluasi pemanfaatan at E: 100-15-12.5
    # = 72.5 -> BB; with pengukuran kualitas (9) at 0.5 too: 72.5 - 4.5 = 68 -> B
    rows = [(k, s, c, "E" if c in ("per-pema", "eva-pema") else j) for k, s, c, j in FULL]
    assert simulate(frame(rows))["predikat"] == "BB"


def test_plan_reaches_the_target_with_the_minimal_set() -> None:
    # Start: everything A except perencanaan pemanfaatan (15) = E and pengukuran pemanfaatan
    # (15) = C and pelaporan kualitas (4.5) = T-like E -> total 100 - 15 - 7.5 - 4.5 = 73 (BB).
    low = {"per-pema": "E", "pen-pema": "C", "pel-kual": "E"}
    rows = [(k, s, c, low.get(c, j)) for k, s, c, j in FULL]
    df = frame(rows)
    assert simulate(df)["total"] == pytest.approx(73.0)
    p = plan(df, "A")  # need 80.01 - 0.005 -> gap 7.005
    # max gains: per-pem 15 (>= gap alone) -> one criterion; steps of 3.75: ceil(7.005/3.75) = 2
    assert p.reachable
    assert p.items[["kode_kriteria", "jawaban", "jawaban_baru", "langkah"]].values.tolist() == [
        ["per-pema", "E", "C", 2]
    ]
    after = simulate(apply_plan(df, p))
    assert after["total"] == pytest.approx(80.5) and after["predikat"] == "A"
    # AA needs 90.005: gap 17.005 > 15 -> two criteria: per-pem (15) and pen-pem (7.5)
    p2 = plan(df, "AA")
    assert sorted(p2.items["kode_kriteria"]) == ["pen-pema", "per-pema"]
    assert simulate(apply_plan(df, p2))["predikat"] == "AA"
    # ranked by points per step (3.75 each here; ties by code)
    assert p2.items["poin_per_langkah"].is_monotonic_decreasing


def test_plan_already_met_and_unreachable() -> None:
    df = frame(FULL)
    assert plan(df, "AA").items.empty and plan(df, "AA").reachable
    small = frame([("perencanaan", "pemenuhan", "a", "T")])
    p = plan(small, "BB")  # at most 6 points possible
    assert not p.reachable


def test_plan_prefers_yes_no_step_over_letters() -> None:
    # pemenuhan 6 (1 criterion, T) vs kualitas 9 (1 criterion, C): gap 0.995 for D->... use C
    df = frame(
        [
            ("perencanaan", "pemenuhan", "a", "T"),
            ("perencanaan", "kualitas", "b", "C"),
            ("pengukuran", "pemanfaatan", "c", "A"),
            ("evaluasi", "pemanfaatan", "d", "A"),
            ("pelaporan", "pemanfaatan", "e", "A"),
            ("pengukuran", "kualitas", "f", "A"),
        ]
    )
    # total 4.5 + 15 + 12.5 + 7.5 + 9 = 48.5 (C); CC needs 50.005: gap 1.505
    p = plan(df, "CC")
    # max gains: a 6, b 4.5 -> one criterion: a (T -> Y, one step of 6 points)
    assert p.items[["kode_kriteria", "jawaban_baru", "langkah"]].values.tolist() == [["a", "Y", 1]]


def test_raise_answer_scales() -> None:
    assert raise_answer("T", 1) == "Y"
    assert raise_answer("E", 2) == "C"
    assert raise_answer("B", 5) == "A"
    assert raise_answer("0,6", 1) == "0,85"
    assert raise_answer("0,9", 1) == "1"


def test_simulate_equals_calc_on_every_demo_unit(demo_db: Path) -> None:
    h = sk.connect(demo_db, read_only=True)
    actor = Actor("analis", "analis")
    try:
        for tahun in (2025, 2026):
            calc = sk.sakip_totals(h, tahun)
            for unit, nilai in zip(calc["kode_unit"][:8], calc["nilai"][:8], strict=True):
                ws = worksheet(h, actor, tahun, unit).rename(
                    columns={"jawaban_penetapan": "jawaban"}
                )
                assert round_value(simulate(ws[COLS])["total"], 2) == pytest.approx(nilai)
    finally:
        h.close()
