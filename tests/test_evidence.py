"""Evidence files: kinds by magic bytes and extension, size limit, generated names, scope."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from sakip_core import evidence
from sakip_core.access import AccessDenied
from sakip_core.admin import set_locked, set_setting_audited
from tests.factories import TAHUN
from tests.reporting_fixtures import ADMIN, ANALIS, OP_A, OP_B, VERIFIER, A, B, reporting_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 20


def office(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}document.xml", "<x/>")
    return buf.getvalue()


KEY_A = (TAHUN, 1, A, "A1")


@pytest.fixture
def h(tmp_path, monkeypatch):
    monkeypatch.setenv("SAKIP_BUKTI_DIR", str(tmp_path / "bukti"))
    handle = reporting_db(tmp_path)
    yield handle
    handle.close()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("laporan.pdf", PDF, "pdf"), ("foto.JPEG", JPG, "jpg"), ("foto.png", PNG, "png"),
     ("data.xlsx", office("xl/"), "xlsx"), ("surat.docx", office("word/"), "docx")],
)  # fmt: skip
def test_allowed_kinds(name, data, kind):
    assert evidence.file_kind(name, data) == kind


@pytest.mark.parametrize(
    ("name", "data"),
    [("x.exe", b"MZ\x90\x00"), ("x.pdf", PNG), ("x.png", PDF), ("x.docx", office("xl/")),
     ("x.xlsx", b"PK\x03\x04garbage"), ("x.html", b"<script>"), ("pdf", PDF)],
)  # fmt: skip
def test_refused_kinds(name, data):
    with pytest.raises(evidence.EvidenceError):
        evidence.file_kind(name, data)


def test_store_under_generated_name_with_checksum(h, tmp_path):
    stored = evidence.store(h, OP_A, KEY_A, "../../etc/passwd.pdf", PDF)
    files = list((tmp_path / "bukti").iterdir())
    assert [f.name for f in files] == [stored.nama_simpan]
    assert stored.nama_simpan.endswith(".pdf") and "passwd" not in stored.nama_simpan
    assert stored.checksum == hashlib.sha256(PDF).hexdigest()
    listed = evidence.list_evidence(h, OP_A, TAHUN, 1, A)
    assert listed["nama_asli"].tolist() == ["passwd.pdf"]
    assert evidence.read(h, VERIFIER, stored.id) == ("passwd.pdf", PDF)
    log = h.query_df("SELECT aksi, pengguna FROM audit_log WHERE tabel = 'bukti'")
    assert log.values.tolist() == [["bukti_baru", "op-a"]]


def test_size_limit_from_settings(h):
    set_setting_audited(h, ADMIN, "maks_mb_bukti", 0.00001)  # about 10 bytes
    with pytest.raises(evidence.EvidenceError, match="batas"):
        evidence.store(h, OP_A, KEY_A, "a.pdf", PDF)


def test_scope_and_roles(h):
    with pytest.raises(AccessDenied):
        evidence.store(h, OP_A, (TAHUN, 1, B, "B1"), "a.pdf", PDF)
    with pytest.raises(AccessDenied):
        evidence.store(h, ANALIS, KEY_A, "a.pdf", PDF)
    with pytest.raises(evidence.EvidenceError, match="bukan milik"):
        evidence.store(h, OP_A, (TAHUN, 1, A, "B1"), "a.pdf", PDF)
    stored = evidence.store(h, OP_A, KEY_A, "a.pdf", PDF)
    with pytest.raises(AccessDenied):
        evidence.read(h, OP_B, stored.id)
    with pytest.raises(AccessDenied):
        evidence.list_evidence(h, OP_B, TAHUN, 1, A)


def test_locked_quarter_and_tampering(h, tmp_path):
    stored = evidence.store(h, OP_A, KEY_A, "a.pdf", PDF)
    (tmp_path / "bukti" / stored.nama_simpan).write_bytes(PDF + b"x")
    with pytest.raises(evidence.EvidenceError, match="checksum"):
        evidence.read(h, ADMIN, stored.id)
    set_locked(h, ADMIN, TAHUN, 1, True)
    with pytest.raises(evidence.EvidenceError, match="dikunci"):
        evidence.store(h, OP_A, KEY_A, "b.pdf", PDF)
