"""Feed core: plain dataclasses in, feed bytes out (feedgen). No Pelican import.

RSS 2.0 and Atom come from feedgen; JSON Feed 1.1 from ``json.dumps``. Every
date in a feed comes from the items (or the caller's ``build_date``), never
from the wall clock, so the same content always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
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


# The day's edition is an item too: tag:AUTHORITY:2024-05-17:edition.
EDITION_SLUG = "edition"


def story_id(authority: str, date: dt.datetime, slug: str) -> str:
    """A story's item id; a story filed as "2024-05-17-edition.txt" must not
    take its day's edition's id (a reader would merge or hide one of them)."""
    return item_id(authority, date, f"{slug}-story" if slug == EDITION_SLUG else slug)


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
    parts = simple_html(html or "")
    if parts is not None:
        return "".join(text for is_tag, text in parts if not is_tag)
    return BeautifulSoup(html or "", "html.parser").get_text()


# The markup the wire reader and typogrify write: bare block and inline tags,
# <span>/<p> with one class. Such HTML has no URL, no script and no handler
# for absolutize_html to change, and nothing BeautifulSoup would repair; the
# parse costs ~1.4 ms a story, about 3 s of a 10,000-story cold build.
SIMPLE_TAG = re.compile(
    r'<(/?)(p|h[1-6]|em|strong|i|b|blockquote|ul|ol|li|span)( class="[a-z][a-z-]*")?>'
)
SIMPLE_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|nbsp)|#([0-9]{1,7}));")
NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": "\xa0"}
# Characters left to BeautifulSoup: markup, controls (other than tab and
# newline), C1 controls and surrogates.
NOT_SIMPLE_TEXT = re.compile(r"[<>\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def simple_html(html: str) -> list[tuple[bool, str]] | None:
    """(is a tag, tag as written or decoded text) for SIMPLE_TAG markup, else None.

    None sends the fragment to BeautifulSoup: other tags, unbalanced tags,
    entities other than SIMPLE_ENTITY's, or characters BeautifulSoup might
    treat otherwise. Where this returns parts, they are what BeautifulSoup's
    html.parser tree holds (tests compare the two).
    """
    parts: list[tuple[bool, str]] = []
    open_tags: list[str] = []
    pos = 0
    while pos < len(html):
        at = html.find("<", pos)
        end = len(html) if at < 0 else at
        if end > pos:
            text = _simple_text(html[pos:end])
            if text is None:
                return None
            parts.append((False, text))
        if at < 0:
            break
        tag = SIMPLE_TAG.match(html, at)
        if tag is None or (tag.group(1) and tag.group(3)):
            return None
        if tag.group(1):
            if not open_tags or open_tags.pop() != tag.group(2):
                return None
        else:
            open_tags.append(tag.group(2))
        parts.append((True, tag.group(0)))
        pos = tag.end()
    return None if open_tags else parts


def _simple_text(raw: str) -> str | None:
    text = _decoded(raw)
    if text is not None and not text.strip(" \n\t"):
        # BeautifulSoup keeps a white-space-only string as one newline or space.
        return "\n" if "\n" in text else " "
    return text


def _decoded(raw: str) -> str | None:
    if NOT_SIMPLE_TEXT.search(raw):
        return None
    if "&" not in raw:
        return raw
    pieces = []
    pos = 0
    for entity in SIMPLE_ENTITY.finditer(raw):
        if "&" in raw[pos:entity.start()]:
            return None
        pieces.append(raw[pos:entity.start()])
        if entity.group(1):
            pieces.append(NAMED[entity.group(1)])
        else:
            code = int(entity.group(2))
            if not (32 <= code < 127 or 160 <= code < 0xD800 or 0xE000 <= code <= 0x10FFFF):
                return None
            pieces.append(chr(code))
        pos = entity.end()
    if "&" in raw[pos:]:
        return None
    return "".join(pieces) + raw[pos:]


def absolutize_html(html: str, page_url: str, site_url: str) -> str:
    """Make every href/src absolute and drop active content (scripts, handlers)."""
    parts = simple_html(html or "")
    if parts is not None:
        # As BeautifulSoup's minimal formatter writes text: & < > escaped.
        return "".join(
            text if is_tag else text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            for is_tag, text in parts
        )
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
    # Readers render an RSS description as HTML, so plain text goes in escaped
    # ("<Beijing Auto Co>" would vanish, "&lt;img …&gt;" become an element);
    # Atom says so with type="html".
    entry.summary(html.escape(item.summary or item.title, quote=False), type="html")
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
    fields: dict[str, object] = {
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
    if not item.authors:  # JSON Feed 1.1: an "authors" list holds one or more
        del fields["authors"]
    return fields
