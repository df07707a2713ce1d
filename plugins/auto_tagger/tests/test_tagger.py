"""Table-driven tests of the pure tagger on small hand-written fixtures."""

from __future__ import annotations

import pytest
from auto_tagger.tagger import Tag, apply_overrides, choose_category, load_vocabulary, tag
from wire_reader.story import Block, Dateline, WireStory


def make_story(
    title: str,
    paragraphs: list[str],
    dateline: Dateline | None = None,
    header: dict[str, str] | None = None,
) -> WireStory:
    blocks = tuple(Block("paragraph", p, p) for p in paragraphs)
    return WireStory(
        filename="t.txt",
        title=title,
        headline_raw=title,
        authors=(),
        source=None,
        dateline=dateline,
        date=None,
        blocks=blocks,
        summary=paragraphs[0] if paragraphs else "",
        slug="t",
        header=header or {},
    )


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def names(tags: list[Tag], kind: str | None = None) -> list[str]:
    return [t.name for t in tags if kind is None or t.kind == kind]


SEED_LIKE = make_story(
    "Putin Talks Tech, Energy Cooperation In China's Harbin",
    [
        "Russian President Vladimir Putin visited the northeastern Chinese city of Harbin on Friday.",
        "Russia is ready to power the Chinese economy with clean energy, Putin said at an expo in Harbin.",
        "Sino-Russian cooperation in new technologies matters, he said, according to a Chinese "
        "scholar living in Japan.",
        "China and Russia signed deals on technology and energy.",
    ],
)


def test_seed_like_story_tags(vocab):
    tags = tag(SEED_LIKE, vocab)
    assert {"Russia", "China"} <= set(names(tags, "country"))
    assert {"Energy", "Technology"} <= set(names(tags, "topic"))
    assert "Japan" not in names(tags)  # named once, in passing


@pytest.mark.parametrize(
    "title, paragraphs, expected",
    [
        # demonym: the adjective alone is evidence for the country
        (
            "Mongolian herders move south",
            ["Mongolian herders moved south. Mongolian officials agreed."],
            "Mongolia",
        ),
        # metonym: the seat of government stands for the state
        (
            "Kremlin rejects the plan",
            ["The Kremlin said on Monday it rejected the plan."],
            "Russia",
        ),
        # city -> country
        ("Floods hit Vladivostok", ["Floods hit Vladivostok and the port was closed."], "Russia"),
        # historical name -> canonical tag
        ("Peking announces reforms", ["Peking announced reforms to state firms."], "China"),
        (
            "Soviet Union raises output",
            ["The USSR raised output, Soviet officials said."],
            "Russia",
        ),
        ("Burma opens border", ["Burma reopened its border crossing."], "Myanmar"),
        # "U.S." and all-caps "US" count, lower-case "us" never does
        ("US imposes tariffs", ["The U.S. imposed tariffs."], "United States"),
    ],
)
def test_country_from(vocab, title, paragraphs, expected):
    assert expected in names(tag(make_story(title, paragraphs), vocab), "country")


@pytest.mark.parametrize(
    "title, paragraphs, absent",
    [
        # lower-case words that are also country names
        (
            "Holiday dinner",
            ["They served turkey on fine china and let us know. Rain fell."],
            "Turkey",
        ),
        (
            "Holiday dinner",
            ["They served turkey on fine china and let us know. Rain fell."],
            "China",
        ),
        (
            "Holiday dinner",
            ["They served turkey on fine china and let us know. Rain fell."],
            "United States",
        ),
        # a person's name, not the country
        (
            "Basketball legend retires",
            ["Michael Jordan retired. Michael Jordan said he was happy."],
            "Jordan",
        ),
        ("Chad Smith wins award", ["Chad Smith won the award. Chad Smith thanked fans."], "Chad"),
        # Niger is not Nigeria and vice versa
        (
            "Nigeria raises oil output",
            ["Nigeria raised oil output, Nigerian officials said."],
            "Niger",
        ),
        # Georgia the US state, by context
        (
            "Georgia Power raises rates",
            ["Georgia Power of Atlanta raised rates in Georgia."],
            "Georgia",
        ),
    ],
)
def test_stoplist(vocab, title, paragraphs, absent):
    assert absent not in names(tag(make_story(title, paragraphs), vocab))


def test_passing_mention_not_tagged(vocab):
    story = make_story(
        "China expands rail network",
        [
            "China expanded its rail network on Monday, Chinese officials said.",
            "Chinese trains will run faster, the ministry said.",
            "A similar line was once built in France.",
        ],
    )
    assert names(tag(story, vocab), "country") == ["China"]


def test_dateline_country_kept(vocab):
    story = make_story(
        "Grain output rises",
        ["Grain output rose 5 percent, officials said."],
        dateline=Dateline("HARBIN, May 17", "Harbin"),
    )
    assert "China" in names(tag(story, vocab), "country")


def test_salient_city_is_a_place_tag(vocab):
    tags = tag(SEED_LIKE, vocab)
    harbin = next(t for t in tags if t.name == "Harbin")
    assert (harbin.kind, harbin.country) == ("place", "CN")


