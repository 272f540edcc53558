"""Verifikasi realisasi: the queue of submitted values; approve or reject (with a note) per OPD
or per value; verified values can then be made final. Approving every submitted value of an OPD
at once ("Setujui seluruh") asks for confirmation first, saying how many values it approves."""

from __future__ import annotations

from functools import partial

import streamlit as st

from sakip_core import evidence, workflow
from sakip_core.access import VERIFY
from sakip_core.fmt import angka
from ui import data
from ui.reporting import (
    ask_confirmation,
    confirmation,
    opd_names,
    period_label,
    run_write,
    show_table,
    status_text,
)
from ui.session import actor_now, require_login
from ui.text import md, nama_triwulan

CONFIRM_KEY = "verif_tanya"

actor = require_login(set(VERIFY))
h = data.handle()

st.title("Verifikasi Realisasi", anchor=False)
flash = st.session_state.pop("verif_pesan", None)
if flash:
    st.success(flash)

antrean = workflow.queue(h, actor)
st.subheader("Antrean verifikasi", anchor=False)
if antrean.empty:
    st.info("Tidak ada realisasi yang menunggu verifikasi.")
else:
    show_table(antrean.assign(triwulan=antrean["triwulan"].map(nama_triwulan)), height=250)

years = data.years()
if not years:
    st.stop()
first = antrean.iloc[0] if not antrean.empty else None
if "verif_tahun" not in st.session_state and first is not None:
    st.session_state["verif_tahun"] = int(first["tahun"])
    st.session_state["verif_tw"] = int(first["triwulan"])
c_tahun, c_tw, c_opd = st.columns([1, 1, 3], vertical_alignment="bottom")
tahun = int(c_tahun.selectbox("Tahun", years, key="verif_tahun"))
triwulan = int(c_tw.selectbox("Triwulan", [1, 2, 3, 4], key="verif_tw", format_func=nama_triwulan))
summary = workflow.verification_summary(h, actor, tahun, triwulan)
if summary.empty:
    st.info(f"Belum ada realisasi {period_label(tahun, triwulan)}.")
    st.stop()
waiting = set(antrean.query("tahun == @tahun and triwulan == @triwulan")["kode_opd"])
opds = summary["kode_opd"].tolist()
opds.sort(key=lambda k: (k not in waiting, k))
names = opd_names()
kode_opd = c_opd.selectbox(
    "OPD", opds, key="verif_opd",
    format_func=lambda k: f"{k} {names.get(k, '')} ({'menunggu' if k in waiting else 'selesai'})",
)  # fmt: skip

values = workflow.read_realisasi(h, actor, tahun, triwulan, kode_opd)
table = values.assign(
    status=values["status"].map(status_text), realisasi=values["realisasi"].map(angka)
)
show_table(
    table[["kode_indikator", "indikator", "satuan", "realisasi", "keterangan", "status",
           "catatan_verifikasi", "jumlah_bukti"]],
)  # fmt: skip

files = evidence.list_evidence(h, actor, tahun, triwulan, kode_opd)
if not files.empty:
    with st.expander(f"Bukti dukung ({len(files)} berkas)"):
        labels = {int(r.id): f"{r.kode_indikator}: {r.nama_asli}" for r in files.itertuples()}
        pick = st.selectbox("Berkas", list(labels), format_func=labels.get, key="verif_bukti")
        try:
            nama, isi = evidence.read(h, actor, pick)
            st.download_button("Unduh bukti", isi, file_name=nama, icon=":material/download:")
        except evidence.EvidenceError as exc:
            st.error(md(exc))


def _act(fn, sel: workflow.Selection, with_note: bool, done: str) -> None:  # noqa: ANN001
    """Button callback: run the decision, then clear the selection and the note, so a note
    never carries over to the next decision."""
    current = actor_now(VERIFY)  # callbacks run before this page's login gate
    if current is None:
        return
    extra = [st.session_state.get("verif_catatan", "")] if with_note else []
    moved = run_write(fn, h, current, sel, *extra)
    if moved:
        st.session_state["verif_pesan"] = f"{moved} realisasi {done}."
        st.session_state["verif_pilih"] = []
        st.session_state["verif_catatan"] = ""


submitted = values[values["status"] == "diajukan"]["kode_indikator"].tolist()
st.subheader("Keputusan", anchor=False)
pilih = st.multiselect(
    "Indikator (kosongkan untuk seluruh realisasi OPD yang diajukan)",
    submitted,
    key="verif_pilih",
    placeholder="Pilih indikator",
)
st.text_area("Catatan verifikator (wajib bila menolak)", key="verif_catatan")
sel = workflow.Selection(tahun, triwulan, kode_opd, tuple(pilih) if pilih else None)
whole = workflow.Selection(tahun, triwulan, kode_opd)
listed = workflow.Selection(tahun, triwulan, kode_opd, tuple(submitted))
scope = f"{len(pilih)} indikator terpilih" if pilih else "seluruh yang diajukan"
# approving the whole OPD at once is asked first; a selection is approved at once
bulk = ("setujui", tahun, triwulan, kode_opd, tuple(submitted)) if not pilih else None
b1, b2, b3 = st.columns(3)
b1.button(
    f"Setujui ({scope})", type="primary", disabled=not submitted, key="verif_setuju",
    on_click=ask_confirmation if bulk else _act,
    args=(CONFIRM_KEY, bulk) if bulk else (workflow.approve, sel, True, "diverifikasi"),
)  # fmt: skip
b2.button(
    f"Tolak ({scope})", disabled=not submitted, key="verif_tolak",
    on_click=_act, args=(workflow.reject, sel, True, "ditolak dan dikembalikan ke operator"),
)  # fmt: skip
verified = bool((values["status"] == "diverifikasi").any())
b3.button(
    "Tetapkan final", disabled=not verified, key="verif_final",
    on_click=_act, args=(workflow.finalize, whole, False, "ditetapkan final"),
)  # fmt: skip
others = len(values) - len(submitted)
confirmation(
    CONFIRM_KEY,
    bulk,
    f"**Setujui seluruh realisasi yang diajukan?** {len(submitted)} realisasi "
    f"{md(kode_opd)} {md(names.get(kode_opd, ''))}, {period_label(tahun, triwulan)}, akan "
    "disetujui sekaligus dan berstatus diverifikasi"
    + (f"; {others} realisasi lain OPD ini tidak berubah." if others else ".")
    + " Pilih indikator di atas untuk menyetujui sebagian saja.",
    "Ya, setujui",
    # exactly the values listed in the question, not whatever is submitted when "Ya" comes
    on_yes=partial(_act, workflow.approve, listed, True, "diverifikasi"),
)
st.caption(
    f"{md(kode_opd)}, {period_label(tahun, triwulan)}: status data "
    f"{summary.set_index('kode_opd').loc[kode_opd, 'status_data']}."
)
