"""Which feeds a site has and where each is written. No Pelican import.

A feed is named by its kind (``all``, ``region``, ``tag``, ``source``) and a
slug; its output paths come from ``DIGEST_FEED_{KIND}_{FORMAT}`` settings whose
``{slug}`` is replaced. An empty path setting turns that feed off.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

FORMATS = ("rss", "atom", "json")
KIND_HEADINGS = {
    "all": "The whole digest",
    "editions": "Daily editions",
    "region": "By region",
    "tag": "By tag",
    "source": "By source",
}
DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]*")
NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class FeedSpec:
    kind: str  # all | region | tag | source
    name: str  # what the feed follows: "China", "Eastern Asia", the site name
    slug: str
    title: str
    description: str
    page_url: str  # the HTML page the feed mirrors: the site, a tag or a region page
    paths: tuple[tuple[str, str], ...]  # (format, output path), formats in FORMATS order

    def path(self, fmt: str) -> str:
        """The output path of this feed in ``fmt``, or "" when it is off."""
        return dict(self.paths).get(fmt, "")


def feed_paths(settings: Mapping[str, object], kind: str, slug: str) -> tuple[tuple[str, str], ...]:
    """(format, path) for every format this kind of feed is written in."""
    found = []
    for fmt in FORMATS:
        pattern = settings.get(f"DIGEST_FEED_{kind.upper()}_{fmt.upper()}") or ""
        if isinstance(pattern, str) and pattern:
            found.append((fmt, pattern.replace("{slug}", slug)))
    return tuple(found)


def site_url(settings: Mapping[str, object]) -> str:
    """The absolute site URL feeds link to: ``FEED_DOMAIN``, else ``SITEURL``, no final slash."""
    return str(settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")


def describe_feed(kind: str, name: str, site_name: str, site_subtitle: str) -> tuple[str, str]:
    """A feed's title and (never empty) description."""
    if kind == "all":
        return site_name, site_subtitle or f"Every story in {site_name}"
    if kind == "editions":
        return f"{site_name}: daily editions", f"One item per day's edition of {site_name}"
    if kind == "region":
        return f"{site_name}: {name}", f"Stories from {name}, newest first"
    if kind == "tag":
        return f"{site_name}: {name}", f"Stories tagged {name}, newest first"
    return f"{site_name}: from {name}", f"Stories from the {name} wire, newest first"


def group_by_kind(specs: list[FeedSpec]) -> list[tuple[str, list[FeedSpec]]]:
    """(heading, specs) for each kind that has feeds, in KIND_HEADINGS order."""
    return [
        (heading, [s for s in specs if s.kind == kind])
        for kind, heading in KIND_HEADINGS.items()
        if any(s.kind == kind for s in specs)
    ]


def file_slug(source_path: str) -> str:
    """A file name's slug without its date: ``2024-05-17-putin-harbin.txt`` -> ``putin-harbin``.

    File names outlive headline corrections, so feed ids built from them do too.
    Letters are transliterated as addresses are (``путин-1`` -> ``putin-1``).
    """
    from unidecode import unidecode  # Pelican's own transliteration

    stem = source_path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return NOT_SLUG.sub("-", unidecode(DATE_PREFIX.sub("", stem)).lower()).strip("-")
