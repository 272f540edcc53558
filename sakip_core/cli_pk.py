"""Command line of the Perjanjian Kinerja berjenjang (issue 12): `pk`, `pk-dokumen`, `pk-status`,
`pk-perubahan`, `pk-tandatangan`, `jabatan`, `cascade`, `ranking-jabatan`.

Every command acts as `--user` (default: the system admin) and is bound by that account's role
and OPD exactly like the pages.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sakip_core import auth
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.export import require_folder, write_output


class PkCliError(Exception):
    """A refusal to report on stderr (exit 1)."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal harus TTTT-BB-HH, bukan {text!r}") from None


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def command(name: str, text: str, fmt: bool = True) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, parents=[common], help=text)
        cmd.add_argument("--user", default=auth.SYSTEM_USER, help="nama pengguna pelaku")
        if fmt:
            cmd.add_argument("--format", choices=["csv", "json"], default="csv")
        return cmd

    pk = command("pk", "PK satu jabatan: pihak, indikator, target, program")
    pk.add_argument("--tahun", type=int, required=True)
    pk.add_argument("--jabatan", required=True, help="kode_jabatan")
    pk.add_argument("--versi", type=int, help="versi PK (bawaan: yang terakhir)")
    doc = command("pk-dokumen", "dokumen PK (PDF atau DOCX)", fmt=False)
    doc.add_argument("--tahun", type=int, required=True)
    which = doc.add_mutually_exclusive_group(required=True)
    which.add_argument("--jabatan", help="satu jabatan")
    which.add_argument("--opd", help="semua jabatan OPD ini yang memiliki indikator")
    which.add_argument("--jenjang", help="semua jabatan jenjang ini, misalnya jpt")
    doc.add_argument("--versi", type=int, help="versi PK (hanya dengan --jabatan)")
    doc.add_argument("--pakta", action="store_true", help="sertakan pakta integritas")
    doc.add_argument("-o", "--output", type=Path, required=True, help="BERKAS.pdf atau .docx")
    st = command("pk-status", "status PK per jabatan")
    st.add_argument("--tahun", type=int, required=True)
    st.add_argument("--opd")
    ch = command("pk-perubahan", "tetapkan satu versi sebagai PK Perubahan", fmt=False)
    ch.add_argument("--tahun", type=int, required=True)
    ch.add_argument("--opd", required=True, help="kode_opd atau PEMDA")
    ch.add_argument("--versi", type=int, required=True)
    ch.add_argument("--alasan", required=True)
    ch.add_argument("--berlaku-mulai", type=_date, required=True, help="TTTT-BB-HH")
    sg = command("pk-tandatangan", "catat PK yang sudah ditandatangani", fmt=False)
    sg.add_argument("--tahun", type=int, required=True)
    sg.add_argument("--jabatan", required=True)
    sg.add_argument("--versi", type=int)
    sg.add_argument("--tanggal", type=_date, required=True, help="TTTT-BB-HH")
    sg.add_argument("--berkas", type=Path, required=True, help="pindaian PDF/JPG/PNG")
    jb = command("jabatan", "daftar jabatan dan pejabat")
    jb.add_argument("--opd")
    cs = command("cascade", "periksa keselarasan cascading (exit 1 bila ada galat)")
    cs.add_argument("--tahun", type=int, required=True)
    cs.add_argument("--opd")
    rj = command("ranking-jabatan", "peringkat jabatan di dalam satu OPD")
    rj.add_argument("--tahun", type=int, required=True)
    rj.add_argument("--triwulan", type=int, required=True, choices=[1, 2, 3, 4])
    rj.add_argument("--opd", required=True)


def _actor(handle: Handle, name: str) -> Actor:
    actor = auth.get_actor(handle, name)
    if actor is None:
        raise PkCliError(f"pengguna '{name}' tidak ada atau tidak aktif.")
    return actor


def _context(args: argparse.Namespace) -> tuple[Handle, Actor]:
    from sakip_core.cli import _handle

    handle = _handle(args)
    return handle, _actor(handle, args.user)


def _out(df: object, args: argparse.Namespace) -> None:
    from sakip_core.cli import write_table

    write_table(df, args.format, sys.stdout)  # type: ignore[arg-type]


def cmd_pk(args: argparse.Namespace) -> int:
    from sakip_core.pk.agreement import pk_of, pk_table

    handle, actor = _context(args)
    _out(pk_table(pk_of(handle, actor, args.tahun, args.jabatan.strip(), args.versi)), args)
    return 0


def document_codes(handle: Handle, actor: Actor, args: argparse.Namespace) -> list[str]:
    """The jabatan a `pk-dokumen` call prints, in signing order."""
    from sakip_core.pk import jabatan as jab
    from sakip_core.pk.signing import status_list

    if args.jabatan:
        return [args.jabatan.strip()]
    owners = status_list(handle, actor, args.tahun, args.opd.strip() if args.opd else None)
    if args.jenjang:
        wanted = args.jenjang.strip()
        if wanted not in jab.JENJANG_NAMES:
            raise PkCliError(f"jenjang '{wanted}' tidak dikenal: {', '.join(jab.JENJANG_NAMES)}.")
        owners = owners[owners["jenjang"] == wanted]
    return list(owners["kode_jabatan"])


