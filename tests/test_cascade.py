"""The cascade check (issue 12, point 5): one failing example per rule, and a clean structure.

OPD A's clean cascade: A1 (opd, the head A.J1) <- A1.1 (administrator, A.J2) <- A1.1.1
(pengawas, A.J3) <- A1.1.1.1 (staf, A.J4). Each test adds one flaw and checks the finding of
that flaw, and that the flawed indicator has no other finding than the one expected.
"""

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
KASI = {"kode_jabatan": "A.J3", "kode_opd": "A", "nama_jabatan": "Kepala Seksi Satu",
        "jenjang": "pengawas", "atasan": "A.J2", "nama_pejabat": "Sari"}  # fmt: skip
STAF = {"kode_jabatan": "A.J4", "kode_opd": "A", "nama_jabatan": "Analis Data",
        "jenjang": "fungsional", "atasan": "A.J3", "nama_pejabat": "Tono"}  # fmt: skip
CLEAN = [
    {"kode_opd": "A", "kode_indikator": "A1", "indikator": "Usia Harapan Hidup", "target": 1.0},
    {"kode_opd": "A", "kode_indikator": "A1.1", "level": "administrator", "induk": "A1",
     "kode_jabatan": "A.J2", "indikator": "Cakupan imunisasi", "target": 1.0},
    {"kode_opd": "A", "kode_indikator": "A1.1.1", "level": "pengawas", "induk": "A1.1",
     "kode_jabatan": "A.J3", "indikator": "Desa UCI", "target": 1.0},
    {"kode_opd": "A", "kode_indikator": "A1.1.1.1", "level": "staf", "induk": "A1.1.1",
     "kode_jabatan": "A.J4", "indikator": "Laporan imunisasi", "target": 1.0},
]  # fmt: skip


@pytest.fixture
def h(tmp_path, monkeypatch):
    handle = pk_database(tmp_path, monkeypatch)
    add_jabatan(handle, [KASI, STAF])
    yield handle
    handle.close()


def with_a(h, *extra: dict, jabatan: list[dict] | None = None) -> None:
    """A's PK replaced by the clean cascade plus `extra`; `jabatan` added to the organisation."""
    if jabatan:
        add_jabatan(h, jabatan)
    add_indicators(h, [*CLEAN, *[{"kode_opd": "A", "target": 1.0, **row} for row in extra]])


def of(h, kode_indikator: str | None, opd: str | None = "A") -> list[tuple[str, str]]:
    """(jenis, pesan) of every finding on one indicator (None: findings on jabatan only)."""
    df = cascade_check(h, ADMIN, TAHUN, opd)
    codes = df["kode_indikator"]
    df = df[codes.isna() if kode_indikator is None else codes == kode_indikator]
    return list(zip(df["jenis"], df["pesan"], strict=True))


def test_a_clean_cascade_gives_no_finding_at_all(h) -> None:
    with_a(h)
    df = cascade_check(h, ADMIN, TAHUN, "A")
    assert list(df.columns) == CASCADE_COLUMNS
    assert df.empty, df["pesan"].tolist()
    assert summary(df) == (0, 0)


def test_skipping_a_tier_is_fine(h) -> None:
    """A staf indicator straight under an administrator one (no pengawas post in between)."""
    analis = {**STAF, "kode_jabatan": "A.J5", "atasan": "A.J2", "jenjang": "pelaksana"}
    with_a(h, {"kode_indikator": "A1.1.2", "level": "staf", "induk": "A1.1",
               "kode_jabatan": "A.J5"}, jabatan=[analis])  # fmt: skip
    assert of(h, "A1.1.2") == []


# --- galat ------------------------------------------------------------------------------------


def test_an_indicator_below_opd_without_induk_is_a_galat(h) -> None:
    with_a(h, {"kode_indikator": "A9", "indikator": "Laporan lepas", "level": "staf",
               "kode_jabatan": "A.J4"})  # fmt: skip
    assert of(h, "A9") == [
        ("galat", 'Indikator A9 (level staf) tidak memiliki induk: "Laporan lepas" belum '
                  "terhubung ke indikator atasan; isi kolom induk dengan kode indikator yang "
                  "didukungnya.")
    ]  # fmt: skip


def test_an_induk_of_another_year_is_named_with_its_year(h) -> None:
    add_indicators(h, [{"kode_opd": "A", "kode_indikator": "OLD", "tahun": TAHUN - 2}])
    add_indicators(h, [{"kode_opd": "A", "kode_indikator": "OLD", "tahun": TAHUN - 1}])
    with_a(h, {"kode_indikator": "A9", "indikator": "Cakupan ANC", "level": "administrator",
               "induk": "OLD", "kode_jabatan": "A.J2"})  # fmt: skip
    assert of(h, "A9") == [
        ("galat", f"Indikator induk OLD dari indikator A9 (Cakupan ANC) hanya ada pada tahun "
                  f"{TAHUN - 2}, {TAHUN - 1}, bukan tahun {TAHUN}.")
    ]  # fmt: skip


