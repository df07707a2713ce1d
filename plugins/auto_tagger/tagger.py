"""Tag a WireStory with countries, places, people and topics; pick its region.

Pure: strings and dataclasses in, frozen ``Tag`` objects out; never imports
pelican. One Aho-Corasick pass over headline + body finds every name; the
scores (weights in ``data/scoring.yaml``) decide which names are what the
story is *about* rather than merely mentioned.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from wire_reader.story import WireStory

from .vocabulary import Entry, Form, Vocabulary, load_vocabulary

__all__ = [
    "Tag",
    "Vocabulary",
    "apply_overrides",
    "choose_category",
    "find_mentions",
    "load_vocabulary",
    "tag",
]

MAX_EVIDENCE = 4
EDITOR_SCORE = 100.0


@dataclass(frozen=True)
class Tag:
    name: str
    kind: str  # country | place | region | topic | person | editor
    score: float
    evidence: tuple[str, ...]
    iso: str | None = None
    iptc: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (evidence as a list)."""
        data = asdict(self)
        data["evidence"] = list(self.evidence)
        return data


@dataclass(frozen=True)
class Mention:
    start: int
    end: int  # exclusive
    form: Form


def _word_before(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in "'’-"):
        j -= 1
    return text[j + 1 : i + 1] if i < start - 1 else ""


_WORD_AFTER = re.compile(r" +([^\W_]+)")


def _word_after(text: str, end: int) -> str:
    """The word after text[:end] across spaces ('' when none: punctuation, end of text)."""
    match = _WORD_AFTER.match(text, end)
    return match.group(1) if match else ""


def _bounded(text: str, start: int, end: int, form: Form) -> bool:
    """True if text[start:end] is a whole word (or a plural, or a prefix form)."""
    if start > 0 and text[start - 1].isalnum():
        return False
    if form.prefix or end >= len(text) or not text[end].isalnum():
        return True
    return (
        form.plural and text[end] == "s" and (end + 1 >= len(text) or not text[end + 1].isalnum())
    )


def _named_person(text: str, m: Mention, vocab: Vocabulary) -> bool:
    """'Michael Jordan', 'Chad Smith': a country name that is part of a person's name;
    'Mr Houston', 'referee Hugh Dallas': a place or country after a title names a person."""
    name = m.form.text
    if m.form.proper and vocab.honorifics and _after_honorific(text, m.start, vocab):
        return True  # not a demonym: "Senator Japanese" is no name
    if name in vocab.not_after_name:
        before = _word_before(text, m.start)
        if before[:1].isupper() and before not in vocab.function_words:
            return True
    if name in vocab.not_before_name:
        after = _word_after(text, m.end)
        if after[:1].isupper() and after not in vocab.function_words:
            return True
    return False


def _after_honorific(text: str, start: int, vocab: Vocabulary) -> bool:
    """Whether a title ("Mr", "Dr.", "referee") comes right before ``start``; a
    title in lower case (a job in running text) may have a first name between
    ("referee Hugh Dallas"), a capitalised one not ("U.S. Senator Assails Japanese")."""
    words = text[max(0, start - 40):start].rsplit("\n", 1)[-1].split()
    if not words or text[start - 1:start] != " ":
        return False
    last = words[-1]
    if _is_title(last, vocab):
        return True
    # "referee Hugh Dallas"; never across a full stop ("said spokesman Peskov. Moscow")
    return (len(words) >= 2 and words[-2] in vocab.honorifics and words[-2].islower()
            and last[:1].isupper() and last.isalpha() and last not in vocab.function_words)


def _is_title(word: str, vocab: Vocabulary) -> bool:
    """"Mr", "Dr.", "Sen.", "referee": a full stop only after an abbreviation,
    as "… said a government spokesman. China …" ends a sentence."""
    if word.endswith("."):  # "Notre Dame. France …", "Amartya Sen. India …" end sentences
        return word[:-1] in ABBREVIATED_TITLES and word[:-1] in vocab.honorifics
    return word in vocab.honorifics


# Titles that take a full stop only as abbreviations, never at a sentence's end.
ABBREVIATED_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Gov"})


def find_mentions(text: str, vocab: Vocabulary) -> list[Mention]:
    """Leftmost-longest whole-word matches of every vocabulary form in text."""
    found = []
    for last, (length, form) in vocab.automaton.iter(text):
        start = last - length + 1
        if _bounded(text, start, last + 1, form):
            found.append(Mention(start, last + 1, form))
    found.sort(key=lambda m: (m.start, -m.end))
    chosen: list[Mention] = []
    edge = -1
    for m in found:
        if m.start >= edge:
            chosen.append(m)
            edge = m.end
    return [
        m
        for m in chosen
        if m.form.hits and not _named_person(text, m, vocab) and not _out_of_context(text, m, vocab)
    ]


