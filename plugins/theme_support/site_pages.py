"""Pelican glue for the theme's extra pages: source pages, sources index, search
page, 404, then (once everything is written) sitemap.xml, robots.txt and the
Pagefind search index.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime
from typing import Any

from pelican.generators import Generator

from .seo import SitemapEntry, page_url, robots_txt, sitemap_xml

logger = logging.getLogger(__name__)

# Article dates by output folder, so the sitemap (written at `finalized`, when
# Pelican hands over no articles) can give each story its lastmod.
_LASTMOD: dict[str, dict[str, datetime]] = {}
NOT_IN_SITEMAP = ("404.html", "theme/", "pagefind/")


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


def write_crawler_files(settings: dict[str, Any]) -> None:
    """sitemap.xml from every HTML page written, and robots.txt pointing to it."""
    output = settings["OUTPUT_PATH"]
    site = str(settings.get("SITEURL") or "").rstrip("/")
    lastmod = _LASTMOD.pop(output, {})
    sitemap = settings.get("DIGEST_SITEMAP_SAVE_AS")
    if sitemap:
        urls = sorted(page_url(path) for path in _html_pages(output, settings))
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
    for folder, _dirs, files in os.walk(output):
        for name in files:
            path = os.path.relpath(os.path.join(folder, name), output).replace(os.sep, "/")
            if name.endswith(".html") and path != search and not path.startswith(NOT_IN_SITEMAP):
                pages.append(path)
    return pages


def index_search(settings: dict[str, Any]) -> None:
    """Build the Pagefind index (pages marked data-pagefind-body) into output/pagefind/.

    Pagefind writes into a fresh temporary folder, which is then synced into
    output/pagefind/: files whose bytes are unchanged are left alone and files
    no longer produced (fragments of an earlier build) are deleted.
    """
    if not (settings.get("DIGEST_SEARCH_INDEX") and settings.get("DIGEST_SEARCH_SAVE_AS")):
        return
    output = settings["OUTPUT_PATH"]
    with tempfile.TemporaryDirectory(prefix="pagefind-") as fresh:
        command = [sys.executable, "-m", "pagefind", "--site", output, "--output-path", fresh,
                   "--silent", *_article_glob(settings)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            logger.error(
                "theme_support: pagefind failed (%s): %s",
                result.returncode,
                (result.stderr or result.stdout).strip(),
            )
            return
        sync_tree(fresh, os.path.join(output, "pagefind"))


def _article_glob(settings: dict[str, Any]) -> list[str]:
    # Only article.html marks data-pagefind-body, and Pagefind skips every
    # other page anyway once one has it; not reading them saves time and memory.
    patterns = sorted({re.sub(r"\{[^}]*\}", "*", settings.get(name) or "")
                       for name in ("ARTICLE_SAVE_AS", "ARTICLE_LANG_SAVE_AS")} - {""})
    if not patterns:
        return []
    return ["--glob", patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"]


def sync_tree(source: str, target: str) -> None:
    """Make ``target`` hold exactly the files of ``source``, rewriting only changed ones."""
    wanted = set()
    for folder, _dirs, files in os.walk(source):
        for name in files:
            relative = os.path.relpath(os.path.join(folder, name), source)
            wanted.add(relative)
            with open(os.path.join(source, relative), "rb") as handle:
                data = handle.read()
            _write_if_changed(os.path.join(target, relative), data)
    for folder, _dirs, files in os.walk(target, topdown=False):
        for name in files:
            path = os.path.join(folder, name)
            if os.path.relpath(path, target) not in wanted:
                os.remove(path)
        if folder != target and not os.listdir(folder):
            os.rmdir(folder)


def _write_if_changed(path: str, data: bytes) -> None:
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def _write(output: str, path: str, text: str) -> None:
    target = os.path.join(output, path)
    os.makedirs(os.path.dirname(target) or output, exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(text)
