"""Table-driven tests of the theme's pure logic (stories.py, seo.py)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from theme_support.seo import page_url, robots_txt, script_json
from theme_support.stories import (
    TaggedStory,
    find_related,
    group_sections,
    neighbours,
    pick_lead,
    reading_minutes,
    summary_repeats_lede,
)

DAY0 = datetime(2024, 5, 1)


def stories(*tag_sets: str) -> list[TaggedStory]:
    """One story a day, each with space-separated tag slugs."""
    return [
        TaggedStory(f"s{i}", DAY0 + timedelta(days=i), frozenset(tags.split()))
        for i, tags in enumerate(tag_sets)
    ]


@pytest.mark.parametrize(
    ("content", "wpm", "minutes"),
    [
        ("", 230, 1),  # an empty story still takes a minute to open and close
        ("<p>" + "word " * 230 + "</p>", 230, 1),
        ("<p>" + "word " * 231 + "</p>", 230, 2),
        ("<p>" + "Sino-Russian " * 460 + "</p>", 230, 2),  # hyphenated words count once
    ],
)
def test_reading_minutes(content: str, wpm: int, minutes: int) -> None:
    assert reading_minutes(content, wpm) == minutes


@pytest.mark.parametrize(
    ("summary", "content", "repeats"),
    [
        ("A lede.", "<p>A lede.</p><p>More.</p>", True),
        ("A lede.", "<p>A lede. And a second sentence.</p>", True),  # shortened lede
        ('A <span class="caps">NATO</span> lede.', "<p>A NATO lede.</p>", True),  # typogrify markup
        ("An editor&#8217;s summary.", "<p>A lede.</p>", False),
        ("", "<p>A lede.</p>", True),  # nothing to show as a standfirst
    ],
)
def test_summary_repeats_lede(summary: str, content: str, repeats: bool) -> None:
    assert summary_repeats_lede(summary, content) is repeats


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        # s0 shares the rare "harbin" with s2 and the common "china" with s1 and s2.
        (["china harbin", "china", "china harbin", "mongolia"], [(2, 1), (0, 2), (0, 1), ()]),
        (["a", "b"], [(), ()]),
    ],
)
def test_find_related_prefers_rare_shared_tags(
    tags: list[str], expected: list[tuple[int, ...]]
) -> None:
    assert find_related(stories(*tags), limit=4) == expected


def test_find_related_looks_only_at_a_window_of_each_tag() -> None:
    related = find_related(stories(*["china"] * 100), limit=3, window=2)
    assert related[50] == (49, 51, 48)  # nearest in time first; never further than the window
    assert all(len(found) <= 3 for found in related)


@pytest.mark.parametrize(
    ("featured", "lead"),
    [
        ([], None),
        ([False, False], 0),
        ([False, True, True], 1),
    ],
)
def test_pick_lead(featured: list[bool], lead: int | None) -> None:
    assert pick_lead(featured) == lead


def test_group_sections_newest_first_capped() -> None:
    labels = [["Asia"], ["Europe"], ["Asia"], ["Asia"], ["Arctic"], ["Europe"]]
    sections = group_sections(labels, per_section=2, max_sections=2, skip=frozenset({0}))
    assert [(s.label, s.members) for s in sections] == [("Europe", (1, 5)), ("Asia", (2, 3))]


def test_neighbours() -> None:
    assert neighbours(3) == [(None, 1), (0, 2), (1, None)]


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        "<!-- & -->",
        "line\u2028separator",
        "plain",
    ],
)
def test_script_json_escapes_html_breakers_and_round_trips(value: str) -> None:
    text = script_json({"headline": value})
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == {"headline": value}


@pytest.mark.parametrize(
    ("sitemap", "line"),
    [
        (
            "https://example.org/digest/sitemap.xml",
            "Sitemap: https://example.org/digest/sitemap.xml",
        ),
        ("/sitemap.xml", None),  # robots.txt needs an absolute URL; a dev build has none
    ],
)
def test_robots_txt(sitemap: str, line: str | None) -> None:
    lines = robots_txt(sitemap).splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert (lines[2:] or [None])[0] == line


@pytest.mark.parametrize(
    ("path", "url"), [("a/b/index.html", "a/b/"), ("index.html", ""), ("404.html", "404.html")]
)
def test_page_url(path: str, url: str) -> None:
    assert page_url(path) == url


def _related_by_full_sort(all_stories: list, limit: int, window: int) -> list[tuple[int, ...]]:
    """The plain definition: score every windowed co-tagged story, sort them all."""
    import math
    from collections import defaultdict

    order = sorted(range(len(all_stories)), key=lambda i: (all_stories[i].date, all_stories[i].key))
    rank = {index: position for position, index in enumerate(order)}
    postings: dict[str, list[int]] = defaultdict(list)
    for index in order:
        for slug in sorted(all_stories[index].tags):
            postings[slug].append(index)
    weight = {s: math.log(1 + len(all_stories) / len(m)) for s, m in postings.items()}
    result = []
    for i, story in enumerate(all_stories):
        scores: dict[int, float] = defaultdict(float)
        for slug in sorted(story.tags):  # the implementation's order: same float sums
            members = postings[slug]
            at = members.index(i)
            for other in members[max(0, at - window) : at + window + 1]:
                if other != i:
                    scores[other] += weight[slug]
        ranked = sorted(
            scores, key=lambda o: (-scores[o], abs(rank[o] - rank[i]), all_stories[o].key)
        )
        result.append(tuple(ranked[:limit]))
    return result


@settings(deadline=None)  # a busy 2-core machine must not turn slowness into failure
@given(
    tag_sets=st.lists(
        st.sets(st.sampled_from(["china", "russia", "energy", "harbin", "trade"]), max_size=4),
        min_size=1,
        max_size=40,
    ),
    limit=st.integers(min_value=1, max_value=5),
    window=st.integers(min_value=1, max_value=6),
)
def test_find_related_equals_the_full_sort(tag_sets: list, limit: int, window: int) -> None:
    found = stories(*[" ".join(sorted(tags)) for tags in tag_sets])
    assert find_related(found, limit=limit, window=window) == _related_by_full_sort(
        found, limit, window
    )
