"""The datasets of formats.md as column specifications (names, kinds, requirements, keys)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sakip_core.calc.rb import AREAS

JENIS_OPD = (
    "dinas",
    "badan",
    "sekretariat",
    "inspektorat",
    "kecamatan",
    "kelurahan",
    "rsud",
    "lainnya",
)
POLARITAS = ("positif", "negatif", "rentang")
AGREGASI = ("kumulatif", "nilai_akhir", "rata_rata")
LEVELS = ("opd", "administrator", "pengawas", "staf", "pemda")
KOMPONEN = ("perencanaan", "pengukuran", "pelaporan", "evaluasi")
SUBKOMPONEN = ("pemenuhan", "kualitas", "pemanfaatan")
JENJANG = ("kepala_daerah", "jpt", "administrator", "pengawas", "fungsional", "pelaksana")
STATUS_PEJABAT = ("definitif", "plt", "plh")
PEMDA = "PEMDA"  # the unit of the kepala_daerah and of the Pemda's own (IKU/RPJMD) indicators


@dataclass(frozen=True)
class Col:
    """One column: `kind` is text | code | int | number | enum | yesno | jawaban | nip | date."""

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    lo: float | None = None  # inclusive bounds
    hi: float | None = None
    positive: bool = False  # strictly > 0
    default: object = None
    hint: str = ""  # what to write, for the template's instructions


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    helper_columns: frozenset[str] = field(default_factory=frozenset)  # ignored silently
    # a row whose cell in this column is blank is skipped ("not reported"), not an error
    skip_blank: str | None = None

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


TAHUN = Col("tahun", "int", True, lo=2000, hi=2100, hint="tahun, misalnya 2026")
TRIWULAN = Col("triwulan", "int", True, lo=1, hi=4, hint="1 sampai 4")
BULAN = Col("bulan", "int", True, lo=1, hi=12, hint="1 sampai 12")
KODE_OPD = Col("kode_opd", "code", True, hint="kode OPD, misalnya 1.02.01")


def _target(name: str, hint: str) -> Col:
    return Col(name, "number", hint=hint)


DATASETS: dict[str, Dataset] = {
    "opd": Dataset(
        "opd",
        (
            KODE_OPD,
            Col("nama_opd", required=True, hint="nama lengkap OPD"),
            Col("jenis", "enum", choices=JENIS_OPD, default="lainnya", hint=", ".join(JENIS_OPD)),
            Col("singkatan", hint="singkatan, misalnya Dinkes"),
        ),
        ("kode_opd",),
    ),
    "indikator": Dataset(
        "indikator",
        (
            TAHUN,
            KODE_OPD,
            Col("kode_indikator", "code", True, hint="unik dalam satu tahun"),
            Col("sasaran", required=True),
            Col("indikator", required=True),
            Col("satuan", required=True, hint="misalnya %, orang, per 100.000 KH"),
            Col("polaritas", "enum", True, POLARITAS, hint=", ".join(POLARITAS)),
            Col("agregasi", "enum", True, AGREGASI, hint=", ".join(AGREGASI)),
            _target("target", "wajib kecuali polaritas rentang"),
            _target("target_min", "batas bawah, wajib untuk rentang"),
            _target("target_max", "batas atas, wajib untuk rentang"),
            _target("target_tw1", "target s.d. triwulan 1 (opsional)"),
            _target("target_tw2", "target s.d. triwulan 2 (opsional)"),
            _target("target_tw3", "target s.d. triwulan 3 (opsional)"),
            _target("target_tw4", "target s.d. triwulan 4 (opsional)"),
            Col("bobot", "number", positive=True, default=1.0, hint="lebih dari 0, bawaan 1"),
            Col("level", "enum", choices=LEVELS, default="opd", hint=", ".join(LEVELS)),
            Col("induk", "code", hint="kode_indikator induk dalam cascading (opsional)"),
            Col("iku", "yesno", default=False, hint="ya atau tidak"),
            Col("program"),
            Col("anggaran", "number", lo=0, hint="Rupiah"),
            Col(
                "kode_jabatan",
                "code",
                hint="pemilik indikator (opsional; bawaan: jabatan jpt OPD untuk level opd, "
                "kepala daerah untuk level pemda)",
            ),
        ),
        ("tahun", "kode_indikator"),
    ),
    "jabatan": Dataset(
        "jabatan",
        (
            Col("kode_jabatan", "code", True, hint="unik, misalnya 1.02.01.J01"),
            Col("kode_opd", "code", True, hint="kode OPD; PEMDA untuk kepala daerah"),
            Col("nama_jabatan", required=True, hint="misalnya Kepala Dinas Kesehatan"),
            Col("jenjang", "enum", True, JENJANG, hint=", ".join(JENJANG)),
            Col("atasan", "code", hint="kode_jabatan atasan; kosong hanya untuk kepala_daerah"),
            Col("nama_pejabat", hint="nama lengkap dengan gelar; kosong bila lowong"),
            Col("nip", "nip", hint="18 digit, tulis sebagai teks, misalnya 198001012005011001"),
            Col("pangkat", hint="misalnya Pembina Utama Muda (IV/c)"),
            Col(
                "status_pejabat",
                "enum",
                choices=STATUS_PEJABAT,
                hint=", ".join(STATUS_PEJABAT) + " (bawaan definitif bila ada pejabat)",
            ),
        ),
        ("kode_jabatan",),
    ),
    "realisasi": Dataset(
        "realisasi",
        (
            TAHUN,
            TRIWULAN,
            KODE_OPD,
            Col("kode_indikator", "code", True),
            Col(
                "realisasi",
                "number",
                True,
                hint="nilai pada triwulan ini, angka; kosongkan bila belum dilaporkan "
                "(baris itu dilewati)",
            ),
            Col("keterangan"),
            Col("bukti", hint="tautan atau nama berkas bukti dukung"),
            Col("faktor_pendukung", hint="apa yang mendukung capaian (opsional)"),
            Col(
                "faktor_penghambat",
                hint="mengapa capaian di bawah target; diminta bila di bawah kategori Tinggi",
            ),
            Col("tindak_lanjut", hint="langkah perbaikan yang direncanakan (opsional)"),
        ),
        ("tahun", "triwulan", "kode_indikator"),
        frozenset(
            {
                "nama_opd",
                "sasaran",
                "indikator",
                "satuan",
                "polaritas",
                "agregasi",
                "target",
                "target_sd",
                "target_min",
                "target_max",
            }
        ),
        skip_blank="realisasi",
    ),
    "renstra": Dataset(
        "renstra",
        (
            Col("kode_opd", "code", True, hint="kode OPD; PEMDA untuk indikator RPJMD"),
            Col("kode_indikator", "code", True, hint="sama dengan kode indikator PK tiap tahun"),
            Col("tahun_awal", "int", True, lo=2000, hi=2100, hint="tahun pertama, misalnya 2025"),
            Col("tahun_akhir", "int", True, lo=2000, hi=2100, hint="tahun terakhir, misalnya 2029"),
            Col("tujuan"),
            Col("sasaran", required=True),
            Col("indikator", required=True),
            Col("satuan", required=True),
            Col("polaritas", "enum", True, POLARITAS, hint=", ".join(POLARITAS)),
            Col("kondisi_awal", "number", hint="capaian tahun sebelum periode (baseline)"),
            _target("target_akhir", "target tahun terakhir; wajib kecuali polaritas rentang"),
            _target("target_min", "batas bawah target akhir, wajib untuk rentang"),
            _target("target_max", "batas atas target akhir, wajib untuk rentang"),
            *(_target(f"target_{k}", f"target tahun ke-{k} (opsional)") for k in range(1, 6)),
        ),
        ("kode_opd", "kode_indikator", "tahun_awal"),
    ),
    "anggaran": Dataset(
        "anggaran",
        (
            TAHUN,
            BULAN,
            KODE_OPD,
            Col("pagu", "number", True, positive=True, hint="Rupiah, lebih dari 0"),
            Col("realisasi", "number", True, lo=0, hint="Rupiah yang dibelanjakan pada bulan ini"),
            Col("program", default=""),
        ),
        ("tahun", "bulan", "kode_opd", "program"),
        frozenset({"nama_opd"}),
    ),
    "lke": Dataset(
        "lke",
        (
            TAHUN,
            Col("kode_unit", "code", True, hint="kode_opd atau PEMDA"),
            Col("komponen", "enum", True, KOMPONEN, hint=", ".join(KOMPONEN)),
            Col("subkomponen", "enum", True, SUBKOMPONEN, hint=", ".join(SUBKOMPONEN)),
            Col("kode_kriteria", "code", True),
            Col("kriteria"),
            Col("jawaban", "jawaban", True, hint="Y, T, A, B, C, D, E atau angka 0 sampai 1"),
            Col("catatan"),
        ),
        ("tahun", "kode_unit", "kode_kriteria"),
    ),
    "rb_aksi": Dataset(
        "rb_aksi",
        (
            TAHUN,
            BULAN,
            KODE_OPD,
            Col("area", "enum", True, tuple(AREAS), hint="; ".join(AREAS)),
            Col("kode_aksi", "code", True),
            Col("rencana_aksi", required=True),
            Col("target", "number", True, lo=0, hint="persen"),
            Col("realisasi", "number", True, lo=0, hint="persen"),
        ),
        ("tahun", "bulan", "kode_opd", "kode_aksi"),
        frozenset({"nama_opd"}),
    ),
    # the evaluator's recommendations (LHE) to a unit, issue 14 point 3
    "lhe": Dataset(
        "lhe",
        (
            Col("tahun", "int", True, lo=2000, hi=2100, hint="tahun evaluasi (LKE), misalnya 2025"),
            Col("kode_unit", "code", True, hint="kode_opd atau PEMDA"),
            Col("kode_rekomendasi", "code", True, hint="unik per unit dan tahun, misalnya R01"),
            Col("komponen", "enum", True, KOMPONEN, hint=", ".join(KOMPONEN)),
            Col("rekomendasi", required=True, hint="isi rekomendasi evaluator"),
            Col("batas_waktu", "date", True, hint="tanggal HH-BB-TTTT, misalnya 31-03-2026"),
            Col("penanggung_jawab", hint="jabatan atau nama penanggung jawab (opsional)"),
        ),
        ("tahun", "kode_unit", "kode_rekomendasi"),
    ),
}

# Who may upload which dataset; operators only rows of their own OPD.
UPLOAD_ROLES: dict[str, frozenset[str]] = {
    "opd": frozenset({"admin"}),
    "indikator": frozenset({"admin"}),
    "realisasi": frozenset({"admin", "operator"}),
    "anggaran": frozenset({"admin", "operator"}),
    # the `lke` table holds the evaluator's final answers; operators propose through
    # sakip_core.lke_service.propose_from_file instead
    "lke": frozenset({"admin", "verifikator"}),
    "rb_aksi": frozenset({"admin", "operator"}),
    "jabatan": frozenset({"admin"}),
    "renstra": frozenset({"admin"}),
    "lhe": frozenset({"admin"}),  # the Bagian Organisasi enters the LHE it received
}

OWNER_COLUMN: dict[str, str] = {
    "realisasi": "kode_opd",
    "anggaran": "kode_opd",
    "lke": "kode_unit",
    "rb_aksi": "kode_opd",
    "indikator": "kode_opd",
    "opd": "kode_opd",
    "jabatan": "kode_opd",
    "renstra": "kode_opd",
    "lhe": "kode_unit",
}
