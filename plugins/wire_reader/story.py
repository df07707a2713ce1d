"""The data model of a parsed wire story: frozen dataclasses, no Pelican import.

This is the contract between the parser (``parse.py``), the tagger
(``auto_tagger``), the Pelican glue and ``make inspect``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "subheading", "list", "quote", "table"]
WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")


def count_words(text: str) -> int:
    """Words in plain text (hyphenated and apostrophe words count once)."""
    return len(WORD_RE.findall(text))


class WireError(Exception):
    """A file that cannot be read as a story; ``reason`` is one line for editors."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Dateline:
    """``MOSCOW, May 17 (Reuters) -`` as city, region, agency and day."""

    text: str  # as written, without the trailing dash
    city: str  # recased: "Moscow"; "" when the wire gave only "(Reuters) -"
    region: str | None = None  # "China" in "HARBIN, China (AP) —"
    agency: str | None = None  # "Reuters"
    day: str | None = None  # "May 17", as written
    reporter: str | None = None  # TASS's "/Корр. ТАСС Иван Петров/": the correspondent


@dataclass(frozen=True)
class Block:
    """One body block. ``text`` is plain text (no markup); ``html`` is safe HTML
    for the same text: everything escaped except the allowed inline subset."""

    kind: BlockKind
    text: str
    html: str
    items: tuple[str, ...] = ()  # list items (plain text) when kind == "list"
    items_html: tuple[str, ...] = ()
    ordered: bool = False  # a numbered list ("1. …", "2. …")


@dataclass(frozen=True)
class Removed:
    """A line that did not reach the body, and why (junk, credit, sign-off, ...)."""

    line: str
    reason: str


@dataclass(frozen=True)
class WireStory:
    filename: str
    title: str  # recased per headline_case, plain text
    headline_raw: str  # the headline as the wire sent it
    authors: tuple[str, ...]
    source: str | None  # agency / publisher
    dateline: Dateline | None
    date: dt.datetime | None  # naive unless the header gave an offset
    blocks: tuple[Block, ...]
    summary: str  # the lede, plain text
    slug: str
    credits: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()
    # Header overrides an editor wrote (lower-case keys): tags, category, status, lang, ...
    header: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind in ("paragraph", "quote"))

    @property
    def subheadings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "subheading")

    @property
    def body_text(self) -> str:
        """All body text the tagger may read (never byline, credits or junk)."""
        parts: list[str] = []
        for b in self.blocks:
            parts.extend(b.items if b.kind == "list" else (b.text,))
        return "\n\n".join(parts)

    @property
    def word_count(self) -> int:
        """Words a reader reads in the body (reading time is derived from it)."""
        return count_words(self.body_text)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of every field (header, dateline, file name included).

        Caches of what is derived from the whole story (its tags) are keyed
        on it. The reader takes it once, where the story is parsed, and
        Pelican's content cache keeps it: repr() of a story costs more than
        the lookup it keys.
        """
        return hashlib.sha256(repr(self).encode()).hexdigest()
