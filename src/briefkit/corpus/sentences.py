"""Offline sentence splitter for news and policy prose.

Rule-based on purpose: no model or data download (nltk's punkt is not
available in the places briefkit runs), and rules are easy to reason about
when a citation id depends on where a sentence starts. Every sentence id
(``<source>/p<N>.s<M>``) hangs on these spans, so changes here renumber
sentences: keep them rare and test-driven.

A candidate boundary is a terminator (``.``, ``?``, ``!``, an ellipsis),
optionally followed by closing quotes or brackets (which stay with the
sentence), then whitespace, then something that can open a sentence: a
capital letter (any script), a letter of a script without case (Korean,
Arabic...), a digit, an opening quote/bracket before one, or a bullet. A full
stop after a known abbreviation or an initial is not a boundary, except for a
few abbreviations that often end sentences ("etc.", "U.S.", "Inc.") when the
next word is a typical sentence opener.

Chinese and Japanese end sentences with ``。``, ``！`` or ``？`` (or ``!``/``?``
right after a Chinese or Japanese character) and no space after: that is
always a boundary, unless more punctuation follows, or a Japanese quotation
is followed by its quoting particle (「…。」と言った).
"""

from __future__ import annotations

import re


def _split(text: str) -> list[str]:
    return text.split()


# Abbreviations after which a full stop never ends the sentence: titles and
# words that always introduce something that follows (lowercase, no dots).
_NEVER_FINAL = frozenset(
    _split(
        """
        mr mrs ms mx dr prof st sr messrs mme mlle gen lt col capt cpt sgt maj adm cmdr
        sen rep gov pres rev hon fr insp supt cllr amb
        vs v e.g i.e cf viz approx ca c fig figs eq no nos vol vols pp p art ch sec para
        ref op mt ft
        """
    )
)

# Abbreviations of the list above that introduce a number.
_NUMBER_INTRODUCERS = frozenset(_split("no nos p pp art vol vols fig figs ch sec para eq op ref"))

# Abbreviations that may also end a sentence; a boundary is made only when the
# next word is a common sentence opener.
_MAYBE_FINAL = frozenset(
    _split(
        """
        etc inc ltd co corp plc llc bros jr jnr snr esq al
        jan feb mar apr jun jul aug sep sept oct nov dec
        mon tue tues wed thu thur thurs fri sat sun
        u.s u.k u.n e.u u.s.a u.s.s.r a.m p.m d.c
        """
    )
)

# Words that, capitalised after an ambiguous abbreviation, signal a new sentence.
_OPENERS = frozenset(
    _split(
        """
        the a an this that these those it its he she they we i you his her their our my
        there here in on at for but and or so yet however meanwhile also after before
        when while if as since although though despite many most some all one two
        according last next what why how who where mr mrs ms dr
        """
    )
)

_CLOSERS = "\"'”’»)]}"
_OPENERS_PUNCT = "\"'“‘«([{¿¡"
_BULLETS = "•‣◦▪▫●○■□–—-*·"

