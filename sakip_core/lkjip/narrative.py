"""Plain sentences built from the numbers of an LKjIP report (issue 13, point 6).

No judgement beyond the numbers: counts per kategori, the indicators that did not reach their
target and the reason the OPD wrote, the movement against last year, the Renstra, the budget.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.fmt import angka, persen
from sakip_core.lkjip.report import LkjipReport


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def summary(r: LkjipReport) -> list[str]:
    """The opening paragraphs of chapter III A."""
    df = r.hasil
    n, sasaran = len(df), df["sasaran"].nunique()
    if n == 0:
        return [f"Belum ada indikator kinerja {r.nama_unit} untuk tahun {r.tahun}."]
    out = [f"Pada tahun {r.tahun}, {r.nama_unit} menetapkan {n} indikator kinerja untuk "
           f"{sasaran} sasaran strategis dalam Perjanjian Kinerja."]  # fmt: skip
    reported = df[df["capaian"].notna()]
    missing = n - len(reported)
    if len(reported):
        counts = reported["kategori"].value_counts()
        parts = [f"{int(counts[label])} indikator berkategori {label}"
                 for _, label, _ in r.skala if label in counts]  # fmt: skip
        out.append(f"Dari {len(reported)} indikator yang realisasinya telah dilaporkan pada "
                   f"triwulan IV, {_list(parts)}; rata-rata capaiannya "
                   f"{persen(reported['capaian'].mean())}.")  # fmt: skip
    if missing:
        out.append(f"Sebanyak {missing} indikator belum dilaporkan realisasinya pada triwulan IV "
                   "sehingga capaian tahunannya belum dapat diukur.")  # fmt: skip
    out += _against_last_year(df) + _against_renstra(df)
    return out


def _against_last_year(df: pd.DataFrame) -> list[str]:
    both = df[df["capaian"].notna() & df["capaian_t1"].notna()]
    if both.empty:
        return []
    up = int((both["capaian"] > both["capaian_t1"] + 0.005).sum())
    down = int((both["capaian"] < both["capaian_t1"] - 0.005).sum())
    same = len(both) - up - down
    text = f"Dibandingkan tahun sebelumnya, capaian {up} indikator meningkat dan {down} menurun"
    return [text + (f", {same} tetap." if same else ".")]


def _against_renstra(df: pd.DataFrame) -> list[str]:
    linked = df[df["capaian_renstra"].notna()]
    if linked.empty:
        return []
    end = int(linked["tahun_akhir"].max())
    done = int((linked["capaian_renstra"] >= 100 - 1e-9).sum())
    return [f"Terhadap target akhir Renstra tahun {end}, {done} dari {len(linked)} indikator "
            f"telah tercapai; rata-rata capaian terhadap target akhir "
            f"{persen(linked['capaian_renstra'].mean())}."]  # fmt: skip


def shortfalls(r: LkjipReport) -> list[str]:
    """One sentence per indicator below its target, with the reason and the follow-up given."""
    df = r.hasil[r.hasil["capaian"].notna() & (r.hasil["capaian"] < 100 - 1e-9)]
    out = []
    for row in df.itertuples():
        text = f"{row.indikator} belum mencapai target (capaian {persen(row.capaian)})."
        if isinstance(row.faktor_penghambat, str) and row.faktor_penghambat:
            text += f" Penyebab: {row.faktor_penghambat.rstrip('.')}."
        elif row.capaian < r.batas_tinggi:
            text += " Faktor penghambat belum diisi oleh OPD."
        if isinstance(row.tindak_lanjut, str) and row.tindak_lanjut:
            text += f" Tindak lanjut: {row.tindak_lanjut.rstrip('.')}."
        out.append(text)
    return out


def supports(r: LkjipReport) -> list[str]:
    df = r.hasil[r.hasil["capaian"].notna() & (r.hasil["capaian"] >= 100 - 1e-9)]
    out = []
    for row in df.itertuples():
        text = f"{row.indikator} mencapai target (capaian {persen(row.capaian)})."
        if isinstance(row.faktor_pendukung, str) and row.faktor_pendukung:
            text += f" Faktor pendukung: {row.faktor_pendukung.rstrip('.')}."
        out.append(text)
    return out


def budget(r: LkjipReport) -> list[str]:
    df = r.anggaran[r.anggaran["pagu"].notna()]
    if df.empty:
        return ["Data realisasi anggaran tahun ini belum tersedia."]
    pagu, spent = df["pagu"].sum(), df["realisasi"].sum()
    what = "OPD" if r.is_pemda else "program"
    out = [f"Pagu anggaran {len(df)} {what} sebesar Rp{angka(pagu, 0)} terealisasi "
           f"Rp{angka(spent, 0)} ({persen(100 * spent / pagu if pagu else None)})."]  # fmt: skip
    rated = r.anggaran[r.anggaran["keterangan"].notna()]
    if len(rated):
        good = int((rated["keterangan"] == "efisien").sum())
        out.append(f"Dari {len(rated)} {what} yang capaian indikatornya dapat dibandingkan "
                   f"dengan serapan, {good} efisien "
                   "(capaian dikurangi serapan mencapai ambang efisiensi).")  # fmt: skip
    return out
