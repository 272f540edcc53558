"""Command line of the Laporan Kinerja (issue 13): `lkjip` (the chapter III table or the
budget beside it) and `lkjip-dokumen` (DOCX/XLSX of chapter III, the Renja evaluation form).

Bound by `--user`'s role and OPD exactly like the page: an operator reads their own OPD only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sakip_core import auth
from sakip_core.cli_pk import _context, _out
from sakip_core.io.schema import PEMDA


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    lk = sub.add_parser("lkjip", parents=[common], help="tabel Bab III LKjIP satu OPD atau Pemda")
    _unit_args(lk)
    lk.add_argument(
        "--tabel",
        choices=["kinerja", "anggaran"],
        default="kinerja",
        help="kinerja (bawaan): capaian indikator; anggaran: serapan dan efisiensi per program",
    )
    lk.add_argument("--format", choices=["csv", "json"], default="csv")
    doc = sub.add_parser(
        "lkjip-dokumen", parents=[common], help="dokumen LKjIP atau evaluasi Renja"
    )
    _unit_args(doc)
    doc.add_argument(
        "--jenis",
        choices=["bab3", "renja"],
        default="bab3",
        help="bab3 (bawaan): Bab III LKjIP (.docx atau .xlsx); renja: form evaluasi Renja "
        "Permendagri 86/2017 (.xlsx, perlu --triwulan)",
    )
    doc.add_argument("--triwulan", type=int, choices=[1, 2, 3, 4])
    doc.add_argument("-o", "--output", type=Path, required=True, help="BERKAS.docx atau .xlsx")


def _unit_args(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--user", default=auth.SYSTEM_USER, help="nama pengguna pelaku")
    cmd.add_argument("--tahun", type=int, required=True)
    which = cmd.add_mutually_exclusive_group(required=True)
    which.add_argument("--opd", help="kode OPD")
    which.add_argument("--unit", help="PEMDA (atau kode OPD)")


def unit_of(args: argparse.Namespace) -> str:
    return (args.opd or args.unit).strip()


def cmd_lkjip(args: argparse.Namespace) -> int:
    from sakip_core.lkjip.budget import program_budget, rounded_budget
    from sakip_core.lkjip.results import chapter3

    handle, actor = _context(args)
    unit = unit_of(args)
    if args.tabel == "anggaran":
        _out(rounded_budget(program_budget(handle, actor, args.tahun, unit)), args)
    else:
        _out(chapter3(handle, actor, args.tahun, unit), args)
    return 0


def cmd_lkjip_dokumen(args: argparse.Namespace) -> int:
    from sakip_core.lkjip.documents import write_lkjip_document

    handle, actor = _context(args)
    unit = unit_of(args)
    path = write_lkjip_document(
        handle, actor, args.tahun, unit, args.jenis, args.output, args.triwulan
    )
    what = "RPJMD/Pemda" if unit == PEMDA else f"OPD {unit}"
    print(f"Tersimpan: {path} ({what}, tahun {args.tahun}).")
    return 0


COMMANDS = {"lkjip": cmd_lkjip, "lkjip-dokumen": cmd_lkjip_dokumen}
