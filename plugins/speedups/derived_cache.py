"""Values derived from text, kept from one build to the next in CACHE_PATH.

For work that depends only on its input strings and on our code (a feed
item's absolutized HTML, say): the key is a hash of the inputs, and the file
is stamped with DIGEST_CODE_HASH (every loaded plugin and the theme), so a
code change drops it. Only the entries a build used are saved, so the file
never outgrows the site. No Pelican import.

``load_stamped``/``save_stamped`` are the one way the plugins keep a
stamped pickle in CACHE_PATH (this cache, the tag cache, the sketch cache).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

from .write_if_changed import replace_if_changed

V = TypeVar("V")


class DerivedCache:
    def __init__(self, settings: dict[str, Any], name: str) -> None:
        self.stamp = settings.get("DIGEST_CODE_HASH")
        self.enabled = bool(self.stamp and settings.get("CACHE_CONTENT"))
        self.path = os.path.join(settings.get("CACHE_PATH") or "cache", f"{name}.pickle")
        self.old: dict[str, Any] = {}
        if self.enabled and settings.get("LOAD_CONTENT_CACHE", True):
            self.old = load_stamped(self.path, self.stamp)
        self.new: dict[str, Any] = {}

    def get(self, inputs: tuple[str, ...], derive: Callable[[], V]) -> V:
        """``derive()``, or what it gave for the same ``inputs`` in this or the last build."""
        # Length-prefixed, so no two different input tuples give the same text.
        text = "".join(f"{len(part)}:{part}" for part in inputs)
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if key not in self.new:
            self.new[key] = self.old[key] if key in self.old else derive()
        return self.new[key]

    def save(self) -> None:
        if self.enabled and self.new != self.old:
            save_stamped(self.path, self.stamp, self.new)


def load_stamped(path: str, stamp: str) -> dict[str, Any]:
    """The entries saved at ``path`` with ``stamp``; {} if none, unreadable or stamped otherwise."""
    try:
        with open(path, "rb") as handle:
            saved_stamp, entries = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
            TypeError, ValueError):
        return {}
    return entries if saved_stamp == stamp and isinstance(entries, dict) else {}


def save_stamped(path: str, stamp: str, entries: dict[str, Any]) -> None:
    """Write ``entries`` with ``stamp`` to ``path`` atomically (a reader never sees half).

    A file that already holds those bytes is left alone: a rebuild with
    nothing new writes no cache.
    """
    replace_if_changed(path, pickle.dumps((stamp, entries), protocol=pickle.HIGHEST_PROTOCOL))
