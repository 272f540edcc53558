"""Rapim sessions (issue 14, point 1): snapshot at opening, decisions, "Sejak Rapim lalu"
against the last snapshot, the pendampingan follow-up, the month's PK quarter.

Hand-computed on the seeded database (tests/csvdata.py), 2025 TW I:
- A: A1 kumulatif 30 against 100/4 = 120 % (cap 120), A2 negatif (2·80 − 70)/80 = 112,5 %;
  skor (120 + 112,5)/2 = 116,25, rank 1.
- B: B1 rentang 1,5–3,5 with 4: (2·3,5 − 4)/3,5 = 85,71 %; skor 85,71, rank 2.
After B reports 3 (inside the band): 100 %, skor 100,00 (+14,29), still rank 2.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from sakip_core import clock
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.io.importer import import_upload
from sakip_core.rapim import keputusan as kp
from sakip_core.rapim import sesi
from sakip_core.rapim.sejak import ringkasan_sejak
from tests.csvdata import ADMIN, OPERATOR_A, copy_db, count, csv_bytes

PIMPINAN = Actor("pimpinan", "pimpinan")
APRIL = (2025, 4)
TW1 = (2025, 1)


@pytest.fixture
def h(tmp_path: Path, seed_file: Path, monkeypatch: pytest.MonkeyPatch):
    handle = copy_db(seed_file, tmp_path / "r.duckdb")
    monkeypatch.setattr(clock, "now", lambda: datetime(2025, 6, 10, 9, 0))
    yield handle
    handle.close()


def report_b(h, value: str) -> None:
    text = f"tahun,triwulan,kode_opd,kode_indikator,realisasi\n2025,1,B,B1,{value}\n"
    assert import_upload(h, "realisasi", csv_bytes(text), "b.csv", ADMIN).ok


def plan_for_b(h, sesi_id: int, due: date) -> int:
    item = kp.Keputusan("B", "pendampingan", "Kabag Organisasi", "Asistensi target", due, "")
    return kp.catat(h, ADMIN, sesi_id, item)


def test_opening_freezes_every_table(h) -> None:
    versions = h.data_version()
    sid = sesi.buka(h, ADMIN, date(2025, 5, 5), "  Rapim   Mei ", TW1, APRIL)
    assert h.data_version() == versions + 1  # one transaction, one new data version
    s = sesi.ambil(h, PIMPINAN, sid)
    assert (s.judul, s.tahun, s.triwulan, s.tahun_bulan, s.bulan) == ("Rapim Mei", 2025, 1, 2025, 4)
    snap = sesi.snapshot(h, PIMPINAN, sid)
    assert set(snap) == {*sesi.PAPAN, "sejak", "tindak_lanjut", "kop"}
    board = snap["peringkat"].set_index("kode_opd")
    assert board.loc["A", "skor"] == pytest.approx(116.25)
    assert board.loc["B", "skor"] == pytest.approx(85.71)
    assert board["peringkat"].tolist() == [1, 2]
    ind = snap["indikator"].set_index("kode_indikator")
    assert ind.loc["B1", "capaian"] == pytest.approx(600 / 7)
    assert snap["sejak"].empty and snap["tindak_lanjut"].empty  # the first Rapim
    assert count(h, "audit_log WHERE aksi = 'rapim_buka'") == 1


def test_the_snapshot_does_not_follow_new_data(h) -> None:
    sid = sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    report_b(h, "3")
    snap = sesi.snapshot(h, PIMPINAN, sid)
    assert snap["peringkat"].set_index("kode_opd").loc["B", "skor"] == pytest.approx(85.71)
    live = sesi.figures(h, PIMPINAN, *TW1, *APRIL)
    assert live["peringkat"].set_index("kode_opd").loc["B", "skor"] == pytest.approx(100.0)


def test_next_rapim_compares_with_the_last_snapshot(h) -> None:
    first = sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    kid = plan_for_b(h, first, date(2025, 5, 31))
    report_b(h, "3")  # a late correction inside the same quarter
    second = sesi.buka(h, ADMIN, date(2025, 6, 10), "Rapim Juni", TW1, (2025, 5))
    assert sesi.sebelum(h, PIMPINAN, second).id == first
    sejak = sesi.snapshot(h, PIMPINAN, second)["sejak"].set_index("kode_opd")
    b = sejak.loc["B"]
    assert (b.skor_lalu, b.skor_kini, b.selisih_skor) == pytest.approx((85.71, 100.0, 14.29))
    assert b.status == "berubah"  # same rank, other figures
    assert list(b.kalimat) == ["skor 85,71 → 100,00 (+14,29)"]
    assert sejak.loc["A", "status"] == "tetap" and list(sejak.loc["A", "kalimat"]) == []
    assert ringkasan_sejak(sejak.reset_index()) == (
        "Naik 0 OPD, turun 0 OPD, angka berubah 1 OPD, baru 0 OPD."
    )
    panel = sesi.snapshot(h, PIMPINAN, second)["tindak_lanjut"]
    assert len(panel) == 1
    row = panel.iloc[0]
    assert row.keputusan_id == kid and row.kode_opd == "B"
    assert (row.skor_lalu, row.skor_kini, row.selisih_skor) == pytest.approx((85.71, 100, 14.29))
    assert list(row.indikator_bergerak) == ["Laju inflasi: 85,7 % → 100,0 %"]
    assert row.status == "belum" and bool(row.terlambat)  # due 31 May, today 10 June


def test_a_plan_done_is_not_late(h) -> None:
    first = sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    kid = plan_for_b(h, first, date(2025, 5, 31))
    kp.ubah_status(h, ADMIN, kid, "selesai", "Asistensi sudah dua kali")
    kini = sesi.figures(h, PIMPINAN, *TW1, *APRIL)
    panel = sesi.compare_with_last(h, PIMPINAN, kini, sesi.sebelum(h, PIMPINAN))["tindak_lanjut"]
    assert panel.iloc[0].status == "selesai" and not bool(panel.iloc[0].terlambat)
    assert list(panel.iloc[0].indikator_bergerak) == []  # nothing moved
    decided = kp.daftar_keputusan(h, PIMPINAN, first).iloc[0]
    assert (decided.catatan, decided.diubah_oleh) == ("Asistensi sudah dua kali", "sistem")


def test_decision_rules(h) -> None:
    sid = sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    before = h.data_version()
    with pytest.raises(kp.KeputusanError, match="penanggung jawab dan rencana"):
        kp.catat(h, ADMIN, sid, kp.Keputusan("B", "pendampingan"))
    with pytest.raises(kp.KeputusanError, match="OPD Z tidak dikenal"):
        kp.catat(h, ADMIN, sid, kp.Keputusan("Z", "penghargaan"))
    with pytest.raises(kp.KeputusanError, match="Rapim nomor 99"):
        kp.catat(h, ADMIN, 99, kp.Keputusan("A", "penghargaan"))
    assert h.data_version() == before  # refusals change nothing
    kp.catat(h, ADMIN, sid, kp.Keputusan("A", "penghargaan", catatan="Piagam"))
    with pytest.raises(AccessDenied):
        kp.catat(h, PIMPINAN, sid, kp.Keputusan("A", "penghargaan"))
    # the operator of A sees its own decision only, never B's
    plan_for_b(h, sid, date(2025, 5, 31))
    assert kp.daftar_keputusan(h, OPERATOR_A, sid)["kode_opd"].tolist() == ["A"]
    assert kp.daftar_keputusan(h, PIMPINAN, sid)["kode_opd"].tolist() == ["A", "B"]


def test_access_and_validation(h) -> None:
    with pytest.raises(AccessDenied):
        sesi.buka(h, PIMPINAN, date(2025, 5, 5), "Rapim", TW1, APRIL)
    with pytest.raises(sesi.RapimError, match="Judul Rapim wajib"):
        sesi.buka(h, ADMIN, date(2025, 5, 5), "   ", TW1, APRIL)
    with pytest.raises(sesi.RapimError, match="Tahun 2031"):
        sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim", (2031, 1), APRIL)
    sid = sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim", TW1, APRIL)
    with pytest.raises(AccessDenied):  # a snapshot names every OPD
        sesi.snapshot(h, OPERATOR_A, sid)
    with pytest.raises(AccessDenied):
        sesi.daftar(h, OPERATOR_A)


def test_the_month_ranks_the_latest_quarter_past_its_deadline(h) -> None:
    now = datetime(2025, 6, 10, 9, 0)
    assert sesi.pk_period(h, 2025, 3, now) is None  # TW I is due 15 April
    assert sesi.pk_period(h, 2025, 4, now) == (2025, 1)  # by the end of April
    assert sesi.pk_period(h, 2025, 7, now) == (2025, 1)  # July has not ended yet "now"
    later = datetime(2025, 7, 16, 0, 0)
    assert sesi.pk_period(h, 2025, 7, later) == (2025, 2)  # TW II was due 15 July 23:59


def test_a_past_rapim_prints_its_snapshot_with_its_decisions(h, tmp_path: Path) -> None:
    import io
    import subprocess

    import openpyxl

    from sakip_core.reports.rapim_excel import rapim_excel_snapshot
    from sakip_core.reports.rapim_pdf import pdf_bytes
    from sakip_core.reports.rapim_tables import from_snapshot

    sid = sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    plan_for_b(h, sid, date(2025, 5, 31))
    report_b(h, "3")  # B is 100 now; the Rapim of May showed 85,71
    wb = openpyxl.load_workbook(io.BytesIO(rapim_excel_snapshot(h, PIMPINAN, sid)))
    ws = wb["Peringkat"]
    assert ws["A1"].value.startswith("Rapim Mei · Triwulan I 2025 – Peringkat")
    head = [c.value for c in ws[3]]
    skor = {r[head.index("Kode OPD")]: r[head.index("Skor")] for r in
            ws.iter_rows(min_row=4, values_only=True)}  # fmt: skip
    assert skor == {"A": 116.25, "B": 85.71}
    plans = list(wb["Keputusan"].iter_rows(min_row=4, values_only=True))
    assert [(p[0], p[2], p[3], p[6]) for p in plans] == [
        ("B", "Pendampingan khusus", "Kabag Organisasi", "Belum dimulai")
    ]
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(pdf_bytes(from_snapshot(h, PIMPINAN, sid), with_charts=False))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Rapim Mei (potret data saat Rapim dibuka)" in text
    assert "85,71" in text and "100,00" not in text.split("Indeks")[0]


def test_a_verification_since_the_last_rapim_shows(h) -> None:
    from sakip_core import workflow as wf

    sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    wf.submit(h, ADMIN, wf.Selection(2025, 1, "A"))
    wf.approve(h, ADMIN, wf.Selection(2025, 1, "A"))
    kini = sesi.figures(h, PIMPINAN, *TW1, *APRIL)
    sejak = sesi.compare_with_last(h, PIMPINAN, kini, sesi.sebelum(h, PIMPINAN))["sejak"]
    a = sejak.set_index("kode_opd").loc["A"]
    assert a.status == "berubah" and list(a.kalimat) == ["data sementara → terverifikasi"]


def test_rapim_follow_each_other_and_remember_what_they_compared_with(h) -> None:
    first = sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    with pytest.raises(sesi.RapimError, match="tidak boleh sebelum Rapim terakhir"):
        sesi.buka(h, ADMIN, date(2025, 5, 1), "Rapim susulan", TW1, APRIL)
    with pytest.raises(sesi.RapimError, match="sudah dibuka"):  # a double click
        sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    second = sesi.buka(h, ADMIN, date(2025, 6, 10), "Rapim Juni", TW1, (2025, 5))
    assert sesi.ambil(h, PIMPINAN, second).pembanding_id == first
    assert sesi.sebelum(h, PIMPINAN, first) is None
    assert sesi.sebelum(h, PIMPINAN, second).id == first
    assert count(h, "rapim_sesi") == 2


def test_a_rapim_opened_meanwhile_by_another_admin_refuses_the_second(h, monkeypatch) -> None:
    sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    real = sesi.figures

    def and_another_admin(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        out = real(*args, **kwargs)
        monkeypatch.setattr(sesi, "figures", real)
        sesi.buka(h, Actor("admin2", "admin"), date(2025, 6, 10), "Rapim Juni", TW1, APRIL)
        return out

    monkeypatch.setattr(sesi, "figures", and_another_admin)
    with pytest.raises(sesi.RapimError, match="Rapim lain baru saja dibuka"):
        sesi.buka(h, ADMIN, date(2025, 6, 10), "Rapim Juni (2)", TW1, APRIL)
    assert [s.judul for s in sesi.daftar(h, PIMPINAN)] == ["Rapim Juni", "Rapim Mei"]


def test_one_decision_per_opd_and_rapim_due_after_the_rapim(h) -> None:
    sid = sesi.buka(h, ADMIN, date(2025, 5, 5), "Rapim Mei", TW1, APRIL)
    with pytest.raises(kp.KeputusanError, match="sebelum tanggal Rapim"):
        plan_for_b(h, sid, date(2025, 5, 4))
    plan_for_b(h, sid, date(2025, 5, 31))
    with pytest.raises(kp.KeputusanError, match="sudah dicatat"):
        kp.catat(h, ADMIN, sid, kp.Keputusan("B", "penghargaan"))


def test_an_opd_new_since_the_last_rapim_reads_as_new() -> None:
    import pandas as pd

    from sakip_core.rapim.sejak import _phrases

    row = pd.Series({"skor_lalu": float("nan"), "skor_kini": 114.09, "selisih_skor": float("nan"),
                     "peringkat_lalu": float("nan"), "peringkat_kini": 3,
                     "dilaporkan_lalu": float("nan"), "dilaporkan_kini": 5,
                     "jumlah_indikator": 5, "data_lalu": None, "data_kini": "sementara",
                     "rb_lalu": None, "rb_kini": None, "serapan_lalu": None,
                     "serapan_kini": None})  # fmt: skip
    assert _phrases(row) == ["skor 114,09 (baru)"]
