"""The Rapim report's tables with Indonesian column names, shared by the PDF and Excel exports.

Exports show every OPD, so they are for the reading roles only (`READ_ALL`); an operator is
refused with AccessDenied (its page shows its own position instead).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from sakip_core import rapim
from sakip_core.access import READ_ALL, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.settings import get_setting
from sakip_core.workflow import data_label

MOVE = {"naik": "▲", "turun": "▼"}


@dataclass(frozen=True)
class ReportHeader:
    """Who the report is from and who signs it (settings `nama_pemda`, `tempat_pk`,
    `*_ttd_rapim`); an empty name or place prints a line to write on."""

    nama_pemda: str = "Pemerintah Daerah"
    tempat: str = ""
    jabatan: str = "Kepala Bagian Organisasi"
    nama: str = ""
    nip: str = ""


def report_header(h: Handle) -> ReportHeader:
    """The header from the settings (a stored Rapim snapshot may keep the one it printed)."""
    text = {
        k: str(get_setting(h, k) or "").strip()
        for k in ("nama_pemda", "tempat_pk", "jabatan_ttd_rapim", "nama_ttd_rapim", "nip_ttd_rapim")
    }
    return ReportHeader(
        nama_pemda=text["nama_pemda"] or ReportHeader.nama_pemda,
        tempat=text["tempat_pk"],
        jabatan=text["jabatan_ttd_rapim"] or ReportHeader.jabatan,
        nama=text["nama_ttd_rapim"],
        nip=text["nip_ttd_rapim"],
    )


@dataclass
class RapimReport:
    """Everything one Rapim report shows for (tahun, triwulan)."""

    tahun: int
    triwulan: int
    board: pd.DataFrame
    kandidat: dict[str, pd.DataFrame]
    indeks: pd.DataFrame
    perubahan: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    kop: ReportHeader = field(default_factory=ReportHeader)
    judul: str | None = None  # a past Rapim's title (its snapshot)

    @property
    def has_data(self) -> bool:
        return not self.board.empty and int(self.board["jumlah_dilaporkan"].sum()) > 0


def gerak_text(status: str, perubahan: object) -> str:
    if status in MOVE and not pd.isna(perubahan):
        return f"{MOVE[status]}{abs(int(perubahan))}"
    return {"tetap": "=", "baru": "baru"}.get(status, "–")


def last_year(board: pd.DataFrame) -> pd.Series:
    """`skor_tahun_lalu` of the leaderboard (empty for a board stored before it existed)."""
    if "skor_tahun_lalu" in board:
        return board["skor_tahun_lalu"].astype("float64")
    return pd.Series(float("nan"), index=board.index, dtype="float64")


def peringkat_table(board: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Peringkat": board["peringkat"].astype("int64"),
            "Seri": board["seri"].map({True: "seri", False: ""}),
            "Kode OPD": board["kode_opd"],
            "OPD": board["nama_opd"],
            "Singkatan": board["label"],
            "Skor": board["skor"].astype("float64"),
            "Kategori": board["kategori"],
            "Peringkat sebelumnya": board["peringkat_sebelumnya"].astype("Float64"),
            "Gerak": [
                gerak_text(s, p) for s, p in zip(board["status"], board["perubahan"], strict=True)
            ],
            "Skor tahun lalu": last_year(board).astype("Float64"),
            "Kepatuhan (%)": board["kepatuhan"].astype("float64"),
            "Indikator dilaporkan": board["jumlah_dilaporkan"].astype("int64"),
            "Jumlah indikator": board["jumlah_indikator"].astype("int64"),
            "Status": board["status"].where(board["status"] != "–", ""),
            "Data": [data_label(v) for v in board["status_data"]],
        }
    )


def kandidat_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Peringkat": rows["peringkat"].astype("int64"),
            "OPD": rows["label"],
            "Skor": rows["skor"].astype("float64"),
            "Kategori": rows["kategori"],
            "Indikator pendorong": ["; ".join(p) for p in rows["pendorong"]],
        }
    )


def indeks_table(ix: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"Peringkat": ix["peringkat"].astype("int64"), "OPD": ix["label"]})
    for k, name in rapim.KOMPONEN.items():
        out[f"{name} (nilai)"] = ix[f"nilai_{k}"].astype("float64")
        out[f"{name} (bobot)"] = ix[f"bobot_{k}"].astype("float64")
        out[f"{name} (kontribusi)"] = ix[f"kontribusi_{k}"].astype("float64")
        out[f"{name} ada data"] = ix[f"ada_{k}"].map({True: "ya", False: "tidak (0)"})
    out["Indeks Kinerja"] = ix["indeks"].astype("float64")
    return out


def build(
    h: Handle, actor: Actor, tahun: int, triwulan: int, bulan: tuple[int, int] | None = None
) -> RapimReport:
    """Collect the report's data (reading roles only) from the live read models; RB and serapan
    of `bulan` (tahun, bulan), by default the quarter's last month."""
    require_role(actor, READ_ALL)
    from sakip_core.rapim import sesi

    month = bulan or (tahun, 3 * triwulan)
    figs = rapim.figures(h, actor, tahun, triwulan, *month)
    figs |= sesi.compare_with_last(h, actor, figs, sesi.sebelum(h, actor))  # as the page does
    return from_figures(figs, tahun, triwulan, report_header(h))


