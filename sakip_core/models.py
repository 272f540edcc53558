"""SQLModel tables of the SAKIP store (DuckDB).

Families follow the `XData` (fields) / `X` (current values, table) / `XRiwayat` (superseded values,
table) pattern: an upload replaces the current row of a key and moves the old one to the history
table, from which the admin can restore it.

DuckDB specifics (see engineering.md): ids come from sequences, not SERIAL; values and money
are DOUBLE.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import Double, Sequence, text
from sqlmodel import Field, SQLModel


def id_field(table: str) -> Any:
    """A primary key filled by a DuckDB sequence named `seq_<table>`."""
    seq = Sequence(f"seq_{table}")
    return Field(
        default=None,
        primary_key=True,
        sa_column_args=[seq],
        sa_column_kwargs={"server_default": seq.next_value()},
    )


def with_default(default: object) -> Any:
    """A Python default that is also the column's server default (for bulk SQL inserts)."""
    if isinstance(default, bool):
        literal = "true" if default else "false"
    elif isinstance(default, str):
        literal = f"'{default}'"
    else:
        literal = str(default)
    return Field(default=default, sa_column_kwargs={"server_default": text(literal)})


def num(default: float | None = None, nullable: bool = True) -> Any:
    """A 64-bit floating column (a plain float would be 32-bit in DuckDB)."""
    return Field(default=default, sa_type=Double, nullable=nullable)


# --- master data -------------------------------------------------------------------------------


class Opd(SQLModel, table=True):
    kode_opd: str = Field(primary_key=True)
    nama_opd: str
    jenis: str = with_default("lainnya")
    singkatan: str | None = None
    batch_id: int | None = None


class IndikatorData(SQLModel):
    tahun: int = Field(index=True)
    kode_opd: str = Field(index=True)
    kode_indikator: str
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str  # positif | negatif | rentang
    agregasi: str  # kumulatif | nilai_akhir | rata_rata
    target: float | None = num()
    target_min: float | None = num()
    target_max: float | None = num()
    target_tw1: float | None = num()
    target_tw2: float | None = num()
    target_tw3: float | None = num()
    target_tw4: float | None = num()
    bobot: float = Field(
        default=1.0, sa_type=Double, nullable=False, sa_column_kwargs={"server_default": text("1")}
    )
    level: str = with_default("opd")  # opd | administrator | pengawas | staf | pemda
    induk: str | None = None
    iku: bool = with_default(False)
    program: str | None = None
    anggaran: float | None = num()
    # the owner (issue 12): empty = the OPD's `jpt` for level opd, the kepala_daerah for pemda
    kode_jabatan: str | None = None


class Indikator(IndikatorData, table=True):
    """One row per indicator per year per version; only `aktif` rows are current.

    A new upload for (tahun, kode_opd) deactivates that OPD's rows of the year and adds the new set
    with `versi + 1`, so every earlier PK version stays readable.
    """

    id: int | None = id_field("indikator")
    versi: int = with_default(1)
    aktif: bool = with_default(True)
    batch_id: int | None = None


class JabatanData(SQLModel):
    """A position in the organisation and its current holder (issue 12, point 1)."""

    kode_jabatan: str
    kode_opd: str  # PEMDA for the kepala_daerah
    nama_jabatan: str
    jenjang: str  # kepala_daerah | jpt | administrator | pengawas | fungsional | pelaksana
    atasan: str | None = None  # kode_jabatan of the superior; empty only for kepala_daerah
    nama_pejabat: str | None = None  # empty: the position is vacant
    nip: str | None = None  # 18 digits
    pangkat: str | None = None
    status_pejabat: str | None = None  # definitif | plt | plh
    batch_id: int | None = None


class Jabatan(JabatanData, table=True):
    id: int | None = id_field("jabatan")


class JabatanRiwayat(JabatanData, table=True):
    """Superseded rows of `jabatan`: earlier holders, earlier names or superiors."""

    __tablename__ = "jabatan_riwayat"
    id: int | None = id_field("jabatan_riwayat")
    diganti_oleh_batch: int | None = None
    diganti_pada: NaiveDatetime | None = None


