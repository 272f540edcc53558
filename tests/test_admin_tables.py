"""Admin and history tables read like Indonesian tables: headers, OPD names beside codes, no
None / nan, no raw JSON, whole counts (sakip_core.table_text, ui.reporting.show_table)."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from sakip_core.auth import Actor
from sakip_core.table_text import (
    exact_angka,
    readable,
    readable_json,
    whole_counts,
    with_names,
)
from tests.page_helpers import open_page, query, use_demo_copy

ADMIN = Actor("admin", "admin")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ('{"berkas": "a.pdf", "tanggal": "2026-01-30"}', "berkas: a.pdf; tanggal: 2026-01-30"),
        ('{"aktif": true, "nilai": 0.6, "jumlah": 171.0}', "aktif: Ya; nilai: 0,6; jumlah: 171"),
        ('{"bobot": {"capaian": 0.6, "kepatuhan": 0.4}}', "bobot: (capaian: 0,6; kepatuhan: 0,4)"),
        ('[{"label": "Baik", "batas": 80}, {"label": "Kurang", "batas": 0}]',
         "(label: Baik; batas: 80), (label: Kurang; batas: 0)"),
        ('"teks biasa"', "teks biasa"),
        ("42", "42"),
        ("null", "–"),
        ('{"catatan": null}', "catatan: –"),
        ("{}", "–"),
        ("bukan {json", "bukan {json"),  # not JSON: shown as stored
        (None, ""),
        (math.nan, ""),
    ],
)  # fmt: skip
def test_readable_json(stored: object, shown: str) -> None:
    assert readable_json(stored) == shown


def test_whole_counts_lose_their_decimals_and_keep_empty_cells() -> None:
    df = pd.DataFrame(
        {"kasus": [171.0, None, 3.0], "nilai": [1.5, 2.0, None], "kode": ["a", "b", "c"]}
    )
    out = whole_counts(df)
    assert str(out["kasus"].dtype) == "Int64" and out["kasus"].tolist()[::2] == [171, 3]
    assert out["kasus"].isna().tolist() == [False, True, False]
    assert out["nilai"].dtype == float and out["kode"].tolist() == ["a", "b", "c"]
    assert df["kasus"].dtype == float  # the input is not changed


@pytest.mark.parametrize(
    ("stored", "shown"),
    [(83.578, "83,578"), (6.6000000000000005, "6,6"), (1234.5, "1.234,5"), (110.0, "110"),
     (-0.25, "-0,25"), (1 / 3, "0,3333"), (math.nan, ""), (None, "")],
)  # fmt: skip
def test_exact_angka(stored: object, shown: str) -> None:
    assert exact_angka(stored) == shown


def test_names_go_right_after_the_code() -> None:
    df = pd.DataFrame({"tahun": [2026, 2026], "kode_opd": ["1.02.01", "9.99"], "x": [1, 2]})
    out = with_names(df, {"1.02.01": "Dinas Kesehatan"})
    assert list(out.columns) == ["tahun", "kode_opd", "nama_opd", "x"]
    assert out["nama_opd"].tolist() == ["Dinas Kesehatan", ""]
    kept = pd.DataFrame({"kode_opd": ["1.02.01"], "nama_opd": ["Dinkes"]})
    assert with_names(kept, {"1.02.01": "Dinas Kesehatan"})["nama_opd"].tolist() == ["Dinkes"]


def test_readable_only_turns_the_json_columns_into_text() -> None:
    df = pd.DataFrame({"keterangan": ['{"a": 1}'], "nilai_baru": ['{"a": 1}']})
    assert readable(df).iloc[0].tolist() == ['{"a": 1}', "a: 1"]


# --- the pages --------------------------------------------------------------------------------


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    return use_demo_copy(demo_db, tmp_path, monkeypatch)


def headers(element) -> list[str]:  # noqa: ANN001
    """The headers a reader sees: the column config's labels (else the column's name)."""
    config = json.loads(element.proto.columns or "{}")
    return [config.get(str(c), {}).get("label", str(c)) for c in element.value.columns]


def assert_readable(element) -> None:  # noqa: ANN001
    """Indonesian headers, "–" for an empty cell, no None / nan / raw JSON text in any cell."""
    shown = headers(element)
    assert all("_" not in h and h[:1].isupper() for h in shown), shown
    assert element.proto.placeholder == "–"
    df = element.value
    for col in df.columns:
        if df[col].dtype == object:
            cells = [str(v) for v in df[col] if v is not None]
            assert len(cells) == len(df), f"None in {col}"
            assert not [c for c in cells if c in ("None", "nan", "NaN", "<NA>")], col
            assert not [c for c in cells if c.lstrip().startswith(("{", "["))], col


def test_history_tables(db) -> None:  # noqa: ANN001
    at = open_page("pages/admin_riwayat.py", ADMIN)
    assert not at.exception, [e.value for e in at.exception]
    batches, superseded, log = at.dataframe
    for element in (batches, superseded, log):
        assert_readable(element)
    assert headers(batches) == ["Id", "Data", "Pengguna", "Waktu", "Nama berkas", "Sidik berkas",
                                "Baris", "Baru", "Berubah", "Sama"]  # fmt: skip
    assert batches.value["checksum"].str.len().max() == 12
    assert pd.api.types.is_integer_dtype(batches.value["jumlah_baru"])  # "171", not "171,0"

    # the superseded values: the OPD's name right after its code
    cols = headers(superseded)
    assert cols[cols.index("Kode OPD") + 1] == "OPD"
    row = superseded.value.iloc[0]
    (name,) = query(db, "SELECT nama_opd FROM opd WHERE kode_opd = ?", [row["kode_opd"]])[
        "nama_opd"
    ]
    assert row["nama_opd"] == name
    # decimals as uploaded, in Indonesian format (83.578 would read as 83 thousand)
    stored = query(db, "SELECT realisasi FROM realisasi_riwayat WHERE id = ?", [int(row["id"])])
    assert row["realisasi"] == exact_angka(stored["realisasi"][0])
    assert superseded.value["realisasi"].str.fullmatch(r"-?[\d.]+(,\d+)?|").all()
    assert superseded.value["realisasi"].str.contains(",").any()

    # the audit log: the demo's signed PKs, detail as text (hand-checked against the database)
    assert headers(log) == ["Id", "Waktu", "Pengguna", "Aksi", "Tabel", "Kunci", "Nilai lama",
                            "Nilai baru", "Keterangan"]  # fmt: skip
    signed = query(db, "SELECT id, nilai_baru FROM audit_log WHERE nilai_baru LIKE '%berkas%' "
                   "ORDER BY id DESC LIMIT 1").iloc[0]  # fmt: skip
    detail = json.loads(signed["nilai_baru"])
    shown_row = log.value[log.value["id"].astype(str) == str(signed["id"])].iloc[0]
    assert shown_row["nilai_baru"] == f"berkas: {detail['berkas']}; tanggal: {detail['tanggal']}"
    assert shown_row["nilai_lama"] == ""


def test_audit_detail_of_a_settings_change_is_text(db) -> None:  # noqa: ANN001
    at = open_page("pages/admin_pengaturan.py", ADMIN)
    at.number_input(key="atur_cap").set_value(110.0)
    next(b for b in at.button if b.label == "Simpan pengaturan").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    log = open_page("pages/admin_riwayat.py", ADMIN).dataframe[2]
    assert_readable(log)
    rows = log.value.set_index("kunci")
    # stored as 120.0 -> 110.0 (tests/test_admin_pages.py): whole numbers without decimals
    assert rows.loc["cap", ["nilai_lama", "nilai_baru"]].tolist() == ["120", "110"]
    weights = json.loads(
        query(
            db,
            "SELECT nilai_baru FROM audit_log WHERE kunci = "
            "'bobot_indeks_kinerja' ORDER BY id DESC LIMIT 1",
        )["nilai_baru"][0]
    )
    expected = "; ".join(f"{k}: {str(v).replace('.', ',')}" for k, v in weights.items())
    expected = expected.replace(",0;", ";").removesuffix(",0")
    assert rows.loc["bobot_indeks_kinerja", "nilai_baru"] == expected


def test_accounts_show_the_opd_name(db) -> None:  # noqa: ANN001
    at = open_page("pages/admin_pengguna.py", ADMIN)
    (users,) = at.dataframe
    assert_readable(users)
    cols = headers(users)
    assert cols[cols.index("Kode OPD") + 1] == "OPD"
    op = users.value[users.value["nama_pengguna"] == "operator-1.02.01"].iloc[0]
    assert op["nama_opd"] == "Dinas Kesehatan"
    admin = users.value[users.value["nama_pengguna"] == "admin"].iloc[0]
    assert admin["kode_opd"] == "" and admin["nama_opd"] == ""


def test_pk_versions_table_of_the_master_data_page(db) -> None:  # noqa: ANN001
    at = open_page("pages/admin_data.py", ADMIN)
    at.radio(key="induk_dataset").set_value("indikator").run()
    assert not at.exception, [e.value for e in at.exception]
    versions = at.dataframe[0]
    assert_readable(versions)
    assert headers(versions)[:3] == ["Tahun", "Kode OPD", "OPD"]
    assert "Versi aktif" in headers(versions) and "Jumlah versi" in headers(versions)
