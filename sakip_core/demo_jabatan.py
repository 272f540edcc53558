"""The demo kabupaten's organisation (issue 12): every OPD's positions, fictional holders with
well-formed NIPs, the Bupati, the owner of every cascaded indicator, and the Pemda's own IKU.

Per OPD: the head (jpt, atasan the Bupati), a sekretaris and two kepala bidang
(administrator; a kecamatan has only its sekretaris camat), two pengawas under each
administrator (three kepala seksi under a sekretaris camat), and one pelaksana or fungsional
under each pengawas. Indicators follow the structure: the two administrator children of an
OPD indicator go to the administrators in turn, a pengawas child to a pengawas under its
parent's owner, a staf child to the staff under its parent's owner. Deterministic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PEMDA_HEAD = "PEMDA.J01"
FIRST = [
    "Ahmad",
    "Rahmat",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Gunawan",
    "Hendra",
    "Irwan",
    "Joko",
    "Kurnia",
    "Lukman",
    "Rudi",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Agus",
    "Bambang",
    "Cecep",
    "Asep",
    "Dadang",
    "Ujang",
]
FIRST_F = [
    "Rina",
    "Siti",
    "Dewi",
    "Lilis",
    "Neneng",
    "Euis",
    "Yanti",
    "Ratna",
    "Sri",
    "Wulan",
    "Nur",
    "Ani",
    "Tuti",
    "Yuli",
    "Rani",
    "Fitri",
    "Indah",
    "Maya",
]
LAST = [
    "Hidayat",
    "Sulaiman",
    "Santoso",
    "Permana",
    "Kusuma",
    "Suryadi",
    "Wijaya",
    "Nugraha",
    "Saputra",
    "Setiawan",
    "Hermawan",
    "Firmansyah",
    "Rahayu",
    "Lestari",
    "Kartika",
    "Maulana",
    "Pratama",
    "Ramdani",
    "Sopian",
]
DEGREE = {
    "jpt": ["S.H., M.Si.", "S.T., M.T.", "S.E., M.M.", "S.Sos., M.AP.", "S.Pd., M.Pd."],
    "administrator": ["S.E.", "S.Sos., M.Si.", "S.T.", "S.H.", "S.IP."],
    "pengawas": ["S.E.", "S.Kom.", "A.Md.", "S.Sos.", "S.AP."],
    "fungsional": ["S.E.", "S.Kom.", "S.Stat.", "S.P."],
    "pelaksana": ["A.Md.", "S.E.", ""],
}
PANGKAT = {
    "jpt": ["Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)"],
    "administrator": ["Pembina (IV/a)", "Penata Tingkat I (III/d)"],
    "pengawas": ["Penata Tingkat I (III/d)", "Penata (III/c)"],
    "fungsional": ["Penata Muda Tingkat I (III/b)", "Penata Muda (III/a)"],
    "pelaksana": ["Pengatur Tingkat I (II/d)", "Penata Muda (III/a)"],
}
AGE = {"jpt": 52, "administrator": 47, "pengawas": 42, "fungsional": 36, "pelaksana": 33}
BIDANG = ["Perencanaan dan Pengendalian", "Pelayanan dan Pengembangan"]
SEKSI = ["Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pemberdayaan Masyarakat"]
KASUBBAG = ["Umum dan Kepegawaian", "Perencanaan dan Keuangan"]


def head_title(nama_opd: str, jenis: str) -> str:
    if jenis == "kecamatan":
        return "Camat " + nama_opd.removeprefix("Kecamatan ")
    if nama_opd == "Sekretariat Daerah":
        return "Sekretaris Daerah"
    if jenis == "sekretariat":
        return "Sekretaris " + nama_opd.removeprefix("Sekretariat ")
    if jenis == "inspektorat":
        return "Inspektur"
    if jenis == "rsud":
        return "Direktur " + nama_opd
    return "Kepala " + nama_opd


def _posts(opd: pd.Series) -> list[dict[str, object]]:
    """The positions of one OPD, head first, as (kode, nama, jenjang, atasan)."""
    code = str(opd["kode_opd"])
    posts: list[dict[str, object]] = []

    def add(nama: str, jenjang: str, atasan: str) -> str:
        kode = f"{code}.J{len(posts) + 1:02d}"
        posts.append({"kode_jabatan": kode, "kode_opd": code, "nama_jabatan": nama,
                      "jenjang": jenjang, "atasan": atasan})  # fmt: skip
        return kode

    head = add(head_title(str(opd["nama_opd"]), str(opd["jenis"])), "jpt", PEMDA_HEAD)
    if opd["jenis"] == "kecamatan":
        sek = add("Sekretaris Camat", "administrator", head)
        kasi = [add(f"Kepala Seksi {s}", "pengawas", sek) for s in SEKSI]
        admins = {sek: kasi}
    else:
        sek = add("Sekretaris", "administrator", head)
        kabid = [add(f"Kepala Bidang {b}", "administrator", head) for b in BIDANG]
        admins = {sek: [add(f"Kepala Subbagian {s}", "pengawas", sek) for s in KASUBBAG]}
        for n, kb in enumerate(kabid):
            admins[kb] = [
                add(f"Kepala Seksi {t} {n + 1}", "pengawas", kb) for t in ("Program", "Layanan")
            ]
    for k, pengawas in enumerate(p for group in admins.values() for p in group):
        fungsional = k % 3 == 1
        add("Analis Kebijakan Ahli Muda" if fungsional else "Pengadministrasi Perkantoran",
            "fungsional" if fungsional else "pelaksana", pengawas)  # fmt: skip
    return posts


def _person(rng: np.random.Generator, jenjang: str, serial: int, tahun: int) -> dict[str, str]:
    female = bool(rng.random() < 0.4)
    first = rng.choice(FIRST_F if female else FIRST)
    name = f"{first} {rng.choice(LAST)}"
    degree = rng.choice(DEGREE[jenjang])
    born_year = tahun - AGE[jenjang] - int(rng.integers(0, 6))
    born = f"{born_year:04d}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}"
    start = f"{born_year + 24 + int(rng.integers(0, 4)):04d}{int(rng.integers(1, 13)):02d}"
    nip = f"{born}{start}{2 if female else 1}{serial % 1000:03d}"
    return {
        "nama_pejabat": f"{name}, {degree}" if degree else name,
        "nip": nip,
        "pangkat": str(rng.choice(PANGKAT[jenjang])),
        "status_pejabat": "definitif",
    }


def structure(opds: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Every position of the demo with its holder (the `jabatan` file of January 2025)."""
    rng = np.random.default_rng([seed, 12])
    bupati = {"kode_jabatan": PEMDA_HEAD, "kode_opd": "PEMDA", "nama_jabatan": "Bupati Sukamaju",
              "jenjang": "kepala_daerah", "atasan": None, "nip": None, "pangkat": None,
              "nama_pejabat": "H. Rahmat Hidayat, S.H., M.Si.",
              "status_pejabat": "definitif"}  # fmt: skip
    rows: list[dict[str, object]] = [bupati]
    for _, opd in opds.iterrows():
        rows += _posts(opd)
    for n, row in enumerate(rows[1:], start=1):
        row.update(_person(rng, str(row["jenjang"]), n, 2025))
    df = pd.DataFrame(rows)
    # acting holders: the sekretaris of Dinas Sosial is Plt. head (until April 2026), a kepala
    # bidang of DPUPR also holds the other bidang as Plt.
    for plt, own in (("1.06.01.J01", "1.06.01.J02"), ("1.03.01.J04", "1.03.01.J03")):
        cols = ["nama_pejabat", "nip", "pangkat"]
        df.loc[df["kode_jabatan"] == plt, cols] = df.loc[df["kode_jabatan"] == own, cols].to_numpy()
        df.loc[df["kode_jabatan"] == plt, "status_pejabat"] = "plt"
    vacant = df["kode_jabatan"] == "2.07.01.J05"  # one pengawas post is vacant
    df.loc[vacant, ["nama_pejabat", "nip", "pangkat", "status_pejabat"]] = None
    return df


