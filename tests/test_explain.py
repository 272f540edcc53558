"""The formula text behind a capaian (explain every number)."""

import pytest

from sakip_core.explain import explain_capaian, explain_inputs


def row(**kw):
    base = {
        "dilaporkan": True,
        "target_min": None,
        "target_max": None,
        "target_twq": None,
        "agregasi": "nilai_akhir",
    }
    return {**base, **kw}


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        (
            {"polaritas": "negatif", "realisasi_sd": 70.0, "target_sd": 80.0, "capaian": 112.5},
            "negatif: (2 × 80 − 70) / 80 × 100 = 112,5 %",
        ),
        (
            {"polaritas": "positif", "realisasi_sd": 30.0, "target_sd": 25.0, "capaian": 120.0},
            "positif: 30 / 25 × 100 = 120 %",
        ),
        (
            {"polaritas": "positif", "realisasi_sd": 45.0, "target_sd": 25.0, "capaian": 180.0},
            "positif: 45 / 25 × 100 = 180 %; dalam skor OPD dibatasi 120 %",
        ),
        (
            {"polaritas": "negatif", "realisasi_sd": 200.0, "target_sd": 80.0, "capaian": 0.0},
            "negatif: (2 × 80 − 200) / 80 × 100 = 0 % (dibatasi bawah 0)",
        ),
        (
            {
                "polaritas": "rentang",
                "realisasi_sd": 4.0,
                "target_sd": None,
                "capaian": 85.714285,
                "target_min": 1.5,
                "target_max": 3.5,
            },
            "rentang (di atas): (2 × 3,5 − 4) / 3,5 × 100 = 85,71 %",
        ),
        (
            {
                "polaritas": "rentang",
                "realisasi_sd": 2.0,
                "target_sd": None,
                "capaian": 100.0,
                "target_min": 1.5,
                "target_max": 3.5,
            },
            "rentang: 2 di dalam 1,5–3,5 → 100 = 100 %",
        ),
        (
            {"polaritas": "positif", "realisasi_sd": 3.0, "target_sd": 0.0, "capaian": 100.0},
            "positif: target 0 → capaian 100 (tanda: target nol) = 100 %",
        ),
    ],
)
def test_formula_text(kw, expected):
    assert explain_capaian(row(**kw)) == expected


def test_not_reported():
    assert explain_capaian({"dilaporkan": False}).startswith("Belum dilaporkan")


def test_inputs_text():
    assert explain_inputs(row(polaritas="positif", agregasi="kumulatif")) == (
        "Realisasi = jumlah realisasi triwulan yang dilaporkan s.d. triwulan ini; "
        "target = target tahunan × triwulan / 4."
    )
