"""Stray HTML inside wire paragraphs: tags go, their text stays, tickers stay.

Every row is raw paragraph text -> (plain text, safe HTML) as ``parse`` renders it.
"""

from __future__ import annotations

import pytest
from wire_reader.parse import HTML_TAGS, is_markup_only, parse, render_inline
from wire_reader.story import Removed

CASES = [
    # a link keeps its words, loses its address
    ('The <a href="http://x">central bank</a> acted.', "The central bank acted."),
    ("A <span class=\"dateline\">quiet</span> <font color=red>day</font>.", "A quiet day."),
    ("Cen<span>tral</span> <u>bank</u> x<sup>2</sup> <small>ok</small>.", "Central bank x2 ok."),
    # line and block breaks become a space, never glue two words together
    ("First<br>second<br/>third<br />fourth.", "First second third fourth."),
    ("One</p><p>two<div>three</div><li>four.", "One two three four."),
    # script, style, noscript and iframe go with everything inside them
    ("Rates <script>alert(1)</script> rose.", "Rates rose."),
    ('Rates <script type="text/javascript">var a = "<b>";</script> rose.', "Rates rose."),
    ("Rates <style>p { color: red }</style> rose.", "Rates rose."),
    ("Rates <noscript>Enable JS</noscript><iframe src=x>frame</iframe> rose.", "Rates rose."),
    ("Rates <SCRIPT>alert(1)</SCRIPT> rose.", "Rates rose."),
    ("Rates <!-- tracking pixel --> rose.", "Rates rose."),
    # what is removed leaves no space before the punctuation after it
    ("Rates rose <script>x()</script>.", "Rates rose."),
    ("Rates rose <!-- note -->, it said.", "Rates rose, it said."),
    ("Rates rose <br>.", "Rates rose."),
    ("Rates (and <span>yields</span>) rose.", "Rates (and yields) rose."),
    # old upper-case HTML: bare names no exchange uses, closing tags, NAME=value attributes
    ("First<BR>second<BR/>third.", "First second third."),
    ('A <FONT FACE="Arial">quiet</FONT> day.', "A quiet day."),
    ('See <A HREF="http://x">the bank</A>.', "See the bank."),
    # hostile markup leaves nothing behind
    ("Shares <img src=x onerror=alert(1)> fell.", "Shares fell."),
    ("Shares <svg onload=alert(1)></svg> fell.", "Shares fell."),
    # entities are decoded once: an encoded tag is text the agency meant to show
    ("AT&amp;T &lt;a href&gt; said <span>no</span>.", "AT&T <a href> said no."),
    # tickers (Reuters instrument codes) are text, even when they look like tags
    ("Gazprom <GAZP.MM> and <SRD> rose.", "Gazprom <GAZP.MM> and <SRD> rose."),
    ("The <.HSI> and <0#.SSEC> fell.", "The <.HSI> and <0#.SSEC> fell."),
    ("<I.T.L. Industries> and Alcoa <A.N> rose.", "<I.T.L. Industries> and Alcoa <A.N> rose."),
    ("First Interstate <I> and <B> rose.", "First Interstate <I> and <B> rose."),
    # an element name followed by words, not attributes, is text
    ("If x <p and q> y holds.", "If x <p and q> y holds."),
    ("For n<p or q>1 it holds.", "For n<p or q>1 it holds."),
    ("Prices <a range> of goods.", "Prices <a range> of goods."),
    ("<s smith> wrote.", "<s smith> wrote."),
    ("Under <section 301> rules.", "Under <section 301> rules."),
    ("Both a <b and c> d.", "Both a <b and c> d."),
    ("Then </p and q> came.", "Then </p and q> came."),
    # element names that are tickers: DuPont <DD>, <NAV>, <PRE> and a company name
    ("Du Pont <DD> and <NAV>, <PRE> rose.", "Du Pont <DD> and <NAV>, <PRE> rose."),
    ("<Video Shopping Mall Inc> and <DD.N> rose.", "<Video Shopping Mall Inc> and <DD.N> rose."),
    ("A bare <P> stays a ticker.", "A bare <P> stays a ticker."),
    # tickers and stray tags in one paragraph
    (
        '<span>Gazprom</span> <GAZP.MM> <a href="x">rose</a><br><.HSI>',
        "Gazprom <GAZP.MM> rose <.HSI>",
    ),
    # not a tag at all: no closing ">"
    ('The <a href="x central bank', 'The <a href="x central bank'),
    # nesting tricks: what is left is text, escaped, never markup
    ("x <scr<script>ipt>alert(1)</script> y", "x <scr y"),
    ("x <<b>a href=x>y", "x <a href=x>y"),
    # a comment or script never closed: the opener goes, the rest is text
    ("Rates <!-- rose.", "Rates rose."),
    ("Rates <script> rose.", "Rates rose."),
]