class PkVersi(SQLModel, table=True):
    """One version of the PK of an OPD (or PEMDA) for a year: one `indikator` upload.

    `jenis` is `awal` (the first), `koreksi` (a later upload that corrects the version before it
    and takes its place from the same date) or `perubahan` (a PK Perubahan after a budget
    revision, in force from `berlaku_mulai`). `tw_awal`..`tw_akhir` are the quarters whose end
    falls in the time this version is in force (NULL: never in force), kept by
    `sakip_core.pk.versions.refresh_in_force` after every change.
    """

    __tablename__ = "pk_versi"
    id: int | None = id_field("pk_versi")
    tahun: int
    kode_opd: str
    versi: int
    jenis: str = with_default("awal")
    berlaku_mulai: NaiveDatetime | None = None
    alasan: str | None = None
    tw_awal: int | None = None
    tw_akhir: int | None = None
    batch_id: int | None = None
    oleh: str | None = None
    waktu: NaiveDatetime | None = None


class PkTandaTangan(SQLModel, table=True):
    """The signing of one jabatan's PK version: date, the scanned signed copy, who signed.

    The parties are kept as they were on the day (`pihak` JSON), so a signed PK prints with
    its signatories even after a holder changes.
    """

    __tablename__ = "pk_tanda_tangan"
    id: int | None = id_field("pk_tanda_tangan")
    tahun: int
    kode_jabatan: str
    kode_opd: str
    versi: int
    tanggal: NaiveDatetime
    pihak: str  # JSON: the two parties as signed
    nama_asli: str | None = None  # the scan, stored like evidence under a generated name
    nama_simpan: str | None = None
    jenis_berkas: str | None = None
    ukuran: int | None = None
    checksum: str | None = None
    oleh: str
    waktu: NaiveDatetime


# --- values that are uploaded and superseded ---------------------------------------------------


class RealisasiData(SQLModel):
    tahun: int
    triwulan: int
    kode_opd: str
    kode_indikator: str
    realisasi: float = num(nullable=False)
    keterangan: str | None = None
    bukti: str | None = None
    # why (issue 13, point 5): the LKjIP's analysis of each result
    faktor_pendukung: str | None = None
    faktor_penghambat: str | None = None
    tindak_lanjut: str | None = None
    status: str = with_default("draft")  # draft | diajukan | diverifikasi | ditolak | final
    batch_id: int | None = None
    catatan_verifikasi: str | None = None  # the verifier's note (required when ditolak)
    diverifikasi_oleh: str | None = None
    diverifikasi_pada: NaiveDatetime | None = None


class Realisasi(RealisasiData, table=True):
    id: int | None = id_field("realisasi")


class RealisasiRiwayat(RealisasiData, table=True):
    __tablename__ = "realisasi_riwayat"
    id: int | None = id_field("realisasi_riwayat")
    diganti_oleh_batch: int | None = None
    diganti_pada: NaiveDatetime | None = None


class RenstraData(SQLModel):
    """One indicator of an OPD's Renstra (or, with kode_opd PEMDA, the RPJMD) for its period.

    A year's PK indicator links to it by (kode_opd, kode_indikator) when the year lies in
    [tahun_awal, tahun_akhir] (issue 13, point 1).
    """

    kode_opd: str
    kode_indikator: str
    tahun_awal: int
    tahun_akhir: int
    tujuan: str | None = None
    sasaran: str
    indikator: str
    satuan: str
    polaritas: str  # positif | negatif | rentang
    kondisi_awal: float | None = num()
    target_akhir: float | None = num()
    target_min: float | None = num()
    target_max: float | None = num()
    target_1: float | None = num()
    target_2: float | None = num()
    target_3: float | None = num()
    target_4: float | None = num()
    target_5: float | None = num()
    batch_id: int | None = None


class Renstra(RenstraData, table=True):
    id: int | None = id_field("renstra")


class RenstraRiwayat(RenstraData, table=True):
    __tablename__ = "renstra_riwayat"
    id: int | None = id_field("renstra_riwayat")
    diganti_oleh_batch: int | None = None
    diganti_pada: NaiveDatetime | None = None


class AnggaranData(SQLModel):
    tahun: int
    bulan: int
    kode_opd: str
    program: str = with_default("")
    pagu: float = num(nullable=False)
    realisasi: float = num(nullable=False)
    batch_id: int | None = None


class Anggaran(AnggaranData, table=True):
    id: int | None = id_field("anggaran")


