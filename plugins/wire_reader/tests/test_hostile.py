"""Hostile and broken input: every file yields a WireStory or a clear WireError, fast."""

from __future__ import annotations

import codecs
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wire_reader.parse import decode, parse, read_wire
from wire_reader.story import WireError, WireStory

BODY = "The council met on Monday. It voted.\n"
STORY = "Council Votes on Budget\n\n" + BODY


def read(data: bytes, name: str = "2024-05-17-x.txt", **kw) -> WireStory:
    return read_wire(data, name, **kw)


def timed(func, *args, limit: float = 10.0, **kw):
    """Call func and fail when it runs away (catastrophic backtracking, quadratic loops).

    The bound is generous on purpose: it catches minutes-long pathologies on a busy
    2-core CI machine, not speed regressions (those belong to ``make bench``)."""
    start = time.perf_counter()
    try:
        return func(*args, **kw)
    finally:
        assert time.perf_counter() - start < limit


# --------------------------------------------------------------------------- rejected files


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "file is only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary file (PNG), not wire text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF), not wire text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG), not wire text"),
        (b"GIF89a\x01\x00", "binary file (GIF), not wire text"),
        (b"PK\x03\x04\x14\x00", "binary file (ZIP), not wire text"),
        (
            b"Headline\n\n" + b"\x00\x01\x02\x03" * 200,
            "binary file (many NUL bytes), not wire text",
        ),
        (
            b"Headline\n\n" + bytes(range(1, 9)) * 100 + b" text",
            "binary file (many control characters), not wire text",
        ),
        (b"Only A Headline\n", "headline only: no story text under the headline"),
        (b"Only A Headline\n\n\n   \n", "headline only: no story text under the headline"),
        (b"Date: 2024-05-17\nStatus: draft\n\n", "no headline"),
        (b"Title: Alone\n\n", "headline only: no story text under the headline"),
        # a story whose only body is junk is a headline only
        (
            b"Headline\n\nLeave a Reply\n\nReuter\n",
            "headline only: no story text under the headline",
        ),
    ],
)
def test_rejected_with_clear_reason(data, reason):
    with pytest.raises(WireError) as err:
        timed(read, data)
    assert err.value.reason == reason


def test_oversize_file_rejected_without_decoding():
    data = b"A" * 20_000_000  # generated here, never committed
    with pytest.raises(WireError) as err:
        timed(read, data, limit=0.5)
    assert err.value.reason == "file is 20.0 MB, over the 2.0 MB limit (WIRE_MAX_BYTES)"


def test_max_bytes_is_configurable():
    with pytest.raises(WireError, match="over the 10 bytes limit"):
        read(STORY.encode(), max_bytes=10)


def test_one_megabyte_headline_is_not_a_headline():
    with pytest.raises(WireError) as err:
        timed(read, b"x" * 1_000_000)
    assert err.value.reason == "no headline: the first line is 1000000 characters long"


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (codecs.BOM_UTF8 + STORY.encode(), None),
        (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), None),
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), None),
        (STORY.replace("\n", "\r\n").encode(), None),
        (STORY.replace("\n", "\r").encode(), None),
    ],
)
def test_unicode_forms_decode_cleanly(data, warning):
    story = read(data)
    assert story.title == "Council Votes on Budget"
    assert story.paragraphs == ("The council met on Monday. It voted.",)
    assert not story.warnings


def test_stray_latin1_byte_in_utf8_text():
    # one raw pound sign in otherwise UTF-8 text, as in a real BBC file
    data = "Club “bids” for striker\n\nThe fee is ".encode() + b"\xa315m, he said.\n"
    story = read(data)
    assert story.paragraphs == ("The fee is £15m, he said.",)
    assert story.title == "Club “bids” for striker"
    assert "encoding guessed: cp1252" in story.warnings


