"""Load and validate the tagger's vocabulary and build its matcher once.

Pure: reads only the JSON/YAML files in ``data/``; never imports pelican.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
KINDS = ("country", "place", "region", "topic", "person", "editor")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Entry:
    """One taggable thing: a country, place, person or topic."""

    name: str
    kind: str
    iso: str | None = None  # countries only
    country: str | None = None  # ISO of the country a place/person belongs to
    iptc: str | None = None  # topics only
    region: str | None = None  # UN M49 sub-region, countries only


@dataclass(frozen=True)
class Hit:
    """What one surface form is evidence for."""

    entry: str  # Entry.name
    evidence: str  # name | demonym | metonym | place | person | cue
    weight: float = 1.0  # cue weight (topics); 1.0 otherwise


@dataclass(frozen=True)
class Form:
    """A surface form in the automaton; ``hits`` empty means a stop form that
    only blocks shorter matches inside it ("American Express")."""

    text: str
    hits: tuple[Hit, ...]
    prefix: bool = False  # "Sino-": no right word boundary needed
    plural: bool = True  # a trailing "s" still counts
    # Known when the vocabulary is built, asked of every mention while tagging:
    proper: bool = False  # every hit a name or a place ("Houston", not "Japanese")
    place_only: bool = False  # its only entries besides topics are places ("Texas")


@dataclass
class Vocabulary:
    entries: dict[str, Entry]
    forms: dict[str, Form]
    lookup: dict[str, str]  # lower-cased alias -> Entry.name (for overrides, datelines)
    scoring: dict[str, Any]
    not_after_name: frozenset[str] = frozenset()
    not_before_name: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    firm_name_words: frozenset[str] = frozenset()
    currency_words: frozenset[str] = frozenset()
    company_words: frozenset[str] = frozenset()  # "Corp", "Inc": a name ends here
    firm_suffixes: frozenset[str] = frozenset()  # "Corp", "Fund": a place before it names a firm
    unless_context: dict[str, tuple[str, ...]] = field(default_factory=dict)
    iso_names: dict[str, str] = field(default_factory=dict)  # ISO -> canonical country name
    datelines: dict[str, str] = field(default_factory=dict)  # lower-cased city -> ISO
    dateline_regions: dict[str, str] = field(default_factory=dict)  # "pa" (from "Pa.") -> ISO
    automaton: Any = None

    def resolve(self, name: str) -> Entry | None:
        """The entry an alias, demonym or canonical name stands for, if any."""
        key = self.lookup.get(name.strip().lower())
        return self.entries.get(key) if key else None

    def dateline_region(self, region: str) -> str | None:
        """ISO country of a dateline's state/province abbreviation ("N.J." -> US)."""
        return self.dateline_regions.get(dateline_key(region))

    def region_of(self, iso: str | None) -> str | None:
        """UN M49 sub-region of a country given by ISO code."""
        entry = self.entries.get(self.iso_names.get(iso or "", ""))
        return entry.region if entry else None


def dateline_key(text: str) -> str:
    """'W. Va.' -> 'wva': abbreviations compare without case, dots or spaces."""
    return "".join(c for c in text.lower() if c.isalnum())


