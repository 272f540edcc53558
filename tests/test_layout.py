"""The project's shape: core without Streamlit, exact pins, no committed database."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_streamlit() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "sakip_core").rglob("*.py")
        if "streamlit" in imported_modules(p)
    ]
    assert offenders == []


def test_requirements_are_pinned_exactly() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert "==" in line, f"{name}: {line} is not pinned exactly"


def test_design_card_layout_exists() -> None:
    for name in (
        "app.py",
        "pages",
        "data",
        "sakip_core",
        "tests",
        "requirements.txt",
        "README.md",
        "Makefile",
        ".ci/run",
        ".streamlit/config.toml",
    ):
        assert (ROOT / name).exists(), name


def test_no_database_file_is_tracked() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert not [t for t in tracked if t.endswith((".duckdb", ".duckdb.wal"))]