@pytest.mark.parametrize("text", [
    "Сделка подписана\n\nСтороны подписали сделку на сумму £5 млрд, сообщили в Москве.\n",
    "中英签署贸易协议\n\n中国和英国周一签署了价值£5亿的贸易协议。\n",
    "Talks in Warsaw\n\nA company from Łódź and Gdańsk won a £50m contract.\n",
])
def test_a_stray_pound_sign_in_utf8_copy_stays_a_pound_sign(text):
    # The UTF-8 around it must not vote: Cyrillic and CJK bytes read as cp1250 look Polish.
    data = text.encode().replace("£".encode(), b"\xa3")
    story = read(data)
    assert story.paragraphs[0] == text.split("\n\n")[1].strip()
    assert "encoding guessed: cp1252" in story.warnings


def test_a_word_file_in_cp1252_with_one_nordic_name_stays_cp1252():
    # Curly quotes and dashes make many stray bytes; one "ø" must not make it cp1250.
    text = ("Norway’s Støre to visit Beijing\n\nThe trip – his first – is worth “£1bn” in "
            "deals, officials said. “We welcome it,” a spokesman said.\n")
    story = read(text.encode("cp1252"))
    assert story.title == "Norway’s Støre to Visit Beijing" or "Støre" in story.title
    assert "£1bn" in story.paragraphs[0]


def test_czech_that_the_detector_reads_as_cp1250_stays_cp1250():
    # č, ě and ň tie with è, ì and ò; with no ř to break the tie, the guess stands.
    text = ("Česká vláda schválila zákon\n\nČeská vláda ve středu schválila zákon o "
            "zahraničí. Ministr řekl, že bude užitečný a obnoví zemi. Bude to těžká práce.\n")
    story = read(text.encode("cp1250"))
    assert story.paragraphs[0].startswith("Česká vláda ve středu")


@pytest.mark.parametrize("text", [
    "Norway's Prime Minister Jonas Gahr Støre said Oslo would keep sanctions in place.",
    "Gazprom said exports reached 38 billion m³ last year.",
    "The yen fell to ¥ 150 per dollar, a banner read ¿Hasta cuándo? in Caracas.",
])
def test_a_stray_western_byte_that_is_a_central_letter_in_cp1250_stays_as_typed(text):
    data = ("Copy with a stray byte\n\nMOSCOW (Reuters) \u2014 ".encode()
            + text.encode("cp1252") + b"\n")
    story = read(data)
    assert story.paragraphs[0].endswith(text), story.paragraphs[0]


def test_polish_that_a_guess_takes_for_baltic_reads_as_polish():
    text = ("Premier Polski powiedział, że Warszawa nie zmieni stanowiska wobec Rosji. "
            "Rozmowy w Pekinie będą trudne, dodał minister. Łódź i Kraków przyjmą gości.")
    story = read(f"Rząd w Pekinie\n\n{text}\n".encode("cp1250"))
    assert story.paragraphs[0] == text


def test_a_baltic_guess_stands():
    text = ("Latvija un Igaunija paraksta vienošanos\n\nLatvijas valdība pirmdien parakstīja "
            "vienošanos par enerģētisko sadarbību ar Igauniju. Ministrs sacīja, ka vienošanās "
            "stiprinās valstu saites un palielinās ieguldījumus. Kritiķi pauda bažas par "
            "atkarību no Krievijas gāzes piegādēm un drošības situāciju reģionā.\n")
    story = read(text.encode("cp1257"))
    assert story.title == "Latvija un Igaunija paraksta vienošanos"
    assert "Kritiķi pauda bažas" in story.paragraphs[0]


def test_stray_pound_signs_stay_pound_signs():
    # In cp1250 the byte is "Ł": a few pasted pound signs must not turn into it.
    data = b"Budget Plans\n\nThe plan costs \xa35bn, up from \xa33bn; \xa32m goes to \xa31m.\n"
    story = read(data)
    assert story.paragraphs == ("The plan costs £5bn, up from £3bn; £2m goes to £1m.",)


def test_cp1252_text():
    text = "Élections à Paris\n\nLe ministre a déclaré que la réforme était « nécessaire ».\n"
    story = read(text.encode("cp1252"))
    assert story.title == "Élections à Paris"
    assert story.paragraphs[0] == "Le ministre a déclaré que la réforme était « nécessaire »."
    assert "encoding guessed: cp1252" in story.warnings


