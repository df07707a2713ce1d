"""Parse wire copy (plain text as agencies send it) into a ``WireStory``.

Pure: bytes or text in, frozen dataclasses out; never imports Pelican.
Every regular expression here is anchored or bounded so that hostile input
(a 1 MB single line, binary noise) stays linear in time.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import html
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from re import _constants as sre_constants  # the parsed form of a pattern (needle_of)
from re import _parser as sre_parse
from typing import Any
from urllib.parse import urlsplit

from .story import Block, Dateline, Removed, WireError, WireStory

DATA_DIR = Path(__file__).with_name("data")
JUNK_PATH = DATA_DIR / "junk.yaml"

KNOWN_KEYS = frozenset(
    (
        "title date author authors source tags category slug summary lang status dateline featured"
    ).split()
)
GUESS_SAMPLE = 65_536
BAD_BYTES_LIMIT = 64
MAX_BLOCKS = 5_000  # a single story never has this many paragraphs; bounds the time
MAX_TAGS = 5_000  # more tags than this in one block is not prose: shown as text
HEADLINE_MAX = 300  # longer than any real headline: the "headline" is really a paragraph
SUMMARY_MAX = 400
SLUG_MAX = 80
NO_DATE = "no date: add a 'Date: YYYY-MM-DD' header or name the file YYYY-MM-DD-slug.txt"

MAGIC = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "Windows executable"),
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# --------------------------------------------------------------------------- junk rules


@dataclass(frozen=True)
class JunkRules:
    """Compiled editor patterns from ``data/junk.yaml``."""

    signoffs: tuple[re.Pattern[str], ...]
    credits: tuple[re.Pattern[str], ...]
    junk: tuple[re.Pattern[str], ...]
    related: tuple[re.Pattern[str], ...]
    agencies: frozenset[str]  # lower-case
    aliases: dict[str, str]  # lower-case short name -> publisher name
    acronyms: frozenset[str]  # upper-case, as written
    # Desk labels ("UPDATE 2-", "REFILE-") stripped from the front of a headline.
    headline_prefixes: tuple[re.Pattern[str], ...] = ()
    # These reject most blocks before any single pattern runs: one match for
    # the anchored patterns, one search for the unanchored ones that have no
    # needle, and a substring test per needle for the rest (see needle_of).
    any_start: re.Pattern[str] = re.compile(r"(?!)")
    any_inside: re.Pattern[str] = re.compile(r"(?!)")
    needled: tuple[tuple[str, re.Pattern[str]], ...] = ()


def _compile_list(raw: object, key: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise ValueError(f"junk.yaml: {key!r} must be a list of strings")
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in raw)
    except re.error as err:
        raise ValueError(f"junk.yaml: bad pattern in {key!r}: {err}") from err


def _string_set(raw: object, key: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise ValueError(f"junk.yaml: {key!r} must be a list of strings")
    return raw


RULE_KEYS = ("signoffs", "credits", "junk", "related")


def _combine(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


def _literal_runs(items: Any) -> list[str]:
    """Strings of literal characters that every match of ``items`` contains."""
    runs: list[str] = []
    run = ""
    for op, arg in items:
        if op is sre_constants.LITERAL:
            run += chr(arg)
            continue
        if op is sre_constants.AT:  # zero width (\b, ^, $): neighbours stay adjacent
            continue
        runs.append(run)
        run = ""
        if op is sre_constants.SUBPATTERN:
            runs += _literal_runs(arg[-1])
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] >= 1:
            runs += _literal_runs(arg[2])
    runs.append(run)
    return [r for r in runs if r]


def needle_of(pattern: str) -> str | None:
    """The longest literal every match of ``pattern`` contains, lower-cased; ASCII only.

    ``needle in text.lower()`` is a C substring scan, ten times quicker than a
    case-insensitive regex search, and every editor pattern is tried on
    every paragraph. See ``may_contain`` for why only ASCII needles.
    """
    try:
        runs = _literal_runs(sre_parse.parse(pattern, re.IGNORECASE))
    except (re.error, TypeError, ValueError):
        return None
    pieces = [piece.lower() for run in runs for piece in NON_ASCII_RE.split(run) if piece]
    return max(pieces, key=len) if pieces else None


NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
# Under re.IGNORECASE these match an ASCII letter, yet str.lower() does not
# give that letter ("İ".lower() is "i̇"; "ı" and "ſ" stay as they are).
# Found by trying every code point against every ASCII character.
_FOLDS_APART = ("\u0130", "\u0131", "\u017f")


def may_contain(text: str, lowered: str, needle: str) -> bool:
    """False only when no case-insensitive match can hold ``needle`` (lower-case ASCII)."""
    if needle in lowered:
        return True
    return not text.isascii() and any(ch in text for ch in _FOLDS_APART)


def _aliases(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ValueError("junk.yaml: 'aliases' must map names to names")
    return {str(k).lower(): v for k, v in raw.items()}


def build_junk(data: dict[str, object]) -> JunkRules:
    """Validate and compile a junk-rules mapping (as loaded from YAML)."""
    if not isinstance(data, dict):
        raise ValueError("junk.yaml: top level must be a mapping")
    groups = {key: _compile_list(data.get(key, []), key) for key in RULE_KEYS}
    everything = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for key in RULE_KEYS for p in groups[key]]
    start = [p[1:] for p in everything if p.startswith("^")]
    inside = [(p, needle_of(p)) for p in everything if not p.startswith("^")]
    return JunkRules(
        signoffs=groups["signoffs"],
        credits=groups["credits"],
        junk=groups["junk"],
        related=groups["related"],
        agencies=frozenset(a.lower() for a in _string_set(data.get("agencies", []), "agencies")),
        aliases=_aliases(data.get("aliases", {})),
        acronyms=frozenset(a.upper() for a in _string_set(data.get("acronyms", []), "acronyms")),
        headline_prefixes=_compile_list(data.get("headline_prefixes", []), "headline_prefixes"),
        any_start=_combine(start),
        any_inside=_combine([p for p, needle in inside if needle is None]),
        needled=tuple((needle, re.compile(p, re.IGNORECASE)) for p, needle in inside
                      if needle is not None),
    )


@lru_cache(maxsize=8)
def _load_junk_cached(path: str) -> JunkRules:
    import yaml  # local: only needed once per process

    with open(path, encoding="utf-8") as handle:
        return build_junk(yaml.safe_load(handle) or {})


def load_junk(path: str | os.PathLike[str] | None = None) -> JunkRules:
    """Load and validate junk.yaml once per path (cached)."""
    return _load_junk_cached(os.fspath(path or JUNK_PATH))


# --------------------------------------------------------------------------- decoding


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data`` by its magic number, or None."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    return None


CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
TEXT_BYTES = bytes(b for b in range(256) if b not in CONTROL_BYTES)


def sniff_controls(sample: bytes) -> None:
    """Raise WireError when a sample has too many NUL or control bytes for text."""
    limit = max(8, len(sample) // 20)
    if sample.count(b"\x00") > limit:
        raise WireError("binary file (many NUL bytes), not wire text")
    if len(sample.translate(None, TEXT_BYTES)) > limit:
        raise WireError("binary file (many control characters), not wire text")


def _decode_bom(data: bytes) -> tuple[str, list[str]] | None:
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            warn = [] if "\ufffd" not in text else [f"invalid {codec} bytes replaced"]
            return text, warn
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/-be for Latin-script UTF-16 saved without a byte-order mark.

    Every other byte is then NUL and the rest are not: as bytes it looks
    binary ("many NUL bytes") though it is plain text.
    """
    sample = data[: GUESS_SAMPLE - GUESS_SAMPLE % 2]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and not even.count(0):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and not odd.count(0):
        return "utf-16-be"
    return None


def _isolated_bad_bytes(data: bytes, err_positions: list[int]) -> bool:
    """True when every bad byte sits between ASCII bytes, as cp1252 does in English."""
    for pos in err_positions:
        before = data[pos - 1] if pos > 0 else 0
        after = data[pos + 1] if pos + 1 < len(data) else 0
        if before >= 0x80 or after >= 0x80:
            return False
    return True


# Single-byte Cyrillic encodings read by _cyrillic_words_codec.
CYRILLIC_CODECS = ("cp1251", "koi8_r")
LETTER_RUN_RE = re.compile(r"[^\W\d_]+")


def _cyrillic_words_codec(data: bytes, bad: list[int]) -> str | None:
    """cp1251 or KOI8-R when the bad bytes form words in one of them, else None.

    A word typed in a single-byte Cyrillic encoding stands alone: its bytes
    are all invalid UTF-8 in the letter range (0xC0-0xFF), three or more in
    a row, with no ASCII letter touching them. A Latin-script word with
    accents ("crié", "Küçük", "jäääär") always has an ASCII letter next to
    an accented one. Of the two codecs, the one whose words are cased as
    words are (Путин, not оСРХМ) wins.
    """
    for position in bad:
        around = data[max(0, position - 1) : position + 2]
        if any(0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A for b in around):
            return None
    runs, start = [], 0
    for index in range(1, len(bad) + 1):
        if index == len(bad) or bad[index] != bad[index - 1] + 1:
            first, last = bad[start], bad[index - 1]
            if last - first >= 2 and all(b >= 0xC0 for b in data[first : last + 1]):
                runs.append(data[first : last + 1])
            start = index
    if not runs:
        return None
    joined = b" ".join(runs)
    cp1251, koi8 = (_real_word_letters(joined.decode(c, errors="replace")) for c in CYRILLIC_CODECS)
    # The two codecs swap upper and lower case, so an all-lower-case word in
    # one is an ALL-CAPS word (an acronym, ФСБ) in the other: only mixed-case
    # words (Путин) tell them apart. A tie goes to cp1251, by far the commoner.
    best, letters = ("koi8_r", koi8) if koi8 > cp1251 else ("cp1251", cp1251)
    return best if letters * 2 > sum(len(run) for run in runs) else None


def _real_word_letters(text: str) -> int:
    """Letters in words cased as words are (lower, UPPER or Title) and all Cyrillic."""
    return sum(
        len(word) for word in LETTER_RUN_RE.findall(text)
        if (word.islower() or word.isupper() or word.istitle())
        and all("\u0400" <= letter <= "\u04ff" for letter in word)
    )


def _legacy_bytes(codec: str) -> Callable[[UnicodeError], tuple[str, int]]:
    """A decode error handler: the invalid UTF-8 bytes read in ``codec``."""
    def handler(err: UnicodeError) -> tuple[str, int]:
        assert isinstance(err, UnicodeDecodeError)
        return err.object[err.start : err.end].decode(codec, errors="replace"), err.end
    return handler


for _codec in (*CYRILLIC_CODECS, "cp1250", "cp1257", "iso8859_2"):
    codecs.register_error(f"wire_{_codec}", _legacy_bytes(_codec))


def _bad_utf8_positions(data: bytes, limit: int) -> list[int]:
    positions: list[int] = []
    view = memoryview(data)
    start = 0
    while len(positions) < limit:
        try:
            codecs.utf_8_decode(view[start:], "strict", True)
            break
        except UnicodeDecodeError as err:
            positions.append(start + err.start)
            start = start + err.end
    return positions


def _cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, ... are unassigned in cp1252
        return bytes([byte]).decode("latin-1")


