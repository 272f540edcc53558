"""SAKIP evaluation (LKE, PermenPAN-RB 88/2021) scores and predikat (capaian.md section 8)."""

from __future__ import annotations

import math
import re

import pandas as pd

from sakip_core.calc.rounding import round_half_away, round_value
from sakip_core.db import Handle

KOMPONEN_BOBOT: dict[str, float] = {
    "perencanaan": 30.0,
    "pengukuran": 30.0,
    "pelaporan": 15.0,
    "evaluasi": 25.0,
}
SUBKOMPONEN = ("pemenuhan", "kualitas", "pemanfaatan")
# The table of capaian.md section 8, written out rather than multiplied
# (15 * 0.3 is not exactly 4.5 in floating point).
SUBKOMPONEN_BOBOT: dict[str, tuple[float, float, float]] = {
    "perencanaan": (6.0, 9.0, 15.0),
    "pengukuran": (6.0, 9.0, 15.0),
    "pelaporan": (3.0, 4.5, 7.5),
    "evaluasi": (5.0, 7.5, 12.5),
}

LETTER_VALUES: dict[str, float] = {
    "Y": 1.0,
    "T": 0.0,
    "A": 1.0,
    "B": 0.75,
    "C": 0.5,
    "D": 0.25,
    "E": 0.0,
}

# (exclusive lower bound, code, label), highest first
PREDIKAT: list[tuple[float, str, str]] = [
    (90.0, "AA", "Sangat Memuaskan"),
    (80.0, "A", "Memuaskan"),
    (70.0, "BB", "Sangat Baik"),
    (60.0, "B", "Baik"),
    (50.0, "CC", "Cukup"),
    (30.0, "C", "Kurang"),
    (-math.inf, "D", "Sangat Kurang"),
]
PREDIKAT_LABEL = {code: label for _, code, label in PREDIKAT}

SAKIP_COLUMNS = ["kode_unit", "komponen", "nilai", "bobot", "predikat"]
_NUMBER = re.compile(r"^\s*[0-9]+([.,][0-9]+)?\s*$")


def answer_value(jawaban: str) -> float:
    """Y/T, A..E or a number in [0, 1] (`,` or `.` decimal) on the 0..1 scale.

    Raises ValueError for anything else.
    """
    text = str(jawaban).strip().upper()
    if text in LETTER_VALUES:
        return LETTER_VALUES[text]
    if _NUMBER.match(text):
        value = float(text.replace(",", "."))
        if 0.0 <= value <= 1.0:
            return value
    raise ValueError(f"jawaban {jawaban!r} bukan Y, T, A-E atau angka 0..1")


def predikat(total: float) -> str:
    """Predikat code for a total, compared at 2 decimals (exactly 70 is B, 70.01 is BB)."""
    value = round_value(total, 2)
    for bound, code, _ in PREDIKAT:
        if value > bound:
            return code
    return "D"


def subkomponen_bobot() -> pd.DataFrame:
    rows = [
        (komponen, sub, bobot, i * 10 + j)
        for i, (komponen, weights) in enumerate(SUBKOMPONEN_BOBOT.items())
        for j, (sub, bobot) in enumerate(zip(SUBKOMPONEN, weights, strict=True))
    ]
    return pd.DataFrame(rows, columns=["komponen", "subkomponen", "bobot", "urutan"])


def subkomponen_scores(handle: Handle, tahun: int, unit: str | None = None) -> pd.DataFrame:
    """One row per unit x subkomponen: bobot x mean answer value (0 where no criteria)."""
    params: dict[str, object] = {"tahun": int(tahun)}
    units_sql = "SELECT DISTINCT kode_unit FROM lke WHERE tahun = $tahun"
    if unit is not None:
        units_sql, params["unit"] = "SELECT $unit AS kode_unit", unit
    with handle.cursor() as conn:
        conn.register("sub_def", subkomponen_bobot())
        return conn.execute(
            f"""
WITH units AS ({units_sql}),
ans AS (SELECT kode_unit, komponen, subkomponen, avg(nilai) AS rata, count(*) AS jumlah_kriteria
        FROM lke WHERE tahun = $tahun GROUP BY kode_unit, komponen, subkomponen)
SELECT u.kode_unit, d.komponen, d.subkomponen, d.bobot,
       coalesce(d.bobot * a.rata, 0) AS nilai, coalesce(a.jumlah_kriteria, 0) AS jumlah_kriteria
FROM units u CROSS JOIN sub_def d
LEFT JOIN ans a ON a.kode_unit = u.kode_unit AND a.komponen = d.komponen
                AND a.subkomponen = d.subkomponen
ORDER BY u.kode_unit = 'PEMDA' DESC NULLS LAST, u.kode_unit, d.urutan""",
            params,
        ).df()


def sakip_scores(handle: Handle, tahun: int, unit: str | None = None) -> pd.DataFrame:
    """The `sakip` rows of formats.md: per unit its 4 components, then `total` with the predikat."""
    sub = subkomponen_scores(handle, tahun, unit)
    if sub.empty:
        return pd.DataFrame(columns=SAKIP_COLUMNS)
    order = {k: i for i, k in enumerate(KOMPONEN_BOBOT)}
    comp = sub.groupby(["kode_unit", "komponen"], sort=False, as_index=False)[
        ["nilai", "bobot"]
    ].sum()
    comp["urut"] = comp["komponen"].map(order)
    total = comp.groupby("kode_unit", sort=False, as_index=False)[["nilai", "bobot"]].sum()
    total["komponen"], total["urut"] = "total", len(order)
    total["predikat"] = total["nilai"].map(predikat)
    out = pd.concat([comp, total], ignore_index=True)
    unit_order = {u: i for i, u in enumerate(sub["kode_unit"].unique())}
    out["u"] = out["kode_unit"].map(unit_order)
    out = out.sort_values(["u", "urut"]).reset_index(drop=True)
    out["nilai"] = round_half_away(out["nilai"], 2)
    return out[SAKIP_COLUMNS]


def sakip_totals(handle: Handle, tahun: int) -> pd.DataFrame:
    """One row per unit: total, predikat code and label (internal evaluation ranking)."""
    df = sakip_scores(handle, tahun)
    totals = df[df["komponen"] == "total"][["kode_unit", "nilai", "predikat"]].copy()
    totals["predikat_label"] = totals["predikat"].map(PREDIKAT_LABEL)
    return totals.reset_index(drop=True)
