"""The PK document (issue 12, point 3): PDF read back with pdftotext, DOCX read from its XML.

The PKs are built by hand (the contract of `pk.model`), so no database is needed; the documents
of a database PK, the `teks_pk` setting and the `pk-dokumen` command are in
test_pk_document_reads.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_core.pk.document_text import DOTS
from sakip_core.pk.documents import MEDIA_TYPES, document_format, write_document
from sakip_core.pk.model import BarisIndikator, BarisProgram, PerjanjianKinerja, Pihak
from sakip_core.pk.wording import DEFAULT_WORDING, wording_from

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) tidak terpasang"
)
W = wording_from({})

# ---------------------------------------------------------------- PKs built by hand

BUPATI = Pihak("KD", "Bupati Sukamaju", "kepala_daerah", "H. Ahmad Suryana, S.H., M.Si.", None,
               None)  # fmt: skip
KADIS = Pihak("DINKES.1", "Kepala Dinas Kesehatan", "jpt", "dr. Rina Kartika, M.Kes.",
              "198001012005012001", "Pembina Utama Muda (IV/c)")  # fmt: skip
PLT = Pihak("DINKES.2", "Kepala Bidang Pencegahan dan Pengendalian Penyakit", "administrator",
            "Budi Santoso, S.K.M.", "198502102010011002", "Pembina (IV/a)", "plt")  # fmt: skip
KOSONG = Pihak("DINKES.3", "Sekretaris Dinas Kesehatan", "administrator", None, None, None)
LONG_SASARAN = (
    "Meningkatnya derajat kesehatan masyarakat melalui pemerataan akses dan mutu pelayanan "
    "kesehatan dasar dan rujukan yang berkualitas bagi seluruh lapisan masyarakat Sukamaju"
)
PROGRAMS = [
    BarisProgram(1, "Program Pemenuhan Upaya Kesehatan Perorangan", 5_000_000_000.0),
    BarisProgram(2, "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan", 1_250_000_000.0),
    BarisProgram(3, "Program Penunjang Urusan Pemerintahan Daerah", 734_567_000.0),
]


def baris(no: int, sasaran: str, indikator: str, satuan: str, teks: str,
          rentang: bool = False) -> BarisIndikator:  # fmt: skip
    value = float(teks.split("–")[0].replace(",", "."))
    return BarisIndikator(
        no=no, sasaran=sasaran, kode_indikator=f"IK{no}", indikator=indikator, satuan=satuan,
        polaritas="rentang" if rentang else "naik", target=None if rentang else value,
        target_min=value if rentang else None, target_max=90.0 if rentang else None,
        target_tw=(None, None, None, value), target_teks=teks, program=None, anggaran=None,
    )  # fmt: skip


INDIKATOR = [
    baris(1, LONG_SASARAN, "Usia Harapan Hidup", "tahun", "72,5"),
    baris(2, LONG_SASARAN, "Persentase balita gizi baik", "%", "80–90", rentang=True),
    baris(3, LONG_SASARAN, "Cakupan imunisasi dasar lengkap", "%", "95"),
    baris(4, "Meningkatnya tata kelola", "Nilai SAKIP perangkat daerah", "nilai", "70"),
]


def make_pk(first: Pihak, second: Pihak | None, **kw: object) -> PerjanjianKinerja:
    values: dict[str, object] = dict(
        tahun=2026, versi=1, jenis_versi="awal", status="draft",
        nama_pemda="Pemerintah Kabupaten Sukamaju", nama_opd="Dinas Kesehatan",
        tempat="Sukamaju", tanggal=None, pihak_pertama=first, pihak_kedua=second,
        indikator=INDIKATOR, program=PROGRAMS, wording=W,
    )  # fmt: skip
    values.update(kw)
    return PerjanjianKinerja(**values)  # type: ignore[arg-type]


def kadis_pk(**kw: object) -> PerjanjianKinerja:
    base: dict[str, object] = dict(status="ditandatangani", tanggal=date(2026, 1, 2))
    return make_pk(KADIS, BUPATI, **{**base, **kw})


def plt_pk() -> PerjanjianKinerja:
    return make_pk(PLT, KADIS, program=[], jenis_versi="perubahan", status="perubahan")


def bupati_pk() -> PerjanjianKinerja:
    ipm = [baris(1, "Meningkatnya kualitas SDM", "Indeks Pembangunan Manusia", "indeks", "72")]
    return make_pk(BUPATI, None, nama_opd=None, indikator=ipm, program=PROGRAMS[:1])


def kosong_pk() -> PerjanjianKinerja:
    return make_pk(KOSONG, KADIS, indikator=INDIKATOR[3:], program=PROGRAMS[2:])


# ---------------------------------------------------------------- reading the files back


def flat(text: str) -> str:
    """Lowercase with every run of whitespace as one space (lines wrap differently)."""
    return re.sub(r"\s+", " ", text).lower()


def pdf_text(data: bytes, first: int | None = None, last: int | None = None,
             mode: str = "-raw") -> str:  # fmt: skip
    """The text of the PDF (or of pages first..last). `-raw` keeps the order it was drawn in,
    so a table cell's wrapped lines stay together; `-layout` keeps columns side by side."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = subprocess.run(["pdftotext", mode, *pages, "-", "-"], input=data, capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode()


