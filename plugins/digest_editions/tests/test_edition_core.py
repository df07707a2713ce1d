"""Table-driven tests of the editions core: days, weeks, order, sections (no Pelican)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from digest_editions.editions import (
    NO_TOPIC,
    Story,
    build_editions,
    collapse,
    day_key,
    sections_of,
    week_key,
)

UTC = ZoneInfo("UTC")
BEIJING = ZoneInfo("Asia/Shanghai")
PLUS8 = dt.timezone(dt.timedelta(hours=8))


def story(
    key: str,
    *,
    at: dt.datetime | None = None,
    region: str = "Eastern Asia",
    source: str = "Reuters",
    topic: str | None = None,
    salience: float = 0.0,
) -> Story:
    return Story(
        key=key,
        title_html=key,
        url=f"{key}/",
        source=source,
        dateline="",
        lede_html="",
        published=at or dt.datetime(2024, 5, 17, 9, tzinfo=dt.UTC),
        region=region,
        region_url=f"region/{region.lower().replace(' ', '-')}/",
        topic=topic,
        salience=salience,
    )


@pytest.mark.parametrize(
    ("when", "tz", "day"),
    [
        (dt.datetime(2024, 5, 17, 23, 30, tzinfo=PLUS8), BEIJING, "2024-05-17"),
        (dt.datetime(2024, 5, 17, 23, 30, tzinfo=PLUS8), UTC, "2024-05-17"),  # 15:30 UTC
        (dt.datetime(2024, 5, 18, 7, 30, tzinfo=PLUS8), BEIJING, "2024-05-18"),
        (
            dt.datetime(2024, 5, 18, 7, 30, tzinfo=PLUS8),
            UTC,
            "2024-05-17",
        ),  # 23:30 UTC the day before
        (dt.datetime(2024, 5, 17, 20, 0, tzinfo=dt.UTC), BEIJING, "2024-05-18"),
    ],
)
def test_day_key_is_the_day_in_the_digest_time_zone(
    when: dt.datetime, tz: ZoneInfo, day: str
) -> None:
    assert day_key(when, tz) == day


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (dt.date(2024, 5, 17), "2024-W20"),
        (dt.date(2024, 5, 20), "2024-W21"),  # Monday starts a week
        (dt.date(2024, 12, 30), "2025-W01"),  # ISO year differs from the calendar year
        (dt.date(2021, 1, 3), "2020-W53"),
    ],
)
def test_week_key_is_the_iso_week(day: dt.date, week: str) -> None:
    assert week_key(dt.datetime.combine(day, dt.time(12), dt.UTC), UTC) == week


def test_a_group_collapses_to_its_newest_version() -> None:
    early = story("a", at=dt.datetime(2024, 5, 17, 9, tzinfo=dt.UTC))
    late = story("b", at=dt.datetime(2024, 5, 17, 11, tzinfo=dt.UTC))
    other = story("c", source="TASS")
    group = {k: ("a", "b", "c") for k in "abc"}
    [entry, single] = sorted(
        collapse([early, late, other, story("d")], group), key=lambda e: len(e.others), reverse=True
    )
    assert entry.lead == late
    assert [s.key for s in entry.others] == ["a", "c"]
    assert entry.sources == ("Reuters", "TASS")
    assert single.lead.key == "d" and single.others == ()


@pytest.mark.parametrize(
    ("members", "weight"),
    [
        ([story("a")], 1.0),
        ([story("a"), story("b", source="TASS")], 2.0),  # two agencies carried it
        ([story("a"), story("b")], 1.0),  # an update from the same agency adds nothing
        ([story("a", salience=3.0)], 4.0),
        ([story("a", salience=3.0), story("b", source="TASS", salience=1.0)], 8.0),
    ],
)
def test_entry_weight(members: list[Story], weight: float) -> None:
    group = tuple(s.key for s in members)
    [entry] = collapse(members, {k: group for k in group})
    assert entry.weight == weight


def test_sections_order_regions_then_topics_by_weight() -> None:
    stories = [
        story("e1", region="Eastern Europe", topic="Economy", salience=1.0),
        story("a1", region="Eastern Asia", topic="Trade", salience=5.0),
        story("a2", region="Eastern Asia", topic=None, salience=9.0),
        story("a3", region="Eastern Asia", topic="Energy", salience=2.0),
    ]
    sections = sections_of(collapse(stories, {}), max_per_section=None)
    assert [s.region for s in sections] == ["Eastern Asia", "Eastern Europe"]
    # Untagged news goes after every named topic, however heavy it is.
    assert [t.name for t in sections[0].topics] == ["Trade", "Energy", NO_TOPIC]
    assert sections[0].region_url == "region/eastern-asia/"


@pytest.mark.parametrize(
    ("limit", "shown", "more"), [(None, 5, 0), (2, 2, 3), (5, 5, 0), (10, 5, 0)]
)
def test_max_per_section_keeps_the_heaviest(limit: int | None, shown: int, more: int) -> None:
    stories = [story(f"s{i}", salience=float(i)) for i in range(5)]
    [section] = sections_of(collapse(stories, {}), max_per_section=limit)
    keys = [e.lead.key for t in section.topics for e in t.entries]
    assert keys == ["s4", "s3", "s2", "s1", "s0"][:shown]
    assert section.more == more


def test_build_editions_links_days_and_weeks() -> None:
    days = [dt.datetime(2024, 5, d, 9, tzinfo=dt.UTC) for d in (20, 17, 18, 17)]
    stories = [story(f"s{i}", at=at) for i, at in enumerate(days)]
    editions = build_editions(stories, [], kind="day", tz=UTC)
    assert [(e.key, e.prev_key, e.next_key, e.story_count) for e in editions] == [
        ("2024-05-17", None, "2024-05-18", 2),
        ("2024-05-18", "2024-05-17", "2024-05-20", 1),
        ("2024-05-20", "2024-05-18", None, 1),
    ]
    assert editions[0].title == "Friday 17 May 2024"
    assert editions[0].url == "digest/2024-05-17/" and editions[0].week_url == "digest/2024-W20/"
    weeks = build_editions(stories, [], kind="week", tz=UTC)
    assert [(w.key, w.start, w.end, w.story_count) for w in weeks] == [
        ("2024-W20", dt.date(2024, 5, 13), dt.date(2024, 5, 19), 3),
        ("2024-W21", dt.date(2024, 5, 20), dt.date(2024, 5, 26), 1),
    ]
    assert weeks[0].title == "Week 20, 2024 (13 May – 19 May)"
    assert weeks[0].week_key is None


def test_versions_of_one_story_count_once() -> None:
    # The day's page shows one card ("Also reported by ..."), and the list of
    # editions and the edition feed say "1 story", as the reader counts.
    at = dt.datetime(2024, 5, 18, 9, tzinfo=dt.UTC)
    reuters, afp = story("a", at=at), story("b", at=at, source="AFP")
    other = story("c", at=at)
    [edition] = build_editions([reuters, afp, other], [("a", "b")], kind="day", tz=UTC)
    assert edition.story_count == 2
    assert sum(len(t.entries) for s in edition.sections for t in s.topics) == 2


def test_a_group_spanning_two_days_shows_in_each_day() -> None:
    monday = story("a", at=dt.datetime(2024, 5, 20, 9, tzinfo=dt.UTC))
    tuesday = story("b", at=dt.datetime(2024, 5, 21, 9, tzinfo=dt.UTC), source="TASS")
    editions = build_editions([monday, tuesday], [("a", "b")], kind="day", tz=UTC)
    assert [len(e.sections[0].topics[0].entries) for e in editions] == [1, 1]
    [week] = build_editions([monday, tuesday], [("a", "b")], kind="week", tz=UTC)
    [entry] = week.sections[0].topics[0].entries
    assert entry.lead.key == "b" and [s.key for s in entry.others] == ["a"]
