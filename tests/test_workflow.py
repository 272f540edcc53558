"""Workflow rules: submit, approve, reject with a note, final, queue, summary, scoped reads."""

from __future__ import annotations

import json

import pytest

from sakip_core import rapim
from sakip_core import workflow as wf
from sakip_core.access import AccessDenied
from sakip_core.admin import set_locked
from tests.factories import TAHUN
from tests.reporting_fixtures import (
    ADMIN,
    ANALIS,
    OP_A,
    OP_B,
    VERIFIER,
    A,
    B,
    reporting_db,
    statuses,
)

SEL_A = wf.Selection(TAHUN, 1, A)
SEL_B = wf.Selection(TAHUN, 1, B)


@pytest.fixture
def h(tmp_path):
    handle = reporting_db(tmp_path)
    yield handle
    handle.close()


def test_operator_submits_own_opd(h):
    assert wf.submit(h, OP_A, SEL_A) == 2
    assert statuses(h) == {"A1": "diajukan", "A2": "diajukan", "B1": "draft", "B2": "draft"}


def test_operator_cannot_submit_other_opd(h):
    with pytest.raises(AccessDenied):
        wf.submit(h, OP_A, SEL_B)
    assert statuses(h)["B1"] == "draft"


@pytest.mark.parametrize("actor", [VERIFIER, ANALIS])
def test_non_submitters_cannot_submit(h, actor):
    with pytest.raises(AccessDenied):
        wf.submit(h, actor, SEL_A)


def test_operator_cannot_verify_or_reject(h):
    wf.submit(h, OP_A, SEL_A)
    with pytest.raises(AccessDenied):
        wf.approve(h, OP_A, SEL_A)
    with pytest.raises(AccessDenied):
        wf.reject(h, OP_A, SEL_A, "tidak")
    assert statuses(h)["A1"] == "diajukan"


def test_approve_per_opd_then_final(h):
    wf.submit(h, OP_A, SEL_A)
    assert wf.approve(h, VERIFIER, SEL_A) == 2
    row = h.query_df("SELECT * FROM realisasi WHERE kode_indikator = 'A1'").iloc[0]
    assert row["status"] == "diverifikasi" and row["diverifikasi_oleh"] == "ver"
    assert wf.finalize(h, ADMIN, SEL_A) == 2
    assert statuses(h)["A2"] == "final"


def test_approve_needs_submitted_values(h):
    with pytest.raises(wf.WorkflowError, match="diajukan"):
        wf.approve(h, VERIFIER, SEL_A)


def test_reject_per_value_needs_note_and_returns_to_operator(h):
    wf.submit(h, OP_A, SEL_A)
    one = wf.Selection(TAHUN, 1, A, ("A2",))
    with pytest.raises(wf.WorkflowError, match="Catatan wajib"):
        wf.reject(h, VERIFIER, one, "   ")
    assert wf.reject(h, VERIFIER, one, "Bukti tidak sesuai") == 1
    assert statuses(h)["A2"] == "ditolak" and statuses(h)["A1"] == "diajukan"
    seen = wf.read_realisasi(h, OP_A, TAHUN, 1, A)
    note = seen.set_index("kode_indikator").loc["A2", "catatan_verifikasi"]
    assert note == "Bukti tidak sesuai"
    assert wf.submit(h, OP_A, one) == 1  # fixed and handed in again
    assert statuses(h)["A2"] == "diajukan"


def test_every_transition_is_audited(h):
    wf.submit(h, OP_A, wf.Selection(TAHUN, 1, A, ("A1",)))
    wf.reject(h, VERIFIER, wf.Selection(TAHUN, 1, A, ("A1",)), "cek lagi")
    log = h.query_df("SELECT * FROM audit_log WHERE tabel = 'realisasi' ORDER BY id")
    assert log["aksi"].tolist() == ["status_diajukan", "status_ditolak"]
    assert log["pengguna"].tolist() == ["op-a", "ver"]
    last = log.iloc[-1]
    assert json.loads(last["nilai_lama"])["status"] == "diajukan"
    assert json.loads(last["nilai_baru"]) == {"status": "ditolak", "catatan": "cek lagi"}
    assert last["kunci"] == f"{TAHUN}/TW1/{A}/A1"


def test_submit_refused_in_locked_quarter(h):
    set_locked(h, ADMIN, TAHUN, 1, True)
    with pytest.raises(wf.WorkflowError, match="dikunci oleh adm"):
        wf.submit(h, OP_A, SEL_A)


def test_queue_lists_submitted_per_opd(h):
    wf.submit(h, OP_A, SEL_A)
    q = wf.queue(h, VERIFIER)
    assert q[["kode_opd", "jumlah_diajukan"]].values.tolist() == [[A, 2]]
    with pytest.raises(AccessDenied):
        wf.queue(h, OP_A)


def test_summary_verified_or_provisional(h):
    wf.submit(h, OP_A, SEL_A)
    wf.approve(h, VERIFIER, SEL_A)
    s = wf.verification_summary(h, ANALIS, TAHUN, 1).set_index("kode_opd")
    assert s.loc[A, "status_data"] == "terverifikasi"
    assert s.loc[B, "status_data"] == "sementara" and s.loc[B, "draft"] == 2
    own = wf.verification_summary(h, OP_B, TAHUN, 1)
    assert own["kode_opd"].tolist() == [B]


def test_operator_cannot_read_other_opd_inputs(h):
    with pytest.raises(AccessDenied):
        wf.read_realisasi(h, OP_A, TAHUN, 1, B)
    mine = wf.read_realisasi(h, OP_A, TAHUN, 1)
    assert set(mine["kode_opd"]) == {A}
    everyone = wf.read_realisasi(h, VERIFIER, TAHUN, 1)
    assert set(everyone["kode_opd"]) == {A, B}


def test_rankings_show_verified_or_provisional(h):
    table_of = rapim.leaderboard  # the one ranking with status_data (Beranda, Rapim, reports)
    wf.submit(h, OP_A, SEL_A)
    wf.approve(h, VERIFIER, SEL_A)
    table = table_of(h, ANALIS, TAHUN, 1).set_index("kode_opd")
    assert table.loc[A, "status_data"] == "terverifikasi"
    assert table.loc[B, "status_data"] == "sementara"
    own = table_of(h, OP_B, TAHUN, 1)
    assert own["kode_opd"].tolist() == [B] and own["status_data"].tolist() == ["sementara"]
    assert set(table_of(h, ANALIS, TAHUN, 2)["status_data"]) == {"belum_lapor"}


def test_a_decision_refuses_a_value_changed_since_it_was_shown(h):
    wf.submit(h, OP_A, SEL_A)
    now = h.query_df("SELECT kode_indikator AS k, realisasi AS v FROM realisasi "
                     "WHERE kode_opd = ? ORDER BY 1", [A])  # fmt: skip
    codes, values = tuple(now["k"]), tuple(float(v) for v in now["v"])
    stale = wf.Selection(TAHUN, 1, A, codes, (values[0], values[1] - 1))
    with pytest.raises(wf.WorkflowError, match=f"Nilai {codes[1]} telah diubah"):
        wf.approve(h, VERIFIER, stale)
    assert statuses(h)["A1"] == "diajukan" and statuses(h)["A2"] == "diajukan"  # nothing decided
    assert wf.approve(h, VERIFIER, wf.Selection(TAHUN, 1, A, codes, values)) == 2
