"""The `jabatan` file (issue 12, point 1): whole-file rules, NIPs, superiors, holder history."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_core.io.importer import import_upload
from sakip_core.io.parse import nip_problem
from tests.csvdata import ADMIN, OPERATOR_A, csv_bytes
from tests.factories import add_opd, make_db

HEADER = (
    "kode_jabatan,kode_opd,nama_jabatan,jenjang,atasan,nama_pejabat,nip,pangkat,status_pejabat\n"
)
BUPATI = "KD,PEMDA,Bupati Sukamaju,kepala_daerah,,H. Bupati Contoh,,,\n"
KADIS = "A.J1,A,Kepala Dinas Alpha,jpt,KD,dr. Rina,198001012005012001,Pembina Utama Muda (IV/c),\n"
SEK = "A.J2,A,Sekretaris,administrator,A.J1,Budi,198502102010011002,Pembina (IV/a),\n"


@pytest.fixture
def h(tmp_path):
    handle = make_db(tmp_path)
    add_opd(handle, "A", "B")
    yield handle
    handle.close()


def upload(h, body: str, actor=ADMIN):
    return import_upload(h, "jabatan", csv_bytes(HEADER + body), "jabatan.csv", actor)


def messages(result) -> list[str]:
    return [str(p) for p in result.check.problems]


def test_a_valid_structure_is_written_with_definitif_as_default(h) -> None:
    result = upload(h, BUPATI + KADIS + SEK)
    assert result.ok, messages(result)
    df = h.query_df("SELECT kode_jabatan, status_pejabat, nip FROM jabatan ORDER BY 1")
    assert list(df["kode_jabatan"]) == ["A.J1", "A.J2", "KD"]
    assert list(df["status_pejabat"]) == ["definitif", "definitif", "definitif"]
    assert df["nip"].iloc[0] == "198001012005012001"  # text, all 18 digits


def test_a_holder_change_supersedes_and_keeps_the_old_holder(h) -> None:
    assert upload(h, BUPATI + KADIS + SEK).ok
    plt = "A.J1,A,Kepala Dinas Alpha,jpt,KD,Budi,198502102010011002,Pembina (IV/a),plt\n"
    result = upload(h, plt)
    assert result.ok, messages(result)
    assert (result.batch.baru, result.batch.berubah) == (0, 1)
    now = h.query_df("SELECT nama_pejabat, status_pejabat FROM jabatan WHERE kode_jabatan='A.J1'")
    assert now.iloc[0].tolist() == ["Budi", "plt"]
    old = h.query_df("SELECT nama_pejabat FROM jabatan_riwayat WHERE kode_jabatan = 'A.J1'")
    assert old["nama_pejabat"].tolist() == ["dr. Rina"]
    assert h.query_df("SELECT count(*) AS n FROM jabatan")["n"].iloc[0] == 3  # others kept


@pytest.mark.parametrize(
    ("row", "kolom", "pesan"),
    [
        ("A.J3,A,Kabid,administrator,A.J1,X,19800101200501100,,\n", "nip", "18 digit"),
        ("A.J3,A,Kabid,administrator,A.J1,X,198013012005011001,,\n", "nip", "tanggal"),
        ("A.J3,A,Kabid,administrator,A.J1,X,198001012005013001,,\n", "nip", "jenis kelamin"),
        ("A.J3,A,Kabid,administrator,,X,,,\n", "atasan", "wajib diisi"),
        ("A.J3,A,Kabid,administrator,ZZ,X,,,\n", "atasan", "tidak ditemukan"),
        ("A.J3,A,Kabid,administrator,A.J3,X,,,\n", "atasan", "dirinya sendiri"),
        ("B.J3,B,Kabid,administrator,A.J1,X,,,\n", "atasan", "OPD lain"),
        ("A.J3,PEMDA,Kabid,administrator,A.J1,X,,,\n", "kode_opd", "PEMDA hanya"),
        ("A.J3,A,Kabid,kepala_bidang,A.J1,X,,,\n", "jenjang", "tidak dikenal"),
        ("A.J3,A,Kabid,administrator,A.J1,,198001012005011001,,\n", "nip", "nama_pejabat kosong"),
        ("A.J3,A,Kepala Lain,jpt,KD,X,,,\n", "atasan", "lebih dari satu kepala"),
        ("KD2,PEMDA,Bupati Lain,kepala_daerah,,Y,,,\n", "jenjang", "satu kepala_daerah"),
        ("A.J3,A,Kabid,administrator,A.J1,X,198001012005012001,,\n", "nip", "definitif"),
    ],
)
def test_each_rule_refuses_the_whole_file_with_row_and_column(h, row, kolom, pesan) -> None:
    result = upload(h, BUPATI + KADIS + row)
    assert not result.ok
    hits = [p for p in result.check.problems if p.kolom == kolom and pesan in p.pesan]
    assert hits, messages(result)
    assert all(p.baris is not None for p in hits)
    assert h.query_df("SELECT count(*) AS n FROM jabatan")["n"].iloc[0] == 0  # nothing written


def test_a_nip_that_excel_turned_into_a_number_is_refused(h) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["KD", "PEMDA", "Bupati", "kepala_daerah", None, "X", None, None, None])
    sheet.append(["A.J1", "A", "Kadis", "jpt", "KD", "Y", 198001012005012001, None, None])
    buf = io.BytesIO()
    book.save(buf)
    result = import_upload(h, "jabatan", buf.getvalue(), "j.xlsx", ADMIN)
    assert not result.ok
    assert any("sebagai angka" in p.pesan and p.baris == 3 for p in result.check.problems)


def test_a_cycle_of_superiors_is_refused(h) -> None:
    rows = (
        BUPATI
        + "A.J1,A,Kadis,jpt,KD,X,,,\n"
        + "A.J2,A,Kabid,administrator,A.J3,X2,,,\n"
        + "A.J3,A,Kasi,pengawas,A.J2,X3,,,\n"
    )
    result = upload(h, rows)
    assert any("berputar" in p.pesan for p in result.check.problems), messages(result)


def test_an_acting_holder_may_keep_a_definitive_post(h) -> None:
    plt = "B.J1,B,Kepala Badan Beta,jpt,KD,dr. Rina,198001012005012001,,plt\n"
    assert upload(h, BUPATI + KADIS + plt).ok


def test_operators_may_not_upload_the_structure(h) -> None:
    result = upload(h, BUPATI, actor=OPERATOR_A)
    assert not result.ok
    assert "tidak berwenang" in messages(result)[0]


def test_indicator_owner_must_be_a_jabatan_of_its_opd(h) -> None:
    assert upload(h, BUPATI + KADIS + SEK).ok
    head = (
        "tahun,kode_opd,kode_indikator,sasaran,indikator,satuan,polaritas,agregasi,target,"
        "level,induk,kode_jabatan\n"
    )
    good = (
        "2025,A,A1,S,I,%,positif,nilai_akhir,10,opd,,\n"
        "2025,A,A1.1,S,I2,%,positif,nilai_akhir,5,administrator,A1,A.J2\n"
    )
    assert import_upload(h, "indikator", csv_bytes(head + good), "i.csv", ADMIN).ok
    bad = (
        "2025,B,B1,S,I,%,positif,nilai_akhir,10,opd,,A.J2\n"
        "2025,B,B2,S,I,%,positif,nilai_akhir,10,opd,,NOPE\n"
        "2025,PEMDA,P1,S,IPM,indeks,positif,nilai_akhir,70,opd,,\n"
    )
    result = import_upload(h, "indikator", csv_bytes(head + bad), "i.csv", ADMIN)
    text = messages(result)
    assert any("baris 2, kolom kode_jabatan" in t and "milik OPD A" in t for t in text), text
    assert any("baris 3, kolom kode_jabatan" in t and "tidak terdaftar" in t for t in text), text
    assert any("baris 4, kolom kode_opd" in t and "level pemda" in t for t in text), text
    pemda = "2025,PEMDA,P1,S,IPM,indeks,positif,nilai_akhir,70,pemda,,KD\n"
    assert import_upload(h, "indikator", csv_bytes(head + pemda), "p.csv", ADMIN).ok


def _nip(born: tuple[int, int, int], start: tuple[int, int], sex: int, serial: int) -> str:
    return f"{born[0]:04d}{born[1]:02d}{born[2]:02d}{start[0]:04d}{start[1]:02d}{sex}{serial:03d}"


@given(
    st.dates(
        min_value=__import__("datetime").date(1960, 1, 1),
        max_value=__import__("datetime").date(2000, 12, 31),
    ),
    st.integers(18, 40),
    st.integers(1, 12),
    st.sampled_from([1, 2]),
    st.integers(1, 999),
)
def test_property_well_formed_nips_pass_and_mangled_ones_fail(born, years, month, sex, serial):
    nip = _nip((born.year, born.month, born.day), (born.year + years, month), sex, serial)
    assert nip_problem(nip) is None
    assert nip_problem(nip[:-1]) is not None  # 17 digits
    assert nip_problem(nip[:14] + "3" + nip[15:]) is not None  # gender digit
    assert nip_problem(nip[:12] + "13" + nip[14:]) is not None  # month 13
