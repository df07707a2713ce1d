"""Files in the output folder that this build did not produce are removed.

Pure: no Pelican import. A retitled story (its slug, so its URL, changes),
a removed story, a tag with fewer pages than before: each leaves files of
the last build behind, still linked from nowhere but listed in the sitemap
and served. Pelican's answer is to empty the folder before every build
(DELETE_OUTPUT_DIRECTORY), which also throws away what incremental builds
reuse. Here the build notes every file it writes, copies or keeps, and the
rest goes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable

from .write_if_changed import replace_if_changed

# An output folder may be a checkout of the published branch: its history is not output.
VERSION_CONTROL = (".git", ".hg", ".svn", ".bzr")


def stale_files(output: str, produced: Iterable[str], keep: Iterable[str] = ()) -> list[str]:
    """Paths of files under ``output`` that are not in ``produced``, sorted.

    ``produced`` holds file paths, ``keep`` files or folders left alone
    whole (OUTPUT_RETENTION, a search bundle managed elsewhere) besides
    VERSION_CONTROL; relative paths are taken from ``output``.
    """
    root = os.path.abspath(output)
    wanted = {os.path.abspath(os.path.join(root, path)) for path in produced}
    kept = {os.path.abspath(os.path.join(root, path)) for path in (*keep, *VERSION_CONTROL)}
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if os.path.join(dirpath, d) not in kept]
        for name in filenames:
            path = os.path.join(dirpath, name)
            if path not in wanted and path not in kept:
                found.append(path)
    return sorted(found)


def manifest_path(cache: str, output: str) -> str:
    """Where the list of files the last build made in ``output`` is kept.

    A publish staging folder shares the list of the folder it replaces: after
    ``make publish`` swaps it in, the next ``make html`` knows every file the
    publish made (a story published only there is removed when deleted).
    """
    where = hashlib.sha256(os.path.realpath(published_folder(output)).encode()).hexdigest()[:16]
    return os.path.join(cache, f"output-files.{where}.json")


def staging_folder(output: str) -> str:
    """Where ``make publish`` builds before the result replaces ``output``."""
    parent, name = os.path.split(os.path.abspath(output))
    return os.path.join(parent, f".{name}.publish")


def published_folder(folder: str) -> str:
    """The folder a staging folder (see ``staging_folder``) replaces; else ``folder``."""
    parent, name = os.path.split(os.path.abspath(folder))
    if name.startswith(".") and name.endswith(".publish") and len(name) > len("..publish"):
        return os.path.join(parent, name[1 : -len(".publish")])
    return folder


def read_manifest(path: str) -> set[str]:
    """The output-relative paths a build listed at ``path`` (empty when none)."""
    try:
        with open(path, encoding="utf-8") as handle:
            found = json.load(handle)
    except (OSError, ValueError):
        return set()
    return {name for name in found if isinstance(name, str)} if isinstance(found, list) else set()


def relative_to(output: str, paths: Iterable[str]) -> set[str]:
    """The output-relative forms of those ``paths`` that lie under ``output``."""
    prefix = os.path.abspath(output) + os.sep
    found = set()
    for path in paths:
        full = os.path.abspath(os.path.join(prefix, path))
        if full.startswith(prefix):
            found.add(full[len(prefix):])
    return found


def no_longer_made(
    output: str, made: set[str], produced: set[str], keep: Iterable[str] = ()
) -> list[str]:
    """Files an earlier build made (``made``) that this one did not (``produced``).

    Both are output-relative; found without walking the output folder, so a
    rebuild does not visit 10,000 story folders. Kept entries as in stale_files.
    """
    root = os.path.abspath(output)
    kept = relative_to(output, (*keep, *VERSION_CONTROL))
    found = []
    for name in made - produced:
        parts = name.split(os.sep)
        if any(os.sep.join(parts[:depth]) in kept for depth in range(1, len(parts) + 1)):
            continue
        if os.path.isfile(os.path.join(root, name)):
            found.append(os.path.join(root, name))
    return sorted(found)


def write_manifest(path: str, names: Iterable[str]) -> None:
    """Keep the output-relative ``names`` a build made at ``path``, atomically."""
    replace_if_changed(path, json.dumps(sorted(names), indent=0).encode("utf-8"))


def remove_files(output: str, paths: Iterable[str]) -> None:
    """Remove ``paths``, then every folder under ``output`` they leave empty."""
    root = os.path.abspath(output)
    folders = set()
    for path in paths:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        folders.add(os.path.dirname(os.path.abspath(path)))
    # Deepest first, so a parent emptied by its child's removal goes too.
    for folder in sorted(folders, key=len, reverse=True):
        while folder != root and folder.startswith(root + os.sep):
            try:
                os.rmdir(folder)
            except OSError:  # not empty (or already gone)
                break
            folder = os.path.dirname(folder)


def folder_holding(output: str, paths: Iterable[str]) -> str | None:
    """The first of ``paths`` that is ``output`` or lies inside it, else None.

    Such an output folder (``pelican content -o .``) holds files no build
    made and that are not output at all: the sources, the cache, the theme.
    """
    root = os.path.realpath(output)
    for path in paths:
        found = os.path.realpath(path)
        if os.path.commonpath([root, found]) == root:
            return path
    return None