def _cp1252_errors(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return "".join(_cp1252_byte(b) for b in bad), err.end


codecs.register_error("wire_cp1252", _cp1252_errors)


# The Latin codepages a guess from a short sample takes for another (French as
# mac_latin2, Portuguese as iso8859_10, Polish as cp1257); among cp1252, cp1250
# and cp1257 the letters then decide (_vote). Other guesses (Romanian
# iso8859_16, Turkish cp1254) stand.
LATIN_GUESSES = frozenset({"cp1250", "cp1252", "cp1257", "latin_1", "iso8859_1", "iso8859_2",
                           "iso8859_10", "iso8859_15", "mac_latin2", "mac_roman", "cp850",
                           "cp852"})
# Per codepage, the characters its main languages use often, where the
# codepages read a byte differently: French, Spanish, Portuguese, Italian (and
# Spanish ¿ ¡); Polish, Czech, Romanian; Latvian, Lithuanian. A byte read with
# the wrong codepage mostly gives one rare in every language: French "à" as
# cp1250 is "ŕ", Czech "ř" as cp1252 is "ø", Polish "ł" as cp1252 is "³".
COMMON_LETTERS = {
    "cp1252": frozenset("àèìòêãõñœøæåÀÈÌÒÊÃÕÑŒØÆÅ¿¡"),
    "cp1250": frozenset("ąćęłńśźżčěřňťľşţăőűĄĆĘŁŃŚŹŻČĚŘŇŤĽŞŢĂŐŰ"),
    "cp1257": frozenset("āčēģīķļņšūžąęėįųĀČĒĢĪĶĻŅŠŪŽĄĘĖĮŲ"),
}
COMMON_LETTERS["iso8859_2"] = COMMON_LETTERS["cp1250"]  # the same letters, some elsewhere
# Stray high bytes in otherwise UTF-8 or ASCII text, or accented letters each
# between ASCII ones, are nearly always cp1252 ("Støre", "m³", "¥" in a file
# saved from Word): cp1250 needs this many more hits.
FEW_BYTES_MARGIN = 2


def _vote(readings: dict[str, str], guess: str = "cp1252", margin: int = 0) -> str:
    """The codepage whose reading gives most of its languages' common letters, from
    the same bytes read by each (equal lengths: one character per byte). Only
    where the readings differ counts (valid UTF-8 around stray bytes is read
    alike), and no letter beside a digit ("£5bn" is "Ł5bn" in cp1250). A tie
    keeps ``guess`` (else cp1252)."""
    texts = list(readings.values())
    scores = dict.fromkeys(readings, 0)
    for i, chars in enumerate(zip(*texts, strict=False)):
        if len(set(chars)) == 1 or _beside_digit(texts[0], i):
            continue
        for codec, char in zip(readings, chars, strict=True):
            scores[codec] += char in COMMON_LETTERS[codec]
    best = max(scores.values())
    leaders = [codec for codec, score in scores.items() if score == best]
    if len(leaders) > 1:  # the detector's guess, else Western copy, the commonest
        return guess if guess in leaders else "cp1252" if "cp1252" in leaders else leaders[0]
    # Another codepage must beat cp1252 by more than ``margin``, unless the
    # detector guessed it too.
    if leaders[0] not in ("cp1252", guess) and best <= scores.get("cp1252", 0) + margin:
        return "cp1252"
    return leaders[0]


def _beside_digit(text: str, i: int) -> bool:
    # ASCII digits only: "³" and "¹" (Polish "ł", "ą" read as cp1252) are digits to isdigit()
    return (i > 0 and text[i - 1] in ASCII_DIGITS) or (
        i + 1 < len(text) and text[i + 1] in ASCII_DIGITS)


ASCII_DIGITS = frozenset("0123456789")


def _guess_legacy(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # slow import, rarely needed

    # Guess from a sample so a 2 MB file costs no more than a 64 KB one.
    best = from_bytes(data[:GUESS_SAMPLE]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return data.decode("cp1252", errors="wire_cp1252"), "cp1252"
    if best.encoding in LATIN_GUESSES:
        sample = data[:GUESS_SAMPLE]
        # A Baltic codepage only when the guess was one: Czech "á" read as cp1257
        # is "į", and would vote Lithuanian.
        candidates = ("cp1252", "cp1250",
                      *((best.encoding,) if best.encoding in ("cp1257", "iso8859_2") else ()))
        codec = _vote({c: sample.decode(c, errors=f"wire_{c}") for c in candidates},
                      guess=best.encoding, margin=FEW_BYTES_MARGIN)
        errors = "wire_cp1252" if codec == "cp1252" else "replace"
        return data.decode(codec, errors=errors), codec
    try:
        return data.decode(best.encoding, errors="replace"), best.encoding
    except LookupError:
        return data.decode("cp1252", errors="wire_cp1252"), "cp1252"


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode wire bytes to text (BOM, strict UTF-8, then a guess), with warnings."""
    bom = _decode_bom(data)
    if bom is not None:
        return bom
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    bad = _bad_utf8_positions(data, BAD_BYTES_LIMIT)
    cyrillic = _cyrillic_words_codec(data, bad) if len(bad) < BAD_BYTES_LIMIT else None
    if cyrillic:
        # English copy with a few Russian names typed on a Windows or KOI8
        # machine: as cp1252 "Путин" would be published as "Ïóòèí".
        # Only those bytes: valid UTF-8 around them (curly quotes) stays as it is.
        return data.decode("utf-8", errors=f"wire_{cyrillic}"), [f"encoding guessed: {cyrillic}"]
    # A few stray high bytes in otherwise UTF-8/ASCII text are almost always
    # cp1252 (a pound sign pasted from Windows); decode just those bytes.
    few = len(bad) < 8
    if few or _isolated_bad_bytes(data, bad):  # accented Western text: cp1252
        sample = data[:GUESS_SAMPLE]
        legacy = _vote({c: sample.decode("utf-8", errors=f"wire_{c}")
                        for c in ("cp1252", "cp1250")}, margin=FEW_BYTES_MARGIN)
        codec = "utf-8" if few or len(bad) < BAD_BYTES_LIMIT else legacy
        return data.decode(codec, errors=f"wire_{legacy}"), [f"encoding guessed: {legacy}"]
    text, encoding = _guess_legacy(data)
    return text, [f"encoding guessed: {encoding}"]


CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ufeff\ufffe\uffff]")


def clean_controls(text: str) -> tuple[str, list[str]]:
    """Normalise newlines and tabs; strip a few control characters, reject many."""
    # Tabs to their tab stops, line by line: a table set with tabs keeps its columns.
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(8)
    count = len(CONTROL_RE.findall(text))
    if not count:
        return text, []
    if count > max(8, len(text) // 20):
        raise WireError("binary file (many control characters), not wire text")
    return CONTROL_RE.sub("", text), [f"removed {count} control character(s)"]


def read_wire(
    data: bytes,
    filename: str,
    *,
    headline_case: str = "title",
    max_bytes: int = 2_000_000,
    junk: JunkRules | None = None,
) -> WireStory:
    """Decode and parse one wire file; raise WireError with an editor-facing reason."""
    try:
        _check_size(len(data), max_bytes)
        kind = sniff_binary(data)
        if kind:
            raise WireError(f"binary file ({kind}), not wire text")
        if not data.strip():
            raise WireError("file is only whitespace" if data else "empty file")
        has_bom = any(data.startswith(bom) for bom, _codec in BOMS)
        utf16 = None if has_bom else _utf16_without_bom(data)
        if utf16:
            text = data.decode(utf16, errors="replace")
            warnings = [f"encoding guessed: {utf16} (no byte-order mark)"]
        else:
            if not has_bom:
                sniff_controls(data[:GUESS_SAMPLE])
            text, warnings = decode(data)
        story = parse(text, filename, headline_case=headline_case, junk=junk)
    except WireError:
        raise
    except Exception as err:  # a parser bug must not crash the build
        raise WireError(f"could not parse: {type(err).__name__}: {err}"[:200]) from err
    if warnings:
        story = _with_warnings(story, warnings)
    return story


def read_wire_file(
    path: str | os.PathLike[str], *, headline_case: str = "title", max_bytes: int = 2_000_000
) -> WireStory:
    """Read and parse one wire file; a file over ``max_bytes`` is refused unread."""
    found = os.stat(path)
    if _is_special(found.st_mode):
        # Opening a named pipe or a device would wait for a writer forever.
        raise WireError("not a regular file (a pipe, socket or device)")
    _check_size(found.st_size, max_bytes)
    with open(path, "rb") as handle:
        data = handle.read()
    return read_wire(data, os.path.basename(path), headline_case=headline_case, max_bytes=max_bytes)


# Letters only some Cyrillic alphabets have, for the language of a story with no Lang: header.
CYRILLIC_LANGUAGE_MARKS = (
    ("kk", frozenset("әғқңұһӘҒҚҢҰҺ")),
    ("uk", frozenset("їєґЇЄҐ")),
    ("be", frozenset("ўЎ")),
    ("mn", frozenset("өүӨҮ")),
    ("uk", frozenset("іІ")),
)


def script_language(text: str) -> str | None:
    """The language a story in Cyrillic is written in, from the letters only its
    alphabet has ("ru" when none); None for text mostly in another script.

    The page says so (``<html lang>``), so that a screen reader reads it in
    that language; the story's address is not affected (a Lang: header is).
    """
    sample = text[:4000]
    if CYRILLIC_RE.search(sample) is None:  # most copy: decided in C
        return None
    letters = sum(map(str.isalpha, sample))
    cyrillic = len(CYRILLIC_RE.findall(sample))
    if not letters or cyrillic <= letters / 2:
        return None
    found = set(sample)
    return next((lang for lang, marks in CYRILLIC_LANGUAGE_MARKS if found & marks), "ru")


# Where one block of an editor's HTML ends and the next begins.
HTML_BLOCK_RE = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|table|thead|tbody|tr|td|th"
    r"|figure|figcaption|section|article|aside|header|footer|hr|br)\b[^>]*>",
    re.IGNORECASE,
)


# Code samples and tables in an editor's note are not what the story is about.
NOT_PROSE_RE = re.compile(r"<(pre|table)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def story_from_html(
    filename: str, title: str, content_html: str, header: dict[str, str] | None = None
) -> WireStory:
    """A story an editor wrote in Markdown (its HTML), as the tagger reads a wire story.

    Each block's plain text is a paragraph (code samples and tables left
    out); a dateline opening the first one
    ("BEIJING, May 28 -") is read as on the wire. Bylines, credits and junk
    are not looked for: an editor's copy has none. ``header``: the editor's
    ``tags`` and ``category``, as a wire header gives them.
    """
    prose = NOT_PROSE_RE.sub("\n", content_html)
    paragraphs = [text for part in HTML_BLOCK_RE.split(prose) if (text := plain_text(part))]
    dateline = None
    if paragraphs and (found := parse_dateline(paragraphs[0])) is not None:
        dateline, paragraphs[0] = found
        paragraphs = [p for p in paragraphs if p]
    blocks = tuple(Block("paragraph", p, html.escape(p, quote=False)) for p in paragraphs)
    return WireStory(
        filename=filename,
        title=plain_text(title),
        headline_raw=title,
        authors=(),
        source=None,
        dateline=dateline,
        date=None,
        blocks=blocks,
        summary=paragraphs[0] if paragraphs else "",
        slug="",
        header=dict(header or {}),
    )


def _is_special(mode: int) -> bool:
    return any(test(mode) for test in (stat.S_ISFIFO, stat.S_ISSOCK, stat.S_ISCHR, stat.S_ISBLK))


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        found, limit = _amount(size), _amount(max_bytes)
        if found == limit:  # "2.0 MB, over the 2.0 MB limit" says nothing
            found, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
        raise WireError(f"file is {found}, over the {limit} limit (WIRE_MAX_BYTES)")


def _amount(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    return f"{size / 1e3:.1f} KB" if size >= 1000 else f"{size} bytes"


def _with_warnings(story: WireStory, first: list[str]) -> WireStory:
    from dataclasses import replace

    return replace(story, warnings=tuple(first) + story.warnings)


# --------------------------------------------------------------------------- header


KEY_LINE_RE = re.compile(r"^([A-Za-z][A-Za-z_-]{0,30}):[ \t]*(.*)$")


def parse_header(lines: list[str]) -> tuple[dict[str, str], int, list[str]]:
    """Read leading ``Key: value`` lines; return (header, lines used, warnings)."""
    block: list[tuple[str, str]] = []
    for line in lines:
        match = KEY_LINE_RE.match(line)
        if not match:
            break
        block.append((match.group(1).lower().replace("_", "-"), match.group(2).strip()))
    known = [key in KNOWN_KEYS for key, _ in block]
    if not any(known):
        return {}, 0, []  # "Putin: we will win" is a headline, not a header
    if len(block) == 1 and _is_colon_headline(*block[0], lines):
        return {}, 0, []  # "Source: Kremlin plans cabinet reshuffle" over the story
    blank_after = len(block) == len(lines) or not lines[len(block)].strip()
    if not blank_after or (not known[-1] and not _headline_follows(lines, len(block))):
        # Only the run of known keys counts; the rest may be a colon headline.
        block = block[: known.index(False)] if False in known else block
    header: dict[str, str] = {}
    warnings: list[str] = []
    for key, value in block:
        if key not in KNOWN_KEYS:
            warnings.append(f"unknown header key {key!r} ignored")
        header[key] = value
    return header, len(block), warnings


# Header keys a headline may open with ("Source: …", "Summary: …").
HEADLINE_KEYS = frozenset({"source", "summary"})


def _is_colon_headline(key: str, value: str, lines: list[str]) -> bool:
    """True when a lone "Source: …" or "Summary: …" line is the story's headline:
    the story's dateline comes right under it, so there is no other headline.

    A publisher's name ("Source: Radio Free Asia") and a summary written as a
    sentence ("Summary: The court jailed him.") stay header lines.
    """
    if key not in HEADLINE_KEYS or len(value.split()) < 3 or value.endswith((".", "!", "?")):
        return False
    if key == "source" and _names_an_agency(value):
        return False
    following = next((line for line in lines[1:20] if line.strip()), "")
    return parse_dateline(following.strip()) is not None


def _headline_follows(lines: list[str], start: int) -> bool:
    """True when the next text after a blank line is a lone headline-like line."""
    rest = [i for i in range(start, min(len(lines), start + 20)) if lines[i].strip()]
    if not rest:
        return False
    i = rest[0]
    alone = i + 1 >= len(lines) or not lines[i + 1].strip()
    return alone and _looks_like_headline(lines[i].strip())


# --------------------------------------------------------------------------- inline markup


TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})\b([^<>]{0,1000}?)(/?)>")
# A comment opener or a tag; the [^<>] run stops at the next "<", so a search is linear.
MARKUP_RE = re.compile("<!--|" + TAG_RE.pattern)
ALLOWED = {"em": "em", "i": "em", "b": "strong", "strong": "strong"}
WS_RE = re.compile(r"\s+")

# Element names, one home. A name here is only a candidate: see is_html_tag.
HTML_TAGS = frozenset(
    "a abbr acronym address area article aside audio b base basefont bdi bdo big blink "
    "blockquote body br button canvas caption center cite code col colgroup data datalist dd "
    "del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form "
    "frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd "
    "label legend li link main map mark marquee math menu meta meter nav nobr noembed noframes "
    "noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp "
    "script search section select slot small source span strike strong style sub summary sup "
    "svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video "
    "wbr".split()
)
# Between blocks or lines of a page: a space, so "One</p><p>two" is two words.
BREAK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
# Code or fallback text, never story text: removed with everything inside.
HIDDEN_TAGS = frozenset("script style noscript iframe".split())
HIDDEN_END_RE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in HIDDEN_TAGS}
# Element names taken for HTML even when written bare in capitals (<BR>, <FONT>).
# Bare capitals are how Reuters writes tickers, and many tickers are element
# names: in 12,866 Reuters-21578 stories every bare capitalised element name
# was a ticker (<DD> DuPont, <NAV>, <PRE>, <VAR>, <MARK>, <DATA>, <RT>, <UL>,
# <EM>) and every single letter was too (<I>, <B>, <P>, <S>, <U>). Only names
# old HTML wrote in capitals and not seen there as tickers are here. <P> stays
# a ticker (Phillips Petroleum): read as text, a stray paragraph tag costs
# two visible characters; read as HTML, a ticker would vanish from the story.
CAPS_HTML_TAGS = frozenset(
    "br hr font center div span table tbody script style noscript iframe blockquote".split()
)


def is_html_tag(closing: bool, name: str, attrs: str, self_closing: bool) -> bool:
    """True when a tag-shaped run is HTML, False when it is a ticker shown as text.

    Wire copy puts instrument codes in angle brackets (<GAZP.MM>, <SRD>, <.HSI>,
    <A.N>, <I.T.L. Industries>, <DD>), so a known element name alone is not
    enough: the way it is written must be HTML's too.
    """
    if name.lower() not in HTML_TAGS:
        return False  # <GAZP.MM>, <SRD>
    if attrs and not attrs[0].isspace():
        return False  # <A.N>, <DD.N>, <I.T.L. Industries>: a dotted code
    if attrs.strip():
        # <FONT FACE="Arial">, <a href=x> are HTML; <Video Shopping Mall Inc>
        # is a company and "x <p and q> y", "<section 301>" are words.
        return not closing and "=" in attrs
    if closing or self_closing or name.islower():
        return True  # no ticker is written </X>, <X/> or in lower case
    return name.lower() in CAPS_HTML_TAGS


# Where a comment or a hidden element starts.
HIDDEN_OPEN_RE = re.compile(r"<!--|<(script|style|noscript|iframe)\b[^<>]{0,1000}>", re.IGNORECASE)


def drop_hidden_markup(lines: list[str]) -> tuple[list[str], list[Removed]]:
    """Remove comments and script/style/noscript/iframe elements that span lines.

    Cut into paragraphs first, their code would become paragraphs; those on
    one line, or never closed, are left to render_inline.
    """
    text = "\n".join(lines)
    if "<" not in text:
        return lines, []
    out: list[str] = []
    removed: list[Removed] = []
    pos = 0  # text[:pos] is in out
    seen = 0  # end of the last element found: openers inside it are its text
    unclosed: set[str] = set()
    for match in HIDDEN_OPEN_RE.finditer(text):
        if match.start() < seen:
            continue
        opener = match.group(1).lower() if match.group(1) else "<!--"
        end = _closing_end(text, opener, match.end(), unclosed)
        if end is None:
            continue
        seen = end
        if text.find("\n", match.start(), end) < 0:
            continue
        out += [text[pos:match.start()], " "]
        removed.append(Removed(" ".join(text[match.start():end].split())[:200], "junk"))
        pos = end
    if not removed:
        return lines, []
    out.append(text[pos:])
    return "".join(out).split("\n"), removed


def _close_up_before_punctuation(out: list[tuple[str, str, str]], raw: str, pos: int) -> None:
    # "rates <script>…</script>." reads "rates." once the script is gone, not "rates ."
    if raw[pos:pos + 1] in (".", ",", ";", ":", "!", "?", ")"):
        kind, value, shown = out[-1]
        out[-1] = (kind, value.rstrip(), shown)


def _closing_end(raw: str, opener: str, start: int, unclosed: set[str]) -> int | None:
    """End of the comment or hidden element opened just before ``start``, or None.

    A closer that is not there once is not there later either: ``unclosed``
    remembers it, so a flood of openers costs one scan, not one each.
    """
    if opener in unclosed:
        return None
    if opener == "<!--":
        found = raw.find("-->", start)
        end = found + 3 if found >= 0 else None
    else:
        match = HIDDEN_END_RE[opener].search(raw, start)
        end = match.end() if match else None
    if end is None:
        unclosed.add(opener)
    return end


def _tokens(raw: str) -> list[tuple[str, str, str]]:
    """Split into (kind, value, shown if unbalanced); kind is text, open or close.

    open/close are em/strong candidates; every other HTML tag becomes nothing
    or a space (hidden elements and comments vanish with what is inside);
    tickers stay in the text.
    """
    out: list[tuple[str, str, str]] = []
    pos = 0
    unclosed: set[str] = set()
    match = MARKUP_RE.search(raw)
    while match:
        start, end = match.span()
        if match.group(0) == "<!--":
            out.append(("text", raw[pos:start], ""))
            pos = _closing_end(raw, "<!--", end, unclosed) or end
            _close_up_before_punctuation(out, raw, pos)
        else:
            closing, name, attrs, self_closing = match.group(1, 2, 3, 4)
            lower = name.lower()
            html_tag = is_html_tag(bool(closing), name, attrs, bool(self_closing))
            allowed = ALLOWED.get(lower)
            if allowed and not self_closing and (not attrs or attrs[0].isspace()):
                out.append(("text", raw[pos:start], ""))
                # a lone <I> or <B> is a ticker and shows; a lone <em> is an artefact
                out.append(("close" if closing else "open", allowed, "" if html_tag else match[0]))
                pos = end
            elif html_tag:
                out.append(("text", raw[pos:start] + (" " if lower in BREAK_TAGS else ""), ""))
                pos = end
                if lower in HIDDEN_TAGS and not closing and not self_closing:
                    pos = _closing_end(raw, lower, end, unclosed) or end
                _close_up_before_punctuation(out, raw, pos)
        match = MARKUP_RE.search(raw, max(pos, end))
    out.append(("text", raw[pos:], ""))
    return out


def _balanced(tokens: list[tuple[str, str, str]]) -> set[int]:
    """Indexes of allowed tags that open and close properly."""
    stack: list[int] = []
    good: set[int] = set()
    for i, (kind, name, _) in enumerate(tokens):
        if kind == "open":
            stack.append(i)
        elif kind == "close" and stack and tokens[stack[-1]][1] == name:
            good.update((stack.pop(), i))
    return good


@lru_cache(maxsize=512)  # junk checks and rendering both need each block
def render_inline(raw: str) -> tuple[str, str]:
    """Return (plain text, safe HTML): entities decoded, HTML tags removed, only
    balanced <em>/<strong> kept as markup, tickers kept as text, web addresses
    (bare or in angle brackets) made links."""
    if "<" not in raw and "&" not in raw and "://" not in raw:  # most wire copy
        text = " ".join(raw.split())
        return text, html.escape(text, quote=False)
    tokens = _tokens(raw) if raw.count("<") <= MAX_TAGS else [("text", raw, "")]
    good = _balanced(tokens)
    text_parts: list[str] = []
    html_parts: list[str] = []
    for i, (kind, value, shown) in enumerate(tokens):
        if i in good:
            html_parts.append(f"<{'/' if kind == 'close' else ''}{value}>")
            continue
        plain = html.unescape(value) if kind == "text" else shown
        if "://" in plain:
            plain = BRACKETED_ADDRESS_RE.sub(r"\1", plain)
            text_parts.append(plain)
            html_parts.append(link_addresses(plain, shorten=False))
            continue
        text_parts.append(plain)
        html_parts.append(html.escape(plain, quote=False))
    return " ".join("".join(text_parts).split()), " ".join("".join(html_parts).split())


# A web address as wire copy writes one: <https://…> (its brackets dropped), or bare.
# It ends before a quote of any kind, an ideographic full stop, or end punctuation;
# a closing bracket it opened stays in it ("…/Path_(disambiguation)").
ADDRESS_CHARS = r"[^\s<>\"'`‘’“”«»。、]"
BRACKETED_ADDRESS_RE = re.compile(rf"<(https?://{ADDRESS_CHARS}+)>")
ADDRESS_RE = re.compile(rf"\bhttps?://{ADDRESS_CHARS}+")
TRAILING_PUNCTUATION = ".,;:!?"


def _address_end(address: str) -> int:
    """Where an address found in text ends: end punctuation and a closing
    bracket it did not open are the sentence's ("(see https://x.example/a)")."""
    end = len(address)
    while end:
        last = address[end - 1]
        if last in TRAILING_PUNCTUATION:
            end -= 1
        elif last in ")]" and address.count("(" if last == ")" else "[", 0, end) < \
                address.count(last, 0, end):
            end -= 1
        else:
            break
    return end


def _host(address: str) -> str | None:
    try:
        return urlsplit(address).hostname  # "bbc.co.uk@evil.example" is evil.example
    except ValueError:  # "https://[not-an-ip": no host to show
        return None


def link_addresses(text: str, *, shorten: bool = True) -> str:
    """Safe HTML for plain ``text``, its http(s) addresses made links.

    ``shorten``: a link shows its host ("news.example.org") rather than the
    whole address, as a credit line names where a story came from.
    """
    parts: list[str] = []
    pos = 0
    for match in ADDRESS_RE.finditer(text):
        address = match.group()[:_address_end(match.group())]
        if not address.partition("://")[2]:
            continue
        shown = (_host(address) or address) if shorten else address
        parts += [html.escape(text[pos:match.start()], quote=False),
                  f'<a href="{html.escape(address)}">{html.escape(shown, quote=False)}</a>']
        pos = match.start() + len(address)
    parts.append(html.escape(text[pos:], quote=False))
    return "".join(parts)


def is_markup_only(raw: str) -> bool:
    """True when a block is markup with no text left (an image wrapper, an embed, a script)."""
    return "<" in raw and not render_inline(raw)[0]


def plain_text(raw: str) -> str:
    """Plain text of a raw line: entities decoded, HTML tags removed, tickers kept."""
    return render_inline(raw)[0]


# --------------------------------------------------------------------------- headline


WORD_RE = re.compile(r"<[^<>\s]{1,20}>|[^\s]+")
DOTTED_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
TICKER_RE = re.compile(r"<[^<>]{0,20}>")
SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to upon vs via with".split()
    # Russian prepositions and conjunctions stay lower-case in a headline too
    + "в во на с со к ко о об обо от до по за из у и а но для при без над под про через".split()
)
# Runs of letters in any script ("ПУТИН:" -> "Путин:", "WEST-GERMAN" -> "West-German").
LETTER_SPLIT_RE = re.compile(r"([^\W\d_](?:[^\W\d_]|['’])*)")


def is_all_caps(text: str) -> bool:
    """True when the cased letters (outside <TICKERS>) are nearly all upper case."""
    if "<" in text:
        text = TICKER_RE.sub("", text)
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    return upper + lower >= 2 and upper >= 0.9 * (upper + lower)


# "NATO'S", "TASS’S": an acronym's possessive, recased "NATO's".
POSSESSIVE_S_RE = re.compile(r"(?<=[A-Z0-9.])(['’])S\b")
NAMED_POSSESSIVE_RE = re.compile(r"(['’])S\b")


def _is_acronym(word: str, acronyms: frozenset[str]) -> bool:
    core = word.strip("\"'“”‘’()[],;:!?")
    if core.startswith("<") and core.endswith(">"):
        return True
    if core.upper() in acronyms or POSSESSIVE_S_RE.sub("", core).upper() in acronyms:
        return True
    # dotted initials (U.S., E.F.) read as acronyms
    return "." in core and bool(DOTTED_RE.fullmatch(core))


def _cap_word(word: str) -> str:
    """Capitalise each letter run after a hyphen or slash: 'WEST-GERMAN' -> 'West-German'."""

    def cap(match: re.Match[str]) -> str:
        part = match.group(1)
        # "Cost-of-Living", "Stratford-upon-Avon"; not after a quote ("\"The End\"")
        if match.start() > 0 and lowered[match.start() - 1] in "-/" and part in SMALL_WORDS:
            return part
        return part[0].upper() + part[1:].lower()

    if word.isalpha():
        return _scottish(word.capitalize())
    lowered = word.lower()
    if lowered[:1].isdigit():  # 1ST, 4TH, 10-K stay lower-case
        return lowered
    return _scottish(LETTER_SPLIT_RE.sub(cap, lowered))


# "MCDONALD'S" -> "McDonald's". Only Mc: Mac is as often a plain word (Machine, Macro).
MC_RE = re.compile(r"\bMc([a-z])(?=[a-z])")


def _scottish(word: str) -> str:
    return MC_RE.sub(lambda m: "Mc" + m.group(1).upper(), word)


def _recase_word(word: str, index: int, last: int, mode: str, acronyms: frozenset[str]) -> str:
    if _is_acronym(word, acronyms):
        if word.startswith("<"):
            return word
        return POSSESSIVE_S_RE.sub(lambda m: m.group(1) + "s", word.strip())
    if mode == "sentence":
        return _cap_word(word) if index == 0 else word.lower()
    core = word.lower().strip("\"'“”‘’()")
    if 0 < index < last and core in SMALL_WORDS:
        return word.lower()
    return _cap_word(word)


def strip_desk_labels(headline: str, prefixes: Iterable[re.Pattern[str]]) -> str:
    """The headline without the desk's labels in front ("CORRECTED-UPDATE 1-Mongolia…").

    Labels stacked one after the other all go; a headline that would be left
    empty is kept whole.
    """
    prefixes = tuple(prefixes)
    text = headline
    while True:
        match = next((m for m in (p.match(text) for p in prefixes) if m and m.end()), None)
        if match is None:
            break
        text = text[match.end():].lstrip()
    return text if text else headline


def recase_headline(
    text: str,
    mode: str,
    acronyms: frozenset[str] | None = None,
    spellings: Callable[[set[str], bool], dict[str, str]] | None = None,
) -> str:
    """Recase an ALL-CAPS headline (title|sentence|keep); mixed case is kept.

    ``spellings`` gives, for the headline's words, how the story's own text
    spells those it writes with capitals inside ("CBT", "USAir": see
    body_spellings); a headline word the story spells so keeps that spelling.
    """
    if mode not in ("title", "sentence", "keep"):
        raise WireError(f"unknown headline case {mode!r}: use title, sentence or keep")
    text = WS_RE.sub(" ", text).strip()
    if mode == "keep" or not is_all_caps(text):
        return text
    acr = load_junk().acronyms if acronyms is None else acronyms
    if mode == "title" and _mostly_cyrillic(text):
        mode = "sentence"  # a Russian headline is written in sentence case
    if "<" in text:
        found = list(WORD_RE.finditer(text))
        words = [m.group() for m in found]
        # A ticker is a word of its own ("<CNG>UNIT" is "<CNG> Unit"), but
        # punctuation after it stays close: "<TLCI>, STAFF".
        gaps = [""] + [text[a.end():b.start()] or ("" if not b.group()[0].isalnum() else " ")
                       for a, b in zip(found, found[1:], strict=False)]
    else:  # words one space apart (the text's spaces are normalised above)
        words = text.split(" ")
        gaps = [""] + [" "] * (len(words) - 1)
    cores = [_core(piece) for word in words
             for piece in (GLUED_TICKER_RE.split(word) if "<" in word else (word,))
             if piece and not piece.startswith("<")]
    cores += [_core(part) for core in cores if "/" in core or "-" in core
              for part in JOINED_RE.split(core)[::2] if part]
    # Title case capitalises every word: only inner capitals ("USAir") and
    # one-letter names ("Class A") are asked for; sentence case wants names too.
    spelt = spellings(set(cores) | _letter_pairs(cores), mode == "sentence") \
        if spellings is not None else {}
    if mode == "title" and spellings is not None:
        # "KIM JONG UN": a two-letter listed acronym the story writes as the end
        # of a name ("Jong Un"). Longer ones spelt so ("Unilever Plc", "Opec")
        # are house style: the list wins.
        pairs_listed = {f"{before} {core}": core
                        for before, core in zip(cores, cores[1:], strict=False)
                        if core in acr and len(core) == 2 and len(before) > 1
                        and before not in acr}
        named = spellings(set(pairs_listed), True) if pairs_listed else {}
        # Only there, after "Jong": "KIM JONG UN SAYS UN SANCTIONS …" keeps its UN.
        spelt = {**spelt, **{pair: found for pair, found in named.items()
                             if found[:1].isupper() and found.split(" ")[1][1:].islower()}}
    out: list[str] = []
    pairs = any(" " in key for key in spelt)
    for i, word in enumerate(words):
        pair = f"{_core(words[i - 1])} {_core(word)}" if i and pairs else ""
        if pair in spelt:  # "ВАН И" -> "Ван И": a name's initial, not the conjunction
            named = word.replace(_core(word), spelt[pair].split(" ")[1])
            out.append(NAMED_POSSESSIVE_RE.sub(r"\1s", named))  # "Un's", not "Un'S"
            continue
        out.append(_recase_glued(word, i, len(words) - 1, mode, acr, spelt))
    return "".join(gap + (word.lower() if not gap and word in ("'S", "’S") else word)
                   for gap, word in zip(gaps, out, strict=True))


def _core(word: str) -> str:
    core = word.strip(SPELLING_EDGE)
    return POSSESSIVE_S_RE.sub("", core) if core.endswith("S") else core


def _letter_pairs(cores: list[str]) -> set[str]:
    """"ВАН И": a word and the one-letter word after it, looked for as a pair."""
    return {f"{a} {b}" for a, b in zip(cores, cores[1:], strict=False)
            if len(b) == 1 and b.isalpha() and len(a) > 1}


CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def _mostly_cyrillic(text: str) -> bool:
    if CYRILLIC_RE.search(text) is None:
        return False
    letters = [c for c in text if c.isalpha()]
    return sum("\u0400" <= c <= "\u04ff" for c in letters) > len(letters) / 2


def _recase_glued(
    word: str, index: int, last: int, mode: str, acronyms: frozenset[str], spelt: dict[str, str]
) -> str:
    # "STAR<LCE>", "NABISCO<RJR>TO": a ticker glued to words stays as it is.
    pieces = GLUED_TICKER_RE.split(word) if "<" in word else [word]
    if len(pieces) > 1 and not TICKER_RE.fullmatch(word):
        return "".join(
            piece if TICKER_RE.fullmatch(piece)
            else _recase_glued(piece, index, last, mode, acronyms, spelt) if piece else ""
            for piece in pieces)
    if (("/" in word or "-" in word) and not word.startswith("<")
            and not _is_acronym(word, acronyms) and _core(word) not in spelt):
        parts = JOINED_RE.split(word)
        # "TECHNOLOGY/IBM'S", "NATO-RUSSIA": an acronym, or a word the story spells
        # its own way, keeps that spelling inside a joined word.
        if len(parts) > 1 and any(
                _is_acronym(part, acronyms) or _core(part) in spelt for part in parts[::2]):
            return "".join(
                part if i % 2 else
                _recase_glued(part, index if i == 0 else 1, last, mode, acronyms, spelt)
                for i, part in enumerate(parts))
    if not spelt:
        return _recase_word(word, index, last, mode, acronyms)
    core = word.strip(SPELLING_EDGE)
    found = spelt.get(POSSESSIVE_S_RE.sub("", core))
    if found is not None and mode == "title" and found[1:] == found[1:].lower():
        found = None  # title case capitalises it anyway ("Dallas-Based", as every word)
    if found is not None and (index == 0 or mode == "title"):
        found = found[0].upper() + found[1:]  # "end-May" in a sentence, "End-May" up top
    if found is not None and not _is_acronym(word, acronyms):
        start = word.index(core)
        tail = word[start + len(core):]
        if core != POSSESSIVE_S_RE.sub("", core):
            tail = core[len(found):].replace("S", "s") + tail
        return word[:start] + found + tail
    return _recase_word(word, index, last, mode, acronyms)


GLUED_TICKER_RE = re.compile(r"(<[^<>\s]{1,20}>)")
JOINED_RE = re.compile(r"([/-])")  # "TECHNOLOGY/IBM", "NATO-RUSSIA"
SPELLING_EDGE = "\"'“”‘’()[],;:!?."


def body_spellings(
    blocks: Iterable[Block], words: Iterable[str], names: bool = False,
    known: Iterable[str] = (),
) -> dict[str, str]:
    """How the story's text writes ``words`` (a headline's, in capitals) where
    it writes them with a capital after the first letter ("CBT", "USAir"),
    keyed by their capitals ("USAIR" -> "USAir").

    An ALL-CAPS headline loses that spelling ("Cbt Wheat Futures"); its own
    story gives it back. A paragraph written all in capitals (a price table,
    a shouted note) tells nothing, nor does a word in capitals beside another
    ("PORK LOINS"); the dateline is gone by then. Only the headline's words
    are looked for, with plain substring searches: this runs on nearly every
    story of a wire that sends its headlines in capitals. ``known`` are names
    the story gives outside its text (names mode), such as its dateline's city ("Москва"
    for "… пройдет в МОСКВЕ"): they count as written inside a sentence.
    """
    # Small words ("to", "in") are never spelt otherwise, and are everywhere;
    # a one-letter word is looked for only after the word before it ("ВАН И").
    wanted = {low: word.upper() for word in words
              if (len(word) >= 2 and (low := word.lower()) not in SMALL_WORDS)
              or " " in word}
    body = "\n".join(text for block in blocks for text in block.items or (block.text,))
    if known and names:  # after a mark that opens no sentence, so each reads as a name
        body += "\n" + " ".join(f"· {name}" for name in known if name)
    lowered = body.lower()
    if len(lowered) != len(body):  # a letter whose lower case is longer ("İ"): no spelling
        return {}
    seen: dict[str, dict[str, int]] = {}
    inner: set[str] = set()  # keys the story spells with a capital inside, or as a name

    def key_shouted(text: str, start: int, end: int, all_caps: bool) -> bool:
        stop = text.find("\n", end)
        paragraph = text[text.rfind("\n", 0, start) + 1:stop if stop >= 0 else None]
        return is_all_caps(paragraph) or (all_caps and _caps_beside(text, start, end))

    for low, key in wanted.items():
        # Counted in C first: a word the story writes only in plain forms
        # ("wheat", "Wheat") has no spelling to give, and most have none.
        plain = body.count(low) + (0 if names or " " in low else body.count(low.capitalize()))
        if lowered.count(low) == plain:
            continue
        start = lowered.find(low)
        while start >= 0:
            end = start + len(low)
            if not (start and body[start - 1].isalnum()) and \
                    not (end < len(body) and body[end].isalnum()):
                word = body[start:end]
                if word[1:] == low[1:]:  # "wheat", or "Wheat"
                    if word[:1] != low[:1] and (names or " " in low):
                        if _opens_sentence(body, start):
                            word = ""  # "Talks resumed.": a capital any word takes there
                        else:
                            inner.add(key)  # "Пекине", "Ван И" inside a sentence: a name
                elif key_shouted(body, start, end, word == key):
                    word = ""  # a paragraph in capitals, or "PORK LOINS": says nothing
                else:
                    inner.add(key)  # a capital inside: "CBT", "USAir"
                if word:  # "wheat" counts against the others
                    counts = seen.setdefault(key, {})
                    counts[word] = counts.get(word, 0) + 1
            start = lowered.find(low, end)
    if names:
        _add_declined_names(body, lowered, wanted, seen, inner)
    found: dict[str, str] = {}
    for key in inner:
        spellings = seen[key]
        # The spelling the story uses most ("J.C. PEnney" once is a typo beside
        # "Penney" twice); mixed case over capitals ("USAir" over "USAIR").
        best = max(spellings, key=lambda w: (spellings[w], w != key, w))
        if best != best.lower():  # a capital somewhere: a name's or an acronym's
            found[key] = best
    return found


CAPS_WORD_BEFORE_RE = re.compile(r"(?:^|\W)[A-ZА-ЯЁ]{2,}[^\w<>]{1,3}$")
CAPS_WORD_AFTER_RE = re.compile(r"^[^\w<>]{1,3}[A-ZА-ЯЁ]{2,}(?:\W|$)")


STEM_MIN = 4  # letters: shorter Russian words are not matched by their stem


def _add_declined_names(body: str, lowered: str, wanted: dict[str, str],
                        seen: dict[str, dict[str, int]], inner: set[str]) -> None:
    """A Russian name the headline declines otherwise than the story ("В ПЕКИН",
    "в Пекине"): its stem (the word less its last two letters) capitalised
    inside a sentence of the story keeps it capitalised."""
    for low, key in wanted.items():
        if key in inner or " " in low or CYRILLIC_RE.match(low) is None:
            continue
        stem = low[:max(STEM_MIN, len(low) - 2)]
        if len(stem) < STEM_MIN or len(stem) > len(low):
            continue
        start = lowered.find(stem)
        while start >= 0:
            if not (start and body[start - 1].isalnum()) and body[start].isupper() and \
                    not _opens_sentence(body, start):
                inner.add(key)
                counts = seen.setdefault(key, {})
                # The stem as the story writes it ("Нью-Йор"), the headline's ending.
                written = body[start:start + len(stem)]
                spelt = written + low[len(stem):] if body[start + 1:start + 2].islower() else key
                counts[spelt] = counts.get(spelt, 0) + 1
                break
            start = lowered.find(stem, start + 1)


SENTENCE_END = frozenset(".!?:…")
OPENING_MARKS = frozenset(" \t\"'“‘«(—–-")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence or a paragraph."""
    at = start - 1
    while at >= 0 and text[at] in OPENING_MARKS:
        at -= 1
    return at < 0 or text[at] == "\n" or text[at] in SENTENCE_END


def _caps_beside(text: str, start: int, end: int) -> bool:
    """Whether a word in capitals has another right beside it ("PORK LOINS")."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    return bool(CAPS_WORD_BEFORE_RE.search(before) or CAPS_WORD_AFTER_RE.match(after))


# --------------------------------------------------------------------------- byline


BYLINE_RE = re.compile(r"^by[ \t]+(\S.{0,150})$", re.IGNORECASE)
NAME_RE = re.compile(r"^[A-ZА-ЯЁ][\w.'’-]*(?: [\w.'’-]+){0,4}$")  # Latin or Cyrillic capital
AND_RE = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)


