"""Pelican glue: tag each article (wire or Markdown) and set its region (category)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.urlwrappers import Category
from pelican.urlwrappers import Tag as PelicanTag
from speedups.derived_cache import load_stamped, save_stamped  # plugins/ is on sys.path
from wire_reader import parallel
from wire_reader.parse import story_from_html
from wire_reader.story import WireStory

from .tagger import load_vocabulary, one_name_per_slug, tag_and_place

logger = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent
CACHE_FILE = "auto_tagger.pickle"


def tag_articles(generator: Any) -> None:
    settings = generator.settings
    mode = settings.get("WIRE_CATEGORY_FROM", "region")
    cache = TagCache(settings, mode)
    # Hidden stories too: published at their address, their page shows tags.
    # Markdown stories are tagged as wire stories are, from their text.
    articles = (generator.articles + generator.drafts
                + getattr(generator, "hidden_articles", []))
    stories = [getattr(a, "wire_story", None) or editor_story(a) for a in articles]
    keys = [getattr(a, "wire_story_fingerprint", None) or story_key(story)
            for a, story in zip(articles, stories, strict=True)]
    misses = {key: story for key, story in zip(keys, stories, strict=True)
              if cache.get(key) is None}
    if misses:
        vocabulary = load_vocabulary(extra=settings.get("WIRE_TAGS_EXTRA") or None)
        job = TaggingJob(vocabulary, settings.get("WIRE_TAGS_MAX", 8), mode)
        for key, found in job.run(misses, settings.get("DIGEST_PARALLEL", True)).items():
            cache.put(key, *found)
    # One Pelican Tag/Category object per name: each slugifies its name once,
    # not once per article (55,000 slugify calls at 10,000 stories).
    pelican_tags: dict[str, PelicanTag] = {}
    categories: dict[str, Category] = {}
    found = [cache.get(key) for key in keys]
    for tags, _category in found:
        for t in tags:
            if t.name not in pelican_tags:
                pelican_tags[t.name] = PelicanTag(t.name, settings)
    published = [t for a, (tags, _) in zip(articles, found, strict=True)
                 if a.status != "draft" for t in tags]
    named = one_name_per_slug(published, {name: t.slug for name, t in pelican_tags.items()})
    for article, story, (tags, category) in zip(articles, stories, found, strict=True):
        if any(named[t.name] != t.name for t in tags):
            tags = [replace(t, name=named[t.name]) for t in tags]
        tags, warnings = addressable(tags, {t.name: pelican_tags[t.name].slug for t in tags})
        article.wire_tags = tags
        article.tags = [pelican_tags[t.name] for t in tags]
        if mode == "folder":
            category = _folder_category(article, story)
        asked = story.header.get("category", "").strip()
        if category and not (categories.get(category) or Category(category, settings)).slug:
            category = None
        if asked and asked != category and not Category(asked, settings).slug:
            warnings.append(f"section {asked!r} dropped: it has no letter or digit "
                            "to make its address from")
        if not category and article.category is not None and not article.category.slug:
            # Pelican's Markdown reader already made the section from the header.
            category = settings.get("DEFAULT_CATEGORY") or "misc"
        if warnings:
            # A new list: the reader's metadata (and its cache) keeps its own.
            article.wire_warnings = [*getattr(article, "wire_warnings", []), *warnings]
        if category:
            article.category = categories.get(category) or categories.setdefault(
                category, Category(category, settings))
    cache.save()


def addressable(tags: list[Any], slugs: dict[str, str]) -> tuple[list[Any], list[str]]:
    """The story's tags that have an address of their own, and why others went.

    A tag whose name has no letter or digit ("???") has no address: its link
    would be tag// and its feeds hidden dot-files. Two names with one
    address ("C++", "C#") are one tag page: shown once.
    """
    kept: list[Any] = []
    seen: set[str] = set()
    warnings: list[str] = []
    for t in tags:
        slug = slugs[t.name]
        if not slug:
            warnings.append(f"tag {t.name!r} dropped: it has no letter or digit "
                            "to make its address from")
        elif slug not in seen:
            seen.add(slug)
            kept.append(t)
    return kept, warnings


def editor_story(article: Any) -> WireStory:
    """A story an editor filed in Markdown, as the tagger reads one: its text,
    and its header's Tags: and Category: as a wire header gives them."""
    header = {}
    if getattr(article, "tags", None):
        header["tags"] = "; ".join(t.name for t in article.tags)  # a name may hold a comma
    # Markdown's reader names the header lines it read; another reader's
    # section is kept, as before.
    given = getattr(article, "header_keys", None)
    if getattr(article, "category", None) and (given is None or "category" in given):
        header["category"] = article.category.name
    return story_from_html(article.relative_source_path, article.title,
                           getattr(article, "_content", None) or "", header)


