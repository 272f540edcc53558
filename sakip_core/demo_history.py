"""The demo's history and plans for the LKjIP (issue 13): the year before the first demo year,
migrated from the old e-SAKIP (the PK of the OPD heads and the Pemda and their realisations,
all final), the Pemda's IKU results, the Renstra 2025-2029 of every OPD and the RPJMD, and the
reasons (faktor pendukung/penghambat, tindak lanjut) OPDs wrote beside their results.

Pure frame builders, except `reasons`, which reads capaian from the built database.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sakip_core.demo_catalog import COUNT_UNITS
from sakip_core.demo_values import YEARS, rng_for

HISTORY_YEAR = YEARS[0] - 1
RENSTRA_PERIOD = (YEARS[0], YEARS[0] + 4)
TARGET_COLS = ["target", "target_tw1", "target_tw2", "target_tw3", "target_tw4"]

PENGHAMBAT = [
    "Pencairan anggaran kegiatan terlambat sehingga pelaksanaan bergeser ke triwulan berikutnya",
    "Tenaga teknis di lapangan terbatas dibanding cakupan wilayah",
    "Data dari instansi vertikal belum tersedia saat batas pelaporan",
    "Perubahan regulasi pusat memerlukan penyesuaian petunjuk teknis",
    "Cuaca ekstrem menghambat pelaksanaan kegiatan fisik",
]
PENDUKUNG = [
    "Komitmen pimpinan dan dukungan lintas sektor",
    "Pelaporan daring mempercepat pengumpulan data dari unit kerja",
    "Pendampingan intensif oleh Bagian Organisasi dan Inspektorat",
]
TINDAK_LANJUT = [
    "Percepatan pelaksanaan kegiatan pada triwulan berikutnya",
    "Koordinasi dengan BPKAD untuk percepatan pencairan anggaran",
    "Penambahan tenaga pendukung dan bimbingan teknis petugas",
    "Penyusunan rencana aksi perbaikan bersama bidang terkait",
]


def history_indicators(first: pd.DataFrame, pemda_first: pd.DataFrame) -> pd.DataFrame:
    """The PK of HISTORY_YEAR: the first year's OPD- and Pemda-level indicators with targets a
    little less ambitious (the inverse of the demo's yearly raise)."""
    df = pd.concat([first[first["level"] == "opd"], pemda_first], ignore_index=True)
    df = df.assign(tahun=HISTORY_YEAR)
    pct = (df["satuan"] == "%").to_numpy()
    counts = df["satuan"].isin(COUNT_UNITS).to_numpy()
    factor = np.where(df["polaritas"] == "negatif", 1 / 0.95, 1 / 1.03)
    for col in TARGET_COLS:
        lowered = df[col].to_numpy(dtype="float64") * np.where(pct, 1.0, factor)
        lowered = np.where(counts, np.round(lowered), np.round(lowered, 2))
        df[col] = np.where(pct, np.minimum(lowered, 100.0), lowered)
    return df


def history_realisasi(real: pd.DataFrame, ind: pd.DataFrame, seed: int) -> pd.DataFrame:
    """HISTORY_YEAR's realisations: the first year's, a little weaker, for the same indicators."""
    base = real[(real["tahun"] == YEARS[0]) & real["kode_indikator"].isin(ind["kode_indikator"])]
    pol = base["kode_indikator"].map(ind.set_index("kode_indikator")["polaritas"])
    satuan = base["kode_indikator"].map(ind.set_index("kode_indikator")["satuan"])
    rng = rng_for(seed, "riwayat")
    codes = base["kode_indikator"].unique()
    draw = dict(zip(codes, rng.uniform(0.86, 1.0, len(codes)), strict=True))
    f = base["kode_indikator"].map(draw).to_numpy()
    factor = np.select([pol == "negatif", pol == "rentang"], [2 - f, 0.5 + f / 2], f)
    value = base["realisasi"].to_numpy() * factor
    value = np.where(satuan.isin(COUNT_UNITS), np.round(value), np.round(value, 2))
    value = np.where(satuan == "%", np.minimum(value, 100.0), value)
    return base.assign(tahun=HISTORY_YEAR, realisasi=value, keterangan=None, bukti=None,
                       status="final").reset_index(drop=True)  # fmt: skip


def pemda_realisasi(pemda: dict[int, pd.DataFrame], actual: dict[int, dict[str, float]],
                    seed: int) -> pd.DataFrame:  # fmt: skip
    """The IKU results of each year (quarter 4, published by BPS early the next year);
    `actual` gives known values by kode_indikator (the LKE total, the RB index)."""
    rng = rng_for(seed, "iku")
    rows = []
    for tahun, df in pemda.items():
        f = rng.uniform(0.97, 1.02, len(df))
        factor = np.where(df["polaritas"] == "negatif", 2 - f, f)
        value = np.round(df["target"].to_numpy() * factor, 2)
        known = actual.get(tahun, {})
        value = [
            round(known.get(k, v), 2) for k, v in zip(df["kode_indikator"], value, strict=True)
        ]
        rows.append(pd.DataFrame({
            "tahun": tahun, "triwulan": 4, "kode_opd": "PEMDA",
            "kode_indikator": df["kode_indikator"], "realisasi": value,
            "keterangan": "Rilis BPS / hasil evaluasi", "bukti": None, "status": "final",
        }))  # fmt: skip
    return pd.concat(rows, ignore_index=True)


def renstra(ind: dict[int, pd.DataFrame], pemda: dict[int, pd.DataFrame],
            history: pd.DataFrame, real_history: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """The Renstra 2025-2029 of every OPD (their OPD-level indicators) and the RPJMD: the first
    two years' targets as given in the PK, the rest extrapolated by the same yearly step, the
    baseline from HISTORY_YEAR's result."""
    y1, y2 = YEARS[0], YEARS[0] + 1
    first = pd.concat([ind[y1][ind[y1]["level"] == "opd"], pemda[y1]], ignore_index=True)
    second = pd.concat([ind[y2][ind[y2]["level"] == "opd"], pemda[y2]], ignore_index=True)
    t2 = first["kode_indikator"].map(second.set_index("kode_indikator")["target"])
    t1 = first["target"].astype("float64")
    t2 = t2.fillna(t1).astype("float64")
    step = (t2 - t1).where((t2 - t1).abs() > 1e-9, t1 * 0.02 * np.where(
        first["polaritas"] == "negatif", -1, 1))  # fmt: skip
    counts = first["satuan"].isin(COUNT_UNITS)
    out = pd.DataFrame({
        "kode_opd": first["kode_opd"], "kode_indikator": first["kode_indikator"],
        "tahun_awal": RENSTRA_PERIOD[0], "tahun_akhir": RENSTRA_PERIOD[1],
        "tujuan": "Terwujudnya " + first["sasaran"].str.replace(
            r"^(Meningkatnya|Menurunnya|Terwujudnya)\s+", "", regex=True),
        "sasaran": first["sasaran"], "indikator": first["indikator"], "satuan": first["satuan"],
        "polaritas": first["polaritas"],
        "kondisi_awal": first["kode_indikator"].map(_year_result(history, real_history)),
        "target_min": first["target_min"], "target_max": first["target_max"],
    })  # fmt: skip
    for k in range(1, 6):
        t = t1 + step * (k - 1) if k > 1 else t1
        t = np.where(counts, np.round(t), np.round(t, 2))
        t = np.where(first["satuan"] == "%", np.minimum(t, 100.0), t)
        out[f"target_{k}"] = np.where(first["polaritas"] == "rentang", np.nan, np.maximum(t, 0))
    out.loc[:, "target_2"] = np.where(first["polaritas"] == "rentang", np.nan, t2)
    out["target_akhir"] = out["target_5"]
    return out


def _year_result(ind: pd.DataFrame, real: pd.DataFrame) -> pd.Series:
    """R at quarter 4 of each indicator (capaian.md section 2), by kode_indikator."""
    agg = real.merge(ind[["kode_indikator", "agregasi"]], on="kode_indikator")
    if agg.empty:
        return pd.Series(dtype="float64")
    q4 = agg.groupby("kode_indikator").apply(_r_at_q4, include_groups=False)
    return q4.round(2)


def _r_at_q4(rows: pd.DataFrame) -> float:
    if not (rows["triwulan"] == 4).any():
        return float("nan")
    how = rows["agregasi"].iloc[0]
    if how == "kumulatif":
        return float(rows["realisasi"].sum())
    if how == "rata_rata":
        return float(rows["realisasi"].mean())
    return float(rows.loc[rows["triwulan"] == 4, "realisasi"].iloc[0])


def reasons(detail: pd.DataFrame, tahun: int, triwulan: int, seed: int) -> pd.DataFrame:
    """The faktor texts OPDs wrote beside one period's results (`capaian_detail` rows of the
    OPD and Pemda levels): most indicators below Tinggi give a faktor penghambat and a tindak
    lanjut (some forget, so the completeness panel has something to point out); the best name
    what supported them."""
    rng = rng_for(seed, f"faktor-{tahun}-{triwulan}")
    df = detail[detail["dilaporkan"] & detail["level"].isin(["opd", "pemda"])]
    df = df[["kode_indikator", "capaian"]].reset_index(drop=True)
    n = len(df)
    pick = rng.integers(0, 1000, n)
    low, high = df["capaian"] < 76, df["capaian"] >= 91
    forgot = rng.random(n) < 0.15
    out = pd.DataFrame({
        "tahun": tahun, "triwulan": triwulan, "kode_indikator": df["kode_indikator"],
        "faktor_penghambat": np.where(low & ~forgot, [PENGHAMBAT[i % 5] for i in pick], None),
        "tindak_lanjut": np.where(low & ~forgot, [TINDAK_LANJUT[i % 4] for i in pick], None),
        "faktor_pendukung": np.where(high, [PENDUKUNG[i % 3] for i in pick], None),
    })  # fmt: skip
    return out[out[["faktor_penghambat", "faktor_pendukung"]].notna().any(axis=1)]
