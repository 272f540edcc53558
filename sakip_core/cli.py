"""Command line: `python -m sakip_core COMMAND ...` (formats.md, "Command line").

Results go to stdout (CSV or JSON, `.` decimal, 2 decimals, empty/null for missing values);
problems go to stderr in Bahasa Indonesia; exit 0 on success, 1 on any refused input.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from sakip_core import auth, cli_lkjip, cli_pk
from sakip_core.calc.capaian import capaian
from sakip_core.calc.lke import sakip_scores
from sakip_core.calc.ranking import ranking
from sakip_core.db import (
    DatabaseBusy,
    Handle,
    connect,
    create_database,
    display_target,
    resolve_db_target,
)
from sakip_core.export import neutralise_frame
from sakip_core.io.importer import import_upload
from sakip_core.io.schema import DATASETS
from sakip_core.io.templates import template_frame, write_template, write_template_csv


class CliError(Exception):
    """A refusal to report on stderr (exit 1)."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="berkas basis data DuckDB, atau URL PostgreSQL postgresql+psycopg://…",
    )
    parser = argparse.ArgumentParser(
        prog="python -m sakip_core",
        description="SAKIP: capaian, peringkat, impor data.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", parents=[common], help="buat basis data kosong")
    demo = sub.add_parser("demo", parents=[common], help="isi basis data dengan kabupaten demo")
    demo.add_argument("--scale", type=int, default=1, help="pengali cascading (benchmark)")
    demo.add_argument("--timpa", action="store_true", help="hapus basis data yang sudah ada")
    bak = sub.add_parser(
        "cadangan", parents=[common], help="salin basis data DuckDB selagi aplikasi berjalan"
    )
    bak.add_argument("berkas", type=Path, help="berkas DuckDB baru untuk cadangan")
    bak.add_argument("--timpa", action="store_true", help="timpa berkas cadangan yang ada")
    imp = sub.add_parser("import", parents=[common], help="impor satu berkas dataset")
    imp.add_argument("dataset", choices=sorted(DATASETS))
    imp.add_argument("file", type=Path)
    imp.add_argument("--user", default=auth.SYSTEM_USER, help="nama pengguna pelaku impor")
    tpl = sub.add_parser("template", parents=[common], help="tulis templat (xlsx atau csv)")
    tpl.add_argument("dataset", choices=sorted(DATASETS))
    tpl.add_argument("--opd")
    tpl.add_argument("--tahun", type=int)
    tpl.add_argument("--triwulan", type=int, choices=[1, 2, 3, 4])
    tpl.add_argument("-o", "--output", type=Path, required=True)
    for name in ("capaian", "ranking"):
        cmd = sub.add_parser(name, parents=[common], help=f"hasil {name}")
        cmd.add_argument("--tahun", type=int, required=True)
        cmd.add_argument("--triwulan", type=int, required=True, choices=[1, 2, 3, 4])
        if name == "capaian":
            cmd.add_argument("--opd")
        cmd.add_argument("--format", choices=["csv", "json"], default="csv")
    sak = sub.add_parser("sakip", parents=[common], help="nilai LKE per komponen dan predikat")
    sak.add_argument("--tahun", type=int, required=True)
    sak.add_argument("--unit")
    sak.add_argument("--format", choices=["csv", "json"], default="csv")
    user = sub.add_parser("user", parents=[common], help="kelola akun")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", parents=[common], help="buat akun")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.add_argument("--opd")
    for name, text in [("disable", "nonaktifkan akun"), ("enable", "aktifkan akun"),
                       ("reset", "ganti kata sandi (dari stdin)")]:  # fmt: skip
        cmd = user_sub.add_parser(name, parents=[common], help=text)
        cmd.add_argument("name")
        cmd.add_argument("--user", default=auth.SYSTEM_USER, help="admin pelaku")
    lst = user_sub.add_parser("list", parents=[common], help="daftar akun")
    lst.add_argument("--user", default=auth.SYSTEM_USER, help="admin pelaku")
    lst.add_argument("--format", choices=["csv", "json"], default="csv")
    _add_verifikasi(sub, common)
    cli_pk.add_parsers(sub, common)
    cli_lkjip.add_parsers(sub, common)
    return parser


