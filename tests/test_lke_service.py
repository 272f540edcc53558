"""LKE worksheet service: proposal vs final, access, scores, history, overview, the CLI match.

Hand computations are in the comments (capaian.md section 8 bobot table).
"""

from __future__ import annotations

import csv
import io

import pytest
from factories import add_lke, add_opd, make_db

from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.cli import main
from sakip_core.db import connect
from sakip_core.lke_service import (
    Answer,
    add_past_result,
    history,
    internal_overview,
    predikat_distribution,
    propose_from_file,
    scores,
    set_final,
    set_proposal,
    worksheet,
)

ADMIN = Actor("admin", "admin")
VER = Actor("verifikator", "verifikator")
OP = Actor("operator-01", "operator", "01")
OP2 = Actor("operator-02", "operator", "02")
PIMPINAN = Actor("pimpinan", "pimpinan")


@pytest.fixture
def h(tmp_path):
    handle = make_db(tmp_path)
    add_opd(handle, "01", "02")
    yield handle
    handle.close()


def ans(jawaban: str, kode: str = "1.a.1", sub: str = "pemenuhan", unit: str = "01") -> Answer:
    return Answer(2025, unit, "perencanaan", sub, kode, jawaban, catatan="ok", bukti="pk.pdf")


def test_operator_proposes_verifier_finalises_and_only_the_final_counts(h) -> None:
    assert set_proposal(h, OP, ans("Y")) == 1.0
    s = scores(h, VER, 2025, "01")
    assert s["total"] == 0.0  # a proposal alone scores nothing
    set_final(h, VER, ans("T"))
    ws = worksheet(h, OP, 2025, "01")
    row = ws.iloc[0]
    assert (row["jawaban_usulan"], row["jawaban_penetapan"]) == ("Y", "T")
    assert row["selisih"] == -1.0  # final 0 - proposed 1
    assert row["pengguna_usulan"] == "operator-01"
    assert row["pengguna_penetapan"] == "verifikator"
    assert row["bukti"] == "pk.pdf"
    set_final(h, VER, ans("Y"))
    # perencanaan pemenuhan bobot 6 x mean(1) = 6 -> total 6, D
    assert scores(h, VER, 2025, "01")["total"] == 6.0
    audit = h.query_df("SELECT aksi FROM audit_log WHERE aksi LIKE '%_lke' ORDER BY id")
    assert audit["aksi"].tolist() == ["usulan_lke", "penetapan_lke", "penetapan_lke"]
    old = h.query_df("SELECT jawaban FROM lke_riwayat")["jawaban"].tolist()
    assert old == ["T"]  # the superseded final moved to history


def test_access_rules(h) -> None:
    with pytest.raises(AccessDenied):
        set_proposal(h, OP, ans("Y", unit="02"))  # another OPD
    with pytest.raises(AccessDenied):
        set_final(h, OP, ans("Y"))  # operators never set finals
    with pytest.raises(AccessDenied):
        set_proposal(h, PIMPINAN, ans("Y"))  # readers only
    with pytest.raises(AccessDenied):
        worksheet(h, OP2, 2025, "01")
    with pytest.raises(AccessDenied):
        internal_overview(h, OP, 2025)
    worksheet(h, PIMPINAN, 2025, "01")  # reading is fine


def test_bad_answer_is_refused(h) -> None:
    with pytest.raises(ValueError):
        set_proposal(h, OP, ans("F"))
    with pytest.raises(ValueError):
        set_final(h, VER, ans("1,5"))
    with pytest.raises(ValueError):
        set_final(h, VER, ans("Y", unit="99"))  # unknown unit


def test_scores_every_scale_and_missing_subkomponen(h) -> None:
    add_lke(
        h,
        [
            {"kode_unit": "01", "komponen": "perencanaan", "subkomponen": "pemenuhan",
             "jawaban": "Y"},
            {"kode_unit": "01", "komponen": "perencanaan", "subkomponen": "pemenuhan",
             "jawaban": "T"},
            {"kode_unit": "01", "komponen": "perencanaan", "subkomponen": "kualitas",
             "jawaban": "B"},
            {"kode_unit": "01", "komponen": "pelaporan", "subkomponen": "pemanfaatan",
             "jawaban": "0,4"},
            {"kode_unit": "01", "komponen": "evaluasi", "subkomponen": "kualitas",
             "jawaban": "D"},
        ],
    )  # fmt: skip
    s = scores(h, ADMIN, 2025, "01")
    komp = dict(zip(s["komponen"]["komponen"], s["komponen"]["nilai"], strict=True))
    # perencanaan: 6 x (1+0)/2 + 9 x 0.75 = 3 + 6.75 = 9.75 (pemanfaatan missing -> 0)
    # pengukuran: nothing -> 0; pelaporan: 7.5 x 0.4 = 3; evaluasi: 7.5 x 0.25 = 1.875 -> 1.88
    assert komp == {"perencanaan": 9.75, "pengukuran": 0.0, "pelaporan": 3.0, "evaluasi": 1.88}
    assert s["total"] == 14.63  # 9.75 + 3 + 1.875 = 14.625 -> 14.63 (half away)
    assert s["predikat"] == "D"


