"""AppTest of the LKE, RB and internal evaluation pages: gate, figures = services, the workflow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import sakip_core as sk
from sakip_core import lke_service, rapim, rb_service
from sakip_core.auth import Actor
from sakip_core.fmt import angka
from tests.page_helpers import plain, sign_in
from ui import data

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60
PAGES = ["pages/lke.py", "pages/rb.py", "pages/evaluasi_internal.py"]
PIM = Actor("pimpinan", "pimpinan")
VER = Actor("verifikator", "verifikator")
OP = Actor("operator-1.02.01", "operator", "1.02.01")


@pytest.fixture
def app_env(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAKIP_DB", str(demo_db))
    monkeypatch.chdir(ROOT)
    return demo_db


@pytest.fixture
def writable(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "w.duckdb"
    shutil.copyfile(demo_db, db)
    monkeypatch.setenv("SAKIP_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db


def run_as(script: str, actor: Actor | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    if actor is not None:
        sign_in(at, actor)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def core(db: Path) -> sk.Handle:
    """The app's own cached handle (a second connection to the file would conflict)."""
    return data._handle(str(db.resolve()))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("script", PAGES)
def test_pages_show_only_the_login_form_without_login(app_env: Path, script: str) -> None:
    at = run_as(script, None)
    assert [b.label for b in at.button] == ["Masuk"]
    assert len(at.dataframe) == 0 and len(at.metric) == 0


def test_operator_may_not_open_the_internal_overview(app_env: Path) -> None:
    at = run_as("pages/evaluasi_internal.py", OP)
    assert [e.value for e in at.error] == ["Anda tidak berwenang membuka halaman ini."]
    assert len(at.dataframe) == 0


def test_lke_page_shows_the_service_figures(app_env: Path) -> None:
    at = run_as("pages/lke.py", PIM)
    unit, tahun = at.selectbox(key="lke_unit").value, at.selectbox(key="lke_tahun").value
    assert unit == "PEMDA"
    h = core(app_env)
    s = lke_service.scores(h, PIM, tahun, unit)
    m = metrics(at)
    assert m["Nilai total (penetapan)"] == angka(s["total"], 2)
    assert m["Predikat"].startswith(f"{s['predikat']} (")
    assert not [b for b in at.button if b.label in ("Simpan usulan", "Tetapkan nilai")]


def test_operator_sees_only_own_unit(app_env: Path) -> None:
    at = run_as("pages/lke.py", OP)
    assert at.selectbox(key="lke_unit").options == ["1.02.01 — Dinas Kesehatan"]


def test_operator_proposes_and_verifier_finalises(writable: Path) -> None:
    at = run_as("pages/lke.py", OP)
    at.selectbox(key="lke_kriteria").set_value("1.c.1")
    at.run()
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["Jawaban (Y/T, A–E, atau angka 0..1)"].input("A")
    form_inputs["Catatan"].input("Renstra sudah direviu")
    tetap = next(b for b in at.button if b.label == "Tetapkan nilai")
    assert tetap.disabled
    next(b for b in at.button if b.label == "Simpan usulan").click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Usulan disimpan."]
    h = core(writable)
    ws = lke_service.worksheet(h, OP, 2026, "1.02.01")
    row = ws[ws["kode_kriteria"] == "1.c.1"].iloc[0]
    assert row["jawaban_usulan"] == "A" and row["pengguna_usulan"] == "operator-1.02.01"

    at = run_as("pages/lke.py", VER)
    at.selectbox(key="lke_unit").set_value("1.02.01")
    at.run()
    at.selectbox(key="lke_kriteria").set_value("1.c.1")
    at.run()
    {t.label: t for t in at.text_input}["Jawaban (Y/T, A–E, atau angka 0..1)"].input("A")
    next(b for b in at.button if b.label == "Tetapkan nilai").click()
    at.run()
    assert [s.value for s in at.success] == ["Nilai penetapan disimpan."]
    h = core(writable)
    s = lke_service.scores(h, VER, 2026, "1.02.01")
    assert metrics(at)["Nilai total (penetapan)"] == angka(s["total"], 2)


def test_bad_answer_is_refused_on_the_page(writable: Path) -> None:
    at = run_as("pages/lke.py", OP)
    {t.label: t for t in at.text_input}["Jawaban (Y/T, A–E, atau angka 0..1)"].input("Z")
    next(b for b in at.button if b.label == "Simpan usulan").click()
    at.run()
    assert any("bukan Y, T, A-E" in plain(e.value) for e in at.error)


def test_whatif_target_is_listed(app_env: Path) -> None:
    at = run_as("pages/lke.py", PIM)
    at.selectbox(key="lke_target").set_value("A")
    at.run()
    assert not at.exception
    assert any("kriteria paling sedikit" in m.value for m in at.markdown)
    assert "Nilai simulasi" in metrics(at)


def test_rb_page_index_and_ranking(app_env: Path) -> None:
    at = run_as("pages/rb.py", PIM)
    h = core(app_env)
    res = rb_service.index(h, PIM, 2025, "RB2020")
    rank = rapim.rb_ranking(h, PIM, 2026, 10)
    assert metrics(at)["Indeks RB"] == angka(res["indeks"], 2)
    shown = at.dataframe[1].value
    assert shown["kode_opd"].tolist() == rank["kode_opd"].tolist()
    assert not [b for b in at.button if b.label == "Simpan nilai komponen"]


def test_internal_overview_matches_service(app_env: Path) -> None:
    at = run_as("pages/evaluasi_internal.py", PIM)
    tahun = at.selectbox(key="ei_tahun").value
    h = core(app_env)
    ov = lke_service.internal_overview(h, PIM, tahun)
    shown = at.dataframe[0].value
    assert shown["Kode"].tolist() == ov["kode_opd"].tolist()
    assert shown["Predikat"].tolist() == ov["predikat"].tolist()
    dist = at.dataframe[1].value
    assert int(dist["Jumlah OPD"].sum()) == len(ov)


ADMIN = Actor("admin", "admin")


def test_admin_enters_rb_component_scores(writable: Path) -> None:
    at = run_as("pages/rb.py", ADMIN)
    at.session_state["rb_editor"] = {
        "edited_rows": {0: {"nilai": 19.5}},  # pemenuhan, maximum 20
        "added_rows": [],
        "deleted_rows": [],
    }
    next(b for b in at.button if b.label == "Simpan nilai komponen").click()
    at.run()
    assert not at.exception and not at.error
    res = rb_service.index(core(writable), ADMIN, 2025, "RB2020")
    comp = res["komponen"].set_index("kode_komponen")
    assert comp.loc["pemenuhan", "nilai"] == 19.5
    assert metrics(at)["Indeks RB"] == angka(res["indeks"], 2)


def test_operator_reports_rb_realisasi_for_own_opd(writable: Path) -> None:
    at = run_as("pages/rb.py", OP)
    assert at.selectbox(key="rba_opd").options == ["1.02.01"]
    at.number_input[-1].set_value(40.0)  # Realisasi (%)
    at.number_input[-2].set_value(80.0)  # Target (%)
    next(b for b in at.button if b.label == "Simpan realisasi bulan ini").click()
    at.run()
    assert not at.exception and not at.error
    items = rb_service.items(core(writable), OP, 2026, 10, "1.02.01")
    assert 50.0 in items["progress"].round(6).tolist()  # 100 * 40 / 80
