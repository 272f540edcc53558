"""The demo's organisation (issue 12, point 1): structures, holders, owners, the Pemda's PK."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import sakip_core as sk
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.parse import nip_problem
from sakip_core.pk.agreement import pk_of
from sakip_core.pk.cascade import cascade_check, summary

ADMIN = Actor("admin", "admin")


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> Iterator[Handle]:
    h = sk.connect(demo_db, read_only=True)
    yield h
    h.close()


def test_every_opd_has_one_head_under_the_bupati(demo) -> None:
    heads = demo.query_df(
        "SELECT j.kode_opd, j.atasan FROM jabatan j JOIN jabatan b ON b.kode_jabatan = j.atasan "
        "WHERE j.jenjang = 'jpt' AND b.kode_opd <> j.kode_opd"
    )
    opds = demo.query_df("SELECT kode_opd FROM opd")
    assert sorted(heads["kode_opd"]) == sorted(opds["kode_opd"])
    assert set(heads["atasan"]) == {"PEMDA.J01"}
    counts = demo.query_df("SELECT jenjang, count(*) AS n FROM jabatan GROUP BY jenjang")
    assert set(counts["jenjang"]) == {"kepala_daerah", "jpt", "administrator", "pengawas",
                                      "fungsional", "pelaksana"}  # fmt: skip


def test_every_nip_is_well_formed_and_definitif_nips_are_unique(demo) -> None:
    df = demo.query_df("SELECT nip, status_pejabat FROM jabatan WHERE nip IS NOT NULL")
    assert all(nip_problem(n) is None for n in df["nip"])
    definitif = df[df["status_pejabat"] == "definitif"]["nip"]
    assert definitif.is_unique
    assert (df["status_pejabat"] == "plt").sum() >= 1


def test_every_cascaded_indicator_has_an_owner_whose_superior_owns_the_parent(demo) -> None:
    bad = demo.query_df(
        """SELECT c.kode_indikator FROM indikator c
           JOIN jabatan j ON j.kode_jabatan = c.kode_jabatan
           JOIN indikator p ON p.aktif AND p.tahun = c.tahun AND p.kode_indikator = c.induk
           LEFT JOIN jabatan head ON head.jenjang = 'jpt' AND head.kode_opd = p.kode_opd
           WHERE c.aktif AND c.tahun = 2026 AND c.level NOT IN ('opd', 'pemda')
             AND j.atasan <> coalesce(p.kode_jabatan, head.kode_jabatan)"""
    )
    assert bad.empty
    unowned = demo.query_df(
        "SELECT count(*) AS n FROM indikator WHERE aktif AND tahun = 2026 "
        "AND level NOT IN ('opd', 'pemda') AND kode_jabatan IS NULL"
    )
    assert unowned["n"].iloc[0] == 0
    assert summary(cascade_check(demo, ADMIN, 2026))[0] == 0  # no galat in the demo


def test_holders_changed_and_the_history_kept_them(demo) -> None:
    old = demo.query_df("SELECT kode_jabatan, status_pejabat FROM jabatan_riwayat")
    assert set(old["kode_jabatan"]) == {"1.06.01.J01", "1.01.01.J03"}
    assert "plt" in set(old["status_pejabat"])
    now = demo.query_df("SELECT status_pejabat FROM jabatan WHERE kode_jabatan = '1.06.01.J01'")
    assert now["status_pejabat"].iloc[0] == "definitif"


def test_the_bupati_has_his_own_pk_and_the_dinkes_2025_perubahan_counts_from_q4(demo) -> None:
    for tahun in (2025, 2026):
        pk = pk_of(demo, ADMIN, tahun, "PEMDA.J01")
        assert pk.pihak_kedua is None and len(pk.indikator) == 6
    v = demo.query_df(
        "SELECT versi, jenis, berlaku_mulai, tw_awal, tw_akhir FROM pk_versi "
        "WHERE tahun = 2025 AND kode_opd = '1.02.01' ORDER BY versi"
    )
    assert v["jenis"].tolist() == ["awal", "perubahan"]
    assert v[["tw_awal", "tw_akhir"]].values.tolist() == [[1, 3], [4, 4]]
    head = pk_of(demo, ADMIN, 2026, "1.02.01.J01")
    assert head.nama_pemda == "Pemerintah Kabupaten Sukamaju" and head.tempat == "Sukamaju"
    statuses = demo.query_df("SELECT count(*) AS n FROM pk_tanda_tangan WHERE tahun = 2026")
    assert 30 < statuses["n"].iloc[0] < 45  # most heads signed in January, a few still drafts
