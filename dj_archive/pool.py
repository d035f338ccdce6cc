"""Run a function over many items in worker processes, each crash costing one item.

A hostile file can make a reader use all memory until the system kills the process.
:func:`isolated_map` runs ``func`` in a process pool; when a worker dies, the items
that were in flight are retried one at a time in a fresh pool to find the one that
killed it, which gets ``crashed(item)`` as its result. The rest of the run goes on.

>>> list(isolated_map(abs, [-1, 2, -3], workers=2, crashed=lambda x: None))
[1, 2, 3]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["isolated_map", "die_with_parent"]


def die_with_parent() -> None:
    """Workers of a killed parent must not live on as orphans (Linux only)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _init(initializer: Callable[..., Any] | None, initargs: tuple) -> None:
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)


def isolated_map(
    func: Callable[[Any], Any],
    items: Iterable[Any],
    workers: int,
    crashed: Callable[[Any], Any],
    initializer: Callable[..., Any] | None = None,
    initargs: tuple = (),
) -> Iterator[Any]:
    """``func(item)`` for each item, in order, computed by ``workers`` processes (each
    set up by ``initializer(*initargs)``); ``crashed(item)`` for an item whose worker
    was killed. ``func`` and ``initializer`` must be module-level functions."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    todo = list(items)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    done = 0
    suspects = 0  # after a crash, items are retried one at a time to find the culprit
    while done < len(todo):
        rest = todo[done:]
        n = 1 if suspects else workers
        chunk = 1 if suspects else max(1, min(32, len(rest) // (workers * 8) or 1))
        batch = rest[:suspects] if suspects else rest
        try:
            with ProcessPoolExecutor(n, mp_context=ctx, initializer=_init, initargs=(initializer, initargs)) as pool:
                for result in pool.map(func, batch, chunksize=chunk):
                    done += 1
                    suspects = max(0, suspects - 1)
                    yield result
        except BrokenProcessPool:
            if suspects:  # alone in its pool: this item killed the worker
                yield crashed(todo[done])
                done += 1
                suspects -= 1
            else:  # one of the items in flight did it: up to workers + 1 chunks were queued
                suspects = (workers + 1) * chunk
