"""The demo kabupaten meets the issue's requirements (built once per module, scale 1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from argon2 import PasswordHasher

import sakip_core as sk
from sakip_core.calc.rb import AREAS
from sakip_core.db import Handle
from sakip_core.demo import build_demo
from sakip_core.demo_catalog import COUNT_UNITS


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Iterator[Handle]:
    """The session's demo database (conftest.py builds it once: scale 1, seed 2026)."""
    handle = sk.connect(demo_db)
    yield handle
    handle.close()


def scalar(h: Handle, sql: str) -> object:
    return h.query_df(sql).iloc[0, 0]


def test_at_least_40_opds_of_every_kind(demo: Handle) -> None:
    opd = demo.query_df("SELECT * FROM opd")
    assert len(opd) >= 40
    jenis = set(opd["jenis"])
    assert {"dinas", "badan", "sekretariat", "inspektorat", "rsud", "kecamatan"} <= jenis
    assert (opd["jenis"] == "kecamatan").sum() >= 8
    assert opd["kode_opd"].str.fullmatch(r"\d\.\d{2}\.\d{2}").all()
    assert opd["singkatan"].notna().all() and opd["kode_opd"].is_unique


def test_opd_level_indicators_per_year(demo: Handle) -> None:
    counts = demo.query_df(
        "SELECT tahun, kode_opd, count(*) AS n FROM indikator "
        "WHERE aktif AND level = 'opd' GROUP BY tahun, kode_opd"
    )
    per_year = counts.groupby("tahun")["n"].sum()
    # 2024: the year migrated from the old e-SAKIP (issue 13), OPD and Pemda levels only
    assert set(per_year.index) == {2024, 2025, 2026}
    assert (per_year >= 250).all()
    assert counts["n"].between(5, 8).all()


def test_indicator_variety(demo: Handle) -> None:
    ind = demo.query_df("SELECT * FROM indikator WHERE aktif AND tahun = 2026")
    top = ind[ind["level"] == "opd"]
    assert {"positif", "negatif", "rentang"} <= set(top["polaritas"])
    assert {"kumulatif", "nilai_akhir", "rata_rata"} <= set(top["agregasi"])
    band = top[top["polaritas"] == "rentang"]
    assert band["target"].isna().all() and (band["target_min"] < band["target_max"]).all()
    assert "Angka Kematian Ibu" in set(top.loc[top["polaritas"] == "negatif", "indikator"])
    assert top["iku"].any() and (top["bobot"] == 2).any() and top["target_tw4"].notna().any()
    assert top["program"].notna().any() and top["anggaran"].notna().any()
    assert {"administrator", "pengawas", "staf"} <= set(ind["level"])
    assert ind["kode_indikator"].is_unique
    children = ind[~ind["level"].isin(["opd", "pemda"])]  # the Pemda's IKU have no parent
    assert children["induk"].isin(ind["kode_indikator"]).all()


def test_pk_targets_rise_in_2026(demo: Handle) -> None:
    both = demo.query_df(
        "SELECT a.target AS t25, b.target AS t26, a.polaritas FROM indikator a "
        "JOIN indikator b ON a.kode_indikator = b.kode_indikator AND b.tahun = 2026 "
        "WHERE a.tahun = 2025 AND a.aktif AND b.aktif AND a.level = 'opd' "
        "AND a.polaritas = 'positif' AND a.target < 100"
    )
    assert (both["t26"] >= both["t25"]).all() and (both["t26"] > both["t25"]).mean() > 0.8


def test_two_years_of_realisations(demo: Handle) -> None:
    periods = demo.query_df("SELECT DISTINCT tahun, triwulan FROM realisasi ORDER BY 1, 2")
    assert list(map(tuple, periods.to_numpy())) == [
        (t, q) for t in (2024, 2025, 2026) for q in (1, 2, 3, 4) if (t, q) != (2026, 4)
    ]
    status = demo.query_df("SELECT DISTINCT tahun, triwulan, status FROM realisasi")
    q3 = status[(status["tahun"] == 2026) & (status["triwulan"] == 3)]
    assert set(q3["status"]) <= {"diajukan", "diverifikasi"}
    assert set(status.loc[status.index.difference(q3.index), "status"]) == {"final"}


def test_values_plausible_for_their_unit(demo: Handle) -> None:
    real = demo.query_df(
        "SELECT r.realisasi, i.satuan FROM realisasi r JOIN indikator i "
        "USING (tahun, kode_indikator) WHERE i.aktif"
    )
    assert (real["realisasi"] >= 0).all()
    assert (real.loc[real["satuan"] == "%", "realisasi"] <= 100).all()
    counts = real.loc[real["satuan"].isin(COUNT_UNITS), "realisasi"]
    assert (counts == counts.round()).all()


