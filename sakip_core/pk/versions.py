"""PK versions per (tahun, kode_opd) and which one is in force in each quarter (issue 12, point 4).

Every `indikator` upload for a year and OPD is a new version. A later upload is a `koreksi` of
the one before: it takes its place from the same date (a typo fixed in March applies to the
whole year). The admin may declare a version a `perubahan` (PK Perubahan after a budget
revision) with a reason and the date it is in force from; the quarters that ended before that
date keep the earlier version.

The rule the ranking uses: **the PK of a quarter is the highest version whose start is on or
before the last day of the quarter**; a version's start is 1 January, or the `berlaku_mulai` of
the latest perubahan at or below it. `tw_awal`..`tw_akhir` store the result per version.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from sakip_core import audit, clock
from sakip_core.access import ADMIN, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle

JENIS_VERSI = ("awal", "koreksi", "perubahan")
VERSION_JOIN = (
    "LEFT JOIN pk_versi pv ON pv.tahun = i.tahun AND pv.kode_opd = i.kode_opd "
    "AND pv.versi = i.versi"
)


def in_force(quarter: str) -> str:
    """SQL: indicator row `i` (joined by VERSION_JOIN) is in the PK in force at `quarter`.

    Rows without a version record (files from before versions were recorded) fall back to
    the current (`aktif`) set."""
    return f"coalesce({quarter} BETWEEN pv.tw_awal AND pv.tw_akhir, pv.versi IS NULL AND i.aktif)"


class VersionError(ValueError):
    """A version change that cannot be made; the message is for the user."""


def quarter_end(tahun: int, triwulan: int) -> date:
    month = 3 * triwulan
    next_first = date(tahun + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(next_first.toordinal() - 1)


def record_versions(conn: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """Record the versions a writer just added (temp table `versi_baru`), then refresh."""
    (oleh, waktu) = conn.execute(
        "SELECT pengguna, waktu FROM batch_unggah WHERE id = ?", [batch_id]
    ).fetchone()
    new = conn.execute("SELECT tahun, kode_opd, versi FROM versi_baru").fetchall()
    for tahun, kode_opd, versi in new:
        jenis = "awal" if versi == 1 else "koreksi"
        # records at or above the new number belong to indicator rows deleted since
        conn.execute(
            "DELETE FROM pk_versi WHERE tahun = ? AND kode_opd = ? AND versi >= ?",
            [tahun, kode_opd, versi],
        )
        conn.execute(
            "INSERT INTO pk_versi (tahun, kode_opd, versi, jenis, batch_id, oleh, waktu) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [tahun, kode_opd, versi, jenis, batch_id, oleh, waktu],
        )
        refresh_in_force(conn, int(tahun), str(kode_opd))


def starts(versions: list[tuple[int, str, datetime | None]], tahun: int) -> dict[int, date]:
    """versi -> the date it is in force from (see the module docstring)."""
    start = date(tahun, 1, 1)
    out = {}
    for versi, jenis, mulai in sorted(versions):
        if jenis == "perubahan" and mulai is not None:
            start = max(start, mulai.date() if isinstance(mulai, datetime) else mulai)
        out[versi] = start
    return out


def quarters_in_force(
    versions: list[tuple[int, str, datetime | None]], tahun: int
) -> dict[int, tuple[int, int] | None]:
    """versi -> (first, last) quarter it is in force at the end of, or None."""
    start = starts(versions, tahun)
    picked: dict[int, list[int]] = {v: [] for v in start}
    for q in (1, 2, 3, 4):
        eligible = [v for v, s in start.items() if s <= quarter_end(tahun, q)]
        if eligible:
            picked[max(eligible)].append(q)
        elif start:
            picked[min(start)].append(q)
    return {v: (min(qs), max(qs)) if qs else None for v, qs in picked.items()}


def refresh_in_force(conn: duckdb.DuckDBPyConnection, tahun: int, kode_opd: str) -> None:
    rows = conn.execute(
        "SELECT versi, jenis, berlaku_mulai FROM pk_versi WHERE tahun = ? AND kode_opd = ?",
        [tahun, kode_opd],
    ).fetchall()
    for versi, span in quarters_in_force(rows, tahun).items():
        lo, hi = span if span else (None, None)
        conn.execute(
            "UPDATE pk_versi SET tw_awal = ?, tw_akhir = ? "
            "WHERE tahun = ? AND kode_opd = ? AND versi = ?",
            [lo, hi, tahun, kode_opd, versi],
        )


def mark_perubahan(
    handle: Handle,
    actor: Actor,
    tahun: int,
    kode_opd: str,
    versi: int,
    alasan: str,
    berlaku_mulai: date,
) -> None:
    """Declare a version a PK Perubahan in force from `berlaku_mulai` (admin only)."""
    require_role(actor, ADMIN)
    alasan = (alasan or "").strip()
    if not alasan:
        raise VersionError("Alasan PK Perubahan wajib diisi (misalnya perubahan APBD).")
    if berlaku_mulai.year != tahun:
        raise VersionError(f"Tanggal berlaku harus di tahun {tahun}.")
    with handle.transaction() as conn:
        rows = conn.execute(
            "SELECT versi, jenis, berlaku_mulai FROM pk_versi WHERE tahun = ? AND kode_opd = ?",
            [tahun, kode_opd],
        ).fetchall()
        _check_perubahan(rows, versi, berlaku_mulai)
        conn.execute(
            "UPDATE pk_versi SET jenis = 'perubahan', alasan = ?, berlaku_mulai = ? "
            "WHERE tahun = ? AND kode_opd = ? AND versi = ?",
            [alasan, datetime.combine(berlaku_mulai, datetime.min.time()), tahun, kode_opd, versi],
        )
        refresh_in_force(conn, tahun, kode_opd)
        audit.record(
            conn, actor.nama_pengguna, "pk_perubahan", tabel="pk_versi",
            kunci=f"{tahun}/{kode_opd}/v{versi}",
            baru={"alasan": alasan, "berlaku_mulai": berlaku_mulai.isoformat()},
            waktu=clock.now(),
        )  # fmt: skip


def _check_perubahan(rows: list[tuple[int, str, datetime | None]], versi: int, mulai: date) -> None:
    known = {v for v, _, _ in rows}
    if versi not in known:
        raise VersionError(f"Versi {versi} tidak ada.")
    if versi == min(known):
        raise VersionError("Versi pertama adalah PK awal; PK Perubahan adalah versi sesudahnya.")
    earlier = [m for v, j, m in rows if v < versi and j == "perubahan" and m is not None]
    if earlier and mulai < max(earlier).date():
        raise VersionError(
            f"Tanggal berlaku tidak boleh sebelum PK Perubahan sebelumnya "
            f"({max(earlier):%d-%m-%Y})."
        )


def versions(handle: Handle, tahun: int, kode_opd: str) -> pd.DataFrame:
    """Every version of one OPD's PK of a year with its kind, start and quarters in force."""
    return handle.query_df(
        "SELECT v.versi, v.jenis, v.berlaku_mulai, v.alasan, v.tw_awal, v.tw_akhir, v.oleh, "
        "v.waktu, (SELECT count(*) FROM indikator i WHERE i.tahun = v.tahun "
        "AND i.kode_opd = v.kode_opd AND i.versi = v.versi) AS jumlah_indikator "
        "FROM pk_versi v WHERE v.tahun = ? AND v.kode_opd = ? ORDER BY v.versi",
        [int(tahun), kode_opd],
    )


def version_in_force(handle: Handle, tahun: int, kode_opd: str, triwulan: int) -> int | None:
    df = versions(handle, tahun, kode_opd)
    hit = df[(df["tw_awal"] <= triwulan) & (df["tw_akhir"] >= triwulan)]
    return None if hit.empty else int(hit["versi"].iloc[0])
