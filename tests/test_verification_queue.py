"""The verifier's read model: exact values, target, capaian with the submitted value, the previous
quarter, the same quarter last year, evidence and the earlier rejection after a resubmission.

The small database (hand-computed figures):
- A1 (positif, nilai_akhir, target 100, target_tw2 80): TW2 = 12.345, TW1 = 12.5, TW2 last year
  40.5 -> T = 80, C = 100 * 12.345 / 80 = 15.43125.
- A2 (positif, kumulatif, target 40, no quarterly target): TW1 = 7, TW2 = 9 -> R = 16,
  T = 40 * 2 / 4 = 20, C = 80; nothing last year.
- A3 (rentang 10..20, nilai_akhir): TW2 = 25 -> C = 100 * (2 * 20 - 25) / 20 = 75; TW1 is
  not reported (the previous quarter is empty).
"""

from __future__ import annotations

import pandas as pd
import pytest

from sakip_core import evidence
from sakip_core import workflow as wf
from sakip_core.access import AccessDenied
from sakip_core.verification_queue import verification_sheet
from tests.factories import TAHUN, add_indicators, add_opd, add_realisasi, make_db
from tests.reporting_fixtures import ADMIN, ANALIS, OP_A, VERIFIER, A, B

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
TW2 = wf.Selection(TAHUN, 2, A)
ONLY_A1 = wf.Selection(TAHUN, 2, A, ("A1",))


@pytest.fixture
def h(tmp_path, monkeypatch):
    monkeypatch.setenv("SAKIP_BUKTI_DIR", str(tmp_path / "bukti"))
    handle = make_db(tmp_path)
    add_opd(handle, A, B)
    add_indicators(
        handle,
        [
            {"kode_opd": A, "kode_indikator": "A1", "target": 100.0, "target_tw2": 80.0},
            {"kode_opd": A, "kode_indikator": "A2", "target": 40.0, "agregasi": "kumulatif",
             "satuan": "dokumen"},
            {"kode_opd": A, "kode_indikator": "A3", "polaritas": "rentang",
             "target_min": 10.0, "target_max": 20.0},
        ],
    )  # fmt: skip
    add_indicators(handle, [{"kode_opd": B, "kode_indikator": "B1", "target": 100.0}])
    add_realisasi(
        handle,
        [
            {"kode_opd": A, "kode_indikator": "A1", "triwulan": 2, "realisasi": 40.5,
             "tahun": TAHUN - 1},
            {"kode_opd": A, "kode_indikator": "A1", "triwulan": 1, "realisasi": 12.5},
            {"kode_opd": A, "kode_indikator": "A2", "triwulan": 1, "realisasi": 7.0},
            {"kode_opd": A, "kode_indikator": "A1", "triwulan": 2, "realisasi": 12.345},
            {"kode_opd": A, "kode_indikator": "A2", "triwulan": 2, "realisasi": 9.0},
            {"kode_opd": A, "kode_indikator": "A3", "triwulan": 2, "realisasi": 25.0},
            {"kode_opd": B, "kode_indikator": "B1", "triwulan": 2, "realisasi": 70.0},
        ],
    )  # fmt: skip
    wf.submit(handle, OP_A, TW2)
    yield handle
    handle.close()


def rows(h, actor=VERIFIER):  # noqa: ANN001, ANN201
    return verification_sheet(h, actor, TAHUN, 2, A).rows.set_index("kode_indikator")


def test_exact_value_target_capaian_previous_quarter_and_last_year(h):
    r = rows(h)
    assert r.index.tolist() == ["A1", "A2", "A3"]  # only A's values of the quarter
    a1, a2, a3 = r.loc["A1"], r.loc["A2"], r.loc["A3"]
    assert a1["realisasi"] == 12.345  # not rounded to one decimal
    assert a1["target_sd"] == 80.0 and a1["capaian"] == pytest.approx(15.43125)
    assert a1["realisasi_tw_lalu"] == 12.5 and a1["realisasi_tahun_lalu"] == 40.5
    assert a2["realisasi"] == 9.0 and a2["realisasi_sd"] == 16.0
    assert a2["target_sd"] == 20.0 and a2["capaian"] == pytest.approx(80.0)
    assert a2["realisasi_tw_lalu"] == 7.0 and pd.isna(a2["realisasi_tahun_lalu"])
    assert (a3["target_min"], a3["target_max"]) == (10.0, 20.0)
    assert a3["capaian"] == pytest.approx(75.0)
    assert pd.isna(a3["realisasi_tw_lalu"])  # TW1 not reported
    assert set(r["status"]) == {"diajukan"} and r["catatan_sebelumnya"].isna().all()
    assert a1["satuan"] == "%" and a2["satuan"] == "dokumen" and a1["indikator"] == "Indikator A1"


