"""Table-driven tests of the pure wire parser (no Pelican)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from wire_reader.parse import (
    NO_DATE,
    link_addresses,
    make_slug,
    make_summary,
    parse,
    parse_dateline,
    read_wire,
    recase_headline,
    reflow_paragraphs,
    render_inline,
    split_byline,
)
from wire_reader.story import Dateline, Removed

ROOT = Path(__file__).resolve().parents[3]
SEED_PATHS = (
    ROOT / "content" / "wire" / "2024-05-17-putin-harbin.txt",
    ROOT.parent / "shared" / "seeds" / "000_675a4f0b8f43f9eb.txt",
)


@pytest.fixture(scope="module")
def seed():
    path = next((p for p in SEED_PATHS if p.exists()), None)
    if path is None:
        pytest.skip("seed article not available")
    return read_wire(path.read_bytes(), path.name)


def test_seed_title_kept_exactly(seed):
    assert seed.title == "Putin Talks Tech, Energy Cooperation In China’s Harbin"


def test_seed_byline_and_source(seed):
    assert seed.authors == ("Qian Lang",)
    assert seed.source == "Radio Free Asia"


def test_seed_subheading(seed):
    assert seed.subheadings == ("Desperate for resources",)
    assert "Desperate for resources" not in seed.paragraphs


def test_seed_credit_out_of_body(seed):
    assert not any("Content used with the permission" in p for p in seed.paragraphs)
    assert any("Content used with the permission" in c for c in seed.credits)
    assert seed.paragraphs[-1].startswith("While China has repeatedly denied")


def test_seed_junk_removed(seed):
    junk = {r.line for r in seed.removed if r.reason == "junk"}
    assert "Leave a Reply" in junk
    assert any(line.startswith("Your email address") for line in junk)
    assert "Leave a Reply" not in seed.body_text


def test_seed_lede_and_slug(seed):
    assert seed.summary.startswith("Flanked by goose-stepping Chinese soldiers")
    assert seed.slug == "putin-talks-tech-energy-cooperation-in-chinas-harbin"


# --------------------------------------------------------------------------- fixtures

FIXTURES = Path(__file__).with_name("fixtures")


def fixture(name: str):
    return read_wire((FIXTURES / name).read_bytes(), name)


def test_reuters_fixture_fields():
    story = fixture("1987-03-03-reuters-99001.txt")
    # ALL CAPS recased; acronyms and the &lt;-escaped ticker stay readable
    assert story.title == "Acme Widget <AWC> Seeks U.S. and EC Talks on OPEC Quota"
    assert story.headline_raw.startswith("ACME WIDGET &lt;AWC>")
    assert story.dateline == Dateline("PEKING, March 3", "Peking", None, None, "March 3")
    assert story.date == dt.datetime(1987, 3, 3)
    assert story.source == "Reuters"  # from the " Reuter" sign-off
    # the page says "Source: Reuters"; the bare mark is not shown as a credit
    assert story.credits == ()
    assert Removed("Reuter", "sign-off") in story.removed


def test_reuters_fixture_reflow_and_html():
    story = fixture("1987-03-03-reuters-99001.txt")
    assert [b.kind for b in story.blocks] == ["paragraph"] * 3
    assert story.blocks[0].text.startswith("Acme Widget Corp said it would ask the U.S. and")
    # the hard-wrapped "anti-" joins its next line; the ticker is text, escaped in html
    assert story.blocks[1].text == (
        'The company, which trades as <AWC>, said its anti-inflation plan was "on track" '
        "and profits rose 12 pct."
    )
    assert story.blocks[1].html == (
        'The company, which trades as &lt;AWC&gt;, said its anti-inflation plan was "on track" '
        "and profits rose 12 pct."
    )
    assert story.summary == story.blocks[0].text


def test_header_overrides():
    story = fixture("2024-05-17-header.txt")
    assert story.title == "Harbor Opens New Ferry Line"
    assert story.headline_raw == "HARBOR OPENS FERRY LINE"  # replaced, not body
    assert story.date == dt.datetime(2024, 5, 20, 9, 30)
    assert story.authors == ("Ann Lee", "Bo Chen")
    assert story.source == "Harbor Gazette"
    assert story.slug == "etc-ferry"  # "../../etc/ferry" sanitised
    assert story.summary == "A short editor summary."
    assert story.header["tags"] == "transport, ferries"
    assert story.header["featured"] == "yes"
    assert story.paragraphs[0] == "The first ferry left the pier at dawn. It was full."
    assert "unknown header key 'mood' ignored" in story.warnings
    assert "cheerful" not in story.body_text


def test_repost_fixture_fields():
    story = fixture("2024-06-01-asia-repost.txt")
    assert story.title == "Workers rally for unpaid wages in coastal city"
    assert story.authors == ("Mei Wong",)
    assert story.source == "Harbor Post"  # the byline's agency beats the dateline's
    assert story.dateline == Dateline("HARBIN, China (AP)", "Harbin", "China", "AP", None)
    assert story.summary.startswith("Hundreds of workers gathered on Monday")


def test_repost_fixture_blocks():
    story = fixture("2024-06-01-asia-repost.txt")
    kinds = [b.kind for b in story.blocks]
    assert kinds == ["paragraph", "paragraph", "subheading", "list", "paragraph"]
    assert story.blocks[0].html == (
        "Hundreds of workers gathered on Monday to demand <strong>six months</strong> "
        "of back pay, organisers said."
    )
    assert story.blocks[1].text == "“We have waited long enough,” one worker said."
    assert story.blocks[3].items == (
        "Two vans were parked nearby",
        "Officers filmed the crowd",
        "Nobody was detained",
    )


def test_repost_fixture_removed():
    story = fixture("2024-06-01-asia-repost.txt")
    reasons = {r.line: r.reason for r in story.removed}
    assert reasons["Share this article"] == "junk"
    assert reasons["Sign up for our weekly newsletter"] == "junk"
    assert reasons["Leave a Reply"] == "junk"
    assert reasons["Reporting by Mei Wong; Editing by Tom Hall"] == "credit"
    assert reasons["(c) 2024 Harbor Post. All rights reserved."] == "credit"
    assert any(r.startswith("Related:") for r in reasons)
    assert "Union law explained" not in story.body_text
    assert story.credits == (
        "Reporting by Mei Wong; Editing by Tom Hall",
        "(c) 2024 Harbor Post. All rights reserved.",
    )


# --------------------------------------------------------------------------- header


def story_of(text: str, filename: str = "2024-05-17-test.txt", **kw):
    return parse(text, filename, **kw)


BODY = "\n\nThe council met on Monday. It voted.\n"


@pytest.mark.parametrize(
    ("text", "title", "header"),
    [
        # a colon in a headline is not a header
        ("Putin: we will win" + BODY, "Putin: we will win", {}),
        ("Breaking: Floods hit coast" + BODY, "Breaking: Floods hit coast", {}),
        # known keys without a blank line: only the run of known keys is header
        (
            "Date: 2024-01-02\nPutin: we will win" + BODY,
            "Putin: we will win",
            {"date": "2024-01-02"},
        ),
        # a block of keys followed by a blank line is a header, unknown keys too
        (
            "Status: draft\nWhatever: x\n\nReal Headline" + BODY,
            "Real Headline",
            {"status": "draft", "whatever": "x"},
        ),
        (
            "Title: From Header\nLang: en\n\nThe council met on Monday. It voted.\n",
            "From Header",
            {"title": "From Header", "lang": "en"},
        ),
    ],
)
def test_parse_header_forms(text, title, header):
    story = story_of(text)
    assert story.title == title
    assert story.header == header
    assert story.paragraphs[0] == "The council met on Monday. It voted."


# --------------------------------------------------------------------------- headline


@pytest.mark.parametrize(
    ("raw", "mode", "expected"),
    [
        (
            "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT",
            "title",
            "Standard Oil <SRD> to Form Financial Unit",
        ),
        (
            "U.S. URGES USSR AND OPEC TO JOIN GATT, IMF TALKS",
            "title",
            "U.S. Urges USSR and OPEC to Join GATT, IMF Talks",
        ),
        ("WEST-GERMAN 1ST QTR NET UP", "title", "West-German 1st Qtr Net Up"),
        ("U.S. URGES OPEC TO CUT OUTPUT", "sentence", "U.S. urges OPEC to cut output"),
        ("THE EC AND THE UK", "sentence", "The EC and the UK"),
        ("U.S. URGES OPEC TO CUT OUTPUT", "keep", "U.S. URGES OPEC TO CUT OUTPUT"),
        # mixed case is the editor's choice and stays as written
        (
            "Putin Talks Tech, Energy Cooperation In China’s Harbin",
            "title",
            "Putin Talks Tech, Energy Cooperation In China’s Harbin",
        ),
        ("iPhone sales slow in EU", "title", "iPhone sales slow in EU"),
        # the region's own bodies and agencies stay acronyms
        ("OSCE OBSERVERS SAY VOTE WAS FLAWED", "title", "OSCE Observers Say Vote Was Flawed"),
        ("SCO AND BRICS LEADERS MEET, KCNA SAYS", "title", "SCO and BRICS Leaders Meet, KCNA Says"),
        # an acronym's possessive keeps the acronym; Mc names keep their second capital
        ("NATO'S EASTERN FLANK AND TASS’S REPORT", "title",
         "NATO's Eastern Flank and TASS’s Report"),
        ("U.S.'S ALLIES WARY OF BRICS' PLAN", "title", "U.S.'s Allies Wary of BRICS' Plan"),
        ("MCDONALD'S QUITS RUSSIA; MCCAIN URGES SANCTIONS", "title",
         "McDonald's Quits Russia; McCain Urges Sanctions"),
        ("NATO'S PLAN", "sentence", "NATO's plan"),
        ("IT'S MACHINE TIME AT MCA", "title", "It's Machine Time at Mca"),
    ],
)
def test_recase_headline(raw, mode, expected):
    assert recase_headline(raw, mode) == expected


@pytest.mark.parametrize(("headline", "lede", "title"), [
    # the story's own spelling of a word with inner capitals comes back
    ("CBT WHEAT FUTURES EXPECTED TO OPEN STEADY",
     "CHICAGO, March 3 - Chicago Board of Trade (CBT) wheat futures should open steady.",
     "CBT Wheat Futures Expected to Open Steady"),
    ("U.S. SAYS USAIR <U> BID IS FAIR",
     "The USAIR offer was reviewed. The USAir Group Inc bid was fair, officials said.",
     "U.S. Says USAir <U> Bid Is Fair"),  # mixed case wins over capitals
    ("TREASURY BACKS FSLIC BILL", "The Treasury backed the FSLIC bill on Tuesday.",
     "Treasury Backs FSLIC Bill"),
    # a ticker glued to a word stays a ticker
    ("LONE STAR<LCE> AGREES TO SELL UNIT", "Lone Star Industries Inc agreed to sell a unit.",
     "Lone Star<LCE> Agrees to Sell Unit"),
    # small words inside a hyphenated word stay small
    ("COST-OF-LIVING RISES", "Prices rose in March, officials said.", "Cost-of-Living Rises"),
    # the dateline's capitals and a table's headings are no spelling
    ("CHICAGO WHEAT CLOSES HIGHER", "CHICAGO, March 3 - Wheat closed higher on the day.",
     "Chicago Wheat Closes Higher"),
    ("CENTRAL PORK TRADE", "Quotes for PORK LOINS 14-17 lbs were 103.00 on the day.",
     "Central Pork Trade"),
])
def test_an_all_caps_headline_takes_the_storys_spelling(headline, lede, title):
    assert parse(f"{headline}\n\n{lede}\n", "1987-03-03-x.txt").title == title


def test_headline_case_option_reaches_title():
    story = story_of("OPEC MEETS IN VIENNA" + BODY, headline_case="sentence")
    assert story.title == "OPEC meets in Vienna".replace("Vienna", "vienna")


# --------------------------------------------------------------------------- byline


@pytest.mark.parametrize(
    ("line", "authors", "source"),
    [
        ("By Qian Lang", ("Qian Lang",), None),
        ("By Ann Lee and Bo Chen", ("Ann Lee", "Bo Chen"), None),
        ("By Ann Lee, Bo Chen and Cy Diaz", ("Ann Lee", "Bo Chen", "Cy Diaz"), None),
        ("By Ann Lee, Reuters", ("Ann Lee",), "Reuters"),
        ("By Ann Lee | Harbor Post", ("Ann Lee",), "Harbor Post"),
        ("BY JOHN SMITH", ("John Smith",), None),  # ALL CAPS names recased
        ("Ann Lee, Reuters", ("Ann Lee",), "Reuters"),
        ("By Javier C. Hernández", ("Javier C. Hernández",), None),
        ("By May Lee, Reuters", ("May Lee",), "Reuters"),  # a month is a first name too
        # a time is no reporter: the agency's line, with nobody named
        ("By Monday, Reuters", (), "Reuters"),
        ("By Tuesday morning, AP", (), "AP"),
        ("Tomorrow, Reuters", (), "Reuters"),
        ("By March, Reuters", (), "Reuters"),
        ("By June, AP", (), "AP"),
        ("By Christmas, Reuters", (), "Reuters"),
        ("By Dawn, Reuters", (), "Reuters"),
    ],
)
def test_split_byline(line, authors, source):
    assert split_byline(line) == (authors, source)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the day, prices fell.",  # a sentence, not a byline
        "Ann Lee, chairman",  # not a known agency
        "The council met.",
        "By Monday",  # a day is no reporter
        "By Tuesday morning",
    ],
)
def test_split_byline_rejects_prose(line):
    assert split_byline(line) is None


def test_byline_leaves_body():
    story = story_of("Headline Here\n\nBy Ann Lee, Reuters\n\nThe council met on Monday.\n")
    assert story.authors == ("Ann Lee",)
    assert story.source == "Reuters"
    assert story.paragraphs == ("The council met on Monday.",)
    assert Removed("By Ann Lee, Reuters", "byline") in story.removed


# --------------------------------------------------------------------------- dateline


@pytest.mark.parametrize(
    ("para", "dateline", "rest"),
    [
        (
            "PEKING, March 3 - China said",
            Dateline("PEKING, March 3", "Peking", None, None, "March 3"),
            "China said",
        ),
        (
            "BEIJING (Reuters) - China said",
            Dateline("BEIJING (Reuters)", "Beijing", None, "Reuters"),
            "China said",
        ),
        (
            "HARBIN, China (AP) — Putin laid",
            Dateline("HARBIN, China (AP)", "Harbin", "China", "AP"),
            "Putin laid",
        ),
        (
            "MOSCOW, May 17 (Reuters) - The Kremlin",
            Dateline("MOSCOW, May 17 (Reuters)", "Moscow", None, "Reuters", "May 17"),
            "The Kremlin",
        ),
        (
            "LAKE SUCCESS, N.Y., March 3 - Shr 5 cts",
            Dateline("LAKE SUCCESS, N.Y., March 3", "Lake Success", "N.Y.", None, "March 3"),
            "Shr 5 cts",
        ),
        # wire typists' slips still count
        (
            "RENO, Nev., Mach 4 - Net up",
            Dateline("RENO, Nev., Mach 4", "Reno", "Nev.", None, "Mach 4"),
            "Net up",
        ),
        (
            "omaha, april 7 - Cattle",
            Dateline("omaha, april 7", "Omaha", None, None, "april 7"),
            "Cattle",
        ),
        (
            "MARLTON, N.J., March 5 - Shr",
            Dateline("MARLTON, N.J., March 5", "Marlton", "N.J.", None, "March 5"),
            "Shr",
        ),
        # the agency alone, or with the day: no city to name
        ("(Reuters) - China said", Dateline("(Reuters)", "", None, "Reuters"), "China said"),
        (
            "March 3 (Reuters) - Russia said",
            Dateline("March 3 (Reuters)", "", None, "Reuters", "March 3"),
            "Russia said",
        ),
        ("(AP) — Kazakhstan said", Dateline("(AP)", "", None, "AP"), "Kazakhstan said"),
        (
            "(Dow Jones) -- Oil rose",
            Dateline("(Dow Jones)", "", None, "Dow Jones"),
            "Oil rose",
        ),
    ],
)
def test_parse_dateline(para, dateline, rest):
    assert parse_dateline(para) == (dateline, rest)


@pytest.mark.parametrize(
    "para",
    [
        "The students - who rent rooms nearby - moved.",  # prose with dashes
        "APRIL 7 - Prices fell.",  # a day is not a city
        "He said - and meant it.",
        "Prices rose 5 pct.",
        "(Adds details) - Prices fell.",  # an update note, not an agency
        "(see below) - Prices fell.",
        "(In millions) - Net 5.1 vs 4.2",
    ],
)
def test_parse_dateline_rejects(para):
    assert parse_dateline(para) is None


def test_dateline_removed_from_first_paragraph():
    story = story_of("Headline Here\n\nBEIJING (Reuters) - China said on Monday it would act.\n")
    assert story.paragraphs[0] == "China said on Monday it would act."
    assert story.source == "Reuters"
    assert story.summary == "China said on Monday it would act."


# --------------------------------------------------------------------------- body


def test_reflow_indented_paragraphs():
    chunk = ["    First para starts", "and continues here.", "    Second para", "ends here."]
    assert reflow_paragraphs(chunk) == [
        "First para starts and continues here.",
        "Second para ends here.",
    ]


def test_reflow_keeps_long_lines_apart():
    long = "x " * 70
    assert reflow_paragraphs(["SUBHEAD", long]) == ["SUBHEAD", long.strip()]


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("Lede goes here.\n\nA Subheading\n\nMore text.", ["paragraph", "subheading", "paragraph"]),
        ("Lede goes here.\n\n- one\n- two\n\nMore text.", ["paragraph", "list", "paragraph"]),
        ("Lede goes here.\n\n• one\n• two", ["paragraph", "list"]),
        ("Lede goes here.\n\n> A quoted passage.", ["paragraph", "quote"]),
        # a short line at the end is not a subheading (nothing follows it)
        ("Lede goes here.\n\nThe end", ["paragraph", "paragraph"]),
        # earnings-table rows are not subheadings: they hold figures...
        ("Lede goes here.\n\nShr 33 cts vs 57 cts\n\nMore text.", ["paragraph"] * 3),
        # ...and neither is a table label followed by rows rather than prose
        ("Lede goes here.\n\nNine mths\n\nSales 52.9 mln vs 35.7 mln\n\nEnd.", ["paragraph"] * 4),
    ],
)
def test_block_kinds(body, kinds):
    story = story_of("Headline Here\n\n" + body + "\n")
    assert [b.kind for b in story.blocks] == kinds


def test_quote_characters_kept():
    story = story_of('Headline Here\n\n“It is done,” she said. "Yes."\n')
    assert story.blocks[0].text == '“It is done,” she said. "Yes."'


@pytest.mark.parametrize(
    ("raw", "text", "html_out"),
    [
        ("a <em>b</em> c", "a b c", "a <em>b</em> c"),
        ("a <i>b</i> <B>c</B>", "a b c", "a <em>b</em> <strong>c</strong>"),
        ("x <script>alert(1)</script>", "x", "x"),  # stray HTML goes (test_stray_html.py)
        ("AT&amp;T &lt;T&gt; up", "AT&T <T> up", "AT&amp;T &lt;T&gt; up"),
        ("&lt;em&gt;literal&lt;/em&gt;", "<em>literal</em>", "&lt;em&gt;literal&lt;/em&gt;"),
        ("<em>unclosed cover note", "unclosed cover note", "unclosed cover note"),
        (
            "First Interstate <I> files",
            "First Interstate <I> files",
            "First Interstate &lt;I&gt; files",
        ),
        ('<a href="javascript:x">link</a>', "link", "link"),
    ],
)
def test_render_inline(raw, text, html_out):
    assert render_inline(raw) == (text, html_out)


# --------------------------------------------------------------------------- credits and junk


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Reuter", "sign-off"),
        ("Reporting by Ann Lee; Editing by Bo Chen", "credit"),
        ("Translated by Ann Lee. Edited by Bo Chen.", "credit"),
        ("Reported by Ann Lee for RFA's Mandarin Service.", "credit"),
        ("Content used with the permission of Radio Free Asia, 1 Main St.", "credit"),
        ("(c) 2024 Harbor Post", "credit"),
        ("Copyright 2024 Harbor Post. All rights reserved.", "credit"),
        ("Leave a Reply", "junk"),
        ("Your email address will not be published. Required fields are marked *", "junk"),
        ("Follow us on Twitter", "junk"),
        ("Sign up for our newsletter", "junk"),
        ("Subscribe to continue reading", "junk"),
        ("Please use the sharing tools found via the share button at the top.", "junk"),
    ],
)
def test_credit_and_junk_lines_leave_body(line, reason):
    story = story_of(f"Headline Here\n\nThe lede is here.\n\n{line}\n")
    assert story.paragraphs == ("The lede is here.",)
    assert Removed(line, reason) in story.removed


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Reported by Ann Lee for RFA's Mandarin Service.", "Radio Free Asia"),
        ("Content used with the permission of Radio Free Asia, 1 Main St.", "Radio Free Asia"),
        ("(c) 2024 Harbor Post", "Harbor Post"),
        ("Reuter", "Reuters"),
    ],
)
def test_source_from_credit(line, source):
    assert story_of(f"Headline Here\n\nThe lede is here.\n\n{line}\n").source == source


@pytest.mark.parametrize(
    "text",
    [
        "Source: RFA\n\nHeadline Here\n\nThe lede is here.\n",
        "Headline Here\n\nBy Ann Lee, RFA\n\nThe lede is here.\n",
        "Headline Here\n\nHONG KONG (RFA) - The lede is here.\n",
        "Headline Here\n\nThe lede is here.\n\nReported by Ann Lee for RFA's Mandarin Service.\n",
    ],
)
def test_a_short_name_becomes_the_publishers_name_wherever_it_is_found(text):
    # One publisher, one source page and feed.
    assert story_of(text).source == "Radio Free Asia"


def test_prose_mentioning_copyright_stays():
    story = story_of("Headline Here\n\nThe lede is here.\n\nThe copyright dispute went to court.\n")
    assert story.paragraphs[-1] == "The copyright dispute went to court."


# --------------------------------------------------------------------------- dates, slug, summary


@pytest.mark.parametrize(
    ("header", "filename", "expected"),
    [
        ("Date: 2024-05-17", "x.txt", dt.datetime(2024, 5, 17)),
        ("Date: 2024-05-17 14:05", "x.txt", dt.datetime(2024, 5, 17, 14, 5)),
        (
            "Date: 2024-05-17T14:05:00+08:00",
            "x.txt",
            dt.datetime(2024, 5, 17, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        ),
        (
            "Date: Fri, 17 May 2024 14:05:00 +0000",
            "x.txt",
            dt.datetime(2024, 5, 17, 14, 5, tzinfo=dt.UTC),
        ),
        ("", "2024-05-17-putin-harbin.txt", dt.datetime(2024, 5, 17)),
        ("", "1987-03-03-reuters-01234.txt", dt.datetime(1987, 3, 3)),
        # the header beats the file name
        ("Date: 2024-06-01", "2024-05-17-x.txt", dt.datetime(2024, 6, 1)),
        ("", "notes.txt", None),
    ],
)
def test_dates(header, filename, expected):
    text = (header + "\n\n" if header else "") + "Headline Here" + BODY
    assert story_of(text, filename).date == expected


def test_no_date_warns():
    story = story_of("Headline Here" + BODY, "notes.txt")
    assert NO_DATE in story.warnings


def test_bad_date_header_falls_back_to_filename():
    story = story_of("Date: next Tuesday\n\nHeadline Here" + BODY, "2024-05-17-x.txt")
    assert story.date == dt.datetime(2024, 5, 17)
    assert any(w.startswith("bad Date header") for w in story.warnings)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Putin Talks Tech, Energy Cooperation In China’s Harbin",
            "putin-talks-tech-energy-cooperation-in-chinas-harbin",
        ),
        ("Café Ünïcode — Ärger", "cafe-unicode-arger"),
        ("../../etc/passwd", "etc-passwd"),
        ("word " * 40, ("word-" * 16).rstrip("-")),  # cut at a word boundary, <= 80
        ("中文", "zhong-wen"),
        ("!!!", ""),
    ],
)
def test_make_slug(text, slug):
    assert make_slug(text) == slug
    assert "/" not in slug and ".." not in slug and len(slug) <= 80


def test_a_chinese_headline_is_transliterated_not_replaced_by_the_file_name():
    story = story_of("中文标题" + BODY, "2024-05-17-china-story.txt")
    assert story.slug == "zhong-wen-biao-ti"


def test_summary_not_cut_mid_sentence():
    lede = "First sentence is here. " * 30
    story = story_of("Headline Here\n\n" + lede + "\n")
    assert story.summary.endswith("here.")
    assert len(story.summary) <= 400
    assert story.summary == make_summary(lede.strip())


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Cover image: workers at the gate", "junk"),
        ("People march in Shenzhen, China August 6, 2018. REUTERS/Ann Lee", "junk"),
        ('<div style="x"><img src="/a.jpg"/></div>', "junk"),  # markup only
    ],
)
def test_captions_and_markup_only_blocks_leave_body(line, reason):
    story = story_of(f"Headline Here\n\nThe lede is here.\n\n{line}\n\nMore text.\n")
    assert story.paragraphs == ("The lede is here.", "More text.")
    assert [r.reason for r in story.removed] == [reason]


@pytest.mark.parametrize(
    "line",
    [
        "A Reuters/Ipsos poll showed support rising.",  # a poll, not a photo credit
        "4 Song Yao, Jasic worker, detained on July 27",  # a list line, not a subheading
    ],
)
def test_lookalikes_stay_paragraphs(line):
    story = story_of(f"Headline Here\n\nThe lede is here.\n\n{line}\n\nMore text.\n")
    assert story.blocks[1].kind == "paragraph"
    assert story.blocks[1].text == line


@pytest.mark.parametrize(
    "body",
    [
        "    Net rose 5 pct.\n    Sales fell.\n Reuter\n",  # sign-off wrapped into the chunk
        "    Net rose 5 pct.\n    Sales fell. REUTER\n",  # on the last line itself
        "    Net rose 5 pct.\n    Sales fell.\nREUTER\n Reuter\n",  # twice
        "    Net rose 5 pct.\n    Sales fell.\n\n Reuter\n&#3;\n",
    ],
)
def test_reuter_signoff_never_leaks(body):
    story = story_of("ACME NET UP\n\n" + body)
    assert story.paragraphs == ("Net rose 5 pct.", "Sales fell.")
    assert story.credits == ()  # an end-of-copy mark, not a credit to show
    assert [r.reason for r in story.removed if r.line.lower() == "reuter"] \
        and all(r.reason == "sign-off" for r in story.removed if r.line.lower() == "reuter")
    assert story.source == "Reuters"


@pytest.mark.parametrize("signoff", [" REUTER...", "REUTER...\r", " Reuter...", " REUTERS",
                                     " REUTER…"])
def test_reuters_sign_offs_with_dots_or_an_s_go_and_name_reuters(signoff):
    story = story_of(f"ACME NET UP\n\n    Net rose 5 pct.\n    Sales fell.\n{signoff}\n")
    assert story.paragraphs == ("Net rose 5 pct.", "Sales fell.")
    assert story.source == "Reuters"


def test_inspect_wire_prints_one_json_line_per_file(capsys):
    import json
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from inspect_wire import main

    assert main([str(FIXTURES)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["file"]).name for r in records] == sorted(p.name for p in FIXTURES.glob("*.txt"))
    keys = {
        "file",
        "title",
        "authors",
        "source",
        "dateline",
        "date",
        "slug",
        "summary",
        "subheadings",
        "paragraphs",
        "credits",
        "removed",
        "warnings",
        "tags",
        "category",
        "error",
    }
    assert all(keys <= set(r) for r in records)
    reuters = records[0]
    assert reuters["dateline"]["city"] == "Peking"
    assert reuters["date"] == "1987-03-03T00:00:00"
    assert reuters["removed"] == [{"line": "Reuter", "reason": "sign-off"}]


def test_inspect_wire_reports_errors_and_missing_dates(tmp_path, capsys):
    import json
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from inspect_wire import main

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("Headline Here" + BODY)
    (tmp_path / ".hidden.txt").write_text("Headline Here" + BODY)  # the build skips it too
    (tmp_path / "2024-05-17-big.txt").write_text("Big Story Here" + BODY * 80)
    conf = tmp_path / "conf.py"
    conf.write_text("WIRE_MAX_BYTES = 2000\nWIRE_HEADLINE_CASE = 'keep'\n")
    main(["--settings", str(conf), str(tmp_path)])
    big, empty, notes = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert empty["error"] == "empty file" and empty["title"] is None
    # The build refuses an undated story: inspect says so, and still shows the parse.
    assert notes["error"] == NO_DATE and notes["title"] == "Headline Here"
    # The settings file's WIRE_MAX_BYTES, in words that tell the sizes apart.
    assert big["error"] == "file is 3.1 KB, over the 2.0 KB limit (WIRE_MAX_BYTES)"


def test_inspect_wire_refuses_what_the_build_refuses_and_files_as_it_does(tmp_path, capsys):
    import json
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from inspect_wire import main

    (tmp_path / "2024-05-17-shout.TXT").write_text("Headline Here" + BODY)
    (tmp_path / "2024-05-17-note.md").write_text("Title: A note\nDate: 2024-05-17\n\nText.\n")
    (tmp_path / "2024-05-17-council.txt").write_text("Council Votes" + BODY)  # no country
    conf = tmp_path / "conf.py"
    conf.write_text("DEFAULT_CATEGORY = 'Elsewhere'\n")
    main(["--settings", str(conf), *map(str, sorted(tmp_path.glob("2024-*")))])
    council, note, shout = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert shout["error"].startswith("not a wire file (.TXT)")
    assert note["error"].startswith("Markdown, not wire copy") and note["title"] is None
    assert council["error"] is None and council["category"] == "Elsewhere"
    main(["--settings", str(conf), str(tmp_path)])  # a folder: the .TXT file is listed too
    walked = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["file"]).name for r in walked] == ["2024-05-17-council.txt",
                                                      "2024-05-17-shout.TXT"]


def test_eval_parse_without_corpora(tmp_path, capsys):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_parse import evaluate_parse

    assert evaluate_parse(tmp_path) == {}
    assert "no corpora" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("One two three.", 3),
        ("A so-called deal isn't signed.", 5),  # hyphenated and apostrophe words count once
        ("Talks went on.\n\nSUBHEAD HERE\n\nThey ended.", 7),  # subheadings are read too
    ],
)
def test_word_count_counts_the_body_only(body: str, words: int) -> None:
    story = parse(f"Headline Of The Story\nBy Ann Lee\n\n{body}\n", "2024-05-17-x.txt")
    assert story.word_count == words  # never the headline or the byline


@pytest.mark.parametrize(
    ("header", "typo"),
    [("Date: 0001-01-01", True), ("Date: 2204-05-17", True), ("Date: 2024-05-17", False),
     ("Date: 1987-03-03", False)],
)
def test_a_date_far_outside_the_wire_era_is_flagged(header: str, typo: bool) -> None:
    story = story_of(f"{header}\n\nHeadline Here\n\nThe lede is here.\n")
    flagged = [w for w in story.warnings if "looks like a typo" in w]
    assert bool(flagged) == typo
    if typo:
        assert header.split()[1] in flagged[0]


@pytest.mark.parametrize(
    ("body", "authors", "dateline", "first"),
    [
        # the README's layout: the byline directly above the dateline
        ("By ANNA PETROVA, Reuters\nMOSCOW, May 17 (Reuters) - The bank acted.\n",
         ("Anna Petrova",), "MOSCOW, May 17 (Reuters)", "The bank acted."),
        ("By Anna Petrova\nMOSCOW, May 17 (Reuters) - The bank acted,\nanalysts said.\n",
         ("Anna Petrova",), "MOSCOW, May 17 (Reuters)", "The bank acted, analysts said."),
        # a sentence that starts with "By" is not a byline
        ("By Monday, Russia\nhad agreed to the deal.\n", (), None,
         "By Monday, Russia had agreed to the deal."),
        # a byline with a job title, not an outlet, is still a byline
        ("By Jane Doe, staff writer\n\nThe bank acted.\n", ("Jane Doe",), None,
         "The bank acted."),
    ],
)
def test_byline_run_into_the_dateline(body, authors, dateline, first):
    story = parse(f"HEADLINE HERE\n\n{body}", "2024-05-17-x.txt")
    assert story.authors == authors
    assert (story.dateline.text if story.dateline else None) == dateline
    assert story.blocks[0].text == first


@pytest.mark.parametrize(
    ("body", "paragraph", "credits"),
    [
        ("The bank acted on Friday.\n(Reporting by Anna Petrova; Editing by John Smith)",
         "The bank acted on Friday.", ("(Reporting by Anna Petrova; Editing by John Smith)",)),
        ("The bank acted on Friday.\nReporting by Anna Petrova; Editing by John Smith",
         "The bank acted on Friday.", ("Reporting by Anna Petrova; Editing by John Smith",)),
        # the credit on the last sentence's own line, or wrapped across lines
        ("The bank acted on Friday. (Reporting by Anna Petrova; Editing by John Smith)",
         "The bank acted on Friday.", ("(Reporting by Anna Petrova; Editing by John Smith)",)),
        ("The ministry said output would reach 90.3 million tonnes. (Reporting by Olzhas\n"
         "Auyezov; Editing by Mark Potter)",
         "The ministry said output would reach 90.3 million tonnes.",
         ("(Reporting by Olzhas Auyezov; Editing by Mark Potter)",)),
        # a parenthesis that does not end the paragraph, or follows no full stop, is text
        ("The bank acted. (Reporting by state media was thin.) It cut rates.",
         "The bank acted. (Reporting by state media was thin.) It cut rates.", ()),
        ("Rates were cut (reporting by state media)",
         "Rates were cut (reporting by state media)", ()),
        # "by" followed by no name: the story's own words
        ("The note was found. (Written by hand, it asked for help.)",
         "The note was found. (Written by hand, it asked for help.)", ()),
        # a wrapped line inside a sentence is story text, whatever its first words
        ("The figures were\ncompiled by the statistics office on Friday.",
         "The figures were compiled by the statistics office on Friday.", ()),
        ("Data came out on Monday.\nCompiled by the office, they show growth and\nmore.",
         "Data came out on Monday. Compiled by the office, they show growth and more.", ()),
    ],
)
def test_credit_line_run_onto_the_last_paragraph(body, paragraph, credits):
    story = parse(f"HEADLINE HERE\n\n{body}\n", "2024-05-17-x.txt")
    assert [b.text for b in story.blocks] == [paragraph]
    assert story.credits == credits


def test_inspect_wire_tags_as_the_build_does(tmp_path, capsys):
    # The story's Tags: header and the settings file's WIRE_TAGS_MAX apply,
    # as in the build: inspect must not show tags the page will not have.
    import json
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from inspect_wire import main

    story = (
        "Tags: Eastern Economic Forum, -Japan\n\nRUSSIA AND JAPAN TALK TRADE IN VLADIVOSTOK\n\n"
        "VLADIVOSTOK, May 18 (Reuters) - Russia and Japan discussed trade in Vladivostok,\n"
        "Russian and Japanese officials said. Japan wants more Russian gas.\n\n"
        "Russia said talks with Japan and China would go on.\n"
    )
    (tmp_path / "2024-05-18-talks.txt").write_text(story)
    conf = tmp_path / "conf.py"
    conf.write_text("WIRE_TAGS_MAX = 2\n")
    main(["--settings", str(conf), str(tmp_path)])
    record = json.loads(capsys.readouterr().out)
    names = [t["name"] for t in record["tags"]]
    # two from the text (WIRE_TAGS_MAX: Russia, Japan), then the header's
    # changes: Japan out, the editor's tag in
    assert sorted(names) == ["Eastern Economic Forum", "Russia"]


@pytest.mark.parametrize(
    ("first", "city", "day", "source", "lede"),
    [
        ("ВЛАДИВОСТОК, 22 мая (Рейтер) - Во Владивостоке открылся форум.",
         "Владивосток", "22 мая", "Reuters", "Во Владивостоке открылся форум."),
        ("МОСКВА, 3 марта (ТАСС) - Банк России сохранил ставку.",
         "Москва", "3 марта", "TASS", "Банк России сохранил ставку."),
        ("НИЖНИЙ НОВГОРОД, 5 мая - Завод начал выпуск.",
         "Нижний Новгород", "5 мая", None, "Завод начал выпуск."),
    ],
)
def test_cyrillic_datelines(first, city, day, source, lede):
    # Russian-language copy: the dateline leaves the lede, its agency is the
    # source, under the publisher's one name (junk.yaml aliases).
    story = parse(f"Lang: ru\n\nЗАГОЛОВОК НОВОСТИ\n\n{first}\n\nВторой абзац.\n",
                  "2024-05-22-x.txt")
    assert (story.dateline.city, story.dateline.day) == (city, day)
    assert story.source == source
    assert story.blocks[0].text == lede


@pytest.mark.parametrize(
    ("headline", "title", "slug"),
    [
        ("UPDATE 2-Kazakhstan raises oil output target",
         "Kazakhstan raises oil output target", "kazakhstan-raises-oil-output-target"),
        ("CORRECTED-UPDATE 1-Mongolia's president visits Tokyo",
         "Mongolia's president visits Tokyo", "mongolia-s-president-visits-tokyo"),
        ("REFILE-CHINA CUTS RATES", "China Cuts Rates", "china-cuts-rates"),
        # a hyphenated word in front is the headline's own
        ("Repeat-offender law passes in Kazakhstan", "Repeat-offender law passes in Kazakhstan",
         "repeat-offender-law-passes-in-kazakhstan"),
        ("UPDATE 2-", "Update 2-", "update-2"),  # nothing after the label: kept
    ],
)
def test_desk_labels_leave_the_headline(headline, title, slug):
    story = parse(f"{headline}\n\nASTANA, July 1 (Reuters) - Output rose.\n", "2024-07-01-x.txt")
    assert story.title == title
    assert story.slug == slug


def test_a_title_header_keeps_its_words():
    story = parse("Title: UPDATE 2-Talks resume\n\nHEADLINE\n\nTalks resumed.\n",
                  "2024-07-01-x.txt")
    assert story.title == "UPDATE 2-Talks resume"


def test_ap_furniture_leaves_the_body():
    story = parse(
        "NORTH KOREA FIRES MISSILE\n\nSEOUL, South Korea (AP) - North Korea fired a missile.\n\n"
        "Japan protested.\n\n___\n\n"
        "Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.\n",
        "2024-07-03-x.txt")
    assert story.paragraphs == ("North Korea fired a missile.", "Japan protested.")
    assert story.credits == (
        "Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.",)


@pytest.mark.parametrize("credit", [
    "Associated Press writer Edith M. Lederer at the United Nations contributed to this report.",
    "AP writers in Washington, D.C., contributed to this report.",
])
def test_an_ap_credit_naming_initials_leaves_the_body(credit):
    story = parse(f"AID TALKS\n\nJapan gave aid.\n\n{credit}\n", "2024-07-03-x.txt")
    assert story.paragraphs == ("Japan gave aid.",)
    assert story.credits == (credit,)


def test_a_paragraph_of_two_sentences_ending_like_a_credit_stays():
    text = "The ministry published its figures. Its analysts contributed to this report."
    story = parse(f"AID TALKS\n\nJapan gave aid.\n\n{text}\n", "2024-07-03-x.txt")
    assert story.paragraphs == ("Japan gave aid.", text)


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("ПУТИН ПРОВЕЛ ПЕРЕГОВОРЫ В ПЕКИНЕ", "putin-provel-peregovory-v-pekine"),
        ("中国经济增长", "zhong-guo-jing-ji-zeng-chang"),  # as unidecode reads 长
        # Latin script keeps its slug: accents and curly apostrophes dropped as before
        ("Mongolia’s president visits Ürümqi", "mongolias-president-visits-urumqi"),
        # a number among Cyrillic words does not make the slug "2024"
        ("ВЫБОРЫ 2024 В МОСКВЕ", "vybory-2024-v-moskve"),
        # letters without an accent to drop, and another script among Latin words
        ("Łódź and Straße", "lodz-and-strasse"),
        ("Путин meets Xi Jinping", "putin-meets-xi-jinping"),
        ("Britannia members' £42m windfall", "britannia-members-42m-windfall"),
    ],
)
def test_an_address_is_transliterated_from_another_script(headline, slug):
    story = parse(f"{headline}\n\nMOSCOW, May 19 (TASS) - Text.\n", "2024-05-19-tass.txt")
    assert story.slug == slug


def test_a_headline_without_letters_takes_the_file_name_without_its_date():
    story = parse("!!!\n\nMOSCOW, May 19 (TASS) - Text.\n", "2024-05-19-tass-note.txt")
    assert story.slug == "tass-note"


def test_a_cyrillic_byline_above_the_dateline():
    story = parse("Шойгу посетил Пхеньян\n\nИван Петров, ТАСС\nПХЕНЬЯН, 2 июня (ТАСС) - Шойгу "
                  "прибыл в Пхеньян.\n\nОн встретится с Ким Чен Ыном.\n", "2024-06-02-x.txt")
    assert story.authors == ("Иван Петров",)
    assert story.dateline.city == "Пхеньян"
    assert story.source == "TASS"


def test_a_parenthesis_in_a_middle_paragraph_is_story_text():
    story = parse("FIGURES OUT\n\nThe data came out. (Compiled by Ann Lee for the ministry.)\n\n"
                  "Officials said more would follow.\n", "2024-07-01-x.txt")
    assert story.paragraphs == ("The data came out. (Compiled by Ann Lee for the ministry.)",
                                "Officials said more would follow.")


def test_a_run_on_credit_before_page_junk_and_a_sign_off_is_split_off():
    story = parse("OUTPUT RISES\n\nOutput rose. (Reporting by Ann Lee; Editing by Bo Chen)\n\n"
                  "Leave a Reply\n\nREUTER\n", "2024-07-01-x.txt")
    assert story.paragraphs == ("Output rose.",)
    assert story.credits == ("(Reporting by Ann Lee; Editing by Bo Chen)",)


@pytest.mark.parametrize("line", ["MOSCOW, Reuters", "МОСКВА, ТАСС"])
def test_a_city_and_agency_line_is_no_byline(line):
    story = parse(f"TALKS HELD\n\n{line}\nTalks were held on Monday, officials said.\n",
                  "2024-07-01-x.txt")
    assert story.authors == ()
    assert story.dateline.city in ("Moscow", "Москва")
    assert story.paragraphs == ("Talks were held on Monday, officials said.",)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize(("lede", "day"), [
    ("MOSCOW, May 3 (Reuters) - Talks were held on Monday.", "May 3"),  # a repeat: dropped
    ("Talks were held on Monday.", None),  # the only dateline
])
def test_a_city_and_agency_line_above_the_lede_is_its_dateline(gap, lede, day):
    story = parse(f"TALKS HELD\n\nMOSCOW, Reuters{gap}{lede}\n\nMore talks follow.\n",
                  "2024-07-01-x.txt")
    assert (story.dateline.city, story.dateline.agency, story.dateline.day) == (
        "Moscow", "Reuters", day)
    assert story.paragraphs == ("Talks were held on Monday.", "More talks follow.")
    assert story.source == "Reuters"
    if day:  # the line repeated what the dateline says: accounted for, not lost
        assert Removed("MOSCOW, Reuters", "dateline") in story.removed


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_time_byline_above_the_dateline_leaves_it_whole(gap):
    story = parse(f"TALKS HELD\n\nBy Monday, Reuters{gap}MOSCOW, May 3 (Reuters) - Talks "
                  "were held in Moscow.\n\nMore talks follow.\n", "2024-07-01-x.txt")
    assert story.authors == ()
    assert (story.dateline.city, story.dateline.agency) == ("Moscow", "Reuters")
    assert story.source == "Reuters"
    assert story.paragraphs == ("Talks were held in Moscow.", "More talks follow.")


@pytest.mark.parametrize(("lede", "city", "agency", "credits"), [
    # the same city, no agency: a repeat that gives the agency
    ("Moscow, May 3 - Talks were held.", "Moscow", "Reuters", ()),
    # another city or agency: not a repeat; kept, as a credit line
    ("BEIJING, May 4 (Xinhua) - Talks were held.", "Beijing", "Xinhua", ("MOSCOW, Reuters",)),
    ("MOSCOW, May 4 (Interfax) - Talks were held.", "Moscow", "Interfax",
     ("MOSCOW, Reuters",)),
])
def test_a_city_and_agency_line_is_dropped_only_as_a_repeat(lede, city, agency, credits):
    story = parse(f"TALKS HELD\n\nMOSCOW, Reuters\n\n{lede}\n", "2024-07-01-x.txt")
    assert (story.dateline.city, story.dateline.agency) == (city, agency)
    assert story.source == agency
    assert story.paragraphs == ("Talks were held.",)
    assert story.credits == credits


def test_an_all_caps_russian_headline_is_in_sentence_case_with_its_names():
    # Russian headlines are written in sentence case; the story spells the names.
    story = parse("ПУТИН ПРОВЕЛ ПЕРЕГОВОРЫ С СИ ЦЗИНЬПИНОМ В ПЕКИНЕ\n\nМОСКВА, 19 мая (ТАСС) - "
                  "Президент России Владимир Путин провел переговоры с Си Цзиньпином в "
                  "Пекине.\n", "2024-05-19-x.txt")
    assert story.title == "Путин провел переговоры с Си Цзиньпином в Пекине"


def test_a_one_letter_name_in_a_russian_headline_is_no_conjunction():
    story = parse("ЛАВРОВ ПРОВЕДЕТ ПЕРЕГОВОРЫ С ВАН И В ПЕКИНЕ\n\nМОСКВА, 19 мая (ТАСС) - "
                  "Министр иностранных дел Сергей Лавров проведет переговоры с Ван И в Пекине, "
                  "сообщили в МИД. Стороны обсудят торговлю и безопасность.\n",
                  "2024-05-19-x.txt")
    assert story.title == "Лавров проведет переговоры с Ван И в Пекине"


@pytest.mark.parametrize(("headline", "body", "title"), [
    # sentence case keeps what the story spells as a name, mid-sentence
    ("PUTIN MEETS XI IN BEIJING", "MOSCOW, May 3 - Russian President Vladimir Putin met "
     "Chinese leader Xi Jinping in Beijing on Friday.", "Putin meets Xi in Beijing"),
    # a capital a sentence opens with says nothing
    ("TALKS RESUME IN MOSCOW", "Talks resumed in Moscow. Talks will go on.",
     "Talks resume in Moscow"),
])
def test_sentence_case_keeps_the_storys_names(headline, body, title):
    assert parse(f"{headline}\n\n{body}\n", "2024-05-03-x.txt",
                 headline_case="sentence").title == title


@pytest.mark.parametrize(("line", "kind"), [
    ("Key points", "subheading"),
    ("Tightening screws on the border", "subheading"),
    ("What to watch for", "subheading"),
    ("Sanctions back on", "subheading"),
    ("Vitamin A", "subheading"),
    ("What is at stake for Moscow", "subheading"),
    # a sentence missing its full stop, or a line breaking off, is a paragraph
    ("The two leaders did not take questions", "paragraph"),
    ("Sutliff said improved results should come from four factors", "paragraph"),
    ("New rates (previous in brackets), were -", "paragraph"),
    ("Gerrard's late strike secured qualification for", "paragraph"),
])
def test_a_short_line_is_a_subheading_only_when_it_reads_as_one(line, kind):
    story = parse(f"TALKS HELD\n\nThe leaders met on Monday.\n\n{line}\n\n"
                  "Officials said more talks would follow next month.\n", "2024-07-01-x.txt")
    assert story.blocks[1].text == line
    assert story.blocks[1].kind == kind


@pytest.mark.parametrize(("body", "paragraphs", "city", "authors"), [
    # an ordinary first line with a comma and an agency is story text
    ("Separately, Interfax\nreported that the talks had stalled.\n",
     ("Separately, Interfax reported that the talks had stalled.",), None, ()),
    # a surname and its agency above the real dateline: a byline
    ("Петров, ТАСС\nМОСКВА, 19 мая (ТАСС) - Путин провел переговоры.\n",
     ("Путин провел переговоры.",), "Москва", ("Петров",)),
    # only at the top: a later "LONDON, Reuters" line is text
    ("MOSCOW (Reuters) - Talks were held.\n\nLONDON, Reuters\nMore talks followed.\n",
     ("Talks were held.", "LONDON, Reuters More talks followed."), "Moscow", ()),
])
def test_a_city_and_agency_line_only_at_the_top(body, paragraphs, city, authors):
    story = parse(f"TALKS HELD\n\n{body}", "2024-07-01-x.txt")
    assert story.paragraphs == paragraphs
    assert (story.dateline.city if story.dateline else None) == city
    assert story.authors == authors


@pytest.mark.parametrize("credit", [
    "(Reporting by Łukasz Nowak; Editing by Çağan Öz)",
    "(Reporting by Ілля Петренко)",
])
def test_a_run_on_credit_naming_anyone_is_split_off(credit):
    story = parse(f"OUTPUT RISES\n\nOutput rose. {credit}\n", "2024-07-01-x.txt")
    assert story.paragraphs == ("Output rose.",)
    assert story.credits == (credit,)


def test_an_ap_credit_on_the_last_line_of_a_paragraph_is_split_off():
    story = parse("AID TALKS\n\nSEOUL (AP) - Japan gave aid.\n\nOfficials said more would "
                  "follow.\nAssociated Press writer Kim Tong-hyung in Seoul contributed to this "
                  "report.\n", "2024-07-01-x.txt")
    assert story.paragraphs == ("Japan gave aid.", "Officials said more would follow.")
    assert story.credits == (
        "Associated Press writer Kim Tong-hyung in Seoul contributed to this report.",)


@pytest.mark.parametrize("trailer", [
    "Our Standards: The Thomson Reuters Trust Principles.", "Related coverage"])
def test_web_page_furniture_after_the_story_does_not_hide_its_credit(trailer):
    story = parse("TALKS HELD\n\nMOSCOW, May 3 (Reuters) - Talks were held.\n\nOfficials said "
                  "more would follow. (Reporting by Ann Lee; Editing by Bo Chen)\n\n"
                  f"{trailer}\n", "2024-07-01-x.txt")
    assert story.paragraphs == ("Talks were held.", "Officials said more would follow.")
    assert story.credits == ("(Reporting by Ann Lee; Editing by Bo Chen)",)


def test_a_cyrillic_word_with_punctuation_is_capitalised_not_lowered():
    story = parse("ПУТИН: ПЕРЕГОВОРЫ С СИ ПРОШЛИ УСПЕШНО\n\nМОСКВА, 19 мая (ТАСС) - Владимир "
                  "Путин заявил, что переговоры с Си Цзиньпином прошли успешно.\n",
                  "2024-05-19-x.txt")
    assert story.title == "Путин: переговоры с Си прошли успешно"


@pytest.mark.parametrize(("raw", "text", "markup"), [
    # an address in angle brackets, or bare, is a link; the brackets go
    ("See <https://example.org/a?b=1&c=2>.", "See https://example.org/a?b=1&c=2.",
     'See <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>.'),
    ("Attachment: http://laoquan.example/index.html, signed.",
     "Attachment: http://laoquan.example/index.html, signed.",
     'Attachment: <a href="http://laoquan.example/index.html">'
     'http://laoquan.example/index.html</a>, signed.'),
    # nothing else becomes a link, and an address ends where a quote would open an attribute
    ("<javascript:alert(1)> and <https://x.example/\"onmouseover=alert(1)>",
     "<javascript:alert(1)> and <https://x.example/\"onmouseover=alert(1)>",
     '&lt;javascript:alert(1)&gt; and &lt;<a href="https://x.example/">https://x.example/</a>'
     '"onmouseover=alert(1)&gt;'),
])
def test_web_addresses_in_wire_text_are_links(raw, text, markup):
    assert render_inline(raw) == (text, markup)


def test_a_byline_under_an_editors_introduction_is_the_byline():
    intro = "".join(f"<em>Introduction, part {n}: an editor explains the story at length.</em>\n\n"
                    for n in (1, 2, 3))
    story = parse(f"A Love Story\n\n{intro}<strong><em>By Ann Lee</em></strong>\n\n"
                  "We met in 2015.\n\nThen he was detained.\n", "2019-04-21-x.txt")
    assert story.authors == ("Ann Lee",)
    assert "By Ann Lee" not in story.paragraphs + story.subheadings
    assert story.paragraphs[:3] == tuple(  # the introduction stays the story's
        f"Introduction, part {n}: an editor explains the story at length." for n in (1, 2, 3))


def test_an_images_caption_leaves_with_the_image():
    story = parse("Protest Grows\n\nStudents joined the protest on Monday.\n\n"
                  '<div style="text-align:center"><img src="/images/a.jpg"/><br>Students formed '
                  "a human chain. Photo: Mimi Lau<br></div>\n\n"
                  '<div><img src="/images/b.jpg"/></div><h5>The solidarity group.</h5>\n\n'
                  'Workers said <img src="smile.png" alt=""> they would stay.\n',
                  "2018-08-10-x.txt")
    assert story.paragraphs == ("Students joined the protest on Monday.",
                                "Workers said they would stay.")  # an image inside a sentence
    assert Removed("Students formed a human chain. Photo: Mimi Lau", "caption") in story.removed
    assert Removed("The solidarity group.", "caption") in story.removed


def test_a_heading_the_copy_marks_is_a_subheading():
    story = parse("Mi Jiuping\n\nHe was a worker in a car plant.\n\n"
                  "<h3>Petition, Firing, and Arrest</h3>\n\nIn 2018 he signed a petition.\n",
                  "2019-07-20-x.txt")
    assert story.subheadings == ("Petition, Firing, and Arrest",)


@pytest.mark.parametrize(("headline", "body", "title"), [
    # a quote or a bracket opening the headline is no hyphen: the word after it is capitalised
    ('"THE END" SAYS FED', "The Fed said so on Monday.", '"The End" Says Fed'),
    ("<THE MUSIC SHOP> BUYS STORE", "The Music Shop Inc said it bought a store.",
     "<The Music Shop> Buys Store"),
    # a Russian name declined otherwise in the story is still a name; acronyms stay
    ("ПУТИН ПРИБЫЛ В ПЕКИН", "МОСКВА, 19 мая (ТАСС) - Президент Владимир Путин прибыл с "
     "визитом в Пекине, сообщили в Кремле.", "Путин прибыл в Пекин"),
    ("ЛАВРОВ ВСТРЕТИТСЯ С ГОССЕКРЕТАРЕМ США БЛИНКЕНОМ", "МОСКВА, 19 мая (ТАСС) - Министр "
     "Сергей Лавров встретится с госсекретарем Энтони Блинкеном.",
     "Лавров встретится с госсекретарем США Блинкеном"),
    ("СИ ЦЗИНЬПИН ПРИЕДЕТ В МОСКВУ", "ПЕКИН, 19 мая (ТАСС) - Председатель КНР Си Цзиньпин "
     "посетит Москву на следующей неделе.", "Си Цзиньпин приедет в Москву"),
])
def test_headline_recasing_review_cases(headline, body, title):
    assert parse(f"{headline}\n\n{body}\n", "2024-05-19-x.txt").title == title


def test_a_plain_by_subheading_deep_in_a_story_is_no_byline():
    story = parse("Getting There\n\nOne.\n\nTwo.\n\nThree.\n\nBy Boat and Plane\n\n"
                  "Most visitors arrive by boat.\n", "2024-05-19-x.txt")
    assert story.authors == ()
    assert "By Boat and Plane" in story.paragraphs + story.subheadings


def test_a_paragraph_opening_with_an_icon_is_no_caption():
    story = parse('Strike Goes On\n\nThe strike entered a second week.\n\n<img src="/i/icon.png"> '
                  "Workers said they would stay until wages were paid.\n", "2024-05-19-x.txt")
    assert "Workers said they would stay until wages were paid." in story.paragraphs


@pytest.mark.parametrize(("text", "address"), [
    ("See https://en.wikipedia.org/wiki/Path_(disambiguation).",
     "https://en.wikipedia.org/wiki/Path_(disambiguation)"),
    ("(see https://x.example/a)", "https://x.example/a"),
    ("at https://x.example/a’s page", "https://x.example/a"),
    ("https://x.example/。次", "https://x.example/"),
])
def test_an_address_ends_where_the_sentence_takes_over(text, address):
    assert [a["href"] for a in BeautifulSoup(link_addresses(text), "html.parser")("a")] == [
        address]


def test_a_credit_link_shows_the_host_it_goes_to():
    link = BeautifulSoup(link_addresses("From https://bbc.co.uk@evil.example/x"),
                         "html.parser").a
    assert link.get_text() == "evil.example"


@pytest.mark.parametrize(("text", "lang"), [
    ("Путин провел переговоры в Пекине.", "ru"),
    ("Україна готує нові переговори з Польщею.", "uk"),
    ("Қазақстан мен Қытай келісімге қол қойды.", "kk"),
    ("Монгол улс Хятадтай гэрээ байгуулав, өнөөдөр.", "mn"),
    ("Беларусь і Расія падпісалі ўгоду.", "be"),
    ("Talks were held in Beijing on Sunday.", None),
    ("Gazprom (Газпром) raised gas supplies to China on Sunday.", None),  # mostly Latin
])
def test_the_language_of_cyrillic_copy(text, lang):
    from wire_reader.parse import script_language

    assert script_language(text) == lang


# Tables of figures, as the wire sends them: column gaps or dot leaders, hard-wrapped prose
# around them. Written for these tests (the grain figures are made up).
GRAIN_TABLE = """CHINA GRAIN HARVEST GROWS

    PEKING, March 3 - China's grain harvest grew last year, the