NAME_PARTICLES = frozenset("al bin da de del der di du el la le van von y".split())


# "By Monday, Reuters" and "By Tuesday morning, AP" say when, not who. A month
# alone says when too ("By March, Reuters"); with a surname it is a name ("May Lee").
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow "
    "yesterday now then morning afternoon evening night noon midnight dawn dusk daybreak "
    "nightfall next last this week weekend month year end early late mid christmas easter "
    "january february march april may june july august september october november "
    "december".split()
)


def _is_name(name: str) -> bool:
    """Names are short and capitalised ("Ann Lee", "Ludwig van Beethoven")."""
    words = name.split()
    return (
        0 < len(words) <= 6
        and len(name) <= 60
        and all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words)
        and not _says_when(name)
    )


def _says_when(name: str) -> bool:
    words = name.split()
    return bool(words) and all(w.lower().strip(".,") in TIME_WORDS for w in words)


def _recase_name(name: str) -> str:
    return " ".join(_cap_word(w) for w in name.split()) if is_all_caps(name) else name


def _is_agency(name: str, agencies: frozenset[str]) -> bool:
    return name.strip().lower() in agencies


def split_byline(
    line: str, agencies: frozenset[str] | None = None
) -> tuple[tuple[str, ...], str | None] | None:
    """Split a byline into (authors, source); None when the line is not a byline."""
    agencies = load_junk().agencies if agencies is None else agencies
    line = WS_RE.sub(" ", line).strip()
    match = BYLINE_RE.match(line)
    if match:
        return _split_names(match.group(1), agencies, by_form=True)
    if "," in line and len(line) <= 80:  # "NAME, Reuters"
        name, _, agency = line.rpartition(",")
        # One word in capitals is a city ("MOSCOW, Reuters", "МОСКВА, ТАСС"),
        # not a reporter ("Петров, ТАСС").
        if _is_agency(agency, agencies) and _says_when(name):
            return (), agency.strip()  # "Tomorrow, Reuters": the agency's line, no reporter
        if (_is_agency(agency, agencies) and NAME_RE.match(name.strip())
                and (len(name.split()) > 1 or not name.strip().isupper())):
            return (_recase_name(name.strip()),), agency.strip()
    return None


