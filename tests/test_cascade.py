"""The cascade check (issue 12, point 5): one example per rule, and a clean structure."""

from __future__ import annotations

import pytest

from sakip_core import cli
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.pk.cascade import CASCADE_COLUMNS, cascade_check, summary
from tests.csvdata import ADMIN
from tests.factories import TAHUN, add_indicators, add_jabatan
from tests.pk_fixtures import pk_database

OP_A = Actor("op-a", "operator", "A")
OP_B = Actor("op-b", "operator", "B")
A_SET = [
    {"kode_opd": "A", "kode_indikator": "A1", "target": 1.0},
    {"kode_opd": "A", "kode_indikator": "A1.1", "level": "administrator", "induk": "A1",
     "kode_jabatan": "A.J2", "target": 1.0},
]  # fmt: skip


@pytest.fixture
def h(tmp_path, monkeypatch):
    handle = pk_database(tmp_path, monkeypatch)
    yield handle
    handle.close()


def findings(h, jenis: str, opd: str | None = "A") -> list[str]:
    df = cascade_check(h, ADMIN, TAHUN, opd)
    return df[df["jenis"] == jenis]["pesan"].tolist()


def with_a(h, *extra: dict) -> None:
    """A's PK replaced by A1, its supported child A1.1, and `extra`."""
    add_indicators(h, [*A_SET, *extra])


def test_a_clean_cascade_has_no_galat(h) -> None:
    with_a(h)
    df = cascade_check(h, ADMIN, TAHUN, "A")
    assert list(df.columns) == CASCADE_COLUMNS
    assert summary(df)[0] == 0


@pytest.mark.parametrize(
    ("row", "pesan"),
    [
        ({"level": "pengawas", "induk": None}, "tidak memiliki induk"),
        ({"level": "pengawas", "induk": "ZZ9"}, "ZZ9 dari A9 tidak ditemukan"),
        ({"level": "pengawas", "induk": "B1"}, "milik OPD B"),
        ({"level": "pengawas", "induk": "A1.1", "kode_jabatan": "A.J1"}, "tetapi indikator induk"),
    ],
)
def test_each_broken_link_is_a_galat(h, row, pesan) -> None:
    add_indicators(h, [{"kode_opd": "B", "kode_indikator": "B1", "target": 1.0}])
    with_a(h, {"kode_opd": "A", "kode_indikator": "A9", "target": 1.0, **row})
    galat = findings(h, "galat")
    assert any(pesan in g for g in galat), galat
    assert summary(cascade_check(h, ADMIN, TAHUN, "A"))[0] >= 1


def test_a_parent_of_another_year_is_named(h) -> None:
    add_indicators(h, [{"kode_opd": "A", "kode_indikator": "OLD", "tahun": TAHUN - 1, "target": 1}])
    with_a(h, {"kode_opd": "A", "kode_indikator": "A9", "level": "administrator",
               "induk": "OLD", "kode_jabatan": "A.J2", "target": 1.0})  # fmt: skip
    assert any(f"hanya ada pada tahun {TAHUN - 1}" in g for g in findings(h, "galat"))


def test_the_warnings(h) -> None:
    with_a(
        h,
        {"kode_opd": "A", "kode_indikator": "A2", "target": 1.0},  # nothing below it
        {"kode_opd": "A", "kode_indikator": "A1.2", "level": "administrator", "induk": "A1",
         "target": 1.0},  # no owner
        {"kode_opd": "A", "kode_indikator": "A1.1.1", "level": "staf", "induk": "A1.1",
         "kode_jabatan": "A.J2", "target": 1.0},  # a kabid owning a staf indicator
        {"kode_opd": "A", "kode_indikator": "A1.3", "level": "opd", "induk": "A1.1",
         "target": 1.0},  # parent lower than child
    )  # fmt: skip
    warn = " | ".join(findings(h, "peringatan"))
    assert "indikator OPD A2" in warn and "belum didukung" in warn
    assert "A1.2 (level administrator) belum memiliki pemilik" in warn
    assert "berjenjang administrator, tidak sesuai level staf" in warn
    b = " | ".join(findings(h, "peringatan", None))
    assert "B.J1 (Kepala Badan Beta) belum memiliki indikator" not in b  # B has no PK at all
    assert "A1.1.1" in warn


def test_a_jabatan_without_indicators_is_a_warning(h) -> None:
    with_a(h)
    add_jabatan(h, [{"kode_jabatan": "A.J9", "kode_opd": "A", "nama_jabatan": "Analis",
                     "jenjang": "fungsional", "atasan": "A.J2"}])  # fmt: skip
    assert any("A.J9 (Analis) belum memiliki indikator" in w for w in findings(h, "peringatan"))


def test_operators_check_their_own_opd_only(h) -> None:
    add_indicators(h, [{"kode_opd": "B", "kode_indikator": "B1", "target": 1.0}])
    assert set(cascade_check(h, OP_A, TAHUN)["kode_opd"]) <= {"A"}
    with pytest.raises(AccessDenied):
        cascade_check(h, OP_A, TAHUN, "B")


def test_the_command_exits_1_on_a_galat_and_0_without(h, capsys) -> None:
    args = ["--db", str(h.path), "cascade", "--tahun", str(TAHUN), "--opd", "A"]
    with_a(h)
    assert cli.main(args) == 0
    assert "0 galat" in capsys.readouterr().err
    with_a(h, {"kode_opd": "A", "kode_indikator": "A9", "level": "pengawas", "target": 1.0})
    assert cli.main(args) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[0] == ",".join(CASCADE_COLUMNS)
    assert out.out.splitlines()[1].startswith("galat,A,A9,")
    assert "1 galat" in out.err
