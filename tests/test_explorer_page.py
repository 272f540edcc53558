"""Penjelajah Indikator in AppTest: each filter, the URL state, each panel, operator scope."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core.auth import Actor
from sakip_core.explorer import Filters, indicators
from sakip_core.explorer_detail import indicator_detail
from sakip_core.fmt import angka
from tests.page_helpers import sign_in
from ui.text import md

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "explorer.py")
TIMEOUT = 90
ANALIS = Actor("analis", "analis")
OPD = "1.02.01"


@pytest.fixture
def app_env(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAKIP_DB", str(demo_db))
    monkeypatch.chdir(ROOT)
    return demo_db


@pytest.fixture(scope="module")
def core(demo_db: Path):
    """The latest period and a function giving the core's table for a Filters (same connection
    configuration as the app's, so both can use the file in one process)."""
    h = sakip_core.connect(demo_db)
    latest = int(h.query_df("SELECT max(tahun * 10 + triwulan) AS p FROM realisasi")["p"][0])
    tahun, tw = divmod(latest, 10)
    cache: dict[tuple[Filters, Actor], pd.DataFrame] = {}

    def table(filters: Filters, actor: Actor = ANALIS) -> pd.DataFrame:
        if (filters, actor) not in cache:
            cache[(filters, actor)] = indicators(h, actor, filters)
        return cache[(filters, actor)]

    yield tahun, tw, table, h
    h.close()