@pytest.mark.parametrize(
    "title, paragraphs, dateline, canonical, alias",
    [
        # the old name beside the new one: one Beijing tag, never a second "Peking" tag
        (
            "Peking University opens Beijing campus",
            [
                "Peking University said it opened a campus in Beijing on Monday.",
                "Peking University will teach 2,000 students in Beijing.",
            ],
            None,
            "Beijing",
            "Peking",
        ),
        # the old name alone still tags the place by its canonical name
        (
            "Bombay port reopens",
            ["Bombay port reopened on Monday.", "Ships queued outside Bombay harbour."],
            None,
            "Mumbai",
            "Bombay",
        ),
        (
            "Leningrad shipyard wins order",
            ["The Leningrad shipyard won an order.", "Leningrad workers will build two ships."],
            None,
            "Saint Petersburg",
            "Leningrad",
        ),
        # an old name in the dateline is the canonical place too
        (
            "Rice harvest rises",
            ["The rice harvest rose 5 percent in Rangoon province, officials in Rangoon said."],
            Dateline("RANGOON, March 3", "Rangoon"),
            "Yangon",
            "Rangoon",
        ),
    ],
)
def test_historical_place_name_tags_canonical_place(
    vocab, title, paragraphs, dateline, canonical, alias
):
    tags = tag(make_story(title, paragraphs, dateline=dateline), vocab)
    assert names(tags, "place").count(canonical) == 1
    assert alias not in names(tags)
    country = vocab.entries[canonical].country
    assert country in {t.iso for t in tags if t.kind == "country"}


@pytest.mark.parametrize(
    "alias, canonical",
    [
        ("Peking", "Beijing"),
        ("Kiev", "Kyiv"),
        ("Calcutta", "Kolkata"),
        ("Saigon", "Ho Chi Minh City"),
    ],
)
def test_historical_place_name_is_an_alias_not_a_place(vocab, alias, canonical):
    assert alias not in vocab.entries  # so it can never be a tag of its own
    assert vocab.resolve(alias).name == canonical  # "Tags: Peking" in a header adds Beijing


@pytest.mark.parametrize("name, iso", [("Russia", "RU"), ("China", "CN")])
def test_country_tags_carry_iso(vocab, name, iso):
    tags = {t.name: t for t in tag(SEED_LIKE, vocab)}
    assert tags[name].iso == iso


@pytest.mark.parametrize(
    "title, paragraphs, is_energy",
    [
        # finding oil and gas: well, drilling, find and seismic phrases are strong cues
        (
            "Northfield Partners Reports Find",
            [
                "Northfield Partners said its discovery well in the delta found 40 feet of "
                "net natural gas pay, and development drilling will begin in May."
            ],
            True,
        ),
        (
            "Harbour Petro to Drill Exploratory Well Off Coast",
            ["Harbour Petro Ltd said it will start work on the shelf this summer."],
            True,
        ),
        (
            "Seismic Crew Count Falls Five Pct",
            [
                "The number of seismic crews working in the region fell five pct in May, "
                "a trade group said."
            ],
            True,
        ),
        # taxing motor fuel is an energy story
        (
            "Senator Backs Gas Tax to Trim Deficit",
            ["A senator said a tax of ten cents a gallon of motor fuel could trim the deficit."],
            True,
        ),
        # oil exports named in the headline
        (
            "Port Strike Cuts Oil Exports",
            ["A port strike cut shipments from the country's main terminal, officials said."],
            True,
        ),
        # petrochemical names are unambiguous, so a price notice is enough
        (
            "Chemical Maker Raises Plastics Prices",
            ["Acme Chemicals said it raised prices of styrene and polystyrene by two cts a pound."],
            True,
        ),
        # an oil spill at a drilling site
        (
            "Driller Denies Harm From Spill",
            ["The drilling firm said the oil spill at its offshore drilling site did no harm."],
            True,
        ),
        (
            "Driller Charged Over Dumping",
            [
                "Regulators charged the firm with dumping cement at its drilling site in the "
                "Arctic, the energy department said.",
                "The firm said no harm was done at the drilling site.",
            ],
            True,
        ),
        # who may drill where: rights to search for oil are an energy story
        (
            "Two Firms Seek Drilling Rights Off West Africa",
            ["Two firms applied for exploration rights in two offshore blocks, officials said."],
            True,
        ),
        (
            "Neighbours Dispute Seabed",
            [
                "The two neighbours disputed oil rights on the seabed, where a survey ship "
                "plans to search for oil next week."
            ],
            True,
        ),
        # reserves as petroleum engineers book them
        (
            "Royalty Trust Reserves Study Completed",
            [
                "Independent petroleum engineers said the trust's proved reserves fell "
                "40 pct in the year."
            ],
            True,
        ),
        # refinery copper is a metal: no Energy however often refineries are named
        (
            "Refinery Copper Stocks Fall in January",
            [
                "Refinery copper stocks fell in January, the metals bureau said.",
                "Stocks at refineries and on the exchange eased.",
            ],
            False,
        ),
        # "seismic" alone is an earthquake word, not oil exploration
        (
            "Seismic Activity Rises Near Volcano",
            ["Seismic activity rose near the volcano, geologists said."],
            False,
        ),
    ],
)
def test_energy_cue_rules(vocab, title, paragraphs, is_energy):
    assert ("Energy" in names(tag(make_story(title, paragraphs), vocab), "topic")) is is_energy


@pytest.mark.parametrize(
    "topic, iptc", [("Energy", "medtop:20000256"), ("Technology", "medtop:20000756")]
)
def test_topic_tags_carry_iptc(vocab, topic, iptc):
    tags = {t.name: t for t in tag(SEED_LIKE, vocab)}
    assert tags[topic].iptc == iptc


def test_tags_sorted_by_kind_then_score(vocab):
    kinds = [t.kind for t in tag(SEED_LIKE, vocab)]
    order = vocab.scoring["kind_order"]
    assert kinds == sorted(kinds, key=order.index)


def test_max_tags_caps_count(vocab):
    assert len(tag(SEED_LIKE, vocab, max_tags=3)) == 3


def test_to_dict_is_json_ready(vocab):
    d = tag(SEED_LIKE, vocab)[0].to_dict()
    assert isinstance(d["evidence"], list) and d["kind"] == "country"


