"""Rapim sessions on the Rapim page (issue 14, point 1): choosing a past Rapim, opening a new
one (admin), its decisions per OPD, what changed since the last Rapim, and the follow-up of
the OPDs under pendampingan. The rules live in `sakip_core.rapim.sesi` / `.keputusan`."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sakip_core import clock
from sakip_core.auth import Actor
from sakip_core.fmt import NAMA_BULAN, angka
from sakip_core.rapim import keputusan, sesi
from ui import data
from ui import rapim_data as rd
from ui.rapim_tabs import grouped
from ui.reporting import run_action, run_write
from ui.text import md, nama_triwulan

VIEW_KEY = "rapim"  # also the URL parameter (the option's label) that opens a past Rapim
OPENED_KEY = "rapim_baru"  # the Rapim just opened, shown on the next run
LIVE = 0
STATUS_ICON = {"belum": ":material/schedule:", "proses": ":material/autorenew:",
               "selesai": ":material/check_circle:"}  # fmt: skip


def tanggal(d: date | pd.Timestamp) -> str:
    """5 November 2026."""
    d = pd.Timestamp(d)
    return f"{d.day} {NAMA_BULAN[d.month - 1]} {d.year}"


def session_label(s: sesi.Sesi) -> str:
    return f"{s.judul} ({tanggal(s.tanggal)})"


def periode_text(s: sesi.Sesi) -> str:
    return (f"peringkat PK {nama_triwulan(s.triwulan)} {s.tahun}; RB dan serapan s.d. "
            f"{NAMA_BULAN[s.bulan - 1]} {s.tahun_bulan}")  # fmt: skip


def view_label(s: sesi.Sesi) -> str:
    """The option (and URL value) of a past Rapim: unique by its number."""
    return f"{session_label(s)} · no. {s.id}"


def pick_view(actor: Actor, slot: object = st) -> sesi.Sesi | None:
    """ "Data terkini" or a past Rapim (its snapshot), bound to the URL (`?rapim=<label>`)."""
    sessions = rd.sessions(actor)
    if not sessions:
        return None
    by_id = {s.id: s for s in sessions}
    if st.session_state.get(OPENED_KEY) in by_id:  # a bound widget is set through its state
        st.session_state[VIEW_KEY] = st.session_state.pop(OPENED_KEY)
    chosen = slot.selectbox(  # type: ignore[attr-defined]
        "Tampilkan",
        [LIVE, *by_id],
        format_func=lambda i: "Data terkini" if i == LIVE else view_label(by_id[i]),
        key=VIEW_KEY,
        bind="query-params",
        help="Rapim yang lalu ditampilkan persis seperti saat dibuka (potret data).",
    )
    return by_id.get(int(chosen)) if chosen else None


def open_form(actor: Actor, period: rd.RapimPeriod) -> None:
    """Admin: open a Rapim now, freezing the figures of the period shown."""
    if actor.peran != "admin":
        return
    with st.expander("Buka Rapim baru (potret data saat ini)", icon=":material/event:"):
        label = f"Rapim {NAMA_BULAN[period.bulan - 1]} {period.tahun_bulan}"
        st.caption(
            f"Yang dipotret: peringkat PK {nama_triwulan(period.triwulan)} {period.tahun}; RB "
            f"dan serapan s.d. {NAMA_BULAN[period.bulan - 1]} {period.tahun_bulan}. Rapim "
            "berikutnya membandingkan angkanya dengan potret ini."
        )
        with st.form("rapim_buka", border=False):
            left, right = st.columns([1, 3])
            hari = left.date_input("Tanggal Rapim", clock.now().date(), format="DD-MM-YYYY")
            judul = right.text_input("Judul", label, max_chars=200)
            if not st.form_submit_button("Buka Rapim dan potret data", type="primary"):
                return
        new_id = run_write(sesi.buka, data.handle(), actor, hari, judul, period.periode,
                           period.month)  # fmt: skip
        if new_id is not None:
            st.session_state["rapim_pesan"] = f"Rapim dibuka; potret data disimpan: {md(judul)}."
            st.session_state[OPENED_KEY] = new_id
            st.rerun()


def sejak_tab(sejak: pd.DataFrame, last: sesi.Sesi | None) -> None:
    """What changed against the last Rapim's snapshot, grouped: naik, turun, berubah, baru."""
    if last is None:
        st.info("Belum ada Rapim sebelumnya yang tercatat; tidak ada potret pembanding.")
        return
    st.caption(f"Dibandingkan dengan potret {md(session_label(last))}: {periode_text(last)}.")
    moved = sejak[sejak["status"] != "tetap"]
    if moved.empty:
        st.info("Tidak ada angka yang berubah sejak Rapim lalu.")
        return
    titles = {
        "naik": "Naik peringkat",
        "turun": "Turun peringkat",
        "berubah": "Peringkat tetap, angka berubah",
        "baru": "Baru masuk peringkat",
    }
    columns = {"naik": 0, "turun": 1, "berubah": 0, "baru": 1}
    grouped(moved, titles, columns, lambda part: [
        f"**{md(r.label)}**: {md('; '.join(r.kalimat) or 'baru')}" for r in part.itertuples()
    ])  # fmt: skip


