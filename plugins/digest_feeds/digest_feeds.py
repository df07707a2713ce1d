"""Pelican glue: site, region, tag and source feeds (RSS, Atom, JSON) and the Subscribe page."""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import html
import logging
import os
from collections.abc import Callable
from typing import Any

from pelican import signals
from pelican.utils import slugify
from speedups.derived_cache import DerivedCache
from speedups.write_if_changed import write_bytes_if_changed
from wire_reader.parse import link_addresses  # a credit's web address is a link, as on its page

from .build_feed import (
    Channel,
    FeedCategory,
    FeedItem,
    absolutize_html,
    build_atom,
    build_json_feed,
    build_rss,
    plain_text,
    story_id,
)
from .catalog import FeedSpec, describe_feed, feed_paths, file_slug, group_by_kind, site_url

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "DIGEST_FEED_ID_AUTHORITY": "digest.example.org,2024",
    "DIGEST_FEED_MAX_ITEMS": 50,
    "DIGEST_FEED_ALL_RSS": "feeds/all.rss.xml",
    "DIGEST_FEED_ALL_ATOM": "feeds/all.atom.xml",
    "DIGEST_FEED_ALL_JSON": "feeds/all.json",
    "DIGEST_FEED_REGION_RSS": "feeds/region/{slug}.rss.xml",
    "DIGEST_FEED_REGION_ATOM": "feeds/region/{slug}.atom.xml",
    "DIGEST_FEED_TAG_RSS": "feeds/tag/{slug}.rss.xml",
    "DIGEST_FEED_TAG_ATOM": "feeds/tag/{slug}.atom.xml",
    "DIGEST_FEED_SOURCE_RSS": "feeds/source/{slug}.rss.xml",
    "DIGEST_FEED_SOURCE_ATOM": "feeds/source/{slug}.atom.xml",
    "DIGEST_FEED_SUBSCRIBE_URL": "subscribe/",
    "DIGEST_FEED_SUBSCRIBE_SAVE_AS": "subscribe/index.html",
}
BUILDERS: dict[str, Callable[..., bytes]] = {
    "rss": build_rss,
    "atom": build_atom,
    "json": build_json_feed,
}


def add_defaults(pelican: Any) -> None:
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def name_sources(generator: Any) -> None:
    """Give each article a ``source_slug`` (templates link its source feed).

    theme_support (earlier in PLUGINS) sets it on published articles; this
    fills in drafts and builds without the theme plugin, the same way.
    """
    subs = generator.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    slugs: dict[str, str] = {}
    for article in generator.articles + generator.drafts:
        if hasattr(article, "source_slug"):
            continue
        source = str(getattr(article, "source", "") or "").strip()
        if source not in slugs:
            slugs[source] = slugify(source, regex_subs=subs) if source else ""
        article.source_slug = slugs[source]


def write_feeds(generator: Any, writer: Any) -> None:
    settings = generator.settings
    site = site_url(settings)
    items = FeedItems(settings, site, item_ids(generator.articles,
                                               settings["DIGEST_FEED_ID_AUTHORITY"]))
    # A feed whose channel and items are those of the last build is that
    # build's bytes: most feeds do not change when a story is added.
    built = DerivedCache(settings, "digest_feeds-documents")
    feeds = _plan(generator, site)
    for spec, articles in feeds:
        chosen = items.newest_first(articles, settings["DIGEST_FEED_MAX_ITEMS"])
        for fmt, path in spec.paths:
            channel = Channel(
                title=spec.title,
                link=spec.page_url,
                description=spec.description,
                self_url=f"{site}/{path}",
                language=settings["DEFAULT_LANG"],
                id=f"tag:{settings['DIGEST_FEED_ID_AUTHORITY']}:feed:{spec.kind}:{spec.slug}",
                author=settings.get("AUTHOR") or settings["SITENAME"],
            )
            build_date = _build_date(chosen)
            feed = built.get(
                (fmt, repr(channel), repr(build_date), *map(repr, chosen)),
                lambda: BUILDERS[fmt](channel, chosen, build_date=build_date),  # noqa: B023
            )
            write_bytes_if_changed(os.path.join(settings["OUTPUT_PATH"], path), feed)
    # The daily editions feed is written by digest_editions; it is listed here.
    editions = _spec(settings, "editions", settings["SITENAME"], "", f"{site}/")
    listed = [spec for spec, _ in feeds] + ([editions] if editions.paths else [])
    _write_subscribe_page(generator, writer, listed)
    items.derived.save()
    built.save()


class FeedItems:
    """Feed items of one build, each built once and only for articles a feed shows.

    Building an item parses the article's HTML; a feed shows at most
    DIGEST_FEED_MAX_ITEMS articles, so most articles never need one.
    """

    def __init__(self, settings: dict[str, Any], site: str, ids: dict[int, str]) -> None:
        self.settings, self.site, self.ids = settings, site, ids
        # An item's text and absolutized HTML (an HTML parse each) from the
        # last build, while the article and the site URL are the same.
        self.derived = DerivedCache(settings, "digest_feeds-items")
        self._keys: dict[int, tuple[dt.datetime, str]] = {}
        self._items: dict[int, FeedItem] = {}

    def newest_first(self, articles: list[Any], limit: int | None) -> list[FeedItem]:
        """As build_feed.newest_first over the articles' items: same key, same order."""
        if limit:
            # The sorted list's first ``limit``, without sorting thousands of stories.
            ordered = heapq.nlargest(limit, articles, key=self._sort_key)
        else:
            ordered = sorted(articles, key=self._sort_key, reverse=True)
        return [self._item(a) for a in ordered]

    def _sort_key(self, article: Any) -> tuple[dt.datetime, str]:
        # FeedItem (published, id), without parsing any HTML.
        key = self._keys.get(id(article))
        if key is None:
            key = self._keys[id(article)] = (article.date, self._id(article))
        return key

    def _id(self, article: Any) -> str:
        found = self.ids.get(id(article))
        if found is None:  # an article no feed of the site lists (an edition's own)
            authority = self.settings["DIGEST_FEED_ID_AUTHORITY"]
            found = story_id(authority, article.date, _stable_slug(article))
        return found

    def _item(self, article: Any) -> FeedItem:
        item = self._items.get(id(article))
        if item is None:
            item = self._items[id(article)] = _item(article, self.settings, self.site,
                                                     self.derived, self._id(article))
        return item


def item_ids(articles: list[Any], authority: str) -> dict[int, str]:
    """Each article's feed id, by ``id(article)``; no two alike.

    Files named alike give one id: "2024-06-02-Moscow-Talks.txt" and
    "2024-06-02-moscow-talks.txt", or the same name in two folders. Each of them
    then gets the id with a short hash of its own path, and a warning in the build
    report naming the others, so one can be renamed. None keeps the plain id: a
    file added later would otherwise take it from a story readers already have,
    and they would never see the new one.
    """
    by_id: dict[str, list[Any]] = {}
    for article in articles:
        by_id.setdefault(story_id(authority, article.date, _stable_slug(article)), []).append(
            article)
    ids: dict[int, str] = {}
    for plain, alike in by_id.items():
        if len(alike) == 1:
            ids[id(alike[0])] = plain
            continue
        paths = sorted(_source_path(a) for a in alike)
        for article in alike:
            path = _source_path(article)
            ids[id(article)] = f"{plain}-{hashlib.sha256(path.encode()).hexdigest()[:8]}"
            others = ", ".join(p for p in paths if p != path)
            fix = ("change one of their Slug: headers" if _has_slug_header(article)
                   else "rename one of the files")
            warning = (f"feed id {plain} is also {others}'s: this story's is {ids[id(article)]}; "
                       f"{fix} so each has its own")
            known = list(getattr(article, "wire_warnings", None) or [])
            if warning not in known:
                article.wire_warnings = [*known, warning]
    return ids


def _has_slug_header(article: Any) -> bool:
    story = getattr(article, "wire_story", None)
    if story is not None:
        return bool(story.header.get("slug"))
    return "slug" in (getattr(article, "header_keys", None) or ())


def _source_path(article: Any) -> str:
    return str(getattr(article, "relative_source_path", "") or "").replace(os.sep, "/")


def _plan(generator: Any, site: str) -> list[tuple[FeedSpec, list[Any]]]:
    settings = generator.settings
    by_source: dict[str, list[Any]] = {}
    for article in generator.articles:
        if getattr(article, "source_slug", ""):
            by_source.setdefault(article.source_slug, []).append(article)
    groups = [
        ("all", [(settings["SITENAME"], "all", f"{site}/", generator.articles)]),
        ("region", [(c.name, c.slug, f"{site}/{c.url}", arts) for c, arts in generator.categories]),
        ("tag", [(t.name, t.slug, f"{site}/{t.url}", arts) for t, arts in generator.tags.items()]),
        (
            "source",
            [
                (arts[0].source, slug, _source_page(settings, site, slug), arts)
                for slug, arts in by_source.items()
            ],
        ),
    ]
    plan = []
    for kind, members in groups:
        for name, slug, page, articles in sorted(members, key=lambda m: m[1]):
            spec = _spec(settings, kind, name, slug, page)
            if spec.paths:
                plan.append((spec, articles))
    return plan