def _in_company_name(text: str, m: Mention, vocab: Vocabulary, in_title: bool) -> bool:
    """'Oxford Energy <OEN>', 'Standard Oil Co', '... said Berry Petroleum': a common cue
    word capitalised as part of a name is no evidence of the topic."""
    form = m.form.text
    if not form[:1].isupper() or form.isupper() or form.lower() not in vocab.forms:
        return False  # lower-case use, or a proper-noun cue (OPEC, Gazprom)
    if _name_ends_soon(text, m.end, vocab):
        return True
    if in_title:  # headlines capitalise every word
        return False
    i = m.start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i >= 0 and text[i] not in ".!?:\n\"'(-" and not _word_before(text, m.start).isupper()


def _in_ticker_or_firm(text: str, m: Mention, after: str, vocab: Vocabulary) -> bool:
    """'Union Carbide <UK>', 'Italy Fund Inc', 'Hong Kong Land Co': a place name inside
    a ticker, or just before a legal-form word (``after``), names a firm."""
    return (m.start > 0 and text[m.start - 1] == "<") or after in vocab.firm_suffixes


def _firm_name_ends_soon(text: str, end: int, vocab: Vocabulary, in_title: bool,
                         words: int = 4) -> bool:
    """A ticker, or a legal-form word ("Inc", "Ltd"), within the next four capitalised
    words ("Houston Oil Royalty Trust <RTH>"): the place names a firm. Not
    "International", "Group": airports, festivals and rights groups are named after
    places too. In a headline, where every word is capitalised ("Shanghai Lockdown
    Hits Fund Managers"), only a ticker says so."""
    for _ in range(words):
        if text[end : end + 2].lstrip(" ").startswith("<"):
            return True
        word = _word_after(text, end)
        if not word[:1].isupper():
            return False
        if not in_title and (word in vocab.firm_suffixes or word in vocab.firm_name_words):
            return True
        end = text.index(word, end) + len(word)
    return False


def _name_ends_soon(text: str, end: int, vocab: Vocabulary, words: int = 3) -> bool:
    """A ticker ('<OEN>') or a company word ('Corp') within the next few capitalised
    words: 'Energy Development Ltd', 'Energy Factors <EFAC>'."""
    for _ in range(words):
        rest = text[end : end + 2].lstrip(" ")
        if rest.startswith("<"):
            return True
        word = _word_after(text, end)
        if not word[:1].isupper():
            return False
        if word in vocab.company_words:
            return True
        end = text.index(word, end) + len(word)
    return False


def _out_of_context(text: str, m: Mention, vocab: Vocabulary) -> bool:
    context = vocab.unless_context.get(m.form.text)
    return bool(context) and any(c in text for c in context)


class _Scores:
    """Accumulates per-entry scores, mention counts and evidence.

    Entries keep each mention's points so that ``decay`` can give repeated
    mentions diminishing returns (a story saying "U.S." ten times in passing
    should not outweigh one that is about Japan).
    """

    def __init__(self) -> None:
        self.score: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)
        self.evidence: dict[str, list[str]] = defaultdict(list)
        self.points: dict[str, list[float]] = defaultdict(list)

    def add(self, name: str, points: float, evidence: str, count: bool = True) -> None:
        self.score[name] += points
        self.points[name].append(points)
        if count:
            self.count[name] += 1
        ev = self.evidence[name]
        if len(ev) < MAX_EVIDENCE and evidence not in ev:
            ev.append(evidence)

    def decay(self, names: list[str], factor: float) -> None:
        """Re-score names: best mention counts fully, the next x factor, then x factor^2..."""
        if factor >= 1.0:
            return
        for name in names:
            points = self.points[name]
            if len(points) > 1:
                points.sort(reverse=True)
                self.score[name] = sum(p * factor**i for i, p in enumerate(points))


def _story_text(story: WireStory) -> tuple[str, int, int]:
    """Headline + body as one string, with the ends of the headline and lede."""
    title = story.title or ""
    lede = story.paragraphs[0] if story.paragraphs else ""
    body = story.body_text
    text = f"{title}\n\n{body}"
    title_end = len(title)
    lede_at = body.find(lede) if lede else -1
    lede_end = title_end + 2 + (lede_at + len(lede) if lede_at >= 0 else 0)
    return text, title_end, lede_end


