"""Charts and small widgets shared by the LKE, RB and internal evaluation pages."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from sakip_core.calc.lke import PREDIKAT, PREDIKAT_LABEL
from sakip_core.chart_text import count_ticks, indonesian
from sakip_core.fmt import angka

BAND_COLORS = {
    "AA": "#1a7f37", "A": "#4caf50", "BB": "#8bc34a", "B": "#cddc39",
    "CC": "#ffc107", "C": "#ff9800", "D": "#e53935",
}  # fmt: skip
KOMPONEN_NAMA = {
    "perencanaan": "Perencanaan Kinerja",
    "pengukuran": "Pengukuran Kinerja",
    "pelaporan": "Pelaporan Kinerja",
    "evaluasi": "Evaluasi Akuntabilitas Kinerja Internal",
}


def predikat_text(code: str) -> str:
    return f"{code} ({PREDIKAT_LABEL.get(code, '')})"


def component_chart(komp: pd.DataFrame) -> go.Figure:
    """Each component's score against its maximum (bobot)."""
    names = [KOMPONEN_NAMA.get(k, k) for k in komp["komponen"]]
    fig = go.Figure()
    fig.add_bar(y=names, x=komp["bobot"], orientation="h", name="Nilai maksimum",
                marker_color="#d0d7de", hoverinfo="skip")  # fmt: skip
    fig.add_bar(y=names, x=komp["nilai"], orientation="h", name="Nilai",
                marker_color="#0969da", text=[angka(v, 2) for v in komp["nilai"]],
                textposition="outside")  # fmt: skip
    fig.update_layout(
        barmode="overlay",
        height=280,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.15},
        xaxis_title="Nilai",
    )
    return indonesian(fig)


def history_chart(df: pd.DataFrame, value: str, title: str) -> go.Figure:
    """Values per year over the predikat bands (AA > 90, A > 80, ... D)."""
    fig = go.Figure()
    top = 100.0
    for bound, code, _ in PREDIKAT:
        low = max(bound, 0.0)
        fig.add_hrect(y0=low, y1=top, fillcolor=BAND_COLORS[code], opacity=0.15, line_width=0,
                      annotation_text=code, annotation_position="right")  # fmt: skip
        top = low
    fig.add_scatter(x=df["tahun"], y=df[value], mode="lines+markers+text", name=title,
                    text=[angka(v, 2) for v in df[value]], textposition="top center",
                    line={"color": "#0969da"})  # fmt: skip
    fig.update_layout(height=340, margin={"l": 10, "r": 40, "t": 30, "b": 10}, showlegend=False,
                      yaxis={"range": [0, 100], "title": "Nilai"},
                      xaxis={"dtick": 1, "title": "Tahun", "tickformat": "d"})  # fmt: skip
    return indonesian(fig)


def distribution_chart(dist: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(x=dist["predikat"], y=dist["jumlah"], text=dist["jumlah"],
                           marker_color=[BAND_COLORS[c] for c in dist["predikat"]]))  # fmt: skip
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      xaxis_title="Predikat", yaxis_title="Jumlah OPD")  # fmt: skip
    fig.update_yaxes(**count_ticks(dist["jumlah"].max() if len(dist) else 0))
    return indonesian(fig)


def show_error(exc: Exception) -> None:
    """A refused write: the message is plain text (never Markdown/HTML)."""
    st.error(str(exc), icon=":material/block:")


def styled(df: pd.DataFrame, decimals: dict[str, int]) -> pd.io.formats.style.Styler:
    """Numbers in Indonesian format (decimal comma), empty cells as a dash; values unchanged."""
    fmt = {c: (lambda v, d=d: angka(v, d)) for c, d in decimals.items() if c in df.columns}
    return df.style.format(na_rep="–").format(fmt, na_rep="–")


def as_text(df: pd.DataFrame, decimals: dict[str, int]) -> pd.DataFrame:
    """A display copy: numbers in Indonesian format, times as dd-mm-yyyy hh:mm, empty as '–'."""
    out = pd.DataFrame(index=df.index)
    for col in df.columns:
        s = df[col]
        if col in decimals:
            out[col] = [("–" if pd.isna(v) else angka(v, decimals[col])) for v in s]
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[col] = [("–" if pd.isna(v) else f"{v:%d-%m-%Y %H:%M}") for v in s]
        else:
            out[col] = [("–" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
                        for v in s]  # fmt: skip
    return out
