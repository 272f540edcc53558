"""Rapim: the OPD ranking for the leadership meeting, on a projector.

Leaderboard, who to reward and who to help, what changed since the last Rapim, the other
rankings (Indeks Kinerja, LKE, RB, serapan), the trend, exports, and the drill-down that a click
on a leaderboard row opens right under the table (also `?opd=<kode>`). An operator
sees only its own OPD's position and detail (rule in sakip_core.rapim.board, enforced there).
"""

from __future__ import annotations

import streamlit as st

from sakip_core.access import AccessDenied
from sakip_core.fmt import angka, persen
from sakip_core.rapim import ringkasan_perubahan
from sakip_core.rapim.board import perubahan_dari
from ui import rapim_data as rd
from ui import rapim_export, rapim_opd, rapim_tabs, rapim_view, session
from ui.session import require_login
from ui.text import md, nama_triwulan

# widget keys, also the URL parameters: a reload or a bookmark keeps the view
PRESENTASI_KEY = "presentasi"
TAB_KEY = "tab"
TABS = [
    "Sejak Rapim lalu",
    "Indeks Kinerja",
    "LKE internal",
    "Progress RB",
    "Serapan",
    "Tren",
]
BOARD_KEY = "rapim_peringkat"

actor = require_login()

head, slot_tahun, slot_triwulan, slot_mode = st.columns([5, 1, 1, 1.4], vertical_alignment="bottom")
period = rd.pick_period(slot_tahun, slot_triwulan)
presentasi = slot_mode.toggle(
    "Mode presentasi", key=PRESENTASI_KEY, help="Hanya peringkat, besar", bind="query-params"
)
if period is None:
    st.stop()
tahun, triwulan = period
label = f"{nama_triwulan(triwulan)} {tahun}"
head.title(f"Rapim · {label}" if presentasi else "Rapim: Peringkat Kinerja OPD", anchor=False)
try:
    board = rd.leaderboard(actor, tahun, triwulan)
except AccessDenied as exc:  # e.g. an operator account not bound to an OPD
    st.error(str(exc))
    st.stop()

if board.empty:
    st.info(f"Belum ada indikator kinerja tingkat OPD untuk tahun {tahun}; belum ada peringkat.")
    st.stop()
if actor.is_operator:
    row = board.iloc[0]
    st.info(
        f"Anda masuk sebagai operator **{md(row['nama_opd'])}**: hanya posisi dan rincian OPD "
        "Anda yang ditampilkan."
    )
    rapim_view.show_board(board, 20, key=BOARD_KEY)
    rapim_opd.show(actor, tahun, triwulan, board, str(row["kode_opd"]), closable=False)
    st.stop()
if int(board["jumlah_dilaporkan"].sum()) == 0:
    st.info(f"Belum ada realisasi yang dilaporkan untuk {label}. Pilih triwulan lain.")
    st.stop()

if presentasi:
    rapim_view.presentation(
        lambda: rd.leaderboard(actor, tahun, triwulan), 22, refresh=session.refresh_seconds()
    )
    st.stop()

belum = int(board["belum_lapor"].sum())
changes = perubahan_dari(board)
cols = st.columns(4)
cols[0].metric("OPD dinilai", angka(len(board), 0), border=True)
cols[1].metric("Rata-rata skor", angka(board["skor"].mean(), 2), border=True)
cols[2].metric("OPD belum lapor", angka(belum, 0), border=True)
cols[3].metric("Kepatuhan rata-rata", persen(board["kepatuhan"].mean(), 1), border=True)
st.markdown(f"**Sejak Rapim lalu** (triwulan sebelumnya): {md(ringkasan_perubahan(changes))}")

terbuka = rapim_opd.opened(board)
rapim_view.show_board(
    board, 20, key=BOARD_KEY, on_open=lambda: rapim_opd.open_from(BOARD_KEY), selected=terbuka
)
st.caption(
    f"{label}. Skor = rata-rata tertimbang capaian indikator tingkat OPD (tiap capaian dibatasi "
    f"{angka(rd.call_plain('cap_setting'), 0)} %; belum dilaporkan dihitung 0). "
    "=n: peringkat sama (seri). ▲/▼: naik/turun dibanding triwulan sebelumnya. "
    f"{rapim_view.BELUM_LAPOR}: tidak satu pun indikator dilaporkan. Data: terverifikasi = "
    "semua realisasi OPD sudah diverifikasi; sementara = sebagian belum. "
    "**Klik baris OPD untuk membuka rinciannya.**"
)
if terbuka is not None:
    rapim_opd.show(actor, tahun, triwulan, board, terbuka)
rapim_export.buttons(actor, tahun, triwulan)

kandidat = rd.kandidat(actor, tahun, triwulan)
left, right = st.columns(2, gap="large")
with left:
    rapim_view.show_panel(
        "Kandidat penghargaan", kandidat["penghargaan"], ":material/emoji_events:", "Tidak ada."
    )
with right:
    rapim_view.show_panel(
        "Perlu pendampingan", kandidat["pendampingan"], ":material/support:", "Tidak ada."
    )

tabs = st.tabs(TABS, key=TAB_KEY, bind="query-params")
views = {
    "Sejak Rapim lalu": lambda: rapim_tabs.changes_tab(changes),
    "Indeks Kinerja": lambda: rapim_tabs.indeks_tab(actor, tahun, triwulan),
    "LKE internal": lambda: rapim_tabs.lke_tab(actor, tahun),
    "Progress RB": lambda: rapim_tabs.rb_tab(actor, tahun, triwulan),
    "Serapan": lambda: rapim_tabs.serapan_tab(actor, tahun, triwulan),
    "Tren": lambda: rapim_tabs.tren_tab(actor, tahun, board),
}
for name, tab in zip(TABS, tabs, strict=True):
    if tab.open:
        with tab:
            views[name]()
