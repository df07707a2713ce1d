"""Run a pure per-file function over many files in worker processes.

No Pelican here: the glue in ``wire_reader.py`` decides what to read and turns
the results into Pelican metadata in the main process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Below this many files, starting the workers costs more than it saves.
MIN_FILES_FOR_POOL = 200
CHUNKSIZE = 64


def worker_count() -> int:
    """Worker processes to use: one per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 2


def plain_logging_in_child() -> None:
    """In a forked child: log to the real stderr through a fresh handler.

    Pelican runs the build inside rich's ``console.status()``, whose refresh
    thread holds the console's lock now and then; a fork taken at that moment
    leaves the child's copy locked for good, and its first log line would hang.
    """
    handler = logging.StreamHandler(sys.__stderr__)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [handler]
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


class Stream(Generic[T]):
    """``work(path)`` for many paths, computed in a process pool while the caller goes on.

    ``take(path)`` hands back one path's result as soon as a worker has it, so
    the caller's own per-file work overlaps the workers'. ``work`` must be a
    top-level function that catches its own expected errors. ``take`` returns
    None for a path the pool does not have (never given, already taken, or
    lost when the pool failed): callers then do the work themselves, so a
    broken pool never breaks a build.
    """

    def __init__(self, work: Callable[[str], T], paths: Iterable[str],
                 workers: int | None = None) -> None:
        self.order = list(paths)
        self.pending = set(self.order)
        self.ready: dict[str, T] = {}
        self.taken = 0  # results (other than None) handed out
        self._next = 0  # index in order of the next result to arrive
        self._pool: ProcessPoolExecutor | None = None
        self._results: Iterator[T] = iter(())
        if not self.order:
            return
        # fork: workers inherit loaded modules and data, no re-import per worker.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        try:
            self._pool = ProcessPoolExecutor(max_workers=workers or worker_count(),
                                             mp_context=multiprocessing.get_context(method),
                                             initializer=plain_logging_in_child)
            self._results = self._pool.map(work, self.order, chunksize=CHUNKSIZE)
        except Exception as err:  # noqa: BLE001 - no pool: the caller works alone
            self._stop(err)

    def take(self, path: str) -> T | None:
        if path in self.ready:
            return self._hand_out(self.ready.pop(path))
        if path not in self.pending:
            return None
        # Results arrive in the order given; the caller asks in about that
        # order, so little waits in ``ready``.
        for arrived, result in self.arrivals():
            if arrived == path:
                return self._hand_out(result)
            self.ready[arrived] = result
        return None

    def _hand_out(self, result: T | None) -> T | None:
        self.taken += result is not None
        return result

    def arrivals(self) -> Iterator[tuple[str, T]]:
        """(path, result) pairs not handed out yet, in order, as the workers finish them."""
        try:
            for result in self._results:
                arrived = self.order[self._next]
                self._next += 1
                self.pending.discard(arrived)
                yield arrived, result
        except Exception as err:  # noqa: BLE001 - any pool failure: the caller works alone
            self._stop(err)

    def close(self) -> None:
        """Stop the workers; results not taken yet are dropped."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self.pending.clear()
        self.ready.clear()

    def _stop(self, err: Exception) -> None:
        logger.warning("wire_reader: parallel work stopped (%s: %s); the rest is done "
                       "in one process", type(err).__name__, err)
        self.close()


def map_in_processes(work: Callable[[str], T], paths: Iterable[str],
                     workers: int | None = None) -> dict[str, T]:
    """``{path: work(path)}`` computed in a process pool, in ``paths`` order.

    If the pool itself fails, return what finished (maybe nothing): callers
    do any missing path themselves.
    """
    stream = Stream(work, paths, workers)
    try:
        return dict(stream.arrivals())
    finally:
        stream.close()


# The job of the workers being forked by map_in_forked_workers().
_FORKED_JOB: list[Callable[[str], object] | None] = [None]


def map_in_forked_workers(
    job: Callable[[str], T], keys: list[str], enabled: bool = True
) -> dict[str, T] | None:
    """``{key: job(key)}`` from worker processes forked with ``job``; None when not worth it.

    Only the keys and results cross between processes: ``job`` (a closure
    over the build's data, say) is inherited by the fork. Not worth it: when
    ``enabled`` is False, below MIN_FILES_FOR_POOL keys, or on one CPU. The
    caller does whatever the result lacks, as with map_in_processes.
    """
    if not enabled or len(keys) < MIN_FILES_FOR_POOL or worker_count() < 2:
        return None
    _FORKED_JOB[0] = job
    try:
        return map_in_processes(_call_forked_job, keys)  # type: ignore[return-value]
    finally:
        _FORKED_JOB[0] = None


def _call_forked_job(key: str) -> object:
    job = _FORKED_JOB[0]
    assert job is not None, "forked worker without a job"
    return job(key)
