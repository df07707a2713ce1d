"""Run a pure per-file function over many files in worker processes.

No Pelican here: the glue in ``wire_reader.py`` decides what to read and turns
the results into Pelican metadata in the main process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

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


def map_in_processes(work: Callable[[str], T], paths: Iterable[str],
                     workers: int | None = None) -> dict[str, T]:
    """``{path: work(path)}`` computed in a process pool, in ``paths`` order.

    ``work`` must be a top-level function that catches its own expected errors.
    If the pool itself fails, return what finished (maybe nothing): callers
    read any missing path themselves, so a broken pool never breaks a build.
    """
    todo = list(paths)
    results: dict[str, T] = {}
    # fork: workers inherit loaded modules and data, no re-import per worker.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    try:
        with ProcessPoolExecutor(max_workers=workers or worker_count(),
                                 mp_context=multiprocessing.get_context(method),
                                 initializer=plain_logging_in_child) as pool:
            for path, result in zip(todo, pool.map(work, todo, chunksize=CHUNKSIZE), strict=True):
                results[path] = result
    except Exception as err:  # noqa: BLE001 - any pool failure: fall back to serial reads
        logger.warning("wire_reader: parallel read stopped (%s: %s); reading the rest "
                       "in one process", type(err).__name__, err)
    return results
