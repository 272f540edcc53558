"""The Rapim leaderboard and the reward/help panels, projector-sized.

`board_frame` and `board_payload` are plain pandas/dicts (testable without Streamlit); `show_*`
render. The leaderboard is drawn by `ui.board_component` (large type like a static table, but a
click on a row opens that OPD's detail); the texts are Indonesian (`1.234,56`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from sakip_core.colours import text_colour
from sakip_core.fmt import angka, persen
from sakip_core.workflow import data_label
from ui import board_component, session
from ui.ranking_table import _HEX, DOWN_COLOUR, SAME_COLOUR, UP_COLOUR
from ui.text import md

BELUM_LAPOR = "⚠ BELUM LAPOR"
BOARD_COLUMNS = ["Peringkat", "OPD", "Skor", "Kategori", "Gerak", "Kepatuhan", "Laporan", "Data"]
FORMATS: dict[str, Callable[[Any], str]] = {
    "Skor": lambda x: angka(x, 2),
    "Tahun lalu": lambda x: angka(x, 2) or "–",
    "Kepatuhan": lambda x: persen(x, 0),
}
CELL_CLASS = {"Peringkat": "b", "OPD": "b", "Skor": "num b", "Tahun lalu": "num",
              "Kepatuhan": "num", "Laporan": "lapor"}  # fmt: skip
DATA_COLOUR = {"terverifikasi": UP_COLOUR, "sementara": "#8a5a00"}


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
            "Tahun lalu": (
                board["skor_tahun_lalu"]
                if "skor_tahun_lalu" in board
                else pd.Series(index=board.index)
            ).astype("float64"),
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
            "Data": [data_label(v, late="–") for v in board["status_data"]],
        }
    ).reset_index(drop=True)


def font_size(size: int, fluid: bool) -> str:
    """A size that follows the screen width and tops out at `size`.

    Presentation (`fluid`): 1920 px wide -> `size`, 1 px less per 70 px of width below that
    (22 px -> 14 px at 1366), so both halves of the table fit side by side without wrapping.
    The single board: `size` from 1366 px up, 1 px less per 40 px below (20 px -> 14 px at
    1024), so its nine columns fit a 1024 px screen too.
    """
    if not fluid:
        return f"clamp(14px, calc({size}px - (1366px - 100vw) / 40), {size}px)"
    return f"clamp(12px, calc({size}px - (1920px - 100vw) / 70), {size}px)"


def _cell(column: str, text: str, row: pd.Series) -> dict[str, str]:
    """One cell's text and look: bold key columns, band colour, movement and data colours."""
    cell = {"text": text, "cls": CELL_CLASS.get(column, "")}
    if column == "Kategori" and isinstance(row["warna"], str) and _HEX.match(row["warna"]):
        cell |= {"bg": row["warna"], "fg": text_colour(row["warna"]), "cls": "b"}
    elif column == "Gerak":
        cell["fg"] = {"▲": UP_COLOUR, "▼": DOWN_COLOUR}.get(text[:1], SAME_COLOUR)
    elif column == "Data":
        cell["fg"] = DATA_COLOUR.get(text, SAME_COLOUR)
    return cell