agriculture ministry said, in mln tonnes:
    CROP           1986       1985
 RICE              172.2      168.6
 WHEAT             90.0       85.8
 MAIZE <MZE>       70.9       63.8
    Officials expect a bigger harvest this year.
 Reuter
"""

LEADER_TABLE = """SOVIET OIL NETBACKS STEADY

    MOSCOW, March 30 - Netbacks for Soviet crude were steady last
week, as shown below in dlrs a barrel.
GRADE...........MAR 27.....MAR 20
URALS...........19.16......18.94
SIBERIAN........18.40......18.22
    Traders said demand was thin.
"""


def _tables(story):
    return [b for b in story.blocks if b.kind == "table"]


def test_a_table_of_figures_keeps_its_rows_and_columns():
    story = parse(GRAIN_TABLE, "1987-03-03-grain.txt")
    [table] = _tables(story)
    assert table.text.splitlines() == [
        "   CROP           1986       1985",
        "RICE              172.2      168.6",
        "WHEAT             90.0       85.8",
        "MAIZE <MZE>       70.9       63.8",
    ]
    assert "&lt;MZE&gt;" in table.html and "<MZE>" not in table.html
    # The prose around it stays prose, each paragraph whole and apart from the figures.
    assert story.paragraphs == (
        "China's grain harvest grew last year, the agriculture ministry said, in mln tonnes:",
        "Officials expect a bigger harvest this year.",
    )
    assert [b.kind for b in story.blocks] == ["paragraph", "table", "paragraph"]
    assert "RICE" in story.body_text  # still read for tags and counted as words


def test_a_dot_leader_table_is_a_table_not_the_end_of_a_sentence():
    story = parse(LEADER_TABLE, "1987-03-30-netbacks.txt")
    [table] = _tables(story)
    assert table.text.splitlines()[1] == "URALS...........19.16......18.94"
    assert story.paragraphs[0].endswith("as shown below in dlrs a barrel.")
    assert story.paragraphs[1] == "Traders said demand was thin."


@pytest.mark.parametrize("body", [
    # one row alone is no table: it stays in its sentence
    "    He said output was:\nRICE              172.2      168.6\n",
    # wide gaps without figures are a typing slip, not columns
    "    The minister said   the talks went well\nand the two sides   would meet again.\n",
])
def test_prose_with_gaps_is_no_table(body):
    story = parse("TALKS HELD\n\n" + body, "1987-03-03-talks.txt")
    assert _tables(story) == []


def test_column_heads_after_a_table_head_the_next_one_not_the_last():
    story = parse("""SOYBEAN BASIS LEVELS

    RIO DE JANEIRO, April 7 - Brokers gave these basis levels.
    SHIPMENT    BASIS      MONTH    PREV
    May         2/1 D      May      unch
    Jun         3/1 D      Jly      unch
    SHIPMENT    BASIS      MONTH    PREV
    Soybean oil, points per lb
    May         260/230 D  May      270/250 D
    Jun         290/280 D  Jly      290/280 D
