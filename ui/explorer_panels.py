"""Panels of the explorer: the indicator table, detail, charts, budget and completeness.

Text from the data is shown through dataframes, plotly (escaped with `plain`, as plotly reads
HTML in labels) or `md()`-escaped Markdown; nothing is rendered as HTML.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from sakip_core import explorer_charts as ch
from sakip_core.auth import Actor
from sakip_core.chart_text import category_ticks, chart_texts, count_ticks, indonesian
from sakip_core.colours import text_colour
from sakip_core.explorer import Filters
from sakip_core.export import to_csv, to_excel
from sakip_core.fmt import angka
from sakip_core.reports import rapim_charts
from ui import data, explorer_data
from ui.text import md, nama_triwulan

STYLE_LIMIT = 1000  # rows up to which capaian cells are coloured (a Styler is slow beyond)
SHOW_LIMIT = 10_000  # rows sent to the browser; the metrics and exports cover every row
TABLE_COLUMNS = {
    "nama_opd": "OPD",
    "kode_indikator": "Kode",
    "indikator": "Indikator",
    "level": "Level",
    "polaritas": "Polaritas",
    "target_sd": "Target s.d. TW",
    "realisasi_sd": "Realisasi s.d. TW",
    "capaian": "Capaian (%)",
    "kategori": "Kategori",
    "tren": "Tren realisasi",
    "capaian_dibatasi": "Capaian dibatasi (%)",
    "diunggah_oleh": "Diunggah oleh",
    "diunggah_pada": "Diunggah pada",
}
LABELS = {
    "jumlah": "Jumlah indikator",
    "kategori": "Kategori",
    "capaian": "Capaian (%)",
    "skor": "Skor kinerja",
    "periode": "Triwulan",
    "opd": "OPD",
    "sasaran": "Sasaran",
    "status": "Tanda",
}
NUMBER_COLUMNS = ["Target s.d. TW", "Realisasi s.d. TW", "Capaian (%)", "Capaian dibatasi (%)"]


DETAIL_HEADERS = {
    "tahun": "Tahun",
    "triwulan": "TW",
    "target_sd": "Target s.d. TW",
    "realisasi": "Realisasi",
    "realisasi_sd": "Realisasi s.d. TW",
    "capaian": "Capaian (%)",
    "kategori": "Kategori",
    "dilaporkan": "Dilaporkan",
    "versi": "Versi",
    "berlaku": "Berlaku",
    "diunggah_oleh": "Diunggah oleh",
    "diunggah_pada": "Diunggah pada",
    "nama_file": "Berkas unggahan",
    "diganti_pada": "Diganti pada",
    "status": "Status",
    "keterangan": "Keterangan",
    "bukti": "Bukti",
    "hubungan": "Hubungan",
    "kode_indikator": "Kode",
    "kode_opd": "Kode OPD",
    "nama_opd": "OPD",
    "indikator": "Indikator",
    "level": "Level",
    "nama_asli": "Nama berkas",
    "jenis": "Jenis",
    "ukuran": "Ukuran (bita)",
    "pengguna": "Diunggah oleh",
    "waktu": "Diunggah pada",
    "batas_waktu": "Batas waktu",
    "hari_terlambat": "Hari terlambat",
    "operator": "Akun operator",
    "belum_lapor": "Belum lapor",
    "jumlah": "Jumlah indikator",
    "persen_belum": "Belum lapor (%)",
    "skor": "Skor",
    "serapan": "Serapan (%)",
    "gap": "Selisih skor − serapan",
    "pagu": "Pagu (Rp)",
}


def plain(values: pd.Series) -> pd.Series:
    """Text for plotly labels (`sakip_core.chart_text`): shown literally, never as HTML."""
    return pd.Series(chart_texts(values), index=values.index, dtype=object)


def small_table(df: pd.DataFrame, key: str) -> None:
    """A short read-only table: Indonesian headers and numbers, Ya/Tidak, "–" for empty."""
    out = df.reset_index(drop=True).rename(columns=DETAIL_HEADERS)
    fmt = {}
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_bool_dtype(series):
            out[col] = series.map({True: "Ya", False: "Tidak"})
        elif pd.api.types.is_float_dtype(series):
            fmt[col] = partial(angka, digits=2)
        elif pd.api.types.is_datetime64_any_dtype(series):
            fmt[col] = lambda v: "" if pd.isna(v) else f"{v:%d-%m-%Y %H:%M}"
    st.dataframe(out.style.format(fmt, na_rep="–"), hide_index=True, key=key, placeholder="–")


def table_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    out["Kategori"] = out["Kategori"].fillna(ch.BELUM_LAPOR)
    return out.reset_index(drop=True)


def _styled(frame: pd.DataFrame, warna: pd.Series) -> Styler:
    colours = warna.reset_index(drop=True)

    def paint(col: pd.Series) -> list[str]:
        return [
            f"background-color: {c}; color: {text_colour(c)}" if isinstance(c, str) else ""
            for c in colours
        ]

    fmt = {c: partial(angka, digits=2) for c in NUMBER_COLUMNS}
    return frame.style.format(fmt, na_rep="–").apply(paint, subset=["Capaian (%)", "Kategori"])


def indicator_table(df: pd.DataFrame, key: str) -> str | None:
    """The filtered indicators; returns the kode_indikator of the selected row, if any."""
    frame = table_frame(df.head(SHOW_LIMIT))
    big = len(frame) > STYLE_LIMIT
    shown: pd.DataFrame | Styler = frame if big else _styled(frame, df["warna"].head(len(frame)))
    config = {
        "Tren realisasi": st.column_config.LineChartColumn(
            "Tren realisasi", help="Realisasi tiap triwulan yang dilaporkan s.d. triwulan ini"
        ),
        "Indikator": st.column_config.TextColumn("Indikator", width="medium"),
        "Diunggah pada": st.column_config.DatetimeColumn(
            "Diunggah pada", format="DD-MM-YYYY HH:mm"
        ),
    }
    if big:
        config |= {c: st.column_config.NumberColumn(c, format="localized") for c in NUMBER_COLUMNS}
        st.caption(_big_note(len(df)))
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * max(len(frame), 1)),
        column_config=config,
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        placeholder="–",
    )
    rows = event.selection.rows if event is not None else []
    return str(frame.loc[rows[0], "Kode"]) if rows else None


def _big_note(rows: int) -> str:
    note = (
        f"{angka(rows, 0)} baris: warna kategori ditampilkan untuk hasil "
        f"≤ {angka(STYLE_LIMIT, 0)} baris."
    )
    if rows > SHOW_LIMIT:
        note += (
            f" Tabel menampilkan {angka(SHOW_LIMIT, 0)} baris pertama (urut kode OPD dan "
            "indikator); angka ringkasan dan unduhan mencakup semua baris. Persempit filter "
            "untuk melihat sisanya."
        )
    return note


def export_buttons(df: pd.DataFrame, filters: Filters) -> None:
    name = f"indikator_{filters.tahun}_TW{filters.triwulan}"
    title = f"Indikator kinerja {nama_triwulan(filters.triwulan)} {filters.tahun}"
    cols = st.columns([1, 1, 4])
    cols[0].download_button(
        "Unduh Excel",
        data=partial(to_excel, df, "indikator", title),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )
    cols[1].download_button(
        "Unduh CSV",
        data=partial(to_csv, df),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    cols[2].caption(f"Ekspor berisi tepat {angka(len(df), 0)} baris yang sedang disaring.")


def detail(actor: Actor, filters: Filters, kode: str) -> None:
    d = explorer_data.detail(actor, filters.tahun, kode, filters.triwulan)
    info = d.info
    st.subheader(md(f"{info['kode_indikator']} — {info['indikator']}"), anchor=False)
    st.caption(
        md(
            f"{info['nama_opd']} · sasaran: {info['sasaran']} · satuan: {info['satuan']} · "
            f"polaritas {info['polaritas']} · agregasi {info['agregasi']} · level {info['level']}"
            f" · PK versi {info['versi']}"
        )
    )
    st.markdown(f"**Rumus {md(nama_triwulan(d.triwulan))}:** {md(d.rumus)}")
    st.caption(md(d.masukan))
    left, right = st.columns(2)
    with left:
        st.markdown("**Target dan realisasi per triwulan**")
        small_table(d.kuartal, "jel_kuartal")
    with right:
        st.markdown("**Induk dan turunan dalam pohon kinerja**")
        rel = pd.concat([d.induk.assign(hubungan="induk"), d.anak.assign(hubungan="turunan")])
        small_table(rel[["hubungan", *d.anak.columns]], "jel_relasi")
    years_chart(actor, filters.tahun, str(info["kode_opd"]), kode, info)
    st.markdown("**Riwayat unggahan (semua versi, termasuk nilai yang sudah diganti)**")
    small_table(d.riwayat, "jel_riwayat")
    if not d.bukti.empty:
        st.markdown("**Berkas bukti dukung**")
        small_table(d.bukti, "jel_bukti")


def years_chart(actor: Actor, tahun: int, kode_opd: str, kode: str, info: dict) -> None:
    """The yearly results of the two previous years, this year's quarters, the Renstra target."""
    points, renstra = explorer_data.indicator_trend(actor, tahun, kode_opd, kode)
    if not points.empty:
        fig = rapim_charts.antartahun_lines(points, renstra, info["satuan"])
        st.plotly_chart(fig, key="jel_g_antartahun")


