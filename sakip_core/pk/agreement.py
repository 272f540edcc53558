"""The PK of one jabatan for one year (issue 12, point 2), read from the database.

Pihak pertama is the holder of the jabatan, pihak kedua the holder of its `atasan` (none for
the kepala daerah, who signs alone). The indicators are those the jabatan owns in the chosen
version of its unit's PK (default: the current one); the programs are the distinct `program`
values of those indicators. A program's `anggaran` is written on each of its indicator rows
(or on the first only), so it is counted once per program: the largest value given.
A signed version prints with the parties as they were when it was signed.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.fmt import angka_ringkas
from sakip_core.pk import jabatan as jab
from sakip_core.pk.model import BarisIndikator, BarisProgram, PerjanjianKinerja, Pihak
from sakip_core.pk.wording import wording
from sakip_core.settings import get_setting

PK_COLUMNS = [
    "tahun",
    "versi",
    "jenis_versi",
    "status",
    "kode_jabatan",
    "nama_jabatan",
    "pihak_pertama",
    "nip_pihak_pertama",
    "jabatan_pihak_kedua",
    "pihak_kedua",
    "nip_pihak_kedua",
    "no",
    "sasaran",
    "kode_indikator",
    "indikator",
    "satuan",
    "polaritas",
    "target",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
    "program",
    "anggaran",
]


class PkNotFound(LookupError):
    """No such PK; the message is for the user."""


def pihak(row: dict[str, object]) -> Pihak:
    def text(key: str) -> str | None:
        value = row.get(key)
        return None if value is None or pd.isna(value) else str(value)

    return Pihak(
        kode_jabatan=str(row["kode_jabatan"]),
        nama_jabatan=str(row["nama_jabatan"]),
        jenjang=str(row["jenjang"]),
        nama_pejabat=text("nama_pejabat"),
        nip=text("nip"),
        pangkat=text("pangkat"),
        status_pejabat=text("status_pejabat"),
    )


def unit_of(row: dict[str, object]) -> str:
    """The unit whose PK versions a jabatan follows (PEMDA for the kepala daerah)."""
    return str(row["kode_opd"])


def pk_of(
    handle: Handle, actor: Actor, tahun: int, kode_jabatan: str, versi: int | None = None
) -> PerjanjianKinerja:
    """The PK of `kode_jabatan` for `tahun` in `versi` (default: the current version)."""
    row = jab.jabatan_row(handle, kode_jabatan)
    unit = unit_of(row)
    require_opd(actor, unit)
    version = _version(handle, tahun, unit, versi)
    signed = _signature(handle, tahun, kode_jabatan, int(version["versi"]))
    first, second = _parties(handle, row, signed)
    lines = _indicators(handle, tahun, kode_jabatan, unit, int(version["versi"]))
    return PerjanjianKinerja(
        tahun=int(tahun),
        versi=int(version["versi"]),
        jenis_versi=str(version["jenis"]),
        status=_status(str(version["jenis"]), signed),
        nama_pemda=str(get_setting(handle, "nama_pemda")),
        nama_opd=_opd_name(handle, unit),
        tempat=str(get_setting(handle, "tempat_pk")),
        tanggal=signed["tanggal"] if signed else None,
        pihak_pertama=first,
        pihak_kedua=second,
        indikator=lines,
        program=_programs(lines),
        wording=wording(handle),
        alasan_perubahan=None if pd.isna(version["alasan"]) else str(version["alasan"]),
    )


def _version(handle: Handle, tahun: int, unit: str, versi: int | None) -> dict[str, object]:
    df = handle.query_df(
        "SELECT versi, jenis, alasan FROM pk_versi WHERE tahun = ? AND kode_opd = ? ORDER BY versi",
        [int(tahun), unit],
    )
    if df.empty:  # the unit has no PK that year: an empty PK of version 1 (still printable)
        if versi not in (None, 1):
            raise PkNotFound(f"PK {unit} tahun {tahun} versi {versi} tidak ada.")
        return {"versi": 1, "jenis": "awal", "alasan": None}
    if versi is None:
        return df.iloc[-1].to_dict()
    hit = df[df["versi"] == versi]
    if hit.empty:
        raise PkNotFound(f"PK {unit} tahun {tahun} versi {versi} tidak ada.")
    return hit.iloc[0].to_dict()


def _signature(
    handle: Handle, tahun: int, kode_jabatan: str, versi: int
) -> dict[str, object] | None:
    df = handle.query_df(
        "SELECT tanggal, pihak FROM pk_tanda_tangan WHERE tahun = ? AND kode_jabatan = ? "
        "AND versi = ? ORDER BY id DESC LIMIT 1",
        [int(tahun), kode_jabatan, versi],
    )
    if df.empty:
        return None
    record = df.iloc[0]
    return {"tanggal": pd.Timestamp(record["tanggal"]).date(), "pihak": json.loads(record["pihak"])}


def _status(jenis: str, signed: dict[str, object] | None) -> str:
    if signed:
        return "ditandatangani"
    return "perubahan" if jenis == "perubahan" else "draft"


def _parties(
    handle: Handle, row: dict[str, object], signed: dict[str, object] | None
) -> tuple[Pihak, Pihak | None]:
    if signed:
        kept = signed["pihak"]
        second = kept.get("pihak_kedua")
        return Pihak(**kept["pihak_pertama"]), Pihak(**second) if second else None
    return current_parties(handle, row)


def current_parties(handle: Handle, row: dict[str, object]) -> tuple[Pihak, Pihak | None]:
    """The holders today: the jabatan's and its superior's (None for the kepala daerah)."""
    boss = row.get("atasan")
    if row["jenjang"] == "kepala_daerah" or not boss:
        return pihak(row), None
    return pihak(row), pihak(jab.jabatan_row(handle, str(boss)))


def parties_json(first: Pihak, second: Pihak | None) -> str:
    return json.dumps(
        {"pihak_pertama": asdict(first), "pihak_kedua": asdict(second) if second else None}
    )


def _opd_name(handle: Handle, unit: str) -> str | None:
    df = handle.query_df("SELECT nama_opd FROM opd WHERE kode_opd = ?", [unit])
    return None if df.empty else str(df["nama_opd"].iloc[0])


def _indicators(
    handle: Handle, tahun: int, kode_jabatan: str, unit: str, versi: int
) -> list[BarisIndikator]:
    """The jabatan's indicators: of `versi` in its own unit, of the current version elsewhere
    (the kepala daerah owns pemda-level indicators that other units' files may hold)."""
    df = handle.query_df(
        f"""WITH {jab.OWNER_CTES}
            SELECT i.* FROM indikator i {jab.owner_join("i")}
            WHERE i.tahun = ? AND {jab.owner_expr("i")} = ?
              AND CASE WHEN i.kode_opd = ? THEN i.versi = ? ELSE i.aktif END
            ORDER BY i.kode_indikator""",
        [int(tahun), kode_jabatan, unit, versi],
    )
    return [_line(n, r) for n, r in enumerate(df.to_dict("records"), start=1)]


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def target_text(polaritas: str, target: object, lo: object, hi: object) -> str:
    """The annual target as written in the PK: "85,5", or "80–90" for a rentang."""
    if polaritas == "rentang":
        return f"{angka_ringkas(lo)}–{angka_ringkas(hi)}"
    return angka_ringkas(target)


def _line(no: int, r: dict[str, object]) -> BarisIndikator:
    program = r.get("program")
    return BarisIndikator(
        no=no,
        sasaran=str(r["sasaran"]),
        kode_indikator=str(r["kode_indikator"]),
        indikator=str(r["indikator"]),
        satuan=str(r["satuan"]),
        polaritas=str(r["polaritas"]),
        target=None if r["polaritas"] == "rentang" else _num(r["target"]),
        target_min=_num(r["target_min"]),
        target_max=_num(r["target_max"]),
        target_tw=tuple(_num(r[f"target_tw{q}"]) for q in (1, 2, 3, 4)),  # type: ignore[arg-type]
        target_teks=target_text(str(r["polaritas"]), r["target"], r["target_min"], r["target_max"]),
        program=None
        if program is None or pd.isna(program) or not str(program).strip()
        else str(program),
        anggaran=_num(r["anggaran"]),
    )


def _programs(lines: list[BarisIndikator]) -> list[BarisProgram]:
    order: dict[str, float | None] = {}
    for line in lines:
        if line.program is None:
            continue
        known = order.get(line.program)
        if line.program not in order or (line.anggaran or 0) > (known or 0):
            order[line.program] = line.anggaran if line.anggaran is not None else known
    return [BarisProgram(n, name, value) for n, (name, value) in enumerate(order.items(), 1)]


def pk_table(pk: PerjanjianKinerja) -> pd.DataFrame:
    """The `pk` command's rows: one per indicator, the parties repeated on each row."""
    second = pk.pihak_kedua
    head = {
        "tahun": pk.tahun,
        "versi": pk.versi,
        "jenis_versi": pk.jenis_versi,
        "status": pk.status,
        "kode_jabatan": pk.pihak_pertama.kode_jabatan,
        "nama_jabatan": pk.pihak_pertama.jabatan_tertulis,
        "pihak_pertama": pk.pihak_pertama.nama_pejabat,
        "nip_pihak_pertama": pk.pihak_pertama.nip,
        "jabatan_pihak_kedua": second.jabatan_tertulis if second else None,
        "pihak_kedua": second.nama_pejabat if second else None,
        "nip_pihak_kedua": second.nip if second else None,
    }
    rows = [
        {
            **head,
            "no": line.no,
            "sasaran": line.sasaran,
            "kode_indikator": line.kode_indikator,
            "indikator": line.indikator,
            "satuan": line.satuan,
            "polaritas": line.polaritas,
            "target": _plain_target(line),
            **{f"target_tw{q}": line.target_tw[q - 1] for q in (1, 2, 3, 4)},
            "program": line.program,
            "anggaran": line.anggaran,
        }
        for line in pk.indikator
    ]
    return pd.DataFrame(rows, columns=PK_COLUMNS)


def _plain_target(line: BarisIndikator) -> object:
    """Machine output: the number, or "L–H" with `.` decimals for a rentang."""
    if line.polaritas != "rentang":
        return line.target
    return f"{_plain(line.target_min)}–{_plain(line.target_max)}"


def _plain(x: float | None) -> str:
    if x is None:
        return ""
    return f"{round(x, 2):g}" if abs(x) < 1e15 else str(x)


def documents_for(
    handle: Handle, actor: Actor, tahun: int, codes: list[str], versi: int | None = None
) -> list[PerjanjianKinerja]:
    """The PKs of `codes` in order. One connection is held for the whole batch: a one-shot
    command (hold 0) would otherwise open the file again for every query of every PK."""
    with handle.cursor():
        return [pk_of(handle, actor, tahun, code, versi) for code in codes]


def signing_date_text(d: date | None) -> str:
    return "" if d is None else d.isoformat()
