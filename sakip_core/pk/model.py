"""What a Perjanjian Kinerja holds (issue 12, point 2): the shapes the documents are made from.

`sakip_core.pk.agreement.pk_of` fills them from the database; the PDF and DOCX writers and the
`pk` command only read them, so a document and the command line can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

JENJANG = ("kepala_daerah", "jpt", "administrator", "pengawas", "fungsional", "pelaksana")
STATUS_PEJABAT = ("definitif", "plt", "plh")
# "Plt." / "Plh." written before the jabatan of an acting holder
STATUS_PREFIX = {"plt": "Plt. ", "plh": "Plh. "}


@dataclass(frozen=True)
class Pihak:
    """One party of the agreement: the position and the person who holds it."""

    kode_jabatan: str
    nama_jabatan: str
    jenjang: str
    nama_pejabat: str | None
    nip: str | None
    pangkat: str | None
    status_pejabat: str | None = None

    @property
    def jabatan_tertulis(self) -> str:
        """The jabatan as signed: "Plt. Kepala Dinas Kesehatan" for an acting holder."""
        return STATUS_PREFIX.get(self.status_pejabat or "", "") + self.nama_jabatan

    @property
    def nip_tertulis(self) -> str:
        """The NIP grouped as printed on Indonesian documents: 19800101 200501 1 001."""
        n = self.nip or ""
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" if len(n) == 18 else n


@dataclass(frozen=True)
class BarisIndikator:
    """One line of the lampiran: an indicator with its sasaran and targets."""

    no: int
    sasaran: str
    kode_indikator: str
    indikator: str
    satuan: str
    polaritas: str
    target: float | None  # None for rentang
    target_min: float | None
    target_max: float | None
    target_tw: tuple[float | None, float | None, float | None, float | None]
    target_teks: str  # "85,5" or "80–90" (rentang), Indonesian number format
    program: str | None
    anggaran: float | None


@dataclass(frozen=True)
class BarisProgram:
    no: int
    program: str
    anggaran: float | None


@dataclass(frozen=True)
class Wording:
    """The standard text of the form (a setting the admin may edit; see pk.wording)."""

    pernyataan: str  # "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, ..."
    janji: str  # pihak pertama berjanji akan mewujudkan target kinerja ...
    tanggung_jawab: str  # keberhasilan dan kegagalan ... menjadi tanggung jawab kami
    supervisi: str  # pihak kedua akan melakukan supervisi ...
    pakta: list[str] = field(default_factory=list)  # the pakta integritas points


@dataclass(frozen=True)
class PerjanjianKinerja:
    """The PK of one jabatan for one year, in one version."""

    tahun: int
    versi: int
    jenis_versi: str  # awal | koreksi | perubahan
    status: str  # draft | ditandatangani | perubahan
    nama_pemda: str  # "Pemerintah Kabupaten Sukamaju"
    nama_opd: str | None  # None for the kepala_daerah
    tempat: str  # "Sukamaju"
    tanggal: date | None  # the signing date when signed, else None (left blank to fill in)
    pihak_pertama: Pihak
    pihak_kedua: Pihak | None  # None: the kepala_daerah signs alone
    indikator: list[BarisIndikator]
    program: list[BarisProgram]
    wording: Wording
    alasan_perubahan: str | None = None

    @property
    def total_anggaran(self) -> float:
        return float(sum(p.anggaran or 0.0 for p in self.program))

    @property
    def kelompok_sasaran(self) -> list[tuple[str, list[BarisIndikator]]]:
        """The indicators in runs of one sasaran (consecutive lines only, order kept): the
        documents merge the sasaran cell over each run."""
        groups: list[tuple[str, list[BarisIndikator]]] = []
        for line in self.indikator:
            if groups and groups[-1][0] == line.sasaran:
                groups[-1][1].append(line)
            else:
                groups.append((line.sasaran, [line]))
        return groups

    @property
    def judul(self) -> str:
        kind = (
            "PERJANJIAN KINERJA PERUBAHAN"
            if self.jenis_versi == "perubahan"
            else ("PERJANJIAN KINERJA")
        )
        return f"{kind} TAHUN {self.tahun}"
