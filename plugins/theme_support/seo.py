"""Machine-readable page data: JSON-LD for <script>, sitemap.xml, robots.txt.

Pure: never imports pelican.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

# Characters that could end a <script> element or open an HTML comment inside
# it; JSON allows them as \u escapes, so the data stays identical.
SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: datetime | None = None


def script_json(data: Any) -> str:
    """JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    for raw, escaped in SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def news_article(
    *,
    headline: str,
    url: str,
    published: datetime,
    modified: datetime | None,
    authors: Sequence[tuple[str, str]],
    publisher: str,
    publisher_url: str,
    description: str,
    keywords: Sequence[str],
    section: str,
    source: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """A schema.org NewsArticle; authors are (name, url) pairs, url "" for an
    author without a page of their own. Without authors, the ``source``
    agency (name, url) is the author, else the publisher."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline[:110],
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": published.isoformat(),
        "dateModified": (modified or published).isoformat(),
        "author": [{"@type": "Person", "name": name, **({"url": link} if link else {})}
                   for name, link in authors]
        or [_organization(*source) if source else _organization(publisher, publisher_url)],
        "publisher": {"@type": "Organization", "name": publisher, "url": publisher_url},
        "description": description,
        "keywords": list(keywords),
    }
    if section:
        data["articleSection"] = section
    return data


def _organization(name: str, url: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


def sitemap_xml(entries: Sequence[SitemapEntry]) -> str:
    """A sitemaps.org urlset, in the order given."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for entry in entries:
        lastmod = f"<lastmod>{entry.lastmod.date().isoformat()}</lastmod>" if entry.lastmod else ""
        lines.append(f"  <url><loc>{escape(entry.loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_url: str | None) -> str:
    """Allow everything; point crawlers at the sitemap when its URL is absolute."""
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url and sitemap_url.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {sitemap_url}")
    return "\n".join(lines) + "\n"


def page_url(path: str) -> str:
    """The URL path of an output file: "a/b/index.html" -> "a/b/", "404.html" stays."""
    return path[: -len("index.html")] if path.endswith("index.html") else path
