"""Feed core: plain dataclasses in, feed bytes out (feedgen). No Pelican import.

RSS 2.0 and Atom come from feedgen; JSON Feed 1.1 from ``json.dumps``. Every
date in a feed comes from the items (or the caller's ``build_date``), never
from the wall clock, so the same content always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

# feedgen stamps its own version into Atom's <generator>; a pinned name alone
# keeps feed bytes independent of the installed feedgen release.
GENERATOR = "python-feedgen"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Elements and attributes that run code in a reader; wire text never needs them.
ACTIVE_ELEMENTS = ("script", "style", "iframe", "object", "embed", "form")
URL_ATTRIBUTES = ("href", "src", "poster", "cite")


@dataclass(frozen=True)
class FeedCategory:
    term: str
    domain: str = ""  # taxonomy or tag page URL (RSS domain, Atom scheme)


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str  # plain text
    link: str
    content_html: str  # absolute URLs only
    summary: str  # plain text
    authors: tuple[str, ...]
    categories: tuple[str | FeedCategory, ...]
    published: dt.datetime
    updated: dt.datetime


@dataclass(frozen=True)
class Channel:
    title: str
    link: str  # the site (or the tag/region page), not the feed
    description: str
    self_url: str
    language: str
    id: str
    author: str = ""  # Atom needs an author for entries that have none


def item_id(authority: str, date: dt.datetime, slug: str) -> str:
    """A ``tag:`` URI that survives a change of host, path, tags or body."""
    return f"tag:{authority}:{date:%Y-%m-%d}:{slug}"


def build_rss(channel: Channel, items: Sequence[FeedItem], *, build_date: dt.datetime) -> bytes:
    """RSS 2.0 with content:encoded and dc:creator, items newest first."""
    fg = _generator(channel, build_date)
    fg.load_extension("dc", atom=False, rss=True)
    for item in _oldest_first(items):
        entry = _entry(fg, item)
        # CDATA cannot hold "]]>"; such content goes in escaped instead.
        cdata = "]]>" not in item.content_html
        entry.content(item.content_html, type="CDATA" if cdata else None)
        for name in item.authors:
            entry.dc.dc_creator(name)
    return fg.rss_str(pretty=True)


def build_atom(channel: Channel, items: Sequence[FeedItem], *, build_date: dt.datetime) -> bytes:
    """Atom 1.0 with content type="html", items newest first."""
    fg = _generator(channel, build_date)
    if channel.author:
        fg.author(name=channel.author)
    for item in _oldest_first(items):
        entry = _entry(fg, item)
        entry.content(item.content_html, type="html")
        for name in item.authors:
            entry.author(name=name)
    return fg.atom_str(pretty=True)


def build_json_feed(
    channel: Channel, items: Sequence[FeedItem], *, build_date: dt.datetime
) -> bytes:
    """JSON Feed 1.1, keys sorted, items newest first."""
    del build_date  # JSON Feed has no feed-level date; kept for a uniform signature
    feed = {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "home_page_url": channel.link,
        "feed_url": channel.self_url,
        "description": channel.description or channel.title,
        "language": channel.language,
        "items": [_json_item(item) for item in reversed(_oldest_first(items))],
    }
    if channel.author:
        feed["authors"] = [{"name": channel.author}]
    return (json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def newest_first(items: Sequence[FeedItem], limit: int | None = None) -> list[FeedItem]:
    """Items sorted newest first (ties by id), cut to ``limit``."""
    ordered = sorted(items, key=lambda i: (i.published, i.id), reverse=True)
    return ordered[:limit] if limit else ordered


def plain_text(html: str) -> str:
    """The text of an HTML fragment (titles come typogrified: <span class="caps">)."""
    return BeautifulSoup(html or "", "html.parser").get_text()


def absolutize_html(html: str, page_url: str, site_url: str) -> str:
    """Make every href/src absolute and drop active content (scripts, handlers)."""
    soup = BeautifulSoup(html or "", "html.parser")
    for element in soup.find_all(ACTIVE_ELEMENTS):
        element.decompose()
    for element in soup.find_all(True):
        for name in list(element.attrs):
            if name.lower().startswith("on"):
                del element.attrs[name]
            elif name.lower() in URL_ATTRIBUTES:
                element.attrs[name] = absolute_url(str(element.attrs[name]), page_url, site_url)
            elif name.lower() == "srcset":
                element.attrs[name] = _absolute_srcset(str(element.attrs[name]), page_url, site_url)
    return str(soup)


def absolute_url(url: str, page_url: str, site_url: str) -> str:
    """Resolve ``url`` as a browser on ``page_url`` would, but keep the site's sub-path.

    A root-absolute ``/theme/x`` means the site's root, which under a sub-path
    (``https://host/digest``) is not the host's root.
    """
    url = url.strip()
    if re.match(r"(?i)\s*javascript:", url):
        return "#"
    if url.startswith("/") and not url.startswith("//"):
        return site_url.rstrip("/") + url
    return urljoin(page_url, url)


def _absolute_srcset(srcset: str, page_url: str, site_url: str) -> str:
    parts = []
    for candidate in srcset.split(","):
        bits = candidate.split()
        if bits:
            parts.append(" ".join([absolute_url(bits[0], page_url, site_url), *bits[1:]]))
    return ", ".join(parts)


def _generator(channel: Channel, build_date: dt.datetime) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(channel.id)
    fg.title(channel.title)
    # feedgen's RSS <link> is the last link added: the page, never the feed.
    fg.link(href=channel.self_url, rel="self")
    fg.link(href=channel.link, rel="alternate")
    fg.description(channel.description or channel.title)
    fg.language(channel.language)
    fg.generator(GENERATOR)
    fg.lastBuildDate(build_date)
    fg.updated(build_date)
    return fg


def _oldest_first(items: Sequence[FeedItem]) -> list[FeedItem]:
    # feedgen prepends entries, so adding oldest first emits newest first.
    return list(reversed(newest_first(items)))


def _entry(fg: FeedGenerator, item: FeedItem) -> FeedEntry:
    entry = fg.add_entry()
    entry.id(item.id)
    entry.guid(item.id, permalink=False)
    entry.title(item.title)
    entry.link(href=item.link, rel="alternate")
    entry.summary(item.summary or item.title)
    for category in item.categories:
        term, domain = _category(category)
        if domain:
            entry.category(term=term, scheme=domain, label=term)
        else:
            entry.category(term=term, label=term)
    entry.published(item.published)
    entry.updated(item.updated)
    return entry


def _category(category: str | FeedCategory) -> tuple[str, str]:
    if isinstance(category, FeedCategory):
        return category.term, category.domain
    return category, ""


def _json_item(item: FeedItem) -> dict[str, object]:
    return {
        "id": item.id,
        "url": item.link,
        "title": item.title,
        "content_html": item.content_html,
        "summary": item.summary,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "authors": [{"name": name} for name in item.authors],
        "tags": [_category(c)[0] for c in item.categories],
    }
