"""The pure feed core: URLs, slugs, paths and feed bytes (no Pelican)."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from digest_feeds.build_feed import (
    Channel,
    FeedCategory,
    FeedItem,
    absolute_url,
    absolutize_html,
    build_atom,
    build_json_feed,
    build_rss,
    item_id,
    newest_first,
    plain_text,
    simple_html,
)
from digest_feeds.catalog import feed_paths, file_slug
from hypothesis import given, settings
from hypothesis import strategies as st

SITE = "https://example.github.io/digest"
PAGE = f"{SITE}/2024/05/17/story/"
MAY_17 = dt.datetime(2024, 5, 17, 8, 30, tzinfo=dt.UTC)
CHANNEL = Channel(
    title="Digest",
    link=f"{SITE}/",
    description="",
    self_url=f"{SITE}/feeds/all.rss.xml",
    language="en",
    id="tag:digest.example.org,2024:feed:all:all",
    author="Digest desk",
)


def story(slug: str, day: int, content: str = "<p>Body</p>") -> FeedItem:
    date = MAY_17.replace(day=day)
    return FeedItem(
        id=item_id("digest.example.org,2024", date, slug),
        title=f"Story {slug}",
        link=f"{SITE}/{slug}/",
        content_html=content,
        summary="Lede.",
        authors=("Qian Lang",),
        categories=("China", FeedCategory("Russia", f"{SITE}/tag/russia/")),
        published=date,
        updated=date,
    )


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/theme/a.css", f"{SITE}/theme/a.css"),  # root means the site's root, not the host's
        ("img.png", f"{PAGE}img.png"),
        ("../../", f"{SITE}/2024/05/"),
        ("#top", f"{PAGE}#top"),
        ("https://other.org/x", "https://other.org/x"),
        ("//cdn.example/x", "https://cdn.example/x"),  # protocol-relative takes the page's scheme
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("javascript:alert(1)", "#"),
        (" JavaScript:alert(1)", "#"),
    ],
)
def test_absolute_url(url: str, expected: str) -> None:
    assert absolute_url(url, PAGE, SITE) == expected


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<a href="/x/">x</a>', f'<a href="{SITE}/x/">x</a>'),
        (
            '<img src="a.png" srcset="a.png 1x, /b.png 2x"/>',
            f'<img src="{PAGE}a.png" srcset="{PAGE}a.png 1x, {SITE}/b.png 2x"/>',
        ),
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<p onclick="x()">a</p>', "<p>a</p>"),
        ("<p>&lt;script&gt; stays text</p>", "<p>&lt;script&gt; stays text</p>"),
    ],
)
def test_absolutize_html(html: str, expected: str) -> None:
    assert absolutize_html(html, PAGE, SITE) == expected


@pytest.mark.parametrize(
    "path, expected",
    [
        ("wire/2024-05-17-putin-harbin.txt", "putin-harbin"),
        ("2024-05-17_Putin Harbin.txt", "putin-harbin"),
        ("notes/editors-note.md", "editors-note"),
        ("wire/2024-05-17.txt", ""),  # nothing left: the caller falls back to the URL slug
    ],
)
def test_file_slug(path: str, expected: str) -> None:
    assert file_slug(path) == expected


def test_feed_paths_replace_the_slug_and_skip_formats_that_are_off() -> None:
    settings = {"DIGEST_FEED_TAG_RSS": "feeds/tag/{slug}.rss.xml", "DIGEST_FEED_TAG_ATOM": ""}
    assert feed_paths(settings, "tag", "china") == (("rss", "feeds/tag/china.rss.xml"),)


def test_item_id_is_a_tag_uri_without_host() -> None:
    assert item_id("digest.example.org,2024", MAY_17, "putin-harbin") == (
        "tag:digest.example.org,2024:2024-05-17:putin-harbin"
    )


def test_newest_first_breaks_date_ties_by_id_and_cuts() -> None:
    items = [story("b", 10), story("a", 12), story("c", 10)]
    assert [i.title for i in newest_first(items, 2)] == ["Story a", "Story c"]


@pytest.mark.parametrize("build", [build_rss, build_atom, build_json_feed])
def test_same_items_give_the_same_bytes_in_any_order(build) -> None:  # type: ignore[no-untyped-def]
    items = [story("a", 10), story("b", 12)]
    first = build(CHANNEL, items, build_date=MAY_17)
    assert first == build(CHANNEL, list(reversed(items)), build_date=MAY_17)
    assert b"version=" not in first.split(b"<generator", 1)[-1].split(b">", 1)[0]


@pytest.mark.parametrize("build", [build_rss, build_atom])
def test_feed_parses_with_empty_description_and_cdata_terminator(build) -> None:  # type: ignore[no-untyped-def]
    # "]]>" cannot sit inside CDATA; the RSS builder escapes such content instead.
    item = story("a", 10, "<p>code: a[b[0]]&gt;c ]]> end</p>")
    feed = feedparser.parse(build(CHANNEL, [item], build_date=MAY_17))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.get("subtitle") == "Digest"  # never empty: falls back to the title
    assert "c ]]> end" in feed.entries[0].content[0].value
    assert [a.name for a in feed.entries[0].authors] == ["Qian Lang"]
    assert feed.entries[0].id.startswith("tag:")


def test_a_json_feed_item_without_a_byline_names_no_authors() -> None:
    # JSON Feed 1.1: "authors", when present, holds one or more.
    from dataclasses import replace

    items = [replace(story("a", 10), authors=()), story("b", 12)]
    feed = json.loads(build_json_feed(CHANNEL, items, build_date=MAY_17))
    by_title = {item["title"]: item for item in feed["items"]}
    assert "authors" not in by_title["Story a"]
    assert by_title["Story b"]["authors"] == [{"name": "Qian Lang"}]


# --- the fast path for the reader's own markup equals BeautifulSoup's result

HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<h2>", "</h2>", "<em>", "</em>", "<strong>", "</strong>", "<li>", "</li>",
    '<span class="caps">', "</span>", '<p class="credit">', '</p class="x">', "<br>", "<P>",
    '<a href="/x">', "</a>", "<script>", "</script>", "<!-- c -->", "<", ">", "text", " ", "\n",
    "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#8220;", "&#39;", "&#150;", "&#0;", "&#xA0;",
    "&#32;", "&#10;", "&copy;", "&amp", "&", '"', "'", "\u00e9", "\r", "\x85", "\t",
])
FRAGMENTS = st.lists(HTML_PIECES, max_size=25).map("".join)


def _with_soup(html: str) -> tuple[str, str]:
    return (str(BeautifulSoup(html, "html.parser")),
            BeautifulSoup(html, "html.parser").get_text())


@settings(max_examples=3000, deadline=None)
@given(FRAGMENTS)
def test_simple_markup_shortcut_equals_beautifulsoup(html: str) -> None:
    # No URL or script can be in a fragment the shortcut takes, so the
    # result must be BeautifulSoup's serialisation of it, byte for byte.
    soup_html, soup_text = _with_soup(html)
    if simple_html(html) is not None:
        assert absolutize_html(html, PAGE, SITE) == soup_html
    assert plain_text(html) == soup_text


@pytest.mark.parametrize("html", [
    '<p>China &amp; Russia &#8220;agree&#8221;&nbsp;<span class="caps">NATO</span></p>\n'
    "<h2>Talks</h2>",
    '<p class="credit">Courtesy of RFA</p>',
    "Plain &lt;headline&gt;",
])
def test_the_readers_markup_takes_the_shortcut(html: str) -> None:
    assert simple_html(html) is not None
    assert absolutize_html(html, PAGE, SITE) == _with_soup(html)[0]
