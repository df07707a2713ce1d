"""Other plugins' per-story work, done where the story is parsed.

A cold build parses its stories in worker processes (``parallel.Stream``).
Work that needs only the parsed story, such as tagging it, can ride along in
those workers: otherwise its owner forks a second pool after reading and
sends every story over to it again, while the other core idles between the
two. A rider is a pure function of a ``WireStory``; its owner registers it
for a build's settings when Pelican is initialized (``register``) and
collects the results by story fingerprint after reading
(``wire_reader.rider_results``), as the build's other plugins all can. A story a
rider missed (it raised, or the file came from Pelican's cache) is simply
absent from the results: the owner does that story itself, as before.

No Pelican here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .story import WireStory

logger = logging.getLogger(__name__)

Rider = Callable[[WireStory], Any]

# The riders of the worker pool being started: workers are forked, so they
# inherit this; only picklable options travel with each task.
IN_WORKERS: dict[str, Rider] = {}

@dataclass
class _Build:
    riders: dict[str, Rider] = field(default_factory=dict)
    # rider name -> {story fingerprint: result}, for the files parsed this build
    results: dict[str, dict[str, Any]] = field(default_factory=dict)


# The latest Pelican instances' riders, newest last, found by their settings'
# identity: Pelican hands its own settings dict to every generator and reader.
_BUILDS: list[tuple[dict[str, Any], _Build]] = []
KEEP_INSTANCES = 4  # a test session makes hundreds; only the live one matters


def _build(settings: dict[str, Any]) -> _Build:
    for known, build in _BUILDS:
        if known is settings:
            return build
    _BUILDS.append((settings, _Build()))
    del _BUILDS[:-KEEP_INSTANCES]
    return _BUILDS[-1][1]


def register(settings: dict[str, Any], name: str, rider: Rider) -> None:
    """Have ``rider`` run on every story parsed by builds with these settings."""
    _build(settings).riders[name] = rider


def registered(settings: dict[str, Any]) -> dict[str, Rider]:
    """The riders registered for this settings dict."""
    return dict(_build(settings).riders)


def start_reading(settings: dict[str, Any]) -> None:
    """A build begins to read: forget the results of the one before."""
    _build(settings).results = {}


def keep(settings: dict[str, Any], fingerprint: str, found: dict[str, Any]) -> None:
    """Note what the riders found for one story (the result of ``ride``)."""
    results = _build(settings).results
    for name, value in found.items():
        results.setdefault(name, {})[fingerprint] = value


def results(settings: dict[str, Any], name: str) -> dict[str, Any]:
    """``{story fingerprint: result}`` of rider ``name`` for the files parsed this build."""
    return _build(settings).results.get(name, {})


def ride(story: WireStory, riders: Mapping[str, Rider]) -> dict[str, Any]:
    """``{name: rider(story)}`` for every rider that did not raise."""
    results = {}
    for name, rider in riders.items():
        try:
            results[name] = rider(story)
        except Exception as err:  # noqa: BLE001 - the owner does this story itself
            logger.debug("wire_reader: rider %s failed on %s: %s", name, story.filename, err)
    return results


def warm(riders: Mapping[str, Rider]) -> None:
    """Let each rider load its data here, once, before workers are forked with it."""
    for name, rider in riders.items():
        prepare = getattr(rider, "warm", None)
        try:
            if prepare is not None:
                prepare()
        except Exception as err:  # noqa: BLE001 - its owner meets the same error and reports it
            logger.debug("wire_reader: rider %s could not load: %s", name, err)
