"""The deterministic demo kabupaten (Kabupaten Sukamaju), built by `python -m sakip_core demo`.

44 OPDs (10 kecamatan), 264 OPD-level PK indicators per year (5-8 per OPD), each cascaded to 2
administrator, 4 pengawas and 4 x `scale` staf indicators: 264 x (7 + 4 x scale) indicators per
year. Realisations for 2025 Q1-Q4 and 2026 Q1-Q3 (today is 2026-11-23; Q4 is not due yet),
monthly budget (RFK) for 2025 and January-October 2026, LKE answers, RB action progress, the RB
index, quarter deadlines and locks, LHE recommendations with their follow-up, and the demo
accounts (password `demo`).

Realisation rows: about 12,000 + 6,830 x scale (scale 1: 18,836; scale 70: 490,072; scale 145:
1,002,604), so ~1,000,000 rows need scale ~145. The OPD-level figures, hence the ranking, are the
same at every scale.

Everything comes from `numpy.random.default_rng` streams derived from `seed`: the same seed gives
the same database, figure for figure. Data goes through `write_batch`, one batch per upload as
the import service would record it (one per OPD and quarter for realisations).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from sakip_core import demo_catalog as cat
from sakip_core import demo_history as hist
from sakip_core import demo_jabatan as org
from sakip_core.auth import Actor, hash_password
from sakip_core.calc.lke import SUBKOMPONEN, SUBKOMPONEN_BOBOT
from sakip_core.db import Handle, create_database
from sakip_core.demo_batches import meta as _meta
from sakip_core.demo_batches import write_history, write_pemda_results, write_reasons
from sakip_core.demo_lhe import write_lhe
from sakip_core.demo_values import (
    PERIODS,
    YEARS,
    anggaran,
    deadline,
    opd_profile,
    rb_aksi,
    realisations,
    rng_for,
    upload_plan,
)
from sakip_core.io.writer import INDIKATOR_COLUMNS, OPD_COLUMNS, write_batch
from sakip_core.pk.signing import sign
from sakip_core.pk.versions import mark_perubahan
from sakip_core.settings import set_setting

POL = {"+": "positif", "-": "negatif"}
AGR = {"kum": "kumulatif", "akhir": "nilai_akhir", "rata": "rata_rata"}
KOMPONEN = {"1": "perencanaan", "2": "pengukuran", "3": "pelaporan", "4": "evaluasi"}
SUB = {"a": "pemenuhan", "b": "kualitas", "c": "pemanfaatan"}
USERS = [("admin", "admin"), ("pimpinan", "pimpinan"), ("analis", "analis")]
USERS += [("verifikator", "verifikator")]


def _rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("|")] for line in text.strip().splitlines()]


# --- catalog -------------------------------------------------------------------------------


def load_opds() -> pd.DataFrame:
    cols = ["kode_opd", "jenis", "singkatan", "nama_opd", "pagu", "grup"]
    df = pd.DataFrame(_rows(cat.OPD_TEXT), columns=cols)
    df["pagu"] = df["pagu"].astype(float) * 1e9
    return df


def _template(line: str, grup: str, sasaran: str) -> dict[str, object]:
    nama, satuan, pol, agr, target, *rest = [c.strip() for c in line.split("|")]
    flags = dict(f.split("=") if "=" in f else (f, "") for f in " ".join(rest).split())
    lo, hi = (float(x) for x in pol.split("-")) if pol not in POL else (np.nan, np.nan)
    tw = [float(x) for x in flags["tw"].split("/")] if "tw" in flags else [np.nan] * 4
    row = {"grup": grup, "sasaran": sasaran, "indikator": nama, "satuan": satuan}
    row |= {"polaritas": POL.get(pol, "rentang"), "agregasi": AGR[agr]}
    row |= {"target": float(target) if target else np.nan, "target_min": lo, "target_max": hi}
    row |= {f"target_tw{q}": v for q, v in zip(range(1, 5), tw, strict=True)}
    row |= {"bobot": 2.0 if "b2" in flags else 1.0, "iku": "iku" in flags, "prog": "prog" in flags}
    return row | {"lke": (flags["lke"] or "self") if "lke" in flags else ""}


def load_templates() -> pd.DataFrame:
    """Indicator templates; group `*` (the common one) comes first for every OPD."""
    rows, grup, sasaran = [_template(cat.COMMON_INDIKATOR, "*", cat.COMMON_SASARAN)], "", ""
    for line in cat.INDIKATOR_TEXT.strip().splitlines():
        if line.startswith("["):
            grup, sasaran = line[1:].split("] ")
        elif line.startswith(">"):
            sasaran = line[1:].strip()
        else:
            rows.append(_template(line, grup, sasaran))
    return pd.DataFrame(rows).assign(urut=range(len(rows)))


# --- indicators ----------------------------------------------------------------------------


def opd_indicators(opds: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """The PK (level opd) of every OPD for one year, numbered I01, I02, ..."""
    templates = load_templates()
    opd = opds.assign(opd_pos=range(len(opds)))
    common = opd.merge(templates[templates["grup"] == "*"].drop(columns="grup"), how="cross")
    df = pd.concat([common, opd.merge(templates, on="grup")], ignore_index=True)
    df = df.sort_values(["opd_pos", "urut"], ignore_index=True)
    number = (df.groupby("opd_pos").cumcount() + 1).astype(str).str.zfill(2)
    df["kode_indikator"] = df["kode_opd"] + ".I" + number
    main = df["grup"].map(lambda g: cat.PROGRAMS.get(g, [None])[0])
    df["program"] = main.where(df["prog"], None)
    df["anggaran"] = (df["pagu"] * 0.18).round(-6).where(df["program"].notna())
    df["tahun"], df["level"], df["induk"], df["akar"] = tahun, "opd", None, df.index
    return _raise_targets(df) if tahun > YEARS[0] else df


def _raise_targets(df: pd.DataFrame) -> pd.DataFrame:
    """Targets a little more ambitious than the year before (bands and percentage steps kept)."""
    df = df.copy()
    pct = (df["satuan"] == "%").to_numpy()
    stepped = pct & df["target_tw4"].notna().to_numpy()
    factor = np.where(df["polaritas"] == "negatif", 0.95, 1.03)
    counts = df["satuan"].isin(cat.COUNT_UNITS).to_numpy()
    for col in ["target", "target_tw1", "target_tw2", "target_tw3", "target_tw4"]:
        raised = df[col].to_numpy() * np.where(stepped | (pct & (col != "target")), 1.0, factor)
        raised = np.where(counts, np.round(raised), np.round(raised, 2))
        df[col] = np.where(pct, np.minimum(raised, 100.0), raised)
    return df


def _children(
    parent: pd.DataFrame, level: str, letter: str, n: int, pola: list[tuple[str, str, str, float]]
) -> pd.DataFrame:
    """`n` children per parent row: codes `<parent>.<letter><j>`, names from `pola`."""
    df = parent.loc[parent.index.repeat(n)].reset_index(drop=True)
    j = np.tile(np.arange(n), len(parent))
    k = j % len(pola)
    df["induk"] = df["kode_indikator"]
    df["kode_indikator"] = df["induk"] + f".{letter}" + pd.Series(j + 1).astype(str)
    root = df["nama_akar"]
    df["indikator"] = [pola[i][0] for i in k]
    for i, (pattern, satuan, agr, target) in enumerate(pola):
        head, tail = pattern.split("{x}")
        df.loc[k == i, "indikator"] = head + root[k == i] + tail
        df.loc[k == i, ["satuan", "agregasi", "target"]] = [satuan, AGR[agr], target]
    df["level"], df["polaritas"], df["bobot"], df["iku"] = level, "positif", 1.0, False
    df[["target_min", "target_max", "target_tw1", "target_tw2"]] = np.nan
    df[["target_tw3", "target_tw4", "anggaran"]] = np.nan
    df["program"], df["lke"] = None, ""
    return df


def indicators(opds: pd.DataFrame, tahun: int, scale: int) -> pd.DataFrame:
    """All levels of one year; `akar` is the row of the OPD-level indicator at the top."""
    top = opd_indicators(opds, tahun)
    top["nama_akar"] = top["indikator"]
    admin = _children(top, "administrator", "A", 2, cat.ADMINISTRATOR_POLA)
    pengawas = _children(admin, "pengawas", "P", 2, cat.PENGAWAS_POLA)
    staf = _children(pengawas, "staf", "S", scale, cat.STAF_POLA)
    return pd.concat([top, admin, pengawas, staf], ignore_index=True)


# --- LKE -----------------------------------------------------------------------------------


def lke_criteria() -> pd.DataFrame:
    """The criteria with the weight of each one in the total (sub-component bobot / count)."""
    df = pd.DataFrame(_rows(cat.LKE_TEXT), columns=["kode_kriteria", "kriteria"])
    df["komponen"] = df["kode_kriteria"].str[0].map(KOMPONEN)
    df["subkomponen"] = df["kode_kriteria"].str[2].map(SUB)
    sub_bobot = dict(zip(SUBKOMPONEN, zip(*SUBKOMPONEN_BOBOT.values(), strict=True), strict=True))
    order = list(SUBKOMPONEN_BOBOT)
    weight = [
        sub_bobot[s][order.index(k)] for k, s in zip(df.komponen, df.subkomponen, strict=True)
    ]
    size = df.groupby(["komponen", "subkomponen"])["kode_kriteria"].transform("size")
    return df.assign(bobot=np.array(weight) / size)


def _draw(crit: pd.DataFrame, level: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Answer values (unit x criterion) around each unit's level; Y/T for pemenuhan."""
    sub = crit["subkomponen"].to_numpy()
    shape = (len(level), len(crit))
    yes = rng.random(shape) < np.minimum(1.0, level[:, None] + 0.25)
    shift = np.where(sub == "pemanfaatan", -0.05, 0.0)
    graded = np.clip(np.round((level[:, None] + shift + rng.normal(0, 0.18, shape)) * 4), 0, 4)
    return np.where(sub == "pemenuhan", yes.astype(float), graded / 4)


def _lke_frame(crit: pd.DataFrame, units: list[str], tahun: int, values: np.ndarray,
               rng: np.random.Generator) -> pd.DataFrame:  # fmt: skip
    df = crit.loc[np.tile(np.arange(len(crit)), len(units))].reset_index(drop=True)
    df["tahun"], df["kode_unit"], df["nilai"] = tahun, np.repeat(units, len(crit)), values.ravel()
    letters = np.array(list("EDCBA"))[(df["nilai"] * 4).round().astype(int)]
    df["jawaban"] = np.where(
        df["subkomponen"] == "pemenuhan", df["nilai"].map({1: "Y", 0: "T"}), letters
    )
    notes = np.array(cat.LKE_CATATAN, dtype=object)[rng.integers(0, len(cat.LKE_CATATAN), len(df))]
    df["catatan"] = np.where(df["nilai"] <= 0.25, notes, None)
    return df


def lke_total(df: pd.DataFrame) -> pd.Series:
    """Total per unit (capaian.md section 8), indexed by kode_unit."""
    return (df["nilai"] * df["bobot"]).groupby(df["kode_unit"]).sum()


def lke_answers(opds: pd.DataFrame, rank: np.ndarray, seed: int) -> pd.DataFrame:
    """PEMDA lands in 62-66 (predikat B, like Kab. Bekasi); OPDs spread from C to A."""
    crit, rng, parts = lke_criteria(), rng_for(seed, "lke"), []
    weight = crit["bobot"].to_numpy()
    level = np.clip(0.30 + 0.52 * rank + rng.normal(0, 0.06, len(opds)), 0.28, 0.82)
    for tahun, (lo, hi) in ((2025, (62.0, 64.5)), (2026, (64.0, 66.0))):
        for _ in range(1000):  # redraw until the Pemda total falls in its window
            pemda = _draw(crit, np.array([0.61]), rng)
            if lo <= float((pemda @ weight)[0]) <= hi:
                break
        level = np.clip(level + 0.02 + rng.normal(0, 0.03, len(opds)), 0.28, 0.84)
        values = np.vstack([pemda, _draw(crit, level, rng)])
        units = ["PEMDA", *opds["kode_opd"]]
        parts.append(_lke_frame(crit, units, tahun, values, rng))
    return pd.concat(parts, ignore_index=True)