def test_an_induk_found_nowhere_is_a_galat_on_every_level(h) -> None:
    with_a(
        h,
        {"kode_indikator": "A8", "indikator": "Nilai SAKIP", "induk": "P9"},  # opd level
        {"kode_indikator": "A9", "indikator": "Cakupan ANC", "level": "pengawas",
         "induk": "ZZ9", "kode_jabatan": "A.J3"},
    )  # fmt: skip
    assert of(h, "A9") == [
        ("galat", "Indikator induk ZZ9 dari indikator A9 (Cakupan ANC) tidak ditemukan pada "
                  "tahun mana pun.")
    ]  # fmt: skip
    assert ("galat", "Indikator induk P9 dari indikator A8 (Nilai SAKIP) tidak ditemukan pada "
                     "tahun mana pun.") in of(h, "A8")  # fmt: skip


def test_a_parent_of_another_opd_is_a_galat(h) -> None:
    add_indicators(h, [{"kode_opd": "B", "kode_indikator": "B1", "indikator": "Indeks B"}])
    with_a(h, {"kode_indikator": "A9", "level": "administrator", "induk": "B1",
               "kode_jabatan": "A.J2"})  # fmt: skip
    assert of(h, "A9") == [
        ("galat", "Indikator induk B1 (Indeks B) dari indikator A9 milik OPD B, bukan OPD A; "
                  "induk harus indikator OPD yang sama.")
    ]  # fmt: skip


def test_an_owner_whose_superior_does_not_own_the_parent_is_a_galat(h) -> None:
    """A kasi (superior: the kabid) owning an indicator that supports the head's directly."""
    with_a(h, {"kode_indikator": "A1.9", "level": "pengawas", "induk": "A1",
               "kode_jabatan": "A.J3"})  # fmt: skip
    assert of(h, "A1.9") == [
        ("galat", "Pemilik A.J3 (Kepala Seksi Satu) beratasan A.J2 (Kepala Bidang Satu), tetapi "
                  "indikator induk A1 dimiliki A.J1 (Kepala Dinas Alpha); indikator A1.9 harus "
                  "mendukung indikator milik atasan langsung pemiliknya.")
    ]  # fmt: skip


def test_the_owner_rule_needs_both_owners(h) -> None:
    """Without an owner there is only the warning; the owner rule does not guess."""
    with_a(h, {"kode_indikator": "A1.1.9", "level": "pengawas", "induk": "A1.1"})
    assert [jenis for jenis, _ in of(h, "A1.1.9")] == ["peringatan"]


def test_an_opd_indicator_under_the_pemda_iku_aligns_through_the_bupati(h) -> None:
    with_a(h, {"kode_indikator": "A7", "induk": "P1", "indikator": "IPM Kesehatan"})
    assert [jenis for jenis, _ in of(h, "A7")] == ["peringatan"]  # only: nothing below A7


# --- peringatan -------------------------------------------------------------------------------


def test_an_opd_indicator_nothing_supports_is_a_warning(h) -> None:
    with_a(h, {"kode_indikator": "A2", "indikator": "Nilai SAKIP OPD"})
    assert of(h, "A2") == [
        ("peringatan", "Indikator OPD A2 (Nilai SAKIP OPD) belum didukung indikator di bawahnya "
                       "(belum di-cascade ke administrator, pengawas, atau staf).")
    ]  # fmt: skip


def test_a_jabatan_without_indicators_is_a_warning(h) -> None:
    analis = {"kode_jabatan": "A.J9", "kode_opd": "A", "nama_jabatan": "Analis",
              "jenjang": "fungsional", "atasan": "A.J2"}  # fmt: skip
    with_a(h, jabatan=[analis])
    assert of(h, None) == [
        ("peringatan", f"Jabatan A.J9 (Analis, lowong) belum memiliki indikator kinerja pada "
                       f"tahun {TAHUN}.")
    ]  # fmt: skip
    everyone = cascade_check(h, ADMIN, TAHUN)
    assert "B.J1" not in set(everyone["kode_jabatan"])  # B has no PK that year: not checked
    assert "KD" not in set(everyone["kode_jabatan"])  # the kepala daerah is never listed


def test_an_indicator_below_opd_without_owner_is_a_warning(h) -> None:
    with_a(h, {"kode_indikator": "A1.2", "indikator": "Cakupan ANC", "level": "administrator",
               "induk": "A1"})  # fmt: skip
    assert of(h, "A1.2") == [
        ("peringatan", "Indikator A1.2 (Cakupan ANC, level administrator) belum memiliki "
                       "pemilik; isi kolom kode_jabatan.")
    ]  # fmt: skip