# A terminator run: ellipses, ?!-runs, or a single full stop; then closers.
_TERMINATOR = re.compile(r"(?:\.{3,}|…+|[?!]+\.?|\.)(?P<close>[" + re.escape(_CLOSERS) + r"]*)")
_NEXT = re.compile(r"\s*([" + re.escape(_OPENERS_PUNCT + _BULLETS) + r"]*)\s*(\S*)")
# Chinese and Japanese: full-width terminators, or ASCII ones right after a
# Han/kana character ("Yahoo!ニュース" is not a sentence end), then closers.
_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_CJK_CLOSERS = "」』）】〕〉》〗〙〛］｝＂＇"
_CJK_TERMINATOR = re.compile(
    r"(?:[。｡！？]|(?<=[" + _CJK_CHAR + r"])[!?])[。｡！？!?]*"
    r"(?P<close>[" + re.escape(_CLOSERS + _CJK_CLOSERS) + r"]*)"
)
# What cannot open the next sentence: more punctuation, or the particle that
# follows a Japanese quotation (「…。」と, 「…。」って).
_CJK_NOT_OPENING = "，、,;；:：・…" + _CJK_CLOSERS + _CLOSERS
_QUOTING_PARTICLES = "とっ"
_NEXT_CHAR = re.compile(r"(\s*)(\S)")
_BULLET_LINE = re.compile(r"\n[ \t]*(?:[" + re.escape(_BULLETS) + r"]|\d{1,2}[.)])[ \t]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character spans of the sentences in ``text``.

    Spans are stripped of surrounding whitespace and cover every non-blank
    character of ``text`` exactly once, in order.
    """
    cuts = sorted(set(_cut_points(text)))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        span = _strip(text, start, cut)
        if span is not None:
            spans.append(span)
        start = cut
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _cut_points(text: str):
    # Blank lines and bulleted lines always start a new sentence.
    for m in re.finditer(r"\n[ \t]*\n", text):
        yield m.start()
    for m in _BULLET_LINE.finditer(text):
        yield m.start()
    for m in _TERMINATOR.finditer(text):
        end = m.end()
        if end >= len(text) or not text[end].isspace():
            continue  # "3.5", "e.g.x", "U.S.-led": not followed by a space
        if _is_boundary(text, m.start(), m.group(0), end):
            yield end
    for m in _CJK_TERMINATOR.finditer(text):
        if _is_cjk_boundary(text, m.end(), bool(m.group("close"))):
            yield m.end()


def _is_cjk_boundary(text: str, end: int, closed: bool) -> bool:
    m = _NEXT_CHAR.match(text, end)
    if m is None:
        return False  # only whitespace left: the final span covers it
    space, first = m.groups()
    if first in _CJK_NOT_OPENING:
        return False
    return not (closed and not space and first in _QUOTING_PARTICLES)


def _next_word(text: str, pos: int) -> tuple[str, str]:
    """The punctuation opening the next token and the word after it."""
    m = _NEXT.match(text, pos)
    if m is None:  # pragma: no cover - the pattern always matches
        return "", ""
    return m.group(1), m.group(2)


def _is_boundary(text: str, pos: int, term: str, end: int) -> bool:
    lead, word = _next_word(text, end)
    if not word and not lead:
        return False  # only whitespace left: the final span covers it
    first = word[:1]
    # A letter without case (Hangul, Han, Arabic...) can open a sentence too.
    starts_upper = first.isupper() or (first.isalpha() and not first.islower())
    starts_digit = first.isdigit()
    if lead and any(ch in _BULLETS for ch in lead) and not word[:1].islower():
        return True
    if not (starts_upper or starts_digit or (lead and not word)):
        # Lowercase (or punctuation) next: "etc. and", "…and", '"Why?" he asked'.
        return False
    core = term.rstrip(_CLOSERS)
    if core != ".":
        # ?, ! and ellipses end a sentence when something capitalised follows.
        return True
    i = pos
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    token = text[i:pos]
    # Drop opening punctuation glued to the word: "(Dr." "“U.S."
    token = token.lstrip(_OPENERS_PUNCT)
    if not token:
        return True
    line_start = i == 0 or text[i - 1] == "\n"
    if line_start and token.isdigit() and len(token) <= 2:
        return False  # "1. Apply": a numbered list marker, not a sentence
    low = token.lower()
    if low in _NEVER_FINAL and _looks_abbreviated(token):
        # "No. 10", "p. 12", "Fig. 3" introduce a number; "said no. Then" ends.
        return low in _NUMBER_INTRODUCERS and not starts_digit
    if low in _MAYBE_FINAL:
        if starts_digit:
            return low not in {
                "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                "oct", "nov", "dec",
            }  # fmt: skip
        return word.strip(_OPENERS_PUNCT).lower().rstrip(",;:") in _OPENERS
    if _is_initial(token):
        # "J. R. R. Tolkien", "Aliaksandr G. Lukashenka"; a lone capital before a
        # full stop is far more often an initial than a sentence-final letter.
        return starts_digit
    return True


def _looks_abbreviated(token: str) -> bool:
    # "SEC." or "NO." in capitals is an acronym or a shout, not "Sec." or "No.";
    # single letters in the list ("v", "c", "p") are abbreviations only in lowercase.
    if len(token) > 1 and token.isupper() and "." not in token:
        return False
    return not (len(token) == 1 and token.isupper())


def _is_initial(token: str) -> bool:
    # "J", "R.R" (from "R.R."), "Ł": one capital letter, possibly dotted runs.
    return (
        bool(re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", token))
        and token[0].isupper()
        and (len(token) == 1 or "." in token)
        and all(len(part) == 1 for part in token.split("."))
    )