def _say_skipped(handle: Handle, actor: Actor, args: argparse.Namespace, codes: list[str]) -> None:
    """Name the positions left out because they own no indicator (no empty PK is printed)."""
    from sakip_core.pk.jabatan import jabatan_list

    if args.jabatan:
        return
    every = jabatan_list(handle, actor, args.opd.strip() if args.opd else None)
    if args.jenjang:
        every = every[every["jenjang"] == args.jenjang.strip()]
    left = sorted(set(every["kode_jabatan"]) - set(codes))
    if left:
        print(f"dilewati (tanpa indikator tahun {args.tahun}): {', '.join(left)}", file=sys.stderr)


def cmd_pk_dokumen(args: argparse.Namespace) -> int:
    from sakip_core.pk.agreement import documents_for
    from sakip_core.pk.documents import write_document

    if args.versi is not None and not args.jabatan:
        raise PkCliError("--versi hanya dapat dipakai bersama --jabatan.")
    suffix = args.output.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise PkCliError("berkas keluaran harus berakhiran .pdf atau .docx.")
    require_folder(args.output)
    handle, actor = _context(args)
    codes = document_codes(handle, actor, args)
    _say_skipped(handle, actor, args, codes)
    if not codes:
        raise PkCliError(f"tidak ada jabatan yang memiliki indikator PK tahun {args.tahun}.")
    pks = documents_for(handle, actor, args.tahun, codes, args.versi)
    data = write_document(pks, suffix.lstrip("."), pakta=args.pakta)
    write_output(args.output, data)
    print(f"{len(pks)} PK tahun {args.tahun} ditulis ke {args.output}.")
    return 0


def cmd_pk_status(args: argparse.Namespace) -> int:
    from sakip_core.pk.signing import status_list

    handle, actor = _context(args)
    df = status_list(handle, actor, args.tahun, args.opd.strip() if args.opd else None)
    _out(df.drop(columns=["id_ttd"]), args)
    return 0


def cmd_pk_perubahan(args: argparse.Namespace) -> int:
    from sakip_core.pk.versions import mark_perubahan

    handle, actor = _context(args)
    opd = args.opd.strip()
    mark_perubahan(handle, actor, args.tahun, opd, args.versi, args.alasan, args.berlaku_mulai)
    print(
        f"PK {opd} tahun {args.tahun} versi {args.versi} ditetapkan sebagai PK Perubahan, "
        f"berlaku mulai {args.berlaku_mulai:%d-%m-%Y}."
    )
    return 0


def cmd_pk_tandatangan(args: argparse.Namespace) -> int:
    from sakip_core.pk.signing import sign

    handle, actor = _context(args)
    try:
        data = args.berkas.read_bytes()
    except OSError as exc:
        raise PkCliError(f"berkas {args.berkas} tidak dapat dibaca: {exc.strerror}.") from None
    signed = sign(
        handle, actor, args.tahun, args.jabatan.strip(), args.tanggal, args.berkas.name, data,
        args.versi,
    )  # fmt: skip
    print(f"PK {args.jabatan} tahun {args.tahun} versi {signed.versi} tercatat ditandatangani.")
    return 0


def cmd_jabatan(args: argparse.Namespace) -> int:
    from sakip_core.pk.jabatan import jabatan_list

    handle, actor = _context(args)
    _out(jabatan_list(handle, actor, args.opd.strip() if args.opd else None), args)
    return 0


def cmd_cascade(args: argparse.Namespace) -> int:
    from sakip_core.pk.cascade import cascade_check, summary

    handle, actor = _context(args)
    df = cascade_check(handle, actor, args.tahun, args.opd.strip() if args.opd else None)
    _out(df, args)
    errors, warnings = summary(df)
    print(f"{errors} galat, {warnings} peringatan.", file=sys.stderr)
    return 1 if errors else 0


def cmd_ranking_jabatan(args: argparse.Namespace) -> int:
    from sakip_core.access import require_opd
    from sakip_core.calc.ranking_jabatan import jabatan_ranking

    handle, actor = _context(args)
    opd = args.opd.strip()
    require_opd(actor, opd)
    _out(jabatan_ranking(handle, args.tahun, args.triwulan, opd), args)
    return 0


COMMANDS = {
    "pk": cmd_pk,
    "pk-dokumen": cmd_pk_dokumen,
    "pk-status": cmd_pk_status,
    "pk-perubahan": cmd_pk_perubahan,
    "pk-tandatangan": cmd_pk_tandatangan,
    "jabatan": cmd_jabatan,
    "cascade": cmd_cascade,
    "ranking-jabatan": cmd_ranking_jabatan,
}
REFUSALS = (PkCliError, AccessDenied, LookupError)
