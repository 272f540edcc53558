"""What changed since the last Rapim's snapshot, and how each OPD under pendampingan fared.

Both compare two sets of Rapim tables (`sakip_core.rapim.sesi.figures`): `lalu`, frozen when the
last Rapim was opened, and `kini`, the figures now. Unlike the quarter-to-quarter movement of the
leaderboard, they show what moved inside the same quarter as well: late reports, verifications,
and the monthly RB and serapan figures. The joins run in DuckDB over the frames.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from sakip_core.db import Handle
from sakip_core.fmt import angka, persen
from sakip_core.workflow import data_label

Figures = dict[str, pd.DataFrame]
EPS = 0.005  # figures are shown with 2 decimals: smaller differences do not show
SEJAK_COLUMNS = [
    "kode_opd", "label", "status", "skor_lalu", "skor_kini", "selisih_skor",
    "peringkat_lalu", "peringkat_kini", "dilaporkan_lalu", "dilaporkan_kini", "jumlah_indikator",
    "data_lalu", "data_kini", "rb_lalu", "rb_kini", "serapan_lalu", "serapan_kini", "kalimat",
]  # fmt: skip
TINDAK_COLUMNS = [
    "keputusan_id", "kode_opd", "label", "skor_lalu", "skor_kini", "selisih_skor",
    "peringkat_lalu", "peringkat_kini", "indikator_bergerak", "penanggung_jawab", "rencana",
    "batas_waktu", "status", "terlambat",
]  # fmt: skip

COMPARE_SQL = """
SELECT k.kode_opd, k.label,
       l.skor AS skor_lalu, k.skor AS skor_kini, round(k.skor - l.skor, 2) AS selisih_skor,
       l.peringkat AS peringkat_lalu, k.peringkat AS peringkat_kini,
       l.jumlah_dilaporkan AS dilaporkan_lalu, k.jumlah_dilaporkan AS dilaporkan_kini,
       k.jumlah_indikator,
       l.status_data AS data_lalu, k.status_data AS data_kini,
       rl.progress AS rb_lalu, rk.progress AS rb_kini,
       sl.serapan AS serapan_lalu, sk.serapan AS serapan_kini
FROM kini k
LEFT JOIN lalu l USING (kode_opd)
LEFT JOIN rb_kini rk USING (kode_opd)
LEFT JOIN rb_lalu rl USING (kode_opd)
LEFT JOIN sp_kini sk USING (kode_opd)
LEFT JOIN sp_lalu sl USING (kode_opd)
ORDER BY k.peringkat, k.kode_opd
"""

MOVED_SQL = """
SELECT k.kode_opd, k.indikator, l.capaian AS lalu, k.capaian AS kini,
       coalesce(k.capaian, 0) - coalesce(l.capaian, 0) AS selisih
FROM kini k JOIN lalu l USING (kode_opd, kode_indikator)
WHERE k.kode_opd IN (SELECT kode_opd FROM opds)
  AND (abs(coalesce(k.capaian, 0) - coalesce(l.capaian, 0)) >= $eps
       OR (k.capaian IS NULL) <> (l.capaian IS NULL))
ORDER BY k.kode_opd, abs(coalesce(k.capaian, 0) - coalesce(l.capaian, 0)) DESC NULLS LAST,
         k.kode_indikator