def start(actor: Actor | None = ANALIS, params: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    if actor is not None:
        sign_in(at, actor)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def qp(at: AppTest, key: str) -> list[str]:
    """A query parameter of the app's URL as a list (AppTest keeps single values as str)."""
    value = at.query_params.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def text(at: AppTest) -> str:
    parts = [*at.markdown, *at.caption, *at.subheader, *at.info, *at.success, *at.error]
    return "\n".join(str(e.value) for e in parts)


def test_login_required(app_env: Path) -> None:
    at = start(actor=None)
    assert not at.metric and "Penjelajah Indikator" not in [t.value for t in at.title]


def test_default_view_is_latest_period_all_indicators(app_env: Path, core) -> None:
    tahun, tw, table, _ = core
    at = start()
    expected = table(Filters(tahun, tw))
    assert metric(at, "Indikator") == angka(len(expected), 0)
    assert metric(at, "Belum lapor") == angka(int((~expected["dilaporkan"]).sum()), 0)
    assert qp(at, "tahun") == [str(tahun)] and qp(at, "tw") == [str(tw)]
    shown = at.dataframe[0].value
    assert len(shown) == len(expected) and "Tren realisasi" in shown.columns


FILTER_CASES = [
    ("multiselect", "jel_opd", [OPD], {"opd": (OPD,)}, "opd"),
    ("multiselect", "jel_jenis", ["kecamatan"], {"jenis": ("kecamatan",)}, "jenis"),
    ("multiselect", "jel_level", ["opd"], {"level": ("opd",)}, "level"),
    ("multiselect", "jel_polaritas", ["negatif"], {"polaritas": ("negatif",)}, "polaritas"),
    ("multiselect", "jel_kategori", ["Rendah"], {"kategori": ("Rendah",)}, "kategori"),
    ("toggle", "jel_iku", True, {"iku": True}, "iku"),
    ("toggle", "jel_belum_lapor", True, {"belum_lapor": True}, "belum"),
    ("text_input", "jel_cari", "kematian", {"cari": "kematian"}, "cari"),
    ("selectbox", "jel_triwulan", 1, {"triwulan": 1}, "tw"),
]


@pytest.mark.parametrize(("kind", "key", "value", "changes", "param"), FILTER_CASES)
def test_each_filter_matches_core_and_goes_to_url(
    app_env: Path, core, kind: str, key: str, value: Any, changes: dict, param: str
) -> None:
    tahun, tw, table, _ = core
    at = start()
    getattr(at, kind)(key=key).set_value(value)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    expected = table(Filters(tahun, tw).with_(**changes))
    everything = table(Filters(tahun, tw))
    assert len(expected) > 0
    assert param == "tw" or len(expected) < len(everything)  # the filter really narrows
    assert metric(at, "Indikator") == angka(len(expected), 0)
    assert metric(at, "Belum lapor") == angka(int((~expected["dilaporkan"]).sum()), 0)
    assert qp(at, param)


def test_sasaran_and_year_filters(app_env: Path, core) -> None:
    tahun, tw, table, _ = core
    sasaran = table(Filters(tahun, tw))["sasaran"].iloc[0]
    at = start()
    at.multiselect(key="jel_sasaran").set_value([sasaran])
    at.selectbox(key="jel_tahun").set_value(tahun - 1)
    at.run()
    expected = table(Filters(tahun - 1, tw, sasaran=(sasaran,)))
    assert metric(at, "Indikator") == angka(len(expected), 0)
    assert qp(at, "sasaran") == [sasaran]


def test_url_reproduces_the_view(app_env: Path, core) -> None:
    tahun, tw, table, _ = core
    params = {"tahun": str(tahun), "tw": "2", "opd": OPD, "polaritas": "negatif"}
    at = start(params=params)
    expected = table(Filters(tahun, 2, opd=(OPD,), polaritas=("negatif",)))
    assert metric(at, "Indikator") == angka(len(expected), 0)
    assert at.multiselect(key="jel_opd").value == [OPD]
    assert at.selectbox(key="jel_triwulan").value == 2


def test_detail_from_url_shows_formula_history_and_cascade(app_env: Path, core) -> None:
    tahun, tw, _, h = core
    kode = f"{OPD}.I02"
    at = start(params={"tahun": str(tahun), "tw": str(tw), "opd": OPD, "ind": kode})
    d = indicator_detail(h, ANALIS, tahun, kode, tw)
    body = text(at)
    assert "Rumus" in body and d.info["indikator"] in body.replace("\\", "")
    assert md(d.rumus) in body
    tables = [df.value for df in at.dataframe]
    assert any("Versi" in t.columns and len(t) == len(d.riwayat) for t in tables)
    assert any("Hubungan" in t.columns and len(t) == len(d.anak) + len(d.induk) for t in tables)


@pytest.mark.parametrize(
    ("panel", "marker"),
    [
        ("Grafik", None),
        ("Pohon kinerja", "jel_akar"),
        ("Anggaran vs kinerja", "OPD ditandai"),
        ("Kelengkapan data", "Batas waktu pelaporan"),
    ],
)
def test_each_panel_renders(app_env: Path, panel: str, marker: str | None) -> None:
    at = start(params={"panel": panel, "opd": OPD})
    assert at.segmented_control(key="jel_panel").value == panel
    if marker == "jel_akar":
        assert at.selectbox(key="jel_akar").value
    elif marker:
        assert marker in text(at)
    assert qp(at, "panel") == [panel]


def test_completeness_lists_operator_to_contact(app_env: Path, core) -> None:
    tahun, tw, table, _ = core
    late = table(Filters(tahun, tw, belum_lapor=True))
    kode_opd = late["kode_opd"].iloc[0]
    at = start(params={"panel": "Kelengkapan data", "opd": kode_opd})
    frames = [df.value for df in at.dataframe]
    detail = next(t for t in frames if "Hari terlambat" in t.columns and "Kode" in t.columns)
    assert set(detail["Akun operator"]) == {f"operator-{kode_opd}"}


def test_completeness_lists_low_capaian_without_a_faktor_penghambat(app_env: Path, core) -> None:
    from sakip_core.lkjip.reasons import missing_reasons

    tahun, tw, _, h = core
    found = missing_reasons(h, ANALIS, tahun, tw, [OPD])
    at = start(params={"panel": "Kelengkapan data", "opd": OPD})
    assert f"tanpa faktor penghambat: {angka(len(found), 0)} indikator" in text(at)
    assert not found.empty  # the demo's operators forget some reasons
    frames = [df.value for df in at.dataframe]
    shown = next(t for t in frames if "Capaian (%)" in t.columns and "Kode OPD" in t.columns)
    assert list(shown["Kode"]) == list(found["kode_indikator"])
    assert set(shown["OPD"]) == {"Dinkes"}


def test_operator_sees_only_own_opd(app_env: Path, core) -> None:
    tahun, tw, table, _ = core
    op = Actor(f"operator-{OPD}", "operator", OPD)
    expected = table(Filters(tahun, tw), op)
    assert set(expected["kode_opd"]) == {OPD}
    for params in ({}, {"opd": "1.01.01"}):  # another OPD in the URL is not offered
        at = start(actor=op, params=params)
        assert metric(at, "Indikator") == angka(len(expected), 0)
        assert at.multiselect(key="jel_opd").options == [f"Dinkes ({OPD})"]
        assert set(at.dataframe[0].value["OPD"]) == {"Dinkes"}


def test_export_buttons_present(app_env: Path) -> None:
    at = start(params={"opd": OPD})
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh Excel", "Unduh CSV"]


def test_plotly_labels_are_escaped() -> None:
    from ui.explorer_panels import plain

    out = plain(pd.Series(['<a href="javascript:x">klik</a>', "Dinas & Badan"])).tolist()
    # plotly decodes &lt; &gt; &amp; but not &quot;: quotes stay (tests/test_escaping.py)
    assert out == ['&lt;a href="javascript:x"&gt;klik&lt;/a&gt;', "Dinas &amp; Badan"]


def test_charts_read_in_indonesian_and_label_every_sasaran(app_env: Path) -> None:
    """Issue 14, point 6: number format `1.234,5`, Indonesian axis titles, whole-number counts,
    one tick per sasaran (none skipped), growing margins so no label is cut."""
    import json

    at = start(params={"panel": "Grafik"})
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    figs = {f["layout"]["title"]["text"].split(" ")[0]: f for f in specs}
    assert len(figs) == 3
    assert all(f["layout"]["separators"] == ",." for f in figs.values())
    dist = figs["Sebaran"]["layout"]
    assert dist["yaxis"]["title"]["text"] == "Jumlah indikator"
    assert dist["yaxis"]["tickformat"] == ",d" and dist["yaxis"]["dtick"] >= 1
    sas = figs["Rata-rata"]
    y = sas["layout"]["yaxis"]
    assert y["title"]["text"] == "Sasaran" and y["tickmode"] == "array" and y["automargin"]
    shown = {v for trace in sas["data"] for v in trace["y"]}
    assert set(y["tickvals"]) == shown and all(len(t) <= 40 for t in y["ticktext"])
    tren = figs["Tren"]["layout"]
    assert tren["xaxis"]["title"]["text"] == "Triwulan"
    assert tren["yaxis"]["title"]["text"] == "Skor kinerja"