class AnggaranRiwayat(AnggaranData, table=True):
    __tablename__ = "anggaran_riwayat"
    id: int | None = id_field("anggaran_riwayat")
    diganti_oleh_batch: int | None = None
    diganti_pada: NaiveDatetime | None = None


class LkeData(SQLModel):
    tahun: int
    kode_unit: str
    komponen: str
    subkomponen: str
    kode_kriteria: str
    kriteria: str | None = None
    jawaban: str
    nilai: float = num(nullable=False)  # the answer on the 0..1 scale
    catatan: str | None = None
    batch_id: int | None = None


class Lke(LkeData, table=True):
    id: int | None = id_field("lke")


class LkeRiwayat(LkeData, table=True):
    __tablename__ = "lke_riwayat"
    id: int | None = id_field("lke_riwayat")
    diganti_oleh_batch: int | None = None
    diganti_pada: NaiveDatetime | None = None


class RbAksiData(SQLModel):
    tahun: int
    bulan: int
    kode_opd: str
    area: str
    kode_aksi: str
    rencana_aksi: str
    target: float = num(nullable=False)
    realisasi: float = num(nullable=False)
    batch_id: int | None = None


class RbAksi(RbAksiData, table=True):
    __tablename__ = "rb_aksi"
    id: int | None = id_field("rb_aksi")


class RbAksiRiwayat(RbAksiData, table=True):
    __tablename__ = "rb_aksi_riwayat"
    id: int | None = id_field("rb_aksi_riwayat")
    diganti_oleh_batch: int | None = None
    diganti_pada: NaiveDatetime | None = None


# --- Reformasi Birokrasi index (frameworks are data) -----------------------------------------


class RbKerangka(SQLModel, table=True):
    __tablename__ = "rb_kerangka"
    kode_kerangka: str = Field(primary_key=True)
    nama: str
    tahun_mulai: int


class RbKomponen(SQLModel, table=True):
    __tablename__ = "rb_komponen"
    id: int | None = id_field("rb_komponen")
    kode_kerangka: str
    kode_komponen: str
    nama: str
    induk: str | None = None  # kode_komponen of the group; leaves carry scores
    maksimum: float = num(nullable=False)
    urutan: int = with_default(0)


class RbNilai(SQLModel, table=True):
    __tablename__ = "rb_nilai"
    id: int | None = id_field("rb_nilai")
    tahun: int
    kode_kerangka: str
    kode_komponen: str
    nilai: float = num(nullable=False)


# --- people, batches, locks, settings ----------------------------------------------------------


class Pengguna(SQLModel, table=True):
    id: int | None = id_field("pengguna")
    nama_pengguna: str = Field(unique=True)
    peran: str  # admin | pimpinan | analis | verifikator | operator
    kode_opd: str | None = None
    hash_sandi: str | None = None  # Argon2; None = cannot log in (system account)
    aktif: bool = with_default(True)
    gagal_berturut: int = with_default(0)
    terkunci_sampai: NaiveDatetime | None = None
    dibuat_pada: NaiveDatetime | None = None
    # the password was set by an admin or is the demo one: it must be changed at the next login
    harus_ganti_sandi: bool = with_default(False)


class Sesi(SQLModel, table=True):
    """A login session (issue 11, point 9): what a browser's session cookie stands for.

    The cookie carries a random token; only its SHA-256 is stored (`token_hash`), so a copy of
    the database does not let anyone log in. `tiket_hash` is a one-time ticket (valid for two
    minutes) that the logged-in page exchanges for the HttpOnly cookie at the server route.
    """

    id: str = Field(primary_key=True)  # random, never leaves the server
    nama_pengguna: str = Field(index=True)
    dibuat_pada: NaiveDatetime
    kedaluwarsa_pada: NaiveDatetime  # absolute end, whatever the activity
    terakhir_aktif: NaiveDatetime  # last interaction (or presentation refresh): the idle limit
    token_hash: str | None = Field(default=None, index=True)
    tiket_hash: str | None = None
    tiket_kedaluwarsa: NaiveDatetime | None = None
    dicabut_pada: NaiveDatetime | None = None  # logout, disabled account, password change
    alasan_cabut: str | None = None


