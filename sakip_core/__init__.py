"""sakip_core: the SAKIP arithmetic, store and services (no Streamlit here).

import sakip_core as sk
h = sk.connect("data/sakip.duckdb")
sk.ranking(h, tahun=2025, triwulan=2)
sk.capaian(h, tahun=2025, triwulan=2, opd=None)
"""

from sakip_core.calc.anggaran import budget_vs_performance, serapan
from sakip_core.calc.capaian import capaian, capaian_detail
from sakip_core.calc.lke import sakip_scores, sakip_totals
from sakip_core.calc.ranking import ranking, ranking_detail
from sakip_core.calc.rb import rb_area_heatmap, rb_index, rb_opd_progress
from sakip_core.db import Handle, connect, create_database

__all__ = [
    "Handle",
    "budget_vs_performance",
    "capaian",
    "capaian_detail",
    "connect",
    "create_database",
    "ranking",
    "ranking_detail",
    "rb_area_heatmap",
    "rb_index",
    "rb_opd_progress",
    "sakip_scores",
    "sakip_totals",
    "serapan",
]
