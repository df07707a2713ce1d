"""Daily and weekly editions: stories grouped by day or ISO week, region, topic.

Pure: plain dataclasses in and out; never imports Pelican. A day is a day in
the digest's time zone, so a story filed at 23:30 in Beijing belongs to the
Beijing day when the digest runs on Beijing time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal
from zoneinfo import ZoneInfo

EditionKind = Literal["day", "week"]
EDITION_URL = "digest/{key}/"
EDITION_SAVE_AS = "digest/{key}/index.html"
EDITIONS_INDEX_SAVE_AS = "digest/index.html"
NO_TOPIC = "Other news"


@dataclass(frozen=True)
class Story:
    """One article as an edition shows it."""

    key: str  # unique and stable (the source path)
    title_html: str  # safe HTML (escaped by the reader)
    url: str  # relative to SITEURL
    source: str
    dateline: str
    lede_html: str  # safe HTML
    published: dt.datetime  # timezone-aware
    region: str
    region_url: str
    topic: str | None  # its most salient topic tag
    salience: float  # its highest tag score; 0 when untagged
    lang: str = ""  # the language its text is in ("ru"), marked on its card


@dataclass(frozen=True)
class Entry:
    """A story shown once, with the other versions of it in the same edition."""

    lead: Story
    others: tuple[Story, ...]
    weight: float

    @property
    def sources(self) -> tuple[str, ...]:
        return _distinct(s.source for s in (self.lead, *self.others) if s.source)


@dataclass(frozen=True)
class TopicGroup:
    name: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Section:
    """One region of an edition; ``more`` stories past the section limit."""

    region: str
    region_url: str
    topics: tuple[TopicGroup, ...]
    more: int


@dataclass(frozen=True)
class Edition:
    kind: EditionKind
    key: str  # "2024-05-17" or "2024-W20"
    start: dt.date
    end: dt.date  # inclusive
    sections: tuple[Section, ...]
    story_count: int  # stories as shown: versions of one story count once
    published: dt.datetime  # the newest story in it
    prev_key: str | None = None
    next_key: str | None = None
    week_key: str | None = None  # the week a day belongs to

    @property
    def url(self) -> str:
        return EDITION_URL.format(key=self.key)

    @property
    def save_as(self) -> str:
        return EDITION_SAVE_AS.format(key=self.key)

    @property
    def prev_url(self) -> str | None:
        return EDITION_URL.format(key=self.prev_key) if self.prev_key else None

    @property
    def next_url(self) -> str | None:
        return EDITION_URL.format(key=self.next_key) if self.next_key else None

    @property
    def week_url(self) -> str | None:
        return EDITION_URL.format(key=self.week_key) if self.week_key else None

    @property
    def title(self) -> str:
        """``Friday 17 May 2024`` or ``Week 20, 2024 (13–19 May)``."""
        if self.kind == "day":
            return f"{self.start:%A} {self.start.day} {self.start:%B %Y}"
        year, week, _ = self.start.isocalendar()
        span = f"{self.start.day} {self.start:%b} – {self.end.day} {self.end:%b}"
        return f"Week {week}, {year} ({span})"


def local_day(when: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The calendar day of ``when`` in the digest's time zone."""
    return when.astimezone(tz).date()


def day_key(when: dt.datetime, tz: ZoneInfo) -> str:
    return local_day(when, tz).isoformat()


def week_key(when: dt.datetime, tz: ZoneInfo) -> str:
    """ISO week, e.g. ``2024-W20`` (the ISO year, which can differ near 1 January)."""
    year, week, _ = local_day(when, tz).isocalendar()
    return f"{year}-W{week:02d}"