def _score_hit(
    scores: _Scores, vocab: Vocabulary, entry: Entry, evidence: str, points: float, label: str
) -> None:
    ev_w = vocab.scoring["evidence"]
    if entry.kind == "country":
        scores.add(entry.name, points * ev_w.get(evidence, 1.0), label)
        return
    scores.add(entry.name, points, label)
    if entry.country:
        country = _country_name(vocab, entry.country)
        if country:
            scores.add(
                country, points * ev_w.get(evidence, 1.0), f"{label}→{entry.name}", count=False
            )


def _country_name(vocab: Vocabulary, iso: str) -> str | None:
    return vocab.iso_names.get(iso)


def score_story(story: WireStory, vocab: Vocabulary) -> tuple[_Scores, str | None]:
    """Score every entry mentioned; return the scores and the dateline's country."""
    text, title_end, lede_end = _story_text(story)
    scores = _Scores()
    for m in find_mentions(text, vocab):
        zone = "title" if m.start < title_end else "lede" if m.start < lede_end else "body"
        _score_mention(scores, vocab, text, m, zone)
    return scores, _score_dateline(story, vocab, scores)


def _score_mention(scores: _Scores, vocab: Vocabulary, text: str, m: Mention, zone: str) -> None:
    """Add one mention's points to every entry it is evidence for.

    Topic cues inside a company name count nothing; a place inside a ticker or a
    firm's name counts nothing; a country naming a currency counts little.
    """
    zone_points = vocab.scoring["zones"][zone]
    label = f"{zone}:{text[m.start : m.end]}"
    topics = [h for h in m.form.hits if vocab.entries[h.entry].kind == "topic"]
    if topics and not _in_company_name(text, m, vocab, in_title=zone == "title"):
        for hit in topics:
            _score_hit(
                scores,
                vocab,
                vocab.entries[hit.entry],
                hit.evidence,
                zone_points * hit.weight,
                label,
            )
    if len(topics) == len(m.form.hits):
        return
    after = _word_after(text, m.end)
    if _in_ticker_or_firm(text, m, after, vocab):
        return
    if m.form.place_only and _firm_name_ends_soon(text, m.end, vocab, zone == "title"):
        # "Texas Instruments <TXN>", "Kawasaki Heavy Industries Ltd": a firm.
        # Not for countries: "China Trade Group" still says China.
        return
    if after.lower() in vocab.currency_words:
        zone_points *= vocab.scoring.get("context", {}).get("currency", 1.0)
    for hit in m.form.hits:
        entry = vocab.entries[hit.entry]
        if entry.kind != "topic":
            _score_hit(scores, vocab, entry, hit.evidence, zone_points * hit.weight, label)


def _score_dateline(story: WireStory, vocab: Vocabulary, scores: _Scores) -> str | None:
    """The dateline place counts like a headline mention; return its country.

    A state or country after the town decides the country ("MALVERN, Pa." is
    in the US, not Malvern in Canada); the town then counts only if it lies there.
    """
    dl = story.dateline
    if dl is None:
        return None
    if dl.region and _dateline_out_of_context(story, dl.region, vocab):
        # "ATLANTA, Georgia": the stoplist's context says this is not the
        # country Georgia but a place the vocabulary cannot name; nor may the
        # town place the story ("ATHENS, Georgia" is not in Greece).
        return None
    points = vocab.scoring["zones"]["dateline"]
    region_iso = _region_iso(vocab, dl.region) if dl.region else None
    if region_iso is None:
        return _dateline_part(vocab, scores, dl.city, points) if dl.city else None
    city = vocab.resolve(dl.city) if dl.city else None
    if city is not None and city.kind == "place" and city.country == region_iso:
        return _dateline_part(vocab, scores, dl.city, points)
    region = vocab.resolve(dl.region or "")
    if region is not None and region.kind in ("country", "place"):
        return _dateline_part(vocab, scores, dl.region or "", points)
    country = _country_name(vocab, region_iso)
    if country:
        scores.add(
            country,
            points * vocab.scoring["evidence"]["dateline"],
            f"dateline:{dl.region}",
            count=False,
        )
    return country


def _dateline_out_of_context(story: WireStory, part: str, vocab: Vocabulary) -> bool:
    context = vocab.unless_context.get(part.strip())
    if not context:
        return False
    dl = story.dateline
    text = f"{dl.city if dl else ''}\n{story.title}\n{story.body_text}"
    return any(c in text for c in context)


def _region_iso(vocab: Vocabulary, region: str) -> str | None:
    """ISO country of a dateline region: a state abbreviation, a country or a place."""
    iso = vocab.dateline_region(region)
    if iso:
        return iso
    entry = vocab.resolve(region)
    if entry is None:
        return None
    return (
        entry.iso if entry.kind == "country" else entry.country if entry.kind == "place" else None
    )


