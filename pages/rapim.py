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
from sakip_core.rapim.sejak import ringkasan_sejak
from sakip_core.rapim.sesi import heat_table
from ui import lhe_view, rapim_export, rapim_opd, rapim_sesi, rapim_tabs, rapim_view, session
from ui import rapim_data as rd
from ui.rapim_tabs import BULAN
from ui.session import require_login
from ui.text import md, nama_triwulan

# widget keys, also the URL parameters: a reload or a bookmark keeps the view
PRESENTASI_KEY = "presentasi"
TAB_KEY = "tab"
TABS = [
    "Sejak Rapim lalu",
    "Indeks Kinerja",
    "LKE internal",
    "Tindak lanjut LHE",
    "Progress RB",
    "Serapan",
    "Tren",
]
BOARD_KEY = "rapim_peringkat"

actor = require_login()
st.html(rapim_view.NARROW_CSS)  # below 1280 px: the header row and the board keep their text

head, slot_tahun, slot_bulan, slot_triwulan, slot_mode = st.columns(
    [4, 1, 1.2, 1.3, 1.4], vertical_alignment="bottom"
)
period = rd.pick_period(slot_tahun, slot_bulan, slot_triwulan)
presentasi = slot_mode.toggle(
    "Mode presentasi", key=PRESENTASI_KEY, help="Hanya peringkat, besar", bind="query-params"
)
if period is None:
    st.stop()
tahun, triwulan = period.periode
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
    rapim_sesi.own_decisions(actor)
    st.stop()

if presentasi:
    if int(board["jumlah_dilaporkan"].sum()) == 0:
        st.info(f"Belum ada realisasi yang dilaporkan untuk {label}. Pilih triwulan lain.")
        st.stop()
    rapim_view.presentation(
        lambda: rd.leaderboard(actor, tahun, triwulan), 22, refresh=session.refresh_seconds()
    )
    st.stop()

view_slot, note_slot = st.columns([2, 3], vertical_alignment="bottom")
past = rapim_sesi.pick_view(actor, view_slot)
flash = st.session_state.pop("rapim_pesan", None)
if flash:
    st.success(flash)
if past is None:
    figs = rd.figures(actor, period.periode, period.month)
    last, since = rd.since_last(actor, period.periode, period.month)
    note_slot.caption(
        f"Data terkini: peringkat PK {label}"
        + (" (otomatis: triwulan terakhir yang batas waktunya sudah lewat)" if period.otomatis
           else "")
        + f"; RB dan serapan s.d. {BULAN[period.bulan - 1]} {period.tahun_bulan}."
    )  # fmt: skip
else:
    figs = rd.snapshot(actor, past.id)
    last = rd.session_before(actor, past.id)
    since = {"sejak": figs["sejak"], "tindak_lanjut": figs["tindak_lanjut"]}
    tahun, triwulan = past.tahun, past.triwulan
    label = f"{nama_triwulan(triwulan)} {tahun}"
    note_slot.info(
        f"Potret data {md(rapim_sesi.session_label(past))}, dibuka "
        f"{past.dibuka_pada:%d-%m-%Y %H:%M} oleh {md(past.dibuka_oleh)}: "
        f"{rapim_sesi.periode_text(past)}. Angka ditampilkan persis seperti saat itu; pilihan "
        "Tahun, Bulan dan Triwulan PK berlaku untuk Data terkini.",
        icon=":material/photo_camera:",
    )
board = figs["peringkat"]
if int(board["jumlah_dilaporkan"].sum()) == 0:
    st.info(f"Belum ada realisasi yang dilaporkan untuk {label}. Pilih triwulan lain.")
    st.stop()

belum = int(board["belum_lapor"].sum())
cols = st.columns(4)
cols[0].metric("OPD dinilai", angka(len(board), 0), border=True)
cols[1].metric("Rata-rata skor", angka(board["skor"].mean(), 2), border=True)
cols[2].metric("OPD belum lapor", angka(belum, 0), border=True)
cols[3].metric("Kepatuhan rata-rata", persen(board["kepatuhan"].mean(), 1), border=True)
changes = perubahan_dari(board)
if last is None:
    st.markdown(f"**Sejak Rapim lalu** (triwulan sebelumnya): {md(ringkasan_perubahan(changes))}")
else:
    st.markdown(
        f"**Sejak Rapim lalu** ({md(rapim_sesi.session_label(last))}): "
        f"{md(ringkasan_sejak(since['sejak']))}"
    )

live = past is None
terbuka = rapim_opd.opened(board) if live else None
rapim_view.show_board(
    board, 20, key=BOARD_KEY, selected=terbuka,
    on_open=(lambda: rapim_opd.open_from(BOARD_KEY)) if live else None,
)  # fmt: skip
st.caption(
    f"{label}. Skor = rata-rata tertimbang capaian indikator tingkat OPD (tiap capaian dibatasi "
    f"{angka(rd.call_plain('cap_setting'), 0)} %; belum dilaporkan dihitung 0). "
    "=n: peringkat sama (seri). ▲/▼: naik/turun dibanding triwulan sebelumnya. "
    f"{rapim_view.BELUM_LAPOR}: tidak satu pun indikator dilaporkan. Data: terverifikasi = "
    "semua realisasi OPD sudah diverifikasi; sementara = sebagian belum. "
    + ("**Klik baris OPD untuk membuka rinciannya.**" if live else "")
)
if terbuka is not None:
    rapim_opd.show(actor, tahun, triwulan, board, terbuka)
if live:
    rapim_export.buttons(actor, tahun, triwulan, period.month)
    rapim_sesi.open_form(actor, period)
else:
    rapim_export.buttons(actor, tahun, triwulan, sesi_id=past.id)

left, right = st.columns(2, gap="large")
with left:
    rapim_view.show_panel(
        "Kandidat penghargaan", figs["penghargaan"], ":material/emoji_events:", "Tidak ada."
    )
with right:
    rapim_view.show_panel(
        "Perlu pendampingan", figs["pendampingan"], ":material/support:", "Tidak ada."
    )
rapim_sesi.tindak_lanjut_panel(since["tindak_lanjut"], last)
if past is not None:
    rapim_sesi.decisions_section(actor, past, figs)

tabs = st.tabs(TABS if live else TABS[:-1], key=TAB_KEY, bind="query-params")
views = {
    "Sejak Rapim lalu": lambda: (
        rapim_tabs.changes_tab(changes) if last is None
        else rapim_sesi.sejak_tab(since["sejak"], last)
    ),
    "Indeks Kinerja": lambda: rapim_tabs.indeks_tab(figs["indeks"], tahun, triwulan),
    "LKE internal": lambda: rapim_tabs.lke_tab(figs["lke"], tahun),
    "Tindak lanjut LHE": lambda: lhe_view.show_rapim_tab(actor, tahun, figs.get("lhe")),
    "Progress RB": lambda: rapim_tabs.rb_tab(
        figs["rb"], heat_table(figs["rb_peta"]), (period.tahun_bulan, period.bulan)
        if live else (past.tahun_bulan, past.bulan)
    ),
    "Serapan": lambda: rapim_tabs.serapan_tab(
        figs["serapan"], (period.tahun_bulan, period.bulan)
        if live else (past.tahun_bulan, past.bulan)
    ),
    "Tren": lambda: rapim_tabs.tren_tab(actor, tahun, board),
}  # fmt: skip
for name, tab in zip(TABS, tabs, strict=False):
    if tab.open:
        with tab:
            views[name]()