def test_an_owner_not_registered_is_a_warning(h) -> None:
    with_a(h, {"kode_indikator": "A1.2", "level": "administrator", "induk": "A1",
               "kode_jabatan": "A.HILANG"})  # fmt: skip
    assert of(h, "A1.2") == [
        ("peringatan", "Pemilik A.HILANG dari indikator A1.2 tidak terdaftar pada data jabatan; "
                       "unggah data jabatan atau perbaiki kolom kode_jabatan.")
    ]  # fmt: skip


def test_an_owner_of_the_wrong_jenjang_is_a_warning(h) -> None:
    """A fungsional (superior: the kabid) owning a pengawas-level indicator under the kabid's."""
    analis = {**STAF, "kode_jabatan": "A.J5", "atasan": "A.J2"}
    with_a(h, {"kode_indikator": "A1.1.2", "level": "pengawas", "induk": "A1.1",
               "kode_jabatan": "A.J5"}, jabatan=[analis])  # fmt: skip
    assert of(h, "A1.1.2") == [
        ("peringatan", "Pemilik A.J5 (Analis Data) berjenjang fungsional, tidak sesuai dengan "
                       "indikator A1.1.2 level pengawas (seharusnya pengawas).")
    ]  # fmt: skip


def test_a_parent_on_the_same_level_is_a_warning(h) -> None:
    """An administrator indicator under another administrator one (owner aligned)."""
    kabid = {**KASI, "kode_jabatan": "A.J6", "nama_jabatan": "Kepala UPT",
             "jenjang": "administrator"}  # fmt: skip
    with_a(h, {"kode_indikator": "A1.1.5", "level": "administrator", "induk": "A1.1",
               "kode_jabatan": "A.J6"}, jabatan=[kabid])  # fmt: skip
    assert of(h, "A1.1.5") == [
        ("peringatan", "Indikator induk A1.1 (level administrator) tidak lebih tinggi dari "
                       "indikator A1.1.5 (level administrator); urutan level: opd > "
                       "administrator > pengawas > staf.")
    ]  # fmt: skip


# --- order, scope, summary, command -----------------------------------------------------------


def test_errors_come_first_then_warnings_each_by_opd_and_indicator(h) -> None:
    add_indicators(h, [{"kode_opd": "B", "kode_indikator": "B1"},
                       {"kode_opd": "B", "kode_indikator": "B1.1", "level": "staf"}])  # fmt: skip
    with_a(h, {"kode_indikator": "A10"}, {"kode_indikator": "A3"}, {"kode_indikator": "A2"},
           {"kode_indikator": "A9", "level": "staf", "kode_jabatan": "A.J4"})  # fmt: skip
    df = cascade_check(h, ADMIN, TAHUN)
    keys = list(zip(df["jenis"], df["kode_opd"], df["kode_indikator"], strict=True))
    assert keys[:2] == [("galat", "A", "A9"), ("galat", "B", "B1.1")]
    assert keys[2:6] == [
        ("peringatan", "A", "A2"),
        ("peringatan", "A", "A3"),
        ("peringatan", "A", "A10"),
        ("peringatan", "B", "B1"),
    ]  # natural order
    assert summary(df) == (2, len(df) - 2)


def test_operators_check_their_own_opd_only(h) -> None:
    add_indicators(h, [{"kode_opd": "B", "kode_indikator": "B1"},
                       {"kode_opd": "B", "kode_indikator": "B1.1", "level": "staf"}])  # fmt: skip
    with_a(h, {"kode_indikator": "A9", "level": "administrator", "induk": "B1",
               "kode_jabatan": "A.J2"})  # fmt: skip
    mine = cascade_check(h, OP_A, TAHUN)
    assert set(mine["kode_opd"]) == {"A"}  # B's galat on B1.1 is not shown
    assert any("milik OPD B" in p for p in mine["pesan"])  # B's indicator still found as parent
    assert cascade_check(h, OP_A, TAHUN, "A").equals(mine)
    with pytest.raises(AccessDenied):
        cascade_check(h, OP_A, TAHUN, "B")
    assert set(cascade_check(h, ADMIN, TAHUN, "B")["kode_opd"]) == {"B"}


def test_the_command_exits_1_on_a_galat_and_0_without(h, capsys) -> None:
    args = ["--db", str(h.path), "cascade", "--tahun", str(TAHUN), "--opd", "A"]
    with_a(h)
    assert cli.main(args) == 0
    assert "0 galat" in capsys.readouterr().err
    with_a(h, {"kode_indikator": "A9", "level": "pengawas", "kode_jabatan": "A.J3"})
    assert cli.main(args) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[0] == ",".join(CASCADE_COLUMNS)
    assert out.out.splitlines()[1].startswith("galat,A,A9,")
    assert "1 galat" in out.err
