"""The LKE worksheet service: proposals (usulan), finals (penetapan), scores, history, overview.

`lke` holds the evaluator's final answer per criterion (the only one that counts in scores and
rankings); `lke_usulan` holds the unit's own proposal. Every function takes the acting `Actor`
and checks access here: operators propose for their own OPD, admin/verifikator set finals,
everyone else reads (operators only their own OPD). The arithmetic is `calc.lke`'s.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from sakip_core import clock
from sakip_core.access import VERIFY, AccessDenied, require_opd, require_role
from sakip_core.audit import record
from sakip_core.auth import Actor
from sakip_core.calc.lke import (
    KOMPONEN_BOBOT,
    PREDIKAT_LABEL,
    SUBKOMPONEN,
    answer_value,
    predikat,
    sakip_scores,
    subkomponen_scores,
)
from sakip_core.db import Handle
from sakip_core.io.importer import check_upload
from sakip_core.io.writer import BatchMeta, write_batch
from sakip_core.rapim.indeks import lke_ranking

PEMDA = "PEMDA"
PROPOSERS = frozenset({"admin", "operator"})
HISTORY_ROLES = frozenset({"admin", "verifikator"})


@dataclass(frozen=True)
class Answer:
    """One criterion's answer as entered in the app."""

    tahun: int
    kode_unit: str
    komponen: str
    subkomponen: str
    kode_kriteria: str
    jawaban: str
    kriteria: str | None = None
    catatan: str | None = None
    bukti: str | None = None


def require_read(actor: Actor, unit: str) -> None:
    """Everyone but operators reads every unit; an operator reads only their own OPD."""
    if unit == PEMDA and not actor.is_operator:
        return
    if unit == PEMDA:
        raise AccessDenied("Akun operator hanya dapat melihat LKE OPD sendiri.")
    require_opd(actor, unit)


def require_propose(actor: Actor, unit: str) -> None:
    require_role(actor, PROPOSERS)
    if actor.is_operator and unit != actor.kode_opd:
        raise AccessDenied(f"Akun Anda hanya untuk OPD {actor.kode_opd}, bukan {unit}.")


def write_audit(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    aksi: str,
    tabel: str,
    kunci: str,
    lama: object,
    baru: object,
) -> None:
    """One audit row in the caller's transaction (`sakip_core.audit.record`)."""
    record(conn, actor.nama_pengguna, aksi, tabel=tabel, kunci=kunci, lama=lama, baru=baru)


def _check_answer(a: Answer) -> float:
    if a.komponen not in KOMPONEN_BOBOT:
        raise ValueError(f"komponen {a.komponen!r} tidak dikenal")
    if a.subkomponen not in SUBKOMPONEN:
        raise ValueError(f"subkomponen {a.subkomponen!r} tidak dikenal")
    if not str(a.kode_kriteria).strip():
        raise ValueError("kode kriteria wajib diisi")
    return answer_value(a.jawaban)


def _require_unit(h: Handle, unit: str) -> None:
    known = h.query_df("SELECT 1 FROM opd WHERE kode_opd = $u", {"u": unit})
    if unit != PEMDA and known.empty:
        raise ValueError(f"unit {unit!r} tidak dikenal (PEMDA atau kode OPD)")


def _key(a: Answer) -> str:
    return f"{a.tahun}|{a.kode_unit}|{a.kode_kriteria}"


def _row(conn: duckdb.DuckDBPyConnection, table: str, a: Answer) -> dict | None:
    cur = conn.execute(
        f"SELECT jawaban, nilai, catatan FROM {table} "
        "WHERE tahun = ? AND kode_unit = ? AND kode_kriteria = ?",
        [a.tahun, a.kode_unit, a.kode_kriteria],
    )
    row = cur.fetchone()
    return None if row is None else {"jawaban": row[0], "nilai": row[1], "catatan": row[2]}


def set_proposal(h: Handle, actor: Actor, a: Answer, waktu: datetime | None = None) -> float:
    """Record the unit's proposed answer (replaces its earlier proposal); returns the value."""
    require_propose(actor, a.kode_unit)
    nilai = _check_answer(a)
    _require_unit(h, a.kode_unit)
    with h.transaction() as conn:
        _write_proposal(conn, actor, a, nilai, waktu or clock.now())
    return nilai


def _write_proposal(
    conn: duckdb.DuckDBPyConnection, actor: Actor, a: Answer, nilai: float, waktu: datetime
) -> None:
    lama = _row(conn, "lke_usulan", a)
    conn.execute(
        "DELETE FROM lke_usulan WHERE tahun = ? AND kode_unit = ? AND kode_kriteria = ?",
        [a.tahun, a.kode_unit, a.kode_kriteria],
    )
    jawaban = a.jawaban.strip().upper()
    conn.execute(
        "INSERT INTO lke_usulan (tahun, kode_unit, komponen, subkomponen, kode_kriteria, "
        "kriteria, jawaban, nilai, catatan, bukti, pengguna, waktu) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [a.tahun, a.kode_unit, a.komponen, a.subkomponen, a.kode_kriteria, a.kriteria,
         jawaban, nilai, a.catatan, a.bukti, actor.nama_pengguna, waktu],
    )  # fmt: skip
    baru = {"jawaban": jawaban, "nilai": nilai, "catatan": a.catatan, "bukti": a.bukti}
    write_audit(conn, actor, "usulan_lke", "lke_usulan", _key(a), lama, baru)


