"""The `lhe` dataset (issue 14, point 3): whole-file rules named by row and column, one
versioned batch with history, the template and the command line."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from sakip_core.auth import Actor
from sakip_core.cli import main
from sakip_core.io.importer import check_upload, import_upload
from sakip_core.io.templates import template_bytes, template_frame
from tests.csvdata import ADMIN, csv_bytes
from tests.factories import add_opd, make_db

HEAD = "tahun,kode_unit,kode_rekomendasi,komponen,rekomendasi,batas_waktu,penanggung_jawab"
GOOD = (
    HEAD
    + "\n2025,01,R01,perencanaan,Reviu Renstra,31-03-2026,Sekretaris"
    + "\n2025,PEMDA,R01,Pengukuran,Bangun sistem data kinerja,2026-06-30,Kepala Bappeda\n"
)


def db(tmp_path):
    h = make_db(tmp_path)
    add_opd(h, "01")
    return h


def problems(h, text: str, actor: Actor = ADMIN) -> dict[tuple[int | None, str | None], str]:
    check = check_upload(h, "lhe", csv_bytes(text), "lhe.csv", actor)
    return {(p.baris, p.kolom): p.pesan for p in check.problems}


def count(h, table: str) -> int:
    return int(h.query_df(f"SELECT count(*) AS n FROM {table}")["n"].iloc[0])


def test_a_good_file_is_one_batch_and_a_revision_keeps_the_old_row(tmp_path):
    h = db(tmp_path)
    first = import_upload(h, "lhe", csv_bytes(GOOD), "lhe.csv", ADMIN)
    assert first.ok and (first.batch.baru, first.batch.berubah) == (2, 0)
    stored = h.query_df("SELECT * FROM lhe ORDER BY kode_unit")
    assert stored["batas_waktu"].dt.date.tolist() == [date(2026, 3, 31), date(2026, 6, 30)]
    assert stored["komponen"].tolist() == ["perencanaan", "pengukuran"]  # case-insensitive
    assert set(stored["batch_id"]) == {first.batch.batch_id}

    revised = GOOD.replace("31-03-2026", "30/04/2026")
    second = import_upload(h, "lhe", csv_bytes(revised), "lhe2.csv", ADMIN)
    assert (second.batch.baru, second.batch.berubah, second.batch.sama) == (0, 1, 1)
    now = h.query_df("SELECT batas_waktu FROM lhe WHERE kode_unit = '01'")
    old = h.query_df("SELECT batas_waktu, diganti_oleh_batch FROM lhe_riwayat")
    assert now["batas_waktu"].dt.date.tolist() == [date(2026, 4, 30)]
    assert old["batas_waktu"].dt.date.tolist() == [date(2026, 3, 31)]
    assert old["diganti_oleh_batch"].tolist() == [second.batch.batch_id]
    audit = h.query_df("SELECT kunci FROM audit_log WHERE aksi = 'impor' AND tabel = 'lhe'")
    assert audit["kunci"].tolist() == [f"batch {first.batch.batch_id}",
                                       f"batch {second.batch.batch_id}"]  # fmt: skip


def test_every_rule_is_named_by_row_and_column_and_nothing_is_written(tmp_path):
    h = db(tmp_path)
    bad = HEAD + "\n" + "\n".join([
        "2025,09,R01,perencanaan,Teks,31-03-2026,",  # unknown OPD
        "2025,01,R02,perencanaan,Teks,31-02-2026,",  # no 31 February
        "2025,01,R03,perencanaan,,31-03-2026,",  # no text
        "2025,01,R04,anggaran,Teks,31-03-2026,",  # not an LKE component
        "2025,01,R05,evaluasi,Teks,31-03-2024,",  # due before the evaluation year
        "2025,01,R06,evaluasi,Teks,46112,",  # a number, not a date
        "2025,01,R07,evaluasi,Teks,,",  # no deadline
        "2025,01,R08,evaluasi,Teks,30-06-2026,",
        "2025,01,R08,pelaporan,Lain,30-06-2026,",  # same key as the row above
        "2025,01,R09,pelaporan,Teks,30-06-2026,",  # (this one is fine)
    ])  # fmt: skip
    found = problems(h, bad)
    assert found == {
        (2, "kode_unit"): "kode tidak terdaftar sebagai OPD",
        (3, "batas_waktu"): "bukan tanggal yang sah; tulis HH-BB-TTTT, misalnya 31-03-2026",
        (4, "rekomendasi"): "wajib diisi, tetapi kosong",
        (5, "komponen"): "tidak dikenal; pilih salah satu: perencanaan, pengukuran, pelaporan, "
        "evaluasi",
        (6, "batas_waktu"): "batas waktu sebelum tahun evaluasi 2025",
        (7, "batas_waktu"): "bukan tanggal yang sah; tulis HH-BB-TTTT, misalnya 31-03-2026",
        (8, "batas_waktu"): "wajib diisi, tetapi kosong",
        (10, "kode_rekomendasi"): "duplikat: kunci (tahun, kode_unit, kode_rekomendasi) yang "
        "sama sudah ada di baris 9",
    }
    assert not import_upload(h, "lhe", csv_bytes(bad), "lhe.csv", ADMIN).ok
    assert count(h, "lhe") == 0 and count(h, "batch_unggah") == 1  # only add_opd's batch


def test_a_missing_column_is_named_in_the_header_row(tmp_path):
    h = db(tmp_path)
    text = "tahun,kode_unit,kode_rekomendasi,komponen,rekomendasi\n2025,01,R01,evaluasi,Teks\n"
    assert problems(h, text) == {(1, "batas_waktu"): "kolom wajib tidak ada di baris judul"}


def test_only_the_admin_uploads_an_lhe(tmp_path):
    h = db(tmp_path)
    for actor in (Actor("op", "operator", "01"), Actor("ver", "verifikator")):
        found = problems(h, GOOD, actor)
        assert list(found.values()) == [f"peran {actor.peran} tidak berwenang mengunggah data lhe"]


def test_the_template_lists_the_stored_rows_and_reimports_unchanged(tmp_path):
    h = db(tmp_path)
    assert import_upload(h, "lhe", csv_bytes(GOOD), "lhe.csv", ADMIN).ok
    frame = template_frame(h, "lhe", "01", 2025)
    assert frame["kode_rekomendasi"].tolist() == ["R01"]
    assert frame["batas_waktu"].tolist() == ["31-03-2026"]
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(frame, "lhe")))
    header = [c.value for c in book["data"][1]]
    assert header == HEAD.split(",")
    hints = {row[0].value: row[2].value for row in book["petunjuk"].iter_rows(min_row=2)}
    assert "HH-BB-TTTT" in hints["batas_waktu"]
    again = import_upload(h, "lhe", template_bytes(frame, "lhe"), "templat.xlsx", ADMIN)
    assert again.ok and (again.batch.baru, again.batch.berubah, again.batch.sama) == (0, 0, 1)


def test_an_excel_date_cell_is_read_as_a_date(tmp_path):
    h = db(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(HEAD.split(","))
    sheet.append([2025, "01", "R01", "evaluasi", "Teks", date(2026, 9, 30), None])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_upload(h, "lhe", buffer.getvalue(), "lhe.xlsx", ADMIN)
    assert result.ok, result.check.problems
    stored = h.query_df("SELECT batas_waktu FROM lhe")["batas_waktu"]
    assert stored.dt.date.tolist() == [date(2026, 9, 30)]


def test_cli_import_and_template(tmp_path, capsys):
    h = db(tmp_path)
    h.close()
    path, bad = tmp_path / "lhe.csv", tmp_path / "salah.csv"
    path.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD.replace("31-03-2026", "31-13-2026"), encoding="utf-8")
    target = str(h.path)
    assert main(["import", "lhe", str(bad), "--db", target]) == 1
    err = capsys.readouterr().err
    assert "baris 2, kolom batas_waktu: bukan tanggal yang sah" in err
    assert "tidak ada data yang disimpan" in err
    assert main(["import", "lhe", str(path), "--db", target]) == 0
    assert capsys.readouterr().out.startswith("Impor lhe berhasil: batch")
    out = tmp_path / "templat.csv"
    assert main(["template", "lhe", "--opd", "PEMDA", "-o", str(out), "--db", target]) == 0
    rows = pd.read_csv(out, dtype=str)
    assert rows[["kode_unit", "kode_rekomendasi", "batas_waktu"]].values.tolist() == [
        ["PEMDA", "R01", "30-06-2026"]
    ]


def test_a_superseded_recommendation_can_be_restored(tmp_path):
    from sakip_core import restore

    h = db(tmp_path)
    assert import_upload(h, "lhe", csv_bytes(GOOD), "lhe.csv", ADMIN).ok
    revised = GOOD.replace("31-03-2026", "30/04/2026")
    assert import_upload(h, "lhe", csv_bytes(revised), "lhe2.csv", ADMIN).ok
    rid = int(h.query_df("SELECT id FROM lhe_riwayat")["id"][0])
    restore.restore_value(h, ADMIN, rid, "lhe")
    now = h.query_df("SELECT batas_waktu FROM lhe WHERE kode_unit = '01'")["batas_waktu"]
    assert now.dt.date.tolist() == [date(2026, 3, 31)]


@pytest.mark.duckdb_file  # an older DuckDB file: the upgrade path of files
def test_a_file_from_before_the_lhe_gains_its_tables_on_connect(tmp_path):
    import duckdb

    import sakip_core

    h = db(tmp_path)
    path = h.path
    h.close()
    con = duckdb.connect(str(path))
    for table in ("lhe", "lhe_riwayat", "lhe_tindak_lanjut", "lhe_bukti"):
        con.execute(f"DROP TABLE {table}")
    con.close()
    h = sakip_core.connect(path)
    try:
        assert import_upload(h, "lhe", csv_bytes(GOOD), "lhe.csv", ADMIN).ok
        assert count(h, "lhe") == 2 and count(h, "lhe_tindak_lanjut") == 0
    finally:
        h.close()
