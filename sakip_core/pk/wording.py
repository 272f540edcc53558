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
    "pakta": [
        "Berperan secara pro aktif dalam upaya pencegahan dan pemberantasan Korupsi, Kolusi dan "
        "Nepotisme serta tidak melibatkan diri dalam perbuatan tercela;",
        "Tidak meminta atau menerima pemberian secara langsung atau tidak langsung berupa suap, "
        "hadiah, bantuan atau bentuk lainnya yang tidak sesuai dengan ketentuan yang berlaku;",
        "Bersikap transparan, jujur, obyektif dan akuntabel dalam melaksanakan tugas;",
        "Menghindari pertentangan kepentingan (conflict of interest) dalam melaksanakan tugas;",
        "Memberi contoh dalam kepatuhan terhadap peraturan perundang-undangan dalam melaksanakan "
        "tugas, terutama kepada pegawai yang berada di bawah pengawasan saya;",
        "Apabila saya melanggar hal-hal tersebut di atas, saya siap menghadapi konsekuensinya.",
    ],
}


def wording_from(overrides: dict[str, object] | None) -> Wording:
    """The defaults with the admin's non-blank overrides of known keys."""
    merged = dict(DEFAULT_WORDING)
    for key, value in (overrides or {}).items():
        if key not in merged or value is None:
            continue
        if key == "pakta":
            items = value if isinstance(value, list) else []
            lines = [str(v).strip() for v in items if str(v).strip()]
            if lines:
                merged[key] = lines
        elif str(value).strip():
            merged[key] = str(value).strip()
    return Wording(
        pernyataan=str(merged["pernyataan"]),
        janji=str(merged["janji"]),
        tanggung_jawab=str(merged["tanggung_jawab"]),
        supervisi=str(merged["supervisi"]),
        pakta=list(merged["pakta"]),  # type: ignore[arg-type]
    )


def wording(handle: Handle) -> Wording:
    value = get_setting(handle, "teks_pk")
    return wording_from(value if isinstance(value, dict) else {})
