"""Evaluasi SAKIP (LKE): worksheet with usulan vs penetapan, scores, history, what-if."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sakip_core import lhe, masterdata, whatif
from sakip_core import lke_service as svc
from sakip_core.access import VERIFY
from sakip_core.calc.lke import PREDIKAT
from sakip_core.fmt import angka
from ui import data, lhe_view
from ui.lke_view import as_text, component_chart, history_chart, predikat_text, show_error, styled
from ui.reporting import run_action, run_write
from ui.session import require_login
from ui.text import md

actor = require_login()
h = data.handle()
units = svc.units(h, actor)
if not units:
    st.error("Akun ini tidak terikat pada OPD mana pun.")
    st.stop()
names = {"PEMDA": "Pemerintah Daerah (PEMDA)", **masterdata.opd_names(h)}
years = sorted({2025, 2026, *svc.years(h), *lhe.years(h)}, reverse=True)

head, c_unit, c_tahun = st.columns([3, 3, 1], vertical_alignment="bottom")
head.title("Evaluasi SAKIP (LKE)", anchor=False)
unit = c_unit.selectbox("Unit", units, format_func=lambda u: f"{u} — {names.get(u, u)}",
                        key="lke_unit")  # fmt: skip
tahun = int(c_tahun.selectbox("Tahun", years, key="lke_tahun"))

s = svc.scores(h, actor, tahun, unit)
m = st.columns(3)
m[0].metric("Nilai total (penetapan)", angka(s["total"], 2), border=True)
m[1].metric("Predikat", predikat_text(str(s["predikat"])), border=True)
ws = svc.worksheet(h, actor, tahun, unit)
beda = int((ws["selisih"].fillna(0).abs() > 1e-9).sum()) if len(ws) else 0
m[2].metric("Kriteria dengan usulan ≠ penetapan", angka(beda, 0), border=True)

ANSWER_LABEL = "Jawaban (Y/T, A–E, atau angka 0..1)"
WS_COLUMNS = {
    "kode_kriteria": "Kode", "kriteria": "Kriteria", "jawaban_usulan": "Usulan",
    "jawaban_penetapan": "Penetapan", "selisih": "Selisih nilai",
    "catatan_usulan": "Catatan unit", "bukti": "Bukti", "pengguna_usulan": "Diusulkan oleh",
    "waktu_usulan": "Waktu usulan", "catatan_penetapan": "Catatan evaluator",
    "pengguna_penetapan": "Ditetapkan oleh", "waktu_penetapan": "Waktu penetapan",
    "komponen": "Komponen", "subkomponen": "Subkomponen",
}  # fmt: skip
SUB_COLUMNS = {"komponen": "Komponen", "subkomponen": "Subkomponen", "bobot": "Bobot",
               "nilai": "Nilai", "jumlah_kriteria": "Jumlah kriteria"}  # fmt: skip
PLAN_COLUMNS = {"kode_kriteria": "Kode", "kriteria": "Kriteria", "komponen": "Komponen",
                "subkomponen": "Subkomponen", "jawaban": "Jawaban kini",
                "jawaban_baru": "Jawaban tujuan", "langkah": "Langkah", "poin": "Tambahan nilai",
                "poin_per_langkah": "Nilai per langkah"}  # fmt: skip

tab_ws, tab_skor, tab_sim, tab_lhe = st.tabs(
    ["Lembar kerja", "Nilai & riwayat", "Target & simulasi", "Tindak lanjut LHE"]
)


def _who(jawab: object, oleh: object, waktu: object) -> str:
    if not isinstance(jawab, str):
        return "belum ada"
    when = f", {waktu:%d-%m-%Y %H:%M}" if isinstance(waktu, pd.Timestamp) else ""
    return f"**{md(jawab)}** ({md(oleh)}{when})"


def _side_by_side(row: pd.Series) -> str:
    """The selected criterion's proposal and final, and the difference, as Markdown (escaped)."""
    usul = _who(row["jawaban_usulan"], row["pengguna_usulan"], row["waktu_usulan"])
    tetap = _who(row["jawaban_penetapan"], row["pengguna_penetapan"], row["waktu_penetapan"])
    selisih = "" if pd.isna(row["selisih"]) else f" · Selisih nilai {angka(row['selisih'], 2)}"
    return f"Usulan: {usul} · Penetapan: {tetap}{selisih}"


