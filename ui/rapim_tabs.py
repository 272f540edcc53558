"""The tabs of the Rapim page under the leaderboard: each renders only when it is open."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from sakip_core.auth import Actor
from sakip_core.fmt import NAMA_BULAN, angka, persen, rupiah
from sakip_core.rapim import KOMPONEN, decomposition_text
from sakip_core.reports import rapim_charts as charts
from ui import rapim_data as rd
from ui.text import md

Fmt = dict[str, Callable[[object], str]]
NUM2: Callable[[object], str] = lambda x: angka(x, 2)  # noqa: E731
PCT1: Callable[[object], str] = lambda x: persen(x, 1)  # noqa: E731
SHORT = {"capaian_pk": "PK", "nilai_sakip": "SAKIP", "progress_rb": "RB"}
BULAN = NAMA_BULAN


def table(
    frame: pd.DataFrame, fmt: Fmt, height: int | str = "content", indikator: str = "large"
) -> None:
    """A full-width table whose numbers stay numbers but read in Indonesian format;
    `indikator` is the width of the Indikator column ("medium" beside long texts)."""
    st.dataframe(
        frame.style.format(fmt, na_rep="–"),
        hide_index=True,
        width="stretch",
        height=height,
        column_config={"Indikator": st.column_config.TextColumn("Indikator", width=indikator)},
    )


def chart(fig: object) -> None:
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False})


def changes_tab(changes: pd.DataFrame) -> None:
    """What changed since the last Rapim (the previous quarter), grouped by status."""
    if changes.empty:
        st.info("Tidak ada perubahan peringkat dibanding triwulan sebelumnya.")
        return
    titles = {
        "naik": "Naik",
        "turun": "Turun",
        "baru": "Baru masuk peringkat",
        "belum lapor": "Belum lapor",
    }
    columns = {"naik": 0, "turun": 1, "baru": 1, "belum lapor": 1}
    grouped(changes, titles, columns, lambda part: [md(t) for t in part["kalimat"]])


def grouped(
    frame: pd.DataFrame,
    titles: dict[str, str],
    columns: dict[str, int],
    lines: Callable[[pd.DataFrame], list[str]],
) -> None:
    """OPDs grouped by `status` in two columns: a bold title with the count, then one bullet per
    OPD (`lines` gives them, already escaped)."""
    cols = st.columns(2)
    for status, title in titles.items():
        part = frame[frame["status"] == status]
        if part.empty:
            continue
        with cols[columns[status]]:
            st.markdown(f"**{title} ({len(part)} OPD)**")
            st.markdown("\n".join(f"- {t}" for t in lines(part)))


def indeks_tab(ix: pd.DataFrame, tahun: int, triwulan: int) -> None:
    w = rd.call_plain("weights")
    total = sum(w.values())
    st.caption(
        "Indeks = "
        + " + ".join(f"{angka(100 * w[k] / total, 0)} % × {n}" for k, n in KOMPONEN.items())
        + f". Bobot diatur admin. Capaian PK = skor triwulan (maks. 100); Nilai SAKIP = nilai "
        f"LKE internal {tahun}; Progress RB = bulan {BULAN[3 * triwulan - 1]}. Komponen tanpa "
        "data dihitung 0 (ditandai ✗)."
    )
    if ix.empty:
        st.info("Belum ada OPD yang dinilai pada periode ini.")
        return
    frame = pd.DataFrame({"Peringkat": ix["peringkat"], "OPD": ix["label"]})
    for k, name in KOMPONEN.items():
        frame[name] = [
            v if a else None for v, a in zip(ix[f"nilai_{k}"], ix[f"ada_{k}"], strict=True)
        ]
        frame[f"Kontribusi {SHORT[k]}"] = ix[f"kontribusi_{k}"]
    frame["Indeks"] = ix["indeks"]
    fmt = {c: NUM2 for c in frame.columns if c not in ("Peringkat", "OPD")}
    fmt.update({n: (lambda x: "✗ 0" if pd.isna(x) else angka(x, 2)) for n in KOMPONEN.values()})
    table(frame, fmt)
    chart(charts.indeks_stack(ix))
    with st.expander("Rincian perhitungan per OPD"):
        st.markdown(
            "\n".join(
                f"- **{md(r['label'])}**: {md(decomposition_text(r))}" for _, r in ix.iterrows()
            )
        )


def lke_tab(lke: pd.DataFrame, tahun: int) -> None:
    st.caption(f"Evaluasi internal SAKIP (LKE) {tahun} oleh Inspektorat, skala 0–100.")
    if lke.empty:
        st.info(f"Belum ada hasil evaluasi internal LKE untuk tahun {tahun}.")
        return
    frame = pd.DataFrame(
        {
            "Peringkat": lke["peringkat"],
            "OPD": lke["label"],
            "Nilai LKE": lke["nilai"],
            "Predikat": lke["predikat"] + " – " + lke["predikat_label"],
        }
    )
    table(frame, {"Nilai LKE": NUM2})


def rb_tab(rb: pd.DataFrame, heat: pd.DataFrame, month: tuple[int, int]) -> None:
    """The RB ranking of the Rapim month (the RB page's ranking too) and its heat map."""
    tahun, bulan = month
    st.caption(f"Progress rencana aksi RB s.d. {BULAN[bulan - 1]} {tahun}.")
    if rb.empty or int(rb["jumlah_aksi"].sum()) == 0:
        st.info(f"Belum ada rencana aksi RB untuk tahun {tahun}.")
        return
    frame = pd.DataFrame(
        {
            "Peringkat": rb["peringkat"],
            "OPD": rb["label"],
            "Progress": rb["progress"],
            "Jumlah aksi": rb["jumlah_aksi"],
        }
    )
    left, right = st.columns([2, 3])
    with left:
        table(frame, {"Progress": PCT1})
    with right:
        chart(charts.rb_heat(heat))


def serapan_tab(sp: pd.DataFrame, month: tuple[int, int]) -> None:
    tahun, bulan = month
    if sp.empty:
        st.info(f"Belum ada data anggaran s.d. {BULAN[bulan - 1]} {tahun}.")
        return
    frame = pd.DataFrame(
        {
            "Peringkat": sp["peringkat"],
            "OPD": sp["label"],
            "Pagu": sp["pagu"],
            "Realisasi": sp["realisasi"],
            "Serapan": sp["serapan"],
        }
    )
    st.caption(f"Serapan anggaran s.d. akhir {BULAN[bulan - 1]} {tahun} = realisasi / pagu.")
    table(frame, {"Pagu": rupiah, "Realisasi": rupiah, "Serapan": PCT1})


def tren_tab(actor: Actor, tahun: int, board: pd.DataFrame) -> None:
    labels = dict(zip(board["kode_opd"], board["label"], strict=True))
    default = list(board["kode_opd"].head(3)) + list(board["kode_opd"].tail(2))
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    chosen = left.multiselect(
        "OPD",
        list(labels),
        default=list(dict.fromkeys(default)),
        key="rapim_tren_opd",
        format_func=lambda k: labels.get(k, k),
        max_selections=10,
    )
    metric = right.radio(
        "Tampilkan",
        ["skor", "peringkat"],
        key="rapim_tren_ukuran",
        format_func=str.capitalize,
        horizontal=True,
    )
    if not chosen:
        st.info("Pilih satu atau lebih OPD.")
        return
    tr = rd.call("tren", actor, tahun, tuple(chosen), True)  # with the year before
    chart(charts.tren_lines(tr, metric))