""", "1987-04-07-soy.txt")
    # The second heads and the label between the two runs of rows stay in one table.
    [table] = [b.text.splitlines() for b in _tables(story)]
    assert [row.split()[0] for row in table] == [
        "SHIPMENT", "May", "Jun", "SHIPMENT", "Soybean", "May", "Jun"]
    assert story.paragraphs == ("Brokers gave these basis levels.",)


def test_inspect_lists_a_storys_tables_apart_from_its_paragraphs(tmp_path, capsys):
    import json
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from inspect_wire import main

    (tmp_path / "1987-03-03-grain.txt").write_text(GRAIN_TABLE, encoding="utf-8")
    main([str(tmp_path)])
    record = json.loads(capsys.readouterr().out)
    assert record["tables"] == [
        "   CROP           1986       1985\nRICE              172.2      168.6\n"
        "WHEAT             90.0       85.8\nMAIZE <MZE>       70.9       63.8"]
    assert not any("172.2" in p for p in record["paragraphs"])


def test_column_heads_set_two_spaces_apart_stay_with_their_table():
    story = parse("""CANAL BACKLOG STEADY

    WASHINGTON, Feb 26 - The canal agency said it expects --
             2/26  2/27
                 Due: 27    35
           Backlog: 31    25
    Average waiting time tomorrow --
         Tankers  Other Vessels
 North End:  13 hrs      15 hrs
 South End:   4 hrs      26 hrs