class RahasiaServer(SQLModel, table=True):
    """Server secrets shared by every app process on this database (the cookie signing key)."""

    __tablename__ = "rahasia_server"
    kunci: str = Field(primary_key=True)
    nilai: str


class VersiData(SQLModel, table=True):
    """One row per committed write of the core (issue 11, point 1): the data version.

    Every `Handle.transaction()` appends a row before it commits, so the row count changes in the
    same transaction as the data. Appends never conflict with each other (an UPDATE of one
    counter row would), and `count(*)` grows with every commit whatever order concurrent
    transactions commit in (a `max(id)` would not). Page caches key on this count.
    """

    __tablename__ = "versi_data"
    id: int | None = id_field("versi_data")
    waktu: NaiveDatetime


class BatchUnggah(SQLModel, table=True):
    __tablename__ = "batch_unggah"
    id: int | None = id_field("batch_unggah")
    dataset: str
    pengguna: str
    waktu: NaiveDatetime
    nama_file: str
    checksum: str  # sha256 of the file bytes
    jumlah_baris: int
    jumlah_baru: int = with_default(0)
    jumlah_berubah: int = with_default(0)
    jumlah_sama: int = with_default(0)


class KunciTriwulan(SQLModel, table=True):
    __tablename__ = "kunci_triwulan"
    id: int | None = id_field("kunci_triwulan")
    tahun: int
    triwulan: int
    terkunci: bool = with_default(False)
    oleh: str | None = None
    waktu: NaiveDatetime | None = None
    batas_waktu: NaiveDatetime | None = None  # reporting deadline


class SkalaKategori(SQLModel, table=True):
    """The kategori band table: a value gets the label of the highest `batas_bawah` it reaches."""

    __tablename__ = "skala_kategori"
    id: int | None = id_field("skala_kategori")
    batas_bawah: float = num(nullable=False)
    label: str
    warna: str


class Pengaturan(SQLModel, table=True):
    """Scalar settings as JSON text, e.g. `cap` = 120."""

    kunci: str = Field(primary_key=True)
    nilai: str


# --- Rapim sessions (issue 14, point 1) ---------------------------------------------------------


class RapimSesi(SQLModel, table=True):
    """One leadership meeting: its date, title and the periods it showed. The figures shown are
    frozen in `rapim_snapshot` when the admin opens it."""

    __tablename__ = "rapim_sesi"
    id: int | None = id_field("rapim_sesi")
    tanggal: date
    judul: str
    tahun: int  # the PK period of the ranking
    triwulan: int
    tahun_bulan: int  # the month of the RB and serapan figures
    bulan: int
    dibuka_oleh: str
    dibuka_pada: NaiveDatetime
    pembanding_id: int | None = None  # the Rapim its "Sejak Rapim lalu" was compared with


class RapimSnapshot(SQLModel, table=True):
    """One frozen table of a Rapim (papan: peringkat, penghargaan, pendampingan, indeks, lke,
    rb, serapan, indikator, sejak) as pandas JSON (orient="table"), shown again exactly."""

    __tablename__ = "rapim_snapshot"
    id: int | None = id_field("rapim_snapshot")
    sesi_id: int = Field(index=True)
    papan: str
    isi: str


class RapimKeputusan(SQLModel, table=True):
    """A decision of a Rapim about one OPD: penghargaan, or pendampingan with a person in charge,
    a plan and a due date; its status is followed up to the next Rapim."""

    __tablename__ = "rapim_keputusan"
    id: int | None = id_field("rapim_keputusan")
    sesi_id: int = Field(index=True)
    kode_opd: str
    jenis: str  # penghargaan | pendampingan
    penanggung_jawab: str | None = None
    rencana: str | None = None
    batas_waktu: date | None = None
    catatan: str | None = None
    status: str = with_default("belum")  # belum | proses | selesai
    dicatat_oleh: str
    dicatat_pada: NaiveDatetime
    diubah_oleh: str | None = None
    diubah_pada: NaiveDatetime | None = None


# --- audit, evidence, evaluation history (used by the reporting, LKE and RB features) ---------


class AuditLog(SQLModel, table=True):
    """Every write: who, when, what, old and new (JSON text)."""

    __tablename__ = "audit_log"
    id: int | None = id_field("audit_log")
    waktu: NaiveDatetime
    pengguna: str
    aksi: str  # e.g. impor, verifikasi, tolak, kunci, pulihkan, pengguna_baru, pengaturan
    tabel: str | None = None
    kunci: str | None = None
    nilai_lama: str | None = None
    nilai_baru: str | None = None
    keterangan: str | None = None


