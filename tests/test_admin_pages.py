"""Admin pages (AppTest): every page refuses non-admins and anonymous visitors; each rule."""

from __future__ import annotations

import pytest

import sakip_core
from sakip_core.admin import set_locked
from sakip_core.auth import Actor
from tests.page_helpers import open_page, query, texts, use_demo_copy

ADMIN = Actor("admin", "admin")
PAGES = [
    "pages/admin_data.py",
    "pages/admin_pengguna.py",
    "pages/admin_triwulan.py",
    "pages/admin_pengaturan.py",
    "pages/admin_riwayat.py",
]


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    return use_demo_copy(demo_db, tmp_path, monkeypatch)


@pytest.mark.parametrize("page", PAGES)
def test_gate(db, page):
    anon = open_page(page, None)
    assert [t.label for t in anon.text_input] == ["Nama pengguna", "Kata sandi"]
    assert not anon.dataframe
    for who in (
        Actor("operator-1.02.01", "operator", "1.02.01"),
        Actor("verifikator", "verifikator"),
    ):
        at = open_page(page, who)
        assert "tidak berwenang" in texts(at) and not at.dataframe
    assert not open_page(page, ADMIN).exception


def test_lock_quarter(db):
    at = open_page("pages/admin_triwulan.py", ADMIN)
    at.selectbox(key="kunci_tahun").set_value(2026)
    at.selectbox(key="kunci_tw").set_value(3)
    at.run()
    at.button(key="kunci_kunci").click()
    at.run()
    at.button(key="kunci_tanya_ya").click()  # the confirmation (tests/test_admin_confirm.py)
    at.run()
    assert "Triwulan III 2026 dikunci." in texts(at)
    row = query(db, "SELECT terkunci, oleh FROM kunci_triwulan WHERE tahun = 2026 AND triwulan = 3")
    assert row.values.tolist() == [[True, "admin"]]
    assert len(query(db, "SELECT * FROM audit_log WHERE aksi = 'kunci'")) == 1


def test_add_and_disable_user(db):
    at = open_page("pages/admin_pengguna.py", ADMIN)
    at.text_input(key="pb_nama").input("budi")
    at.selectbox(key="pb_peran").set_value("operator")
    at.selectbox(key="pb_opd").set_value("1.02.01")
    at.text_input(key="pb_sandi").input("rahasia-awal-1")
    next(b for b in at.button if b.label == "Buat akun").click()
    at.run()
    assert "Akun budi (operator) dibuat." in texts(at)
    at.selectbox(key="ubah_nama").set_value("budi")
    at.run()
    at.button(key="ubah_aktif").click()
    at.run()
    aktif = query(db, "SELECT aktif FROM pengguna WHERE nama_pengguna = 'budi'")["aktif"]
    assert aktif.tolist() == [False]


def test_settings_change_is_audited(db):
    at = open_page("pages/admin_pengaturan.py", ADMIN)
    at.number_input(key="atur_cap").set_value(110.0)
    next(b for b in at.button if b.label == "Simpan pengaturan").click()
    at.run()
    assert "Pengaturan disimpan." in texts(at)
    log = query(db, "SELECT kunci, nilai_lama, nilai_baru FROM audit_log WHERE aksi = 'pengaturan'")
    assert ["cap", "120.0", "110.0"] in log.values.tolist()


def test_indicator_import_checks_whole_file(db):
    at = open_page("pages/admin_data.py", ADMIN)
    at.radio(key="induk_dataset").set_value("indikator")
    at.run()
    before = len(query(db, "SELECT * FROM batch_unggah"))
    bad = b"tahun,kode_opd,kode_indikator\n2026,9.99,X\n"
    at.file_uploader[0].upload("indikator.csv", bad, "text/csv")
    at.run()
    assert "Berkas ditolak" in texts(at)
    assert len(at.dataframe[-1].value) >= 1
    assert len(query(db, "SELECT * FROM batch_unggah")) == before


def test_restore_batch_page(db):
    h = sakip_core.connect(db)
    row = h.query_df("SELECT min(batch_id) AS b, any_value(tahun) AS t, any_value(triwulan) AS q "
                     "FROM realisasi_riwayat")  # fmt: skip
    batch, tahun, tw = int(row["b"][0]), int(row["t"][0]), int(row["q"][0])
    h.close()
    at = open_page("pages/admin_riwayat.py", ADMIN)
    at.selectbox(key="riwayat_batch").set_value(batch)
    at.button(key="riwayat_pulihkan_batch").click()
    at.run()
    at.button(key="riwayat_tanya_ya").click()  # the confirmation (tests/test_admin_confirm.py)
    at.run()
    assert "sudah dikunci" in texts(at)  # the demo's history lies in a locked quarter
    h = sakip_core.connect(db)
    set_locked(h, ADMIN, tahun, tw, False)
    h.close()
    at.button(key="riwayat_pulihkan_batch").click()
    at.run()
    at.button(key="riwayat_tanya_ya").click()
    at.run()
    assert not at.exception
    assert f"dari batch {batch} dipulihkan" in texts(at)
    assert len(query(db, "SELECT * FROM audit_log WHERE aksi = 'pulihkan'")) >= 1


def test_rapim_signer_is_saved_and_audited(db):
    at = open_page("pages/admin_pengaturan.py", ADMIN)
    at.text_input(key="atur_nama_ttd_rapim").input("Drs. Budi Santoso")
    next(b for b in at.button if b.label == "Simpan penanda tangan Rapim").click()
    at.run()
    assert "Penanda tangan laporan Rapim disimpan." in texts(at)
    log = query(db, "SELECT kunci, nilai_lama, nilai_baru FROM audit_log WHERE aksi = 'pengaturan'")
    assert log.values.tolist() == [["nama_ttd_rapim", '""', '"Drs. Budi Santoso"']]
