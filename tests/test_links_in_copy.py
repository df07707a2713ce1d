"""Web addresses in wire copy reach readers and subscribers as links, not as raw text."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import build, write_wire

ADDRESS = "https://news.example.org/china/article/2158991/maoists-join-students?ref=a&b=1"
STORY = f"""Students Join Workers' Fight

By Sue Lin

BEIJING, Aug 10 (Reuters) - Students joined a workers' protest in Shenzhen, organisers said.

The full statement is at <https://statement.example.org/index.html>.

<em>Reposted from the Example Morning Post: <{ADDRESS}></em>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("links")
    write_wire(root / "content" / "wire", "2018-08-10-students.txt", STORY)
    return build(root / "content", root, SITEURL="https://digest.example.org")


def test_a_credits_address_is_a_link_on_the_story_page(site: Path) -> None:
    path = next(site.glob("2018/08/10/*/index.html"))
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    assert "<https" not in page.get_text()
    credit = next(p for p in page.select("footer.credit p") if "Reposted" in p.get_text())
    link = credit.find("a")
    assert link["href"] == ADDRESS
    assert link.get_text() == "news.example.org"  # the host: the whole address is the link
    body = page.select_one(".story-body")
    assert body.find("a", href="https://statement.example.org/index.html") is not None


def test_a_credits_address_is_a_link_in_the_feeds(site: Path) -> None:
    for name in ("all.rss.xml", "all.atom.xml"):
        entry = feedparser.parse((site / "feeds" / name).read_bytes()).entries[0]
        content = BeautifulSoup(entry.content[0].value, "html.parser")
        assert "<https" not in content.get_text(), name
        assert content.select_one("p.credit a")["href"] == ADDRESS, name
    item = json.loads((site / "feeds" / "all.json").read_text(encoding="utf-8"))["items"][0]
    assert BeautifulSoup(item["content_html"], "html.parser").select_one(
        "p.credit a")["href"] == ADDRESS
