"""One read model per figure (issue 11, point 2).

- `calc.rank.competition_rank`, used by every pandas ranking, gives exactly the ranks of DuckDB's
  `rank() OVER (ORDER BY round(x, d) DESC)` (hypothesis), and agrees with the SQL OPD ranking;
- the leaderboard (`rapim.leaderboard`) is what Beranda, the Rapim page and the reports show,
  with one verified/provisional rule;
- the RB ranking and heat map are one function for the RB page and the Rapim tab (same OPDs,
  same numbers), the LKE ranking one for Evaluasi Internal and the Rapim tab;
- pages and ui/ hold no SQL.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core import lke_service, rapim
from sakip_core.auth import Actor
from sakip_core.calc.rank import competition_rank, ranked
from sakip_core.calc.rounding import round_like_duckdb
from sakip_core.fmt import persen
from sakip_core.reports.rapim_tables import build
from sakip_core.workflow import data_label, status_counts
from tests.factories import (
    TAHUN,
    add_indicators,
    add_lke,
    add_opd,
    add_rb_aksi,
    add_realisasi,
    make_db,
)
from tests.page_helpers import log_in, ranking

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60
PIMPINAN = Actor("pimpinan", "pimpinan")
RAPIM_TAB = "tab"  # pages/rapim.py TAB_KEY: the open tab (also its URL parameter)

# ---------------------------------------------------------------------------------------------
# the competition-ranking helper against DuckDB's SQL

MIDPOINTS = st.integers(-200_000, 200_000).map(lambda k: k / 1000)  # x.xx5 rounding midpoints
NEAR = st.sampled_from([80.005, 80.004999999, 80.015, 0.125, -0.125, 2.675, 1.005, 0.0, -0.0])
ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True)
VALUE = st.one_of(ANY_FLOAT, st.none(), MIDPOINTS, NEAR)


def sql_table(values: list[float | None]) -> pd.DataFrame:
    """The values as a frame DuckDB scans: a pandas NaN (and None) arrives as SQL NULL."""
    return pd.DataFrame({"i": range(len(values)), "x": pd.Series(values, dtype="float64")})


@settings(max_examples=300, deadline=None)
@given(values=st.lists(VALUE, max_size=30), digits=st.integers(0, 4))
def test_round_like_duckdb_is_duckdb_round(values: list, digits: int) -> None:
    v = sql_table(values)
    sql = duckdb.sql(f"SELECT round(x, {digits}) AS r FROM v ORDER BY i").df()["r"]
    mine = round_like_duckdb(v["x"], digits)
    for got, want in zip(mine, sql, strict=True):
        assert (math.isnan(got) and pd.isna(want)) or got == want, (got, want)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(VALUE, max_size=30), ascending=st.booleans())
def test_competition_rank_is_sql_rank_nan_unranked(values: list, ascending: bool) -> None:
    v = sql_table(values)
    order = "ASC" if ascending else "DESC"
    sql = duckdb.sql(
        f"SELECT rank() OVER (ORDER BY round(x, 2) {order}) AS r FROM v ORDER BY i"
    ).df()["r"]
    mine = competition_rank(v["x"], ascending=ascending)
    ranked_count = int(v["x"].notna().sum())
    for x, got, want in zip(v["x"], mine, sql, strict=True):
        if pd.isna(x):  # SQL: NULLS LAST, one shared rank after every value; here: unranked
            assert pd.isna(got) and want == ranked_count + 1
        else:
            assert got == want, (x, got, want)


def test_competition_rank_1_2_2_4_and_listing() -> None:
    df = pd.DataFrame(
        {"kode_opd": ["D", "C", "B", "A", "E"], "v": [40.0, 60.004, 59.996, 95.0, float("nan")]}
    )
    out = ranked(df, "v")  # 60.004 and 59.996 both read 60,00: a tie, listed by kode_opd
    assert out["kode_opd"].tolist() == ["A", "B", "C", "D", "E"]
    assert out["peringkat"].tolist() == [1, 2, 2, 4, pd.NA]


def ind(opd: str, kode: str, **kw: object) -> dict:
    return {"kode_opd": opd, "kode_indikator": kode, "target": 100.0, **kw}


def real(opd: str, kode: str, value: float, q: int = 1) -> dict:
    return {"kode_opd": opd, "kode_indikator": kode, "triwulan": q, "realisasi": value}


def test_sql_ranking_agrees_with_the_helper(tmp_path: Path) -> None:
    """calc/ranking.py keeps its SQL rank (speed); on skor near rounding midpoints it must give
    the ranks and the listing order of `competition_rank` / `ranked` on the unrounded skor."""
    h = make_db(tmp_path)
    values = {"01": 80.005, "02": 80.004999999, "03": 80.015, "04": 80.025, "05": 79.995,
              "06": 100.0, "07": 100.0, "08": 0.125, "09": 80.01, "10": None}  # fmt: skip
    add_opd(h, *values)
    for kode in values:
        add_indicators(h, [ind(kode, f"{kode}-1")])
    add_realisasi(h, [real(k, f"{k}-1", v) for k, v in values.items() if v is not None])
    detail = sakip_core.ranking_detail(h, TAHUN, 1)  # unrounded skor, SQL peringkat
    assert detail["peringkat"].tolist() == competition_rank(detail["skor"]).tolist()
    assert ranked(detail.drop(columns="peringkat"), "skor")["kode_opd"].tolist() == (
        detail["kode_opd"].tolist()
    )
    assert detail["peringkat"].nunique() < len(detail)  # the case has ties


def test_sql_ranking_agrees_with_the_helper_on_the_demo(demo_db: Path) -> None:
    h = sakip_core.connect(demo_db)
    try:
        for tahun, triwulan in ((2025, 1), (2025, 4), (2026, 1), (2026, 3)):
            detail = sakip_core.ranking_detail(h, tahun, triwulan)
            assert detail["peringkat"].tolist() == competition_rank(detail["skor"]).tolist()
    finally:
        h.close()


# ---------------------------------------------------------------------------------------------
# the leaderboard: one source, one verified/provisional rule


@pytest.fixture
def staff_only(tmp_path: Path) -> sakip_core.Handle:
    """A reports its OPD-level indicator; B reports only a staff-level one for TW1."""
    h = make_db(tmp_path)
    add_opd(h, "A", "B")
    add_indicators(h, [ind("A", "a1")])
    add_indicators(h, [ind("B", "b1"), ind("B", "b1.1", level="staf", induk="b1")])
    add_realisasi(h, [real("A", "a1", 90.0), real("B", "b1.1", 50.0)])
    return h


def test_leaderboard_says_belum_lapor_where_nothing_opd_level_was_reported(staff_only) -> None:
    h = staff_only
    counts = status_counts(h, TAHUN, 1).set_index("kode_opd")["status_data"]
    assert counts["B"] == "sementara"  # a staff-level draft exists...
    board = rapim.leaderboard(h, PIMPINAN, TAHUN, 1).set_index("kode_opd")
    assert board.loc["B", "belum_lapor"]  # ...but no OPD-level realisation: belum lapor
    assert board["status_data"].to_dict() == {"A": "sementara", "B": "belum_lapor"}
    assert board["ada_laporan"].all() and not board["ada_peringkat_sebelumnya"].any()
    own = rapim.leaderboard(h, Actor("op", "operator", "B"), TAHUN, 1)
    assert own[["kode_opd", "peringkat", "jumlah_opd", "status_data", "ada_laporan"]].values.tolist(
    ) == [["B", 2, 2, "belum_lapor", True]]  # fmt: skip


def test_reports_show_the_leaderboard_rows(staff_only) -> None:
    h = staff_only
    board = rapim.leaderboard(h, PIMPINAN, TAHUN, 1)
    rep = build(h, PIMPINAN, TAHUN, 1)
    table = rep.tables["Peringkat"]
    assert table["Kode OPD"].tolist() == board["kode_opd"].tolist()
    assert table["Peringkat"].tolist() == board["peringkat"].tolist()
    assert table["Data"].tolist() == ["sementara", "belum lapor"]
    pd.testing.assert_frame_equal(rep.board, board)


login = log_in


def open_page(script: str, nama: str = "pimpinan") -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return login(at, nama)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("SAKIP_DB", str(path))
    monkeypatch.chdir(ROOT)
    return path


def latest(h: sakip_core.Handle) -> tuple[int, int]:
    p = int(h.query_df("SELECT max(tahun * 10 + triwulan) AS p FROM realisasi")["p"][0])
    return divmod(p, 10)


def test_beranda_shows_the_leaderboard_status(demo_copy: Path) -> None:
    """An OPD whose staff reported but whose OPD-level indicators did not: Beranda, like the
    Rapim leaderboard and the reports, says «belum lapor» (before: «sementara» on Beranda)."""
    h = sakip_core.connect(demo_copy)
    try:
        tahun, triwulan = latest(h)
        board = rapim.leaderboard(h, PIMPINAN, tahun, triwulan)
        victim = str(board.loc[~board["belum_lapor"], "kode_opd"].iloc[0])
        with h.transaction() as conn:
            conn.execute(
                "DELETE FROM realisasi r WHERE tahun = ? AND triwulan = ? AND kode_opd = ? AND "
                "EXISTS (SELECT 1 FROM indikator i WHERE i.aktif AND i.tahun = r.tahun AND "
                "i.kode_indikator = r.kode_indikator AND i.level = 'opd')",
                [tahun, triwulan, victim],
            )
        left = status_counts(h, tahun, triwulan).set_index("kode_opd")
        assert victim in left.index  # its staff-level realisations are still there
        board = rapim.leaderboard(h, PIMPINAN, tahun, triwulan)
        expected = [data_label(v) for v in board["status_data"]]
        excel = build(h, PIMPINAN, tahun, triwulan).tables["Peringkat"]
    finally:
        h.close()
    at = open_page("pages/beranda.py")
    shown = ranking(at).value
    assert shown["Peringkat"].tolist() == board["peringkat"].tolist()
    assert shown["OPD"].tolist() == board["label"].tolist()
    assert shown["Data"].tolist() == expected == excel["Data"].tolist()
    row = board[board["kode_opd"] == victim].index[0]
    assert shown["Data"][row] == "belum lapor"


def test_beranda_operator_row_and_rank_from_the_leaderboard(demo_copy: Path) -> None:
    h = sakip_core.connect(demo_copy)
    try:
        tahun, triwulan = latest(h)
        board = rapim.leaderboard(h, PIMPINAN, tahun, triwulan)
    finally:
        h.close()
    row = board.iloc[len(board) // 2]
    at = open_page("pages/beranda.py", f"operator-{row['kode_opd']}")
    shown = ranking(at).value
    assert shown["OPD"].tolist() == [row["label"]]
    assert shown["Data"].tolist() == [data_label(row["status_data"])]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Peringkat OPD Anda"] == f"{row['peringkat']} dari {len(board)}"


def test_operator_row_alone_still_knows_the_previous_period_is_ranked(tmp_path: Path) -> None:
    """An operator's OPD new in the ranking reads «baru» on Beranda as on the Rapim board, even
    though its single row has no previous rank to show (before: «–» on Beranda)."""
    from ui.ranking_table import display_frame

    h = make_db(tmp_path)
    add_opd(h, "A", "C")
    nxt = TAHUN + 1
    add_indicators(h, [ind("A", "a1")])  # TAHUN TW4: only A is ranked
    add_realisasi(h, [real("A", "a1", 60.0, 4)])
    add_indicators(h, [{**ind("A", "a1"), "tahun": nxt}])
    add_indicators(h, [{**ind("C", "c1"), "tahun": nxt}])
    add_realisasi(h, [{**real(k, f"{k.lower()}1", 70.0), "tahun": nxt} for k in ("A", "C")])
    own = rapim.leaderboard(h, Actor("op", "operator", "C"), nxt, 1)
    assert own["status"].tolist() == ["baru"] and own["ada_peringkat_sebelumnya"].all()
    assert display_frame(own)["Perubahan"].tolist() == ["baru"]


# ---------------------------------------------------------------------------------------------
# RB: one ranking, one heat map, one rule for OPDs without items


def test_rb_ranking_keeps_opds_without_items_at_progress_0(tmp_path: Path) -> None:
    h = make_db(tmp_path)
    add_opd(h, "01", "02", "03")
    add_rb_aksi(h, [
        {"bulan": 1, "kode_opd": "01", "kode_aksi": "a", "target": 100, "realisasi": 50.004},
        {"bulan": 1, "kode_opd": "02", "kode_aksi": "b", "target": 100, "realisasi": 49.996},
    ])  # fmt: skip
    rb = rapim.rb_ranking(h, PIMPINAN, TAHUN, 1)
    # 50.004 and 49.996 read 50,00: one rank; 03 has no items: progress 0, still ranked
    assert rb[["kode_opd", "peringkat", "progress", "jumlah_aksi"]].values.tolist() == [
        ["01", 1, 50.0, 1],
        ["02", 1, 50.0, 1],
        ["03", 3, 0.0, 0],
    ]
    heat = rapim.rb_heatmap(h, PIMPINAN, TAHUN, 1)
    assert heat.index.tolist() == ["OPD 01", "OPD 02", "OPD 03"]
    assert heat.loc["OPD 03"].isna().all()
    assert sakip_core.rb_opd_progress(h, TAHUN, 1).set_index("kode_opd").loc["03", "progress"] == 0


def test_heatmap_rows_stay_apart_when_labels_repeat(tmp_path: Path) -> None:
    h = make_db(tmp_path)
    add_opd(
        h, {"kode_opd": "01", "nama_opd": "Kecamatan"}, {"kode_opd": "02", "nama_opd": "Kecamatan"}
    )
    add_rb_aksi(h, [{"bulan": 1, "kode_opd": k, "kode_aksi": "a", "target": 100,
                     "realisasi": v} for k, v in (("01", 80), ("02", 20))])  # fmt: skip
    heat = rapim.rb_heatmap(h, PIMPINAN, TAHUN, 1)
    assert heat.index.tolist() == ["Kecamatan (01)", "Kecamatan (02)"]


def test_rb_page_and_rapim_tab_show_the_same_ranking(demo_copy: Path) -> None:
    h = sakip_core.connect(demo_copy)
    try:
        add_opd(h, {"kode_opd": "9.99.99", "nama_opd": "Badan Tanpa Aksi", "singkatan": "BTA"})
        tahun, _ = latest(h)
        expected = rapim.rb_ranking(h, PIMPINAN, tahun, 10)
    finally:
        h.close()
    assert "9.99.99" in expected["kode_opd"].tolist()  # no items: progress 0, ranked
    rb_page = open_page("pages/rb.py")
    rb_page.number_input(key="rba_tahun").set_value(tahun)
    page = next(d.value for d in run(rb_page).dataframe if "jumlah_aksi" in d.value.columns)
    at = open_page("pages/rapim.py")
    at.session_state[RAPIM_TAB] = "Progress RB"
    run(at).selectbox(key="bulan").set_value(10)
    tab = next(d.value for d in run(at).dataframe if "Jumlah aksi" in d.value.columns)
    labels = dict(zip(expected["kode_opd"], expected["label"], strict=True))
    assert page["kode_opd"].tolist() == expected["kode_opd"].tolist()
    assert tab["OPD"].tolist() == [labels[k] for k in page["kode_opd"]]
    assert tab["Peringkat"].tolist() == page["peringkat"].tolist()
    assert tab["Jumlah aksi"].tolist() == page["jumlah_aksi"].tolist()
    assert [persen(x, 1) for x in tab["Progress"]] == [persen(x, 1) for x in page["progress"]]


# ---------------------------------------------------------------------------------------------
# LKE: one ranking for Evaluasi Internal and the Rapim tab


def test_internal_overview_is_the_lke_ranking(tmp_path: Path) -> None:
    h = make_db(tmp_path)
    add_opd(h, "01", "02", "03")
    subs = [(k, s) for k in ("perencanaan", "pengukuran", "pelaporan", "evaluasi")
            for s in ("pemenuhan", "kualitas", "pemanfaatan")]  # fmt: skip
    for unit, first in (("02", "Y"), ("01", "0.9999"), ("03", "C")):
        answers = [first] + ["Y"] * (len(subs) - 1)
        add_lke(h, [{"kode_unit": unit, "komponen": k, "subkomponen": s, "jawaban": a}
                    for (k, s), a in zip(subs, answers, strict=True)])  # fmt: skip
    ov = lke_service.internal_overview(h, PIMPINAN, TAHUN)
    pd.testing.assert_frame_equal(ov, rapim.lke_ranking(h, PIMPINAN, TAHUN))
    # 01 lost 6 × 0.0001 = 0.0006 points: 99,9994 reads 100,00, a tie with 02, listed by kode
    assert ov[["kode_opd", "peringkat"]].values.tolist() == [["01", 1], ["02", 1], ["03", 3]]


def test_evaluasi_internal_and_rapim_tab_show_the_same_ranking(demo_copy: Path) -> None:
    h = sakip_core.connect(demo_copy)
    try:
        tahun = lke_service.years(h)[0]
        expected = rapim.lke_ranking(h, PIMPINAN, tahun)
    finally:
        h.close()
    assert len(expected) > 0
    ei = open_page("pages/evaluasi_internal.py")
    ei.selectbox(key="ei_tahun").set_value(tahun)
    page = run(ei).dataframe[0].value
    at = open_page("pages/rapim.py")
    at.session_state[RAPIM_TAB] = "LKE internal"
    tab = next(d.value for d in run(at).dataframe if "Nilai LKE" in d.value.columns)
    assert page["Kode"].tolist() == expected["kode_opd"].tolist()
    assert tab["OPD"].tolist() == expected["label"].tolist()
    assert tab["Peringkat"].tolist() == page["Peringkat"].tolist()
    assert tab["Nilai LKE"].tolist() == page["Nilai"].tolist()


# ---------------------------------------------------------------------------------------------
# no SQL in pages/ or ui/

SQL = re.compile(r"\bSELECT\b|query_df\(|\.execute\(|\.sql\(")


def test_pages_and_ui_hold_no_sql() -> None:
    found = []
    for folder in ("pages", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if SQL.search(line):
                    found.append(f"{rel}:{n}: {line.strip()}")
    assert found == [], "SQL belongs in sakip_core:\n" + "\n".join(found)
