"""One measurement per process, so each reports its own peak memory (RSS).

`python -m bench.measure NAME DB [ARG]` prints one JSON object: the figures and `rss_mb`.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sakip_core as sk
from bench.ranking_variants import floor_ranking, pandas_ranking, same_ranking
from sakip_core.auth import Actor
from sakip_core.db import is_server_url
from sakip_core.io.importer import import_upload

ADMIN = Actor("sistem", "admin")
ROOT = Path(__file__).resolve().parents[1]
TAHUN, TRIWULAN = 2026, 3
WARM_RUNS = 9


def _median_ms(fn: Callable[[], object], runs: int = WARM_RUNS) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def ranking(db: str) -> dict[str, object]:
    """API and floor measured interleaved (one of each per round), so both see the same cache
    and machine load; medians of 15 warm rounds."""
    h = sk.connect(db, hold_seconds=60)
    api_times, floor_times = [], []
    with h.cursor() as conn:
        for i in range(17):
            for fn, times in (
                (lambda: sk.ranking(h, TAHUN, TRIWULAN), api_times),
                (lambda: floor_ranking(conn, TAHUN, TRIWULAN, 120.0), floor_times),
            ):
                start = time.perf_counter()
                fn()
                if i >= 2:  # two warm-up rounds
                    times.append(time.perf_counter() - start)
        same = same_ranking(
            sk.ranking(h, TAHUN, TRIWULAN), floor_ranking(conn, TAHUN, TRIWULAN, 120.0)
        )
    return {
        "api_ms": statistics.median(api_times) * 1000,
        "floor_ms": statistics.median(floor_times) * 1000,
        "same_result": same,
    }


def ranking_api(db: str) -> dict[str, object]:
    """sk.ranking alone (median of 9 warm runs): the figure compared across the two stores."""
    h = sk.connect(db, hold_seconds=60)
    return {"api_ms": _median_ms(lambda: sk.ranking(h, TAHUN, TRIWULAN))}


def pandas(db: str) -> dict[str, object]:
    h = sk.connect(db, hold_seconds=60)
    with h.cursor() as conn:
        ms = _median_ms(lambda: pandas_ranking(conn, TAHUN, TRIWULAN, 120.0), runs=3)
        same = same_ranking(
            sk.ranking(h, TAHUN, TRIWULAN), pandas_ranking(conn, TAHUN, TRIWULAN, 120.0)
        )
    return {"pandas_ms": ms, "same_result": same}


def capaian(db: str) -> dict[str, object]:
    h = sk.connect(db, hold_seconds=60)
    rows = len(sk.capaian(h, TAHUN, TRIWULAN))
    return {"capaian_ms": _median_ms(lambda: sk.capaian(h, TAHUN, TRIWULAN), runs=5), "rows": rows}


def _import(db: str, path: str) -> dict[str, object]:
    on_server = is_server_url(db)  # a throwaway copy made by the caller (bench/run.py)
    work: str | Path = db if on_server else Path(db).with_name(f"import_{Path(path).stem}.duckdb")
    if not on_server:
        shutil.copyfile(db, work)
    h = sk.connect(work, hold_seconds=60)
    data = Path(path).read_bytes()
    start = time.perf_counter()
    result = import_upload(h, "realisasi", data, Path(path).name, ADMIN)
    seconds = time.perf_counter() - start
    h.close()
    if not on_server:
        Path(work).unlink()
    if not result.ok:
        return {"error": str(result.check.problems[:3])}
    rows = result.batch.jumlah_baris
    return {"import_s": seconds, "rows": rows, "rows_per_s": rows / seconds}


def import_file(db: str, path: str) -> dict[str, object]:
    return _import(db, path)


def _sign_in(at: object, actor: Actor) -> None:
    """Log `actor` in as the login form would (a session row; the account is created in a bench
    database that has none), so the page renders what that user sees, not the login form."""
    from sakip_core import auth, sessions
    from ui import data
    from ui.session import SESSION_KEY

    h = data._handle(data.db_path())
    if auth.get_actor(h, actor.nama_pengguna) is None:
        auth.create_user(h, actor.nama_pengguna, actor.peran, None, actor.kode_opd)
    at.session_state[SESSION_KEY] = sessions.start(h, actor).sesi_id  # type: ignore[attr-defined]


def page(db: str, page_file: str) -> dict[str, object]:
    """Server-side script run of a page with AppTest, logged in as pimpinan (median of 3)."""
    if not Path(page_file).exists():
        return {"error": f"{page_file} belum ada"}
    from streamlit.testing.v1 import AppTest

    os.environ["SAKIP_DB"] = db

    def run() -> None:
        at = AppTest.from_file(str(ROOT / page_file), default_timeout=120)
        _sign_in(at, Actor("pimpinan", "pimpinan"))
        at.run()
        if at.exception:
            raise RuntimeError(str(at.exception[0].message))

    return {"page_ms": _median_ms(run, runs=3)}


def explorer_filter(db: str) -> dict[str, object]:
    """Server-side re-render of the explorer after a filter change (polaritas), median of 3."""
    page_file = "pages/explorer.py"
    if not Path(page_file).exists():
        return {"error": f"{page_file} belum ada"}
    from streamlit.testing.v1 import AppTest

    os.environ["SAKIP_DB"] = db
    at = AppTest.from_file(str(ROOT / page_file), default_timeout=120)
    _sign_in(at, Actor("analis", "analis"))
    at.run()
    choices = [["negatif"], ["positif"], ["rentang"], []]
    times = []
    for i in range(4):
        start = time.perf_counter()
        at.multiselect(key="jel_polaritas").set_value(choices[i % 4]).run()
        times.append(time.perf_counter() - start)
        if at.exception:
            return {"error": str(at.exception[0].message)}
    return {"page_ms": statistics.median(times[1:]) * 1000}


def pk_documents(db: str) -> dict[str, object]:
    from bench.pk_documents import pk_documents as run

    return run(db)


def lkjip_documents(db: str) -> dict[str, object]:
    from bench.pk_documents import lkjip_documents as run

    return run(db)


MEASURES: dict[str, Callable[..., dict[str, object]]] = {
    "explorer_filter": explorer_filter,
    "ranking": ranking,
    "ranking_api": ranking_api,
    "pandas": pandas,
    "capaian": capaian,
    "import": import_file,
    "page": page,
    "pk_documents": pk_documents,
    "lkjip_documents": lkjip_documents,
}


def peak_rss_mb() -> float:
    """VmHWM of this process (ru_maxrss would carry the parent's peak across fork/exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str]) -> None:
    name, db, *rest = argv
    out = MEASURES[name](db, *rest)
    out["rss_mb"] = peak_rss_mb()
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip DuckDB's noisy interpreter-shutdown warnings


if __name__ == "__main__":
    main(sys.argv[1:])
