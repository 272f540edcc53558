"""AppTest of the Perjanjian Kinerja and Jabatan & Cascading pages (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sakip_core.auth import Actor
from sakip_core.pk.agreement import pk_of
from tests.page_helpers import open_page, plain, query, serve_demo_copy

ROOT = Path(__file__).resolve().parents[1]
ADMIN = Actor("admin", "admin")
PIM = Actor("pimpinan", "pimpinan")
OP = Actor("operator-1.02.01", "operator", "1.02.01")


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from serve_demo_copy(demo_db, tmp_path, monkeypatch)


def texts(at) -> str:  # noqa: ANN001
    parts = [m.value for m in at.markdown] + [d.value.to_string() for d in at.dataframe]
    parts += [c.value for c in at.caption] + [t.value for t in at.text_input]
    return plain(" ".join(str(p) for p in parts))


@pytest.mark.parametrize("page", ["pages/pk.py", "pages/admin_jabatan.py"])
def test_not_logged_in_sees_only_the_login(db, page) -> None:
    at = open_page(page, None)
    assert not [t for t in at.title if "Perjanjian" in t.value or "Jabatan" in t.value]
    assert any(b.label == "Masuk" for b in at.button)


def test_the_admin_sees_both_parties_and_every_indicator(db) -> None:
    at = open_page("pages/pk.py", ADMIN)
    at.selectbox(key="pk_tahun").select(2026).run()
    at.selectbox(key="pk_unit").select("1.02.01").run()
    assert not at.exception
    code = at.selectbox(key="pk_jabatan").value
    assert code == "1.02.01.J01"
    from sakip_core import connect

    h = connect(db)
    try:
        pk = pk_of(h, ADMIN, 2026, code)
    finally:
        h.close()
    shown = texts(at)
    assert pk.pihak_pertama.nama_pejabat in shown
    assert "Bupati Sukamaju" in shown and "H. Rahmat Hidayat" in shown
    for line in pk.indikator:
        assert line.indikator in shown
    assert [b.label for b in at.get("download_button")][:2] == [
        "Unduh PK jabatan ini (PDF)",
        "Unduh PK jabatan ini (DOCX)",
    ]


def test_an_operator_sees_their_own_opd_whatever_the_url_says(db) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.page_helpers import sign_in

    at = AppTest.from_file(str(ROOT / "pages/pk.py"), default_timeout=60)
    at.query_params["pk_unit"] = "1.01.01"
    sign_in(at, OP)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input[0].value == "Dinas Kesehatan" and at.text_input[0].disabled
    options = at.selectbox(key="pk_jabatan").options
    assert options and all("Pendidikan" not in o for o in options)
    assert "Kepala Dinas Pendidikan" not in texts(at)
    radio = at.radio(key="pk_kumpulan")
    assert not [o for o in radio.options if "kepala OPD" in o]  # no ceremony file for operators


def test_the_admin_declares_a_perubahan_on_the_page(db) -> None:
    at = open_page("pages/pk.py", ADMIN)
    at.selectbox(key="pk_tahun").select(2025).run()
    at.selectbox(key="pk_unit").select("1.02.01").run()
    form = [t for t in at.text_input if t.label == "Alasan"][0]
    form.input("APBD-P 2025 (ditinjau ulang)")
    next(b for b in at.button if b.label == "Tetapkan sebagai PK Perubahan").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    row = query(db, "SELECT alasan FROM pk_versi WHERE tahun = 2025 AND kode_opd = '1.02.01' "
                    "AND versi = 2")  # fmt: skip
    assert row["alasan"].iloc[0] == "APBD-P 2025 (ditinjau ulang)"
    assert any("PK Perubahan ditetapkan" in s.value for s in at.success)


def test_the_ranking_of_officials_is_shown_for_an_opd(db) -> None:
    at = open_page("pages/pk.py", PIM)
    at.selectbox(key="pk_tahun").select(2026).run()
    at.selectbox(key="pk_unit").select("1.02.01").run()
    shown = texts(at)
    assert "Peringkat" in shown and "Kepatuhan lapor (%)" in shown
    assert "Rencana Hasil Kerja" in " ".join(s.value for s in at.subheader)


def test_the_jabatan_page_is_for_the_admin_only(db) -> None:
    at = open_page("pages/admin_jabatan.py", OP)
    assert not [t for t in at.title if t.value == "Jabatan & Cascading"]
    at = open_page("pages/admin_jabatan.py", ADMIN)
    assert [t.value for t in at.title] == ["Jabatan & Cascading"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Galat"] == "0"
    at.selectbox(key="jab_unit").select("1.06.01").run()
    at.selectbox(key="jab_riwayat").select("1.06.01.J01").run()
    history = at.dataframe[-1].value
    assert "plt" in set(history["Status"]) and "definitif" in set(history["Status"])


def test_a_seeded_galat_is_listed(db) -> None:
    from sakip_core import connect
    from tests.factories import add_indicators

    h = connect(db)
    try:
        add_indicators(h, [{"tahun": 2026, "kode_opd": "1.02.01", "kode_indikator": "X.BARU",
                            "level": "pengawas", "target": 1.0}])  # fmt: skip
    finally:
        h.close()
    at = open_page("pages/admin_jabatan.py", ADMIN)
    at.selectbox(key="cas_opd").select("1.02.01").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Galat"] == "1"
    assert "X.BARU (level pengawas) tidak memiliki induk" in texts(at)


def test_the_admin_edits_the_pk_wording_and_can_restore_it(db) -> None:
    import json

    at = open_page("pages/admin_pengaturan.py", ADMIN)
    area = at.text_area(key="atur_pk_tanggung_jawab")
    area.input("Kami bertanggung jawab penuh atas target kinerja ini.")
    next(b for b in at.button if b.label == "Simpan teks PK").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    stored = query(db, "SELECT nilai FROM pengaturan WHERE kunci = 'teks_pk'")["nilai"].iloc[0]
    assert json.loads(stored) == {
        "tanggung_jawab": "Kami bertanggung jawab penuh atas target kinerja ini."
    }
    next(b for b in at.button if b.label == "Kembalikan teks baku").click()
    at.run()
    stored = query(db, "SELECT nilai FROM pengaturan WHERE kunci = 'teks_pk'")["nilai"].iloc[0]
    assert json.loads(stored) == {}
    audit = query(db, "SELECT count(*) AS n FROM audit_log WHERE kunci = 'teks_pk'")
    assert audit["n"].iloc[0] >= 2
