"""Generated figures of the demo kabupaten: OPD performance profiles, the realisation upload
schedule, realisation values (vectorised numpy), monthly budget and RB action progress."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from sakip_core import demo_catalog as cat
from sakip_core.calc.rb import AREAS

YEARS = (2025, 2026)
PERIODS = [(2025, q) for q in (1, 2, 3, 4)] + [(2026, q) for q in (1, 2, 3)]
MONTHS = {2025: 12, 2026: 10}  # RFK and RB progress reported up to October 2026


def rng_for(seed: int, name: str) -> np.random.Generator:
    """An independent stream per part, so changing one part leaves the others as they were."""
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def deadline(tahun: int, triwulan: int) -> datetime:
    """Reporting deadline: the 15th of the month after the quarter ends, 23:59."""
    month = 3 * triwulan + 1
    return datetime(tahun + (month > 12), (month - 1) % 12 + 1, 15, 23, 59)


def _office_hours(day: datetime, offset_days: int, rng: np.random.Generator) -> datetime:
    """A moment between 08:00 and 17:00, `offset_days` after (or before) `day`."""
    start = day.replace(hour=8, minute=0) + timedelta(days=offset_days)
    return start + timedelta(minutes=int(rng.integers(0, 9 * 60)))


@dataclass(frozen=True)
class Profile:
    """How well each OPD performs: `strength` is the typical capaian / 100 per period."""

    rank: np.ndarray  # 0 = weakest .. 1 = strongest (long-run)
    strength: np.ndarray  # (OPD, period), PERIODS order


def opd_profile(n: int, rng: np.random.Generator) -> Profile:
    base = (0.45 + 0.70 * np.linspace(0, 1, n) ** 0.7)[rng.permutation(n)]
    drift, d = np.zeros((n, len(PERIODS))), rng.normal(0, 0.04, n)
    for t in range(len(PERIODS)):  # mean-reverting drift: ranks move between quarters
        d = 0.5 * d + rng.normal(0, 0.05, n)
        drift[:, t] = d
    rank = (base - base.min()) / (base.max() - base.min())
    return Profile(rank, base[:, None] + drift)


def upload_plan(opds: pd.DataFrame, profile: Profile, rng: np.random.Generator) -> pd.DataFrame:
    """One row per realisation upload: when, with which status; weak OPDs skip or are late."""
    weakest = opds["kode_opd"].to_numpy()[np.argsort(profile.rank)[:3]]
    skipped = {(weakest[0], 2025, 3), (weakest[0], 2026, 3), (weakest[1], 2026, 1)}
    skipped |= {(weakest[2], 2025, 4)}
    rows = []
    for pos, kode in enumerate(opds["kode_opd"]):
        weak = 1.0 - profile.rank[pos]
        for tahun, q in PERIODS:
            if (kode, tahun, q) in skipped:
                continue
            late = rng.random() < 0.08 + 0.45 * weak
            days = int(rng.integers(1, 19)) if late else -int(rng.integers(0, 14))
            waktu = _office_hours(deadline(tahun, q), days, rng)
            verified = rng.random() < 0.3 + 0.5 * profile.rank[pos]
            status = (
                "final" if (tahun, q) < (2026, 3) else "diverifikasi" if verified else "diajukan"
            )
            rows.append((tahun, q, kode, pos, waktu, status, False, ""))
    cols = ["tahun", "triwulan", "kode_opd", "pos", "waktu", "status", "koreksi", "akhiran"]
    plan = pd.DataFrame(rows, columns=cols)
    return _with_corrections(plan, rng)


def _with_corrections(plan: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Three OPDs re-upload 2026 Q2 after verification: the first file goes to the history."""
    q2 = plan.index[(plan["tahun"] == 2026) & (plan["triwulan"] == 2)]
    chosen = rng.choice(q2, 3, replace=False)
    first = plan.loc[chosen].assign(koreksi=True)
    plan.loc[chosen, "waktu"] = [  # always after the first file and the deadline
        _office_hours(max(first, deadline(2026, 2)), int(rng.integers(2, 13)), rng)
        for first in plan.loc[chosen, "waktu"]
    ]
    plan.loc[chosen, "akhiran"] = "_revisi"
    return pd.concat([plan, first], ignore_index=True)


# --- values --------------------------------------------------------------------------------


def _targets_to_date(ind: pd.DataFrame, nq: int) -> np.ndarray:
    """T per quarter (capaian.md section 3); NaN for rentang rows."""
    q = np.arange(1, nq + 1)
    tw = ind[[f"target_tw{i}" for i in q]].to_numpy(float)
    target = ind["target"].to_numpy(float)[:, None]
    kum = (ind["agregasi"] == "kumulatif").to_numpy()[:, None]
    return np.where(np.isnan(tw), np.where(kum, target * q / 4, target), tw)


