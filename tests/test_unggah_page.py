"""Upload page (AppTest): gate, template, all problems at once, preview, confirm, submit."""

from __future__ import annotations

import pytest

import sakip_core
from sakip_core.auth import Actor
from tests.page_helpers import button, frames, open_page, plain, texts, use_demo_copy

OPD = "1.02.01"
OPERATOR = Actor(f"operator-{OPD}", "operator", OPD)
PAGE = "pages/unggah.py"


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SAKIP_BUKTI_DIR", str(tmp_path / "bukti"))
    return use_demo_copy(demo_db, tmp_path, monkeypatch)


def at_quarter(at, tahun: int, triwulan: int):
    at.selectbox(key="unggah_tahun").set_value(tahun)
    at.selectbox(key="unggah_tw").set_value(triwulan)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def csv_for(db, tahun: int, triwulan: int, value: str = "7") -> tuple[bytes, list[str]]:
    h = sakip_core.connect(db)
    kode = h.query_df(
        "SELECT kode_indikator FROM indikator WHERE aktif AND tahun = ? AND kode_opd = ? "
        "ORDER BY 1",
        [tahun, OPD],
    )["kode_indikator"].tolist()
    h.close()
    lines = ["tahun,triwulan,kode_opd,kode_indikator,realisasi"]
    lines += [f"{tahun},{triwulan},{OPD},{k},{value}" for k in kode]
    return ("\n".join(lines) + "\n").encode(), kode


def count(db, sql: str) -> int:
    h = sakip_core.connect(db)
    try:
        return int(h.query_df(sql).iloc[0, 0])
    finally:
        h.close()


@pytest.mark.parametrize(
    "who", [None, Actor("analis", "analis"), Actor("verifikator", "verifikator")]
)
def test_gate(db, who):
    at = open_page(PAGE, who)
    assert not at.file_uploader and not at.download_button
    if who is None:
        assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    else:
        assert "tidak berwenang" in texts(at)


def test_locked_quarter_named(db):
    at = at_quarter(open_page(PAGE, OPERATOR), 2026, 1)
    assert "sudah dikunci oleh admin" in texts(at)
    assert at.file_uploader[0].disabled


def test_bad_file_lists_every_problem_and_writes_nothing(db):
    at = at_quarter(open_page(PAGE, OPERATOR), 2026, 4)
    assert len(at.download_button) == 1
    before = count(db, "SELECT count(*) FROM batch_unggah")
    bad = (
        b"tahun,triwulan,kode_opd,kode_indikator,realisasi\n"
        b"2026,4,1.02.01,TIDAK-ADA,abc\n2026,4,1.01.01,X,1\n"
    )
    at.file_uploader[0].upload("salah.csv", bad, "text/csv")
    at.run()
    problems = frames(at)[0]
    assert list(problems.columns) == ["Baris", "Kolom", "Masalah", "Isian"]
    assert len(problems) >= 3 and set(problems["Baris"].dropna()) == {2, 3}
    assert "Berkas ditolak" in texts(at)
    assert not [b for b in at.button if b.label == "Simpan realisasi"]
    assert count(db, "SELECT count(*) FROM batch_unggah") == before


def test_preview_confirm_then_submit(db):
    at = at_quarter(open_page(PAGE, OPERATOR), 2026, 4)
    data, kode = csv_for(db, 2026, 4)
    at.file_uploader[0].upload("isi.csv", data, "text/csv")
    at.run()
    assert f"{len(kode)} baru, 0 berubah, 0 sama" in texts(at)
    assert count(db, "SELECT count(*) FROM realisasi WHERE tahun = 2026 AND triwulan = 4") == 0
    button(at, "Simpan realisasi").click()
    at.run()
    assert not at.exception
    assert "Tersimpan sebagai batch" in texts(at)
    sql = "SELECT count(*) FROM realisasi WHERE tahun = 2026 AND triwulan = 4 AND status = '{}'"
    assert count(db, sql.format("draft")) == len(kode)
    button(at, "Ajukan untuk verifikasi").click()
    at.run()
    assert f"{len(kode)} realisasi diajukan" in texts(at)
    assert count(db, sql.format("diajukan")) == len(kode)