def _split_names(
    rest: str, agencies: frozenset[str], by_form: bool
) -> tuple[tuple[str, ...], str | None] | None:
    source: str | None = None
    if "|" in rest:
        rest, _, source = rest.partition("|")
        source = source.strip() or None
    if source is None and " for " in rest:
        rest, source = _outlet_after_for(rest, agencies)
    if source is None and "," not in rest:
        rest, source = _trailing_agency(rest, agencies)
        if source and not rest:
            return (), source  # "By The Associated Press": the agency, no reporter named
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    if len(parts) > 1 and (
        _is_agency(parts[-1], agencies)
        # "Name, Outlet" or "Name, staff writer": a few words, not the rest
        # of a sentence ("By Monday, Russia had agreed to the deal.")
        or (len(parts) == 2 and not AND_RE.search(rest) and len(parts[-1].split()) <= 4
            and not parts[-1].endswith("."))
    ):
        source = source or parts.pop()
    names: list[str] = []
    for part in parts:
        names.extend(n.strip() for n in AND_RE.split(part) if n.strip())
    if names and source and _is_agency(source, agencies) and all(map(_says_when, names)):
        return (), source  # "By Monday, Reuters": the agency's line, no reporter named
    if not names or not all(_is_name(n) for n in names):
        return None
    if any(n.endswith(".") and not re.search(r"\b[A-Z]\.$", n) for n in names):
        return None  # "By the end of the day." is a sentence
    return tuple(_recase_name(n) for n in names), source


AGENCY_WORDS_MAX = 3  # "Associated Press", "Agence France Presse"


def _outlet_after_for(rest: str, agencies: frozenset[str]) -> tuple[str, str | None]:
    """("Shohret Hoshur", "RFA") for "Shohret Hoshur for RFA Uyghur": RFA names
    the service a reporter files for after the name."""
    names, _, outlet = rest.partition(" for ")
    words = outlet.split()
    for count in range(min(AGENCY_WORDS_MAX, len(words)), 0, -1):
        agency = " ".join(words[:count])
        if _is_agency(agency, agencies):
            # "for RFA Uyghur and Joshua Lipes": a second reporter after the
            # service ("for RFA Lao and Khmer services" names none).
            _service, *others = AND_RE.split(" ".join(words[count:]))
            if others and all(_is_reporter_name(o, agencies) for o in others):
                names = " and ".join([names.strip(), *others])
            return names.strip(), agency
    return rest, None


def _is_reporter_name(name: str, agencies: frozenset[str]) -> bool:
    """A person's full name after "for RFA Uyghur and": two words or more, not
    another service ("Cantonese", "Khmer Services", "RFA Mandarin")."""
    words = name.split()
    return (len(words) >= 2 and _is_name(name) and not _is_agency(words[0], agencies)
            and not _names_an_agency(name)
            and words[-1].lower() not in ("service", "services", "staff", "desk"))


def _trailing_agency(rest: str, agencies: frozenset[str]) -> tuple[str, str | None]:
    """("VLADIMIR ISACHENKOV", "Associated Press") for "VLADIMIR ISACHENKOV Associated
    Press": AP sets its name after the reporter's with no comma between."""
    words = rest.split()
    for count in range(min(AGENCY_WORDS_MAX, len(words)), 0, -1):
        agency = " ".join(words[-count:])
        if not _is_agency(agency, agencies):
            continue
        names = words[:-count]
        if names and names[-1].lower() == "the":  # "By The Associated Press"
            names = names[:-1]
        if not names or len(names) >= 2:  # "By Michael Bloomberg" names a man
            return " ".join(names), agency
    return rest, None


# --------------------------------------------------------------------------- dateline


MONTH_NAME_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
NOT_A_CITY_RE = re.compile(rf"^{MONTH_NAME_RE}(?:\s*\d{{1,2}})?$", re.IGNORECASE)
NOT_A_CITY_OPENERS = frozenset("as at by for from in of on".split())
CITY_WORDS_MAX = 3  # "Moscow", "Rio de Janeiro"; a caption is longer
# Latin and Cyrillic letters: datelines come as "MOSCOW, May 3 (Reuters) -" and
# as "МОСКВА, 3 мая (Рейтер) -".
LETTERS = "A-Za-zА-Яа-яЁё"
# Wire typists misspell months ("Narch 2", "Apri l7", "March 2O"): any word plus a number.
DAY_TAIL_RE = re.compile(
    rf"^(?P<head>.*?)[, ]+(?P<day>[{LETTERS}]{{3,9}}\.?\s*[\dOlI]{{0,2}}\d"
    rf"|\d{{1,2}}\s+[{LETTERS}]{{3,9}}\.?)$"
)
DASH_RE = re.compile(r"\s*(?:--?|[–—])(?:\s+|$)")
AGENCY_RE = re.compile(r"\(([^()]{2,40})\)")
PLACE_RE = re.compile(rf"^[{LETTERS}][{LETTERS} .'’&/-]{{0,40}}$")
TRAILING_REUTER_RE = re.compile(r",?\s*reuters?$", re.IGNORECASE)
# An agency's name, every word capitalized: "Reuters", "AP", "Dow Jones",
# never a note such as "(Adds details)".
AGENCY_NAME_RE = re.compile(r"^[A-ZА-ЯЁ][\w&.'’-]*(?:\s+[A-ZА-ЯЁ][\w&.'’-]*){0,3}$")
LEAD_NOISE_RE = re.compile(r"^[*#=~_]+\s*")
# TASS: "МОСКВА, 6 июня. /ТАСС/." and "MOSCOW, June 6. /TASS/."
SLASHED_AGENCY_RE = re.compile(
    r"^(?P<written>[^/\n]{2,80}?)\.\s*/(?P<agency>[^/\n]{2,60})/\.?(?:\s+|$)")