def _skor_line(r: pd.Series) -> str:
    def num(x: object) -> str:
        return "–" if pd.isna(x) else angka(x, 2)

    text = f"Skor {num(r.skor_lalu)} → **{num(r.skor_kini)}**"
    if not pd.isna(r.selisih_skor):
        sign = "+" if r.selisih_skor >= 0 else "−"
        text += f" ({sign}{angka(abs(r.selisih_skor), 2)})"
    if not pd.isna(r.peringkat_lalu) and not pd.isna(r.peringkat_kini):
        text += f"; peringkat {int(r.peringkat_lalu)} → {int(r.peringkat_kini)}"
    return text


def tindak_lanjut_panel(panel: pd.DataFrame, last: sesi.Sesi | None) -> None:
    """One card per OPD under pendampingan since the last Rapim: then and now, the plan."""
    if last is None or panel.empty:
        return
    st.subheader(":material/support_agent: Tindak lanjut pendampingan", anchor=False)
    st.caption(f"Keputusan {md(session_label(last))}; angka dibandingkan dengan potretnya.")
    cols = st.columns(min(len(panel), 3))
    for i, r in enumerate(panel.itertuples()):
        with cols[i % len(cols)].container(border=True, key=f"pendampingan_{r.keputusan_id}"):
            st.markdown(f"**{md(r.label)}**")
            st.markdown(_skor_line(pd.Series(r._asdict())))
            due = "" if pd.isna(r.batas_waktu) else f", batas {tanggal(r.batas_waktu)}"
            late = " · **terlambat**" if r.terlambat else ""
            st.markdown(
                f"{STATUS_ICON.get(r.status, '')} {md(keputusan.STATUS.get(r.status, r.status))}"
                f"{md(due)}{late}  \nPJ: {md(r.penanggung_jawab or '–')}  \n"
                f"Rencana: {md(r.rencana or '–')}"
            )
            moved = list(r.indikator_bergerak)
            if moved:
                st.markdown("Indikator yang bergerak:\n" + "\n".join(f"- {md(t)}" for t in moved))
            else:
                st.caption("Belum ada capaian indikator yang berubah.")