def _story(paragraph: str):
    return parse(f"Headline Here\n\nLede paragraph.\n\n{paragraph}\n", "2024-05-17-x.txt")


@pytest.mark.parametrize(("raw", "text"), CASES)
def test_stray_html_becomes_its_text(raw, text):
    block = _story(raw).blocks[-1]
    assert block.text == text
    assert block.html == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.parametrize(
    ("raw", "html_out"),
    [
        # balanced em/strong is still the only markup that survives
        ("Said <b>Gazprom</b> <GAZP.MM>.", "Said <strong>Gazprom</strong> &lt;GAZP.MM&gt;."),
        ("A <i>b</i> <B>c</B> <a href=x>d</a>.", "A <em>b</em> <strong>c</strong> d."),
        ('A <b class="x">bold</b> move.', "A <strong>bold</strong> move."),
        ("<b>a<script>x</b></script> tail", "a tail"),
    ],
)
def test_balanced_emphasis_still_marks_up(raw, html_out):
    assert _story(raw).blocks[-1].html == html_out


@pytest.mark.parametrize(
    "raw",
    [
        '<div><img src="x.jpg"></div>',
        "<script>alert(1)</script>",
        "<!-- nothing here --> <br>",
        "<p></p><em></em>",
    ],
)
def test_a_block_of_only_markup_is_dropped_and_reported(raw):
    assert is_markup_only(raw)
    story = _story(raw)
    assert [b.text for b in story.blocks] == ["Lede paragraph."]
    assert Removed(raw, "junk") in story.removed


@pytest.mark.parametrize("raw", ["<GAZP.MM>", "<DD>", "<I>", "Plain words.", "&amp;", "<s smith>"])
def test_a_block_of_tickers_or_text_is_not_markup(raw):
    assert not is_markup_only(raw)


def test_headline_and_summary_lose_stray_tags_too():
    story = parse(
        'Bank <a href="x">Acts</a><script>x()</script>\n\n'
        'The <a href="http://x">central bank</a> raised rates <script>alert(1)</script> today.\n',
        "2024-05-17-x.txt",
    )
    assert story.title == "Bank Acts"
    assert story.summary == "The central bank raised rates today."


def test_a_summary_header_of_only_markup_falls_back_to_the_lede():
    story = parse(
        "Summary: <script>x()</script>\n\nHeadline Here\n\nThe lede.\n", "2024-05-17-x.txt"
    )
    assert story.summary == "The lede."


def test_plain_copy_is_untouched():
    assert render_inline("  Plain   wire copy.  ") == ("Plain wire copy.", "Plain wire copy.")


def test_capitalised_html_names_are_known_html_names():
    from wire_reader.parse import CAPS_HTML_TAGS

    assert CAPS_HTML_TAGS <= HTML_TAGS


@pytest.mark.parametrize(
    "hidden",
    [
        '<script type="text/javascript">\nvar tracker = "abc";\n\nwindow.track(x);\n</script>',
        "<STYLE>\n.ad { display: none }\n\n</STYLE>",
        "<!-- start\n\nof comment -->",
        "<iframe src=x>\n\nframe text\n</iframe>",
    ],
)
def test_hidden_markup_across_blank_lines_leaves_no_paragraphs(hidden):
    # Cut into paragraphs first, its code would have been shown as story text.
    text = f"Headline Here\n\nLede paragraph.\n\n{hidden}\n\nLast one.\n"
    story = parse(text, "2024-05-17-x.txt")
    assert [b.text for b in story.blocks] == ["Lede paragraph.", "Last one."]
    assert " ".join(hidden.split()) in [r.line for r in story.removed if r.reason == "junk"]


def test_hidden_markup_inside_a_paragraph_line_keeps_the_words_around_it():
    story = parse("Headline Here\n\nRates <script>\nx()\n</script> rose.\n", "2024-05-17-x.txt")
    assert [b.text for b in story.blocks] == ["Rates rose."]