def test_an_opd_has_not_reported_2026_q3(demo: Handle) -> None:
    silent = scalar(
        demo,
        "SELECT count(*) FROM opd o WHERE NOT EXISTS (SELECT 1 FROM realisasi r "
        "WHERE r.kode_opd = o.kode_opd AND r.tahun = 2026 AND r.triwulan = 3)",
    )
    assert silent >= 1


def test_skor_spread_movement_and_compliance(demo: Handle) -> None:
    now = sk.ranking(demo, 2026, 3)
    assert now["skor"].max() > 91 and now["skor"].min() < 51
    assert {"Sangat Tinggi", "Sangat Rendah"} <= set(now["kategori"])
    assert now["peringkat_sebelumnya"].notna().all()
    assert (now["perubahan"] != 0).sum() >= 10
    assert (now["kepatuhan"] < 100).sum() >= 3
    reported = now[now["jumlah_dilaporkan"] > 0]
    assert reported["skor"].min() < 51  # low because of results, not only silence


def test_late_reports_exist(demo: Handle) -> None:
    late = demo.query_df(
        "SELECT count(*) FILTER (WHERE b.waktu > k.batas_waktu) AS late, count(*) AS n "
        "FROM batch_unggah b JOIN kunci_triwulan k ON b.nama_file LIKE "
        "'realisasi_%_' || k.tahun || '_TW' || k.triwulan || '%' WHERE b.dataset = 'realisasi'"
    ).iloc[0]
    assert 0 < late["late"] < late["n"] / 2


def test_sakip_rb_and_budget(demo: Handle) -> None:
    pemda = sk.sakip_scores(demo, 2026, "PEMDA")
    total = pemda[pemda["komponen"] == "total"].iloc[0]
    assert 62 <= total["nilai"] <= 66 and total["predikat"] == "B"
    predikat = set(sk.sakip_totals(demo, 2026)["predikat"])
    assert {"C", "A"} <= predikat
    assert 60 <= sk.rb_index(demo, 2025, "RB2020")["indeks"] < 70
    progress = sk.rb_opd_progress(demo, 2026, 10)
    assert len(progress) >= 40 and progress["progress"].between(1, 100).all()
    areas = demo.query_df("SELECT DISTINCT area FROM rb_aksi")["area"]
    assert set(areas) == set(AREAS)
    spend = sk.serapan(demo, 2026, 10)
    assert spend["serapan"].between(30, 100).all() and spend["serapan"].std() > 3
    assert spend["pagu"].between(2e9, 450e9).all()


def test_quarter_deadlines_and_locks(demo: Handle) -> None:
    locks = demo.query_df("SELECT * FROM kunci_triwulan ORDER BY tahun, triwulan")
    assert len(locks) == 12  # 2024 (migrated, locked), 2025 and 2026
    assert locks["terkunci"].tolist() == [True] * 10 + [False] * 2
    assert (locks["batas_waktu"].dt.day == 15).all()


def test_demo_accounts(demo: Handle) -> None:
    users = demo.query_df("SELECT nama_pengguna, peran, kode_opd FROM pengguna")
    roles = dict(zip(users["nama_pengguna"], users["peran"], strict=True))
    for name in ("admin", "pimpinan", "analis", "verifikator"):
        assert roles[name] == name
    operators = users[users["peran"] == "operator"]
    opds = set(demo.query_df("SELECT kode_opd FROM opd")["kode_opd"])
    assert set(operators["kode_opd"]) == opds
    assert (operators["nama_pengguna"] == "operator-" + operators["kode_opd"]).all()
    hashes = demo.query_df("SELECT DISTINCT hash_sandi FROM pengguna WHERE hash_sandi IS NOT NULL")
    assert all(PasswordHasher().verify(h, "demo") for h in hashes["hash_sandi"])


def test_same_seed_same_ranking_and_no_second_fill(demo: Handle, tmp_path: Path) -> None:
    again = build_demo(tmp_path / "again.duckdb")
    for tahun, q in [(2025, 4), (2026, 3)]:
        pd.testing.assert_frame_equal(sk.ranking(demo, tahun, q), sk.ranking(again, tahun, q))
    with pytest.raises(FileExistsError):
        build_demo(again.path).close()
    again.close()
