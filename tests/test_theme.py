"""Issue 5: the digest's theme — every page kind, checked on a real build.

One build of the seed plus small fixture stories (tests/site/theme/), published
under a sub-path, as GitHub Pages would serve it.
"""

from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build, write_wire

SITEURL = "https://example.github.io/digest"
SEED = "2024/05/17/putin-talks-tech-energy-cooperation-in-chinas-harbin/"
FEATURED = "2024/05/16/russia-and-china-near-deal-on-power-of-siberia-2-gas-pipeline/"
ASTANA = "2024/05/18/kazakhstan-and-nato-hold-security-talks-in-astana/"
MARKUP = "2024/05/19/beijing-tariffs-script-quotes-on-steel/"


def theme_content(folder: Path) -> Path:
    """The seed story plus the theme's fixture stories and About page."""
    shutil.copytree(FIXTURES / "theme", folder)
    shutil.copy(ROOT / "content/wire/2024-05-17-putin-harbin.txt", folder / "wire")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("theme")
    return build(theme_content(work / "content"), work, SITEURL=SITEURL)


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:  # noqa: ANN001 - a bs4 Tag
    return " ".join(node.get_text(" ", strip=True).split())


def json_ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


# --- front page ---------------------------------------------------------------


def test_front_page_leads_with_the_featured_story_and_its_summary(site: Path) -> None:
    lead = page(site, "").select_one(".lead-story")
    assert lead.select_one(".lead-title a")["href"] == f"{SITEURL}/{FEATURED}"
    assert "close to agreeing the price of gas" in text(lead.select_one(".standfirst"))


def test_front_page_groups_latest_stories_by_region_and_by_topic(site: Path) -> None:
    front = page(site, "")
    groups = {
        text(g.h2): {
            text(s.h3): [a["href"] for a in s.select("li a")] for s in g.select(".front-section")
        }
        for g in front.select(".front-group")
    }
    assert groups["By region"]["Eastern Asia"] == [f"{SITEURL}/{MARKUP}", f"{SITEURL}/{SEED}"]
    assert groups["By region"]["Central Asia"] == [f"{SITEURL}/{ASTANA}"]
    assert f"{SITEURL}/{SEED}" in groups["By topic"]["Energy"]
    assert f"{SITEURL}/{MARKUP}" in groups["By topic"]["Trade"]
    # The lead is not repeated in the sections below it.
    assert all(
        f"{SITEURL}/{FEATURED}" not in links for g in groups.values() for links in g.values()
    )


# --- article page -------------------------------------------------------------


def test_seed_article_shows_the_lede_once_not_as_standfirst_too(site: Path) -> None:
    article = page(site, SEED)
    assert article.select_one(".standfirst") is None
    body = article.select_one(".story-body")
    assert text(body).count("Flanked by goose-stepping Chinese soldiers") == 1
    assert "Flanked by" in text(body.find("p"))


def test_article_with_its_own_summary_shows_it_as_standfirst(site: Path) -> None:
    article = page(site, ASTANA)
    assert text(article.select_one(".standfirst")) == (
        "Officials from Kazakhstan and NATO met in Astana to discuss border security cooperation."
    )
    assert text(article.select_one(".dateline")) == "ASTANA, May 18 (Reuters)"


@pytest.mark.parametrize(
    ("url", "authors", "source"),
    [
        (SEED, ["Qian Lang"], "Radio Free Asia"),
        (FEATURED, ["Olga Petrova", "Li Wei"], "Reuters"),
    ],
)
def test_byline_links_author_and_source_pages_that_exist(
    site: Path, url: str, authors: list[str], source: str
) -> None:
    byline = page(site, url).select_one(".byline")
    assert [text(a) for a in byline.select("a.author")] == authors
    assert text(byline.select_one("a.source")) == source
    for link in byline.select("a"):
        assert link["href"].startswith(f"{SITEURL}/")
        assert (site / link["href"][len(SITEURL) + 1 :] / "index.html").is_file(), link["href"]


def test_article_has_date_region_reading_time_credit_and_subheading(site: Path) -> None:
    article = page(site, SEED)
    assert article.h1.get_text() == "Putin Talks Tech, Energy Cooperation In China’s Harbin"
    assert article.select_one(".story-meta time")["datetime"] == "2024-05-17T00:00:00+00:00"
    assert text(article.select_one("a.region")) == "Region: Eastern Asia"
    assert text(article.select_one(".reading-time")) == "3 min read"
    assert "Content used with the permission of Radio Free Asia" in text(
        article.select_one(".credit")
    )
    assert "Source: Radio Free Asia" in text(article.select_one(".credit"))
    assert [text(h) for h in article.select(".story-body h2")] == ["Desperate for resources"]