@pytest.mark.parametrize(
    "header, added, removed",
    [
        ("Arctic, -Japan", ["Arctic"], ["Japan"]),
        ("-China", [], ["China"]),
        ("USSR", ["Russia"], []),  # canonical name, not the spelling the editor used
        ("Burma", ["Myanmar"], []),
    ],
)
def test_apply_overrides(vocab, header, added, removed):
    base = tag(SEED_LIKE, vocab) + [Tag("Japan", "country", 1.0, (), iso="JP")]
    out = names(apply_overrides(base, header))
    assert all(a in out for a in added) and not any(r in out for r in removed)


def test_override_kind(vocab):
    out = {t.name: t.kind for t in apply_overrides([], "Arctic, Burma, energy")}
    assert out == {"Arctic": "editor", "Myanmar": "country", "Energy": "topic"}


@pytest.mark.parametrize(
    "header, mode, expected",
    [
        ({}, "region", "Eastern Asia"),  # primary country China
        ({"category": "Features"}, "region", "Features"),  # header wins
        ({}, "none", None),
        ({}, "folder", None),  # the Pelican glue decides folder mode
    ],
)
def test_choose_category(vocab, header, mode, expected):
    story = make_story(SEED_LIKE.title, list(SEED_LIKE.paragraphs), header=header)
    assert choose_category(story, tag(story, vocab), vocab, mode=mode) == expected


def test_extra_vocabulary_adds_a_topic():
    vocab = load_vocabulary(extra={"Arctic": {"kind": "topic", "aliases": ["Northern Sea Route"]}})
    story = make_story("Arctic shipping grows", ["Arctic shipping on the Northern Sea Route grew."])
    assert "Arctic" in names(tag(story, vocab), "topic")


def test_extra_vocabulary_is_validated():
    with pytest.raises(ValueError):
        load_vocabulary(extra={"Nowhere": {"kind": "place", "country": "XX"}})


def test_a_place_listed_twice_in_a_data_file_is_an_error(tmp_path):
    # YAML would keep only the second list: Peking would silently stop counting.
    import shutil

    from auto_tagger.vocabulary import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with open(data / "place_aliases.yaml", "a", encoding="utf-8") as handle:
        handle.write("\nBeijing: [Beiping]\n")
    with pytest.raises(ValueError, match="place_aliases.yaml.*'Beijing' is listed twice"):
        load_vocabulary(data)


SEED = (
    __import__("pathlib").Path(__file__).resolve().parents[4]
    / "shared/seeds/000_675a4f0b8f43f9eb.txt"
)


@pytest.mark.skipif(not SEED.exists(), reason="../shared seed not present")
def test_real_seed(vocab):
    from wire_reader.parse import read_wire

    story = read_wire(SEED.read_bytes(), SEED.name)
    tags = tag(story, vocab)
    assert {"Russia", "China", "Energy", "Technology"} <= set(names(tags))
    assert "Japan" not in names(tags)  # "a Chinese scholar living in Japan"
    assert choose_category(story, tags, vocab) == "Eastern Asia"


# --- salience rules (scoring.yaml country: body_min_score, repeat_decay, context) ---

JAPAN_TRADE = [
    "Japan's exports rose 5 pct in March, the Finance Ministry said.",
    "Japanese car makers led the rise, officials in Japan said.",
    "Shipments to the U.S. grew, while U.S. demand for chips was flat.",
    "The U.S. market remains the largest for Japanese exporters.",
    "Japan expects exports to grow again in April.",
]


@pytest.mark.parametrize(
    "title, paragraphs, dateline, present, absent",
    [
        # passing "U.S." mentions in the body of a story about Japan
        ("Japan exports rise", JAPAN_TRADE, None, "Japan", "United States"),
        # a New York dateline is kept, but the story is still about Japan
        (
            "Japan exports rise",
            JAPAN_TRADE,
            Dateline("NEW YORK, March 2", "New York"),
            "Japan",
            None,
        ),
        # a currency is not a subject: London eurobond for a Canadian issuer
        (
            "Acme Finance issues Canadian dlr bond",
            ["Acme Finance is issuing a 100 mln Canadian dlr eurobond, the lead manager said."],
            Dateline("LONDON, March 17", "London"),
            "United Kingdom",
            "Canada",
        ),
        # a state abbreviation decides the dateline's country (Malvern is also in Canada)
        (
            "Vishay completes exchange offer",
            ["Vishay Intertechnology said it completed the offer."],
            Dateline("MALVERN, Pa., March 26", "Malvern", "Pa."),
            "United States",
            "Canada",
        ),
        (
            "Acme to acquire rest of venture",
            ["Acme Co said its board approved the deal."],
            Dateline("PLYMOUTH, Minn., March 20", "Plymouth", "Minn."),
            "United States",
            "Montserrat",
        ),
        (
            "Oil firm sets budget",
            ["Acme Oil said it set its budget."],
            Dateline("CALGARY, Alta., March 20", "Calgary", "Alta."),
            "Canada",
            None,
        ),
        # a ticker or a fund's name is not the country
        (
            "Union Carbide <UK> files debt offer",
            ["Union Carbide Corp <UK> filed a 500 mln dlr offer."],
            Dateline("NEW YORK, March 9", "New York"),
            "United States",
            "United Kingdom",
        ),
        (
            "France Fund Inc <FRN> sets dividend",
            ["France Fund Inc said it set its first dividend.", "France Fund Inc shares rose."],
            Dateline("NEW YORK, March 6", "New York"),
            "United States",
            "France",
        ),
        # a city named in passing in the body does not tag its country
        (
            "Japan exports rise",
            JAPAN_TRADE + ["Traders in London and Paris were quiet."],
            None,
            "Japan",
            "United Kingdom",
        ),
    ],
)
def test_country_salience(vocab, title, paragraphs, dateline, present, absent):
    countries = names(tag(make_story(title, paragraphs, dateline=dateline), vocab), "country")
    assert present in countries
    if absent:
        assert absent not in countries


