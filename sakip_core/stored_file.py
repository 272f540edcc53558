"""Reading back an uploaded file kept under a generated name (evidence, signed PK scans, LHE
evidence): the name is reduced to its last part, and the bytes must match the stored SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path


def read_checked(
    folder: Path, nama_simpan: str, checksum: str, what: str, error: type[Exception]
) -> bytes:
    """The file's bytes; `error` with an Indonesian message when it is gone or altered
    (`what`: "Berkas bukti", "Berkas pindaian", …)."""
    try:
        data = (folder / Path(str(nama_simpan)).name).read_bytes()
    except OSError:
        raise error(f"{what} hilang dari penyimpanan.") from None
    if hashlib.sha256(data).hexdigest() != checksum:
        raise error(f"{what} rusak: checksum tidak cocok.")
    return data
