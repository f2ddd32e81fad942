"""Typographic normalisation that remembers where each character came from.

Quotes are verified against the source after folding the differences that do
not change meaning (curly vs straight quotes, dash kinds, non-breaking and
repeated spaces, compatibility forms, line-break hyphens). The offset map lets
the brief show the source's own characters for the span that matched.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
}  # fmt: skip
_DASHES = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\s?\.\s?\.)\s*")


def _fold_char(ch: str) -> str:
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch in _DASHES:
        return "-"
    if ch in _INVISIBLE:
        return ""
    if ch.isspace():
        return " "
    if ord(ch) < 128:
        return ch
    return unicodedata.normalize("NFKC", ch)


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold ``text``; return the folded string and, per folded char, its source index."""
    out: list[str] = []
    where: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        # A hyphen at a line break inside a word ("demo-\ncracy") is typesetting.
        if ch in "-\u00ad" and i + 1 < n and text[i + 1] == "\n" and out and out[-1].isalpha():
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j].islower():
                i = j
                continue
        folded = _fold_char(ch)
        for f in folded:
            if f == " " and (not out or out[-1] == " "):
                continue
            out.append(f)
            where.append(i)
        i += 1
    # Drop a trailing space so that "abc " and "abc" fold the same way.
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def fold(text: str) -> str:
    return normalise(text)[0].strip()


def split_elisions(quote: str) -> list[str]:
    """Split a quote at ellipses ("…" or "...") into the pieces that must appear in order."""
    pieces = [p.strip() for p in ELLIPSIS.split(quote)]
    return [p for p in pieces if p]