def changes_2026(jabatan: pd.DataFrame, seed: int) -> pd.DataFrame:
    """April 2026: Dinas Sosial gets a definitif head; a kepala bidang of Disdik is replaced."""
    rng = np.random.default_rng([seed, 13])
    rows = jabatan[jabatan["kode_jabatan"].isin(["1.06.01.J01", "1.01.01.J03"])].copy()
    for i, (idx, row) in enumerate(rows.iterrows()):
        rows.loc[idx, ["nama_pejabat", "nip", "pangkat", "status_pejabat"]] = list(
            _person(rng, str(row["jenjang"]), 900 + i, 2026).values()
        )
    return rows


def _subordinates(jabatan: pd.DataFrame) -> dict[str, list[str]]:
    return jabatan.groupby("atasan")["kode_jabatan"].apply(list).to_dict()


def owners(ind: pd.DataFrame, jabatan: pd.DataFrame) -> pd.Series:
    """`kode_jabatan` for every indicator row: empty for level opd (the head by default)."""
    below = _subordinates(jabatan)
    head = jabatan[jabatan["jenjang"] == "jpt"].set_index("kode_opd")["kode_jabatan"]
    admins = {
        opd: [
            k
            for k in below.get(h, [])
            if k in set(jabatan["kode_jabatan"][jabatan["jenjang"] == "administrator"])
        ]
        for opd, h in head.items()
    }
    owner = pd.Series(None, index=ind.index, dtype=object)
    by_code: dict[str, str] = {}
    top_number = ind["kode_indikator"].str.extract(r"\.I(\d+)")[0].astype(float).fillna(1)
    child_number = ind["kode_indikator"].str.extract(r"\.[APS](\d+)$")[0].astype(float).fillna(1)
    for level in ("administrator", "pengawas", "staf"):
        rows = ind["level"] == level
        if level == "administrator":
            pick = [
                admins[o][int(2 * (t - 1) + (c - 1)) % len(admins[o])]
                for o, t, c in zip(
                    ind.loc[rows, "kode_opd"], top_number[rows], child_number[rows], strict=True
                )
            ]
        else:
            parents = ind.loc[rows, "induk"].map(by_code)
            pick = [
                below[p][int(c - 1 + t) % len(below[p])]
                for p, c, t in zip(parents, child_number[rows], top_number[rows], strict=True)
            ]
        owner[rows] = pick
        by_code.update(zip(ind.loc[rows, "kode_indikator"], pick, strict=True))
    return owner


