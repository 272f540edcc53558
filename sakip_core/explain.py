"""The formula and inputs behind one capaian, as a sentence people can check by hand.

Input: one row of `capaian_detail` (unrounded). Output example:
`negatif: (2 × 80 − 70) / 80 × 100 = 112,5 %`. Numbers use the Indonesian format.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sakip_core.fmt import angka

AGREGASI_TEXT = {
    "kumulatif": "jumlah realisasi triwulan yang dilaporkan s.d. triwulan ini",
    "nilai_akhir": "realisasi triwulan ini",
    "rata_rata": "rata-rata realisasi triwulan yang dilaporkan",
}


def _n(value: Any) -> str:
    text = angka(float(value), 2)
    return text[:-3] if text.endswith(",00") else text.rstrip("0")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def explain_capaian(row: Mapping[str, Any], cap: float = 120.0) -> str:
    """One line: polarity, the formula with its numbers, and the result (or why there is none)."""
    if not row.get("dilaporkan"):
        return "Belum dilaporkan pada triwulan ini: capaian kosong (dihitung 0 dalam skor OPD)."
    r, t, c = row["realisasi_sd"], row.get("target_sd"), row["capaian"]
    pol = row["polaritas"]
    if pol == "rentang":
        text = _band(r, row["target_min"], row["target_max"])
    elif _missing(t) or t == 0:
        text = _zero_target(pol, r)
    elif pol == "positif":
        text = f"positif: {_n(r)} / {_n(t)} × 100"
    else:
        text = f"negatif: (2 × {_n(t)} − {_n(r)}) / {_n(t)} × 100"
    result = f"{text} = {_n(c)} %"
    if c == 0 and not text.startswith(("negatif: target 0", "rentang: batas bawah 0")):
        result += " (dibatasi bawah 0)"
    if c > cap:
        result += f"; dalam skor OPD dibatasi {_n(cap)} %"
    return result


def explain_inputs(row: Mapping[str, Any]) -> str:
    """Where R and T come from (aggregation and target rule)."""
    agg = AGREGASI_TEXT.get(str(row["agregasi"]), str(row["agregasi"]))
    if row["polaritas"] == "rentang":
        target = f"rentang {_n(row['target_min'])}–{_n(row['target_max'])}"
    elif not _missing(row.get("target_twq")):
        target = "target s.d. triwulan dari PK"
    elif row["agregasi"] == "kumulatif":
        target = "target tahunan × triwulan / 4"
    else:
        target = "target tahunan"
    return f"Realisasi = {agg}; target = {target}."


def _band(r: float, lo: float, hi: float) -> str:
    if lo <= r <= hi:
        return f"rentang: {_n(r)} di dalam {_n(lo)}–{_n(hi)} → 100"
    if r < lo:
        if lo <= 0:
            return f"rentang: batas bawah 0 dan realisasi {_n(r)} di bawahnya → 0"
        return f"rentang (di bawah): {_n(r)} / {_n(lo)} × 100"
    return f"rentang (di atas): (2 × {_n(hi)} − {_n(r)}) / {_n(hi)} × 100"


def _zero_target(pol: str, r: float) -> str:
    if pol == "positif":
        return "positif: target 0 → capaian 100 (tanda: target nol)"
    return f"negatif: target 0 dan realisasi {_n(r)} " + ("≤ 0 → 100" if r <= 0 else "> 0 → 0")