def docx_xml(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


def docx_text(data: bytes) -> str:
    text = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", docx_xml(data)))
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def readers():  # noqa: ANN201
    return [
        pytest.param("pdf", pdf_text, marks=needs_poppler, id="pdf"),
        pytest.param("docx", docx_text, id="docx"),
    ]


STANDARD = [
    "pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan",
    "keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami",
    "pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
    "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
    "pemberian penghargaan dan sanksi",
]
PERNYATAAN = (
    "dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
    "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
)

# ---------------------------------------------------------------- the wording


def test_the_standard_wording_is_the_permenpan_text() -> None:
    assert flat(str(DEFAULT_WORDING["pernyataan"])) == PERNYATAAN
    for key, sentence in zip(("janji", "tanggung_jawab", "supervisi"), STANDARD, strict=True):
        assert sentence in flat(str(DEFAULT_WORDING[key]))
    pakta = flat(" ".join(DEFAULT_WORDING["pakta"]))
    for words in ("korupsi, kolusi dan nepotisme", "jujur", "bertanggung jawab", "sanksi"):
        assert words in pakta


def test_blank_or_unknown_overrides_keep_the_defaults() -> None:
    w = wording_from({"janji": "  ", "tidak_ada": "x", "supervisi": None, "pernyataan": 5,
                      "pakta": ["", "Satu-satunya butir"]})  # fmt: skip
    assert w.janji == DEFAULT_WORDING["janji"]
    assert w.supervisi == DEFAULT_WORDING["supervisi"]
    assert w.pernyataan == DEFAULT_WORDING["pernyataan"]
    assert w.pakta == ["Satu-satunya butir"]
    assert wording_from(None) == wording_from({}) == W
    assert wording_from({"pakta": "Butir satu\n\n  Butir dua  \n"}).pakta == ["Butir satu",
                                                                          "Butir dua"]  # fmt: skip
    assert wording_from({"pakta": ["  ", ""]}).pakta == DEFAULT_WORDING["pakta"]
    assert wording_from({"pakta": 3}).pakta == DEFAULT_WORDING["pakta"]


# ---------------------------------------------------------------- the documents


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_the_document_holds_both_parties_the_wording_every_indicator_and_program(fmt, read):
    f = flat(read(write_document([kadis_pk()], fmt)))
    for expected in (
        "pemerintah kabupaten sukamaju", "dinas kesehatan", "perjanjian kinerja tahun 2026",
        PERNYATAAN, "dr. rina kartika, m.kes.", "kepala dinas kesehatan",
        "selanjutnya disebut pihak pertama", "selanjutnya disebut pihak kedua",
        "h. ahmad suryana, s.h., m.si.", "bupati sukamaju", "nip. 19800101 200501 2 001",
        "pembina utama muda (iv/c)", "pihak pertama,", "pihak kedua,", "sukamaju, 2 januari 2026",
        "lampiran perjanjian kinerja tahun 2026", "no sasaran indikator kinerja target",
        "72,5 tahun", "80–90 %", "95 %", "70 nilai", "usia harapan hidup",
        "persentase balita gizi baik", "cakupan imunisasi dasar lengkap",
        "nilai sakip perangkat daerah", "meningkatnya tata kelola", "program anggaran keterangan",
        "rp 5.000.000.000", "rp 1.250.000.000", "rp 734.567.000", "jumlah rp 6.984.567.000",
    ):  # fmt: skip
        assert expected in f, (fmt, expected)
    for program in PROGRAMS:
        assert flat(program.program) in f, (fmt, program.program)
    for sentence in STANDARD:
        assert sentence in f, (fmt, sentence[:40])
    assert "pakta integritas" not in f and "draf" not in f
    assert f.count("nip. 19800101 200501 2 001") == 2  # agreement and lampiran are both signed


@needs_poppler
def test_the_pdf_signature_blocks_stand_side_by_side_pihak_kedua_left() -> None:
    lines = pdf_text(write_document([kadis_pk()], "pdf"), 1, 1, mode="-layout").splitlines()
    roles = [line for line in lines if "PIHAK KEDUA," in line]
    assert len(roles) == 1 and roles[0].index("PIHAK KEDUA,") < roles[0].index("PIHAK PERTAMA,")
    names = [line for line in lines if "H. Ahmad Suryana" in line and "dr. Rina" in line]
    assert len(names) == 1  # the names on one line, whatever the jabatan lengths
    title = next(line for line in lines if "PERJANJIAN KINERJA TAHUN 2026" in line)
    left = len(title) - len(title.lstrip())
    assert left > 20  # centred, not at the margin


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_a_long_sasaran_is_written_once_per_run_of_its_indicators(fmt, read):
    f = flat(read(write_document([kadis_pk()], fmt)))
    if fmt == "docx":
        assert f.count(flat(LONG_SASARAN)) == 1  # one merged cell
    words = flat(LONG_SASARAN).split()
    assert all(word in f for word in words)  # wrapped in its cell, every word there


def test_the_docx_merges_the_sasaran_and_the_total_cells() -> None:
    xml = docx_xml(write_document([kadis_pk()], "docx"))
    assert xml.count('<w:vMerge w:val="restart"/>') == 1  # the run of three (one row: no merge)
    assert xml.count("<w:vMerge/>") == 2  # the 2nd and 3rd row under the long sasaran
    assert '<w:gridSpan w:val="2"/>' in xml  # Jumlah over No and Program


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_a_long_run_of_one_sasaran_is_merged_by_pieces(fmt, read):
    """15 indicators of one sasaran: merged over 6, 6 and 3 rows (written three times)."""
    run = [
        baris(n, "Sasaran yang sangat umum", f"Indikator ke-{n}", "%", "9") for n in range(1, 16)
    ]
    f = flat(read(write_document([kadis_pk(indikator=run)], fmt)))
    assert f.count("sasaran yang sangat umum") == 3
    assert all(f"indikator ke-{n} " in f for n in range(1, 16))


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_the_bupati_signs_alone(fmt, read):
    f = flat(read(write_document([bupati_pk()], fmt)))
    assert "pihak kedua" not in f
    assert STANDARD[2] not in f  # no supervisi without a pihak kedua
    assert STANDARD[0] in f and STANDARD[1] in f
    assert "indeks pembangunan manusia" in f and "pihak pertama," in f
    assert f.count("h. ahmad suryana, s.h., m.si.") == 3  # party block and two signatures
    assert "lampiran perjanjian kinerja tahun 2026 bupati sukamaju" in f
    assert "nip." not in f  # no NIP: nothing printed, not "NIP. None"


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_a_plt_an_unsigned_perubahan_and_no_program(fmt, read):
    f = flat(read(write_document([plt_pk()], fmt)))
    assert "plt. kepala bidang pencegahan dan pengendalian penyakit" in f
    assert "perjanjian kinerja perubahan tahun 2026" in f
    assert "tidak ada program dengan anggaran pada pk ini." in f
    assert f"sukamaju, {DOTS} 2026" in f  # the date is filled in by hand
    assert "draf" in f  # not signed yet
    assert "nip. 19850210 201001 1 002" in f and "nip. 19800101 200501 2 001" in f


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_a_vacant_post_prints_a_dotted_line(fmt, read):
    f = flat(read(write_document([kosong_pk()], fmt, pakta=True)))
    assert f"nama : {DOTS}" in f
    assert "sekretaris dinas kesehatan" in f
    assert "none" not in f
    assert "pakta integritas" in f


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_the_pakta_only_when_asked_one_per_pk(fmt, read):
    pks = [kadis_pk(), bupati_pk()]
    assert "pakta integritas" not in flat(read(write_document(pks, fmt)))
    f = flat(read(write_document(pks, fmt, pakta=True)))
    assert f.count("pakta integritas") == 2
    assert f.count("korupsi, kolusi dan nepotisme") == 2
    assert "pangkat/golongan : pembina utama muda (iv/c)" in f
    assert "instansi : dinas kesehatan" in f and "instansi : pemerintah kabupaten sukamaju" in f
    assert f.count(f"{len(W.pakta)}. apabila saya melanggar") == 2  # numbered from 1 each time


@needs_poppler
def test_several_pks_go_into_one_pdf_in_order_each_on_its_own_pages() -> None:
    pks = [kadis_pk(), plt_pk(), kosong_pk(), bupati_pk()]
    data = write_document(pks, "pdf")
    assert page_count(data) >= 2 * len(pks)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True).stdout.decode()
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == page_count(data)
    pages = page_count(data)
    texts = {n: flat(pdf_text(data, n, n)) for n in range(1, pages + 1)}
    starts = [n for n, page in texts.items() if "perjanjian kinerja" in page
              and "lampiran perjanjian kinerja" not in page]  # fmt: skip
    assert len(starts) == len(pks)  # each PK starts a page of its own, with the kop
    for n, pk in zip(starts, pks, strict=True):
        assert "pemerintah kabupaten sukamaju" in texts[n]
        assert f"nama : {flat(pk.pihak_pertama.nama_pejabat or DOTS)}" in texts[n]
        assert "lampiran perjanjian kinerja" in texts[n + 1]  # its lampiran follows
    with_pakta = write_document(pks, "pdf", pakta=True)
    assert page_count(with_pakta) >= 3 * len(pks)