def _edit_form(ws: pd.DataFrame) -> None:
    can_propose = actor.peran in svc.PROPOSERS and (not actor.is_operator or unit == actor.kode_opd)
    can_final = actor.peran in VERIFY
    if not (can_propose or can_final) or ws.empty:
        return
    labels = {r.kode_kriteria: f"{r.kode_kriteria} — {r.kriteria or ''}" for r in ws.itertuples()}
    kode = st.selectbox("Kriteria", list(labels), format_func=labels.get, key="lke_kriteria")
    row = ws[ws["kode_kriteria"] == kode].iloc[0]
    # the proposal when there is one (the evaluator usually reviews it), else the final
    current = next((v for v in (row["jawaban_usulan"], row["jawaban_penetapan"])
                    if isinstance(v, str)), "")  # fmt: skip
    st.caption(_side_by_side(row))
    slot = f"{tahun}_{unit}_{kode}"  # one widget state per criterion: switching shows its answer
    with st.form(f"lke_isian_{slot}", border=True):  # a fresh form for every criterion
        jawab = st.text_input(ANSWER_LABEL, value=current, key=f"lke_jawab_{slot}")
        catatan = st.text_input("Catatan", key=f"lke_catatan_{slot}")
        bukti = st.text_input("Nama berkas bukti dukung", key=f"lke_bukti_{slot}")
        cols = st.columns(2)
        usul = cols[0].form_submit_button("Simpan usulan", disabled=not can_propose)
        tetap = cols[1].form_submit_button("Tetapkan nilai", type="primary", disabled=not can_final)
    if not (usul or tetap):
        return
    answer = svc.Answer(tahun, unit, row["komponen"], row["subkomponen"], kode, jawab,
                        row["kriteria"], catatan or None, bukti or None)  # fmt: skip
    if run_write(svc.set_proposal if usul else svc.set_final, h, actor, answer) is None:
        return
    st.session_state["lke_pesan"] = "Usulan disimpan." if usul else "Nilai penetapan disimpan."
    st.rerun()


def _upload_form() -> None:
    """An `lke` file from the unit becomes PROPOSALS (the evaluator sets finals one by one)."""
    if actor.peran not in svc.PROPOSERS:
        return
    with st.expander("Unggah usulan dari berkas LKE (.xlsx/.csv)"):
        up = st.file_uploader("Berkas LKE", type=["xlsx", "csv"], key="lke_unggah")
        if up is not None and st.button("Simpan sebagai usulan", key="lke_unggah_simpan"):
            problems = run_write(svc.propose_from_file, h, actor, up.getvalue(), up.name)
            for p in problems or []:
                st.error(md(p))
            if problems == []:
                st.success("Semua baris disimpan sebagai usulan.")


with tab_ws:
    if msg := st.session_state.pop("lke_pesan", None):
        st.success(msg)
    if ws.empty:
        st.info("Belum ada kriteria LKE untuk unit dan tahun ini.")
    view = ws[list(WS_COLUMNS)].rename(columns=WS_COLUMNS)
    st.dataframe(as_text(view, {"Selisih nilai": 2}), hide_index=True, height=360)
    st.caption("Hanya nilai penetapan (evaluator) yang dihitung dalam nilai dan peringkat.")
    _edit_form(ws)
    _upload_form()