def board_payload(
    board: pd.DataFrame,
    size: int = 20,
    compact: bool = False,
    clickable: bool = True,
    selected: str | None = None,
) -> dict[str, Any]:
    """What the leaderboard component draws: column names, display texts and colours per row.

    `compact` (presentation) leaves out Kepatuhan (Laporan says it) and Tahun lalu. Texts come from
    `board_frame`, so the component, the tests and the exports read the same figures.
    """
    frame = board_frame(board)
    if compact:  # the presentation board keeps to what the regent reads from afar
        frame = frame.drop(columns=["Kepatuhan", "Tahun lalu"])
    rows = []
    for i, row in board.reset_index(drop=True).iterrows():
        texts = [_display(c, frame.loc[i, c]) for c in frame.columns]
        rows.append(
            {
                "kode": str(row["kode_opd"]),
                "name": str(row["label"]),
                "late": bool(row["belum_lapor"]),
                "cells": [_cell(c, t, row) for c, t in zip(frame.columns, texts, strict=True)],
            }
        )
    return {
        "caption": "Peringkat kinerja OPD untuk Rapim",
        "columns": list(frame.columns),
        "numeric": [i for i, c in enumerate(frame.columns) if c in FORMATS],
        "rows": rows,
        "size": font_size(size, compact),
        "header_size": font_size(max(size - 4, 14), compact),
        "clickable": clickable,
        "compact": compact,
        "name_column": list(frame.columns).index("OPD"),
        "selected": selected,
    }


def _display(column: str, value: object) -> str:
    return FORMATS[column](value) if column in FORMATS else str(value)


def board_texts(payload: dict[str, Any]) -> pd.DataFrame:
    """The table as the reader sees it (tests and checks): one text per cell."""
    return pd.DataFrame(
        [[c["text"] for c in r["cells"]] for r in payload["rows"]], columns=payload["columns"]
    )


def show_board(
    board: pd.DataFrame,
    size: int = 20,
    compact: bool = False,
    key: str = "rapim_peringkat",
    on_open: Callable[[], None] | None = None,
    selected: str | None = None,
) -> None:
    """The leaderboard; with `on_open`, rows are clickable and a click calls it first thing in
    the next run (the clicked code is then `st.session_state[key]["opd"]`)."""
    payload = board_payload(board, size, compact, on_open is not None, selected)
    board_component.mount(payload, key, on_open)


def show_board_split(board: pd.DataFrame, size: int) -> None:
    """Presentation mode: the ranking in two side-by-side halves (fits a 1080p projector)."""
    half = (len(board) + 1) // 2
    left, right = st.columns(2, gap="medium")
    with left:
        show_board(board.iloc[:half].reset_index(drop=True), size, True, "rapim_presentasi_1")
    if half < len(board):
        with right:
            show_board(board.iloc[half:].reset_index(drop=True), size, True, "rapim_presentasi_2")


# Presentation only (the style goes when the mode is left): on a screen narrower than 1280 px
# (an XGA projector is 1024 × 768) the page uses its full width and the header row gives the
# period and mode controls the room their labels need, so nothing is cut or scrolls sideways.
NARROW_CSS = """<style>
@media (max-width: 1279px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
  [data-testid="stHorizontalBlock"]:has(.st-key-presentasi)
    > [data-testid="stColumn"] { flex: 0 0 9.5rem; min-width: 0; }
  [data-testid="stHorizontalBlock"]:has(.st-key-presentasi)
    > [data-testid="stColumn"]:first-child { flex: 1 1 0; }
  [data-testid="stHorizontalBlock"]:has(.st-key-presentasi)
    > [data-testid="stColumn"]:nth-child(2) { flex-basis: 6.5rem; }
  [data-testid="stHorizontalBlock"]:has(.st-key-presentasi)
    > [data-testid="stColumn"]:last-child { flex: 0 0 auto; width: auto; min-width: max-content; }
  [data-testid="stHorizontalBlock"]:has(.st-key-presentasi) h1 { font-size: 2.25rem; }
}
</style>"""


def presentation(load: Callable[[], pd.DataFrame], size: int, refresh: float) -> None:
    """Presentation mode as a view that redraws itself every `refresh` seconds.

    Each redraw reads the account and session again and counts as activity, so a projector
    left on the Rapim is never logged out for idleness while it is shown (the idle limit
    applies to interaction), yet a disabled account or a logout elsewhere still ends it; and
    new figures (a verification, a late report) appear without anyone touching the laptop.
    """

    @st.fragment(run_every=refresh)
    def view() -> None:
        session.keep_alive()
        show_board_split(load(), size)

    view()


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
