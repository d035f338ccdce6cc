"""Run a function over many items in worker processes, each crash or hang costing one item.

A hostile file can make a reader use all memory until the system kills the process,
or spin for minutes. :func:`isolated_map` gives each worker process one item at a
time: a worker that dies costs the item it held (``crashed(item)``), one that takes
longer than ``timeout`` seconds is killed and costs its item (``timed_out(item)``),
and a fresh worker takes its place. The rest of the run goes on.

Workers ignore Ctrl-C (SIGINT goes to the whole terminal process group): the parent
gets KeyboardInterrupt, stops its workers at once and lets it propagate, so an
interrupted run ends promptly with what was finished.

>>> list(isolated_map(abs, [-1, 2, -3], workers=2, crashed=lambda x: None))
[1, 2, 3]
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["isolated_map", "die_with_parent"]


def die_with_parent() -> None:
    """Workers of a killed parent must not live on as orphans (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(conn, func, initializer, initargs) -> None:
    """A worker: set up once, then ``func`` on each item received until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)
    conn.send(None)  # ready: the time limit counts from here, set-up (a dictionary) aside
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        i, item = job
        try:
            conn.send((i, True, func(item)))
        except Exception as exc:  # noqa: BLE001 - re-raised in the parent, as a pool would
            conn.send((i, False, exc))


class _Worker:
    def __init__(self, ctx, func, initializer, initargs):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, func, initializer, initargs), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.job: tuple[int, float] | None = None  # (item index, start time)

    def stop(self, kill: bool = False) -> None:
        if self.proc.is_alive():
            if kill:
                self.proc.kill()
            else:
                try:
                    self.conn.send(None)
                except (OSError, ValueError):
                    self.proc.kill()
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def isolated_map(
    func: Callable[[Any], Any],
    items: Iterable[Any],
    workers: int,
    crashed: Callable[[Any], Any],
    initializer: Callable[..., Any] | None = None,
    initargs: tuple = (),
    timeout: float | None = None,
    timed_out: Callable[[Any], Any] | None = None,
) -> Iterator[Any]:
    """``func(item)`` for each item, in order, computed by ``workers`` processes (each
    set up by ``initializer(*initargs)``); ``crashed(item)`` for an item whose worker
    died, ``timed_out(item)`` (default ``crashed``) for one still running after
    ``timeout`` seconds. ``func`` and ``initializer`` must be module-level functions."""
    import multiprocessing as mp
    from multiprocessing.connection import wait

    todo = list(items)
    if not todo:
        return
    timed_out = timed_out or crashed
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    window = max(64, workers * 16)  # results held for in-order delivery, at most
    done: dict[int, Any] = {}
    sent = delivered = failed_starts = 0
    pool: list[_Worker] = []
    try:
        pool = [_Worker(ctx, func, initializer, initargs) for _ in range(max(1, min(workers, len(todo))))]
        while delivered < len(todo):
            for w in pool:
                if w.ready and w.job is None and sent < len(todo) and sent - delivered < window:
                    w.conn.send((sent, todo[sent]))
                    w.job = (sent, time.monotonic())
                    sent += 1
            while delivered in done:
                yield done.pop(delivered)
                delivered += 1
            waiting = [w for w in pool if w.job is not None or not w.ready]
            if not waiting:
                continue
            wait_for = None
            starts = [w.job[1] for w in waiting if w.job is not None]
            if timeout and starts:
                wait_for = max(0.0, min(starts) + timeout - time.monotonic())
            ready = set(wait([w.conn for w in waiting] + [w.proc.sentinel for w in waiting], wait_for))
            now = time.monotonic()
            for k, w in enumerate(pool):
                if not w.ready:
                    if w.conn in ready or w.proc.sentinel in ready:
                        try:
                            w.conn.recv()
                        except (EOFError, OSError):  # killed while starting: start another
                            w.stop(kill=True)
                            failed_starts += 1
                            if failed_starts > 3 * len(pool):
                                raise RuntimeError("worker processes keep dying while starting") from None
                            pool[k] = _Worker(ctx, func, initializer, initargs)
                            continue
                        w.ready = True
                        failed_starts = 0
                    continue
                if w.job is None:
                    continue
                i, started = w.job
                if w.conn in ready:
                    try:
                        j, ok, value = w.conn.recv()
                    except (EOFError, OSError):  # its end of the pipe closed: it died
                        over_time = False
                    else:
                        if not ok:
                            raise value
                        done[j] = value
                        w.job = None
                        continue
                elif w.proc.sentinel in ready:
                    over_time = False
                elif timeout and now - started >= timeout:
                    over_time = True
                else:
                    continue
                # dead, or over time: its item fails alone; a fresh worker takes its place
                w.stop(kill=True)
                done[i] = timed_out(todo[i]) if over_time else crashed(todo[i])
                pool[k] = _Worker(ctx, func, initializer, initargs)
    finally:
        for w in pool:
            w.stop(kill=True)
