"""Running the same call from several threads at the same moment (for "things arrive at once")."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def at_once(call: Callable[[int], Any], n: int) -> list[Any]:
    """`call(i)` for i in 0..n-1, all released together by a barrier; each result, or the
    exception it raised (anything, even what would escape a page), in the order they finished."""
    barrier = threading.Barrier(n)
    outcomes: list[Any] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcomes.append(call(i))
        except BaseException as exc:  # noqa: BLE001
            outcomes.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes
