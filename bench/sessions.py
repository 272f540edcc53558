"""How many concurrent sessions one `streamlit run` serves: N browser sessions log in and load the
ranking at the same moment; we report the median and worst time to a finished page per N.

`python -m bench.sessions [DB]` (default: a fresh demo database). Loopback traffic only, bounded
(one round per N). Writes the table to stdout; docs/scaling.md quotes it.
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
LEVELS = (1, 2, 4, 8, 16)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
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


async def measure(url: str) -> list[tuple[int, float, float]]:
    rows = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        await one_session(browser, url)  # warm caches
        for n in LEVELS:
            times = await asyncio.gather(*(one_session(browser, url) for _ in range(n)))
            rows.append((n, statistics.median(times), max(times)))
        await browser.close()
    return rows


def _demo_passwords_as_they_are(db: Path) -> None:
    """The demo's accounts must replace `demo` at the first login; the bench logs in with it."""
    import sakip_core

    h = sakip_core.connect(db)
    with h.transaction(versioned=False) as conn:
        conn.execute("UPDATE pengguna SET harus_ganti_sandi = false")
    h.close()


def main() -> None:
    if len(sys.argv) > 1:
        db = Path(sys.argv[1])
    else:
        db = Path(tempfile.mkdtemp()) / "demo.duckdb"
        subprocess.run(
            [sys.executable, "-m", "sakip_core", "--db", str(db), "demo"],
            cwd=ROOT,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        _demo_passwords_as_they_are(db)
    proc, url = start_server(db)
    try:
        rows = asyncio.run(measure(url))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
    print("| sesi bersamaan | median login→peringkat (s) | terlama (s) |")
    print("|---|---|---|")
    for n, med, worst in rows:
        print(f"| {n} | {med:.2f} | {worst:.2f} |")


if __name__ == "__main__":
    main()
