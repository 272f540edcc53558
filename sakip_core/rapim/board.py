"""The Rapim leaderboard, who to reward and who to help, the trend and what changed.

`leaderboard` is THE read model of the OPD ranking with its verified/provisional status: Beranda,
the Rapim page, the PDF and the Excel report all show its rows (issue 11, point 2).

Access rule (issue 3, point 8) for every function of this package:
- `admin`, `pimpinan`, `analis`, `verifikator` see every OPD;
- an `operator` sees only its own OPD: its row of the leaderboard (its position among all ranked
  OPDs, `jumlah_opd`), its own trend, changes and drill-down; never another OPD's figures, so the
  top/bottom panels (which name other OPDs and their indicators) are refused with AccessDenied.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sakip_core.access import ALL_ROLES, AccessDenied, opd_scope, require_role
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_detail
from sakip_core.calc.period import known_years
from sakip_core.calc.rank import competition_rank
from sakip_core.calc.ranking import ranking_detail
from sakip_core.db import Handle
from sakip_core.fmt import angka
from sakip_core.workflow import status_counts

TOP_N = 5
DRIVERS = 3


def label(nama: object, singkatan: object) -> str:
    """The OPD's singkatan, or its full name when it has none."""
    if isinstance(singkatan, str) and singkatan.strip():
        return singkatan.strip()
    return str(nama)


def scope(actor: Actor) -> list[str] | None:
    """Every role may open the Rapim view; None = all OPDs, else the operator's own OPD."""
    require_role(actor, ALL_ROLES)
    return opd_scope(actor)


def only(df: pd.DataFrame, opds: list[str] | None) -> pd.DataFrame:
    if opds is None:
        return df.reset_index(drop=True)
    return df[df["kode_opd"].isin(opds)].reset_index(drop=True)


def status(row: Any, any_previous: bool) -> str:
    """naik / turun / tetap / baru / belum lapor ("belum lapor" wins: nothing reported now)."""
    if int(row.jumlah_dilaporkan) == 0:
        return "belum lapor"
    if not any_previous:
        return "–"
    if pd.isna(row.peringkat_sebelumnya):
        return "baru"
    n = int(row.perubahan)
    return "naik" if n > 0 else "turun" if n < 0 else "tetap"


def _full_board(h: Handle, tahun: int, triwulan: int) -> pd.DataFrame:
    df = ranking_detail(h, tahun, triwulan, digits=2)
    any_prev = bool(df["peringkat_sebelumnya"].notna().any())
    df["label"] = [label(n, s) for n, s in zip(df["nama_opd"], df["singkatan"], strict=True)]
    df["belum_lapor"] = df["jumlah_dilaporkan"] == 0
    df["status"] = [status(r, any_prev) for r in df.itertuples()]
    df["seri"] = df.groupby("peringkat")["kode_opd"].transform("count") > 1
    df["jumlah_opd"] = len(df)
    # facts about the whole period, on every row: an operator's single row still carries them
    df["ada_laporan"] = bool((df["jumlah_dilaporkan"] > 0).any())
    df["ada_peringkat_sebelumnya"] = any_prev
    verified = data_status(h, tahun, triwulan, df["kode_opd"])
    # nothing reported at OPD level is "belum lapor" here too, whatever staff levels reported
    df["status_data"] = [
        "belum_lapor" if late else s for late, s in zip(df["belum_lapor"], verified, strict=True)
    ]
    df["skor_tahun_lalu"] = df["kode_opd"].map(last_year_scores(h, tahun, triwulan))
    return df


def last_year_scores(h: Handle, tahun: int, triwulan: int) -> pd.Series:
    """kode_opd -> skor of the same quarter a year earlier (year-on-year, issue 14 point 2);
    empty when that year has no PK or that quarter no realisation at all."""
    if tahun - 1 not in known_years(h):
        return pd.Series(dtype="float64")
    prev = ranking_detail(h, tahun - 1, triwulan, digits=2)
    if prev.empty or not (prev["jumlah_dilaporkan"] > 0).any():
        return pd.Series(dtype="float64")
    return prev.set_index("kode_opd")["skor"].astype("float64")


def data_status(h: Handle, tahun: int, triwulan: int, opds: pd.Series) -> list[str]:
    """terverifikasi / sementara / belum_lapor per OPD, in the order of `opds` (see workflow)."""
    found = status_counts(h, tahun, triwulan).set_index("kode_opd")["status_data"]
    return [str(found.get(k, "belum_lapor")) for k in opds]