# Accented letters side by side ("réélu", "À Moscou") are not isolated bytes, and
# a guess from so little text took French for mac_latin2 or cp1250.
WESTERN = [
    ("latin_1", "PRÉSIDENT RÉÉLU À MOSCOU",
     "Le président russe a été réélu dimanche. Les négociations reprendront à Pékin, où "
     "le ministre s'est rendu mercredi."),
    ("cp1252", "São Paulo ações caem",
     "As ações da Petrobras caíram; o señor Muñoz, naïve, disse «não» à proposta."),
    ("cp1252", "Zölle für Stahl",
     "Die Regierung in Peking erhöht die Zölle für Stahl aus Europa, sagte ein Sprecher."),
    ("cp1252", "Mosca però non cede sul gas",
     "Il governo ha detto però che così non si può andare avanti: è un problema, poiché "
     "Mosca non cede e cioè il prezzo del gas resta alto."),
]
CENTRAL = [
    ("cp1250", "Předseda vlády v Pekingu",
     "Předseda vlády řekl, že příští týden přijede do Pekingu. Jednání budou těžká."),
    ("cp1250", "Rząd w Pekinie",
     "Premier powiedział, że w przyszłym tygodniu przyjedzie do Pekinu. Rozmowy będą trudne."),
    ("cp1250", "România şi Moldova semnează un acord",
     "Guvernul României a semnat luni un acord de cooperare energetică cu Republica Moldova. "
     "Ministrul a declarat că acordul va întări securitatea energetică a ambelor ţări şi va "
     "aduce investiţii în infrastructură."),
]


@pytest.mark.parametrize(("codec", "headline", "lede"), WESTERN + CENTRAL)
def test_european_copy_in_a_legacy_encoding_reads_as_written(codec, headline, lede):
    story = read(f"{headline}\n\n{lede}\n".encode(codec))
    assert story.paragraphs[0] == lede
    expected = "cp1250" if codec == "cp1250" else "cp1252"
    assert f"encoding guessed: {expected}" in story.warnings


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_english_copy_with_a_few_russian_words(codec):
    # Typed on a Russian Windows (or KOI8) machine: as cp1252 the names would
    # be published as "Ïóòèí".
    text = ("Putin Meets Xi\n\nПутин met Xi in Moscow, the head of Газпром said.\n\n"
            "Shop owners on Arbat street were pleased.\n")
    story = read(text.encode(codec))
    assert story.paragraphs[0] == "Путин met Xi in Moscow, the head of Газпром said."
    assert f"encoding guessed: {codec}" in story.warnings


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Zürich Talks\n\nThe naïve résumé of the café owner in Zürich was read.\n", "cp1252"),
        ("Kyiv Talks\n\nThe fee is \u00a315m \u2013 “a record” \u2026 he said.\n", "cp1252"),
        # Runs of three or more accented letters: still Latin script, never Cyrillic.
        ("Paris Talks\n\nIl a crié « ÉÉÉ » devant la foule, dit-il.\n", "cp1252"),
        ("Tallinn Talks\n\nThe word jäääär was on every sign in Tallinn.\n", "latin-1"),
        ("Istanbul Talks\n\nResidents of Küçükçekmece said the water was back.\n", "cp1254"),
    ],
)
def test_western_text_with_accents_is_never_read_as_cyrillic(text, codec):
    story = read(text.encode(codec))
    assert story.paragraphs[0] == text.split("\n\n")[1].strip()
    assert not any("cp1251" in w or "koi8" in w for w in story.warnings)


@pytest.mark.parametrize("word", ["спасибо", "МОСКВА", "ФСБ"])
def test_all_lower_or_all_capital_cp1251_words_read_as_cp1251(word):
    # Such a word is cased like a word in KOI8-R too (the codecs swap the
    # cases): the tie goes to cp1251, the commoner. (KOI8-R is told apart by
    # mixed-case words: Путин, see above.)
    codec = "cp1251"
    data = f"Talks Go On\n\nThe officials said {word} to the press.\n".encode(codec)
    assert read(data).paragraphs[0] == f"The officials said {word} to the press."


