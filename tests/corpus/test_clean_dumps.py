"""The cleaner on dumps in styles unlike the seeds, scored against gold bodies."""

from __future__ import annotations

import pytest

from briefkit.corpus.clean import clean_text_dump

from .conftest import DATA, token_f1

DUMPS = sorted(p.stem for p in (DATA / "dumps").glob("*.txt") if not p.stem.endswith(".gold"))


def test_enough_dumps() -> None:
    assert len(DUMPS) >= 4


@pytest.mark.parametrize("name", DUMPS)
def test_dump_f1(name: str) -> None:
    text = (DATA / "dumps" / f"{name}.txt").read_text(encoding="utf-8")
    gold = (DATA / "dumps" / f"{name}.gold.txt").read_text(encoding="utf-8")
    cleaned = "\n".join(b.text for b in clean_text_dump(text).blocks)
    assert token_f1(cleaned, gold) >= 0.9


def _kept(name: str) -> list[str]:
    text = (DATA / "dumps" / f"{name}.txt").read_text(encoding="utf-8")
    return [b.text for b in clean_text_dump(text).blocks]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    kept = _kept("wrapped")
    assert len(kept) == 4
    assert kept[0].startswith(
        "When the district council proposed fitting water meters to every household"
    )
    # "some-/thing" is joined (the whole word occurs nowhere else, but "thing" breaks
    # mid-word only because of the wrap); "pro-metering" keeps its hyphen.
    assert "take some-thing away" in kept[1] or "take something away" in kept[1]
    assert "The pro-metering campaign" in kept[2]


def test_list_items_and_headings_kept() -> None:
    text = (DATA / "dumps" / "listpage.txt").read_text(encoding="utf-8")
    result = clean_text_dump(text)
    items = [b for b in result.blocks if b.kind == "list_item"]
    assert len(items) == 12
    assert (
        items[0].text
        == "Build protected lanes on the ring road, where most serious crashes happen."
    )
    assert result.metadata.title == "12 ways our city can make cycling safer this year"
    assert result.metadata.date == "2024-05-02"


def test_blog_metadata_and_comments() -> None:
    text = (DATA / "dumps" / "blog.txt").read_text(encoding="utf-8")
    result = clean_text_dump(text)
    assert result.metadata.title == "Why I stopped buying sourdough starter kits"
    assert result.metadata.authors == ("Ellie Marsh",)
    assert result.metadata.date == "2023-03-12"
    reasons = {d.text: d.reason for d in result.dropped}
    assert reasons["8 Comments"] == "comment section"
    assert reasons["Good luck Tom! Let me know how Gerald's cousin gets on."] == "comment section"
    assert [b.kind for b in result.blocks].count("heading") == 2


def test_press_release_footer() -> None:
    text = (DATA / "dumps" / "press.txt").read_text(encoding="utf-8")
    result = clean_text_dump(text)
    reasons = {d.text: d.reason for d in result.dropped}
    assert reasons["About Northwind Energy"] == "boilerplate footer"
    assert reasons["press@northwind.example"] in ("boilerplate footer", "contacts")
    assert result.metadata.standfirst is not None
    assert (
        result.metadata.title
        == "Northwind Energy to build 400 MW battery storage site in Rotterdam port"
    )


def test_german_and_french_pages() -> None:
    de = clean_text_dump((DATA / "dumps" / "german.txt").read_text(encoding="utf-8"))
    assert de.metadata.language == "de"
    assert de.metadata.authors == ("Jonas Becker", "Miriam Vogel")
    assert de.metadata.date == "2024-01-08"
    fr = clean_text_dump((DATA / "dumps" / "french.txt").read_text(encoding="utf-8"))
    assert fr.metadata.language == "fr"
    assert fr.metadata.authors == ("Claire Fontaine",)
    assert fr.metadata.date == "2024-03-03"


def test_report_authors_and_summary_heading() -> None:
    result = clean_text_dump((DATA / "dumps" / "report.txt").read_text(encoding="utf-8"))
    assert result.metadata.authors == ("Laura Ozola", "Tomas Petrauskas")
    assert result.blocks[0].text == "Summary" and result.blocks[0].kind == "heading"