def test_tags_link_their_pages_and_say_their_kind(site: Path) -> None:
    # What a screen reader says: the kind, a colon, the name.
    tags = {" ".join(a.get_text().split()): a for a in page(site, SEED).select(".story-tags a.tag")}
    expected = {
        "Country: China": "country",
        "Place: Harbin": "place",
        "Person: Vladimir Putin": "person",
        "Topic: Energy": "topic",
    }
    for label, kind in expected.items():
        assert f"tag-{kind}" in tags[label]["class"], label
        assert tags[label].select_one(".tag-kind .visually-hidden")
    assert tags["Place: Harbin"]["href"] == f"{SITEURL}/tag/harbin/"


def test_related_stories_share_tags_and_prev_next_follow_dates(site: Path) -> None:
    seed = page(site, SEED)
    related = [a["href"] for a in seed.select(".related a")]
    assert f"{SITEURL}/{FEATURED}" in related  # shares Russia, China, Energy
    assert f"{SITEURL}/{SEED}" not in related
    assert seed.select_one(".story-nav a[rel=prev]")["href"] == f"{SITEURL}/{FEATURED}"
    assert seed.select_one(".story-nav a[rel=next]")["href"] == f"{SITEURL}/{ASTANA}"


def test_article_includes_also_reported_partial_hook() -> None:
    template = (ROOT / "theme/templates/article.html").read_text(encoding="utf-8")
    assert '{% include "partials/_also_reported.html" ignore missing %}' in template


# --- metadata -----------------------------------------------------------------


def test_article_metadata_canonical_opengraph_twitter_and_json_ld(site: Path) -> None:
    article = page(site, SEED)
    url = f"{SITEURL}/{SEED}"
    assert article.find("link", rel="canonical")["href"] == url
    meta = {
        m.get("property") or m.get("name"): m["content"]
        for m in article.find_all("meta", content=True)
    }
    assert meta["og:url"] == url and meta["og:type"] == "article"
    assert (
        meta["og:title"]
        == meta["twitter:title"]
        == "Putin Talks Tech, Energy Cooperation In China’s Harbin"
    )
    assert meta["twitter:card"] == "summary"
    data = json_ld(article)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Putin Talks Tech, Energy Cooperation In China’s Harbin"
    assert data["datePublished"] == "2024-05-17T00:00:00+00:00"
    assert data["author"] == [
        {"@type": "Person", "name": "Qian Lang", "url": f"{SITEURL}/author/qian-lang/"}
    ]
    assert data["publisher"]["name"] == "Regional News Digest"
    assert {"China", "Russia", "Harbin", "Energy"} <= set(data["keywords"])


def test_json_ld_cannot_close_its_script_element(site: Path) -> None:
    raw = (site / MARKUP / "index.html").read_text(encoding="utf-8")
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script
    # The headline as the page shows it (typogrify's dashes and quotes included).
    headline = BeautifulSoup(raw, "html.parser").h1.get_text()
    assert headline.startswith("Beijing Tariffs </script><!")
    assert json.loads(script)["headline"] == headline


@pytest.mark.parametrize("url", [SEED, ASTANA, MARKUP, "", "tag/kazakhstan/"])
def test_typogrify_markup_stays_out_of_title_meta_and_attributes(site: Path, url: str) -> None:
    soup = page(site, url)
    assert "<span" not in soup.title.string and "caps" not in soup.title.string
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            assert not any("<span" in v or 'class="caps"' in v for v in values), (tag.name, name)
    if url == ASTANA:
        assert soup.title.string.startswith("Kazakhstan and NATO Hold")
        assert soup.h1.select_one("span.caps")  # typogrify still works in the page body


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("", f"{SITEURL}/"),
        ("tag/china/", f"{SITEURL}/tag/china/"),
        ("tags/", f"{SITEURL}/tags/"),
        ("source/reuters/", f"{SITEURL}/source/reuters/"),
        ("about/", f"{SITEURL}/about/"),
    ],
)
def test_list_pages_have_a_clean_canonical_url(site: Path, url: str, canonical: str) -> None:
    soup = page(site, url)
    assert soup.find("link", rel="canonical")["href"] == canonical
    assert soup.find("meta", property="og:url")["content"] == canonical


def test_every_page_names_its_own_address_as_canonical(site: Path) -> None:
    # An edition, a month archive or the Subscribe page shared as a link must
    # preview as itself, not as the front page.
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html"]
    kinds = {p.relative_to(site).parts[0] for p in pages}
    assert {"digest", "archives", "subscribe", "tag", "index.html"} <= kinds
    for path in pages:
        own = f"{SITEURL}/{path.relative_to(site).as_posix()}".removesuffix("index.html")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("link", rel="canonical")["href"] == own, path
        assert soup.find("meta", property="og:url")["content"] == own, path