def test_several_pks_go_into_one_docx_in_order() -> None:
    pks = [kadis_pk(), plt_pk(), kosong_pk(), bupati_pk()]
    data = write_document(pks, "docx", pakta=True)
    f = flat(docx_text(data))
    at = [f.index(flat(f"lampiran {pk.judul} {pk.pihak_pertama.jabatan_tertulis}")) for pk in pks]
    assert at == sorted(at)
    xml = docx_xml(data)
    # a page before each PK but the first, before each lampiran and each pakta
    assert xml.count("<w:pageBreakBefore/>") == 3 * len(pks) - 1


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_an_override_of_the_wording_is_printed(fmt, read):
    w = wording_from({"tanggung_jawab": "Kami bertanggung jawab penuh atas target ini.",
                      "pakta": ["Butir pakta buatan admin."]})  # fmt: skip
    f = flat(read(write_document([kadis_pk(wording=w)], fmt, pakta=True)))
    assert "kami bertanggung jawab penuh atas target ini." in f
    assert "1. butir pakta buatan admin." in f
    assert STANDARD[1] not in f and STANDARD[0] in f
    assert "korupsi" not in f


@needs_poppler
def test_a_long_table_repeats_its_header_on_every_page() -> None:
    many = [baris(n, f"Sasaran {n // 10}", f"Indikator nomor {n}", "%", "90") for n in range(1, 90)]
    data = write_document([kadis_pk(indikator=many)], "pdf")
    pages = page_count(data)
    lampiran = [flat(pdf_text(data, n, n)) for n in range(2, pages + 1)]
    with_rows = [page for page in lampiran if "indikator nomor" in page]
    assert len(with_rows) >= 3
    assert all("no sasaran indikator kinerja target" in page for page in with_rows)
    assert all(f"indikator nomor {n} " in " ".join(lampiran) for n in range(1, 90))