""", "1987-02-26-canal.txt")
    # Heads and the label line between the two runs of rows stay in one table.
    [table] = [b.text.splitlines() for b in _tables(story)]
    rows = [row.strip() for row in table]
    assert [rows[0], rows[3], rows[4]] == [
        "2/26  2/27", "Average waiting time tomorrow --", "Tankers  Other Vessels"]
    assert story.subheadings == ()
    assert story.paragraphs == ("The canal agency said it expects --",)


def test_a_table_that_opens_a_chunk_keeps_its_heads():
    story = parse("""GRAIN FIGURES

    PEKING, March 3 - The ministry gave these figures.

         Wheat  Maize
 1986:   90.0   70.9
 1985:   85.8   63.8
""", "1987-03-03-grain.txt")
    [table] = _tables(story)
    assert table.text.splitlines()[0].strip() == "Wheat  Maize"


@pytest.mark.parametrize(("headline", "title"), [
    ("TENDER LOVING <TLCI>, STAFF <STAF> EXTEND PACT",
     "Tender Loving <TLCI>, Staff <STAF> Extend Pact"),
    ("SANCTIONS ON ROSATOM <ROSATOM.UL>.", "Sanctions on Rosatom <ROSATOM.UL>."),
    ("LONE STAR<LCE> TO BUY UNIT", "Lone Star<LCE> to Buy Unit"),
    ("UAL INC <UAL>'S UNITED ADDS FLIGHTS", "UAL Inc <UAL>'s United Adds Flights"),
])
def test_punctuation_after_a_ticker_stays_close_to_it(headline, title):
    assert recase_headline(headline, "title") == title


def test_wire_trailers_for_editors_do_not_reach_readers():
    story = parse("""PUTIN SAYS TALKS WILL GO ON

