"""Pelican glue: put on each article (and in the context) what the templates show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pelican.utils import slugify

from .seo import news_article
from .stories import (
    Section,
    TaggedStory,
    find_related,
    group_sections,
    minutes_for,
    neighbours,
    pick_lead,
    plain_text,
    reading_minutes,
    summary_repeats_lede,
)

KIND_LABELS = {
    "country": "Country",
    "place": "Place",
    "region": "Region",
    "topic": "Topic",
    "person": "Person",
}


@dataclass(frozen=True)
class TagLink:
    """A tag as the article page shows it: name, URL and the tagger's kind."""

    name: str
    slug: str
    url: str
    kind: str
    kind_label: str


@dataclass(frozen=True)
class FrontSection:
    label: str
    url: str
    articles: tuple[Any, ...]


RELATED_SPARE = 3


def annotate_articles(generator: Any) -> None:
    """Reading time, standfirst, tag kinds, JSON-LD, related, neighbours, front page."""
    settings, articles = generator.settings, generator.articles
    source_slugs: dict[str, str] = {}  # a few sources, thousands of articles
    for article in articles:
        _annotate(article, settings, source_slugs)
        article.region_url = article.category.url if article.category else ""
        article.unlinked_authors = ()
    _annotate_unlisted(generator, source_slugs)
    related = find_related(
        [TaggedStory(a.url, a.date, frozenset(t.slug for t in a.tag_links)) for a in articles],
        # A few spare: versions of the story itself ("Also reported by") are
        # known only once duplicates are grouped, and leave then (settle_related).
        limit=settings["DIGEST_RELATED_MAX"] + RELATED_SPARE,
        window=settings["DIGEST_RELATED_WINDOW"],
    )
    for article, found in zip(articles, related, strict=True):
        article.related_stories = [articles[i] for i in found]
    for article, (newer, older) in zip(articles, neighbours(len(articles)), strict=True):
        article.newer_story = articles[newer] if newer is not None else None
        article.older_story = articles[older] if older is not None else None
    generator.context.update(_front_page(articles, settings))
    generator.context["tag_kinds"] = {t.slug: t.kind for a in articles for t in a.tag_links}
    generator.context["archive_months"] = _archive_months(articles, settings)


def settle_related(generators: list[Any]) -> None:
    """all_generators_finalized: duplicates are grouped (digest_editions), so
    each story's related list leaves out its own versions and is cut to size,
    and the front page's sections list each story once."""
    for generator in generators:
        if not hasattr(generator, "articles") or "DIGEST_RELATED_MAX" not in generator.settings:
            continue
        limit = generator.settings["DIGEST_RELATED_MAX"]
        grouped = False
        for article in generator.articles:
            versions = {id(other) for other in getattr(article, "also_reported", None) or ()}
            grouped = grouped or bool(versions)
            related = getattr(article, "related_stories", None) or []
            article.related_stories = [s for s in related if id(s) not in versions][:limit]
        if grouped:  # the front page's sections show each story once, its newest version
            generator.context.update(
                _front_page(newest_versions(generator.articles), generator.settings))


def newest_versions(articles: list[Any]) -> list[Any]:
    """``articles`` (newest first) less the older versions of a story another
    agency, or an update, also filed ("Also reported by"); a story marked as
    the lead stays."""
    def versions(article: Any) -> set[int]:
        return {id(other) for other in getattr(article, "also_reported", None) or ()}

    # A story an editor marked as the lead stands for its group, whatever its age.
    featured = [a for a in articles if getattr(a, "featured", False)]
    taken = set().union(*map(versions, featured)) - {id(a) for a in featured}
    shown = []
    for article in articles:
        if id(article) not in taken:
            shown.append(article)
            taken |= versions(article)
    return shown


def _annotate_unlisted(generator: Any, source_slugs: dict[str, str]) -> None:
    """Hidden stories and translations: annotated like the others, but linking
    only pages that exist.

    Such a story is in no list, so a tag, region, author or source only it
    has gets no page and no feed; its page names them without a link.
    """
    hidden = [a for name in ("hidden_articles", "translations", "hidden_translations")
              for a in getattr(generator, name, None) or []]
    if not hidden:
        return
    tags = {tag.slug for tag in generator.tags}
    regions = {category.slug for category, _ in generator.categories}
    authors = {author.slug for author, _ in generator.authors}
    sources = {article.source_slug for article in generator.articles}
    for article in hidden:
        _annotate(article, generator.settings, source_slugs)
        article.tag_links = [link for link in article.tag_links if link.slug in tags]
        listed_region = article.category and article.category.slug in regions
        article.region_url = article.category.url if listed_region else ""
        article.unlinked_authors = tuple(sorted(
            a.slug for a in getattr(article, "authors", []) if a.slug not in authors))
        if article.source_slug not in sources:
            article.source_slug = article.source_url = ""
        article.json_ld = _json_ld(article, generator.settings)


