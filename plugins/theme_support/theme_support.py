"""Pelican glue for the digest theme: what its templates need, computed once.

Story arithmetic lives in ``stories.py`` and page data in ``seo.py`` (both
pure); extra pages (sources, search, 404) in ``site_pages.py``.
"""

from __future__ import annotations

from typing import Any

from blinker import signal
from markupsafe import Markup
from pelican import signals

from .seo import script_json
from .site_pages import (
    ThemePagesGenerator,
    finish_search_index,
    start_search_index,
    write_crawler_files,
)
from .story_pages import annotate_articles

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


def script_json_filter(data: Any) -> Markup:
    """Jinja filter: JSON escaped for a <script> element, hence safe to output."""
    return Markup(script_json(data))


def add_defaults(pelican: Any) -> None:
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    filters = dict(pelican.settings.get("JINJA_FILTERS") or {})
    filters.setdefault("script_json", script_json_filter)
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
    write_crawler_files(pelican.settings)
    finish_search_index(pelican.settings)


def register() -> None:
    # initialized: settings (and the JSON filter) must be in place before
    # Pelican builds the generators' Jinja environments and template context.
    signals.initialized.connect(add_defaults)
    # article_generator_finalized: tags, regions and URLs are final, and no
    # article or index page is written yet.
    signals.article_generator_finalized.connect(annotate_articles)
    signals.get_generators.connect(add_generator)
    # Pagefind starts once every article page is written: speedups announces
    # it right after them (before the list pages); article_writer_finalized
    # is the fallback without speedups. The second call finds nothing to do.
    signal("digest_article_pages_written").connect(index_articles)
    signals.article_writer_finalized.connect(index_articles)
    # finalized: every page is written, so the sitemap sees them all.
    signals.finalized.connect(finish_site)
