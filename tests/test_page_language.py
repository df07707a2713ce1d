"""A story written in Russian (or another Cyrillic language) says so on its page,
so that a screen reader reads it in that language; its address does not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, write_wire

STORIES = {
    "2024-05-19-talks.txt": ("ЛАВРОВ ПРОВЕДЕТ ПЕРЕГОВОРЫ В ПЕКИНЕ\n\nМОСКВА, 19 мая (ТАСС) - "
                             "Министр Сергей Лавров проведет переговоры в Пекине.\n", "ru"),
    "2024-05-19-kyiv.txt": ("Київ готує нові переговори\n\nКИЇВ, 19 травня - Україна готує нові "
                            "переговори, повідомили в уряді.\n", "uk"),
    "2024-05-19-english.txt": ("Talks Held in Beijing\n\nBEIJING, May 19 (Reuters) - Talks "
                               "were held on Sunday.\n", "en"),
    # the headline and lede say the language: a long quote in Russian does not
    "2024-05-19-quote.txt": ("Envoy Quotes Moscow Statement\n\nLONDON, May 19 (Reuters) - The "
                             "envoy read out Moscow's statement in full.\n\n"
                             + "Министерство иностранных дел России заявляет, что переговоры "
                               "будут продолжены в ближайшее время. " * 4 + "\n", "en"),
    "2024-05-19-cnpc.txt": ("Газпром и CNPC подписали контракт\n\nМОСКВА, 18 мая (ТАСС) - "
                            "Газпром и CNPC подписали контракт по Power of Siberia, сообщила "
                            "компания.\n", "ru"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("language")
    for name, (text, _lang) in STORIES.items():
        write_wire(root / "content" / "wire", name, text)
    return build(root / "content", root)


@pytest.mark.parametrize("name", sorted(STORIES))
def test_a_story_page_names_the_language_it_is_written_in(site: Path, name: str) -> None:
    pages = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
             for p in site.glob("2024/05/19/*/index.html")]
    first_words = STORIES[name][0].split()[0].capitalize()
    page = next(p for p in pages if p.h1.get_text().startswith(first_words))
    assert page.html["lang"] == STORIES[name][1]
    assert page.select_one('meta[property="og:locale"]')["content"] == STORIES[name][1]


def test_the_address_keeps_no_language_suffix(site: Path) -> None:
    assert not [p for p in site.glob("2024/05/19/*/") if p.name.endswith(("-ru", "-uk"))]


def test_lists_and_editions_mark_the_language_of_a_storys_headline_and_summary(
    site: Path,
) -> None:
    pages = {"front": site / "index.html", "edition": site / "digest/2024-05-19/index.html"}
    for name, path in pages.items():
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert page.html["lang"] == "en", name
        titles = {a.get_text(" ", strip=True): a.get("lang")
                  for a in page.select(".story-card-title a")}
        lavrov = next(t for t in titles if t.startswith("Лавров"))
        kyiv = next(t for t in titles if t.startswith("Київ"))
        assert {lang for title, lang in titles.items()
                if title.startswith(("Talks Held", "Envoy Quotes"))} == {None}, name
        assert (titles[lavrov], titles[kyiv]) == ("ru", "uk"), name
        card = next(c for c in page.select(".story-card")
                    if c.select_one(".story-card-title a").get_text().startswith("Лавров"))
        assert card.select_one(".story-summary")["lang"] == "ru", name
        assert card.select_one(".story-meta").get("lang") is None, name  # the site's words


def test_russian_copy_is_quoted_with_guillemets_and_english_copy_is_not(tmp_path: Path) -> None:
    write_wire(tmp_path / "content" / "wire", "2024-05-20-gas.txt",
               'ГАЗПРОМ НАРАСТИЛ ПОСТАВКИ\n\nМОСКВА, 20 мая (ТАСС) - "Газпром" нарастил '
               'поставки газа в Китай, сообщил "Интерфакс".\n')
    write_wire(tmp_path / "content" / "wire", "2024-05-20-talks.txt",
               'Talks Resume\n\nBEIJING, May 20 (Reuters) - "We are ready," the envoy said.\n')
    site = build(tmp_path / "content", tmp_path)
    texts = {}
    for path in site.glob("2024/05/20/*/index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        texts[page.html["lang"]] = page.select_one(".story-body").get_text()
    assert "«Газпром» нарастил" in texts["ru"] and "«Интерфакс»" in texts["ru"]
    assert "“" not in texts["ru"] and "”" not in texts["ru"]
    assert "“We are ready,” the envoy said." in texts["en"]


def test_a_russian_markdown_story_is_quoted_with_guillemets_too(tmp_path: Path) -> None:
    write_wire(tmp_path / "content" / "notes", "2024-05-21-visit.md",
               'Title: Визит в Пекин\nDate: 2024-05-21 10:00\nLang: ru\n\n'
               '"Это важный визит", - сказал Песков.\n')
    site = build(tmp_path / "content", tmp_path)
    page = BeautifulSoup(next(site.glob("2024/05/21/*/index.html")).read_text(encoding="utf-8"),
                         "html.parser")
    assert "«Это важный визит»" in page.select_one(".story-body").get_text()