# ... and its correspondent's: "ПЕКИН, 6 июня. /Корр. ТАСС Иван Каргаполов/."
CORRESPONDENT_RE = re.compile(
    r"^(?:[Сс]пец\.?\s*)?[Кк]орр\.\s*(?P<agency>\S+)\s+(?P<reporter>\S.*)$")
REPORTERS_SPLIT_RE = re.compile(r",\s*|\s+и\s+")  # "Иван Петров, Анна Смирнова"
# Interfax's site: "Москва. 6 июня. INTERFAX.RU - Президент …"
DOTTED_DATELINE_RE = re.compile(
    rf"^(?P<city>[{LETTERS}][{LETTERS} -]{{0,40}})\.\s+(?P<day>\d{{1,2}}\s+[{LETTERS}]{{3,9}})\.?"
    r"\s+(?P<agency>\S+(?:\s\S+)?)$")
# Interfax, RIA: "МОСКВА, 6 июн - ИНТЕРФАКС. Президент …", "… – РИА Новости. …"
AGENCY_AFTER_DASH_RE = re.compile(
    r"(?P<agency>[A-ZА-ЯЁ][\w-]*(?: [A-ZА-ЯЁ][\w-]*){0,2})\.(?:\s+|$)")


def _names_an_agency(name: str) -> bool:
    """A publisher junk.yaml knows: an agency, a short name or the name it stands for."""
    rules = load_junk()
    named = name.strip().lower()
    return (_is_agency(name, rules.agencies) or named in rules.aliases
            or named in {full.lower() for full in rules.aliases.values()})


def _recase_place(place: str) -> str:
    if is_all_caps(place) or place.islower():
        return " ".join(_cap_word(w) for w in place.split())
    return place


def _split_day(prefix: str) -> tuple[str, str | None]:
    """Split 'LAKE SUCCESS, N.Y. March 3' into ('LAKE SUCCESS, N.Y.', 'March 3')."""
    prefix = TRAILING_REUTER_RE.sub("", prefix).rstrip(" ,-")
    match = DAY_TAIL_RE.match(prefix)
    if match:
        return match.group("head").rstrip(" ,-"), match.group("day")
    return prefix, None


def parse_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """Find ``CITY, Region, Month Day (Agency) -`` at the start; return (dateline, rest).

    Russian agencies write theirs otherwise: TASS "МОСКВА, 6 июня. /ТАСС/.",
    Interfax and RIA "МОСКВА, 6 июн - ИНТЕРФАКС." (the agency after the dash).
    """
    paragraph = LEAD_NOISE_RE.sub("", paragraph)
    head = paragraph[:120]
    reporter = None
    slashed = SLASHED_AGENCY_RE.match(head)
    if slashed:
        agency = slashed.group("agency").strip()
        correspondent = CORRESPONDENT_RE.match(agency)
        names = [n.strip() for n in REPORTERS_SPLIT_RE.split(correspondent.group("reporter"))
                 ] if correspondent else []
        # Full names only: "Юрий Ли, Пекин" names a correspondent and his city.
        names = [n for n in names if len(n.split()) >= 2 and _is_name(n)]
        if correspondent and _names_an_agency(correspondent.group("agency")):
            reporter = ", ".join(names) or None  # "/Корр. ТАСС Каргаполов/": the agency's
        elif not (_names_an_agency(agency) or is_all_caps(agency)):
            slashed = None
    if slashed:
        written = slashed.group("written").strip()
        rest = paragraph[slashed.end():].lstrip()
        bare = written.strip(" ,")
        written = f"{written} /{agency}/"
        if correspondent and _names_an_agency(correspondent.group("agency")):
            agency = correspondent.group("agency")
    else:
        match = DASH_RE.search(head)
        if not match or match.start() < 2:
            return None
        written = head[: match.start()].strip()
        agency_match = AGENCY_RE.search(written)
        agency = agency_match.group(1).strip() if agency_match else None
        rest = paragraph[match.end() :].lstrip()
        bare = AGENCY_RE.sub(" ", written).strip(" ,")
        after = AGENCY_AFTER_DASH_RE.match(rest) if agency is None else None
        dotted = DOTTED_DATELINE_RE.match(written) if agency is None else None
        if after and _names_an_agency(after.group("agency")):
            agency = after.group("agency")
            written = f"{written} - {agency}"
            rest = rest[after.end():].lstrip()
        elif dotted and _names_an_agency(dotted.group("agency")) and (
            is_all_caps(dotted.group("city"))
            or all(w[0].isupper() for w in dotted.group("city").split("-")[0].split())
        ):
            agency = dotted.group("agency")
            bare = f"{dotted.group('city')}, {dotted.group('day')}"
    if agency and AGENCY_NAME_RE.match(agency) and (not bare or NOT_A_CITY_RE.match(bare)):
        # "(Reuters) -" and "March 3 (Reuters) -": the agency, no city.
        return Dateline(text=written, city="", agency=agency, day=bare or None), rest
    place, day = _split_day(bare)
    parts = [p.strip() for p in place.split(",") if p.strip()]
    if not parts or len(parts) > 3 or not all(PLACE_RE.match(p) for p in parts):
        return None
    city = parts[0]
    if not (is_all_caps(city) and city[0].isupper() or day or agency):
        return None  # "The students - who ..." is prose, not a dateline
    if NOT_A_CITY_RE.match(city) or (city.islower() and not day):
        return None
    if not is_all_caps(city) and city.split()[0].lower() in NOT_A_CITY_OPENERS:
        return None  # "As of April 7 - in bushels"
    if slashed and not (is_all_caps(city) or (len(city.split()) <= CITY_WORDS_MAX
                                                and _is_month_day(day))):
        return None  # "Protesters march in Hong Kong, June 6. /AFP/" is a caption
    region = ", ".join(parts[1:]) or None
    line = Dateline(text=written, city=_recase_place(city), region=region, agency=agency, day=day,
                    reporter=reporter)
    return line, rest


# --------------------------------------------------------------------------- body


BULLET_RE = re.compile(r"^\s*(?:[-*•·▪●]|\u2013)\s+(\S.*)$")
INDENT_RE = re.compile(r"^(?: {2,}|\t)")
END_PUNCT = tuple(".!?:;,\"”’'…)]")
WRAP_WIDTH = 100  # hard-wrapped wires never exceed this; posted web copy does


@dataclass
class RawBlock:
    """A body block before markup rendering: kind and raw lines."""

    kind: str
    raw: str
    items: list[str]
    ordered: bool = False


def split_chunks(lines: list[str]) -> list[list[str]]:
    """Group lines into chunks separated by blank lines."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def _is_hard_wrapped(chunk: list[str]) -> bool:
    return len(chunk) > 1 and max(len(line) for line in chunk) <= WRAP_WIDTH


def _join_wrapped(lines: list[str]) -> str:
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        last = parts[-1] if parts else ""
        if len(last) > 1 and last.endswith("-") and last[-2].isalpha():
            parts.append(line)  # "anti-\ninflation" was split by the wire's wrapping
        else:
            parts.extend((" ", line) if parts else (line,))
    return "".join(parts)


def reflow_paragraphs(chunk: list[str]) -> list[str]:
    """Turn one chunk into paragraphs: indented lines start paragraphs when hard-wrapped."""
    if not _is_hard_wrapped(chunk):
        return [line.strip() for line in chunk]
    indented = [bool(INDENT_RE.match(line)) for line in chunk]
    if not any(indented[1:]):
        return [_join_wrapped(chunk)]
    paragraphs: list[list[str]] = []
    for line, starts in zip(chunk, indented, strict=True):
        if starts or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line)
    return [_join_wrapped(p) for p in paragraphs]


ITEM_END = (".", "!", "?", "…", '"', "”", "’", "'", ")")
# How a line before a list ends: a sentence, or an introduction ("Quotes included -").
LIST_INTRO_END = (*ITEM_END, ":", ";", "-", "–", "—")
# A line the wire wrapped runs near its width; a heading over a list ("Key points") is short.
WRAPPED_LINE_MIN = 40


def _bullet_runs(chunk: list[str]) -> list[tuple[bool, list[str]]]:
    """Split a chunk into runs of bullet lines and runs of other lines.

    A wire wraps a list item as it wraps prose: onto a flush-left line, which
    may itself open with a dash ("… 107-1/2 offered / - no comparison.").
    So in hard-wrapped copy any line goes on with an item whose sentence is
    unfinished, even a dash line set left of the bullets, and so does a
    flush-left line where paragraphs open indented; otherwise a line after a
    finished item opens a paragraph. In other copy an indented line goes on
    with the item.
    """
    wrapped = _is_hard_wrapped(chunk)
    # Wires that indent a paragraph's first line ("    MOSCOW, …") wrap every
    # line flush left: there a flush-left line never opens a paragraph.
    indented_paragraphs = wrapped and any(
        INDENT_RE.match(line) and not BULLET_RE.match(line) for line in chunk)
    # A list run holds each item's lines, joined at the end (not line by line:
    # a hostile file may wrap one item over thousands of lines).
    runs: list[tuple[bool, list[Any]]] = []
    bullet_indent = 0
    for at, line in enumerate(chunk):
        bullet = BULLET_RE.match(line)
        in_list = bool(runs) and runs[-1][0]
        indent = len(line) - len(line.lstrip())
        unfinished = in_list and not runs[-1][1][-1][-1].rstrip().endswith(ITEM_END)
        # "… led by Elvira Nabiullina / - who has held the post …": a dash the
        # wrapping put first on a line, inside a sentence, opens no list.
        # An indented dash is set there on purpose: a bullet.
        prose = runs[-1][1] if runs and not in_list else []
        before = prose[-1].strip() if prose else ""
        # A heading over a list ("Key points of the plan") is a line of its own:
        # first in its chunk or after a finished sentence. Where the wire indents
        # paragraphs, a flush-left line is a wrapped one, never a heading.
        heading = (not indented_paragraphs and _looks_like_subheading(before)
                   and (len(prose) < 2 or prose[-2].rstrip().endswith(LIST_INTRO_END)))
        # Two dash lines in a row are a list, whatever stands above them.
        listed = at + 1 < len(chunk) and BULLET_RE.match(chunk[at + 1]) is not None
        mid_sentence = (wrapped and indent == 0 and len(before) >= WRAPPED_LINE_MIN
                        and not before.endswith(LIST_INTRO_END) and not heading
                        and not listed)
        if bullet and not mid_sentence and not (wrapped and unfinished and indent < bullet_indent):
            if not in_list:
                runs.append((True, []))
            runs[-1][1].append([bullet.group(1).strip()])
            bullet_indent = indent
        elif in_list and (
                (unfinished or (indented_paragraphs and not INDENT_RE.match(line)))
                if wrapped else INDENT_RE.match(line)):
            runs[-1][1][-1].append(line)
        else:
            if not runs or in_list:
                runs.append((False, []))
            runs[-1][1].append(line)
    return [(is_list, [_join_wrapped(item) for item in lines] if is_list else lines)
            for is_list, lines in runs]


# A column gap between two characters of a line: three or more spaces or a dot
# leader ("URALS.........19.16"); tabs are spaces by now (clean_controls).
# Hard-wrapped prose has at most two spaces. One pattern per kind, each opening
# with its literal, so that the regex engine skips to candidates: it runs on
# every story.
COLUMN_GAP_RES = (
    ("   ", re.compile(r"   (?<=\S   ) *(?=\S)")),
    ("....", re.compile(r"\.\.\.\.(?<=\S\.\.\.\.)\.*(?=\S)")),
)
CELL_SPLIT_RE = re.compile(r" {2,}|\.{4,}")
DIGIT_RE = re.compile(r"\d")
TABLE_MIN_ROWS = 2
# A row has a few cells, or is mostly figures: space-justified prose
# ("rose   6.8   percent   in   May   from") has a gap between every word.
ROW_CELLS_MAX = 6
ROW_FIGURES_SHARE = 0.3


def has_column_gap(text: str) -> bool:
    """True when a line of ``text`` has a gap between columns in it."""
    return any(literal in text and pattern.search(text) for literal, pattern in COLUMN_GAP_RES)


def _is_table_row(line: str) -> bool:
    if len(line) > WRAP_WIDTH or not has_column_gap(line):
        return False
    text = line.strip()
    if len(CELL_SPLIT_RE.split(text)) <= ROW_CELLS_MAX:
        return True
    visible = len(text) - text.count(" ")
    return sum(ch.isdigit() for ch in text) >= ROW_FIGURES_SHARE * visible


def _table_runs(chunk: list[str]) -> list[tuple[bool, list[str]]]:
    """Split a chunk into runs of table rows and runs of other lines.

    Wire copy sets figures out in columns; reflowed as prose, the rows of a
    price table run together into one line of numbers. A run is a table
    when it has two rows with figures in them; anything less stays prose.
    Inside a table, short labels between rows ("HAMS", "Baltimore/") and
    rows set only two spaces apart ("TOTAL SALES  3792") stay in it.
    """
    rows = [_is_table_row(line) for line in chunk]
    # A row whose widest gap is two spaces ("Ernie Els (South Africa)  70 69"),
    # between two rows, is one of them.
    rows = [row or (0 < i < len(chunk) - 1 and rows[i - 1] and rows[i + 1]
                    and _loose_row(chunk[i]))
            for i, row in enumerate(rows)]
    runs: list[tuple[bool, list[str]]] = []
    for line, row in zip(chunk, rows, strict=True):
        if runs and runs[-1][0] == row:
            runs[-1][1].append(line)
        else:
            runs.append((row, [line]))
    tables = [row and sum(1 for line in lines if DIGIT_RE.search(line)) >= TABLE_MIN_ROWS
              for row, lines in runs]
    split: list[tuple[bool, list[str]]] = []
    for i, ((_row, lines), is_table) in enumerate(zip(runs, tables, strict=True)):
        if not is_table:
            split.append((False, lines))
            continue
        end = len(lines)
        if any(tables[i + 1:]):
            # Column heads without figures after the last row head the next table.
            while not DIGIT_RE.search(lines[end - 1]):
                end -= 1
        split.append((True, lines[:end]))
        if end < len(lines):
            split.append((False, lines[end:]))
    merged: list[tuple[bool, list[str]]] = []
    for is_table, lines in split:
        if merged and not merged[-1][0] and not is_table:
            merged[-1][1].extend(lines)
        else:
            merged.append((is_table, lines))
    return [run for run in _join_table_parts(merged) if run[1]]


def _join_table_parts(runs: list[tuple[bool, list[str]]]) -> list[tuple[bool, list[str]]]:
    """Keep a table's own lines in it, and give it the column heads above it."""
    out: list[tuple[bool, list[str]]] = []
    for is_table, lines in runs:
        lines = list(lines)
        if is_table and len(out) >= 2 and out[-2][0] and _labels_between_rows(out[-1][1]):
            labels = out.pop()[1]
            out[-1][1].extend(labels + lines)  # one table: "BELLIES … HAMS …"
            continue
        if is_table and out and not out[-1][0]:
            _take_column_heads(out[-1][1], lines)
        if not is_table and out and out[-1][0]:
            loose = 0
            while loose < len(lines) and _loose_row(lines[loose]):
                loose += 1
            out[-1][1].extend(lines[:loose])
            lines = lines[loose:]
        out.append((is_table, lines))
    return out


