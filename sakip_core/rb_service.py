"""Reformasi Birokrasi services: index per framework (data), history, component scores entered
or imported, an OPD's rencana aksi items and their monthly realisation (capaian.md section 9).

The monthly RB ranking and the heat map are `sakip_core.rapim.rb_ranking` / `rb_heatmap`: one
read model each, shown by the Reformasi Birokrasi page and the Rapim RB tab alike.

Frameworks live in `rb_kerangka` / `rb_komponen`; nothing here names a framework's components,
so the 2023+ RB General + Tematik framework works exactly like the 2020 one.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from sakip_core.access import AccessDenied, require_opd, require_role
from sakip_core.auth import Actor
from sakip_core.calc.lke import predikat
from sakip_core.calc.period import check_bulan
from sakip_core.calc.rb import rb_index, rb_item_progress
from sakip_core.db import Handle
from sakip_core.io.limits import upload_limits
from sakip_core.io.reader import ROW_COL, FileProblem, read_table
from sakip_core.io.writer import BatchMeta, write_batch
from sakip_core.lke_service import write_audit

INDEX_WRITERS = frozenset({"admin", "verifikator"})
AKSI_WRITERS = frozenset({"admin", "operator"})
READERS = frozenset({"admin", "pimpinan", "analis", "verifikator", "operator"})
NILAI_COLUMNS = ["tahun", "kode_kerangka", "kode_komponen", "nilai"]


def frameworks(h: Handle) -> pd.DataFrame:
    return h.query_df("SELECT * FROM rb_kerangka ORDER BY tahun_mulai, kode_kerangka")


def leaves(h: Handle, kerangka: str) -> pd.DataFrame:
    """The components that carry scores (no children), with their maximum."""
    return h.query_df(
        """SELECT kode_komponen, nama, induk, maksimum FROM rb_komponen k
           WHERE kode_kerangka = $k AND NOT EXISTS (SELECT 1 FROM rb_komponen c
                 WHERE c.kode_kerangka = k.kode_kerangka AND c.induk = k.kode_komponen)
           ORDER BY urutan, kode_komponen""",
        {"k": kerangka},
    )


def index(h: Handle, actor: Actor, tahun: int, kerangka: str) -> dict[str, object]:
    require_role(actor, READERS)
    return rb_index(h, tahun, kerangka)


def index_history(h: Handle, actor: Actor, kerangka: str) -> pd.DataFrame:
    """Index per year with scores in this framework, plus entered past RB results."""
    require_role(actor, READERS)
    years = h.query_df(
        "SELECT DISTINCT tahun FROM rb_nilai WHERE kode_kerangka = $k ORDER BY tahun",
        {"k": kerangka},
    )
    rows = []
    for tahun in (int(t) for t in years["tahun"]):
        res = rb_index(h, tahun, kerangka)
        rows.append((tahun, float(res["indeks"]), str(res["predikat"]), "dihitung"))
    past = h.query_df(
        "SELECT tahun, nilai, sumber FROM riwayat_evaluasi "
        "WHERE jenis = 'rb' AND kode_unit = 'PEMDA' ORDER BY tahun"
    )
    done = {r[0] for r in rows}
    for r in past.itertuples():
        if int(r.tahun) not in done:
            rows.append((int(r.tahun), float(r.nilai), predikat(r.nilai), r.sumber or "resmi"))
    df = pd.DataFrame(rows, columns=["tahun", "indeks", "predikat", "sumber"])
    return df.sort_values("tahun").reset_index(drop=True)


def check_scores(h: Handle, df: pd.DataFrame) -> list[str]:
    """Problems of a table of component scores (tahun, kode_kerangka, kode_komponen, nilai)."""
    missing = [c for c in NILAI_COLUMNS if c not in df.columns]
    if missing:
        return [f"kolom wajib tidak ada: {', '.join(missing)}"]
    problems = []
    for i, r in enumerate(df.itertuples(), start=2):
        comp = leaves(h, str(r.kode_kerangka))
        maks = dict(zip(comp["kode_komponen"], comp["maksimum"], strict=True))
        nilai = pd.to_numeric(str(r.nilai).replace(",", "."), errors="coerce")
        if comp.empty:
            problems.append(f"baris {i}, kolom kode_kerangka: kerangka tidak dikenal")
        elif r.kode_komponen not in maks:
            problems.append(f"baris {i}, kolom kode_komponen: bukan komponen penilaian kerangka")
        elif pd.isna(nilai) or not 0 <= nilai <= maks[r.kode_komponen]:
            problems.append(f"baris {i}, kolom nilai: harus angka 0..{maks[r.kode_komponen]:g}")
        if pd.isna(pd.to_numeric(r.tahun, errors="coerce")):
            problems.append(f"baris {i}, kolom tahun: harus tahun (angka)")
    return problems


def set_scores(h: Handle, actor: Actor, df: pd.DataFrame) -> list[str]:
    """Enter component scores (all or nothing); returns the problems (empty = written)."""
    require_role(actor, INDEX_WRITERS)
    problems = check_scores(h, df)
    if problems:
        return problems
    with h.transaction() as conn:
        for r in df.itertuples():
            key = [int(r.tahun), str(r.kode_kerangka), str(r.kode_komponen)]
            where = "tahun = ? AND kode_kerangka = ? AND kode_komponen = ?"
            old = conn.execute(f"SELECT nilai FROM rb_nilai WHERE {where}", key).fetchone()
            conn.execute(f"DELETE FROM rb_nilai WHERE {where}", key)
            nilai = float(str(r.nilai).replace(",", "."))
            conn.execute(
                "INSERT INTO rb_nilai (tahun, kode_kerangka, kode_komponen, nilai) "
                "VALUES (?, ?, ?, ?)",
                [*key, nilai],
            )
            write_audit(conn, actor, "nilai_rb", "rb_nilai", "|".join(map(str, key)),
                        None if old is None else old[0], nilai)  # fmt: skip
    return []


def import_scores(h: Handle, actor: Actor, data: bytes, nama_file: str) -> list[str]:
    """A CSV or XLSX of component scores, checked whole before anything is written."""
    require_role(actor, INDEX_WRITERS)
    try:  # the uploads' own reader: the same size, zip-bomb and sheet-extent limits
        raw = read_table(data, nama_file, upload_limits(h))
    except FileProblem as exc:
        return [str(exc)]
    return set_scores(h, actor, raw.cells.drop(columns=[ROW_COL]).map(_cell_text))


def _cell_text(value: object) -> str | None:
    """A cell as text (Excel's whole numbers as `2025`, not `2025.0`)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def items(h: Handle, actor: Actor, tahun: int, bulan: int, kode_opd: str) -> pd.DataFrame:
    require_opd(actor, kode_opd)
    df = rb_item_progress(h, tahun, bulan)
    return df[df["kode_opd"] == kode_opd].reset_index(drop=True)


def set_realisasi(
    h: Handle, actor: Actor, tahun: int, bulan: int, kode_opd: str, kode_aksi: str,
    target: float, realisasi: float,
) -> None:  # fmt: skip
    """One item's monthly target and realisation (percent), as a one-row `rb_aksi` batch."""
    require_role(actor, AKSI_WRITERS)
    require_opd(actor, kode_opd)
    check_bulan(bulan)
    if not (0 <= target <= 100 and 0 <= realisasi <= 100):
        raise ValueError("target dan realisasi harus 0..100 persen")
    known = h.query_df(
        "SELECT arg_max(area, bulan) AS area, arg_max(rencana_aksi, bulan) AS rencana_aksi "
        "FROM rb_aksi WHERE tahun = $t AND kode_opd = $o AND kode_aksi = $a",
        {"t": int(tahun), "o": kode_opd, "a": kode_aksi},
    )
    if known.empty or pd.isna(known["area"].iloc[0]):
        raise AccessDenied(f"Rencana aksi {kode_aksi} tidak ada untuk OPD {kode_opd}.")
    row = pd.DataFrame([{"tahun": int(tahun), "bulan": int(bulan), "kode_opd": kode_opd,
                         "area": known["area"].iloc[0], "kode_aksi": kode_aksi,
                         "rencana_aksi": known["rencana_aksi"].iloc[0],
                         "target": float(target), "realisasi": float(realisasi)}])  # fmt: skip
    key = f"{tahun}|{bulan}|{kode_opd}|{kode_aksi}"
    digest = hashlib.sha256(f"rb_aksi|{key}|{target}|{realisasi}".encode()).hexdigest()
    with h.transaction() as conn:
        write_batch(conn, BatchMeta("rb_aksi", actor.nama_pengguna, "isian aplikasi", digest), row)
        write_audit(conn, actor, "realisasi_rb", "rb_aksi", key, None,
                    {"target": target, "realisasi": realisasi})  # fmt: skip