"""


def _changed(a: object, b: object) -> bool:
    if pd.isna(a) and pd.isna(b):
        return False
    if pd.isna(a) or pd.isna(b):
        return True
    if isinstance(a, str) or isinstance(b, str):
        return a != b
    return abs(float(a) - float(b)) >= EPS  # type: ignore[arg-type]


def _num(x: object, digits: int = 2) -> str:
    return "–" if pd.isna(x) else angka(x, digits)


def _pct(x: object) -> str:
    return "–" if pd.isna(x) else persen(x, 1)


def _phrases(r: pd.Series) -> list[str]:
    """The changes of one OPD as short Indonesian phrases, most telling first."""
    out = []
    if pd.isna(r.skor_lalu):
        out.append(f"skor {_num(r.skor_kini)} (baru)")
    elif _changed(r.skor_lalu, r.skor_kini):
        sign = "+" if r.selisih_skor > 0 else "−"
        out.append(f"skor {_num(r.skor_lalu)} → {_num(r.skor_kini)} "
                   f"({sign}{angka(abs(r.selisih_skor), 2)})")  # fmt: skip
    if _changed(r.peringkat_lalu, r.peringkat_kini) and not pd.isna(r.peringkat_lalu):
        out.append(f"peringkat {int(r.peringkat_lalu)} → {int(r.peringkat_kini)}")
    if _changed(r.dilaporkan_lalu, r.dilaporkan_kini) and not pd.isna(r.dilaporkan_lalu):
        n = int(r.jumlah_indikator)
        out.append(f"dilaporkan {int(r.dilaporkan_lalu)}/{n} → {int(r.dilaporkan_kini)}/{n}")
    if _changed(r.data_lalu, r.data_kini) and not pd.isna(r.data_lalu):
        out.append(f"data {data_label(r.data_lalu, late='belum lapor')} → "
                   f"{data_label(r.data_kini, late='belum lapor')}")  # fmt: skip
    if _changed(r.rb_lalu, r.rb_kini):
        out.append(f"progress RB {_pct(r.rb_lalu)} → {_pct(r.rb_kini)}")
    if _changed(r.serapan_lalu, r.serapan_kini):
        out.append(f"serapan {_pct(r.serapan_lalu)} → {_pct(r.serapan_kini)}")
    return out


def _status(r: pd.Series) -> str:
    """naik / turun (rank), baru (not in the last Rapim), berubah (other figures), tetap."""
    if pd.isna(r.peringkat_lalu):
        return "baru"
    if int(r.peringkat_kini) < int(r.peringkat_lalu):
        return "naik"
    if int(r.peringkat_kini) > int(r.peringkat_lalu):
        return "turun"
    return "berubah" if r.kalimat else "tetap"


def _part(figs: Figures | None, papan: str, cols: list[str]) -> pd.DataFrame:
    df = figs.get(papan) if figs else None
    if df is None or df.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c != "kode_opd" else "str")
                             for c in cols})  # fmt: skip
    return df.reindex(columns=cols)  # a column an older snapshot lacks reads as empty


def bandingkan(h: Handle, lalu: Figures | None, kini: Figures) -> pd.DataFrame:
    """One row per OPD of `kini` with its figures then and now and `kalimat`, the list of what
    changed ("skor 61,20 → 68,45 (+7,25)", "data sementara → terverifikasi", …).

    Without a last Rapim (`lalu` None) the frame is empty.
    """
    if lalu is None or kini["peringkat"].empty:
        return pd.DataFrame({c: [] for c in SEJAK_COLUMNS})
    board_cols = ["kode_opd", "skor", "peringkat", "jumlah_dilaporkan", "status_data"]
    frames = {
        "kini": kini["peringkat"],
        "lalu": _part(lalu, "peringkat", board_cols),
        "rb_kini": _part(kini, "rb", ["kode_opd", "progress"]),
        "rb_lalu": _part(lalu, "rb", ["kode_opd", "progress"]),
        "sp_kini": _part(kini, "serapan", ["kode_opd", "serapan"]),
        "sp_lalu": _part(lalu, "serapan", ["kode_opd", "serapan"]),
    }
    df = h.query_df(COMPARE_SQL, frames=frames)
    df["kalimat"] = [_phrases(r) for _, r in df.iterrows()]
    df["status"] = [_status(r) for _, r in df.iterrows()]
    return df[SEJAK_COLUMNS]


def _moved_texts(moved: pd.DataFrame, kode: str, limit: int = 5) -> list[str]:
    own = moved[moved["kode_opd"] == kode].head(limit)
    return [f"{r.indikator}: {_pct(r.lalu)} → {_pct(r.kini)}" for r in own.itertuples()]


def tindak_lanjut(
    h: Handle,
    lalu: Figures | None,
    kini: Figures,
    decisions: pd.DataFrame | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Each pendampingan decided at the last Rapim: the OPD's skor and rank then (the snapshot)
    and now, the indicators whose capaian moved most (up to 5), the plan and its status;
    `terlambat` when the due date has passed and the plan is not selesai."""
    if lalu is None or decisions is None or decisions.empty:
        return pd.DataFrame({c: [] for c in TINDAK_COLUMNS})
    plans = decisions[decisions["jenis"] == "pendampingan"]
    if plans.empty:
        return pd.DataFrame({c: [] for c in TINDAK_COLUMNS})
    moved = h.query_df(
        MOVED_SQL,
        {"eps": EPS},
        frames={"kini": kini["indikator"], "lalu": lalu["indikator"],
                "opds": plans[["kode_opd"]]},
    )  # fmt: skip
    then = lalu["peringkat"].set_index("kode_opd")
    now = kini["peringkat"].set_index("kode_opd")
    rows = []
    for p in plans.itertuples():
        skor_lalu = then["skor"].get(p.kode_opd)
        skor_kini = now["skor"].get(p.kode_opd)
        batas = None if pd.isna(p.batas_waktu) else pd.Timestamp(p.batas_waktu).date()
        rows.append({
            "keputusan_id": int(p.id), "kode_opd": p.kode_opd,
            "label": now["label"].get(p.kode_opd, then["label"].get(p.kode_opd, p.kode_opd)),
            "skor_lalu": skor_lalu, "skor_kini": skor_kini,
            "selisih_skor": None if skor_lalu is None or skor_kini is None
            else round(float(skor_kini) - float(skor_lalu), 2),
            "peringkat_lalu": then["peringkat"].get(p.kode_opd),
            "peringkat_kini": now["peringkat"].get(p.kode_opd),
            "indikator_bergerak": _moved_texts(moved, p.kode_opd),
            "penanggung_jawab": p.penanggung_jawab, "rencana": p.rencana, "batas_waktu": batas,
            "status": p.status,
            "terlambat": bool(batas and today and batas < today and p.status != "selesai"),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=TINDAK_COLUMNS)
    out["batas_waktu"] = pd.to_datetime(out["batas_waktu"])  # survives the snapshot's JSON
    return out


def ringkasan_sejak(sejak: pd.DataFrame) -> str:
    """ "Naik 3 OPD, turun 2 OPD, angka berubah 5 OPD, baru 0 OPD." for the headline."""
    counts = sejak["status"].value_counts()
    words = {"naik": "naik", "turun": "turun", "berubah": "angka berubah", "baru": "baru"}
    text = ", ".join(f"{w} {int(counts.get(s, 0))} OPD" for s, w in words.items()) + "."
    return text[:1].upper() + text[1:]