def test_every_page_names_an_icon_the_site_has(site: Path) -> None:
    # Without one, browsers ask for /favicon.ico on every visit and get a 404.
    for path in [site / "index.html", site / "404.html", *site.glob("20*/**/index.html")]:
        icon = BeautifulSoup(path.read_bytes(), "html.parser").find("link", rel="icon")
        assert icon is not None, path
        assert (site / icon["href"].removeprefix(f"{SITEURL}/")).is_file(), icon["href"]


def test_the_not_found_page_names_no_canonical_address(site: Path) -> None:
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("link", rel="canonical") is None
    assert soup.find("meta", property="og:url") is None
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_every_link_stays_under_the_site_url(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img", "form"]):
            url = tag.get("href") or tag.get("src") or tag.get("action")
            if url is None or url.startswith("#"):
                continue
            assert url.startswith(f"{SITEURL}/"), f"{path.relative_to(site)}: {url}"


def test_feed_discovery_and_subscribe_link_on_every_page_kind(site: Path) -> None:
    for url in ("", SEED, "tag/china/", "region/eastern-asia/", "search/"):
        soup = page(site, url)
        feeds = soup.find_all("link", rel="alternate")
        assert any(f["href"] == f"{SITEURL}/feeds/all.atom.xml" for f in feeds), url
        assert soup.select_one(f'nav a[href="{SITEURL}/subscribe/"]'), url


# --- index pages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind", "title", "stories"),
    [
        ("tag/china/", "Country", "China", {SEED, FEATURED, MARKUP}),
        ("tag/energy/", "Topic", "Energy", {SEED, FEATURED}),
        ("region/central-asia/", "Region", "Central Asia", {ASTANA}),
        ("author/qian-lang/", "Author", "Qian Lang", {SEED}),
        ("source/reuters/", "Source", "Reuters", {FEATURED, ASTANA}),
        ("source/radio-free-asia/", "Source", "Radio Free Asia", {SEED}),
    ],
)
def test_list_pages_name_their_kind_and_list_their_stories(
    site: Path, url: str, kind: str, title: str, stories: set[str]
) -> None:
    soup = page(site, url)
    assert text(soup.select_one(".list-header .kicker")) == kind
    assert text(soup.h1) == title
    assert {a["href"][len(SITEURL) + 1 :] for a in soup.select(".story-card-title a")} == stories


def test_tags_overview_groups_tags_by_kind(site: Path) -> None:
    soup = page(site, "tags/")
    groups = {text(s.h2): [text(a) for a in s.select("a")] for s in soup.select(".tag-group")}
    assert "China" in groups["Countries"] and "Harbin" in groups["Places"]
    assert "Vladimir Putin" in groups["People"] and "Energy" in groups["Topics"]
    # an editor's own tag (Tags: header) is listed too, with every tag page
    assert "Eastern Economic Forum" in groups["Other tags"]
    listed = {a["href"] for a in soup.select(".tag-group a")}
    tag_pages = site.glob("tag/*/index.html")
    assert listed == {f"{SITEURL}/{p.parent.relative_to(site)}/" for p in tag_pages}


def test_sources_overview_and_month_archive(site: Path) -> None:
    sources = [text(a) for a in page(site, "sources/").select(".term-list a")]
    assert sources == ["Radio Free Asia", "Reuters", "Xinhua"]
    archives = page(site, "archives/")
    assert text(archives.select_one(".archive-months li")) == "May 2024 (5)"
    month = page(site, "archives/2024/05/")
    assert text(month.h1) == "Archives: May 2024"
    assert len(month.select(".archive-list a")) == 5


def test_about_page_and_404_page(site: Path) -> None:
    assert page(site, "about/").h1.get_text() == "About"
    assert page(site, "").select_one(f'nav a[href="{SITEURL}/about/"]')
    missing = page(site, "404.html")
    assert text(missing.h1) == "Page not found"
    assert missing.find("a", href=f"{SITEURL}/")


def test_sitemap_and_robots(site: Path) -> None:
    tree = ElementTree.parse(site / "sitemap.xml")
    locs = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {
        f"{SITEURL}/",
        f"{SITEURL}/{SEED}",
        f"{SITEURL}/tag/china/",
        f"{SITEURL}/about/",
    } <= locs
    assert f"{SITEURL}/404.html" not in locs
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots.splitlines()


# --- search ---------------------------------------------------------------------


