"""Pelican glue for the theme's extra pages: source pages, sources index, search
page, 404, then (once everything is written) sitemap.xml, robots.txt and the
Pagefind search index.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import re
import signal
import subprocess
import sys
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from pelican.generators import Generator
from speedups.write_if_changed import KEPT, write_bytes_if_changed

from .search_index import BUNDLE_ROOT, Shard, plan_shards
from .seo import SitemapEntry, page_url, robots_txt, sitemap_xml

logger = logging.getLogger(__name__)

# Article dates by output folder, so the sitemap (written at `finalized`, when
# Pelican hands over no articles) can give each story its lastmod.
_LASTMOD: dict[str, dict[str, datetime]] = {}
# Output paths of hidden stories, by output folder: left out of the sitemap.
_UNLISTED: dict[str, set[str]] = {}
NOT_IN_SITEMAP = ("404.html", "theme/", "pagefind/")
SHARD_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
# Search shards planned while the context is built, indexed once pages exist.
_SHARDS: dict[str, list[Shard]] = {}
_INDEXING: dict[str, tuple[subprocess.Popen, str]] = {}


class ThemePagesGenerator(Generator):
    """Writes source/{slug}/, sources/, search/ and 404.html."""

    def generate_context(self) -> None:
        articles = self.context.get("articles", [])
        self.sources: dict[str, tuple[str, list[Any]]] = {}
        for article in articles:
            # source_slug: set by story_pages.annotate_articles, which has run by now.
            if article.source_slug:
                entry = (str(article.source).strip(), [])
                self.sources.setdefault(article.source_slug, entry)[1].append(article)
        self.context["sources"] = sorted(
            (
                (name, self.settings["DIGEST_SOURCE_URL"].format(slug=slug), len(arts))
                for slug, (name, arts) in self.sources.items()
            ),
            key=lambda s: s[0].lower(),
        )
        _LASTMOD[self.output_path] = {
            a.url: getattr(a, "modified", None) or a.date for a in articles
        }
        # Status: hidden means listed nowhere: not in the sitemap either.
        _UNLISTED[self.output_path] = {
            p.save_as for a in self.context.get("hidden_articles", [])
            for p in (a, *getattr(a, "translations", ())) if p.save_as
        }
        pattern = self.settings["DIGEST_SEARCH_SHARD"]
        # Translations have pages of their own and are searched too.
        pages = [p for a in articles for p in (a, *getattr(a, "translations", ())) if p.save_as]
        shards = plan_shards((p.save_as, shard_key(pattern, p.date)) for p in pages)
        _SHARDS[self.output_path] = shards
        # Newest shard first: the search page loads it and merges the others.
        self.context["search_bundles"] = [s.bundle for s in shards]

    def generate_output(self, writer: Any) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        for slug, (name, articles) in sorted(self.sources.items()):
            url = self.settings["DIGEST_SOURCE_URL"].format(slug=slug)
            writer.write_file(
                self.settings["DIGEST_SOURCE_SAVE_AS"].format(slug=slug),
                self.get_template("source"),
                self.context,
                relative,
                paginated={"articles": articles, "dates": articles},
                template_name="source",
                url=url,
                page_name=url.rstrip("/"),
                source_name=name,
                source_slug=slug,
            )
        for setting, template in (
            ("DIGEST_SOURCES_SAVE_AS", "sources"),
            ("DIGEST_SEARCH_SAVE_AS", "search"),
            ("DIGEST_404_SAVE_AS", "404"),
        ):
            save_as = self.settings.get(setting)
            if save_as:
                writer.write_file(
                    save_as,
                    self.get_template(template),
                    self.context,
                    relative,
                    url=page_url(save_as),
                    page_name=template,
                )


def shard_key(pattern: str, date: datetime) -> str:
    """The search shard of a story dated ``date``; "all" when the pattern is unusable.

    The key is a folder name under pagefind/ and a word in the search page's
    bundle list, so only letters, digits, "-" and "_" are allowed.
    """
    try:
        key = pattern.format(date=date)
    except (KeyError, IndexError, ValueError, AttributeError) as err:
        key = f"<{err}>"
    if SHARD_KEY_RE.fullmatch(key):
        return key
    logger.error(
        "theme_support: DIGEST_SEARCH_SHARD %r gives %r; a shard key may hold only "
        "letters, digits, - and _ (one search bundle is built instead)",
        pattern, key, extra={"limit_msg": "Further unusable search shard keys."},
    )
    return "all"


def crawler_files(settings: dict[str, Any]) -> list[str]:
    """Where write_crawler_files writes (sitemap.xml, robots.txt), under OUTPUT_PATH."""
    names = [settings.get("DIGEST_SITEMAP_SAVE_AS"), settings.get("DIGEST_ROBOTS_SAVE_AS")]
    return [os.path.join(settings["OUTPUT_PATH"], name) for name in names if name]


def write_crawler_files(settings: dict[str, Any]) -> None:
    """sitemap.xml from every HTML page written, and robots.txt pointing to it."""
    output = settings["OUTPUT_PATH"]
    site = str(settings.get("SITEURL") or "").rstrip("/")
    lastmod = _LASTMOD.pop(output, {})
    unlisted = _UNLISTED.pop(output, set())
    sitemap = settings.get("DIGEST_SITEMAP_SAVE_AS")
    if sitemap:
        urls = sorted(page_url(path) for path in _html_pages(output, settings)
                      if path not in unlisted)
        _write(
            output,
            sitemap,
            sitemap_xml([SitemapEntry(f"{site}/{url}", lastmod.get(url)) for url in urls]),
        )
    robots = settings.get("DIGEST_ROBOTS_SAVE_AS")
    if robots:
        _write(output, robots, robots_txt(f"{site}/{sitemap}" if sitemap else None))


def _html_pages(output: str, settings: dict[str, Any]) -> list[str]:
    search = settings.get("DIGEST_SEARCH_SAVE_AS") or "\0"
    pages = []
    # Each folder's output-relative prefix, handed down from its parent:
    # relpath() per folder and file costs ~0.4 s on 10,000 article folders.
    prefixes = {output: ""}
    for folder, dirs, files in os.walk(output):
        prefix = prefixes.pop(folder)
        # The search bundles alone hold more files than the pages: never walked.
        dirs[:] = [d for d in dirs if f"{prefix}{d}/" not in NOT_IN_SITEMAP]
        for d in dirs:
            prefixes[os.path.join(folder, d)] = f"{prefix}{d}/"
        for name in files:
            path = f"{prefix}{name}"
            if name.endswith(".html") and path != search and not path.startswith(NOT_IN_SITEMAP):
                pages.append(path)
    return pages


def start_search_index(settings: dict[str, Any]) -> None:
    """Index the search shards in a background process, as soon as article pages exist.

    Called when the article pages are written (speedups says so at once;
    otherwise at article_writer_finalized); Pagefind then runs on the second
    core while Pelican writes list pages, feeds and the rest. A process, not
    a thread: the build may still fork page writers, and forking a process
    that has threads is unsafe.
    """
    output = settings["OUTPUT_PATH"]
    shards = _SHARDS.pop(output, None)
    if shards is None or not search_enabled(settings):
        return
    # Pagefind's folder is this build's output, though another process writes it.
    KEPT.add(os.path.abspath(os.path.join(output, BUNDLE_ROOT)))
    stamp_dir = settings.get("CACHE_PATH") or os.path.join(output, os.pardir, "cache")
    os.makedirs(stamp_dir, exist_ok=True)
    try:
        version = _pagefind_version()
    except PackageNotFoundError:
        logger.error("theme_support: no search index: the pagefind package is not installed "
                     "(make html installs it from requirements.txt)")
        return
    job = {
        "output": os.path.abspath(output),
        "shards": [[s.key, list(s.pages)] for s in shards],
        "stamp_dir": os.path.abspath(stamp_dir),
        "version": version,
        # Two Pagefind processes at a time use both cores; each holds one shard.
        "jobs": 2 if settings.get("DIGEST_PARALLEL", True) else 1,
        # One index in the site's language: the search page finds a story
        # filed in another language too (Pagefind splits indexes by language).
        "language": str(settings.get("DEFAULT_LANG") or "en"),
    }
    job_file = os.path.join(stamp_dir, f"search-job-{os.getpid()}.json")
    with open(job_file, "w", encoding="utf-8") as handle:
        json.dump(job, handle)
    plugins = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (plugins, os.environ.get("PYTHONPATH")) if p)}
    stop_search_indexers(output)  # one left running by a failed build in this process
    _INDEXING[output] = (subprocess.Popen(
        [sys.executable, os.path.join(plugins, "theme_support", "search_index.py"), job_file],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,  # its own process group: stopped with its Pagefind children
    ), job_file)


def stop_search_indexers(output: str | None = None) -> None:
    """Stop indexers still running (all, or ``output``'s): the build failed before
    waiting for them, and they must not keep writing into a folder being removed."""
    for folder in [output] if output else list(_INDEXING):
        process, job_file = _INDEXING.pop(folder, (None, ""))
        if process is None:
            continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)
        process.communicate()
        with contextlib.suppress(OSError):
            os.remove(job_file)


atexit.register(stop_search_indexers)


def finish_search_index(settings: dict[str, Any]) -> None:
    """Wait for the search index; log what failed."""
    running = _INDEXING.pop(settings["OUTPUT_PATH"], None)
    if running is None:
        return
    process, job_file = running
    out, err = process.communicate()
    with contextlib.suppress(OSError):
        os.remove(job_file)
    try:
        errors = json.loads(out) if process.returncode == 0 else None
    except ValueError:
        errors = None
    if errors is None:
        errors = [f"indexer exited {process.returncode}: {err.strip()[-2000:]}"]
    for error in errors:
        logger.error("theme_support: search index %s", error)


def search_enabled(settings: dict[str, Any]) -> bool:
    return bool(settings.get("DIGEST_SEARCH_INDEX") and settings.get("DIGEST_SEARCH_SAVE_AS"))


def _pagefind_version() -> str:
    return version("pagefind")


def _write(output: str, path: str, text: str) -> None:
    write_bytes_if_changed(os.path.join(output, path), text.encode("utf-8"))
