"""The typogrify shortcuts write exactly what the library writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import smartypants
import typogrify.filters
from hypothesis import given, settings
from hypothesis import strategies as st
from wire_reader import typography
from wire_reader.parse import read_wire
from wire_reader.wire_reader import render_body

typography.install_shortcuts()
library_widont = typography.LIBRARY["widont"]
library_convert_quotes = typography.LIBRARY["convert_quotes"]

# Pieces that exercise every branch of widont's pattern: inline tags (also
# "b"/"i"/"a" prefixes of other tags), block closings, spaces and newlines.
PIECES = st.sampled_from([
    "word", "x", "Reuters", "&amp;", "it's", '"q"', " ", "  ", "\n", "\t",
    "<p>", "</p>", "<h2>", "</h2>", "<li>", "</li>", "</dd>", "</dt>", "</div>",
    "<em>", "</em>", "<a href=\"x y\">", "</a>", "<b>", "</b>", "</blockquote>",
    "<br>", "<span class=\"caps\">", "</span>", "<i>", "</i>", "<", ">", "<b<b>",
    "<a x", "<b", "</em",  # inline tags left open (malformed HTML)
])
HTML = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(HTML, st.integers(min_value=1, max_value=30))
def test_widont_matches_typogrify(html: str, tail: int) -> None:
    # Small tails force the fallback to the whole segment as often as not.
    assert typography.widont(html, tail=tail) == library_widont(html)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab '\"-`.1\n&;#80s", max_size=40))
def test_convert_quotes_matches_smartypants(text: str) -> None:
    assert typography.convert_quotes(text) == library_convert_quotes(text)


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(["process_escapes", *typography.LITERAL_FILTERS]),
       st.text(alphabet="ab \\'\"-`.&", max_size=30))
def test_smartypants_filters_match_the_library(name: str, text: str) -> None:
    assert getattr(smartypants, name)(text) == typography.LIBRARY[name](text)


# Text for caps: capitals, digits, dots, apostrophes, Unicode digits and
# spaces, and tags, including those caps skips (<kbd>, <script>).
CAPS_PIECES = st.sampled_from([
    "A", "B", "KU", "D.O.T.", "D. O. T.", "2", "\u0663", "'", ".", " ", "  ", "\u00a0", "\n",
    "x", "Ab", "ABC'S", "HE34T", "<i>", "</i>", "<kbd>", "</kbd>", "<SCRIPT>", "</script>",
    "_", "é", "É", "<b>", "-", "&amp;",
])
CAPS_TEXT = st.lists(CAPS_PIECES, max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(CAPS_TEXT)
def test_caps_matches_typogrify(text: str) -> None:
    assert typography.caps(text) == typography.LIBRARY["caps"](text)


AMP_TEXT = st.lists(st.sampled_from([
    "&", "&amp;", "&#38;", "&nbsp;", " ", "\n", "a", "<a title=\"x & y\">", "</a>", "<p>", "<",
    ">", "'", '"',
]), max_size=20).map("".join)


@settings(max_examples=2000, deadline=None)
@given(AMP_TEXT)
def test_amp_matches_typogrify(text: str) -> None:
    assert typography.amp(text) == typography.LIBRARY["amp"](text)


QUOTE_TEXT = st.lists(st.sampled_from([
    '"', "'", "&ldquo;", "&#8220;", "&lsquo;", "&#8216;", "&#8217;", "<p>", "<p class=\"x\">",
    "</p>", "<pre>", "<h2>", "<li>", "<dd>", "<dt>", "<em>", "<a href=\"#\">", "<b>", "<span>",
    "<div>", " ", "\n", "word", "<", ">",
]), max_size=20).map("".join)


@settings(max_examples=3000, deadline=None)
@given(QUOTE_TEXT)
def test_initial_quotes_matches_typogrify(text: str) -> None:
    assert typography.initial_quotes(text) == typography.LIBRARY["initial_quotes"](text)


class CountingFinder:
    """CAP_FINDER, counting the positions it is tried at."""

    def __init__(self) -> None:
        self.tries = 0
        self.pattern = typography.CAP_FINDER

    def match(self, text: str, pos: int) -> object:
        self.tries += 1
        return self.pattern.match(text, pos)


@pytest.mark.parametrize("text", [
    "ZÜRICH " * 400,  # capitals without a match, with letters the pattern skips
    "яAB " * 400,
    "A.B " * 400,
    "NATO AND THE EU " * 200,
])
def test_caps_tries_each_position_at_most_once(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A text without matches must not make the shortcut retry earlier
    # positions for every candidate (quadratic: minutes on a hostile file).
    finder = CountingFinder()
    monkeypatch.setattr(typography, "CAP_FINDER", finder)
    result = typography.sub_caps(text)
    monkeypatch.undo()
    assert finder.tries <= len(text)
    assert result == typography.LIBRARY["caps"](text)


@pytest.mark.parametrize("text", [
    "A message from KU", "<SCRIPT>CAPS</script> more CAPS", "A message from 2KU2 with digits",
    "Dotted caps followed by spaces should never include them in the wrap D.O.T.   like so.",
    "JIMMY'S", "<i>D.O.T.</i>HE34T<b>RFID</b>", "NATO, the EU and U.S. officials",
])
def test_caps_examples_from_typogrify(text: str) -> None:
    assert typography.caps(text) == typography.LIBRARY["caps"](text)
    assert '<span class="caps">' in typography.caps(text)


def test_the_library_functions_are_replaced_once() -> None:
    typography.install_shortcuts()
    assert typogrify.filters.widont is typography.widont
    assert typogrify.filters.caps is typography.caps
    assert typogrify.filters.amp is typography.amp
    assert typogrify.filters.initial_quotes is typography.initial_quotes
    assert smartypants.convert_quotes is typography.convert_quotes
    assert smartypants.process_escapes is typography.process_escapes
    assert smartypants.convert_dashes is not typography.LIBRARY["convert_dashes"]
    assert typography.LIBRARY["widont"] is library_widont


def use_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put typogrify's and smartypants' own functions back, for this test only."""
    for name, function in typography.LIBRARY.items():
        module = typogrify.filters if hasattr(typogrify.filters, name) else smartypants
        monkeypatch.setattr(module, name, function)


