"""Pure helpers of the UI: movement arrows, kategori text colour, Markdown escaping."""

from __future__ import annotations

import pandas as pd
import pytest

from sakip_core.colours import text_colour
from ui.ranking_table import display_frame, movement
from ui.text import md, nama_triwulan


@pytest.mark.parametrize(
    ("perubahan", "sebelumnya", "expected"),
    [(2, 5, "▲2"), (-1, 1, "▼1"), (0, 3, "="), (pd.NA, pd.NA, "baru")],
)
def test_movement(perubahan: object, sebelumnya: object, expected: str) -> None:
    assert movement(perubahan, sebelumnya, any_previous=True) == expected


def test_no_previous_period_at_all_is_a_dash() -> None:
    assert movement(pd.NA, pd.NA, any_previous=False) == "–"


@pytest.mark.parametrize(
    ("background", "text"),
    [("#1a7f37", "#ffffff"), ("#f2c94c", "#1b2431"), ("#4caf50", "#1b2431"), ("#000", "#ffffff")],
)
def test_text_colour_contrasts(background: str, text: str) -> None:
    assert text_colour(background) == text


def test_display_frame_uses_singkatan_else_name() -> None:
    df = pd.DataFrame(
        {
            "peringkat": pd.array([1, 2], dtype="Int64"),
            "nama_opd": ["Dinas Kesehatan", "Kecamatan Utara"],
            "singkatan": ["Dinkes", None],
            "skor": [90.5, 10.0],
            "kategori": ["Tinggi", "Sangat Rendah"],
            "perubahan": pd.array([1, pd.NA], dtype="Int64"),
            "peringkat_sebelumnya": pd.array([2, pd.NA], dtype="Int64"),
            "kepatuhan": [100.0, 50.0],
            "jumlah_dilaporkan": [3, 1],
            "jumlah_indikator": [3, 2],
        }
    )
    frame = display_frame(df)
    assert frame["OPD"].tolist() == ["Dinkes", "Kecamatan Utara"]
    assert frame["Perubahan"].tolist() == ["▲1", "baru"]
    assert frame["Dilaporkan"].tolist() == ["3 dari 3", "1 dari 2"]


def test_md_escapes_markdown() -> None:
    assert md("[klik](http://x)") == "\\[klik\\]\\(http\\:\u2060//x\\)"  # no autolink
    assert md("**tebal**") == r"\*\*tebal\*\*"
    assert md("Dinas Kesehatan") == "Dinas Kesehatan"


def test_nama_triwulan() -> None:
    assert nama_triwulan(3) == "Triwulan III"


def test_display_frame_shows_verification_status() -> None:
    import pandas as pd

    from ui.ranking_table import display_frame

    df = pd.DataFrame(
        {
            "peringkat": [1, 2],
            "kode_opd": ["A", "B"],
            "nama_opd": ["Dinas A", "Dinas B"],
            "singkatan": ["DA", "DB"],
            "skor": [90.0, 50.0],
            "kategori": ["Tinggi", "Rendah"],
            "perubahan": [None, None],
            "peringkat_sebelumnya": [None, None],
            "kepatuhan": [100.0, 50.0],
            "jumlah_dilaporkan": [2, 1],
            "jumlah_indikator": [2, 2],
            "status_data": ["terverifikasi", "sementara"],
        }
    )
    assert display_frame(df)["Data"].tolist() == ["terverifikasi", "sementara"]
