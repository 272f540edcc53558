"""Faults say what they are: conflict, full disk, missing or damaged database file (issue 11.12).

The full-disk tests run DuckDB on a real, small tmpfs (skipped where `mount` is not allowed);
the other faults are produced for real as well (two sessions, a deleted or truncated file). The
table of recorded DuckDB 2.0 messages keeps the texts the classification relies on.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core import faults
from sakip_core.admin import set_setting_audited
from sakip_core.cli import main
from sakip_core.faults import DatabaseDamaged, DatabaseMissing, Kind
from tests.factories import make_db
from tests.reporting_fixtures import ADMIN, reporting_db
from tests.small_disk import fill, mounted
from ui import reporting

# faults of the DuckDB file and of its disk; PostgreSQL's SQLSTATE mapping: tests/test_pg_store.py
pytestmark = pytest.mark.duckdb_file

RECORDED = [  # (exception type, message) as DuckDB 2.0.0 raised them, and the kind
    (duckdb.TransactionException, "TransactionContext Error: Conflict on update!", Kind.CONFLICT),
    (
        duckdb.TransactionException,
        "TransactionContext Error: Conflict on tuple deletion!",
        Kind.CONFLICT,
    ),
    (
        duckdb.TransactionException,
        'TransactionContext Error: Catalog write-write conflict on alter with "t"',
        Kind.CONFLICT,
    ),
    (
        duckdb.TransactionException,
        "TransactionContext Error: Failed to commit: PRIMARY KEY or UNIQUE constraint violation: "
        'duplicate key "5"',
        Kind.CONFLICT,
    ),
    (
        duckdb.TransactionException,
        'TransactionContext Error: Failed to commit: Could not write file "/d/t.duckdb.wal": '
        "No space left on device",
        Kind.DISK_FULL,
    ),
    (
        duckdb.FatalException,
        "FATAL Error: Failed to create checkpoint because of error: Could not write file "
        '"/d/t.duckdb": No space left on device',
        Kind.DISK_FULL,
    ),
    (
        duckdb.IOException,
        'IO Error: Could not write file "/d/new.duckdb": No space left on device',
        Kind.DISK_FULL,
    ),
    (
        duckdb.IOException,
        'IO Error: The file "/d/t.duckdb" exists, but it is not a valid DuckDB database file!',
        Kind.DAMAGED,
    ),
    (
        duckdb.IOException,
        'IO Error: Could not read enough bytes from file "/d/t.duckdb": attempted to read 262144 '
        "bytes from location 5255168",
        Kind.DAMAGED,
    ),
    (
        duckdb.Error,
        "Corrupt database file: computed checksum 7993075635906799181 does not match stored "
        "checksum 12307993107638961568 in block at location 1847296",
        Kind.DAMAGED,
    ),
    (
        duckdb.IOException,
        'IO Error: Cannot open database "/d/t.duckdb" in read-only mode: database does not exist',
        Kind.MISSING,
    ),
    (
        duckdb.FatalException,
        "FATAL Error: Failed: database has been invalidated because of a previous fatal error. "
        "The database must be restarted prior to being used again.",
        Kind.INVALIDATED,
    ),
    (
        duckdb.InvalidInputException,
        'Invalid Input Error: Cannot execute statement of type "INSERT" on database "t" which is '
        "attached in read-only mode!",
        Kind.READ_ONLY,
    ),
    (duckdb.BinderException, 'Binder Error: Referenced column "x" not found', Kind.OTHER),
]


@pytest.mark.parametrize(("cls", "text", "expected"), RECORDED)
def test_recorded_duckdb_messages_are_classified(cls, text, expected):
    exc = cls(text)
    assert faults.kind(exc) is expected
    message = faults.describe(exc)
    assert "Error" not in message and "No space" not in message  # Indonesian, no raw text
    assert ("pengguna lain" in message) == (expected is Kind.CONFLICT)


def test_os_errors():
    full = OSError(errno.ENOSPC, "No space left on device", "/data/bukti/x.pdf")
    assert faults.kind(full) is Kind.DISK_FULL
    assert "disk penuh" in faults.describe(full)
    denied = PermissionError(errno.EACCES, "Permission denied", "/data/out.xlsx")
    assert faults.kind(denied) is Kind.OTHER and faults.is_fault(denied)
    message = faults.describe(denied)
    assert "izin berkas ditolak" in message and "out.xlsx" in message


def test_a_bug_is_no_fault():
    assert not faults.is_fault(duckdb.BinderException("Binder Error: column x not found"))
    assert not faults.is_fault(KeyError("x"))


# --- a real write-write conflict keeps "coba lagi" --------------------------------------------


def test_real_conflict_is_a_conflict(tmp_path, monkeypatch):
    h = reporting_db(tmp_path)
    shown = _record_messages(monkeypatch)
    try:
        with h.transaction() as first:
            first.execute("UPDATE pengaturan SET nilai = '6' WHERE kunci = 'maks_mb_bukti'")

            def second() -> None:
                with h.transaction() as other:
                    other.execute("UPDATE pengaturan SET nilai = '7' WHERE kunci = 'maks_mb_bukti'")

            with pytest.raises(duckdb.TransactionException) as caught:
                second()
            assert faults.kind(caught.value) is Kind.CONFLICT
            assert reporting.run_write(second) is None
    finally:
        h.close()
    assert shown == [("warning", faults.RETRY)]


def _record_messages(monkeypatch) -> list[tuple[str, str]]:  # noqa: ANN001
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(reporting.st, "warning", lambda m, **_: shown.append(("warning", m)))
    monkeypatch.setattr(reporting.st, "error", lambda m, **_: shown.append(("error", m)))
    return shown


# --- a full disk (real, on a small tmpfs) -----------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    yield from mounted(tmp_path)


def test_full_disk_at_commit_is_not_a_conflict(tmp_path, small_disk, monkeypatch):
    source = make_db(tmp_path)
    source.close()
    path = small_disk / "t.duckdb"
    shutil.copyfile(source.path, path)
    h = sakip_core.connect(path, hold_seconds=60)
    shown = _record_messages(monkeypatch)
    try:
        h.query_df("SELECT 1")
        fill(small_disk)
        with pytest.raises(duckdb.Error) as caught:
            set_setting_audited(h, ADMIN, "maks_mb_bukti", 7)
        assert "No space left on device" in str(caught.value)
        assert faults.kind(caught.value) is Kind.DISK_FULL
        assert reporting.run_write(set_setting_audited, h, ADMIN, "maks_mb_bukti", 7) is None
        os.remove(small_disk / "pengisi")  # the database is still usable afterwards
        assert h.query_df("SELECT nilai FROM pengaturan WHERE kunci = 'maks_mb_bukti'").size
    finally:
        h.close()
    assert len(shown) == 1
    level, message = shown[0]
    assert level == "error" and "disk penuh" in message and "pengguna lain" not in message


def test_full_disk_at_checkpoint_is_told_as_a_full_disk(small_disk):
    path = small_disk / "c.duckdb"
    conn = duckdb.connect(str(path))
    try:
        conn.execute("CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(1)")
        conn.execute("CHECKPOINT")
        conn.execute("INSERT INTO t SELECT range, repeat(md5(range::VARCHAR), 4) FROM range(40000)")
        fill(small_disk)
        with pytest.raises(duckdb.Error) as first:
            conn.execute("CHECKPOINT")
        with pytest.raises(duckdb.Error) as later:  # the instance is stopped from now on
            conn.execute("SELECT count(*) FROM t").fetchall()
    finally:
        conn.close()
    assert isinstance(first.value, duckdb.FatalException)
    for exc in (first.value, later.value):
        assert faults.kind(exc) is Kind.DISK_FULL
        assert "disk penuh" in faults.describe(exc)
        assert "memulai ulang" in faults.describe(exc)


def test_cli_on_a_full_disk_says_so(tmp_path, small_disk, capsys):
    source = make_db(tmp_path)
    source.close()
    path = small_disk / "t.duckdb"
    shutil.copyfile(source.path, path)
    opd = tmp_path / "opd.csv"
    opd.write_text("kode_opd,nama_opd,jenis,singkatan\nA,Dinas Alpha,dinas,Dalpha\n")
    fill(small_disk)
    code = main(["import", "opd", str(opd), "--db", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "disk penuh" in err
    assert "pengguna lain" not in err and "Error" not in err and "tak terduga" not in err


# --- a database file that disappears while the app runs ---------------------------------------


def test_file_deleted_while_open_is_not_recreated(tmp_path):
    h = make_db(tmp_path)
    h.close()
    handle = sakip_core.connect(h.path, hold_seconds=0)
    assert handle.query_df("SELECT count(*) AS n FROM pengaturan")["n"][0] > 0
    h.path.unlink()
    Path(f"{h.path}.wal").unlink(missing_ok=True)
    with pytest.raises(DatabaseMissing) as caught:
        handle.query_df("SELECT count(*) AS n FROM pengaturan")
    with pytest.raises(DatabaseMissing), handle.transaction() as conn:
        conn.execute("DELETE FROM pengaturan")
    handle.close()
    assert not h.path.exists()  # nothing was created
    assert isinstance(caught.value, FileNotFoundError)  # old handlers still catch it
    message = str(caught.value)
    assert str(h.path) in message and "tidak ditemukan" in message and "cadangan" in message
    assert faults.kind(caught.value) is Kind.MISSING and faults.describe(caught.value) == message


def test_file_deleted_after_the_hold_expired(tmp_path):
    h = make_db(tmp_path)
    h.close()
    handle = sakip_core.connect(h.path, hold_seconds=0.05)
    handle.query_df("SELECT 1")
    time.sleep(0.5)  # the held connection is closed by now
    h.path.unlink()
    with pytest.raises(DatabaseMissing):
        handle.query_df("SELECT 1")
    handle.close()
    assert not h.path.exists()


def test_connect_to_a_missing_file(tmp_path):
    with pytest.raises(DatabaseMissing, match="tidak ditemukan"):
        sakip_core.connect(tmp_path / "tidak-ada.duckdb")
    assert not (tmp_path / "tidak-ada.duckdb").exists()


# --- a truncated database file ----------------------------------------------------------------


@pytest.fixture
def truncated(tmp_path):
    """`cut(size)`: a copy of a database with data, cut to `size` bytes (None: to half)."""
    h = make_db(tmp_path)
    with h.transaction() as conn:  # data over the whole file, so that half of it is missing
        conn.execute(
            "CREATE TABLE isian AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(200000)"
        )
    h.close()

    def cut(size: int | None) -> Path:
        target = tmp_path / f"cut-{size}.duckdb"
        shutil.copyfile(h.path, target)
        full = target.stat().st_size
        os.truncate(target, full // 2 if size is None else size)
        return target

    return cut


@pytest.mark.parametrize("size", [0, 100, 8192, None])  # None: half the file
def test_truncated_database_file(truncated, size):
    path = truncated(size)
    with pytest.raises(Exception) as caught:  # noqa: PT011  (which one is the point)
        handle = sakip_core.connect(path, hold_seconds=0)
        try:
            handle.query_df("SELECT count(*) FROM pengguna")
            handle.query_df("SELECT sum(length(s)) FROM isian")
        finally:
            handle.close()
    assert faults.kind(caught.value) is Kind.DAMAGED, caught.value
    message = faults.describe(caught.value)
    assert "rusak atau terpotong" in message and "IO Error" not in message


def test_truncated_database_on_connect_is_a_specific_error(truncated):
    path = truncated(8192)
    with pytest.raises(DatabaseDamaged) as caught:
        sakip_core.connect(path)
    assert str(path) in str(caught.value) and "rusak atau terpotong" in str(caught.value)
    assert isinstance(caught.value.__cause__, duckdb.IOException)


def test_cli_on_a_truncated_file(truncated, capsys):
    path = truncated(8192)
    code = main(["ranking", "--db", str(path), "--tahun", "2026", "--triwulan", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert "rusak atau terpotong" in err and "IO Error" not in err and "tak terduga" not in err


# --- the pages show st.error, never a traceback -----------------------------------------------


def _open_handle_page() -> None:
    import streamlit as st

    from ui import data

    data.handle()
    st.write("basis data terbuka")


def test_app_handle_on_a_truncated_file(truncated, monkeypatch):
    monkeypatch.setenv("SAKIP_DB", str(truncated(8192)))
    at = AppTest.from_function(_open_handle_page, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] and "rusak atau terpotong" in at.error[0].value
    assert "basis data terbuka" not in [m.value for m in at.markdown]


def test_page_after_the_file_was_removed(tmp_path, monkeypatch):
    from tests.page_helpers import open_page, texts

    h = reporting_db(tmp_path, with_users=True)
    h.close()
    monkeypatch.setenv("SAKIP_DB", str(h.path))
    monkeypatch.setenv("SAKIP_DB_HOLD", "0")  # every query opens the file again
    at = open_page("pages/verifikasi.py", ADMIN)
    assert at.dataframe  # the queue is shown
    h.path.unlink()
    Path(f"{h.path}.wal").unlink(missing_ok=True)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "tidak ditemukan" in texts(at) and "cadangan" in at.error[0].value
    assert not at.dataframe
    assert not h.path.exists()
