"""The `renstra` dataset (issue 13, point 1): whole-file rules, history on a revision."""

from __future__ import annotations

from sakip_core.auth import Actor
from sakip_core.io.importer import check_upload, import_upload
from tests.csvdata import ADMIN, csv_bytes
from tests.factories import add_opd, make_db

HEAD = (
    "kode_opd,kode_indikator,tahun_awal,tahun_akhir,sasaran,indikator,satuan,polaritas,"
    "kondisi_awal,target_akhir,target_min,target_max,target_1,target_5"
)
GOOD = (
    HEAD
    + "\n01,A1,2025,2029,S,Ind A,%,positif,60,80,,,65,80"
    + "\nPEMDA,IKU1,2025,2029,S,IPM,indeks,positif,,72,,,,\n"
)


def problems(h, text: str, actor: Actor = ADMIN) -> dict[tuple[int | None, str | None], str]:
    check = check_upload(h, "renstra", csv_bytes(text), "renstra.csv", actor)
    return {(p.baris, p.kolom): p.pesan for p in check.problems}


def test_a_good_file_imports_and_a_revision_keeps_the_old_row(tmp_path):
    h = make_db(tmp_path)
    add_opd(h, "01")
    assert import_upload(h, "renstra", csv_bytes(GOOD), "r.csv", ADMIN).ok
    revised = GOOD.replace("60,80,,,65,80", "60,85,,,65,85")
    assert import_upload(h, "renstra", csv_bytes(revised), "r2.csv", ADMIN).ok
    now = h.query_df("SELECT target_akhir FROM renstra WHERE kode_indikator = 'A1'")
    old = h.query_df("SELECT target_akhir FROM renstra_riwayat WHERE kode_indikator = 'A1'")
    assert now["target_akhir"].tolist() == [85.0] and old["target_akhir"].tolist() == [80.0]


def test_every_rule_is_named_by_row_and_column(tmp_path):
    h = make_db(tmp_path)
    add_opd(h, "01")
    bad = HEAD + "\n" + "\n".join([
        "01,B1,2025,2030,S,I,%,positif,,80,,,,",  # 6 years
        "01,B2,2025,2027,S,I,%,positif,,80,,,,90",  # target_5 past a 3-year period
        "01,B3,2025,2029,S,I,%,positif,,,,,,",  # no target_akhir
        "01,B4,2025,2029,S,I,%,rentang,,,50,,,",  # no target_max
        "01,B5,2025,2029,S,I,%,negatif,,-1,,,,",  # negative target
        "01,B6,2027,2026,S,I,%,positif,,80,,,,",  # ends before it starts
        "09,B7,2025,2029,S,I,%,positif,,80,,,,",  # unknown OPD
        "01,B8,2025,2029,S,I,%,positif,,80,,,,",
        "01,B8,2027,2031,S,I,%,positif,,90,,,,",  # overlaps the row above
    ])  # fmt: skip
    found = problems(h, bad)
    assert "paling lama 5 tahun" in found[(2, "tahun_akhir")]
    assert "melewati akhir periode" in found[(3, "target_5")]
    assert "wajib diisi" in found[(4, "target_akhir")]
    assert "wajib diisi" in found[(5, "target_max")]
    assert "tidak boleh negatif" in found[(6, "target_akhir")]
    assert "sebelum tahun_awal" in found[(7, "tahun_akhir")]
    assert "tidak terdaftar" in found[(8, "kode_opd")]
    assert "tumpang tindih dengan baris 9" in found[(10, "tahun_awal")]
    assert h.query_df("SELECT count(*) AS n FROM renstra")["n"].iloc[0] == 0


def test_only_the_admin_uploads_a_renstra(tmp_path):
    h = make_db(tmp_path)
    add_opd(h, "01")
    found = problems(h, GOOD, Actor("op", "operator", "01"))
    assert any("tidak berwenang" in m for m in found.values())
