"""The app's own template uploads (issue 11, point 6): a pre-filled realisasi template with some
indicators left blank is accepted, the blank ones skipped ("not reported") and counted, and every
error names the indicator, never 'nan'."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import sakip_core
from sakip_core.auth import Actor
from sakip_core.cli import main
from sakip_core.io.importer import SKIP_NOTE, check_upload, import_upload, problems_frame
from sakip_core.io.templates import template_bytes, template_frame, write_template_csv
from sakip_core.preview import counts, preview_realisasi
from tests.page_helpers import copy_demo

OPD = "1.02.01"
OPERATOR = Actor(f"operator-{OPD}", "operator", OPD)


@pytest.fixture
def h(demo_db, tmp_path):
    handle = sakip_core.connect(copy_demo(demo_db, tmp_path))
    yield handle
    handle.close()


def stored(h, tahun: int, triwulan: int) -> pd.DataFrame:
    return h.query_df(
        "SELECT kode_indikator, realisasi, keterangan, status FROM realisasi "
        "WHERE kode_opd = ? AND tahun = ? AND triwulan = ? ORDER BY 1",
        [OPD, tahun, triwulan],
    )


def filled(frame: pd.DataFrame, values: dict[int, object]) -> pd.DataFrame:
    out = frame.copy()
    out["realisasi"] = out["realisasi"].astype(object)
    for i, value in values.items():
        out.loc[i, "realisasi"] = value
    return out


def no_nan(texts: list[str]) -> None:
    for text in texts:
        assert "nan" not in text.lower().split("'") and " nan" not in text.lower(), text
        assert "None" not in text and "<NA>" not in text, text


def test_partly_filled_template_uploads_and_skips_the_blank_rows(h) -> None:
    frame = template_frame(h, "realisasi", OPD, 2026, 4)
    assert len(frame) > 10 and frame["realisasi"].isna().all()
    data = template_bytes(filled(frame, {0: 12.5, 3: 40, 7: "7,25"}), "realisasi")
    result = import_upload(h, "realisasi", data, "templat.xlsx", OPERATOR)
    assert result.ok, [str(p) for p in result.check.problems]
    check = result.check
    assert result.batch.jumlah_baris == 3
    assert check.jumlah_dilewati == len(frame) - 3
    assert check.warnings[0] == "Lembar yang dibaca: data"
    assert any(w.startswith(f"{len(frame) - 3} {SKIP_NOTE}") for w in check.warnings)
    assert sorted(check.dilewati["kode_indikator"]) == sorted(
        frame.drop(index=[0, 3, 7])["kode_indikator"]
    )
    assert check.dilewati["indikator"].notna().all()  # named from the template's helper column
    got = stored(h, 2026, 4)
    assert dict(zip(got["kode_indikator"], got["realisasi"], strict=True)) == {
        frame.loc[0, "kode_indikator"]: 12.5,
        frame.loc[3, "kode_indikator"]: 40.0,
        frame.loc[7, "kode_indikator"]: 7.25,
    }


def test_prefilled_template_fixes_one_rejected_value_and_leaves_the_rest(h) -> None:
    """TW3 2026 has values for most indicators: the operator fixes the rejected one only."""
    before = stored(h, 2026, 3)
    assert 0 < len(before) < len(template_frame(h, "realisasi", OPD, 2026, 3))
    rejected = before["kode_indikator"].iloc[0]
    with h.transaction() as conn:
        conn.execute(
            "UPDATE realisasi SET status = CASE WHEN kode_indikator = ? THEN 'ditolak' "
            "ELSE 'diverifikasi' END WHERE kode_opd = ? AND tahun = 2026 AND triwulan = 3",
            [rejected, OPD],
        )
    frame = template_frame(h, "realisasi", OPD, 2026, 3)  # pre-filled with the stored values
    row = frame.index[frame["kode_indikator"] == rejected][0]
    data = template_bytes(filled(frame, {row: 99.5}), "realisasi")
    check = check_upload(h, "realisasi", data, "templat.xlsx", OPERATOR)
    assert check.ok, [str(p) for p in check.problems]
    n = counts(preview_realisasi(h, OPERATOR, check))
    assert n == {
        "baru": 0,
        "berubah": 1,
        "sama": len(before) - 1,
        "dilewati": len(frame) - len(before),
    }
    assert check.jumlah_dilewati == len(frame) - len(before)


def test_csv_template_uploads_partly_filled(h, tmp_path) -> None:
    frame = template_frame(h, "realisasi", OPD, 2026, 4)
    buffer = io.StringIO()
    write_template_csv(filled(frame, {1: 3}), buffer)
    result = import_upload(h, "realisasi", buffer.getvalue().encode(), "t.csv", OPERATOR)
    assert result.ok, [str(p) for p in result.check.problems]
    assert result.batch.jumlah_baris == 1
    assert result.check.jumlah_dilewati == len(frame) - 1


def test_blank_realisasi_with_a_note_is_skipped_with_a_warning(h) -> None:
    frame = filled(template_frame(h, "realisasi", OPD, 2026, 4), {0: 1})
    frame["keterangan"] = frame["keterangan"].astype(object)
    frame.loc[2, "keterangan"] = "menunggu data puskesmas"
    check = check_upload(h, "realisasi", template_bytes(frame, "realisasi"), "t.xlsx", OPERATOR)
    assert check.ok
    assert (
        "Baris 4: keterangan/bukti diisi tetapi realisasi kosong, sehingga baris itu dilewati "
        "dan keterangan/bukti tidak disimpan. Isi realisasinya bila indikator itu hendak "
        "dilaporkan."
    ) in check.warnings
    assert frame.loc[2, "kode_indikator"] in set(check.dilewati["kode_indikator"])


def test_template_with_nothing_filled_is_refused(h) -> None:
    frame = template_frame(h, "realisasi", OPD, 2026, 4)
    check = check_upload(h, "realisasi", template_bytes(frame, "realisasi"), "t.xlsx", OPERATOR)
    assert [str(p) for p in check.problems] == [
        f"kolom realisasi: tidak ada nilai yang diisi: kolom realisasi kosong pada semua "
        f"{len(frame)} baris; isi minimal satu nilai"
    ]


def test_a_row_without_its_keys_is_still_an_error(h) -> None:
    frame = filled(template_frame(h, "realisasi", OPD, 2026, 4), {0: 1})
    extra = pd.DataFrame([{c: None for c in frame.columns} | {"keterangan": "catatan lepas"}])
    frame = pd.concat([frame, extra], ignore_index=True)
    check = check_upload(h, "realisasi", template_bytes(frame, "realisasi"), "t.xlsx", OPERATOR)
    last = len(frame) + 1  # Excel row of the added row
    assert [(p.baris, p.kolom) for p in check.problems] == [
        (last, "tahun"),
        (last, "triwulan"),
        (last, "kode_opd"),
        (last, "kode_indikator"),
    ]
    assert all(p.pesan == "wajib diisi, tetapi kosong" for p in check.problems)
    no_nan([str(p) for p in check.problems])


def test_errors_name_the_indicator_and_never_show_nan(h) -> None:
    frame = template_frame(h, "realisasi", OPD, 2026, 4)
    frame = filled(frame, {0: "abc", 1: 5, 2: "1e999"})
    frame["tahun"] = frame["tahun"].astype(object)
    frame.loc[1, "tahun"] = None  # a deleted year on a filled row
    check = check_upload(h, "realisasi", template_bytes(frame, "realisasi"), "t.xlsx", OPERATOR)
    got = [str(p) for p in check.problems]
    kode0, nama0 = frame.loc[0, "kode_indikator"], frame.loc[0, "indikator"]
    kode1, nama1 = frame.loc[1, "kode_indikator"], frame.loc[1, "indikator"]
    assert got[0] == (
        "baris 2, kolom realisasi: bukan angka yang sah; isi angka, misalnya 12,5 atau 12.5 "
        f"(isian: 'abc'; indikator {kode0} – {nama0})"
    )
    assert (
        got[1] == f"baris 3, kolom tahun: wajib diisi, tetapi kosong (indikator {kode1} – {nama1})"
    )
    assert frame.loc[2, "kode_indikator"] in got[2] and frame.loc[2, "indikator"] in got[2]
    table = problems_frame(check.problems)
    assert f"(indikator {kode0} – {nama0})" in table["pesan"].iloc[0]
    assert str(table["baris"].dtype) == "Int64"
    no_nan(got + table[["kolom", "pesan", "nilai"]].to_numpy().ravel().tolist())


def test_names_come_from_the_database_when_the_file_has_no_helper_column(h) -> None:
    kode, nama = h.query_df(
        "SELECT kode_indikator, indikator FROM indikator WHERE aktif AND tahun = 2026 "
        "AND kode_opd = ? ORDER BY 1 LIMIT 1",
        [OPD],
    ).iloc[0]
    text = f"tahun,triwulan,kode_opd,kode_indikator,realisasi\n2026,4,{OPD},{kode},-\n"
    check = check_upload(h, "realisasi", text.encode(), "r.csv", OPERATOR)
    assert str(check.problems[0]).endswith(f"(isian: '-'; indikator {kode} – {nama})")


def test_cli_imports_the_partly_filled_template(h, tmp_path, capsys) -> None:
    frame = template_frame(h, "realisasi", OPD, 2026, 4)
    path = tmp_path / "dinkes.xlsx"
    path.write_bytes(template_bytes(filled(frame, {0: 1, 1: 2}), "realisasi"))
    db = h.path
    h.close()
    code = main(
        ["--db", str(db), "import", "realisasi", str(path), "--user", OPERATOR.nama_pengguna]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "2 baris (2 baru, 0 berubah, 0 sama)" in out.out
    assert f"peringatan: {len(frame) - 2} {SKIP_NOTE}" in out.err


def test_a_blank_row_of_an_old_indicator_does_not_refuse_the_file(h) -> None:
    """An older template still listing an indicator no longer in the PK: left blank, it is
    skipped like any blank row instead of refusing the file."""
    frame = filled(template_frame(h, "realisasi", OPD, 2026, 4), {0: 1})
    old = frame.iloc[[1]].assign(kode_indikator="INDIKATOR-LAMA", realisasi=None)
    frame = pd.concat([frame, old], ignore_index=True)
    check = check_upload(h, "realisasi", template_bytes(frame, "realisasi"), "t.xlsx", OPERATOR)
    assert check.ok, [str(p) for p in check.problems]
    assert "INDIKATOR-LAMA" in check.dilewati["kode_indikator"].tolist()
