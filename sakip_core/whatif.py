"""What-if on the LKE: a live simulator (answers -> total) and the smallest improvement set.

Scores use capaian.md section 8 with the constants and `predikat` of `calc.lke`; a test checks
that `simulate` equals `calc.lke.sakip_scores` on every unit of the demo.

Improvement plan for a target predikat (`plan`):
* Each criterion c of sub-component s carries the weight w_c = bobot_s / n_s (n_s = number of
  criteria answered in s), so raising its value from v to v' adds w_c * (v' - v) to the total.
  One *step* of answer is T -> Y (1.0) on the Y/T scale and one letter (0.25) on A-E or a
  number; the points per step are w_c * step.
* Fewest criteria: sort the criteria by the most they can add, w_c * (1 - v_c), descending, and
  take the shortest prefix whose sum reaches the gap. This is exactly minimal: any k criteria add
  at most the k largest maxima, so if the first k-1 fall short, every set of k-1 does.
* Fewest steps within that set: spend steps by points per step, highest first (within one
  criterion every step is worth the same), stopping as soon as the gap is closed. Every chosen
  criterion is used (else a smaller set would reach the target); the step count is minimal up to
  the last, partly needed criterion (near-minimal). The result is ranked by points per step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from sakip_core.calc.lke import (
    KOMPONEN_BOBOT,
    PREDIKAT,
    SUBKOMPONEN,
    SUBKOMPONEN_BOBOT,
    answer_value,
    predikat,
)

LETTERS = "EDCBA"
EPS = 1e-9


def _sub_bobot() -> dict[tuple[str, str], float]:
    return {
        (k, s): b
        for k, weights in SUBKOMPONEN_BOBOT.items()
        for s, b in zip(SUBKOMPONEN, weights, strict=True)
    }


def criterion_weights(answers: pd.DataFrame) -> pd.Series:
    """w_c = bobot of the criterion's sub-component / number of its criteria."""
    bobot = _sub_bobot()
    size = answers.groupby(["komponen", "subkomponen"])["kode_kriteria"].transform("size")
    sub = [bobot[(k, s)] for k, s in zip(answers["komponen"], answers["subkomponen"], strict=True)]
    return pd.Series(sub, index=answers.index, dtype="float64") / size


def simulate(answers: pd.DataFrame) -> dict[str, object]:
    """Total, predikat and component scores of answers (komponen, subkomponen, kode_kriteria,
    jawaban). Unanswered sub-components count 0."""
    if answers.empty:
        komp = {k: 0.0 for k in KOMPONEN_BOBOT}
        return {"total": 0.0, "predikat": predikat(0.0), "komponen": komp}
    values = answers["jawaban"].map(answer_value)
    points = values * criterion_weights(answers)
    per_komp = points.groupby(answers["komponen"]).sum()
    komp = {k: float(per_komp.get(k, 0.0)) for k in KOMPONEN_BOBOT}
    total = float(sum(komp.values()))
    return {"total": total, "predikat": predikat(total), "komponen": komp}


def target_total(code: str) -> float:
    """The smallest total (2 decimals) that earns predikat `code` (bounds are exclusive)."""
    for bound, c, _ in PREDIKAT:
        if c == code:
            return 0.0 if math.isinf(bound) else round(bound + 0.01, 2)
    raise ValueError(f"predikat {code!r} tidak dikenal")


def step_of(jawaban: str) -> float:
    """The value of one answer step: 1 on Y/T, 0.25 on A-E and numbers."""
    return 1.0 if str(jawaban).strip().upper() in ("Y", "T") else 0.25


def raise_answer(jawaban: str, steps: int) -> str:
    """The answer `steps` steps higher (Y/T -> Y, letters up the scale, numbers by 0.25)."""
    text = str(jawaban).strip().upper()
    if text in ("Y", "T"):
        return "Y" if steps > 0 else text
    if text in LETTERS:
        return LETTERS[min(4, LETTERS.index(text) + steps)]
    value = min(1.0, answer_value(text) + 0.25 * steps)
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class Plan:
    target: str
    total_now: float
    total_target: float
    reachable: bool
    items: pd.DataFrame  # kode_kriteria, jawaban, jawaban_baru, langkah, poin, poin_per_langkah


PLAN_COLUMNS = ["kode_kriteria", "komponen", "subkomponen", "kriteria", "jawaban",
                "jawaban_baru", "langkah", "poin", "poin_per_langkah"]  # fmt: skip


def _candidates(answers: pd.DataFrame) -> pd.DataFrame:
    df = answers.copy()
    if "kriteria" not in df.columns:
        df["kriteria"] = None
    df["w"] = criterion_weights(df)
    df["v"] = df["jawaban"].map(answer_value)
    df["step"] = df["jawaban"].map(step_of)
    df["max_steps"] = ((1.0 - df["v"]) / df["step"] - EPS).map(math.ceil).clip(lower=0)
    df["per_step"] = df["w"] * df["step"]
    df["max_gain"] = df["w"] * (1.0 - df["v"])
    df = df[df["max_gain"] > EPS]
    return df.sort_values(["max_gain", "per_step", "kode_kriteria"],
                          ascending=[False, False, True])  # fmt: skip


def plan(answers: pd.DataFrame, target: str) -> Plan:
    """The fewest criteria (and near-fewest answer steps) whose improvement reaches `target`."""
    now = float(simulate(answers)["total"])
    goal = target_total(target)
    gap = goal - 0.005 + 1e-6 - now  # goal - 0.005 rounds (half away) up to goal; 1e-6 margin
    empty = pd.DataFrame(columns=PLAN_COLUMNS)
    if gap <= 0:
        return Plan(target, now, goal, True, empty)
    cand = _candidates(answers)
    cum = cand["max_gain"].cumsum()
    if cum.empty or cum.iloc[-1] < gap:
        return Plan(target, now, goal, False, empty)
    chosen = cand.iloc[: int((cum < gap).sum()) + 1]
    chosen = chosen.sort_values(["per_step", "kode_kriteria"], ascending=[False, True])
    rows, left = [], gap
    for r in chosen.itertuples():
        steps = min(int(r.max_steps), math.ceil(left / r.per_step - EPS))
        gain = min(r.max_gain, steps * r.per_step)
        left -= gain
        rows.append((r.kode_kriteria, r.komponen, r.subkomponen, r.kriteria, r.jawaban,
                     raise_answer(r.jawaban, steps), steps, gain, r.per_step))  # fmt: skip
    return Plan(target, now, goal, True, pd.DataFrame(rows, columns=PLAN_COLUMNS))


def apply_plan(answers: pd.DataFrame, p: Plan) -> pd.DataFrame:
    """The answers with the plan's new answers in place (to check or show the result)."""
    new = dict(zip(p.items["kode_kriteria"], p.items["jawaban_baru"], strict=True))
    out = answers.copy()
    out["jawaban"] = [new.get(k, j) for k, j in zip(out["kode_kriteria"], out["jawaban"],
                                                     strict=True)]  # fmt: skip
    return out
