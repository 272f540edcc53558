"""Verifikasi realisasi: the queue of submitted values; one OPD's quarter as a table with the
context of every value (exact value, target, capaian, the previous quarter, the same quarter last
year, evidence, an earlier rejection); then one value at a time in detail, with its evidence
shown inline, to approve or reject (a rejection needs a note). Approving every submitted value of
an OPD at once ("Setujui seluruh") asks for confirmation first, saying how many values it
approves; verified values can then be made final."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from sakip_core import workflow
from sakip_core.access import VERIFY
from sakip_core.verification_queue import DECIDABLE, verification_sheet
from ui import data, verification
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
OPD_PROBLEM = "verif_galat_opd"

actor = require_login(set(VERIFY))
h = data.handle()

st.title("Verifikasi Realisasi", anchor=False)
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

sheet = verification_sheet(h, actor, tahun, triwulan, kode_opd)
values = sheet.rows
st.subheader("Realisasi OPD", anchor=False)
verification.show_sheet(sheet)


def _act(
    fn,  # noqa: ANN001
    sel: workflow.Selection,
    done: str,
    after: str | None = None,
    with_note: bool = True,
    where: str = "verif_galat",
) -> None:
    """Button callback: run the decision; on success say `done` ("{n}" = how many), clear the
    note (it never carries over to the next decision) and move the detail to `after`. A refusal
    of the decision itself (no note, nothing left to decide) is kept under `where` and said next
    to the buttons, not at the top of the page."""
    current = actor_now(VERIFY)  # callbacks run before this page's login gate
    if current is None:
        return
    extra = [st.session_state.get("verif_catatan", "")] if with_note else []

    def decide() -> int | None:
        try:
            return fn(h, current, sel, *extra)
        except workflow.WorkflowError as exc:
            st.session_state[where] = str(exc)
            return None

    moved = run_write(decide)
    if moved:
        st.session_state["verif_pesan"] = done.replace("{n}", str(moved))
        st.session_state["verif_catatan"] = ""
        if after is not None:
            st.session_state["verif_baris"] = after


def seen_value(x: object) -> float | None:
    """A value as the page showed it, for the check that it did not change since."""
    return None if pd.isna(x) else float(x)  # type: ignore[arg-type]


def _clear_note() -> None:
    st.session_state["verif_catatan"] = ""
    st.session_state.pop("verif_galat", None)


st.subheader("Keputusan per indikator", anchor=False)
flash = st.session_state.pop("verif_pesan", None)
if flash:
    st.success(flash)
decidable = values[values["status"].isin(DECIDABLE)]
submitted = values[values["status"] == "diajukan"]["kode_indikator"].tolist()
labels = {
    r.kode_indikator: f"{r.kode_indikator} {verification.text(r.indikator)} "
    f"({status_text(r.status)})"
    for r in decidable.itertuples()
}
if not labels:
    st.info("Tidak ada realisasi OPD ini yang menunggu keputusan.")
else:
    if st.session_state.get("verif_baris") not in labels:  # another OPD or quarter chosen
        st.session_state["verif_baris"] = submitted[0] if submitted else next(iter(labels))
    kode = st.selectbox(
        "Indikator", list(labels), key="verif_baris", format_func=labels.get,
        on_change=_clear_note,
    )  # fmt: skip
    row = decidable.set_index("kode_indikator").loc[kode].copy()
    row["kode_indikator"] = kode
    order = list(labels)  # the table's order
    waiting_after = [k for k in submitted if k != kode]
    later = [k for k in waiting_after if order.index(k) > order.index(kode)]
    after = (later or waiting_after or [kode])[0]  # the next value still waiting
    one = workflow.Selection(tahun, triwulan, kode_opd, (kode,), (seen_value(row["realisasi"]),))
    with st.container(border=True, key="verif_rinci"):
        st.markdown(f"**{md(kode)}** {md(verification.text(row['indikator']))}")
        verification.figures(sheet, row)
        verification.history(row)
        with st.expander(f"Bukti dukung ({int(row['jumlah_bukti'])} berkas)", expanded=True):
            verification.evidence_inline(h, actor, sheet, row)
        st.text_area("Catatan verifikator (wajib bila menolak)", key="verif_catatan")
        problem = st.session_state.pop("verif_galat", None)
        if problem:
            st.error(md(problem))
        buttons = st.container(horizontal=True)
        buttons.button(
            "Setujui", type="primary", key="verif_setuju", disabled=row["status"] != "diajukan",
            on_click=_act,
            args=(workflow.approve, one, f"Realisasi {md(kode)} diverifikasi.", after),
        )  # fmt: skip
        buttons.button(
            "Tolak", key="verif_tolak", on_click=_act,
            args=(workflow.reject, one,
                  f"Realisasi {md(kode)} ditolak dan dikembalikan ke operator.", after),
        )  # fmt: skip

st.subheader("Seluruh OPD", anchor=False)
whole = workflow.Selection(tahun, triwulan, kode_opd)
shown = values.set_index("kode_indikator")["realisasi"]
listed = workflow.Selection(
    tahun, triwulan, kode_opd, tuple(submitted), tuple(seen_value(shown[k]) for k in submitted)
)
bulk = ("setujui", tahun, triwulan, kode_opd, tuple(submitted))
c1, c2, _ = st.columns([2, 1, 1])
c1.button(
    f"Setujui seluruh yang diajukan ({len(submitted)})", disabled=not submitted,
    key="verif_setuju_semua", on_click=ask_confirmation, args=(CONFIRM_KEY, bulk),
)  # fmt: skip
verified = bool((values["status"] == "diverifikasi").any())
c2.button(
    "Tetapkan final", disabled=not verified, key="verif_final",
    on_click=_act,
    args=(workflow.finalize, whole, "{n} realisasi ditetapkan final.", None, False, OPD_PROBLEM),
)  # fmt: skip
problem = st.session_state.pop(OPD_PROBLEM, None)
if problem:
    st.error(md(problem))
others = len(values) - len(submitted)
confirmation(
    CONFIRM_KEY,
    bulk,
    f"**Setujui seluruh realisasi yang diajukan?** {len(submitted)} realisasi "
    f"{md(kode_opd)} {md(names.get(kode_opd, ''))}, {period_label(tahun, triwulan)}, akan "
    "disetujui sekaligus dan berstatus diverifikasi"
    + (f"; {others} realisasi lain OPD ini tidak berubah." if others else ".")
    + " Untuk menyetujui sebagian saja, putuskan per indikator di atas.",
    "Ya, setujui",
    # exactly the values listed in the question, not whatever is submitted when "Ya" comes
    on_yes=partial(
        _act, workflow.approve, listed, "{n} realisasi diverifikasi.", where=OPD_PROBLEM
    ),
)
st.caption(
    f"{md(kode_opd)}, {period_label(tahun, triwulan)}: status data "
    f"{summary.set_index('kode_opd').loc[kode_opd, 'status_data']}."
)