class TagCache:
    """Tags and region of each story from earlier builds, in CACHE_PATH.

    Tagging reads every story against the whole vocabulary; the answer only
    changes with the story (all of it, header included: a story's repr), the
    tagger's code and data, and the tagging settings, so those are the key.
    Used only when Pelican's content cache is on, like the reader's cache.
    """

    def __init__(self, settings: dict[str, Any], mode: str) -> None:
        self.path = os.path.join(settings.get("CACHE_PATH") or "cache", CACHE_FILE)
        self.enabled = bool(settings.get("CACHE_CONTENT"))
        self.stamp = _tagging_stamp(settings, mode)
        self.old: dict[str, tuple[list, str | None]] = {}
        if self.enabled and settings.get("LOAD_CONTENT_CACHE", True):
            self.old = load_stamped(self.path, self.stamp)
        self.new: dict[str, tuple[list, str | None]] = {}

    def get(self, key: str) -> tuple[list, str | None] | None:
        found = self.new.get(key) or self.old.get(key)
        if found is not None:
            self.new[key] = found
        return found

    def put(self, key: str, tags: list, category: str | None) -> tuple[list, str | None]:
        self.new[key] = (tags, category)
        return tags, category

    def save(self) -> None:
        # Only this build's stories are kept, so the file never outgrows the site.
        if self.enabled and self.new != self.old:
            save_stamped(self.path, self.stamp, self.new)


class TaggingJob:
    """Tag and place stories the cache does not know, in worker processes when many.

    Workers are forked with the vocabulary already loaded (the job), so each
    only receives a story's key and sends back its tags: the same tags, in
    the same order, as tagging in this process.
    """

    def __init__(self, vocabulary: Any, max_tags: int, mode: str) -> None:
        self.vocabulary, self.max_tags, self.mode = vocabulary, max_tags, mode
        self.stories: dict[str, Any] = {}

    def tag_one(self, key: str) -> tuple[list, str | None]:
        return tag_and_place(self.stories[key], self.vocabulary, max_tags=self.max_tags,
                             mode=self.mode)

    def run(self, stories: dict[str, Any], parallel_ok: bool) -> dict[str, tuple]:
        self.stories = stories
        done = parallel.map_in_forked_workers(self.tag_one, list(stories), parallel_ok)
        if done is not None:
            logger.info("auto_tagger: tagged %d stories in %d worker processes",
                        len(done), parallel.worker_count())
        # Whatever a worker did not return (or all, when serial) is tagged here.
        return {key: (done or {}).get(key) or self.tag_one(key) for key in stories}


def _tagging_stamp(settings: dict[str, Any], mode: str) -> str:
    """The tagger's code and data files, and the settings that steer it."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and _shapes_tags(p)):
        digest.update(f"{path.relative_to(PACKAGE).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    tuning = {"max": settings.get("WIRE_TAGS_MAX", 8), "mode": mode,
              "extra": settings.get("WIRE_TAGS_EXTRA") or {}}
    digest.update(json.dumps(tuning, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _shapes_tags(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return "tests" not in parts and "__pycache__" not in parts and path.suffix != ".pyc"


def story_key(story: Any) -> str:
    """The cache key of a parsed story (the reader usually brings it, cached)."""
    # Every field of the frozen WireStory (header, dateline, file name);
    # wire_sha256 alone is headline + body, blind to a header Tags: line.
    return story.fingerprint


def _folder_category(article: Any, story: Any) -> str | None:
    folder = os.path.dirname(article.relative_source_path)
    return story.header.get("category") or (folder.split(os.sep)[0] if folder else None)


def register() -> None:
    # pretaxonomy: tags and categories must exist before Pelican indexes them.
    signals.article_generator_pretaxonomy.connect(tag_articles)