def _annotate(article: Any, settings: dict[str, Any], source_slugs: dict[str, str]) -> None:
    body, summary = _raw_body(article), _raw_summary(article)
    pace, words = settings["DIGEST_WORDS_PER_MINUTE"], article.metadata.get("word_count")
    # Wire stories bring their word count (counted once, cached); others are counted here.
    article.reading_minutes = (
        reading_minutes(body, pace) if words is None else minutes_for(words, pace)
    )
    article.show_standfirst = not summary_repeats_lede(summary, body)
    if isinstance(getattr(article, "credits", None), str):
        # A Markdown article's "Credits:" header is one line, not a list of
        # characters (the template and the feeds show one paragraph each).
        article.credits = [article.credits]
    article.tag_links = _tag_links(article)
    source = str(getattr(article, "source", "") or "").strip()
    # The one source slug: digest_feeds names source feeds by it, site_pages groups by it.
    if source not in source_slugs:
        subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        source_slugs[source] = slugify(source, regex_subs=subs) if source else ""
    slug = article.source_slug = source_slugs[source]
    article.source_url = settings["DIGEST_SOURCE_URL"].format(slug=slug) if slug else ""
    article.json_ld = _json_ld(article, settings)


def _raw_body(article: Any) -> str:
    # Not article.content: Pelican memoizes it, and reading it before the pages
    # generator has run would freeze {filename} links to pages unresolved.
    return str(getattr(article, "_content", "") or "")


def _raw_summary(article: Any) -> str:
    return str(article.metadata.get("summary") or "")


FIRST_PARAGRAPH_RE = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)


def _description(article: Any) -> str:
    """The summary as plain text; without one, the first paragraph, as the
    page's meta description has it (Pelican's summary of one paragraph)."""
    summary = _raw_summary(article)
    if not summary:
        first = FIRST_PARAGRAPH_RE.search(_raw_body(article))
        summary = first.group(1) if first else ""
    return plain_text(summary)


def _tag_links(article: Any) -> list[TagLink]:
    kinds = {t.name: t.kind for t in getattr(article, "wire_tags", None) or []}
    links = []
    for tag in getattr(article, "tags", None) or []:
        kind = kinds.get(tag.name, "other")
        links.append(TagLink(tag.name, tag.slug, tag.url, kind, KIND_LABELS.get(kind, "Tag")))
    return links


def _json_ld(article: Any, settings: dict[str, Any]) -> dict[str, Any]:
    site = str(settings.get("SITEURL") or "").rstrip("/")
    return news_article(
        headline=plain_text(article.title),
        url=f"{site}/{article.url}",
        published=article.date,
        modified=getattr(article, "modified", None),
        authors=[(a.name, "" if a.slug in getattr(article, "unlinked_authors", ())
                  else f"{site}/{a.url}") for a in getattr(article, "authors", [])],
        publisher=settings["SITENAME"],
        publisher_url=f"{site}/",
        description=_description(article),
        keywords=[t.name for t in article.tag_links],
        section=str(article.category or ""),
        source=_source(article, site),
    )


def _source(article: Any, site: str) -> tuple[str, str] | None:
    name = getattr(article, "source", None)
    if not name:
        return None
    url = getattr(article, "source_url", None)
    return str(name), f"{site}/{url}" if url else ""


def _front_page(articles: list[Any], settings: dict[str, Any]) -> dict[str, Any]:
    lead = pick_lead([bool(getattr(a, "featured", False)) for a in articles])
    skip = frozenset() if lead is None else frozenset({lead})
    per, most = settings["DIGEST_FRONT_PER_SECTION"], settings["DIGEST_FRONT_MAX_SECTIONS"]
    regions = group_sections([[a.category.name] for a in articles], per, most, skip)
    topics = group_sections(
        [[t.name for t in a.tag_links if t.kind == "topic"] for a in articles], per, most, skip
    )
    region_urls = {a.category.name: a.category.url for a in articles}
    topic_urls = {t.name: t.url for a in articles for t in a.tag_links if t.kind == "topic"}
    return {
        "front_lead": None if lead is None else articles[lead],
        "front_regions": _sections(regions, region_urls, articles),
        "front_topics": _sections(topics, topic_urls, articles),
    }


def _sections(
    sections: list[Section], urls: dict[str, str], articles: list[Any]
) -> list[FrontSection]:
    return [
        FrontSection(s.label, urls.get(s.label, ""), tuple(articles[i] for i in s.members))
        for s in sections
    ]


def _archive_months(articles: list[Any], settings: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(label, month page URL or "", story count), newest month first."""
    pattern = settings.get("MONTH_ARCHIVE_URL", "") if settings.get("MONTH_ARCHIVE_SAVE_AS") else ""
    months: dict[tuple[int, int], list[Any]] = {}
    for article in articles:
        months.setdefault((article.date.year, article.date.month), []).append(article)
    return [
        (found[0].date.strftime("%B %Y"), pattern.format(date=found[0].date), len(found))
        for _key, found in sorted(months.items(), reverse=True)
    ]
