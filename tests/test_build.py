"""Issue 2: the bundled seed builds into a readable site and a valid feed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from conftest import ROOT

SEED_TITLE = "Putin Talks Tech, Energy Cooperation In China’s Harbin"
SEED_PAGE = "2024/05/17/putin-talks-tech-energy-cooperation-in-chinas-harbin/index.html"
JUNK = ("Leave a Reply", "Your email address will not be published")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_front_page_links_the_seed_article(bundled_site: Path) -> None:
    links = [a.get_text(" ", strip=True) for a in soup(bundled_site / "index.html").find_all("a")]
    assert SEED_TITLE in links


def test_seed_article_page_shows_headline_byline_and_subheading(bundled_site: Path) -> None:
    page = soup(bundled_site / SEED_PAGE)
    assert page.h1.get_text() == SEED_TITLE
    assert "Qian Lang" in page.select_one(".byline").get_text()
    headings = [h.get_text(strip=True) for h in page.select(".story-body h2")]
    assert "Desperate for resources" in headings
    paragraphs = [p.get_text(strip=True) for p in page.select(".story-body p")]
    assert "Desperate for resources" not in paragraphs
    assert not any("Content used with the permission" in p for p in paragraphs)
    assert (
        "Content used with the permission of Radio Free Asia"
        in page.select_one(".credit").get_text()
    )


def test_no_page_or_feed_carries_comment_form_junk(bundled_site: Path) -> None:
    files = [p for p in bundled_site.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        for junk in JUNK:
            assert junk not in text, f"{junk!r} in {path.relative_to(bundled_site)}"


def test_rss_feed_parses_with_the_seed_entry(bundled_site: Path) -> None:
    feed = feedparser.parse((bundled_site / "feeds/all.rss.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.title == SEED_TITLE
    assert entry.link.endswith("/2024/05/17/putin-talks-tech-energy-cooperation-in-chinas-harbin/")


def test_every_feed_is_written_by_feedgen_not_by_pelican(bundled_site: Path) -> None:
    feeds = [p for p in (bundled_site / "feeds").rglob("*.xml")]
    assert feeds
    for path in feeds:
        assert "python-feedgen" in path.read_text(encoding="utf-8"), path.name


def test_unchanged_venv_is_not_reinstalled() -> None:
    dry_run = subprocess.run(
        ["make", "-n", "html"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "pip install" not in dry_run.stdout
