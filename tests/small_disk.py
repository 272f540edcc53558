"""A real full disk for tests: a small tmpfs mounted for one test (skipped where `mount` is not
allowed), and `fill` to use up its last byte. A test module declares its own fixture:

    @pytest.fixture
    def small_disk(tmp_path):
        yield from mounted(tmp_path)
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def mounted(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs under `tmp_path`, unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("a small tmpfs is needed (mount as root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> None:
    """Write a file until the disk is full, to the last byte."""
    fd = os.open(folder / "pengisi", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    fd = os.open(folder / "pengisi", os.O_WRONLY | os.O_APPEND)
    try:  # the last few bytes too
        while True:
            os.write(fd, b"\0")
    except OSError:
        pass
    finally:
        os.close(fd)
