"""Evidence files are stored whole or not at all, and the file and its row agree (issue 11.12)."""

from __future__ import annotations

import errno
import io
import os
import time
import zipfile

import duckdb
import pytest

from sakip_core import audit, evidence
from tests.factories import TAHUN
from tests.reporting_fixtures import OP_A, A, reporting_db
from tests.small_disk import fill, mounted

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
KEY = (TAHUN, 1, A, "A1")


@pytest.fixture
def small_disk(tmp_path):
    yield from mounted(tmp_path)


def office(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}document.xml", "<x/>" * 200)
    return buf.getvalue()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    target = tmp_path / "bukti"
    monkeypatch.setenv("SAKIP_BUKTI_DIR", str(target))
    return target


@pytest.fixture
def h(tmp_path, folder):
    handle = reporting_db(tmp_path)
    yield handle
    handle.close()


def rows(h) -> int:  # noqa: ANN001
    return int(h.query_df("SELECT count(*) AS n FROM bukti")["n"][0])


def left_over(folder) -> list[str]:  # noqa: ANN001
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


class FullDisk:
    """A file object whose writes fail as on a full disk after `after` bytes."""

    def __init__(self, real, after: int) -> None:  # noqa: ANN001
        self.real, self.after = real, after

    def write(self, data: bytes) -> int:
        self.real.write(data[: self.after])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.real, name)

    def __enter__(self):  # noqa: ANN204
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def test_disk_full_while_writing_leaves_nothing(h, folder, monkeypatch):
    real_open = open
    monkeypatch.setattr(
        evidence, "open", lambda *a, **k: FullDisk(real_open(*a, **k), 10), raising=False
    )
    with pytest.raises(evidence.EvidenceError) as caught:
        evidence.store(h, OP_A, KEY, "laporan.pdf", PDF)
    assert "disk penuh" in str(caught.value) and "pengguna lain" not in str(caught.value)
    assert left_over(folder) == [] and rows(h) == 0


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_failure_after_the_write_leaves_nothing(h, folder, monkeypatch, step):
    def fail(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(evidence.os, step, fail)
    with pytest.raises(evidence.EvidenceError, match="disk penuh"):
        evidence.store(h, OP_A, KEY, "laporan.pdf", PDF)
    assert left_over(folder) == [] and rows(h) == 0


def test_other_storage_error_is_explained(h, folder, monkeypatch):
    def denied(*_: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(evidence.os, "replace", denied)
    with pytest.raises(evidence.EvidenceError, match="izin berkas ditolak"):
        evidence.store(h, OP_A, KEY, "laporan.pdf", PDF)
    assert left_over(folder) == [] and rows(h) == 0


def test_failed_transaction_takes_the_file_away(h, folder, monkeypatch):
    def full(*_: object, **__: object) -> None:
        raise duckdb.TransactionException(
            'TransactionContext Error: Failed to commit: Could not write file "t.duckdb.wal": '
            "No space left on device"
        )

    monkeypatch.setattr(audit, "record", full)
    with pytest.raises(duckdb.TransactionException):
        evidence.store(h, OP_A, KEY, "laporan.pdf", PDF)
    assert left_over(folder) == [] and rows(h) == 0


def test_success_leaves_exactly_the_file(h, folder):
    stored = evidence.store(h, OP_A, KEY, "laporan.pdf", PDF)
    assert left_over(folder) == [stored.nama_simpan]
    assert (folder / stored.nama_simpan).read_bytes() == PDF and rows(h) == 1


def test_stale_temporary_files_are_swept(h, folder):
    folder.mkdir()
    stale = folder / f"{evidence.TEMP_PREFIX}lama"
    fresh = folder / f"{evidence.TEMP_PREFIX}baru"  # perhaps another upload, right now
    stale.write_bytes(b"setengah")
    fresh.write_bytes(b"setengah")
    old = time.time() - evidence.STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    stored = evidence.store(h, OP_A, KEY, "laporan.pdf", PDF)
    assert left_over(folder) == sorted([fresh.name, stored.nama_simpan])


def test_real_full_disk(h, small_disk, monkeypatch):
    monkeypatch.setenv("SAKIP_BUKTI_DIR", str(small_disk / "bukti"))
    (small_disk / "bukti").mkdir()
    fill(small_disk)
    with pytest.raises(evidence.EvidenceError, match="disk penuh"):
        evidence.store(h, OP_A, KEY, "laporan.pdf", b"%PDF-1.4\n" + b"\n" * 100_000 + b"%%EOF\n")
    assert left_over(small_disk / "bukti") == [] and rows(h) == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laporan.pdf", PDF[: len(PDF) // 2]),
        ("data.xlsx", office("xl/")[:-30]),
        ("surat.docx", office("word/")[: len(office("word/")) // 2]),
    ],
)
def test_truncated_upload_is_named(h, folder, name, data):
    with pytest.raises(evidence.EvidenceError, match=r"tidak lengkap \(terpotong\)"):
        evidence.store(h, OP_A, KEY, name, data)
    assert left_over(folder) == [] and rows(h) == 0


def test_whole_office_files_still_pass():
    assert evidence.file_kind("data.xlsx", office("xl/")) == "xlsx"
    assert evidence.file_kind("surat.docx", office("word/")) == "docx"
    with pytest.raises(evidence.EvidenceError, match="bukan DOCX"):
        evidence.file_kind("surat.docx", office("xl/"))
