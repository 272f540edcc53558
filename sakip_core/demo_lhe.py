"""The demo's LHE recommendations and their follow-up (issue 14, point 3).

The Pemda's LHE from KemenPAN-RB and the Inspektorat's LHE of a dozen OPDs, for 2025 (due in
2026, mostly followed up, some late) and 2026 (due from December 2026, mostly still open). The
recommendations are one `lhe` batch per LHE; the follow-ups and verdicts go through
`sakip_core.lhe` (files stored, audit rows written) with fixed timestamps, so the Rapim tab and
the operators' to-do lists have something to show.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta

import pandas as pd

from sakip_core import lhe
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.demo_batches import meta
from sakip_core.io.writer import write_batch

PEMDA = "PEMDA"
OPDS = ("1.01.01", "1.02.01", "1.03.01", "1.06.01", "2.12.01", "2.16.01", "3.27.01",
        "4.01.01", "5.01.01", "5.02.01", "6.01.01", "7.01.03")  # fmt: skip
TEXTS = {
    "perencanaan": (
        "Menyelaraskan indikator kinerja Renstra dengan sasaran RPJMD dan menetapkan target "
        "tahunan yang terukur",
        "Menyusun cascading kinerja sampai level pengawas dan staf",
    ),
    "pengukuran": (
        "Membangun sistem pengumpulan data kinerja yang terintegrasi dengan SOP yang ditetapkan",
        "Memanfaatkan hasil pengukuran kinerja triwulanan sebagai dasar penghargaan dan sanksi",
    ),
    "pelaporan": (
        "Menyajikan analisis efisiensi penggunaan sumber daya dalam LKjIP",
        "Mempublikasikan LKjIP dan Perjanjian Kinerja di laman resmi tepat waktu",
    ),
    "evaluasi": (
        "Menindaklanjuti rekomendasi evaluasi akuntabilitas kinerja internal secara berkala",
        "Meningkatkan kapasitas APIP dalam evaluasi akuntabilitas kinerja",
    ),
}
KOMPONEN = tuple(TEXTS)
PEMDA_PJ = ("Kepala Bappeda", "Kepala Bagian Organisasi Setda", "Inspektur Daerah")
DUE = {2025: (date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)),
       2026: (date(2026, 12, 31), date(2027, 3, 31), date(2027, 6, 30))}  # fmt: skip
ISSUED = {
    (2025, "opd"): datetime(2025, 7, 15, 9),
    (2025, PEMDA): datetime(2025, 12, 10, 9),
    (2026, "opd"): datetime(2026, 7, 15, 9),
    (2026, PEMDA): datetime(2026, 10, 27, 9),
}
VERIFIER = Actor("verifikator", "verifikator")
REJECTED = "Bukti belum menunjukkan penerapan; lampirkan dokumen yang sudah ditetapkan."


def recommendations(tahun: int) -> pd.DataFrame:
    """Six for the Pemda, three for each OPD of OPDS (two in 2026)."""
    rows = []
    for i, unit in enumerate((PEMDA, *OPDS)):
        count = 6 if unit == PEMDA else (3 if tahun == 2025 else 2)
        for j in range(count):
            komponen = KOMPONEN[(i + j) % 4]
            pj = PEMDA_PJ[j % 3] if unit == PEMDA else "Sekretaris / Kasubbag Perencanaan"
            rows.append({
                "tahun": tahun, "kode_unit": unit, "kode_rekomendasi": f"R{j + 1:02d}",
                "komponen": komponen, "rekomendasi": TEXTS[komponen][(i + j) // 4 % 2],
                "batas_waktu": DUE[tahun][j % 3], "penanggung_jawab": pj,
            })  # fmt: skip
    return pd.DataFrame(rows)


def _state(tahun: int, i: int, j: int, count: int) -> str:
    """How far recommendation j of the i-th unit got: 2025 mostly done, 2026 half as far."""
    diligence = (i + 3) * 7 % 13 / 12  # 0 .. 1, spread over the units
    share = diligence if tahun == 2025 else diligence / 2
    if j < round(share * count):
        return "tuntas"
    rest = ("menunggu", "proses", "belum", "ditolak")
    return (rest if tahun == 2025 else ("belum", "proses", "menunggu", "belum"))[(i + j) % 4]


@functools.cache
def _evidence_pdf() -> bytes:
    """One stand-in document for every follow-up's evidence (the demo has no real files)."""
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", "B", 13)
    doc.cell(0, 10, "BUKTI TINDAK LANJUT REKOMENDASI LHE", align="C", new_x="LMARGIN",
             new_y="NEXT")  # fmt: skip
    doc.set_font("helvetica", "", 11)
    doc.cell(0, 8, "Dokumen demo Kabupaten Sukamaju", align="C")
    return bytes(doc.output())


def _follow(h: Handle, tahun: int, unit: str, kode: str, state: str) -> None:
    """The unit's follow-up record (the admin's for the Pemda) and the Inspektorat's verdict."""
    op = Actor(f"operator-{unit}", "operator", unit)
    actor = Actor("admin", "admin") if unit == PEMDA else op
    start = ISSUED[(tahun, PEMDA if unit == PEMDA else "opd")] + timedelta(days=10)
    done = state in ("tuntas", "menunggu", "ditolak")
    status = "selesai" if done else "proses"
    text = ("Sudah dilaksanakan; dokumen ditetapkan dan dilampirkan." if done
            else "Sedang disusun bersama bidang terkait.")  # fmt: skip
    berkas = (f"bukti_{kode}_{unit}_{tahun}.pdf", _evidence_pdf()) if done else None
    f = lhe.FollowUp(tahun, unit, kode, text, status)
    tl_id = lhe.record_follow_up(h, actor, f, berkas, waktu=start)
    if state in ("tuntas", "ditolak"):
        lhe.verify(h, VERIFIER, tl_id, state == "tuntas", None if state == "tuntas" else REJECTED,
                   waktu=start + timedelta(days=6))  # fmt: skip


def write_lhe(h: Handle) -> None:
    """Both years' LHE, then every follow-up that the demo's story has."""
    for tahun in DUE:
        recs = recommendations(tahun)
        with h.transaction() as conn:
            for kind, part in recs.groupby(recs["kode_unit"] == PEMDA):
                when = ISSUED[(tahun, PEMDA if kind else "opd")]
                name = f"lhe_{'pemda' if kind else 'opd'}_{tahun}.xlsx"
                write_batch(conn, meta("lhe", "admin", name, when), part.reset_index(drop=True))
        units = (PEMDA, *OPDS)
        counts = recs["kode_unit"].value_counts()
        for unit, kode in zip(recs["kode_unit"], recs["kode_rekomendasi"], strict=True):
            state = _state(tahun, units.index(unit), int(kode[1:]) - 1, int(counts[unit]))
            if state != "belum":
                _follow(h, tahun, unit, kode, state)
