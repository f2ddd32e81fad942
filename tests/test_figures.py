"""Key figures: quantities found, non-quantities ignored, labels from the source."""

from __future__ import annotations

from briefkit.corpus.model import Article, Block
from briefkit.corpus.segment import segment
from briefkit.figures import Figure, find_figures


def make_article(source_id: str, paragraphs: list[str]) -> Article:
    text, paras = segment(source_id, tuple(Block(p) for p in paragraphs))
    return Article(
        id=source_id, path=f"{source_id}.txt", format="text", content_hash="", text=text,
        paragraphs=paras, dropped=(), title=None, standfirst=None, authors=(), date=None,
        publication=None, language="en", url=None,
    )  # fmt: skip


def figures(*paragraphs: str, about: tuple[str, ...] = (), top: int = 10) -> list[Figure]:
    return find_figures([make_article("src", list(paragraphs))], about=about, top=top)


def check_trust(figs: list[Figure], article_text: str) -> None:
    for f in figs:
        assert f.value in f.sentence.text
        assert article_text[f.start : f.end] == f.value


def test_political_prisoners() -> None:
    text = (
        "While human rights groups report around 1,445 political prisoners in Belarus, "
        "the actual number is believed to exceed 12,000."
    )
    figs = figures(text)
    assert [f.value for f in figs] == ["1,445", "12,000"]
    assert figs[0].label == "political prisoners in Belarus (human rights groups)"
    assert figs[1].label == "political prisoners in Belarus"
    assert figs[0].paragraph_id == "src/p1"
    assert figs[0].sentence.id == "src/p1.s1"
    check_trust(figs, make_article("src", [text]).text)


def test_percentages_money_and_ranges() -> None:
    figs = figures(
        "79% of respondents were categorically opposed. Only 3 per cent agreed with it.",
        "Prison terms were between 21 and 23 years. Others got 21–23 years.",
        "The EU pledged €2.3 billion, the fund $5 million and the UK £1,400.",
    )
    values = {f.value: f.label for f in figs}
    assert values["79%"] == "respondents"
    assert "3 per cent" in values
    assert "between 21 and 23 years" in values
    assert "21–23 years" in values
    assert "€2.3 billion" in values and "$5 million" in values and "£1,400" in values
    assert values["€2.3 billion"] == "EU pledged"


def test_counts_with_a_noun() -> None:
    figs = figures("More than 1,100 Belarusians were detained in 2020.")
    assert [(f.value, f.label) for f in figs] == [("1,100", "Belarusians detained")]


def test_not_figures() -> None:
    assert figures("The plane was Ryanair flight 4978 from Athens.") == []
    assert figures("Protests took place on February 27th and 28th 2022.") == []
    assert figures("It happened in 2020, on 9 August, at 10:30 and again on page 5.") == []
    assert figures("COVID-19 reached the G7. Madrid won 2-1. It was the 3rd time.") == []


def test_about_filters_and_ranks() -> None:
    paragraphs = (
        "The economy shrank by 4.7% last year.",
        "More than 1,100 Belarusians were detained after the vote.",
        "Human rights groups count 1,445 political prisoners.",
    )
    figs = figures(*paragraphs, about=("political prisoners", "detained"))
    assert [f.value for f in figs] == ["1,100", "1,445"]  # both match one term: source order
    assert figures(*paragraphs, about=("detentions",)) == []  # stems: "detain" != "detent"
    assert [f.value for f in figures(*paragraphs, about=("detain",))] == ["1,100"]


def test_top_dedupe_and_determinism() -> None:
    a = make_article(
        "a", ["Some 1,445 political prisoners remain. The economy shrank 4.7% last year."]
    )
    b = make_article("b", ["Some 1,445 political prisoners remain in jail."])
    figs = find_figures([a, b], top=4)
    assert [(f.source_id, f.value) for f in figs].count(("b", "1,445")) == 0  # same fact once
    assert find_figures([a, b], top=1) == figs[:1]
    assert find_figures([a, b], top=4) == figs


def test_month_like_words_are_not_dates() -> None:
    figs = figures(
        "The market lost 500 jobs and the decade saw 40% growth. On 3 March 2021 it fell."
    )
    assert [f.value for f in figs] == ["40%", "500"] or [f.value for f in figs] == ["500", "40%"]
