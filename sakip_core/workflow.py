"""The reporting workflow of realisations: draft -> diajukan -> diverifikasi | ditolak -> final.

- `submit`: the operator of the OPD (or the admin) hands in draft or rejected values.
- `approve` / `reject`: a verifier (or the admin) decides on submitted values, per OPD or per
  value; a rejection needs a note, which goes back to the operator with the value.
- `finalize`: verified values become final (admin or verifier).
Every change is one transaction with one audit row per value (old and new status).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from sakip_core import audit, clock
from sakip_core.access import VERIFY, AccessDenied, narrow, require_opd, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.fmt import angka_tepat

STATUSES = ("draft", "diajukan", "diverifikasi", "ditolak", "final")
SUBMITTERS = frozenset({"admin", "operator"})
VERIFIED = ("diverifikasi", "final")
DATA_LABELS = {
    "terverifikasi": "terverifikasi",
    "sementara": "sementara",
    "belum_lapor": "belum lapor",
}


def data_label(status_data: object, late: str | None = None) -> str:
    """How a `status_data` value reads on screens and exports; `late` replaces "belum lapor"
    where another column already says it (the Rapim leaderboard shows "–")."""
    text = DATA_LABELS.get(str(status_data), str(status_data))
    return late if late is not None and status_data == "belum_lapor" else text


class WorkflowError(ValueError):
    """A transition that is not allowed now; the message is safe to show (Bahasa Indonesia)."""


@dataclass(frozen=True)
class Selection:
    """The values an action applies to: one OPD's quarter, optionally some indicators only."""

    tahun: int
    triwulan: int
    kode_opd: str
    kode_indikator: tuple[str, ...] | None = None
    # the values the verifier was shown, parallel to kode_indikator: a decision is refused when
    # a value was changed (re-uploaded, resubmitted) since the page showed it
    seen: tuple[float | None, ...] | None = None


def _locked_by(conn: duckdb.DuckDBPyConnection, tahun: int, triwulan: int) -> str | None:
    row = conn.execute(
        "SELECT oleh, waktu FROM kunci_triwulan WHERE tahun = ? AND triwulan = ? AND terkunci "
        "ORDER BY id DESC LIMIT 1",
        [tahun, triwulan],
    ).fetchone()
    if row is None:
        return None
    when = f" pada {row[1]:%d-%m-%Y %H:%M}" if row[1] else ""
    return f"{row[0] or 'admin'}{when}"


def _transition(
    handle: Handle,
    actor: Actor,
    sel: Selection,
    allowed_from: tuple[str, ...],
    to: str,
    catatan: str | None = None,
) -> int:
    """Move the selected values in `allowed_from` to `to`; returns how many moved."""
    where = "tahun = ? AND triwulan = ? AND kode_opd = ?"
    params: list[object] = [sel.tahun, sel.triwulan, sel.kode_opd]
    if sel.kode_indikator is not None:
        where += " AND list_contains(?, kode_indikator)"
        params.append(list(sel.kode_indikator))
    is_review = to in ("diverifikasi", "ditolak")
    now = clock.now()
    with handle.transaction() as conn:
        if to == "diajukan" and (who := _locked_by(conn, sel.tahun, sel.triwulan)):
            raise WorkflowError(
                f"Triwulan {sel.triwulan} tahun {sel.tahun} sudah dikunci oleh {who}; "
                "pengajuan ditolak. Hubungi admin bila perlu dibuka."
            )
        rows = conn.execute(
            f"SELECT id, kode_indikator, status, realisasi FROM realisasi WHERE {where} "
            "ORDER BY kode_indikator",
            params,
        ).fetchall()
        moving = [r for r in rows if r[2] in allowed_from]
        if not moving:
            raise WorkflowError(_nothing_message(rows, allowed_from))
        if is_review:
            _check_seen(sel, moving)
        conn.execute(
            "UPDATE realisasi SET status = ?, catatan_verifikasi = ?, diverifikasi_oleh = ?, "
            "diverifikasi_pada = ? WHERE list_contains(?, id)",
            [to, catatan if is_review else None, actor.nama_pengguna if is_review else None,
             now if is_review else None, [r[0] for r in moving]],
        )  # fmt: skip
        for _rid, kode, old, nilai in moving:
            audit.record(
                conn, actor.nama_pengguna, f"status_{to}", tabel="realisasi",
                kunci=f"{sel.tahun}/TW{sel.triwulan}/{sel.kode_opd}/{kode}",
                lama={"status": old, "realisasi": nilai},
                baru={"status": to, "catatan": catatan}, waktu=now,
            )  # fmt: skip
    return len(moving)


def _same(shown: float | None, stored: float | None) -> bool:
    blank = [v is None or v != v for v in (shown, stored)]  # None or NaN: no value
    return all(blank) or (not any(blank) and float(shown) == float(stored))  # type: ignore[arg-type]


def _check_seen(sel: Selection, moving: list[tuple]) -> None:
    """Refuse a decision on a value that changed after the verifier's page showed it."""
    if sel.seen is None or sel.kode_indikator is None:
        return
    shown = dict(zip(sel.kode_indikator, sel.seen, strict=True))
    for _rid, kode, _status, nilai in moving:
        if kode in shown and not _same(shown[kode], nilai):
            raise WorkflowError(
                f"Nilai {kode} telah diubah sejak halaman ini dibuka (kini {angka_tepat(nilai)}); "
                "tidak ada yang diputuskan. Periksa nilai terbaru lalu putuskan lagi."
            )


