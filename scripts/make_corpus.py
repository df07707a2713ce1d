"""Generate a synthetic wire corpus for benchmarks, deterministically from a seed.

The stories are invented word salad over a fixed vocabulary of countries,
cities, topics and people the auto-tagger knows, shaped like agency copy:
headline, byline, a dated dateline lede, 400-700 words of paragraphs, a
subheading and a credit line. The same stories can be written as wire ``.txt``
files (our reader) or as Markdown (plain Pelican, the benchmark's baseline),
so both builds process the same text.

    python scripts/make_corpus.py OUT_DIR --n 1000 [--seed 10] [--format wire|markdown]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

SEED = 10
FIRST_DAY = dt.date(2021, 1, 4)
SPAN_DAYS = 3 * 365 + 200  # dates spread over about three and a half years
RESEND_SHARE = 0.01  # wire services re-send updated copies: a few near-duplicates

# (city, country, region) — every name is in the tagger's gazetteer.
PLACES = [
    ("Moscow", "Russia", "Eastern Europe"),
    ("St Petersburg", "Russia", "Eastern Europe"),
    ("Vladivostok", "Russia", "Eastern Europe"),
    ("Novosibirsk", "Russia", "Eastern Europe"),
    ("Beijing", "China", "Eastern Asia"),
    ("Shanghai", "China", "Eastern Asia"),
    ("Harbin", "China", "Eastern Asia"),
    ("Urumqi", "China", "Eastern Asia"),
    ("Hong Kong", "China", "Eastern Asia"),
    ("Astana", "Kazakhstan", "Central Asia"),
    ("Almaty", "Kazakhstan", "Central Asia"),
    ("Tashkent", "Uzbekistan", "Central Asia"),
    ("Bishkek", "Kyrgyzstan", "Central Asia"),
    ("Ulaanbaatar", "Mongolia", "Eastern Asia"),
    ("Tokyo", "Japan", "Eastern Asia"),
    ("Seoul", "South Korea", "Eastern Asia"),
    ("Pyongyang", "North Korea", "Eastern Asia"),
    ("Kyiv", "Ukraine", "Eastern Europe"),
    ("Minsk", "Belarus", "Eastern Europe"),
    ("Tbilisi", "Georgia", "Western Asia"),
    ("New Delhi", "India", "Southern Asia"),
    ("Dushanbe", "Tajikistan", "Central Asia"),
]
TOPICS = {
    "oil": ["crude oil exports", "oil output", "a new refinery", "OPEC quotas", "oil prices"],
    "gas": ["natural gas supplies", "a gas pipeline", "LNG shipments", "gas transit fees"],
    "trade": ["trade talks", "export tariffs", "a trade deal", "customs rules", "import quotas"],
    "sanctions": ["sanctions on banks", "new sanctions", "export controls", "asset freezes"],
    "military": ["military drills", "troop movements", "a naval exercise", "arms deliveries"],
    "economy": ["inflation", "the central bank rate", "economic growth", "the budget deficit"],
    "diplomacy": ["a state visit", "a summit", "an ambassador", "a joint statement"],
    "technology": ["semiconductor plants", "satellite launches", "telecoms equipment"],
    "environment": ["wildfires", "a drought", "river pollution", "carbon emissions"],
    "elections": ["a parliamentary election", "the opposition", "a referendum"],
}
PEOPLE = [
    "Vladimir Putin",
    "Xi Jinping",
    "Sergei Lavrov",
    "Wang Yi",
    "Kassym-Jomart Tokayev",
    "Shavkat Mirziyoyev",
    "Fumio Kishida",
    "Narendra Modi",
    "Alexander Lukashenko",
]
AGENCIES = ["Reuters", "AP", "AFP", "Xinhua", "TASS", "Interfax", "Kyodo", "RFA"]
FIRST = [
    "Anna",
    "Dmitry",
    "Olga",
    "Li",
    "Chen",
    "Aigerim",
    "Timur",
    "Yuki",
    "Maria",
    "Pavel",
    "Zhang",
    "Elena",
    "Nurlan",
    "Hiroshi",
    "Irina",
    "Wei",
    "Sergei",
    "Daria",
    "Min",
    "Aliya",
]
LAST = [
    "Petrova",
    "Ivanov",
    "Sokolova",
    "Wei",
    "Ming",
    "Nurpeisova",
    "Akhmetov",
    "Tanaka",
    "Kuznetsova",
    "Volkov",
    "Hua",
    "Morozova",
    "Sadykov",
    "Sato",
    "Orlova",
    "Jun",
    "Smirnov",
    "Lebedeva",
    "Park",
    "Bekova",
    "Fedorov",
    "Kim",
    "Zhou",
    "Pavlova",
    "Grigoryev",
]
SUBJECTS = [
    "officials",
    "the ministry",
    "analysts",
    "diplomats",
    "traders",
    "economists",
    "regional authorities",
    "the government",
    "lawmakers",
    "industry executives",
    "state media",
    "a spokesman",
    "local residents",
    "the foreign ministry",
    "investors",
    "bankers",
    "the customs service",
    "port operators",
    "the regulator",
]
VERBS = [
    "said",
    "warned",
    "expected",
    "announced",
    "denied",
    "confirmed",
    "estimated",
    "reported",
    "argued",
    "predicted",
    "acknowledged",
    "insisted",
    "suggested",
    "noted",
]
ADJECTIVES = [
    "sharp",
    "gradual",
    "unexpected",
    "modest",
    "steep",
    "record",
    "temporary",
    "planned",
    "disputed",
    "long-delayed",
    "renewed",
    "quarterly",
    "annual",
    "cautious",
    "fragile",
    "broad",
    "limited",
    "fresh",
    "bilateral",
    "regional",
    "cross-border",
]
NOUNS = [
    "increase",
    "decline",
    "agreement",
    "investment",
    "shortage",
    "surplus",
    "delay",
    "review",
    "dispute",
    "recovery",
    "slowdown",
    "expansion",
    "reform",
    "loan",
    "payment",
    "tender",
    "contract",
    "inspection",
    "shipment",
    "project",
    "forecast",
    "proposal",
]
WHEN = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "this week",
    "last month",
    "earlier this year",
    "since January",
    "over the weekend",
    "next quarter",
]
LINKS = ["while", "although", "after", "because", "as", "even though", "before", "since"]
SUBHEADINGS = [
    "Market reaction",
    "Background",
    "What comes next",
    "Regional impact",
    "Talks stall",
    "Supply concerns",
    "Official response",
    "Wider picture",
]


@dataclass(frozen=True)
class SyntheticStory:
    """One invented story, ready to be written in either format."""

    date: dt.datetime
    slug: str
    headline: str
    author: str
    agency: str
    city: str
    region: str
    paragraphs: tuple[str, ...]
    subheading: str
    credit: str
    tags: tuple[str, ...]


def make_corpus(n: int, seed: int = SEED) -> list[SyntheticStory]:
    """Return ``n`` stories, the same ones for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    stories: list[SyntheticStory] = []
    for index in range(n):
        if stories and rng.random() < RESEND_SHARE:
            stories.append(resend_story(rng, rng.choice(stories[-50:]), index))
        else:
            stories.append(make_story(rng, index))
    return stories


