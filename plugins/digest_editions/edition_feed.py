"""The editions feed: one item per daily edition. Pure: no Pelican import.

Rendering the edition's HTML is the caller's (it owns the templates); this
module turns editions and their HTML into feed items and feed bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from digest_feeds.build_feed import (Channel, FeedItem, absolutize_html, build_atom, build_rss,
                                     item_id, newest_first)

from .editions import Edition

EDITION_SLUG = "edition"  # tag:AUTHORITY:2024-05-17:edition
BUILDERS: dict[str, Callable[..., bytes]] = {"rss": build_rss, "atom": build_atom}


def edition_item(edition: Edition, body_html: str, *, authority: str, site: str) -> FeedItem:
    """A feed item whose id depends only on the edition's day, never on its URL."""
    page = f"{site}/{edition.url}"
    day = dt.datetime.combine(edition.start, dt.time())
    stories = edition.story_count
    return FeedItem(id=item_id(authority, day, EDITION_SLUG), title=f"Digest for {edition.title}",
                    link=page, content_html=absolutize_html(body_html, page, site),
                    summary=f"{stories} {'story' if stories == 1 else 'stories'} from the wires",
                    authors=(), categories=tuple(s.region for s in edition.sections),
                    published=edition.published, updated=edition.published)


def build_editions_feed(fmt: str, editions: Sequence[Edition], render: Callable[[Edition], str], *,
                        channel: Channel, authority: str, site: str, limit: int) -> bytes:
    """RSS or Atom bytes for the newest ``limit`` daily editions."""
    newest = sorted(editions, key=lambda e: e.key, reverse=True)[:limit]
    items = newest_first([edition_item(e, render(e), authority=authority, site=site)
                          for e in newest], limit)
    # The newest edition dates the feed, so the same content gives the same bytes.
    build_date = max((i.updated for i in items), default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    return BUILDERS[fmt](channel, items, build_date=build_date)
