"""Issue 6: RSS, Atom and JSON feeds subscribers can trust (real builds)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build, write_wire

SITE = "https://example.github.io/digest"
OTHER_HOST = "https://news.example.org"
SEED = ROOT / "content/wire/2024-05-17-putin-harbin.txt"
SEED_URL = f"{SITE}/2024/05/17/putin-talks-tech-energy-cooperation-in-chinas-harbin/"
HOSTILE = "2024-05-14-hostile-markup.txt"
EDITED = "2024-05-10-moscow-gas.txt"
ID_PREFIX = "tag:digest.example.org,2024:"


def make_content(folder: Path) -> Path:
    """The feed fixtures plus the bundled seed story, in a fresh content dir."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "feeds", content)
    shutil.copy(SEED, content / "wire" / SEED.name)
    return content


def edit_story(content: Path) -> None:
    """Correct a story: new headline, a new paragraph, different tags."""
    path = content / "wire" / EDITED
    text = path.read_text(encoding="utf-8")
    text = text.replace("Tags: Russia, Energy", "Tags: Russia, Arctic, -Energy")
    text = text.replace(
        "MOSCOW RAISES GAS EXPORT TARGET FOR NEXT YEAR", "MOSCOW RAISES GAS EXPORT TARGET FOR 2025"
    )
    text += "\nCorrection: an earlier version misstated the size of the rise.\n"
    path.write_text(text, encoding="utf-8")
    # An editor's Markdown story gets a corrected headline too.
    note = content / "notes" / "2024-05-15-editors-note.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "Title: Editor's Note on Central Asia Coverage",
        "Title: Editor's Note on Our Central Asia Coverage"), encoding="utf-8")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_content(tmp_path_factory.mktemp("feeds-content"))


