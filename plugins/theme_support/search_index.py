"""The Pagefind search index, built in shards (one per year by default).

No Pelican import. One Pagefind run over 10,000 article pages peaks near
1.7 GB and costs the same 15-20 s however little changed. Indexing each
shard's pages separately bounds memory by the largest shard; a shard whose
pages are byte-identical to the last build is not indexed again (its digest
is kept in the content cache), so adding a story re-indexes only its year.
The search page's Pagefind UI loads the newest shard and merges the others
(``mergeIndex``), so readers search every story at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

BUNDLE_ROOT = "pagefind"
STAMPS = "search-shards.json"
# Files in a bundle folder that mark a complete Pagefind build.
ENTRY = "pagefind-entry.json"


@dataclass(frozen=True)
class Shard:
    """One Pagefind bundle: its key (e.g. "2024") and the article pages it indexes."""

    key: str
    pages: tuple[str, ...]  # output-relative paths of the article HTML files

    @property
    def bundle(self) -> str:
        return f"{BUNDLE_ROOT}/{self.key}/"


def plan_shards(pages: Iterable[tuple[str, str]]) -> list[Shard]:
    """Group (output path, shard key) pairs into shards, newest (largest key) first."""
    grouped: dict[str, set[str]] = {}
    for path, key in pages:
        grouped.setdefault(key, set()).add(path)
    return [Shard(key, tuple(sorted(grouped[key]))) for key in sorted(grouped, reverse=True)]


def shard_digest(
    output: str,
    shard: Shard,
    tool_version: str,
    known: dict[str, list] | None = None,
) -> str:
    """Hash of what Pagefind would see: the tool's version, each page's path and indexed part.

    ``known`` (page -> [size, mtime_ns, hash of its indexed part]) spares
    reading pages whose size and mtime are unchanged: on a rebuild most
    pages were not rewritten, and reading 10,000 of them back from a cold
    disk costs seconds. It is updated in place.
    """
    known = {} if known is None else known
    digest = hashlib.sha256(tool_version.encode())
    for page in shard.pages:
        digest.update(page.encode() + b"\0")
        digest.update(bytes.fromhex(_page_hash(os.path.join(output, page), page, known)))
    return digest.hexdigest()


def _page_hash(path: str, page: str, known: dict[str, list]) -> str:
    found = os.stat(path)
    seen = known.get(page)
    if seen is not None and seen[:2] == [found.st_size, found.st_mtime_ns]:
        return seen[2]
    with open(path, "rb") as handle:
        value = hashlib.sha256(indexed_part(handle.read())).hexdigest()
    known[page] = [found.st_size, found.st_mtime_ns, value]
    return value


def indexed_part(page: bytes) -> bytes:
    """The bytes of a page that shape its search record: the head and the
    ``data-pagefind-body`` element (to the first ``</article>`` after it).

    Related stories and previous/next links sit outside that element and
    change on many pages when one story is added; Pagefind ignores them, so
    they must not make a whole shard look stale. Pages without the marker
    count whole.
    """
    head_end = page.find(b"</head>")
    body = page.find(b"data-pagefind-body")
    end = page.find(b"</article>", body)
    if head_end < 0 or body < 0 or end < 0:
        return page
    return page[:head_end] + b"\0" + page[body:end]


def index_shards(
    output: str,
    shards: list[Shard],
    stamp_dir: str,
    tool_version: str,
    jobs: int = 1,
    language: str | None = None,
) -> list[str]:
    """Bring output/pagefind/ up to date; returns error messages (empty on success).

    A shard is indexed when its digest differs from the stamped one or its
    bundle is missing, ``jobs`` Pagefind processes at a time; bundles of
    shards that no longer exist are deleted. ``language``: one index for
    every page, as that language (see run_pagefind).
    """
    tool_version = f"{tool_version} force_language={language}"
    # One stamp file per output folder: a preview built into another folder
    # with the same cache must not make this folder's bundles look current.
    where = hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:16]
    stamps_path = os.path.join(stamp_dir, f"{STAMPS}.{where}")
    saved = _read_stamps(stamps_path)
    stamps = saved.get("shards") if isinstance(saved.get("shards"), dict) else {}
    known = saved.get("pages") if isinstance(saved.get("pages"), dict) else {}
    digests = {shard.key: shard_digest(output, shard, tool_version, known) for shard in shards}
    # A stamp names the pages indexed and the bundle made from them: a bundle
    # put back from elsewhere (an older site restored, a preview built into
    # the same folder) no longer matches its stamp and is indexed again.
    current = {shard.key: _stamp(digests[shard.key], output, shard) for shard in shards}
    stale = [
        shard
        for shard in shards
        if current[shard.key] is None or stamps.get(shard.key) != current[shard.key]
    ]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = dict(
            zip(
                [s.key for s in stale],
                pool.map(
                    lambda s: run_pagefind(output, s.pages, os.path.join(output, s.bundle),
                                           language),
                    stale,
                ),
                strict=True,
            )
        )
    errors = [f"shard {key}: {error}" for key, error in sorted(results.items()) if error]
    fresh_stamps = {
        shard.key: stamp
        for shard in shards
        if not results.get(shard.key)
        and (stamp := _stamp(digests[shard.key], output, shard)) is not None
    }
    _remove_other_bundles(os.path.join(output, BUNDLE_ROOT), set(digests))
    from speedups.write_if_changed import replace_if_changed  # plugins/ is on sys.path

    pages = {page for shard in shards for page in shard.pages}
    pages_known = {page: known[page] for page in sorted(pages) if page in known}
    stamps_text = json.dumps({"shards": fresh_stamps, "pages": pages_known}, sort_keys=True)
    replace_if_changed(stamps_path, stamps_text.encode("utf-8"))
    return errors


def _stamp(digest: str, output: str, shard: Shard) -> str | None:
    """The pages' digest with the digest of the bundle's entry file (which names
    its index by a hash of it); None when the bundle is missing."""
    try:
        with open(os.path.join(output, shard.bundle, ENTRY), "rb") as handle:
            entry = hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
    return f"{digest}:{entry}"


def run_pagefind(
    output: str, pages: Iterable[str], bundle: str, language: str | None = None
) -> str | None:
    """Index ``pages`` (paths under ``output``) into ``bundle``; an error message or None.

    Pagefind indexes the files of a folder that match a glob. The glob
    names the shard's pages one by one, so Pagefind reads them in place and
    nothing else (another shard, a static file copied in later) gets in.
    Paths a glob cannot name plainly are hard-linked (copied across file
    systems) into a scratch site with the same layout instead, which costs
    about a third of Pagefind's own time. Either way result URLs come out
    exactly as the real pages' URLs.

    With ``language``, every page goes into one index of that language.
    Pagefind otherwise makes one index per page language and a search page
    searches only its own: a story filed with ``Lang: ru`` could not be
    found from the site's search page.
    """
    config = {"force_language": language} if language else {}
    pages = list(pages)
    size = sum(os.path.getsize(os.path.join(output, page)) for page in pages)
    glob = pages_glob(pages)
    if glob is not None:
        return _index_site(output, {**config, "glob": glob}, bundle, size,
                           os.path.dirname(os.path.abspath(output)))
    scratch = tempfile.mkdtemp(prefix=".pagefind-", dir=os.path.dirname(os.path.abspath(output)))
    try:
        site = os.path.join(scratch, "site")
        for page in pages:
            _link(os.path.join(output, page), os.path.join(site, page))
        return _index_site(site, {**config, "glob": ALL_HTML}, bundle, size, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


ALL_HTML = "**/*.{html}"  # Pagefind's own default glob
# A path that means the same inside a glob as outside it (no * ? [ ] { } , \ …).
GLOB_SAFE_PATH = re.compile(r"[A-Za-z0-9_-]+(?:[./][A-Za-z0-9_-]+)*")


def pages_glob(pages: list[str]) -> str | None:
    """A glob naming exactly ``pages`` ("{2024/05/17/a/index.html,…}"), or None."""
    if not pages or not all(GLOB_SAFE_PATH.fullmatch(page) for page in pages):
        return None
    return pages[0] if len(pages) == 1 else "{" + ",".join(pages) + "}"


def _index_site(
    site: str, config: dict[str, str], bundle: str, size: int, scratch: str
) -> str | None:
    """Pagefind over ``site`` with ``config`` (pagefind.json), its bundle put at ``bundle``."""
    # Pagefind writes thousands of small files from several threads into one
    # folder; on disk they wait on the folder's lock and ext4's inode search,
    # in memory they do not: a shard of 2,766 pages took 2.8 s of system time
    # on disk and 0.9 s in /dev/shm plus a 0.2 s copy. Disk when memory is
    # short, or when writing there failed.
    new = not os.path.isdir(bundle)
    parent = os.path.dirname(os.path.normpath(bundle))
    if new:
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as err:
            return f"could not make {parent}: {err}"
    error = None
    for where in dict.fromkeys([memory_scratch(size), parent if new else scratch]):
        if where is None:
            continue
        try:
            fresh = tempfile.mkdtemp(prefix=".pagefind-bundle-", dir=where)
        except OSError as err:
            error = f"no scratch folder in {where}: {err}"
            continue
        try:
            error = _pagefind(site, config, fresh)
            if error is None:
                if new:
                    # A new bundle appears whole: staged beside where it goes, then renamed.
                    _put_in_place(fresh, bundle, parent)
                else:
                    # An existing bundle: only its changed files are rewritten.
                    sync_tree(fresh, bundle)
                    _readable(bundle)  # one an earlier build left owner-only
                return None
        except OSError as err:
            error = f"could not put the bundle in place: {err}"
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
    return error


def _put_in_place(fresh: str, bundle: str, parent: str) -> None:
    if os.path.dirname(os.path.normpath(fresh)) == os.path.normpath(parent):
        _readable(fresh)
        os.rename(fresh, bundle)
        return
    staged = tempfile.mkdtemp(prefix=".pagefind-bundle-", dir=parent)
    try:
        shutil.copytree(fresh, staged, dirs_exist_ok=True)
        _readable(staged)
        os.rename(staged, bundle)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def _current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Read once, at import: setting the umask to read it is not safe while the
# indexing threads start Pagefind.
FOLDER_MODE = 0o777 & ~_current_umask()


def _readable(folder: str) -> None:
    """A folder made by mkdtemp is the owner's alone (0700); a bundle is served
    and uploaded like the rest of the site, so it gets the usual mode."""
    os.chmod(folder, FOLDER_MODE)


def _pagefind(site: str, config: dict[str, str], bundle: str) -> str | None:
    # The glob goes in a config file: naming thousands of pages, it is longer
    # than one command-line argument may be. Pagefind reads pagefind.json
    # from its working folder, so it runs in a folder holding only that.
    workdir = tempfile.mkdtemp(prefix=".pagefind-config-", dir=os.path.dirname(bundle))
    try:
        with open(os.path.join(workdir, "pagefind.json"), "w", encoding="utf-8") as handle:
            json.dump(config, handle)
        command = [sys.executable, "-m", "pagefind", "--site", os.path.abspath(site),
                   "--output-path", os.path.abspath(bundle), "--silent"]
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if result.returncode != 0:
        return f"pagefind exited {result.returncode}: {(result.stderr or result.stdout).strip()}"
    return None


MEMORY_SCRATCH = "/dev/shm"


def memory_scratch(pages_bytes: int) -> str | None:
    """A memory-backed folder with room for a bundle made from ``pages_bytes`` of pages.

    A bundle is about 0.4 × its pages' bytes; asking for 1 × leaves room for
    two shards indexed at once.
    """
    try:
        if os.access(MEMORY_SCRATCH, os.W_OK) and \
                shutil.disk_usage(MEMORY_SCRATCH).free > pages_bytes + (64 << 20):
            return MEMORY_SCRATCH
    except OSError:
        pass
    return None


def _link(source: str, target: str) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def sync_tree(source: str, target: str) -> None:
    """Make ``target`` hold exactly the files of ``source``, rewriting only changed ones."""
    from speedups.write_if_changed import write_bytes_if_changed  # plugins/ is on sys.path

    wanted = set()
    for folder, _dirs, files in os.walk(source):
        for name in files:
            relative = os.path.relpath(os.path.join(folder, name), source)
            wanted.add(relative)
            with open(os.path.join(source, relative), "rb") as handle:
                write_bytes_if_changed(os.path.join(target, relative), handle.read())
    for folder, _dirs, files in os.walk(target, topdown=False):
        for name in files:
            path = os.path.join(folder, name)
            if os.path.relpath(path, target) not in wanted:
                os.remove(path)
        if folder != target and not os.listdir(folder):
            os.rmdir(folder)


def _remove_other_bundles(root: str, keys: set[str]) -> None:
    if not os.path.isdir(root):
        return
    for name in os.listdir(root):
        if name not in keys:
            path = os.path.join(root, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)


def _read_stamps(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            stamps = json.load(handle)
        return stamps if isinstance(stamps, dict) else {}
    except (OSError, ValueError):
        return {}


def main(argv: list[str]) -> int:
    """Run one indexing job described by a JSON file; print errors as JSON.

    The build starts this as a separate process (not a thread) so that it may
    keep forking page writers while Pagefind runs. A failed build stops it
    with SIGTERM: turned into SystemExit so scratch folders are removed.
    """
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with open(argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    shards = [Shard(key, tuple(pages)) for key, pages in job["shards"]]
    errors = index_shards(job["output"], shards, job["stamp_dir"], job["version"], job["jobs"],
                          job.get("language"))
    print(json.dumps(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