class Bukti(SQLModel, table=True):
    """An evidence file of one realisation, stored under a generated name outside served folders."""

    __tablename__ = "bukti"
    id: int | None = id_field("bukti")
    tahun: int
    triwulan: int
    kode_opd: str
    kode_indikator: str
    nama_asli: str  # shown to people, never used as a path
    nama_simpan: str  # generated (uuid + extension)
    jenis: str  # pdf | jpg | png | xlsx | docx
    ukuran: int
    checksum: str
    pengguna: str
    waktu: NaiveDatetime


class LkeUsulan(SQLModel, table=True):
    """A unit's own proposed answer (nilai usulan); the `lke` table holds the evaluator's final."""

    __tablename__ = "lke_usulan"
    id: int | None = id_field("lke_usulan")
    tahun: int
    kode_unit: str
    komponen: str
    subkomponen: str
    kode_kriteria: str
    kriteria: str | None = None
    jawaban: str
    nilai: float = num(nullable=False)
    catatan: str | None = None
    bukti: str | None = None
    pengguna: str | None = None
    waktu: NaiveDatetime | None = None


class RiwayatEvaluasi(SQLModel, table=True):
    """Past official results entered by hand (e.g. SAKIP 52,11 in 2015), per unit and kind."""

    __tablename__ = "riwayat_evaluasi"
    id: int | None = id_field("riwayat_evaluasi")
    jenis: str  # sakip | rb
    tahun: int
    kode_unit: str  # PEMDA or a kode_opd
    nilai: float = num(nullable=False)
    predikat: str | None = None
    sumber: str | None = None


# --- LHE: the evaluator's recommendations and their follow-up (issue 14, point 3) -------------


class LheData(SQLModel):
    """One recommendation of a Laporan Hasil Evaluasi to a unit (PEMDA or an OPD) for a year.

    Follow-ups (`lhe_tindak_lanjut`) and evidence (`lhe_bukti`) refer to the natural key
    (tahun, kode_unit, kode_rekomendasi), which a revised upload keeps.
    """

    tahun: int
    kode_unit: str  # PEMDA or a kode_opd
    kode_rekomendasi: str
    komponen: str  # perencanaan | pengukuran | pelaporan | evaluasi (the LKE components)
    rekomendasi: str
    batas_waktu: date
    penanggung_jawab: str | None = None
    batch_id: int | None = None


class Lhe(LheData, table=True):
    id: int | None = id_field("lhe")


class LheRiwayat(LheData, table=True):
    __tablename__ = "lhe_riwayat"
    id: int | None = id_field("lhe_riwayat")
    diganti_oleh_batch: int | None = None
    diganti_pada: NaiveDatetime | None = None


class LheTindakLanjut(SQLModel, table=True):
    """One follow-up record of a recommendation; the latest (highest id) is the current one,
    the earlier ones are its history. The Inspektorat's verification is kept on the record it
    judged (`verifikasi`: menunggu | diverifikasi | ditolak)."""

    __tablename__ = "lhe_tindak_lanjut"
    id: int | None = id_field("lhe_tindak_lanjut")
    tahun: int
    kode_unit: str
    kode_rekomendasi: str
    uraian: str  # what was done
    status: str  # belum | proses | selesai
    bukti_id: int | None = None  # the evidence file sent with this record (lhe_bukti)
    pengguna: str
    waktu: NaiveDatetime
    verifikasi: str = with_default("menunggu")
    catatan_verifikasi: str | None = None
    diverifikasi_oleh: str | None = None
    diverifikasi_pada: NaiveDatetime | None = None


class LheBukti(SQLModel, table=True):
    """An evidence file of a recommendation's follow-up, stored like realisation evidence."""

    __tablename__ = "lhe_bukti"
    id: int | None = id_field("lhe_bukti")
    tahun: int
    kode_unit: str
    kode_rekomendasi: str
    nama_asli: str
    nama_simpan: str
    jenis: str
    ukuran: int
    checksum: str
    pengguna: str
    waktu: NaiveDatetime
