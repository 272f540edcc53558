"""The PostgreSQL store itself: URLs, faults, concurrent writers, the data version across
handles (as across replicas), and the CLI's `init`/`demo` on a server database."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest

from sakip_core import faults
from sakip_core.auth import Actor
from sakip_core.db import (
    connect,
    create_database,
    display_target,
    is_server_url,
    resolve_db_target,
)
from sakip_core.faults import Kind
from sakip_core.io.importer import import_upload
from tests import stores
from tests.csvdata import count

ADMIN = Actor("sistem", "admin")


@pytest.fixture
def url(seed_file, tmp_path):
    """A copy of the seeded database on the tests' PostgreSQL server (on either run)."""
    if stores.ON_PG:
        yield stores.copy_target(seed_file, tmp_path / "t")
        return
    from tests.csvdata import seeded_db

    name = stores.new_name("pgstore")
    target = stores.server().create_database(name)
    seeded_db(target).close()
    yield target
    stores.server().drop_database(name)


def test_urls_are_recognised_and_shown_without_password(monkeypatch) -> None:
    monkeypatch.setenv("SAKIP_DB", "postgresql://sakip:rahasia@db.pemda.go.id/sakip")
    target = resolve_db_target()
    assert target == "postgresql+psycopg://sakip:rahasia@db.pemda.go.id/sakip"
    assert is_server_url(target)
    assert "rahasia" not in display_target(target)
    assert resolve_db_target("data/x.duckdb") == Path("data/x.duckdb")


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (psycopg.errors.SerializationFailure, Kind.CONFLICT),
        (psycopg.errors.DeadlockDetected, Kind.CONFLICT),
        (psycopg.errors.DiskFull, Kind.DISK_FULL),
        (psycopg.errors.ReadOnlySqlTransaction, Kind.READ_ONLY),
        (psycopg.errors.InvalidCatalogName, Kind.MISSING),
        (psycopg.errors.AdminShutdown, Kind.UNAVAILABLE),
        (psycopg.errors.UniqueViolation, Kind.OTHER),
    ],
)
def test_sqlstates_map_to_the_fault_kinds(error: type, kind: Kind) -> None:
    assert faults.kind(error("x")) is kind
    if kind is not Kind.OTHER:
        assert "Traceback" not in faults.describe(error("x"))


def test_an_unreachable_server_is_told_plainly(tmp_path) -> None:
    gone = f"postgresql+psycopg://sakip@/sakip?host={tmp_path}&connect_timeout=2"
    with pytest.raises(psycopg.OperationalError) as caught:
        connect(gone)
    assert faults.kind(caught.value) is Kind.UNAVAILABLE
    assert faults.describe(caught.value).startswith("Server basis data tidak dapat dihubungi")


def test_the_data_version_is_shared_by_every_handle(url: str) -> None:
    a, b = connect(url), connect(url)
    before = b.data_version()
    with a.transaction() as conn:
        conn.execute("UPDATE opd SET nama_opd = 'Dinas Alpha Baru' WHERE kode_opd = 'A'")
    assert b.data_version() == before + 1  # what a second replica keys its caches on
    assert b.query_df("SELECT nama_opd FROM opd WHERE kode_opd = 'A'").iloc[0, 0] == (
        "Dinas Alpha Baru"
    )
    a.close()
    b.close()


def test_concurrent_writes_to_the_same_rows_conflict_instead_of_losing_one(url: str) -> None:
    a, b = connect(url), connect(url)
    with a.transaction() as first:
        first.execute("UPDATE realisasi SET realisasi = 31 WHERE kode_indikator = 'A1'")
        with pytest.raises(psycopg.Error) as caught, b.transaction() as second:
            second.execute("SET LOCAL lock_timeout = '200ms'")
            second.execute("UPDATE realisasi SET realisasi = 32 WHERE kode_indikator = 'A1'")
    assert faults.kind(caught.value) in (Kind.CONFLICT, Kind.OTHER)  # lock timeout or conflict
    (value,) = a.query_df("SELECT realisasi FROM realisasi WHERE kode_indikator = 'A1'")[
        "realisasi"
    ]
    assert value == 31
    a.close()
    b.close()


def test_two_imports_at_once_both_land(url: str) -> None:
    """Two processes' imports of the same rows: REPEATABLE READ makes one conflict, and the
    importer's retry writes it after the other; both batches and their history are kept."""
    handles = [connect(url), connect(url)]
    results: list[object] = [None, None]

    def upload(i: int) -> None:
        text = f"tahun,triwulan,kode_opd,kode_indikator,realisasi\n2025,1,A,A1,{40 + i}\n"
        results[i] = import_upload(handles[i], "realisasi", text.encode(), f"r{i}.csv", ADMIN)

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r is not None and r.ok for r in results)
    h = handles[0]
    assert count(h, "realisasi_riwayat") == 2  # 30 → first → second, each superseded value kept
    (final,) = h.query_df("SELECT realisasi FROM realisasi WHERE kode_indikator = 'A1'")[
        "realisasi"
    ]
    assert final in (40.0, 41.0)
    for handle in handles:
        handle.close()


def test_frames_of_concurrent_readers_do_not_meet(url: str) -> None:
    import pandas as pd

    h = connect(url)
    seen: dict[int, list] = {}

    def read(i: int) -> None:
        frame = pd.DataFrame({"x": [i] * (i + 1)})
        seen[i] = h.query_df("SELECT count(*) AS n, min(x) AS x FROM f", frames={"f": frame})
        seen[i] = seen[i].iloc[0].tolist()

    threads = [threading.Thread(target=read, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {i: [i + 1, i] for i in range(4)}
    h.close()


def test_cli_init_and_demo_on_a_server_database(capsys) -> None:
    from sakip_core.cli import main

    target = stores.server().create_database(stores.new_name("cli_demo"))
    assert main(["--db", target, "init"]) == 0
    assert "Basis data siap: postgresql+psycopg://sakip@/" in capsys.readouterr().out
    assert main(["--db", target, "demo"]) == 1  # the schema is there: --timpa is needed
    assert "--timpa" in capsys.readouterr().err
    assert main(["--db", target, "demo", "--timpa"]) == 0
    assert "baris realisasi" in capsys.readouterr().out
    h = connect(target)
    assert count(h, "opd") == 44
    h.close()
    create_database(target).close()  # completing an existing schema changes nothing
    assert count(connect(target), "opd") == 44
