"""Confirmed writes and the quarter deadline (AppTest, on a private demo copy).

Locking a quarter, approving every submitted value of an OPD at once and restoring a batch ask
first: the first click writes nothing, "Batal" writes nothing, only the confirmation writes.
The deadline fields show and save the chosen quarter's own deadline.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

import sakip_core
from sakip_core.admin import set_deadline, set_locked
from sakip_core.auth import Actor
from tests.page_helpers import open_page, query, texts, use_demo_copy
from ui.text import md

ADMIN = Actor("admin", "admin")
VERIFIER = Actor("verifikator", "verifikator")
TRIWULAN = "pages/admin_triwulan.py"


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    return use_demo_copy(demo_db, tmp_path, monkeypatch)


def lock_state(db) -> list:  # noqa: ANN001
    """Every quarter's lock row and the number of lock/unlock audit records."""
    rows = query(db, "SELECT tahun, triwulan, terkunci, oleh FROM kunci_triwulan ORDER BY 1, 2")
    audits = query(db, "SELECT count(*) AS n FROM audit_log WHERE aksi IN ('kunci', 'buka')")
    return [rows.astype(str).values.tolist(), int(audits["n"][0])]


def choose_quarter(at, tahun: int, triwulan: int) -> None:  # noqa: ANN001
    at.selectbox(key="kunci_tahun").set_value(tahun)
    at.selectbox(key="kunci_tw").set_value(triwulan)
    at.run()


# --- locking a quarter --------------------------------------------------------------------------


def test_lock_asks_first_and_only_the_confirmation_locks(db):
    before = lock_state(db)
    at = open_page(TRIWULAN, ADMIN)
    choose_quarter(at, 2026, 3)
    at.button(key="kunci_kunci").click()
    at.run()
    assert lock_state(db) == before  # the first click wrote nothing
    question = "\n".join(str(w.value) for w in at.warning)
    assert "Kunci Triwulan III 2026?" in question
    n = int(
        query(db, "SELECT count(*) AS n FROM realisasi WHERE tahun = 2026 AND triwulan = 3")["n"][0]
    )
    assert f"{n} realisasi" in question  # says how many values the lock freezes
    at.button(key="kunci_tanya_ya").click()
    at.run()
    assert "Triwulan III 2026 dikunci." in texts(at)
    row = query(db, "SELECT terkunci, oleh FROM kunci_triwulan WHERE tahun = 2026 AND triwulan = 3")
    assert row.values.tolist() == [[True, "admin"]]
    assert len(query(db, "SELECT * FROM audit_log WHERE aksi = 'kunci'")) == 1
    assert not [b for b in at.button if b.key == "kunci_tanya_ya"]  # the question is gone


def test_lock_cancel_or_another_quarter_writes_nothing(db):
    before = lock_state(db)
    at = open_page(TRIWULAN, ADMIN)
    choose_quarter(at, 2026, 3)
    at.button(key="kunci_kunci").click()
    at.run()
    at.button(key="kunci_tanya_batal").click()
    at.run()
    assert lock_state(db) == before
    assert not [b for b in at.button if b.key == "kunci_tanya_ya"]
    # asked for TW III, then TW IV chosen: the question about TW III is dropped, nothing locked
    at.button(key="kunci_kunci").click()
    at.run()
    choose_quarter(at, 2026, 4)
    assert not [b for b in at.button if b.key == "kunci_tanya_ya"]
    choose_quarter(at, 2026, 3)
    assert not [b for b in at.button if b.key == "kunci_tanya_ya"]
    assert lock_state(db) == before


# --- the deadline of the chosen quarter ---------------------------------------------------------


def test_deadline_fields_follow_the_chosen_quarter(db):
    tw1, tw3 = datetime(2026, 4, 20, 8, 0), datetime(2026, 10, 25, 16, 30)
    h = sakip_core.connect(db)
    set_deadline(h, ADMIN, 2026, 1, tw1)
    set_deadline(h, ADMIN, 2026, 3, tw3)
    h.close()
    at = open_page(TRIWULAN, ADMIN)
    choose_quarter(at, 2026, 1)
    assert [d.value for d in at.date_input] == [tw1.date()]
    assert [t.value for t in at.time_input] == [tw1.time()]
    choose_quarter(at, 2026, 3)
    assert [d.value for d in at.date_input] == [tw3.date()]  # not TW1's date
    assert [t.value for t in at.time_input] == [tw3.time()]
    at.button(key="batas_simpan").click()
    at.run()
    assert "Batas waktu Triwulan III 2026 disimpan." in texts(at)

    def deadline(q: int) -> datetime:
        df = query(
            db, "SELECT batas_waktu FROM kunci_triwulan WHERE tahun = 2026 AND triwulan = ?", [q]
        )
        return df["batas_waktu"].iloc[0].to_pydatetime()

    assert deadline(3) == tw3 and deadline(1) == tw1
    # a changed TW3 date is saved for TW3 only; back on TW1 its own date shows again
    at.date_input[0].set_value(date(2026, 10, 31))
    at.time_input[0].set_value(time(12, 0))
    at.button(key="batas_simpan").click()
    at.run()
    assert deadline(3) == datetime(2026, 10, 31, 12, 0) and deadline(1) == tw1
    choose_quarter(at, 2026, 1)
    assert [d.value for d in at.date_input] == [tw1.date()]
    choose_quarter(at, 2026, 3)
    assert [d.value for d in at.date_input] == [date(2026, 10, 31)]


