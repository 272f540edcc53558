"""The PK documents read back from a database PK: pdftotext for PDF, the XML for DOCX."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sakip_core import cli
from sakip_core.pk.agreement import pk_of
from sakip_core.pk.documents import write_document
from sakip_core.pk.signing import sign
from sakip_core.pk.wording import DEFAULT_WORDING, wording_from
from sakip_core.settings import set_setting
from tests.csvdata import ADMIN
from tests.factories import TAHUN
from tests.pk_fixtures import pdf_scan, pk_database

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) tidak terpasang"
)


@pytest.fixture
def h(tmp_path, monkeypatch):
    handle = pk_database(tmp_path, monkeypatch)
    set_setting(handle, "nama_pemda", "Pemerintah Kabupaten Sukamaju")
    set_setting(handle, "tempat_pk", "Sukamaju")
    yield handle
    handle.close()


def flat(text: str) -> str:
    """Lowercase with every run of whitespace as one space (lines wrap differently)."""
    return re.sub(r"\s+", " ", text).lower()


def pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True)
    assert done.returncode == 0
    return done.stdout.decode()


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


STANDARD = [
    "pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan",
    "keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami",
    "pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
    "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
    "pemberian penghargaan dan sanksi",
]


def readers():  # noqa: ANN201
    return [
        pytest.param("pdf", pdf_text, marks=needs_poppler, id="pdf"),
        pytest.param("docx", docx_text, id="docx"),
    ]


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_the_document_holds_both_parties_the_wording_every_indicator_and_program(h, fmt, read):
    pk = pk_of(h, ADMIN, TAHUN, "A.J1")
    text = read(write_document([pk], fmt))
    f = flat(text)
    for expected in (
        "pemerintah kabupaten sukamaju", f"perjanjian kinerja tahun {TAHUN}",
        "dr. rina kartika, m.kes.", "kepala dinas alpha", "h. bupati contoh", "bupati sukamaju",
        "nip. 19800101 200501 2 001", "pembina utama muda (iv/c)", "pihak pertama,",
        "pihak kedua,", "usia harapan hidup", "angka inflasi", "nilai sakip opd",
        "2,5–3,5 %", "72,5 tahun", "program kesehatan", "program penunjang",
        "rp 5.000.000.000", "rp 1.250.000.000", "rp 6.250.000.000", "sukamaju, ",
    ):  # fmt: skip
        assert expected in f, (fmt, expected)
    for sentence in STANDARD:
        assert sentence in f, (fmt, sentence[:40])
    assert "pakta integritas" not in f


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_the_bupati_signs_alone_and_a_plt_is_written(h, fmt, read):
    bupati = flat(read(write_document([pk_of(h, ADMIN, TAHUN, "KD")], fmt)))
    assert "pihak kedua" not in bupati
    assert STANDARD[2] not in bupati  # no supervisi without a pihak kedua
    assert "indeks pembangunan manusia" in bupati
    kabid = flat(read(write_document([pk_of(h, ADMIN, TAHUN, "A.J2")], fmt)))
    assert "plt. kepala bidang satu" in kabid
    assert "tidak ada program dengan anggaran" in kabid


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_a_signed_pk_prints_its_date_and_the_pakta_when_asked(h, fmt, read):
    sign(h, ADMIN, TAHUN, "A.J1", date(TAHUN, 1, 30), "pk.pdf", pdf_scan())
    text = flat(read(write_document([pk_of(h, ADMIN, TAHUN, "A.J1")], fmt, pakta=True)))
    assert f"sukamaju, 30 januari {TAHUN}" in text
    assert "pakta integritas" in text and "korupsi, kolusi dan nepotisme" in text
    assert "draf" not in text


@needs_poppler
def test_several_pks_go_into_one_file_in_order(h) -> None:
    pks = [pk_of(h, ADMIN, TAHUN, code) for code in ("A.J1", "B.J1", "KD")]
    data = write_document(pks, "pdf", pakta=True)
    assert pages(data) >= 9  # agreement, lampiran, pakta for each
    text = flat(pdf_text(data))
    firsts = ("usia harapan hidup", "kepala badan beta", "indeks pembangunan manusia")
    at = [text.index(name) for name in firsts]
    assert at == sorted(at)


@pytest.mark.parametrize(("fmt", "read"), readers())
def test_the_admins_wording_replaces_the_standard_text(h, fmt, read):
    set_setting(h, "teks_pk", {"tanggung_jawab": "Kami bertanggung jawab penuh atas target ini."})
    text = flat(read(write_document([pk_of(h, ADMIN, TAHUN, "A.J1")], fmt)))
    assert "kami bertanggung jawab penuh atas target ini." in text
    assert STANDARD[1] not in text
    assert STANDARD[0] in text


def test_blank_or_unknown_overrides_keep_the_defaults() -> None:
    w = wording_from({"janji": "  ", "tidak_ada": "x", "pakta": ["", "Satu-satunya butir"]})
    assert w.janji == DEFAULT_WORDING["janji"]
    assert w.pakta == ["Satu-satunya butir"]


def test_an_unknown_format_is_refused(h) -> None:
    with pytest.raises(ValueError, match=r"\.?pdf atau \.?docx"):
        write_document([pk_of(h, ADMIN, TAHUN, "A.J1")], "odt")


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=120)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names, jabatan=names)
def test_property_any_name_never_breaks_either_writer(h, name, jabatan) -> None:
    pk = pk_of(h, ADMIN, TAHUN, "A.J1")
    first = replace(pk.pihak_pertama, nama_pejabat=name or None, nama_jabatan=jabatan or "X")
    odd = replace(pk, pihak_pertama=first)
    assert write_document([odd], "pdf").startswith(b"%PDF")
    assert write_document([odd], "docx").startswith(b"PK")


def test_pk_dokumen_command_writes_all_heads_or_refuses(h, tmp_path, capsys) -> None:
    out = tmp_path / "pk_kepala.docx"
    args = ["--db", str(h.path), "pk-dokumen", "--tahun", str(TAHUN)]
    assert cli.main([*args, "--jenjang", "jpt", "--pakta", "-o", str(out)]) == 0
    text = flat(docx_text(out.read_bytes()))
    assert "kepala dinas alpha" in text
    assert "kepala badan beta" not in text  # B's head owns no indicator: no empty PK
    said = capsys.readouterr()
    assert "1 pk" in flat(said.out) and "B.J1" in said.err
    assert cli.main([*args, "--opd", "A", "-o", str(tmp_path / "a.pdf")]) == 0
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert cli.main([*args, "--jabatan", "A.J1", "-o", str(tmp_path / "x.odt")]) == 1
    assert ".pdf atau .docx" in capsys.readouterr().err
    assert cli.main([*args, "--jenjang", "menteri", "-o", str(out)]) == 1