def _nothing_message(rows: list[tuple], allowed_from: tuple[str, ...]) -> str:
    if not rows:
        return "Tidak ada realisasi pada pilihan ini."
    return "Tidak ada realisasi berstatus " + " atau ".join(allowed_from) + " pada pilihan ini."


def submit(handle: Handle, actor: Actor, sel: Selection) -> int:
    """Operator (own OPD) or admin: draft and rejected values -> diajukan."""
    require_role(actor, SUBMITTERS)
    require_opd(actor, sel.kode_opd)
    return _transition(handle, actor, sel, ("draft", "ditolak"), "diajukan")


def approve(handle: Handle, actor: Actor, sel: Selection, catatan: str | None = None) -> int:
    """Verifier or admin: diajukan -> diverifikasi."""
    require_role(actor, VERIFY)
    note = (catatan or "").strip() or None
    return _transition(handle, actor, sel, ("diajukan",), "diverifikasi", note)


def reject(handle: Handle, actor: Actor, sel: Selection, catatan: str) -> int:
    """Verifier or admin: diajukan (or diverifikasi) -> ditolak; the note is required."""
    require_role(actor, VERIFY)
    note = (catatan or "").strip()
    if not note:
        raise WorkflowError("Catatan wajib diisi saat menolak realisasi.")
    return _transition(handle, actor, sel, ("diajukan", "diverifikasi"), "ditolak", note)


def finalize(handle: Handle, actor: Actor, sel: Selection) -> int:
    """Verifier or admin: diverifikasi -> final."""
    require_role(actor, VERIFY)
    return _transition(handle, actor, sel, ("diverifikasi",), "final")


def queue(handle: Handle, actor: Actor, tahun: int | None = None) -> pd.DataFrame:
    """The verifier's queue: one row per OPD and quarter with submitted values waiting."""
    require_role(actor, VERIFY)
    where = "AND r.tahun = ?" if tahun else ""
    return handle.query_df(
        f"""SELECT r.tahun, r.triwulan, r.kode_opd, o.nama_opd,
                   count(*) AS jumlah_diajukan, max(b.waktu) AS diunggah_terakhir
            FROM realisasi r JOIN opd o USING (kode_opd)
            LEFT JOIN batch_unggah b ON b.id = r.batch_id
            WHERE r.status = 'diajukan' {where}
            GROUP BY r.tahun, r.triwulan, r.kode_opd, o.nama_opd
            ORDER BY r.tahun, r.triwulan, r.kode_opd""",
        [tahun] if tahun else [],
    )


def read_realisasi(
    handle: Handle, actor: Actor, tahun: int, triwulan: int, kode_opd: str | None = None
) -> pd.DataFrame:
    """Realisations of a quarter with indicator, status and note, scoped to what `actor` may see.

    Operators see only their own OPD's inputs; asking for another OPD is refused.
    """
    if kode_opd is not None:
        require_opd(actor, kode_opd)
    scope = narrow(actor, [kode_opd] if kode_opd else None)
    if scope == []:
        raise AccessDenied("Tidak ada OPD yang boleh Anda lihat.")
    where = "AND list_contains(?, r.kode_opd)" if scope is not None else ""
    params: list[object] = [tahun, triwulan] + ([scope] if scope is not None else [])
    return handle.query_df(
        f"""SELECT r.kode_opd, r.kode_indikator, i.indikator, i.satuan, r.realisasi,
                   r.keterangan, r.status, r.catatan_verifikasi, r.diverifikasi_oleh,
                   r.diverifikasi_pada, r.batch_id,
                   (SELECT count(*) FROM bukti b WHERE b.tahun = r.tahun
                      AND b.triwulan = r.triwulan AND b.kode_indikator = r.kode_indikator
                      AND b.kode_opd = r.kode_opd) AS jumlah_bukti
            FROM realisasi r
            LEFT JOIN indikator i ON i.aktif AND i.tahun = r.tahun
                 AND i.kode_indikator = r.kode_indikator
            WHERE r.tahun = ? AND r.triwulan = ? {where}
            ORDER BY r.kode_opd, r.kode_indikator""",
        params,
    )


def verification_summary(handle: Handle, actor: Actor, tahun: int, triwulan: int) -> pd.DataFrame:
    """Per OPD and quarter: counts per status and `status_data` (terverifikasi | sementara).

    A figure is *terverifikasi* when every realisation of the OPD for the quarter is diverifikasi
    or final; otherwise it is *sementara* (provisional). For the verification pages; rankings
    take `status_data` from `sakip_core.rapim.leaderboard`, which also says *belum_lapor*.
    """
    return status_counts(handle, tahun, triwulan, narrow(actor, None))


def status_counts(
    handle: Handle, tahun: int, triwulan: int, opds: list[str] | None = None
) -> pd.DataFrame:
    """`verification_summary` without an actor: for callers that scope rows themselves (the
    leaderboard). OPDs without any realisation for the quarter have no row."""
    where = "AND list_contains(?, kode_opd)" if opds is not None else ""
    counts = ", ".join(f"count(*) FILTER (WHERE status = '{s}') AS {s}" for s in STATUSES)
    return handle.query_df(
        f"""SELECT kode_opd, count(*) AS jumlah, {counts},
                   CASE WHEN count(*) FILTER (WHERE status NOT IN ('diverifikasi', 'final')) = 0
                        THEN 'terverifikasi' ELSE 'sementara' END AS status_data
            FROM realisasi WHERE tahun = ? AND triwulan = ? {where}
            GROUP BY kode_opd ORDER BY kode_opd""",
        [tahun, triwulan] + ([opds] if opds is not None else []),
    )