def test_search_page_uses_the_sites_own_pagefind_bundle(site: Path) -> None:
    soup = page(site, "search/")
    # One bundle per year (DIGEST_SEARCH_SHARD); every fixture story is from 2024.
    assert soup.find("script", src=f"{SITEURL}/pagefind/2024/pagefind-ui.js")
    assert soup.find("link", href=f"{SITEURL}/pagefind/2024/pagefind-ui.css")
    box = soup.select_one("#search")
    assert box["data-base-url"] == f"{SITEURL}/"
    assert box["data-bundle-path"] == f"{SITEURL}/pagefind/2024/"
    assert box["data-merge-bundles"] == ""
    assert (site / "pagefind/2024/pagefind-ui.js").is_file()
    header_form = page(site, "").select_one("form.site-search")
    assert header_form["action"] == f"{SITEURL}/search/"


def test_pagefind_indexes_exactly_the_articles(site: Path) -> None:
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["2024"]
    entry = json.loads((site / "pagefind/2024/pagefind-entry.json").read_text(encoding="utf-8"))
    # One index in the site's language, the `Lang: ru` story included: the
    # search page searches it, and the entry file lists one language, so two
    # builds cannot order several differently.
    assert list(entry["languages"]) == ["en"]
    assert entry["languages"]["en"]["page_count"] == 5


def test_search_shards_split_the_index_and_the_page_merges_them(tmp_path: Path) -> None:
    out = build(
        theme_content(tmp_path / "content"),
        tmp_path,
        SITEURL=SITEURL,
        DIGEST_SEARCH_SHARD="{date:%Y-%m-%d}",
    )
    days = ["2024-05-19", "2024-05-18", "2024-05-17", "2024-05-16"]
    assert sorted((p.name for p in (out / "pagefind").iterdir()), reverse=True) == days
    for day in days:
        entry = json.loads((out / f"pagefind/{day}/pagefind-entry.json").read_text("utf-8"))
        # 18 May holds the Astana story and the Russian Vladivostok one
        assert entry["languages"]["en"]["page_count"] == (2 if day == "2024-05-18" else 1)
    box = page(out, "search/").select_one("#search")
    assert box["data-bundle-path"] == f"{SITEURL}/pagefind/2024-05-19/"
    assert box["data-merge-bundles"].split() == [f"{SITEURL}/pagefind/{d}/" for d in days[1:]]


def test_two_builds_give_identical_search_index(site: Path, tmp_path: Path) -> None:
    again = build(theme_content(tmp_path / "content"), tmp_path, SITEURL=SITEURL)
    compared = filecmp.dircmp(site / "pagefind", again / "pagefind")
    files = sorted(
        p.relative_to(site / "pagefind") for p in (site / "pagefind").rglob("*") if p.is_file()
    )
    match, mismatch, errors = filecmp.cmpfiles(
        site / "pagefind", again / "pagefind", files, shallow=False
    )
    assert not compared.left_only and not compared.right_only
    assert (mismatch, errors) == ([], [])
    assert len(match) > 10


# --- a big site -------------------------------------------------------------------

REGIONS = ["Moscow", "Beijing", "Astana", "Ulaanbaatar", "Tashkent", "Seoul", "Tokyo", "Kyiv"]
TOPICS = ["gas exports", "wheat harvest", "army exercises", "bank sanctions", "election results"]


def test_front_page_of_2000_stories_stays_under_100_kb(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for n in range(2000):
        city, topic = REGIONS[n % len(REGIONS)], TOPICS[n % len(TOPICS)]
        day = f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}"
        write_wire(
            content / "wire",
            f"{day}-story-{n}.txt",
            f"Story {n} About {topic.title()} in {city}\n\n{city.upper()}, (Reuters) - "
            f"Officials in {city} discussed {topic} on story {n}, they said.\n",
        )
    off = {
        name: ""
        for name in (
            "DIGEST_FEED_REGION_RSS",
            "DIGEST_FEED_REGION_ATOM",
            "DIGEST_FEED_TAG_RSS",
            "DIGEST_FEED_TAG_ATOM",
            "DIGEST_FEED_SOURCE_RSS",
            "DIGEST_FEED_SOURCE_ATOM",
        )
    }
    output = build(
        content, tmp_path, DIGEST_SEARCH_INDEX=False, DIGEST_DAILY=False, DIGEST_WEEKLY=False, **off
    )
    front = (output / "index.html").read_bytes()
    soup = BeautifulSoup(front, "html.parser")
    assert len(soup.select(".story-card")) >= 10 and soup.select(".front-section")
    assert len(front) < 100_000, f"front page is {len(front)} bytes"


def test_a_story_in_another_language_says_so(site: Path) -> None:
    # Filed with `Lang: ru`: its own address, and a page that names its language
    # to browsers, screen readers and link previews alike.
    story = page(site, "2024/05/18/vladivostok-forum-ru/")
    assert story.html["lang"] == "ru"
    assert story.find("meta", property="og:locale")["content"] == "ru"
    assert page(site, "").html["lang"] == "en"
    assert page(site, "").find("meta", property="og:locale")["content"] == "en"
