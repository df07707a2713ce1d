"""Pages whose inputs did not change since the last build are not rendered again.

Pure: no Pelican import. A theme says, per template, which values a page
shows (its *view*: a function registered in ``VIEWS``); the hash of those
values is the page's render key. The memo keeps, per output file, the key it
was rendered from and the file's size, mtime and digest just after the build
wrote it (or found it unchanged). A page is skipped only when the key is the
same and the file on disk still holds the bytes that build left.

The memo file lives in CACHE_PATH, one per output folder, stamped with the
code hash (plugins, theme, libraries) and the settings hash, so a change to
any template, plugin or setting renders every page again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from .derived_cache import load_stamped, save_stamped

logger = logging.getLogger(__name__)
# A view factory: given the build's final context, the function from a
# page's object (an article) to the values its page shows.
ViewFactory = Callable[[dict[str, Any]], Callable[[Any], Any]]
# Template name -> (theme folder the view describes, view factory).
VIEWS: dict[str, tuple[str, ViewFactory]] = {}
FileState = tuple[int, int, str]  # size, mtime_ns, SHA-256 of the bytes


class UnstableValue(TypeError):
    """A view held a value with no stable text: that page is always rendered."""


def key_or_none(view: Callable[[Any], Any], item: Any, name: str) -> str | None:
    """The render key of ``item``'s page, or None (always render) when its view is unstable."""
    try:
        return render_key(view(item))
    except UnstableValue as error:
        logger.debug("speedups: %s is always rendered: %s", name, error)
        return None


def register_view(template: str, theme: str, views: ViewFactory) -> None:
    """Declare what a page of ``template`` (from the theme at ``theme``) shows."""
    VIEWS[template] = (os.path.realpath(theme), views)


def view_for(template: str, theme: str, context: dict[str, Any]) -> Callable[[Any], Any] | None:
    """This build's view of ``template`` when it describes this build's theme, else None.

    None with THEME_TEMPLATES_OVERRIDES: templates found there come before
    the theme's, and neither the view nor the code hash describes them.
    """
    found = VIEWS.get(template)
    if found is None or found[0] != os.path.realpath(theme):
        return None
    if context.get("THEME_TEMPLATES_OVERRIDES"):
        return None
    return found[1](context)


def render_key(values: Any) -> str:
    """SHA-256 of the stable text of ``values`` (raises UnstableValue).

    JSON (sorted keys) is the text: strings, numbers, booleans and None keep
    their types apart, and the encoder runs in C. Dates and dataclasses
    are spelled out by ``_other``; anything else is refused.
    """
    try:
        text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=_other,
                          check_circular=False, allow_nan=True)
    except (TypeError, ValueError) as error:  # e.g. keys of mixed types
        raise UnstableValue(str(error)) from error
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _other(value: Any) -> Any:
    if isinstance(value, datetime):
        return ["datetime", value.isoformat(), str(value.tzinfo)]
    if isinstance(value, date):
        return ["date", value.isoformat()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__qualname__, *(getattr(value, f.name) for f in _fields(type(value)))]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted(value, key=repr)]
    raise UnstableValue(f"no stable text for {type(value).__qualname__}")


@functools.cache
def _fields(kind: type) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(kind)


class PageMemo:
    """Render keys of one output folder's pages, from the last build to this one.

    An entry is one render: an article page, or all the pages of one tag
    (a paginated list is rendered as a whole). It is named by its first
    output file and holds the key and every file it wrote.
    """

    def __init__(self, settings: Mapping[str, Any], stamp: str) -> None:
        output = os.path.realpath(str(settings.get("OUTPUT_PATH") or "output"))
        where = hashlib.sha256(output.encode()).hexdigest()[:16]
        cache = str(settings.get("CACHE_PATH") or "cache")
        self.path = os.path.join(cache, f"page-memo.{where}.pickle")
        self.stamp = stamp
        self.enabled = bool(stamp and settings.get("CACHE_CONTENT"))
        self.old: dict[str, tuple[str, tuple[tuple[str, FileState], ...]]] = {}
        if self.enabled and settings.get("LOAD_CONTENT_CACHE", True):
            self.old = load_stamped(self.path, stamp)
        self.new: dict[str, tuple[str, tuple[tuple[str, FileState], ...]]] = {}
        self.keys: dict[str, str] = {}  # this build's key of each entry seen
        self.files: dict[str, list[str]] = {}  # this build's files of each entry
        self._old_states: dict[str, FileState] | None = None

    def unchanged(self, name: str, key: str | None) -> bool:
        """True when entry ``name`` was rendered from ``key`` and its files are
        still as that build left them. Either way the key is noted for ``record``."""
        if key is None or not self.enabled:
            return False
        self.keys[name] = key
        old = self.old.get(name)
        return old is not None and old[0] == key and all(_same(p, state) for p, state in old[1])

    def old_files(self, name: str) -> list[str]:
        """The files entry ``name`` wrote in the last build."""
        return [path for path, _state in self.old.get(name, ("", ()))[1]]

    def wrote(self, name: str, paths: Iterable[str]) -> None:
        """Entry ``name`` is (or, when unchanged, stays) made of ``paths``."""
        self.files[name] = list(paths)

    def record(self) -> None:
        """Keep every entry whose key and files are known, with its files' states now."""
        if self._old_states is None:
            self._old_states = {p: state for _key, files in self.old.values() for p, state in files}
        for name, paths in self.files.items():
            key = self.keys.get(name)
            states = [(path, file_state(path, self._old_states.get(path))) for path in paths]
            if key is not None and paths and all(state for _path, state in states):
                self.new[name] = (key, tuple(states))  # type: ignore[arg-type]
        self.keys.clear()
        self.files.clear()

    def merge(self, found: Mapping[str, Any]) -> None:
        """Take the keys and files a forked writer noted (see ``noted``)."""
        self.keys.update(found["keys"])
        self.files.update(found["files"])

    def noted(self) -> dict[str, Any]:
        """What this process noted since the last ``record``, JSON-able."""
        return {"keys": self.keys, "files": self.files}

    def save(self) -> None:
        if self.enabled:
            save_stamped(self.path, self.stamp, self.new)


def file_state(path: str, old: FileState | None = None) -> FileState | None:
    """Size, mtime and digest of ``path`` (None when it is missing).

    The digest is read again only when size or mtime differ from ``old``.
    """
    try:
        found = os.stat(path)
    except OSError:
        return None
    if old is not None and old[:2] == (found.st_size, found.st_mtime_ns):
        return old
    digest = _digest(path)
    return None if digest is None else (found.st_size, found.st_mtime_ns, digest)


def _same(path: str, state: FileState) -> bool:
    """True when ``path`` still holds the bytes ``state`` describes.

    Same size and mtime is enough; a different mtime with the same size (a
    site restored from an archive, a copy) is settled by the digest.
    """
    try:
        found = os.stat(path)
    except OSError:
        return False
    if found.st_size != state[0]:
        return False
    return found.st_mtime_ns == state[1] or _digest(path) == state[2]


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