def set_final(h: Handle, actor: Actor, a: Answer, waktu: datetime | None = None) -> float:
    """The evaluator's final answer: written as a one-row `lke` batch (old value to history)."""
    require_role(actor, VERIFY)
    nilai = _check_answer(a)
    _require_unit(h, a.kode_unit)
    jawaban = a.jawaban.strip().upper()
    rows = pd.DataFrame(
        [[a.tahun, a.kode_unit, a.komponen, a.subkomponen, a.kode_kriteria, a.kriteria,
          jawaban, nilai, a.catatan]],
        columns=["tahun", "kode_unit", "komponen", "subkomponen", "kode_kriteria", "kriteria",
                 "jawaban", "nilai", "catatan"],
    )  # fmt: skip
    digest = hashlib.sha256(f"penetapan|{_key(a)}|{jawaban}".encode()).hexdigest()
    meta = BatchMeta("lke", actor.nama_pengguna, "penetapan di aplikasi", digest, waktu)
    with h.transaction() as conn:  # the final and its audit row commit together
        lama = _row(conn, "lke", a)
        write_batch(conn, meta, rows)
        baru = {"jawaban": jawaban, "nilai": nilai, "catatan": a.catatan}
        write_audit(conn, actor, "penetapan_lke", "lke", _key(a), lama, baru)
    return nilai


PROPOSE_ROLES = frozenset({"admin", "verifikator", "operator"})


def propose_from_file(h: Handle, actor: Actor, data: bytes, nama_file: str) -> list[str]:
    """An `lke` file as PROPOSALS (whole-file check as the importer); returns the problems."""
    check = check_upload(h, "lke", data, nama_file, actor, roles=PROPOSE_ROLES)
    if not check.ok:
        return [str(p) for p in check.problems]
    for unit in check.rows["kode_unit"].unique():
        require_propose(actor, str(unit))
    waktu = clock.now()
    with h.transaction() as conn:  # all rows or none
        for r in check.rows.itertuples():
            catatan = None if pd.isna(r.catatan) else str(r.catatan)
            kriteria = None if pd.isna(r.kriteria) else str(r.kriteria)
            answer = Answer(int(r.tahun), r.kode_unit, r.komponen, r.subkomponen,
                            str(r.kode_kriteria), str(r.jawaban), kriteria, catatan)  # fmt: skip
            _write_proposal(conn, actor, answer, float(r.nilai), waktu)
    return []


def worksheet(h: Handle, actor: Actor, tahun: int, unit: str) -> pd.DataFrame:
    """Every criterion of the unit with usulan and penetapan side by side, who/when, selisih."""
    require_read(actor, unit)
    return h.query_df(
        """
WITH f AS (SELECT l.*, b.pengguna AS pengguna_penetapan, b.waktu AS waktu_penetapan
           FROM lke l LEFT JOIN batch_unggah b ON b.id = l.batch_id
           WHERE l.tahun = $t AND l.kode_unit = $u),
u AS (SELECT * FROM lke_usulan WHERE tahun = $t AND kode_unit = $u)
SELECT coalesce(f.komponen, u.komponen) AS komponen,
       coalesce(f.subkomponen, u.subkomponen) AS subkomponen,
       coalesce(f.kode_kriteria, u.kode_kriteria) AS kode_kriteria,
       coalesce(f.kriteria, u.kriteria) AS kriteria,
       u.jawaban AS jawaban_usulan, u.nilai AS nilai_usulan, u.catatan AS catatan_usulan,
       u.bukti, u.pengguna AS pengguna_usulan, u.waktu AS waktu_usulan,
       f.jawaban AS jawaban_penetapan, f.nilai AS nilai_penetapan,
       f.catatan AS catatan_penetapan, f.pengguna_penetapan, f.waktu_penetapan,
       f.nilai - u.nilai AS selisih
FROM f FULL OUTER JOIN u ON f.kode_kriteria = u.kode_kriteria
ORDER BY array_position(ARRAY['perencanaan','pengukuran','pelaporan','evaluasi'],
                        coalesce(f.komponen, u.komponen)),
         array_position(ARRAY['pemenuhan','kualitas','pemanfaatan'],
                        coalesce(f.subkomponen, u.subkomponen)), 3""",
        {"t": int(tahun), "u": unit},
    )


