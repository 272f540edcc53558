"""Cached reads of the Perjanjian Kinerja pages, keyed on the data version (`ui.data.cached`).

Every function takes the acting user: the core checks the role and OPD on each call, and two
users with different access never share a cache entry.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.auth import Actor
from sakip_core.calc import ranking_jabatan as rj
from sakip_core.db import Handle
from sakip_core.pk import agreement, cascade, jabatan, matriks, signing, versions
from sakip_core.pk.documents import write_document
from sakip_core.pk.model import PerjanjianKinerja
from ui import data


@data.cached()
def jabatan_list(h: Handle, actor: Actor, kode_opd: str | None) -> pd.DataFrame:
    return jabatan.jabatan_list(h, actor, kode_opd)


@data.cached()
def holder_history(h: Handle, actor: Actor, kode_jabatan: str) -> pd.DataFrame:
    return jabatan.holder_history(h, actor, kode_jabatan)


@data.cached()
def pk_of(h: Handle, actor: Actor, tahun: int, kode: str, versi: int | None) -> PerjanjianKinerja:
    return agreement.pk_of(h, actor, tahun, kode, versi)


@data.cached()
def status_list(h: Handle, actor: Actor, tahun: int, kode_opd: str | None) -> pd.DataFrame:
    return signing.status_list(h, actor, tahun, kode_opd)


@data.cached()
def pk_versions(h: Handle, tahun: int, kode_opd: str) -> pd.DataFrame:
    return versions.versions(h, tahun, kode_opd)


@data.cached(max_entries=16)
def document(h: Handle, actor: Actor, tahun: int, codes: list[str], fmt: str, pakta: bool) -> bytes:
    """The PK document(s) of `codes`, as the core writes them (bytes for a download)."""
    pks = agreement.documents_for(h, actor, tahun, codes)
    return write_document(pks, fmt, pakta=pakta)


@data.cached()
def cascade_check(h: Handle, actor: Actor, tahun: int, kode_opd: str | None) -> pd.DataFrame:
    return cascade.cascade_check(h, actor, tahun, kode_opd)


@data.cached()
def matrix(h: Handle, actor: Actor, tahun: int, kode_opd: str) -> pd.DataFrame:
    return matriks.matriks_peran_hasil(h, actor, tahun, kode_opd)


@data.cached()
def rhk(h: Handle, actor: Actor, tahun: int, kode_jabatan: str) -> tuple:
    return matriks.rencana_hasil_kerja(h, actor, tahun, kode_jabatan)


@data.cached()
def jabatan_ranking(h: Handle, tahun: int, triwulan: int, kode_opd: str) -> pd.DataFrame:
    return rj.jabatan_ranking(h, tahun, triwulan, kode_opd)


@data.cached()
def jabatan_trend(h: Handle, tahun: int, kode_jabatan: str) -> pd.DataFrame:
    return rj.jabatan_trend(h, tahun, kode_jabatan)


@data.cached()
def heads(h: Handle) -> list[str]:
    return list(jabatan.heads(h)["kode_jabatan"])
