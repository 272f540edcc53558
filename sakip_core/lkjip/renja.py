"""The Permendagri 86/2017 evaluation of the Renja of an OPD at a quarter (issue 13, point 6).

Per program and OPD-level indicator: the Renstra end target, the Renstra realisation up to last
year, this year's target, the realisation in each quarter, this year's total to the quarter,
the Renstra realisation to date and its percentage of the end target; beside each program its
Rupiah figures the same way (pagu, spending per quarter, this year, earlier Renstra years).

Choices: "realisation up to last year" is the sum of the yearly results (R at quarter 4) of
the earlier Renstra years for a kumulatif indicator, else the latest of them; "to date" adds
this year's R for kumulatif, else takes this year's R (or last year's when none yet). The
percentage is the capaian formula (capaian.md section 4) against the end target.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_detail, capaian_expr
from sakip_core.calc.period import check_triwulan
from sakip_core.db import Handle
from sakip_core.lkjip.renstra import renstra_cte

RENJA_COLUMNS = [
    "program", "sasaran", "kode_indikator", "indikator", "satuan", "target_akhir_renstra",
    "realisasi_sd_tahun_lalu", "target_tahun_ini", "tw1", "tw2", "tw3", "tw4",
    "realisasi_tahun_ini", "realisasi_renstra_sd", "persen_renstra",
]  # fmt: skip
BUDGET_COLUMNS = [
    "program", "pagu", "rp_sd_tahun_lalu", "rp_tw1", "rp_tw2", "rp_tw3", "rp_tw4",
    "rp_tahun_ini", "rp_renstra_sd",
]  # fmt: skip
NO_PROGRAM = "(tanpa program)"


def _renstra(handle: Handle, unit: str, tahun: int) -> pd.DataFrame:
    return handle.query_df(
        f"""WITH {renstra_cte()}
            SELECT kode_indikator, tahun_awal, polaritas AS pol_renstra, target_akhir,
                   target_min AS r_min, target_max AS r_max
            FROM rs WHERE kode_opd = $unit""",
        {"unit": unit, "tahun": int(tahun)},
    )


def renstra_start(handle: Handle, unit: str, tahun: int) -> int | None:
    """First year of the unit's Renstra period in force in `tahun` (as `renstra_cte` picks it),
    or None without a Renstra: the form's "up to last year" columns start there."""
    return _start(_renstra(handle, unit, tahun))


def _start(renstra: pd.DataFrame) -> int | None:
    starts = renstra["tahun_awal"].dropna()
    return int(starts.min()) if len(starts) else None


def _quarters(handle: Handle, unit: str, tahun: int, triwulan: int) -> pd.DataFrame:
    cols = ", ".join(f"max(realisasi) FILTER (WHERE triwulan = {q}) AS tw{q}" for q in range(1, 5))
    return handle.query_df(
        f"""SELECT kode_indikator, {cols} FROM realisasi
            WHERE tahun = $tahun AND kode_opd = $unit AND triwulan <= $q GROUP BY kode_indikator""",
        {"tahun": int(tahun), "unit": unit, "q": int(triwulan)},
    )


def _earlier_years(handle: Handle, unit: str, first: int, tahun: int) -> pd.DataFrame:
    """Per indicator: the sum and the latest of its yearly results in [first, tahun - 1]."""
    frames = []
    for year in range(first, tahun):
        d = capaian_detail(handle, year, 4, [unit])
        frames.append(d.loc[d["dilaporkan"], ["kode_indikator", "realisasi_sd"]].assign(tahun=year))
    if not frames:
        return pd.DataFrame(columns=["kode_indikator", "jumlah", "terakhir"])
    df = pd.concat(frames).sort_values("tahun")
    return (
        df.groupby("kode_indikator")
        .agg(jumlah=("realisasi_sd", "sum"), terakhir=("realisasi_sd", "last"))
        .reset_index()
    )


_C_RENSTRA_SD = capaian_expr("pol_renstra", "target_akhir", "realisasi_renstra_sd", "r_min",
                             "r_max")  # fmt: skip