IKU = [
    # indikator, satuan, polaritas, target 2025 (raised each year by `step`), step
    (
        "Meningkatnya kualitas sumber daya manusia",
        "Indeks Pembangunan Manusia",
        "indeks",
        "positif",
        71.2,
        0.4,
    ),
    (
        "Meningkatnya pertumbuhan ekonomi daerah",
        "Laju Pertumbuhan Ekonomi",
        "%",
        "positif",
        5.1,
        0.1,
    ),
    ("Menurunnya kemiskinan", "Persentase Penduduk Miskin", "%", "negatif", 8.6, -0.3),
    ("Menurunnya pengangguran", "Tingkat Pengangguran Terbuka", "%", "negatif", 7.4, -0.2),
    (
        "Meningkatnya akuntabilitas kinerja",
        "Nilai SAKIP Pemerintah Kabupaten",
        "nilai",
        "positif",
        66.0,
        2.0,
    ),
    (
        "Meningkatnya kualitas tata kelola pemerintahan",
        "Indeks Reformasi Birokrasi",
        "indeks",
        "positif",
        62.0,
        2.0,
    ),
]


def pemda_indicators(tahun: int, first_year: int) -> pd.DataFrame:
    """The Pemda's own PK (the Bupati's): the RPJMD IKU, kode_opd PEMDA, level pemda."""
    k = tahun - first_year
    rows = [
        {"tahun": tahun, "kode_opd": "PEMDA", "kode_indikator": f"PEMDA.IKU{n:02d}",
         "sasaran": sasaran, "indikator": name, "satuan": satuan, "polaritas": pol,
         "agregasi": "nilai_akhir", "target": round(base + step * k, 2), "bobot": 1.0,
         "level": "pemda", "iku": True}
        for n, (sasaran, name, satuan, pol, base, step) in enumerate(IKU, start=1)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def scan_pdf(kode_jabatan: str, tahun: int) -> bytes:
    """A one-page stand-in for the scanned signed PK (the demo has no real scans)."""
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", "B", 14)
    doc.cell(0, 10, f"PERJANJIAN KINERJA TAHUN {tahun}", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("helvetica", "", 11)
    doc.cell(0, 8, f"Pindaian dokumen bertanda tangan (demo) - jabatan {kode_jabatan}", align="C")
    return bytes(doc.output())
