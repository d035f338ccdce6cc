"""Time assertions that hold on a busy machine and still fail on a real slowdown.

Wall time measures the machine: under `make test -n 2` beside other jobs, a step that
takes 0.1 s alone can take 2 s. What a test can rely on is the CPU time of the thread
doing the work (``time.thread_time``: not the pytest worker's other threads, not other
processes), with garbage collection paused (a full collection of everything earlier
tests left in the process is no cost of the code under test), the least of a few runs,
and, for "linear time", the growth between two sizes measured in the same run.

>>> cpu_seconds(lambda: sum(range(1000))) < 1
True
>>> 2 < growth(lambda n: sum(range(n)), 200_000, 800_000) < 8
True
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

__all__ = ["cpu_seconds", "growth", "children_cpu_seconds"]


def cpu_seconds(fn: Callable[[], object], repeat: int = 3) -> float:
    """Least CPU time of this thread over ``repeat`` calls of ``fn()``, GC paused."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            t = time.thread_time()
            fn()
            best = min(best, time.thread_time() - t)
    finally:
        if enabled:
            gc.enable()
    return best


def growth(fn: Callable[[int], object], small: int, large: int, repeat: int = 3) -> float:
    """How much more CPU ``fn(large)`` takes than ``fn(small)`` (each the least of
    ``repeat`` runs, the two sizes taking turns so a burst of load hits both). Linear
    work grows about as ``large / small``; quadratic work as its square."""
    best = {small: float("inf"), large: float("inf")}
    for _ in range(repeat):
        for n in (small, large):
            best[n] = min(best[n], cpu_seconds(lambda n=n: fn(n), repeat=1))
    return best[large] / max(best[small], 1e-6)


def children_cpu_seconds() -> float:
    """CPU seconds (user + system) of this process's finished, waited-for children:
    the cost of work done in subprocesses, read before and after."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime
