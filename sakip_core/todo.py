"""What each OPD still owes (issue 14, point 4): the open quarter and its deadline, indicators
not yet reported, values rejected with the verifier's note, values uploaded but not submitted,
LKE criteria without a proposal, RB actions behind plan, LHE recommendations not yet followed
up (of every year: `sakip_core.lhe.open_items`).

The open quarter is the latest quarter that has ended and is not locked; when that one is
locked (the Bagian Organisasi closed it), the quarter after it, the one running now. Quarters
of years without a PK are not considered. Rejected and draft values count in every unlocked
quarter of the open quarter's year, so a value rejected in an earlier quarter is not forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from sakip_core.access import READ_ALL, require_opd, require_role
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_detail
from sakip_core.calc.period import known_years
from sakip_core.db import Handle
from sakip_core.explorer_charts import deadline
from sakip_core.lhe import state as lhe_state

SUMMARY_COLUMNS = [
    "kode_opd", "nama_opd", "belum_lapor", "ditolak", "draf", "hari_terlambat",
    "kriteria_lke_belum", "aksi_rb_tertinggal", "lhe_terbuka", "operator",
]  # fmt: skip


@dataclass(frozen=True)
class OpenQuarter:
    tahun: int
    triwulan: int
    batas_waktu: datetime
    sudah_berakhir: bool  # False: the running quarter (the last ended one is locked)

    def days_late(self, now: datetime) -> int:
        """Days past the deadline counted by calendar date, as the explorer's completeness panel
        (the SQL's date subtraction); 0 before it."""
        return max((now.date() - self.batas_waktu.date()).days, 0)


@dataclass(frozen=True)
class Todo:
    """One OPD's list; the frames are empty when nothing is owed."""

    kode_opd: str
    kuartal: OpenQuarter
    hari_terlambat: int
    belum_lapor: pd.DataFrame  # kode_indikator, indikator, level
    ditolak: pd.DataFrame  # tahun, triwulan, kode_indikator, indikator, realisasi, catatan, oleh
    draf: pd.DataFrame  # tahun, triwulan, kode_indikator, indikator, realisasi
    kriteria_lke_belum: int
    aksi_rb: pd.DataFrame  # bulan, area, kode_aksi, rencana_aksi, target, rencana_sd_bulan, …
    lhe_terbuka: pd.DataFrame  # tahun, kode_rekomendasi, rekomendasi, batas_waktu, terlambat, …

    @property
    def kosong(self) -> bool:
        frames = (self.belum_lapor, self.ditolak, self.draf, self.aksi_rb, self.lhe_terbuka)
        return all(f.empty for f in frames) and self.kriteria_lke_belum == 0


def _quarter_end(tahun: int, triwulan: int) -> date:
    return date(tahun + 1, 1, 1) if triwulan == 4 else date(tahun, 3 * triwulan + 1, 1)


LOCKED_SQL = "SELECT tahun, triwulan FROM kunci_triwulan WHERE terkunci"  # one row a quarter


def _locked(handle: Handle) -> set[tuple[int, int]]:
    df = handle.query_df(LOCKED_SQL)
    return {(int(t), int(q)) for t, q in zip(df["tahun"], df["triwulan"], strict=True)}


def open_quarter(handle: Handle, now: datetime) -> OpenQuarter | None:
    """The quarter operators report now (see the module docstring); None without any PK."""
    quarters = [(t, q) for t in sorted(known_years(handle)) for q in (1, 2, 3, 4)]
    if not quarters:
        return None
    locked = _locked(handle)
    ended = [p for p in quarters if _quarter_end(*p) <= now.date()]
    start = quarters.index(ended[-1]) if ended else 0
    for p in quarters[start:]:
        if p not in locked:
            done = _quarter_end(*p) <= now.date()
            return OpenQuarter(p[0], p[1], deadline(handle, *p), done)
    return None


def _reviewed(handle: Handle, tahun: int, opds: list[str], status: str) -> pd.DataFrame:
    return handle.query_df(
        f"""WITH locked AS ({LOCKED_SQL})
           SELECT r.kode_opd, r.tahun, r.triwulan, r.kode_indikator, i.indikator, r.realisasi,
                  r.catatan_verifikasi AS catatan, r.diverifikasi_oleh AS oleh
           FROM realisasi r
           LEFT JOIN indikator i ON i.tahun = r.tahun AND i.kode_indikator = r.kode_indikator
                                AND i.aktif
           WHERE r.tahun = $tahun AND r.status = $status AND list_contains($opds, r.kode_opd)
             AND (r.tahun, r.triwulan) NOT IN (SELECT tahun, triwulan FROM locked)
           ORDER BY r.kode_opd, r.triwulan, r.kode_indikator""",
        {"tahun": int(tahun), "status": status, "opds": opds},
    )


def _lke_missing(handle: Handle, tahun: int, opds: list[str]) -> pd.Series:
    """Per OPD: criteria of the year's LKE (as evaluated for any unit) it has not proposed."""
    df = handle.query_df(
        """WITH k AS (SELECT DISTINCT kode_kriteria FROM lke WHERE tahun = $tahun)
           SELECT o.kode_opd, count(k.kode_kriteria) FILTER (WHERE u.kode_kriteria IS NULL) AS n
           FROM (SELECT unnest(CAST($opds AS VARCHAR[])) AS kode_opd) o CROSS JOIN k
           LEFT JOIN lke_usulan u ON u.tahun = $tahun AND u.kode_unit = o.kode_opd
                                 AND u.kode_kriteria = k.kode_kriteria
           GROUP BY o.kode_opd""",
        {"tahun": int(tahun), "opds": opds},
    )
    return df.set_index("kode_opd")["n"] if len(df) else pd.Series(dtype="int64")


def _rb_behind(handle: Handle, tahun: int, opds: list[str]) -> pd.DataFrame:
    """RB actions behind plan in each OPD's latest reported month of the year: realisasi below
    the year's target spread evenly over the months (target × bulan / 12)."""
    return handle.query_df(
        """WITH last AS (SELECT kode_opd, max(bulan) AS bulan FROM rb_aksi
                         WHERE tahun = $tahun AND list_contains($opds, kode_opd) GROUP BY kode_opd)
           SELECT a.kode_opd, a.bulan, a.area, a.kode_aksi, a.rencana_aksi, a.target,
                  a.target * a.bulan / 12 AS rencana_sd_bulan, a.realisasi
           FROM rb_aksi a JOIN last USING (kode_opd, bulan)
           WHERE a.tahun = $tahun AND a.realisasi < a.target * a.bulan / 12
           ORDER BY a.kode_opd, a.kode_aksi""",
        {"tahun": int(tahun), "opds": opds},
    )


def _unreported(handle: Handle, oq: OpenQuarter, opds: list[str]) -> pd.DataFrame:
    """Indicators of the open quarter not reported: the capaian read model's `dilaporkan`."""
    d = capaian_detail(handle, oq.tahun, oq.triwulan, opds)
    return d.loc[~d["dilaporkan"].astype(bool), ["kode_opd", "kode_indikator", "indikator",
                                                 "level"]].reset_index(drop=True)  # fmt: skip


def _own(df: pd.DataFrame, kode: str) -> pd.DataFrame:
    return df[df["kode_opd"] == kode].drop(columns="kode_opd").reset_index(drop=True)


def opd_todo(handle: Handle, actor: Actor, kode_opd: str, now: datetime) -> Todo | None:
    """The list of one OPD (its operator, or any reader of every OPD); None without a PK."""
    require_opd(actor, kode_opd)
    oq = open_quarter(handle, now)
    if oq is None:
        return None
    opds = [kode_opd]
    late = _unreported(handle, oq, opds)
    return Todo(
        kode_opd=kode_opd,
        kuartal=oq,
        hari_terlambat=oq.days_late(now) if len(late) else 0,
        belum_lapor=_own(late, kode_opd),
        ditolak=_own(_reviewed(handle, oq.tahun, opds, "ditolak"), kode_opd),
        draf=_own(_reviewed(handle, oq.tahun, opds, "draft"), kode_opd).drop(
            columns=["catatan", "oleh"]
        ),
        kriteria_lke_belum=int(_lke_missing(handle, oq.tahun, opds).get(kode_opd, 0)),
        aksi_rb=_own(_rb_behind(handle, oq.tahun, opds), kode_opd),
        lhe_terbuka=lhe_state.open_items(handle, actor, kode_opd, now.date()),
    )


def summary(handle: Handle, actor: Actor, now: datetime) -> pd.DataFrame:
    """Every OPD's counts (SUMMARY_COLUMNS) with its operator account(s) to contact, most
    owed first. For the roles that read every OPD."""
    require_role(actor, READ_ALL)
    oq = open_quarter(handle, now)
    opd = handle.query_df(
        """SELECT o.kode_opd, coalesce(o.singkatan, o.nama_opd) AS nama_opd,
                  string_agg(p.nama_pengguna, ', ' ORDER BY p.nama_pengguna) AS operator
           FROM opd o LEFT JOIN pengguna p ON p.kode_opd = o.kode_opd AND p.peran = 'operator'
                                          AND p.aktif
           GROUP BY o.kode_opd, o.singkatan, o.nama_opd ORDER BY o.kode_opd"""
    )
    if oq is None or opd.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    opds = opd["kode_opd"].tolist()
    counts = {
        "belum_lapor": _unreported(handle, oq, opds)["kode_opd"].value_counts(),
        "ditolak": _reviewed(handle, oq.tahun, opds, "ditolak")["kode_opd"].value_counts(),
        "draf": _reviewed(handle, oq.tahun, opds, "draft")["kode_opd"].value_counts(),
        "kriteria_lke_belum": _lke_missing(handle, oq.tahun, opds),
        "aksi_rb_tertinggal": _rb_behind(handle, oq.tahun, opds)["kode_opd"].value_counts(),
        "lhe_terbuka": lhe_state.open_counts(handle, opds, now.date()),
    }
    out = opd.set_index("kode_opd")
    for col, series in counts.items():
        out[col] = series.reindex(out.index).fillna(0).astype("int64")
    out["hari_terlambat"] = [oq.days_late(now) if n else 0 for n in out["belum_lapor"]]
    out = out.reset_index()
    owed = out[["belum_lapor", "ditolak", "draf"]].sum(axis=1)
    out = out.assign(_owed=owed).sort_values(["_owed", "kode_opd"], ascending=[False, True])
    return out[SUMMARY_COLUMNS].reset_index(drop=True)
