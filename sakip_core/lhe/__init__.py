"""LHE recommendations and their follow-up (issue 14, point 3).

The evaluator's recommendations (`lhe`, imported as a dataset or entered by the admin) per unit
(PEMDA or an OPD) and year; each one's follow-up records (`lhe_tindak_lanjut`, the latest one
counts, the earlier ones are its history) with evidence files (`lhe_bukti`); the Inspektorat's
verification; the overdue flag and the percentage followed up per unit.

Rules written down here because the issue is silent on them:
- The Inspektorat is the `verifikator` role (domain.md: "Inspektorat (verifier)"). Only it
  verifies; the admin does not, since the admin records the PEMDA's own follow-ups.
- A recommendation is **followed up** (counts in `persen`) when its latest record has status
  `selesai` AND the Inspektorat verified it. A `selesai` awaiting verification is counted apart.
- It is **overdue** (`terlambat`) when its batas_waktu is before today and the unit has not
  declared it `selesai` (a `selesai` the Inspektorat rejected counts as not declared): a unit is
  not late because the verification is.
- Follow-ups are recorded by the operator of the unit's OPD, or by the admin for any unit (the
  PEMDA's are the admin's). `selesai` needs an evidence file (sent now or earlier). A verified
  record is final: the unit records a new one only after the Inspektorat rejected it.
"""

from sakip_core.lhe.entry import Recommendation, add_recommendation
from sakip_core.lhe.follow_up import (
    STATUS,
    VERIFIERS,
    FollowUp,
    LheError,
    read_evidence,
    record_follow_up,
    verify,
)
from sakip_core.lhe.state import (
    PROGRESS_COLUMNS,
    history,
    open_items,
    progress,
    recommendations,
    years,
)

__all__ = [
    "PROGRESS_COLUMNS",
    "STATUS",
    "VERIFIERS",
    "FollowUp",
    "LheError",
    "Recommendation",
    "add_recommendation",
    "history",
    "open_items",
    "progress",
    "read_evidence",
    "recommendations",
    "record_follow_up",
    "verify",
    "years",
]
