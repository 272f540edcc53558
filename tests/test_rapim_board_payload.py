"""The leaderboard payload drawn by ui.board_component: texts, colours, safety (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from ui import board_component
from ui.rapim_view import BELUM_LAPOR, board_payload, board_texts, font_size


def board(**over: object) -> pd.DataFrame:
    row = {
        "kode_opd": "1.01.01",
        "label": "Disdik",
        "peringkat": 1,
        "seri": False,
        "skor": 1234.5,
        "kategori": "Sangat Tinggi",
        "warna": "#1a7f37",
        "status": "naik",
        "perubahan": 3,
        "kepatuhan": 87.5,
        "belum_lapor": False,
        "jumlah_dilaporkan": 7,
        "jumlah_indikator": 8,
        "status_data": "sementara",
        "skor_tahun_lalu": 1000.25,
    }
    return pd.DataFrame([row | over])


def test_texts_are_indonesian_and_complete() -> None:
    shown = board_texts(board_payload(board()))
    assert shown.iloc[0].tolist() == [
        "1", "Disdik", "1.234,50", "Sangat Tinggi", "▲3", "1.000,25", "88 %", "7/8", "sementara"
    ]  # fmt: skip


def test_no_score_last_year_reads_as_a_dash_and_the_presentation_leaves_it_out() -> None:
    payload = board_payload(board(skor_tahun_lalu=None))
    assert board_texts(payload)["Tahun lalu"].tolist() == ["–"]
    assert "Tahun lalu" not in board_payload(board(), compact=True)["columns"]


def test_tie_late_and_unreported_rows() -> None:
    late = board(seri=True, belum_lapor=True, jumlah_dilaporkan=0, status="belum lapor",
                 perubahan=None, status_data="belum_lapor")  # fmt: skip
    payload = board_payload(late)
    row = payload["rows"][0]
    assert row["late"] is True
    assert board_texts(payload).iloc[0].tolist()[0] == "=1"
    assert board_texts(payload).iloc[0].tolist()[-2:] == [BELUM_LAPOR, "–"]


def test_band_colour_only_when_it_is_a_hex_colour() -> None:
    good = board_payload(board())["rows"][0]["cells"][3]
    assert good["bg"] == "#1a7f37" and good["fg"] == "#ffffff"
    bad = board_payload(board(warna="red; background:url(x)"))["rows"][0]["cells"][3]
    assert "bg" not in bad and "fg" not in bad


def test_user_text_is_passed_as_text_and_drawn_with_textcontent() -> None:
    payload = board_payload(board(label="<img src=x onerror=alert(1)>"))
    assert payload["rows"][0]["cells"][1]["text"] == "<img src=x onerror=alert(1)>"
    assert "innerHTML" not in board_component.JS and "textContent" in board_component.JS


def test_presentation_payload_is_compact_and_static() -> None:
    payload = board_payload(board(), 22, compact=True, clickable=False)
    assert "Kepatuhan" not in payload["columns"] and payload["compact"]
    assert payload["clickable"] is False
    assert payload["size"] == font_size(22, True) and "calc(22px" in payload["size"]
    assert board_payload(board(), selected="1.01.01")["selected"] == "1.01.01"