def charts(actor: Actor, filters: Filters, periods: list[tuple[int, int]]) -> None:
    left, right = st.columns(2)
    dist = explorer_data.distribution(actor, filters)
    dist = dist.assign(kategori=plain(dist["kategori"]))
    fig = px.bar(dist, x="kategori", y="jumlah", color="kategori",
                 color_discrete_map=dict(zip(dist["kategori"], dist["warna"], strict=True)),
                 title="Sebaran capaian per kategori", labels=LABELS)  # fmt: skip
    fig.update_traces(hovertemplate="%{x}: %{y:,d} indikator<extra></extra>")
    fig.update_yaxes(**count_ticks(dist["jumlah"].max()))
    left.plotly_chart(indonesian(fig.update_layout(showlegend=False)), key="jel_g_dist")
    sas = explorer_data.per_sasaran(actor, filters).head(25)
    ticks = category_ticks(sas["sasaran"], 40)  # every sasaran labelled, full text on hover
    sas = sas.assign(
        sasaran=plain(sas["sasaran"]),
        kategori=plain(sas["kategori"].fillna(ch.BELUM_LAPOR)),
        warna=sas["warna"].fillna("#9e9e9e"),
    )
    fig = px.bar(sas, y="sasaran", x="capaian", orientation="h", color="kategori",
                 color_discrete_map=dict(zip(sas["kategori"], sas["warna"], strict=True)),
                 title="Rata-rata capaian per sasaran (25 teratas)",
                 labels=LABELS)  # fmt: skip
    fig.update_traces(hovertemplate="%{y}: %{x:,.2f} %<extra></extra>")
    fig.update_yaxes(autorange="reversed", **ticks)
    fig.update_layout(height=max(480, 20 * len(sas) + 160))
    right.plotly_chart(indonesian(fig), key="jel_g_sasaran")
    trend = explorer_data.opd_trend(actor, filters, periods)
    if not filters.opd and not trend.empty:
        last = trend[trend["periode"] == trend["periode"].iloc[-1]]
        low = last.nsmallest(8, "skor")["kode_opd"]
        trend = trend[trend["kode_opd"].isin(low)]
        note = "8 OPD dengan skor terendah pada periode terakhir (pilih OPD untuk yang lain)"
    else:
        note = "OPD terpilih"
    trend = trend.assign(opd=plain(trend["singkatan"].fillna(trend["nama_opd"])))
    fig = px.line(trend, x="periode", y="skor", color="opd", markers=True, labels=LABELS,
                  title=f"Tren skor OPD per triwulan: {note}")  # fmt: skip
    fig.update_traces(hovertemplate="%{fullData.name} %{x}: %{y:,.2f}<extra></extra>")
    st.plotly_chart(indonesian(fig), key="jel_g_tren")


