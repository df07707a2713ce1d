"""Pelican glue: turn published articles into feedgen feeds."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from bs4 import BeautifulSoup
from pelican import signals

from .build_feed import Channel, FeedItem, build_rss, item_id


def write_feeds(generator: Any, writer: Any) -> None:
    settings = generator.settings
    path = settings.get("DIGEST_FEED_ALL_RSS")
    if not path:
        return
    site = settings.get("SITEURL", "")
    limit = settings.get("DIGEST_FEED_MAX_ITEMS", 50)
    items = [_item(a, settings) for a in generator.articles[:limit]]
    channel = Channel(title=settings["SITENAME"], link=f"{site}/",
                      description=settings.get("SITESUBTITLE") or settings["SITENAME"],
                      self_url=f"{site}/{path}", language=settings.get("DEFAULT_LANG", "en"),
                      id=f"tag:{settings['DIGEST_FEED_ID_AUTHORITY']}:feed:all")
    out = os.path.join(settings["OUTPUT_PATH"], path)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as handle:
        handle.write(build_rss(channel, items, build_date=_build_date(items)))


def _item(article: Any, settings: dict[str, Any]) -> FeedItem:
    site = settings.get("SITEURL", "")
    updated = getattr(article, "modified", None) or article.date
    return FeedItem(
        id=item_id(settings["DIGEST_FEED_ID_AUTHORITY"], article.date, article.slug),
        title=_plain(article.title), link=f"{site}/{article.url}",
        content_html=article.get_content(site), summary=_plain(article.summary),
        authors=tuple(a.name for a in getattr(article, "authors", [])),
        categories=tuple(t.name for t in getattr(article, "tags", [])),
        published=article.date, updated=updated)


def _plain(html: str) -> str:
    return BeautifulSoup(html or "", "html.parser").get_text()


def _build_date(items: list[FeedItem]) -> dt.datetime:
    if items:
        return max(i.updated for i in items)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)


def register() -> None:
    # article_writer_finalized: articles have their final URLs and content.
    signals.article_writer_finalized.connect(write_feeds)