LABEL_MAX = 40  # characters: "Baltimore/", "Soybean (cents per bushel)"
LABELS_MAX = 3  # lines between two runs of rows
WORD_THEN_STOP_RE = re.compile(r"[^\W\d_]{2,}[.!?](?:\s|$)")  # "pct. Traders", not "U.S."


def _labels_between_rows(lines: list[str]) -> bool:
    """True when the lines between two runs of rows label the rows (a group,
    a wrapped row label, a head), not prose that goes on between two tables."""
    return 0 < len(lines) <= LABELS_MAX and all(
        len(line) <= WRAP_WIDTH and not WORD_THEN_STOP_RE.search(line)
        and (len(line.strip()) <= LABEL_MAX or COLUMN_HEADS_RE.search(line.strip()))
        for line in lines)


def _loose_row(line: str) -> bool:
    """A row set two spaces apart ("TOTAL SALES  3792"), right under a table."""
    text = line.strip()
    return (len(line) <= WRAP_WIDTH and COLUMN_HEADS_RE.search(text) is not None
            and DIGIT_RE.search(text) is not None and not WORD_THEN_STOP_RE.search(text))


# Column heads are often set two spaces apart ("Super Tankers  Regular Vessels").
COLUMN_HEADS_RE = re.compile(r"\S {2,}\S")
COLUMN_HEADS_MAX = 2  # lines
HEADS_INDENT = 6  # columns: deeper than a paragraph's indent (four or five)


def _take_column_heads(before: list[str], rows: list[str]) -> None:
    """Move the column heads ending ``before`` to the top of the table ``rows``.

    Heads without figures, or with too few to be rows ("2/26  2/27"), would
    otherwise read as a subheading or a stray paragraph, and the reader could
    not tell which column is which. A head is set off to the right, or
    aligned with the rows; a wrapped line of prose is neither.
    """
    taken = 0
    row_indent = len(rows[0]) - len(rows[0].lstrip(" "))
    while before and taken < COLUMN_HEADS_MAX:
        line = before[-1]
        text = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        aligned = indent >= HEADS_INDENT or indent == row_indent
        head = aligned and COLUMN_HEADS_RE.search(text) is not None
        # a group's label right above its rows ("BELLIES")
        label = (not taken and len(text) <= LABEL_MAX and text[:1].isupper()
                 and (aligned or is_all_caps(text)))
        if not (len(line) <= WRAP_WIDTH and (head or label) and not text.endswith(END_PUNCT)):
            return
        rows.insert(0, before.pop())
        taken += 1


HIDDEN_INLINE_RE = re.compile(r"<!--.*?-->|<(script|style|noscript|iframe)\b[^<>]*>.*?</\1\s*>",
                              re.IGNORECASE)


def _row_text(line: str) -> str:
    """A row's plain text, spacing kept: comments, hidden elements and HTML
    tags go, entities are decoded; tickers ("<MZE>") stay."""
    if "<" not in line and "&" not in line:
        return line
    line = HIDDEN_INLINE_RE.sub("", line)
    line = TAG_RE.sub(lambda m: "" if is_html_tag(m.group(1) == "/", m.group(2), m.group(3),
                                                  m.group(4) == "/") else m.group(0), line)
    return html.unescape(line)


def _table_text(lines: list[str]) -> str:
    """The rows as the wire aligned them, less the indent they all share."""
    lines = [_row_text(line).rstrip() for line in lines]
    lines = [line for line in lines if line.strip()] or [""]
    indent = min(len(line) - len(line.lstrip(" ")) for line in lines)
    return "\n".join(line[indent:] for line in lines)


NUMBERED_ITEM_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
NUMBERED_MIN = 3  # items: "1." and "2." alone may be a sentence's points
FIRST_ITEM_RE = re.compile(r"^[ \t]*1[.)][ \t]", re.MULTILINE)  # one search; no \s: it spans lines


def _numbered_list(chunk: list[str]) -> tuple[list[str], list[str]] | None:
    """(lines before, items) when the chunk ends in lines numbered 1, 2, 3 … one a line."""
    found = [NUMBERED_ITEM_RE.match(line) for line in chunk]
    start = next((i for i, m in enumerate(found) if m and m.group(1) == "1"), None)
    if start is None or len(chunk) - start < NUMBERED_MIN:
        return None
    numbers = [int(m.group(1)) if m else 0 for m in found[start:]]
    if numbers != list(range(1, len(numbers) + 1)):
        return None
    items = [m.group(2).strip() for m in found[start:] if m]
    if has_column_gap("\n".join(items)):
        return None  # numbered rows with columns ("1. Tiger Woods   68 70 65"): a table
    return chunk[:start], items


def _chunk_blocks(chunk: list[str], story_has: frozenset[str] = frozenset(("numbered", "gaps"))
                  ) -> list[RawBlock]:
    """The blocks of one chunk. ``story_has`` says which of a numbered list's
    first item and a column gap the whole story has: most have neither, and
    then no chunk is searched for them (a story has a dozen chunks)."""
    joined = "\n".join(chunk) if story_has else ""
    numbered = _numbered_list(chunk) if (
        "numbered" in story_has and len(chunk) >= NUMBERED_MIN
        and FIRST_ITEM_RE.search(joined)) else None
    if numbered is not None:
        before, items = numbered
        return [*(_chunk_blocks(before) if before else []), RawBlock("list", "", items, True)]
    runs = _table_runs(chunk) if "gaps" in story_has and has_column_gap(joined) else []
    if len(runs) > 1 or (runs and runs[0][0]):
        blocks: list[RawBlock] = []
        for is_table, lines in runs:
            if is_table:
                blocks.append(RawBlock("table", _table_text(lines), []))
            else:
                blocks.extend(_chunk_blocks(lines))
        return blocks
    if not any(BULLET_RE.match(line) for line in chunk):
        return [RawBlock("paragraph", p, []) for p in reflow_paragraphs(chunk) if p]
    blocks: list[RawBlock] = []
    for is_list, lines in _bullet_runs(chunk):
        if is_list:
            blocks.append(RawBlock("list", "", lines))
        else:
            blocks.extend(RawBlock("paragraph", p, []) for p in reflow_paragraphs(lines) if p)
    return blocks


NUMBERED_RE = re.compile(r"^\d+[.)]?\s")


def _opens_section(following: RawBlock) -> bool:
    """A subheading heads prose; a short line followed by short lines is a table row."""
    text = following.raw.strip()
    return following.kind != "paragraph" or len(text) > 80 or text.endswith(END_PUNCT)


def _looks_like_subheading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(text) <= 80
        and not any(ch.isdigit() for ch in text)  # "Shr 33 cts vs 57 cts" is a table row
        and len(words) <= 10
        and not text.endswith(END_PUNCT)
        and text[0].isupper()
        and text.count(",") < 2  # "Name, Title, Office" is a list line
        and not NUMBERED_RE.match(text)
        and not _reads_as_a_sentence(words)
    )


# A heading names a topic; a line that reports or states ("Sutliff said …",
# "The two leaders did not take questions") is a sentence missing its stop.
SENTENCE_VERBS = frozenset(
    "said says told did does is are was were will would has have had can could should".split()
)


def _reads_as_a_sentence(words: list[str]) -> bool:
    # A line breaking off ("… were -", "… secured qualification for") goes on
    # below; a short heading may end on a small word ("What to watch for").
    if words[-1] in ("-", "--", "–", "—"):
        return True
    if len(words) < 5:
        return False
    lowered = [w.lower() for w in words]
    if words[-1] in SMALL_WORDS:  # as written: "Vitamin A" ends on a name
        return True
    # "What is at stake for Moscow" asks; "Officials said more …" states.
    return lowered[0] not in QUESTION_WORDS and any(w in SENTENCE_VERBS for w in lowered[1:])


QUESTION_WORDS = frozenset("what why how who where when which whose".split())


def _is_signoff(text: str, rules: JunkRules) -> bool:
    return len(text) <= 40 and _first_match(rules.signoffs, text) is not None


def _split_signoff(chunks: list[list[str]], rules: JunkRules | None) -> list[list[str]]:
    """Give a sign-off wrapped onto the end of the last chunk (" Reuter") its own chunk."""
    if not chunks or rules is None:
        return chunks
    *rest, last = chunks
    tail: list[list[str]] = []
    while len(last) > 1 and _is_signoff(last[-1].strip(), rules):
        tail.insert(0, last[-1:])
        last = last[:-1]
    head, _, word = last[-1].rstrip().rpartition(" ")
    # "... of an ounce. REUTER" on one line: the sign-off shares the last line
    if head.rstrip().endswith((".", "!", "?", '"', "”", ")")) and _is_signoff(word, rules):
        last, tail = [*last[:-1], head], [[word], *tail]
    return [*rest, last, *tail]


# How many chunks from the top may hold a byline run into the next line.
BYLINE_CHUNKS = 3
DATE_ONLY_RE = re.compile(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}")  # "2024.06.06" under a byline


WRAPPED_PROSE_MIN = 55  # characters: a wrapped line of prose runs near the wrap width


def _opens_wrapped_prose(chunk: list[str], at: int) -> bool:
    """chunk[at] opens a paragraph wrapped over the lines after it: it is long,
    and a line after it ends a sentence. A listed headline is short."""
    return len(chunk[at].strip()) >= WRAPPED_PROSE_MIN and any(
        line.rstrip().endswith((".", "!", "?", '."', ".”")) for line in chunk[at + 1:])


def _is_related_heading(line: str, rules: JunkRules) -> bool:
    # Markup and entities need plain_text (costly); a plain line is its own text.
    text = plain_text(line) if "<" in line or "&" in line else " ".join(line.split())
    verdict = classify_line(text, rules)
    return verdict is not None and verdict[0] == "related"


def _split_run_on_lines(chunks: list[list[str]], rules: JunkRules | None) -> list[list[str]]:
    """Give a byline run into the dateline, and a credit line run onto the end
    of a paragraph, chunks of their own.

    "By ANNA PETROVA" directly above "MOSCOW, May 17 (Reuters) - ..." (no
    blank line) would otherwise be read as the first words of the dateline,
    and "(Reporting by ...)" under the last sentence as story text.
    """
    if rules is None:
        return chunks
    out: list[list[str]] = []
    at_top = True  # no story text yet: only byline lines came before
    for index, chunk in enumerate(chunks):
        if len(chunk) > 1 and len(chunk[0]) <= 60 and _is_related_heading(chunk[0], rules):
            # "Related Coverage" with its headlines right under it, one a line:
            # each its own block, so that the heading takes them with it; prose
            # going on under them stays one chunk.
            listed = 1
            while listed < len(chunk) and _reads_as_a_headline(plain_text(chunk[listed]), rules) \
                    and not _opens_wrapped_prose(chunk, listed):
                listed += 1
            out += [[line] for line in chunk[:listed]]
            if listed < len(chunk):
                out.append(chunk[listed:])
            continue
        if at_top and len(chunk) > 1 and "," in chunk[0] and len(chunk[0]) <= 60:
            place = _city_and_agency(plain_text(chunk[0]), rules.agencies)
            # "MOSCOW, Reuters" right above the lede is its dateline; above a
            # lede with its own ("MOSCOW, May 3 (Reuters) - …") it is a block
            # of its own, which _apply_dateline drops as a repeat.
            if place is not None and parse_dateline(plain_text(chunk[1])) is None:
                chunk = [f"{place[0]} ({place[1]}) - {chunk[1].lstrip()}", *chunk[2:]]
            elif place is not None:
                out.append(chunk[:1])
                chunk = chunk[1:]
        at_top = at_top and len(chunk) == 1 and \
            split_byline(plain_text(chunk[0]), rules.agencies) is not None
        if (
            index < BYLINE_CHUNKS
            and len(chunk) > 1
            and len(chunk[0].strip()) <= 80
            # a new sentence, not "By Monday, Russia / had"; or RFA's date line
            and (chunk[1].strip()[:1].isupper() or DATE_ONLY_RE.fullmatch(chunk[1].strip()))
            and split_byline(plain_text(chunk[0]), rules.agencies) is not None
        ):
            out += [chunk[:1], chunk[1:]]
            continue
        credit = next((i for i in range(1, len(chunk)) if _is_run_on_credit(chunk, i, rules)),
                      None)
        if credit is not None:
            out += [chunk[:credit], chunk[credit:]]
            continue
        out.append(chunk)
    # The story's last paragraph: the last chunk that is not itself junk, a
    # credit or a sign-off ("Leave a Reply", "REUTER" may follow it).
    for index in range(len(out) - 1, -1, -1):
        ends_in_parenthesis = out[index][-1].rstrip().endswith(")")
        if not ends_in_parenthesis and sum(map(len, out[index])) > JUNK_LINE_MAX:
            break  # a long paragraph: the story's last, with no credit run on
        if classify_line(plain_text(" ".join(out[index])), rules) is None:
            if ends_in_parenthesis:
                out[index:index + 1] = _split_trailing_credit(out[index], rules)
            break
    return out


# Page junk, credits and sign-offs after a story are short lines.
JUNK_LINE_MAX = 300


def _split_trailing_credit(chunk: list[str], rules: JunkRules) -> list[list[str]]:
    """Split "... tonnes. (Reporting by X; Editing by Y)" at the parenthesis.

    Reuters puts the credit right after the last sentence, often on the same
    line and hard-wrapped with it. Only in the story's last paragraph, and
    only a parenthesis that ends it, follows a finished sentence and reads as
    a credit naming someone ("(Reporting by Olzhas …") goes; "(Written by
    hand, it asked for help.)" is text.
    """
    last = chunk[-1].rstrip()
    if not last.endswith(")"):
        return [chunk]
    text = "\n".join(chunk).rstrip()
    start = text.rfind("(")
    if start <= 0 or ")" in text[start:-1]:
        return [chunk]
    head, credit = text[:start].rstrip(), text[start:]
    if not head.endswith((".", "!", "?", '"', "”")):
        return [chunk]
    flat = " ".join(credit.split())
    named = CREDITED_NAME_RE.search(flat)
    if not (named and named.group(1).isupper()
            and any(_opens_line(p) and p.search(flat) for p in rules.credits)):
        return [chunk]
    return [head.split("\n"), credit.split("\n")]


# "(Reporting by Olzhas Auyezov …": a credit names someone; "(Written by hand" does not.
CREDITED_NAME_RE = re.compile(r"\bby\s+([^\W\d_])")


def _city_and_agency(line: str, agencies: frozenset[str]) -> tuple[str, str] | None:
    """("MOSCOW", "Reuters") for a line "MOSCOW, Reuters": one word in capitals,
    as datelines write a city, then a known agency."""
    city, comma, agency = line.strip().rpartition(",")
    city, agency = city.strip(), agency.strip()
    if (comma and CITY_WORD_RE.fullmatch(city) and city.isupper() and len(city) >= 3
            and not _is_agency(city, agencies) and _is_agency(agency, agencies)):
        return city, agency
    return None