def cascade(actor: Actor, filters: Filters, df: pd.DataFrame, root: str | None) -> None:
    roots = sorted(set(filters.opd) or set(df["kode_opd"]))
    heads = df[df["level"].isin(["opd", "pemda"])]["kode_indikator"].tolist()
    choices = ([root] if root else []) + roots + heads
    if not choices:
        st.info("Tidak ada indikator untuk pohon kinerja dengan filter ini.")
        return
    pick = st.selectbox("Akar pohon kinerja (OPD atau indikator)", choices, key="jel_akar")
    tree = explorer_data.cascade(actor, filters.tahun, filters.triwulan, pick)
    if tree.empty:
        st.info("Pohon kinerja kosong.")
        return
    st.plotly_chart(sunburst(tree), key="jel_g_pohon")
    st.caption("Warna = kategori capaian; abu-abu = belum dilaporkan. Arahkan kursor untuk nama.")


def sunburst(tree: pd.DataFrame) -> go.Figure:
    """The cascade with each node in its band colour; the short code on the slice, the name,
    level and capaian on hover."""
    short = tree["id"].str.split(".").str[-1]
    capaian = tree["capaian"].map(lambda v: "belum lapor" if pd.isna(v) else f"{angka(v, 2)} %")
    hover = plain(tree["label"]) + "<br>" + tree["level"] + " · " + capaian
    fig = go.Figure(
        go.Sunburst(
            ids=tree["id"],
            parents=tree["parent"],
            labels=plain(short),
            hovertext=hover,
            hoverinfo="text",
            marker={"colors": tree["warna"], "line": {"color": "#ffffff", "width": 1}},
            leaf={"opacity": 1.0},
            insidetextorientation="radial",
        )
    )
    fig.update_layout(height=600, title="Pohon kinerja", margin={"t": 40, "l": 0, "r": 0, "b": 0})
    return fig