@pytest.mark.parametrize(
    "title, paragraphs, is_energy",
    [
        # a common cue inside a company name is no evidence
        (
            "Acme Energy Corp results",
            [
                "Acme Energy Corp said its results improved.",
                "Chairman John Smith of Acme Energy Corp said sales rose.",
            ],
            False,
        ),
        (
            "Oxford Energy <OEN> to offer shares",
            [
                "Oxford Energy Co said it will offer one mln shares.",
                "Proceeds will repay debt, Oxford Energy said.",
            ],
            False,
        ),
        (
            "Energy Development Ltd <EDL> completes purchase",
            ["Energy Development Ltd said it completed the purchase of May Co."],
            False,
        ),
        # vegetable oils and metal refineries are not energy
        (
            "Malaysian Crude Palm Oil Futures Close Off Highs",
            ["Crude palm oil futures closed off their highs, traders said."],
            False,
        ),
        (
            "U.S. Refinery Copper Stocks Fall",
            ["Copper stocks at U.S. copper refineries fell in January."],
            False,
        ),
        # headline-case cues count ("Natural Gas"), as do plain oil-market stories
        (
            "Natural Gas Prices Rise in Cold Snap",
            ["Natural gas prices rose as cold weather lifted demand for heating oil and gas."],
            True,
        ),
        (
            "OPEC Output Rises Above Ceiling",
            [
                "OPEC crude oil output rose to 16 mln barrels per day, above its ceiling, oil traders said.",
                "Oil prices fell one dlr a barrel on the news.",
            ],
            True,
        ),
        # phrases that name the oil and gas business are strong evidence on their own
        (
            "Shell to Declare Draugen Field Commercial",
            ["Shell said oil production from the Draugen oil field should start in 1990."],
            True,
        ),
        (
            "Iraqi Oil Minister Replaced - Official",
            ["Iraq replaced its minister on Monday, officials said."],
            True,
        ),
        # power plants, electricity and mining exploration alone are not the Energy tag
        (
            "Babcock Unit Wins Order for Power Plant",
            [
                "Babcock said its unit won an order for a power plant to supply electricity.",
                "The power plant will supply electricity to the region.",
            ],
            False,
        ),
        (
            "Lac Minerals Boosting Exploration Spending",
            [
                "Lac Minerals said it will boost exploration spending on gold.",
                "Exploration will focus on Ontario, the company said.",
            ],
            False,
        ),
        # an oil firm's financing is finance news, not Energy
        (
            "Indian Oil Firm Gets Credit",
            [
                "The state-owned oil firm got a 3.5 billion yen loan from Japanese banks, "
                "the lead bank said."
            ],
            False,
        ),
        # a debt story that mentions oil only below the lede is not an Energy story...
        (
            "Ecuador Suspends Payments to Private Banks",
            [
                "Ecuador suspended interest payments to private foreign banks, the central bank said.",
                "Lower oil prices have cut export earnings, officials said.",
                "Crude exports stopped after a pipeline was damaged, and oil revenue fell.",
                "Output was 250,000 barrels a day before the damage, and crude sales will resume in May.",
            ],
            False,
        ),
        # ...but a story that is about oil below a bland lede still is
        (
            "Ecuador Says Exports Will Resume",
            [
                "Ecuador said exports would resume next month, the central bank said.",
                "Crude exports stopped after the oil pipeline was damaged, and oil production fell.",
                "Oil production was 250,000 barrels a day, and crude oil output will recover, OPEC said.",
                "Refinery runs and crude oil exports will rise, oil officials said.",
            ],
            True,
        ),
    ],
)
def test_energy_topic(vocab, title, paragraphs, is_energy):
    assert ("Energy" in names(tag(make_story(title, paragraphs), vocab), "topic")) is is_energy


@pytest.mark.parametrize(
    "topic, iptc",
    [
        ("Trade", "medtop:20000373"),  # international trade
        ("Military & Defence", "medtop:20000598"),  # national security, formerly "defence"
        ("Human Rights", "medtop:20000592"),  # human rights
    ],
)
def test_topic_iptc_codes(vocab, topic, iptc):
    assert vocab.entries[topic].iptc == iptc


PLUGINS_ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
WIRE_FILES = {
    # hand-written in the wire's shape: headline, dateline, body, sign-off
    "a.txt": (
        "JAPAN EXPORTS RISE IN MARCH\n\n    TOKYO, March 2 - Japan's exports rose five pct in "
        "March, the Finance Ministry said.\n    Japanese car makers led the rise.\n REUTER\n"
    ),
    "b.txt": (
        "OPEC OUTPUT RISES ABOVE CEILING\n\n    LONDON, March 2 - OPEC crude oil output rose to "
        "16 mln barrels per day, above its ceiling, oil traders said.\n    Oil prices fell one "
        "dlr a barrel on the news.\n REUTER\n"
    ),
}
LABELS = [
    {"file": "a.txt", "countries": ["JP"], "topics": ["trade"]},
    {"file": "b.txt", "countries": ["GB"], "topics": ["crude"]},
]


