"""PK versions (issue 12, point 4): a quarter is ranked on the version in force at its end."""

from __future__ import annotations

from datetime import date

import pytest

import sakip_core as sk
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.io.importer import import_upload
from sakip_core.migrate import ensure_schema
from sakip_core.pk.versions import VersionError, mark_perubahan, versions
from tests.csvdata import ADMIN, csv_bytes
from tests.factories import TAHUN, add_indicators, add_opd, add_realisasi, make_db, row_of

VERIFIER = Actor("v", "verifikator")


def pk(h, target: float, extra: bool = False) -> None:
    rows = [{"kode_opd": "A", "kode_indikator": "A1", "target": target}]
    if extra:  # an indicator the PK Perubahan adds
        rows.append({"kode_opd": "A", "kode_indikator": "A9", "target": 10.0})
    add_indicators(h, rows)


@pytest.fixture
def h(tmp_path):
    handle = make_db(tmp_path)
    add_opd(handle, "A")
    pk(handle, 100.0)  # v1: the PK awal
    pk(handle, 50.0, extra=True)  # v2: after the APBD-P
    add_realisasi(
        handle,
        [
            {"kode_opd": "A", "kode_indikator": "A1", "triwulan": q, "realisasi": 50.0}
            for q in (1, 2, 3, 4)
        ],
    )
    yield handle
    handle.close()


def capaian_of(h, q: int) -> float:
    return row_of(sk.capaian(h, TAHUN, q), kode_indikator="A1")["capaian"]


def test_a_later_upload_is_a_correction_for_the_whole_year(h) -> None:
    # without a perubahan, v2 replaces v1 in every quarter: 50 / 50 = 100 %
    assert [capaian_of(h, q) for q in (1, 2, 3, 4)] == [100.0] * 4
    df = versions(h, TAHUN, "A")
    assert df["jenis"].tolist() == ["awal", "koreksi"]
    assert df[["tw_awal", "tw_akhir"]].iloc[1].tolist() == [1, 4]
    assert df["tw_awal"].isna().iloc[0]  # v1 never in force


def test_a_perubahan_applies_from_the_quarter_whose_end_follows_its_date(h) -> None:
    mark_perubahan(h, ADMIN, TAHUN, "A", 2, "Perubahan APBD", date(TAHUN, 7, 1))
    # Q1, Q2 end before 1 July: v1 (T = 100, C = 50); Q3, Q4: v2 (T = 50, C = 100)
    assert [capaian_of(h, q) for q in (1, 2, 3, 4)] == [50.0, 50.0, 100.0, 100.0]
    ranking = sk.ranking(h, TAHUN, 2)
    assert ranking["skor"].tolist() == [50.0]
    # Q3: A1 at 100 and A9 (added by v2, not reported: counts 0) -> (100 + 0) / 2
    assert sk.ranking(h, TAHUN, 3)["skor"].tolist() == [50.0]
    # the indicator v2 added counts from Q3 only
    assert "A9" not in set(sk.capaian(h, TAHUN, 2)["kode_indikator"])
    assert "A9" in set(sk.capaian(h, TAHUN, 3)["kode_indikator"])
    assert sk.ranking(h, TAHUN, 3)["jumlah_indikator"].tolist() == [2]


def test_a_date_on_a_quarter_end_day_counts_for_that_quarter(h) -> None:
    mark_perubahan(h, ADMIN, TAHUN, "A", 2, "APBD-P", date(TAHUN, 9, 30))
    assert [capaian_of(h, q) for q in (2, 3)] == [50.0, 100.0]


def test_a_correction_after_a_perubahan_replaces_the_perubahan_only(h) -> None:
    mark_perubahan(h, ADMIN, TAHUN, "A", 2, "Perubahan APBD", date(TAHUN, 7, 1))
    pk(h, 25.0, extra=True)  # v3: a typo fixed in the PK Perubahan
    assert [capaian_of(h, q) for q in (1, 2, 3, 4)] == [50.0, 50.0, 200.0, 200.0]
    df = versions(h, TAHUN, "A")
    assert df[["tw_awal", "tw_akhir"]].iloc[0].tolist() == [1, 2]
    assert df[["tw_awal", "tw_akhir"]].iloc[2].tolist() == [3, 4]


def test_realisations_are_checked_against_the_pk_of_their_quarter(h) -> None:
    mark_perubahan(h, ADMIN, TAHUN, "A", 2, "Perubahan APBD", date(TAHUN, 7, 1))
    head = "tahun,triwulan,kode_opd,kode_indikator,realisasi\n"
    early = import_upload(h, "realisasi", csv_bytes(head + f"{TAHUN},2,A,A9,5\n"), "r.csv", ADMIN)
    assert not early.ok
    assert "tidak ada pada PK" in early.check.problems[0].pesan
    late = import_upload(h, "realisasi", csv_bytes(head + f"{TAHUN},3,A,A9,5\n"), "r.csv", ADMIN)
    assert late.ok, late.check.problems


@pytest.mark.parametrize(
    ("versi", "alasan", "mulai", "pesan"),
    [
        (1, "x", date(TAHUN, 7, 1), "Versi pertama"),
        (2, " ", date(TAHUN, 7, 1), "Alasan"),
        (2, "x", date(TAHUN + 1, 1, 1), "di tahun"),
        (7, "x", date(TAHUN, 7, 1), "tidak ada"),
    ],
)
def test_a_perubahan_that_cannot_be_is_refused_and_changes_nothing(h, versi, alasan, mulai, pesan):
    before = h.data_version()
    with pytest.raises(VersionError, match=pesan):
        mark_perubahan(h, ADMIN, TAHUN, "A", versi, alasan, mulai)
    assert h.data_version() == before
    assert versions(h, TAHUN, "A")["jenis"].tolist() == ["awal", "koreksi"]


def test_only_the_admin_declares_a_perubahan_and_it_bumps_the_data_version(h) -> None:
    with pytest.raises(AccessDenied):
        mark_perubahan(h, VERIFIER, TAHUN, "A", 2, "x", date(TAHUN, 7, 1))
    before = h.data_version()
    mark_perubahan(h, ADMIN, TAHUN, "A", 2, "x", date(TAHUN, 7, 1))
    assert h.data_version() == before + 1
    audit = h.query_df("SELECT aksi, kunci FROM audit_log WHERE aksi = 'pk_perubahan'")
    assert audit["kunci"].tolist() == [f"{TAHUN}/A/v2"]


@pytest.mark.duckdb_file  # an older DuckDB file: the upgrade path of files
def test_an_older_file_gets_its_versions_with_the_current_one_in_force(h) -> None:
    with h.transaction(versioned=False) as conn:
        conn.execute("DROP TABLE pk_versi")
    ensure_schema(h)
    df = versions(h, TAHUN, "A")
    assert df["jenis"].tolist() == ["awal", "koreksi"]
    assert [capaian_of(h, q) for q in (1, 4)] == [100.0, 100.0]
