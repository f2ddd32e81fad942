"""The cleaner on the five seed dumps: every body line kept, every clutter line dropped.

The line numbers were decided by hand from reading each seed.
"""

from __future__ import annotations

import pytest

from briefkit.corpus.clean import clean_text_dump

# seed -> (body lines, {dropped line: reason})
EXPECTED = {
    "000": (
        [9, 11, 13, 15, 17, 21, 23, 25, 29, 31, 33, 35, 37, 41, 43, 45, 47, 49, 51, 55,
         57, 59, 61, 63, 67, 70, 75, 77, 81],
        {1: "title", 3: "standfirst", 5: "photo caption", 7: "byline", 19: "photo caption",
         27: "repeated pull quote", 39: "repeated pull quote", 53: "photo caption",
         65: "repeated pull quote", 72: "other language", 73: "photo caption",
         79: "repeated pull quote"},
    ),
    "001": ([3, 5, 8, 9, 10], {1: "title"}),
    "002": (
        list(range(12, 41, 2)),
        {1: "navigation/site chrome", 2: "navigation/site chrome", 4: "title",
         6: "standfirst", 8: "byline", 10: "photo caption", 42: "author bio",
         44: "newsletter/donation appeal", 47: "tag list", 50: None, 51: None,
         52: "cookie/privacy notice", 53: None, 54: None, 55: None, 56: None, 57: None,
         58: None, 59: None},
    ),
    "003": (
        [14, 16, 18, 20, 26, 28, 30, 32, 38, 40, 42],
        {1: "navigation/site chrome", 2: None, 4: "title", 6: "standfirst",
         8: "photo caption", 10: "newsletter/donation appeal",
         12: "newsletter/donation appeal", 22: "related-article teaser",
         24: "related-article teaser", 34: "related-article teaser",
         36: "related-article teaser", 44: "byline", 46: "tag list"},
    ),
    "004": (
        [1, 3, 5, 8, 10, 19, 22, 24, 26, 28, 30, 32, 35, 37, 39, 42, 44, 46, 48, 51, 53,
         55, 57, 59, 62, 64, 66, 68, 70, 72, 74],
        {12: "video promo", 13: None, 15: "video promo", 17: "related-article teaser",
         76: "author bio", 78: "disclaimer", 80: None, 81: None, 83: "comment section",
         84: "comment section", 86: "comment section", 88: "comment section"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_body_and_clutter(seed: str, seed_text) -> None:
    text = seed_text(seed)
    lines = text.splitlines()
    result = clean_text_dump(text)
    body_lines, drops = EXPECTED[seed]
    assert [b.line for b in result.blocks] == body_lines
    for block in result.blocks:
        raw = " ".join(lines[block.line - 1].split()).lstrip("• ")
        assert block.text == raw  # kept verbatim (whitespace collapsed only)
    dropped = {d.line: d.reason for d in result.dropped}
    for line, reason in drops.items():
        assert line in dropped, f"line {line} should be dropped"
        if reason is not None:
            assert dropped[line] == reason, f"line {line}"


def test_seed_headings_and_list_items(seed_text) -> None:
    blocks = {b.line: b.kind for b in clean_text_dump(seed_text("000")).blocks}
    assert [line for line, kind in blocks.items() if kind == "heading"] == [15, 33, 45, 59]
    items = [b for b in clean_text_dump(seed_text("001")).blocks if b.kind == "list_item"]
    assert [b.line for b in items] == [8, 9, 10]
    assert items[0].text.startswith("The statements by Tsikhanouskaya")


TITLES = {
    "000": "A democratic movement in exile: lessons from Belarus",
    "001": "Saving face abroad: the Belarusian opposition in exile on the war in Ukraine",
    "002": "Belarus and Russia: not in one but different baskets",
    "003": "As Lukashenka Sides with Putin, the Belarusian Opposition Presses On",
    # The Kyiv Post dump starts with the first body paragraph: it states no title.
    "004": None,
}
AUTHORS = {
    "000": ("Victoria Leukavets",),
    "001": (),
    "002": ("Hanna Vasilevich",),
    "003": ("Mark Temnycky",),
    "004": ("Stepan Stepanenko",),
}
STANDFIRSTS = {
    "000": "In a recent article for RAAM, Kristina Petrasova argued",
    "001": None,
    "002": "In spite of their shared desires to challenge the status quo",
    "003": "Despite their leader’s support for Russia, most Belarusians oppose the war",
    "004": None,
}
PUBLICATIONS = {
    "000": None,
    "001": None,
    "002": "New Eastern Europe",
    "003": "Byline Times",
    "004": "Kyiv Post",
}


@pytest.mark.parametrize("seed", sorted(TITLES))
def test_seed_metadata(seed: str, seed_text) -> None:
    found = clean_text_dump(seed_text(seed)).metadata
    assert found.title == TITLES[seed]
    assert found.authors == AUTHORS[seed]
    if STANDFIRSTS[seed] is None:
        assert found.standfirst is None
    else:
        assert found.standfirst is not None
        assert found.standfirst.startswith(STANDFIRSTS[seed])
    assert found.publication == PUBLICATIONS[seed]
    assert found.language == "en"
    assert found.date == ("2024-04-08" if seed == "002" else None)
