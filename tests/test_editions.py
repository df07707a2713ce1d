"""Issue 8: daily and weekly editions, near-duplicates merged, the editions feed.

One real build of tests/site/editions on Beijing time (and one on UTC, for the
day boundary), then many assertions on what a reader sees.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build

SITE = "https://digest.example.org"
CONTENT = FIXTURES / "editions" / "content"
BRIDGE_REUTERS = "/2024/05/17/first-lorries-cross-new-amur-river-bridge-between-russia-and-china/"
# "UPDATE 1-" leaves the headline, so the update shares it: its address gets "-2".
BRIDGE_UPDATE = BRIDGE_REUTERS.rstrip("/") + "-2/"
BRIDGE_TASS = "/2024/05/17/lorries-open-amur-bridge-to-china/"
BRIDGE_URLS = {SITE + u for u in (BRIDGE_REUTERS, BRIDGE_UPDATE, BRIDGE_TASS)}
LATE_IN_BEIJING = "Shanghai port handles record container volume"  # 23:30 +08:00 on 17 May
EARLY_IN_BEIJING = "Harbin trade fair opens to foreign exhibitors"  # 07:30 +08:00 on 18 May


def _build(tmp_path_factory: pytest.TempPathFactory, name: str, timezone: str) -> Path:
    out = tmp_path_factory.mktemp(name)
    build(CONTENT, out, SITEURL=SITE, DIGEST_TIMEZONE=timezone)
    return out


@pytest.fixture(scope="module")
def beijing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "beijing", "Asia/Shanghai")


@pytest.fixture(scope="module")
def utc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "utc", "UTC")


def page(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / rel).read_text(encoding="utf-8"), "html.parser")


def headlines(edition: BeautifulSoup) -> list[str]:
    return [h.get_text(" ", strip=True) for h in edition.select(".edition-story h4")]


def test_a_day_renders_both_regions_in_order(beijing: Path) -> None:
    day = page(beijing, "digest/2024-05-17/index.html")
    regions = [h.get_text(strip=True) for h in day.select(".edition-region h2")]
    # Eastern Asia leads: its top story was carried by two agencies.
    assert regions == ["Eastern Asia", "Eastern Europe"]
    europe = day.select(".edition-region")[1]
    assert headlines(europe) == ["Bank of Russia keeps key rate on hold"]


def test_story_shows_headline_link_source_dateline_and_escaped_lede(beijing: Path) -> None:
    day = page(beijing, "digest/2024-05-17/index.html")
    story = day.select(".edition-region")[1].select_one(".edition-story")
    assert story.h4.a["href"] == f"{SITE}/2024/05/17/bank-of-russia-keeps-key-rate-on-hold/"
    assert story.select_one(".source").get_text() == "Interfax"
    assert story.select_one(".dateline").get_text() == "MOSCOW, May 17 (Interfax)"
    lede = story.select_one(".story-summary").get_text()
    # "&" and "<" in the wire text reach the reader as text, not markup.
    assert "unchanged on Friday & said prices < its forecast" in lede


def test_near_duplicates_are_shown_once_with_also_reported_by(beijing: Path) -> None:
    day = page(beijing, "digest/2024-05-17/index.html")
    bridge = [s for s in day.select(".edition-story") if s.h4.a["href"] in BRIDGE_URLS]
    assert len(bridge) == 1, "three versions of the bridge story must show as one"
    entry = bridge[0]
    # The newest version (the Reuters update) leads; the others are linked.
    assert entry.h4.a["href"] == SITE + BRIDGE_UPDATE
    also = entry.select_one(".also-reported")
    assert also.get_text(" ", strip=True).startswith("Also reported by")
    assert {a["href"] for a in also.find_all("a")} == {SITE + BRIDGE_TASS, SITE + BRIDGE_REUTERS}
    assert "TASS" in also.get_text()
    # The 09:00 Reuters copy under the 11:30 update is the earlier version.
    assert "Reuters (earlier version)" in " ".join(also.get_text().split())


def test_unrelated_stories_are_not_merged(beijing: Path) -> None:
    day = page(beijing, "digest/2024-05-17/index.html")
    assert len(day.select(".edition-story")) == 3  # bridge, Shanghai port, Bank of Russia
    assert len(day.select(".also-reported")) == 1


def test_article_pages_of_a_group_link_each_other(beijing: Path) -> None:
    tass = page(beijing, BRIDGE_TASS.strip("/") + "/index.html")
    links = {a["href"] for a in tass.select(".also-reported a")}
    assert links == {SITE + BRIDGE_REUTERS, SITE + BRIDGE_UPDATE}
    rates = page(beijing, "2024/05/17/bank-of-russia-keeps-key-rate-on-hold/index.html")
    assert rates.select_one(".also-reported") is None


def test_a_version_under_also_reported_is_not_listed_again_as_related(beijing: Path) -> None:
    for url in (BRIDGE_TASS, BRIDGE_REUTERS, BRIDGE_UPDATE):
        story = page(beijing, url.strip("/") + "/index.html")
        also = {a["href"] for a in story.select(".also-reported a")}
        related = {a["href"] for a in story.select(".related a")}
        assert also and not also & related, url
        # The versions do not take related places: the three other stories
        # that share the bridge's tags are all listed (the limit is four).
        assert len(related) == 3, url


def test_exact_duplicate_file_is_reported_as_duplicate(beijing: Path) -> None:
    report = json.loads((beijing / "build-report.json").read_text(encoding="utf-8"))
    status = {entry["file"]: entry["status"] for entry in report["files"]}
    assert status["wire/2024-05-17-zz-amur-bridge-resent.txt"] == "duplicate"
    assert status["wire/2024-05-17-amur-bridge-reuters.txt"] == "published"


@pytest.mark.parametrize(("site", "day", "present", "absent"), [
    # 23:30 in Beijing is 15:30 UTC: the 17th on both clocks.
    ("beijing", "2024-05-17", LATE_IN_BEIJING, EARLY_IN_BEIJING),
    ("utc", "2024-05-17", LATE_IN_BEIJING, None),
    # 07:30 on the 18th in Beijing is 23:30 on the 17th in UTC.
    ("beijing", "2024-05-18", EARLY_IN_BEIJING, LATE_IN_BEIJING),
    ("utc", "2024-05-17", EARLY_IN_BEIJING, None),
])
def test_a_day_is_a_day_in_the_digest_time_zone(request: pytest.FixtureRequest, site: str, day: str,
                                                present: str, absent: str | None) -> None:
    shown = headlines(page(request.getfixturevalue(site), f"digest/{day}/index.html"))
    assert present in shown
    if absent:
        assert absent not in shown


def test_utc_has_no_edition_for_the_beijing_morning(utc: Path) -> None:
    assert not (utc / "output/digest/2024-05-18").exists()
    assert (utc / "output/digest/2024-05-20/index.html").exists()


def test_editions_link_previous_and_next(beijing: Path) -> None:
    def nav(rel: str) -> dict[str, str]:
        return {a["rel"][0]: a["href"] for a in page(beijing, rel).select(".edition-nav a[rel]")}
    assert nav("digest/2024-05-17/index.html") == {"next": f"{SITE}/digest/2024-05-18/"}
    assert nav("digest/2024-05-18/index.html") == {"prev": f"{SITE}/digest/2024-05-17/",
                                                   "next": f"{SITE}/digest/2024-05-20/"}
    assert nav("digest/2024-W20/index.html") == {"next": f"{SITE}/digest/2024-W21/"}
    assert nav("digest/2024-W21/index.html") == {"prev": f"{SITE}/digest/2024-W20/"}


def test_weekly_edition_gathers_the_week(beijing: Path) -> None:
    week = page(beijing, "digest/2024-W20/index.html")
    assert week.h1.get_text() == "Week 20, 2024 (13 May – 19 May)"
    shown = headlines(week)
    assert {LATE_IN_BEIJING, EARLY_IN_BEIJING} <= set(shown)
    assert "Mongolia raises coal exports by rail" not in shown  # Monday 20 May is week 21
    next_week = headlines(page(beijing, "digest/2024-W21/index.html"))
    assert next_week == ["Mongolia raises coal exports by rail"]


def test_editions_index_links_every_edition(beijing: Path) -> None:
    index = page(beijing, "digest/index.html")
    links = [a["href"] for a in index.select(".editions-list a")]
    assert links == [f"{SITE}/digest/{key}/" for key in
                     ("2024-05-20", "2024-05-18", "2024-05-17", "2024-W21", "2024-W20")]


@pytest.mark.parametrize("feed", ["feeds/editions.rss.xml", "feeds/editions.atom.xml"])
def test_editions_feed_has_one_item_per_day(beijing: Path, feed: str) -> None:
    parsed = feedparser.parse((beijing / "output" / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.id for e in parsed.entries] == [
        f"tag:digest.example.org,2024:{day}:edition"
        for day in ("2024-05-20", "2024-05-18", "2024-05-17")]
    friday = parsed.entries[2]
    assert friday.link == f"{SITE}/digest/2024-05-17/"
    content = BeautifulSoup(friday.content[0].value, "html.parser")
    hrefs = [a["href"] for a in content.find_all("a")]
    assert SITE + BRIDGE_UPDATE in hrefs
    assert all(h.startswith(SITE + "/") for h in hrefs), hrefs
    assert "Also reported by" in content.get_text()


def test_seed_day_has_an_edition_linking_the_seed(bundled_site: Path) -> None:
    day = BeautifulSoup((bundled_site / "digest/2024-05-17/index.html").read_text(encoding="utf-8"),
                        "html.parser")
    hrefs = [a["href"] for a in day.select(".edition-story h4 a")]
    assert hrefs == ["/2024/05/17/putin-talks-tech-energy-cooperation-in-chinas-harbin/"]
    index = (bundled_site / "digest/index.html").read_text(encoding="utf-8")
    assert 'href="/digest/2024-05-17/"' in index


def test_editions_feed_is_named_as_the_subscribe_page_lists_it(bundled_site: Path) -> None:
    # A subscriber sees one name for the feed, in the reader and on the site,
    # and the same author as on the site's other feeds.
    subscribe = BeautifulSoup(
        (bundled_site / "subscribe/index.html").read_text(encoding="utf-8"), "html.parser")
    link = subscribe.find("a", href=lambda h: h and h.endswith("feeds/editions.atom.xml"))
    listed = link.find_parent("li").get_text(" ", strip=True)
    editions = feedparser.parse((bundled_site / "feeds/editions.atom.xml").read_bytes())
    everything = feedparser.parse((bundled_site / "feeds/all.atom.xml").read_bytes())
    assert editions.feed.title == "Regional News Digest: daily editions"
    assert listed.startswith(editions.feed.title), listed
    assert editions.feed.author == everything.feed.author == "Regional News Digest"


def test_editions_index_names_its_feeds_apart(bundled_site: Path) -> None:
    # The reader sees "RSS · Atom", two links, not one word "RSSAtom".
    index = BeautifulSoup((bundled_site / "digest/index.html").read_text(encoding="utf-8"),
                          "html.parser")
    line = next(p for p in index.find_all("p") if "by feed" in p.get_text())
    assert " ".join(line.get_text().split()) == "One edition a day by feed: RSS · Atom"
    assert [a["type"] for a in line.find_all("a")] == ["application/rss+xml",
                                                        "application/atom+xml"]


def test_seed_editions_feed_parses(bundled_site: Path) -> None:
    for feed in ("feeds/editions.rss.xml", "feeds/editions.atom.xml"):
        parsed = feedparser.parse((bundled_site / feed).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == 1


def test_a_build_without_the_plugin_has_no_editions(bundled_site: Path, build_site) -> None:
    # bundled_site built with the plugin in this process first; its signal
    # receivers stay connected, yet a plain build must not grow editions.
    assert (bundled_site / "digest/index.html").exists()
    plain = build_site(ROOT / "content", PLUGINS=["wire_reader"])
    assert (plain / "index.html").exists()
    assert not (plain / "digest").exists()


def test_versions_from_one_agency_are_other_versions_not_also_reported(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content" / "wire"
    content.mkdir(parents=True)
    for name in ("2024-05-17-amur-bridge-reuters.txt", "2024-05-17-amur-bridge-reuters-update.txt"):
        shutil.copy(CONTENT / "wire" / name, content / name)
    build(tmp_path / "content", tmp_path, SITEURL=SITE, DIGEST_TIMEZONE="Asia/Shanghai")
    story = page(tmp_path, BRIDGE_UPDATE.strip("/") + "/index.html")
    assert story.select_one(".also-reported h2").get_text() == "Other versions"
    day = page(tmp_path, "digest/2024-05-17/index.html")
    assert day.select_one(".also-reported").get_text(" ", strip=True).startswith("Other versions ")


def test_the_front_pages_sections_show_a_story_once_whatever_its_versions(beijing: Path) -> None:
    front = page(beijing, "index.html")
    listed = [a["href"] for a in front.select(".front-section a[href]")
              if a["href"] in BRIDGE_URLS]
    lead = front.select_one(".lead-story .lead-title a")
    shown = listed + ([lead["href"]] if lead and lead["href"] in BRIDGE_URLS else [])
    # one link per section it is filed under (a region, a topic), all to its newest version
    assert shown and set(shown) == {SITE + BRIDGE_UPDATE}
    assert len(listed) == len({a.find_parent("section")["aria-labelledby"]
                               for a in front.select(".front-section a[href]")
                               if a["href"] in BRIDGE_URLS})


def _amur_site(tmp_path: Path, edit: dict[str, Callable[[str], str]]) -> Path:
    """The Amur bridge versions (Reuters 09:00, TASS, Reuters update), some edited;
    with "only", just the files ``edit`` names."""
    content = tmp_path / "content" / "wire"
    content.mkdir(parents=True)
    for name in ("2024-05-17-amur-bridge-reuters.txt", "2024-05-17-amur-bridge-tass.txt",
                 "2024-05-17-amur-bridge-reuters-update.txt"):
        if name in edit or not edit.get("only"):
            text = (CONTENT / "wire" / name).read_text(encoding="utf-8")
            (content / name).write_text(edit.get(name, str)(text), encoding="utf-8")
    build(tmp_path / "content", tmp_path, SITEURL=SITE, DIGEST_TIMEZONE="Asia/Shanghai")
    return tmp_path


def test_an_older_version_marked_as_lead_stands_for_its_story(tmp_path: Path) -> None:
    root = _amur_site(tmp_path, {"2024-05-17-amur-bridge-reuters.txt":
                                 lambda text: "Featured: yes\n" + text})
    front = page(root, "index.html")
    assert front.select_one(".lead-story .lead-title a")["href"] == SITE + BRIDGE_REUTERS
    in_sections = {a["href"] for a in front.select(".front-section a[href]")}
    assert not in_sections & BRIDGE_URLS  # no other version of the lead's story


def test_a_version_with_no_known_agency_is_also_reported(tmp_path: Path) -> None:
    def unsourced(text: str) -> str:
        return text.replace("Source: Reuters\n", "").replace(" (Reuters)", "").replace(
            "Reporting by Anna Petrova; Editing by John Smith", "")

    root = _amur_site(tmp_path, {"only": str, "2024-05-17-amur-bridge-reuters-update.txt": str,
                                 "2024-05-17-amur-bridge-reuters.txt": unsourced})
    story = page(root, BRIDGE_UPDATE.strip("/") + "/index.html")
    assert story.select_one(".also-reported h2").get_text() == "Also reported by"
