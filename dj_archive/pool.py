"""Run a function over many items in worker processes, each crash or hang costing one item.

A hostile file can make a reader use all memory until the system kills the process,
or spin for minutes. :func:`isolated_map` gives each worker process one item at a
time: a worker that dies costs the item it held (``crashed(item)``), one that has
used ``timeout`` seconds of CPU time on it is killed and costs its item
(``timed_out(item)``), and a fresh worker takes its place. The rest of the run goes on.

The limit is CPU time, not time on the clock: on a busy machine (other jobs, a
second indexer) a worker waits for a core, and an ordinary file could take minutes
of clock time without being any less ordinary. A worker that uses no CPU at all for
``timeout`` seconds while holding an item (a read blocked on a dead network share, a
deadlock) is stopped the same way (``stalled(item)``). Where the CPU time of a
process cannot be read (no ``/proc``), the limit is ``timeout`` seconds on the clock.

Workers ignore Ctrl-C (SIGINT goes to the whole terminal process group): the parent
gets KeyboardInterrupt, stops its workers at once and lets it propagate, so an
interrupted run ends promptly with what was finished.

>>> list(isolated_map(abs, [-1, 2, -3], workers=2, crashed=lambda x: None))
[1, 2, 3]
"""

from __future__ import annotations

import gc
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["isolated_map", "die_with_parent", "cpu_seconds"]

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[bytes] | None:
    """Fields of /proc/<pid>/stat after the command name (state first), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None


def cpu_seconds(pid: int, descendants: bool = False) -> float | None:
    """CPU seconds (user + system) process ``pid`` has used, with its finished children
    (Linux ``/proc``); None where that cannot be read. ``descendants`` adds the processes
    it started that still run (e.g. LibreOffice converting a file for it).

    >>> cpu_seconds(os.getpid()) >= 0 or cpu_seconds(os.getpid()) is None
    True
    """
    fields = _stat(pid)
    if fields is None:
        return None
    total = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    if descendants:
        parents: dict[int, list[int]] = {}
        for name in os.listdir("/proc"):
            if name.isdigit() and (f := _stat(int(name))) is not None:
                parents.setdefault(int(f[1]), []).append(int(name))
        todo = list(parents.get(pid, ()))
        while todo:
            child = todo.pop()
            if (f := _stat(child)) is not None:
                total += sum(int(x) for x in f[11:15])
            todo += parents.get(child, ())
    return total / _TICKS


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
        # Everything this process holds is frozen for the fork: the child's garbage collector
        # then never frees an object it inherited. Such garbage (an unclosed SQLite connection
        # in a reference cycle) would be finalised in the child, and if another thread was
        # inside SQLite at the fork, SQLite's lock is held in the child for ever: the worker
        # hangs on its first collection (seen as a file "still being read" under load).
        gc.freeze()
        try:
            self.proc.start()
        finally:
            gc.unfreeze()
        child.close()
        self.ready = False
        self.job: tuple[int, float] | None = None  # (item index, start time)
        self.cpu_start: float | None = None  # CPU seconds of the worker when it got the item
        self.cpu_seen: float | None = cpu_seconds(self.proc.pid)  # when last looked at,
        self.progress_at = time.monotonic()  # and when that changed

    def stuck_starting(self, timeout: float, now: float) -> bool:
        """Not ready yet, and no CPU used for ``timeout`` s (a lock inherited at the fork)."""
        cpu = cpu_seconds(self.proc.pid)
        if cpu is None:
            return False
        if self.cpu_seen is None or cpu > self.cpu_seen:
            self.cpu_seen, self.progress_at = cpu, now
            return False
        return now - self.progress_at >= timeout

    def start_job(self, i: int, now: float) -> None:
        self.job = (i, now)
        self.cpu_start = self.cpu_seen = cpu_seconds(self.proc.pid)
        self.progress_at = now

    def over(self, timeout: float, now: float) -> str | None:
        """ "cpu" when the item has had ``timeout`` s of CPU (of the clock where CPU time
        cannot be read), "stalled" when the worker has used none for ``timeout`` s."""
        assert self.job is not None
        cpu = cpu_seconds(self.proc.pid)
        if cpu is None or self.cpu_start is None:
            return "cpu" if now - self.job[1] >= timeout else None
        if cpu - self.cpu_start >= timeout:
            return "cpu"
        if self.cpu_seen is None or cpu > self.cpu_seen:
            self.cpu_seen, self.progress_at = cpu, now
        elif now - self.progress_at >= timeout:
            # no CPU of its own: waiting for a program it started (LibreOffice) is progress too
            tree = cpu_seconds(self.proc.pid, descendants=True)
            if tree is not None and tree > self.cpu_seen + 0.01:
                self.cpu_seen, self.progress_at = tree, now
                self.cpu_start -= tree - cpu  # counted from here on as the worker's own
            else:
                return "stalled"
        return None

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
    stalled: Callable[[Any], Any] | None = None,
) -> Iterator[Any]:
    """``func(item)`` for each item, in order, computed by ``workers`` processes (each
    set up by ``initializer(*initargs)``); ``crashed(item)`` for an item whose worker
    died, ``timed_out(item)`` (default ``crashed``) for one that has used ``timeout``
    seconds of CPU time, ``stalled(item)`` (default ``timed_out``) for one whose worker
    used no CPU for ``timeout`` seconds. ``func`` and ``initializer`` must be module-level
    functions."""
    import multiprocessing as mp
    from multiprocessing.connection import wait

    todo = list(items)
    if not todo:
        return
    timed_out = timed_out or crashed
    stalled = stalled or timed_out
    # how often the CPU time of workers is looked at (results wake us up anyway)
    poll = max(0.05, min(1.0, timeout / 20)) if timeout else None
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
                    w.start_job(sent, time.monotonic())
                    sent += 1
            while delivered in done:
                yield done.pop(delivered)
                delivered += 1
            waiting = [w for w in pool if w.job is not None or not w.ready]
            if not waiting:
                continue
            ready = set(wait([w.conn for w in waiting] + [w.proc.sentinel for w in waiting], poll))
            now = time.monotonic()
            for k, w in enumerate(pool):
                if not w.ready:
                    started = False
                    if w.conn in ready or w.proc.sentinel in ready:
                        try:
                            w.conn.recv()
                            started = True
                        except (EOFError, OSError):  # killed while starting
                            pass
                    elif not (timeout and w.stuck_starting(timeout, now)):
                        continue
                    if started:
                        w.ready = True
                        failed_starts = 0
                        continue
                    # died or hung while starting: start another
                    w.stop(kill=True)
                    failed_starts += 1
                    if failed_starts > 3 * len(pool):
                        raise RuntimeError("worker processes keep dying while starting") from None
                    pool[k] = _Worker(ctx, func, initializer, initargs)
                    continue
                if w.job is None:
                    continue
                i = w.job[0]
                over_time: str | None = None
                if w.conn in ready:
                    try:
                        j, ok, value = w.conn.recv()
                    except (EOFError, OSError):  # its end of the pipe closed: it died
                        pass
                    else:
                        if not ok:
                            raise value
                        done[j] = value
                        w.job = None
                        continue
                elif w.proc.sentinel in ready:
                    pass
                elif not (timeout and (over_time := w.over(timeout, now))):
                    continue
                # dead, or over time: its item fails alone; a fresh worker takes its place
                w.stop(kill=True)
                done[i] = {"cpu": timed_out, "stalled": stalled}.get(over_time or "", crashed)(todo[i])
                pool[k] = _Worker(ctx, func, initializer, initargs)
    finally:
        for w in pool:
            w.stop(kill=True)