MOSCOW, June 5 (Reuters) - President Vladimir Putin said talks would go on.

(Reporting by Anna Lee; Editing by Tom Fox)

((anna.lee@example.com; +7 495 000 0000; Reuters Messaging: anna.lee.example.com@example.net))

Keywords: RUSSIA PUTIN/
""", "2024-06-05-putin.txt")
    assert story.paragraphs == ("President Vladimir Putin said talks would go on.",)
    assert {r.reason for r in story.removed if "Keywords" in r.line or "((" in r.line} == {"junk"}


@pytest.mark.parametrize("ending", ["\n\nEnditem\n", " Enditem\n"])
def test_xinhuas_enditem_is_a_sign_off(ending):
    story = parse("CHINA, LAOS OPEN RAIL LINK\n\nVIENTIANE, June 3 (Xinhua) -- The line opened on "
                  "Monday." + ending, "2024-06-03-rail.txt")
    assert story.paragraphs == ("The line opened on Monday.",)


def test_headlines_listed_under_related_coverage_go_with_the_heading():
    story = parse("""PUTIN VISITS NORTH KOREA

PYONGYANG, June 19 (Reuters) - Putin visited North Korea.

Related Coverage

Putin signs pact with Kim

Russia, North Korea pledge mutual aid

Kim welcomed Putin at the airport, state media said.
""", "2024-06-19-putin.txt")
    assert story.paragraphs == ("Putin visited North Korea.",
                                "Kim welcomed Putin at the airport, state media said.")
    assert story.subheadings == ()


def test_a_word_glued_after_a_ticker_is_set_apart():
    assert recase_headline("CONSOLIDATED GAS <CNG>UNIT SAYS NO RULES BROKEN", "title") == \
        "Consolidated Gas <CNG> Unit Says No Rules Broken"


def test_a_wrapped_list_item_stays_whole():
    story = parse("""BARGE RATES FIRM

    ST LOUIS, Feb 26 - Barge rates firmed, dealers said.
    Quotes included -
 - Next week Mississippi River (St Louis) 120 pct bid/127-1/2