def _dateline_part(vocab: Vocabulary, scores: _Scores, part: str, points: float) -> str | None:
    """Score one dateline part (city or region); return its country's name."""
    entry = vocab.resolve(part)
    if entry is not None and entry.kind in ("country", "place"):
        _score_dateline_entry(scores, vocab, entry, points, f"dateline:{part}")
        return entry.name if entry.kind == "country" else _country_name(vocab, entry.country or "")
    # Small towns are only in the dateline gazetteer: a dateline is surely a place.
    country = _country_name(vocab, vocab.datelines.get(part.strip().lower(), ""))
    if country:
        scores.add(
            country, points * vocab.scoring["evidence"]["dateline"], f"dateline:{part}", count=False
        )
    return country


def _score_dateline_entry(
    scores: _Scores, vocab: Vocabulary, entry: Entry, points: float, label: str
) -> None:
    """A dateline place is where the reporter is: its own weight, not a passing city."""
    if entry.kind == "place":
        scores.add(entry.name, points, label)
    country = entry.name if entry.kind == "country" else _country_name(vocab, entry.country or "")
    if country:
        scores.add(
            country,
            points * vocab.scoring["evidence"]["dateline"],
            label,
            count=entry.kind == "country",
        )


def _select(scores: _Scores, vocab: Vocabulary, kind: str, keep: str | None = None) -> list[str]:
    rules = vocab.scoring[kind]
    names = [n for n in scores.score if vocab.entries[n].kind == kind]
    if not names:
        return []
    top = max(scores.score[n] for n in names)
    title_floor = rules.get("title_min_score")
    picked = [
        n
        for n in names
        if n == keep
        or (
            scores.score[n] >= _min_score(scores, rules, n, sole=len(names) == 1)
            and scores.score[n] >= rules.get("min_share", 0.0) * top
            and scores.count[n] >= rules.get("min_mentions", 0)
        )
        or (title_floor is not None and scores.score[n] >= title_floor and _in_title(scores, n))
    ]
    picked.sort(key=lambda n: -scores.score[n])
    return picked[: rules["max"]] if "max" in rules else picked


def _in_title(scores: _Scores, name: str) -> bool:
    return any(e.startswith("title:") for e in scores.evidence[name])


def _min_score(scores: _Scores, rules: dict[str, Any], name: str, sole: bool = False) -> float:
    """The floor for a name: higher when it is named only below the lede, lower when
    it is the only one of its kind and named up top ("Floods hit Vladivostok")."""
    up_top = any(e.startswith(("title:", "lede:")) for e in scores.evidence[name])
    if sole and up_top and "sole_min_score" in rules:
        return rules["sole_min_score"]
    if not up_top and "body_min_score" in rules:
        return max(rules.get("min_score", 0.0), rules["body_min_score"])
    return rules.get("min_score", 0.0)


def _make_tag(vocab: Vocabulary, name: str, scores: _Scores) -> Tag:
    e = vocab.entries[name]
    return Tag(
        name,
        e.kind,
        round(scores.score[name], 2),
        tuple(scores.evidence[name]),
        iso=e.iso,
        iptc=e.iptc,
        country=e.country,
    )


def _kind_rank(vocab: Vocabulary) -> dict[str, int]:
    return {k: i for i, k in enumerate(vocab.scoring["kind_order"])}


def sort_tags(tags: list[Tag], vocab: Vocabulary) -> list[Tag]:
    """Kind order (countries first), then by score, highest first."""
    rank = _kind_rank(vocab)
    return sorted(tags, key=lambda t: (rank.get(t.kind, len(rank)), -t.score, t.name))


def tag(
    story: WireStory,
    vocabulary: Vocabulary | None = None,
    *,
    max_tags: int = 8,
    threshold: float | None = None,
) -> list[Tag]:
    """Salient countries, places, people and topics of a story, best first per kind.

    ``threshold`` overrides the country min_score from scoring.yaml.
    """
    vocab = vocabulary or load_vocabulary()
    scores, dateline_country = score_story(story, vocab)
    scores.decay(
        [n for n in scores.score if vocab.entries[n].kind == "country"],
        vocab.scoring["country"].get("repeat_decay", 1.0),
    )
    keep = dateline_country if vocab.scoring["country"].get("keep_dateline") else None
    countries = _select(scores, vocab, "country", keep)
    if threshold is not None:
        countries = [n for n in countries if n == keep or scores.score[n] >= threshold]
    picked = countries + [
        n for k in ("place", "person", "topic") for n in _select(scores, vocab, k)
    ]
    tags = [_make_tag(vocab, n, scores) for n in picked]
    # Keep the best of each kind when capping: countries, then topics, then the rest.
    priority = {"country": 0, "topic": 1, "place": 2, "person": 3}
    tags.sort(key=lambda t: (priority.get(t.kind, 9), -t.score))
    return sort_tags(tags[:max_tags], vocab)