def decisions_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The decisions as people read them: Indonesian headers, names, no None."""
    return pd.DataFrame({
        "OPD": df["nama_opd"].fillna(df["kode_opd"]),
        "Keputusan": df["jenis"].map(keputusan.JENIS).fillna(df["jenis"]),
        "Penanggung jawab": df["penanggung_jawab"].fillna("–"),
        "Rencana": df["rencana"].fillna("–"),
        "Batas waktu": [("–" if pd.isna(d) else tanggal(d)) for d in df["batas_waktu"]],
        "Status": df["status"].map(keputusan.STATUS).fillna(df["status"]),
        "Catatan": df["catatan"].fillna("–"),
    })  # fmt: skip


def decisions_section(actor: Actor, s: sesi.Sesi, figs: dict[str, pd.DataFrame]) -> None:
    """The decisions of Rapim `s`: the list, and for the admin the forms to add and update."""
    st.subheader(f":material/gavel: Keputusan {md(s.judul)}", anchor=False)
    df = rd.decisions(actor, s.id)
    if df.empty:
        st.caption("Belum ada keputusan yang dicatat untuk Rapim ini.")
    else:
        st.dataframe(decisions_frame(df), hide_index=True, width="stretch", height="content")
    if actor.peran != "admin":
        return
    _decision_form(actor, s, figs)
    if not df.empty:
        _status_form(actor, df)


def _decision_form(actor: Actor, s: sesi.Sesi, figs: dict[str, pd.DataFrame]) -> None:
    board = figs["peringkat"]
    help_first = list(figs["pendampingan"]["kode_opd"]) + list(figs["penghargaan"]["kode_opd"])
    order = list(dict.fromkeys([*help_first, *board["kode_opd"]]))
    names = dict(zip(board["kode_opd"], board["nama_opd"], strict=True))
    with st.expander("Catat keputusan", icon=":material/edit_note:"):
        with st.form("rapim_keputusan", clear_on_submit=True, border=False):
            a, b = st.columns([3, 2])
            kode = a.selectbox("OPD", order, format_func=lambda k: names.get(k, k))
            jenis = b.radio("Keputusan", list(keputusan.JENIS), horizontal=True,
                            format_func=keputusan.JENIS.get)  # fmt: skip
            c, d = st.columns([3, 2])
            pj = c.text_input("Penanggung jawab", max_chars=200)
            batas = d.date_input("Batas waktu", None, format="DD-MM-YYYY")
            rencana = st.text_area("Rencana pendampingan / bentuk penghargaan", max_chars=2000)
            catatan = st.text_area("Catatan", max_chars=2000)
            if not st.form_submit_button("Simpan keputusan", type="primary"):
                return
        item = keputusan.Keputusan(kode, jenis, pj, rencana, batas, catatan)
        if run_write(keputusan.catat, data.handle(), actor, s.id, item) is not None:
            st.session_state["rapim_pesan"] = (
                f"Keputusan untuk {md(names.get(kode, kode))} dicatat."
            )
            st.rerun()


def _status_form(actor: Actor, df: pd.DataFrame) -> None:
    labels = {
        int(r.id): f"{r.nama_opd or r.kode_opd} · {keputusan.JENIS.get(r.jenis, r.jenis)}"
        for r in df.itertuples()
    }
    with st.expander("Perbarui status rencana", icon=":material/update:"):
        with st.form("rapim_status", border=False):
            a, b = st.columns([3, 2])
            kid = a.selectbox("Keputusan", list(labels), format_func=labels.get)
            status = b.radio("Status", list(keputusan.STATUS), horizontal=True,
                             format_func=keputusan.STATUS.get)  # fmt: skip
            note = st.text_input("Catatan (kosongkan bila tetap)", max_chars=2000)
            if not st.form_submit_button("Simpan status"):
                return
        if not run_action(keputusan.ubah_status, data.handle(), actor, kid, status, note):
            return
        st.session_state["rapim_pesan"] = f"Status {md(labels[kid])}: {keputusan.STATUS[status]}."
        st.rerun()


def own_decisions(actor: Actor) -> None:
    """An operator's view: what the Rapim decided about its own OPD, every Rapim."""
    df = rd.decisions(actor, None)
    if df.empty:
        return
    st.subheader(":material/gavel: Keputusan Rapim untuk OPD Anda", anchor=False)
    shown = decisions_frame(df)
    rapim = zip(df["judul_rapim"], df["tanggal_rapim"], strict=True)
    shown.insert(0, "Rapim", [f"{j} ({tanggal(t)})" for j, t in rapim])
    st.dataframe(shown.drop(columns=["OPD"]), hide_index=True, width="stretch", height="content")