offered - up five points.
 - May Illinois River (ex Chicago) 100 pct bid/107-1/2 offered
- no comparison.
    Dealers expect steady demand.
""", "1987-02-26-barge.txt")
    [items] = [b.items for b in story.blocks if b.kind == "list"]
    assert items == (
        "Next week Mississippi River (St Louis) 120 pct bid/127-1/2 offered - up five points.",
        "May Illinois River (ex Chicago) 100 pct bid/107-1/2 offered - no comparison.",
    )
    assert story.paragraphs[-1] == "Dealers expect steady demand."


def test_an_indented_paragraph_after_a_finished_item_is_a_paragraph():
    story = parse("""CANADA BOND ISSUE

    OTTAWA, March 2 - The issue will have two maturities:
    - 8 pct bonds due July 1, 1990,
    - 8-1/2 pct bonds due June 1, 2011.
    The 2011 maturity will be issued to a maximum of 374 mln
dlrs, the department said.
""", "1987-03-02-bonds.txt")
    [items] = [b.items for b in story.blocks if b.kind == "list"]
    assert items == ("8 pct bonds due July 1, 1990,", "8-1/2 pct bonds due June 1, 2011.")
    assert story.paragraphs[-1] == (
        "The 2011 maturity will be issued to a maximum of 374 mln dlrs, the department said.")


@pytest.mark.parametrize("byline", ["By VLADIMIR PETROV\nAssociated Press",
                                    "By VLADIMIR PETROV\n\nAssociated Press",
                                    "By VLADIMIR PETROV Associated Press"])
def test_aps_byline_names_the_reporter_and_the_agency(byline):
    story = parse(f"""Russia warns NATO over drills

{byline}

MOSCOW (AP) — Russia warned NATO on Monday about drills, the Foreign Ministry said.

NATO said the drills were defensive.
""", "2024-06-11-drills.txt")
    assert story.authors == ("Vladimir Petrov",)
    assert story.source == "Associated Press"  # junk.yaml aliases AP to it
    assert story.dateline is not None and story.dateline.city == "Moscow"
    assert story.summary.startswith("Russia warned NATO on Monday")
    assert story.paragraphs[0].startswith("Russia warned NATO")


@pytest.mark.parametrize(("headline", "title"), [
    ("RUSSIA/NATO TALKS RESUME", "Russia/NATO Talks Resume"),
    ("NATO-RUSSIA COUNCIL MEETS", "NATO-Russia Council Meets"),
    ("ASEAN-CHINA FTA TALKS", "ASEAN-China FTA Talks"),
    ("TECHNOLOGY/IBM'S NEW COMPUTER", "Technology/IBM's New Computer"),
    ("COST-OF-LIVING RISES", "Cost-of-Living Rises"),  # no acronym: as before
])
def test_an_acronym_inside_a_joined_word_stays_in_capitals(headline, title):
    assert recase_headline(headline, "title") == title


def test_a_joined_word_the_story_spells_whole_keeps_that_spelling():
    story = parse("MGM/UA JOINS CHINA FILM PACT\n\nBEIJING, March 18 - MGM/UA Communications "
                  "said it joined a pact with China Film Corp.\n", "1987-03-18-mgm.txt")
    assert story.title == "MGM/UA Joins China Film Pact"


def test_a_headline_wrapped_onto_a_second_line_stays_whole():
    story = parse("""RUSSIA AND CHINA SIGN DEAL ON
POWER OF SIBERIA 2 PIPELINE

MOSCOW, June 5 (Reuters) - Russia and China signed a deal.
""", "2024-06-05-deal.txt")
    assert story.title == "Russia and China Sign Deal on Power of Siberia 2 Pipeline"
    assert story.dateline.city == "Moscow"
    assert story.paragraphs == ("Russia and China signed a deal.",)


@pytest.mark.parametrize("second", ["BY ANNA PETROVA", "MOSCOW, June 5 (Reuters) - Talks went on."])
def test_a_byline_or_dateline_under_a_headline_is_no_part_of_it(second):
    story = parse(f"TALKS GO ON\n{second}\n\nThe two sides met again.\n", "2024-06-05-talks.txt")
    assert story.title == "Talks Go On"


@pytest.mark.parametrize("headline", ["Source: Kremlin plans cabinet reshuffle",
                                      "Summary: China and Russia hold naval drills"])
def test_a_headline_opening_with_a_header_word_is_the_headline(headline):
    story = parse(f"{headline}\n\nMOSCOW, June 5 (Reuters) - The Kremlin plans a reshuffle.\n",
                  "2024-06-05-reshuffle.txt")
    assert story.title == headline
    assert story.source == "Reuters"
    assert story.paragraphs == ("The Kremlin plans a reshuffle.",)


def test_a_source_header_over_the_headline_is_still_a_header():
    story = parse("Source: Interfax News Agency\n\nKREMLIN PLANS RESHUFFLE\n\nMOSCOW, June 5 - "
                  "The Kremlin plans a reshuffle.\n", "2024-06-05-reshuffle.txt")
    assert story.title == "Kremlin Plans Reshuffle"
    assert story.source == "Interfax News Agency"


def test_a_russian_headline_keeps_the_capital_of_its_datelines_city():
    story = parse("""ВСТРЕЧА ЛИДЕРОВ ПРОЙДЕТ В МОСКВЕ

МОСКВА, 3 июня (ТАСС) - Встреча состоится в июле, сообщил помощник президента.
""", "2024-06-03-ru.txt")
    assert story.title == "Встреча лидеров пройдет в Москве"


@pytest.mark.parametrize("text", [
    "Source: Radio Free Asia\n\nChina jails activist\nBy Jane Doe\n\n"
    "BEIJING — A court in Beijing jailed an activist on Tuesday.\n",
    "Source: Radio Free Asia\n\nWill China free the activist?\n\n"
    "BEIJING — A court jailed an activist on Tuesday.\n",
    "Source: Kremlin Watch Weekly\n\nChina jails activist\nBy Jane Doe\n\n"
    "BEIJING — A court jailed an activist on Tuesday.\n",
    "Summary: The court jailed him for ten years.\n\nChina jails activist\n\n"
    "BEIJING — A court jailed an activist on Tuesday.\n",
])
def test_a_source_or_summary_header_over_any_headline_stays_a_header(text):
    story = parse(text, "2024-06-05-activist.txt")
    assert not story.title.startswith(("Source", "Summary"))
    assert story.paragraphs[-1].startswith("A court")


@pytest.mark.parametrize(("byline", "authors", "source"), [
    ("By The Associated Press", (), "Associated Press"),
    ("By Jane Doe The Associated Press", ("Jane Doe",), "Associated Press"),
    ("By Michael Bloomberg", ("Michael Bloomberg",), None),
])
def test_an_agency_after_the_name_is_split_off_only_from_a_whole_name(byline, authors, source):
    assert split_byline(byline) == (authors, source)


def test_a_paragraph_under_a_finished_list_item_is_a_paragraph():
    story = parse("""China trade data

BEIJING, June 5 (Reuters) - China released trade data on
Wednesday. Key points:
- Exports rose 7 pct in May.
- Imports fell 2 pct.
Analysts said the figures pointed to a
recovery in demand for Chinese goods.
""", "2024-06-05-trade.txt")
    [items] = [b.items for b in story.blocks if b.kind == "list"]
    assert items == ("Exports rose 7 pct in May.", "Imports fell 2 pct.")
    assert story.paragraphs[-1] == ("Analysts said the figures pointed to a recovery in demand "
                                    "for Chinese goods.")


@pytest.mark.parametrize(("after", "kept"), [
    ('The minister said: "We are doing all we can."',
     'The minister said: "We are doing all we can."'),
    ("What happens next?", "What happens next?"),
    ("Rescue effort", "Rescue effort"),
])
def test_related_coverage_takes_only_its_headlines(after, kept):
    story = parse(f"""Floods hit Dhaka

DHAKA, June 5 (Reuters) - Floods hit the capital on Wednesday, killing 12 people.

Related Coverage

Bangladesh braces for cyclone

{after}

Rescue teams were deployed across the city on Wednesday morning, officials said.

(Reporting by Ruma Paul; Editing by Jane Doe)
""", "2024-06-05-floods.txt")
    shown = story.paragraphs + story.subheadings
    assert kept in shown
    assert "Bangladesh braces for cyclone" not in shown
    assert story.credits == ("(Reporting by Ruma Paul; Editing by Jane Doe)",)


def test_a_credit_right_under_related_coverage_stays_a_credit():
    story = parse("""Floods hit Dhaka

DHAKA, June 5 (Reuters) - Floods hit the capital on Wednesday, killing 12 people.

Related Coverage

Bangladesh braces for cyclone

(Reporting by Ruma Paul; Editing by Jane Doe)
""", "2024-06-05-floods.txt")
    assert story.credits == ("(Reporting by Ruma Paul; Editing by Jane Doe)",)


@pytest.mark.parametrize("second", ["XINHUA", "ASSOCIATED PRESS", "BEIJING", "JUNE 5, 2024",
                                    "UPDATE 1", "NO CASUALTIES REPORTED."])
def test_an_agency_place_date_kicker_or_sentence_under_a_headline_is_no_part_of_it(second):
    story = parse(f"CHINA EXPORTS SURGE IN MAY\n{second}\n\nBEIJING, June 5 (Xinhua) -- "
                  "China's exports rose 7 percent.\n", "2024-06-05-exports.txt")
    assert story.title == "China Exports Surge in May"


def test_group_labels_and_loose_rows_stay_inside_their_table():
    story = parse("""CASH PORK PRICES

    CHICAGO, April 6 - Cash pork prices, in cents per lb:
        CENTS PER LB    CHANGE
 BELLIES
 12-14  60              up 1 to up 2
 14-16  60              up 1
 HAMS
 14-17  78-1/2          unch
 17-20  84              up 1-1/2
 TOTAL  2,500  LOADS
    Traders said demand was steady.