def test_history_combines_computed_years_and_entered_results(h) -> None:
    add_lke(h, [{"kode_unit": "PEMDA", "komponen": "perencanaan", "subkomponen": "pemanfaatan",
                 "jawaban": "A"}])  # fmt: skip
    for tahun, nilai in ((2021, 52.11), (2022, 50.29), (2023, 61.79), (2024, 62.74)):
        add_past_result(h, ADMIN, "sakip", tahun, "PEMDA", nilai, "LHE KemenPAN-RB")
    with pytest.raises(AccessDenied):
        add_past_result(h, OP, "sakip", 2020, "PEMDA", 40.0, "x")
    df = history(h, PIMPINAN, "PEMDA")
    assert df["tahun"].tolist() == [2021, 2022, 2023, 2024, 2025]
    assert df["predikat"].tolist() == ["CC", "CC", "B", "B", "D"]  # 2025: 15 x 1 = 15 -> D
    assert df["nilai"].tolist() == [52.11, 50.29, 61.79, 62.74, 15.0]


def test_overview_ranks_opds_and_counts_predikat(h) -> None:
    rows = []
    for unit, jawab in (("01", "A"), ("02", "C")):
        for komp in ("perencanaan", "pengukuran", "pelaporan", "evaluasi"):
            for sub in ("pemenuhan", "kualitas", "pemanfaatan"):
                rows.append({"kode_unit": unit, "komponen": komp, "subkomponen": sub,
                             "jawaban": jawab})  # fmt: skip
    add_lke(h, rows)
    ov = internal_overview(h, PIMPINAN, 2025)
    # 01: every answer 1 -> 100, AA; 02: every answer 0.5 -> 50, exactly 50 is C (not CC)
    assert ov[["peringkat", "kode_opd", "nilai", "predikat"]].values.tolist() == [
        [1, "01", 100.0, "AA"],
        [2, "02", 50.0, "C"],
    ]
    dist = predikat_distribution(ov)
    assert dict(zip(dist["predikat"], dist["jumlah"], strict=True)) == {
        "AA": 1, "A": 0, "BB": 0, "B": 0, "CC": 0, "C": 1, "D": 0,
    }  # fmt: skip


def test_operator_file_becomes_a_proposal_not_a_final(h) -> None:
    text = (
        "tahun,kode_unit,komponen,subkomponen,kode_kriteria,jawaban,catatan\n"
        "2025,01,perencanaan,pemenuhan,1.a.1,Y,ada\n2025,01,evaluasi,kualitas,4.b.1,B,\n"
    )
    assert propose_from_file(h, OP, text.encode(), "lke.csv") == []
    assert h.query_df("SELECT count(*) AS n FROM lke")["n"][0] == 0
    ws = worksheet(h, OP, 2025, "01")
    assert sorted(ws["jawaban_usulan"]) == ["B", "Y"]
    other = text.replace("2025,01,", "2025,02,")
    problems = propose_from_file(h, OP, other.encode(), "lke.csv")
    assert problems and "kode_unit" in problems[0]


def test_cli_sakip_equals_service(h, capsys) -> None:
    add_lke(h, [
        {"kode_unit": "PEMDA", "komponen": "pengukuran", "subkomponen": "kualitas", "jawaban": "C"},
        {"kode_unit": "PEMDA", "komponen": "evaluasi", "subkomponen": "pemanfaatan",
         "jawaban": "0,3"},
    ])  # fmt: skip
    db = str(h.path)
    h.close()
    assert main(["sakip", "--tahun", "2025", "--unit", "PEMDA", "--db", db]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    h2 = connect(db)
    s = scores(h2, ADMIN, 2025, "PEMDA")
    h2.close()
    cli = {r["komponen"]: float(r["nilai"]) for r in rows}
    svc = dict(zip(s["komponen"]["komponen"], s["komponen"]["nilai"], strict=True))
    assert cli == {**svc, "total": s["total"]}
    # pengukuran 9 x 0.5 = 4.5; evaluasi 12.5 x 0.3 = 3.75; total 8.25 -> D
    assert cli["total"] == 8.25 and rows[-1]["predikat"] == s["predikat"] == "D"
