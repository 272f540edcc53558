"""The same quarter ranking three ways: the API, one hand-written SQL query (the floor), and the
way an analyst would write it in plain pandas. The bench checks that all three agree."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

FLOOR_SQL = """
WITH per(tahun, q, which) AS (VALUES ($t, $q, 0), ($pt, $pq, 1)),
ind AS (
    SELECT i.tahun, i.kode_opd, i.kode_indikator, i.polaritas, i.agregasi, i.bobot,
           i.target_min AS lo, i.target_max AS hi, per.q, per.which,
           CASE WHEN i.polaritas = 'rentang' THEN NULL
                ELSE coalesce([i.target_tw1, i.target_tw2, i.target_tw3, i.target_tw4][per.q],
                              CASE WHEN i.agregasi = 'kumulatif' THEN i.target * per.q / 4.0
                                   ELSE i.target END) END AS t
    FROM indikator i JOIN per ON i.tahun = per.tahun
    WHERE i.aktif AND i.level = 'opd'
),
rr AS (
    SELECT ind.which, ind.kode_indikator,
           CASE ind.agregasi WHEN 'kumulatif' THEN sum(r.realisasi)
                WHEN 'rata_rata' THEN avg(r.realisasi)
                ELSE max(r.realisasi) FILTER (WHERE r.triwulan = ind.q) END AS r
    FROM ind JOIN realisasi r
      ON r.tahun = ind.tahun AND r.kode_indikator = ind.kode_indikator AND r.triwulan <= ind.q
    GROUP BY ind.which, ind.kode_indikator, ind.agregasi, ind.q
    HAVING bool_or(r.triwulan = ind.q)
),
c AS (
    SELECT ind.which, ind.kode_opd, ind.bobot, rr.r IS NOT NULL AS lapor,
           least(greatest(CASE
             WHEN rr.r IS NULL THEN 0
             WHEN ind.polaritas = 'positif' THEN
                  CASE WHEN ind.t > 0 THEN 100 * rr.r / ind.t ELSE 100 END
             WHEN ind.polaritas = 'negatif' THEN
                  CASE WHEN ind.t > 0 THEN 100 * (2 * ind.t - rr.r) / ind.t
                       WHEN rr.r <= 0 THEN 100 ELSE 0 END
             WHEN rr.r BETWEEN ind.lo AND ind.hi THEN 100
             WHEN rr.r < ind.lo THEN CASE WHEN ind.lo > 0 THEN 100 * rr.r / ind.lo ELSE 0 END
             ELSE 100 * (2 * ind.hi - rr.r) / ind.hi END, 0), $cap) AS c
    FROM ind LEFT JOIN rr USING (which, kode_indikator)
),
s AS (
    SELECT which, kode_opd, sum(bobot * c) / sum(bobot) AS skor,
           100.0 * count(*) FILTER (WHERE lapor) / count(*) AS kepatuhan,
           bool_or(bool_or(lapor)) OVER (PARTITION BY which) AS period_has_reports
    FROM c GROUP BY which, kode_opd
),
k AS (SELECT *, rank() OVER (PARTITION BY which ORDER BY round(skor, 2) DESC) AS peringkat FROM s)
SELECT a.peringkat, a.kode_opd, round(a.skor, 2) AS skor, round(a.kepatuhan, 2) AS kepatuhan,
       b.peringkat AS peringkat_sebelumnya, b.peringkat - a.peringkat AS perubahan
