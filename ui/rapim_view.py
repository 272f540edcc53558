"""The Rapim leaderboard and the reward/help panels (projector-sized static tables).

`board_frame` and `board_styled` are plain pandas (testable without Streamlit); `show_*` render.
The table is a static `st.table` (no inner scroll, wraps instead of scrolling sideways) whose
numbers stay numeric; only their display text is Indonesian, through the Styler.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from sakip_core.fmt import angka, persen
from ui.ranking_table import _HEX, DOWN_COLOUR, SAME_COLOUR, UP_COLOUR, text_colour
from ui.text import md

BELUM_LAPOR = "⚠ BELUM LAPOR"
BOARD_COLUMNS = ["Peringkat", "OPD", "Skor", "Kategori", "Gerak", "Kepatuhan", "Laporan"]
LATE_ROW = "background-color: #fdecea"
FORMATS = {"Skor": lambda x: angka(x, 2), "Kepatuhan": lambda x: persen(x, 0)}


def rank_text(peringkat: object, seri: bool) -> str:
    """ "3", or "=3" when another OPD shares the rank (a tie)."""
    return f"={int(peringkat)}" if seri else str(int(peringkat))


def gerak(status: str, perubahan: object) -> str:
    """▲n, ▼n, "=" (same place), "baru", "–" (nothing to compare with)."""
    if status == "naik":
        return f"▲{int(perubahan)}"
    if status == "turun":
        return f"▼{-int(perubahan)}"
    if status == "tetap":
        return "="
    if status == "belum lapor":
        return "–" if pd.isna(perubahan) else gerak_from_number(perubahan)
    return status  # "baru" or "–"


def gerak_from_number(perubahan: object) -> str:
    n = int(perubahan)
    return f"▲{n}" if n > 0 else f"▼{-n}" if n < 0 else "="


def board_frame(board: pd.DataFrame) -> pd.DataFrame:
    """Leaderboard rows (sakip_core.rapim.leaderboard) -> the columns people read."""
    return pd.DataFrame(
        {
            "Peringkat": [
                rank_text(p, s) for p, s in zip(board["peringkat"], board["seri"], strict=True)
            ],
            "OPD": board["label"].astype("str"),
            "Skor": board["skor"].astype("float64"),
            "Kategori": board["kategori"].astype("str"),
            "Gerak": [
                gerak(s, p) for s, p in zip(board["status"], board["perubahan"], strict=True)
            ],
            "Kepatuhan": board["kepatuhan"].astype("float64"),
            "Laporan": [
                BELUM_LAPOR if b else f"{int(d)}/{int(n)}"
                for b, d, n in zip(
                    board["belum_lapor"],
                    board["jumlah_dilaporkan"],
                    board["jumlah_indikator"],
                    strict=True,
                )
            ],
        }
    ).reset_index(drop=True)


def font_size(size: int, fluid: bool) -> str:
    """`size` px, or (presentation) a size that follows the screen width and tops out at `size`:
    1920 px wide -> `size`, 1366 px -> about 70 % of it, so both halves fit without wrapping."""
    if not fluid:
        return f"{size}px"
    return f"clamp(14px, {size / 19.2:.2f}vw, {size}px)"


def _css(
    frame: pd.DataFrame, warna: list[str], late: list[bool], size: int, fluid: bool = False
) -> pd.DataFrame:
    base = f"font-size: {font_size(size, fluid)}; white-space: nowrap; padding-top: 3px; "
    base += "padding-bottom: 3px"
    css = pd.DataFrame(base, index=frame.index, columns=frame.columns)
    for i in frame.index:
        if late[i]:
            css.loc[i, :] += f"; {LATE_ROW}"
            css.loc[i, "Laporan"] += "; color: #b3261e; font-weight: 700"
        colour = warna[i]
        if isinstance(colour, str) and _HEX.match(colour):
            css.loc[i, "Kategori"] += (
                f"; background-color: {colour}; color: {text_colour(colour)}; font-weight: 600"
            )
        move = {"▲": UP_COLOUR, "▼": DOWN_COLOUR}.get(frame.loc[i, "Gerak"][:1], SAME_COLOUR)
        css.loc[i, "Gerak"] += f"; color: {move}; font-weight: 700"
    for col in ("Peringkat", "OPD", "Skor"):
        css[col] += "; font-weight: 700"
    return css


def board_styled(board: pd.DataFrame, size: int = 20, compact: bool = False) -> Styler:
    """The styled leaderboard; `compact` (presentation) leaves out Kepatuhan (Laporan says it)."""
    frame = board_frame(board)
    if compact:
        frame = frame.drop(columns=["Kepatuhan"])
    warna, late = list(board["warna"]), [bool(b) for b in board["belum_lapor"]]
    return (
        frame.style.format({k: f for k, f in FORMATS.items() if k in frame.columns})
        .apply(lambda f: _css(f, warna, late, size, compact), axis=None)
        .set_table_styles(
            [{"selector": "th", "props": f"font-size: {font_size(max(size - 4, 14), compact)}"}]
        )
        .hide(axis="index")
    )


def show_board(board: pd.DataFrame, size: int = 20, compact: bool = False) -> None:
    st.table(
        board_styled(board, size, compact), hide_index=True, alt="Peringkat kinerja OPD untuk Rapim"
    )


def show_board_split(board: pd.DataFrame, size: int) -> None:
    """Presentation mode: the ranking in two side-by-side halves (fits a 1080p projector)."""
    half = (len(board) + 1) // 2
    left, right = st.columns(2, gap="medium")
    with left:
        show_board(board.iloc[:half].reset_index(drop=True), size, compact=True)
    if half < len(board):
        with right:
            show_board(board.iloc[half:].reset_index(drop=True), size, compact=True)


def show_panel(title: str, rows: pd.DataFrame, icon: str, empty: str) -> None:
    """Top or bottom five: one bordered card per OPD with its driving indicators."""
    st.subheader(f"{icon} {title}", anchor=False)
    if rows.empty:
        st.caption(empty)
        return
    for r in rows.itertuples():
        with st.container(border=True):
            st.markdown(
                f"**{md(rank_text(r.peringkat, r.seri))}. {md(r.label)}** — skor "
                f"**{md(angka(r.skor, 2))}** ({md(r.kategori)})"
            )
            st.markdown("\n".join(f"- {md(t)}" for t in r.pendorong))