def scores(h: Handle, actor: Actor, tahun: int, unit: str) -> dict[str, object]:
    """Sub-component and component scores (from the finals), total and predikat."""
    require_read(actor, unit)
    sub = subkomponen_scores(h, tahun, unit)
    rows = sakip_scores(h, tahun, unit)
    komp = rows[rows["komponen"] != "total"].reset_index(drop=True)
    total = float(rows.loc[rows["komponen"] == "total", "nilai"].iloc[0]) if len(rows) else 0.0
    code = predikat(total)
    return {"subkomponen": sub, "komponen": komp, "total": total, "predikat": code,
            "predikat_label": PREDIKAT_LABEL[code]}  # fmt: skip


def history(h: Handle, actor: Actor, unit: str) -> pd.DataFrame:
    """Computed totals for every year with finals, plus entered past results (riwayat_evaluasi)."""
    require_read(actor, unit)
    years = h.query_df("SELECT DISTINCT tahun FROM lke WHERE kode_unit = $u", {"u": unit})
    rows = []
    for tahun in sorted(int(t) for t in years["tahun"]):
        s = sakip_scores(h, tahun, unit)
        total = float(s.loc[s["komponen"] == "total", "nilai"].iloc[0])
        rows.append((tahun, total, predikat(total), "dihitung dari LKE"))
    past = h.query_df(
        "SELECT tahun, nilai, predikat, sumber FROM riwayat_evaluasi "
        "WHERE jenis = 'sakip' AND kode_unit = $u ORDER BY tahun",
        {"u": unit},
    )
    computed = {r[0] for r in rows}
    for r in past.itertuples():
        if int(r.tahun) not in computed:
            code = r.predikat if isinstance(r.predikat, str) and r.predikat else predikat(r.nilai)
            rows.append((int(r.tahun), float(r.nilai), code, r.sumber or "hasil resmi"))
    df = pd.DataFrame(rows, columns=["tahun", "nilai", "predikat", "sumber"])
    return df.sort_values("tahun").reset_index(drop=True)


def add_past_result(
    h: Handle, actor: Actor, jenis: str, tahun: int, unit: str, nilai: float, sumber: str
) -> None:
    """Enter (or replace) an official past result, e.g. SAKIP 61,79 in 2023."""
    require_role(actor, HISTORY_ROLES)
    if jenis not in ("sakip", "rb"):
        raise ValueError("jenis harus sakip atau rb")
    if not 0 <= nilai <= 120:
        raise ValueError("nilai harus antara 0 dan 120")
    with h.transaction() as conn:
        where = "jenis = ? AND tahun = ? AND kode_unit = ?"
        old = conn.execute(f"SELECT nilai FROM riwayat_evaluasi WHERE {where}",
                           [jenis, tahun, unit]).fetchone()  # fmt: skip
        conn.execute(f"DELETE FROM riwayat_evaluasi WHERE {where}", [jenis, tahun, unit])
        conn.execute(
            "INSERT INTO riwayat_evaluasi (jenis, tahun, kode_unit, nilai, predikat, sumber) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [jenis, tahun, unit, nilai, predikat(nilai), sumber],
        )
        key = f"{jenis}|{tahun}|{unit}"
        write_audit(conn, actor, "riwayat_evaluasi", "riwayat_evaluasi", key,
                    None if old is None else old[0], nilai)  # fmt: skip


INTERNAL_READERS = frozenset({"admin", "pimpinan", "analis", "verifikator"})


def internal_overview(h: Handle, actor: Actor, tahun: int) -> pd.DataFrame:
    """The Evaluasi Internal page's table: `rapim.lke_ranking` (THE LKE ranking, also on the
    Rapim LKE tab), for the roles that may see every OPD; operators are refused here."""
    require_role(actor, INTERNAL_READERS)
    return lke_ranking(h, actor, tahun)


def predikat_distribution(overview: pd.DataFrame) -> pd.DataFrame:
    """How many OPDs per predikat, AA first (zero rows kept)."""
    codes = list(PREDIKAT_LABEL)
    counts = overview["predikat"].value_counts().reindex(codes, fill_value=0)
    return pd.DataFrame({"predikat": codes, "keterangan": [PREDIKAT_LABEL[c] for c in codes],
                         "jumlah": counts.to_numpy()})  # fmt: skip


def years(h: Handle) -> list[int]:
    """Years that have final LKE answers, newest first."""
    df = h.query_df("SELECT DISTINCT tahun FROM lke ORDER BY tahun DESC NULLS LAST")
    return [int(t) for t in df["tahun"]]


def units(h: Handle, actor: Actor) -> list[str]:
    """Units this user may open: PEMDA and every OPD, or an operator's own OPD."""
    if actor.is_operator:
        return [actor.kode_opd] if actor.kode_opd else []
    opds = h.query_df("SELECT kode_opd FROM opd ORDER BY kode_opd")["kode_opd"].tolist()
    return [PEMDA, *opds]