def make_story(rng: random.Random, index: int) -> SyntheticStory:
    """Invent one story of 400-700 words."""
    city, country, region = rng.choice(PLACES)
    other = rng.choice([p for p in PLACES if p[1] != country])
    topics = rng.sample(sorted(TOPICS), 2)
    person = rng.choice(PEOPLE)
    date = dt.datetime.combine(
        FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS)),
        dt.time(rng.randrange(24), rng.randrange(60)),
    )
    headline = _headline(rng, country, other[1], topics[0])
    words_wanted = rng.randrange(400, 700)
    paragraphs = [_lede(rng, country, other[1], topics[0], date)]
    while sum(len(p.split()) for p in paragraphs) < words_wanted:
        paragraphs.append(_paragraph(rng, (country, other[1]), (city, other[0]), topics, person))
    return SyntheticStory(
        date=date,
        slug=f"{_slugify(headline)}-{index:05d}",
        headline=headline,
        author=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        agency=rng.choice(AGENCIES),
        city=city,
        region=region,
        paragraphs=tuple(paragraphs),
        subheading=rng.choice(SUBHEADINGS),
        credit=f"Reporting by {rng.choice(FIRST)} {rng.choice(LAST)}; "
        f"Editing by {rng.choice(FIRST)} {rng.choice(LAST)}",
        tags=(country, other[1], city, *(t.capitalize() for t in topics)),
    )


