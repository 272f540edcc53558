"""The standard wording of the PK form (PermenPAN-RB 53/2014), overridable by the admin."""

from __future__ import annotations

from sakip_core.db import Handle
from sakip_core.pk.model import Wording
from sakip_core.settings import get_setting

DEFAULT_WORDING: dict[str, str | list[str]] = {
    "pernyataan": (
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
        "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
    ),
    "janji": (
        "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
        "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
        "ditetapkan dalam dokumen perencanaan."
    ),
    "tanggung_jawab": (
        "Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami."
    ),
    "supervisi": (
        "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
        "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
        "dalam rangka pemberian penghargaan dan sanksi."
    ),
    # PermenPAN-RB 49/2011 (pakta integritas), the points kepala OPD sign with their PK
    "pakta": [
        "Berperan secara pro aktif dalam upaya pencegahan dan pemberantasan Korupsi, Kolusi dan "
        "Nepotisme serta tidak melibatkan diri dalam perbuatan tercela;",
        "Tidak meminta atau menerima pemberian secara langsung atau tidak langsung berupa suap, "
        "hadiah, bantuan atau bentuk lainnya yang tidak sesuai dengan ketentuan yang berlaku;",
        "Bersikap transparan, jujur, obyektif dan akuntabel dalam melaksanakan tugas serta "
        "bertanggung jawab atas pencapaian target kinerja yang telah diperjanjikan;",
        "Menghindari pertentangan kepentingan (conflict of interest) dalam melaksanakan tugas;",
        "Memberi contoh dalam kepatuhan terhadap peraturan perundang-undangan dalam melaksanakan "
        "tugas, terutama kepada pegawai yang berada di bawah pengawasan saya dan sesama pegawai "
        "di lingkungan kerja saya secara konsisten;",
        "Akan menyampaikan informasi penyimpangan integritas di lingkungan kerja saya serta turut "
        "menjaga kerahasiaan saksi atas pelanggaran peraturan yang dilaporkannya;",
        "Apabila saya melanggar hal-hal tersebut di atas, saya siap menghadapi konsekuensinya dan "
        "bersedia menerima sanksi sesuai dengan ketentuan peraturan perundang-undangan.",
    ],
}
TEXT_KEYS = ("pernyataan", "janji", "tanggung_jawab", "supervisi")


def wording_from(overrides: dict[str, object] | None) -> Wording:
    """The defaults with the admin's overrides of known keys; a blank override keeps the default.

    `pakta` may be a list of points or one text with a point per line (as typed in a text
    area); blank points are dropped, and a pakta left with no point keeps the default.
    """
    given = overrides or {}
    texts = {key: str(DEFAULT_WORDING[key]) for key in TEXT_KEYS}
    for key in TEXT_KEYS:
        value = given.get(key)
        if isinstance(value, str) and value.strip():
            texts[key] = value.strip()
    return Wording(**texts, pakta=_pakta(given.get("pakta")))


def _pakta(value: object) -> list[str]:
    items = value.splitlines() if isinstance(value, str) else value
    if isinstance(items, list | tuple):
        lines = [str(v).strip() for v in items if v is not None and str(v).strip()]
        if lines:
            return lines
    return list(DEFAULT_WORDING["pakta"])


def wording(handle: Handle) -> Wording:
    """The wording in force: the `teks_pk` setting over the standard text."""
    value = get_setting(handle, "teks_pk")
    return wording_from(value if isinstance(value, dict) else {})
