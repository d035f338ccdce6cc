"""The background re-index of the 状态 page: one run at a time, with progress.
Searches keep working meanwhile: the index is in WAL mode, so readers see the last
committed state while the indexer writes."""

from __future__ import annotations

import threading
import time

__all__ = ["IndexJob"]


class IndexJob:
    """State of the last re-index started from the web app."""

    def __init__(self, state):
        self._state = state
        self._lock = threading.Lock()
        self.running = False
        self.done = 0
        self.total = 0
        self.started: float | None = None
        self.finished: float | None = None
        self.report = None
        self.error: str | None = None

    def snapshot(self) -> dict:
        with self._lock:
            return {
                "running": self.running,
                "done": self.done,
                "total": self.total,
                "error": self.error,
                "report": self.report,
                "started": self.started,
                "finished": self.finished,
                "percent": int(100 * self.done / self.total) if self.total else (100 if self.finished else 0),
            }

    def _progress(self, done: int, total: int) -> None:
        with self._lock:
            self.done, self.total = done, total

    def start(self) -> bool:
        """Start a run in a thread; False if one is running or another write holds the lock."""
        with self._lock:
            if self.running:
                return False
            if not self._state.write_lock.acquire(blocking=False):
                return False
            self.running, self.done, self.total, self.error, self.report = True, 0, 0, None, None
            self.started, self.finished = time.time(), None
        threading.Thread(target=self._run, name="dj-archive-web-index", daemon=True).start()
        return True

    def _run(self) -> None:
        try:
            report = self._state.archive.index(progress=False, on_progress=self._progress)
            with self._lock:
                self.report = report
        except Exception as exc:  # noqa: BLE001 - shown on the 状态 page
            with self._lock:
                self.error = str(exc) or type(exc).__name__
        finally:
            self._state.write_lock.release()
            with self._lock:
                self.running, self.finished = False, time.time()

    def wait(self, timeout: float = 60) -> bool:
        """Block until no run is going (tests and scripts); True if it finished in time."""
        end = time.monotonic() + timeout
        while self.running and time.monotonic() < end:
            time.sleep(0.05)
        return not self.running
