"""An editor's Markdown story is published like a wire story, and lets no markup in."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, write_wire

TITLE = ("Editor's note on our coverage of Taiwan "
         """<img src=x onerror="alert('title')"> &amp; Q&A""")
NOTE = f"Title: {TITLE}\n" + """Date: 2024-05-27 09:00

We have *expanded* our coverage & added a [map](https://example.org/map?a=1&b=2).

<script>alert('md')</script>

<img src="x.png" onerror="alert('img')">

A [bad link](javascript:alert('link')) and a [tabbed one](java\tscript:alert(1)).

Encoded: [colon](javascript&#58;alert(1)), [named](javascript&colon;alert(2)),
[first letter](&#106;avascript:alert(3)) and [tab](java&#x09;script:alert(4)).

An [attribute](https://ok.example){: onclick="alert(5)" } and a [mail](mailto:desk@example.org).

A paragraph with a handler.
{: onmouseover="alert(6)" }

A [cover](https://ok.example/cover){: style="position:fixed;inset:0" } link.

| Region | Stories |
|:-------|--------:|
| Asia   | 12      |
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("markdown")
    write_wire(root / "content" / "notes", "2024-05-27-editor-note.md", NOTE)
    write_wire(root / "content" / "wire", "2024-05-26-talks.txt",
               "Talks Resume\n\nTOKYO, May 26 (Reuters) - Japan and China resumed talks.\n")
    output = build(root / "content", root)
    return output, json.loads((root / "build-report.json").read_text(encoding="utf-8"))


def pages(output: Path) -> dict[str, BeautifulSoup]:
    story = next(output.glob("2024/05/27/*/index.html"))
    return {name: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for name, path in (("story", story), ("front", output / "index.html"))}


def scripts(page: BeautifulSoup) -> list:
    """The script elements a browser runs (JSON-LD is data, its < and > escaped)."""
    return page.find_all("script", type=lambda kind: kind != "application/ld+json")


def test_markup_typed_into_markdown_is_shown_as_text(site: tuple[Path, dict]) -> None:
    story = pages(site[0])["story"]
    assert "alert" not in " ".join(s.get_text() for s in scripts(story))
    assert story.find("img", onerror=True) is None
    text = " ".join(story.get_text().split())
    # escaped (and typogrified, as all text): the editor sees it and fixes it
    assert "<script>alert(‘md’)</script>" in text
    # Markdown's own formatting is kept
    assert story.find("em", string="expanded") is not None
    assert story.find("a", string="map")["href"] == "https://example.org/map?a=1&b=2"


def test_a_markdown_title_is_text(site: tuple[Path, dict]) -> None:
    for name, page in pages(site[0]).items():
        assert page.find("img") is None, name
        heading = page.select_one("h1" if name == "story" else ".lead-title")
        assert "<img src=x" in heading.get_text(), name  # shown, escaped
        assert heading.get_text().endswith("& Q&A"), name


def test_script_links_lose_their_address(site: tuple[Path, dict]) -> None:
    for name, page in pages(site[0]).items():
        # As a browser reads them: entities decoded, whitespace and controls dropped.
        hrefs = ["".join(html.unescape(a.get("href", "")).split()).lower()
                 for a in page.find_all("a")]
        assert not [h for h in hrefs if "script:" in h], name
    story = pages(site[0])["story"]
    assert story.find("a", string="bad link") is not None  # the words stay
    for words in ("colon", "named", "first letter", "tab"):
        assert not story.find("a", string=words).get("href"), words
    assert story.find("a", string="mail")["href"] == "mailto:desk@example.org"


def test_no_event_handler_reaches_a_page(site: tuple[Path, dict]) -> None:
    for name, page in pages(site[0]).items():
        handlers = [(tag.name, attr) for tag in page.find_all(True) for attr in tag.attrs
                    if attr.lower().startswith("on")]
        assert handlers == [], name
    story = pages(site[0])["story"]
    assert story.find("a", string="attribute")["href"] == "https://ok.example"


def test_only_table_alignment_keeps_a_style(site: tuple[Path, dict]) -> None:
    story = pages(site[0])["story"]
    assert story.find("a", string="cover").get("style") is None
    assert [td.get("style") for td in story.select("tbody td")] == [
        "text-align: left;", "text-align: right;"]


def test_front_page_card_is_valid_nesting(site: tuple[Path, dict]) -> None:
    front = pages(site[0])["front"]
    assert front.select("p p") == []
    assert "alert" not in " ".join(s.get_text() for s in scripts(front))
    assert "expanded" in front.select_one(".lead-story .standfirst").get_text()


def test_report_names_the_markdown_story_in_plain_text(site: tuple[Path, dict]) -> None:
    entry = next(e for e in site[1]["files"] if e["file"].endswith("editor-note.md"))
    assert entry["status"] == "published"
    assert entry["title"] == ("Editor’s note on our coverage of Taiwan "
                              "<img src=x onerror=”alert(‘title’)”> & Q&A")


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="chromium is not installed")
def test_no_script_from_markdown_runs_in_a_browser(site: tuple[Path, dict]) -> None:
    # Load the front page and the story in Chromium, hover every paragraph of
    # the story and click every link that lost its address: no dialog opens.
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright
    from test_browser import ARGS, CHROMIUM, QuietHandler

    output = site[0]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    story = next(output.glob("2024/05/27/*/index.html")).parent.relative_to(output).as_posix()
    dialogs: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                       else r.abort())
            for path in ("", f"{story}/"):
                page.goto(f"{base}/{path}", wait_until="load")
            for paragraph in page.locator(".story-body p").all():
                paragraph.hover()
            for link in page.locator(".story-body a:not([href])").all():
                link.click()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert dialogs == []


PIPELINE = """Title: Russia and China speed up gas pipeline talks
Date: 2024-05-28 10:00

BEIJING, May 28 - Russia and China agreed on Tuesday to speed up work on the
*Power of Siberia 2* gas pipeline, officials in Beijing said.

Gazprom will supply 50 billion cubic metres of gas a year to China.
"""
# The editor names the section and adjusts the tags: both are kept.
ARCTIC = """Title: Russia opens the Northern Sea Route to more Chinese ships
Date: 2024-05-29 10:00
Category: Analysis
Tags: Arctic, -China

Russia and China plan more voyages along the Northern Sea Route, Moscow said.
Chinese container ships made a record number of trips last year.
"""


# Semicolons separate tags whose names hold a comma; an empty Category: names no section.
LISTED = PIPELINE.replace("Date: 2024-05-28 10:00", "Date: 2024-05-30 10:00\n"
                          "Tags: Ports, Rail and Roads; Defence Budget\nCategory:").replace(
    "Title: Russia and China", "Title: Russia and China again")


# "Summary:" with nothing after it is no summary: the first paragraph stands for the story.
EMPTY_SUMMARY = """Title: Kazakhstan opens a grain corridor
Date: 2024-05-31 10:00
Summary:

Kazakhstan opened a grain corridor to China through Khorgos on Friday.

Shipments will start next month.
"""


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("markdown-tags")
    write_wire(root / "content" / "notes", "2024-05-28-pipeline.md", PIPELINE)
    write_wire(root / "content" / "notes", "2024-05-29-arctic.md", ARCTIC)
    write_wire(root / "content" / "notes", "2024-05-30-listed.md", LISTED)
    write_wire(root / "content" / "notes", "2024-05-31-empty-summary.md",
               EMPTY_SUMMARY)
    # The same story as wire copy, under another date so it is not folded into one.
    write_wire(root / "content" / "wire", "2024-05-20-pipeline.txt",
               "Russia and China speed up gas pipeline talks\n\n"
               + PIPELINE.split("\n\n", 1)[1])
    return build(root / "content", root)


def story_page(output: Path, day: str) -> BeautifulSoup:
    path = next(output.glob(f"2024/05/{day}/*/index.html"))
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tag_links(page: BeautifulSoup) -> list[str]:
    """The tag names listed under the story, as shown (the kind label left out)."""
    return [str(a.contents[-1]).strip() for a in page.select(".story-tags a.tag")]


def section(page: BeautifulSoup) -> str:
    """The region (section) shown above the headline."""
    return str(page.select_one(".kicker .region").contents[-1]).strip()


def test_a_markdown_story_is_tagged_and_placed_as_its_wire_version(tagged_site: Path) -> None:
    markdown, wire = story_page(tagged_site, "28"), story_page(tagged_site, "20")
    assert {"Russia", "China", "Beijing"} <= set(tag_links(markdown))
    assert tag_links(markdown) == tag_links(wire)
    assert section(markdown) == section(wire) != "World"
    # and it is listed on the tag's page
    china = BeautifulSoup((tagged_site / "tag" / "china" / "index.html").read_text(
        encoding="utf-8"), "html.parser")
    assert "Russia and China speed up gas pipeline talks" in china.get_text()


def test_a_markdown_story_keeps_its_editors_section_and_tag_changes(tagged_site: Path) -> None:
    page = story_page(tagged_site, "29")
    tags = tag_links(page)
    assert "Arctic" in tags and "Russia" in tags
    assert "China" not in tags
    assert section(page) == "Analysis"


def test_semicolons_keep_a_tag_whole_and_an_empty_category_is_no_choice(
        tagged_site: Path) -> None:
    page = story_page(tagged_site, "30")
    tags = tag_links(page)
    assert {"Ports, Rail and Roads", "Defence Budget", "Russia", "China"} <= set(tags)
    assert "Rail and Roads" not in tags
    assert section(page) == section(story_page(tagged_site, "28")) != "World"



def test_a_markdown_story_is_listed_by_its_first_paragraph(tagged_site: Path) -> None:
    feed = json.loads((tagged_site / "feeds" / "all.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["url"].endswith("/2024/05/28/"
                                                             "russia-and-china-speed-up-gas-pipeline-talks/"))
    assert "Power of Siberia 2" in item["summary"]
    assert "Gazprom will supply" not in item["summary"]  # the second paragraph
    front = BeautifulSoup((tagged_site / "index.html").read_text(encoding="utf-8"),
                          "html.parser")
    assert "Power of Siberia 2" in front.get_text()
    assert "Gazprom will supply" not in front.get_text()


def test_a_story_without_byline_or_source_has_no_empty_byline(tagged_site: Path) -> None:
    assert story_page(tagged_site, "28").select("p.byline") == []


def test_search_engines_get_a_markdown_storys_first_paragraph_as_its_description(
    tagged_site: Path,
) -> None:
    page = story_page(tagged_site, "28")
    data = json.loads(page.find("script", type="application/ld+json").string)
    meta = page.find("meta", attrs={"name": "description"})["content"]
    assert "Power of Siberia 2" in data["description"]
    assert "Gazprom will supply" not in data["description"]
    assert data["description"] == " ".join(meta.split())


def test_an_empty_summary_line_leaves_the_first_paragraph_as_the_summary(
    tagged_site: Path,
) -> None:
    import feedparser

    wanted = "Kazakhstan opened a grain corridor to China through Khorgos on Friday."
    rss = feedparser.parse((tagged_site / "feeds" / "all.rss.xml").read_bytes())
    entry = next(e for e in rss.entries if e.title == "Kazakhstan opens a grain corridor")
    assert BeautifulSoup(entry.summary, "html.parser").get_text() == wanted
    feed = json.loads((tagged_site / "feeds" / "all.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["title"] == "Kazakhstan opens a grain corridor")
    assert item["summary"] == wanted
    front = BeautifulSoup((tagged_site / "index.html").read_text(encoding="utf-8"),
                          "html.parser")
    assert wanted in " ".join(front.get_text().split())