def leaderboard(h: Handle, actor: Actor, tahun: int, triwulan: int) -> pd.DataFrame:
    """The OPD ranking of the quarter for every screen and report.

    `ranking_detail` (2 decimals) plus label, belum_lapor, status, seri (tied), jumlah_opd,
    status_data, skor_tahun_lalu (`last_year_scores`) and two facts of the whole period:
    ada_laporan (some OPD reported an OPD-level realisation) and ada_peringkat_sebelumnya (the
    previous period has a ranking).

    status_data: *belum_lapor* where the OPD reported no OPD-level realisation for the quarter
    (whatever its staff levels reported, so it agrees with `belum_lapor` and the "Dilaporkan"
    count); otherwise *terverifikasi* when every realisation of the OPD for the quarter is
    diverifikasi or final, else *sementara* (`workflow.status_counts`).

    In rank order; an operator gets only its own row (position among `jumlah_opd` OPDs).
    """
    opds = scope(actor)
    return only(_full_board(h, tahun, triwulan), opds)


def drivers(h: Handle, tahun: int, triwulan: int, board: pd.DataFrame) -> pd.DataFrame:
    """Every OPD-level indicator of the OPDs in `board` with its pull on the OPD's skor.

    pengaruh_i = w_i × (c_i − skor) / Σw, in skor points, where c_i is the capped capaian and a
    not-reported indicator counts 0 (as in the skor). The pulls of one OPD sum to 0; the largest
    positive ones lifted the OPD above its own average, the most negative ones held it down.
    """
    cap = capaian_detail(h, tahun, triwulan, opds=list(board["kode_opd"]))
    cap = cap[cap["level"] == "opd"].copy()
    cap["c"] = cap["capaian_dibatasi"].fillna(0.0)
    grp = cap.groupby("kode_opd")
    total_w = grp["bobot"].transform("sum")
    skor = (cap["bobot"] * cap["c"]).groupby(cap["kode_opd"]).transform("sum") / total_w
    cap["pengaruh"] = cap["bobot"] * (cap["c"] - skor) / total_w
    cols = ["kode_opd", "kode_indikator", "indikator", "capaian", "kategori", "dilaporkan"]
    return cap[[*cols, "pengaruh"]].reset_index(drop=True)


def _pick(drv: pd.DataFrame, kode: str, up: bool) -> list[dict[str, Any]]:
    own = drv[drv["kode_opd"] == kode]
    own = own[own["pengaruh"] > 1e-9] if up else own[own["pengaruh"] < -1e-9]
    own = own.sort_values(["pengaruh", "kode_indikator"], ascending=[not up, True])
    return own.head(DRIVERS).to_dict("records")


def _driver_text(d: dict[str, Any]) -> str:
    cap = "belum lapor" if not d["dilaporkan"] else f"capaian {angka(d['capaian'], 1)} %"
    sign = "+" if d["pengaruh"] > 0 else "−"
    return f"{d['indikator']} ({cap}; {sign}{angka(abs(d['pengaruh']), 1)} poin)"


def _silent(row: Any) -> list[str]:
    """Why an OPD has no driver: nothing reported, or every indicator equal to its skor."""
    if row.belum_lapor:
        return [f"Belum melaporkan satu pun dari {int(row.jumlah_indikator)} indikator"]
    return ["Semua indikator setara dengan skor OPD"]


