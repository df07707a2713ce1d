"""A published story keeps its address: links readers shared must not start
showing another story (real builds, the second one incremental)."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import build, write_wire

SITE = "https://example.org/digest"
HEADLINE = "NORTH KOREA SENDS MORE TRASH BALLOONS ACROSS BORDER"
SLUG = "north-korea-sends-more-trash-balloons-across-border"


def story(hour: str, detail: str, extra: str = "") -> str:
    return (
        f"Date: 2024-06-01 {hour}\n{extra}\n{HEADLINE}\n\n"
        f"SEOUL, June 1 (Reuters) - North Korea sent more balloons over the border, {detail}.\n\n"
        "South Korea's military said it was collecting the debris.\n"
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("addresses")
    wire = root / "content" / "wire"
    write_wire(wire, "2024-06-01-balloons.txt", story("08:00", "the first report said"))
    first = build(root / "content", root / "site", SITEURL=SITE)
    before = {p.relative_to(first).as_posix(): p.read_bytes() for p in first.rglob("*.html")}
    # The update sorts before the original by file name ("-" < ".") and is filed later.
    write_wire(wire, "2024-06-01-balloons-update.txt", story("11:30", "an update said"))
    # An exact copy of the original, filed again later under a name that sorts first.
    write_wire(wire, "2024-06-01-a-balloons-again.txt",
               story("08:00", "the first report said").replace("08:00", "12:00", 1))
    # A Russian-language story: its address follows the same scheme as the others.
    write_wire(wire, "2024-06-02-kremlin.txt",
               "Lang: ru\n\nKREMLIN COMMENTS ON TALKS\n\nMOSCOW, June 2 (Reuters) - "
               "The Kremlin said talks would go on.\n\nNo date was set.\n")
    second = build(root / "content", root / "site", SITEURL=SITE)
    return {"first": first, "second": second, "before": before, "root": root}


def page_text(site: Path, path: str) -> str:
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    return soup.find("main").get_text(" ", strip=True)


def test_the_first_published_story_keeps_its_address(sites: dict) -> None:
    path = f"2024/06/01/{SLUG}/index.html"
    assert path in sites["before"]
    assert "the first report said" in page_text(sites["second"], path)
    assert "an update said" in page_text(sites["second"], f"2024/06/01/{SLUG}-2/index.html")


def test_the_feed_item_of_the_first_story_still_links_to_it(sites: dict) -> None:
    feed = feedparser.parse((sites["second"] / "feeds/all.rss.xml").read_bytes())
    links = {entry.id.rsplit(":", 1)[-1]: entry.link for entry in feed.entries}
    assert links["balloons"] == f"{SITE}/2024/06/01/{SLUG}/"
    assert links["balloons-update"] == f"{SITE}/2024/06/01/{SLUG}-2/"
    assert "a-balloons-again" not in links


def test_an_exact_copy_filed_later_is_the_one_left_out(sites: dict) -> None:
    report = json.loads((sites["root"] / "site" / "build-report.json").read_text())
    status = {entry["file"]: entry["status"] for entry in report["files"]}
    assert status["wire/2024-06-01-balloons.txt"] == "published"
    assert status["wire/2024-06-01-a-balloons-again.txt"] == "duplicate"


def test_a_story_in_another_language_is_filed_under_its_date(sites: dict) -> None:
    pages = [p.relative_to(sites["second"]).as_posix()
             for p in sites["second"].rglob("*.html") if "kremlin" in p.as_posix()]
    assert pages == ["2024/06/02/kremlin-comments-on-talks-ru/index.html"]
    soup = BeautifulSoup((sites["second"] / pages[0]).read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "ru"
    assert soup.find("link", rel="canonical")["href"] == f"{SITE}/{pages[0][:-10]}"


RATES = (
    "MOSCOW RAISES RATES AGAIN\n\nMOSCOW, May 21 (Reuters) - Russia's central bank raised "
    "its key rate again on Tuesday.\n\nAnalysts had expected the move.\n"
)


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("awkward")
    wire = root / "content" / "wire"
    # An agency re-sends yesterday's story the next day: same text, same slug.
    write_wire(wire, "2024-05-21-rates.txt", RATES)
    write_wire(wire, "2024-05-22-rates-resent.txt", RATES)
    write_wire(wire, "2024-05-22-quiet.txt",
               "Status: hidden\n\nA QUIET NOTE\n\nBEIJING, May 22 - A note for a direct link.\n")
    write_wire(wire, "2024-05-23-odd-lang.txt",
               "Lang: x/../../../about\n\nODD LANGUAGE CODE\n\nASTANA, May 23 - The text.\n")
    write_wire(wire, "2024-05-23-kazakh.txt",
               "Lang: kk_KZ\n\nGRAIN HARVEST BEGINS\n\nASTANA, May 23 - The text.\n")
    # Another language, days later, under the same headline (so the same slug).
    write_wire(wire, "2024-05-24-rates-de.txt",
               "Lang: de\n\nMOSCOW RAISES RATES AGAIN\n\nMOSKAU, 24. Mai - Die russische "
               "Zentralbank hob den Leitzins erneut an.\n\nAnalysten hatten damit gerechnet.\n")
    (root / "content" / "pages").mkdir()
    (root / "content" / "pages" / "about.md").write_text("Title: About\n\nAbout us.\n")
    output = build(root / "content", root / "site", SITEURL=SITE)
    report = json.loads((root / "site" / "build-report.json").read_text())
    return {"output": output, "report": {e["file"]: e for e in report["files"]}}


def test_a_resent_copy_on_another_day_leaves_search_working(awkward: dict) -> None:
    assert awkward["report"]["wire/2024-05-21-rates.txt"]["status"] == "published"
    assert awkward["report"]["wire/2024-05-22-rates-resent.txt"]["status"] == "duplicate"
    assert (awkward["output"] / "pagefind" / "2024" / "pagefind-entry.json").is_file()
    assert not (awkward["output"] / "2024/05/22/moscow-raises-rates-again").exists()


def test_a_hidden_story_is_reported_as_hidden_with_its_address(awkward: dict) -> None:
    entry = awkward["report"]["wire/2024-05-22-quiet.txt"]
    assert entry["status"] == "hidden"
    assert entry["url"] == f"{SITE}/2024/05/22/a-quiet-note/"
    assert (awkward["output"] / "2024/05/22/a-quiet-note/index.html").is_file()
    front = (awkward["output"] / "index.html").read_text(encoding="utf-8")
    assert "A Quiet Note" not in front


def test_a_language_code_that_is_a_path_is_ignored(awkward: dict) -> None:
    entry = awkward["report"]["wire/2024-05-23-odd-lang.txt"]
    assert entry["status"] == "published"
    assert entry["url"] == f"{SITE}/2024/05/23/odd-language-code/"
    assert any("Lang" in warning for warning in entry["warnings"])
    about = (awkward["output"] / "about" / "index.html").read_text(encoding="utf-8")
    assert "About us." in about


def test_a_language_code_written_with_an_underscore_is_understood(awkward: dict) -> None:
    entry = awkward["report"]["wire/2024-05-23-kazakh.txt"]
    assert entry["url"] == f"{SITE}/2024/05/23/grain-harvest-begins-kk-kz/"
    assert not any("Lang" in warning for warning in entry["warnings"])


def test_a_story_in_another_language_with_the_same_headline_is_listed(awkward: dict) -> None:
    # Not a hidden "translation" of the English story (the theme shows no
    # translation links): a story of its own, listed like every other.
    entry = awkward["report"]["wire/2024-05-24-rates-de.txt"]
    assert entry["status"] == "published"
    assert entry["url"] == f"{SITE}/2024/05/24/moscow-raises-rates-again-de/"
    front = (awkward["output"] / "index.html").read_text(encoding="utf-8")
    assert "2024/05/24/moscow-raises-rates-again-de/" in front
    assert "2024/05/21/moscow-raises-rates-again/" in front
    feed = feedparser.parse((awkward["output"] / "feeds/all.atom.xml").read_bytes())
    links = {e.link for e in feed.entries}
    assert f"{SITE}/2024/05/24/moscow-raises-rates-again-de/" in links
    assert f"{SITE}/2024/05/21/moscow-raises-rates-again/" in links
    assert (awkward["output"] / "digest/2024-05-24/index.html").is_file()
