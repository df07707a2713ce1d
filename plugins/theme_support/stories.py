"""Story arithmetic the theme needs: reading time, lede repeats, related stories,
front-page sections and neighbours. Pure: never imports pelican.
"""

from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
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
    count = len(stories)
    order = sorted(range(count), key=lambda i: (stories[i].date, stories[i].key))
    rank = [0] * count
    for position, index in enumerate(order):
        rank[index] = position
    postings: dict[str, list[int]] = defaultdict(list)
    where: list[list[tuple[str, int]]] = [[] for _ in stories]
    for index in order:
        for slug in sorted(stories[index].tags):
            where[index].append((slug, len(postings[slug])))
            postings[slug].append(index)
    members = {slug: np.asarray(found, dtype=np.intp) for slug, found in postings.items()}
    weight = {slug: math.log(1 + count / len(found)) for slug, found in postings.items()}
    keys = [story.key for story in stories]
    return [
        _best_related(i, where[i], members, weight, rank, keys, limit, window)
        for i in range(count)
    ]


def _best_related(
    index: int,
    where: list[tuple[str, int]],
    members: dict[str, np.ndarray],
    weight: dict[str, float],
    rank: list[int],
    keys: list[str],
    limit: int,
    window: int,
) -> tuple[int, ...]:
    if limit <= 0 or not where:
        return ()
    parts = [members[slug][max(0, position - window) : position + window + 1]
             for slug, position in where]
    others = np.concatenate(parts)
    weights = np.repeat([weight[slug] for slug, _ in where], [len(part) for part in parts])
    keep = others != index
    others, weights = others[keep], weights[keep]
    if not len(others):
        return ()
    # bincount adds each story's weights in array order, i.e. tag by tag in
    # slug order: the same float sums (and so the same ties) as adding them
    # one at a time.
    found, inverse = np.unique(others, return_inverse=True)
    scores = np.bincount(inverse, weights=weights)
    # Only stories scoring at least the limit-th best score can make the list;
    # sorting just those (ties included) gives exactly the full sort's top.
    if len(scores) > limit:
        floor = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        contenders = np.flatnonzero(scores >= floor).tolist()
    else:
        contenders = list(range(len(scores)))
    near = rank[index]
    ranked = sorted(
        (-float(scores[j]), abs(rank[other] - near), keys[other], other)
        for j in contenders
        for other in (int(found[j]),)
    )
    return tuple(entry[3] for entry in ranked[:limit])


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
