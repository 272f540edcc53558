"""The analysts' explorer: combined filters and the filtered indicator table (issue 4).

Filters travel in the URL as plain strings (`Filters.to_params` / `Filters.from_params`), never
pickled. `indicators` computes capaian with the shared CTEs of `sakip_core.calc.capaian` and
applies every filter in the same DuckDB query; an operator's OPD restriction is part of that
query (`sakip_core.access.narrow`), not a hidden widget.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import pandas as pd

from sakip_core.access import narrow
from sakip_core.auth import Actor
from sakip_core.calc.bands import BANDS_CTE, band_join
from sakip_core.calc.capaian import _cap, capaian_ctes, period_params
from sakip_core.db import Handle

LEVELS = ("pemda", "opd", "administrator", "pengawas", "staf")
POLARITAS = ("positif", "negatif", "rentang")
MAX_CARI = 100  # characters of free-text search kept from a URL

# multi-valued filters: attribute name = query-parameter name
LIST_FIELDS = ("opd", "jenis", "sasaran", "level", "polaritas", "kategori")

INDICATOR_COLUMNS = [
    "kode_opd",
    "nama_opd",
    "jenis",
    "kode_indikator",
    "indikator",
    "sasaran",
    "satuan",
    "level",
    "polaritas",
    "agregasi",
    "iku",
    "target",
    "target_sd",
    "realisasi_sd",
    "capaian",
    "capaian_dibatasi",
    "kategori",
    "warna",
    "dilaporkan",
    "tren",
    "diunggah_oleh",
    "diunggah_pada",
]


@dataclass(frozen=True)
class Filters:
    """Everything the explorer can filter on; empty tuples and False mean "no restriction"."""

    tahun: int
    triwulan: int
    opd: tuple[str, ...] = ()
    jenis: tuple[str, ...] = ()
    sasaran: tuple[str, ...] = ()
    level: tuple[str, ...] = ()
    polaritas: tuple[str, ...] = ()
    kategori: tuple[str, ...] = ()
    iku: bool = False
    belum_lapor: bool = False
    cari: str = ""

    def __post_init__(self) -> None:
        if self.triwulan not in (1, 2, 3, 4):
            raise ValueError(f"Triwulan harus 1..4, bukan {self.triwulan}.")

    def to_params(self) -> dict[str, str | list[str]]:
        """Plain query parameters: only what differs from "no restriction"; lists repeat the key."""
        out: dict[str, str | list[str]] = {"tahun": str(self.tahun), "tw": str(self.triwulan)}
        for name in LIST_FIELDS:
            values = getattr(self, name)
            if values:
                out[name] = list(values)
        if self.iku:
            out["iku"] = "1"
        if self.belum_lapor:
            out["belum"] = "1"
        if self.cari:
            out["cari"] = self.cari
        return out

    @classmethod
    def from_params(
        cls, params: Mapping[str, str | list[str]], tahun: int, triwulan: int
    ) -> Filters:
        """Parse query parameters leniently: anything malformed falls back to the defaults given."""
        lists = {name: _strings(params.get(name)) for name in LIST_FIELDS}
        lists["level"] = tuple(v for v in lists["level"] if v in LEVELS)
        lists["polaritas"] = tuple(v for v in lists["polaritas"] if v in POLARITAS)
        tw = _int(params.get("tw"), triwulan)
        return cls(
            tahun=_int(params.get("tahun"), tahun),
            triwulan=tw if tw in (1, 2, 3, 4) else triwulan,
            iku=_flag(params.get("iku")),
            belum_lapor=_flag(params.get("belum")),
            cari=_last(params.get("cari")).strip()[:MAX_CARI],
            **lists,
        )

    def with_(self, **changes: Any) -> Filters:
        return replace(self, **changes)


def filter_names() -> list[str]:
    return [f.name for f in fields(Filters)]


def _strings(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    seen: dict[str, None] = {}
    for item in items:
        text = str(item).strip()
        if text:
            seen.setdefault(text[:300], None)
    return tuple(seen)


def _last(value: str | list[str] | None) -> str:
    if value is None:
        return ""
    return str(value) if isinstance(value, str) else (str(value[-1]) if value else "")


def _int(value: str | list[str] | None, default: int) -> int:
    try:
        return int(_last(value))
    except ValueError:
        return default


def _flag(value: str | list[str] | None) -> bool:
    return _last(value).lower() in ("1", "true", "ya")


@dataclass
class Query:
    """A WHERE clause under construction, with its named parameters."""

    clauses: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def any_of(self, column: str, name: str, values: tuple[str, ...]) -> None:
        if values:
            self.clauses.append(f"{column} = ANY(${name})")
            self.params[name] = list(values)

    def where(self) -> str:
        return "WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def scope_params(actor: Actor, filters: Filters) -> tuple[bool, dict[str, Any]]:
    """(opd_filter, params) for `capaian_ctes`: the requested OPDs narrowed to the actor's scope."""
    opds = narrow(actor, list(filters.opd) or None)
    return (opds is not None, {"opds": opds} if opds is not None else {})