def _dateline_regions(data_dir: Path, known_iso: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for iso, abbreviations in (_read(data_dir / "dateline_regions.yaml") or {}).items():
        if iso not in known_iso:
            raise ValueError(f"auto_tagger: dateline_regions.yaml has unknown ISO code {iso!r}")
        for abbreviation in abbreviations:
            out.setdefault(dateline_key(str(abbreviation)), iso)
    return out


class _UniqueKeyLoader(_Loader):  # type: ignore[misc,valid-type]
    """YAML keeps the last of two entries under one key and drops the first
    without a word; an editor adding "Beijing: [Пекин]" below "Beijing:
    [Peking]" would lose Peking. Here that is an error naming the key."""


def _unique_mapping(loader: Any, node: Any, deep: bool = False) -> Any:
    seen = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"{key!r} is listed twice", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as err:
        raise ValueError(f"{path.name}: {err}") from err


def _case_variants(text: str) -> set[str]:
    """Names match as written or in ALL CAPS only ("US" never matches "us"), with
    either apostrophe ("Xi’an" as "Xi'an", "Korean People's Army" as "People’s")."""
    spellings = {text, text.replace("’", "'"), text.replace("'", "’")}
    return spellings | {s.upper() for s in spellings}


def _cue_variants(text: str) -> set[str]:
    if any(c.isupper() for c in text):  # OPEC, LNG, Gazprom: as written / ALL CAPS
        return {text, text.upper()}
    # "natural gas", "Natural gas", "Natural Gas" (headlines), "NATURAL GAS"
    return {text, text.capitalize(), text.title(), text.upper()}


class _Builder:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.forms: dict[str, list[Hit]] = {}
        self.lookup: dict[str, str] = {}
        self.stop: set[str] = set()
        self.not_cues: set[str] = set()

    def entry(self, entry: Entry) -> None:
        if entry.kind not in KINDS:
            raise ValueError(f"auto_tagger: unknown kind {entry.kind!r} for {entry.name!r}")
        self.entries.setdefault(entry.name, entry)

    def add(self, text: str, hit: Hit, *, cue: bool = False, lookup: bool = True) -> None:
        text = text.strip()
        if not text or text in self.stop:
            return
        for variant in _cue_variants(text) if cue else _case_variants(text):
            hits = self.forms.setdefault(variant, [])
            if all(h.entry != hit.entry for h in hits):
                hits.append(hit)
        if lookup:
            self.lookup.setdefault(text.lower().rstrip("-"), hit.entry)


def _add_countries(b: _Builder, data_dir: Path) -> dict[str, str]:
    """Add countries; return ISO -> canonical name."""
    aliases = _read(data_dir / "country_aliases.yaml") or {}
    by_iso: dict[str, str] = {}
    for row in _read(data_dir / "countries.json")["rows"]:
        iso = row["iso"]
        extra = aliases.get(iso) or {}
        name = extra.get("name") or row["name"]
        by_iso[iso] = name
        b.entry(Entry(name, "country", iso=iso, region=row["region"]))
        for form in [name, *extra.get("aliases", []), *row["names"]]:
            b.add(form, Hit(name, "name"))
        for form in extra.get("demonyms", []):
            b.add(form, Hit(name, "demonym"))
        for form in extra.get("metonyms", []):
            b.add(form, Hit(name, "metonym"))
    unknown = set(aliases) - set(by_iso)
    if unknown:
        raise ValueError(
            f"auto_tagger: country_aliases.yaml has unknown ISO codes {sorted(unknown)}"
        )
    return by_iso


def _add_places(b: _Builder, data_dir: Path, by_iso: dict[str, str]) -> None:
    aliases = _place_aliases(data_dir)
    hand = _read(data_dir / "places_extra.yaml") or {}
    for iso, names in hand.items():
        for name in names:
            if name in aliases:
                raise ValueError(f"auto_tagger: {name!r} is a place alias, not a place")
            _add_place(b, name, iso, by_iso)
    for row in _read(data_dir / "places.json")["rows"]:
        if row["name"] not in b.entries and row["name"] not in aliases:
            _add_place(b, row["name"], row["country"], by_iso)
    _add_place_aliases(b, aliases)


def _place_aliases(data_dir: Path) -> dict[str, str]:
    """Historical names -> canonical place ('Peking' -> 'Beijing'), from place_aliases.yaml."""
    path = data_dir / "place_aliases.yaml"
    raw = (_read(path) if path.exists() else None) or {}
    return {str(alias): str(place) for place, names in raw.items() for alias in names}


def _add_place_aliases(b: _Builder, aliases: dict[str, str]) -> None:
    """An alias is evidence for its canonical place, and tags it: one tag per place."""
    for alias, place in aliases.items():
        entry = b.entries.get(place)
        if entry is None or entry.kind != "place":
            raise ValueError(f"auto_tagger: place alias {alias!r} names unknown place {place!r}")
        if alias not in b.entries:  # a country of the same name wins, as for places
            b.add(alias, Hit(place, "place"))


def _add_place(b: _Builder, name: str, iso: str, by_iso: dict[str, str]) -> None:
    if iso not in by_iso:
        raise ValueError(f"auto_tagger: place {name!r} has unknown country {iso!r}")
    if name in b.entries or name in b.stop:  # a country of the same name wins
        return
    b.entry(Entry(name, "place", country=iso))
    b.add(name, Hit(name, "place"))


def _add_people(b: _Builder, data_dir: Path, by_iso: dict[str, str]) -> None:
    for row in _read(data_dir / "people.yaml") or []:
        if row["country"] not in by_iso:
            raise ValueError(f"auto_tagger: person {row['name']!r} has unknown country")
        b.entry(Entry(row["name"], "person", country=row["country"]))
        for form in [row["name"], *row.get("aliases", [])]:
            b.add(form, Hit(row["name"], "person"))


NAME_EVIDENCE = frozenset({"name", "place", "person", "metonym"})

# A form of another language names the entry as its own name would.
_FORM_HITS = {"country": "name", "place": "place", "person": "person"}


def _add_russian_forms(b: _Builder, data_dir: Path) -> None:
    """Russian forms of countries, places and people, and topics' Russian cues
    (russian_forms.yaml)."""
    path = data_dir / "russian_forms.yaml"
    raw = (_read(path) if path.exists() else None) or {}
    for name, spec in raw.items():
        entry = b.entries.get(name)
        if entry is not None and entry.kind == "topic":
            if set(spec or {}) != {"cues"} or not isinstance(spec["cues"], dict):
                raise ValueError(f"auto_tagger: russian_forms.yaml gives topic {name!r} "
                                 "something other than cues: {form: weight}")
            _add_topic(b, name, {"iptc": entry.iptc, "cues": spec["cues"]})
            continue
        if entry is None or entry.kind not in _FORM_HITS:
            raise ValueError(f"auto_tagger: russian_forms.yaml names unknown {name!r}")
        spec = spec or {}
        if spec.get("demonyms") and entry.kind != "country":
            raise ValueError(f"auto_tagger: russian_forms.yaml gives {name!r} demonyms; "
                             "only a country has them")
        for form in spec.get("names") or []:
            b.add(str(form), Hit(name, _FORM_HITS[entry.kind]))
        for form in spec.get("demonyms") or []:
            b.add(str(form), Hit(name, "demonym"))


def _add_topics(b: _Builder, data_dir: Path) -> None:
    raw = dict(_read(data_dir / "topics.yaml") or {})
    b.not_cues.update(str(c) for c in raw.pop("_not_cues", []))
    for name, spec in raw.items():
        _add_topic(b, name, spec)


def _add_topic(b: _Builder, name: str, spec: dict[str, Any]) -> None:
    cues = spec.get("cues") or {}
    if not isinstance(cues, dict):
        raise ValueError(f"auto_tagger: topic {name!r} cues must map cue -> weight")
    b.entry(Entry(name, "topic", iptc=spec.get("iptc")))
    b.lookup.setdefault(name.lower(), name)
    for cue, weight in cues.items():
        b.add(str(cue), Hit(name, "cue", float(weight)), cue=True, lookup=False)


def _add_extra(b: _Builder, extra: dict[str, Any], by_iso: dict[str, str]) -> None:
    """Editor additions (WIRE_TAGS_EXTRA): name -> {kind, aliases, country, iptc, cues}."""
    for name, spec in extra.items():
        spec = dict(spec or {})
        kind = spec.get("kind", "topic")
        if kind == "topic":
            _add_topic(
                b,
                name,
                {
                    "iptc": spec.get("iptc"),
                    "cues": spec.get("cues") or {a: 2.0 for a in [name, *spec.get("aliases", [])]},
                },
            )
            continue
        country = spec.get("country")
        if kind in ("place", "person") and country not in by_iso:
            raise ValueError(f"auto_tagger: WIRE_TAGS_EXTRA {name!r} needs a known ISO country")
        b.entries.pop(name, None)
        b.entry(Entry(name, kind, country=country, iso=spec.get("iso")))
        for form in [name, *spec.get("aliases", [])]:
            b.forms.pop(form, None)
            b.add(
                form,
                Hit(name, "place" if kind == "place" else kind if kind == "person" else "name"),
            )


def _automaton(forms: dict[str, Form]) -> Any:
    auto = ahocorasick.Automaton()
    for text, form in forms.items():
        auto.add_word(text, (len(text), form))
    auto.make_automaton()
    return auto


def _check_scoring(scoring: dict[str, Any]) -> dict[str, Any]:
    for key in ("zones", "evidence", "country", "place", "person", "topic", "kind_order"):
        if key not in scoring:
            raise ValueError(f"auto_tagger: scoring.yaml lacks {key!r}")
    return scoring


def build_vocabulary(data_dir: Path, extra: dict[str, Any] | None) -> Vocabulary:
    """Read every data file, validate it and compile the automaton."""
    stop = _read(data_dir / "stoplist.yaml") or {}
    b = _Builder()
    b.stop = set(stop.get("never", []))
    by_iso = _add_countries(b, data_dir)
    _add_people(b, data_dir, by_iso)
    _add_places(b, data_dir, by_iso)
    _add_topics(b, data_dir)
    _add_russian_forms(b, data_dir)  # after the topics: it adds their Russian cues
    if extra:
        _add_extra(b, extra, by_iso)
    # A trailing "s" counts for demonyms and cues ("Colombians", "tariffs"), not
    # for names: "Joss Stone" is no "Jos", "Allied-Lyons" no "Lyon".
    forms = {t: Form(t, tuple(h), prefix=t.endswith("-"),
                     plural=not all(x.evidence in NAME_EVIDENCE for x in h),
                     proper=all(x.evidence in ("name", "place") for x in h),
                     place_only={b.entries[x.entry].kind for x in h} - {"topic"} == {"place"})
             for t, h in b.forms.items()}
    for text in b.not_cues:
        for variant in _cue_variants(text):
            forms.setdefault(variant, Form(variant, ()))
    for text in b.stop:  # stop forms block the shorter names inside them
        for variant in _case_variants(text):
            forms.setdefault(variant, Form(variant, ()))
    vocab = Vocabulary(
        entries=b.entries,
        forms=forms,
        lookup=b.lookup,
        scoring=_check_scoring(_read(data_dir / "scoring.yaml")),
        not_after_name=frozenset(stop.get("not_after_name", [])),
        not_before_name=frozenset(stop.get("not_before_name", [])),
        function_words=frozenset(stop.get("function_words", [])),
        honorifics=frozenset(stop.get("honorifics", [])),
        firm_name_words=frozenset(stop.get("firm_name_words", [])),
        currency_words=frozenset(w.lower() for w in stop.get("currency_words", [])),
        company_words=frozenset(stop.get("company_words", [])),
        firm_suffixes=frozenset(stop.get("firm_suffixes", [])),
        unless_context={k: tuple(v) for k, v in (stop.get("unless_context") or {}).items()},
        iso_names=by_iso,
        datelines={
            k.lower(): v for k, v in _read(data_dir / "dateline_places.json")["places"].items()
        },
        dateline_regions=_dateline_regions(data_dir, by_iso),
    )
    vocab.automaton = _automaton(forms)
    return vocab


_CACHE: dict[tuple[str, str], Vocabulary] = {}
_LOCK = threading.Lock()


def load_vocabulary(
    data_dir: Path | None = None, extra: dict[str, Any] | None = None
) -> Vocabulary:
    """Load (once per data_dir and extra) the validated vocabulary."""
    key = (str(data_dir or DATA_DIR), json.dumps(extra or {}, sort_keys=True, default=str))
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = build_vocabulary(Path(data_dir or DATA_DIR), extra)
        return _CACHE[key]
