"""Verification page (AppTest): gate, queue, reject per value with a note, approve per OPD."""

from __future__ import annotations

import pytest

from sakip_core.auth import Actor
from tests.page_helpers import open_page, query, texts, use_demo_copy

PAGE = "pages/verifikasi.py"
VERIFIER = Actor("verifikator", "verifikator")


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    return use_demo_copy(demo_db, tmp_path, monkeypatch)


@pytest.mark.parametrize(
    "who", [None, Actor("operator-1.02.01", "operator", "1.02.01"), Actor("pimpinan", "pimpinan")]
)  # accounts of the demo: a session is only valid for an existing, active account
def test_gate(db, who):
    at = open_page(PAGE, who)
    assert not at.dataframe and not at.multiselect
    if who is not None:
        assert "tidak berwenang" in texts(at)


def test_reject_one_value_then_approve_the_rest(db):
    at = open_page(PAGE, VERIFIER)
    queue = at.dataframe[0].value
    assert len(queue) > 0
    kode_opd = at.selectbox(key="verif_opd").value
    tahun, tw = at.selectbox(key="verif_tahun").value, at.selectbox(key="verif_tw").value
    submitted = at.multiselect(key="verif_pilih").options
    assert submitted
    first = submitted[0]
    at.multiselect(key="verif_pilih").set_value([first])
    at.run()
    at.button(key="verif_tolak").click()
    at.run()
    assert "Catatan wajib" in texts(at)
    at.text_area(key="verif_catatan").input("Angka tidak sesuai bukti")
    at.button(key="verif_tolak").click()
    at.run()
    assert "1 realisasi ditolak" in texts(at)
    rows = query(
        db,
        "SELECT kode_indikator, status, catatan_verifikasi FROM realisasi "
        "WHERE tahun = ? AND triwulan = ? AND kode_opd = ?",
        [tahun, tw, kode_opd],
    ).set_index("kode_indikator")
    assert rows.loc[first, "status"] == "ditolak"
    assert rows.loc[first, "catatan_verifikasi"] == "Angka tidak sesuai bukti"
    at.multiselect(key="verif_pilih").set_value([])
    at.run()
    at.button(key="verif_setuju").click()  # every submitted value: asked first
    at.run()
    at.button(key="verif_tanya_ya").click()
    at.run()
    assert not at.exception
    rows = query(
        db,
        "SELECT status, count(*) AS n FROM realisasi WHERE tahun = ? AND triwulan = ? "
        "AND kode_opd = ? GROUP BY 1",
        [tahun, tw, kode_opd],
    ).set_index("status")["n"]
    assert rows.get("diajukan", 0) == 0 and rows["ditolak"] == 1 and rows["diverifikasi"] >= 1


def test_a_disabled_verifier_decides_nothing_on_the_next_click(db):
    """Callbacks run before the page's login gate: the decision must check the account itself."""
    import sakip_core
    from sakip_core import admin

    at = open_page(PAGE, VERIFIER)
    kode_opd = at.selectbox(key="verif_opd").value
    tahun, tw = at.selectbox(key="verif_tahun").value, at.selectbox(key="verif_tw").value
    at.text_area(key="verif_catatan").input("ditolak oleh akun yang sudah dinonaktifkan")
    h = sakip_core.connect(db)
    admin.set_active(h, Actor("admin", "admin"), "verifikator", False)  # between two clicks
    h.close()
    before = query(db, "SELECT status FROM realisasi WHERE tahun = ? AND triwulan = ? "
                       "AND kode_opd = ? ORDER BY id", [tahun, tw, kode_opd])  # fmt: skip
    at.button(key="verif_tolak").click()
    at.run()
    after = query(db, "SELECT status FROM realisasi WHERE tahun = ? AND triwulan = ? "
                      "AND kode_opd = ? ORDER BY id", [tahun, tw, kode_opd])  # fmt: skip
    assert after.equals(before)
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
