"""A small SAKIP database for UI tests, used only while `sakip_core.demo` is not available.

Five OPDs (one with no OPD-level indicator, hence unranked), 2025 Q1-4 and 2026 Q1-3, accounts
admin/pimpinan/analis/verifikator/operator-<kode_opd> with password `demo` (like the demo).
Everything goes through the public import service, so the data is exactly what an upload writes.
"""

from __future__ import annotations

from pathlib import Path

from sakip_core.auth import Actor, create_user
from sakip_core.db import Handle, create_database
from sakip_core.io.importer import import_upload

OPDS = [
    ("1.01.01", "Dinas Pendidikan", "dinas", "Disdik"),
    ("1.02.01", "Dinas Kesehatan", "dinas", "Dinkes"),
    ("1.03.01", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "DPUPR"),
    ("4.01.01", "Badan Perencanaan Pembangunan Daerah", "badan", "Bappeda"),
    ("7.01.01", "Kecamatan Sukamaju Utara", "kecamatan", ""),
]
# realisation of indicator i of OPD o in a quarter is target/4 * FACTOR[o] (None: not reported)
FACTOR = {"1.01.01": 1.1, "1.02.01": 0.8, "1.03.01": 0.6, "4.01.01": 0.95}
BOOST = {("1.02.01", 2026, 3): 1.9}  # Dinkes jumps up in the latest quarter
MISSING = {("1.03.01", 2026, 3, 2)}  # (opd, year, quarter, indicator no.) not reported
QUARTERS = [(2025, q) for q in (1, 2, 3, 4)] + [(2026, q) for q in (1, 2, 3)]


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    lines = [",".join(header)]
    lines += [",".join("" if v is None else str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _load(h: Handle, dataset: str, data: bytes) -> None:
    result = import_upload(h, dataset, data, f"{dataset}.csv", Actor("sistem", "admin"))
    if not result.ok:
        raise RuntimeError(f"{dataset}: {result.check.problems[:5]}")


def build_mini(path: str | Path) -> Handle:
    h = create_database(path)
    _load(h, "opd", _csv(["kode_opd", "nama_opd", "jenis", "singkatan"], [list(o) for o in OPDS]))
    indikator, realisasi = [], []
    for tahun in (2025, 2026):
        for kode, factor in FACTOR.items():
            for i in (1, 2, 3):
                kode_ind = f"{kode}.{tahun}.{i}"
                indikator.append([tahun, kode, kode_ind, "Sasaran", f"Indikator {i}", "unit",
                                  "positif", "kumulatif", 400, "opd"])
                for t, q in QUARTERS:
                    if t == tahun and (kode, t, q, i) not in MISSING:
                        f = BOOST.get((kode, t, q), factor)
                        realisasi.append([t, q, kode, kode_ind, round(100 * f * (1 + i / 20))])
    _load(h, "indikator", _csv(["tahun", "kode_opd", "kode_indikator", "sasaran", "indikator",
                                "satuan", "polaritas", "agregasi", "target", "level"], indikator))
    _load(h, "realisasi", _csv(["tahun", "triwulan", "kode_opd", "kode_indikator", "realisasi"],
                               realisasi))
    for nama, peran in [("admin", "admin"), ("pimpinan", "pimpinan"), ("analis", "analis"),
                        ("verifikator", "verifikator")]:
        create_user(h, nama, peran, "demo")
    for kode, *_ in OPDS:
        create_user(h, f"operator-{kode}", "operator", "demo", kode_opd=kode)
    return h
