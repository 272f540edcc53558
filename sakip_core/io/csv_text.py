"""An uploaded `.csv` as text: its encoding, separator and size checked before pandas parses it.

The bytes must be UTF-8 text (an Excel file or UTF-16 text renamed to .csv is told apart, with
how to save it properly); the separator is `;` when the header line has more of them than commas,
else `,`. Lines and header fields are counted on the bytes against the row, column and cell
limits, and pandas' parse errors are turned into messages for the user.
"""

from __future__ import annotations

import re

from sakip_core.io.limits import FileProblem, UploadLimits
from sakip_core.io.limits import number_text as _num
from sakip_core.io.xlsx import ZIP_MAGIC

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _looks_utf16(data: bytes) -> bool:
    """A BOM, or NUL bytes on every other position (ASCII text saved as UTF-16 without BOM)."""
    if data.startswith(_UTF16_BOMS):
        return True
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= 0.3 * half and min(even, odd) <= 0.05 * half


def csv_text(data: bytes, limits: UploadLimits) -> tuple[str, str]:
    """(text, separator) of a CSV file within the limits; a FileProblem otherwise."""
    if data.startswith(ZIP_MAGIC):
        raise FileProblem("Berkas ini berisi Excel, bukan CSV: ubah ekstensinya menjadi .xlsx.")
    if _looks_utf16(data):
        raise FileProblem(
            "Berkas CSV ini berkodekan UTF-16 (Unicode), bukan UTF-8. Di Excel pilih Simpan "
            "Sebagai > 'CSV UTF-8 (Comma delimited) (*.csv)', lalu unggah berkas itu "
            "(atau unggah berkas .xlsx)."
        )
    if b"\x00" in data:
        raise FileProblem("Berkas ini bukan teks CSV (berisi data biner).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(
            "Berkas CSV harus berkodekan UTF-8. Di Excel pilih 'CSV UTF-8 (Comma delimited)'."
        ) from None
    first_line = re.match(r"[^\r\n]*", text).group(0)  # no copy of the rest of the file
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    _check_csv_size(data, first_line.count(sep) + 1, limits)
    return text, sep


def _check_csv_size(data: bytes, cols: int, limits: UploadLimits) -> None:
    """Lines and header fields counted on the bytes, before pandas builds anything."""
    lines = max(data.count(b"\n"), data.count(b"\r"))
    if not data.endswith((b"\n", b"\r")):
        lines += 1
    if cols > limits.kolom:
        raise FileProblem(
            f"Baris judul berkas CSV memiliki {_num(cols)} kolom; paling banyak "
            f"{_num(limits.kolom)} kolom. Hapus kolom yang tidak dipakai lalu unggah lagi."
        )
    if lines - 1 > limits.baris:
        raise FileProblem(
            f"Berkas CSV berisi {_num(lines - 1)} baris data; paling banyak "
            f"{_num(limits.baris)} baris per berkas. Bagi data menjadi beberapa berkas."
        )
    if lines * cols > limits.sel:
        raise FileProblem(
            f"Berkas CSV mencakup {_num(lines)} baris x {_num(cols)} kolom = "
            f"{_num(lines * cols)} sel; paling banyak {_num(limits.sel)} sel. Bagi data menjadi "
            "beberapa berkas."
        )


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def csv_error(detail: str, text: str = "") -> str:
    """The user's message for a pandas parse error `detail` on the CSV `text`."""
    match = _FIELDS.search(detail)
    if match:
        expected, line, saw = match.groups()
        return (
            f"baris {line}: berisi {saw} kolom, padahal baris judul {expected} kolom. Periksa "
            "pemisah (koma atau titik koma) dan tanda kutip pada baris itu."
        )
    if "EOF inside string" in detail:
        if text and not text.endswith(("\n", "\r")):
            return (
                "Berkas CSV tidak lengkap (terpotong): baris terakhirnya berhenti di tengah isian "
                'bertanda kutip ("). Unggah ulang berkas yang lengkap.'
            )
        return (
            'Berkas CSV tidak dapat dibaca: ada tanda kutip (") yang tidak ditutup, atau berkas '
            "terpotong (tidak lengkap). Periksa isian yang memakai tanda kutip."
        )
    return f"Berkas CSV tidak dapat dibaca (formatnya tidak sesuai). Rincian: {detail[:200]}"