def resend_story(rng: random.Random, original: SyntheticStory, index: int) -> SyntheticStory:
    """An updated copy of ``original``: a day later, one paragraph added."""
    extra = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} the {_phrase(rng)} would continue."
    return SyntheticStory(
        **{
            **original.__dict__,
            "date": original.date + dt.timedelta(hours=rng.randrange(1, 30)),
            "slug": f"{original.slug[:-6]}-update-{index:05d}",
            "paragraphs": (*original.paragraphs, extra),
        }
    )


def _headline(rng: random.Random, country: str, other: str, topic: str) -> str:
    noun = rng.choice(TOPICS[topic]).replace("a ", "", 1)
    forms = [
        f"{country} and {other} agree on {noun}",
        f"{country} warns {other} over {noun}",
        f"{country} weighs {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} in {noun}",
        f"{other} talks with {country} stall on {noun}",
    ]
    return rng.choice(forms)


def _lede(rng: random.Random, country: str, other: str, topic: str, date: dt.datetime) -> str:
    return (
        f"{country} and {other} {rng.choice(VERBS)} {rng.choice(WHEN)} a "
        f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} over {rng.choice(TOPICS[topic])}, "
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)}, {rng.choice(LINKS)} "
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} a {_phrase(rng)}."
    )


def _phrase(rng: random.Random) -> str:
    return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} in {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}s"


def _sentence(
    rng: random.Random,
    countries: tuple[str, str],
    cities: tuple[str, str],
    topics: list[str],
    person: str,
) -> str:
    subject = rng.choice(
        [
            *SUBJECTS,
            f"officials in {rng.choice(cities)}",
            person,
            f"{rng.choice(countries)}'s {rng.choice(['government', 'central bank', 'parliament'])}",
        ]
    )
    topic = rng.choice(TOPICS[rng.choice(topics)])
    return (
        f"{subject[0].upper()}{subject[1:]} {rng.choice(VERBS)} {rng.choice(WHEN)} that "
        f"{topic} faced a {_phrase(rng)}, {rng.choice(LINKS)} {rng.choice(SUBJECTS)} "
        f"in {rng.choice(cities)} {rng.choice(VERBS)} {rng.randrange(2, 98)} percent more."
    )


def _paragraph(
    rng: random.Random,
    countries: tuple[str, str],
    cities: tuple[str, str],
    topics: list[str],
    person: str,
) -> str:
    return " ".join(
        _sentence(rng, countries, cities, topics, person) for _ in range(rng.randrange(2, 4))
    )


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def to_wire(story: SyntheticStory) -> str:
    """The story as agency copy for the wire reader."""
    day = f"{story.date:%b} {story.date.day}"
    lede = f"{story.city.upper()}, {day} ({story.agency}) - {story.paragraphs[0]}"
    middle = len(story.paragraphs) // 2
    body = [lede, *story.paragraphs[1:middle], story.subheading, *story.paragraphs[middle:]]
    return (
        f"Date: {story.date:%Y-%m-%d %H:%M}\n\n{story.headline.upper()}\n\n"
        f"By {story.author}, {story.agency}\n" + "\n\n".join(body) + f"\n\n{story.credit}\n"
    )


def to_markdown(story: SyntheticStory) -> str:
    """The same story as Pelican Markdown with its tags, region and author."""
    middle = len(story.paragraphs) // 2
    body = [
        f"{story.city.upper()} ({story.agency}) - {story.paragraphs[0]}",
        *story.paragraphs[1:middle],
        f"## {story.subheading}",
        *story.paragraphs[middle:],
        f"*{story.credit}*",
    ]
    return (
        f"Title: {story.headline}\nDate: {story.date:%Y-%m-%d %H:%M}\n"
        f"Author: {story.author}\nCategory: {story.region}\nTags: {', '.join(story.tags)}\n"
        f"Slug: {story.slug}\n\n" + "\n\n".join(body) + "\n"
    )


def write_corpus(out: Path, stories: list[SyntheticStory], fmt: str = "wire") -> list[Path]:
    """Write one file per story into ``out`` (``wire`` or ``markdown``); return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    render, ext = (to_wire, "txt") if fmt == "wire" else (to_markdown, "md")
    paths = []
    for story in stories:
        path = out / f"{story.date:%Y-%m-%d}-{story.slug}.{ext}"
        path.write_text(render(story), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--format", choices=["wire", "markdown"], default="wire")
    args = parser.parse_args()
    paths = write_corpus(args.out, make_corpus(args.n, args.seed), args.format)
    print(f"{len(paths)} {args.format} files in {args.out}")


if __name__ == "__main__":
    main()
