"""A small organisation with a PK, shared by the PK tests."""

from __future__ import annotations

from fpdf import FPDF

from tests.factories import add_indicators, add_jabatan, add_opd, make_db

BUPATI = {"kode_jabatan": "KD", "kode_opd": "PEMDA", "nama_jabatan": "Bupati Sukamaju",
          "jenjang": "kepala_daerah", "nama_pejabat": "H. Bupati Contoh"}  # fmt: skip
KADIS = {"kode_jabatan": "A.J1", "kode_opd": "A", "nama_jabatan": "Kepala Dinas Alpha",
         "jenjang": "jpt", "atasan": "KD", "nama_pejabat": "dr. Rina Kartika, M.Kes.",
         "nip": "198001012005012001", "pangkat": "Pembina Utama Muda (IV/c)"}  # fmt: skip
KABID = {"kode_jabatan": "A.J2", "kode_opd": "A", "nama_jabatan": "Kepala Bidang Satu",
         "jenjang": "administrator", "atasan": "A.J1", "nama_pejabat": "Budi Santoso",
         "nip": "198502102010011002", "pangkat": "Pembina (IV/a)",
         "status_pejabat": "plt"}  # fmt: skip
KADIS_B = {"kode_jabatan": "B.J1", "kode_opd": "B", "nama_jabatan": "Kepala Badan Beta",
           "jenjang": "jpt", "atasan": "KD", "nama_pejabat": "Siti"}  # fmt: skip


def pdf_scan() -> bytes:
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=12)
    doc.cell(text="PK ditandatangani")
    return bytes(doc.output())


def pk_database(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    """OPDs A and B, the Bupati, two posts in A (one Plt), a head in B; A's PK with three
    OPD-level indicators (two programs, one rentang) and one cascaded; the Pemda's IKU."""
    monkeypatch.setenv("SAKIP_BUKTI_DIR", str(tmp_path / "bukti"))
    handle = make_db(tmp_path)
    add_opd(handle, "A", "B")
    add_jabatan(handle, [BUPATI, KADIS, KABID, KADIS_B])
    add_indicators(
        handle,
        [
            {"kode_opd": "A", "kode_indikator": "A1", "sasaran": "Meningkatnya derajat kesehatan",
             "indikator": "Usia Harapan Hidup", "satuan": "tahun", "target": 72.5,
             "target_tw4": 72.5, "program": "Program Kesehatan", "anggaran": 5e9},
            {"kode_opd": "A", "kode_indikator": "A2", "sasaran": "Meningkatnya derajat kesehatan",
             "indikator": "Angka inflasi", "satuan": "%", "polaritas": "rentang",
             "target_min": 2.5, "target_max": 3.5, "program": "Program Kesehatan",
             "anggaran": 5e9},
            {"kode_opd": "A", "kode_indikator": "A3", "sasaran": "Tata kelola",
             "indikator": "Nilai SAKIP OPD", "satuan": "nilai", "target": 70.0,
             "program": "Program Penunjang", "anggaran": 1.25e9},
            {"kode_opd": "A", "kode_indikator": "A1.1", "level": "administrator",
             "induk": "A1", "kode_jabatan": "A.J2", "indikator": "Cakupan imunisasi",
             "target": 95.0},
        ],
    )  # fmt: skip
    add_indicators(handle, [{"kode_opd": "PEMDA", "kode_indikator": "P1", "level": "pemda",
                             "indikator": "Indeks Pembangunan Manusia", "satuan": "indeks",
                             "target": 72.0, "iku": True}])  # fmt: skip
    return handle
