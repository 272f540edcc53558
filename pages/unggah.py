"""Unggah realisasi: template, upload with every problem at once, preview, confirm, evidence,
submit for verification. Operators work on their own OPD; the admin chooses an OPD."""

from __future__ import annotations

import streamlit as st

from sakip_core import evidence, workflow
from sakip_core.fmt import angka
from sakip_core.io.importer import SKIP_NOTE, CheckResult, check_upload, import_upload
from sakip_core.io.reader import SHEET_NOTE
from sakip_core.io.templates import template_bytes, template_frame
from sakip_core.lkjip.reasons import missing_reasons_in_file
from sakip_core.preview import counts, preview_realisasi
from ui import data, todo_view
from ui.period import start_on
from ui.reporting import (
    opd_names,
    opd_options,
    period_label,
    quarter_notice,
    run_write,
    show_problems,
    show_table,
    status_text,
)
from ui.session import require_login
from ui.text import md, nama_triwulan

actor = require_login({"operator", "admin"})
h = data.handle()
# the same setting bounds the check (sakip_core.io.reader.UploadLimits) and the CLI import
MAX_UPLOAD_MB = max(1, int(float(data.setting("maks_mb_unggah")) + 0.999))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title("Unggah Realisasi", anchor=False)
c_opd, c_tahun, c_tw = st.columns([3, 1, 1], vertical_alignment="bottom")
if actor.is_operator:
    kode_opd = str(actor.kode_opd)
    c_opd.text_input("OPD", value=f"{kode_opd} {opd_names().get(kode_opd, '')}", disabled=True)
else:
    opds = opd_options()
    names = dict(zip(opds["kode_opd"], opds["nama_opd"], strict=True))
    kode_opd = c_opd.selectbox("OPD", list(names), format_func=lambda k: f"{k} {names[k]}")
years = data.years()
if not years or kode_opd is None:
    st.info("Belum ada indikator kinerja; admin perlu mengunggah Perjanjian Kinerja dulu.")
    st.stop()
start_on(years, "unggah_tahun", "unggah_tw", todo_view.open_period())
tahun = int(c_tahun.selectbox("Tahun", years, key="unggah_tahun"))
triwulan = int(c_tw.selectbox("Triwulan", [1, 2, 3, 4], key="unggah_tw", format_func=nama_triwulan))
label = period_label(tahun, triwulan)
locked = quarter_notice(tahun, triwulan)
flash = st.session_state.pop("unggah_pesan", None)
if flash:
    st.success(flash)

st.subheader("1. Unduh templat", anchor=False)
frame = template_frame(h, "realisasi", kode_opd, tahun, triwulan)
if frame.empty:
    st.info(f"OPD ini belum memiliki indikator untuk tahun {tahun}.")
    st.stop()
st.download_button(
    f"Unduh templat {label} ({len(frame)} indikator)",
    data=template_bytes(frame, "realisasi"),
    file_name=f"realisasi_{kode_opd}_{tahun}_tw{triwulan}.xlsx",
    mime=XLSX,
    icon=":material/download:",
)
st.caption(
    "Isi kolom realisasi indikator yang dilaporkan. Realisasi yang dibiarkan kosong berarti "
    "belum dilaporkan: baris itu dilewati dan nilai yang sudah tersimpan tidak berubah."
)

st.subheader("2. Unggah berkas terisi", anchor=False)
round_key = f"unggah_berkas_{st.session_state.get('unggah_putaran', 0)}"
upload = st.file_uploader(
    f"Berkas realisasi (.xlsx atau .csv; maks. {MAX_UPLOAD_MB} MB)",
    type=["xlsx", "csv"],
    key=round_key,
    disabled=locked,
    max_upload_size=MAX_UPLOAD_MB,
)


def _confirm(data_bytes: bytes, nama: str) -> None:
    result = run_write(import_upload, h, "realisasi", data_bytes, nama, actor)
    if result is None:
        return
    if not result.ok:  # something changed since the preview (e.g. the quarter was locked)
        show_problems(result.check)
        return
    b = result.batch
    skipped = result.check.jumlah_dilewati
    st.session_state["unggah_pesan"] = (
        f"Tersimpan sebagai batch {b.batch_id}: {b.baru} baru, {b.berubah} berubah, "
        f"{b.sama} sama" + (f", {skipped} dilewati (belum dilaporkan)" if skipped else "")
        + ". Jangan lupa mengajukan untuk verifikasi."
    )  # fmt: skip
    st.session_state["unggah_putaran"] = st.session_state.get("unggah_putaran", 0) + 1
    st.rerun()


def _notes(check: CheckResult) -> None:
    """Which sheet was read as a caption; the skipped count is in the preview; the rest warn."""
    for note in check.warnings:
        if note.startswith(SHEET_NOTE):
            st.caption(md(note))  # sheet and column names come from the file
        elif SKIP_NOTE not in note:
            st.warning(md(note))


