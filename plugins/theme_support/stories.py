"""Story arithmetic the theme needs: reading time, lede repeats, related stories,
front-page sections and neighbours. Pure: never imports pelican.
"""

from __future__ import annotations

import heapq
import html
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from wire_reader.story import count_words  # one definition of a word, for wire and theme

TAG_RE = re.compile(r"<[^>]*>")
FIRST_PARAGRAPH_RE = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S | re.I)
SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class TaggedStory:
    """What related-story search needs of an article: a key, a date, tag slugs."""

    key: str
    date: datetime
    tags: frozenset[str]


@dataclass(frozen=True)
class Section:
    """A front-page group: a label (region or topic) and story indexes, newest first."""

    label: str
    members: tuple[int, ...] = field(default_factory=tuple)


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment, entities decoded, spaces collapsed."""
    return SPACE_RE.sub(" ", html.unescape(TAG_RE.sub("", fragment))).strip()


def reading_minutes(content_html: str, words_per_minute: int = 230) -> int:
    """Whole minutes to read a story, at least one."""
    return minutes_for(count_words(plain_text(content_html)), words_per_minute)


def minutes_for(words: int, words_per_minute: int = 230) -> int:
    """Whole minutes to read ``words`` words, at least one."""
    return max(1, math.ceil(words / max(1, words_per_minute)))


def summary_repeats_lede(summary_html: str, content_html: str) -> bool:
    """True when the summary is the first paragraph (or the start of it)."""
    summary = plain_text(summary_html).rstrip("…").rstrip()
    match = FIRST_PARAGRAPH_RE.search(content_html)
    if not summary or not match:
        return not summary
    return plain_text(match.group(1)).startswith(summary)


def find_related(
    stories: Sequence[TaggedStory], limit: int = 4, window: int = 50
) -> list[tuple[int, ...]]:
    """For each story, indexes of up to ``limit`` stories sharing its tags.

    An inverted index from tag slug to stories in date order; each story only
    looks at the ``window`` stories either side of it in each of its tags'
    lists, so the work is N x tags x window (linear), not N². Shared tags are
    weighted by rarity (a shared "Harbin" says more than a shared "China");
    ties go to the story nearest in time, then to the key, so output is stable.
    """
    order = sorted(range(len(stories)), key=lambda i: (stories[i].date, stories[i].key))
    rank = {index: position for position, index in enumerate(order)}
    postings: dict[str, list[int]] = defaultdict(list)
    where: list[dict[str, int]] = [{} for _ in stories]
    for index in order:
        for slug in sorted(stories[index].tags):
            where[index][slug] = len(postings[slug])
            postings[slug].append(index)
    weight = {slug: math.log(1 + len(stories) / len(members)) for slug, members in postings.items()}
    return [
        _best_related(i, stories, postings, where[i], weight, rank, limit, window)
        for i in range(len(stories))
    ]


def _best_related(
    index: int,
    stories: Sequence[TaggedStory],
    postings: dict[str, list[int]],
    where: dict[str, int],
    weight: dict[str, float],
    rank: dict[int, int],
    limit: int,
    window: int,
) -> tuple[int, ...]:
    scores: dict[int, float] = defaultdict(float)
    for slug, position in where.items():
        members = postings[slug]
        for other in members[max(0, position - window) : position + window + 1]:
            if other != index:
                scores[other] += weight[slug]
    if not scores or limit <= 0:
        return ()
    # Only stories scoring at least the limit-th best score can make the list;
    # sorting just those (ties included) gives exactly the full sort's top.
    floor = heapq.nlargest(limit, scores.values())[-1]
    contenders = [o for o, score in scores.items() if score >= floor]
    contenders.sort(key=lambda o: (-scores[o], abs(rank[o] - rank[index]), stories[o].key))
    return tuple(contenders[:limit])


def pick_lead(featured: Sequence[bool]) -> int | None:
    """Index of the lead story in a newest-first list: the newest featured one, else the newest."""
    if not featured:
        return None
    return next((i for i, flag in enumerate(featured) if flag), 0)


def group_sections(
    labels: Sequence[Sequence[str]],
    per_section: int,
    max_sections: int,
    skip: frozenset[int] = frozenset(),
) -> list[Section]:
    """Group newest-first stories by label; the most recently active sections come first.

    Stops reading once ``max_sections`` sections are full, so a 2,000-story
    site costs no more than a small one.
    """
    members: dict[str, list[int]] = {}
    for index, story_labels in enumerate(labels):
        if index in skip:
            continue
        for label in story_labels:
            if label not in members and len(members) >= max_sections:
                continue
            bucket = members.setdefault(label, [])
            if len(bucket) < per_section:
                bucket.append(index)
        if len(members) >= max_sections and all(len(b) >= per_section for b in members.values()):
            break
    return [Section(label, tuple(found)) for label, found in members.items()]


def neighbours(count: int) -> list[tuple[int | None, int | None]]:
    """(newer, older) index pairs for a newest-first list of ``count`` stories."""
    return [(i - 1 if i > 0 else None, i + 1 if i + 1 < count else None) for i in range(count)]
