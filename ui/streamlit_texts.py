"""Streamlit's own interface texts in Bahasa Indonesia (Streamlit 1.67 has no locale setting).

The uploader's "Upload" and "50MB per file", the multiselect's "Select all" and "No results",
the menu's "3 more", the dataframe toolbar's "Download as CSV" and the like are written by
Streamlit's front end in English. `install()` mounts, once per run at the top of app.py, a
Streamlit v2 component without a visible part whose JavaScript (`streamlit_texts.js`) watches the
page with a MutationObserver and rewrites a text node or an aria-label / title / placeholder
whose whole value is one of the texts below (`EXACT`) or matches one of the anchored `PATTERNS`.

Only these fixed strings are written (as text, never HTML), nothing is fetched, and text the app
writes itself (Markdown: titles, labels, captions, table cells) is never touched. What is left in
English is listed in `UNTRANSLATED` with the reason.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

JS_FILE = Path(__file__).with_name("streamlit_texts.js")

# Streamlit's text -> ours; the whole text must match (after trimming spaces)
EXACT: dict[str, str] = {
    # st.file_uploader
    "Upload": "Unggah",
    "Upload directories": "Unggah folder",
    "Add files": "Tambah berkas",
    "Browse files": "Pilih berkas",
    "Drag and drop file here": "Seret dan lepas berkas di sini",
    "Drag and drop a file here": "Seret dan lepas berkas di sini",
    "Drag and drop files here": "Seret dan lepas berkas di sini",
    "Drag and drop directories here": "Seret dan lepas folder di sini",
    "File size is too small.": "Ukuran berkas terlalu kecil.",
    "Only one file is allowed.": "Hanya satu berkas yang boleh diunggah.",
    "File type not allowed.": "Jenis berkas tidak diizinkan.",
    "Unexpected error. Please try again.": "Terjadi kesalahan. Silakan coba lagi.",
    "Remove file": "Hapus berkas",
    # st.multiselect, st.selectbox
    "Select all": "Pilih semua",
    "No results": "Tidak ada hasil",
    "Clear all": "Hapus semua",
    "Clear value": "Hapus nilai",
    "Open": "Buka",
    "Selected values": "Nilai terpilih",
    "Selectbox options": "Pilihan",
    "Choose an option": "Pilih salah satu",
    "Choose options": "Pilih satu atau lebih",
    "Choose or add an option": "Pilih atau tambah pilihan",
    "Choose or add options": "Pilih atau tambah pilihan",
    "Add an option": "Tambah pilihan",
    "Add options": "Tambah pilihan",
    "No options to select": "Tidak ada pilihan",
    "No options to select.": "Tidak ada pilihan.",
    # the menu bar of st.navigation, the sidebar, toasts
    "View less": "Lebih sedikit",
    "view more": "selengkapnya",
    "view less": "lebih sedikit",
    "App pages": "Halaman aplikasi",
    "Close": "Tutup",
    # st.dataframe toolbar, column menu and search
    "Download as CSV": "Unduh sebagai CSV",
    "Search": "Cari",
    "Close Search": "Tutup pencarian",
    "Next Result": "Hasil berikutnya",
    "Previous Result": "Hasil sebelumnya",
    "Fullscreen": "Layar penuh",
    "Close fullscreen": "Tutup layar penuh",
    "Show/hide columns": "Tampilkan/sembunyikan kolom",
    "Clear selection": "Hapus pilihan",
    "Add row": "Tambah baris",
    "Delete row(s)": "Hapus baris",
    "Sort ascending": "Urutkan naik",
    "Sort descending": "Urutkan turun",
    "Pin column": "Sematkan kolom",
    "Unpin column": "Lepas sematan kolom",
    "Hide column": "Sembunyikan kolom",
    "Autosize": "Lebar otomatis",
    "Copy column name": "Salin nama kolom",
    "Dataframe column menu": "Menu kolom",
    "No data": "Tidak ada data",
    # the plotly chart's mode bar (st.plotly_chart)
    "Download plot as a PNG": "Unduh grafik sebagai PNG",
    "Download plot": "Unduh grafik",
    "Zoom": "Perbesar area",
    "Pan": "Geser",
    "Box Select": "Pilih kotak",
    "Lasso Select": "Pilih laso",
    "Zoom in": "Perbesar",
    "Zoom out": "Perkecil",
    "Autoscale": "Skala otomatis",
    "Reset axes": "Kembalikan sumbu",
    "Reset view": "Kembalikan tampilan",
    "Toggle Spike Lines": "Garis bantu",
    "Show closest data on hover": "Data terdekat saat disorot",
    "Compare data on hover": "Bandingkan data saat disorot",
    "Double-click to zoom back out": "Klik dua kali untuk kembali",
    "Taking snapshot - this may take a few seconds": "Membuat gambar, mohon tunggu",
    "Snapshot succeeded": "Gambar dibuat",
    # the app's frame, status and main menu
    "Skip to main content": "Lompat ke isi utama",
    "file upload": "unggah berkas",
    "Running...": "Memproses...",
    "Stop": "Hentikan",
    "Main menu": "Menu utama",
    "Rerun": "Muat ulang",
    "Print": "Cetak",
    "Settings": "Pengaturan",
    "Clear cache": "Hapus cache",
    "Copied to clipboard": "Disalin",
    "Copy to clipboard": "Salin",
}

# (regular expression, replacement): anchored on the whole text; $1 is the first group
PATTERNS: list[tuple[str, str]] = [
    (r"Limit (.+) per file", "Maks. $1 per berkas"),
    (r"([\d.]+)([KMG]?B) per file", "Maks. $1 $2 per berkas"),
    (r"(\S+) per file", "Maks. $1 per berkas"),
    (r"File must be (.+) or smaller\.", "Berkas paling besar $1."),
    (r"(.+) files are not allowed\.", "Berkas $1 tidak diizinkan."),
    (r"\+(\d+) more", "+$1 lainnya"),
    (r"(\d+) more", "$1 lainnya"),
    (r"View (\d+) more", "Tampilkan $1 lainnya"),
    (r"Select (\d+) matches", "Pilih $1 yang cocok"),
    (r"Download as CSV: (.+)", "Unduh sebagai CSV: $1"),
    (r"Search: (.+)", "Cari: $1"),
    (r"Fullscreen: (.+)", "Layar penuh: $1"),
    (r"Show/hide columns: (.+)", "Tampilkan/sembunyikan kolom: $1"),
    (r"You can only select up to (\d+) options?\. Remove an option first\.",
     "Paling banyak $1 pilihan. Hapus salah satu dahulu."),
    (r"Press Enter to apply", "Tekan Enter untuk menerapkan"),
    (r"Press Enter to submit form", "Tekan Enter untuk mengirim"),
    (r"Press (⌘|Ctrl)\+Enter to apply", "Tekan $1+Enter untuk menerapkan"),
    (r"Press (⌘|Ctrl)\+Enter to submit form", "Tekan $1+Enter untuk mengirim"),
]  # fmt: skip

UNTRANSLATED: dict[str, str] = {
    "date picker calendar (month and day names, 'Choose date' labels)": (
        "drawn by the date picker with its own English locale inside aria-labels that combine "
        "the date; the app shows dates as DD/MM/YYYY in the field itself"
    ),
    "texts drawn on the dataframe canvas (a cell's 'None' for an empty value)": (
        "painted on a canvas, not in the page; tables pass `placeholder` instead"
    ),
    "Streamlit's connection error dialog": "shown when the server is gone, before any script runs",
}


KEY = "sakip_teks_streamlit"


def dictionary() -> dict[str, object]:
    """What the JavaScript gets as `data` (with the class of the component's own block, which
    it hides: Streamlit gives a keyed element the class `st-key-<key>`)."""
    return {"exact": EXACT, "patterns": [list(p) for p in PATTERNS], "container": f"st-key-{KEY}"}


_mount = st.components.v2.component(KEY, js=JS_FILE.read_text("utf-8"))


def install() -> None:
    """Translate Streamlit's own texts in this browser tab (call once per run, before the page)."""
    _mount(data=dictionary(), key=KEY)
