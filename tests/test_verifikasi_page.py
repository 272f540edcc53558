"""Verification page (AppTest): gate, the table with the context of every value, one value in
detail (exact figures, the earlier rejection, evidence inline), approve or reject per row (a
rejection needs a note), approve the whole OPD after a confirmation."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from PIL import Image

import sakip_core
from sakip_core import evidence, workflow
from sakip_core.auth import Actor
from tests.page_helpers import open_page, plain, query, texts, use_demo_copy

PAGE = "pages/verifikasi.py"
VERIFIER = Actor("verifikator", "verifikator")
ADMIN = Actor("admin", "admin")


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SAKIP_BUKTI_DIR", str(tmp_path / "bukti"))
    return use_demo_copy(demo_db, tmp_path, monkeypatch)


def shown(at):  # noqa: ANN001, ANN201
    """(tahun, triwulan, kode_opd, kode_indikator) of the value in detail."""
    return (
        at.selectbox(key="verif_tahun").value,
        at.selectbox(key="verif_tw").value,
        at.selectbox(key="verif_opd").value,
        at.selectbox(key="verif_baris").value,
    )


def opd_statuses(db, tahun, tw, kode_opd) -> dict[str, str]:  # noqa: ANN001
    rows = query(
        db,
        "SELECT kode_indikator, status FROM realisasi WHERE tahun = ? AND triwulan = ? "
        "AND kode_opd = ?",
        [tahun, tw, kode_opd],
    )
    return dict(zip(rows["kode_indikator"], rows["status"], strict=True))


@dataclass(frozen=True)
class Value:
    tahun: int
    triwulan: int
    kode_opd: str
    kode: str


def first_waiting(db) -> Value:  # noqa: ANN001
    """The value the page opens on: the first submitted value of the first OPD waiting."""
    row = query(
        db,
        "SELECT tahun, triwulan, kode_opd, min(kode_indikator) AS kode FROM realisasi "
        "WHERE status = 'diajukan' GROUP BY ALL ORDER BY tahun, triwulan, kode_opd LIMIT 1",
    ).iloc[0]
    return Value(int(row.tahun), int(row.triwulan), str(row.kode_opd), str(row.kode))


def write(db, sql: str, params: list) -> None:  # noqa: ANN001
    h = sakip_core.connect(db)
    try:
        with h.transaction() as conn:
            conn.execute(sql, params)
    finally:
        h.close()


@pytest.mark.parametrize(
    "who", [None, Actor("operator-1.02.01", "operator", "1.02.01"), Actor("pimpinan", "pimpinan")]
)  # accounts of the demo: a session is only valid for an existing, active account
def test_gate(db, who):
    at = open_page(PAGE, who)
    assert not at.dataframe and not at.metric and not at.selectbox
    if who is not None:
        assert "tidak berwenang" in texts(at)


def test_exact_value_and_its_context(db):
    first = first_waiting(db)
    write(db, "UPDATE realisasi SET realisasi = 12.345 WHERE tahun = ? AND triwulan = ? "
              "AND kode_indikator = ?", [first.tahun, first.triwulan, first.kode])  # fmt: skip
    at = open_page(PAGE, VERIFIER)
    assert shown(at)[3] == first.kode
    metrics = {m.label: m.value for m in at.metric}
    assert next(v for k, v in metrics.items() if k.startswith("Realisasi (")) == "12,345"
    assert {"Target s.d. TW", "Capaian"} <= set(metrics)
    assert (first.tahun, first.triwulan) == (2026, 3)  # the demo's quarter waiting
    assert {"Realisasi Triwulan II 2026", "Realisasi Triwulan III 2025"} <= set(metrics)
    table = at.dataframe[1].value.set_index("Kode indikator")
    assert table.loc[first.kode, "Realisasi"] == "12,345"  # not 12,3
    assert {"Realisasi Triwulan II 2026", "Realisasi Triwulan III 2025"} <= set(table.columns)
    assert not table.isna().any().any()
    assert not table.apply(lambda c: c.isin(["None", "nan", ""])).any().any()  # a dash instead


def test_per_row_approve_changes_only_that_row(db):
    at = open_page(PAGE, VERIFIER)
    tahun, tw, kode_opd, kode = shown(at)
    before = opd_statuses(db, tahun, tw, kode_opd)
    at.button(key="verif_setuju").click()
    at.run()
    assert not at.exception
    after = opd_statuses(db, tahun, tw, kode_opd)
    assert after[kode] == "diverifikasi"
    assert {k: v for k, v in after.items() if k != kode} == {
        k: v for k, v in before.items() if k != kode
    }
    assert f"Realisasi {kode} diverifikasi." in plain(texts(at))
    assert shown(at)[3] != kode  # the detail moved on to the next value waiting
    assert at.selectbox(key="verif_baris").value in {k for k, v in after.items() if v == "diajukan"}


def test_reject_needs_a_note_then_sends_back_only_that_row(db):
    at = open_page(PAGE, VERIFIER)
    tahun, tw, kode_opd, kode = shown(at)
    before = opd_statuses(db, tahun, tw, kode_opd)
    at.button(key="verif_tolak").click()
    at.run()
    assert "Catatan wajib diisi saat menolak realisasi." in [plain(e.value) for e in at.error]
    assert opd_statuses(db, tahun, tw, kode_opd) == before
    assert shown(at)[3] == kode  # still on the same value
    at.text_area(key="verif_catatan").input("Angka tidak sesuai bukti")
    at.button(key="verif_tolak").click()
    at.run()
    rows = query(
        db,
        "SELECT kode_indikator, status, catatan_verifikasi FROM realisasi "
        "WHERE tahun = ? AND triwulan = ? AND kode_opd = ?",
        [tahun, tw, kode_opd],
    ).set_index("kode_indikator")
    assert rows.loc[kode, "status"] == "ditolak"
    assert rows.loc[kode, "catatan_verifikasi"] == "Angka tidak sesuai bukti"
    assert (rows.drop(kode)["status"] == "diajukan").sum() == sum(
        v == "diajukan" for k, v in before.items() if k != kode
    )
    assert at.text_area(key="verif_catatan").value == ""  # the note does not carry over


def test_earlier_rejection_note_visible_after_resubmission(db):
    first = first_waiting(db)
    one = workflow.Selection(first.tahun, first.triwulan, first.kode_opd, (first.kode,))
    h = sakip_core.connect(db)
    try:
        workflow.reject(h, VERIFIER, one, "Lampirkan SK penetapan")
        workflow.submit(h, ADMIN, one)
    finally:
        h.close()
    at = open_page(PAGE, VERIFIER)
    assert shown(at)[3] == first.kode
    warning = plain(" ".join(w.value for w in at.warning))
    assert "Pernah ditolak" in warning and "Lampirkan SK penetapan" in warning
    assert "verifikator" in warning
    table = at.dataframe[1].value.set_index("Kode indikator")
    assert table.loc[first.kode, "Catatan penolakan sebelumnya"].startswith(
        "Lampirkan SK penetapan (verifikator, "
    )
    assert set(table.drop(first.kode)["Catatan penolakan sebelumnya"]) == {"—"}


def test_evidence_shown_inline_and_downloadable(db):
    first = first_waiting(db)
    buf = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(buf, format="PNG")
    h = sakip_core.connect(db)
    try:
        key = (first.tahun, first.triwulan, first.kode_opd, first.kode)
        evidence.store(h, ADMIN, key, "foto kegiatan.png", buf.getvalue())
    finally:
        h.close()
    at = open_page(PAGE, VERIFIER)
    assert shown(at)[3] == first.kode
    assert len(at.image) == 1
    assert [plain(b.label) for b in at.download_button] == ["Unduh foto kegiatan.png"]
    table = at.dataframe[1].value.set_index("Kode indikator")
    assert table.loc[first.kode, "Berkas bukti"] == "foto kegiatan.png"


def test_reject_one_value_then_approve_the_rest_after_confirmation(db):
    at = open_page(PAGE, VERIFIER)
    tahun, tw, kode_opd, kode = shown(at)
    at.text_area(key="verif_catatan").input("Angka tidak sesuai bukti")
    at.button(key="verif_tolak").click()
    at.run()
    at.button(key="verif_setuju_semua").click()  # every submitted value: asked first
    at.run()
    assert opd_statuses(db, tahun, tw, kode_opd)[kode] == "ditolak"
    assert "diajukan" in opd_statuses(db, tahun, tw, kode_opd).values()  # nothing yet
    at.button(key="verif_tanya_ya").click()
    at.run()
    assert not at.exception
    after = opd_statuses(db, tahun, tw, kode_opd)
    assert after[kode] == "ditolak" and "diajukan" not in after.values()
    assert "diverifikasi" in after.values()


def test_a_disabled_verifier_decides_nothing_on_the_next_click(db):
    """Callbacks run before the page's login gate: the decision must check the account itself."""
    from sakip_core import admin

    at = open_page(PAGE, VERIFIER)
    tahun, tw, kode_opd, _ = shown(at)
    at.text_area(key="verif_catatan").input("ditolak oleh akun yang sudah dinonaktifkan")
    h = sakip_core.connect(db)
    admin.set_active(h, Actor("admin", "admin"), "verifikator", False)  # between two clicks
    h.close()
    before = opd_statuses(db, tahun, tw, kode_opd)
    at.button(key="verif_tolak").click()
    at.run()
    assert opd_statuses(db, tahun, tw, kode_opd) == before
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]


def test_a_value_changed_after_the_page_showed_it_is_not_approved_unseen(db):
    at = open_page(PAGE, VERIFIER)
    tahun, tw, kode_opd, kode = shown(at)
    # meanwhile, in another process: the value is changed and submitted again
    write(db, "UPDATE realisasi SET realisasi = realisasi + 1 WHERE tahun = ? AND triwulan = ? "
          "AND kode_opd = ? AND kode_indikator = ?", [tahun, tw, kode_opd, kode])  # fmt: skip
    at.button(key="verif_setuju").click()
    at.run()
    assert "telah diubah sejak halaman ini dibuka" in plain(texts(at))
    assert opd_statuses(db, tahun, tw, kode_opd)[kode] == "diajukan"  # nothing decided
    at.button(key="verif_setuju").click()  # the page now shows the new value: approved
    at.run()
    assert opd_statuses(db, tahun, tw, kode_opd)[kode] == "diverifikasi"