def budget(actor: Actor, filters: Filters) -> None:
    df = explorer_data.budget(filters.tahun, filters.triwulan)
    if actor.is_operator:
        df = df[df["kode_opd"] == actor.kode_opd]
    if filters.opd:
        df = df[df["kode_opd"].isin(filters.opd)]
    df = df.assign(status=df["serapan_tinggi_capaian_rendah"].map({True: "Ditandai", False: "-"}))
    shown_df = df.assign(nama_opd=plain(df["nama_opd"]))  # the chart's copy; the table shows df
    fig = px.scatter(shown_df, x="serapan", y="skor", color="status", hover_name="nama_opd",
                     color_discrete_map={"Ditandai": "#d64545", "-": "#1e40af"},
                     labels={**LABELS, "serapan": "Serapan anggaran (%)"},
                     title="Serapan anggaran vs skor kinerja per OPD")  # fmt: skip
    top = max(120.0, float(df["skor"].max() or 0) + 5) if len(df) else 120.0
    fig.update_xaxes(range=[0, 105]).update_yaxes(range=[0, top])
    high, low = float(data.setting("serapan_tinggi")), float(data.setting("skor_rendah"))
    fig.add_vline(x=high, line_dash="dot").add_hline(y=low, line_dash="dot")
    st.plotly_chart(indonesian(fig), key="jel_g_anggaran")
    flagged = df[df["serapan_tinggi_capaian_rendah"]]
    st.markdown(f'**OPD ditandai "serapan tinggi, capaian rendah": {len(flagged)}**')
    cols = ["kode_opd", "nama_opd", "skor", "serapan", "gap", "pagu", "realisasi"]
    shown = flagged[cols].rename(columns={"realisasi": "Realisasi anggaran (Rp)"})
    small_table(shown, "jel_ditandai")


def completeness(actor: Actor, filters: Filters, df: pd.DataFrame) -> None:
    detail_df = explorer_data.completeness(actor, filters)
    if detail_df.empty:
        st.success("Semua indikator yang disaring sudah dilaporkan pada triwulan ini.")
    else:
        batas = pd.Timestamp(detail_df["batas_waktu"].iloc[0])
        st.markdown(
            f"Batas waktu pelaporan {md(nama_triwulan(filters.triwulan))} {filters.tahun}: "
            f"**{batas:%d-%m-%Y %H:%M}**. {angka(len(detail_df), 0)} indikator belum dilaporkan."
        )
        jumlah = df.groupby("kode_opd").size().rename("jumlah").reset_index()
        summary = ch.completeness_summary(detail_df, jumlah)
        small_table(summary, "jel_lengkap_opd")
        small_table(detail_df, "jel_lengkap_rinci")
    missing_reasons(actor, filters, df)


def missing_reasons(actor: Actor, filters: Filters, df: pd.DataFrame) -> None:
    """Reported indicators below the Tinggi band whose value gives no faktor penghambat."""
    tanpa = explorer_data.missing_reasons(actor, filters, df)
    st.markdown(
        f"**Capaian di bawah kategori Tinggi tanpa faktor penghambat: "
        f"{angka(len(tanpa), 0)} indikator**"
    )
    if tanpa.empty:
        st.caption("Setiap capaian di bawah kategori Tinggi sudah disertai faktor penghambat.")
        return
    st.caption("Faktor penghambat diisi pada kolom `faktor_penghambat` berkas realisasi; "
               "LKjIP dan rincian Rapim menampilkannya.")  # fmt: skip
    small_table(tanpa, "jel_tanpa_alasan")