# --- writing -------------------------------------------------------------------------------


def write_master(
    conn: duckdb.DuckDBPyConnection,
    opds: pd.DataFrame,
    ind: dict[int, pd.DataFrame],
    jabatan: pd.DataFrame,
) -> None:
    """OPDs, the organisation, the PK of each year (the OPDs' and the Pemda's own), and a
    second Dinkes 2025 version (declared a PK Perubahan by `build_demo`)."""
    write_batch(conn, _meta("opd", "admin", "opd.xlsx", datetime(2025, 1, 6, 9)), opds[OPD_COLUMNS])
    write_batch(conn, _meta("jabatan", "admin", "jabatan.xlsx", datetime(2025, 1, 6, 10)), jabatan)
    for tahun in ind:
        pemda = org.pemda_indicators(tahun, YEARS[0]).reindex(columns=INDIKATOR_COLUMNS)
        write_batch(conn, _meta("indikator", "admin", f"pk_pemda_{tahun}.xlsx",
                                datetime(tahun, 1, 29, 10)), pemda)  # fmt: skip
    dinkes = ind[2025]["kode_opd"] == "1.02.01"
    for tahun, df in ind.items():
        pk = df.reindex(columns=INDIKATOR_COLUMNS).copy()
        if tahun == 2025:  # the first PK was stricter on the negative indicators
            strict = dinkes & (df["level"] == "opd") & (df["polaritas"] == "negatif")
            pk.loc[strict, "target"] = (pk.loc[strict, "target"] * 0.96).round(1)
        waktu = datetime(tahun, 1, 30, 10)
        write_batch(conn, _meta("indikator", "admin", f"pk_{tahun}.xlsx", waktu), pk)
    name, waktu = "pk_perubahan_dinkes_2025.xlsx", datetime(2025, 10, 6, 14)
    write_batch(
        conn,
        _meta("indikator", "admin", name, waktu),
        ind[2025].loc[dinkes].reindex(columns=INDIKATOR_COLUMNS),
    )