def _add_verifikasi(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    ver = sub.add_parser(
        "verifikasi", parents=[common], help="ajukan, setujui, tolak atau finalkan realisasi"
    )
    ver.add_argument("aksi", choices=sorted(VERIFIKASI_ACTIONS))
    ver.add_argument("--tahun", type=int, required=True)
    ver.add_argument("--triwulan", type=int, required=True, choices=[1, 2, 3, 4])
    ver.add_argument("--opd", required=True, help="kode_opd")
    ver.add_argument("--indikator", nargs="+", help="kode_indikator (bawaan: semua)")
    ver.add_argument("--catatan", help="catatan verifikator (wajib untuk tolak)")
    ver.add_argument("--user", required=True, help="nama pengguna pelaku (perannya berlaku)")


def write_table(df: pd.DataFrame, fmt: str, out: TextIO) -> None:
    """CSV with `.` decimals, empty fields for missing values and formula-like text neutralised,
    or a JSON list of objects (values as they are)."""
    frame = df.copy()
    for col in frame.columns:
        if frame[col].dtype == bool:
            frame[col] = frame[col].map({True: "true", False: "false"})
    if fmt == "json":
        out.write(df.to_json(orient="records", force_ascii=False, double_precision=10))
        out.write("\n")
    else:  # text that a spreadsheet would run as a formula gets a leading ' (export.neutralise)
        neutralise_frame(frame).to_csv(out, index=False, na_rep="", lineterminator="\n")


def _handle(args: argparse.Namespace) -> Handle:
    # hold 0: a one-shot command frees the file lock as soon as each step is done
    return connect(getattr(args, "db", None), hold_seconds=0)


def cmd_init(args: argparse.Namespace) -> int:
    target = resolve_db_target(getattr(args, "db", None))
    create_database(target).close()
    print(f"Basis data siap: {display_target(target)}")
    return 0


def cmd_cadangan(args: argparse.Namespace) -> int:
    from sakip_core.backup import BackupError, backup

    handle = _handle(args)
    try:
        written = backup(handle, args.berkas, overwrite=args.timpa)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    finally:
        handle.close()
    print(f"Cadangan ditulis: {written}")
    return 0


def _store_in_use(target: Path | str) -> bool:
    """The file exists, or the server database already has SAKIP tables."""
    if isinstance(target, Path):
        return target.exists()
    from sakip_core.pg import has_schema

    return has_schema(target)


def _wipe(target: Path | str) -> None:
    """`demo --timpa`: the file deleted, or every SAKIP object dropped from the database."""
    if isinstance(target, Path):
        target.unlink()
        Path(f"{target}.wal").unlink(missing_ok=True)
        return
    from sakip_core.pg import drop_schema

    drop_schema(target)


def cmd_demo(args: argparse.Namespace) -> int:
    from sakip_core.demo import build_demo  # heavy, only here

    target = resolve_db_target(getattr(args, "db", None))
    shown = display_target(target)
    if _store_in_use(target):
        if not args.timpa:
            raise CliError(f"{shown} sudah ada; hapus dulu atau pakai --timpa.")
        _wipe(target)
    handle = build_demo(target, scale=args.scale)
    (rows,) = handle.query_df("SELECT count(*) AS n FROM realisasi")["n"]
    print(f"Kabupaten demo dibuat di {shown} ({rows:,} baris realisasi).".replace(",", "."))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    handle = _handle(args)
    actor = auth.get_actor(handle, args.user)
    if actor is None:
        raise CliError(f"pengguna '{args.user}' tidak ada atau tidak aktif.")
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(f"berkas {args.file} tidak dapat dibaca: {exc.strerror}.") from None
    result = import_upload(handle, args.dataset, data, args.file.name, actor)
    for warning in result.check.warnings:
        print(f"peringatan: {warning}", file=sys.stderr)
    if not result.ok:
        for problem in result.check.problems:
            print(str(problem), file=sys.stderr)
        n = result.check.jumlah_masalah
        print(f"Impor ditolak: {n} masalah; tidak ada data yang disimpan.", file=sys.stderr)
        return 1
    b = result.batch
    assert b is not None
    print(
        f"Impor {args.dataset} berhasil: batch {b.batch_id}, {b.jumlah_baris} baris "
        f"({b.baru} baru, {b.berubah} berubah, {b.sama} sama)."
    )
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    frame = template_frame(_handle(args), args.dataset, args.opd, args.tahun, args.triwulan)
    if args.output.suffix.lower() == ".csv":
        write_template_csv(frame, args.output)
    else:
        write_template(frame, args.dataset, args.output)
    print(f"Templat {args.dataset} ditulis ke {args.output} ({len(frame)} baris terisi).")
    return 0


def cmd_capaian(args: argparse.Namespace) -> int:
    write_table(
        capaian(_handle(args), args.tahun, args.triwulan, args.opd), args.format, sys.stdout
    )
    return 0


def cmd_ranking(args: argparse.Namespace) -> int:
    write_table(ranking(_handle(args), args.tahun, args.triwulan), args.format, sys.stdout)
    return 0


def cmd_sakip(args: argparse.Namespace) -> int:
    handle = _handle(args)
    if args.unit and args.unit != "PEMDA":
        known = handle.query_df("SELECT 1 FROM opd WHERE kode_opd = ?", [args.unit])
        if known.empty:
            raise CliError(f"unit '{args.unit}' tidak dikenal: pakai PEMDA atau kode_opd.")
    write_table(sakip_scores(handle, args.tahun, args.unit), args.format, sys.stdout)
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    if args.user_command != "add":
        return _user_admin(args)
    from sakip_core import admin  # the same rules as the Pengguna page, acting as `sistem`

    password = _read_password()
    handle = _handle(args)
    system = auth.get_actor(handle, auth.SYSTEM_USER) or auth.Actor(auth.SYSTEM_USER, "admin")
    actor = admin.add_user(handle, system, args.name, args.role, password, args.opd)
    print(f"Akun {actor.nama_pengguna} ({actor.peran}) dibuat; kata sandinya wajib diganti saat "
          "pertama kali masuk.")  # fmt: skip
    return 0


def _user_admin(args: argparse.Namespace) -> int:
    """`user disable|enable|reset|list`, acting as `--user` (an admin; default `sistem`)."""
    from sakip_core import admin
    from sakip_core.access import AccessDenied

    handle = _handle(args)
    actor = auth.get_actor(handle, args.user)
    if actor is None:
        raise CliError(f"pengguna '{args.user}' tidak ada atau tidak aktif.")
    try:
        if args.user_command == "list":
            write_table(admin.list_users(handle, actor), args.format, sys.stdout)
        elif args.user_command == "reset":
            admin.reset_password(handle, actor, args.name, _read_password())
            print(f"Kata sandi {args.name} diganti.")
        else:
            aktif = args.user_command == "enable"
            admin.set_active(handle, actor, args.name, aktif)
            print(f"Akun {args.name} {'diaktifkan' if aktif else 'dinonaktifkan'}.")
    except AccessDenied as exc:
        raise CliError(str(exc)) from None
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Kata sandi: ")
        if first != getpass.getpass("Ulangi kata sandi: "):
            raise CliError("kata sandi tidak sama.")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    try:
        auth.check_new_password(first)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return first


VERIFIKASI_ACTIONS = {
    "ajukan": ("diajukan", "Diajukan"),
    "setujui": ("diverifikasi", "Disetujui"),
    "tolak": ("ditolak", "Ditolak"),
    "final": ("final", "Difinalkan"),
}


def cmd_verifikasi(args: argparse.Namespace) -> int:
    """The verification workflow from the command line, bound by `--user`'s role and OPD
    exactly like the Verifikasi and Unggah pages (the same `workflow` functions)."""
    from sakip_core import workflow
    from sakip_core.access import AccessDenied

    handle = _handle(args)
    actor = auth.get_actor(handle, args.user)
    if actor is None:
        raise CliError(f"pengguna '{args.user}' tidak ada atau tidak aktif.")
    sel = workflow.Selection(
        args.tahun, args.triwulan, args.opd.strip(),
        tuple(k.strip() for k in args.indikator) if args.indikator else None,
    )  # fmt: skip
    steps = {
        "ajukan": lambda: workflow.submit(handle, actor, sel),
        "setujui": lambda: workflow.approve(handle, actor, sel, args.catatan),
        "tolak": lambda: workflow.reject(handle, actor, sel, args.catatan or ""),
        "final": lambda: workflow.finalize(handle, actor, sel),
    }
    try:
        moved = steps[args.aksi]()
    except (AccessDenied, workflow.WorkflowError) as exc:
        raise CliError(str(exc)) from None
    status, done = VERIFIKASI_ACTIONS[args.aksi]
    print(
        f"{done}: {moved} realisasi OPD {sel.kode_opd} triwulan {sel.triwulan} tahun "
        f"{sel.tahun} kini berstatus {status}."
    )
    return 0


COMMANDS = {
    "verifikasi": cmd_verifikasi,
    "init": cmd_init,
    "cadangan": cmd_cadangan,
    "demo": cmd_demo,
    "import": cmd_import,
    "template": cmd_template,
    "capaian": cmd_capaian,
    "ranking": cmd_ranking,
    "sakip": cmd_sakip,
    "user": cmd_user,
    **cli_pk.COMMANDS,
    **cli_lkjip.COMMANDS,
}


def main(argv: list[str] | None = None) -> int:
    from sakip_core import faults

    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (CliError, DatabaseBusy, FileNotFoundError, ValueError, *cli_pk.REFUSALS) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a stack trace for users; SAKIP_DEBUG=1 shows it
        if os.environ.get("SAKIP_DEBUG"):
            raise
        if faults.is_fault(exc):  # a full disk, a damaged file, a conflict: said as such
            print(f"galat: {faults.describe(exc)}", file=sys.stderr)
        else:
            print(f"galat tak terduga ({type(exc).__name__}): {exc}", file=sys.stderr)
        return 1