""", "1987-04-06-pork.txt")
    [table] = _tables(story)
    rows = [row.strip() for row in table.text.splitlines()]
    assert rows[0] == "CENTS PER LB    CHANGE" and "HAMS" in rows
    assert rows[-1] == "TOTAL  2,500  LOADS"
    assert story.subheadings == ()
    assert story.paragraphs[-1] == "Traders said demand was steady."


def test_a_story_of_figures_alone_has_no_summary_repeating_them():
    story = parse("""LONDON GASOIL CALL

 May    147.75 147.50 147.75 148.00
 Jun    146.75 146.25 146.75 147.25
 TOTAL SALES   3792
""", "1987-04-07-gasoil.txt")
    assert [b.kind for b in story.blocks] == ["table"]
    assert story.summary == ""


def test_space_justified_prose_is_no_table():
    story = parse("""MINISTRY REPORTS OUTPUT

    BEIJING,  June  5  (Xinhua)  --  China's  industrial  output
rose   6.8   percent   in   May   from   a   year   earlier,   the
statistics   bureau  said  on  Wednesday,  after  a  6.7  percent
rise in April.
""", "2024-06-05-output.txt")
    assert _tables(story) == []
    assert story.summary.endswith("rise in April.")


def test_markup_in_a_table_row_is_cleaned_not_shown():
    story = parse("""PRICES

    LONDON, June 5 (Reuters) - Prices:
S&amp;P 500     5,234.50   up 3 <!-- check with desk -->
AT&amp;T         23.10   <b>down 1</b>
""", "2024-06-05-prices.txt")
    [table] = _tables(story)
    assert table.text.splitlines() == ["S&P 500     5,234.50   up 3", "AT&T         23.10   down 1"]
    assert "&amp;P 500" in table.html and "&amp;amp;" not in table.html
    assert "&lt;b&gt;" not in table.html


def test_a_table_set_with_tabs_keeps_its_columns():
    story = parse("PRICES\n\n    LONDON, June 5 - Prices:\nGold\t1,234.50\tup 3\n"
                  "Silver\t23.10\tdown 1\n", "2024-06-05-prices.txt")
    [table] = _tables(story)
    assert table.text.splitlines() == ["Gold    1,234.50        up 3", "Silver  23.10   down 1"]


@pytest.mark.parametrize(("city", "headline", "title"), [
    ("НЬЮ-ЙОРК", "САММИТ В НЬЮ-ЙОРКЕ ОТЛОЖЕН", "Саммит в Нью-Йорке отложен"),
    ("САНКТ-ПЕТЕРБУРГ", "ФОРУМ В САНКТ-ПЕТЕРБУРГЕ ОТКРЫЛСЯ", "Форум в Санкт-Петербурге открылся"),
])
def test_a_hyphenated_city_keeps_both_capitals_in_a_russian_headline(city, headline, title):
    story = parse(f"{headline}\n\n{city}, 3 июня (ТАСС) - Встреча отложена, сообщили "
                  "организаторы.\n", "2024-06-03-summit.txt")
    assert story.title == title


@pytest.mark.parametrize(("lede", "city", "source", "first"), [
    ("МОСКВА, 6 июня. /ТАСС/. Министр заявил о визите.", "Москва", "TASS", "Министр заявил"),
    ("MOSCOW, June 6. /TASS/. Russia and China will hold drills.", "Moscow", "TASS", "Russia and"),
    ("МОСКВА, 6 июн - ИНТЕРФАКС. Президент заявил о визите.", "Москва", "Interfax", "Президент"),
    ("ПЕКИН, 6 июн – РИА Новости. Секретарь заявил о визите.", "Пекин", "RIA Novosti",
     "Секретарь"),
    ("МОСКВА. 6 июня. ИНТЕРФАКС - Президент заявил о визите.", "Москва", "Interfax",
     "Президент"),
    ("Москва. 6 июня. INTERFAX.RU - Президент заявил о визите.", "Москва", "Interfax",
     "Президент"),
    ("ПЕКИН, 6 июня. /Корр. ТАСС Иван Каргаполов/. Си Цзиньпин заявил о визите.", "Пекин",
     "TASS", "Си Цзиньпин"),
])
def test_russian_agencies_datelines(lede, city, source, first):
    story = parse(f"Визит состоится\n\n{lede}\n", "2024-06-06-visit.txt")
    assert story.dateline.city == city
    assert story.source == source
    assert story.paragraphs[0].startswith(first)


def test_a_tass_correspondent_in_the_dateline_is_the_stories_author():
    story = parse("Визит состоится\n\nПЕКИН, 6 июня. /Корр. ТАСС Иван Каргаполов/. Си Цзиньпин "
                  "заявил о визите.\n", "2024-06-06-visit.txt")
    assert story.authors == ("Иван Каргаполов",)
    assert story.dateline.reporter == "Иван Каргаполов"
    # A byline says who wrote it first.
    story = parse("Визит состоится\n\nАнна Смирнова, ТАСС\n\nПЕКИН, 6 июня. /Корр. ТАСС Иван "
                  "Каргаполов/. Си Цзиньпин заявил о визите.\n", "2024-06-06-visit.txt")
    assert story.authors == ("Анна Смирнова",)
    # Two correspondents, and the special correspondent's form.
    story = parse("Визит состоится\n\nПЕКИН, 6 июня. /Спец. корр. ТАСС Иван Каргаполов, Анна "
                  "Петрова/. Си Цзиньпин заявил о визите.\n", "2024-06-06-visit.txt")
    assert story.authors == ("Иван Каргаполов", "Анна Петрова")
    assert story.dateline.city == "Пекин" and story.source == "TASS"
    story = parse("Визит состоится\n\nПЕКИН, 6 июня. /Корр. ТАСС Иван Каргаполов и Анна "
                  "Петрова/. Си Цзиньпин заявил о визите.\n", "2024-06-06-visit.txt")
    assert story.authors == ("Иван Каргаполов", "Анна Петрова") and story.source == "TASS"
    # A correspondent and his city: the city is no author.
    story = parse("Визит состоится\n\nПЕКИН, 6 июня. /Корр. ТАСС Юрий Ли, Пекин/. Си "
                  "Цзиньпин заявил о визите.\n", "2024-06-06-visit.txt")
    assert story.authors == ("Юрий Ли",)
    # A surname alone: the agency's dateline, no author.
    story = parse("Визит состоится\n\nПЕКИН, 6 июня. /Корр. ТАСС Каргаполов/. Си Цзиньпин "
                  "заявил о визите.\n", "2024-06-06-visit.txt")
    assert story.authors == () and story.source == "TASS" and story.dateline.city == "Пекин"
    assert story.paragraphs[0].startswith("Си Цзиньпин")


@pytest.mark.parametrize("lede", ["As of April 7 - in bushels, shipments were steady.",
                                  "He said. /Reuters/. More talks are planned.",
                                  "He said. /Корр. ТАСС/. More talks are planned.",
                                  "Prices rose. 6 June. Interfax - said a trader."])
def test_a_phrase_before_a_dash_or_slashes_is_no_dateline(lede):
    assert parse_dateline(lede) is None


def test_a_dash_the_wrapping_put_first_on_a_line_opens_no_list():
    story = parse("""RUSSIA RAISES RATES

MOSCOW, June 1 (Reuters) - Russia's central bank, led by Elvira Nabiullina
- who has held the post since 2013 - raised its key rate to 18% on Friday.

The bank said inflation risks had grown.
""", "2024-06-01-rates.txt")
    assert [b.kind for b in story.blocks] == ["paragraph", "paragraph"]
    assert story.summary == ("Russia's central bank, led by Elvira Nabiullina - who has held the "
                             "post since 2013 - raised its key rate to 18% on Friday.")


def test_a_desk_label_in_brackets_leaves_the_headline_and_address():
    story = parse("(CORRECTED) - BANPONCE <BDEP> PLACES NOTES\n\nSAN JUAN, Feb 26 - BanPonce "
                  "Corp placed notes.\n", "1987-02-26-banponce.txt")
    assert story.title == "BanPonce <BDEP> Places Notes"
    assert story.slug == "banponce-bdep-places-notes"


def test_a_headline_in_sentence_case_wrapped_onto_a_lower_case_line_stays_whole():
    story = parse("""Kazakhstan central bank raises base rate to 16.75%
to curb inflation

ASTANA, June 2 (Reuters) - Kazakhstan's central bank raised its base rate on Friday.
""", "2024-06-02-rate.txt")
    assert story.title == "Kazakhstan central bank raises base rate to 16.75% to curb inflation"
    assert story.dateline.city == "Astana" and story.source == "Reuters"


def test_rfas_byline_names_the_reporter_and_the_service():
    story = parse("""Tibetan monks detained

By Tenzin Dickyi for RFA Tibetan
2024.06.06

Chinese police detained three monks in Sichuan on Tuesday, sources said.
""", "2024-06-06-monks.txt")
    assert story.authors == ("Tenzin Dickyi",)
    assert story.source == "Radio Free Asia"
    assert story.summary == ("Chinese police detained three monks in Sichuan on Tuesday, "
                             "sources said.")


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Shohret Hoshur for RFA Uyghur and Joshua Lipes", ("Shohret Hoshur", "Joshua Lipes")),
        ("By Ann Lee and Bo Chen for RFA Mandarin", ("Ann Lee", "Bo Chen")),
        ("By Ann Lee for RFA Lao and Khmer services", ("Ann Lee",)),
        ("By Ann Lee for RFA Mandarin and Cantonese", ("Ann Lee",)),
        ("By Ann Lee for RFA Mandarin and Khmer Services", ("Ann Lee",)),
        ("By Ann Lee for RFA Mandarin and RFA Cantonese", ("Ann Lee",)),
        ("By Ann Lee for RFA Mandarin and Radio Free Asia", ("Ann Lee",)),
        ("By Ann Lee for RFA Tibetan and Tibetan Staff", ("Ann Lee",)),
    ],
)
def test_rfas_byline_keeps_a_second_reporter_named_after_the_service(
    byline: str, authors: tuple[str, ...]
) -> None:
    story = parse(f"""Uyghur scholar sentenced

{byline}

A Uyghur scholar was sentenced to life in prison, his family said.
""", "2024-06-06-scholar.txt")
    assert story.authors == authors
    assert story.source == "Radio Free Asia"


def test_related_coverage_with_its_headlines_right_under_it_goes():
    story = parse("""China's exports beat forecasts

BEIJING, June 10 (Reuters) - China's exports rose more than expected in May.

Related Coverage
China's factory activity slips in May
Yuan weakens as dollar firms

Imports fell, customs data showed.
""", "2024-06-10-exports.txt")
    assert story.paragraphs == ("China's exports rose more than expected in May.",
                                "Imports fell, customs data showed.")


def test_a_line_set_in_bold_on_its_own_is_a_subheading_even_ending_in_a_quote():
    story = parse("""Activist's family speaks out

HONG KONG, May 5 (HKFP) - The family of a jailed activist spoke out on Sunday.

<strong>‘In limbo’</strong>

His wife said the family had heard nothing for months.

<strong>Nothing was said.</strong>

The court did not comment.
""", "2019-05-05-family.txt")
    assert story.subheadings == ("‘In limbo’",)
    assert "Nothing was said." in story.paragraphs


def test_a_listed_acronym_the_story_writes_as_a_name_is_the_name():
    story = parse("KIM JONG UN ARRIVES IN VLADIVOSTOK FOR PUTIN SUMMIT\n\nVLADIVOSTOK, Russia, "
                  "April 24 (Reuters) - North Korean leader Kim Jong Un arrived on Wednesday, "
                  "and Kim Jong Un will meet Putin.\n", "2019-04-24-kim.txt")
    assert story.title == "Kim Jong Un Arrives in Vladivostok for Putin Summit"
    un = parse("UN TO DEBATE SANCTIONS\n\nNEW YORK, April 24 (Reuters) - The UN Security "
               "Council will debate sanctions.\n", "2019-04-24-un.txt")
    assert un.title == "UN to Debate Sanctions"


@pytest.mark.parametrize(("lede", "name", "warned"), [
    ("TOKYO, May 18 (Reuters) - Talks ended.", "1987-03-18-talks.txt", True),
    ("TOKYO, March 17 (Reuters) - Talks ended.", "1987-03-18-talks.txt", False),  # filed late
    ("МОСКВА, 3 июня (ТАСС) - Переговоры завершились.", "2024-06-05-talks.txt", True),
    ("BEIJING, Dec 31 (Reuters) - Talks ended.", "2025-01-01-talks.txt", False),
])
def test_a_dateline_day_far_from_the_storys_date_is_reported(lede, name, warned):
    story = parse(f"TALKS END\n\n{lede}\n", name)
    assert any(w.startswith("dateline says") for w in story.warnings) is warned


def test_lines_numbered_from_one_are_a_numbered_list():
    story = parse("""Unions sign joint statement

