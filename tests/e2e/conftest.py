"""A real `streamlit run server.py` server per test module, and Debian's Chromium for Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("SAKIP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 768}


@dataclass(frozen=True)
class Server:
    url: str
    db: Path
    log: Path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": VIEWPORT, "locale": "id-ID"}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit not healthy after {seconds} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A fresh server (no session has run st.navigation yet) on a copy of the demo database."""
    folder = tmp_path_factory.mktemp("server")
    db = folder / "sakip.duckdb"
    shutil.copyfile(demo_db, db)
    log = folder / "streamlit.log"
    port = _free_port()
    env = {**os.environ, "SAKIP_DB": str(db), "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "server.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield Server(url, db, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the group of the server we started, only
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """On a failed browser test: a screenshot of every open page and the server log's tail go
    to tests/artifacts/failures/ (CI keeps no browser), so a flake can be read afterwards."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    folder = ARTIFACTS / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    name = item.name.replace("/", "_").replace("[", "_").replace("]", "")
    browser = item.funcargs.get("browser")
    pages = [p for c in getattr(browser, "contexts", []) for p in c.pages]
    page = item.funcargs.get("page")
    if page is not None and page not in pages:
        pages.append(page)
    for i, p in enumerate(pages):
        with contextlib.suppress(Exception):  # a closed page has nothing to show
            p.screenshot(path=str(folder / f"{name}-{i}.png"))
    server = item.funcargs.get("server")
    if server is not None and server.log.exists():
        tail = server.log.read_text(errors="replace").splitlines()[-40:]
        (folder / f"{name}-server.log").write_text("\n".join(tail))


@pytest.fixture(autouse=True)
def _close_extra_contexts(request: pytest.FixtureRequest) -> Iterator[None]:
    """Close the browser contexts a test opened itself (several logged-in users at once): left
    open, their pages keep reconnecting to a server that has stopped, loading the machine for
    every later test."""
    yield
    if "browser" not in request.fixturenames:
        return
    browser = request.getfixturevalue("browser")
    keep = request.node.funcargs.get("context")
    for context in list(browser.contexts):
        if context is not keep:
            with contextlib.suppress(Exception):
                context.close()