def static_query(filters: Filters) -> Query:
    """Filters on the indicator itself, applied before any realisation is aggregated."""
    q = Query()
    if filters.jenis:
        q.clauses.append("kode_opd IN (SELECT kode_opd FROM opd WHERE jenis = ANY($f_jenis))")
        q.params["f_jenis"] = list(filters.jenis)
    q.any_of("sasaran", "f_sasaran", filters.sasaran)
    q.any_of("level", "f_level", filters.level)
    q.any_of("polaritas", "f_polaritas", filters.polaritas)
    if filters.iku:
        q.clauses.append("iku")
    if filters.cari:
        q.clauses.append(
            "(strpos(lower(indikator), lower($f_cari)) > 0"
            " OR strpos(lower(kode_indikator), lower($f_cari)) > 0)"
        )
        q.params["f_cari"] = filters.cari
    return q


def result_query(filters: Filters) -> Query:
    """Filters that need capaian (alias c = calc, k = band)."""
    q = Query()
    q.any_of("k.label", "f_kategori", filters.kategori)
    if filters.belum_lapor:
        q.clauses.append("NOT c.dilaporkan")
    return q


def filtered_sql(actor: Actor, filters: Filters, handle: Handle) -> tuple[str, dict[str, Any]]:
    """The CTE prefix and params giving `hit`: calc rows passing every filter, with o and k.

    A CTE named `indikator` shadows the table for the shared capaian CTEs, so the filters on the
    indicator itself (and the actor's OPD scope) cut the rows before realisations are aggregated.
    """
    opd_filter, scope = scope_params(actor, filters)
    pre, post = static_query(filters), result_query(filters)
    params = {
        **period_params(filters.tahun, filters.triwulan),
        "cap": _cap(handle),
        **scope,
        **pre.params,
        **post.params,
    }
    sql = f"""WITH indikator AS (
    SELECT * FROM indikator {pre.where()}
), {BANDS_CTE}, {capaian_ctes(opd_filter=opd_filter)},
hit AS (
    SELECT c.*, o.nama_opd, o.singkatan, o.jenis, k.label AS kategori, k.warna
    FROM calc c LEFT JOIN opd o USING (kode_opd) {band_join("k", "c.c")}
    {post.where()}
)"""
    return sql, params


def indicators(handle: Handle, actor: Actor, filters: Filters) -> pd.DataFrame:
    """Every current indicator passing `filters`, with capaian, the realisations of the reported
    quarters up to the quarter (`tren`, for a sparkline) and the last upload (who, when)."""
    prefix, params = filtered_sql(actor, filters, handle)
    sql = f"""{prefix},
seri AS (
    SELECT kode_indikator,
           array_agg(realisasi ORDER BY triwulan) FILTER (WHERE realisasi IS NOT NULL) AS tren,
           max(batch_id) AS batch_terakhir
    FROM realisasi
    WHERE tahun = $tahun AND triwulan <= $q
      AND kode_indikator IN (SELECT kode_indikator FROM ind)
    GROUP BY kode_indikator
)
SELECT h.kode_opd, coalesce(h.singkatan, h.nama_opd) AS nama_opd, h.jenis, h.kode_indikator,
       h.indikator, h.sasaran, h.satuan, h.level, h.polaritas, h.agregasi, h.iku, h.target,
       round(h.t_sd, 2) AS target_sd, round(h.r_sd, 2) AS realisasi_sd,
       round(h.c, 2) AS capaian, round(h.c_cap, 2) AS capaian_dibatasi,
       h.kategori, h.warna, h.dilaporkan, s.tren,
       b.pengguna AS diunggah_oleh, b.waktu AS diunggah_pada
FROM hit h
LEFT JOIN seri s USING (kode_indikator)
LEFT JOIN batch_unggah b ON b.id = s.batch_terakhir
ORDER BY h.kode_opd, h.kode_indikator"""
    return handle.query_df(sql, params)


def options(handle: Handle, actor: Actor, tahun: int) -> dict[str, list[str]]:
    """Choices for the filter widgets of a year, within the actor's scope."""
    opds = narrow(actor, None)
    scope = "AND i.kode_opd = ANY($opds)" if opds is not None else ""
    params: dict[str, Any] = {"tahun": int(tahun), **({"opds": opds} if opds is not None else {})}
    df = handle.query_df(
        f"""SELECT 'opd' AS jenis_pilihan, i.kode_opd AS nilai FROM indikator i
    WHERE i.aktif AND i.tahun = $tahun {scope} GROUP BY i.kode_opd
UNION ALL SELECT 'jenis', o.jenis FROM indikator i JOIN opd o USING (kode_opd)
    WHERE i.aktif AND i.tahun = $tahun {scope} GROUP BY o.jenis
UNION ALL SELECT 'sasaran', i.sasaran FROM indikator i
    WHERE i.aktif AND i.tahun = $tahun {scope} GROUP BY i.sasaran
ORDER BY 1, 2""",
        params,
    )
    out = {k: g["nilai"].tolist() for k, g in df.groupby("jenis_pilihan", sort=False)}
    bands = handle.query_df("SELECT label FROM skala_kategori ORDER BY batas_bawah DESC NULLS LAST")
    out["kategori"] = bands["label"].tolist()
    return {k: out.get(k, []) for k in ("opd", "jenis", "sasaran", "kategori")}


def opd_names(handle: Handle) -> dict[str, str]:
    """kode_opd -> a short display name (singkatan, else nama_opd)."""
    df = handle.query_df("SELECT kode_opd, coalesce(singkatan, nama_opd) AS n FROM opd")
    return dict(zip(df["kode_opd"], df["n"], strict=True))
