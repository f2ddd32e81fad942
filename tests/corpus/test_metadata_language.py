from __future__ import annotations

import pytest

from briefkit.corpus.language import detect_language
from briefkit.corpus.metadata import (
    bio_subject,
    byline,
    find_metadata,
    parse_date,
    publication,
    standfirst_author,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("April 8, 2024", "2024-04-08"),
        ("8 April 2024", "2024-04-08"),
        ("2024-04-08", "2024-04-08"),
        ("08.04.2024", "2024-04-08"),
        ("Nov. 30, 2023", "2023-11-30"),
        ("Published: 3 mars 2024 à 10h15", "2024-03-03"),
        ("8. März 2024", "2024-03-08"),
        ("June 2023", "2023-06"),
        ("no date here", None),
        ("Flight 4978 landed", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_bylines() -> None:
    assert byline("By Victoria Leukavets") == (("Victoria Leukavets",), None)
    assert byline("April 8, 2024 - Hanna Vasilevich - Articles and Commentary") == (
        ("Hanna Vasilevich",),
        "2024-04-08",
    )
    assert byline("Posted on 12 March 2023 by Ellie Marsh") == (("Ellie Marsh",), "2023-03-12")
    assert byline("By Jane Doe and John Smith") == (("Jane Doe", "John Smith"), None)
    assert byline("By 2030, the plan will be complete") is None
    assert byline("Written by") is None


def test_authors_from_prose() -> None:
    assert (
        standfirst_author("Most Belarusians oppose the war, argues Mark Temnycky")
        == "Mark Temnycky"
    )
    assert (
        bio_subject("Dr Stepan Stepanenko is a director of a consultancy.") == "Stepan Stepanenko"
    )
    assert bio_subject("Hanna Vasilevich holds a Doctoral Degree.") == "Hanna Vasilevich"
    assert bio_subject("The government is under pressure.") is None


def test_publication_from_generic_phrasing() -> None:
    assert (
        publication(
            "The views expressed in this opinion article are the author’s and not necessarily those of Kyiv Post."  # noqa: E501
        )
        == "Kyiv Post"
    )
    assert (
        publication(
            "Subscribe to our newsletter for exclusive editorial emails from the Byline Times Team."
        )
        == "Byline Times"
    )
    assert (
        publication("Please support New Eastern Europe's crowdfunding campaign.")
        == "New Eastern Europe"
    )
    assert publication("© 2024 The Harbour Ledger. All rights reserved.") == "Harbour Ledger"
    assert publication("Nothing to see here.") is None


def test_find_metadata_standalone(seed_text) -> None:
    found = find_metadata(seed_text("002"))
    assert found.authors == ("Hanna Vasilevich",)
    assert found.date == "2024-04-08"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The government said that it would not change the policy before the end of the year.",
            "en",
        ),
        ("Die Regierung hat am Mittwoch erklärt, dass sie die Pläne nicht ändern werde.", "de"),
        (
            "Le gouvernement a déclaré mercredi qu'il ne changerait pas sa politique avant la fin de l'année.",  # noqa: E501
            "fr",
        ),
        ("El gobierno dijo que no cambiará la política antes del final del año.", "es"),
        ("Il governo ha detto che non cambierà la politica prima della fine dell'anno.", "it"),
        (
            "De regering heeft gezegd dat zij het beleid niet voor het einde van het jaar zal wijzigen.",  # noqa: E501
            "nl",
        ),
        (
            "Rząd powiedział, że nie zmieni tej polityki przed końcem roku, ale jest gotowy do rozmów.",  # noqa: E501
            "pl",
        ),
        (
            "Правительство заявило, что не будет менять эту политику до конца года, но это возможно.",  # noqa: E501
            "ru",
        ),
        (
            "Уряд заявив, що не змінюватиме цю політику до кінця року, але це можливо і є план.",
            "uk",
        ),
        ("Урад заявіў, што не будзе мяняць гэтую палітыку да канца года, але гэта магчыма.", "be"),
        (
            "Vyriausybė pareiškė, kad ji nekeis šios politikos iki metų pabaigos, bet tai gali būti.",  # noqa: E501
            "lt",
        ),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detect_language_unclear() -> None:
    assert detect_language("") is None
    assert detect_language("12345 !!!") is None
    assert detect_language("Kyiv") is None
