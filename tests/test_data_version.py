"""Issue 11, point 1: one data version, bumped in the transaction of every write of the core,
and every cached page query keyed on it (a write from anywhere shows on the next run)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core import admin, clock, evidence, lke_service, rb_service, restore, workflow
from sakip_core.auth import Actor, AuthError, authenticate
from sakip_core.db import Handle
from sakip_core.io.importer import import_upload
from sakip_core.rapim import pk_period
from sakip_core.workflow import Selection
from tests.concurrency import at_once
from tests.page_helpers import ROOT, TIMEOUT, copy_demo, ranking, sign_in
from tests.test_rapim_page import boards

ADMIN = Actor("admin", "admin")
VERIFIKATOR = Actor("verifikator", "verifikator")
PIMPINAN = Actor("pimpinan", "pimpinan")


@pytest.fixture
def h(demo_db: Path, tmp_path: Path) -> Handle:
    handle = sakip_core.connect(copy_demo(demo_db, tmp_path))
    yield handle
    handle.close()


def _one(h: Handle, sql: str) -> dict:
    return h.query_df(sql).iloc[0].to_dict()


OPEN = "tahun = 2026 AND triwulan = 3"  # the demo's open (unlocked) quarter


def _upload_realisasi(h: Handle) -> None:
    r = _one(h, f"SELECT * FROM realisasi WHERE {OPEN} AND status = 'diajukan' ORDER BY id LIMIT 1")
    csv = (
        "tahun,triwulan,kode_opd,kode_indikator,realisasi\n"
        f"{r['tahun']},{r['triwulan']},{r['kode_opd']},{r['kode_indikator']},"
        f"{r['realisasi'] + 1}\n"
    )
    result = import_upload(h, "realisasi", csv.encode(), "ubah.csv", ADMIN)
    assert result.ok, [str(p) for p in result.check.problems]


def _submitted_selection(h: Handle) -> Selection:
    r = _one(
        h,
        "SELECT tahun, triwulan, kode_opd FROM realisasi "
        f"WHERE {OPEN} AND status = 'diajukan' ORDER BY kode_opd LIMIT 1",
    )
    return Selection(int(r["tahun"]), int(r["triwulan"]), str(r["kode_opd"]))


def _rejected_selection(h: Handle) -> Selection:
    sel = _submitted_selection(h)
    workflow.reject(h, VERIFIKATOR, sel, "perbaiki")
    return sel


def _answer(h: Handle) -> lke_service.Answer:
    r = _one(h, "SELECT * FROM lke WHERE kode_unit <> 'PEMDA' ORDER BY id LIMIT 1")
    jawaban = "T" if r["jawaban"] == "Y" else "Y"
    return lke_service.Answer(
        int(r["tahun"]),
        r["kode_unit"],
        r["komponen"],
        r["subkomponen"],
        r["kode_kriteria"],
        jawaban,
    )


def _rb_item(h: Handle) -> None:
    r = _one(h, "SELECT * FROM rb_aksi ORDER BY id LIMIT 1")
    rb_service.set_realisasi(
        h, ADMIN, int(r["tahun"]), int(r["bulan"]), r["kode_opd"], r["kode_aksi"],
        float(r["target"]), min(100.0, float(r["realisasi"]) + 1),
    )  # fmt: skip


def _restore(h: Handle) -> None:
    rid = int(_one(h, "SELECT max(id) AS id FROM realisasi_riwayat")["id"])
    restore.restore_value(h, ADMIN, rid)


def _master_data(h: Handle) -> None:
    data = b"kode_opd,nama_opd,jenis\n9.99.01,Badan Uji Coba,badan\n"
    assert import_upload(h, "opd", data, "opd.csv", ADMIN).ok


def _evidence(h: Handle) -> None:
    r = _one(h, f"SELECT * FROM realisasi WHERE {OPEN} AND status = 'diajukan' ORDER BY id LIMIT 1")
    key = (int(r["tahun"]), int(r["triwulan"]), r["kode_opd"], r["kode_indikator"])
    evidence.store(h, ADMIN, key, "bukti.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n")


def now(write: Callable[[Handle], object]) -> Callable[[Handle], Callable[[], object]]:
    """A write without preparation."""
    return lambda h: lambda: write(h)


# name -> (prepare the database, then return the write itself)
WRITES: dict[str, Callable[[Handle], Callable[[], object]]] = {
    "unggah realisasi": now(_upload_realisasi),
    "ajukan": lambda h: (lambda sel: lambda: workflow.submit(h, ADMIN, sel))(
        _rejected_selection(h)
    ),
    "setujui": now(lambda h: workflow.approve(h, VERIFIKATOR, _submitted_selection(h))),
    "tolak": now(lambda h: workflow.reject(h, VERIFIKATOR, _submitted_selection(h), "cek lagi")),
    "usulan LKE": now(lambda h: lke_service.set_proposal(h, ADMIN, _answer(h))),
    "penetapan LKE": now(lambda h: lke_service.set_final(h, VERIFIKATOR, _answer(h))),
    "item RB": now(_rb_item),
    "pengaturan": now(lambda h: admin.set_setting_audited(h, ADMIN, "cap", 110.0)),
    "kunci triwulan": now(lambda h: admin.set_locked(h, ADMIN, 2026, 4, True)),
    "batas waktu": now(lambda h: admin.set_deadline(h, ADMIN, 2026, 4, None)),
    "pulihkan": lambda h: (_upload_realisasi(h), lambda: _restore(h))[1],
    "data induk": now(_master_data),
    "bukti": now(_evidence),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_every_write_of_the_core_bumps_the_version(h: Handle, name: str) -> None:
    write = WRITES[name](h)
    before = h.data_version()
    write()
    assert h.data_version() == before + 1  # one transaction, one version


def test_a_write_that_fails_leaves_the_version(h: Handle) -> None:
    before = h.data_version()
    with pytest.raises(workflow.WorkflowError):
        workflow.reject(h, VERIFIKATOR, _submitted_selection(h), "   ")  # note required
    with pytest.raises(RuntimeError), h.transaction() as conn:
        conn.execute("UPDATE realisasi SET realisasi = 0")
        raise RuntimeError("rolled back")
    assert h.data_version() == before


def test_login_attempts_do_not_bump_the_version(h: Handle) -> None:
    """A password guess changes no figure: it must not empty every page cache."""
    before = h.data_version()
    with pytest.raises(AuthError):
        authenticate(h, "pimpinan", "salah")
    authenticate(h, "pimpinan", "demo")
    assert h.data_version() == before


def test_concurrent_writes_each_count(h: Handle) -> None:
    """Appends do not conflict, and the count grows by one per commit in any commit order."""
    before = h.data_version()

    def write(_: int) -> None:
        with h.transaction() as conn:
            conn.execute("SELECT 1")

    assert at_once(write, 4) == [None] * 4
    assert h.data_version() == before + 4


@pytest.mark.duckdb_file  # an older DuckDB file: the upgrade path of files
def test_an_older_file_is_upgraded_on_connect(demo_db: Path, tmp_path: Path) -> None:
    """A database built before sessions and the data version gains them when opened."""
    path = copy_demo(demo_db, tmp_path)
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE versi_data")
    con.execute("DROP TABLE sesi")
    con.execute("ALTER TABLE pengguna DROP COLUMN harus_ganti_sandi")
    con.close()
    h = sakip_core.connect(path)
    try:
        assert h.data_version() == 0
        cols = set(h.query_df("SELECT * FROM pengguna LIMIT 0").columns)
        assert "harus_ganti_sandi" in cols
        # accounts from before the rule must replace their (admin-set or demo) password
        assert authenticate(h, "pimpinan", "demo").harus_ganti_sandi is True
        admin.set_locked(h, ADMIN, 2026, 4, False)
        assert h.data_version() == 1
    finally:
        h.close()


# --- the pages: a write elsewhere shows on the next run ------------------------------------


def _data_column(at: AppTest) -> dict[str, str]:
    """kode_opd -> the Rapim leaderboard's Data text."""
    payload = boards(at)[0]
    i = payload["columns"].index("Data")
    return {row["kode"]: row["cells"][i]["text"] for row in payload["rows"]}