HONG KONG, Aug 7 (HKFP) - Eighteen groups signed the statement. They are:
1. Hong Kong Confederation of Trade Unions
2. Students and Scholars Against Corporate Misbehaviour
3. Worker Empowerment

The groups said more would join.
""", "2019-08-07-unions.txt")
    [numbered] = [b for b in story.blocks if b.kind == "list"]
    assert numbered.ordered
    assert numbered.items == ("Hong Kong Confederation of Trade Unions",
                              "Students and Scholars Against Corporate Misbehaviour",
                              "Worker Empowerment")
    assert story.paragraphs[0] == "Eighteen groups signed the statement. They are:"


def test_two_numbered_lines_in_a_sentence_stay_prose():
    story = parse("TALKS\n\nBEIJING, May 3 (Reuters) - The plan has two parts:\n1. lower tariffs\n"
                  "2. more quotas, officials said.\n", "2024-05-03-plan.txt")
    assert [b.kind for b in story.blocks] == ["paragraph"]


# --- review 13: the rules above must not misfire on ordinary copy


def test_a_leap_day_dateline_is_read():
    story = parse("TALKS END\n\nTOKYO, Feb 29 (Reuters) - Talks ended on Thursday.\n",
                  "2024-02-29-talks.txt")
    assert story.dateline.day == "Feb 29" and not story.warnings


def test_a_dash_list_under_a_short_heading_is_a_list():
    story = parse("""EU leaders agree migration plan

BRUSSELS, June 5 (Reuters) - European Union leaders agreed a plan on migration on Wednesday.

Key points of the plan
- Faster returns of rejected asylum seekers
- A fund for countries of origin

Diplomats said talks would continue.
""", "2024-06-05-migration.txt")
    [items] = [b.items for b in story.blocks if b.kind == "list"]
    assert items == ("Faster returns of rejected asylum seekers", "A fund for countries of origin")


@pytest.mark.parametrize("second", ["by Reuters Staff", "updated 2 hours ago", "source: Xinhua",
                                    "iPhone sales expected to rise"])
def test_a_byline_label_or_standfirst_under_a_headline_is_no_part_of_it(second):
    story = parse(f"China exports beat forecasts\n{second}\n\nChina's exports rose more than "
                  "expected in May, customs data showed.\n", "2024-06-05-exports.txt")
    assert story.title == "China exports beat forecasts"


def test_only_the_un_of_kim_jong_un_is_a_name():
    story = parse("KIM JONG UN SAYS UN SANCTIONS WILL FAIL\n\nPYONGYANG, April 24 (Reuters) - "
                  "North Korean leader Kim Jong Un said UN sanctions would fail.\n",
                  "2019-04-24-kim.txt")
    assert story.title == "Kim Jong Un Says UN Sanctions Will Fail"


def test_numbered_rows_with_columns_are_a_table_and_two_numbered_lists_stay_two():
    results = parse("""WOODS LEADS

AUGUSTA, Georgia, April 13 (Reuters) - Leading third-round scores:

1. Tiger Woods (U.S.)        68 70 65 -- 203
2. Ernie Els (South Africa)  70 69 66 -- 205
3. Vijay Singh (Fiji)        71 68 67 -- 206
""", "2002-04-13-masters.txt")
    assert [b.kind for b in results.blocks] == ["paragraph", "table"]
    lists = parse("PLAN\n\nBEIJING, May 3 (Reuters) - The plan:\n\n1. one\n2. two\n3. three\n\n"
                  "1. four\n2. five\n3. six\n", "2024-05-03-plan.txt")
    assert [len(b.items) for b in lists.blocks if b.kind == "list"] == [3, 3]


def test_a_date_alone_on_a_line_deep_in_a_story_is_kept():
    story = parse("""Timeline of the protests

HONG KONG, Aug 7 (HKFP) - Below is a timeline of the protests.

2019.06.09

One million people march against the extradition bill.
""", "2019-08-07-timeline.txt")
    assert "2019.06.09" in story.paragraphs


def test_prose_under_related_coverage_headlines_stays_whole():
    story = parse("""China's exports beat forecasts

BEIJING, June 10 (Reuters) - China's exports rose more than expected in May.

Related Coverage
China's factory activity slips in May
Imports fell 3 percent from a year earlier, customs data showed,
as weak domestic demand weighed on purchases of raw materials.
""", "2024-06-10-exports.txt")
    assert story.paragraphs[-1] == ("Imports fell 3 percent from a year earlier, customs data "
                                    "showed, as weak domestic demand weighed on purchases of "
                                    "raw materials.")


@pytest.mark.parametrize("lede", ["Protesters march in Hong Kong, June 6. /AFP/ The march was "
                                  "peaceful.", "Turnout rose 5 pct. /AP/ Officials said."])
def test_a_sentence_before_slashes_is_no_dateline(lede):
    assert parse_dateline(lede) is None


@pytest.mark.parametrize("quote", ["“We will not give up. We will keep fighting for him.”",
                                   "“We will keep fighting,” his wife said"])
def test_a_bold_pull_quote_is_no_subheading(quote):
    story = parse(f"Family speaks out\n\nHONG KONG, May 5 (HKFP) - The family spoke out.\n\n"
                  f"<strong>{quote}</strong>\n\nThe court did not comment.\n", "2019-05-05-x.txt")
    assert story.subheadings == ()


# --- review 14


def test_a_headline_wrapped_before_a_verb_stays_whole_with_its_dateline():
    story = parse("""Hong Kong leader Carrie Lam
says extradition bill is dead

HONG KONG, July 9 (Reuters) - Hong Kong leader Carrie Lam said on Tuesday the bill was dead.
""", "2019-07-09-lam.txt")
    assert story.title == "Hong Kong leader Carrie Lam says extradition bill is dead"
    assert story.dateline.city == "Hong Kong" and story.source == "Reuters"


def test_a_line_between_headline_and_lede_keeps_the_ledes_dateline():
    story = parse("""Floods kill dozens in southern China
updated 2 hours ago

GUANGZHOU, June 5 (Reuters) - Floods killed dozens in southern China.
""", "2024-06-05-floods.txt")
    assert story.title == "Floods kill dozens in southern China"
    assert story.dateline.city == "Guangzhou" and story.source == "Reuters"
    assert story.paragraphs[-1] == "Floods killed dozens in southern China."


def test_a_possessive_after_kim_jong_un_stays_lower_case():
    story = parse("KIM JONG UN'S SISTER SLAMS SEOUL\n\nPYONGYANG, June 5 (Reuters) - Kim Yo "
                  "Jong, the sister of leader Kim Jong Un, criticised Seoul.\n",
                  "2024-06-05-kim.txt")
    assert story.title == "Kim Jong Un's Sister Slams Seoul"


def test_a_dash_in_a_sentence_under_a_line_of_names_opens_no_list():
    story = parse("""RUSSIA HOLDS RATES

    MOSCOW, June 7 (Reuters) - Russia's central bank left its key
rate unchanged on Friday, as expected. The decision was announced by
Governor Elvira Nabiullina and her deputy Alexei Zabotkin
- who has been tipped as her successor - at a news conference.
    The rouble firmed after the decision.
""", "2024-06-07-rates.txt")
    assert [b.kind for b in story.blocks] == ["paragraph", "paragraph"]


def test_dash_lines_in_a_row_under_a_long_heading_are_a_list():
    story = parse("""EU MIGRATION PACT

BRUSSELS, June 5 (Reuters) - EU leaders agreed a plan on migration on Wednesday.

What the EU's 2024 migration pact would change for arrivals
- Faster returns of rejected asylum seekers
- A fund for countries of origin
- Shared screening at the borders
""", "2024-06-05-pact.txt")
    [items] = [b.items for b in story.blocks if b.kind == "list"]
    assert len(items) == 3


@pytest.mark.parametrize("gap", ["\t", "   "])
def test_a_numbered_list_with_a_wide_gap_after_the_number_is_a_list(gap):
    story = parse(f"REFORM PLAN\n\nBEIJING, June 5 (Xinhua) -- Three priorities:\n\n"
                  f"1.{gap}Stabilise employment\n2.{gap}Expand demand\n3.{gap}Prevent risks\n",
                  "2024-06-05-plan.txt")
    [numbered] = [b for b in story.blocks if b.kind == "list"]
    assert numbered.ordered and numbered.items[0] == "Stabilise employment"


def test_related_coverage_keeps_prose_that_opens_with_a_capital_and_drops_all_headlines():
    story = parse("""China's exports beat forecasts

BEIJING, June 10 (Reuters) - China's exports rose more than expected in May.

Related Coverage
China's factory activity slips in May
Imports fell 3 percent from a year earlier as weak demand at home in
China weighed on purchases of iron ore, coal and soybeans.
""", "2024-06-10-exports.txt")
    assert story.paragraphs[-1].startswith("Imports fell 3 percent")
    listed = parse("""Apple event

CUPERTINO, June 10 (Reuters) - Apple showed new features.

Related Coverage
Apple unveils AI features at developer conference
iPhone maker's suppliers rally in Asia
""", "2024-06-10-apple.txt")
    assert listed.paragraphs == ("Apple showed new features.",)


def test_a_bold_heading_with_says_in_it_is_still_a_heading():
    story = parse("Park closes\n\nHONG KONG, May 5 (HKFP) - The park closed.\n\n"
                  "<strong>Hong Kong says goodbye to Victoria Park</strong>\n\n"
                  "Crowds gathered on Sunday.\n", "2019-05-05-park.txt")
    assert story.subheadings == ("Hong Kong says goodbye to Victoria Park",)


def test_a_reposted_tass_dateline_in_mixed_case_is_read():
    found = parse_dateline("Moscow, June 6. /TASS/. Russia and China will hold drills.")
    assert found is not None and found[0].city == "Moscow" and found[0].agency == "TASS"


@pytest.mark.parametrize("first", [
    "MOSCOW, June 2 (Reuters) - Russia and China signed a gas deal on Sunday, officials said.",
    "BEIJING (Reuters) - China's exports rose more than expected in May, customs data showed.",
    "МОСКВА, 2 июня (ТАСС) - Россия и Китай подписали соглашение о поставках газа.",
])
def test_a_file_whose_first_line_is_its_dateline_and_lede_has_no_headline(first):
    from wire_reader.story import WireError

    with pytest.raises(WireError, match="no headline: the first line is the dateline"):
        parse(f"\n\n{first}\n\nThe deal covers thirty years.\n", "2024-06-02-gas.txt")


def test_a_file_whose_first_line_is_a_byline_over_the_dateline_has_no_headline():
    from wire_reader.story import WireError

    with pytest.raises(WireError, match="no headline: the first line is a byline"):
        parse("By Ivan Petrov\nMOSCOW, June 2 (Reuters) - Russia and China signed a gas "
              "deal on Sunday, officials said.\n", "2024-06-02-gas.txt")
    # A headline that begins with "By" has a blank line under it, and stays one.
    for headline in ("By Land And Sea", "By Royal Decree", "BY POPULAR DEMAND"):
        story = parse(f"{headline}\n\nMOSCOW, June 2 (Reuters) - Russia and China signed a "
                      "gas deal on Sunday, officials said.\n", "2024-06-02-gas.txt")
        assert story.title.lower() == headline.lower()


@pytest.mark.parametrize("headline", [
    "ROTTERDAM PORT SUBSIDY TO END JULY 1 - MINISTER",
    "SYRIA SEEKING WHITE SUGAR ON APRIL 8 - TRADE",
    "(CORRECTED) - BANPONCE <BDEP> PLACES NOTES",
    "CHINA - U.S. TRADE TALKS END",
    "Moscow, June 2 - a day of talks",
    "Ukraine war, day 100 - Russia now controls a fifth of the country, Zelenskiy says.",
    "Election, Jan 13 - Taiwan votes for a new president as China watches closely.",
    "Hong Kong, June 4 - Will the city's vigil survive another year of the new law?",
    "Выборы, 17 марта - россияне голосуют третий день, сообщает избирательная комиссия.",
])
def test_a_headline_with_a_dash_is_still_a_headline(headline):
    story = parse(f"{headline}\n\nThe talks ended on Monday, officials said.\n",
                  "2024-06-02-talks.txt")
    assert story.paragraphs == ("The talks ended on Monday, officials said.",)
