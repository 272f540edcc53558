"""Rapim sessions (issue 14, point 1): the admin opens a Rapim and its figures are frozen.

A session records its date, title, the PK period of the ranking and the month of the RB and
serapan figures. At opening, every table the Rapim page shows (`PAPAN`) is computed once by
the same read models as the live page and stored as JSON in `rapim_snapshot`, together with
what changed since the previous Rapim (`sejak`) and the follow-up of its pendampingan
(`tindak_lanjut`), so a past Rapim is shown and printed exactly as it was shown then.

Access: opening is for the admin; sessions and snapshots name every OPD, so reading them is
for the reading roles (`READ_ALL`); an operator is refused.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from sakip_core import audit, clock, lhe
from sakip_core.access import ADMIN, READ_ALL, AccessDenied, require_role
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_detail
from sakip_core.calc.period import known_years
from sakip_core.db import Handle
from sakip_core.explorer_charts import deadline
from sakip_core.rapim import board as rb
from sakip_core.rapim import indeks
from sakip_core.rapim.sejak import bandingkan, tindak_lanjut

Figures = dict[str, pd.DataFrame]
PAPAN = ("peringkat", "penghargaan", "pendampingan", "indeks", "lke", "lhe", "rb", "rb_peta",
         "serapan", "indikator")  # fmt: skip
INDIKATOR_COLUMNS = ["kode_opd", "kode_indikator", "indikator", "satuan", "target_sd",
                     "realisasi_sd", "capaian", "kategori", "dilaporkan"]  # fmt: skip


class RapimError(ValueError):
    """A session that cannot be opened or found (message in Indonesian)."""


@dataclass(frozen=True)
class Sesi:
    id: int
    tanggal: date
    judul: str
    tahun: int
    triwulan: int
    tahun_bulan: int
    bulan: int
    dibuka_oleh: str
    dibuka_pada: datetime
    pembanding_id: int | None = None


def _month_end(tahun: int, bulan: int) -> datetime:
    first_next = date(tahun + 1, 1, 1) if bulan == 12 else date(tahun, bulan + 1, 1)
    return datetime.combine(first_next, datetime.min.time())


def pk_period(h: Handle, tahun: int, bulan: int, now: datetime) -> tuple[int, int] | None:
    """The PK quarter a Rapim of (tahun, bulan) ranks: the latest quarter whose reporting
    deadline has passed by the end of that month (or by `now`, when the month is still running).
    None when no quarter of a PK year has passed its deadline by then."""
    moment = min(_month_end(tahun, bulan), now)
    passed = [
        (t, q) for t in sorted(known_years(h)) for q in (1, 2, 3, 4) if deadline(h, t, q) <= moment
    ]
    return max(passed) if passed else None


def figures(
    h: Handle, actor: Actor, tahun: int, triwulan: int, tahun_bulan: int, bulan: int
) -> Figures:
    """Every table of the Rapim for the PK period and the RB/serapan month, from the read models
    the live page uses (reading roles only)."""
    require_role(actor, READ_ALL)
    now = clock.now()
    board = rb.leaderboard(h, actor, tahun, triwulan)
    kandidat = rb.kandidat(h, actor, tahun, triwulan, board=board)
    cap = capaian_detail(h, tahun, triwulan)
    return {
        "peringkat": board,
        "penghargaan": kandidat["penghargaan"],
        "pendampingan": kandidat["pendampingan"],
        "indeks": indeks.indeks_kinerja(h, actor, tahun, triwulan),
        "lke": indeks.lke_ranking(h, actor, tahun),
        "lhe": lhe.progress(h, actor, tahun, min(_month_end(tahun_bulan, bulan), now).date()),
        "rb": indeks.rb_ranking(h, actor, tahun_bulan, bulan),
        "rb_peta": indeks.rb_heatmap(h, actor, tahun_bulan, bulan).rename_axis("opd").reset_index(),
        "serapan": indeks.serapan_ranking(h, actor, tahun_bulan, bulan),
        "indikator": cap.loc[cap["level"] == "opd", INDIKATOR_COLUMNS].reset_index(drop=True),
    }


def heat_table(peta: pd.DataFrame) -> pd.DataFrame:
    """The RB heat map of `figures` (a plain frame, so it survives JSON) as `rb_heatmap` gives it:
    OPD labels as the index, the areas as columns."""
    table = peta.set_index("opd")
    table.index.name, table.columns.name = None, "area"
    return table


def _to_json(df: pd.DataFrame) -> str:
    return df.reset_index(drop=True).to_json(orient="table", index=False, date_format="iso")


def _from_json(text: str) -> pd.DataFrame:
    return pd.read_json(io.StringIO(text), orient="table")


def _sesi(row: tuple) -> Sesi:
    i, tanggal, judul, tahun, tw, tb, bulan, oleh, pada, banding = row
    return Sesi(int(i), pd.Timestamp(tanggal).date(), str(judul), int(tahun), int(tw), int(tb),
                int(bulan), str(oleh), pd.Timestamp(pada).to_pydatetime(),
                None if banding is None else int(banding))  # fmt: skip


SESI_SQL = (
    "SELECT id, tanggal, judul, tahun, triwulan, tahun_bulan, bulan, dibuka_oleh, dibuka_pada, "
    "pembanding_id FROM rapim_sesi"
)


def daftar(h: Handle, actor: Actor) -> list[Sesi]:
    """Every Rapim, the latest first (by date, then by opening)."""
    require_role(actor, READ_ALL)
    with h.cursor() as conn:
        rows = conn.execute(f"{SESI_SQL} ORDER BY tanggal DESC NULLS LAST, id DESC").fetchall()
    return [_sesi(r) for r in rows]


def ambil(h: Handle, actor: Actor, sesi_id: int) -> Sesi:
    require_role(actor, READ_ALL)
    with h.cursor() as conn:
        row = conn.execute(f"{SESI_SQL} WHERE id = ?", [int(sesi_id)]).fetchone()
    if row is None:
        raise RapimError(f"Rapim nomor {sesi_id} tidak ditemukan.")
    return _sesi(row)


def sebelum(h: Handle, actor: Actor, sesi_id: int | None = None) -> Sesi | None:
    """The Rapim that `sesi_id` was compared with when it was opened (None for the first);
    without `sesi_id`, the latest Rapim (the one the next Rapim compares with)."""
    if sesi_id is not None:
        s = ambil(h, actor, sesi_id)
        return None if s.pembanding_id is None else ambil(h, actor, s.pembanding_id)
    sessions = daftar(h, actor)
    return sessions[0] if sessions else None


def snapshot(h: Handle, actor: Actor, sesi_id: int) -> Figures:
    """The frozen tables of a Rapim: `PAPAN` plus `sejak` and `tindak_lanjut`."""
    if actor.peran not in READ_ALL:
        raise AccessDenied("Rapim yang lalu memuat semua OPD; hanya untuk peran pembaca.")
    df = h.query_df("SELECT papan, isi FROM rapim_snapshot WHERE sesi_id = $s", {"s": int(sesi_id)})
    if df.empty:
        raise RapimError(f"Rapim nomor {sesi_id} tidak memiliki potret data.")
    return {str(p): _from_json(str(t)) for p, t in zip(df["papan"], df["isi"], strict=True)}


def _validate(judul: str, tahun: int, triwulan: int, bulan: int) -> str:
    title = " ".join(str(judul).split())
    if not title:
        raise RapimError("Judul Rapim wajib diisi.")
    if len(title) > 200:
        raise RapimError("Judul Rapim paling panjang 200 karakter.")
    if triwulan not in (1, 2, 3, 4) or not 1 <= bulan <= 12:
        raise RapimError("Triwulan harus 1–4 dan bulan 1–12.")
    return title


def buka(
    h: Handle, actor: Actor, tanggal: date, judul: str, periode: tuple[int, int],
    bulan: tuple[int, int],
) -> int:  # fmt: skip
    """Open a Rapim (admin): freeze its figures and what changed since the previous Rapim.

    `periode` = (tahun, triwulan) of the PK ranking, `bulan` = (tahun, bulan) of RB and serapan.
    One transaction: the session, its snapshot tables and the audit row. Returns the new id.
    """
    require_role(actor, ADMIN)
    (tahun, triwulan), (tahun_bulan, nomor_bulan) = periode, bulan
    title = _validate(judul, tahun, triwulan, nomor_bulan)
    if tahun not in known_years(h):
        raise RapimError(f"Tahun {tahun} tidak memiliki PK; Rapim tidak dapat dibuka.")
    from sakip_core.reports.rapim_tables import report_header

    last = sebelum(h, actor)
    _check_order(last, tanggal, title)
    kini = figures(h, actor, tahun, triwulan, tahun_bulan, nomor_bulan)
    kini |= compare_with_last(h, actor, kini, last)
    kini["kop"] = pd.DataFrame([vars(report_header(h))])  # the header it prints with
    now = clock.now()
    with h.transaction() as conn:
        latest = conn.execute("SELECT max(id) FROM rapim_sesi").fetchone()[0]
        if latest != (last.id if last else None):  # another admin opened one meanwhile
            raise RapimError("Rapim lain baru saja dibuka; muat ulang halaman lalu periksa.")
        sesi_id = int(conn.execute("SELECT nextval('seq_rapim_sesi')").fetchone()[0])
        conn.execute(
            "INSERT INTO rapim_sesi (id, tanggal, judul, tahun, triwulan, tahun_bulan, bulan, "
            "dibuka_oleh, dibuka_pada, pembanding_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [sesi_id, tanggal, title, tahun, triwulan, tahun_bulan, nomor_bulan,
             actor.nama_pengguna, now, last.id if last else None],
        )  # fmt: skip
        for papan, df in kini.items():
            conn.execute(
                "INSERT INTO rapim_snapshot (sesi_id, papan, isi) VALUES (?, ?, ?)",
                [sesi_id, papan, _to_json(df)],
            )
        audit.record(
            conn, actor.nama_pengguna, "rapim_buka", tabel="rapim_sesi", kunci=str(sesi_id),
            baru={"tanggal": tanggal, "judul": title, "periode": f"{tahun}/TW{triwulan}",
                  "bulan": f"{tahun_bulan}-{nomor_bulan:02d}"}, waktu=now,
        )  # fmt: skip
    return sesi_id


def _check_order(last: Sesi | None, tanggal: date, title: str) -> None:
    """Rapim follow each other: none dated before the last one, and no second one of the same
    date and title (a double click)."""
    if last is None:
        return
    if tanggal < last.tanggal:
        raise RapimError(
            f"Tanggal Rapim tidak boleh sebelum Rapim terakhir ({last.judul}, "
            f"{last.tanggal:%d-%m-%Y}): Sejak Rapim lalu membandingkan dengan Rapim sebelumnya."
        )
    if tanggal == last.tanggal and title == last.judul:
        raise RapimError(f"Rapim {title} tanggal {tanggal:%d-%m-%Y} sudah dibuka.")


def compare_with_last(h: Handle, actor: Actor, kini: Figures, last: Sesi | None) -> Figures:
    """{"sejak": changes since the `last` Rapim's snapshot, "tindak_lanjut": its pendampingan
    then and now}; both empty when there is no earlier Rapim."""
    from sakip_core.rapim.keputusan import daftar_keputusan

    if last is None:
        return {"sejak": bandingkan(h, None, kini), "tindak_lanjut": tindak_lanjut(h, None, kini)}
    lalu = snapshot(h, actor, last.id)
    decisions = daftar_keputusan(h, actor, last.id)
    return {
        "sejak": bandingkan(h, lalu, kini),
        "tindak_lanjut": tindak_lanjut(h, lalu, kini, decisions, clock.now().date()),
    }