def choose_category(
    story: WireStory, tags: list[Tag], vocabulary: Vocabulary | None = None, mode: str = "region"
) -> str | None:
    """The story's section: header 'category', else the region of its main country.

    A header category with no letter or digit ("???") could have no address:
    the region is chosen instead (the Pelican glue reports it).
    """
    header = story.header.get("category", "").strip()
    if any(ch.isalnum() for ch in header):
        return header
    if mode != "region":  # "none"; "folder" is decided by the Pelican glue
        return None
    vocab = vocabulary or load_vocabulary()
    countries = [t for t in tags if t.kind == "country"] or [t for t in tags if t.country]
    # A country the headline names first: "Chinese Pork Output Seen Lower -- USDA"
    # is China's story, though a Washington dateline and one "U.S." outscore it.
    for t in sorted(countries, key=lambda t: (not _in_headline(t), -t.score)):
        region = vocab.region_of(t.iso or t.country)
        if region:
            return region
    return None


def _in_headline(tag: Tag) -> bool:
    return any(e.startswith("title:") for e in tag.evidence)


def tag_and_place(
    story: WireStory,
    vocabulary: Vocabulary | None = None,
    *,
    max_tags: int = 8,
    mode: str = "region",
) -> tuple[list[Tag], str | None]:
    """What a build gives a story: its tags, the editor's ``Tags:`` header
    applied, and its region (None in "folder" mode: that needs the file's place)."""
    vocab = vocabulary or load_vocabulary()
    tags = apply_overrides(tag(story, vocab, max_tags=max_tags), story.header.get("tags"), vocab)
    category = None if mode == "folder" else choose_category(story, tags, vocab, mode=mode)
    return tags, category


def _split_header_tags(header_tags: str) -> list[str]:
    # Pelican's rule: semicolons when there are any ("Washington, D.C.; Arctic"), else commas.
    separator = ";" if ";" in header_tags else ","
    return [p.strip() for p in header_tags.split(separator) if p.strip()]


def apply_overrides(
    tags: list[Tag], header_tags: str | None, vocabulary: Vocabulary | None = None
) -> list[Tag]:
    """Apply a header 'Tags: Arctic, -Japan': add names, remove '-' names.

    Known names are canonicalised ('USSR' -> 'Russia') and keep their kind;
    unknown additions become kind 'editor'.
    """
    if not header_tags:
        return list(tags)
    vocab = vocabulary or load_vocabulary()
    out = list(tags)
    for raw in _split_header_tags(header_tags):
        remove = raw.startswith("-")
        name = raw.lstrip("-+ ").strip()
        entry = vocab.resolve(name)
        canonical = entry.name if entry else name
        out = [t for t in out if t.name.lower() != canonical.lower()]
        if not remove and canonical:
            out.append(_editor_tag(canonical, entry))
    return sort_tags(out, vocab)


def _editor_tag(name: str, entry: Entry | None) -> Tag:
    if entry is None:
        return Tag(name, "editor", EDITOR_SCORE, ("header:Tags",))
    return Tag(
        entry.name,
        entry.kind,
        EDITOR_SCORE,
        ("header:Tags",),
        iso=entry.iso,
        iptc=entry.iptc,
        country=entry.country,
    )


def one_name_per_slug(tags: list[Tag], slug_of: dict[str, str]) -> dict[str, str]:
    """Each tag name in ``slug_of`` -> the one name shown for its slug ("arctic" -> "Arctic").

    Pelican keeps one tag page per slug and titles it with whichever spelling
    it met last, so one editor typing "Tags: arctic" would retitle the tag
    everywhere. ``tags`` are the published stories' tags (drafts do not
    vote). The name shown is the vocabulary's, else the spelling most of them
    carry; a tie goes to the one with capitals, then to sort order. A slug no
    published story carries keeps each name as it is.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    known: dict[str, set[str]] = defaultdict(set)
    for t in tags:
        spellings[slug_of[t.name]][t.name] += 1
        if t.kind != "editor":
            known[slug_of[t.name]].add(t.name)
    best = {
        slug: min(counts, key=lambda name: (name not in known[slug], -counts[name],
                                            name.islower(), name))
        for slug, counts in spellings.items()
    }
    return {name: best.get(slug, name) for name, slug in slug_of.items()}
