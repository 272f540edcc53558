"""Cached explorer queries for pages/explorer.py.

Cache keys are plain values: the database path, the actor's fields and the filters as a JSON
string of their query parameters (never pickled objects from the URL).
"""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
import streamlit as st

import sakip_core
from sakip_core import clock
from sakip_core import explorer as ex
from sakip_core import explorer_charts as ch
from sakip_core.access import narrow
from sakip_core.auth import Actor
from sakip_core.explorer_detail import IndicatorDetail, indicator_detail
from ui import data
from ui.data import TTL_SECONDS, _guard, _handle

ActorKey = tuple[str, str, str | None]


def _key(actor: Actor, filters: ex.Filters) -> tuple[str, ActorKey, str]:
    params = json.dumps(filters.to_params(), sort_keys=True)
    return data.db_path(), (actor.nama_pengguna, actor.peran, actor.kode_opd), params


def _filters(params: str) -> ex.Filters:
    parsed = json.loads(params)
    return ex.Filters.from_params(parsed, int(parsed["tahun"]), int(parsed["tw"]))


# cache_resource: a hit returns the same frame without unpickling ~150k rows; callers never
# mutate it (every page helper selects or copies first).
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=16)
def _indicators(path: str, actor: ActorKey, params: str) -> pd.DataFrame:
    return ex.indicators(_handle(path), Actor(*actor), _filters(params))


def indicators(actor: Actor, filters: ex.Filters) -> pd.DataFrame:
    data.handle()
    return _guard(_indicators, *_key(actor, filters))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _options(path: str, actor: ActorKey, tahun: int) -> dict[str, list[str]]:
    return ex.options(_handle(path), Actor(*actor), tahun)


def options(actor: Actor, tahun: int) -> dict[str, list[str]]:
    data.handle()
    return _guard(_options, data.db_path(), _key(actor, ex.Filters(tahun, 1))[1], int(tahun))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _opd_names(path: str) -> dict[str, str]:
    return ex.opd_names(_handle(path))


def opd_names() -> dict[str, str]:
    data.handle()
    return _guard(_opd_names, data.db_path())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _bands(path: str) -> pd.DataFrame:
    return ch.bands(_handle(path))


def distribution(actor: Actor, filters: ex.Filters) -> pd.DataFrame:
    """Aggregated from the cached indicator table (no second capaian query)."""
    return ch.distribution_from(indicators(actor, filters), _guard(_bands, data.db_path()))


def per_sasaran(actor: Actor, filters: ex.Filters) -> pd.DataFrame:
    return ch.per_sasaran_from(indicators(actor, filters), _guard(_bands, data.db_path()))


def opd_trend(actor: Actor, filters: ex.Filters, periods: list[tuple[int, int]]) -> pd.DataFrame:
    """Per-period rankings come from the shared cache of ui.data (the Beranda uses them too)."""
    rankings = {p: data.ranking_detail(*p) for p in periods}
    return ch.trend_frame(rankings, narrow(actor, list(filters.opd) or None))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def _cascade(path: str, actor: ActorKey, tahun: int, triwulan: int, root: str) -> pd.DataFrame:
    return ch.cascade(_handle(path), Actor(*actor), tahun, triwulan, root)


def cascade(actor: Actor, tahun: int, triwulan: int, root: str) -> pd.DataFrame:
    key = _key(actor, ex.Filters(tahun, triwulan))
    return _guard(_cascade, key[0], key[1], int(tahun), int(triwulan), root)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=16)
def _completeness(path: str, actor: ActorKey, params: str, today: str) -> pd.DataFrame:
    now = datetime.fromisoformat(today)
    return ch.completeness(_handle(path), Actor(*actor), _filters(params), now)


def completeness(actor: Actor, filters: ex.Filters) -> pd.DataFrame:
    """Cached per hour of the wall clock (days late change at most once a day)."""
    hour = clock.now().replace(minute=0, second=0, microsecond=0).isoformat()
    return _guard(_completeness, *_key(actor, filters), hour)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=16)
def _budget(path: str, tahun: int, triwulan: int) -> pd.DataFrame:
    return sakip_core.budget_vs_performance(_handle(path), tahun, triwulan)


def budget(tahun: int, triwulan: int) -> pd.DataFrame:
    return _guard(_budget, data.db_path(), int(tahun), int(triwulan))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def _detail(path: str, actor: ActorKey, tahun: int, kode: str, triwulan: int) -> IndicatorDetail:
    return indicator_detail(_handle(path), Actor(*actor), tahun, kode, triwulan)


def detail(actor: Actor, tahun: int, kode: str, triwulan: int) -> IndicatorDetail:
    key = _key(actor, ex.Filters(tahun, triwulan))
    return _guard(_detail, key[0], key[1], int(tahun), kode, int(triwulan))
