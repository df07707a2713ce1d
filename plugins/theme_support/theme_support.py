"""Pelican glue for the digest theme: what its templates need, computed once.

Story arithmetic lives in ``stories.py`` and page data in ``seo.py`` (both
pure); extra pages (sources, search, 404) in ``site_pages.py``.
"""

from __future__ import annotations

import os
from typing import Any

from blinker import signal
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from speedups.page_memo import register_view  # plugins/ is on sys.path
from speedups.write_if_changed import WRITTEN
from wire_reader.parse import link_addresses  # one reading of a web address in wire copy

from .markdown_text import drop_empty_summary, escape_markdown_title
from .page_views import article_views, edition_views, term_views
from .seo import script_json
from .site_pages import (
    ThemePagesGenerator,
    crawler_files,
    finish_search_index,
    start_search_index,
    write_crawler_files,
)
from .story_pages import annotate_articles, settle_related

DEFAULTS: dict[str, Any] = {
    "DIGEST_WORDS_PER_MINUTE": 230,
    "DIGEST_RELATED_MAX": 4,
    "DIGEST_RELATED_WINDOW": 50,
    "DIGEST_FRONT_PER_SECTION": 4,
    "DIGEST_FRONT_MAX_SECTIONS": 8,
    "DIGEST_SOURCE_URL": "source/{slug}/",
    "DIGEST_SOURCE_SAVE_AS": "source/{slug}/index.html",
    "DIGEST_SOURCES_SAVE_AS": "sources/index.html",
    "DIGEST_SEARCH_SAVE_AS": "search/index.html",
    "DIGEST_SEARCH_INDEX": True,
    "DIGEST_SEARCH_SHARD": "{date:%Y}",
    "DIGEST_404_SAVE_AS": "404.html",
    "DIGEST_SITEMAP_SAVE_AS": "sitemap.xml",
    "DIGEST_ROBOTS_SAVE_AS": "robots.txt",
}
# The theme whose templates page_views describes.
THEME = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "theme")


# Story cards by (article, SITEURL, heading level, summary shown), for one build.
_CARDS: dict[tuple, Markup] = {}
CARD_TEMPLATE = "partials/_story_card.html"


@pass_context
def story_card_filter(
    context: Any, article: Any, level: int = 2, summary: bool = True
) -> Markup:
    """Jinja filter: the story card of ``article``, rendered once per build.

    A story appears on ~10 list pages (front pages, its tags, region, source,
    author, month); its card is the same HTML on all of them, so it is
    rendered once instead of 100,000 times at 10,000 stories. Articles do not
    change while pages are written; the memo is emptied before each build writes.
    """
    key = (id(article), context.get("SITEURL"), level, summary)
    card = _CARDS.get(key)
    if card is None:
        template = context.environment.get_template(CARD_TEMPLATE)
        values = {**context.get_all(), "article": article, "card_level": level,
                  "card_summary": summary}
        card = _CARDS[key] = Markup(template.render(values))
    return card


def forget_cards(*_args: Any, **_kwargs: Any) -> None:
    _CARDS.clear()


def script_json_filter(data: Any) -> Markup:
    """Jinja filter: JSON escaped for a <script> element, hence safe to output."""
    return Markup(script_json(data))


def link_addresses_filter(text: Any) -> Markup:
    """Jinja filter: plain text (a credit line), escaped, its web addresses made links."""
    return Markup(link_addresses(str(text)))


def add_defaults(pelican: Any) -> None:
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    filters = dict(pelican.settings.get("JINJA_FILTERS") or {})
    filters.setdefault("script_json", script_json_filter)
    filters.setdefault("story_card", story_card_filter)
    filters.setdefault("link_addresses", link_addresses_filter)
    pelican.settings["JINJA_FILTERS"] = filters
    # Source pages paginate like tag pages (None: DEFAULT_PAGINATION).
    pelican.settings["PAGINATED_TEMPLATES"] = {
        "source": None,
        **pelican.settings.get("PAGINATED_TEMPLATES", {}),
    }


def add_generator(_pelican: Any) -> type[ThemePagesGenerator]:
    return ThemePagesGenerator


def index_articles(generator: Any, **_kwargs: Any) -> None:
    start_search_index(generator.settings)


def finish_site(pelican: Any) -> None:
    # Files the build no longer makes go first (speedups), so the sitemap never
    # lists them; the crawler files themselves are about to be written.
    WRITTEN.update(os.path.abspath(path) for path in crawler_files(pelican.settings))
    signal("digest_output_complete").send(pelican.settings)
    write_crawler_files(pelican.settings)
    finish_search_index(pelican.settings)


def register() -> None:
    register_view("article", THEME, article_views)
    for kind in ("tag", "category", "author"):
        register_view(kind, THEME, term_views(kind))
    register_view("edition", THEME, edition_views)
    # initialized: settings (and the JSON filter) must be in place before
    # Pelican builds the generators' Jinja environments and template context.
    signals.initialized.connect(add_defaults)
    # article_generator_finalized: tags, regions and URLs are final, and no
    # article or index page is written yet.
    signals.article_generator_finalized.connect(annotate_articles)
    signals.get_generators.connect(add_generator)
    # all_generators_finalized: every article is final, nothing is written yet;
    # cards of an earlier build (same process, as in tests) must not be reused.
    signals.all_generators_finalized.connect(forget_cards)
    # After digest_editions grouped duplicates (in its generator's context).
    signals.all_generators_finalized.connect(settle_related)
    # Pagefind starts once every article page is written: speedups announces
    # it right after them (before the list pages); article_writer_finalized
    # is the fallback without speedups. The second call finds nothing to do.
    signal("digest_article_pages_written").connect(index_articles)
    signals.article_writer_finalized.connect(index_articles)
    # finalized: every page is written, so the sitemap sees them all.
    signals.finalized.connect(finish_site)
    # content_object_init: before speedups typesets the title (PLUGINS order).
    signals.content_object_init.connect(escape_markdown_title)
    signals.content_object_init.connect(drop_empty_summary)
