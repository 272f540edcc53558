"""Whole-file checking, one-transaction batches, history, scope and locks (formats.md)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from sakip_core.io import writer
from sakip_core.io.importer import check_upload, import_upload
from tests.csvdata import (
    ADMIN,
    OPERATOR_A,
    REALISASI_CSV,
    copy_db,
    count,
    csv_bytes,
)

HEADER = "tahun,triwulan,kode_opd,kode_indikator,realisasi\n"


@pytest.fixture
def db(tmp_path, seed_file):
    return copy_db(seed_file, tmp_path / "t.duckdb")


def messages(result) -> list[str]:
    check = getattr(result, "check", result)  # an ImportResult or a CheckResult
    return [str(p) for p in check.problems]


def test_every_problem_is_listed_with_row_and_column_and_nothing_is_written(db) -> None:
    before = count(db, "realisasi")
    bad = HEADER + "2025,5,A,A1,abc\n2030,1,A,A1,1\n2025,1,B,A1,1\n2025,1,A,ZZ,1\n2025,1,A,A2,inf\n"
    result = import_upload(db, "realisasi", csv_bytes(bad), "r.csv", ADMIN)
    assert not result.ok
    assert messages(result) == [
        "baris 2, kolom triwulan: harus antara 1 dan 4 (isian: '5'; indikator A1 – Cakupan "
        "imunisasi)",
        "baris 2, kolom realisasi: bukan angka yang sah; isi angka, misalnya 12,5 atau 12.5 "
        "(isian: 'abc'; indikator A1 – Cakupan imunisasi)",
        "baris 3, kolom tahun: tahun ini belum memiliki indikator PK (isian: '2030'; indikator "
        "A1 – Cakupan imunisasi)",
        "baris 4, kolom kode_opd: indikator ini milik OPD A, bukan OPD baris ini (isian: 'B'; "
        "indikator A1 – Cakupan imunisasi)",
        "baris 5, kolom kode_indikator: indikator tidak ada pada PK tahun tersebut (isian: 'ZZ')",
        "baris 6, kolom realisasi: bukan angka yang sah; isi angka, misalnya 12,5 atau 12.5 "
        "(isian: 'inf'; indikator A2 – Angka Kematian Ibu)",
    ]
    assert count(db, "realisasi") == before
    assert count(db, "batch_unggah") == 3  # opd, indikator, realisasi of the seed only


def test_missing_required_column_and_extra_column_warning(db) -> None:
    text = "tahun,triwulan,kode_opd,realisasi,catatan_lain\n2025,1,A,1,x\n"
    result = check_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN)
    assert messages(result) == [
        "baris 1, kolom kode_indikator: kolom wajib tidak ada di baris judul"
    ]
    assert result.warnings == ["Kolom berikut tidak dikenal dan diabaikan: catatan_lain"]


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"", "r.csv", "Berkas kosong"),
        (csv_bytes(HEADER), "r.csv", "tanpa baris data"),
        (b"PK\x03\x04rubbish", "r.csv", "berisi Excel, bukan CSV"),
        (b"tahun,triwulan\n2025,1\n", "r.xlsx", "bukan file Excel .xlsx"),
        (b"PK\x03\x04rubbish", "r.xlsx", "tidak dapat dibaca"),
        ("tahun;kode\n\xe9".encode("latin-1"), "r.csv", "UTF-8"),
        (b"a,b\n1,2\n", "r.pdf", "tidak didukung"),
    ],
)
def test_file_level_problems(db, data: bytes, name: str, expected: str) -> None:
    result = import_upload(db, "realisasi", data, name, ADMIN)
    assert not result.ok
    assert expected in messages(result)[0]


def test_duplicate_key_inside_one_file(db) -> None:
    text = HEADER + "2025,2,A,A1,1\n2025,2,A,A2,1\n2025,2,A,A1,2\n"
    result = check_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN)
    assert messages(result) == [
        "baris 4, kolom kode_indikator: duplikat: kunci (tahun, triwulan, kode_indikator) "
        "yang sama sudah ada di baris 2 (isian: 'A1'; indikator A1 – Cakupan imunisasi)"
    ]


def test_semicolon_csv_with_comma_decimals_bom_and_spaces(db) -> None:
    text = "\ufefftahun;triwulan;kode_opd;kode_indikator;realisasi\n2025;2; A ; A1 ;12,5\n"
    result = import_upload(db, "realisasi", text.encode("utf-8"), "r.csv", ADMIN)
    assert result.ok, messages(result)
    stored = db.query_df("SELECT realisasi FROM realisasi WHERE triwulan = 2")
    assert stored["realisasi"].tolist() == [12.5]


def test_xlsx_upload_keeps_text_codes_and_excel_row_numbers(db) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["tahun", "triwulan", "kode_opd", "kode_indikator", "realisasi"])
    sheet.append([2025, 2, "A", "A1", 40])
    sheet.append([None, None, None, None, None])  # a blank row keeps the numbering
    sheet.append([2025, 2, "A", "A2", "x"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_upload(db, "realisasi", buffer.getvalue(), "r.xlsx", ADMIN)
    assert [p.baris for p in result.check.problems] == [4]
    assert result.check.problems[0].kolom == "realisasi"


def test_reupload_supersedes_and_keeps_history(db) -> None:
    text = HEADER + "2025,1,A,A1,35\n2025,1,A,A2,70\n"
    result = import_upload(db, "realisasi", csv_bytes(text), "r2.csv", ADMIN)
    assert result.ok
    assert (result.batch.baru, result.batch.berubah, result.batch.sama) == (0, 1, 1)
    current = db.query_df("SELECT realisasi FROM realisasi WHERE kode_indikator = 'A1'")
    assert current["realisasi"].tolist() == [35.0]
    history = db.query_df("SELECT realisasi, diganti_oleh_batch FROM realisasi_riwayat")
    assert history["realisasi"].tolist() == [30.0]
    assert history["diganti_oleh_batch"].tolist() == [result.batch.batch_id]
    batch = db.query_df("SELECT * FROM batch_unggah WHERE id = ?", [result.batch.batch_id])
    assert batch["nama_file"].tolist() == ["r2.csv"]
    assert batch["pengguna"].tolist() == ["sistem"]
    assert len(batch["checksum"].iloc[0]) == 64
    assert batch["jumlah_baris"].tolist() == [2]


def test_a_failure_inside_the_write_rolls_everything_back(db, monkeypatch) -> None:
    before = (count(db, "realisasi"), count(db, "batch_unggah"), count(db, "realisasi_riwayat"))

    def explode(*args, **kwargs):
        raise RuntimeError("crash in the middle of the import")

    # the batch row and the history rows are already written when the last step fails
    monkeypatch.setattr(writer, "_incoming_total", explode, raising=False)
    original = writer._supersede

    def half_then_crash(conn, dataset, batch_id, waktu):
        original(conn, dataset, batch_id, waktu)
        explode()

    monkeypatch.setattr(writer, "_supersede", half_then_crash)
    text = HEADER + "2025,1,A,A1,99\n2025,2,A,A1,5\n"
    with pytest.raises(RuntimeError):
        import_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN)
    after = (count(db, "realisasi"), count(db, "batch_unggah"), count(db, "realisasi_riwayat"))
    assert after == before
    values = db.query_df("SELECT realisasi FROM realisasi WHERE kode_indikator = 'A1'")
    assert values["realisasi"].tolist() == [30.0]


def test_operator_cannot_write_another_opds_rows(db) -> None:
    text = HEADER + "2025,2,A,A1,1\n2025,2,B,B1,2\n"
    result = import_upload(db, "realisasi", csv_bytes(text), "r.csv", OPERATOR_A)
    assert messages(result) == [
        "baris 3, kolom kode_opd: baris untuk OPD lain; akun Anda hanya untuk OPD A (isian: 'B'; "
        "indikator B1 – Laju inflasi)"
    ]


@pytest.mark.parametrize("dataset", ["opd", "indikator", "lke"])
def test_operator_cannot_upload_master_data(db, dataset: str) -> None:
    result = check_upload(db, dataset, csv_bytes("kode_opd\nA\n"), "x.csv", OPERATOR_A)
    assert messages(result) == [f"berkas: peran operator tidak berwenang mengunggah data {dataset}"]


def test_locked_quarter_is_refused_naming_who_and_when(db) -> None:
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO kunci_triwulan (tahun, triwulan, terkunci, oleh, waktu) "
            "VALUES (2025, 1, true, 'admin', TIMESTAMP '2025-04-20 09:30:00')"
        )
    result = import_upload(db, "realisasi", csv_bytes(REALISASI_CSV), "r.csv", ADMIN)
    assert not result.ok
    first = messages(result)[0]
    assert first.startswith(
        "baris 2, kolom triwulan: triwulan 1 tahun 2025 sudah dikunci oleh admin"
    )
    assert "20-04-2025 09:30" in first


def test_indicator_rules(db) -> None:
    text = (
        "tahun,kode_opd,kode_indikator,sasaran,indikator,satuan,polaritas,agregasi,target,"
        "target_min,target_max,bobot,induk\n"
        "2025,A,X1,s,i,%,positif,kumulatif,-5,,,1,\n"
        "2025,A,X2,s,i,%,rentang,nilai_akhir,,4,3,1,\n"
        "2025,A,X3,s,i,%,negatif,nilai_akhir,,,,0,NOPE\n"
        "2025,A,B1,s,i,%,positif,nilai_akhir,5,,,1,\n"
        "2025,Z,X5,s,i,%,naik,jumlah,5,,,1,\n"
    )
    result = check_upload(db, "indikator", csv_bytes(text), "i.csv", ADMIN)
    got = messages(result)
    assert got[0].startswith("baris 2, kolom target: target tidak boleh negatif")
    assert any(m.startswith("baris 3, kolom target_min: tidak boleh lebih besar") for m in got)
    assert "baris 4, kolom target: wajib diisi untuk polaritas positif/negatif" in got
    assert any(m.startswith("baris 4, kolom bobot: harus lebih besar dari 0") for m in got)
    assert any(m.startswith("baris 4, kolom induk: indikator induk tidak ditemukan") for m in got)
    assert any(
        m.startswith("baris 5, kolom kode_indikator: kode ini sudah dipakai OPD B") for m in got
    )
    assert any(m.startswith("baris 6, kolom kode_opd: kode tidak terdaftar") for m in got)
    assert any(m.startswith("baris 6, kolom polaritas: tidak dikenal") for m in got)
    assert any(m.startswith("baris 6, kolom agregasi: tidak dikenal") for m in got)


def test_new_indicator_upload_is_a_new_version_and_keeps_the_old_one(db) -> None:
    text = (
        "tahun,kode_opd,kode_indikator,sasaran,indikator,satuan,polaritas,agregasi,target\n"
        "2025,A,A1,Sehat,Cakupan imunisasi,%,positif,kumulatif,120\n"
    )
    result = import_upload(db, "indikator", csv_bytes(text), "i2.csv", ADMIN)
    assert result.ok, messages(result)
    rows = db.query_df(
        "SELECT kode_indikator, versi, aktif, target FROM indikator WHERE kode_opd = 'A' "
        "ORDER BY versi, kode_indikator"
    )
    assert rows.values.tolist() == [
        ["A1", 1, False, 100.0],
        ["A2", 1, False, 80.0],
        ["A1", 2, True, 120.0],
    ]
    other = db.query_df("SELECT aktif FROM indikator WHERE kode_opd = 'B'")
    assert other["aktif"].tolist() == [True]


def test_lke_and_rb_aksi_and_anggaran_import(db) -> None:
    lke = (
        "tahun,kode_unit,komponen,subkomponen,kode_kriteria,jawaban\n"
        "2025,PEMDA,perencanaan,pemenuhan,1.a.1,Y\n2025,A,pengukuran,kualitas,2.b.1,b\n"
        '2025,A,pelaporan,pemanfaatan,3.c.1,"0,5"\n'
    )
    result = import_upload(db, "lke", csv_bytes(lke), "lke.csv", ADMIN)
    assert result.ok, messages(result)
    nilai = db.query_df("SELECT kode_kriteria, jawaban, nilai FROM lke ORDER BY kode_kriteria")
    assert nilai.values.tolist() == [
        ["1.a.1", "Y", 1.0],
        ["2.b.1", "B", 0.75],
        ["3.c.1", "0,5", 0.5],
    ]
    rb = (
        "tahun,bulan,kode_opd,area,kode_aksi,rencana_aksi,target,realisasi\n"
        "2025,3,A,Manajemen SDM Aparatur,RB1,Uji kompetensi,100,40\n"
        "2025,3,A,tata kelola,RB2,x,100,40\n"
    )
    result = import_upload(db, "rb_aksi", csv_bytes(rb), "rb.csv", ADMIN)
    assert [p.baris for p in result.check.problems] == [3]
    budget = 'tahun,bulan,kode_opd,pagu,realisasi\n2025,1,A,"1.000.000.000","12.500.000,50"\n'
    result = import_upload(db, "anggaran", csv_bytes(budget), "a.csv", OPERATOR_A)
    assert result.ok, messages(result)
    stored = db.query_df("SELECT pagu, realisasi, program FROM anggaran")
    assert stored.values.tolist() == [[1_000_000_000.0, 12_500_000.5, ""]]


def test_same_file_twice_warns(db) -> None:
    result = check_upload(db, "realisasi", csv_bytes(REALISASI_CSV), "r.csv", ADMIN)
    assert result.ok
    assert result.warnings and "sudah pernah diunggah" in result.warnings[0]


def test_operator_cannot_overwrite_a_verified_value(db) -> None:
    with db.transaction() as conn:
        conn.execute("UPDATE realisasi SET status = 'diverifikasi' WHERE kode_indikator = 'A1'")
    same = HEADER + "2025,1,A,A1,30\n2025,1,A,A2,71\n"
    assert check_upload(db, "realisasi", csv_bytes(same), "r.csv", OPERATOR_A).ok
    changed = HEADER + "2025,1,A,A1,31\n"
    result = check_upload(db, "realisasi", csv_bytes(changed), "r.csv", OPERATOR_A)
    assert messages(result) == [
        "baris 2, kolom realisasi: nilai ini sudah diverifikasi; minta verifikator "
        "mengembalikannya (ditolak) sebelum diubah (isian: '31'; indikator A1 – Cakupan "
        "imunisasi)"
    ]
    assert check_upload(db, "realisasi", csv_bytes(changed), "r.csv", ADMIN).ok
