"""LHE follow-up on the pages (issue 14, point 3): the LKE page's "Tindak lanjut LHE" tab
(operator records with evidence, Inspektorat verifies, admin enters and uploads), the Rapim tab
function, and the open follow-ups on an operator's Beranda. On a copy of the demo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core import clock, lhe
from sakip_core.auth import Actor
from sakip_core.fmt import angka, persen
from tests.page_helpers import ROOT, TIMEOUT, button, open_page, serve_demo_copy, texts
from ui import data
from ui.lhe_view import BAND_NOTE, band_colour, progress_frame

PAGE = "pages/lke.py"
DINKES = "1.02.01"
OP = Actor(f"operator-{DINKES}", "operator", DINKES)
OP_OTHER = Actor("operator-1.01.01", "operator", "1.01.01")
VER = Actor("verifikator", "verifikator")
ADMIN = Actor("admin", "admin")
PIM = Actor("pimpinan", "pimpinan")
PDF = b"%PDF-1.4\nbukti tindak lanjut\n%%EOF\n"


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from serve_demo_copy(demo_db, tmp_path, monkeypatch)


def core(db: Path) -> sakip_core.Handle:
    """The app's own cached handle (a second connection to the file would conflict)."""
    return data._handle(str(db.resolve()))


def open_item(db: Path, actor: Actor, unit: str) -> tuple[int, str]:
    """(tahun, kode) of a recommendation of `unit` that is still open, from the service."""
    items = lhe.open_items(core(db), actor, unit)
    assert len(items), "the demo gives this unit open recommendations"
    first = items.sort_values(["tahun", "kode_rekomendasi"], ascending=[False, True]).iloc[0]
    return int(first["tahun"]), str(first["kode_rekomendasi"])


def at_recommendation(at: AppTest, unit: str | None, tahun: int, kode: str) -> AppTest:
    if unit is not None:
        at.selectbox(key="lke_unit").set_value(unit)
    at.selectbox(key="lke_tahun").set_value(tahun)
    at.run()
    at.selectbox(key="lhe_rek").set_value(kode)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_operator_records_a_follow_up_and_the_inspektorat_verifies_it(db: Path) -> None:
    tahun, kode = open_item(db, OP, DINKES)
    at = at_recommendation(open_page(PAGE, OP), None, tahun, kode)
    assert not [b for b in at.button if b.label == "Verifikasi selesai"]
    next(t for t in at.text_area if t.label == "Uraian tindak lanjut").input("SK sudah terbit")
    next(r for r in at.radio if r.label == "Status tindak lanjut").set_value("selesai")
    uploader = next(u for u in at.file_uploader if u.label.startswith("Berkas bukti dukung"))
    uploader.upload("sk tindak lanjut.pdf", PDF, "application/pdf")
    button(at, "Simpan tindak lanjut").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert f"Tindak lanjut rekomendasi {kode} disimpan." in [s.value for s in at.success]
    recs = lhe.recommendations(core(db), OP, tahun, DINKES).set_index("kode_rekomendasi")
    assert recs.loc[kode, "keadaan"] == "menunggu"
    assert recs.loc[kode, "nama_bukti"] == "sk tindak lanjut.pdf"

    at = at_recommendation(open_page(PAGE, VER), DINKES, tahun, kode)
    assert not [b for b in at.button if b.label == "Simpan tindak lanjut"]
    button(at, "Verifikasi selesai").click()
    at.run()
    assert f"Rekomendasi {kode} diverifikasi." in [s.value for s in at.success]
    row = lhe.progress(core(db), VER, tahun).set_index("kode_unit").loc[DINKES]
    metric = {m.label: m.value for m in at.metric}
    assert metric["Tindak lanjut"] == persen(row["persen"], 1)
    assert metric["Tuntas (diverifikasi)"] == angka(row["selesai"], 0)


def test_the_tab_lists_the_units_recommendations_and_every_units_share(db: Path) -> None:
    at = open_page(PAGE, PIM)  # PEMDA, the latest year
    tahun = at.selectbox(key="lke_tahun").value
    h = core(db)
    shown = next(d.value for d in at.dataframe if "Rekomendasi" in d.value.columns
                 and "Keadaan" in d.value.columns)  # fmt: skip
    recs = lhe.recommendations(h, PIM, tahun, "PEMDA")
    assert shown["Kode"].tolist() == recs["kode_rekomendasi"].tolist()
    per_unit = next(d.value for d in at.dataframe if "Tindak lanjut" in d.value.columns)
    assert per_unit["Unit"].tolist() == progress_frame(lhe.progress(h, PIM, tahun))["Unit"].tolist()
    assert BAND_NOTE in texts(at)
    labels = [b.label for b in at.button]
    assert "Simpan tindak lanjut" not in labels and "Simpan rekomendasi" not in labels


def test_an_operator_sees_only_own_recommendations(db: Path) -> None:
    at = open_page(PAGE, OP_OTHER)
    assert "Persentase tindak lanjut LHE" not in texts(at)  # no other unit's figures
    (shown,) = [d.value for d in at.dataframe if "Keadaan" in d.value.columns]
    own = lhe.recommendations(core(db), OP_OTHER, at.selectbox(key="lke_tahun").value, "1.01.01")
    assert len(own) and shown["Kode"].tolist() == own["kode_rekomendasi"].tolist()


