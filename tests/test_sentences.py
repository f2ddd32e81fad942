"""The offline sentence splitter on the cases that break naive splitters."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefkit.corpus.sentences import split_sentences


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew. The U.K. did not.",
            ["The U.S. economy grew.", "The U.K. did not."],
        ),
        (
            "He lives in the U.S. But he works abroad.",
            ["He lives in the U.S.", "But he works abroad."],
        ),
        (
            "Fruit, e.g. apples, i.e. round ones, etc. are good. Mr. Smith met Dr. Who.",
            ["Fruit, e.g. apples, i.e. round ones, etc. are good.", "Mr. Smith met Dr. Who."],
        ),
        (
            "Mrs. Jones and Prof. Lee met at St. Paul's. Then they left.",
            ["Mrs. Jones and Prof. Lee met at St. Paul's.", "Then they left."],
        ),
        (
            "It opened on Nov. 5. No. 10 said so. On Dec. 24 it closed.",
            ["It opened on Nov. 5.", "No. 10 said so.", "On Dec. 24 it closed."],
        ),
        (
            "Real Madrid vs. Barcelona ended 2-1. It was tense.",
            ["Real Madrid vs. Barcelona ended 2-1.", "It was tense."],
        ),
        (
            "J. R. R. Tolkien wrote it. Aliaksandr G. Lukashenka won. Then J.R.R. Martin spoke.",
            [
                "J. R. R. Tolkien wrote it.",
                "Aliaksandr G. Lukashenka won.",
                "Then J.R.R. Martin spoke.",
            ],
        ),
        ("She said: “It is over.” Then she left.", ["She said: “It is over.”", "Then she left."]),
        ("He said ‘no.’ She agreed.", ["He said ‘no.’", "She agreed."]),
        (
            'He wrote "Hello." "Goodbye," she replied.',
            ['He wrote "Hello."', '"Goodbye," she replied.'],
        ),
        ("“Why?” he asked. Nobody knew!", ["“Why?” he asked.", "Nobody knew!"]),
        (
            "About 1,445 people, or 3.5%, were held. 12 were freed.",
            ["About 1,445 people, or 3.5%, were held.", "12 were freed."],
        ),
        (
            "They boarded Ryanair flight 4978. It landed in Minsk.",
            ["They boarded Ryanair flight 4978.", "It landed in Minsk."],
        ),
        (
            "Wait... What happened? Nobody knows! Really?",
            ["Wait...", "What happened?", "Nobody knows!", "Really?"],
        ),
        ("He hesitated… and then spoke.", ["He hesitated… and then spoke."]),
        (
            "Лукашенко выиграл. Он ушёл. Ёлка стоит.",
            ["Лукашенко выиграл.", "Он ушёл.", "Ёлка стоит."],
        ),
        ("It rained in Kraków. Łódź stayed dry.", ["It rained in Kraków.", "Łódź stayed dry."]),
        (
            "Key points:\n• First point\n• Second point.",
            ["Key points:", "• First point", "• Second point."],
        ),
        ("Steps:\n1. Apply\n2. Wait.", ["Steps:", "1. Apply", "2. Wait."]),
        ("(This is bracketed.) Next one.", ["(This is bracketed.)", "Next one."]),
        (
            "Shares in Acme Inc. rose. Filed with the SEC. The agency agreed.",
            ["Shares in Acme Inc. rose.", "Filed with the SEC.", "The agency agreed."],
        ),
        (
            "The U.S.-led coalition won. Version 3.5 is out.",
            ["The U.S.-led coalition won.", "Version 3.5 is out."],
        ),
        ("  Leading and trailing space.  ", ["Leading and trailing space."]),
        ("", []),
    ],
)
def test_hard_cases(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_spans_are_stripped_ordered_and_cover_all_text() -> None:
    text = " One. Two?  “Three!” Four … five. "
    spans = split_sentences(text)
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


@given(st.text(alphabet=st.sampled_from('Ab .?!"”’\n1,é…'), max_size=60))
def test_property_spans_partition_the_text(text: str) -> None:
    _assert_partition(text)


def _assert_partition(text: str) -> None:
    """Sentence spans are stripped, in order, and leave only whitespace between them."""
    spans = split_sentences(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert text[s:e].strip() == text[s:e]
        assert not text[prev:s].strip()
        prev = e
    assert not text[prev:].strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "市议会昨天批准了新的交通计划。反对党投了反对票！费用会是两倍吗？",
            ["市议会昨天批准了新的交通计划。", "反对党投了反对票！", "费用会是两倍吗？"],
        ),
        (
            "市議会は計画を承認した。野党は反対した。本当に？！誰も知らない。",
            ["市議会は計画を承認した。", "野党は反対した。", "本当に？！", "誰も知らない。"],
        ),
        # ASCII ?! right after Chinese; "Yahoo!" inside a word is not an end.
        ("你好吗?我很好!谢谢。", ["你好吗?", "我很好!", "谢谢。"]),
        ("Yahoo!ニュースによると、会議は続いた。", ["Yahoo!ニュースによると、会議は続いた。"]),
        # Closing quotes stay with the sentence; the quoting particle と does not start one.
        ("他说：“我们走吧！”大家都走了。", ["他说：“我们走吧！”", "大家都走了。"]),
        (
            "「行きます。」と彼は言った。翌日、彼は来た。",
            ["「行きます。」と彼は言った。", "翌日、彼は来た。"],
        ),
        ("问题是什么？……没人知道。", ["问题是什么？……没人知道。"]),
        # Spaces after the mark, Latin text between, line breaks.
        (
            "東京は晴れ。 Tokyo is sunny. 大阪は雨。\n札幌は雪",
            ["東京は晴れ。", "Tokyo is sunny.", "大阪は雨。", "札幌は雪"],
        ),
        # Korean: ASCII full stops and spaces, but no capitals to open a sentence.
        (
            "시의회가 계획을 승인했다. 야당은 반대했다.",
            ["시의회가 계획을 승인했다.", "야당은 반대했다."],
        ),
        ("결론。」", ["결론。」"]),
    ],
)
def test_cjk(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@given(st.text(alphabet=st.sampled_from("中と한A .。！？!?」“”\n…"), max_size=40))
def test_property_cjk_spans_partition_the_text(text: str) -> None:
    _assert_partition(text)
