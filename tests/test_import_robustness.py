"""Nothing lost: simultaneous uploads both land (or one is told to retry), a killed import
leaves the database as it was, and a crafted file cannot write another OPD's rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest

from sakip_core.db import DuckHandle, Handle
from sakip_core.io.importer import import_upload
from tests.reporting_fixtures import OP_A, OP_B, A, B, realisasi_csv, reporting_db

ROOT = Path(__file__).resolve().parents[1]


def snapshot(h: Handle) -> dict[str, object]:
    return {
        "realisasi": h.query_df("SELECT * FROM realisasi ORDER BY id").to_dict("records"),
        "riwayat": int(h.query_df("SELECT count(*) AS n FROM realisasi_riwayat")["n"][0]),
        "batch": int(h.query_df("SELECT count(*) AS n FROM batch_unggah")["n"][0]),
        "audit": int(h.query_df("SELECT count(*) AS n FROM audit_log")["n"][0]),
    }


def test_two_uploads_at_the_same_moment(tmp_path):
    h = reporting_db(tmp_path)
    files = {
        OP_A: realisasi_csv([(A, "A1", 1, "11"), (A, "A2", 1, "12")]),
        OP_B: realisasi_csv([(B, "B1", 1, "21"), (B, "B2", 1, "22")]),
    }
    start = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def upload(actor):
        start.wait()
        try:
            outcome[actor.kode_opd] = import_upload(h, "realisasi", files[actor], "x.csv", actor)
        except duckdb.TransactionException as exc:  # the page shows "coba lagi"
            outcome[actor.kode_opd] = exc

    threads = [threading.Thread(target=upload, args=(a,)) for a in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    landed = [k for k, v in outcome.items() if not isinstance(v, Exception)]
    assert all(outcome[k].ok for k in landed)
    assert len(landed) >= 1
    values = h.query_df("SELECT kode_indikator, realisasi FROM realisasi ORDER BY 1")
    got = dict(zip(values["kode_indikator"], values["realisasi"], strict=True))
    expected_new = {A: {"A1": 11.0, "A2": 12.0}, B: {"B1": 21.0, "B2": 22.0}}
    expected_old = {A: {"A1": 50.0, "A2": 60.0}, B: {"B1": 70.0, "B2": 80.0}}
    for opd in (A, B):
        want = expected_new[opd] if opd in landed else expected_old[opd]
        assert {k: got[k] for k in want} == want
    assert len(h.query_df("SELECT id FROM batch_unggah WHERE dataset = 'realisasi'")) == 1 + len(
        landed
    )
    h.close()


def test_same_values_uploaded_twice_at_once_never_duplicate(tmp_path):
    h = reporting_db(tmp_path)
    data = realisasi_csv([(A, "A1", 1, "99")])
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def upload():
        start.wait()
        try:
            import_upload(h, "realisasi", data, "x.csv", OP_A)
        except duckdb.TransactionException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = h.query_df("SELECT realisasi FROM realisasi WHERE kode_indikator = 'A1'")
    assert rows["realisasi"].tolist() == [99.0]
    assert len(errors) <= 1
    h.close()


CRASH_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from sakip_core.auth import Actor
    from sakip_core.db import DuckHandle
    from sakip_core.io.importer import check_upload
    from sakip_core.io.writer import BatchMeta, write_batch

    h = DuckHandle(sys.argv[1])
    actor = Actor("op-a", "operator", "1.01.01")
    data = open(sys.argv[2], "rb").read()
    check = check_upload(h, "realisasi", data, "crash.csv", actor)
    assert check.ok, check.problems
    with h.transaction() as conn:
        write_batch(conn, BatchMeta("realisasi", "op-a", "crash.csv", check.checksum), check.rows)
        print("WRITTEN", flush=True)  # every row written, not yet committed
        time.sleep(120)
    """
)


@pytest.mark.duckdb_file  # an older DuckDB file: the upgrade path of files
def test_killed_import_leaves_database_as_before(tmp_path):
    h = reporting_db(tmp_path)
    before = snapshot(h)
    db = h.path
    h.close()
    upload = tmp_path / "crash.csv"
    upload.write_bytes(realisasi_csv([(A, "A1", 1, "123"), (A, "A2", 1, "456")]))
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH_SCRIPT, str(db), str(upload)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True,
    )  # fmt: skip
    try:
        line = proc.stdout.readline()
        assert line.strip() == "WRITTEN", proc.stderr.read()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    after = DuckHandle(db)
    assert snapshot(after) == before
    after.close()


def test_crafted_file_cannot_write_other_opd(tmp_path):
    h = reporting_db(tmp_path)
    before = snapshot(h)
    crafted = [
        realisasi_csv([(B, "B1", 1, "1")]),  # B's row
        realisasi_csv([(A, "B1", 1, "1")]),  # B's indicator under A's code
        realisasi_csv([(A, "A1", 1, "1"), (B, "B2", 1, "2")]),  # mixed
    ]
    for data in crafted:
        result = import_upload(h, "realisasi", data, "crafted.csv", OP_A)
        assert not result.ok and result.check.problems
    assert snapshot(h) == before
    h.close()


def test_truncated_files_say_so() -> None:
    """Issue 11, point 12: a file cut short names the cause."""
    import io

    import openpyxl
    import pytest

    from sakip_core.io.reader import FileProblem, read_table

    book = openpyxl.Workbook()
    book.active.append(["tahun", "triwulan"])
    buf = io.BytesIO()
    book.save(buf)
    data = buf.getvalue()
    with pytest.raises(FileProblem, match="terpotong"):
        read_table(data[: len(data) // 2], "realisasi.xlsx")
    cut_csv = b'tahun,keterangan\n2026,"catatan yang terpo'
    with pytest.raises(FileProblem, match="terpotong"):
        read_table(cut_csv, "realisasi.csv")


def test_only_our_csv_quotes_are_taken_off() -> None:
    """A CSV template neutralised `-` as `'-`: it reads back as `-`; in an .xlsx a quote is the
    user's own text (Excel keeps its prefix apostrophe out of the cell) and stays."""
    import io

    import openpyxl

    from sakip_core.io.reader import read_table

    csv = read_table(b"tahun,keterangan\n2026,'-\n2026,''=x\n", "r.csv")
    assert csv.cells["keterangan"].tolist() == ["-", "'=x"]
    book = openpyxl.Workbook()
    book.active.append(["tahun", "keterangan"])
    book.active.append([2026, "'-"])
    buf = io.BytesIO()
    book.save(buf)
    assert read_table(buf.getvalue(), "r.xlsx").cells["keterangan"].tolist() == ["'-"]
