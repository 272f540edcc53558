"""The OPD league table: rank, OPD, skor, coloured kategori, movement, kepatuhan.

`display_frame` and `styled` are plain pandas (testable without Streamlit); `show` renders.
Numbers stay numeric in the table (so sorting by a column is numeric); only their display text
is Indonesian, through the Styler's formatters.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from sakip_core.colours import text_colour
from sakip_core.fmt import angka, persen
from sakip_core.workflow import data_label

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
UP_COLOUR, DOWN_COLOUR, SAME_COLOUR = "#1a7f37", "#c62828", "#5b6472"

TABLE_KEY = "peringkat"
COLUMNS = ["Peringkat", "OPD", "Skor", "Kategori", "Perubahan", "Skor tahun lalu", "Kepatuhan",
           "Dilaporkan"]  # fmt: skip


def opd_label(row: pd.Series) -> str:
    """The OPD's singkatan, or its full name when it has none."""
    singkatan = row.get("singkatan")
    if isinstance(singkatan, str) and singkatan.strip():
        return singkatan.strip()
    return str(row["nama_opd"])


def movement(perubahan: object, sebelumnya: object, any_previous: bool) -> str:
    """▲n (moved up n places), ▼n, "=" (same rank), "baru" (not ranked last period).

    When the previous period has no ranking at all (the first quarter on record) there is
    nothing to compare with and the cell says "–" for every OPD.
    """
    if not any_previous:
        return "–"
    if pd.isna(sebelumnya) or pd.isna(perubahan):
        return "baru"
    n = int(perubahan)
    if n > 0:
        return f"▲{n}"
    if n < 0:
        return f"▼{-n}"
    return "="


def display_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Leaderboard rows (`sakip_core.rapim.leaderboard`) -> the columns people read, in rank order.

    Whether the previous period has a ranking is a fact of the whole period: taken from the
    leaderboard's `ada_peringkat_sebelumnya` where present (an operator's single row), else
    from the rows themselves.
    """
    if "ada_peringkat_sebelumnya" in df.columns and len(df):
        any_previous = bool(df["ada_peringkat_sebelumnya"].any())
    else:
        any_previous = bool(df["peringkat_sebelumnya"].notna().any()) if len(df) else False
    out = pd.DataFrame(
        {
            "Peringkat": df["peringkat"].astype("Int64"),
            "OPD": df.apply(opd_label, axis=1) if len(df) else pd.Series(dtype="str"),
            "Skor": df["skor"].astype("float64"),
            "Kategori": df["kategori"].astype("str"),
            "Perubahan": [
                movement(p, s, any_previous)
                for p, s in zip(df["perubahan"], df["peringkat_sebelumnya"], strict=True)
            ],
            "Skor tahun lalu": (
                df["skor_tahun_lalu"] if "skor_tahun_lalu" in df else pd.Series(index=df.index)
            ).astype("float64"),
            "Kepatuhan": df["kepatuhan"].astype("float64"),
            "Dilaporkan": [
                f"{int(d)} dari {int(n)}"
                for d, n in zip(df["jumlah_dilaporkan"], df["jumlah_indikator"], strict=True)
            ],
        }
    )
    if "status_data" in df.columns:  # verified or provisional figures (issue 5 workflow)
        out["Data"] = [data_label(v) for v in df["status_data"]]
    return out.reset_index(drop=True)


def _cell_styles(frame: pd.DataFrame, warna: list[str]) -> pd.DataFrame:
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for i, colour in enumerate(warna):
        if isinstance(colour, str) and _HEX.match(colour):
            css.loc[i, "Kategori"] = (
                f"background-color: {colour}; color: {text_colour(colour)}; font-weight: 600"
            )
    for i, text in enumerate(frame["Perubahan"]):
        colour = {"▲": UP_COLOUR, "▼": DOWN_COLOUR}.get(text[:1], SAME_COLOUR)
        css.loc[i, "Perubahan"] = f"color: {colour}; font-weight: 600"
    css["OPD"] = "font-weight: 600"
    css["Skor"] = "font-weight: 600"
    return css


def styled(frame: pd.DataFrame, warna: list[str]) -> Styler:
    """Indonesian number text and the kategori colours (`warna`: one hex colour per row)."""
    return frame.style.format(
        {
            "Skor": lambda x: angka(x, 2),
            "Skor tahun lalu": lambda x: angka(x, 2) or "–",
            "Kepatuhan": lambda x: persen(x, 1),
        },
        na_rep="–",
    ).apply(lambda f: _cell_styles(f, list(warna)), axis=None)


def show(df: pd.DataFrame) -> None:
    """Render leaderboard rows as the league table (all rows visible, no inner scroll)."""
    frame = display_frame(df)
    # the container's key is the CSS class `st-key-peringkat` the browser tests find it by
    st.container(key=TABLE_KEY).dataframe(
        styled(frame, list(df["warna"])),
        hide_index=True,
        height="content",
        row_height=38,
        width="stretch",
        column_config={
            "Peringkat": st.column_config.Column("Peringkat", width="small"),
            "OPD": st.column_config.Column("OPD", width="medium"),
            "Skor": st.column_config.Column("Skor", width="small", help="Skala 0–120"),
            "Kategori": st.column_config.Column("Kategori", width="medium"),
            "Perubahan": st.column_config.Column(
                "Perubahan",
                width="small",
                help="Perubahan peringkat dibanding triwulan sebelumnya "
                "(▲ naik, ▼ turun, = tetap, baru = belum diperingkat sebelumnya)",
            ),
            "Skor tahun lalu": st.column_config.Column(
                "Skor tahun lalu",
                width="small",
                help="Skor OPD pada triwulan yang sama tahun sebelumnya",
            ),
            "Kepatuhan": st.column_config.Column(
                "Kepatuhan", width="small", help="Persentase indikator yang sudah dilaporkan"
            ),
            "Dilaporkan": st.column_config.Column(
                "Dilaporkan", width="small", help="Indikator tingkat OPD yang sudah dilaporkan"
            ),
            "Data": st.column_config.Column(
                "Data", width="small", help="terverifikasi atau sementara (belum diverifikasi)"
            ),
        },
        alt="Peringkat kinerja OPD",
    )
