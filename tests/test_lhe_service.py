"""LHE follow-up (issue 14, point 3): overdue flag, percentage per unit, access, verification,
evidence, and the open follow-ups on the to-do list. Hand-built cases with a fixed clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sakip_core import clock, lhe, todo
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from tests.factories import add_indicators, add_opd, make_db

ADMIN = Actor("admin", "admin")
VER = Actor("verifikator", "verifikator")
PIM = Actor("pimpinan", "pimpinan")
OP1 = Actor("operator-01", "operator", "01")
OP2 = Actor("operator-02", "operator", "02")
PDF = ("bukti.pdf", b"%PDF-1.4\nbukti\n%%EOF\n")
TODAY = date(2026, 7, 1)


def rec(unit: str, kode: str, due: date, tahun: int = 2025) -> lhe.Recommendation:
    return lhe.Recommendation(tahun, unit, kode, "evaluasi", f"Rekomendasi {kode}", due, "PJ")


def follow(unit: str, kode: str, status: str, tahun: int = 2025) -> lhe.FollowUp:
    return lhe.FollowUp(tahun, unit, kode, f"Dikerjakan {kode}", status)


@pytest.fixture
def h(tmp_path, monkeypatch):
    handle = make_db(tmp_path)
    monkeypatch.setenv("SAKIP_BUKTI_DIR", str(tmp_path / "bukti"))
    add_opd(handle, "01", "02")
    # OPD 01: five recommendations, four of them due before TODAY
    for kode, due in [("R1", date(2026, 3, 31)), ("R2", date(2026, 3, 31)),
                      ("R3", date(2026, 6, 30)), ("R4", date(2026, 6, 30)),
                      ("R5", date(2026, 12, 31))]:  # fmt: skip
        lhe.add_recommendation(handle, ADMIN, rec("01", kode, due))
    lhe.add_recommendation(handle, ADMIN, rec("02", "R1", date(2026, 3, 31)))
    lhe.add_recommendation(handle, ADMIN, rec("PEMDA", "P1", date(2026, 12, 31)))
    return handle


def story(h) -> dict[str, int]:
    """R1 selesai and verified; R2 selesai, waiting; R3 selesai, rejected; R4 in progress;
    R5 not started (not due yet)."""
    ids = {k: lhe.record_follow_up(h, OP1, follow("01", k, "selesai"), PDF)
           for k in ("R1", "R2", "R3")}  # fmt: skip
    lhe.verify(h, VER, ids["R1"], True)
    lhe.verify(h, VER, ids["R3"], False, "Bukti tidak sesuai")
    ids["R4"] = lhe.record_follow_up(h, OP1, follow("01", "R4", "proses"))
    return ids


def test_state_and_overdue_flag_per_recommendation(h):
    story(h)
    recs = lhe.recommendations(h, ADMIN, 2025, "01", TODAY).set_index("kode_rekomendasi")
    assert recs["keadaan"].to_dict() == {
        "R1": "tuntas", "R2": "menunggu", "R3": "ditolak", "R4": "proses", "R5": "belum"
    }  # fmt: skip
    # overdue: due before 1 July 2026 and not declared selesai (R3's selesai was rejected);
    # R2 waits for the Inspektorat, which does not make the unit late; R5 is due in December
    assert recs["terlambat"].to_dict() == {
        "R1": False, "R2": False, "R3": True, "R4": True, "R5": False
    }  # fmt: skip
    assert recs.loc["R3", "catatan_verifikasi"] == "Bukti tidak sesuai"
    assert recs.loc["R1", "nama_bukti"] == "bukti.pdf" and recs.loc["R5", "jumlah_bukti"] == 0


def test_overdue_follows_the_clock(h, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 3, 31, 23, 0))  # the due day itself
    assert not lhe.recommendations(h, ADMIN, 2025, "02")["terlambat"].any()
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 4, 1, 8, 0))
    assert lhe.recommendations(h, ADMIN, 2025, "02")["terlambat"].tolist() == [True]


def test_progress_per_unit_is_hand_computed(h):
    story(h)
    lhe.record_follow_up(h, ADMIN, follow("PEMDA", "P1", "selesai"), PDF)
    p = lhe.progress(h, PIM, 2025, TODAY).set_index("kode_unit")
    # 01: 1 of 5 verified selesai = 20 %; 02: 0 of 1; PEMDA: 0 of 1 (waiting for verification)
    counts = ["jumlah_rekomendasi", "selesai", "menunggu_verifikasi", "ditolak", "proses",
              "belum", "terlambat"]  # fmt: skip
    assert p.loc["01", counts].tolist() == [5, 1, 1, 1, 1, 1, 2]
    assert p.loc["01", "persen"] == pytest.approx(20.0)
    assert p.loc["02", "persen"] == 0.0 and p.loc["02", "terlambat"] == 1
    assert p.loc["PEMDA", "nama_unit"] == "Pemerintah Daerah"
    assert p.loc["PEMDA", "menunggu_verifikasi"] == 1 and p.loc["PEMDA", "terlambat"] == 0
    assert list(p.index) == ["01", "PEMDA", "02"]  # best first, then fewer overdue
    lhe.verify(h, VER, int(lhe.recommendations(h, VER, 2025, "PEMDA")["tindak_lanjut_id"][0]),
               True)  # fmt: skip
    assert lhe.progress(h, PIM, 2025, TODAY).set_index("kode_unit").loc["PEMDA", "persen"] == 100


def test_operators_see_and_write_only_their_own_opd(h):
    assert lhe.progress(h, OP2, 2025, TODAY)["kode_unit"].tolist() == ["02"]
    with pytest.raises(AccessDenied):
        lhe.recommendations(h, OP2, 2025, "01")
    with pytest.raises(AccessDenied):
        lhe.recommendations(h, OP2, 2025, "PEMDA")
    with pytest.raises(AccessDenied):
        lhe.record_follow_up(h, OP2, follow("01", "R1", "proses"))
    with pytest.raises(AccessDenied):  # the PEMDA's follow-ups are the admin's
        lhe.record_follow_up(h, OP1, follow("PEMDA", "P1", "proses"))
    for actor in (PIM, VER):
        with pytest.raises(AccessDenied):
            lhe.record_follow_up(h, actor, follow("01", "R1", "proses"))
    with pytest.raises(AccessDenied):
        lhe.add_recommendation(h, OP1, rec("01", "R9", date(2026, 1, 1)))
    assert h.query_df("SELECT count(*) AS n FROM lhe_tindak_lanjut")["n"][0] == 0


def test_only_the_inspektorat_verifies(h):
    tl = lhe.record_follow_up(h, OP1, follow("01", "R1", "selesai"), PDF)
    for actor in (ADMIN, OP1, PIM):
        with pytest.raises(AccessDenied):
            lhe.verify(h, actor, tl, True)
    lhe.verify(h, VER, tl, True)
    row = h.query_df("SELECT verifikasi, diverifikasi_oleh FROM lhe_tindak_lanjut").iloc[0]
    assert (row["verifikasi"], row["diverifikasi_oleh"]) == ("diverifikasi", "verifikator")
    audit = h.query_df("SELECT aksi, kunci FROM audit_log WHERE tabel = 'lhe_tindak_lanjut' "
                       "ORDER BY id")  # fmt: skip
    assert audit.values.tolist() == [["tindak_lanjut_lhe", "2025/01/R1"],
                                     ["verifikasi_lhe", "2025/01/R1"]]  # fmt: skip


def test_verification_rules(h):
    proses = lhe.record_follow_up(h, OP1, follow("01", "R1", "proses"))
    with pytest.raises(lhe.LheError, match="berstatus selesai"):
        lhe.verify(h, VER, proses, True)
    done = lhe.record_follow_up(h, OP1, follow("01", "R1", "selesai"), PDF)
    with pytest.raises(lhe.LheError, match="lebih baru"):  # the earlier record is history now
        lhe.verify(h, VER, proses, True)
    with pytest.raises(lhe.LheError, match="Catatan wajib"):
        lhe.verify(h, VER, done, False, "  ")
    lhe.verify(h, VER, done, False, "Lengkapi SK")
    with pytest.raises(lhe.LheError, match="sudah ditolak"):
        lhe.verify(h, VER, done, True)
    again = lhe.record_follow_up(h, OP1, follow("01", "R1", "selesai"))  # the file sent before
    lhe.verify(h, VER, again, True)
    with pytest.raises(lhe.LheError, match="sudah diverifikasi Inspektorat"):
        lhe.record_follow_up(h, OP1, follow("01", "R1", "proses"))
    past = lhe.history(h, OP1, 2025, "01", "R1")
    assert past["verifikasi"].tolist() == ["diverifikasi", "ditolak", "menunggu"]
    assert past["status"].tolist() == ["selesai", "selesai", "proses"]


def test_follow_up_input_rules(h, tmp_path):
    with pytest.raises(lhe.LheError, match="wajib disertai berkas bukti"):
        lhe.record_follow_up(h, OP1, follow("01", "R1", "selesai"))
    with pytest.raises(lhe.LheError, match="Uraian tindak lanjut wajib"):
        lhe.record_follow_up(h, OP1, lhe.FollowUp(2025, "01", "R1", "   ", "proses"))
    with pytest.raises(lhe.LheError, match="Status harus"):
        lhe.record_follow_up(h, OP1, follow("01", "R1", "tuntas"))
    with pytest.raises(lhe.LheError, match="tidak ditemukan"):
        lhe.record_follow_up(h, OP1, follow("01", "R9", "proses"))
    with pytest.raises(lhe.LheError, match="bukan PDF"):
        lhe.record_follow_up(h, OP1, follow("01", "R1", "selesai"), ("x.pdf", b"not a pdf"))
    assert not list((tmp_path / "bukti").rglob("*.pdf"))  # no refused file was kept


def test_evidence_is_stored_and_read_back_by_who_may_read_the_unit(h, tmp_path):
    lhe.record_follow_up(h, OP1, follow("01", "R1", "selesai"), ("../laporan r1.pdf", PDF[1]))
    bid = int(lhe.recommendations(h, OP1, 2025, "01")["bukti_id"].dropna().iloc[0])
    assert lhe.read_evidence(h, VER, bid) == ("laporan r1.pdf", PDF[1])
    with pytest.raises(AccessDenied):
        lhe.read_evidence(h, OP2, bid)
    assert len(list((tmp_path / "bukti" / "lhe").glob("*.pdf"))) == 1


def test_manual_entry_uses_the_file_rules_and_keeps_history(h):
    with pytest.raises(lhe.LheError) as refused:
        lhe.add_recommendation(h, ADMIN, lhe.Recommendation(2025, "09", "R1", "evaluasi", "",
                                                            date(2024, 1, 1)))  # fmt: skip
    assert str(refused.value) == (
        "kode_unit: kode tidak terdaftar sebagai OPD; rekomendasi: wajib diisi, tetapi kosong; "
        "batas_waktu: batas waktu sebelum tahun evaluasi 2025"
    )
    lhe.add_recommendation(h, ADMIN, rec("01", "R1", date(2026, 5, 31)))  # a revision
    old = h.query_df("SELECT batas_waktu FROM lhe_riwayat")["batas_waktu"].dt.date.tolist()
    assert old == [date(2026, 3, 31)]


def test_open_follow_ups_on_the_to_do_list(h):
    add_indicators(h, [{"kode_opd": "01", "kode_indikator": "A", "target": 10.0}])
    story(h)
    now = datetime(2026, 7, 1, 9)
    t = todo.opd_todo(h, OP1, "01", now)
    # owed: R3 (rejected), R4 (in progress), R5 (not started); R1 done, R2 with the Inspektorat
    assert t.lhe_terbuka[["kode_rekomendasi", "terlambat"]].values.tolist() == [
        ["R3", True], ["R4", True], ["R5", False]
    ]  # fmt: skip
    assert not t.kosong
    summary = todo.summary(h, ADMIN, now).set_index("kode_opd")
    assert summary.loc["01", "lhe_terbuka"] == 3 and summary.loc["02", "lhe_terbuka"] == 1


def test_a_failed_write_leaves_neither_file_nor_row(h, tmp_path, monkeypatch):
    from sakip_core.lhe import follow_up

    def broken(*args, **kwargs):
        raise RuntimeError("disk hilang")

    monkeypatch.setattr(follow_up.audit, "record", broken)
    with pytest.raises(RuntimeError):
        lhe.record_follow_up(h, OP1, follow("01", "R1", "selesai"), PDF)
    assert not list((tmp_path / "bukti").rglob("*.pdf"))
    rows = h.query_df("SELECT (SELECT count(*) FROM lhe_bukti) + "
                      "(SELECT count(*) FROM lhe_tindak_lanjut) AS n")  # fmt: skip
    assert rows["n"][0] == 0
