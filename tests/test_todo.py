"""The to-do list (issue 14, point 4): the open quarter, what an OPD still owes, the admin's
reminder list; hand-built cases, then Beranda and Unggah in AppTest on the demo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

import sakip_core
from sakip_core import clock, todo
from sakip_core import workflow as wf
from sakip_core.access import AccessDenied
from sakip_core.admin import set_locked
from sakip_core.auth import Actor, create_user
from tests.factories import TAHUN, add_indicators, add_opd, add_rb_aksi, add_realisasi, make_db
from tests.page_helpers import open_page, serve_demo_copy, texts

ADMIN = Actor("admin", "admin")
VER = Actor("verifikator", "verifikator")
OP = Actor("operator-01", "operator", "01")
NOV = datetime(TAHUN, 11, 20, 9)  # quarters 1-3 have ended; deadline of Q3: 15 October


def ind(code: str, opd: str = "01") -> dict:
    return {"kode_opd": opd, "kode_indikator": code, "target": 10.0}


@pytest.fixture
def h(tmp_path):
    handle = make_db(tmp_path)
    add_opd(handle, "01", "02")
    add_indicators(handle, [ind("A"), ind("B"), ind("C")])
    add_indicators(handle, [ind("D", "02")])
    rows = [("A", 1), ("B", 1), ("C", 1), ("A", 2), ("A", 3), ("B", 3)]
    add_realisasi(handle, [{"kode_opd": "01", "kode_indikator": k, "triwulan": q,
                            "realisasi": 5.0} for k, q in rows])  # fmt: skip
    for q, codes in ((1, ("A",)), (2, ("A",)), (3, ("A",))):
        wf.submit(handle, OP, wf.Selection(TAHUN, q, "01", codes))
    wf.reject(handle, VER, wf.Selection(TAHUN, 1, "01", ("A",)), "Q1 salah")
    wf.reject(handle, VER, wf.Selection(TAHUN, 2, "01", ("A",)), "Bukti tidak sesuai")
    set_locked(handle, ADMIN, TAHUN, 1, True)  # its rejection is closed with the quarter
    create_user(handle, "operator-01", "operator", "rahasia-panjang-1", kode_opd="01")
    return handle


def test_the_open_quarter_is_the_latest_ended_and_unlocked(h):
    oq = todo.open_quarter(h, NOV)
    assert (oq.tahun, oq.triwulan, oq.sudah_berakhir) == (TAHUN, 3, True)
    assert oq.batas_waktu == datetime(TAHUN, 10, 15, 23, 59)  # hari_batas_lapor 15
    assert oq.days_late(NOV) == 36  # 16-31 October and 1-20 November
    assert oq.days_late(datetime(TAHUN, 10, 15, 23, 0)) == 0
    early = todo.open_quarter(h, datetime(TAHUN, 2, 1))
    assert (early.triwulan, early.sudah_berakhir) == (2, False)  # none ended, Q1 locked: the next
    set_locked(h, ADMIN, TAHUN, 3, True)
    after = todo.open_quarter(h, NOV)
    assert (after.triwulan, after.sudah_berakhir) == (4, False)
    assert after.days_late(NOV) == 0


def test_what_an_opd_owes(h):
    t = todo.opd_todo(h, OP, "01", NOV)
    assert list(t.belum_lapor["kode_indikator"]) == ["C"]  # Q3: A and B reported
    assert t.hari_terlambat == 36
    # Q2's rejection is listed with its note; Q1's is in a locked quarter
    assert t.ditolak[["triwulan", "kode_indikator", "catatan"]].values.tolist() == [
        [2, "A", "Bukti tidak sesuai"]
    ]
    # uploaded, not submitted: B and C of Q1 are locked; B of Q3 is open
    assert t.draf[["triwulan", "kode_indikator"]].values.tolist() == [[3, "B"]]
    assert not t.kosong
    wf.submit(h, OP, wf.Selection(TAHUN, 2, "01", ("A",)))  # the fix: resubmitted
    assert todo.opd_todo(h, OP, "01", NOV).ditolak.empty


def test_an_opd_with_everything_reported_owes_no_days(h):
    add_realisasi(h, [{"kode_opd": "01", "kode_indikator": "C", "triwulan": 3, "realisasi": 1.0}])
    t = todo.opd_todo(h, OP, "01", NOV)
    assert t.belum_lapor.empty and t.hari_terlambat == 0


def test_rb_actions_behind_the_even_plan(h):
    add_rb_aksi(h, [
        {"kode_opd": "01", "bulan": 9, "kode_aksi": "R1", "target": 100.0, "realisasi": 10.0},
        {"kode_opd": "01", "bulan": 10, "kode_aksi": "R1", "target": 100.0, "realisasi": 80.0},
        {"kode_opd": "01", "bulan": 10, "kode_aksi": "R2", "target": 60.0, "realisasi": 50.0},
    ])  # fmt: skip
    behind = todo.opd_todo(h, OP, "01", NOV).aksi_rb
    # latest month 10: R1 80 < 100 * 10/12 = 83.3 is behind; R2 50 = 60 * 10/12 is on plan
    assert list(behind["kode_aksi"]) == ["R1"]
    assert behind["rencana_sd_bulan"].iloc[0] == pytest.approx(1000 / 12)


def test_the_admin_reminder_list_and_access(h):
    df = todo.summary(h, ADMIN, NOV)
    row = df.set_index("kode_opd")
    assert list(df["kode_opd"]) == ["01", "02"]  # 3 owed (C, A rejected, B draft) before 1 (D)
    assert row.loc["01", ["belum_lapor", "ditolak", "draf"]].tolist() == [1, 1, 1]
    assert row.loc["02", "belum_lapor"] == 1 and row.loc["02", "hari_terlambat"] == 36
    assert row.loc["01", "operator"] == "operator-01"
    with pytest.raises(AccessDenied):
        todo.summary(h, OP, NOV)
    with pytest.raises(AccessDenied):
        todo.opd_todo(h, OP, "02", NOV)


# --- pages on the demo ------------------------------------------------------------------------

DINKES = "1.02.01"
OP_DINKES = Actor(f"operator-{DINKES}", "operator", DINKES)


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from serve_demo_copy(demo_db, tmp_path, monkeypatch)


def test_beranda_lists_a_rejected_value_and_the_fix_clears_it(db: Path) -> None:
    h = sakip_core.connect(db)
    oq = todo.open_quarter(h, clock.now())
    sel = wf.Selection(oq.tahun, oq.triwulan, DINKES)
    if not todo.opd_todo(
        h, ADMIN, DINKES, clock.now()
    ).draf.empty:  # whatever the demo left as draft, so only the rejection is owed
        wf.submit(h, ADMIN, sel)
    sql = "SELECT min(kode_indikator) AS k FROM realisasi WHERE tahun = ? AND triwulan = ? AND "
    kode = h.query_df(sql + "kode_opd = ?", [oq.tahun, oq.triwulan, DINKES])["k"][0]
    wf.reject(h, VER, wf.Selection(oq.tahun, oq.triwulan, DINKES, (kode,)), "Angka tidak sesuai")
    at = open_page("pages/beranda.py", OP_DINKES)
    text = texts(at)
    assert "Yang perlu Anda selesaikan" in text and "1 nilai ditolak verifikator" in text
    shown = next(d.value for d in at.dataframe if "Catatan verifikator" in d.value.columns)
    assert list(shown["Kode"]) == [kode] and list(shown["Catatan verifikator"]) == [
        "Angka tidak sesuai"
    ]
    assert any(b.label.startswith("Perbaiki di Unggah Realisasi") for b in at.button)
    wf.submit(h, OP_DINKES, sel)  # corrected and resubmitted
    h.close()
    assert "nilai ditolak" not in texts(open_page("pages/beranda.py", OP_DINKES))


def test_admin_beranda_offers_the_reminder_list(db: Path) -> None:
    at = open_page("pages/beranda.py", ADMIN)
    shown = next(d.value for d in at.dataframe if "Akun operator" in d.value.columns)
    assert len(shown) == 44 and shown["Akun operator"].str.startswith("operator-").all()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh daftar pengingat (Excel)", "Unduh daftar pengingat (CSV)"]
    assert not [e for e in at.expander if "Yang perlu Anda" in e.label]


def test_upload_opens_on_the_open_quarter_or_the_linked_one(db: Path) -> None:
    h = sakip_core.connect(db)
    oq = todo.open_quarter(h, clock.now())
    h.close()
    at = open_page("pages/unggah.py", OP_DINKES)
    assert (at.selectbox(key="unggah_tahun").value, at.selectbox(key="unggah_tw").value) == (
        oq.tahun, oq.triwulan)  # fmt: skip
    at = open_page("pages/unggah.py", OP_DINKES, params={"tahun": "2025", "triwulan": "2"})
    assert (at.selectbox(key="unggah_tahun").value, at.selectbox(key="unggah_tw").value) == (
        2025, 2)  # fmt: skip
    assert "tahun" not in at.query_params