def test_one_pasted_russian_word_leaves_the_utf8_around_it():
    data = ("Talks Go On\n\n“We agreed,” he said — it’s ".encode()
            + "Газпром".encode("cp1251") + b" again.\n")
    assert read(data).paragraphs[0] == "“We agreed,” he said — it’s Газпром again."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(codec):
    story = read("Council Votes on Budget\n\nThe council met on Monday. It voted.\n".encode(codec))
    assert story.title == "Council Votes on Budget"
    assert f"encoding guessed: {codec} (no byte-order mark)" in story.warnings


def test_gb18030_chinese():
    text = (
        "中国工人要求支付拖欠工资\n\n"
        "深圳工厂的数百名工人周一聚集在一起，要求支付六个月的欠薪。组织者说，警方在现场。\n"
    )
    story = read(text.encode("gb18030"))
    assert story.title == "中国工人要求支付拖欠工资"
    assert story.paragraphs[0].startswith("深圳工厂的数百名工人")
    assert "encoding guessed: gb18030" in story.warnings


def test_invalid_utf8_does_not_crash():
    text, warnings = decode(b"Head\xc3\n\nBody \xff\xfe\xfd text.\n")
    assert "encoding guessed" in warnings[0]
    assert text.startswith("Head")


def test_few_nul_and_control_characters_are_stripped():
    story = read(b"Council\x00 Votes\n\nThe council\x07 met on Monday.\x1b\n")
    assert story.title == "Council Votes"
    assert story.paragraphs == ("The council met on Monday.",)
    assert "removed 3 control character(s)" in story.warnings


def test_tabs_become_spaces():
    story = read(b"Council\tVotes\n\n\tThe council met\ton Monday.\n")
    assert story.title == "Council Votes"
    assert story.paragraphs == ("The council met on Monday.",)


# --------------------------------------------------------------------------- markup and injection


def test_script_in_headline_byline_body_is_removed():
    text = (
        "Mayor <script>alert(1)</script> Resigns\n\n"
        "By <img src=x onerror=alert(2)>\n\n"
        'Officials <iframe src="x"></iframe> said <em>nothing</em> & left.\n'
    )
    story = read(text.encode())
    assert story.title == "Mayor Resigns"  # plain text, the stray tags gone
    for block in story.blocks:
        assert (
            "<script" not in block.html and "<img" not in block.html and "<iframe" not in block.html
        )
    assert story.blocks[-1].html == (
        "Officials said <em>nothing</em> &amp; left."
    )


def test_header_values_with_markup_stay_plain_text():
    text = (
        "Title: <b>Big</b> <script>x()</script>\nSummary: <i>short</i> & sweet\n"
        "Author: <svg onload=1>\nSlug: ../../../etc/passwd\n\n" + BODY
    )
    story = read(text.encode())
    assert story.title == "Big"
    assert story.summary == "short & sweet"
    assert story.authors == ()  # an author that is only a tag is no author
    assert story.slug == "etc-passwd"
    assert all("<script" not in b.html for b in story.blocks)


@pytest.mark.parametrize(
    "slug",
    ["../../etc", "/abs/path", "..", "a/../b", "C:\\Windows\\x", "%2e%2e%2f"],
)
def test_path_like_slug_is_sanitised(slug):
    story = read(f"Slug: {slug}\n\nHeadline Here\n\n{BODY}".encode())
    assert "/" not in story.slug and ".." not in story.slug and "\\" not in story.slug
    assert story.slug


def test_bad_date_and_unknown_keys_warn():
    story = read(b"Date: 32/13/2024\nColour: red\n\nHeadline Here\n\n" + BODY.encode(), "notes.txt")
    assert story.date is None
    assert story.header["colour"] == "red"
    assert "unknown header key 'colour' ignored" in story.warnings
    assert any(w.startswith("bad Date header") for w in story.warnings)
    assert any(w.startswith("no date") for w in story.warnings)
    assert "red" not in story.body_text


