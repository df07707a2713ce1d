"""Tables of figures in wire copy reach readers and subscribers as set, not run together.

Reuters sends price and sales tables as rows aligned with spaces or dot
leaders. Reflowed as prose they read "STORE PCT 1987 1986 SEARS 4.9 …".
The story below is written for this test; its figures are made up.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import build, write_wire
from test_browser import CHROMIUM, QuietHandler, Visit, browser, visit  # noqa: F401 - fixtures

STORY = """SOVIET GRAIN HARVEST FIGURES

    MOSCOW, March 3 - The Soviet grain harvest rose last year, the
agriculture ministry said. Figures are in mln tonnes.
    CROP              1986       1985       1984       1983
 WHEAT <WHT>          92.3       78.1       76.0       77.5
 BARLEY               53.3       49.0       46.2       47.4
 MAIZE                12.5       14.4       13.6       13.2
    Officials expect a bigger harvest this year.
 Reuter
"""
ROWS = [
    "   CROP              1986       1985       1984       1983",
    "WHEAT <WHT>          92.3       78.1       76.0       77.5",
    "BARLEY               53.3       49.0       46.2       47.4",
    "MAIZE                12.5       14.4       13.6       13.2",
]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tables")
    write_wire(root / "content" / "wire", "1987-03-03-soviet-grain.txt", STORY)
    return root


@pytest.fixture(scope="module")
def served(work: Path) -> Iterator[tuple[Path, str]]:
    """The site built for, and served at, http://127.0.0.1:PORT (its CSS must load)."""
    handler = functools.partial(QuietHandler, directory=str(work / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    site = build(work / "content", work, SITEURL=url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site(served: tuple[Path, str]) -> Path:
    return served[0]


def _story_page(site: Path) -> Path:
    return next(site.glob("1987/03/03/*/index.html"))


def test_the_table_keeps_its_rows_and_columns_on_the_page(site: Path) -> None:
    page = BeautifulSoup(_story_page(site).read_text(encoding="utf-8"), "html.parser")
    body = page.select_one(".story-body")
    table = body.select_one("pre.figures")
    assert table.get_text().split("\n") == ROWS
    # The prose around it is its own paragraphs, without a figure in them.
    paragraphs = [p.get_text(" ", strip=True) for p in body.find_all("p")]
    assert paragraphs[-1] == "Officials expect a bigger harvest this year."
    assert not any("92.3" in p or "BARLEY" in p for p in paragraphs)
    assert body.find("wht") is None  # the ticker is text, not a tag


def test_the_table_keeps_its_rows_in_the_feeds(site: Path) -> None:
    for name in ("all.rss.xml", "all.atom.xml"):
        entry = feedparser.parse((site / "feeds" / name).read_bytes()).entries[0]
        content = BeautifulSoup(entry.content[0].value, "html.parser")
        assert content.select_one("pre.figures").get_text().split("\n") == ROWS, name


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")
def test_a_wide_table_scrolls_in_its_box_on_a_small_phone(visit, served) -> None:  # noqa: F811
    site, url = served
    v = visit(width=320)
    page = v.open(f"{url}/{_story_page(site).parent.relative_to(site).as_posix()}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    box = page.evaluate("""() => {
        const pre = document.querySelector('pre.figures');
        const style = getComputedStyle(pre);
        return {scrolls: pre.scrollWidth > pre.clientWidth, overflow: style.overflowX,
                font: style.fontFamily, lines: pre.innerText.split('\\n').length};
    }""")
    assert box["scrolls"] and box["overflow"] == "auto"
    assert "monospace" in box["font"]
    assert box["lines"] == len(ROWS)
    assert v.axe_violations() == []


def test_a_story_of_figures_alone_shows_them_once(tmp_path: Path) -> None:
    write_wire(tmp_path / "content" / "wire", "1987-04-07-gasoil.txt",
               "LONDON GASOIL CALL\n\n May    147.75 147.50 147.75 148.00\n"
               " Jun    146.75 146.25 146.75 147.25\n TOTAL SALES   3792\n")
    site = build(tmp_path / "content", tmp_path)
    page = BeautifulSoup(next(site.glob("1987/04/07/*/index.html")).read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one(".standfirst") is None
    assert page.get_text().count("147.75") == 2  # twice in the May row, in the table only
    assert page.find("meta", attrs={"name": "description"})["content"] == "London Gasoil Call"
    front = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "147.75" not in front.get_text()
    assert not front.select(".standfirst:empty, .story-summary:empty")