def test_evidence_upload_per_value(db, tmp_path):
    at = at_quarter(open_page(PAGE, OPERATOR), 2026, 3)
    kode = at.selectbox(key="bukti_indikator").value
    evidence_uploader = next(u for u in at.file_uploader if "bukti" in u.label.lower())
    evidence_uploader.upload("../laporan tw3.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    at.run()
    button(at, "Simpan bukti").click()
    at.run()
    assert not at.exception
    assert "tersimpan" in texts(at)
    stored = list((tmp_path / "bukti").iterdir())
    assert len(stored) == 1 and stored[0].suffix == ".pdf" and "laporan" not in stored[0].name
    h = sakip_core.connect(db)
    row = h.query_df("SELECT kode_indikator, nama_asli FROM bukti").values.tolist()
    h.close()
    assert row == [[kode, "laporan tw3.pdf"]]


def template_upload(db, tahun: int, triwulan: int, values: dict[int, float]) -> tuple[bytes, int]:
    """The page's own template for the quarter, with realisasi typed into a few rows."""
    from sakip_core.io.templates import template_bytes, template_frame

    h = sakip_core.connect(db)
    try:
        frame = template_frame(h, "realisasi", OPD, tahun, triwulan)
    finally:
        h.close()
    frame["realisasi"] = frame["realisasi"].astype(object)
    for i, value in values.items():
        frame.loc[i, "realisasi"] = value
    return template_bytes(frame, "realisasi"), len(frame)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_partly_filled_template_previews_skipped_rows_and_saves(db):
    at = at_quarter(open_page(PAGE, OPERATOR), 2026, 4)
    data, n = template_upload(db, 2026, 4, {0: 10, 2: 20})
    at.file_uploader[0].upload("templat.xlsx", data, XLSX)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Berkas ditolak" not in shown
    assert "wajib diisi" not in shown
    assert (
        f"Pratinjau: 2 baru, 0 berubah, 0 sama. {n - 2} indikator dilewati (belum dilaporkan"
        in (shown)
    )
    assert "Lembar yang dibaca: data" in [plain(c.value) for c in at.caption]
    preview = frames(at)[0]
    assert (preview["perubahan"] == "dilewati").sum() == n - 2
    button(at, "Simpan realisasi").click()
    at.run()
    assert not at.exception
    assert f"{n - 2} dilewati (belum dilaporkan)" in texts(at)
    sql = "SELECT count(*) FROM realisasi WHERE tahun = 2026 AND triwulan = 4"
    assert count(db, sql) == 2


def test_upload_limit_follows_the_setting(db):
    from sakip_core.settings import set_setting

    h = sakip_core.connect(db)
    set_setting(h, "maks_mb_unggah", 7)
    h.close()
    at = at_quarter(open_page(PAGE, OPERATOR), 2026, 4)
    uploader = at.file_uploader[0]
    assert "maks. 7 MB" in uploader.label
    assert uploader.proto.max_upload_size_mb == 7


def test_refused_file_lists_the_first_200_problems_and_counts_the_rest(db):
    at = at_quarter(open_page(PAGE, OPERATOR), 2026, 4)
    lines = ["tahun,triwulan,kode_opd,kode_indikator,realisasi"]
    lines += [f"2026,4,{OPD},TIDAK-ADA-{i},1" for i in range(300)]  # one problem per row
    at.file_uploader[0].upload("salah.csv", ("\n".join(lines) + "\n").encode(), "text/csv")
    at.run()
    assert not at.exception
    problems = frames(at)[0]
    assert len(problems) == 201
    assert problems["Baris"].iloc[0] == 2 and problems["Baris"].iloc[199] == 201
    assert problems["Masalah"].iloc[200] == (
        "... dan 100 masalah lainnya tidak ditampilkan (seluruhnya 300 masalah). Perbaiki "
        "masalah di atas lalu unggah lagi."
    )
    assert "nan" not in problems.astype(str).to_numpy().ravel().tolist()
