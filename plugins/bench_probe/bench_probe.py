"""Opt-in build timer for ``make bench``: timestamps at Pelican signals.

Not in PLUGINS: scripts/bench.py adds it *first* (``-e PLUGINS=[...]``), so
its handler runs before every other plugin's handler on the same signal and
each stamp marks the end of the phase before it. Stamps are wall-clock
(``time.time()``) so bench.py can relate them to when it started the process;
they are written as JSON to BENCH_PROBE_PATH when the process exits, after
every ``finalized`` handler (build report, search index) has run.
"""

from __future__ import annotations

import atexit
import json
import resource
import time
from typing import Any

from pelican import signals

_stamps: dict[str, float] = {}
_state: dict[str, Any] = {"path": None, "pending_article": False}


def _stamp(name: str) -> None:
    _stamps[name] = time.time()


def on_initialized(pelican: Any) -> None:
    _state["path"] = pelican.settings.get("BENCH_PROBE_PATH")
    _stamp("initialized")
    if _state["path"] and not _state.get("atexit"):
        _state["atexit"] = True
        atexit.register(_write)


def on_article_write(_generator: Any, content: Any = None) -> None:
    _stamps.setdefault("first_article_write", time.time())
    _state["pending_article"] = True


def on_content_written(_path: Any, context: Any = None) -> None:
    if _state["pending_article"]:
        # The first file written after an article_generator_write_article is
        # that article's page: the last such stamp ends the article pages.
        _state["pending_article"] = False
        _stamp("articles_written")


def _write() -> None:
    _stamp("exit")
    # Peak RSS of the Pelican process alone and of its children (pagefind),
    # in MB: the bench's own figure is the larger of the two.
    memory = {"python_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
              "children_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
    with open(_state["path"], "w", encoding="utf-8") as handle:
        json.dump({**_stamps, **memory}, handle, indent=1)


def _on(name: str) -> Any:
    def handler(*_args: Any, **_kwargs: Any) -> None:
        _stamp(name)
    handler.__name__ = f"stamp_{name}"
    return handler


_HANDLERS = {name: _on(name) for name in (
    "article_generator_init", "article_generator_pretaxonomy", "article_generator_finalized",
    "all_generators_finalized", "article_writer_finalized", "page_writer_finalized", "finalized")}


def register() -> None:
    signals.initialized.connect(on_initialized)
    for name, handler in _HANDLERS.items():
        getattr(signals, name).connect(handler)
    signals.article_generator_write_article.connect(on_article_write)
    signals.content_written.connect(on_content_written)