def from_snapshot(h: Handle, actor: Actor, sesi_id: int) -> RapimReport:
    """The report of a past Rapim from its snapshot: what was shown then, with its decisions."""
    from sakip_core.rapim import keputusan, sesi

    s = sesi.ambil(h, actor, sesi_id)
    figs = sesi.snapshot(h, actor, sesi_id)
    kop = figs.get("kop")  # the header it was shown with; older snapshots: today's
    header = report_header(h) if kop is None or kop.empty else _header(kop.iloc[0])
    rep = from_figures(figs, s.tahun, s.triwulan, header, judul=s.judul)
    decided = keputusan.daftar_keputusan(h, actor, sesi_id)
    rep.tables["Keputusan"] = pd.DataFrame({
        "Kode OPD": decided["kode_opd"], "OPD": decided["nama_opd"],
        "Keputusan": decided["jenis"].map(keputusan.JENIS),
        "Penanggung jawab": decided["penanggung_jawab"], "Rencana": decided["rencana"],
        "Batas waktu": decided["batas_waktu"], "Status": decided["status"].map(keputusan.STATUS),
        "Catatan": decided["catatan"],
    }).fillna("–")  # fmt: skip
    return rep


def _header(row: pd.Series) -> ReportHeader:
    fields = ReportHeader.__dataclass_fields__
    return ReportHeader(**{k: str(row[k]) if pd.notna(row[k]) else "" for k in fields if k in row})


def _changes(figs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What changed: against the last Rapim's snapshot when the figures carry it, else the
    quarter-to-quarter movement of the leaderboard."""
    sejak = figs.get("sejak")
    if sejak is not None and not sejak.empty:
        moved = sejak[sejak["status"] != "tetap"]
        return pd.DataFrame({"kode_opd": moved["kode_opd"], "label": moved["label"],
                             "status": moved["status"],
                             "kalimat": ["; ".join(k) for k in moved["kalimat"]]})  # fmt: skip
    return rapim.perubahan_dari(figs["peringkat"])


def from_figures(
    figs: dict[str, pd.DataFrame], tahun: int, triwulan: int, kop: ReportHeader,
    judul: str | None = None,
) -> RapimReport:  # fmt: skip
    """The report of a set of Rapim tables (`sakip_core.rapim.sesi.figures` or a snapshot)."""
    board = figs["peringkat"]
    kandidat = {"penghargaan": figs["penghargaan"], "pendampingan": figs["pendampingan"]}
    rep = RapimReport(tahun, triwulan, board, kandidat, figs["indeks"], _changes(figs), kop=kop,
                      judul=judul)  # fmt: skip
    lke, rb, sp = figs["lke"], figs["rb"], figs["serapan"]
    rep.tables = {
        "Peringkat": peringkat_table(board),
        "Penghargaan": kandidat_table(rep.kandidat["penghargaan"]),
        "Pendampingan": kandidat_table(rep.kandidat["pendampingan"]),
        "Indeks Kinerja": indeks_table(rep.indeks),
        "Perubahan": rep.perubahan.rename(
            columns={
                "kode_opd": "Kode OPD",
                "label": "OPD",
                "status": "Status",
                "kalimat": "Keterangan",
            }
        )[["Kode OPD", "OPD", "Status", "Keterangan"]],
        "LKE internal": pd.DataFrame(
            {
                "Peringkat": lke["peringkat"].astype("Int64"),
                "OPD": lke["label"],
                "Nilai LKE": lke["nilai"],
                "Predikat": lke["predikat"],
            }
        ),
        "Progress RB": pd.DataFrame(
            {
                "Peringkat": rb["peringkat"].astype("Int64"),
                "OPD": rb["label"],
                "Progress (%)": rb["progress"],
                "Jumlah aksi": rb["jumlah_aksi"],
            }
        ),
        "Serapan": pd.DataFrame(
            {
                "Peringkat": sp["peringkat"].astype("Int64"),
                "OPD": sp["label"],
                "Pagu (Rp)": sp["pagu"],
                "Realisasi (Rp)": sp["realisasi"],
                "Serapan (%)": sp["serapan"],
            }
        ),
    }
    lhe = figs.get("lhe")
    if lhe is not None:
        rep.tables["Tindak lanjut LHE"] = pd.DataFrame({
            "Kode unit": lhe["kode_unit"], "Unit": lhe["nama_unit"],
            "Rekomendasi": lhe["jumlah_rekomendasi"], "Tuntas": lhe["selesai"],
            "Terlambat": lhe["terlambat"], "Tindak lanjut (%)": lhe["persen"],
        })  # fmt: skip
    return rep
