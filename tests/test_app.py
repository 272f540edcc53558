"""The app in Streamlit's AppTest: login gate, ranking on Beranda, operator scope, idle timeout."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core.auth import LOGIN_FAILED
from sakip_core.fmt import angka, persen
from tests.page_helpers import log_in, query, ranking, rankings
from ui.session import SESSION_KEY
from ui.text import nama_triwulan

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60  # seconds per script run (the first one imports everything and hashes a password)


@pytest.fixture
def app_env(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAKIP_DB", str(demo_db))
    monkeypatch.chdir(ROOT)
    return demo_db


@pytest.fixture(scope="module")
def expected(demo_db: Path) -> tuple[int, int, pd.DataFrame]:
    """The latest reported period and the core's ranking_detail for it."""
    h = sakip_core.connect(demo_db)
    latest = int(h.query_df("SELECT max(tahun * 10 + triwulan) AS p FROM realisasi")["p"][0])
    tahun, triwulan = divmod(latest, 10)
    detail = sakip_core.ranking_detail(h, tahun, triwulan, digits=2)
    core = sakip_core.ranking(h, tahun, triwulan)
    assert core["kode_opd"].tolist() == detail["kode_opd"].tolist()
    h.close()
    return tahun, triwulan, detail


def opd_labels(detail: pd.DataFrame) -> list[str]:
    return [
        s if isinstance(s, str) and s.strip() else n
        for s, n in zip(detail["singkatan"], detail["nama_opd"], strict=True)
    ]


def all_text(at: AppTest) -> str:
    parts = [e.value for e in [*at.markdown, *at.title, *at.header, *at.subheader, *at.caption]]
    parts += [e.value for e in [*at.info, *at.warning, *at.error, *at.success]]
    return "\n".join(str(p) for p in parts)


