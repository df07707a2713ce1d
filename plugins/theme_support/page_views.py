"""What a page of this theme shows, as plain values: the render key's input.

speedups renders a page again only when its view changed (speedups/page_memo).
A view must name everything its template reads, through base.html and the
partials it includes; settings need not be named (the memo is stamped with
them). tests/test_page_memo.py checks these field lists against the
templates, so a template edit that reads a new field fails there until the
field is added here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from speedups.page_memo import render_key  # plugins/ is on sys.path

# article.html, with base.html, _feed_links.html and _also_reported.html.
ARTICLE_FIELDS = (
    "title", "summary", "url", "save_as", "lang", "text_lang", "date", "locale_date", "category",
    "authors", "source", "source_url", "source_slug", "dateline", "reading_minutes",
    "show_standfirst", "content", "credits", "tag_links", "json_ld",
    "also_reported", "related_stories", "newer_story", "older_story",
    "region_url", "unlinked_authors",
)
# What those pages show of another story (related, previous/next, also reported).
LINKED_FIELDS = ("url", "title", "date", "locale_date", "source")
# What they show of a region, an author: its name, URL and slug (feed links).
NAMED_FIELDS = ("name", "url", "slug")
LINK_LISTS = {"also_reported", "related_stories"}
LINKS = {"newer_story", "older_story"}
NAMED = {"category"}
NAMED_LISTS = {"authors"}
# _story_card.html: what a list page shows of each story.
CARD_FIELDS = ("url", "title", "date", "locale_date", "category", "source", "summary", "lang",
               "text_lang")
# What tag.html/category.html/author.html (through _list.html, _pagination.html
# and _feed_links.html) show of the term itself; pagination follows from its
# URL, its page name, its story count and the settings.
TERM_FIELDS = ("name", "slug", "url", "save_as", "page_name")
RECORD_LISTS = {"tag_links"}  # lists of frozen dataclasses (TagLink)
DATES = {"date"}


def article_views(context: dict[str, Any]) -> Callable[[Any], tuple[Any, ...]]:
    """The view of article.html for one build: everything a page shows of its
    article and of the site's context (``context`` is the build's, final)."""
    # base.html's menu lists the pages (title, URL): the same on every page.
    menu = [(page.url, page.title) for page in context.get("pages", ())]
    # A story is shown on about six other pages (related, previous/next).
    linked: dict[int, tuple[Any, ...]] = {}

    def link(story: Any) -> tuple[Any, ...]:
        found = linked.get(id(story))
        if found is None:
            found = linked[id(story)] = _linked(story)
        return found

    def view(article: Any) -> tuple[Any, ...]:
        values: list[Any] = [getattr(article, "template", "article"), menu]
        for name in ARTICLE_FIELDS:
            value = getattr(article, name, None)
            if name in LINK_LISTS:
                value = [link(other) for other in value or ()]
            elif name in LINKS:
                value = None if value is None else link(value)
            elif name in NAMED:
                value = None if value is None else _named(value)
            elif name in NAMED_LISTS:
                value = [_named(item) for item in value or ()]
            elif name in RECORD_LISTS:
                value = [tuple(vars(item).values()) for item in value or ()]
            elif name in DATES:
                value = _date(value)
            values.append(value)
        return tuple(values)

    return view


def term_views(kind: str) -> Callable[[dict[str, Any]], Callable[[Any], tuple[Any, ...]]]:
    """The view of a ``kind`` page set (tag, category, author): every page of one term."""

    def views(context: dict[str, Any]) -> Callable[[Any], tuple[Any, ...]]:
        menu = [(page.url, page.title) for page in context.get("pages", ())]
        # tag.html labels a tag by its kind ("Country", "Topic").
        kinds = (context.get("tag_kinds") or {}) if kind == "tag" else {}
        # A story's card is shown on about ten lists: its digest is taken once.
        cards: dict[int, str] = {}

        def card(story: Any) -> str:
            found = cards.get(id(story))
            if found is None:
                found = cards[id(story)] = render_key(
                    [_date(getattr(story, name, None)) if name in DATES
                     else _text(getattr(story, name, None)) for name in CARD_FIELDS]
                )
            return found

        def view(item: tuple[Any, list[Any]]) -> tuple[Any, ...]:
            term, stories = item
            return (
                kind,
                menu,
                [str(getattr(term, name, "")) for name in TERM_FIELDS],
                kinds.get(term.slug),
                [card(story) for story in stories],
            )

        return view

    return views


def edition_views(context: dict[str, Any]) -> Callable[[Any], tuple[Any, ...]]:
    """The view of edition.html (with base.html and _editions_feed_links.html):
    the menu and the edition itself. An Edition is a frozen dataclass of plain
    values (its stories, sections, neighbours' keys); its URL and title
    follow from them."""
    menu = [(page.url, page.title) for page in context.get("pages", ())]

    def view(edition: Any) -> tuple[Any, ...]:
        return ("edition", menu, edition)

    return view


def _text(value: Any) -> Any:
    # A region (URLWrapper) is shown by its name.
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _linked(story: Any) -> tuple[Any, ...]:
    return tuple(
        _date(getattr(story, name, None)) if name in DATES else getattr(story, name, None)
        for name in LINKED_FIELDS
    )


def _named(item: Any) -> tuple[Any, ...]:
    return tuple(str(getattr(item, name, "")) for name in NAMED_FIELDS)


def _date(value: Any) -> Any:
    # Plain JSON for the render key: a date is its ISO text and its zone.
    return (value.isoformat(), str(value.tzinfo)) if isinstance(value, datetime) else value
