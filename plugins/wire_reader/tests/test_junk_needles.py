"""Junk patterns are tried through needles, with exactly the regex's verdicts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wire_reader.parse import (
    RULE_KEYS,
    _inside_hit,
    build_junk,
    classify_line,
    load_junk,
    needle_of,
)

EDITOR_PATTERNS = [
    r"said in kiev\b",
    r"\bphoto(?:graph)?s? by [A-Z]\w+",
    r"x(?:ab|cd)y",
    r"(?:foo)+bar",
    r"(?:foo)?bar",
    r"İstanbul bureau",
    r"a|b",
]


def unanchored(rules_data: dict[str, list[str]]) -> re.Pattern[str]:
    """What any_inside was before needles: every unanchored pattern in one search."""
    everything = [re.sub(r"\(\?P<\w+>", "(?:", p) for key in RULE_KEYS
                  for p in rules_data.get(key, [])]
    return re.compile("|".join(f"(?:{p})" for p in everything if not p.startswith("^")),
                      re.IGNORECASE)


@pytest.mark.parametrize("pattern, needle", [
    (r"content used with the permission of (?:[^,.;]{2,80})",
     "content used with the permission of "),
    (r"\bfor (?:RFA)'s [A-Za-z]+ service\b", "for rfa's "),
    (r"(?-i:\b(REUTERS|AFP|AP|EPA)/[A-Z][\w-]*)$", "/"),
    (r"x(?:ab|cd)y", "x"),
    (r"(?:foo)+bar", "foo"),
    (r"(?:foo)?bar", "bar"),
    (r"f\bo", "fo"),
    (r"İstanbul bureau", "stanbul bureau"),
    (r"a|b", None),
    (r"[ab]+", None),
])
def test_needle_is_a_literal_every_match_contains(pattern: str, needle: str | None) -> None:
    assert needle_of(pattern) == needle


PIECES = st.sampled_from([
    "used with ", "the ", "permission of ", "PERMISSION OF ", "Permiſſion of ", "content ",
    "for ", "RFA's ", "rfa's ", "Korean ", " service", "SERVICE", "REUTERS/", "AFP/",
    "Ivan Petrov", "said in ", "KİEV", "Kiev", "kıev", "photo", "PHOTOGRAPHS by ", "Anna",
    "foo", "bar", "xaby", "xcdy", "K", "İ", "ı", "ſ", "/", ", ", ".", ";", " ", "word",
    "’s", "é",
])
TEXTS = st.lists(PIECES, max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_bundled_rules_give_the_regex_verdict(text: str) -> None:
    import yaml
    from wire_reader.parse import JUNK_PATH

    data = yaml.safe_load(open(JUNK_PATH, encoding="utf-8"))
    assert _inside_hit(text, load_junk()) == bool(unanchored(data).search(text))


@pytest.mark.parametrize("patterns", [[p] for p in EDITOR_PATTERNS] + [EDITOR_PATTERNS])
@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_editor_rules_give_the_regex_verdict(patterns: list[str], text: str) -> None:
    data = {"junk": patterns}
    assert _inside_hit(text, build_junk(data)) == bool(unanchored(data).search(text))


@pytest.mark.parametrize("text", [
    "Used with permiſſion of Radio Free Asia.",  # long s: matches "s" under IGNORECASE
    "SAID IN KİEV on Monday",  # dotted capital I: lower() makes it two characters
    "said in kıev on Monday",  # dotless i
])
def test_letters_that_fold_apart_still_reach_the_pattern(text: str) -> None:
    rules = build_junk({"credits": [r"used with (the )?permission of (?:[^,.;]{2,80})"],
                        "junk": [r"said in kiev\b"]})
    assert classify_line(text, rules) is not None
