"""Typogrify, as Pelican's TYPOGRIFY would apply it, at a lower cost per story.

Typogrify is the costliest step of reading a story (about three quarters of
it). Two of its filters waste most of that time, and both are given exact
shortcuts here; tests/test_typography.py checks each against the library's
own function on generated HTML, so the output is byte for byte what plain
typogrify writes:

- ``widont`` runs a regex at every character of the body, though a match can
  only end at a closing block tag (``</p>``, ``</h2>`` …) or at the end of the
  text. Each such segment has at most one match, at its tail, so the regex is
  tried on the tail first and on the whole segment only when the tail cannot
  decide.
- smartypants' ``convert_quotes`` runs about fifteen regexes on every run of
  text; each needs a quote character, so text without one is returned as is.
  Its ``process_escapes`` likewise needs a backslash, and its dash, ellipsis
  and backtick filters replace fixed strings with ``re.sub``, which
  ``str.replace`` does the same, faster.

No Pelican imports: worker processes and the Pelican glue both call this.
"""

from __future__ import annotations

import re
from typing import Any

# typogrify 2.1.0's widont pattern, verbatim (typogrify/filters.py).
WIDONT_FINDER = re.compile(
    r"""((?:</?(?:a|em|span|strong|i|b)[^>]*>)|[^<>\s]) # must be proceeded by an approved inline opening or closing tag or a nontag/nonspace
                                   \s+                                             # the space to replace
                                   ([^<>\s]+                                       # must be flollowed by non-tag non-space characters
                                   \s*                                             # optional white space!
                                   (</(a|em|span|strong|i|b)>\s*)*                 # optional closing inline tags with optional white space after each
                                   ((</(p|h[1-6]|li|dt|dd)>)|$))                   # end with a closing p, h1-6, li or the end of the string
                                   """,  # noqa: E501
    re.VERBOSE,
)
# Where a widont match may end: a closing block tag (the segment's end).
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
# Characters of a segment's tail tried first: a last word, its space and
# closing tags; longer tails are rare and fall back to the whole segment.
TAIL = 80


# An inline tag left open up to a closing block tag ("<a x</p>"): the
# pattern's first group may then run across a block's end. Only malformed
# HTML does this; the library's own function handles it.
INLINE_TAG_ACROSS_BLOCK = re.compile(r"</?(?:a|em|span|strong|i|b)[^>]*</(?:p|h[1-6]|li|dt|dd)>")


def widont(text: str, tail: int = TAIL) -> str:
    """typogrify's ``widont`` (a no-break space before each block's last word), exactly."""
    if INLINE_TAG_ACROSS_BLOCK.search(text):
        install_shortcuts()
        return LIBRARY["widont"](text)
    out: list[str] = []
    done = 0  # text[:done] is in out
    start = 0
    ends = [m.end() for m in BLOCK_END.finditer(text)] + [len(text)]
    for end in ends:
        # One match at most per segment, ending at its end: any match runs up
        # to a closing block tag (or $), and none can contain one (the
        # malformed case that could was sent to the library above).
        match = None
        if end - start > tail:
            match = WIDONT_FINDER.search(text, end - tail, end)
            if match is not None and match.start() == end - tail:
                match = None  # the tail may have cut the match's first tag short
        if match is None:
            match = WIDONT_FINDER.search(text, start, end)
        if match is not None:
            out.append(text[done:match.start()])
            out.append(f"{match.group(1)}&nbsp;{match.group(2)}")  # r"\1&nbsp;\2"
            done = match.end()
        start = end
    out.append(text[done:])
    return "".join(out)


# The library's own functions, kept when the shortcuts replace them (tests
# compare the two).
LIBRARY: dict[str, Any] = {}


def convert_quotes(text: str) -> str:
    """smartypants' ``convert_quotes``, skipped for text without a quote character."""
    # Every substitution in convert_quotes needs a ' or a " to match.
    if "'" not in text and '"' not in text:
        return text
    return LIBRARY["convert_quotes"](text)


def process_escapes(text: str) -> str:
    """smartypants' ``process_escapes``, skipped for text without a backslash."""
    if "\\" not in text:
        return text
    return LIBRARY["process_escapes"](text)


# smartypants filters that are a fixed sequence of literal re.sub calls.
LITERAL_FILTERS: dict[str, tuple[tuple[str, str], ...]] = {
    "convert_backticks": (("``", "&#8220;"), ("''", "&#8221;")),
    "convert_single_backticks": (("`", "&#8216;"), ("'", "&#8217;")),
    "convert_dashes": (("--", "&#8212;"),),
    "convert_dashes_oldschool": (("---", "&#8212;"), ("--", "&#8211;")),
    "convert_dashes_oldschool_inverted": (("---", "&#8211;"), ("--", "&#8212;")),
    "convert_ellipses": (("...", "&#8230;"), (". . .", "&#8230;")),
}


def literal_filter(replacements: tuple[tuple[str, str], ...]) -> Any:
    def replace_all(text: str) -> str:
        for old, new in replacements:
            text = text.replace(old, new)
        return text

    return replace_all


def install_shortcuts() -> None:
    """Put the exact shortcuts in place of typogrify's and smartypants' slow functions."""
    import smartypants
    import typogrify.filters

    if LIBRARY:
        return
    LIBRARY["widont"] = typogrify.filters.widont
    for name in ("convert_quotes", "process_escapes", *LITERAL_FILTERS):
        LIBRARY[name] = getattr(smartypants, name)
    # Module attributes: typogrify's applyfilters() and smartypants() look
    # these names up at each call.
    typogrify.filters.widont = widont
    smartypants.convert_quotes = convert_quotes
    smartypants.process_escapes = process_escapes
    for name, replacements in LITERAL_FILTERS.items():
        setattr(smartypants, name, literal_filter(replacements))


def typogrify_html(html: str, settings: dict[str, Any]) -> str:
    """Typogrify ``html`` with Pelican's TYPOGRIFY_* options, as Pelican's reader would."""
    import smartypants
    from typogrify.filters import typogrify

    install_shortcuts()
    dashes = {"oldschool": smartypants.Attr.set2, "oldschool_inverted": smartypants.Attr.set3}
    smartypants.Attr.default = dashes.get(settings.get("TYPOGRIFY_DASHES"), smartypants.Attr.set1)
    smartypants.Attr.default |= smartypants.Attr.w  # &quot; too, as Pelican sets it
    omit = dict.fromkeys(settings.get("TYPOGRIFY_OMIT_FILTERS", []), False)
    return typogrify(html, settings.get("TYPOGRIFY_IGNORE_TAGS", []), **omit)