with tab_skor:
    left, right = st.columns(2)
    left.subheader("Nilai komponen terhadap maksimum", anchor=False)
    if not s["komponen"].empty:
        left.plotly_chart(component_chart(s["komponen"]), key="lke_komponen")
    sub = s["subkomponen"][list(SUB_COLUMNS)].rename(columns=SUB_COLUMNS)
    left.dataframe(styled(sub, {"Bobot": 1, "Nilai": 2}), hide_index=True)
    hist = svc.history(h, actor, unit)
    right.subheader("Riwayat nilai SAKIP", anchor=False)
    if hist.empty:
        right.info("Belum ada riwayat.")
    else:
        right.plotly_chart(history_chart(hist, "nilai", "Nilai SAKIP"), key="lke_riwayat")
        hist_view = hist.rename(columns=str.capitalize)
        right.dataframe(styled(hist_view, {"Nilai": 2}), hide_index=True)
    if actor.peran in svc.HISTORY_ROLES:
        with right.form("lke_riwayat_form"):
            st.write("Catat hasil evaluasi resmi tahun lalu")
            c = st.columns(3)
            th = c[0].number_input("Tahun", 2010, 2100, tahun - 3, key="rw_tahun")
            nilai = c[1].number_input("Nilai", 0.0, 100.0, 60.0, step=0.01, key="rw_nilai")
            sumber = c[2].text_input("Sumber", "LHE KemenPAN-RB", key="rw_sumber")
            saved = st.form_submit_button("Simpan riwayat") and run_action(
                svc.add_past_result, h, actor, "sakip", int(th), unit, float(nilai), sumber
            )
            if saved:
                st.rerun()

with tab_sim:
    answers = ws.dropna(subset=["jawaban_penetapan"]).rename(
        columns={"jawaban_penetapan": "jawaban"})[
        ["komponen", "subkomponen", "kode_kriteria", "kriteria", "jawaban"]]  # fmt: skip
    codes = [c for _, c, _ in PREDIKAT]
    target = st.selectbox("Target predikat", codes[:-1], index=codes.index("BB"), key="lke_target")
    p = whatif.plan(answers, target)
    if not p.reachable:
        st.warning("Target tidak dapat dicapai walau semua kriteria bernilai maksimum.")
    elif p.items.empty:
        st.success(f"Nilai {angka(p.total_now, 2)} sudah mencapai predikat {target}.")
    else:
        st.write(f"Perlu naik dari {angka(p.total_now, 2)} ke sekurang-kurangnya "
                 f"{angka(p.total_target, 2)}: {len(p.items)} kriteria paling sedikit, "
                 "diurutkan menurut poin per langkah jawaban.")  # fmt: skip
        plan_view = p.items[list(PLAN_COLUMNS)].rename(columns=PLAN_COLUMNS)
        st.dataframe(as_text(plan_view, {"Tambahan nilai": 2, "Nilai per langkah": 2}),
                     hide_index=True)  # fmt: skip
    st.subheader("Simulasi bebas", anchor=False)
    st.caption("Ubah kolom Jawaban (Y/T, A–E atau angka 0..1); nilai dihitung ulang langsung. "
               "Simulasi tidak disimpan.")  # fmt: skip
    edited = st.data_editor(
        answers, hide_index=True, key="lke_simulasi",
        disabled=["komponen", "subkomponen", "kode_kriteria", "kriteria"],
        column_config={"komponen": "Komponen", "subkomponen": "Subkomponen",
                       "kode_kriteria": "Kode", "kriteria": "Kriteria", "jawaban": "Jawaban"},
    )  # fmt: skip
    try:
        sim = whatif.simulate(edited)
        st.metric("Nilai simulasi", angka(sim["total"], 2),
                  delta=angka(sim["total"] - s["total"], 2))  # fmt: skip
        st.metric("Predikat simulasi", predikat_text(str(sim["predikat"])))
    except ValueError as exc:
        show_error(exc)

with tab_lhe:
    lhe_view.show_lke_tab(actor, tahun, unit)