def build_editions(
    stories: Sequence[Story],
    groups: Iterable[Sequence[str]],
    *,
    kind: EditionKind,
    tz: ZoneInfo,
    max_per_section: int | None = None,
) -> list[Edition]:
    """One edition per day (or ISO week) with stories, oldest first, linked prev/next."""
    key_of: Callable[[dt.datetime, ZoneInfo], str] = day_key if kind == "day" else week_key
    group_of = {key: tuple(members) for members in groups for key in members}
    by_period: dict[str, list[Story]] = {}
    for story in stories:
        by_period.setdefault(key_of(story.published, tz), []).append(story)
    editions = [
        _edition(kind, key, members, group_of, tz, max_per_section)
        for key, members in sorted(by_period.items())
    ]
    return _link(editions)


def _edition(
    kind: EditionKind,
    key: str,
    stories: list[Story],
    group_of: dict[str, tuple[str, ...]],
    tz: ZoneInfo,
    max_per_section: int | None,
) -> Edition:
    start = min(local_day(s.published, tz) for s in stories)
    if kind == "week":
        start -= dt.timedelta(days=start.weekday())
    end = start + dt.timedelta(days=0 if kind == "day" else 6)
    entries = collapse(stories, group_of)
    return Edition(
        kind=kind,
        key=key,
        start=start,
        end=end,
        sections=sections_of(entries, max_per_section),
        story_count=len(entries),
        published=max(s.published for s in stories),
        week_key=week_key(stories[0].published, tz) if kind == "day" else None,
    )


def collapse(stories: Sequence[Story], group_of: dict[str, tuple[str, ...]]) -> list[Entry]:
    """One entry per duplicate group present; the newest version leads, as it
    supersedes earlier ones (an update or correction carries the latest facts)."""
    by_group: dict[tuple[str, ...], list[Story]] = {}
    for story in stories:
        by_group.setdefault(group_of.get(story.key, (story.key,)), []).append(story)
    entries = []
    for members in by_group.values():
        members.sort(key=lambda s: (-s.published.timestamp(), s.key))
        lead, others = members[0], tuple(members[1:])
        entries.append(Entry(lead, others, weight=entry_weight(lead, others)))
    return entries


def entry_weight(lead: Story, others: Sequence[Story]) -> float:
    """Tag salience times the number of sources that carried the story.

    ``1 +`` keeps an untagged story carried by two agencies above an untagged
    one carried by one; an update from the same agency adds no weight.
    """
    members = (lead, *others)
    sources = len(_distinct(s.source or s.key for s in members))
    return (1.0 + max(s.salience for s in members)) * sources


def sections_of(entries: Sequence[Entry], max_per_section: int | None) -> tuple[Section, ...]:
    """Regions, then topics, heaviest first; at most ``max_per_section`` per region."""
    by_region: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=_rank):
        by_region.setdefault(entry.lead.region, []).append(entry)
    sections = []
    for region, members in by_region.items():
        shown = members[:max_per_section] if max_per_section else members
        sections.append(
            Section(
                region, members[0].lead.region_url, _topics(shown), more=len(members) - len(shown)
            )
        )
    return tuple(sections)  # by_region kept the order of each region's top entry


def _topics(entries: Sequence[Entry]) -> tuple[TopicGroup, ...]:
    by_topic: dict[str, list[Entry]] = {}
    for entry in entries:  # already ranked
        by_topic.setdefault(entry.lead.topic or NO_TOPIC, []).append(entry)
    # Untagged stories go last: a named topic says more to a reader.
    order = sorted(by_topic, key=lambda name: name == NO_TOPIC)
    return tuple(TopicGroup(name, tuple(by_topic[name])) for name in order)


def _rank(entry: Entry) -> tuple[float, float, str]:
    return (-entry.weight, -entry.lead.published.timestamp(), entry.lead.key)


def _link(editions: list[Edition]) -> list[Edition]:
    keys = [e.key for e in editions]
    return [
        replace(
            e,
            prev_key=keys[i - 1] if i else None,
            next_key=keys[i + 1] if i + 1 < len(keys) else None,
        )
        for i, e in enumerate(editions)
    ]


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
