"""The PK of a jabatan (issue 12, points 2 and 4): parties, indicators, programs, signing."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from sakip_core import cli
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.pk.agreement import pk_of, pk_table
from sakip_core.pk.signing import SigningError, read_scan, sign, status_list
from sakip_core.pk.versions import mark_perubahan
from tests.csvdata import ADMIN
from tests.factories import TAHUN, add_indicators, add_jabatan
from tests.pk_fixtures import KADIS, pdf_scan, pk_database

OP_A = Actor("op-a", "operator", "A")
OP_B = Actor("op-b", "operator", "B")


@pytest.fixture
def h(tmp_path, monkeypatch):
    handle = pk_database(tmp_path, monkeypatch)
    yield handle
    handle.close()


def test_the_head_owns_the_opd_level_indicators_and_the_bupati_is_pihak_kedua(h) -> None:
    pk = pk_of(h, ADMIN, TAHUN, "A.J1")
    assert [i.kode_indikator for i in pk.indikator] == ["A1", "A2", "A3"]
    assert pk.pihak_pertama.nama_pejabat == "dr. Rina Kartika, M.Kes."
    assert pk.pihak_kedua is not None and pk.pihak_kedua.nama_jabatan == "Bupati Sukamaju"
    assert [i.target_teks for i in pk.indikator] == ["72,5", "2,5–3,5", "70"]
    # a program's anggaran is written on each of its indicators: counted once
    assert [(p.program, p.anggaran) for p in pk.program] == [
        ("Program Kesehatan", 5e9),
        ("Program Penunjang", 1.25e9),
    ]
    assert pk.total_anggaran == 6.25e9
    assert (pk.status, pk.versi, pk.jenis_versi) == ("draft", 1, "awal")


def test_a_lower_official_has_his_own_pk_with_plt_written(h) -> None:
    pk = pk_of(h, ADMIN, TAHUN, "A.J2")
    assert [i.kode_indikator for i in pk.indikator] == ["A1.1"]
    assert pk.pihak_pertama.jabatan_tertulis == "Plt. Kepala Bidang Satu"
    assert pk.pihak_kedua.nama_pejabat == "dr. Rina Kartika, M.Kes."
    assert pk.program == []


def test_the_bupati_signs_his_own_pk_alone(h) -> None:
    pk = pk_of(h, ADMIN, TAHUN, "KD")
    assert pk.pihak_kedua is None
    assert [i.indikator for i in pk.indikator] == ["Indeks Pembangunan Manusia"]
    assert pk.nama_opd is None


def test_operators_read_their_own_opd_only(h) -> None:
    assert pk_of(h, OP_A, TAHUN, "A.J2").pihak_pertama.kode_jabatan == "A.J2"
    for code in ("B.J1", "KD"):
        with pytest.raises(AccessDenied):
            pk_of(h, OP_A, TAHUN, code)
    assert set(status_list(h, OP_A, TAHUN)["kode_opd"]) == {"A"}


def test_signing_records_the_scan_and_keeps_the_parties_as_signed(h) -> None:
    signed = sign(h, ADMIN, TAHUN, "A.J1", date(TAHUN, 1, 30), "pk_kadis.pdf", pdf_scan())
    assert signed.versi == 1
    pk = pk_of(h, ADMIN, TAHUN, "A.J1")
    assert (pk.status, pk.tanggal) == ("ditandatangani", date(TAHUN, 1, 30))
    name, data = read_scan(h, ADMIN, signed.id)
    assert name == "pk_kadis.pdf" and data.startswith(b"%PDF")
    # the holder changes afterwards: the signed PK still names who signed it
    add_jabatan(h, [{**KADIS, "nama_pejabat": "Pejabat Baru", "nip": "197505052000031001"}])
    assert pk_of(h, ADMIN, TAHUN, "A.J1").pihak_pertama.nama_pejabat == "dr. Rina Kartika, M.Kes."
    row = status_list(h, ADMIN, TAHUN, "A").set_index("kode_jabatan").loc["A.J1"]
    assert row["status"] == "ditandatangani"


def test_a_new_version_is_a_draft_again_and_the_signed_one_stays_printable(h) -> None:
    sign(h, ADMIN, TAHUN, "A.J1", date(TAHUN, 1, 30), "pk.pdf", pdf_scan())
    add_indicators(h, [{"kode_opd": "A", "kode_indikator": "A1", "target": 73.0}])
    mark_perubahan(h, ADMIN, TAHUN, "A", 2, "Perubahan APBD", date(TAHUN, 10, 1))
    now = pk_of(h, ADMIN, TAHUN, "A.J1")
    assert (now.versi, now.status, now.alasan_perubahan) == (2, "perubahan", "Perubahan APBD")
    assert now.judul == f"PERJANJIAN KINERJA PERUBAHAN TAHUN {TAHUN}"
    before = pk_of(h, ADMIN, TAHUN, "A.J1", versi=1)
    assert (before.status, len(before.indikator)) == ("ditandatangani", 3)


@pytest.mark.parametrize(
    ("actor", "name", "data", "error"),
    [
        (OP_B, "pk.pdf", None, AccessDenied),
        (Actor("v", "verifikator"), "pk.pdf", None, AccessDenied),
        (ADMIN, "pk.exe", None, SigningError),
        (ADMIN, "pk.pdf", b"not a pdf", SigningError),
        (ADMIN, "pk.xlsx", None, SigningError),
    ],
)
def test_a_signing_that_may_not_be_is_refused(h, actor, name, data, error) -> None:
    before = h.data_version()
    with pytest.raises(error):
        sign(h, actor, TAHUN, "A.J1", date(TAHUN, 1, 30), name, data or pdf_scan())
    assert h.data_version() == before


def test_the_operator_of_the_opd_may_record_the_signing(h) -> None:
    assert sign(h, OP_A, TAHUN, "A.J2", date(TAHUN, 2, 1), "pk.pdf", pdf_scan()).versi == 1


def test_pk_command_prints_one_row_per_indicator(h, capsys) -> None:
    code = cli.main(["--db", str(h.path), "pk", "--tahun", str(TAHUN), "--jabatan", "A.J1",
                     "--format", "json"])  # fmt: skip
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["kode_indikator"] for r in rows] == ["A1", "A2", "A3"]
    assert rows[1]["target"] == "2.5–3.5"
    assert rows[0]["target"] == 72.5 and rows[0]["target_tw4"] == 72.5
    assert rows[0]["pihak_kedua"] == "H. Bupati Contoh"
    assert rows[0]["nip_pihak_pertama"] == "198001012005012001"
    csv = io.StringIO()
    pk_table(pk_of(h, ADMIN, TAHUN, "A.J1")).to_csv(csv, index=False)
    assert "A.J1" in csv.getvalue()


def test_pk_command_refuses_an_unknown_jabatan_and_another_opd(h, capsys) -> None:
    from sakip_core.auth import create_user

    assert cli.main(["--db", str(h.path), "pk", "--tahun", "2025", "--jabatan", "ZZ"]) == 1
    assert "tidak terdaftar" in capsys.readouterr().err
    create_user(h, "op-a", "operator", "sandi-panjang-1", "A")
    args = ["--db", str(h.path), "pk", "--tahun", "2025", "--jabatan", "B.J1", "--user", "op-a"]
    assert cli.main(args) == 1
    assert "hanya untuk OPD A" in capsys.readouterr().err


def test_an_upload_over_a_signed_pk_warns_what_it_becomes(h) -> None:
    from sakip_core.io.importer import import_upload
    from tests.csvdata import csv_bytes

    sign(h, ADMIN, TAHUN, "A.J1", date(TAHUN, 1, 30), "pk.pdf", pdf_scan())
    text = (
        "tahun,kode_opd,kode_indikator,sasaran,indikator,satuan,polaritas,agregasi,target\n"
        f"{TAHUN},A,A1,S,Usia Harapan Hidup,tahun,positif,nilai_akhir,73\n"
    )
    result = import_upload(h, "indikator", csv_bytes(text), "i.csv", ADMIN)
    assert result.ok
    assert any("sudah ditandatangani" in w and "versi 2" in w for w in result.check.warnings)
    assert pk_of(h, ADMIN, TAHUN, "A.J1").status == "draft"
