"""A large synthetic Pemda for benchmarks: N OPDs, a deep cascade, several years, every quarter.

Shape (defaults): 60 OPDs, 50,000 indicators a year (8 OPD-level indicators per OPD, each
cascaded to administrator, pengawas and staf levels), 5 years, 4 quarters, about 95 % of values
reported: ~950,000 realisation rows. `per_year` scales the cascade for the growth figures.
Values are random but deterministic; writes go through `write_batch`, one batch per year.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sakip_core.db import Handle, create_database
from sakip_core.io.writer import BatchMeta, write_batch

OPD_LEVEL_PER_OPD = 8
POLARITAS = np.array(["positif", "positif", "positif", "negatif", "rentang"])
AGREGASI = np.array(["kumulatif", "nilai_akhir", "rata_rata"])


def opds(n: int) -> pd.DataFrame:
    codes = [f"9.{i // 10:02d}.{i % 10 + 1:02d}" for i in range(n)]
    return pd.DataFrame(
        {"kode_opd": codes, "nama_opd": [f"OPD Uji {i + 1}" for i in range(n)],
         "jenis": "dinas", "singkatan": [f"U{i + 1}" for i in range(n)]}
    )  # fmt: skip


def indicators(
    kode_opd: list[str], tahun: int, per_year: int, rng: np.random.Generator
) -> pd.DataFrame:
    """OPD-level indicators first, then staff-level children spread over them."""
    n_opd = len(kode_opd) * OPD_LEVEL_PER_OPD
    n = max(per_year, n_opd)
    owner = np.repeat(np.arange(len(kode_opd)), OPD_LEVEL_PER_OPD)
    owner = np.concatenate([owner, rng.integers(0, len(kode_opd), n - n_opd)])
    level = np.where(
        np.arange(n) < n_opd,
        "opd",
        rng.choice(["administrator", "pengawas", "staf"], n, p=[0.1, 0.3, 0.6]),
    )
    pol = rng.choice(POLARITAS, n)
    agr = rng.choice(AGREGASI, n)
    target = np.round(rng.uniform(10, 100, n), 1)
    codes = np.array(kode_opd)[owner]
    kode = np.char.add(np.char.add(codes.astype(str), ".K"), np.arange(n).astype(str))
    parent = np.where(level == "opd", None, kode[rng.integers(0, n_opd, n)])
    band = pol == "rentang"
    return pd.DataFrame({
        "tahun": tahun, "kode_opd": codes, "kode_indikator": kode, "sasaran": "Sasaran uji",
        "indikator": "Indikator uji", "satuan": "%", "polaritas": pol, "agregasi": agr,
        "target": np.where(band, np.nan, target), "target_min": np.where(band, 2.0, np.nan),
        "target_max": np.where(band, 4.0, np.nan), "target_tw1": np.nan, "target_tw2": np.nan,
        "target_tw3": np.nan, "target_tw4": np.nan, "bobot": 1.0, "level": level,
        "induk": parent, "iku": False, "program": None, "anggaran": np.nan, "kode_jabatan": None,
    })  # fmt: skip


def realisations(ind: pd.DataFrame, rng: np.random.Generator, share: float = 0.95) -> pd.DataFrame:
    frames = []
    for q in (1, 2, 3, 4):
        keep = rng.random(len(ind)) < share
        part = ind.loc[keep, ["tahun", "kode_opd", "kode_indikator", "target"]].copy()
        part["triwulan"] = q
        base = part["target"].fillna(3.0).to_numpy() / 4
        part["realisasi"] = np.round(base * rng.uniform(0.4, 1.3, len(part)), 2)
        frames.append(part.drop(columns="target"))
    out = pd.concat(frames, ignore_index=True)
    out["keterangan"], out["bukti"], out["status"] = None, None, "final"
    return out[["tahun", "triwulan", "kode_opd", "kode_indikator", "realisasi", "keterangan",
                "bukti", "status"]]  # fmt: skip


def build_large(
    path: str | Path, n_opd: int = 60, per_year: int = 50_000, years: int = 5, seed: int = 7
) -> Handle:
    """Create the database at `path` (must not exist)."""
    rng = np.random.default_rng(seed)
    handle = create_database(path)
    master = opds(n_opd)
    with handle.transaction() as conn:
        write_batch(conn, BatchMeta("opd", "sistem", "opd.csv", "-"), master)
    for tahun in range(2027 - years, 2027):
        ind = indicators(master["kode_opd"].tolist(), tahun, per_year, rng)
        with handle.transaction() as conn:
            write_batch(conn, BatchMeta("indikator", "sistem", f"pk_{tahun}.csv", "-"), ind)
            write_batch(conn, BatchMeta("realisasi", "sistem", f"r_{tahun}.csv", "-"),
                        realisations(ind, rng))  # fmt: skip
    return handle
