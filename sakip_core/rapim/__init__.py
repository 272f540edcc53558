"""The Rapim view (issue 3): rankings for the leadership meeting, typed and access-checked.

Every function takes (handle, actor, ...) and enforces the access rule documented in
`sakip_core.rapim.board`: all roles but `operator` see every OPD; an operator sees only its
own OPD's position, trend and detail.
"""

from sakip_core.rapim.board import (
    kandidat,
    leaderboard,
    perubahan,
    perubahan_dari,
    reported_quarters,
    ringkasan_perubahan,
    tren,
)
from sakip_core.rapim.indeks import (
    KOMPONEN,
    cap_setting,
    decomposition_text,
    indeks_kinerja,
    lke_ranking,
    rb_heatmap,
    rb_ranking,
    serapan_ranking,
    weights,
)
from sakip_core.rapim.opd import (
    anggaran_opd,
    faktor_opd,
    indikator_opd,
    tren_indikator,
    tren_opd,
)
from sakip_core.rapim.sesi import figures, pk_period

__all__ = [
    "KOMPONEN",
    "anggaran_opd",
    "cap_setting",
    "decomposition_text",
    "faktor_opd",
    "figures",
    "indeks_kinerja",
    "indikator_opd",
    "kandidat",
    "leaderboard",
    "lke_ranking",
    "perubahan",
    "perubahan_dari",
    "pk_period",
    "rb_heatmap",
    "rb_ranking",
    "reported_quarters",
    "ringkasan_perubahan",
    "serapan_ranking",
    "tren",
    "tren_indikator",
    "tren_opd",
    "weights",
]