def _spec(settings: dict[str, Any], kind: str, name: str, slug: str, page: str) -> FeedSpec:
    title, description = describe_feed(
        kind, name, settings["SITENAME"], settings.get("SITESUBTITLE", "")
    )
    return FeedSpec(kind, name, slug, title, description, page, feed_paths(settings, kind, slug))


def _source_page(settings: dict[str, Any], site: str, slug: str) -> str:
    # The theme's source pages (DIGEST_SOURCE_URL) when it has them, else the site.
    pattern = settings.get("DIGEST_SOURCE_URL") or ""
    return f"{site}/{pattern.replace('{slug}', slug)}" if pattern else f"{site}/"


def _item(article: Any, settings: dict[str, Any], site: str,
          derived: DerivedCache, item_id: str) -> FeedItem:
    page = f"{site}/{article.url}"
    # The credit lines travel with the story, as on its page: a publisher's
    # permission to republish is stated there, and a full-text item without
    # it would republish the story without its terms.
    lines = getattr(article, "credits", None) or ()
    lines = [lines] if isinstance(lines, str) else lines  # a Markdown "Credits:" header
    credits = "".join(f'<p class="credit">{link_addresses(str(c))}</p>' for c in lines)
    # The dateline opens the item as it opens the story on its page: where it
    # was filed, and by which agency ("MOSCOW, June 6 (Interfax)").
    dateline = plain_text(str(getattr(article, "dateline", "") or ""))
    opening = f'<p class="dateline">{html.escape(dateline, quote=False)}</p>' if dateline else ""
    title, content = article.title or "", opening + (article.get_content(site) or "") + credits
    summary = article.summary or ""
    title_text, content_html, summary_text = derived.get(
        (title, content, summary, page, site),
        lambda: (plain_text(title), absolutize_html(content, page, site), plain_text(summary)))
    return FeedItem(
        id=item_id,
        title=title_text,
        link=page,
        content_html=content_html,
        summary=summary_text,
        # No byline: the agency that filed it, so a reader can tell whose copy it is.
        authors=tuple(a.name for a in getattr(article, "authors", []))
        or ((str(article.source),) if getattr(article, "source", None) else ()),
        categories=tuple(
            FeedCategory(t.name, f"{site}/{t.url}") for t in getattr(article, "tags", [])
        ),
        published=article.date,
        updated=getattr(article, "modified", None) or article.date,
    )


def _stable_slug(article: Any) -> str:
    # An editor's Slug: header is deliberate; otherwise the file name, which
    # (unlike the headline-derived slug) survives a corrected headline.
    story = getattr(article, "wire_story", None)
    if story is not None and story.header.get("slug"):
        return str(article.slug)
    if story is None:  # Markdown: its reader names the header lines it read
        if "slug" in (getattr(article, "header_keys", None) or ("slug",)):
            return str(article.slug)
        return file_slug(article.relative_source_path) or str(article.slug)
    return file_slug(getattr(article, "wire_source", "") or "") or str(article.slug)


def _build_date(items: list[FeedItem]) -> dt.datetime:
    if items:
        return max(i.updated for i in items)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(epoch, dt.UTC)


def _write_subscribe_page(generator: Any, writer: Any, specs: list[FeedSpec]) -> None:
    settings = generator.settings
    save_as = settings.get("DIGEST_FEED_SUBSCRIBE_SAVE_AS")
    if not save_as:
        return
    try:
        template = generator.get_template("subscribe")
    except Exception as err:  # PelicanTemplateNotFound: a theme without the page
        logger.warning("digest_feeds: no Subscribe page: %s", err)
        return
    writer.write_file(
        save_as,
        template,
        generator.context,
        settings.get("RELATIVE_URLS", False),
        url=settings.get("DIGEST_FEED_SUBSCRIBE_URL"),
        page_name="subscribe",
        feed_groups=group_by_kind(specs),
    )


def register() -> None:
    # initialized: defaults must be in the settings before Pelican copies them
    # into the template context (partials read the DIGEST_FEED_* paths).
    signals.initialized.connect(add_defaults)
    # article_generator_finalized: tags, regions and sources are known, and
    # article pages are not written yet.
    signals.article_generator_finalized.connect(name_sources)
    # article_writer_finalized: articles have their final URLs and content.
    signals.article_writer_finalized.connect(write_feeds)
