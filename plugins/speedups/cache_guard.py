"""Drop Pelican's content cache when the code or settings that made it change.

Pure: no Pelican import. Pelican 4.12's reader cache is keyed by each source
file's stamp only (``CHECK_MODIFIED_METHOD``): editing a setting, a plugin, a
template or a vocabulary file leaves cached articles in place, built by the
old code. A fingerprint of all of those is stored beside the cache; when it
differs, the cache files are removed before any generator loads them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from typing import Any

FINGERPRINT_FILE = "digest-fingerprint.txt"
SKIP_DIRS = {"__pycache__", "tests", ".pytest_cache", ".hypothesis"}
# Settings that say where things go, not what the cached content is.
VOLATILE_SETTINGS = {
    "CACHE_PATH",
    "OUTPUT_PATH",
    "WIRE_REPORT_PATH",
    "DIGEST_CODE_HASH",
    "BENCH_PROBE_PATH",
}


def stable_repr(value: Any) -> str:
    """A repr that is the same in every process (no addresses, sorted mappings)."""
    if isinstance(value, Mapping):
        items = sorted((stable_repr(k), stable_repr(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable_repr(v) for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable_repr(v) for v in value)) + "}"
    if callable(value):
        name = getattr(value, "__qualname__", type(value).__name__)
        return f"<{getattr(value, '__module__', '?')}.{name}>"
    text = repr(value)
    return text if " at 0x" not in text else f"<{type(value).__qualname__}>"


# Settings that say where the site is served from, how its folder is kept and
# how the build runs, not what a source file reads as. `make html`, `make
# publish` and `STRICT=1` differ only in these; switching between them must
# not re-read every story (Pelican's reader cache holds what a reader returns,
# before any URL is made).
PLACEMENT_SETTINGS = {
    "SITEURL",
    "RELATIVE_URLS",
    "FEED_DOMAIN",
    "DELETE_OUTPUT_DIRECTORY",
    "OUTPUT_RETENTION",
    "DIGEST_REMOVE_STALE_OUTPUT",
    "GITHUB_PAGES_CNAME",
    "WIRE_STRICT",
    "DIGEST_PARALLEL",
}


def hash_settings(settings: Mapping[str, Any], ignore: frozenset[str] = frozenset()) -> str:
    """SHA-256 of every setting that shapes content (upper-case names only)."""
    skipped = VOLATILE_SETTINGS | ignore
    # "_NAME" is a settings file's own helper (pelicanconf's _PLUGINS_DIR),
    # which `from pelicanconf import *` leaves out of publishconf.
    kept = {k: v for k, v in settings.items()
            if k.isupper() and not k.startswith("_") and k not in skipped}
    if isinstance(kept.get("MARKDOWN"), Mapping):
        kept["MARKDOWN"] = markdown_as_read(kept["MARKDOWN"])
    return hashlib.sha256(stable_repr(kept).encode()).hexdigest()


def markdown_as_read(markdown: Mapping[str, Any]) -> dict[str, Any]:
    """MARKDOWN as Pelican's Markdown reader completes it, in place, when it starts.

    The reader appends every configured extension (and "meta") to
    "extensions" in the settings dict itself; a settings file imported by
    another (publishconf.py) then carries the completed dict. Both forms are
    one configuration and must give one hash.
    """
    extensions = list(markdown.get("extensions") or [])
    for name in [*(markdown.get("extension_configs") or {}), "markdown.extensions.meta"]:
        if name not in extensions:
            extensions.append(name)
    return {**markdown, "extensions": extensions}


def hash_reading_settings(settings: Mapping[str, Any]) -> str:
    """hash_settings without PLACEMENT_SETTINGS: the key of what readers return."""
    return hash_settings(settings, frozenset(PLACEMENT_SETTINGS))


# Libraries whose output the caches keep: typography and Markdown (read
# results), HTML parsing and feeds (feed items), sketches, dates, YAML data;
# Pelican itself paginates and sets up the pages the page memo keeps.
CACHED_LIBRARIES = (
    "typogrify", "smartypants", "Markdown", "beautifulsoup4", "feedgen", "Jinja2",
    "MarkupSafe", "numpy", "python-dateutil", "PyYAML", "pelican", "Unidecode",
)


def library_versions(names: Iterable[str]) -> str:
    """"name==version" per library, one per line ("absent" when not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    lines = []
    for name in names:
        try:
            lines.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            lines.append(f"{name} absent")
    return "\n".join(lines)


def hash_trees(roots: Iterable[str]) -> str:
    """SHA-256 over the relative paths and bytes of every file under ``roots``."""
    digest = hashlib.sha256()
    for root in sorted(set(roots)):
        for path in sorted(_files_under(root)):
            digest.update(os.path.relpath(path, root).encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


def _files_under(root: str) -> list[str]:
    if os.path.isfile(root):
        return [root]
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")]
        found += [os.path.join(dirpath, f) for f in filenames if not f.endswith((".pyc", ".pyo"))]
    return found


def reset_cache_if_stale(cache_path: str, fingerprint: str, cache_files: Iterable[str]) -> bool:
    """Remove ``cache_files`` from ``cache_path`` unless it was made with ``fingerprint``.

    Returns True when the cache was dropped (or there was none to keep).
    """
    stamp = os.path.join(cache_path, FINGERPRINT_FILE)
    try:
        with open(stamp, encoding="utf-8") as handle:
            if handle.read().strip() == fingerprint:
                return False
    except OSError:
        pass
    for name in cache_files:
        try:
            os.remove(os.path.join(cache_path, name))
        except FileNotFoundError:
            pass
    os.makedirs(cache_path, exist_ok=True)
    with open(stamp, "w", encoding="utf-8") as handle:
        handle.write(fingerprint + "\n")
    return True
