"""`make bench`: build the large Pemda, run each measurement in its own process, print the table
and write `bench/results.md` with the machine it ran on. Targets are from issue 7."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import duckdb
import xlsxwriter

import sakip_core as sk
from bench.build_large import build_large

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
SIZES = {"10k": 500, "100k": 5_000, "1M": 50_000}  # indicators per year -> realisation rows


def database(label: str) -> Path:
    path = DATA / f"large_{label}.duckdb"
    if not path.exists():
        print(f"membangun basis data {label} ...", flush=True)
        build_large(path, per_year=SIZES[label]).close()
    return path


def export_realisasi(db: Path, target: Path, limit: int | None = None) -> Path:
    """Every (or the first `limit`) realisation rows, values changed, as an upload file."""
    if target.exists():
        return target
    h = sk.connect(db, hold_seconds=0)
    sql = ("SELECT tahun, triwulan, kode_opd, kode_indikator, round(realisasi * 1.01 + 0.5, 2) "
           "AS realisasi FROM realisasi ORDER BY tahun, triwulan, kode_indikator")  # fmt: skip
    df = h.query_df(sql + (f" LIMIT {limit}" if limit else ""))
    if target.suffix == ".csv":
        df.to_csv(target, index=False)
    else:
        book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
        sheet = book.add_worksheet("data")
        sheet.write_row(0, 0, list(df.columns))
        for i, row in enumerate(df.itertuples(index=False), start=1):
            sheet.write_row(i, 0, row)
        book.close()
    return target


def measure(name: str, *args: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "bench.measure", name, *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=1800)  # fmt: skip
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": (done.stderr.strip().splitlines() or ["tanpa keluaran"])[-1]}
    return json.loads(lines[-1])


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.node()} · {platform.machine()} · {os.cpu_count()} core · {mem:.0f} GiB · "
            f"Python {platform.python_version()} · DuckDB {duckdb.__version__} · "
            f"{datetime.now():%Y-%m-%d %H:%M}")  # fmt: skip


def collect() -> dict[str, dict[str, object]]:
    DATA.mkdir(parents=True, exist_ok=True)
    big = str(database("1M"))
    res: dict[str, dict[str, object]] = {}
    res["ranking"] = measure("ranking", big)
    res["pandas"] = measure("pandas", big)
    res["capaian"] = measure("capaian", big)
    res["xlsx_100k"] = measure(
        "import", big, str(export_realisasi(Path(big), DATA / "r100k.xlsx", 100_000))
    )
    res["csv_900k"] = measure(
        "import", big, str(export_realisasi(Path(big), DATA / "r900k.csv", 900_000))
    )
    res["rapim_page"] = measure("page", big, "pages/rapim.py")
    res["explorer_page"] = measure("page", big, "pages/explorer.py")
    res["explorer_filter"] = measure("explorer_filter", big)
    from bench.pk_documents import demo_database

    res["pk_documents"] = measure("pk_documents", str(demo_database(DATA)))
    res["lkjip_documents"] = measure("lkjip_documents", str(demo_database(DATA)))
    for label in SIZES:
        db = database(label)
        res[f"grow_rank_{label}"] = measure("ranking", str(db))
        res[f"grow_import_{label}"] = measure("import", str(db), str(
            export_realisasi(db, DATA / f"all_{label}.csv")))  # fmt: skip
    return res


def collect_pg(res: dict[str, dict[str, object]]) -> None:
    """The same large Pemda on a PostgreSQL server started for the bench (tests/pg_server.py):
    ranking, capaian and the 900.000-row import, beside DuckDB's figures."""
    from tests import pg_server

    try:
        server = pg_server.start(extra=("-c shared_buffers=512MB", "-c work_mem=64MB"))
    except RuntimeError as exc:
        res["pg"] = {"error": str(exc)}
        return
    try:
        print("membangun basis data 1M di PostgreSQL ...", flush=True)
        start = time.perf_counter()
        build_large(server.create_database("large_1m"), per_year=SIZES["1M"]).close()
        res["pg_build"] = {"build_s": time.perf_counter() - start}
        url = server.url("large_1m")
        res["pg_ranking"] = measure("ranking_api", url)
        res["duck_ranking"] = measure("ranking_api", str(database("1M")))
        res["pg_capaian"] = measure("capaian", url)
        copy = server.create_database("import_1m", template="large_1m")
        res["pg_csv_900k"] = measure("import", copy, str(DATA / "r900k.csv"))
    finally:
        server.stop()


def main() -> None:
    from bench.report import render

    res = collect()
    if os.environ.get("SAKIP_BENCH_PG", "1") != "0":
        collect_pg(res)
    text = render(res, machine())
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    print(text)
    (DATA / "results.json").write_text(json.dumps(res, indent=2), encoding="utf-8")
    sys.stdout.flush()
    os._exit(0)  # skip DuckDB's noisy interpreter-shutdown warnings


if __name__ == "__main__":
    main()
