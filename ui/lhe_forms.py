"""The writing side of the LKE page's "Tindak lanjut LHE" tab: a follow-up with its evidence
(operator of the unit's OPD, admin), the Inspektorat's verdict (verifikator), a recommendation
entered or a whole `lhe` file uploaded (admin). Every write goes through `ui.reporting.run_write`
(refusals shown, the data version bumped by the core)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sakip_core import lhe
from sakip_core.access import ADMIN
from sakip_core.auth import Actor
from sakip_core.io.importer import check_upload, import_upload
from sakip_core.io.schema import KOMPONEN
from sakip_core.io.templates import template_bytes, template_frame
from sakip_core.lhe.follow_up import RECORDERS
from ui import data
from ui.lke_view import KOMPONEN_NAMA, as_text
from ui.reporting import run_action, run_write, show_problems, show_warnings

STATUS_LABEL = {"belum": "Belum", "proses": "Dalam proses", "selesai": "Selesai"}
VERIFIKASI_LABEL = {"menunggu": "Menunggu", "diverifikasi": "Diverifikasi", "ditolak": "Ditolak"}
EVIDENCE_TYPES = ["pdf", "jpg", "jpeg", "png", "xlsx", "docx"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HISTORY_HEADS = {
    "waktu": "Waktu", "pengguna": "Oleh", "status": "Status", "uraian": "Uraian",
    "nama_bukti": "Bukti", "verifikasi": "Verifikasi", "catatan_verifikasi": "Catatan Inspektorat",
    "diverifikasi_oleh": "Diverifikasi oleh", "diverifikasi_pada": "Waktu verifikasi",
}  # fmt: skip


def _done(message: str) -> None:
    st.session_state["lhe_pesan"] = message
    st.session_state["lhe_putaran"] = st.session_state.get("lhe_putaran", 0) + 1
    st.rerun()


def _slot(rec: pd.Series) -> str:
    turn = st.session_state.get("lhe_putaran", 0)
    return f"{rec['tahun']}_{rec['kode_unit']}_{rec['kode_rekomendasi']}_{turn}"


def evidence_download(actor: Actor, rec: pd.Series) -> None:
    if pd.isna(rec["bukti_id"]):
        return
    try:
        nama, isi = lhe.read_evidence(data.handle(), actor, int(rec["bukti_id"]))
    except lhe.LheError as exc:
        st.warning(str(exc))
        return
    st.download_button(f"Unduh bukti terakhir ({nama})", isi, file_name=nama,
                       icon=":material/download:", on_click="ignore",
                       key=f"lhe_bukti_{_slot(rec)}")  # fmt: skip


def history(actor: Actor, rec: pd.Series) -> None:
    past = lhe.history(data.handle(), actor, int(rec["tahun"]), rec["kode_unit"],
                       rec["kode_rekomendasi"])  # fmt: skip
    if past.empty:
        return
    with st.expander(f"Riwayat tindak lanjut ({len(past)} catatan)"):
        shown = past[list(HISTORY_HEADS)].rename(columns=HISTORY_HEADS)
        shown["Status"] = shown["Status"].map(STATUS_LABEL)
        shown["Verifikasi"] = shown["Verifikasi"].map(VERIFIKASI_LABEL)
        shown.loc[past["status"] != "selesai", "Verifikasi"] = None  # only a selesai is judged
        st.dataframe(as_text(shown, {}), hide_index=True, width="stretch")


def _may_record(actor: Actor, unit: str) -> bool:
    return actor.peran in RECORDERS and (not actor.is_operator or unit == actor.kode_opd)


def follow_up_form(actor: Actor, rec: pd.Series) -> None:
    """What was done, the status and the evidence; a verified follow-up is final."""
    if not _may_record(actor, rec["kode_unit"]) or rec["keadaan"] == "tuntas":
        return
    current = rec["status"] if rec["keadaan"] != "ditolak" else "proses"
    with st.form(f"lhe_tl_{_slot(rec)}", border=True):
        st.markdown("**Catat tindak lanjut**")
        before = rec["uraian"] if isinstance(rec["uraian"], str) else ""
        uraian = st.text_area("Uraian tindak lanjut", value=before)
        status = st.radio("Status tindak lanjut", list(STATUS_LABEL), horizontal=True,
                          index=list(STATUS_LABEL).index(current),
                          format_func=STATUS_LABEL.get)  # fmt: skip
        berkas = st.file_uploader("Berkas bukti dukung (PDF, JPG, PNG, XLSX, DOCX)",
                                  type=EVIDENCE_TYPES)  # fmt: skip
        sent = st.form_submit_button("Simpan tindak lanjut", type="primary")
    if not sent:
        return
    follow = lhe.FollowUp(int(rec["tahun"]), rec["kode_unit"], rec["kode_rekomendasi"],
                          uraian, status)  # fmt: skip
    file = (berkas.name, berkas.getvalue()) if berkas is not None else None
    if run_write(lhe.record_follow_up, data.handle(), actor, follow, file) is not None:
        _done(f"Tindak lanjut rekomendasi {rec['kode_rekomendasi']} disimpan.")


def verify_form(actor: Actor, rec: pd.Series) -> None:
    """The Inspektorat's verdict on a follow-up declared selesai."""
    if actor.peran not in lhe.VERIFIERS or rec["keadaan"] != "menunggu":
        return
    with st.container(border=True):
        st.markdown("**Verifikasi Inspektorat**")
        catatan = st.text_input("Catatan verifikasi", key=f"lhe_catatan_{_slot(rec)}")
        c1, c2 = st.columns(2)
        setuju = c1.button("Verifikasi selesai", type="primary", key=f"lhe_ok_{_slot(rec)}")
        tolak = c2.button("Tolak tindak lanjut", key=f"lhe_tolak_{_slot(rec)}")
    if not (setuju or tolak):
        return
    tl_id = int(rec["tindak_lanjut_id"])
    if not run_action(lhe.verify, data.handle(), actor, tl_id, setuju, catatan):
        return
    _done(f"Rekomendasi {rec['kode_rekomendasi']} " + ("diverifikasi." if setuju else "ditolak."))