if upload is not None:
    raw = upload.getvalue()
    check = check_upload(h, "realisasi", raw, upload.name, actor)
    _notes(check)
    if not check.ok:
        show_problems(check)
    else:
        other = check.rows[(check.rows["tahun"] != tahun) | (check.rows["triwulan"] != triwulan)]
        if not other.empty:
            st.error(
                f"Berkas berisi {len(other)} baris di luar {label}; pilih periode yang sesuai."
            )
        else:
            preview = preview_realisasi(h, actor, check)
            n = counts(preview)
            skipped = (
                f" {n['dilewati']} indikator dilewati (belum dilaporkan; realisasi kosong)."
                if n["dilewati"]
                else ""
            )
            st.info(
                f"Pratinjau: {n['baru']} baru, {n['berubah']} berubah, {n['sama']} sama."
                f"{skipped} Belum ada yang disimpan."
            )
            order = {"berubah": 0, "baru": 1, "sama": 2, "dilewati": 3}  # changes first
            shown = preview.sort_values("perubahan", key=lambda c: c.map(order), kind="stable")
            shown = shown.assign(
                lama=shown["nilai_lama"].map(lambda v: angka(v, 2)),
                baru=shown["nilai_baru"].map(lambda v: angka(v, 2)),
            )
            show_table(shown[["kode_indikator", "perubahan", "lama", "baru", "keterangan_baru"]])
            unexplained = missing_reasons_in_file(h, actor, check.rows)
            if len(unexplained):
                st.warning(
                    f"{len(unexplained)} indikator di bawah kategori Tinggi belum diberi "
                    "faktor_penghambat (diminta untuk LKjIP): "
                    + "; ".join(f"{k} ({angka(c, 2)} %)" for k, c in zip(
                        unexplained["kode_indikator"], unexplained["capaian"], strict=True))
                )  # fmt: skip
            if st.button("Simpan realisasi", type="primary", icon=":material/save:"):
                _confirm(raw, upload.name)

st.subheader("3. Status dan bukti dukung", anchor=False)
values = workflow.read_realisasi(h, actor, tahun, triwulan, kode_opd)
if values.empty:
    st.caption(f"Belum ada realisasi {label} untuk OPD ini.")
    st.stop()
first = values["status"].eq("ditolak").map({True: 0, False: 1})  # rejected values on top
table = values.assign(_urut=first).sort_values("_urut", kind="stable")
table = table.assign(status=table["status"].map(status_text))
table["realisasi"] = table["realisasi"].map(lambda v: angka(v, 2))
show_table(
    table[["kode_indikator", "indikator", "realisasi", "status", "catatan_verifikasi",
           "jumlah_bukti"]]
)  # fmt: skip
rejected = values[values["status"] == "ditolak"]
if not rejected.empty:
    st.warning(
        f"{len(rejected)} realisasi ditolak verifikator; perbaiki nilainya (unggah ulang) "
        "lalu ajukan kembali. Catatan verifikator ada di tabel (baris yang ditolak di atas)."
    )

with st.expander("Unggah bukti dukung per indikator", expanded=False):
    kode = st.selectbox("Indikator", values["kode_indikator"].tolist(), key="bukti_indikator")
    limit = float(data.setting("maks_mb_bukti"))
    berkas = st.file_uploader(
        f"Berkas bukti (PDF, JPG, PNG, XLSX, DOCX; maks. {angka(limit, 0)} MB)",
        type=["pdf", "jpg", "jpeg", "png", "xlsx", "docx"], key="bukti_berkas", disabled=locked,
        max_upload_size=max(1, int(limit + 0.999)),
    )  # fmt: skip
    if berkas is not None and st.button("Simpan bukti", icon=":material/attach_file:"):
        key = (tahun, triwulan, kode_opd, kode)
        stored = run_write(evidence.store, h, actor, key, berkas.name, berkas.getvalue())
        if stored is not None:
            st.success(f"Bukti {md(berkas.name)} tersimpan.")
    files = evidence.list_evidence(h, actor, tahun, triwulan, kode_opd)
    if not files.empty:
        show_table(files[["kode_indikator", "nama_asli", "jenis", "ukuran", "waktu"]])

st.subheader("4. Ajukan untuk verifikasi", anchor=False)
pending = values[values["status"].isin(["draft", "ditolak"])]
st.caption(f"{len(pending)} realisasi berstatus draf atau ditolak siap diajukan.")
if st.button("Ajukan untuk verifikasi", disabled=locked or pending.empty, type="primary"):
    sel = workflow.Selection(tahun, triwulan, kode_opd)
    moved = run_write(workflow.submit, h, actor, sel)
    if moved:
        st.session_state["unggah_pesan"] = f"{moved} realisasi diajukan untuk verifikasi."
        st.rerun()