CITY_WORD_RE = re.compile(r"[A-ZА-ЯЁ][^\W\d_]+(?:-[^\W\d_]+)*")


def _is_run_on_credit(chunk: list[str], index: int, rules: JunkRules) -> bool:
    """True when chunk[index] starts a credit run onto the end of a paragraph.

    Only after a finished sentence, and only "(Reporting by …" or a capitalised
    last line ("Editing by …"): a wrapped line inside a sentence ("the figures
    were / compiled by the statistics office") is story text.
    """
    text, before = chunk[index].strip(), chunk[index - 1].rstrip()
    if not before.endswith((".", "!", "?", '"', "”", ")")):
        return False
    if not (text.startswith("(") or (index == len(chunk) - 1 and text[:1].isupper())):
        return False
    # Only credits that open a line: the others may sit inside a sentence.
    return any(_opens_line(p) and p.search(text) for p in rules.credits)


def _opens_line(pattern: re.Pattern[str]) -> bool:
    """A credit pattern anchored at the start (^ or \\A): it may open a line of its own."""
    return pattern.pattern.startswith(("^", "\\A"))


def build_blocks(lines: list[str], rules: JunkRules | None = None) -> list[RawBlock]:
    """Split body lines into raw blocks: paragraphs, lists and quotes."""
    blocks: list[RawBlock] = []
    chunks = _split_signoff(_split_run_on_lines(split_chunks(lines), rules), rules)
    body = "\n".join(lines)
    story_has = frozenset(name for name, found in (
        ("numbered", FIRST_ITEM_RE.search(body)), ("gaps", has_column_gap(body))) if found)
    for chunk in chunks:
        if len(blocks) > MAX_BLOCKS:
            raise WireError(f"more than {MAX_BLOCKS} paragraphs: not a single story")
        for block in _chunk_blocks(chunk, story_has):
            # Bullet lists apart only by a blank line are one; a numbered one starts again at 1.
            if block.kind == "list" and blocks and blocks[-1].kind == "list" \
                    and not block.ordered and not blocks[-1].ordered:
                blocks[-1].items.extend(block.items)
            else:
                blocks.append(block)
    if len(blocks) > MAX_BLOCKS:
        raise WireError(f"more than {MAX_BLOCKS} paragraphs: not a single story")
    for block in blocks:
        if block.kind == "paragraph" and block.raw.startswith("> "):
            block.kind, block.raw = "quote", block.raw[2:]
    return blocks


# --------------------------------------------------------------------------- credits and junk