def test_the_docx_is_a4_with_the_font_on_normal_repeating_headers_and_no_macros() -> None:
    from docx import Document
    from docx.shared import Cm

    data = write_document([kadis_pk(), bupati_pk()], "docx", pakta=True)
    doc = Document(BytesIO(data))
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.05)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.05)
    assert doc.styles["Normal"].font.name == "Bookman Old Style"
    grids = [t for t in doc.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) == 4  # indicators and programs, for each PK
    for table in grids:
        assert (
            table.rows[0]._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
            )
            is not None
        )
    assert {p.style.name for p in doc.paragraphs} >= {"PK Judul", "PK Teks", "PK Butir"}
    with zipfile.ZipFile(BytesIO(data)) as z:
        names = z.namelist()
    assert not any("vba" in n.lower() or n.startswith("word/fonts") for n in names)


@needs_poppler
def test_long_names_wrap_inside_the_page() -> None:
    long = "Prof. Dr. Ir. " + "Rangkaiannamapanjangsekali" * 6 + " Wulandari, S.E., M.Si."
    jabatan = "Kepala Dinas " + "Pemberdayaan Masyarakat dan Desa " * 5
    first = replace(KADIS, nama_pejabat=long, nama_jabatan=jabatan)
    sasaran = "Sasaran" + "Tanpaspasi" * 20
    pk = kadis_pk(pihak_pertama=first, indikator=[baris(1, sasaran, "Indikator", "%", "1")])
    data = write_document([pk], "pdf", pakta=True)
    done = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True)
    words = re.findall(rb'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', done.stdout)
    assert words
    right_edge = 595.28 - 20 * 72 / 25.4  # A4 width less the right margin, in points
    assert max(float(x_max) for _, x_max in words) <= right_edge + 1
    assert min(float(x_min) for x_min, _ in words) >= 25 * 72 / 25.4 - 1


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_no_pk_still_gives_a_file_that_says_so(fmt) -> None:
    data = write_document([], fmt)
    assert data.startswith(b"%PDF" if fmt == "pdf" else b"PK")
    if fmt == "docx":
        assert "tidak ada perjanjian kinerja" in flat(docx_text(data))


