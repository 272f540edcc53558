"""Each official's own results (issue 12, point 7), computed by hand from capaian.md section 5."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sakip_core as sk
from sakip_core import cli
from sakip_core.calc.ranking_jabatan import (
    RANKING_JABATAN_COLUMNS,
    jabatan_ranking,
    jabatan_trend,
)
from tests.factories import (
    TAHUN,
    add_indicators,
    add_jabatan,
    add_opd,
    add_realisasi,
    clear,
    make_db,
)

STRUCTURE = [
    {"kode_jabatan": "KD", "kode_opd": "PEMDA", "nama_jabatan": "Bupati",
     "jenjang": "kepala_daerah"},
    {"kode_jabatan": "A.J1", "kode_opd": "A", "nama_jabatan": "Kepala Dinas", "jenjang": "jpt",
     "atasan": "KD", "nama_pejabat": "Kadis"},
    {"kode_jabatan": "A.J2", "kode_opd": "A", "nama_jabatan": "Kabid", "jenjang": "administrator",
     "atasan": "A.J1", "nama_pejabat": "Kabid"},
    {"kode_jabatan": "A.J3", "kode_opd": "A", "nama_jabatan": "Kasi 1", "jenjang": "pengawas",
     "atasan": "A.J2"},
    {"kode_jabatan": "A.J4", "kode_opd": "A", "nama_jabatan": "Kasi 2", "jenjang": "pengawas",
     "atasan": "A.J2"},
    {"kode_jabatan": "A.J5", "kode_opd": "A", "nama_jabatan": "Analis", "jenjang": "fungsional",
     "atasan": "A.J3"},
    {"kode_jabatan": "B.J1", "kode_opd": "B", "nama_jabatan": "Kepala Badan", "jenjang": "jpt",
     "atasan": "KD"},
]  # fmt: skip


def ind(code: str, **kw):  # noqa: ANN003, ANN201
    return {"kode_opd": "A", "kode_indikator": code, **kw}


@pytest.fixture
def h(tmp_path):
    handle = make_db(tmp_path)
    add_opd(handle, "A", "B")
    add_jabatan(handle, STRUCTURE)
    add_indicators(
        handle,
        [
            ind("A1", target=100.0, bobot=2.0),  # R 80 -> C 80
            ind("A2", polaritas="negatif", target=10.0),  # R 12 -> 100 (2*10 - 12) / 10 = 80
            ind("A3", target=50.0),  # not reported -> 0 in skor
            ind("A1.1", level="administrator", induk="A1", kode_jabatan="A.J2", target=10.0),
            ind("A1.2", level="administrator", induk="A1", kode_jabatan="A.J2",
                polaritas="rentang", target_min=5.0, target_max=10.0),  # R 12 -> 80
            ind("A1.1.1", level="pengawas", induk="A1.1", kode_jabatan="A.J3", target=100.0),
            ind("A1.1.2", level="pengawas", induk="A1.1", kode_jabatan="A.J4", target=100.0),
        ],
    )  # fmt: skip
    add_indicators(handle, [{"kode_opd": "B", "kode_indikator": "B1", "target": 10.0}])
    values = {"A1": 80, "A2": 12, "A1.1": 15, "A1.2": 12, "A1.1.1": 60, "A1.1.2": 50, "B1": 10}
    add_realisasi(
        handle,
        [{"kode_opd": "B" if k == "B1" else "A", "kode_indikator": k, "triwulan": 1,
          "realisasi": float(v)} for k, v in values.items()],
    )  # fmt: skip
    yield handle
    handle.close()


def test_each_official_is_scored_on_his_own_indicators(h) -> None:
    df = jabatan_ranking(h, TAHUN, 1, "A")
    assert list(df.columns) == RANKING_JABATAN_COLUMNS
    got = df.set_index("kode_jabatan")
    # head: (2*80 + 1*80 + 1*0) / 4 = 60; rata2 over reported (160 + 80) / 3 = 80; 2 of 3
    assert got.loc["A.J1", ["skor", "capaian_rata2", "kepatuhan"]].tolist() == [60.0, 80.0, 66.67]
    assert got.loc["A.J1", "kategori"] == "Rendah"
    # kabid: A1.1 at 150 capped to 120, A1.2 at 80 -> (120 + 80) / 2 = 100
    assert got.loc["A.J2", ["skor", "capaian_rata2", "kepatuhan"]].tolist() == [100.0, 100.0, 100.0]
    assert got.loc["A.J2", "kategori"] == "Sangat Tinggi"
    assert got.loc["A.J3", "skor"] == 60.0 and got.loc["A.J4", "skor"] == 50.0
    # competition ranking: 100 -> 1; 60, 60 -> 2, 2; 50 -> 4
    assert list(zip(df["kode_jabatan"], df["peringkat"], strict=True)) == [
        ("A.J2", 1), ("A.J1", 2), ("A.J3", 2), ("A.J4", 4),
    ]  # fmt: skip
    assert "A.J5" not in set(df["kode_jabatan"])  # owns nothing
    assert "B.J1" not in set(df["kode_jabatan"])  # another OPD
    assert got.loc["A.J1", ["jumlah_indikator", "jumlah_dilaporkan"]].tolist() == [3, 2]


def test_the_heads_skor_is_the_opds_skor(h) -> None:
    opd = sk.ranking(h, TAHUN, 1).set_index("kode_opd").loc["A"]
    head = jabatan_ranking(h, TAHUN, 1, "A").set_index("kode_jabatan").loc["A.J1"]
    assert (head["skor"], head["capaian_rata2"], head["kepatuhan"]) == (
        opd["skor"], opd["capaian_rata2"], opd["kepatuhan"],
    )  # fmt: skip


def test_the_trend_lists_every_quarter(h) -> None:
    trend = jabatan_trend(h, TAHUN, "A.J2")
    assert trend["triwulan"].tolist() == [1, 2, 3, 4]
    assert trend["skor"].tolist() == [100.0, 0.0, 0.0, 0.0]  # nothing reported after Q1
    assert trend["peringkat"].iloc[0] == 1
    assert jabatan_trend(h, TAHUN, "NOPE").empty


def test_an_opd_without_jabatan_gives_an_empty_table(h) -> None:
    add_opd(h, "C")
    df = jabatan_ranking(h, TAHUN, 1, "C")
    assert df.empty and list(df.columns) == RANKING_JABATAN_COLUMNS


def test_ranking_jabatan_command(h, capsys) -> None:
    args = ["--db", str(h.path), "ranking-jabatan", "--tahun", str(TAHUN), "--triwulan", "1"]
    assert cli.main([*args, "--opd", "A"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ",".join(RANKING_JABATAN_COLUMNS)
    assert lines[1].startswith("1,A.J2,Kabid,Kabid,administrator,100.0,100.0,100.0,2,2,")


weights = st.lists(
    st.tuples(st.floats(0.1, 5), st.one_of(st.none(), st.floats(0, 200))), min_size=1, max_size=6
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=weights)
def test_property_sql_skor_matches_section_5(h, rows) -> None:
    clear(h, "realisasi", "indikator")
    add_indicators(
        h,
        [ind(f"X{n}", level="pengawas", kode_jabatan="A.J3", target=100.0, bobot=b)
         for n, (b, _) in enumerate(rows)],
    )  # fmt: skip
    reported = [(n, r) for n, (_, r) in enumerate(rows) if r is not None]
    if reported:
        add_realisasi(h, [{"kode_opd": "A", "kode_indikator": f"X{n}", "triwulan": 1,
                           "realisasi": r} for n, r in reported])  # fmt: skip
    got = jabatan_ranking(h, TAHUN, 1, "A", digits=None).set_index("kode_jabatan").loc["A.J3"]
    total = sum(b for b, _ in rows)
    capped = [(b, min(r, 120.0)) for b, r in rows if r is not None]
    assert math.isclose(got["skor"], sum(b * c for b, c in capped) / total, abs_tol=1e-9)
    assert math.isclose(got["kepatuhan"], 100 * len(capped) / len(rows), abs_tol=1e-9)
    if capped:
        rata = sum(b * c for b, c in capped) / sum(b for b, _ in capped)
        assert math.isclose(got["capaian_rata2"], rata, abs_tol=1e-9)
    else:
        assert math.isnan(got["capaian_rata2"]) or got["capaian_rata2"] is None