STORY = """\
"OIL" TALKS: CHINA & RUSSIA AGREE
By Anna Petrova

BEIJING, March 3 (Reuters) - China and Russia agreed on Tuesday... to "extend" the
pipeline deal -- officials said --- in a move the NATO allies called 'premature'. . .
A \\"dumb\\" quote and ``backticks'' stay as editors typed them.

New terms

The '90s contract runs to 2030, said Li Wei. Prices are set in USD & RMB.
"""


@pytest.mark.parametrize("options", [
    {},
    {"TYPOGRIFY_DASHES": "oldschool"},
    {"TYPOGRIFY_DASHES": "oldschool_inverted"},
    {"TYPOGRIFY_OMIT_FILTERS": ["widont"]},
])
def test_story_typography_is_byte_identical_to_plain_typogrify(
    options: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = read_wire(STORY.encode(), "2024-03-03-oil.txt")
    htmls = [render_body(story), story.title, story.summary]
    fast = [typography.typogrify_html(h, options) for h in htmls]
    use_library(monkeypatch)
    plain = [typography.typogrify_html(h, options) for h in htmls]
    assert fast == plain
    assert "&#8220;extend&#8221;" in fast[0]  # the filters did run
    assert ("&nbsp;" in fast[0]) == ("widont" not in options.get("TYPOGRIFY_OMIT_FILTERS", []))


def test_seed_story_typography_is_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    seed = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "000_675a4f0b8f43f9eb.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is absent")
    body = render_body(read_wire(seed.read_bytes(), seed.name))
    fast = typography.typogrify_html(body, {})
    use_library(monkeypatch)
    assert fast == typography.typogrify_html(body, {})