def admin_forms(actor: Actor, tahun: int, unit: str) -> None:
    """The admin enters one recommendation for the page's unit and year, or uploads a file."""
    if actor.peran not in ADMIN:
        return
    with st.expander("Tambah atau ubah rekomendasi LHE"):
        _entry_form(actor, tahun, unit)
    with st.expander("Unggah berkas LHE (.xlsx/.csv)"):
        _upload(actor, tahun, unit)


def _entry_form(actor: Actor, tahun: int, unit: str) -> None:
    turn = st.session_state.get("lhe_putaran", 0)
    with st.form(f"lhe_rekomendasi_{turn}", border=False):
        st.caption(f"Unit {unit}, tahun {tahun}. Kode yang sudah ada diganti; yang lama tersimpan "
                   "di riwayat.")  # fmt: skip
        c1, c2 = st.columns(2)
        kode = c1.text_input("Kode rekomendasi")
        komponen = c2.selectbox("Komponen LKE", list(KOMPONEN), format_func=KOMPONEN_NAMA.get)
        teks = st.text_area("Isi rekomendasi")
        c3, c4 = st.columns(2)
        batas = c3.date_input("Batas waktu", value=None, format="DD-MM-YYYY")
        pj = c4.text_input("Penanggung jawab")
        sent = st.form_submit_button("Simpan rekomendasi", type="primary")
    if not sent:
        return
    if batas is None:
        st.error("Batas waktu wajib diisi.")
        return
    rec = lhe.Recommendation(tahun, unit, kode.strip(), komponen, teks.strip(), batas,
                             pj.strip() or None)  # fmt: skip
    if run_write(lhe.add_recommendation, data.handle(), actor, rec) is not None:
        _done(f"Rekomendasi {rec.kode_rekomendasi} disimpan.")


def _upload(actor: Actor, tahun: int, unit: str) -> None:
    h = data.handle()
    frame = template_frame(h, "lhe", unit, tahun)
    st.download_button(f"Unduh templat LHE ({len(frame)} baris terisi)",
                       template_bytes(frame, "lhe"), file_name=f"lhe_{unit}_{tahun}.xlsx",
                       mime=XLSX, icon=":material/download:", on_click="ignore")  # fmt: skip
    turn = st.session_state.get("lhe_putaran", 0)
    up = st.file_uploader("Berkas LHE", type=["xlsx", "csv"], key=f"lhe_unggah_{turn}")
    if up is None:
        return
    raw = up.getvalue()
    check = check_upload(h, "lhe", raw, up.name, actor)
    show_warnings(check)
    if not check.ok:
        show_problems(check)
        return
    st.info(f"Berkas lolos pemeriksaan: {len(check.rows)} rekomendasi. Belum ada yang disimpan.")
    if st.button("Simpan LHE", type="primary", key="lhe_unggah_simpan"):
        result = run_write(import_upload, h, "lhe", raw, up.name, actor)
        if result is not None and not result.ok:
            show_problems(result.check)
        elif result is not None:
            b = result.batch
            _done(f"LHE tersimpan sebagai batch {b.batch_id}: {b.baru} baru, {b.berubah} berubah.")