def test_lock_warning_escapes_the_user_name(db):
    h = sakip_core.connect(db)
    set_locked(h, Actor("[klik](http://x.y)", "admin"), 2026, 3, True)
    h.close()
    at = open_page(TRIWULAN, ADMIN)
    choose_quarter(at, 2026, 3)
    warning = "\n".join(str(w.value) for w in at.warning)
    assert "terkunci (oleh" in warning
    assert "[klik](http" not in warning and "http://" not in warning


# --- approving every submitted value of an OPD --------------------------------------------------


def statuses(db, tahun: int, tw: int, kode_opd: str) -> dict[str, int]:  # noqa: ANN001
    df = query(
        db,
        "SELECT status, count(*) AS n FROM realisasi WHERE tahun = ? AND triwulan = ? "
        "AND kode_opd = ? GROUP BY 1",
        [tahun, tw, kode_opd],
    )
    return dict(zip(df["status"], df["n"].astype(int), strict=True))


def test_bulk_approval_asks_first(db):
    at = open_page("pages/verifikasi.py", VERIFIER)
    kode_opd = at.selectbox(key="verif_opd").value
    tahun, tw = at.selectbox(key="verif_tahun").value, at.selectbox(key="verif_tw").value
    before = statuses(db, tahun, tw, kode_opd)
    n = before["diajukan"]
    assert n > 0
    assert at.button(key="verif_setuju_semua").label == f"Setujui seluruh yang diajukan ({n})"
    at.button(key="verif_setuju_semua").click()
    at.run()
    assert statuses(db, tahun, tw, kode_opd) == before  # the first click wrote nothing
    question = "\n".join(str(w.value) for w in at.warning)
    assert "Setujui seluruh realisasi yang diajukan?" in question and f"{n} realisasi" in question
    at.button(key="verif_tanya_batal").click()
    at.run()
    assert statuses(db, tahun, tw, kode_opd) == before
    assert not [b for b in at.button if b.key == "verif_tanya_ya"]
    at.button(key="verif_setuju_semua").click()
    at.run()
    at.button(key="verif_tanya_ya").click()
    at.run()
    assert not at.exception
    assert f"{n} realisasi diverifikasi." in texts(at)
    after = statuses(db, tahun, tw, kode_opd)
    assert after.get("diajukan", 0) == 0
    assert after["diverifikasi"] == before.get("diverifikasi", 0) + n


def test_approving_one_value_needs_no_confirmation(db):
    at = open_page("pages/verifikasi.py", VERIFIER)
    kode_opd = at.selectbox(key="verif_opd").value
    tahun, tw = at.selectbox(key="verif_tahun").value, at.selectbox(key="verif_tw").value
    before = statuses(db, tahun, tw, kode_opd)
    first = at.selectbox(key="verif_baris").value
    at.button(key="verif_setuju").click()  # the value in detail
    at.run()
    assert f"Realisasi {md(first)} diverifikasi." in texts(at)
    after = statuses(db, tahun, tw, kode_opd)
    assert after["diajukan"] == before["diajukan"] - 1
    assert not [b for b in at.button if b.key == "verif_tanya_ya"]


# --- restoring a batch ----------------------------------------------------------------------------


def restore_state(db) -> list:  # noqa: ANN001
    batches = query(db, "SELECT count(*) AS n FROM batch_unggah")["n"][0]
    audits = query(db, "SELECT count(*) AS n FROM audit_log WHERE aksi = 'pulihkan'")["n"][0]
    values = query(db, "SELECT id, status, realisasi FROM realisasi ORDER BY id")
    return [int(batches), int(audits), values.astype(str).values.tolist()]


def test_restore_batch_asks_first(db):
    h = sakip_core.connect(db)
    row = h.query_df(
        "SELECT batch_id AS b, any_value(tahun) AS t, any_value(triwulan) AS q, "
        "count(DISTINCT kode_indikator) AS n FROM realisasi_riwayat GROUP BY 1 ORDER BY 1 LIMIT 1"
    )
    batch, tahun, tw, n = (int(row[c][0]) for c in ("b", "t", "q", "n"))
    set_locked(h, ADMIN, tahun, tw, False)  # the demo's history lies in a locked quarter
    h.close()
    before = restore_state(db)
    at = open_page("pages/admin_riwayat.py", ADMIN)
    at.selectbox(key="riwayat_batch").set_value(batch)
    at.run()
    at.button(key="riwayat_pulihkan_batch").click()
    at.run()
    assert restore_state(db) == before  # the first click wrote nothing
    question = "\n".join(str(w.value) for w in at.warning)
    assert f"Pulihkan batch {batch}?" in question and f"{n} nilai" in question
    at.button(key="riwayat_tanya_batal").click()
    at.run()
    assert restore_state(db) == before
    at.button(key="riwayat_pulihkan_batch").click()
    at.run()
    at.button(key="riwayat_tanya_ya").click()
    at.run()
    assert not at.exception
    assert f"{n} nilai dari batch {batch} dipulihkan." in texts(at)
    assert restore_state(db)[1] == before[1] + n  # one audit record per restored value
