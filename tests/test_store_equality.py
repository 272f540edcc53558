"""The same command, the same output, on DuckDB and on PostgreSQL (issue 15, point 1).

Every reporting command of formats.md (and of the PK and LKjIP additions) runs through the CLI
on the demo file and on the demo built on the tests' PostgreSQL server; the outputs must be the
same bytes. Then the held-out style path: `init`, imports of the files a Pemda would upload
(pre-filled templates of the demo), and the results, once per store.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from sakip_core.cli import main
from tests import stores

YEARS = (2025, 2026)
pytestmark = pytest.mark.timeout(600)


def run(db: Path | str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--db", str(db), *args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def both(demo_db, pg_demo, tmp_path_factory) -> tuple[Path | str, str]:
    """A copy of the demo on each store (the commands below also write: pk-status reads)."""
    folder = tmp_path_factory.mktemp("equality")
    duck = (
        stores.copy_target(demo_db, folder / "demo.duckdb") if isinstance(demo_db, Path) else None
    )
    if duck is None:  # the PostgreSQL run: demo_db is the server's demo; DuckDB's is built here
        from sakip_core.demo import build_demo

        duck = folder / "demo.duckdb"
        handle = build_demo(duck)
        with handle.transaction(versioned=False) as conn:  # as the shared demo fixtures
            conn.execute("UPDATE pengguna SET harus_ganti_sandi = false")
        handle.close()
    pg = stores.server().create_database(stores.new_name("equality"), template=_template(pg_demo))
    return duck, pg


def _template(url: str) -> str:
    return stores._templates[url]


def reporting_commands() -> list[tuple[str, ...]]:
    cmds: list[tuple[str, ...]] = []
    for tahun in YEARS:
        for q in (1, 2, 3, 4):
            for fmt in ("csv", "json"):
                period = ("--tahun", str(tahun), "--triwulan", str(q))
                cmds.append(("ranking", *period, "--format", fmt))
                cmds.append(("capaian", *period, "--format", fmt))
            cmds.append(("capaian", *period, "--opd", "1.02.01"))
            cmds.append(("ranking-jabatan", *period, "--opd", "1.02.01"))
        for fmt in ("csv", "json"):
            cmds.append(("sakip", "--tahun", str(tahun), "--format", fmt))
        cmds.append(("sakip", "--tahun", str(tahun), "--unit", "PEMDA"))
        cmds.append(("pk-status", "--tahun", str(tahun)))
        cmds.append(("cascade", "--tahun", str(tahun)))
        for unit in ("PEMDA", "1.02.01"):
            for tabel in ("kinerja", "anggaran"):
                cmds.append(("lkjip", "--tahun", str(tahun), "--unit", unit, "--tabel", tabel))
    cmds += [("jabatan",), ("jabatan", "--opd", "1.02.01")]
    return cmds


def test_every_reporting_command_prints_the_same_on_both_stores(both) -> None:
    duck, pg = both
    differ = []
    for cmd in reporting_commands():
        on_duck, on_pg = run(duck, *cmd), run(pg, *cmd)
        if on_duck != on_pg:
            differ.append((cmd, on_duck[0], on_pg[0], _first_difference(on_duck[1], on_pg[1])))
    assert not differ, differ[:5]
    # accounts: name, role, OPD, active; not the login bookkeeping (other tests of the run
    # log in on the shared demo file) nor the moment each build created its system account
    accounts = [run(db, "user", "list")[1].splitlines() for db in (duck, pg)]
    assert [line.split(",")[:4] for line in accounts[0]] == [
        line.split(",")[:4] for line in accounts[1]
    ]
    code, out, _ = run(pg, "ranking", "--tahun", "2026", "--triwulan", "2", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 44  # the 44 OPDs of the demo, not an empty list


def test_pk_of_every_kepala_opd_is_the_same(both) -> None:
    duck, pg = both
    code, out, _ = run(duck, "jabatan", "--format", "json")
    jabatan = [j["kode_jabatan"] for j in json.loads(out) if j.get("jenjang") == "jpt"][:8]
    assert code == 0 and jabatan
    for kode in jabatan:
        assert run(duck, "pk", "--tahun", "2026", "--jabatan", kode) == run(
            pg, "pk", "--tahun", "2026", "--jabatan", kode
        )


def _first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False)):
        if x != y:
            return f"line {i}: {x!r} != {y!r}"
    return f"lengths {len(a)} != {len(b)}"


LKE_CSV = (
    "tahun,kode_unit,komponen,subkomponen,kode_kriteria,jawaban\n"
    "2025,PEMDA,perencanaan,pemenuhan,1,Y\n2025,PEMDA,perencanaan,kualitas,2,B\n"
    "2025,PEMDA,pengukuran,pemanfaatan,3,C\n2025,A,evaluasi,kualitas,4,\"0,3\"\n"
)
MORE_REALISASI = "tahun,triwulan,kode_opd,kode_indikator,realisasi\n2025,2,A,A1,45\n2025,2,B,B1,2\n"


def test_init_import_and_results_are_the_same_on_both_stores(tmp_path: Path) -> None:
    """The held-out path: a new database per store, the files imported through the CLI (the
    hand-computed cases of tests/csvdata.py: kumulatif, negatif, rentang; an LKE), the results
    compared."""
    from tests.csvdata import INDIKATOR_CSV, OPD_CSV, REALISASI_CSV

    files = []
    for dataset, text in (("opd", OPD_CSV), ("indikator", INDIKATOR_CSV),
                          ("realisasi", REALISASI_CSV), ("realisasi", MORE_REALISASI),
                          ("lke", LKE_CSV)):  # fmt: skip
        target = tmp_path / f"{dataset}_{len(files)}.csv"
        target.write_text(text, encoding="utf-8")
        files.append((dataset, target))
    fresh_duck = tmp_path / "baru.duckdb"
    fresh_pg = stores.server().create_database(stores.new_name("baru"))
    for db in (fresh_duck, fresh_pg):
        assert run(db, "init")[0] == 0
        for dataset, path in files:
            code, out, err = run(db, "import", dataset, str(path))
            assert code == 0, (dataset, db, out, err)
    for tahun in (2025,):
        for q in (1, 2):
            for cmd in ("ranking", "capaian"):
                for fmt in ("csv", "json"):
                    args = (cmd, "--tahun", str(tahun), "--triwulan", str(q), "--format", fmt)
                    assert run(fresh_duck, *args) == run(fresh_pg, *args), args
        for unit in ("PEMDA", "A"):
            args = ("sakip", "--tahun", str(tahun), "--unit", unit)
            assert run(fresh_duck, *args) == run(fresh_pg, *args), args
    code, out, _ = run(fresh_pg, "ranking", "--tahun", "2025", "--triwulan", "1")
    assert code == 0 and "1,A,Dinas Alpha,116.25" in out  # capaian.md's hand-computed score