def _upper_bound(ind: pd.DataFrame) -> np.ndarray:
    """Largest plausible value: 100 for percentages and 0-100 scores, 1 or 5 for small indices."""
    satuan, target = ind["satuan"], ind["target"].fillna(ind["target_max"]).to_numpy()
    upper = np.full(len(ind), np.inf)
    upper[satuan.isin(["%", "nilai", "skor"]).to_numpy()] = 100.0
    small = satuan.isin(["indeks", "level"]).to_numpy()
    upper[small & (target <= 5)] = 5.0
    upper[small & (target <= 1)] = 1.0
    return upper


def _band_values(ind: pd.DataFrame, p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Rentang: inside the band when p >= 1, else below or above it by the shortfall."""
    lo = ind["target_min"].to_numpy(float)[:, None]
    hi = ind["target_max"].to_numpy(float)[:, None]
    inside = lo + (hi - lo) * rng.uniform(0.15, 0.85, p.shape)
    outside = np.where(rng.random(p.shape) < 0.5, lo * p, hi * (2 - p))
    return np.where(p >= 1, inside, outside)


def values(ind: pd.DataFrame, p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Per-quarter values giving capaian close to 100 * p; kumulatif rows become quarterly flows."""
    T = _targets_to_date(ind, p.shape[1])
    neg = (ind["polaritas"] == "negatif").to_numpy()[:, None]
    v = np.where(neg, T * (2 - p), T * p)
    band = (ind["polaritas"] == "rentang").to_numpy()
    v[band] = _band_values(ind[band], p[band], rng)
    v = np.clip(v, 0, _upper_bound(ind)[:, None])
    count = ind["satuan"].isin(cat.COUNT_UNITS).to_numpy()[:, None]
    v = np.where(count, np.round(v), np.round(v, 2))
    kum = (ind["agregasi"] == "kumulatif").to_numpy()
    cum = np.maximum.accumulate(v[kum], axis=1)
    v[kum] = np.round(np.diff(cum, axis=1, prepend=0.0), 2)
    return v


def _performance(
    ind: pd.DataFrame, strength: np.ndarray, n_top: int, rngs: tuple[np.random.Generator, ...]
) -> np.ndarray:
    """p per row and quarter: the OPD's strength, an indicator effect and quarterly noise;
    lower levels follow their OPD-level indicator (`akar`) with extra noise of their own."""
    nq = strength.shape[1]
    effect = np.exp(rngs[0].normal(0, 0.08, (n_top, 1)))
    noise = np.exp(rngs[0].normal(0, 0.10, (n_top, nq)))
    p_top = strength[ind["opd_pos"].to_numpy()[:n_top]] * effect * noise
    p = p_top[ind["akar"].to_numpy()]
    p[n_top:] *= np.exp(rngs[1].normal(0, 0.12, (len(ind) - n_top, nq)))
    return np.maximum(p, 0.05)


def _lke_values(ind: pd.DataFrame, v: np.ndarray, totals: pd.Series) -> None:
    """`lke` indicators report the unit's LKE total once it is known (target > 0)."""
    rows = np.flatnonzero((ind["lke"] != "").to_numpy())
    units = ind["lke"].to_numpy()[rows]
    units = np.where(units == "self", ind["kode_opd"].to_numpy()[rows], units)
    total = totals.reindex(units).to_numpy()[:, None].round(2)
    v[rows] = np.where(v[rows] > 0, total, 0.0)


def _year(
    ind: pd.DataFrame,
    tahun: int,
    profile: Profile,
    totals: pd.Series,
    reported: np.ndarray,
    seed: int,
) -> pd.DataFrame:
    """One year's realisations. OPD-level rows (first in `ind`) draw from their own stream, so
    the OPD figures and the ranking do not depend on `scale`."""
    rngs = (rng_for(seed, f"realisasi-{tahun}"), rng_for(seed, f"kaskade-{tahun}"))
    first = PERIODS.index((tahun, 1))
    nq = sum(t == tahun for t, _ in PERIODS)
    top = (ind["level"] == "opd").to_numpy()
    n_top = int(top.sum())
    p = _performance(ind, profile.strength[:, first : first + nq], n_top, rngs)
    v = values(ind, p, rngs[0])
    _lke_values(ind, v, totals)
    opd_pos = ind["opd_pos"].to_numpy()
    skip = np.where(top, 0.005, 0.02) + np.where(top, 0.06, 0.10) * (1 - profile.rank[opd_pos])
    skip = skip[:, None] + np.where(np.arange(1, nq + 1) == 3, 0.03 * (tahun == 2026), 0.0)
    draw = np.vstack([rngs[0].random((n_top, nq)), rngs[1].random((len(ind) - n_top, nq))])
    row, col = np.nonzero((draw >= skip) & reported[opd_pos, first : first + nq])
    out = pd.DataFrame(
        {
            "tahun": tahun,
            "triwulan": col + 1,
            "kode_opd": ind["kode_opd"].to_numpy()[row],
            "kode_indikator": ind["kode_indikator"].to_numpy()[row],
            "realisasi": v[row, col],
        }
    )
    _notes(out, top[row], p[row, col] < 0.6, rngs[0])
    return out


def _notes(out: pd.DataFrame, top: np.ndarray, low: np.ndarray, rng: np.random.Generator) -> None:
    """Evidence file names for OPD-level rows; a reason where an OPD-level result is low."""
    reasons = np.array(cat.KETERANGAN_RENDAH, dtype=object)
    note = np.full(len(out), None, dtype=object)
    note[top & low] = reasons[rng.integers(0, len(reasons), int((top & low).sum()))]
    out["keterangan"] = note
    bukti = "bukti_" + out["kode_indikator"] + "_TW" + out["triwulan"].astype(str) + ".pdf"
    out["bukti"] = bukti.where(top, None)


def realisations(
    ind: dict[int, pd.DataFrame],
    opds: pd.DataFrame,
    profile: Profile,
    totals: dict[int, pd.Series],
    plan: pd.DataFrame,
    seed: int,
) -> pd.DataFrame:
    """All reported realisations, with the status of their upload."""
    done = plan[~plan["koreksi"]]
    reported = np.zeros((len(opds), len(PERIODS)), dtype=bool)
    period = [PERIODS.index(tq) for tq in zip(done["tahun"], done["triwulan"], strict=True)]
    reported[done["pos"], period] = True
    years = [_year(ind[t], t, profile, totals[t], reported, seed) for t in sorted(ind)]
    real = pd.concat(years, ignore_index=True)
    status = done[["tahun", "triwulan", "kode_opd", "status"]]
    return real.merge(status, on=["tahun", "triwulan", "kode_opd"], how="left")


# --- budget and RB action plans -----------------------------------------------------------


def _s_curve(months: int, mid: float, final: float) -> np.ndarray:
    """Monthly share of the pagu spent, following a logistic S-curve to `final` in December."""
    m = np.arange(0, 13)
    cum = 1 / (1 + np.exp(-(m - mid) / 1.7))
    cum = final * (cum - cum[0]) / (cum[12] - cum[0])
    return np.diff(cum)[:months]


def anggaran(opds: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Monthly RFK per OPD and program; some OPDs absorb fast, some slow; a few APBD-P."""
    rng, rows = rng_for(seed, "anggaran"), []
    for opd in opds.itertuples():
        mid, final = rng.uniform(5.0, 9.5), rng.uniform(0.84, 0.98)
        main = cat.PROGRAMS.get(opd.grup, [])
        programs = [cat.PROGRAM_PENUNJANG, *main] if main else [""]
        shares = rng.dirichlet([3.0] + [2.0] * (len(programs) - 1)) if len(programs) > 1 else [1.0]
        for tahun in YEARS:
            pagu = opd.pagu * (1.0 if tahun == 2025 else rng.uniform(0.97, 1.08))
            perubahan = rng.random() < 0.2  # APBD Perubahan raises the last program from month 9
            for prog, share in zip(programs, shares, strict=True):
                p = round(pagu * share, -6)
                flow = _s_curve(MONTHS[tahun], mid + rng.normal(0, 0.4), final) * p
                for bulan, spent in enumerate(flow, start=1):
                    bump = 1.08 if perubahan and prog == programs[-1] and bulan >= 9 else 1.0
                    rows.append((tahun, bulan, opd.kode_opd, prog, p * bump, round(spent, -3)))
    cols = ["tahun", "bulan", "kode_opd", "program", "pagu", "realisasi"]
    return pd.DataFrame(rows, columns=cols)


def rb_aksi(opds: pd.DataFrame, rank: np.ndarray, seed: int) -> pd.DataFrame:
    """Items in all 8 areas; cumulative realisation grows at an OPD-specific speed."""
    rng, items = rng_for(seed, "rb_aksi"), []
    for pos, kode in enumerate(opds["kode_opd"]):
        for a, area in enumerate(AREAS):
            for i in range(int(rng.integers(1, 3))):
                items.append((kode, area, f"RB{a + 1}.{i + 1}", cat.RB_AKSI[a][i], pos))
    df = pd.DataFrame(items, columns=["kode_opd", "area", "kode_aksi", "rencana_aksi", "pos"])
    speed = np.clip(0.45 + 0.5 * rank + rng.normal(0, 0.1, len(opds)), 0.3, 1.1)
    frames = []
    for tahun in YEARS:
        reach = speed[df["pos"]] * rng.uniform(0.85, 1.15, len(df))
        shape = rng.uniform(0.8, 1.6, len(df))
        for bulan in range(1, MONTHS[tahun] + 1):
            real = np.minimum(1.0, reach * (bulan / 12) ** shape) * 100
            frames.append(
                df.assign(tahun=tahun, bulan=bulan, target=100.0, realisasi=real.round(1))
            )
    return pd.concat(frames, ignore_index=True).drop(columns="pos")
