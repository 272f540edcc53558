"""How many concurrent sessions one `streamlit run` serves: N browser sessions log in and load the
ranking at the same moment; we report the median and worst time to a finished page per N.

`python -m bench.sessions [DB]` (default: a fresh demo database). Loopback traffic only, bounded
(one round per N). Writes the table to stdout; docs/scaling.md quotes it.

`python -m bench.sessions --pg [--replicas K]`: the demo on a PostgreSQL server started for the
bench (tests/pg_server.py) and K `streamlit run` replicas on it; session i goes to replica
i mod K, as a reverse proxy with sticky sessions would spread them.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TABLE = '[data-testid="stDataFrame"]'
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LEVELS = tuple(int(n) for n in os.environ.get("SAKIP_BENCH_LEVELS", "1,2,4,8,16").split(","))


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path | str) -> tuple[subprocess.Popen, str]:
    port = _port()
    env = {**os.environ, "SAKIP_DB": str(db)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "server.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.25)
    raise RuntimeError("server did not start")


async def one_session(browser, url: str) -> float:  # noqa: ANN001
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    await page.goto(url + "/")
    await page.get_by_label("Nama pengguna").fill("pimpinan")
    await page.get_by_label("Kata sandi").fill("demo")
    start = time.perf_counter()
    await page.get_by_role("button", name="Masuk").click()
    await page.wait_for_selector(TABLE, timeout=120_000)
    await page.wait_for_selector(READY, timeout=120_000)
    elapsed = time.perf_counter() - start
    await context.close()
    return elapsed


async def measure(urls: list[str]) -> list[tuple[int, float, float]]:
    rows = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for url in urls:
            await one_session(browser, url)  # warm caches
        for n in LEVELS:
            times = await asyncio.gather(
                *(one_session(browser, urls[i % len(urls)]) for i in range(n))
            )
            rows.append((n, statistics.median(times), max(times)))
        await browser.close()
    return rows


def _demo_passwords_as_they_are(db: Path | str) -> None:
    """The demo's accounts must replace `demo` at the first login; the bench logs in with it."""
    import sakip_core

    h = sakip_core.connect(db)
    with h.transaction(versioned=False) as conn:
        conn.execute("UPDATE pengguna SET harus_ganti_sandi = false")
    h.close()


def _pg_demo() -> tuple[object, str]:
    sys.path.insert(0, str(ROOT))
    from sakip_core.demo import build_demo
    from tests import pg_server

    server = pg_server.start(extra=("-c shared_buffers=256MB",))
    url = server.create_database("bench_sesi")
    build_demo(url).close()
    _demo_passwords_as_they_are(url)
    return server, url


def main() -> None:
    args = sys.argv[1:]
    replicas = int(args[args.index("--replicas") + 1]) if "--replicas" in args else 1
    server = None
    if "--pg" in args:
        server, db = _pg_demo()
    elif args and not args[0].startswith("--"):
        db = Path(args[0])
    else:
        db = Path(tempfile.mkdtemp()) / "demo.duckdb"
        subprocess.run(
            [sys.executable, "-m", "sakip_core", "--db", str(db), "demo"],
            cwd=ROOT,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        _demo_passwords_as_they_are(db)
    started = [start_server(db) for _ in range(replicas)]
    try:
        rows = asyncio.run(measure([url for _, url in started]))
    finally:
        for proc, _ in started:
            os.killpg(proc.pid, signal.SIGTERM)
        if server is not None:
            server.stop()  # type: ignore[attr-defined]
    store = "PostgreSQL" if server is not None else "DuckDB"
    print(f"{store}, {replicas} replika")
    print("| sesi bersamaan | median login→peringkat (s) | terlama (s) |")
    print("|---|---|---|")
    for n, med, worst in rows:
        print(f"| {n} | {med:.2f} | {worst:.2f} |")


if __name__ == "__main__":
    main()