def write_realisasi(handle: Handle, real: pd.DataFrame, plan: pd.DataFrame) -> None:
    """One batch per upload in `plan`, in time order; one transaction per quarter (committed
    data is scanned with zone maps, which keeps the writer's key lookups fast at large scale)."""
    cols = ["tahun", "triwulan", "kode_opd", "kode_indikator", "realisasi", "keterangan"]
    real = real[[*cols, "bukti", "status"]].sort_values(cols[:4], ignore_index=True)
    groups = real.groupby(cols[:3], sort=False).indices  # contiguous after sorting
    for _, uploads in plan.sort_values("waktu").groupby(["tahun", "triwulan"]):
        with handle.transaction() as conn:
            for up in uploads.itertuples():
                at = groups[(up.tahun, up.triwulan, up.kode_opd)]
                rows = real.iloc[at[0] : at[-1] + 1]
                if up.koreksi:  # the first upload had slips, corrected after verification
                    slip = np.arange(len(rows)) % 7 == 0
                    rows = rows.assign(
                        realisasi=np.where(slip, rows.realisasi * 1.1, rows.realisasi)
                    )
                name = f"realisasi_{up.kode_opd}_{up.tahun}_TW{up.triwulan}{up.akhiran}.xlsx"
                meta = _meta("realisasi", f"operator-{up.kode_opd}", name, up.waktu)
                write_batch(conn, meta, rows)