def test_the_format_comes_from_the_suffix_and_anything_else_is_refused(tmp_path) -> None:
    assert document_format("PK_2026.PDF") == "pdf"
    assert document_format(tmp_path / "semua kepala.docx") == "docx"
    assert document_format("docx") == document_format(".docx") == "docx"
    assert set(MEDIA_TYPES) == {"pdf", "docx"}
    assert write_document([kadis_pk()], Path("x.pdf")).startswith(b"%PDF")
    for bad in ("pk.odt", "odt", "pk", "", "pk.pdf.txt"):
        with pytest.raises(ValueError, match=r"\.pdf atau \.docx"):
            write_document([kadis_pk()], bad)


def test_the_sasaran_runs_of_a_pk() -> None:
    runs = kadis_pk().kelompok_sasaran
    assert [(s[:11], [b.no for b in lines]) for s, lines in runs] == [
        ("Meningkatny", [1, 2, 3]), ("Meningkatny", [4])]  # fmt: skip
    again = kadis_pk(indikator=[*INDIKATOR, replace(INDIKATOR[0], no=5)]).kelompok_sasaran
    assert len(again) == 3  # not consecutive: a run of its own


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=150)


@settings(max_examples=20, deadline=None)
@given(name=names, jabatan=names, sasaran=names, program=names)
def test_property_any_text_never_breaks_either_writer(name, jabatan, sasaran, program) -> None:
    first = replace(KADIS, nama_pejabat=name or None, nama_jabatan=jabatan or "X", nip=name[:18])
    pk = kadis_pk(
        pihak_pertama=first, nama_opd=jabatan or None, tempat=name,
        indikator=[replace(INDIKATOR[0], sasaran=sasaran, indikator=name), INDIKATOR[1]],
        program=[BarisProgram(1, program, 1e9), BarisProgram(2, name, None)],
    )  # fmt: skip
    assert write_document([pk, bupati_pk()], "pdf", pakta=True).startswith(b"%PDF")
    assert write_document([pk], "docx", pakta=True).startswith(b"PK")