def test_admin_enters_a_recommendation_and_a_bad_one_is_refused(db: Path) -> None:
    at = open_page(PAGE, ADMIN)
    tahun = at.selectbox(key="lke_tahun").value
    by_label = {t.label: t for t in at.text_input}
    by_label["Kode rekomendasi"].input("R99")
    by_label["Penanggung jawab"].input("Kepala Bagian Organisasi")
    next(t for t in at.text_area if t.label == "Isi rekomendasi").input("Reviu Renstra")
    next(d for d in at.date_input if d.label == "Batas waktu").set_value(date(tahun, 1, 1))
    button(at, "Simpan rekomendasi").click()
    at.run()
    assert "Rekomendasi R99 disimpan." in [s.value for s in at.success]
    recs = lhe.recommendations(core(db), ADMIN, tahun, "PEMDA").set_index("kode_rekomendasi")
    assert recs.loc["R99", "penanggung_jawab"] == "Kepala Bagian Organisasi"

    {t.label: t for t in at.text_input}["Kode rekomendasi"].input("R98")
    next(d for d in at.date_input if d.label == "Batas waktu").set_value(date(2020, 1, 1))
    button(at, "Simpan rekomendasi").click()
    at.run()
    assert any("batas waktu sebelum tahun evaluasi" in e.value for e in at.error)
    assert "R98" not in lhe.recommendations(core(db), ADMIN, tahun, "PEMDA")["kode_rekomendasi"]


def test_admin_uploads_an_lhe_file_checked_whole(db: Path) -> None:
    at = open_page(PAGE, ADMIN)
    head = "tahun,kode_unit,kode_rekomendasi,komponen,rekomendasi,batas_waktu\n"
    bad = head + "2026,PEMDA,R50,evaluasi,Teks,31-04-2027\n"
    up = next(u for u in at.file_uploader if u.label == "Berkas LHE")
    up.upload("lhe.csv", bad.encode(), "text/csv")
    at.run()
    problems = next(d.value for d in at.dataframe if "Masalah" in d.value.columns)
    assert problems[["Baris", "Kolom"]].values.tolist() == [[2, "batas_waktu"]]
    good = head + "2026,PEMDA,R50,evaluasi,Teks,30-04-2027\n"
    next(u for u in at.file_uploader if u.label == "Berkas LHE").upload(
        "lhe.csv", good.encode(), "text/csv"
    )
    at.run()
    button(at, "Simpan LHE").click()
    at.run()
    assert any(s.value.startswith("LHE tersimpan sebagai batch") for s in at.success)
    assert "R50" in lhe.recommendations(core(db), ADMIN, 2026, "PEMDA")["kode_rekomendasi"].values


def rapim_tab_app() -> None:
    """The Rapim tab as the lead's Rapim page will call it."""
    import streamlit as st

    from sakip_core.auth import Actor
    from ui.lhe_view import show_rapim_tab

    who = st.session_state.get("siapa", "pimpinan")
    actor = Actor(who, "operator", who.removeprefix("operator-")) if who.startswith(
        "operator-") else Actor(who, who)  # fmt: skip
    show_rapim_tab(actor, st.session_state.get("tahun", 2025))


def run_rapim_tab(actor_name: str, tahun: int) -> AppTest:
    at = AppTest.from_function(rapim_tab_app, default_timeout=TIMEOUT)
    at.session_state["siapa"], at.session_state["tahun"] = actor_name, tahun
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_rapim_tab_shows_each_units_share_best_first(db: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    at = run_rapim_tab("pimpinan", 2025)
    p = lhe.progress(core(db), PIM, 2025)
    (table,) = at.dataframe
    assert table.value["Unit"].tolist() == progress_frame(p)["Unit"].tolist()
    assert table.value["Tindak lanjut"].tolist() == pytest.approx(p["persen"].tolist())
    assert table.value["Tindak lanjut"].is_monotonic_decreasing
    metric = {m.label: m.value for m in at.metric}
    assert metric["Rekomendasi"] == angka(p["jumlah_rekomendasi"].sum(), 0)
    assert metric["Unit dengan rekomendasi"] == angka(len(p), 0)
    assert BAND_NOTE in texts(at)

    own = run_rapim_tab(f"operator-{DINKES}", 2025).dataframe[0].value
    assert own["Unit"].str.startswith(DINKES).tolist() == [True]
    assert "Belum ada rekomendasi LHE untuk tahun 2030." in texts(run_rapim_tab("pimpinan", 2030))


def test_band_colours_follow_the_share() -> None:
    assert [band_colour(v) for v in (100, 80, 79.9, 50, 49.9, 0, None)] == [
        "#1a7f37", "#1a7f37", "#ffc107", "#ffc107", "#e53935", "#e53935", "#e53935"
    ]  # fmt: skip


def test_beranda_lists_the_operators_open_follow_ups(db: Path) -> None:
    items = lhe.open_items(core(db), OP, DINKES, clock.now().date())
    at = open_page("pages/beranda.py", OP)
    assert f"{angka(len(items), 0)} rekomendasi LHE belum ditindaklanjuti" in texts(at)
    shown = next(d.value for d in at.dataframe if "Batas waktu" in d.value.columns)
    assert shown["Kode"].tolist() == items["kode_rekomendasi"].tolist()
    assert any(b.label == "Tindak lanjuti di Evaluasi SAKIP" for b in at.button)
    admin = open_page("pages/beranda.py", ADMIN)
    reminder = next(d.value for d in admin.dataframe if "Akun operator" in d.value.columns)
    row = reminder.set_index("Kode OPD").loc[DINKES]
    assert row["Rekomendasi LHE terbuka"] == len(items)
