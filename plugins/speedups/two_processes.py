"""Write a batch of pages in two processes: this one and one fork of it.

Rendering a page is pure Python (Jinja) and holds the GIL, so threads do not
help; a fork inherits the finished context (every article, tag and URL) for
free, renders its half and exits. The files each process writes are
independent, so the output is the same bytes as a serial build; the child
reports the paths it wrote so Pelican's overwrite checks still see them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from wire_reader.parallel import plain_logging_in_child  # one home for fork hygiene

from .page_memo import PageMemo

logger = logging.getLogger(__name__)
Item = TypeVar("Item")
# Below this many pages a fork costs more than it saves.
MIN_ITEMS = 64


def split_by_weight(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """Indexes for (this process, the fork): heaviest first, each to the lighter side.

    Both lists keep the original order, so each process writes its pages in
    the order a serial build would.
    """
    sides: tuple[list[int], list[int]] = ([], [])
    load = [0, 0]
    for index in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        side = 0 if load[0] <= load[1] else 1
        sides[side].append(index)
        load[side] += max(1, weights[index])
    return sorted(sides[0]), sorted(sides[1])


def writer_of(write: Any) -> Any:
    """The Writer behind ``write``: Pelican passes a partial of writer.write_file."""
    function = getattr(write, "func", write)
    return getattr(function, "__self__", None)


def can_fork(settings: dict[str, Any], count: int) -> bool:
    wanted = bool(settings.get("DIGEST_PARALLEL", True))
    return wanted and hasattr(os, "fork") and count >= MIN_ITEMS


def write_in_two_processes(
    items: Sequence[Item],
    weights: Sequence[int],
    write_one: Callable[[Item], None],
    writer: Any,
    child_result: Callable[[], Any] | None = None,
) -> Any:
    """Call ``write_one`` on every item, half of them (by weight) in a forked child.

    Returns what ``child_result`` (JSON-able) gave in the child once its half
    was written, or None without it.
    """
    mine, theirs = split_by_weight(weights)
    logger.info("speedups: writing %d pages in two processes (%d forked)", len(items), len(theirs))
    before = set(writer._written_files), set(writer._overridden_files)
    sys.stdout.flush()
    sys.stderr.flush()
    reader, sender = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write its half, report the files, never return
        os.close(reader)
        plain_logging_in_child()
        status = 1
        try:
            for index in theirs:
                write_one(items[index])
            written = {
                "written": sorted(set(writer._written_files) - before[0]),
                "overridden": sorted(set(writer._overridden_files) - before[1]),
                "result": child_result() if child_result else None,
            }
            with os.fdopen(sender, "w", encoding="utf-8") as pipe:
                json.dump(written, pipe)
            status = 0
        except BaseException:
            logger.exception("speedups: the forked page writer failed")
        finally:
            logging.shutdown()
            os._exit(status)
    os.close(sender)
    try:
        for index in mine:
            write_one(items[index])
    finally:
        with os.fdopen(reader, encoding="utf-8") as pipe:
            report = pipe.read()
        _pid, status = os.waitpid(pid, 0)
    if status != 0 or not report:
        raise RuntimeError("speedups: the forked page writer failed (see the error above)")
    found = json.loads(report)
    writer._written_files.update(found["written"])
    writer._overridden_files.update(found["overridden"])
    return found["result"]


def write_pages(
    items: Sequence[Item],
    weights: Sequence[int],
    write_one: Callable[[Item], None],
    writer: Any,
    *,
    fork: bool,
    memo: PageMemo | None,
    kept: list[str],
    label: str,
) -> None:
    """Write every item, half in a fork when ``fork``; ``write_one`` appends to
    ``kept`` each page the memo spares. With a memo, the fork's notes are
    taken back, kept for the next build, and the build says how many pages
    of ``label`` were not rendered."""
    if fork:
        found = write_in_two_processes(
            items, weights, write_one, writer,
            child_result=lambda: {"noted": memo.noted() if memo else {}, "kept": len(kept)},
        )
        if memo is not None:
            memo.merge(found["noted"])
        spared = len(kept) + found["kept"]
    else:
        for item in items:
            write_one(item)
        spared = len(kept)
    if memo is not None:
        memo.record()
        logger.info("speedups: %d %s pages unchanged, %d rendered",
                    spared, label, len(items) - spared)
