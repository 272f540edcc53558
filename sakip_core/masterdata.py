"""Reads of master and reference data for pages: the OPD list, PK versions, quarter locks.

Pages and `ui/` hold no SQL; what they need to list or look up comes from here. These are
plain reads of tables every logged-in role may see (OPD names and codes, lock state); access
to figures stays with the services.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sakip_core.db import Handle

OPD_COLUMNS = ["kode_opd", "nama_opd", "jenis", "singkatan"]


def opd_list(h: Handle) -> pd.DataFrame:
    """Every OPD: kode_opd, nama_opd, jenis, singkatan, by kode_opd."""
    return h.query_df(f"SELECT {', '.join(OPD_COLUMNS)} FROM opd ORDER BY kode_opd")


def opd_names(h: Handle) -> dict[str, str]:
    """kode_opd -> nama_opd of every OPD."""
    df = opd_list(h)
    return dict(zip(df["kode_opd"], df["nama_opd"], strict=True))


def pk_versions(h: Handle) -> pd.DataFrame:
    """Per year and OPD: the active PK version, its indicator count and how many versions exist."""
    return h.query_df(
        "SELECT tahun, kode_opd, max(versi) FILTER (WHERE aktif) AS versi_aktif, "
        "count(*) FILTER (WHERE aktif) AS indikator, max(versi) AS jumlah_versi "
        "FROM indikator GROUP BY tahun, kode_opd ORDER BY tahun DESC NULLS LAST, kode_opd"
    )


def quarter_lock(h: Handle, tahun: int, triwulan: int) -> dict[str, Any] | None:
    """The latest lock row of the quarter (terkunci, oleh, waktu, batas_waktu), or None."""
    df = h.query_df(
        "SELECT terkunci, oleh, waktu, batas_waktu FROM kunci_triwulan "
        "WHERE tahun = ? AND triwulan = ? ORDER BY id DESC LIMIT 1",
        [int(tahun), int(triwulan)],
    )
    return None if df.empty else df.iloc[0].to_dict()
