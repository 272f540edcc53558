"""The Rapim page in Streamlit's AppTest: every control, operator scope, bad states.

Plotly charts are UnknownElement in AppTest, so charts are checked through the core and the
browser test; here the tables, texts and widgets are compared with the core's figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core import clock, rapim
from sakip_core.auth import Actor
from sakip_core.fmt import angka
from sakip_core.workflow import data_label
from tests.page_helpers import log_in
from ui.rapim_view import BELUM_LAPOR, board_texts
from ui.text import md, nama_triwulan

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60
PAGE = "pages/rapim.py"
PIMPINAN = Actor("pimpinan", "pimpinan")


@pytest.fixture
def app_env(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAKIP_DB", str(demo_db))
    monkeypatch.chdir(ROOT)
    return demo_db


@pytest.fixture(scope="module")
def core(demo_db: Path) -> dict:
    """The core's figures for the quarter the page opens on: the Rapim of this month (or of
    Desember of the latest PK year) ranks the latest quarter past its reporting deadline."""
    h = sakip_core.connect(demo_db)
    now = clock.now()
    year, month = now.year, now.month  # the Rapim of this month
    tahun, triwulan = rapim.pk_period(h, year, month, now)
    out = {
        "tahun": tahun,
        "triwulan": triwulan,
        "tahun_rapim": year,
        "bulan": month,
        "board": rapim.leaderboard(h, PIMPINAN, tahun, triwulan),
        "kandidat": rapim.kandidat(h, PIMPINAN, tahun, triwulan),
        "indeks": rapim.indeks_kinerja(h, PIMPINAN, tahun, triwulan),
    }
    h.close()
    return out


def open_page(nama: str = "pimpinan") -> AppTest:
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=TIMEOUT)
    at.run()
    return log_in(at, nama)


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [*at.markdown, *at.title, *at.subheader, *at.caption, *at.info, *at.warning]
    return "\n".join(str(e.value) for e in parts) + "\n".join(x.label for x in at.expander)


def boards(at: AppTest) -> list[dict]:
    """What each leaderboard component was given to draw (ui.board_component), in page order."""
    found: list[dict] = []

    def walk(node: object) -> None:
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            if getattr(proto, "component_name", "") == "sakip_rapim_peringkat":
                found.append(json.loads(proto.json))
            walk(child)

    walk(at.main)
    return found


def shown_board(at: AppTest, n: int = 0) -> pd.DataFrame:
    """The leaderboard as displayed (Indonesian text), one text per cell."""
    return board_texts(boards(at)[n])


def open_tab(at: AppTest, name: str) -> AppTest:
    at.session_state["tab"] = name
    return rerun(at)


def test_leaderboard_in_core_order_with_indonesian_figures(app_env: Path, core: dict) -> None:
    at = open_page()
    board = core["board"]
    keys = ("tahun", "bulan", "triwulan")
    assert [at.selectbox(key=k).value for k in keys] == [core["tahun_rapim"], core["bulan"], 0]
    assert f"peringkat PK {nama_triwulan(core['triwulan'])} {core['tahun']} (otomatis" in texts(at)
    assert len(boards(at)) == 1 and boards(at)[0]["clickable"]
    shown = shown_board(at)
    assert shown.iloc[:, 1].tolist() == board["label"].tolist()
    assert shown.iloc[:, 2].tolist() == [angka(x, 2) for x in board["skor"]]
    ranks = [
        f"={p}" if s else str(p) for p, s in zip(board["peringkat"], board["seri"], strict=True)
    ]
    assert shown.iloc[:, 0].tolist() == ranks
    late = board[board["belum_lapor"]]
    assert (shown["Laporan"] == BELUM_LAPOR).sum() == len(late)
    # year-on-year beside the movement: the same quarter last year (demo: 2025 has every quarter)
    last = rapim.leaderboard(sakip_core.connect(app_env), PIMPINAN, core["tahun"] - 1,
                             core["triwulan"]).set_index("kode_opd")["skor"]  # fmt: skip
    assert list(shown.columns[4:6]) == ["Gerak", "Tahun lalu"]
    assert shown["Tahun lalu"].tolist() == [angka(last[k], 2) for k in board["kode_opd"]]
    assert shown["Data"].tolist() == [data_label(v, late="–") for v in board["status_data"]]
    kategori = [r["cells"][3] for r in boards(at)[0]["rows"]]
    assert [c["bg"] for c in kategori] == board["warna"].tolist()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["OPD dinilai"] == angka(len(board), 0)
    assert metrics["OPD belum lapor"] == angka(len(late), 0)
    assert "Sejak Rapim lalu" in texts(at)


def test_reward_and_help_panels(app_env: Path, core: dict) -> None:
    at = open_page()
    text = texts(at)
    assert "Kandidat penghargaan" in text and "Perlu pendampingan" in text
    for key in ("penghargaan", "pendampingan"):
        for r in core["kandidat"][key].itertuples():
            assert r.label.replace(".", "\\.") in text or r.label in text
            assert angka(r.skor, 2).replace(",", ",") in text


def test_presentation_mode_shows_only_the_ranking(app_env: Path, core: dict) -> None:
    at = open_page()
    at.toggle(key="presentasi").set_value(True)
    rerun(at)
    halves = boards(at)
    assert len(halves) == 2  # the ranking in two halves, static, Kepatuhan left out
    assert not any(h["clickable"] for h in halves) and all(h["compact"] for h in halves)
    assert "Kepatuhan" not in halves[0]["columns"]
    assert len(at.metric) == 0 and len(at.tabs) == 0 and len(at.dataframe) == 0
    labels = pd.concat([shown_board(at, 0), shown_board(at, 1)])["OPD"]
    assert labels.tolist() == core["board"]["label"].tolist()
    assert "Kandidat penghargaan" not in texts(at)
    at.toggle(key="presentasi").set_value(False)
    rerun(at)
    assert len(boards(at)) == 1 and len(at.metric) == 4


def test_period_selectors_change_the_ranking(app_env: Path, core: dict) -> None:
    at = open_page()
    at.selectbox(key="triwulan").set_value(1)
    rerun(at)
    assert "Sejak Rapim lalu" in texts(at)
    if core["triwulan"] < 4:
        at.selectbox(key="triwulan").set_value(4)
        rerun(at)
        assert len(boards(at)) == 0
        assert any("Belum ada realisasi" in i.value for i in at.info)
    at.selectbox(key="tahun").set_value(core["tahun"] - 1)
    rerun(at)
    assert at.selectbox(key="tahun").value == core["tahun"] - 1


def test_indeks_tab_shows_decomposition(app_env: Path, core: dict) -> None:
    at = open_page()
    open_tab(at, "Indeks Kinerja")
    frame = at.dataframe[0].value
    ix = core["indeks"]
    assert frame["OPD"].tolist() == ix["label"].tolist()
    assert frame["Indeks"].tolist() == pytest.approx(ix["indeks"].tolist())
    parts = frame[["Kontribusi PK", "Kontribusi SAKIP", "Kontribusi RB"]].sum(axis=1)
    assert parts.tolist() == pytest.approx(frame["Indeks"].tolist())
    assert "50 % × Capaian PK" in texts(at)


@pytest.mark.parametrize(
    ("tab", "column"),
    [("LKE internal", "Nilai LKE"), ("Progress RB", "Progress"), ("Serapan", "Serapan")],
)
def test_other_ranking_tabs(app_env: Path, tab: str, column: str) -> None:
    at = open_page()
    open_tab(at, tab)
    frame = at.dataframe[0].value
    assert column in frame.columns and len(frame) > 0
    values = frame[column].tolist()
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("tab", ["Progress RB", "Serapan"])
def test_the_rapim_month_drives_the_monthly_tabs(app_env: Path, core: dict, tab: str) -> None:
    at = open_page()
    open_tab(at, tab)
    assert at.selectbox(key="bulan").value == core["bulan"]
    before = at.dataframe[0].value
    at.selectbox(key="bulan").set_value(1)
    rerun(at)
    after = at.dataframe[0].value
    assert not before.equals(after)


def test_trend_tab_controls(app_env: Path) -> None:
    at = open_page()
    open_tab(at, "Tren")
    chosen = at.multiselect(key="rapim_tren_opd")
    assert len(chosen.value) == 5
    at.radio(key="rapim_tren_ukuran").set_value("peringkat")
    rerun(at)
    chosen = at.multiselect(key="rapim_tren_opd")
    chosen.set_value([])
    rerun(at)
    assert any("Pilih satu atau lebih OPD" in i.value for i in at.info)


def test_drilldown_with_formula_on_demand(app_env: Path, core: dict) -> None:
    at = open_page()
    assert "Rincian OPD" not in texts(at)  # closed until a row is clicked
    kode = core["board"]["kode_opd"].iloc[-2]
    at.query_params["opd"] = kode  # what a click on the row sets (and a shared link carries)
    rerun(at)
    assert boards(at)[0]["selected"] == kode
    assert at.selectbox(key="rapim_opd").value == kode
    table = at.dataframe[0].value
    assert "× 100 =" not in texts(at)
    assert {"Target s.d. TW", "Realisasi s.d. TW", "Capaian", "Kategori"} <= set(table.columns)
    at.toggle(key="rapim_rumus").set_value(True)
    rerun(at)
    text = texts(at)
    ind = rapim.indikator_opd(
        sakip_core.connect(app_env), PIMPINAN, core["tahun"], core["triwulan"], kode
    )
    for r in ind.itertuples():
        assert md(r.rumus.rstrip(".")) in text
    assert "× 100 =" in text
    metrics = {m.label: m.value for m in at.metric}
    row = core["board"].set_index("kode_opd").loc[kode]
    assert metrics["Peringkat"] == f"{row['peringkat']} dari {len(core['board'])}"
    assert metrics["Data"] == data_label(row["status_data"], late="–")


def test_drilldown_shows_reasons_and_the_indicator_across_years(app_env: Path, core) -> None:
    h = sakip_core.connect(app_env)
    args = (core["tahun"], core["triwulan"])
    kode = next(
        k
        for k in core["board"]["kode_opd"]
        if rapim.faktor_opd(h, PIMPINAN, *args, k)["faktor_penghambat"].notna().any()
    )
    why = rapim.faktor_opd(h, PIMPINAN, *args, kode)
    at = open_page()
    at.query_params["opd"] = kode
    rerun(at)
    shown = next(d.value for d in at.dataframe if "Faktor penghambat" in d.value.columns)
    assert list(shown["Indikator"]) == list(why["indikator"])
    assert list(shown["Faktor penghambat"]) == list(why["faktor_penghambat"].fillna("–"))
    pick = at.selectbox(key=f"rapim_tren_indikator_{kode}")
    ind = rapim.indikator_opd(h, PIMPINAN, *args, kode)
    assert pick.options[0] == f"{ind['indikator'].iloc[0]} ({ind['kode_indikator'].iloc[0]})"
    assert not at.exception


def open_then_switch(core: dict, first: int, then: int) -> tuple[AppTest, str, str]:
    """The page with the detail of the board's row `first` opened by link, then the selector
    switched to row `then`."""
    at = open_page()
    a, b = core["board"]["kode_opd"].iloc[first], core["board"]["kode_opd"].iloc[then]
    at.query_params["opd"] = a
    rerun(at)
    at.selectbox(key="rapim_opd").set_value(b)
    return rerun(at), a, b


def test_detail_switches_opd_and_closes(app_env: Path, core: dict) -> None:
    at, _, other = open_then_switch(core, 0, 5)
    assert boards(at)[0]["selected"] == other
    assert at.query_params["opd"] == other
    name = core["board"].set_index("kode_opd").loc[other, "nama_opd"]
    assert f"Rincian OPD: {name}" in texts(at)
    next(b for b in at.button if b.label == "Tutup rincian").click()
    rerun(at)
    assert "Rincian OPD" not in texts(at) and "opd" not in at.query_params
    assert boards(at)[0]["selected"] is None


def test_url_decides_the_open_detail(app_env: Path, core: dict) -> None:
    """Back/Forward change only the URL: the detail follows it, whatever was selected before."""
    at, a, _ = open_then_switch(core, 1, 2)
    at.query_params["opd"] = a  # Back
    rerun(at)
    assert boards(at)[0]["selected"] == a and at.selectbox(key="rapim_opd").value == a
    del at.query_params["opd"]  # Back again, to the page without a detail
    rerun(at)
    assert "Rincian OPD" not in texts(at) and boards(at)[0]["selected"] is None


def test_unknown_opd_in_link_keeps_detail_closed(app_env: Path) -> None:
    at = open_page()
    at.query_params["opd"] = "9.99.99"
    rerun(at)
    assert "Rincian OPD" not in texts(at) and "opd" not in at.query_params


def test_download_buttons_are_offered(app_env: Path) -> None:
    at = open_page()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh Excel", "Unduh PDF"]


def test_operator_sees_only_own_position(app_env: Path, core: dict) -> None:
    row = core["board"].iloc[len(core["board"]) // 2]
    at = open_page(f"operator-{row['kode_opd']}")
    shown = shown_board(at)
    assert shown.iloc[:, 1].tolist() == [row["label"]]
    assert "Kandidat penghargaan" not in texts(at)
    assert len(at.get("download_button")) == 0
    assert [s.key for s in at.selectbox if s.key == "rapim_opd"] == []  # no other OPD to pick
    assert not boards(at)[0]["clickable"]
    assert f"Rincian OPD: {row['nama_opd']}" in texts(at)
    others = core["board"][core["board"]["kode_opd"] != row["kode_opd"]]
    text = texts(at)
    for name in others["nama_opd"]:
        assert name not in text


def test_page_without_login_shows_only_the_login_form(app_env: Path, core: dict) -> None:
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=TIMEOUT).run()
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert len(boards(at)) == 0 and len(at.metric) == 0
    assert core["board"]["label"].iloc[0] not in texts(at)


def test_changes_tab_lists_every_move(app_env: Path, core: dict) -> None:
    at = open_page()  # the first tab is open by default
    text = texts(at)
    changes = rapim.perubahan_dari(core["board"])
    assert rapim.ringkasan_perubahan(changes).split(",")[0] in text
    for line in changes["kalimat"]:
        assert md(line) in text


def test_lhe_tab_shows_the_share_followed_up_per_unit(app_env: Path, core: dict) -> None:
    from sakip_core import lhe

    at = open_page()
    open_tab(at, "Tindak lanjut LHE")
    expected = lhe.progress(
        sakip_core.connect(app_env), PIMPINAN, core["tahun"], clock.now().date()
    )
    assert not expected.empty  # the demo has LHE recommendations
    frame = next(d.value for d in at.dataframe if "Tindak lanjut" in d.value.columns)
    assert len(frame) == len(expected)
    assert frame["Tindak lanjut"].tolist() == pytest.approx(expected["persen"].tolist())
