"""The Rapim page with sessions (issue 14, point 1), in AppTest on a demo copy: the admin opens a
Rapim (snapshot), records pendampingan for the bottom OPD, new realisations arrive, and the live
view compares with the snapshot while the past Rapim still shows its own figures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import sakip_core
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_detail
from sakip_core.fmt import angka
from sakip_core.io.importer import import_upload
from sakip_core.rapim import keputusan as kp
from sakip_core.rapim import sesi
from tests.page_helpers import button, open_page, plain, serve_demo_copy, texts
from ui.rapim_sesi import view_label
from ui.rapim_view import board_texts

PAGE = "pages/rapim.py"
ADMIN = Actor("admin", "admin")
PIMPINAN = Actor("pimpinan", "pimpinan")


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from serve_demo_copy(demo_db, tmp_path, monkeypatch)


def shown_board(at) -> pd.DataFrame:  # noqa: ANN001
    import json

    (node,) = [
        json.loads(e.proto.json)
        for e in at.main.children.values()
        for e in _walk(e)
        if getattr(getattr(e, "proto", None), "component_name", "") == "sakip_rapim_peringkat"
    ]
    return board_texts(node)


def _walk(node):  # noqa: ANN001, ANN202
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def run(at):  # noqa: ANN001, ANN201
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_rapim(at) -> int:  # noqa: ANN001
    button(at, "Buka Rapim dan potret data").click()
    run(at)
    return int(at.selectbox(key="rapim").value)


def lift(db: Path, kode: str) -> None:
    """New realisations: every positive OPD-level indicator of `kode` reaches its target."""
    h = sakip_core.connect(db)
    try:
        board = sakip_core.rapim.leaderboard(h, ADMIN, *latest_ranked(h))
        tahun, triwulan = latest_ranked(h)
        cap = capaian_detail(h, tahun, triwulan, opds=[kode])
        rows = cap[(cap["level"] == "opd") & (cap["polaritas"] == "positif")
                   & (cap["agregasi"] != "kumulatif") & cap["target"].notna()]  # fmt: skip
        assert not rows.empty and not board.empty
        lines = [
            f"{tahun},{triwulan},{kode},{r.kode_indikator},{r.target}" for r in rows.itertuples()
        ]
        text = "tahun,triwulan,kode_opd,kode_indikator,realisasi\n" + "\n".join(lines) + "\n"
        result = import_upload(h, "realisasi", text.encode(), "susulan.csv", ADMIN)
        assert result.ok, result.check.problems
    finally:
        h.close()


def latest_ranked(h) -> tuple[int, int]:  # noqa: ANN001
    from sakip_core import clock

    now = clock.now()
    return sesi.pk_period(h, now.year, now.month, now)


def test_open_decide_new_data_and_compare(db: Path) -> None:
    at = open_page(PAGE, ADMIN)
    assert "Data terkini" in texts(at)
    sid = open_rapim(at)
    assert "Rapim dibuka; potret data disimpan" in texts(at)
    assert "Potret data" in plain(texts(at)) and "persis seperti saat itu" in texts(at)
    h = sakip_core.connect(db)
    snap = sesi.snapshot(h, ADMIN, sid)
    h.close()
    before = shown_board(at)
    assert before["Skor"].tolist() == [angka(x, 2) for x in snap["peringkat"]["skor"]]
    bottom = snap["pendampingan"].iloc[-1]
    # the decision form lists the pendampingan candidates first
    form_opd = next(s for s in at.selectbox if s.label == "OPD")
    assert form_opd.options[0] in {str(k) for k in snap["pendampingan"]["nama_opd"]}
    form_opd.set_value(bottom["kode_opd"])
    next(t for t in at.text_input if t.label == "Penanggung jawab").set_value("Kabag Organisasi")
    rencana = next(t for t in at.text_area if t.label.startswith("Rencana pendampingan"))
    rencana.set_value("Asistensi <b>pengisian</b> realisasi")
    next(r for r in at.radio if r.label == "Keputusan").set_value("pendampingan")
    button(at, "Simpan keputusan").click()
    run(at)
    decisions = next(d.value for d in at.dataframe if "Penanggung jawab" in d.value.columns)
    assert decisions["OPD"].tolist() == [bottom["nama_opd"]]
    assert decisions["Keputusan"].tolist() == ["Pendampingan khusus"]
    assert decisions["Rencana"].tolist() == ["Asistensi <b>pengisian</b> realisasi"]  # as text
    assert decisions["Batas waktu"].tolist() == ["–"]

    lift(db, bottom["kode_opd"])
    at.selectbox(key="rapim").set_value(0)  # back to the live figures
    run(at)
    text = plain(texts(at))
    assert "**Sejak Rapim lalu** (Rapim " in text
    assert "Tindak lanjut pendampingan" in text
    h = sakip_core.connect(db)
    kini = sakip_core.rapim.leaderboard(h, ADMIN, *latest_ranked(h)).set_index("kode_opd")
    h.close()
    then, now = bottom["skor"], kini.loc[bottom["kode_opd"], "skor"]
    assert now > then
    assert f"Skor {angka(then, 2)} → **{angka(now, 2)}**" in texts(at)

    at.selectbox(key="rapim").set_value(sid)  # the past Rapim keeps its own figures
    run(at)
    assert shown_board(at)["Skor"].tolist() == before["Skor"].tolist()


def test_reading_roles_see_past_rapim_without_forms(db: Path) -> None:
    h = sakip_core.connect(db)
    tahun, triwulan = latest_ranked(h)
    from datetime import date

    sid = sesi.buka(h, ADMIN, date(2026, 11, 5), "Rapim November", (tahun, triwulan),
                    (tahun, 10))  # fmt: skip
    h.close()
    label = view_label(sesi.ambil(sakip_core.connect(db), ADMIN, sid))
    at = open_page(PAGE, PIMPINAN, {"rapim": label})
    assert "Rapim November (5 November 2026)" in plain(texts(at))
    assert not [
        b for b in at.button if b.label in ("Simpan keputusan", "Buka Rapim dan potret data")
    ]
    operator = open_page(
        PAGE, Actor("operator-1.03.01", "operator", "1.03.01"), {"rapim": str(sid)}
    )
    assert "Potret data" not in texts(operator)  # an operator sees its own position only
    assert "hanya posisi dan rincian OPD" in plain(texts(operator))
    assert "Keputusan Rapim untuk OPD Anda" not in texts(operator)  # none about its OPD yet
    h = sakip_core.connect(db)
    kp.catat(h, ADMIN, sid, kp.Keputusan("1.03.01", "penghargaan", catatan="Piagam"))
    kp.catat(h, ADMIN, sid, kp.Keputusan("1.02.01", "penghargaan", catatan="Lain OPD"))
    h.close()
    operator.run()
    assert "Keputusan Rapim untuk OPD Anda" in texts(operator)
    own = next(d.value for d in operator.dataframe if "Keputusan" in d.value.columns)
    assert own["Rapim"].tolist() == ["Rapim November (5 November 2026)"]
    assert own["Catatan"].tolist() == ["Piagam"]  # never another OPD's decision


def test_a_rapim_title_is_shown_as_text_not_markdown(db: Path) -> None:
    from datetime import date

    h = sakip_core.connect(db)
    periode = latest_ranked(h)
    sid = sesi.buka(h, ADMIN, date(2026, 11, 5), "Rapim **tebal** [klik](http://x.example)",
                    periode, (periode[0], 10))  # fmt: skip
    label = view_label(sesi.ambil(h, ADMIN, sid))
    h.close()
    at = open_page(PAGE, ADMIN, {"rapim": label})
    heading = next(s.value for s in at.subheader if "Keputusan" in s.value)
    assert "**tebal**" not in heading and "](http" not in heading
    assert plain(heading).endswith("Keputusan Rapim **tebal** [klik](http://x.example)")