# --------------------------------------------------------------------------- bounded time


@pytest.mark.parametrize(
    "body",
    [
        "x" * 1_000_000,
        "word " * 200_000,
        "<" * 1_000_000,
        "<em>" * 250_000,
        "&" * 1_000_000,
        "&amp;" * 200_000,
        "-" * 1_000_000,
        "A, " * 300_000,
        "By " + "Ann and " * 100_000,
        "PEKING, " * 100_000 + "- x",
        ("    line of wire copy\n" * 40_000),
        ("- item\n" * 100_000),
        ("\n" * 1_000_000) + "x.",
    ],
    ids=lambda b: repr(b[:12]),
)
def test_pathological_bodies_finish_fast(body):
    try:
        timed(parse, "Headline Here\n\n" + body, "x.txt")
    except WireError:
        pass


BIG_INPUTS = {
    # just under the 2 MB limit, each built to hit one slow path
    "header flood": b"Foo: x\n" * 250_000 + b"\nHead\n\nBody.",
    "known-key flood": b"Title: x\n" * 200_000,
    "paragraph flood": b"Head\n\n" + b"Sub\n\nPara.\n\n" * 150_000,
    "indent flood": b"Head\n\n" + b"    x y\nz\n" * 190_000,
    "list flood": b"Head\n\n" + b"- x\n" * 450_000,
    "tag flood": b"Head\n\n" + b"<em><b>" * 250_000,
    "entity flood": b"Head\n\n" + b"&#x41;&amp;" * 180_000,
    "wrapped hyphens": b"Head\n\n" + b"anti-\n" * 300_000,
    "cp1252 text": b"Head\n\n" + "café déjà vu. ".encode("cp1252") * 100_000,
    "random high bytes": bytes(range(128, 256)) * 15_000,
    "random bytes": bytes(range(256)) * 7_500,
}


@pytest.mark.parametrize("name", list(BIG_INPUTS))
def test_big_hostile_files_finish_fast(name):
    try:
        timed(read, BIG_INPUTS[name])
    except WireError as err:
        assert "\n" not in err.reason


def test_paragraph_flood_is_rejected_clearly():
    with pytest.raises(WireError, match="paragraphs: not a single story"):
        read(BIG_INPUTS["paragraph flood"])


# --------------------------------------------------------------------------- properties

FAST = settings(max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.too_slow])


def _story_or_wire_error(func, *args) -> None:
    try:
        result = func(*args)
    except WireError as err:
        assert err.reason and "\n" not in err.reason
        return
    assert isinstance(result, WireStory)
    assert result.title and result.blocks and "/" not in result.slug
    for block in result.blocks:
        assert "<script" not in block.html.lower()


@FAST
@given(st.binary(max_size=4000))
def test_any_bytes_give_story_or_wire_error(data):
    _story_or_wire_error(read_wire, data, "x.txt")


@FAST
@given(st.text(max_size=4000))
def test_any_text_gives_story_or_wire_error(text):
    _story_or_wire_error(parse, text, "x.txt")


WIRE_ALPHABET = st.sampled_from(
    list('ab AB:,.-—()<>/&;#*•\n\n\t"“”')
    + ["<em>", "</em>", "<script>", "By ", "Reuter", "PEKING, March 3 - ", "Title: ", "Date: "]
)


@FAST
@given(st.lists(WIRE_ALPHABET, max_size=300).map("".join))
def test_wire_like_text_gives_story_or_wire_error(text):
    _story_or_wire_error(parse, text, "2024-05-17-x.txt")


def test_a_named_pipe_is_refused_without_waiting(tmp_path):
    import os

    from wire_reader.parse import read_wire_file

    pipe = tmp_path / "2024-05-20-pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(WireError, match="not a regular file"):
        read_wire_file(pipe)  # opening it would block the build forever
