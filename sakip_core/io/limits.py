"""What one uploaded data file may contain, and the error for a file that cannot be read at all.

The limits are settings: `LIMIT_SETTINGS` maps each settings key to an `UploadLimits` field
(defaults in sakip_core.settings.DEFAULT_SETTINGS); `UploadLimits.from_settings` reads them from
a mapping, `upload_limits` from the database. `FileProblem` carries a message for the user, and
`number_text`/`mb_text` write numbers the way those messages show them.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakip_core.db import Handle

MB = 1024 * 1024

# settings key -> UploadLimits field (defaults in sakip_core.settings.DEFAULT_SETTINGS)
LIMIT_SETTINGS: dict[str, str] = {
    "maks_mb_unggah": "mb_berkas",
    "maks_mb_xlsx_terurai": "mb_terurai",
    "maks_baris_unggah": "baris",
    "maks_kolom_unggah": "kolom",
    "maks_sel_unggah": "sel",
    "maks_panjang_teks": "panjang_teks",
    "maks_panjang_kode": "panjang_kode",
    "maks_masalah_ditampilkan": "masalah_ditampilkan",
}


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message is for the user (Bahasa Indonesia)."""


@dataclass(frozen=True)
class UploadLimits:
    """What one uploaded data file may contain (see LIMIT_SETTINGS for the settings keys)."""

    mb_berkas: float = 50.0  # size of the file as uploaded
    mb_terurai: float = 50.0  # .xlsx: all parts together once unzipped
    baris: int = 1_000_000  # data rows, header not counted
    kolom: int = 100
    sel: int = 6_000_000  # rows x columns of the sheet as read
    panjang_teks: int = 1000  # characters in a text cell (keterangan, bukti, names)
    panjang_kode: int = 50  # characters in a code cell (kode_opd, kode_indikator, ...)
    masalah_ditampilkan: int = 200  # problems listed; the rest are counted

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> UploadLimits:
        """Limits from settings values; a missing or unusable value (not > 0) keeps the default."""
        from sakip_core.settings import DEFAULT_SETTINGS

        kwargs: dict[str, float | int] = {}
        for key, name in LIMIT_SETTINGS.items():
            builtin = getattr(cls, name)
            default = _positive(DEFAULT_SETTINGS.get(key, builtin), builtin)
            kwargs[name] = _positive(values.get(key, default), default)
        return cls(**kwargs)  # type: ignore[arg-type]

    @property
    def bytes_berkas(self) -> int:
        return int(self.mb_berkas * MB)

    @property
    def bytes_terurai(self) -> int:
        return int(self.mb_terurai * MB)


def _positive(value: object, fallback: float | int) -> float | int:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return fallback
    if not number > 0 or number == float("inf"):
        return fallback
    return int(number) if isinstance(fallback, int) and not isinstance(fallback, bool) else number


def default_limits() -> UploadLimits:
    from sakip_core.settings import DEFAULT_SETTINGS

    return UploadLimits.from_settings(DEFAULT_SETTINGS)


def upload_limits(handle: Handle) -> UploadLimits:
    """The upload limits from the database settings (defaults where a key was never set)."""
    from sakip_core.settings import DEFAULT_SETTINGS

    keys = list(LIMIT_SETTINGS)
    values = {k: DEFAULT_SETTINGS.get(k) for k in keys}
    with handle.cursor() as conn:
        stored = conn.execute(
            "SELECT kunci, nilai FROM pengaturan WHERE kunci = ANY(?)", [keys]
        ).fetchall()
    for key, text in stored:
        with contextlib.suppress(TypeError, ValueError):  # unreadable: the default stays
            values[key] = json.loads(text)
    return UploadLimits.from_settings(values)


def number_text(value: float) -> str:
    """1234567 -> '1.234.567'; 12.5 -> '12,5'; 0.05 -> '0,05' (as the messages show numbers)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def mb_text(size: int) -> str:
    """A size in bytes as megabytes for a message (at least 0,01)."""
    mb = size / MB
    return number_text(round(mb, 1) if mb >= 1 else max(round(mb, 2), 0.01))
