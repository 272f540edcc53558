"""Plotly figures of the Rapim view, shared by the page and the PDF (no Streamlit here).

Labels and axis titles are Indonesian; numbers in hover text and axes use `,` as the decimal
mark and `.` between thousands (`separators=",."`), counts and ranks have no decimals. Names from
the data (OPD labels, RB areas) go through `chart_text`, so Plotly shows them literally instead
of reading `<b>` or `<a href>` in them; templates only refer to those escaped values. Every OPD
gets its tick label (`category_ticks`: no label skipped when they crowd; a long name is
shortened on the axis and given in full on hover), and margins grow to fit them (automargin).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sakip_core.chart_text import category_ticks, chart_text, chart_texts
from sakip_core.fmt import angka
from sakip_core.rapim.indeks import KOMPONEN

KOMPONEN_WARNA = {"capaian_pk": "#1f5fa8", "nilai_sakip": "#e08a1e", "progress_rb": "#3a9d5d"}
FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 14}
ROW_PX = 22  # height of one OPD row in the horizontal bar charts


def _row_font(n: int) -> dict[str, int]:
    """Tick font for `n` category rows: smaller when many, so labels never overlap."""
    return {"size": 14 if n <= 30 else 12}


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        separators=",.",
        font=FONT,
        legend={"orientation": "h", "y": -0.08},
        plot_bgcolor="white",
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def skor_bars(board: pd.DataFrame) -> go.Figure:
    """Horizontal bars of skor per OPD in rank order, coloured by kategori."""
    fig = go.Figure(
        go.Bar(
            x=board["skor"],
            y=chart_texts(board["label"]),
            orientation="h",
            marker_color=list(board["warna"]),
            text=[angka(v, 2) for v in board["skor"]],
            textposition="outside",
            hovertemplate="%{y}: skor %{x:,.2f}<extra></extra>",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(autorange="reversed", title="OPD", tickfont=_row_font(len(board)),
                     **category_ticks(board["label"]))  # fmt: skip
    fig.update_xaxes(title="Skor", gridcolor="#e5e5e5", tickformat=",.0f")
    return _layout(fig, "Skor OPD", max(320, ROW_PX * len(board) + 100))


def indeks_stack(ix: pd.DataFrame) -> go.Figure:
    """Stacked contributions of the components to each OPD's Indeks Kinerja."""
    fig = go.Figure()
    labels = chart_texts(ix["label"])
    for k, name in KOMPONEN.items():
        fig.add_bar(
            x=ix[f"kontribusi_{k}"],
            y=labels,
            orientation="h",
            name=name,
            marker_color=KOMPONEN_WARNA[k],
            hovertemplate=f"%{{y}} – {name}: %{{x:,.2f}} poin<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", title="OPD", tickfont=_row_font(len(ix)),
                     **category_ticks(ix["label"]))  # fmt: skip
    fig.update_xaxes(title="Kontribusi terhadap Indeks Kinerja (poin)", gridcolor="#e5e5e5",
                     tickformat=",.0f")  # fmt: skip
    return _layout(fig, "Dekomposisi Indeks Kinerja OPD", max(320, ROW_PX * len(ix) + 120))


def tren_lines(tr: pd.DataFrame, metric: str = "skor") -> go.Figure:
    """Skor (or peringkat, 1 at the top) per quarter for the selected OPDs (`rapim.tren`),
    the periods in time order on the x axis, hover numbers in Indonesian format."""
    fig = go.Figure()
    number = "%{y:,.2f}" if metric == "skor" else "%{y}"
    for lbl, part in tr.groupby("label", sort=False):
        fig.add_scatter(
            x=list(part["periode"]),
            y=part[metric],
            mode="lines+markers",
            name=chart_text(lbl),
            hovertemplate=f"%{{fullData.name}} %{{x}}: {number}<extra></extra>",
        )
    order = tr.sort_values(["tahun", "triwulan"])["periode"].drop_duplicates().tolist()
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order,
                     title="Triwulan", tickmode="array", tickvals=order)  # fmt: skip
    title = "Skor per triwulan" if metric == "skor" else "Peringkat per triwulan"
    fig.update_yaxes(title="Skor" if metric == "skor" else "Peringkat", gridcolor="#e5e5e5")
    if metric == "peringkat" and len(tr):
        worst = float(tr[metric].max())
        step = 1 if worst < 15 else 5
        ticks = [1, *range(step if step > 1 else 2, int(worst) + 1, step)]
        fig.update_yaxes(range=[worst + 0.5, 0.5], tickmode="array", tickvals=ticks,
                         tickformat="d")  # fmt: skip
    return _layout(fig, title, 420)


def antartahun_lines(points: pd.DataFrame, renstra: dict, satuan: object) -> go.Figure:
    """One indicator across years (`lkjip.trend.indicator_trend`): realisasi of the two
    previous years and this year's quarters, the target of each point, the Renstra end target."""
    x = list(points["periode"])
    fig = go.Figure()
    fig.add_scatter(x=x, y=points["realisasi"], mode="lines+markers", name="Realisasi",
                    hovertemplate="Realisasi %{x}: %{y:,.2f}<extra></extra>")  # fmt: skip
    fig.add_scatter(x=x, y=points["target"], mode="markers", name="Target",
                    marker={"symbol": "line-ew-open", "size": 18, "line": {"width": 3}},
                    hovertemplate="Target %{x}: %{y:,.2f}<extra></extra>")  # fmt: skip
    end = renstra.get("target_akhir")
    if end is not None:
        note = f"Target akhir Renstra {int(renstra['tahun_akhir'])}"
        fig.add_hline(y=end, line_dash="dash", line_color="#1f3b73", annotation_text=note)
    fig.update_xaxes(type="category", title="Periode", tickmode="array", tickvals=x)
    fig.update_yaxes(title=chart_text(satuan) or "Nilai", gridcolor="#e5e5e5")
    _layout(fig, "Realisasi antartahun", 360)
    return fig.update_layout(legend={"y": -0.18}, margin={"b": 40})  # below the year labels


def rb_heat(heat: pd.DataFrame) -> go.Figure:
    """OPD × 8 areas of change, mean progress (0–100 %), red to green."""
    fig = go.Figure(
        go.Heatmap(
            z=heat.values,
            x=chart_texts(heat.columns),
            y=chart_texts(heat.index),
            zmin=0,
            zmax=100,
            colorscale=[[0, "#d64545"], [0.5, "#f2c94c"], [1, "#1a7f37"]],
            hovertemplate="%{y} – %{x}: %{z:,.1f} %<extra></extra>",
            colorbar={"title": "Progress (%)", "tickformat": ",.0f"},
        )
    )
    fig.update_yaxes(autorange="reversed", title="OPD", tickfont=_row_font(len(heat)),
                     **category_ticks(heat.index))  # fmt: skip
    fig.update_xaxes(side="bottom", tickangle=-30, title="Area perubahan",
                     **category_ticks(heat.columns, 24))  # fmt: skip
    return _layout(
        fig, "Progress rencana aksi RB per area perubahan", max(400, 20 * len(heat) + 220)
    )
