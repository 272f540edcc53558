"""The explorer core on a small hand-built database (values computed by hand in the comments).

OPD 01 (dinas): A1 positif nilai_akhir target 100, IKU, sasaran S1, TW1 60, TW2 80 then re-uploaded
90 -> C = 90 (Tinggi). A2 "Angka Kematian Ibu" negatif target 80, sasaran S2, TW2 70 ->
C = (160 - 70) / 80 * 100 = 112.5 (Sangat Tinggi). A1.X administrator, induk A1, target 50,
TW2 25 -> C = 50 (Sangat Rendah).
OPD 02 (kecamatan): B1 positif kumulatif target 400, TW1 100 + TW2 150 = 250 against
T = 400 * 2 / 4 = 200 -> C = 125, dibatasi 120. B2 never reported (belum lapor).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.explorer import LIST_FIELDS, Filters, indicators, options
from sakip_core.explorer_charts import (
    cascade,
    completeness,
    deadline,
    distribution,
    opd_trend,
    per_sasaran,
)
from sakip_core.explorer_detail import indicator_detail
from tests.factories import TAHUN, add_indicators, add_opd, add_realisasi, make_db

ANALIS = Actor("analis", "analis")
OP01 = Actor("operator-01", "operator", "01")
OP02 = Actor("operator-02", "operator", "02")


@pytest.fixture(scope="module")
def h(tmp_path_factory: pytest.TempPathFactory) -> Handle:
    h = make_db(tmp_path_factory.mktemp("explorer"))
    add_opd(h, {"kode_opd": "01", "jenis": "dinas"}, {"kode_opd": "02", "jenis": "kecamatan"})
    add_indicators(
        h,
        [
            dict(kode_opd="01", kode_indikator="A1", indikator="Angka Partisipasi",
                 sasaran="S1", target=100.0, iku=True),
            dict(kode_opd="01", kode_indikator="A2", indikator="Angka Kematian Ibu",
                 sasaran="S2", polaritas="negatif", target=80.0),
            dict(kode_opd="01", kode_indikator="A1.X", sasaran="S1", target=50.0,
                 level="administrator", induk="A1"),
        ],
    )  # fmt: skip
    add_indicators(
        h,
        [
            dict(kode_opd="02", kode_indikator="B1", sasaran="S1", agregasi="kumulatif",
                 target=400.0),
            dict(kode_opd="02", kode_indikator="B2", sasaran="S1", target=10.0),
        ],
    )  # fmt: skip
    r = [
        dict(kode_opd="01", kode_indikator="A1", triwulan=1, realisasi=60.0),
        dict(kode_opd="01", kode_indikator="A1", triwulan=2, realisasi=80.0),
        dict(kode_opd="01", kode_indikator="A2", triwulan=2, realisasi=70.0),
        dict(kode_opd="01", kode_indikator="A1.X", triwulan=2, realisasi=25.0),
        dict(kode_opd="02", kode_indikator="B1", triwulan=1, realisasi=100.0),
        dict(kode_opd="02", kode_indikator="B1", triwulan=2, realisasi=150.0),
    ]
    add_realisasi(h, r)
    add_realisasi(
        h, [dict(kode_opd="01", kode_indikator="A1", triwulan=2, realisasi=90.0, keterangan="x")]
    )
    with h.transaction() as conn:
        conn.execute(
            "INSERT INTO pengguna (nama_pengguna, peran, kode_opd) "
            "VALUES ('operator-02', 'operator', '02')"
        )
    return h


def codes(df) -> list[str]:
    return sorted(df["kode_indikator"])


F = Filters(TAHUN, 2)


def test_indicator_values_by_hand(h: Handle) -> None:
    df = indicators(h, ANALIS, F).set_index("kode_indikator")
    assert codes(df.reset_index()) == ["A1", "A1.X", "A2", "B1", "B2"]
    assert df.loc["A1", "capaian"] == 90.0 and df.loc["A1", "kategori"] == "Tinggi"
    assert df.loc["A2", "capaian"] == 112.5 and df.loc["A2", "kategori"] == "Sangat Tinggi"
    assert df.loc["A1.X", "capaian"] == 50.0 and df.loc["A1.X", "kategori"] == "Sangat Rendah"
    assert df.loc["B1", "target_sd"] == 200.0 and df.loc["B1", "realisasi_sd"] == 250.0
    assert df.loc["B1", "capaian"] == 125.0 and df.loc["B1", "capaian_dibatasi"] == 120.0
    assert not df.loc["B2", "dilaporkan"] and df.loc["B2", "capaian"] != df.loc["B2", "capaian"]
    assert list(df.loc["A1", "tren"]) == [60.0, 90.0]
    assert list(df.loc["B1", "tren"]) == [100.0, 150.0]
    assert df.loc["A1", "diunggah_oleh"] == "test" and df.loc["A1", "diunggah_pada"] is not None
    assert df.loc["A1", "nama_opd"] == "OPD 01" and df.loc["B1", "jenis"] == "kecamatan"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"opd": ("02",)}, ["B1", "B2"]),
        ({"jenis": ("dinas",)}, ["A1", "A1.X", "A2"]),
        ({"sasaran": ("S2",)}, ["A2"]),
        ({"level": ("administrator",)}, ["A1.X"]),
        ({"polaritas": ("negatif",)}, ["A2"]),
        ({"kategori": ("Sangat Tinggi",)}, ["A2", "B1"]),
        ({"iku": True}, ["A1"]),
        ({"belum_lapor": True}, ["B2"]),
        ({"cari": "KEMATIAN"}, ["A2"]),
        ({"cari": "a1."}, ["A1.X"]),
        ({"cari": "50%_"}, []),
        ({"opd": ("01",), "polaritas": ("positif",), "level": ("opd",)}, ["A1"]),
    ],
)
def test_each_filter(h: Handle, changes: dict, expected: list[str]) -> None:
    assert codes(indicators(h, ANALIS, F.with_(**changes))) == expected


def test_operator_is_restricted_in_the_query(h: Handle) -> None:
    assert codes(indicators(h, OP01, F)) == ["A1", "A1.X", "A2"]
    assert codes(indicators(h, OP01, F.with_(opd=("02",)))) == []
    assert options(h, OP01, TAHUN)["opd"] == ["01"]
    with pytest.raises(AccessDenied):
        indicator_detail(h, OP02, TAHUN, "A1")
    assert set(cascade(h, OP02, TAHUN, 2, "01")["id"]) == set()


def test_indicator_detail(h: Handle) -> None:
    d = indicator_detail(h, ANALIS, TAHUN, "A1", 2)
    assert d.rumus == "positif: 90 / 100 × 100 = 90 %"
    assert d.masukan == "Realisasi = realisasi triwulan ini; target = target tahunan."
    q = d.kuartal.set_index(["tahun", "triwulan"])
    assert q.loc[(TAHUN, 1), "capaian"] == 60.0 and q.loc[(TAHUN, 2), "realisasi"] == 90.0
    assert not q.loc[(TAHUN, 3), "dilaporkan"]
    hist = d.riwayat[d.riwayat["triwulan"] == 2].sort_values("versi")
    assert hist["realisasi"].tolist() == [80.0, 90.0]
    assert hist["berlaku"].tolist() == [False, True]
    assert hist["versi"].tolist() == [1, 2]
    assert hist["diganti_pada"].iloc[0] is not None and hist["keterangan"].iloc[1] == "x"
    assert d.anak["kode_indikator"].tolist() == ["A1.X"] and d.induk.empty
    child = indicator_detail(h, ANALIS, TAHUN, "A1.X")
    assert child.triwulan == 2 and child.induk["kode_indikator"].tolist() == ["A1"]
    assert child.induk["capaian"].tolist() == [90.0]


def test_charts(h: Handle) -> None:
    dist = distribution(h, ANALIS, F).set_index("kategori")["jumlah"].to_dict()
    assert dist == {"Sangat Tinggi": 2, "Tinggi": 1, "Sangat Rendah": 1, "Belum lapor": 1}
    assert list(dist) == ["Sangat Tinggi", "Tinggi", "Sangat Rendah", "Belum lapor"]
    sas = per_sasaran(h, ANALIS, F).set_index("sasaran")
    assert sas.loc["S1", "capaian"] == round((90 + 50 + 125) / 3, 2)  # 88.33, B2 not reported
    assert sas.loc["S2", "capaian"] == 112.5 and sas.loc["S1", "jumlah"] == 4
    tree = cascade(h, ANALIS, TAHUN, 2, "01").set_index("id")
    assert tree.loc["A1.X", "parent"] == "A1" and tree.loc["A1", "parent"] == "01"
    assert sorted(tree.index) == ["01", "A1", "A1.X", "A2"]
    trend = opd_trend(h, ANALIS, F.with_(opd=("02",)), [(TAHUN, 1), (TAHUN, 2)])
    # 02 at TW2: B1 120 (capped), B2 0 -> skor 60; TW1: B1 100/100*100 = 100, B2 0 -> 50
    assert trend["skor"].tolist() == [50.0, 60.0]


def test_completeness_days_late_and_operator(h: Handle) -> None:
    assert deadline(h, TAHUN, 2) == datetime(TAHUN, 7, 15, 23, 59)  # setting hari_batas_lapor
    late = completeness(h, ANALIS, F, datetime(TAHUN, 7, 25, 9, 0))
    assert late[["kode_indikator", "hari_terlambat", "operator"]].values.tolist() == [
        ["B2", 10, "operator-02"]
    ]
    early = completeness(h, ANALIS, F, datetime(TAHUN, 7, 1))
    assert early["hari_terlambat"].tolist() == [0]
    assert completeness(h, OP01, F, datetime(TAHUN, 7, 25)).empty


texts = st.text(max_size=20)
lists = st.lists(st.text(min_size=1, max_size=12).map(str.strip).filter(bool), max_size=3)


@given(
    tahun=st.integers(2000, 2100),
    triwulan=st.integers(1, 4),
    opd=lists,
    iku=st.booleans(),
    belum=st.booleans(),
    cari=texts.map(str.strip),
)
def test_filters_round_trip_through_params(tahun, triwulan, opd, iku, belum, cari) -> None:
    f = Filters(tahun, triwulan, opd=tuple(dict.fromkeys(opd)), iku=iku, belum_lapor=belum,
                cari=cari, polaritas=("negatif",), level=("opd", "staf"))  # fmt: skip
    params = f.to_params()
    assert all(isinstance(v, str | list) for v in params.values())
    assert Filters.from_params(params, 1999, 1) == f


def test_from_params_is_lenient() -> None:
    f = Filters.from_params(
        {"tahun": "abc", "tw": "9", "level": ["opd", "bogus"], "polaritas": "x", "iku": "ya"},
        2026,
        3,
    )
    assert (f.tahun, f.triwulan, f.level, f.polaritas, f.iku) == (2026, 3, ("opd",), (), True)
    assert set(LIST_FIELDS) <= set(Filters.__dataclass_fields__)


def test_capaian_matches_core(h: Handle, tmp_path: Path) -> None:
    from sakip_core.calc.capaian import capaian

    core = capaian(h, TAHUN, 2).set_index("kode_indikator")["capaian"]
    mine = indicators(h, ANALIS, F).set_index("kode_indikator")["capaian"]
    assert core.sort_index().equals(mine.sort_index())
