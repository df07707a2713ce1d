"""Pelican glue: tag each wire article and set its region (category)."""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.urlwrappers import Category
from pelican.urlwrappers import Tag as PelicanTag

from .tagger import apply_overrides, choose_category, load_vocabulary, tag


def tag_articles(generator: Any) -> None:
    settings = generator.settings
    vocabulary = load_vocabulary(extra=settings.get("WIRE_TAGS_EXTRA") or None)
    mode = settings.get("WIRE_CATEGORY_FROM", "region")
    for article in generator.articles + generator.drafts:
        story = getattr(article, "wire_story", None)
        if story is None:
            continue
        tags = tag(story, vocabulary, max_tags=settings.get("WIRE_TAGS_MAX", 8))
        tags = apply_overrides(tags, story.header.get("tags"))
        article.wire_tags = tags
        article.tags = [PelicanTag(t.name, settings) for t in tags]
        category = _category(article, story, tags, vocabulary, mode)
        if category:
            article.category = Category(category, settings)


def _category(article: Any, story: Any, tags: list, vocabulary: Any, mode: str) -> str | None:
    if mode == "folder":
        folder = os.path.dirname(article.relative_source_path)
        return story.header.get("category") or (folder.split(os.sep)[0] if folder else None)
    return choose_category(story, tags, vocabulary, mode=mode)


def register() -> None:
    # pretaxonomy: tags and categories must exist before Pelican indexes them.
    signals.article_generator_pretaxonomy.connect(tag_articles)
