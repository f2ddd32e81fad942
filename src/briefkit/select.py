"""Excerpt selection and verbatim quote verification.

Every excerpt that reaches a brief is an :class:`Excerpt` holding the
source's own text and its exact offsets. A quote is accepted only when its
pieces are found, in order, inside one paragraph of the named source: first
exactly, then after typographic folding (:mod:`briefkit.textnorm`). Anything
else is a :class:`QuoteError` with the closest passage and a word diff.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config.models import PARAGRAPH_REF
from .corpus.model import Article, Paragraph
from .errors import Location, QuoteError, SourceError
from .textnorm import fold, normalise, split_elisions

if TYPE_CHECKING:
    from .corpus.load import Corpus


@dataclass(frozen=True, slots=True)
class Excerpt:
    kind: str  # "quote" | "paragraph" | "query"
    source_id: str
    paragraph_id: str
    text: str  # the source's own characters (pieces joined by " … " for elisions)
    spans: tuple[tuple[int, int], ...]  # offsets into Article.text, one per piece
    method: str  # "exact" | "normalised" | "paragraph" | "sentences" | "query" | "unverified"
    note: str | None = None
    score: float | None = None
    query: str | None = None
    # Who said these words. "given": the brief's `speaker:`; "found": named in
    # the source beside the words ("…, said Li Jifeng", "according to X").
    speaker: str | None = None
    speaker_origin: str = ""  # "given" | "found" | ""
    # The words are someone else's, not the article author's: they stand in
    # quotation marks in the source or are reported ("X said …"). Templates then
    # never credit the author as the speaker: "quoted in <author>, <publication>".
    quoted: bool = False

    @property
    def verified(self) -> bool:
        return self.method != "unverified"

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    paragraph: Paragraph
    spans: tuple[tuple[int, int], ...]
    method: str


def _find_in_order(
    haystack: str, pieces: list[str], where: list[int] | None = None
) -> list[tuple[int, int]] | None:
    """Spans of ``pieces`` found in order in ``haystack``.

    With ``where`` (the offset map of a folded text), a match must begin and
    end on whole source characters: "in" is not found inside the ligature
    "ﬁ" of "ﬁnal", whose folded "fi" maps back to one character.
    """
    spans = []
    pos = 0
    for piece in pieces:
        i = haystack.find(piece, pos)
        while i >= 0 and where is not None and not _whole(where, i, i + len(piece)):
            i = haystack.find(piece, i + 1)
        if i < 0:
            return None
        spans.append((i, i + len(piece)))
        pos = i + len(piece)
    return spans


def _whole(where: list[int], start: int, end: int) -> bool:
    starts_whole = start == 0 or where[start - 1] != where[start]
    ends_whole = end >= len(where) or where[end] != where[end - 1]
    return starts_whole and ends_whole


def find_quote(article: Article, quote: str) -> QuoteMatch | None:
    """Find ``quote`` in one paragraph of ``article``; None when it is not there."""
    pieces = split_elisions(quote)
    if not pieces:
        return None
    # Exact first: the quote as typed is in the source.
    for para in article.paragraphs:
        spans = _find_in_order(para.text, pieces)
        if spans is not None:
            return QuoteMatch(
                para, tuple((para.start + s, para.start + e) for s, e in spans), "exact"
            )
    folded_pieces = [fold(p) for p in pieces]
    if not all(folded_pieces):
        return None
    for para in article.paragraphs:
        folded, where = normalise(para.text)
        spans = _find_in_order(folded, folded_pieces, where)
        if spans is not None:
            mapped = tuple((para.start + where[s], para.start + where[e - 1] + 1) for s, e in spans)
            return QuoteMatch(para, mapped, "normalised")
    return None


def closest_passage(article: Article, quote: str) -> tuple[Paragraph, str, float] | None:
    """The passage of ``article`` most like ``quote`` (paragraph, text, similarity 0-100)."""
    from rapidfuzz import fuzz

    target = fold(" ".join(split_elisions(quote)) or quote)
    best: tuple[Paragraph, str, float] | None = None
    for para in article.paragraphs:
        folded, where = normalise(para.text)
        if not folded:
            continue
        al = fuzz.partial_ratio_alignment(target, folded, score_cutoff=0)
        if al is None:
            continue
        if best is None or al.score > best[2]:
            s, e = al.dest_start, al.dest_end
            # widen to whole words in the source
            start = where[s] if s < len(where) else 0
            end = where[e - 1] + 1 if 0 < e <= len(where) else len(para.text)
            while start > 0 and not para.text[start - 1].isspace():
                start -= 1
            while end < len(para.text) and not para.text[end].isspace():
                end += 1
            best = (para, para.text[start:end], al.score)
    return best


def _word_key(word: str) -> str:
    # punctuation at the edges ("“making", "basket”.") is not a difference in wording
    return fold(word).strip("\"'.,;:!?()[]-").lower() or word


def _word_matcher(a: list[str], b: list[str]) -> difflib.SequenceMatcher:
    return difflib.SequenceMatcher(
        a=[_word_key(w) for w in a], b=[_word_key(w) for w in b], autojunk=False
    )


def quoted_part(passage: str, quote: str) -> str | None:
    """The words of ``passage`` that ``quote`` stands for, without neighbours on either side.

    The closest passage is found character by character and widened to whole
    words, so it often starts or ends with a source word the quote never had
    ("2029. The decision passed … four after"). Source words before the first
    and after the last word the quote shares with it are cut off; where an
    edge word was changed, as many source words are kept as the quote has
    there. Whatever is left is what the quote should have been; None when
    the two have no word in common.
    """
    a = passage.split()
    b = quote.split()
    ops = _word_matcher(a, b).get_opcodes()
    if not a or not any(op == "equal" for op, *_ in ops):
        return None
    start, end = 0, len(a)
    first, last = ops[0], ops[-1]
    if first[0] == "delete":
        start = first[2]
    elif first[0] == "replace":
        start = max(first[1], first[2] - (first[4] - first[3]))
    if last[0] == "delete":
        end = last[1]
    elif last[0] == "replace":
        end = min(last[2], last[1] + (last[4] - last[3]))
    return " ".join(a[start:end])


def word_diff(source: str, quote: str) -> str:
    """A compact word-by-word difference: [-source words-] {+quote words+}."""
    a = source.split()
    b = quote.split()
    out: list[str] = []
    sm = _word_matcher(a, b)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _widened(text: str, passage: str, words: int = 3) -> str:
    """``passage`` of ``text`` with up to ``words`` more words on each side.

    The character alignment may stop short of a quote word the source has;
    :func:`quoted_part` then cuts the window back to what the quote covers.
    """
    i = text.find(passage)
    if i < 0:
        return passage
    before = text[:i].split()
    after = text[i + len(passage) :].split()
    return " ".join([*before[-words:], passage, *after[:words]]) if words else passage


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def verify_quote(
    corpus: Corpus,
    source_id: str,
    quote: str,
    *,
    location: Location | None = None,
    what: str = "quote",
) -> QuoteMatch:
    """Find ``quote`` in ``source_id`` or raise QuoteError saying what is closest."""
    article = corpus.get(source_id)
    match = find_quote(article, quote)
    if match is not None:
        return match
    if not split_elisions(quote):
        raise QuoteError(f"{what} is empty", location=location, hint="write the words to quote")
    detail_lines = []
    hint = "copy the passage from `briefkit sources show " + source_id + "` and paste it exactly"
    # Is it in another source? Then the source id is what is wrong.
    for other in corpus.ids():
        if other == source_id:
            continue
        try:
            other_article = corpus.get(other)
        except SourceError:
            continue
        found = find_quote(other_article, quote)
        if found is not None:
            raise QuoteError(
                f"{what} is not in source '{source_id}' but is in '{other}' ({found.paragraph.id})",
                location=location,
                hint=f"change 'source: {source_id}' to 'source: {other}'",
            )
    closest = closest_passage(article, quote)
    if closest is not None:
        para, passage, score = closest
        pieces = split_elisions(quote)
        if len(pieces) == 1:
            passage = quoted_part(_widened(para.text, passage), quote) or passage
        detail_lines.append(
            f'closest passage ({para.id}, {score:.0f}% similar): "{_shorten(passage)}"'
        )
        if len(pieces) == 1:
            detail_lines.append("differences: " + _shorten(word_diff(passage, quote), 400))
        elif score >= 90:
            detail_lines.append(
                "the pieces between the ellipses must appear in this order in one paragraph"
            )
    raise QuoteError(
        f"{what} not found verbatim in source '{source_id}': \"{_shorten(quote, 80)}\"",
        location=location,
        hint=hint,
        detail="\n".join(detail_lines) or None,
    )


def excerpt_from_match(article: Article, match: QuoteMatch, *, note: str | None = None) -> Excerpt:
    pieces = [article.text[s:e] for s, e in match.spans]
    return Excerpt(
        kind="quote",
        source_id=article.id,
        paragraph_id=match.paragraph.id,
        text=" … ".join(pieces),
        spans=match.spans,
        method=match.method,
        note=note,
    )


def unverified_excerpt(source_id: str, quote: str, note: str | None = None) -> Excerpt:
    return Excerpt(
        kind="quote",
        source_id=source_id,
        paragraph_id=f"{source_id}/?",
        text=quote,
        spans=((0, 0),),
        method="unverified",
        note=note,
    )


def resolve_paragraph(
    corpus: Corpus, ref: str, *, location: Location | None = None, note: str | None = None
) -> Excerpt:
    """A ``paragraph:`` selector: ``source/pN`` or ``source/pN.sM-K``."""
    m = PARAGRAPH_REF.match(ref)
    if m is None:  # the schema already checks this; keep the message for library callers
        raise QuoteError(f"{ref!r} is not a paragraph id", location=location)
    source_id = m["source"]
    check_source(corpus, source_id, location=location)
    article = corpus.get(source_id)
    para = article.paragraph(int(m["para"]))
    if para is None:
        raise QuoteError(
            f"paragraph '{ref}' does not exist: '{source_id}' has {len(article.paragraphs)} paragraphs",
            location=location,
            hint=f"see the ids with `briefkit sources show {source_id}`",
        )
    if m["s1"] is None:
        return Excerpt(
            "paragraph", source_id, para.id, para.text, ((para.start, para.end),), "paragraph", note
        )
    s1 = int(m["s1"])
    s2 = int(m["s2"] or s1)
    count = len(para.sentences)
    if not (1 <= s1 <= s2 <= count):
        raise QuoteError(
            f"sentences {s1}-{s2} do not exist in '{para.id}', which has {count} sentence(s)",
            location=location,
            hint=f"use a range within s1-s{count}",
        )
    sents = para.sentences[s1 - 1 : s2]
    start, end = sents[0].start, sents[-1].end
    return Excerpt(
        "paragraph", source_id, para.id, article.text[start:end], ((start, end),), "sentences", note
    )


def check_source(corpus: Corpus, source_id: str, *, location: Location | None = None) -> None:
    if source_id in corpus:
        return
    close = corpus.suggest(source_id)
    hint = f"did you mean '{close}'?" if close else "list the ids with `briefkit sources`"
    raise SourceError(f"unknown source '{source_id}'", location=location, hint=hint)