def _percent(handle: Handle, df: pd.DataFrame) -> pd.Series:
    """C of the Renstra realisation to date against the end target: the capaian formula
    (capaian.md section 4) in the same SQL as every other capaian, at least 0."""
    cols = ["pol_renstra", "target_akhir", "realisasi_renstra_sd", "r_min", "r_max"]
    rows = df[cols].astype({c: "float64" for c in cols[1:]}).astype({"pol_renstra": object})
    out = handle.query_df(
        f"""SELECT CASE WHEN realisasi_renstra_sd IS NULL OR pol_renstra IS NULL THEN NULL
                        ELSE greatest({_C_RENSTRA_SD}, 0) END AS c
            FROM renja_rows ORDER BY i""",
        frames={"renja_rows": rows.reset_index(drop=True).assign(i=range(len(rows)))},
    )
    return pd.Series(out["c"].to_numpy(dtype="float64"), index=df.index)


def renja_indicators(handle: Handle, actor: Actor, tahun: int, triwulan: int, unit: str
                     ) -> pd.DataFrame:  # fmt: skip
    """The indicator rows of the form (RENJA_COLUMNS), by program then code."""
    require_opd(actor, unit)
    check_triwulan(triwulan)
    now = capaian_detail(handle, tahun, triwulan, [unit])
    now = now[now["level"] == "opd"]
    cols = ["program", "sasaran", "kode_indikator", "indikator", "satuan", "agregasi", "target",
            "target_min", "target_max", "dilaporkan", "realisasi_sd"]  # fmt: skip
    df = now[cols].copy()
    df["program"] = df["program"].fillna(NO_PROGRAM)
    renstra = _renstra(handle, unit, tahun)
    df = df.merge(renstra, on="kode_indikator", how="left")
    df = df.merge(_quarters(handle, unit, tahun, triwulan), on="kode_indikator", how="left")
    first = _start(renstra) or tahun
    df = df.merge(_earlier_years(handle, unit, first, tahun), on="kode_indikator", how="left")
    cum = df["agregasi"] == "kumulatif"
    df["realisasi_sd_tahun_lalu"] = df["jumlah"].where(cum, df["terakhir"])
    df["realisasi_tahun_ini"] = df["realisasi_sd"].where(df["dilaporkan"])
    df["realisasi_renstra_sd"] = (
        df["realisasi_sd_tahun_lalu"].fillna(0) + df["realisasi_tahun_ini"].fillna(0)
    ).where(df["realisasi_sd_tahun_lalu"].notna() | df["realisasi_tahun_ini"].notna())
    df.loc[~cum, "realisasi_renstra_sd"] = df["realisasi_tahun_ini"].fillna(df["terakhir"])
    df["target_akhir_renstra"] = df["target_akhir"]
    df["target_tahun_ini"] = df["target"]
    df["persen_renstra"] = _percent(handle, df)
    df.loc[df["tahun_awal"].isna(), ["realisasi_renstra_sd", "persen_renstra"]] = None
    df = df.sort_values(["program", "kode_indikator"], key=lambda s: s.astype(str))
    return df[RENJA_COLUMNS].reset_index(drop=True)


def renja_budget(handle: Handle, actor: Actor, tahun: int, triwulan: int, unit: str,
                 first: int | None = None) -> pd.DataFrame:  # fmt: skip
    """The Rupiah figures per program (BUDGET_COLUMNS) up to the quarter's last month."""
    require_opd(actor, unit)
    quarters = ", ".join(
        f"sum(realisasi) FILTER (WHERE tahun = $tahun AND bulan BETWEEN {3 * q - 2} AND {3 * q}) "
        f"AS rp_tw{q}"
        for q in range(1, 5)
    )
    df = handle.query_df(
        f"""SELECT program,
                   arg_max(pagu, bulan) FILTER (WHERE tahun = $tahun) AS pagu,
                   sum(realisasi) FILTER (WHERE tahun < $tahun) AS rp_sd_tahun_lalu, {quarters},
                   sum(realisasi) FILTER (WHERE tahun = $tahun) AS rp_tahun_ini
            FROM anggaran
            WHERE kode_opd = $unit AND tahun BETWEEN $first AND $tahun
              AND (tahun < $tahun OR bulan <= 3 * $q)
            GROUP BY program ORDER BY program""",
        {"unit": unit, "tahun": int(tahun), "q": int(triwulan), "first": int(first or tahun)},
    )
    df["program"] = df["program"].replace("", NO_PROGRAM)
    df["rp_renstra_sd"] = df["rp_sd_tahun_lalu"].fillna(0) + df["rp_tahun_ini"].fillna(0)
    return df[BUDGET_COLUMNS]