def write_monthly(conn: duckdb.DuckDBPyConnection, dataset: str, df: pd.DataFrame) -> None:
    """RFK and RB progress are compiled monthly into one file each, around the 10th."""
    for (tahun, bulan), rows in df.groupby(["tahun", "bulan"]):
        waktu = datetime(int(tahun) + (bulan == 12), int(bulan) % 12 + 1, 8, 10)
        name = f"{dataset}_{tahun}_{bulan:02d}.xlsx"
        write_batch(conn, _meta(dataset, "admin", name, waktu), rows.reset_index(drop=True))


def write_lke(conn: duckdb.DuckDBPyConnection, lke: pd.DataFrame) -> None:
    cols = ["tahun", "kode_unit", "komponen", "subkomponen", "kode_kriteria", "kriteria"]
    cols += ["jawaban", "nilai", "catatan"]
    for tahun, df in lke.groupby("tahun"):
        pemda = df["kode_unit"] == "PEMDA"
        w_opd, w_pemda = datetime(int(tahun), 6, 27, 15), datetime(int(tahun), 10, 20, 11)
        write_batch(conn, _meta("lke", "verifikator", f"lke_opd_{tahun}.xlsx", w_opd),
                    df.loc[~pemda, cols])  # fmt: skip
        write_batch(conn, _meta("lke", "admin", f"lke_pemda_{tahun}.xlsx", w_pemda),
                    df.loc[pemda, cols])  # fmt: skip


def write_admin(conn: duckdb.DuckDBPyConnection, opds: pd.DataFrame) -> None:
    """RB index, quarter deadlines and locks, and the demo accounts."""
    for tahun, nilai in cat.RB_NILAI.items():
        conn.executemany(
            "INSERT INTO rb_nilai (tahun, kode_kerangka, kode_komponen, nilai) VALUES (?, ?, ?, ?)",
            [[tahun, "RB2020", k, v] for k, v in nilai.items()],
        )
    for tahun, q in [*PERIODS, (2026, 4)]:
        batas = deadline(tahun, q)
        locked = (tahun, q) < (2026, 3)
        conn.execute(
            "INSERT INTO kunci_triwulan (tahun, triwulan, terkunci, oleh, waktu, batas_waktu) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [tahun, q, locked, "admin" if locked else None,
             batas.replace(hour=10, minute=0) + timedelta(days=21) if locked else None, batas],
        )  # fmt: skip
    # One Argon2 hash shared by every demo account (all use password `demo`): hashing 48
    # accounts one by one would take seconds. Acceptable for demo data only.
    users = [(n, r, None) for n, r in USERS]
    users += [(f"operator-{k}", "operator", k) for k in opds["kode_opd"]]
    frame = pd.DataFrame(users, columns=["nama_pengguna", "peran", "kode_opd"])
    frame["hash_sandi"], frame["dibuat_pada"] = hash_password("demo"), datetime(2025, 1, 2, 8)
    frame["harus_ganti_sandi"] = True  # `demo` is public: each account must choose its own
    conn.register("demo_users", frame)
    conn.execute(
        "INSERT INTO pengguna (nama_pengguna, peran, kode_opd, hash_sandi, dibuat_pada, "
        "harus_ganti_sandi) SELECT * FROM demo_users ON CONFLICT DO NOTHING"
    )
    conn.unregister("demo_users")


