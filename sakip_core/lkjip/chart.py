"""The chart of chapter III: mean capaian per sasaran, coloured by kategori (plotly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sakip_core.chart_text import chart_texts
from sakip_core.fmt import persen
from sakip_core.lkjip.report import LkjipReport


def per_sasaran(r: LkjipReport) -> pd.DataFrame:
    """sasaran, capaian (mean C of the reported indicators), jumlah, kategori colour."""
    df = r.hasil[r.hasil["capaian"].notna()]
    if df.empty:
        return pd.DataFrame(columns=["sasaran", "capaian", "jumlah", "warna"])
    groups = df.groupby("sasaran", sort=False)
    out = groups.agg(capaian=("capaian", "mean"), jumlah=("capaian", "size")).reset_index()
    out["warna"] = out["capaian"].map(lambda c: _colour(r, c))
    return out


def _colour(r: LkjipReport, c: float) -> str:
    for lo, _, warna in r.skala:
        if round(c, 2) >= lo:
            return warna
    return r.skala[-1][2]


def _wrap(text: str, width: int = 42) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join([*lines, line][:3])


def sasaran_figure(r: LkjipReport) -> go.Figure | None:
    df = per_sasaran(r)
    if df.empty:
        return None
    labels = [_wrap(t) for t in chart_texts(df["sasaran"])]
    fig = go.Figure(go.Bar(
        x=df["capaian"], y=labels, orientation="h", marker_color=df["warna"],
        text=[persen(c) for c in df["capaian"]], textposition="outside", cliponaxis=False,
    ))  # fmt: skip
    fig.update_layout(
        title=f"Rata-rata capaian per sasaran, tahun {r.tahun}",
        xaxis={"title": "Capaian (%)", "range": [0, max(130, float(df["capaian"].max()) * 1.15)],
               "tickformat": ",.0f"},
        yaxis={"autorange": "reversed", "automargin": True},
        separators=",.", template="plotly_white", margin={"l": 10, "r": 40, "t": 50, "b": 40},
        font={"size": 13}, showlegend=False,
    )  # fmt: skip
    fig.add_vline(x=100, line_dash="dash", line_color="#555555")
    return fig


def sasaran_png(r: LkjipReport) -> bytes | None:
    """The chart as PNG (kaleido + Chromium); None when there is nothing to draw or no browser."""
    from sakip_core.reports.rapim_pdf import render_png

    fig = sasaran_figure(r)
    if fig is None:
        return None
    height = 160 + 70 * len(fig.data[0].y)
    try:
        return render_png(fig, width=1000, height=int(height))
    except RuntimeError:
        return None
