"""Admin services: accounts, quarter locks and deadlines, settings, restore; all audited."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from sakip_core import admin, restore
from sakip_core.access import AccessDenied
from sakip_core.auth import LOGIN_FAILED, AuthError, authenticate
from sakip_core.io.importer import import_upload
from sakip_core.settings import get_setting
from tests.factories import TAHUN
from tests.reporting_fixtures import ADMIN, OP_A, VERIFIER, A, realisasi_csv, reporting_db


@pytest.fixture
def h(tmp_path):
    handle = reporting_db(tmp_path, with_users=True)
    yield handle
    handle.close()


def actions(h) -> list[str]:
    return h.query_df("SELECT aksi FROM audit_log ORDER BY id")["aksi"].tolist()


def test_add_disable_enable_reset_user(h):
    admin.add_user(h, ADMIN, "budi", "operator", "sandi-awal-1", A)
    assert authenticate(h, "budi", "sandi-awal-1").kode_opd == A
    admin.set_active(h, ADMIN, "budi", False)
    with pytest.raises(AuthError):
        authenticate(h, "budi", "sandi-awal-1")
    admin.set_active(h, ADMIN, "budi", True)
    admin.reset_password(h, ADMIN, "budi", "sandi-awal-2")
    assert authenticate(h, "budi", "sandi-awal-2").nama_pengguna == "budi"
    assert actions(h)[-4:] == [
        "pengguna_baru",
        "pengguna_nonaktif",
        "pengguna_aktif",
        "sandi_direset",
    ]
    users = admin.list_users(h, ADMIN)
    assert "hash_sandi" not in users.columns and "budi" in users["nama_pengguna"].tolist()


def test_reset_lifts_lockout(h):
    for _ in range(5):
        with pytest.raises(AuthError):
            authenticate(h, "op-a", "salah")
    with pytest.raises(AuthError) as refused:  # locked: the same words as a wrong password
        authenticate(h, "op-a", "rahasia")
    assert str(refused.value) == LOGIN_FAILED
    admin.reset_password(h, ADMIN, "op-a", "baru-sandi-1")
    assert authenticate(h, "op-a", "baru-sandi-1").peran == "operator"


def test_user_admin_rules(h):
    with pytest.raises(admin.AdminError, match="tidak terdaftar"):
        admin.add_user(h, ADMIN, "x", "operator", "sandi-awal-1", "9.99")
    with pytest.raises(admin.AdminError, match="minimal"):
        admin.add_user(h, ADMIN, "x", "analis", "ab", None)
    with pytest.raises(admin.AdminError, match="sendiri"):
        admin.set_active(h, ADMIN, "adm", False)
    for call in (
        lambda: admin.list_users(h, VERIFIER),
        lambda: admin.add_user(h, OP_A, "y", "admin", "sandi-awal-1", None),
        lambda: admin.set_active(h, OP_A, "op-b", False),
        lambda: admin.reset_password(h, VERIFIER, "op-b", "sandi-awal-1"),
    ):
        with pytest.raises(AccessDenied):
            call()


def test_lock_records_who_and_when_and_refuses_uploads(h):
    admin.set_locked(h, ADMIN, TAHUN, 1, True)
    q = admin.quarters(h, OP_A).query("tahun == @TAHUN and triwulan == 1").iloc[0]
    assert q["terkunci"] and q["oleh"] == "adm" and q["waktu"] is not None
    res = import_upload(h, "realisasi", realisasi_csv([(A, "A1", 1, "99")]), "a.csv", OP_A)
    assert not res.ok
    assert "dikunci oleh adm" in res.check.problems[0].pesan
    admin.set_locked(h, ADMIN, TAHUN, 1, False)
    assert import_upload(h, "realisasi", realisasi_csv([(A, "A1", 1, "99")]), "a.csv", OP_A).ok
    with pytest.raises(AccessDenied):
        admin.set_locked(h, VERIFIER, TAHUN, 1, True)


def test_deadline_and_settings_are_audited(h):
    batas = datetime(TAHUN, 4, 15, 23, 59)
    admin.set_deadline(h, ADMIN, TAHUN, 1, batas)
    q = admin.quarters(h, ADMIN).query("triwulan == 1").iloc[0]
    assert q["batas_waktu"] == batas
    admin.set_setting_audited(h, ADMIN, "cap", 110.0)
    assert get_setting(h, "cap") == 110.0
    row = h.query_df("SELECT * FROM audit_log WHERE aksi = 'pengaturan'").iloc[0]
    assert json.loads(row["nilai_lama"]) == 120.0 and json.loads(row["nilai_baru"]) == 110.0
    with pytest.raises(AccessDenied):
        admin.set_setting_audited(h, OP_A, "cap", 200.0)


def test_import_is_audited_in_its_batch(h):
    res = import_upload(h, "realisasi", realisasi_csv([(A, "A1", 1, "55")]), "a.csv", OP_A)
    row = h.query_df("SELECT * FROM audit_log WHERE aksi = 'impor'").iloc[-1]
    assert row["pengguna"] == "op-a" and row["kunci"] == f"batch {res.batch.batch_id}"
    assert json.loads(row["nilai_baru"])["berubah"] == 1


def value(h, kode: str) -> float:
    return float(h.query_df(f"SELECT realisasi FROM realisasi WHERE kode_indikator = '{kode}'")
                 ["realisasi"].iloc[0])  # fmt: skip


def test_restore_value_and_batch(h):
    first = import_upload(h, "realisasi", realisasi_csv([(A, "A1", 1, "1"), (A, "A2", 1, "2")]),
                          "v1.csv", OP_A).batch.batch_id  # fmt: skip
    import_upload(h, "realisasi", realisasi_csv([(A, "A1", 1, "10"), (A, "A2", 1, "20")]),
                  "v2.csv", OP_A)  # fmt: skip
    assert (value(h, "A1"), value(h, "A2")) == (10.0, 20.0)
    assert restore.restore_batch(h, ADMIN, first) == 2
    assert (value(h, "A1"), value(h, "A2")) == (1.0, 2.0)
    hist = restore.superseded(h, ADMIN)
    ten = int(hist[hist["realisasi"] == 10.0]["id"].iloc[0])
    restore.restore_value(h, ADMIN, ten)
    assert value(h, "A1") == 10.0
    status = h.query_df("SELECT status FROM realisasi WHERE kode_indikator = 'A1'")["status"][0]
    assert status == "draft"
    assert actions(h).count("pulihkan") == 3
    assert h.query_df("SELECT count(*) AS n FROM realisasi")["n"][0] == 4


def test_restore_is_admin_only(h):
    with pytest.raises(AccessDenied):
        restore.batches(h, OP_A)
    with pytest.raises(AccessDenied):
        restore.restore_batch(h, VERIFIER, 1)
    with pytest.raises(restore.RestoreError):
        restore.restore_value(h, ADMIN, 999_999)