def write_pk_events(handle: Handle, jabatan: pd.DataFrame, seed: int) -> None:
    """The PK's life: Dinkes 2025 v2 is a PK Perubahan from 1 October 2025 (APBD-P); holders
    change in April 2026; the document settings; most kepala OPD signed in January."""
    admin = Actor("admin", "admin")
    mark_perubahan(handle, admin, 2025, "1.02.01", 2, "Perubahan APBD Tahun Anggaran 2025",
                   date(2025, 10, 1))  # fmt: skip
    set_setting(handle, "nama_pemda", "Pemerintah Kabupaten Sukamaju")
    set_setting(handle, "tempat_pk", "Sukamaju")
    heads = jabatan[jabatan["jenjang"] == "jpt"]["kode_jabatan"].tolist()
    for tahun in YEARS:
        unsigned = set(heads[3::9]) if tahun == YEARS[-1] else set()  # a few still drafts
        for code in [org.PEMDA_HEAD, *heads]:
            if code not in unsigned:
                sign(handle, admin, tahun, code, date(tahun, 1, 30), f"pk_{code}_{tahun}.pdf",
                     org.scan_pdf(code, tahun))  # fmt: skip
    with handle.transaction() as conn:
        when = datetime(YEARS[-1], 4, 15, 9)
        write_batch(conn, _meta("jabatan", "admin", "jabatan_april.xlsx", when),
                    org.changes_2026(jabatan, seed))  # fmt: skip


# --- entry point ---------------------------------------------------------------------------


def build_demo(path: str | Path, scale: int = 1, seed: int = 2026) -> Handle:
    """Create the database at `path` (must not exist yet, or be empty) with the demo kabupaten."""
    if scale < 1:
        raise ValueError("scale harus bilangan bulat >= 1")
    handle = create_database(path)
    if not handle.query_df("SELECT 1 FROM opd UNION ALL SELECT 1 FROM indikator").empty:
        raise FileExistsError(f"{path} sudah berisi data; demo hanya dibuat di basis data kosong.")
    opds = load_opds()
    profile = opd_profile(len(opds), rng_for(seed, "profil"))
    lke = lke_answers(opds, profile.rank, seed)
    ind = {tahun: indicators(opds, tahun, scale) for tahun in YEARS}
    jabatan = org.structure(opds, seed)
    for df in ind.values():
        df["kode_jabatan"] = org.owners(df, jabatan)
    totals = {t: lke_total(lke[lke["tahun"] == t]) for t in YEARS}
    plan = upload_plan(opds, profile, rng_for(seed, "jadwal"))
    real = realisations(ind, opds, profile, totals, plan, seed)
    pemda = {t: org.pemda_indicators(t, YEARS[0]) for t in (hist.HISTORY_YEAR, *YEARS)}
    old_ind = hist.history_indicators(ind[YEARS[0]], pemda[hist.HISTORY_YEAR])
    old_real = hist.history_realisasi(real, old_ind, seed)
    known = {YEARS[0]: {"PEMDA.IKU05": float(totals[YEARS[0]]["PEMDA"]),
                        "PEMDA.IKU06": float(sum(cat.RB_NILAI[YEARS[0]].values()))}}  # fmt: skip
    iku = hist.pemda_realisasi({t: pemda[t] for t in (hist.HISTORY_YEAR, YEARS[0])}, known, seed)
    old_real = pd.concat([old_real, iku[iku["tahun"] == hist.HISTORY_YEAR]], ignore_index=True)
    renstra = hist.renstra(ind, pemda, old_ind, old_real)
    with handle.transaction() as conn:
        write_master(conn, opds, ind, jabatan)
        write_history(conn, old_ind, old_real, renstra)
    write_realisasi(handle, real, plan)
    write_pemda_results(handle, iku[iku["tahun"] > hist.HISTORY_YEAR])
    write_pk_events(handle, jabatan, seed)
    with handle.transaction() as conn:
        write_monthly(conn, "anggaran", anggaran(opds, seed))
        write_monthly(conn, "rb_aksi", rb_aksi(opds, profile.rank, seed))
        write_lke(conn, lke)
        write_admin(conn, opds)
    write_reasons(handle, seed)
    write_lhe(handle)
    return handle