FROM k a LEFT JOIN k b ON b.which = 1 AND b.kode_opd = a.kode_opd AND b.period_has_reports
WHERE a.which = 0
ORDER BY a.peringkat, a.kode_opd
"""


def floor_ranking(conn: duckdb.DuckDBPyConnection, tahun: int, q: int, cap: float) -> pd.DataFrame:
    pt, pq = (tahun, q - 1) if q > 1 else (tahun - 1, 4)
    return conn.execute(FLOOR_SQL, {"t": tahun, "q": q, "pt": pt, "pq": pq, "cap": cap}).df()


def _pandas_period(
    ind: pd.DataFrame, real: pd.DataFrame, tahun: int, q: int, cap: float
) -> pd.DataFrame:
    i = ind[(ind["tahun"] == tahun) & ind["aktif"] & (ind["level"] == "opd")].copy()
    r = real[(real["tahun"] == tahun) & (real["triwulan"] <= q)]
    r = r[r["kode_indikator"].isin(i["kode_indikator"])]
    g = r.groupby("kode_indikator")
    agg = pd.DataFrame({"s": g["realisasi"].sum(), "a": g["realisasi"].mean()})
    last = r[r["triwulan"] == q].set_index("kode_indikator")["realisasi"]
    agg["l"] = last
    i = i.merge(agg, left_on="kode_indikator", right_index=True, how="left")
    i["lapor"] = i["l"].notna()
    i["r"] = np.select([i["agregasi"] == "kumulatif", i["agregasi"] == "rata_rata"],
                       [i["s"], i["a"]], i["l"])  # fmt: skip
    tw = i[f"target_tw{q}"]
    t = np.where(
        tw.notna(), tw, np.where(i["agregasi"] == "kumulatif", i["target"] * q / 4, i["target"])
    )
    i["t"] = np.where(i["polaritas"] == "rentang", np.nan, t)
    pos = np.where(i["t"] > 0, 100 * i["r"] / i["t"], 100.0)
    neg = np.where(
        i["t"] > 0, 100 * (2 * i["t"] - i["r"]) / i["t"], np.where(i["r"] <= 0, 100.0, 0.0)
    )
    lo, hi = i["target_min"], i["target_max"]
    band = np.select([(i["r"] >= lo) & (i["r"] <= hi), i["r"] < lo],
                     [100.0, np.where(lo > 0, 100 * i["r"] / lo, 0.0)],
                     100 * (2 * hi - i["r"]) / hi)  # fmt: skip
    c = np.select([i["polaritas"] == "positif", i["polaritas"] == "negatif"], [pos, neg], band)
    i["c"] = np.where(i["lapor"], np.clip(c, 0, cap), 0.0)
    i["wc"] = i["bobot"] * i["c"]
    out = i.groupby("kode_opd").agg(wc=("wc", "sum"), w=("bobot", "sum"), n=("lapor", "size"),
                                     lapor=("lapor", "sum"))  # fmt: skip
    out["skor"] = out["wc"] / out["w"]
    out["kepatuhan"] = 100 * out["lapor"] / out["n"]
    out["peringkat"] = out["skor"].round(2).rank(method="min", ascending=False).astype(int)
    out.attrs["has_reports"] = bool(i["lapor"].any())
    return out


def pandas_ranking(conn: duckdb.DuckDBPyConnection, tahun: int, q: int, cap: float) -> pd.DataFrame:
    """Load the tables, merge, group: what an analyst writes in a notebook."""
    ind = conn.execute("SELECT * FROM indikator").df()
    real = conn.execute("SELECT * FROM realisasi").df()
    pt, pq = (tahun, q - 1) if q > 1 else (tahun - 1, 4)
    now = _pandas_period(ind, real, tahun, q, cap)
    prev = _pandas_period(ind, real, pt, pq, cap)
    out = now[["peringkat", "skor", "kepatuhan"]].reset_index()
    if prev.attrs["has_reports"]:
        out = out.merge(prev["peringkat"].rename("peringkat_sebelumnya"), on="kode_opd", how="left")
    else:
        out["peringkat_sebelumnya"] = np.nan
    out["perubahan"] = out["peringkat_sebelumnya"] - out["peringkat"]
    return out.sort_values(["peringkat", "kode_opd"]).reset_index(drop=True)


def same_ranking(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    cols = ["peringkat", "kode_opd", "peringkat_sebelumnya"]
    left = a[cols].astype(str).reset_index(drop=True)
    right = b[cols].astype(str).reset_index(drop=True)
    skor = np.allclose(a["skor"].to_numpy(float), b["skor"].to_numpy(float), atol=0.011)
    return bool(skor and left.replace({"<NA>": "nan"}).equals(right.replace({"<NA>": "nan"})))
