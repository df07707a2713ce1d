"""Typogrify, as Pelican's TYPOGRIFY would apply it, at a lower cost per story.

Typogrify was the costliest step of reading a story (about three quarters of
it). Most of that time went on regexes tried where they cannot match; its
filters are given exact shortcuts here; tests/test_typography.py checks each against the library's
own function on generated HTML, so the output is byte for byte what plain
typogrify writes:

- ``widont`` runs a regex at every character of the body, though a match can
  only end at a closing block tag (``</p>``, ``</h2>`` …) or at the end of the
  text. Each such segment has at most one match, at its tail, so the regex is
  tried on the tail first and on the whole segment only when the tail cannot
  decide.
- ``caps`` tries its pattern at every character; its leading ``\b`` keeps
  the regex engine from skipping ahead. A match always holds two capitals
  close together, so the pattern is tried only just before such a pair.
  ``initial_quotes`` likewise can only match at the start or at a "<", and
  ``amp`` only where an "&" follows a space.
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


# typogrify 2.1.0's caps pattern, verbatim (typogrify/filters.py).
CAP_FINDER = re.compile(
    r"""(
                            (\b[A-Z\d]*        # Group 2: Any amount of caps and digits
                            [A-Z]\d*[A-Z]      # A cap string much at least include two caps (but they can have digits between them)
                            [A-Z\d']*\b)       # Any amount of caps and digits or dumb apostsrophes
                            | (\b[A-Z]+\.\s?   # OR: Group 3: Some caps, followed by a '.' and an optional space
                            (?:[A-Z]+\.\s?)+)  # Followed by the same thing at least once more
                            (?:\s|\b|$))
                            """,  # noqa: E501
    re.VERBOSE,
)
# Every CAP_FINDER match holds one of these: two capitals with only digits
# between them (group 2), or "X." then an optional space and a capital
# (group 3). Unlike CAP_FINDER, whose leading \b defeats the regex engine's
# fast scan, this pattern starts with a character class, so finding the next
# candidate costs little.
CAP_CANDIDATE = re.compile(r"[A-Z](?:\d*[A-Z]|\.\s?[A-Z])")
SKIPPED_TAG = re.compile("<(/)?(?:kbd|script)[^>]*>", re.IGNORECASE)  # as in typogrify's caps


def _cap_wrapper(match: re.Match[str]) -> str:
    # typogrify's _cap_wrapper: a dotted run keeps its trailing space outside the span.
    if match.group(2):
        return f'<span class="caps">{match.group(2)}</span>'
    dotted = match.group(3)
    if dotted[-1] == " ":
        return f'<span class="caps">{dotted[:-1]}</span> '
    return f'<span class="caps">{dotted}</span>'


def _could_precede_a_cap_run(char: str) -> bool:
    # A superset of the characters a CAP_FINDER match holds before its first
    # candidate: capitals, digits, ' . and white space (any non-ASCII
    # character counts, as \d and \s take Unicode digits and spaces).
    return (not char.isascii() or char.isupper() or char.isdigit()
            or char in "'. \t\n\r\f\v\x1c\x1d\x1e\x1f")


def sub_caps(text: str) -> str:
    """``CAP_FINDER.sub(_cap_wrapper, text)``, trying the pattern only near candidates.

    A match must contain a candidate, and everything between its start and
    that candidate is a run of characters _could_precede_a_cap_run accepts; so
    the pattern is tried only at the run's positions before each candidate.
    """
    out: list[str] = []
    done = 0  # text[:done] is in out
    pos = 0  # no match starts in text[done:pos]
    while True:
        candidate = CAP_CANDIDATE.search(text, pos)
        if candidate is None:
            break
        at = candidate.start()
        start = at
        # Not below pos: no match starts before it (positions were tried or
        # cannot start one), so each position is tried once and the whole
        # text costs linear time, as the library's sub does.
        while start > pos and _could_precede_a_cap_run(text[start - 1]):
            start -= 1
        for tried in range(start, at + 1):
            match = CAP_FINDER.match(text, tried)
            if match is not None:
                out.append(text[done:tried])
                out.append(_cap_wrapper(match))
                done = pos = match.end()
                break
        else:
            pos = at + 1
    out.append(text[done:])
    return "".join(out)


def caps(text: str) -> str:
    """typogrify's ``caps`` (a span around runs of capitals), exactly, at less cost."""
    import smartypants

    result = []
    in_skipped_tag = False
    for kind, token in smartypants._tokenize(text):
        if kind == "tag":
            result.append(token)
            close_match = SKIPPED_TAG.match(token)
            in_skipped_tag = bool(close_match and close_match.group(1) is None)
        else:
            result.append(token if in_skipped_tag else sub_caps(token))
    return "".join(result)


# typogrify 2.1.0's amp pattern, verbatim: amp() changes nothing without a match.
AMP_FINDER = re.compile(r"(\s|&nbsp;)(&|&amp;|&\#38;)(\s|&nbsp;)")


def amp(text: str) -> str:
    """typogrify's ``amp``, skipped when no ampersand follows a space.

    The library applies AMP_FINDER to the text between tags; a match there is
    a match in the whole text (the pattern has no anchors), so without one in
    the whole text, nothing changes.
    """
    # A match has "&" right after white space or the ";" of "&nbsp;"; finding
    # the few "&" costs less than running AMP_FINDER over the whole text.
    at = text.find("&", 1)  # an "&" at 0 has nothing before it
    while at > 0 and not (text[at - 1].isspace() or text[at - 1] == ";"):
        at = text.find("&", at + 1)
    if at < 0:
        return text
    return LIBRARY["amp"](text)


# typogrify 2.1.0's initial_quotes pattern, verbatim.
QUOTE_FINDER = re.compile(
    r"""((<(p|h[1-6]|li|dt|dd)[^>]*>|^)              # start with an opening p, h1-6, li, dd, dt or the start of the string
                                  \s*                                          # optional white space!
                                  (<(a|em|span|strong|i|b)[^>]*>\s*)*)         # optional opening inline tags, with more optional white space for each.
                                  (("|&ldquo;|&\#8220;)|('|&lsquo;|&\#8216;))  # Find me a quote! (only need to find the left quotes and the primes)
                                                                               # double quotes are in group 7, singles in group 8
                                  """,  # noqa: E501
    re.VERBOSE,
)
QUOTES = ('"', "'", "&ldquo;", "&#8220;", "&lsquo;", "&#8216;")


def _quote_wrapper(match: re.Match[str]) -> str:
    if match.group(7):
        return f'{match.group(1)}<span class="dquo">{match.group(7)}</span>'
    return f'{match.group(1)}<span class="quo">{match.group(8)}</span>'


def initial_quotes(text: str) -> str:
    """typogrify's ``initial_quotes``, exactly, trying the pattern only where a match can start.

    A match starts at the text's start (``^``) or at a "<"; the library's
    ``sub`` tries every position.
    """
    if not any(quote in text for quote in QUOTES):
        return text
    out: list[str] = []
    done = 0
    starts = [0, *(i for i in _positions(text, "<") if i > 0)]
    for start in starts:
        if start < done:
            continue
        match = QUOTE_FINDER.match(text, start)
        if match is not None:
            out.append(text[done:start])
            out.append(_quote_wrapper(match))
            done = match.end()
    out.append(text[done:])
    return "".join(out)


def _positions(text: str, char: str) -> list[int]:
    found = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


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
    for name in ("widont", "caps", "amp", "initial_quotes"):
        LIBRARY[name] = getattr(typogrify.filters, name)
    for name in ("convert_quotes", "process_escapes", *LITERAL_FILTERS):
        LIBRARY[name] = getattr(smartypants, name)
    # Module attributes: typogrify's applyfilters() and smartypants() look
    # these names up at each call.
    typogrify.filters.widont = widont
    typogrify.filters.caps = caps
    typogrify.filters.amp = amp
    typogrify.filters.initial_quotes = initial_quotes
    smartypants.convert_quotes = convert_quotes
    smartypants.process_escapes = process_escapes
    for name, replacements in LITERAL_FILTERS.items():
        setattr(smartypants, name, literal_filter(replacements))


# Languages that quote «so»: typogrify knows only English quotes (“so”).
GUILLEMET_LANGUAGES = frozenset({"ru", "uk", "be", "kk"})


def quotes_for(html: str, lang: str | None) -> str:
    """Typogrified ``html`` with the quotes ``lang`` uses: «» for Russian and its
    neighbours. smartypants writes its curly quotes as entities; quotes the
    copy itself typed as characters are the writer's choice and stay."""
    if (lang or "").split("-")[0].lower() not in GUILLEMET_LANGUAGES:
        return html
    return html.replace("&#8220;", "&#171;").replace("&#8221;", "&#187;")


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
