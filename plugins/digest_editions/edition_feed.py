"""The editions feed: one item per daily edition. Pure: no Pelican import.

Rendering the edition's HTML is the caller's (it owns the templates); this
module turns editions and their HTML into feed items and feed bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from digest_feeds.build_feed import (
    EDITION_SLUG,
    Channel,
    FeedItem,
    build_atom,
    build_rss,
    item_id,
    newest_first,
)
from digest_feeds.catalog import describe_feed, site_url

from .editions import Edition

BUILDERS: dict[str, Callable[..., bytes]] = {"rss": build_rss, "atom": build_atom}


def edition_item(edition: Edition, body_html: str, *, authority: str, site: str) -> FeedItem:
    """A feed item whose id depends only on the edition's day, never on its URL.

    ``body_html`` must be rendered with the absolute site URL: every link in an
    edition is built from it, so no HTML rewriting (slow on a big edition) is needed.
    """
    page = f"{site}/{edition.url}"
    day = dt.datetime.combine(edition.start, dt.time())
    stories = edition.story_count
    return FeedItem(
        id=item_id(authority, day, EDITION_SLUG),
        title=f"Digest for {edition.title}",
        link=page,
        content_html=body_html,
        summary=f"{stories} {'story' if stories == 1 else 'stories'} from the wires",
        authors=(),
        categories=tuple(s.region for s in edition.sections),
        published=edition.published,
        updated=edition.published,
    )


def editions_feeds(
    days: Sequence[Edition], render: Callable[[Edition], str], settings: Mapping[str, Any]
) -> dict[str, bytes]:
    """Feed bytes by output path, for each DIGEST_FEED_EDITIONS_* path set."""
    paths = {fmt: settings.get(f"DIGEST_FEED_EDITIONS_{fmt.upper()}") for fmt in BUILDERS}
    if not days or not any(paths.values()):
        return {}
    site, authority = site_url(settings), settings["DIGEST_FEED_ID_AUTHORITY"]
    limit = settings.get("DIGEST_FEED_MAX_ITEMS", 50)
    # Each edition is rendered once and serves every format.
    newest = sorted(days, key=lambda e: e.key, reverse=True)[:limit]
    items = newest_first(
        [edition_item(e, render(e), authority=authority, site=site) for e in newest], limit
    )
    # The newest edition dates the feed, so the same content gives the same bytes.
    build_date = items[0].updated
    # The title and description the Subscribe page lists it under, and the
    # same author as every other feed of the site.
    title, description = describe_feed(
        "editions", settings["SITENAME"], settings["SITENAME"], settings.get("SITESUBTITLE", ""))
    feeds = {}
    for fmt, path in paths.items():
        if path:
            channel = Channel(
                title=title,
                link=f"{site}/",
                description=description,
                self_url=f"{site}/{path}",
                language=settings.get("DEFAULT_LANG", "en"),
                id=f"tag:{authority}:feed:editions",
                author=settings.get("AUTHOR") or settings["SITENAME"],
            )
            feeds[path] = BUILDERS[fmt](channel, items, build_date=build_date)
    return feeds