def test_previous_quarter_of_the_first_quarter_is_the_last_of_last_year(h):
    add_realisasi(h, [{"kode_opd": A, "kode_indikator": "A1", "triwulan": 4, "realisasi": 33.25,
                       "tahun": TAHUN - 1}])  # fmt: skip
    sheet = verification_sheet(h, VERIFIER, TAHUN, 1, A)
    assert sheet.previous == (TAHUN - 1, 4)
    a1 = sheet.rows.set_index("kode_indikator").loc["A1"]
    assert a1["realisasi"] == 12.5 and a1["realisasi_tw_lalu"] == 33.25


def test_earlier_rejection_note_shown_after_resubmission(h):
    wf.reject(h, VERIFIER, ONLY_A1, "Angka tidak sesuai bukti")
    a1 = rows(h).loc["A1"]
    # while rejected, the note is the row's own (catatan_verifikasi), not an "earlier" one
    assert a1["status"] == "ditolak" and a1["catatan_verifikasi"] == "Angka tidak sesuai bukti"
    assert pd.isna(a1["catatan_sebelumnya"]) and a1["kali_ditolak"] == 1
    # the operator corrects the value (an upload moves the old row to the history) and submits
    add_realisasi(h, [{"kode_opd": A, "kode_indikator": "A1", "triwulan": 2, "realisasi": 12.3456}])
    wf.submit(h, OP_A, ONLY_A1)
    r = rows(h)
    a1 = r.loc["A1"]
    assert a1["status"] == "diajukan" and a1["realisasi"] == 12.3456
    assert pd.isna(a1["catatan_verifikasi"])  # the row itself no longer carries the note
    assert a1["catatan_sebelumnya"] == "Angka tidak sesuai bukti"
    assert a1["ditolak_oleh"] == "ver" and a1["nilai_saat_ditolak"] == 12.345
    assert a1["capaian"] == pytest.approx(100 * 12.3456 / 80)  # with the corrected value
    assert pd.isna(r.loc["A2", "catatan_sebelumnya"]) and r.loc["A2", "kali_ditolak"] == 0


def test_the_latest_of_two_rejections_is_shown(h):
    wf.reject(h, VERIFIER, ONLY_A1, "pertama")
    wf.submit(h, OP_A, ONLY_A1)
    wf.reject(h, ADMIN, ONLY_A1, "kedua")
    wf.submit(h, OP_A, ONLY_A1)
    a1 = rows(h).loc["A1"]
    assert (a1["catatan_sebelumnya"], a1["ditolak_oleh"], a1["kali_ditolak"]) == ("kedua", "adm", 2)


def test_evidence_files_listed_per_value(h):
    evidence.store(h, OP_A, (TAHUN, 2, A, "A2"), "foto bukti.png", PNG)
    evidence.store(h, OP_A, (TAHUN, 1, A, "A2"), "lain triwulan.png", PNG)  # another quarter
    sheet = verification_sheet(h, VERIFIER, TAHUN, 2, A)
    assert sheet.files_of("A2")["nama_asli"].tolist() == ["foto bukti.png"]
    assert sheet.files_of("A1").empty
    assert sheet.rows.set_index("kode_indikator")["jumlah_bukti"].to_dict() == {
        "A1": 0, "A2": 1, "A3": 0,
    }  # fmt: skip


@pytest.mark.parametrize("actor", [OP_A, ANALIS])
def test_only_verifiers_and_the_admin_read_it(h, actor):
    with pytest.raises(AccessDenied):
        verification_sheet(h, actor, TAHUN, 2, A)
    assert len(rows(h, ADMIN)) == 3


def test_the_table_shows_exact_figures_and_dashes(h):
    from ui.verification import sheet_table

    table = sheet_table(verification_sheet(h, VERIFIER, TAHUN, 2, A)).set_index("Kode indikator")
    prev, last = f"Realisasi Triwulan I {TAHUN}", f"Realisasi Triwulan II {TAHUN - 1}"
    cols = ["Realisasi", "Realisasi s.d. TW", "Target s.d. TW", "Capaian", prev, last]
    assert table.loc["A1", cols].tolist() == ["12,345", "12,345", "80", "15,43 %", "12,5", "40,5"]
    assert table.loc["A2", cols].tolist() == ["9", "16", "20", "80,00 %", "7", "—"]
    assert table.loc["A3", cols].tolist() == ["25", "25", "10–20", "75,00 %", "—", "—"]
    assert set(table["Catatan penolakan sebelumnya"]) == {"—"}
    assert set(table["Status"]) == {"Diajukan"}