def kandidat(
    h: Handle, actor: Actor, tahun: int, triwulan: int, board: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """{"penghargaan": top 5, "pendampingan": bottom 5}, each with `pendorong` (driver texts).

    `board`: this period's `leaderboard` rows when the caller already has them (saves a query).

    Top: peringkat <= 5 (ties at the edge are all included). Bottom: the 5 lowest by the same
    competition rule counted from below, leaving out OPDs already in the top (small Pemda).
    Operators are refused: these panels name other OPDs.
    """
    if scope(actor) is not None:
        raise AccessDenied("Operator OPD hanya dapat melihat posisi OPD-nya sendiri.")
    board = _full_board(h, tahun, triwulan) if board is None else board
    if board.empty or int(board["jumlah_dilaporkan"].sum()) == 0:
        empty = board.iloc[0:0].assign(pendorong=[])
        return {"penghargaan": empty, "pendampingan": empty.copy()}
    top = board[board["peringkat"] <= TOP_N].copy()
    from_below = competition_rank(board["skor"], ascending=True)
    bottom = board[(from_below <= TOP_N) & ~board["kode_opd"].isin(top["kode_opd"])]
    bottom = bottom.sort_values(["skor", "kode_opd"]).copy()
    drv = drivers(h, tahun, triwulan, pd.concat([top, bottom]))
    for frame, up in ((top, True), (bottom, False)):
        frame["pendorong"] = [
            [_driver_text(d) for d in _pick(drv, r.kode_opd, up)] or _silent(r)
            for r in frame.itertuples()
        ]
    return {
        "penghargaan": top.reset_index(drop=True),
        "pendampingan": bottom.reset_index(drop=True),
    }


def reported_quarters(h: Handle, tahun: int) -> list[int]:
    df = h.query_df(
        "SELECT DISTINCT triwulan FROM realisasi WHERE tahun = $t ORDER BY triwulan",
        {"t": int(tahun)},
    )
    return [int(q) for q in df["triwulan"]]


def tren(
    h: Handle, actor: Actor, tahun: int, opds: list[str] | None = None, tahun_lalu: bool = False
) -> pd.DataFrame:
    """skor and peringkat of each OPD at every quarter of the year that has any realisasi, and
    with `tahun_lalu` of the year before too (year-on-year, issue 14 point 2).

    Long format: tahun, triwulan, periode ("TW 3", or "TW3 2025" across two years), kode_opd,
    nama_opd, skor, peringkat, kategori, warna, label. `opds` narrows the OPDs; an operator
    always gets its own OPD only.
    """
    allowed = scope(actor)
    wanted = allowed if allowed is not None else opds
    years = [tahun - 1, tahun] if tahun_lalu else [tahun]
    frames = []
    for year in years:
        for q in reported_quarters(h, year):
            df = ranking_detail(h, year, q, digits=2).assign(tahun=year, triwulan=q)
            frames.append(df if wanted is None else df[df["kode_opd"].isin(wanted)])
    cols = ["tahun", "triwulan", "periode", "kode_opd", "nama_opd", "skor", "peringkat",
            "kategori", "warna"]  # fmt: skip
    if not frames:
        return pd.DataFrame(columns=[*cols, "label"])
    out = pd.concat(frames, ignore_index=True)
    out["periode"] = [f"TW{q} {t}" if tahun_lalu else f"TW {q}"
                      for t, q in zip(out["tahun"], out["triwulan"], strict=True)]  # fmt: skip
    out["label"] = [label(n, s) for n, s in zip(out["nama_opd"], out["singkatan"], strict=True)]
    return out[[*cols, "label"]]


def _change_line(row: Any) -> str:
    if row.status == "belum lapor":
        return f"{row.label}: belum lapor (peringkat {row.peringkat}, skor 0)"
    if row.status == "baru":
        return f"{row.label}: baru masuk peringkat, posisi {row.peringkat}"
    word = "naik" if row.status == "naik" else "turun"
    return (
        f"{row.label}: {word} {abs(int(row.perubahan))} peringkat "
        f"({int(row.peringkat_sebelumnya)} → {row.peringkat})"
    )


def perubahan(h: Handle, actor: Actor, tahun: int, triwulan: int) -> pd.DataFrame:
    """What changed since the last Rapim (the previous quarter: realisasi are quarterly).

    One row per OPD that is naik, turun, baru or belum lapor, with a sentence `kalimat`;
    OPDs that kept their rank are left out. Order: naik (most places first), turun, baru,
    belum lapor.
    """
    return perubahan_dari(leaderboard(h, actor, tahun, triwulan))


def perubahan_dari(board: pd.DataFrame) -> pd.DataFrame:
    """`perubahan` computed from leaderboard rows already at hand (no query)."""
    moved = board[board["status"].isin(["naik", "turun", "baru", "belum lapor"])].copy()
    order = {"naik": 0, "turun": 1, "baru": 2, "belum lapor": 3}
    moved["_o"] = moved["status"].map(order)
    moved["_m"] = -moved["perubahan"].abs().fillna(0)
    moved = moved.sort_values(["_o", "_m", "peringkat", "kode_opd"])
    moved["kalimat"] = [_change_line(r) for r in moved.itertuples()]
    cols = ["kode_opd", "label", "status", "peringkat", "peringkat_sebelumnya", "perubahan"]
    return moved[[*cols, "kalimat"]].reset_index(drop=True)


def ringkasan_perubahan(changes: pd.DataFrame) -> str:
    """ "Naik 5 OPD, turun 4 OPD, baru 0 OPD, belum lapor 1 OPD." for the headline."""
    counts = changes["status"].value_counts()
    parts = [f"{s} {int(counts.get(s, 0))} OPD" for s in ("naik", "turun", "baru", "belum lapor")]
    text = ", ".join(parts) + "."
    return text[:1].upper() + text[1:]
