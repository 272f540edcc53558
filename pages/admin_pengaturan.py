"""Admin: settings (CAP, thresholds, idle minutes, evidence size, deadline day, composite
weights) and the kategori scale. Every change is in the audit log with old and new value."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sakip_core import admin
from sakip_core.access import ADMIN
from sakip_core.pk.wording import DEFAULT_WORDING, wording_from
from sakip_core.settings import Band, bands
from ui import data
from ui.reporting import run_action
from ui.session import require_login

PK_TEXTS = {
    "pernyataan": "Kalimat pembuka",
    "janji": "Janji pihak pertama",
    "tanggung_jawab": "Tanggung jawab",
    "supervisi": "Supervisi pihak kedua",
}


def overrides(texts: dict[str, str], pakta: str) -> dict[str, object]:
    """Only what differs from the standard wording is stored (a later default change applies)."""
    out: dict[str, object] = {
        k: v.strip() for k, v in texts.items() if v.strip() and v.strip() != DEFAULT_WORDING[k]
    }
    points = [line.strip() for line in pakta.splitlines() if line.strip()]
    if points and points != list(DEFAULT_WORDING["pakta"]):
        out["pakta"] = points
    return out


actor = require_login(set(ADMIN))
h = data.handle()
st.title("Pengaturan", anchor=False)
flash = st.session_state.pop("atur_pesan", None)
if flash:
    st.success(flash)

NUMBERS = {
    "cap": ("Batas atas capaian (CAP, %)", 1.0, 1000.0),
    "skor_rendah": ("Skor dianggap rendah di bawah", 0.0, 200.0),
    "serapan_tinggi": ("Serapan dianggap tinggi mulai (%)", 0.0, 100.0),
    "ambang_efisiensi": ("LKjIP: program efisien bila capaian − serapan mulai", -100.0, 100.0),
    "menit_sesi_idle": ("Sesi berakhir setelah menganggur (menit)", 1.0, 1440.0),
    # at most server.maxUploadSize (50 MB): Streamlit refuses larger files before we see them
    "maks_mb_bukti": ("Ukuran maksimum bukti dukung (MB)", 0.1, 50.0),
    "hari_batas_lapor": ("Tanggal batas lapor bawaan (bulan berikutnya)", 1.0, 28.0),
    "jam_sesi_maks": ("Sesi berakhir paling lambat setelah (jam)", 1.0, 168.0),
    "maks_mb_unggah": ("Ukuran maksimum berkas unggahan data (MB)", 1.0, 50.0),
    "maks_mb_xlsx_terurai": ("Ukuran maksimum isi .xlsx setelah diurai (MB)", 1.0, 500.0),
    "maks_baris_unggah": ("Baris data maksimum per berkas", 1.0, 5_000_000.0),
    "maks_kolom_unggah": ("Kolom maksimum per berkas", 5.0, 1000.0),
    "maks_sel_unggah": ("Sel maksimum per berkas (baris × kolom)", 100.0, 50_000_000.0),
    "maks_panjang_teks": ("Panjang teks maksimum per sel (karakter)", 10.0, 100_000.0),
    "maks_panjang_kode": ("Panjang kode maksimum (karakter)", 5.0, 1000.0),
    "maks_masalah_ditampilkan": ("Masalah yang ditampilkan untuk berkas ditolak", 10.0, 10_000.0),
}

with st.form("atur_angka"):
    st.subheader("Angka", anchor=False)
    values = {}
    cols = st.columns(3)
    for i, (key, (label, lo, hi)) in enumerate(NUMBERS.items()):
        values[key] = cols[i % 3].number_input(
            label, min_value=lo, max_value=hi, value=float(data.setting(key)), key=f"atur_{key}"
        )
    st.subheader("Bobot indeks kinerja komposit", anchor=False)
    weights = dict(data.setting("bobot_indeks_kinerja"))
    wcols = st.columns(len(weights))
    new_weights = {
        k: wcols[i].number_input(k, min_value=0.0, max_value=100.0, value=float(v), key=f"w_{k}")
        for i, (k, v) in enumerate(weights.items())
    }
    if st.form_submit_button("Simpan pengaturan", type="primary"):
        ok = all(
            run_action(admin.set_setting_audited, h, actor, k, v)
            for k, v in values.items()
            if v != float(data.setting(k))
        )
        if sum(new_weights.values()) <= 0:
            st.error("Jumlah bobot harus lebih dari 0.")
        elif ok and run_action(
            admin.set_setting_audited, h, actor, "bobot_indeks_kinerja", new_weights
        ):
            st.session_state["atur_pesan"] = "Pengaturan disimpan."
            st.rerun()

st.subheader("Skala kategori", anchor=False)
st.caption("Nilai mendapat label kategori dengan batas bawah tertinggi yang dicapainya.")
scale = pd.DataFrame([b.__dict__ for b in bands(h)])
edited = st.data_editor(
    scale,
    num_rows="dynamic",
    hide_index=True,
    key="atur_skala",
    column_config={
        "batas_bawah": st.column_config.NumberColumn("batas bawah", min_value=0.0, required=True),
        "label": st.column_config.TextColumn("label", required=True),
        "warna": st.column_config.TextColumn("warna (#rrggbb)", validate=r"^#[0-9a-fA-F]{6}$"),
    },
)
if st.button("Simpan skala kategori", key="atur_skala_simpan"):
    rows = edited.dropna(subset=["batas_bawah", "label"])
    new = [
        Band(float(r.batas_bawah), str(r.label), str(r.warna or "#999999"))
        for r in rows.itertuples()
    ]
    if run_action(admin.set_bands_audited, h, actor, new):
        st.session_state["atur_pesan"] = "Skala kategori disimpan."
        st.rerun()

st.subheader("Perjanjian Kinerja", anchor=False)
st.caption(
    "Kop, tempat dan teks baku dokumen PK (PermenPAN-RB 53/2014). Kosongkan sebuah teks untuk "
    "kembali ke teks baku."
)
with st.form("atur_pk"):
    nama_pemda = st.text_input("Nama pemerintah daerah (kop)", str(data.setting("nama_pemda")))
    tempat = st.text_input("Tempat penandatanganan", str(data.setting("tempat_pk")))
    words = wording_from(data.setting("teks_pk"))
    texts = {
        key: st.text_area(label, getattr(words, key), key=f"atur_pk_{key}")
        for key, label in PK_TEXTS.items()
    }
    pakta = st.text_area("Butir pakta integritas (satu butir per baris)", "\n".join(words.pakta))
    c1, c2 = st.columns(2)
    save = c1.form_submit_button("Simpan teks PK", type="primary")
    reset = c2.form_submit_button("Kembalikan teks baku")
if save or reset:
    chosen = {} if reset else overrides(texts, pakta)
    steps = [("teks_pk", chosen), ("nama_pemda", nama_pemda.strip()), ("tempat_pk", tempat.strip())]
    if all(run_action(admin.set_setting_audited, h, actor, k, v) for k, v in steps):
        st.session_state["atur_pesan"] = "Teks PK disimpan." if save else "Teks baku PK dipulihkan."
        st.rerun()

st.subheader("Laporan Rapim", anchor=False)
st.caption(
    "Penanda tangan di akhir PDF Rapim, di bawah tempat (Tempat penandatanganan di atas) dan "
    "tanggal cetak. Nama kosong: baris titik-titik untuk ditandatangani."
)
SIGNER = {
    "jabatan_ttd_rapim": "Jabatan penanda tangan",
    "nama_ttd_rapim": "Nama penanda tangan",
    "nip_ttd_rapim": "NIP penanda tangan",
}
with st.form("atur_rapim"):
    signer = {
        k: st.text_input(label, str(data.setting(k)), key=f"atur_{k}")
        for k, label in SIGNER.items()
    }
    if st.form_submit_button("Simpan penanda tangan Rapim"):
        changed = {k: v.strip() for k, v in signer.items() if v.strip() != str(data.setting(k))}
        if all(run_action(admin.set_setting_audited, h, actor, k, v) for k, v in changed.items()):
            st.session_state["atur_pesan"] = "Penanda tangan laporan Rapim disimpan."
            st.rerun()
