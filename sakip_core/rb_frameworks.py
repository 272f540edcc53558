"""Reformasi Birokrasi index frameworks, stored as data (capaian.md section 9).

A new framework (such as the 2023+ RB General 100 + RB Tematik 20) is added with rows in
`rb_kerangka` / `rb_komponen`, e.g. through `install_framework`; no calculation code changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sakip_core.db import Handle


@dataclass(frozen=True)
class Component:
    kode: str
    nama: str
    maksimum: float
    induk: str | None = None


RB2020 = (
    "RB2020",
    "Indeks RB PermenPAN-RB 26/2020",
    2020,
    [
        Component("pengungkit", "Komponen Pengungkit", 60),
        Component("pemenuhan", "Pemenuhan", 20, "pengungkit"),
        Component("hasil_antara", "Hasil Antara Area Perubahan", 10, "pengungkit"),
        Component("reform", "Reform", 30, "pengungkit"),
        Component("hasil", "Komponen Hasil", 40),
        Component("akuntabilitas", "Akuntabilitas Kinerja dan Keuangan", 10, "hasil"),
        Component("pelayanan_publik", "Kualitas Pelayanan Publik", 10, "hasil"),
        Component("bersih_kkn", "Pemerintah yang Bersih dan Bebas KKN", 10, "hasil"),
        Component("kinerja_organisasi", "Kinerja Organisasi", 10, "hasil"),
    ],
)

RB2023 = (
    "RB2023",
    "Indeks RB PermenPAN-RB 9/2023 (General + Tematik)",
    2023,
    [
        Component("rb_general", "RB General", 100),
        Component("rb_tematik", "RB Tematik", 20),
    ],
)


def install_framework(
    handle: Handle, kode: str, nama: str, tahun_mulai: int, components: list[Component]
) -> None:
    """Add (or replace) a framework and its components."""
    with handle.transaction() as conn:
        conn.execute("DELETE FROM rb_komponen WHERE kode_kerangka = ?", [kode])
        conn.execute("DELETE FROM rb_kerangka WHERE kode_kerangka = ?", [kode])
        conn.execute("INSERT INTO rb_kerangka VALUES (?, ?, ?)", [kode, nama, tahun_mulai])
        conn.executemany(
            "INSERT INTO rb_komponen (kode_kerangka, kode_komponen, nama, induk, maksimum, urutan) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [[kode, c.kode, c.nama, c.induk, c.maksimum, i] for i, c in enumerate(components)],
        )


def install_default_frameworks(handle: Handle) -> None:
    """The 2020-2022 framework is the default; 2023+ comes as a second one, as pure data."""
    known = set(handle.query_df("SELECT kode_kerangka FROM rb_kerangka")["kode_kerangka"])
    for kode, nama, tahun, comps in (RB2020, RB2023):
        if kode not in known:
            install_framework(handle, kode, nama, tahun, comps)