def start(script: str = "app.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


login = log_in  # the form as a visitor fills it


def assert_login_form_only(at: AppTest, detail: pd.DataFrame) -> None:
    labels = [t.label for t in at.text_input]
    assert labels == ["Nama pengguna", "Kata sandi"]
    assert at.text_input[1].proto.type == at.text_input[1].proto.PASSWORD
    assert [b.label for b in at.button] == ["Masuk"]
    assert len(at.dataframe) == 0 and len(at.table) == 0 and len(at.metric) == 0
    text = all_text(at)
    for name in [*detail["nama_opd"], *opd_labels(detail)]:
        assert name not in text


def test_login_page_when_logged_out(app_env: Path, expected) -> None:
    at = start()
    assert_login_form_only(at, expected[2])
    assert "Peringkat Kinerja OPD" not in all_text(at)


def test_wrong_password_shows_error(app_env: Path, expected) -> None:
    at = login(start(), "verifikator", "bukan-sandinya")
    assert [e.value for e in at.error] == [LOGIN_FAILED]
    assert_login_form_only(at, expected[2])


def test_unknown_user_gets_the_same_message(app_env: Path) -> None:
    at = login(start(), "tidak-ada", "demo")
    assert [e.value for e in at.error] == [LOGIN_FAILED]


def test_pimpinan_sees_full_ranking_in_core_order(app_env: Path, expected) -> None:
    tahun, triwulan, detail = expected
    at = login(start(), "pimpinan")
    assert [t.value for t in at.title] == ["Peringkat Kinerja OPD"]
    assert at.selectbox[0].value == tahun and at.selectbox[1].value == triwulan
    assert len(rankings(at)) == 1
    shown = ranking(at).value
    assert shown["Peringkat"].tolist() == detail["peringkat"].tolist()
    assert shown["OPD"].tolist() == opd_labels(detail)
    assert shown["Skor"].tolist() == pytest.approx(detail["skor"].tolist())
    assert shown["Kategori"].tolist() == detail["kategori"].tolist()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["OPD dinilai"] == angka(len(detail), 0)
    assert metrics["Rata-rata skor"] == angka(detail["skor"].mean(), 2)
    assert f"{nama_triwulan(triwulan)} {tahun}" in all_text(at)


def test_numbers_are_shown_in_indonesian_format(app_env: Path, expected) -> None:
    detail = expected[2]
    at = login(start(), "pimpinan")
    styler = ranking(at).proto.arrow_data.styler
    shown = convert_arrow_bytes_to_pandas_df(styler.display_values)
    assert shown.iloc[:, 2].tolist() == [angka(x, 2) for x in detail["skor"]]  # Skor
    assert shown.iloc[:, 6].tolist() == [persen(x, 1) for x in detail["kepatuhan"]]  # Kepatuhan
    for warna in detail["warna"]:
        assert f"background-color: {warna}" in styler.styles


def test_operator_sees_only_own_row(app_env: Path, expected) -> None:
    detail = expected[2]
    row = detail.iloc[min(1, len(detail) - 1)]
    at = login(start(), f"operator-{row['kode_opd']}")
    assert len(rankings(at)) == 1
    shown = ranking(at).value
    assert len(shown) == 1
    assert shown["Peringkat"].tolist() == [row["peringkat"]]
    assert shown["OPD"].tolist() == opd_labels(detail.iloc[[min(1, len(detail) - 1)]])
    assert any("hanya peringkat OPD Anda" in i.value for i in at.info)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Peringkat OPD Anda"] == f"{row['peringkat']} dari {len(detail)}"
    text = all_text(at)
    others = detail[detail["kode_opd"] != row["kode_opd"]]
    for name in others["nama_opd"]:
        assert name not in text


def test_page_run_directly_without_login_shows_login_form(app_env: Path, expected) -> None:
    at = start("pages/beranda.py")
    assert_login_form_only(at, expected[2])


def test_page_run_directly_then_login_shows_ranking(app_env: Path, expected) -> None:
    at = login(start("pages/beranda.py"), "analis")
    assert len(rankings(at)) == 1
    assert len(ranking(at).value) == len(expected[2])


def idle_for(at: AppTest, db: Path, minutes: int) -> None:
    """Pretend the session's last interaction was `minutes` ago (the idle clock is in the
    database, so a reload cannot reset it)."""
    sesi = at.session_state[SESSION_KEY]
    query(
        db,
        "UPDATE sesi SET terakhir_aktif = terakhir_aktif - to_minutes(CAST(? AS BIGINT)) "
        "WHERE id = ? RETURNING id",
        [minutes, sesi],
    )


def test_idle_session_is_logged_out(app_env: Path, expected) -> None:
    at = login(start(), "pimpinan")
    assert len(rankings(at)) == 1
    idle_for(at, app_env, minutes=31)  # default limit: 30 minutes
    at.run()
    assert not at.exception
    assert any("tidak ada aktivitas selama 30 menit" in w.value for w in at.warning)
    assert_login_form_only(at, expected[2])


def test_recent_activity_keeps_the_session(app_env: Path) -> None:
    at = login(start(), "pimpinan")
    idle_for(at, app_env, minutes=29)
    at.run()
    assert len(rankings(at)) == 1


def test_quarter_without_realisasi_says_so(app_env: Path, expected) -> None:
    tahun, triwulan, _ = expected
    at = login(start(), "pimpinan")
    empty_q = 4 if triwulan < 4 else None
    if empty_q is None:
        pytest.skip("the latest reported quarter is Q4; no empty quarter in that year")
    at.selectbox[1].set_value(empty_q).run()
    assert not at.exception
    assert len(at.dataframe) == 0
    assert any("Belum ada realisasi" in i.value for i in at.info)


def test_missing_database_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAKIP_DB", str(tmp_path / "tidak-ada.duckdb"))
    monkeypatch.chdir(ROOT)
    at = start()  # explained at once, before anyone types a password
    assert any("tidak ditemukan" in e.value for e in at.error)
    assert len(at.dataframe) == 0
