"""Quote verification: nothing misquoted ever passes, typography never blocks a true quote."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from briefkit.corpus.load import Corpus, build_article
from briefkit.corpus.model import Block
from briefkit.corpus.read import RawSource
from briefkit.corpus.segment import segment
from briefkit.errors import QuoteError, SourceError
from briefkit.project import Project
from briefkit.select import find_quote, resolve_paragraph, verify_quote, word_diff
from briefkit.textnorm import split_elisions
from conftest import BBC, write_project

SOURCE = (
    "The minister said the plan was \u201cdead on arrival\u201d \u2014 a phrase she repeated twice.\n\n"
    "Officials counted 1,445 cases in 2023\u00a0alone. Critics called the figure \u2018far too low\u2019.\n\n"
    "A third paragraph, about nothing in particular, closes the note.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    write_project(
        tmp_path,
        {
            "note.md": SOURCE,
            "other.md": "An unrelated text says that the sky over the harbour was grey all week.\n",
        },
    )
    return Corpus(Project.load(tmp_path))


def test_exact_quote(corpus):
    m = verify_quote(corpus, "note", "a phrase she repeated twice")
    assert m.method == "exact"
    art = corpus.get("note")
    s, e = m.spans[0]
    assert art.text[s:e] == "a phrase she repeated twice"
    assert m.paragraph.id == "note/p1"


def test_curly_quotes_and_other_dash_are_folded_but_source_text_is_shown(corpus):
    m = verify_quote(corpus, "note", 'the plan was "dead on arrival" - a phrase')
    assert m.method == "normalised"
    art = corpus.get("note")
    s, e = m.spans[0]
    assert art.text[s:e] == "the plan was \u201cdead on arrival\u201d \u2014 a phrase"


def test_non_breaking_space_and_single_quotes(corpus):
    m = verify_quote(
        corpus, "note", "1,445 cases in 2023 alone. Critics called the figure 'far too low'"
    )
    assert m.method == "normalised"


def test_elided_quote_pieces_in_order_in_one_paragraph(corpus):
    m = verify_quote(corpus, "note", "Officials counted 1,445 cases \u2026 far too low")
    assert len(m.spans) == 2
    m = verify_quote(corpus, "note", "Officials counted ... far too low")
    assert len(m.spans) == 2
    with pytest.raises(QuoteError):  # wrong order
        verify_quote(corpus, "note", "far too low ... Officials counted")
    with pytest.raises(QuoteError):  # pieces from two paragraphs
        verify_quote(corpus, "note", "a phrase she repeated twice ... Officials counted")


def test_misquote_by_one_word_shows_closest_passage_and_diff(corpus):
    with pytest.raises(QuoteError) as info:
        verify_quote(corpus, "note", "a phrase she repeated three times")
    err = info.value
    assert (
        err.message
        == "quote not found verbatim in source 'note': \"a phrase she repeated three times\""
    )
    assert "closest passage (note/p1" in err.detail
    assert "[-twice.-] {+three times+}" in err.detail


def test_quote_from_the_wrong_source_names_the_right_one(corpus):
    with pytest.raises(QuoteError) as info:
        verify_quote(corpus, "note", "the sky over the harbour was grey")
    assert info.value.message == "quote is not in source 'note' but is in 'other' (other/p1)"
    assert info.value.hint == "change 'source: note' to 'source: other'"


def test_paragraph_that_does_not_exist(corpus):
    with pytest.raises(QuoteError) as info:
        resolve_paragraph(corpus, "note/p9")
    assert info.value.message == "paragraph 'note/p9' does not exist: 'note' has 3 paragraphs"
    ex = resolve_paragraph(corpus, "note/p2.s2")
    assert ex.text == "Critics called the figure \u2018far too low\u2019."
    with pytest.raises(SourceError):
        resolve_paragraph(corpus, "nosuch/p1")


def test_word_diff_marks_changes():
    assert (
        word_diff("the cat sat on the mat", "the dog sat on the mat")
        == "the [-cat-] {+dog+} sat on the mat"
    )


# -- on text nobody here wrote: BBC news and its extractive summaries ---------------------


def _bbc_article(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    blocks = tuple(Block(ln) for ln in lines)
    body, paragraphs = segment("bbc", blocks)
    raw = RawSource(path, "text", text.encode(), text, "utf-8")
    art = build_article("bbc", raw, str(path))
    # use our own blocks (one per line) so the test does not depend on the cleaner
    return type(art)(
        **{**{f: getattr(art, f) for f in art.__slots__}, "text": body, "paragraphs": paragraphs}
    )


def _pairs():
    if not BBC.is_dir():
        return []
    return sorted((BBC / "article").glob("*/*.txt"))


@pytest.mark.skipif(not BBC.is_dir(), reason="shared BBC data not present")
def test_every_bbc_summary_sentence_verifies_and_altered_copies_fail():
    rng = random.Random(1234)
    checked = altered = 0
    for article_path in _pairs():
        summary_path = BBC / "summary" / article_path.parent.name / article_path.name
        article = _bbc_article(article_path)
        sentences = [
            s
            for s in summary_path.read_text(encoding="utf-8", errors="replace").splitlines()
            if s.strip()
        ]
        for sentence in sentences:
            m = find_quote(article, sentence)
            assert m is not None, (article_path, sentence)
            # exact match: the spans are the sentence's own pieces (split at any ellipsis)
            assert m.method == "exact"
            assert [article.text[s:e] for s, e in m.spans] == split_elisions(sentence)
            checked += 1
            words = sentence.split()
            if len(words) < 6:
                continue
            # change one word: drop it, swap it with a neighbour, or replace it
            i = rng.randrange(1, len(words) - 1)
            kind = rng.choice(["drop", "swap", "replace"])
            changed = list(words)
            if kind == "drop":
                del changed[i]
            elif kind == "swap" and words[i] != words[i + 1]:
                changed[i], changed[i + 1] = changed[i + 1], changed[i]
            else:
                changed[i] = "not" if words[i].lower() != "not" else "never"
            altered_text = " ".join(changed)
            if altered_text in article.text:
                continue  # the change happens to be a real sentence elsewhere
            assert find_quote(article, altered_text) is None, (article_path, altered_text)
            altered += 1
    assert checked > 700
    assert altered > 600