def _beranda_data(at: AppTest) -> dict[str, str]:
    frame: pd.DataFrame = ranking(at).value
    return dict(zip(frame["OPD"], frame["Data"], strict=True))


def test_approval_shows_on_rapim_and_beranda_at_the_next_run(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_demo(demo_db, tmp_path)
    monkeypatch.setenv("SAKIP_DB", str(path))
    monkeypatch.chdir(ROOT)
    rapim = AppTest.from_file(str(ROOT / "pages/rapim.py"), default_timeout=TIMEOUT)
    sign_in(rapim, PIMPINAN)
    rapim.run()
    beranda = AppTest.from_file(str(ROOT / "pages/beranda.py"), default_timeout=TIMEOUT)
    sign_in(beranda, PIMPINAN)
    beranda.run()
    tahun, bulan = (int(rapim.selectbox(key=k).value) for k in ("tahun", "bulan"))
    h = sakip_core.connect(path)
    tahun, triwulan = pk_period(h, tahun, bulan, clock.now())  # "Otomatis": past its deadline
    h.close()
    shown = _data_column(rapim)
    kode = next(k for k, v in shown.items() if v == "sementara")

    h = sakip_core.connect(path)  # another handle, as another session or process would write
    sel = Selection(tahun, triwulan, kode)
    with contextlib.suppress(workflow.WorkflowError):  # drafts or rejections: hand them in
        workflow.submit(h, ADMIN, sel)
    workflow.approve(h, VERIFIKATOR, sel)
    h.close()

    rapim.run()
    beranda.run()
    assert not rapim.exception and not beranda.exception
    assert _data_column(rapim)[kode] == "terverifikasi"
    label = next(r["cells"][1]["text"] for r in boards(rapim)[0]["rows"] if r["kode"] == kode)
    assert _beranda_data(beranda)[label] == "terverifikasi"
