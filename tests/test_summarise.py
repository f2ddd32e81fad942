"""The extractive summariser: determinism, focus, budgets, dangling references, trust."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from briefkit.corpus.model import Article, Block
from briefkit.corpus.segment import segment
from briefkit.summarise import SummarySentence, summarise

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc-news-summary"


def make_article(source_id: str, paragraphs: list[str], title: str | None = None,
                 headings: tuple[int, ...] = (),
                 date: str | None = "2024-05-14") -> Article:  # fmt: skip
    blocks = tuple(
        Block(p, "heading" if i in headings else "paragraph") for i, p in enumerate(paragraphs)
    )
    text, paras = segment(source_id, blocks)
    return Article(
        id=source_id, path=f"{source_id}.txt", format="text", content_hash="", text=text,
        paragraphs=paras, dropped=(), title=title, standfirst=None, authors=(), date=date,
        publication=None, language="en", url=None,
    )  # fmt: skip


ARTICLE = make_article(
    "belarus",
    [
        "Belarusian exiles face new visa restrictions across the European Union. "
        "Many of them fled the country after the disputed 2020 election.",
        "The European Union treats Belarusian exiles much like Russian citizens. "
        "Democratic forces ask the EU not to put Belarus and Russia in the same basket. "
        "Exiled leaders say the restrictions punish the victims of the regime.",
        "Political prisoners remain a central concern for the opposition. "
        "Human rights groups count more than 1,400 political prisoners in Belarus. "
        "Prisoners report harsh conditions and long sentences.",
        "Trade between Belarus and Russia has grown since sanctions began. "
        "Russian energy subsidies keep the Belarusian economy afloat.",
        "Economists expect the economy to slow next year.",
    ],
    title="Belarus vs Russia: different baskets",
)


def ids(summary: list[SummarySentence]) -> list[str]:
    return [s.sentence.id for s in summary]


def test_default_is_three_sentences_in_source_order() -> None:
    out = summarise([ARTICLE])
    assert len(out) == 3
    offsets = [s.sentence.start for s in out]
    assert offsets == sorted(offsets)
    for s in out:
        assert ARTICLE.text[s.sentence.start : s.sentence.end] == s.sentence.text
        assert s.source_id == "belarus"
        assert s.sentence.id.startswith(s.paragraph_id + ".s")


def test_deterministic() -> None:
    first = summarise([ARTICLE], sentences=4, focus="political prisoners")
    for _ in range(3):
        assert summarise([ARTICLE], sentences=4, focus="political prisoners") == first


def test_focus_changes_the_choice() -> None:
    prisoners = ids(summarise([ARTICLE], sentences=2, focus="political prisoners"))
    economy = ids(summarise([ARTICLE], sentences=2, focus="trade and the economy"))
    assert prisoners != economy
    assert any(i.startswith("belarus/p3") for i in prisoners)
    assert any(i.startswith("belarus/p4") or i.startswith("belarus/p5") for i in economy)


def test_words_budget_is_respected() -> None:
    for budget in (15, 30, 60):
        out = summarise([ARTICLE], words=budget)
        assert out
        assert sum(len(s.sentence.text.split()) for s in out) <= budget
    assert summarise([ARTICLE], words=3) == []  # no sentence is that short


def test_zero_and_empty() -> None:
    assert summarise([]) == []
    assert summarise([ARTICLE], sentences=0) == []
    with pytest.raises(ValueError):
        summarise([ARTICLE], sentences=-1)


def test_headings_are_not_candidates() -> None:
    art = make_article("h", ["Background", "The minister announced a prison plan on Monday."],
                       headings=(0,))  # fmt: skip
    assert ids(summarise([art])) == ["h/p2.s1"]


DANGLING = make_article(
    "dangling",
    [
        "The ministry published its annual report on prison conditions on Monday. "
        "However, the report omits every political prisoner held since the protests began.",
        "However, nobody expected it to be complete.",
    ],
)


def test_dangling_sentence_comes_with_its_predecessor() -> None:
    out = summarise([DANGLING], sentences=2, focus="political prisoner omitted report")
    assert ids(out) == ["dangling/p1.s1", "dangling/p1.s2"]
    assert [s.with_previous for s in out] == [True, False]


def test_dangling_sentence_passed_over_when_context_does_not_fit() -> None:
    out = summarise([DANGLING], sentences=1, focus="political prisoner omitted")
    assert len(out) == 1
    assert not out[0].sentence.text.startswith("However")
    assert not out[0].with_previous


def test_dangling_sentence_without_predecessor_is_passed_over() -> None:
    art = make_article(
        "d",
        [
            "This is why the plan failed completely last year.",
            "The minister announced a new prison plan in parliament.",
        ],
    )
    assert ids(summarise([art], sentences=1)) == ["d/p2.s1"]


def test_sentences_that_cannot_stand_alone_are_never_printed_bare() -> None:
    art = make_article(
        "w",
        [
            "On Dec. 2 and 3, the Belarus Coordination Council organised a conference on "
            "political prisoners. Titled, the Coordination Council hearings on the Question of "
            "political prisoners, it took place in Warsaw. It saw council members voice their "
            "opinions on freeing political prisoners.",
            "At the conference, council member Svetlana Matskevich remarked that sanctions "
            "have not freed political prisoners. Matskevich proposed using sanctions as a "
            "bargaining chip in negotiations on political prisoners.",
            "Two people in China have been diagnosed with the plague,...",
            "Political prisoners were moved to a new prison last year, officials said.",
        ],
    )
    # "it took place" only ever follows the sentence that says what "it" is, and
    # "It saw …" only follows "it took place": whatever the budget
    needs = {"w/p1.s2": "w/p1.s1", "w/p1.s3": "w/p1.s2"}
    for budget in range(1, 8):
        chosen = ids(summarise([art], sentences=budget, focus="political prisoners"))
        for later, earlier in needs.items():
            assert later not in chosen or chosen[chosen.index(later) - 1] == earlier, chosen
    out = summarise([art], sentences=10, focus="political prisoners")
    by_id = {s.sentence.id: s for s in out}
    printed = [s.printed for s in out]
    # "At the conference, …" follows a sentence that does not say which conference
    assert "w/p2.s1" not in by_id
    assert by_id["w/p2.s2"].printed.startswith("[Svetlana] Matskevich proposed")
    assert "w/p3.s1" not in by_id  # a truncated teaser
    moved = "Political prisoners were moved to a new prison last year [2023], officials said."
    assert moved in printed
    alone = summarise([art], sentences=1, focus="Matskevich proposed bargaining chip")
    (ins,) = alone[0].insertions
    assert (ins.start, ins.end, ins.inserted) == (0, 0, "[Svetlana] ")
    for s in out:  # the source's words are untouched: the insertions are extra
        assert art.text[s.sentence.start : s.sentence.end] == s.sentence.text


def test_a_relative_date_without_the_article_date_is_passed_over() -> None:
    text = [
        "Police detained 40 protesters in Minsk on Sunday, the human rights centre said.",
        "The human rights centre counts more than 1,400 political prisoners in Belarus.",
    ]
    dated = summarise([make_article("d", text)], sentences=2)
    assert dated[0].printed == (
        "Police detained 40 protesters in Minsk on Sunday [article dated 14 May 2024], "
        "the human rights centre said."
    )
    undated = summarise([make_article("u", text, date=None)], sentences=2)
    assert ids(undated) == ["u/p2.s1"]


def test_several_articles_keep_article_order() -> None:
    other = make_article("other", ["Belarusian exiles protested in Vilnius against the rules. "
                                   "Lithuania said it would review the restrictions."])  # fmt: skip
    out = summarise([other, ARTICLE], sentences=4)
    order = [s.source_id for s in out]
    assert order == sorted(order, key=["other", "belarus"].index)


def test_fast_enough_for_a_long_article() -> None:
    sentences = [
        f"Sentence {i} talks about topic {i % 7} and the economy of region {i % 5} in detail."
        for i in range(72)
    ]
    art = make_article("long", [" ".join(sentences[i : i + 4]) for i in range(0, 72, 4)])
    assert art.word_count > 900
    best = float("inf")
    for _ in range(3):  # best of three: a busy machine should not fail the test
        t0 = time.perf_counter()
        summarise([art], sentences=5)
        best = min(best, time.perf_counter() - t0)
    assert best < 0.05


@pytest.mark.skipif(not BBC.is_dir(), reason="BBC benchmark data not available")
def test_bbc_summary_sentences_are_verbatim() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        import summaries as bench
    finally:
        sys.path.pop(0)
    for _name, article, reference in bench.load(BBC):
        out = summarise([article], sentences=len(reference))
        assert out
        for s in out:
            assert article.text[s.sentence.start : s.sentence.end] == s.sentence.text
            assert s.sentence.text in article.text


def test_strict_focus_leaves_out_sentences_about_something_else() -> None:
    art = make_article(
        "f",
        [
            "Political prisoners in Belarus are held in harsh conditions, lawyers said.",
            "The weather in Minsk was mild for the season, with light rain in the evening.",
            "Families of political prisoners say letters are withheld for months.",
            "Human rights groups count more than 1,400 political prisoners in Belarus.",
        ],
        title="Inside Belarus",
    )
    loose = ids(summarise([art], sentences=4, focus="political prisoners"))
    strict = ids(summarise([art], sentences=3, focus="political prisoners", strict_focus=True))
    assert "f/p2.s1" in loose  # without strict focus the budget takes what there is
    assert "f/p2.s1" not in strict and len(strict) == 3
    # too few on-topic sentences to fill the budget: nothing is left out
    assert "f/p2.s1" in ids(
        summarise([art], sentences=4, focus="political prisoners", strict_focus=True)
    )


def test_no_first_name_is_added_when_the_summary_already_gave_the_full_name() -> None:
    art = make_article(
        "n",
        [
            "Council member Svetlana Matskevich remarked that sanctions have not freed "
            "political prisoners. The weather was mild. Matskevich proposed "
            "using sanctions as a bargaining chip in talks on political prisoners.",
        ],
    )
    out = summarise([art], sentences=2, focus="sanctions political prisoners")
    assert [s.sentence.id for s in out] == ["n/p1.s1", "n/p1.s3"]
    assert out[1].printed.startswith("Matskevich proposed")  # no "[Svetlana]"
    alone = summarise([art], sentences=1, focus="Matskevich proposed bargaining chip")
    assert alone[0].printed.startswith("[Svetlana] Matskevich proposed")