CLEAN_TEXT = """\
The committee met on Tuesday to discuss the budget.

It agreed to raise spending on schools by four per cent, and to review the
transport plan before the summer.

Next steps

Members will vote on the final text in June. The chair said she expected a
broad majority.
"""


def test_clean_text_loses_nothing() -> None:
    result = clean_text_dump(CLEAN_TEXT)
    kept = " ".join(b.text for b in result.blocks)
    assert token_f1(kept, CLEAN_TEXT) == 1.0
    assert [b.kind for b in result.blocks] == ["paragraph", "paragraph", "heading", "paragraph"]


def test_lines_without_blank_lines_stay_separate() -> None:
    text = (
        "The minister resigned on Monday after weeks of pressure from her own party.\n"
        "Her deputy will take over until a new appointment is made next month.\n"
        "Opposition leaders called for an early election, which the government rejected.\n"
    )
    assert len(clean_text_dump(text).blocks) == 3


def test_bullets_become_list_items_without_markers() -> None:
    text = (
        "The report makes three recommendations to the government this year.\n\n"
        "- Publish the data every month.\n* Fund the local councils properly.\n"
        "1. Review the policy within two years.\n\n"
        "Ministers are expected to respond to the report before the end of the year.\n"
    )
    blocks = clean_text_dump(text).blocks
    items = [b.text for b in blocks if b.kind == "list_item"]
    assert items == [
        "Publish the data every month.",
        "Fund the local councils properly.",
        "Review the policy within two years.",
    ]


def test_whitespace_collapsed_but_typography_kept() -> None:
    text = "The   minister said   “we will not   back down” — and   she meant it, ‘truly’.\n"
    (block,) = clean_text_dump(text).blocks
    assert block.text == "The minister said “we will not back down” — and she meant it, ‘truly’."


ARTICLE = [
    "The council approved eleven kilometres of protected cycle lanes on Tuesday, ending "
    "a two-year dispute with shop owners over parking near the market square.",
    "Supporters say the lanes will make it safer for children to cycle to school and "
    "will reduce congestion on the ring road at rush hour, when most crashes happen.",
    "Opponents, including several business groups, argue that removing parking spaces "
    "will drive shoppers to out-of-town retail parks and hurt the high street.",
    "Work on the first section is expected to begin in September and to cost four "
    "million pounds, most of it funded by a national active travel grant.",
]


def test_a_comment_button_at_the_top_does_not_swallow_the_article() -> None:
    # slate.com, foxnews.com: a 'Comments' share button above the body
    text = "\n".join(
        ["Councils back cycle lanes", "By Jane Doe", "Share", "Comments", "", *ARTICLE]
    )
    result = clean_text_dump(text)
    kept = [b.text for b in result.blocks]
    assert kept == ARTICLE
    assert result.metadata.authors == ("Jane Doe",)


def test_comments_after_the_article_are_dropped() -> None:
    text = "\n\n".join(
        [*ARTICLE, "3 Comments", "Great news, finally some action on this road.", "Reply"]
    )
    result = clean_text_dump(text)
    assert [b.text for b in result.blocks] == ARTICLE
    reasons = {d.text: d.reason for d in result.dropped}
    assert reasons["Great news, finally some action on this road."] == "comment section"


@pytest.mark.parametrize(
    "sentence",
    [
        # dropped as 'newsletter/donation appeal' and 'other language' by the old cleaner
        "If the country met the criteria it could apply to become a member of the EU, "
        "the commission said on Tuesday.",
        "In January, Fosun bought Portuguese insurer Caixa Seguros e Saude.",
    ],
)
def test_ordinary_sentences_in_clean_text_are_kept(sentence: str) -> None:
    text = "\n\n".join([ARTICLE[0], sentence, ARTICLE[1]])
    assert sentence in [b.text for b in clean_text_dump(text).blocks]