def _first_match(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def classify_line(text: str, rules: JunkRules) -> tuple[str, str | None] | None:
    """Return (reason, source) when a block's plain text is not story body."""
    if not rules.any_start.match(text) and not _inside_hit(text, rules):
        return None
    match = _first_match(rules.signoffs, text) if len(text) <= 40 else None
    if match:
        source = (match.groupdict().get("source") or "").strip()
        return "sign-off", rules.aliases.get(source.lower(), source) or None
    if _first_match(rules.junk, text):
        return "junk", None
    if _first_match(rules.related, text):
        return "related", None
    matches = [m for m in (p.search(text) for p in rules.credits) if m]
    if not matches:
        return None
    # Any credit pattern may name the publisher, not only the first to match.
    source = next((m.group("source").strip() for m in matches if m.groupdict().get("source")), "")
    return "credit", rules.aliases.get(source.lower(), source) or None


def _inside_hit(text: str, rules: JunkRules) -> bool:
    """True when any unanchored junk pattern matches somewhere in ``text``."""
    if rules.any_inside.search(text):
        return True
    lowered = text.lower()
    return any(may_contain(text, lowered, needle) and pattern.search(text)
               for needle, pattern in rules.needled)


IMAGE_RE = re.compile(r"<img\b", re.IGNORECASE)
CAPTION_MAX = 400  # characters: a caption is a sentence or two
IMAGE_SET_APART_RE = re.compile(
    r"<img\b[^<>]*>\s*(?:</(?:a|span|p|div|figure|center)\s*>\s*)*"
    r"<(?:br|/div|/figure|figcaption|h[1-6])\b", re.IGNORECASE)


def _is_caption(raw: str, text: str) -> bool:
    """A block that opens with an image set apart (a line break, the end of its
    box or a caption element after it), and a little text: the image's caption.
    The image is dropped, so its caption would read as a stray paragraph; an
    icon at the start of a sentence ("<img> Workers said …") is no caption."""
    found = IMAGE_RE.search(raw)
    return (found is not None and len(text) <= CAPTION_MAX
            and IMAGE_SET_APART_RE.match(raw, found.start()) is not None
            and not plain_text(raw[:found.start()]))


RELATED_MAX = 6  # headlines listed under a "Related coverage" heading, one per line
RELATED_HEADLINE_MAX = 120  # characters


SENTENCE_CLOSE = (".", "!", "?", "…", '"', "”", "’", "'", ")", "]", ":")
SUBHEADING_WORDS_MAX = 3  # "Rescue effort": a section's heading, not a listed headline


def _reads_as_a_headline(text: str, rules: JunkRules) -> bool:
    """A line such as "Related coverage" lists: short, no sentence, no credit."""
    return (0 < len(text) <= RELATED_HEADLINE_MAX and not text.rstrip().endswith(SENTENCE_CLOSE)
            and classify_line(text, rules) is None)


def _listed_headline(blocks: list[RawBlock], i: int, text: str, rules: JunkRules) -> bool:
    """blocks[i] is a headline listed under a "Related coverage" heading.

    The last such line before the story goes on is kept when it is as short
    as a subheading: the story's next section may start right there.
    """
    if blocks[i].kind != "paragraph" or not _reads_as_a_headline(text, rules):
        return False
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    goes_on = following is not None and following.kind == "paragraph" and \
        not _reads_as_a_headline(plain_text(following.raw), rules)
    return not (goes_on and len(text.split()) <= SUBHEADING_WORDS_MAX)


def strip_junk(
    blocks: list[RawBlock], rules: JunkRules
) -> tuple[list[RawBlock], list[Removed], list[str], str | None]:
    """Drop junk, credits and sign-offs; return (kept, removed, credits, credit source)."""
    kept: list[RawBlock] = []
    removed: list[Removed] = []
    credits: list[str] = []
    source: str | None = None
    related_left = 0  # headlines still to drop under a "Related coverage" heading
    for i, block in enumerate(blocks):
        text = plain_text(block.raw) if block.kind != "list" else " ".join(block.items)
        if related_left and (block.kind == "list" or _listed_headline(blocks, i, text, rules)):
            removed.append(Removed(text, "junk"))
            related_left = 0 if block.kind == "list" else related_left - 1
            continue
        related_left = 0
        verdict = classify_line(text, rules) if block.kind != "list" else None
        if verdict is None:
            if block.raw and is_markup_only(block.raw):  # e.g. an <img> in a <div>
                removed.append(Removed(block.raw[:200], "junk"))
                continue
            if block.raw and _is_caption(block.raw, text):
                removed.append(Removed(text, "caption"))
                continue
            kept.append(block)
            continue
        reason, found = verdict
        if reason == "related":
            related_left, reason = RELATED_MAX, "junk"
        removed.append(Removed(text, reason))
        if reason == "credit":
            credits.append(text)
        # A sign-off ("REUTER", "-- Reuters") names the source, shown as
        # "Source: Reuters"; its own text is an end-of-copy mark, not a credit.
        if reason in ("credit", "sign-off"):
            source = source or found
    return kept, removed, credits, source


def strip_credits(blocks: list[RawBlock], rules: JunkRules) -> tuple[list[RawBlock], list[str]]:
    """Drop credits, sign-offs and junk; return (kept blocks, credit lines)."""
    kept, _, credits, _ = strip_junk(blocks, rules)
    return kept, credits


# --------------------------------------------------------------------------- dates, slug, summary


FILE_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_date(value: str) -> dt.datetime | None:
    """Parse YYYY-MM-DD, YYYY-MM-DD HH:MM, ISO 8601 or RFC 2822; None if not a date."""
    value = value.strip()
    if not value or len(value) > 64:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def date_from_filename(filename: str) -> dt.datetime | None:
    """Date from a ``YYYY-MM-DD-…`` file name, or None."""
    match = FILE_DATE_RE.match(os.path.basename(filename))
    if not match:
        return None
    try:
        return dt.datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


# Years a wire story can plausibly carry; outside them the date is a typo
# (0001, 2204) that would file the story in a strange place or hold it back
# as "future" for ever. Fixed, not "now": the same input gives the same report.
PLAUSIBLE_YEARS = range(1900, 2100)


def choose_date(header: dict[str, str], filename: str) -> tuple[dt.datetime | None, list[str]]:
    """Header Date beats the file name; never the file's mtime."""
    warnings: list[str] = []
    found = None
    if "date" in header:
        found = parse_date(header["date"])
        if found is None:
            warnings.append(f"bad Date header {header['date'][:40]!r}: use YYYY-MM-DD")
    if found is None:
        found = date_from_filename(filename)
        if found is None:
            warnings.append(NO_DATE)
    if found is not None and found.year not in PLAUSIBLE_YEARS:
        warnings.append(f"date {found.date().isoformat()} looks like a typo: check the Date header "
                        "or the file name")
    return found, warnings


# A dateline's day: "March 3", "Feb. 26", "3 марта", "6 июн".
MONTH_STEMS = {**{m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    **{m: i for i, m in enumerate("янв фев мар апр ма июн июл авг сен окт ноя дек".split(), 1)}}
DAY_MONTH_RE = re.compile(r"(?:(?P<month>[^\W\d_]{3,9})\.?\s+(?P<day>\d{1,2})"
                          r"|(?P<day2>\d{1,2})\s+(?P<month2>[^\W\d_]{3,9}))\b")
DATELINE_SLACK_DAYS = 1  # a story filed late in the evening is dated the next day


def _month_and_day(day: str | None) -> tuple[int, int] | None:
    """(3, 17) for "March 17", "17 марта", "Mar. 17"; None for "5 pct"."""
    found = DAY_MONTH_RE.search(day or "")
    if found is None:
        return None
    name = (found.group("month") or found.group("month2")).lower()
    month = MONTH_STEMS.get(name[:3]) or MONTH_STEMS.get(name[:2])
    return (month, int(found.group("day") or found.group("day2"))) if month else None


def _is_month_day(day: str | None) -> bool:
    return _month_and_day(day) is not None


def dateline_date_warning(dateline: Dateline | None, date: dt.datetime | None) -> list[str]:
    """A warning when the dateline's day is not the story's date ("TOKYO, May 18"
    on a story dated 18 March): one of them is wrong, and readers see both."""
    if dateline is None or not dateline.day or date is None:
        return []
    month_day = _month_and_day(dateline.day)
    if month_day is None:
        return []
    month, day = month_day
    gaps = []
    for year in (date.year - 1, date.year, date.year + 1):  # "Dec 31" on a 1 January story
        try:
            gaps.append(abs((dt.date(year, month, day) - date.date()).days))
        except ValueError:  # 29 February of a common year, 31 June
            continue
    if not gaps or min(gaps) <= DATELINE_SLACK_DAYS:
        return []
    return [f"dateline says {dateline.day}, the story is dated {date.date().isoformat()}: "
            "check the Date header or the file name"]


SLUG_SEP_RE = re.compile(r"[^a-z0-9]+")


def make_slug(text: str, max_len: int = SLUG_MAX) -> str:
    """ASCII, lower-case, hyphenated slug cut at a word boundary.

    Accents are dropped ("Ürümqi" -> "urumqi"); any other letter is
    transliterated as Pelican transliterates tags ("ПУТИН В ПЕКИНЕ" ->
    "putin-v-pekine", "Łódź" -> "lodz"), rather than lost. Punctuation
    goes ("China’s" -> "chinas").
    """
    slug = SLUG_SEP_RE.sub("-", _ascii_letters(text).lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[: max_len + 1].rfind("-")
        slug = slug[: cut if cut > 0 else max_len].strip("-")
    return slug


def _ascii_letters(text: str) -> str:
    if text.isascii():
        return text
    from unidecode import unidecode  # Pelican's own transliteration (slugify)

    out = []
    for char in text:
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        # Letters are spelled out; punctuation and symbols go, as before
        # ("China’s" -> "chinas", "£42m" -> "42m").
        out.append(plain or (unidecode(char) if char.isalnum() else ""))
    return "".join(out)


SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]?(?=\s+[\"“‘(A-Z0-9])")


def make_summary(lede: str, max_len: int = SUMMARY_MAX) -> str:
    """The lede, shortened only at a sentence end (never mid-sentence)."""
    if len(lede) <= max_len:
        return lede
    ends = [m.end() for m in SENTENCE_END_RE.finditer(lede, 0, max_len + 1)]
    if ends:
        return lede[: ends[-1]]
    first = SENTENCE_END_RE.search(lede)
    return lede[: first.end()] if first else lede


# --------------------------------------------------------------------------- assembly


def _looks_like_headline(line: str) -> bool:
    return len(line) <= 200 and not line.rstrip().endswith((".", "!", "?", ":", ";", ","))


def split_headline(lines: list[str], start: int, header: dict[str, str]) -> tuple[str, int]:
    """Return (raw headline, index of the first body line); a header Title wins."""
    first = next((i for i in range(start, len(lines)) if lines[i].strip()), None)
    if header.get("title"):
        # The wire's own headline line, if still there, is replaced, not body.
        if first is not None and _looks_like_headline(lines[first]):
            after = lines[first + 1] if first + 1 < len(lines) else ""
            if not after.strip():
                return lines[first].strip(), first + 1
        return header["title"], start
    if first is None:
        raise WireError("no headline")
    if _headline_goes_on(lines, first):
        return f"{lines[first].strip()} {lines[first + 1].strip()}", first + 2
    return lines[first].strip(), first + 1


HEADLINE_LINE_MAX = 80  # characters: a wrapped headline's second line is short
# A second line that opens with one of these is a byline or a label, not the rest
# of the headline ("by Reuters Staff", "updated 2 hours ago", "source: Xinhua").
NOT_HEADLINE_WORDS = frozenset("by updated posted published source photo via filed".split())


def _headline_goes_on(lines: list[str], first: int) -> bool:
    """True when an ALL-CAPS headline is wrapped onto a second ALL-CAPS line
    ("RUSSIA AND CHINA SIGN DEAL ON" / "POWER OF SIBERIA 2 PIPELINE").

    Only when a blank line follows: a byline, a dateline or a sentence under
    the headline is body, and so is a line of a header block.
    """
    if first + 2 >= len(lines) or lines[first + 2].strip():
        return False
    head, more = lines[first].strip(), lines[first + 1].strip()
    rules = load_junk()
    # "Kazakhstan central bank raises base rate to 16.75%" / "to curb inflation":
    # a line opening in lower case goes on with the headline above it.
    first_word = more.split(" ", 1)[0]
    lower_rest = (first_word.islower() and first_word.rstrip(":") not in NOT_HEADLINE_WORDS
                  and ":" not in more[:20] and classify_line(more, rules) is None
                  and not is_all_caps(head)
                  and not head.endswith((".", "!", "?", ":")) and not more.endswith((".", "!", "?"))
                  and len(more) <= HEADLINE_LINE_MAX and len(head) + len(more) < HEADLINE_MAX)
    if lower_rest:
        return True
    return (is_all_caps(head) and is_all_caps(more)
            and len(more.split()) >= 2  # "BEIJING", "XINHUA": a place or an agency alone
            and len(more) <= HEADLINE_LINE_MAX
            and not head.endswith((".", "!", "?", ":"))
            and not more.endswith((".", "!", "?"))  # a sentence: the lede
            and len(head) + len(more) < HEADLINE_MAX
            and BYLINE_RE.match(more) is None
            and parse_dateline(more + " x") is None
            and KEY_LINE_RE.match(more) is None
            and not _names_an_agency(more)
            and KICKER_RE.match(more) is None
            and DATE_LINE_RE.search(more) is None)


# Desk words that head a story of their own, not a headline's second line.
KICKER_RE = re.compile(r"^(?:UPDATE|REFILE|CORRECTED|CORRECTION|EXCLUSIVE|ANALYSIS|"
                       r"FACTBOX|WRAPUP|BREAKINGVIEWS|RPT)\b")
DATE_LINE_RE = re.compile(rf"^{MONTH_NAME_RE}\s+\d{{1,2}}\b|^\d{{1,2}}\s+{MONTH_NAME_RE}\b",
                          re.IGNORECASE)


# A byline is looked for in the first blocks; deeper down (under an editor's
# introduction in italics) only a line of its own that opens with "By".
BYLINE_TOP = 3
BYLINE_DEEP = 8
# Set apart in bold or italics ("<strong><em>By Zheng Churan</em></strong>"), not a
# plain subheading ("By Boat and Plane").
EMPHASISED_LINE_RE = re.compile(r"(?:<(?:strong|em|b|i)\b[^<>]*>\s*)+by\b", re.IGNORECASE)


def _find_byline(
    blocks: list[RawBlock], rules: JunkRules
) -> tuple[tuple[str, ...], str | None, int | None]:
    for i, block in enumerate(blocks[:BYLINE_DEEP]):
        if block.kind != "paragraph":
            continue
        text = plain_text(block.raw)
        if len(text) > 160 or (i >= BYLINE_TOP and not (
                BYLINE_RE.match(text) and EMPHASISED_LINE_RE.match(block.raw.strip()))):
            continue
        found = split_byline(text, rules.agencies)
        if found and (i < BYLINE_TOP or found[0]):
            return found[0], found[1], i
    return (), None, None


def _header_authors(header: dict[str, str]) -> tuple[str, ...] | None:
    value = header.get("author") or header.get("authors")
    if not value:
        return None
    names = [n.strip() for n in re.split(r",|;|\band\b", value) if n.strip()]
    return tuple(plain_text(n) for n in names if plain_text(n))


def _render(block: RawBlock, kind: str | None = None) -> Block:
    if block.kind == "list":
        pairs = [render_inline(item) for item in block.items]
        items = tuple(p[0] for p in pairs)
        items_html = tuple(p[1] for p in pairs)
        return Block("list", "\n".join(items), "", items=items, items_html=items_html,
                     ordered=block.ordered)
    if block.kind == "table":  # shown as set, every character escaped
        return Block("table", block.raw, html.escape(block.raw, quote=False))
    text, markup = render_inline(block.raw)
    return Block(kind or block.kind, text, markup)  # type: ignore[arg-type]


HEADING_RE = re.compile(r"<h([1-6])\b[^<>]*>(?:(?!</?h[1-6]\b).)*</h\1\s*>",
                        re.IGNORECASE | re.DOTALL)
SUBHEADING_MARKED_MAX = 120  # characters: a marked heading longer than this is prose
BOLD_LINE_RE = re.compile(r"<(strong|b)\b[^<>]*>(?:(?!</?(?:strong|b)\b).)*</\1\s*>",
                          re.IGNORECASE | re.DOTALL)
SUBHEADING_BOLD_MAX = 80  # characters
# A pull quote's attribution follows its closing quote: "“We will keep fighting,” his wife said".
ATTRIBUTION_RE = re.compile(r"[\"”’»],?\s+(?:\w+\s+){0,3}(?:said|says|told|asked)\b",
                            re.IGNORECASE)


def _final_blocks(raw_blocks: list[RawBlock]) -> list[Block]:
    blocks: list[Block] = []
    for i, raw in enumerate(raw_blocks):
        block = _render(raw)
        is_sub = block.kind == "paragraph" and 0 < i < len(raw_blocks) - 1 and (
            # a heading the copy marks as one ("<h3>Petition, Firing, and Arrest</h3>")
            (HEADING_RE.fullmatch(raw.raw.strip()) is not None
             and 0 < len(block.text) <= SUBHEADING_MARKED_MAX)
            # a line set in bold on its own ("<strong>‘In limbo’</strong>"): the
            # copy's own heading, even when it ends with a quotation mark
            or (BOLD_LINE_RE.fullmatch(raw.raw.strip()) is not None
                and 0 < len(block.text) <= SUBHEADING_BOLD_MAX
                and not block.text.rstrip("\"'”’»").endswith((".", "!", "?", ":", ";", ","))
                and ATTRIBUTION_RE.search(block.text) is None)  # a pull quote: "…," she said
            or (_looks_like_subheading(block.text) and _opens_section(raw_blocks[i + 1]))
        )
        if is_sub:
            block = Block("subheading", block.text, block.html)
        if block.text or block.items:
            blocks.append(block)
    return blocks


STANDFIRST_MAX = 150  # characters: a line above the lede ("updated 2 hours ago", a standfirst)


def _apply_dateline(
    blocks: list[RawBlock],
    header: dict[str, str],
    rules: JunkRules,
    removed: list[Removed],
    credits: list[str],
) -> Dateline | None:
    if "dateline" in header:
        found = parse_dateline(header["dateline"].rstrip(" -–—") + " - x")
        if found:
            return found[0]
    if len(blocks) > 1 and blocks[0].kind == blocks[1].kind == "paragraph":
        place = _city_and_agency(plain_text(blocks[0].raw), rules.agencies)
        if place is not None:
            return _dateline_under(place, blocks, rules, removed, credits)
    for i, block in enumerate(blocks[:2]):
        if block.kind != "paragraph":
            return None
        found = parse_dateline(block.raw.lstrip())
        # Under a line above the lede, only a dateline that reads as one: a city
        # in capitals or an agency ("HONG KONG, July 9 (Reuters) -").
        if found and (i == 0 or found[0].agency or is_all_caps(found[0].text.split(",")[0])):
            block.raw = found[1]
            return found[0]
        text = plain_text(block.raw)
        if len(text) > STANDFIRST_MAX or text.rstrip().endswith((".", "!", "?")):
            return None  # the lede itself, with no dateline
    return None


def _dateline_under(
    place: tuple[str, str],
    blocks: list[RawBlock],
    rules: JunkRules,
    removed: list[Removed],
    credits: list[str],
) -> Dateline | None:
    """The dateline when "MOSCOW, Reuters" is a line of its own above the lede.

    Above a lede without a dateline it is the dateline. Above one with the
    same city it is a repeat, dropped (its agency kept when the lede's
    dateline names none). Above another city's or agency's dateline it is
    kept as a credit line, and the lede's own dateline is the story's.
    """
    city, agency = place
    line = blocks.pop(0)
    lede = blocks[0]
    found = parse_dateline(lede.raw.lstrip())
    if found is None:
        found = parse_dateline(f"{city} ({agency}) - {lede.raw.lstrip()}")
        if found is None:  # cannot happen: the city and agency were checked
            blocks.insert(0, line)
            return None
        lede.raw = found[1]
        return found[0]
    dateline, lede.raw = found

    def canonical(name: str) -> str:
        return rules.aliases.get(name.strip().lower(), name).strip().lower()

    if dateline.city.lower() == city.lower() and (
        dateline.agency is None or canonical(dateline.agency) == canonical(agency)
    ):
        removed.append(Removed(plain_text(line.raw), "dateline"))
        return dateline if dateline.agency else replace(dateline, agency=agency)
    credits.append(plain_text(line.raw))
    return dateline


def parse(
    text: str, filename: str, *, headline_case: str = "title", junk: JunkRules | None = None
) -> WireStory:
    """Parse decoded wire text into a WireStory; raise WireError when it is not a story."""
    try:
        return _parse(text, filename, headline_case, junk or load_junk())
    except WireError:
        raise
    except Exception as err:  # a parser bug must not crash the build
        raise WireError(f"could not parse: {type(err).__name__}: {err}"[:200]) from err


def _lede(blocks: list[Block]) -> str:
    """The story's first paragraph, the summary lists and feeds show.

    Not a paragraph after a table the story opens with ("TOTAL SALES 3792"),
    nor the table itself run together: a story of figures has no summary.
    """
    for block in blocks:
        if block.kind in ("paragraph", "quote"):
            return block.text
        if block.kind == "table":
            return ""
    return blocks[0].text


def _refuse_a_lede_or_byline_as_headline(headline: str, body: list[str],
                                         rules: JunkRules) -> None:
    """A file whose first line is its dateline and lede, or a byline right above
    one, has no headline; published, its lede or byline would be the title."""
    first = plain_text(headline)
    if _is_dateline_lede(first):
        raise WireError("no headline: the first line is the dateline and lede "
                        f"({first[:40].strip()!r} …); put the headline above it, "
                        "or give a Title: header")
    # A byline sits on the line right above the dateline; a headline has a blank
    # line under it ("By Royal Decree", then the story).
    under = body[0] if body else ""
    found = split_byline(first, rules.agencies) if first.lower().startswith("by ") else None
    if found and found[0] and _is_dateline_lede(plain_text(under)) and all(
            len(name.split()) >= 2 and name.split()[0] not in ("The", "A", "An")
            for name in found[0]):
        raise WireError(f"no headline: the first line is a byline ({first[:40].strip()!r}); "
                        "put the headline above it, or give a Title: header")


LEDE_MIN = 40  # characters after a dateline that make a lede, not a headline's tail


def _is_dateline_lede(line: str) -> bool:
    """Whether a file's first line is a lede with its dateline ("MOSCOW, June 2
    (Reuters) - Russia and China signed …."), not a headline with a dash in it."""
    found = parse_dateline(line.strip())
    if found is None:
        return False
    dateline, rest = found
    city = dateline.text.split(",")[0].split("(")[0].strip()
    # As wires set them: the city in capitals with its month and day, or an
    # agency named ("Beijing (Reuters) -"). "Ukraine war, day 100 - …" and
    # "Hong Kong, June 4 - Will … survive?" are headlines.
    wire_set = (bool(dateline.agency and AGENCY_NAME_RE.match(dateline.agency))
                or (is_all_caps(city) and _is_month_day(dateline.day)))
    return (wire_set and bool(dateline.city) and len(dateline.city.split()) <= CITY_WORDS_MAX
            and len(rest) >= LEDE_MIN and rest.rstrip().endswith((".", "!", '"', "”", "»")))


def dateline_names(dateline: Dateline | None) -> tuple[str, ...]:
    """The names a dateline gives a story ("Москва", "China"): its text no longer has them."""
    return tuple(n for n in (dateline.city, dateline.region) if n) if dateline else ()


def _parse(text: str, filename: str, headline_case: str, rules: JunkRules) -> WireStory:
    if not text.strip():
        raise WireError("empty file" if not text else "file is only whitespace")
    text, warnings = clean_controls(text)
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    header, used, header_warnings = parse_header(lines)
    warnings += header_warnings
    headline_raw, body_start = split_headline(lines, used, header)
    if not header.get("title"):
        _refuse_a_lede_or_byline_as_headline(headline_raw, lines[body_start:], rules)
    if len(headline_raw) > HEADLINE_MAX:
        raise WireError(f"no headline: the first line is {len(headline_raw)} characters long")
    if header.get("title"):  # the editor's own words: no label to strip
        title_text = plain_text(header["title"])
    else:
        title_text = strip_desk_labels(plain_text(headline_raw), rules.headline_prefixes)
    if not title_text.strip():
        raise WireError("no headline")
    body_lines, removed = drop_hidden_markup(lines[body_start:])
    raw_blocks = build_blocks(body_lines, rules)
    authors, source, byline_at = _find_byline(raw_blocks, rules)
    if byline_at is not None:
        removed.append(Removed(plain_text(raw_blocks.pop(byline_at).raw), "byline"))
        under = raw_blocks[byline_at] if byline_at < len(raw_blocks) else None
        # "By NAME" / "Associated Press": the agency on a line of its own under the name.
        if (source is None and under is not None and under.kind == "paragraph"
                and _is_agency(plain_text(under.raw), rules.agencies)):
            source = plain_text(raw_blocks.pop(byline_at).raw)
            removed.append(Removed(source, "byline"))
            under = raw_blocks[byline_at] if byline_at < len(raw_blocks) else None
        # RFA's date line under the byline ("2024.06.06"): the story's date says it.
        if under is not None and under.kind == "paragraph" and \
                DATE_ONLY_RE.fullmatch(plain_text(under.raw)):
            removed.append(Removed(plain_text(raw_blocks.pop(byline_at).raw), "byline"))
        if byline_at < BYLINE_TOP:  # cover-image notes above a byline are not body
            removed += [Removed(plain_text(b.raw), "junk") for b in raw_blocks[:byline_at]]
            del raw_blocks[:byline_at]
    kept, junk_removed, credits, credit_source = strip_junk(raw_blocks, rules)
    removed += junk_removed
    dateline = _apply_dateline(kept, header, rules, removed, credits)
    blocks = _final_blocks(kept)
    if not blocks:
        raise WireError("headline only: no story text under the headline")
    title = recase_headline(title_text, headline_case, rules.acronyms,
                            lambda words, names: body_spellings(blocks, words, names,
                                                                dateline_names(dateline)))
    date, date_warnings = choose_date(header, filename)
    date_warnings += dateline_date_warning(dateline, date)
    reporters = (dateline.reporter or "") if dateline else ""
    authors = _header_authors(header) or authors or tuple(
        n.strip() for n in REPORTERS_SPLIT_RE.split(reporters) if n.strip())
    source = (
        header.get("source") or source or (dateline.agency if dateline else None) or credit_source
    )
    if source:
        # One name per publisher, wherever it was found: "RFA" in a dateline
        # and "Radio Free Asia" in a credit must share one source page and feed.
        source = rules.aliases.get(source.strip().lower(), source)
    lede = _lede(blocks)
    slug = make_slug(header["slug"]) if header.get("slug") else make_slug(title)
    return WireStory(
        filename=filename,
        title=title,
        headline_raw=headline_raw,
        authors=authors,
        source=plain_text(source) if source else None,
        dateline=dateline,
        date=date,
        blocks=tuple(blocks),
        summary=plain_text(header.get("summary", "")) or make_summary(lede),
        slug=slug or make_slug(FILE_DATE_RE.sub("", Path(filename).stem)) or "story",
        credits=tuple(credits),
        removed=tuple(removed),
        warnings=tuple(warnings + date_warnings),
        header=header,
    )