def test_eval_tags_scores_a_tiny_corpus(tmp_path, capsys):
    import importlib.util
    import json

    corpus = tmp_path / "corpora" / "reuters-train"
    corpus.mkdir(parents=True)
    for name, text in WIRE_FILES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "labels.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in LABELS), encoding="utf-8"
    )
    script = PLUGINS_ROOT.parent / "scripts" / "eval_tags.py"
    spec = importlib.util.spec_from_file_location("eval_tags", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    res = module.evaluate_tags(tmp_path, errors=5, energy_errors=5)
    assert res["stories"] == 2
    assert (res["country_precision"], res["country_recall"]) == (1.0, 1.0)
    assert (res["energy_precision"], res["energy_recall"]) == (1.0, 1.0)
    assert res["energy_f1_indexed"] == 1.0 and res["energy_fp_unindexed"] == 0
    assert capsys.readouterr().out == ""  # no errors to show


def test_a_dateline_in_the_us_state_of_georgia_is_not_the_country(vocab):
    story = make_story(
        "Coca-Cola raises prices",
        ["Coca-Cola said on Friday it would raise prices.", "Shares rose in New York."],
        dateline=Dateline("ATLANTA, Georgia, July 5", "Atlanta", "Georgia", None, "July 5"),
    )
    assert "Georgia" not in names(tag(story, vocab))


def test_a_town_in_the_us_state_of_georgia_is_not_its_namesake_abroad(vocab):
    story = make_story(
        "University expands campus",
        ["The university said on Friday it would expand, 70 miles from Atlanta.",
         "Work starts next year."],
        dateline=Dateline("ATHENS, Georgia, July 5", "Athens", "Georgia", None, "July 5"),
    )
    tags = names(tag(story, vocab))
    assert "Georgia" not in tags and "Greece" not in tags and "Athens" not in tags


def test_a_dateline_in_georgia_the_country_still_counts(vocab):
    story = make_story(
        "Protesters rally in capital",
        ["Protesters rallied on Friday against a new law.", "Police watched."],
        dateline=Dateline("TBILISI, Georgia, July 5", "Tbilisi", "Georgia", None, "July 5"),
    )
    assert "Georgia" in names(tag(story, vocab))


def test_daniil_medvedev_the_tennis_player_is_not_dmitry(vocab):
    story = make_story(
        "Medvedev beats Sinner to reach Rome final",
        ["Daniil Medvedev beat Jannik Sinner 6-4 6-3 on Friday to reach the Rome final.",
         "Medvedev will play Alexander Zverev on Sunday."],
        dateline=Dateline("ROME, May 21", "Rome"),
    )
    tags = names(tag(story, vocab))
    assert "Dmitry Medvedev" not in tags
    assert "Russia" not in tags


def test_dmitry_medvedev_by_surname_is_still_tagged(vocab):
    story = make_story(
        "Medvedev warns the West over Ukraine",
        ["Former Russian president Dmitry Medvedev said on Friday the West was at war.",
         "Medvedev, deputy head of the Security Council, spoke on Telegram."],
        dateline=Dateline("MOSCOW, May 21", "Moscow"),
    )
    assert "Dmitry Medvedev" in names(tag(story, vocab))


def test_russian_copy_is_tagged_as_its_english_version(vocab):
    english = make_story(
        "Shoigu visits Pyongyang",
        ["Russian Security Council secretary Sergei Shoigu arrived in Pyongyang.",
         "He will meet Kim Jong Un."],
        dateline=Dateline("PYONGYANG, June 2 (TASS)", "Pyongyang", None, "TASS", "June 2"),
    )
    russian = make_story(
        "Шойгу посетил Пхеньян",
        ["Секретарь Совбеза России Сергей Шойгу прибыл в Пхеньян.",
         "Он встретится с Ким Чен Ыном."],
        dateline=Dateline("ПХЕНЬЯН, 2 июня (ТАСС)", "Пхеньян", None, "ТАСС", "2 июня"),
    )
    tags = tag(russian, vocab)
    assert {"Russia", "North Korea", "Pyongyang", "Sergei Shoigu"} <= set(names(tags))
    assert names(tags) == names(tag(english, vocab))
    assert choose_category(russian, tags, vocab) == choose_category(english, tag(english, vocab),
                                                                    vocab)


def test_one_name_per_slug_prefers_the_vocabulary_then_the_majority_then_capitals():
    from auto_tagger.tagger import one_name_per_slug

    def editor(name: str) -> Tag:
        return Tag(name, "editor", 100.0, ("header:Tags",))

    tags = [editor("arctic"), editor("arctic"), editor("Arctic"),  # majority wins
            editor("Shipping"), editor("shipping"),  # a tie: capitals win
            editor("russia"), editor("russia"), Tag("Russia", "country", 9.0, ())]  # vocabulary
    slug = {name: name.lower() for name in ("arctic", "Arctic", "Shipping", "shipping",
                                            "russia", "Russia", "pacific")}
    assert one_name_per_slug(tags, slug) == {
        "arctic": "arctic", "Arctic": "arctic", "Shipping": "Shipping", "shipping": "Shipping",
        "russia": "Russia", "Russia": "Russia",
        "pacific": "pacific"}  # only a draft carries it: kept as typed


def test_russian_language_copy_is_tagged(vocab):
    story = make_story(
        "Путин провел переговоры с Си Цзиньпином в Пекине",
        ["Президент России Владимир Путин провел переговоры с председателем КНР Си Цзиньпином "
         "в Пекине, сообщили в Кремле.",
         "Стороны обсудили торговлю между Россией и Китаем."],
        dateline=Dateline("МОСКВА, 19 мая (ТАСС)", "Москва", None, "ТАСС", "19 мая"),
    )
    tags = names(tag(story, vocab))
    assert {"Russia", "China", "Beijing", "Vladimir Putin", "Xi Jinping"} <= set(tags)


def test_a_russian_form_of_an_unknown_name_is_an_error(tmp_path):
    import shutil

    from auto_tagger.vocabulary import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with open(data / "russian_forms.yaml", "a", encoding="utf-8") as handle:
        handle.write("\nAtlantis: {names: [Атлантида]}\n")
    with pytest.raises(ValueError, match="russian_forms.yaml names unknown 'Atlantis'"):
        load_vocabulary(data)


def test_a_markdown_story_is_tagged_as_its_wire_version(vocab):
    from wire_reader.parse import story_from_html

    paragraphs = ["Russia and China agreed on Tuesday to speed up work on the Power of "
                  "Siberia 2 gas pipeline, officials in Beijing said.",
                  "Gazprom will supply 50 billion cubic metres of gas a year."]
    wire = make_story("Russia, China speed up gas pipeline talks", paragraphs,
                      dateline=Dateline("BEIJING, May 28", "Beijing", None, None, "May 28"))
    markdown = story_from_html(
        "notes/pipeline.md", "Russia, China speed up gas pipeline talks",
        "<p>BEIJING, May 28 - " + paragraphs[0].replace("Siberia 2", "<em>Siberia 2</em>")
        + "</p>\n<ul>\n<li>" + paragraphs[1] + "</li>\n</ul>")
    assert markdown.dateline is not None and markdown.dateline.city == "Beijing"
    assert markdown.paragraphs == tuple(paragraphs)
    tags = tag(markdown, vocab)
    assert {"Russia", "China", "Beijing"} <= set(names(tags))
    assert names(tags) == names(tag(wire, vocab))
    assert choose_category(markdown, tags, vocab) == choose_category(wire, tag(wire, vocab), vocab)


@pytest.mark.parametrize(
    ("english", "russian", "topic"),
    [
        (("Gazprom to raise gas supplies to China",
          ["Gazprom will raise natural gas supplies to China through the Power of Siberia "
           "pipeline, the company said.", "Oil exports also grew."]),
         ("Газпром увеличит поставки газа в Китай",
          ["Газпром увеличит поставки природного газа в Китай по газопроводу «Сила Сибири», "
           "сообщила компания.", "Экспорт нефти также вырос."]),
         "Energy"),
        (("Russia and China hold naval drills",
          ["Russian and Chinese warships began joint military drills, the defence ministry "
           "said.", "The navy exercises will last a week; missile firings are planned."]),
         ("Россия и Китай проводят военно-морские учения",
          ["Российские и китайские военные корабли начали совместные военные учения, "
           "сообщило министерство обороны.",
           "Учения флота продлятся неделю, запланированы пуски ракет."]),
         "Military & Defence"),
        (("Earthquake hits northern Japan",
          ["A strong earthquake struck northern Japan on Monday, and a tsunami warning was "
           "issued.", "Rescue teams searched collapsed buildings."]),
         ("Землетрясение произошло на севере Японии",
          ["Сильное землетрясение произошло на севере Японии в понедельник, объявлена "
           "угроза цунами.", "Спасатели обследуют обрушившиеся здания."]),
         "Disasters"),
    ],
)
def test_russian_copy_gets_the_topic_of_its_english_version(vocab, english, russian, topic):
    def topics(title_and_paragraphs):
        title, paragraphs = title_and_paragraphs
        return [t.name for t in tag(make_story(title, paragraphs), vocab) if t.kind == "topic"]

    assert topic in topics(english)
    assert topics(russian) == topics(english)


def test_code_samples_and_tables_in_a_markdown_note_are_not_its_subject(vocab):
    from wire_reader.parse import story_from_html

    note = story_from_html(
        "notes/how-to.md", "How to file a story",
        "<p>Put the headline on the first line, then a blank line.</p>\n"
        "<pre><code>NORTH KOREA FIRES MISSILE\n\nPYONGYANG, May 3 - North Korea fired "
        "a missile, North Korea said.</code></pre>\n"
        "<table><tr><td>North Korea</td><td>Pyongyang</td></tr></table>")
    assert note.paragraphs == ("Put the headline on the first line, then a blank line.",)
    assert "North Korea" not in names(tag(note, vocab))



@pytest.mark.parametrize(("title", "paragraphs"), [
    # the carmaker GAZ, Confucius's teachings, a lease: no energy, drills or treaty
    ("Группа ГАЗ увеличила выпуск грузовиков",
     ["Группа ГАЗ увеличила выпуск грузовиков на 10%, сообщила компания."]),
    ("Студенты изучают учения Конфуция в Харбине",
     ["Студенты изучают учения Конфуция в Харбине."]),
    ("Московская компания подписала договор аренды",
     ["Московская компания подписала договор аренды офиса."]),
    # company results are not energy news, in Russian as in English
    ("Газпром выплатит рекордные дивиденды",
     ["Газпром выплатит рекордные дивиденды акционерам.", "Чистая прибыль выросла на 20%."]),
])
def test_russian_words_with_other_senses_give_no_topic(vocab, title, paragraphs):
    assert [t.name for t in tag(make_story(title, paragraphs), vocab) if t.kind == "topic"] == []


@pytest.mark.parametrize(("title", "paragraphs", "place"), [
    ("Brent crude rises in London",
     ["Brent crude rose to 80 dollars a barrel in London trading, traders said.",
      "Brent futures for May gained 40 cents."], "Brent"),
    ("Hitachi and Matsushita in plasma screen talks",
     ["Japan's Hitachi and Matsushita are in talks on plasma screens.",
      "Hitachi said a deal could come this month."], "Hitachi"),
    ("Halifax says UK house prices fall",
     ["Halifax, Britain's biggest mortgage lender, said house prices fell in March.",
      "Halifax said it was the first fall this year."], "Halifax"),
    ("Gerrard to stay at Liverpool",
     ["Steven Gerrard will stay at Liverpool, the Premiership club said.",
      "Liverpool fans welcomed the news."], "Liverpool"),
    ("Coach sacked by Valencia",
     ["Valencia have sacked their coach after a poor run in La Liga.",
      "Valencia lost four games in a row."], "Valencia"),
    ("Newcastle beat Bolton",
     ["Newcastle United beat Bolton 2-1 at St James' Park on Sunday.",
      "Newcastle striker Alan Shearer scored twice."], "Newcastle"),
])
def test_a_company_benchmark_or_club_is_no_place(vocab, title, paragraphs, place):
    assert place not in names(tag(make_story(title, paragraphs), vocab))


@pytest.mark.parametrize(("title", "paragraphs", "place"), [
    ("Tourist coach crashes near Valencia",
     ["A coach carrying 40 tourists overturned near Valencia, police said.",
      "Valencia hospitals treated the injured."], "Valencia"),
    ("Newcastle bus drivers strike",
     ["Bus drivers in Newcastle walked out on Monday; a striker said pay was too low.",
      "Newcastle council urged talks."], "Newcastle"),
])
def test_a_bus_or_a_strike_is_no_football_context(vocab, title, paragraphs, place):
    assert place in names(tag(make_story(title, paragraphs), vocab))


def test_the_city_is_still_a_place(vocab):
    port = make_story("Newcastle coal exports rise",
                      ["Coal exports from Newcastle rose in March, the port authority said.",
                       "Newcastle shipped 5 mln tonnes of coal."])
    assert "Newcastle" in names(tag(port, vocab))
    story = make_story("Liverpool dock workers strike",
                       ["Dock workers in Liverpool walked out on Monday, the union said.",
                        "Liverpool port handles a tenth of British trade."])
    assert "Liverpool" in names(tag(story, vocab))


# --- review 16: what a reader saw wrongly on a story's page

@pytest.mark.parametrize(
    "title, paragraphs, absent",
    [
        # a firm named after its state, city or island, not the place
        ("Texas Instruments <TXN> Develops New Chip",
         ["Texas Instruments Inc said it developed a new memory chip.",
          "Texas Instruments said the chip would ship next year."], "Texas"),
        ("Kawasaki Heavy Industries <KAWH.T> Wins Order",
         ["Kawasaki Heavy Industries Ltd <KAWH.T> won an order for two ships.",
          "Kawasaki Heavy Industries said delivery was due in 1989."], "Kawasaki"),
        ("Morgan Stanley Leads Bond Issue",
         ["Morgan Stanley led the bond issue, Morgan Stanley said."], "Stanley"),
        # continents, not the United States
        ("Latin America sees strong growth",
         ["Latin America grew fast last year, the bank said.",
          "Growth in Latin America and South America beat forecasts."], "United States"),
        ("Bankamerica Sells Unit",
         ["Bank of America said it sold the unit. Bank of America gave no price."],
         "United States"),
        # clubs, not their cities
        ("Gronkjaer agrees switch to Real Madrid",
         ["Real Madrid signed the winger on Monday.", "Real Madrid paid 3m pounds."], "Madrid"),
        ("Borussia Dortmund near bust",
         ["Borussia Dortmund said its debts had grown. Borussia Dortmund shares fell."],
         "Dortmund"),
        # North Korean bodies: no South Korea
        ("North Korea fires missile",
         ["North Korea fired a missile, the Korean Central News Agency said.",
          "The Korean People's Army said the launch was a success. North Korea said more "
          "launches would follow."], "South Korea"),
        # the submarine, not the city
        ("Murmansk marks Kursk anniversary",
         ["Sailors in Murmansk marked the anniversary of the Kursk submarine disaster.",
          "The Kursk sank in the Barents Sea."], "Kursk"),
        # a plural "s" after a name: a singer's first name, a firm
        ("Joss Stone wins award",
         ["Joss Stone won the award in London. Joss Stone thanked her fans."], "Jos"),
        ("Allied-Lyons Sees Higher Profits",
         ["Allied-Lyons said profits would rise. Allied-Lyons shares rose."], "Lyon"),
    ],
)
def test_names_that_are_not_the_place(vocab, title, paragraphs, absent):
    assert absent not in names(tag(make_story(title, paragraphs), vocab))


@pytest.mark.parametrize(
    "title, paragraphs, wanted",
    [
        # a straight apostrophe in copy, a curly one in the gazetteer; not Xi Jinping
        ("Factory fire kills five in Xi'an",
         ["A fire at a factory in Xi'an killed five people, officials said.",
          "Firefighters in Xi'an put it out."], "Xi’an"),
        ("St Petersburg port expands",
         ["The port of St Petersburg will expand, officials in St Petersburg said."],
         "Saint Petersburg"),
        ("Nizhny Novgorod plant reopens",
         ["A car plant in Nizhny Novgorod reopened. Nizhny Novgorod officials welcomed it."],
         "Nizhniy Novgorod"),
    ],
)
def test_places_as_wire_copy_spells_them(vocab, title, paragraphs, wanted):
    tags = tag(make_story(title, paragraphs), vocab)
    assert wanted in names(tags, "place")
    assert "Xi Jinping" not in names(tags)


def test_wall_street_is_evidence_of_the_us_not_a_place_tag(vocab):
    tags = tag(make_story("Wall Street Stocks Open Lower",
                          ["Wall Street stocks opened lower on Tuesday.",
                           "Traders on Wall Street said rates weighed."]), vocab)
    assert "Wall Street" not in names(tags)
    assert "United States" in names(tags, "country")


@pytest.mark.parametrize(
    "title, paragraphs, topic, present",
    [
        ("Tokyo Bids to Stop Chip Row Turning into Trade War",
         ["Japan sought to stop a dispute over chips turning into a trade war with the U.S.",
          "Officials feared a trade war would hurt exports."], "Conflict & War", False),
        ("Tokyo Bids to Stop Chip Row Turning into Trade War",
         ["Japan sought to stop a dispute over chips turning into a trade war with the U.S.",
          "Officials feared a trade war would hurt exports."], "Trade", True),
        ("Citicorp Rules Out Credit Card Price War",
         ["Citicorp ruled out a price war in credit cards."], "Conflict & War", False),
        ("Spain's Socialist Trade Union Pushes for Wage Hike",
         ["Spain's socialist trade union UGT pushed for a wage rise."], "Trade", False),
        ("UN experts address China on detention of labour activists",
         ["UN experts wrote to China about the detention of three labour rights activists.",
          "The activists campaigned for workers' rights in Shenzhen."], "Human Rights", True),
    ],
)
def test_topic_cues_in_their_own_sense(vocab, title, paragraphs, topic, present):
    assert (topic in names(tag(make_story(title, paragraphs), vocab), "topic")) is present


def test_the_region_follows_the_country_the_headline_names(vocab):
    story = make_story(
        "Chinese Pork Output Seen Lower -- USDA",
        ["Chinese pork output will fall this year, the U.S. Agriculture Department said.",
         "Hog numbers fell, the department's report said."],
        dateline=Dateline("WASHINGTON, Feb 26", "Washington"),
    )
    assert choose_category(story, tag(story, vocab), vocab) == "Eastern Asia"


@pytest.mark.parametrize(
    "title, paragraphs, absent, kept",
    [
        ("UKIP suspends Mr Houston",
         ["The party suspended Mr Houston on Monday.", "Mr Houston denied wrongdoing."],
         "Houston", None),
        ("SFA awaits report",
         ["The SFA awaits a report from referee Hugh Dallas.",
          "Referee Hugh Dallas sent off two players, the report from referee Hugh Dallas said."],
         "Dallas", None),
        # a title in a headline is no first name: "Japanese" still says Japan
        ("U.S. Senator Assails Japanese Trade Practices",
         ["Senate Appropriations Committee Chairman Patrick Leahy charged Japan with unfair "
          "trade practices.", "Japanese officials rejected the charge."], None, "Japan"),
    ],
)
def test_a_place_after_a_title_or_before_a_surname_is_a_person(
    vocab, title, paragraphs, absent, kept
):
    shown = names(tag(make_story(title, paragraphs), vocab))
    assert absent is None or absent not in shown
    assert kept is None or kept in shown


@pytest.mark.parametrize(
    "title, paragraphs, kept",
    [
        # a sentence that ends in a job is no title before the next one's first word
        ("Trade talks stall",
         ["The talks stalled on Monday, said a government spokesman. China rejected the "
          "proposal.", "China said it would not return to the table."], "China"),
        ("Kremlin says talks possible",
         ["Talks are possible, said Kremlin spokesman Peskov. Moscow has not set a date.",
          "Moscow wants the talks to start soon, officials in Moscow said."], "Moscow"),
        # a headline's verbs and nouns are no titles
        ("Markets Judge Japan Stimulus Too Small",
         ["Investors said Japan's stimulus was too small.", "Japan will spend more next year."],
         "Japan"),
        # a country before "Holdings" in a headline is still the country
        ("Wealth Fund Cuts Russia Holdings",
         ["Norway's wealth fund cut its holdings in Russia.", "Russia said it regretted it."],
         "Russia"),
        ("Fire at Vladimir Chemical Plant Kills Five",
         ["A fire at a chemical plant in Vladimir killed five people.",
          "Firefighters in Vladimir put it out, Russia's emergencies ministry said."],
         "Vladimir"),
    ],
)
def test_titles_and_firm_words_leave_real_places_alone(vocab, title, paragraphs, kept):
    assert kept in names(tag(make_story(title, paragraphs), vocab))


def test_a_crop_disease_is_farm_news_not_health(vocab):
    story = make_story("Leaf Disease Hits Sri Lanka Rubber",
                       ["A leaf disease has hit rubber trees in Sri Lanka, damaging the crop.",
                        "The disease spread to rubber estates in the south, officials said."])
    assert "Health" not in names(tag(story, vocab), "topic")


@pytest.mark.parametrize(
    "title, paragraphs, wanted",
    [
        # headlines capitalise every word: "Fund" there names no firm
        ("Shanghai Lockdown Hits Fund Managers",
         ["Fund managers in Shanghai said the lockdown had shut their offices.",
          "Shanghai officials said the lockdown would end soon."], {"China", "Shanghai"}),
        # airports and festivals are named after their city
        ("Flights resume at Beijing airport",
         ["Flights resumed at Beijing Capital International Airport on Monday.",
          "Beijing Capital International Airport handled 200 flights, its staff said."],
         {"China", "Beijing"}),
        # "the two Koreas" names both
        ("Two Koreas Trade Fire Along Border",
         ["The two Koreas exchanged fire along their border on Tuesday, officials said.",
          "The Koreas have been divided since 1945."], {"North Korea", "South Korea"}),
    ],
)
def test_places_a_firm_rule_must_not_take(vocab, title, paragraphs, wanted):
    assert wanted <= set(names(tag(make_story(title, paragraphs), vocab)))


def test_stop_forms_match_either_apostrophe(vocab):
    story = make_story("Korean People’s Army fires missile",
                       ["The Korean People’s Army fired a missile, the Korean People’s Army "
                        "said.", "The Korean People’s Army said it would fire more."])
    assert "South Korea" not in names(tag(story, vocab))


def test_a_club_named_alone_in_a_match_report_is_not_its_city(vocab):
    story = make_story("Barcelona title hopes hit by loss",
                       ["Barcelona lost 2-1 at home, and their La Liga lead was cut to four.",
                        "Barcelona's goalkeeper was sent off, and Barcelona must now win twice."])
    assert "Barcelona" not in names(tag(story, vocab))
    city = make_story("Barcelona port expands",
                      ["The port of Barcelona will expand, officials in Barcelona said.",
                       "Barcelona handles more containers than any other Spanish port."])
    assert "Barcelona" in names(tag(city, vocab))
