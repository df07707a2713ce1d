"""What an editor can steer with a wire file's header block, seen on the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, write_wire

BODY = (
    "TOKYO, June 3 (Reuters) - Japan and China agreed to resume fisheries talks, "
    "officials in Tokyo and Beijing said on Monday.\n\n"
    "The talks had stalled over catches near disputed islands, Japanese officials said.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("editor")
    wire = root / "content" / "wire"
    write_wire(
        wire,
        "2024-06-01-older-lead.txt",
        "Status: lead\nTags: Fisheries, -Japan\nCategory: Arctic Desk\n\n"
        f"Fisheries Talks Resume\n\n{BODY}",
    )
    write_wire(wire, "2024-06-03-newest.txt", f"Newest Story Of The Week\n\n{BODY}")
    write_wire(wire, "2024-06-02-held-back.txt", f"Status: draft\n\nHeld Back Story\n\n{BODY}")
    write_wire(wire, "2024-06-02-typo.txt", f"Status: drafts\n\nMistyped Status Story\n\n{BODY}")
    write_wire(root / "content" / "md", "2024-06-02-note.md",
               "Title: Capital Draft Note\nDate: 2024-06-02\nStatus: Draft\n\nA note.\n")
    output = build(root / "content", root)
    return output, json.loads((root / "build-report.json").read_text())


def _entry(report: dict, name: str) -> dict:
    return next(e for e in report["files"] if e["file"] == f"wire/{name}")


def test_status_lead_puts_an_older_story_at_the_top_of_the_front_page(
    site: tuple[Path, dict],
) -> None:
    output, _ = site
    front = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert front.select_one(".lead-story h2").get_text(strip=True) == "Fisheries Talks Resume"


def test_tags_header_adds_and_removes_tags(site: tuple[Path, dict]) -> None:
    _, report = site
    tags = _entry(report, "2024-06-01-older-lead.txt")["tags"]
    assert "Fisheries" in tags and "Japan" not in tags
    assert "Japan" in _entry(report, "2024-06-03-newest.txt")["tags"]


def test_category_header_overrides_the_region(site: tuple[Path, dict]) -> None:
    output, report = site
    assert _entry(report, "2024-06-01-older-lead.txt")["category"] == "Arctic Desk"
    assert (output / "region" / "arctic-desk" / "index.html").is_file()


def test_status_draft_is_reported_and_not_published(site: tuple[Path, dict]) -> None:
    output, report = site
    entry = _entry(report, "2024-06-02-held-back.txt")
    assert entry["status"] == "draft" and "Status: draft" in entry["reason"]
    assert not any(
        "Held Back Story" in p.read_text(encoding="utf-8") for p in output.rglob("*.html")
    )


def test_a_mistyped_status_holds_the_story_back_and_says_why(site: tuple[Path, dict]) -> None:
    # The editor meant to keep it back more likely than to publish it.
    output, report = site
    entry = _entry(report, "2024-06-02-typo.txt")
    assert entry["status"] == "draft", entry
    assert any("'drafts'" in w and "hidden" in w for w in entry["warnings"]), entry
    assert not any(
        "Mistyped Status Story" in p.read_text(encoding="utf-8") for p in output.rglob("*.html")
    )


def test_a_markdown_status_in_capitals_is_reported_as_marked(site: tuple[Path, dict]) -> None:
    _, report = site
    entry = next(e for e in report["files"] if e["file"] == "md/2024-06-02-note.md")
    assert entry["status"] == "draft" and entry["reason"] == "marked 'Status: draft'", entry


def test_an_unknown_headline_case_stops_the_build_once_by_name(tmp_path: Path) -> None:
    # Not one rejection per file: the setting is wrong, so the build says so.
    write_wire(tmp_path / "content" / "wire", "2024-06-03-newest.txt",
               f"Newest Story Of The Week\n\n{BODY}")
    with pytest.raises(ValueError, match="WIRE_HEADLINE_CASE is 'bogus'"):
        build(tmp_path / "content", tmp_path, WIRE_HEADLINE_CASE="bogus")


@pytest.fixture(scope="module")
def hidden_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hidden")
    wire = root / "content" / "wire"
    write_wire(wire, "2024-06-03-listed.txt",
               f"Tags: Mongolia\n\nFisheries Talks Resume\n\n{BODY}")
    write_wire(
        wire,
        "2024-06-04-quiet-note.txt",
        "Status: hidden\nCategory: Steppe Desk\n\nMONGOLIA HOLDS A QUIET VOTE\n\n"
        "By Bat-Erdene Batbayar, Montsame\n\n"
        "ULAANBAATAR, June 4 - Mongolia held a quiet vote in Ulaanbaatar on Tuesday, "
        "Mongolian officials said.\n\nMongolia's parliament will meet again in Ulaanbaatar "
        "next week.\n",
    )
    return build(root / "content", root)


def test_a_hidden_story_links_only_pages_that_exist(hidden_site: Path) -> None:
    # Listed nowhere, so a tag, region, author or source only it has has no
    # page: its page names them without a link, and shows what others show.
    page_path = next(hidden_site.glob("2024/06/04/*/index.html"))
    soup = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".reading-time").get_text(strip=True) == "1 min read"
    kicker = soup.select_one(".kicker")
    assert "Steppe Desk" in kicker.get_text() and kicker.a is None  # its own region, named
    tags = [a.get_text(" ", strip=True) for a in soup.select(".story-tags a")]
    assert any(t.endswith("Mongolia") for t in tags)  # a tag a listed story has too
    assert soup.select_one(".byline").get_text(" ", strip=True).startswith("By Bat-Erdene")
    broken = []
    for node in soup.find_all(["a", "link"], href=True):
        href = node["href"]
        if href.startswith(("http", "#", "mailto:")):
            continue
        target = hidden_site / href.lstrip("/")
        if not (target.is_file() or (target / "index.html").is_file()):
            broken.append(href)
    assert broken == []
    linked_data = json.loads(soup.find("script", type="application/ld+json").string)
    assert linked_data["author"] == [{"@type": "Person", "name": "Bat-Erdene Batbayar"}]
    sitemap = (hidden_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "2024/06/04/" not in sitemap  # listed nowhere, not even for crawlers


def test_one_tag_spelled_two_ways_shows_one_name(tmp_path: Path) -> None:
    # One editor types "arctic"; the site-wide tag stays "Arctic", as most
    # stories spell it, and lists every story that carries either spelling.
    wire = tmp_path / "content" / "wire"
    write_wire(wire, "2024-06-04-a-lower.txt", f"Tags: arctic\n\nIce Melts Early\n\n{BODY}")
    write_wire(wire, "2024-06-02-b-upper.txt", f"Tags: Arctic\n\nShips Sail North\n\n{BODY}")
    write_wire(wire, "2024-06-03-c-upper.txt", f"Tags: Arctic\n\nPorts Open Late\n\n{BODY}")
    # Drafts do not vote, however many; a Markdown story follows the site's name.
    for day in (5, 6):
        write_wire(wire, f"2024-06-0{day}-draft.txt",
                   f"Status: draft\nTags: arctic\n\nDraft {day}\n\n{BODY}")
    write_wire(tmp_path / "content" / "notes", "2024-06-02-note.md",
               "Title: An Editor's Note\nDate: 2024-06-02\nTags: arctic\n\nWe went north.\n")
    output = build(tmp_path / "content", tmp_path)
    page = BeautifulSoup((output / "tag" / "arctic" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.h1.get_text(strip=True) == "Arctic"
    listed = " ".join(page.get_text().split())
    assert all(title in listed for title in ("Ice Melts Early", "Ships Sail North",
                                             "Ports Open Late"))
    story = BeautifulSoup(
        next(output.glob("2024/06/04/*/index.html")).read_text(encoding="utf-8"), "html.parser")
    assert "arctic" not in [a.get_text(strip=True) for a in story.find_all("a")]
    note = BeautifulSoup(
        next(output.glob("2024/06/02/an-editor*/index.html")).read_text(encoding="utf-8"),
        "html.parser")
    assert "Arctic" in [a.get_text(" ", strip=True).split()[-1] for a in note.select("a.tag")]


def test_a_story_without_a_byline_is_credited_to_its_agency(site: tuple[Path, dict]) -> None:
    # Search engines show the structured-data author: Reuters wrote it, not the digest.
    output, report = site
    page = output / _entry(report, "2024-06-03-newest.txt")["url"].lstrip("/") / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    linked_data = json.loads(soup.find("script", type="application/ld+json").string)
    assert linked_data["author"] == [{"@type": "Organization", "name": "Reuters",
                                      "url": "/source/reuters/"}]
    assert linked_data["publisher"]["name"] == "Regional News Digest"


def test_a_tag_or_section_without_an_address_is_dropped_and_reported(tmp_path: Path) -> None:
    write_wire(tmp_path / "content" / "wire", "2024-06-04-odd-tags.txt",
               f"Tags: ???; C++; C#; Arctic\nCategory: ***\n\nOdd Tags Story\n\n{BODY}")
    output = build(tmp_path / "content", tmp_path)
    page = BeautifulSoup(next(output.glob("2024/06/04/*/index.html")).read_text(), "html.parser")
    links = [(a.get_text(" ", strip=True), a["href"]) for a in page.select(".story-tags a")]
    hrefs = [href for _, href in links]
    assert all(not href.endswith("tag//") for href in hrefs)
    assert len(hrefs) == len(set(hrefs))  # "C++" and "C#" share tag/c/: shown once
    assert any(href.endswith("tag/arctic/") for href in hrefs)
    assert not (output / "tag" / "index.html").exists()
    assert not list((output / "feeds").rglob(".*.xml"))
    assert "***" not in page.select_one(".kicker").get_text()  # placed in its region instead
    report = json.loads((tmp_path / "build-report.json").read_text())
    warnings = _entry(report, "2024-06-04-odd-tags.txt")["warnings"]
    assert any("'???'" in w and "dropped" in w for w in warnings)
    assert any("'***'" in w and "dropped" in w for w in warnings)


def test_a_markdown_storys_section_without_an_address_is_dropped_too(tmp_path: Path) -> None:
    write_wire(tmp_path / "content" / "stories", "2024-06-04-odd.md",
               "Title: Odd section story\nDate: 2024-06-04 10:00\nCategory: ???\n\n"
               "The Arctic council met in Tromso on Tuesday to discuss shipping in Norway.\n")
    output = build(tmp_path / "content", tmp_path)
    page = BeautifulSoup(next(output.glob("2024/06/04/*/index.html")).read_text(), "html.parser")
    assert all(not a["href"].rstrip("/").endswith(("region", "category"))
               for a in page.select("a[href]"))
    assert not list((output / "feeds").rglob(".*.xml"))
    report = json.loads((tmp_path / "build-report.json").read_text())
    entry = next(e for e in report["files"] if e["file"] == "stories/2024-06-04-odd.md")
    assert entry["category"] != "???"
    assert any("'???'" in w and "dropped" in w for w in entry["warnings"])
