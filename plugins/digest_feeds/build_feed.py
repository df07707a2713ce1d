"""Feed core: plain dataclasses in, feed bytes out (feedgen). No Pelican import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str  # plain text
    link: str
    content_html: str  # absolute URLs only
    summary: str  # plain text
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    published: dt.datetime
    updated: dt.datetime


@dataclass(frozen=True)
class Channel:
    title: str
    link: str  # the site, not the feed
    description: str
    self_url: str
    language: str
    id: str


def item_id(authority: str, date: dt.datetime, slug: str) -> str:
    """A ``tag:`` URI that survives a change of host, path, tags or body."""
    return f"tag:{authority}:{date:%Y-%m-%d}:{slug}"


def build_rss(channel: Channel, items: Sequence[FeedItem], *, build_date: dt.datetime) -> bytes:
    """RSS 2.0 with content:encoded and dc:creator, items newest first."""
    fg = _generator(channel, items, build_date)
    return fg.rss_str(pretty=True)


def _generator(channel: Channel, items: Sequence[FeedItem], build_date: dt.datetime) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.id(channel.id)
    fg.title(channel.title)
    fg.link(href=channel.link, rel="alternate")
    fg.link(href=channel.self_url, rel="self")
    fg.description(channel.description or channel.title)
    fg.language(channel.language)
    fg.lastBuildDate(build_date)
    fg.updated(build_date)
    # feedgen prepends entries, so add oldest first to emit newest first.
    for item in sorted(items, key=lambda i: (i.published, i.id)):
        entry = fg.add_entry()
        entry.id(item.id)
        entry.guid(item.id, permalink=False)
        entry.title(item.title)
        entry.link(href=item.link)
        entry.description(item.summary or item.title)
        entry.content(item.content_html, type="CDATA")
        for name in item.authors:
            entry.dc.dc_creator(name)
        for term in item.categories:
            entry.category(term=term)
        entry.published(item.published)
        entry.updated(item.updated)
    return fg
