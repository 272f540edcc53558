"""The page registry: one line per page. app.py builds the menu from it.

`roles` is who sees the page in the menu (None: every logged-in user). The menu is only a
convenience: each page still enforces access itself at its top (`ui.session.require_login`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    url_path: str
    roles: frozenset[str] | None = None


EVERYONE_BUT_OPERATOR = frozenset({"admin", "pimpinan", "analis", "verifikator"})
ADMIN_ONLY = frozenset({"admin"})

PAGES: list[PageSpec] = [
    PageSpec("pages/beranda.py", "Beranda", ":material/leaderboard:", "beranda"),
    PageSpec("pages/lke.py", "Evaluasi SAKIP", ":material/fact_check:", "lke"),
    PageSpec(
        "pages/evaluasi_internal.py",
        "Evaluasi Internal",
        ":material/rule:",
        "evaluasi-internal",
        EVERYONE_BUT_OPERATOR,
    ),
    PageSpec("pages/rb.py", "Reformasi Birokrasi", ":material/account_tree:", "rb"),
    PageSpec("pages/rapim.py", "Rapim", ":material/co_present:", "rapim"),
    PageSpec("pages/explorer.py", "Penjelajah Indikator", ":material/query_stats:", "penjelajah"),
    PageSpec("pages/pk.py", "Perjanjian Kinerja", ":material/handshake:", "pk"),
    PageSpec("pages/laporan_kinerja.py", "Laporan Kinerja", ":material/description:", "lkjip"),
    PageSpec(
        "pages/unggah.py",
        "Unggah Realisasi",
        ":material/upload_file:",
        "unggah",
        frozenset({"operator", "admin"}),
    ),
    PageSpec(
        "pages/verifikasi.py",
        "Verifikasi",
        ":material/verified:",
        "verifikasi",
        frozenset({"verifikator", "admin"}),
    ),
    PageSpec("pages/admin_data.py", "Data Induk", ":material/database:", "admin-data", ADMIN_ONLY),
    PageSpec(
        "pages/admin_jabatan.py",
        "Jabatan & Cascading",
        ":material/account_tree:",
        "admin-jabatan",
        ADMIN_ONLY,
    ),
    PageSpec(
        "pages/admin_pengguna.py", "Pengguna", ":material/group:", "admin-pengguna", ADMIN_ONLY
    ),
    PageSpec(
        "pages/admin_triwulan.py",
        "Kunci Triwulan",
        ":material/lock_clock:",
        "admin-triwulan",
        ADMIN_ONLY,
    ),
    PageSpec(
        "pages/admin_pengaturan.py",
        "Pengaturan",
        ":material/settings:",
        "admin-pengaturan",
        ADMIN_ONLY,
    ),
    PageSpec(
        "pages/admin_riwayat.py", "Riwayat", ":material/history:", "admin-riwayat", ADMIN_ONLY
    ),
    PageSpec("pages/akun.py", "Akun Saya", ":material/manage_accounts:", "akun"),
]


def visible_for(spec: PageSpec, peran: str | None) -> bool:
    if peran is None:
        return False
    return spec.roles is None or peran in spec.roles


def logout_title(nama: str) -> str:
    """The menu's "Keluar (nama)": menu titles render Markdown, and a user name is data (a
    name such as `![x](http://…)` would make every browser that shows the menu fetch it)."""
    from ui.text import md

    return f"Keluar ({md(nama)})"
