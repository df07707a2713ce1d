"""Pelican glue: daily and weekly editions, near-duplicate links, editions feed.

A Generator subclass (registered through get_generators) rather than a handler
on article_writer_finalized, because the work has two phases that Pelican's
generator protocol already separates: ``generate_context`` runs after every
article is read and tagged but before any article page is written, so
``article.also_reported`` is in place when article.html renders; and
``generate_output`` receives the shared writer (RELATIVE_URLS, overwrite
checks) and has its own Jinja environment with the theme's templates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pelican import signals
from pelican.generators import Generator
from speedups.derived_cache import load_stamped, save_stamped
from speedups.speedups import write_plugin_pages
from speedups.write_if_changed import write_bytes_if_changed
from wire_reader import parallel  # one home for worker pools

from . import duplicates
from .duplicates import Sketch, StoryText, find_duplicate_groups
from .editions import EDITIONS_INDEX_SAVE_AS, Edition, Story, build_editions

logger = logging.getLogger(__name__)
SKETCH_CACHE_FILE = "digest_editions_sketches.pickle"

DEFAULTS: dict[str, Any] = {
    "DIGEST_DAILY": True,
    "DIGEST_WEEKLY": True,
    "DIGEST_TIMEZONE": "UTC",
    "DIGEST_MAX_PER_SECTION": 12,
    "DIGEST_DUPLICATE_THRESHOLD": 0.5,
    "DIGEST_SHINGLE_SIZE": 4,
    "DIGEST_DUPLICATE_WINDOW_DAYS": 3,
    "DIGEST_FEED_EDITIONS_RSS": "feeds/editions.rss.xml",
    "DIGEST_FEED_EDITIONS_ATOM": "feeds/editions.atom.xml",
}


class EditionsGenerator(Generator):
    """Writes digest/YYYY-MM-DD/, digest/YYYY-Www/, digest/index.html and the editions feed."""

    def generate_context(self) -> None:
        settings, articles = self.settings, self.context.get("articles", [])
        groups = link_duplicates(articles, settings)
        stories = [story_of(a) for a in articles]
        tz, limit = time_zone(settings["DIGEST_TIMEZONE"]), settings["DIGEST_MAX_PER_SECTION"]
        kinds = [
            k
            for k, on in (("day", settings["DIGEST_DAILY"]), ("week", settings["DIGEST_WEEKLY"]))
            if on
        ]
        self.editions = {
            kind: build_editions(stories, groups, kind=kind, tz=tz, max_per_section=limit)
            for kind in kinds
        }

    def generate_output(self, writer: Any) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        template = self.get_template("edition")
        write_plugin_pages(
            self,
            writer,
            "edition",
            [e for kind in self.editions.values() for e in kind],
            lambda edition: (
                edition.save_as,
                {"url": edition.url, "page_name": edition.url, "edition": edition},
            ),
        )
        if self.editions:
            writer.write_file(
                EDITIONS_INDEX_SAVE_AS,
                self.get_template("editions"),
                self.context,
                relative,
                page_name="digest",
                days=self.editions.get("day", [])[::-1],
                weeks=self.editions.get("week", [])[::-1],
            )
        self.write_feeds(template)

    def write_feeds(self, template: Any) -> None:
        try:
            # Imported here, not at the top: Pelican loads plugins in PLUGINS
            # order and this one runs before digest_feeds, whose feed core it uses.
            from digest_feeds.catalog import site_url

            from .edition_feed import editions_feeds
        except ImportError as err:
            logger.warning("digest_editions: no editions feed without digest_feeds: %s", err)
            return
        site = site_url(self.settings)

        def render(edition: Edition) -> str:
            context = template.new_context({**self.context, "SITEURL": site, "edition": edition})
            return "".join(template.blocks["edition_body"](context))

        days = self.editions.get("day", [])
        for path, feed in editions_feeds(days, render, self.settings).items():
            write_bytes_if_changed(os.path.join(self.output_path, path), feed)


def link_duplicates(articles: list[Any], settings: dict[str, Any]) -> list[tuple[str, ...]]:
    """Group near-duplicate wire stories; give each member ``also_reported``."""
    by_key = {a.relative_source_path: a for a in articles if getattr(a, "wire_story", None)}
    texts = [
        StoryText(key, f"{a.wire_story.title}\n\n{a.wire_story.body_text}", a.date)
        for key, a in by_key.items()
    ]
    sketches = load_sketches(settings)
    sketches.update(sketch_in_workers(texts, sketches, settings))
    groups = find_duplicate_groups(
        texts,
        threshold=settings["DIGEST_DUPLICATE_THRESHOLD"],
        shingle_size=settings["DIGEST_SHINGLE_SIZE"],
        window=dt.timedelta(days=settings["DIGEST_DUPLICATE_WINDOW_DAYS"]),
        sketch_cache=sketches,
    )
    save_sketches(settings, sketches)
    for group in groups:
        members = sorted((by_key[k] for k in group), key=lambda a: (a.date, a.relative_source_path))
        for article in members:
            article.also_reported = [other for other in members if other is not article]
    return groups


def sketch_in_workers(
    texts: list[StoryText], known: dict[str, Sketch], settings: dict[str, Any]
) -> dict[str, Sketch]:
    """Sketches of the texts ``known`` lacks, made in worker processes when many.

    On a cold build sketching is most of the duplicate search (about 2.5 s
    at 10,000 stories) and the second core is otherwise idle here. A text a
    worker did not return is sketched by find_duplicate_pairs itself.
    """
    missing = {}
    for text in texts:
        key = duplicates.text_key(text.text)
        if key not in known:
            missing[key] = text.text
    size = settings["DIGEST_SHINGLE_SIZE"]
    done = parallel.map_in_forked_workers(
        lambda key: duplicates.sketch(missing[key], size), list(missing),
        bool(settings.get("DIGEST_PARALLEL", True)))
    if done is None:
        return {}
    logger.info("digest_editions: sketched %d texts in %d worker processes",
                len(done), parallel.worker_count())
    return done


def load_sketches(settings: dict[str, Any]) -> dict[str, Sketch]:
    """Shingles and MinHash values of earlier builds' texts (CACHE_PATH), when caching is on.

    Hashing every story's text is most of the duplicate search; a text's
    sketch only changes with the shingle size or the duplicates code.
    """
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE", True)):
        return {}
    return load_stamped(_sketch_path(settings), _sketch_stamp(settings))


def save_sketches(settings: dict[str, Any], sketches: dict[str, Sketch]) -> None:
    if settings.get("CACHE_CONTENT"):
        save_stamped(_sketch_path(settings), _sketch_stamp(settings), sketches)


def _sketch_path(settings: dict[str, Any]) -> str:
    return os.path.join(settings.get("CACHE_PATH") or "cache", SKETCH_CACHE_FILE)


def _sketch_stamp(settings: dict[str, Any]) -> str:
    code = Path(duplicates.__file__).read_bytes()
    return f"{settings['DIGEST_SHINGLE_SIZE']}\n{hashlib.sha256(code).hexdigest()}"


def story_of(article: Any) -> Story:
    """What an edition shows of an article."""
    tags = getattr(article, "wire_tags", None) or []
    topics = sorted((t for t in tags if t.kind == "topic"), key=lambda t: (-t.score, t.name))
    return Story(
        key=article.relative_source_path,
        title_html=article.title,
        url=article.url,
        source=str(getattr(article, "source", "") or ""),
        dateline=str(getattr(article, "dateline", "") or ""),
        lede_html=article.summary or "",
        published=article.date,
        region=article.category.name,
        region_url=article.category.url,
        topic=topics[0].name if topics else None,
        salience=max((float(t.score) for t in tags), default=0.0),
        lang=str(getattr(article, "text_lang", "") or getattr(article, "lang", "") or ""),
    )


def time_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError) as err:
        raise ValueError(
            f"digest_editions: DIGEST_TIMEZONE {name!r} is not a time zone "
            "(use a name such as 'Asia/Shanghai')"
        ) from err


def add_defaults(pelican: Any) -> None:
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def add_generator(pelican: Any) -> type[Generator] | None:
    # Signal receivers outlive a build: a later build in the same process
    # without this plugin (plain Pelican in `make bench`) must not get editions.
    plugins = pelican.settings.get("PLUGINS") or []
    if any(str(p).split(".")[-1] == "digest_editions" for p in plugins):
        return EditionsGenerator
    return None


def register() -> None:
    # initialized: defaults reach the settings before Pelican copies them into
    # the template context.
    signals.initialized.connect(add_defaults)
    # get_generators: Pelican runs plugin generators after Articles and Pages
    # (see the module docstring for why a generator at all).
    signals.get_generators.connect(add_generator)
