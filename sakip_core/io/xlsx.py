"""The parts of an uploaded `.xlsx` (a zip archive), unzipped within limits, and its sheet choice.

Before anything parses the workbook, the archive is inspected: its table of contents must be
complete and of a sane size, with not too many parts and none encrypted; the parts are then read
through a bounded stream, so a lying zip header gains no more bytes than it declared, and the
total once unzipped stays within `UploadLimits.mb_terurai`. The sheet read is the one named
`data` (any case), else the first visible worksheet; merged cells are given as 1-based ranges.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import python_calamine as calamine

from sakip_core.io.limits import MB, FileProblem, UploadLimits
from sakip_core.io.limits import mb_text as _mb
from sakip_core.io.limits import number_text as _num

ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_PARTS = 1000  # an Excel workbook has a few dozen parts
MAX_CENTRAL_DIRECTORY = 1 * MB  # ~100 bytes per part: far above any real workbook
DATA_SHEET = "data"


def damaged(exc: Exception) -> FileProblem:
    return FileProblem(
        "Berkas .xlsx tidak dapat dibaca (rusak atau bukan dari Excel). "
        f"Simpan ulang dari Excel lalu unggah lagi. Rincian: {type(exc).__name__}"
    )


def _too_big_unzipped(total: int, biggest: str, limits: UploadLimits) -> FileProblem:
    return FileProblem(
        f"Isi berkas .xlsx setelah diurai (unzip) berukuran {_mb(total)} MB (bagian terbesar: "
        f"{biggest[:80]}), melebihi batas {_num(limits.mb_terurai)} MB. Hapus lembar, gambar atau "
        "isian yang tidak perlu, atau bagi data menjadi beberapa berkas."
    )


def unzip_bounded(data: bytes, limits: UploadLimits) -> dict[str, bytes]:
    """Every part of the archive, refused before or while unzipping beyond the limit."""
    _check_central_directory(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise damaged(exc) from None
    if len(infos) > MAX_ZIP_PARTS:
        raise FileProblem(
            f"Berkas .xlsx berisi {len(infos)} bagian; berkas Excel biasa hanya beberapa puluh. "
            "Simpan ulang dari Excel lalu unggah lagi."
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise FileProblem(
            "Berkas .xlsx ini dilindungi kata sandi (terenkripsi); simpan tanpa kata sandi lalu "
            "unggah lagi."
        )
    budget = limits.bytes_terurai
    declared = sum(i.file_size for i in infos)
    if declared > budget:
        biggest = max(infos, key=lambda i: i.file_size)
        raise _too_big_unzipped(declared, biggest.filename, limits)
    parts: dict[str, bytes] = {}
    total = 0
    try:
        for info in infos:
            chunks = []
            # zipfile stops at the declared size and checks the CRC: a header that lies about
            # the size gets no more bytes than it declared (and then fails the CRC)
            with archive.open(info) as stream:
                while chunk := stream.read(MB):
                    total += len(chunk)
                    if total > budget:
                        raise _too_big_unzipped(total, info.filename, limits)
                    chunks.append(chunk)
            parts[info.filename] = b"".join(chunks)
    except FileProblem:
        raise
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError,
            EOFError, ValueError) as exc:  # fmt: skip
        raise damaged(exc) from None
    return parts


def _check_central_directory(data: bytes) -> None:
    """Refuse an archive whose table of contents alone would take long and much memory."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if at < 0 or len(data) < at + 22:
        raise FileProblem(
            "Berkas .xlsx tidak dapat dibaca: tidak lengkap (terpotong), bagian akhirnya tidak "
            "ada; mungkin unggahan terputus atau berkas belum selesai disimpan/diunduh. Simpan "
            "ulang dari Excel lalu unggah lagi."
        )
    entries, size = struct.unpack("<HI", data[at + 10 : at + 16])
    if entries == 0xFFFF or size == 0xFFFFFFFF or size > MAX_CENTRAL_DIRECTORY:
        raise FileProblem(
            "Berkas .xlsx berisi terlalu banyak bagian; berkas Excel biasa hanya beberapa puluh. "
            "Simpan ulang dari Excel lalu unggah lagi."
        )


def choose_sheet(book: calamine.CalamineWorkbook) -> tuple[str, bool]:
    """The sheet named `data` (any case), else the first visible worksheet, else the first."""
    metas = list(book.sheets_metadata)
    if not metas:
        raise FileProblem("Berkas .xlsx tidak memiliki lembar kerja.")
    for meta in metas:
        if meta.name.strip().lower() == DATA_SHEET:
            return meta.name, False
    for meta in metas:
        visible = meta.visible == calamine.SheetVisibleEnum.Visible
        if visible and meta.typ == calamine.SheetTypeEnum.WorkSheet:
            return meta.name, True
    return metas[0].name, True


def merged_ranges(sheet: calamine.CalamineSheet) -> list[tuple[int, int, int, int]]:
    """The sheet's merged cells as 1-based (first row, first column, last row, last column)."""
    return [
        (r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
    ]