@pytest.fixture(scope="module")
def site(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(content, tmp_path_factory.mktemp("feeds-site"), SITEURL=SITE)


@pytest.fixture(scope="module")
def report(site: Path) -> dict:
    return json.loads((site.parent / "build-report.json").read_text(encoding="utf-8"))


def feed_files(site: Path) -> list[Path]:
    return sorted(p for p in (site / "feeds").rglob("*") if p.suffix in (".xml", ".json"))


def xml_feeds(site: Path) -> list[Path]:
    return [p for p in feed_files(site) if p.suffix == ".xml"]


def parse(path: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path.name}: {feed.get('bozo_exception')}"
    return feed


def ids(site: Path) -> dict[str, str]:
    """Item id -> wire file stem, for every item of the site-wide RSS feed."""
    entries = parse(site / "feeds/all.rss.xml").entries
    return {e.id: e.link for e in entries}


def entry_for(feed: feedparser.FeedParserDict, link: str) -> feedparser.FeedParserDict:
    matches = [e for e in feed.entries if e.link == link]
    assert len(matches) == 1, [e.link for e in feed.entries]
    return matches[0]


# ----------------------------------------------------------------- which feeds exist


@pytest.mark.parametrize(
    "path",
    [
        "feeds/all.rss.xml",
        "feeds/all.atom.xml",
        "feeds/tag/china.rss.xml",
        "feeds/tag/china.atom.xml",
        "feeds/tag/editors.rss.xml",  # a Markdown article's own Tags: header
        "feeds/source/steppe-wire.rss.xml",
        "feeds/source/steppe-wire.atom.xml",
        "feeds/source/radio-free-asia.rss.xml",
    ],
)
def test_feed_is_written_and_parses_without_errors(site: Path, path: str) -> None:
    assert parse(site / path).entries


def test_every_region_has_an_rss_and_an_atom_feed(site: Path, report: dict) -> None:
    regions = {f["category"] for f in report["files"] if f["status"] == "published"}
    written = {p.name for p in (site / "feeds/region").iterdir()}
    assert regions
    for region in regions:
        slug = re.sub(r"[^a-z0-9]+", "-", region.lower()).strip("-")
        assert {f"{slug}.rss.xml", f"{slug}.atom.xml"} <= written, region


def test_every_xml_feed_parses_without_errors(site: Path) -> None:
    assert len(xml_feeds(site)) >= 10
    for path in xml_feeds(site):
        parse(path)


# ----------------------------------------------------------------- items


@pytest.mark.parametrize("path", ["feeds/all.rss.xml", "feeds/all.atom.xml"])
def test_seed_item_has_full_story_author_and_country_categories(site: Path, path: str) -> None:
    entry = entry_for(parse(site / path), SEED_URL)
    body = entry.content[0].value
    assert "Flanked by goose-stepping Chinese soldiers" in body  # first paragraph
    assert "components from China in Russian weapons" in body  # last paragraph
    assert "<h2>Desperate for resources</h2>" in body
    assert [a.name for a in entry.authors] == ["Qian Lang"]
    assert {"Russia", "China", "Energy"} <= {t.term for t in entry.tags}


def test_items_carry_the_credit_lines_the_story_page_shows(site: Path) -> None:
    # The seed's publisher grants republication in its credit: a full-text
    # item must carry it, as the article page does.
    credit = "Content used with the permission of Radio Free Asia"
    page = BeautifulSoup((site / SEED_URL.removeprefix(f"{SITE}/") / "index.html").read_bytes(),
                         "html.parser")
    shown = [p.get_text() for p in page.select("footer.credit p") if credit in p.get_text()]
    assert len(shown) == 1
    for path in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        body = entry_for(parse(site / path), SEED_URL).content[0].value
        credits = [p.get_text() for p in BeautifulSoup(body, "html.parser").select("p.credit")]
        assert shown[0] in credits, path
    feed = json.loads((site / "feeds/all.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["url"] == SEED_URL)
    assert shown[0] in BeautifulSoup(item["content_html"], "html.parser").get_text()


def test_a_markdown_credits_header_is_one_credit_line(site: Path) -> None:
    url = f"{SITE}/2024/05/15/editors-note-on-central-asia-coverage/"
    page = BeautifulSoup((site / url.removeprefix(f"{SITE}/") / "index.html").read_bytes(),
                         "html.parser")
    assert [p.get_text() for p in page.select("footer.credit p:not(.credit-source)")] == [
        "Written by the desk editor."]
    body = entry_for(parse(site / "feeds/all.rss.xml"), url).content[0].value
    credits = [p.get_text() for p in BeautifulSoup(body, "html.parser").select("p.credit")]
    assert credits == ["Written by the desk editor."]


def test_seed_item_in_json_feed_matches_rss(site: Path) -> None:
    feed = json.loads((site / "feeds/all.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["home_page_url"] == f"{SITE}/"
    item = next(i for i in feed["items"] if i["url"] == SEED_URL)
    rss = entry_for(parse(site / "feeds/all.rss.xml"), SEED_URL)
    assert item["id"] == rss.id
    assert item["authors"] == [{"name": "Qian Lang"}]
    assert "components from China in Russian weapons" in item["content_html"]
    assert [i["id"] for i in feed["items"]] == [
        e.id for e in parse(site / "feeds/all.rss.xml").entries
    ]


def test_rss_items_have_plain_titles_summaries_dates_and_opaque_guids(site: Path) -> None:
    raw = (site / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert raw.count('<guid isPermaLink="false">tag:') == len(
        parse(site / "feeds/all.rss.xml").entries
    )
    for entry in parse(site / "feeds/all.rss.xml").entries:
        assert entry.id.startswith(ID_PREFIX)
        assert not entry.guidislink
        assert "caps" not in entry.title and "<span" not in entry.title
        assert entry.summary and entry.summary != entry.content[0].value
        assert entry.published_parsed[:3] >= (2024, 5, 10)
        assert [c.scheme for c in entry.tags] == [
            f"{SITE}/tag/{_slug(c.term)}/" for c in entry.tags
        ]


def test_seed_dates_come_from_the_story_not_the_clock(site: Path) -> None:
    assert entry_for(parse(site / "feeds/all.rss.xml"), SEED_URL).published_parsed[:3] == (
        2024,
        5,
        17,
    )
    atom = entry_for(parse(site / "feeds/all.atom.xml"), SEED_URL)
    assert atom.published_parsed[:3] == atom.updated_parsed[:3] == (2024, 5, 17)


@pytest.mark.parametrize(
    "path",
    [
        "feeds/all.rss.xml",
        "feeds/all.atom.xml",
        "feeds/tag/china.rss.xml",
        "feeds/source/steppe-wire.atom.xml",
    ],
)
def test_items_are_newest_first(site: Path, path: str) -> None:
    dates = [e.published_parsed for e in parse(site / path).entries]
    assert dates == sorted(dates, reverse=True)


def test_china_tag_feed_holds_exactly_the_china_tagged_stories(site: Path, report: dict) -> None:
    china = {
        f["url"] for f in report["files"] if f["status"] == "published" and "China" in f["tags"]
    }
    assert (
        SEED_URL in china
        and f"{SITE}/2024/05/12/china-s-exports-grow-faster-than-expected-in-april/" in china
    )
    for path in ("feeds/tag/china.rss.xml", "feeds/tag/china.atom.xml"):
        links = [e.link for e in parse(site / path).entries]
        assert sorted(links) == sorted(china), path


def test_item_limit_cuts_the_oldest(content: Path, tmp_path: Path) -> None:
    small = build(content, tmp_path, SITEURL=SITE, DIGEST_FEED_MAX_ITEMS=2)
    entries = parse(small / "feeds/all.atom.xml").entries
    assert [e.published_parsed[:3] for e in entries] == [(2024, 5, 17), (2024, 5, 15)]


def test_no_subscribe_page_means_no_link_to_it(content: Path, tmp_path: Path) -> None:
    out = build(content, tmp_path / "out", SITEURL=SITE, DIGEST_FEED_SUBSCRIBE_SAVE_AS="",
                DIGEST_SEARCH_INDEX=False)
    assert not (out / "subscribe").exists()
    front = (out / "index.html").read_text(encoding="utf-8")
    assert "Subscribe" not in front and "subscribe/" not in front


# ----------------------------------------------------------------- channel


@pytest.mark.parametrize(
    "path, page",
    [
        ("feeds/all.rss.xml", f"{SITE}/"),
        ("feeds/tag/china.rss.xml", f"{SITE}/tag/china/"),
        ("feeds/tag/china.atom.xml", f"{SITE}/tag/china/"),
    ],
)
def test_channel_links_to_its_page_and_to_itself(site: Path, path: str, page: str) -> None:
    feed = parse(site / path).feed
    assert feed.link == page
    assert [link.href for link in feed.links if link.rel == "self"] == [f"{SITE}/{path}"]
    assert feed.get("subtitle") or feed.get("description")
    assert feed.language == "en"


def test_channel_date_is_the_newest_item_date(site: Path) -> None:
    rss = parse(site / "feeds/all.rss.xml").feed
    atom = parse(site / "feeds/all.atom.xml").feed
    assert rss.updated_parsed[:3] == (2024, 5, 17)
    assert atom.updated_parsed[:3] == (2024, 5, 17)
    steppe = parse(site / "feeds/source/steppe-wire.rss.xml").feed
    assert steppe.updated_parsed[:3] == (2024, 5, 14)


# ----------------------------------------------------------------- stability


def test_item_ids_survive_a_new_host_and_a_corrected_story(
    content: Path, site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    moved = build(content, tmp_path_factory.mktemp("moved"), SITEURL=OTHER_HOST)
    edited_content = make_content(tmp_path_factory.mktemp("edited-content"))
    edit_story(edited_content)
    edited = build(edited_content, tmp_path_factory.mktemp("edited"), SITEURL=SITE)

    original, on_other_host, corrected = ids(site), ids(moved), ids(edited)
    assert len(original) == 5
    assert sorted(original) == sorted(on_other_host) == sorted(corrected)
    # The builds really differ: other host, and the corrected story's new text.
    assert all(link.startswith(OTHER_HOST + "/") for link in on_other_host.values())
    fixed = entry_for(
        parse(edited / "feeds/all.rss.xml"),
        f"{SITE}/2024/05/10/moscow-raises-gas-export-target-for-2025/",
    )
    assert "misstated the size" in fixed.content[0].value
    assert fixed.id in original
    note = entry_for(parse(edited / "feeds/all.rss.xml"),
                     f"{SITE}/2024/05/15/editors-note-on-our-central-asia-coverage/")
    assert note.id == f"{ID_PREFIX}2024-05-15:editors-note"  # its file's name, as on the wire


def test_two_builds_of_the_same_content_give_identical_feed_bytes(
    content: Path, site: Path, tmp_path: Path
) -> None:
    again = build(content, tmp_path, SITEURL=SITE)
    first, second = feed_files(site), feed_files(again)
    assert [p.relative_to(site) for p in first] == [p.relative_to(again) for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.relative_to(site)


def test_feeds_carry_no_feedgen_version_or_wall_clock_year(site: Path) -> None:
    for path in xml_feeds(site):
        text = path.read_text(encoding="utf-8")
        assert "version=" not in text.split("<generator", 1)[-1].split(">", 1)[0], path.name
        years = set(re.findall(r"(?:<updated>|<lastBuildDate>\w{3}, \d\d \w{3} )(\d{4})", text))
        assert years <= {"2024"}, (path.name, years)


# ----------------------------------------------------------------- safety


def test_no_feed_carries_a_script_element_or_a_relative_url(site: Path) -> None:
    hostile_seen = False
    for path in xml_feeds(site):
        raw = path.read_text(encoding="utf-8")
        for cdata in re.findall(r"<!\[CDATA\[(.*?)\]\]>", raw, flags=re.S):
            assert "<script" not in cdata.lower(), path.name
        for entry in parse(path).entries:
            html = BeautifulSoup(entry.content[0].value, "html.parser")
            assert html.find("script") is None, path.name
            assert not html.find(attrs={"onerror": True})
            hostile_seen |= "Astana" in entry.title
            for element in html.find_all(href=True) + html.find_all(src=True):
                url = element.get("href") or element.get("src")
                assert url.startswith(SITE + "/"), (path.name, url)
    assert hostile_seen


def test_relative_and_root_links_in_a_story_become_absolute_under_the_sub_path(site: Path) -> None:
    entry = entry_for(
        parse(site / "feeds/all.atom.xml"),
        f"{SITE}/2024/05/15/editors-note-on-central-asia-coverage/",
    )
    html = BeautifulSoup(entry.content[0].value, "html.parser")
    hrefs = [a["href"] for a in html.find_all("a")]
    assert hrefs == [
        f"{SITE}/about/",
        f"{SITE}/archives/",
        f"{SITE}/regions/",
        f"{SITE}/2024/05/15/editors-note-on-central-asia-coverage/#top",
    ]
    assert html.img["src"] == f"{SITE}/theme/img/map.png"


# ----------------------------------------------------------------- pages


def alternate_links(page: Path) -> dict[str, str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {link["href"]: link["type"] for link in soup.find_all("link", rel="alternate")}


@pytest.mark.parametrize(
    "page, own_feeds",
    [
        ("index.html", []),
        ("tag/china/index.html", ["feeds/tag/china.rss.xml", "feeds/tag/china.atom.xml"]),
        (
            "2024/05/10/moscow-raises-gas-export-target-for-next-year/index.html",
            ["feeds/source/steppe-wire.rss.xml", "feeds/source/steppe-wire.atom.xml"],
        ),
    ],
)
def test_pages_announce_the_site_feeds_and_their_own(
    site: Path, page: str, own_feeds: list[str]
) -> None:
    links = alternate_links(site / page)
    site_feeds = ["feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/all.json"]
    for path in site_feeds + own_feeds:
        assert f"{SITE}/{path}" in links, path
        assert (site / path).is_file()
    assert links[f"{SITE}/feeds/all.rss.xml"] == "application/rss+xml"
    assert links[f"{SITE}/feeds/all.atom.xml"] == "application/atom+xml"
    if page == "index.html":
        assert len(links) == len(site_feeds)


def test_source_page_and_source_feed_point_at_each_other(site: Path) -> None:
    page = site / "source/steppe-wire/index.html"
    if not page.is_file():
        pytest.skip("the theme writes no source pages")
    links = alternate_links(page)
    assert f"{SITE}/feeds/source/steppe-wire.rss.xml" in links
    assert f"{SITE}/feeds/source/steppe-wire.atom.xml" in links
    assert (
        parse(site / "feeds/source/steppe-wire.rss.xml").feed.link == f"{SITE}/source/steppe-wire/"
    )


def test_region_page_announces_its_region_feed(site: Path) -> None:
    for page in (site / "region").glob("*/index.html"):
        slug = page.parent.name
        assert f"{SITE}/feeds/region/{slug}.rss.xml" in alternate_links(page)


def test_subscribe_page_lists_every_feed_with_a_title(site: Path) -> None:
    soup = BeautifulSoup((site / "subscribe/index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {a["href"] for a in soup.select("main a[href]")}
    written = {f"{SITE}/{p.relative_to(site).as_posix()}" for p in feed_files(site)}
    assert listed == written
    titles = [t.get_text() for t in soup.select(".feed-title")]
    assert "Regional News Digest: China" in titles
    assert "Regional News Digest: from Steppe Wire" in titles


def _slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def test_a_story_filed_as_edition_does_not_take_its_days_edition_id(tmp_path: Path) -> None:
    # "2024-06-04-edition.txt" is a story; the editions feed has that day's
    # edition. A reader that de-duplicates by id must keep both.
    content = tmp_path / "content" / "wire"
    content.mkdir(parents=True)
    (content / "2024-06-04-edition.txt").write_text(
        "Mongolia Sells Coal To China\n\nULAANBAATAR, June 4 (Reuters) - Mongolia sold coal "
        "to China, officials said.\n", encoding="utf-8")
    site = build(tmp_path / "content", tmp_path)
    stories = {e.id for e in feedparser.parse((site / "feeds/all.atom.xml").read_bytes()).entries}
    editions = {e.id for e in
                feedparser.parse((site / "feeds/editions.atom.xml").read_bytes()).entries}
    assert len(stories) == len(editions) == 1
    assert stories.isdisjoint(editions)
    assert editions == {f"{ID_PREFIX}2024-06-04:edition"}


# Files an editor may name alike: case only, another folder, Cyrillic names.
ALIKE = {
    "wire/2024-06-02-Moscow-Talks.txt":
        "Moscow talks end\n\nMOSCOW, June 2 (Reuters) - Talks ended.\n",
    "wire/2024-06-02-moscow-talks.txt":
        "Moscow talks resume\n\nMOSCOW, June 2 (TASS) - Talks resumed.\n",
    "wire/2024-06-08-gas-talks.txt":
        "Gas talks open\n\nBEIJING, June 8 (Reuters) - Gas talks opened.\n",
    "wire/tass/2024-06-08-gas-talks.txt":
        "Gas talks stall\n\nBEIJING, June 8 (TASS) - Talks stalled.\n",
    "wire/2024-06-08-путин-1.txt":
        "Путин прибыл в Пекин\n\nПЕКИН, 8 июня (ТАСС) - Визит начался.\n",
    "wire/2024-06-08-лавров-1.txt":
        "Лавров прибыл в Пекин\n\nПЕКИН, 8 июня (ТАСС) - Лавров прибыл.\n",
}


def test_stories_from_files_named_alike_keep_ids_of_their_own(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for name, text in ALIKE.items():
        write_wire(content, name, text)
    output = build(content, tmp_path)
    for feed in ("all.atom.xml", "all.rss.xml"):
        entries = feedparser.parse((output / "feeds" / feed).read_bytes()).entries
        ids = [e.id for e in entries]
        assert len(entries) == len(ALIKE) and len(set(ids)) == len(ids), ids
    ids = {e.title: e.id for e in feedparser.parse(
        (output / "feeds/all.atom.xml").read_bytes()).entries}
    # Names alike: each gets an id of its own path, none the plain one (a file added
    # later must not take it from a story readers have). Cyrillic names are transliterated.
    plain = "tag:digest.example.org,2024:2024-06-02:moscow-talks"
    assert ids["Moscow talks end"].startswith(plain + "-")
    assert ids["Moscow talks resume"].startswith(plain + "-")
    assert ids["Путин прибыл в Пекин"] == "tag:digest.example.org,2024:2024-06-08:putin-1"
    assert ids["Лавров прибыл в Пекин"] == "tag:digest.example.org,2024:2024-06-08:lavrov-1"
    # The editor is told, on each file, which files share a name, so one can be renamed.
    files = json.loads((tmp_path / "build-report.json").read_text())["files"]
    report = {e["file"]: e for e in files}
    for one, other in (("wire/2024-06-02-moscow-talks.txt", "wire/2024-06-02-Moscow-Talks.txt"),
                       ("wire/tass/2024-06-08-gas-talks.txt", "wire/2024-06-08-gas-talks.txt")):
        for this, that in ((one, other), (other, one)):
            assert any(that in w and "feed id" in w for w in report[this]["warnings"]), this
    assert not report["wire/2024-06-08-путин-1.txt"]["warnings"]


def test_a_slug_header_that_gives_an_id_twice_is_named_as_the_cause(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_wire(content, "wire/2024-06-02-moscow-talks.txt",
               "Talks open\n\nMOSCOW, June 2 (Reuters) - Talks opened.\n")
    write_wire(content, "wire/2024-06-02-other.txt",
               "Slug: moscow-talks\n\nTalks close\n\nMOSCOW, June 2 (TASS) - Talks closed.\n")
    build(content, tmp_path)
    files = json.loads((tmp_path / "build-report.json").read_text())["files"]
    said = {e["file"]: [w for w in e["warnings"] if "feed id" in w] for e in files}
    assert "Slug: header" in said["wire/2024-06-02-other.txt"][0]
    assert "rename one of the files" in said["wire/2024-06-02-moscow-talks.txt"][0]


def test_a_file_added_later_with_a_name_alike_takes_no_id_readers_have(tmp_path: Path) -> None:
    content = tmp_path / "content"
    name = "wire/2024-06-02-moscow-talks.txt"
    write_wire(content, name, ALIKE[name])
    write_wire(content, "wire/2024-06-03-beijing-talks.txt",
               "Beijing talks open\n\nBEIJING, June 3 (Reuters) - Talks opened.\n")

    def ids() -> dict[str, str]:
        output = build(content, tmp_path)
        entries = feedparser.parse((output / "feeds/all.atom.xml").read_bytes()).entries
        return {e.title: e.id for e in entries}

    before = ids()
    write_wire(content, "archive/2024-06-02-moscow-talks.txt",
               "Moscow talks stall\n\nMOSCOW, June 2 (TASS) - Talks stalled.\n")
    after = ids()
    assert after["Beijing talks open"] == before["Beijing talks open"]
    # The new story's id is no id a reader has already seen.
    assert after["Moscow talks stall"] not in before.values()


def test_an_item_opens_with_its_dateline_and_names_its_agency(tmp_path: Path) -> None:
    # A subscriber tells Reuters copy from TASS copy, and sees where it was filed.
    content = tmp_path / "content"
    write_wire(content, "wire/2024-06-06-arctic-port.txt",
               "Russia opens Arctic port\n\nMOSCOW, June 6 (Interfax) - Russia opened an Arctic "
               "port, officials said.\n\nThe port serves the Northern Sea Route.\n")
    write_wire(content, "wire/2024-06-07-gas-deal.txt",
               "Gas deal signed\n\nBy Ann Lee\n\nBEIJING, June 7 (Reuters) - China and Russia "
               "signed a gas deal, officials said.\n")
    output = build(content, tmp_path)
    entries = {e.title: e for e in feedparser.parse(
        (output / "feeds/all.rss.xml").read_bytes()).entries}
    port, deal = entries["Russia opens Arctic port"], entries["Gas deal signed"]
    assert port.author == "Interfax" and deal.author == "Ann Lee"
    first = BeautifulSoup(port.content[0].value, "html.parser").find("p")
    assert first.get_text() == "MOSCOW, June 6 (Interfax)"
    assert "Russia opened an Arctic port" in port.content[0].value
    feed = json.loads((output / "feeds/all.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["title"] == "Russia opens Arctic port")
    assert item["authors"] == [{"name": "Interfax"}]
