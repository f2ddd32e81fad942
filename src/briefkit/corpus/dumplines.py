"""Logical lines of a plain-text page dump, and what the line classifier sees of them.

A dump is what a person gets by select-all/copy or "save as text": one block
per line, or paragraphs hard-wrapped at a fixed width, sometimes with Markdown
marks (``# Heading``, ``**bold**``, ``[link](url)``). :func:`units` re-joins
wrapped lines into the paragraphs they were, takes the Markdown marks off
(remembering which were links and headings), and returns one :class:`Unit` per
logical line. :func:`features` turns the units into the numbers the learned
classifier (:mod:`.linemodel`) scores: each line's own shape, its neighbours'
and where it sits in the page.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from .language import STOPWORDS, stopword_density, words, wordset

_BULLET = re.compile(r"^(?:[•\-*+–·▪●◦‣►]|\d{1,3}[.)])\s+(?=\S)")
# inscriptis draws nested list items as "o item" under an indent
_INDENTED_BULLET = re.compile(r"^o\s+(?=\S)")
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
TERMINAL = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")

# Markdown, as html2text and similar converters write it
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_RULE = re.compile(r"^(?:[-*_=]\s*){3,}$")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\s*\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_REF = re.compile(r"\[([^\]]+)\]\[\d*\]")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPH = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_QUOTE = re.compile(r"^>\s?")


@dataclass(frozen=True, slots=True)
class Unit:
    """One logical line of the dump (a paragraph, heading, list item or chrome)."""

    text: str
    line: int  # 1-based line of the raw file where it starts
    bullet: bool
    group: int  # consecutive non-blank raw lines share a group
    heading: bool = False  # marked as a heading (Markdown '#')
    link_share: float = 0.0  # share of the text that was link text
    indent: int = 0  # leading spaces of its first raw line


def looks_like_markdown(lines: list[str]) -> bool:
    """Enough Markdown links, headings or emphasis that the marks are markup, not text."""
    links = sum(1 for line in lines if "](" in line)
    heads = sum(1 for line in lines if _MD_HEADING.match(line))
    strong = sum(1 for line in lines if _MD_STRONG.search(line))
    return links >= 2 or heads >= 2 or (heads >= 1 and (links or strong))


def strip_markdown(text: str) -> tuple[str, float]:
    """Text without inline Markdown marks, and the share of it that was link text."""
    text = _MD_IMAGE.sub("", text)
    linked = 0

    def link(m: re.Match[str]) -> str:
        nonlocal linked
        inner = m.group(1).strip()
        linked += len(inner)
        return inner

    text = _MD_LINK.sub(link, text)
    text = _MD_REF.sub(link, text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EMPH.sub(r"\2", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = " ".join(text.split())
    return text, (min(1.0, linked / len(text)) if text else 0.0)


def units(text: str) -> list[Unit]:
    """The dump's logical lines: wrapped lines re-joined, Markdown marks taken off."""
    raw = text.splitlines()
    markdown = looks_like_markdown(raw)
    lines = [" ".join(r.split()) for r in raw]
    if markdown:
        lines = ["" if _MD_RULE.match(x) or _MD_TABLE_RULE.match(x) else x for x in lines]
    width = _wrap_width(lines)
    vocab = {w for line in lines for w in words(line)} if width else set()
    out: list[Unit] = []
    group = 0
    prev_blank = True
    current: list[str] = []
    start = 0
    bullet = heading = False
    indent = 0

    def flush() -> None:
        if not current:
            return
        joined = " ".join(current)
        share = 0.0
        if markdown:
            joined, share = strip_markdown(joined)
        if joined:
            out.append(Unit(joined, start, bullet, group, heading, share, indent))
        current.clear()

    for i, line in enumerate(lines, start=1):
        if not line:
            flush()
            prev_blank = True
            continue
        if prev_blank:
            group += 1
        lead = len(raw[i - 1]) - len(raw[i - 1].lstrip(" \t"))
        is_heading = False
        if markdown:
            quote = _MD_QUOTE.match(line)
            if quote:
                line = line[quote.end() :]
            m_head = _MD_HEADING.match(line)
            if m_head:
                is_heading, line = True, line[m_head.end() :]
        m = _BULLET.match(line) or (_INDENTED_BULLET.match(line) if lead >= 2 else None)
        is_bullet = m is not None
        body = (line[m.end() :] if m else line).strip()
        if not body:  # a bare Markdown mark ('#', '>') or bullet
            continue
        indented = lead > 0 and not is_bullet
        if (
            current
            and not is_bullet
            and not is_heading
            and not heading
            and (
                # Markdown: a paragraph runs on until a blank line
                (markdown and not bullet)
                or _is_wrapped(current[-1], body, width)
                or (bullet and indented and lead > indent)
                or _continues(current[-1], body)
            )
        ):
            _join(current, body, vocab)
        else:
            flush()
            start, bullet, heading, indent = i, is_bullet, is_heading, lead
            current.append(body)
        prev_blank = False
    flush()
    return out


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped dump was wrapped at, or 0 if it was not wrapped."""
    followed = [len(a) for a, b in itertools.pairwise(lines) if a and b and len(a) >= 30]
    long = [len(x) for x in lines if len(x) >= 40]
    if len(followed) < 4 or not long:
        return 0
    fitting = [n for n in long if n <= 100]
    if len(fitting) < 0.8 * len(long):
        return 0
    width = max(fitting)
    # Wrapped text: most lines that run on into the next line end near the width.
    near = sum(1 for n in followed if n >= width - 20)
    return width if near >= 0.7 * len(followed) else 0


def _is_wrapped(prev: str, nxt: str, width: int) -> bool:
    if not width or not prev or not nxt:
        return False
    # A greedy wrapper breaks only when the next word would not fit.
    return len(prev) + 1 + len(nxt.split()[0]) >= width - 2 and len(prev) >= 0.6 * width


def _continues(prev: str, nxt: str) -> bool:
    # A sentence cut mid-way: no final punctuation, next line starts in lower case.
    return (
        len(prev.split()) >= 4
        and (prev[-1].isalpha() or prev[-1] in ",-")
        and nxt[0].islower()
        and not SENTENCE_END.search(prev)
    )


def _join(current: list[str], nxt: str, vocab: set[str]) -> None:
    prev = current[-1]
    m = re.search(r"([^\W\d_]+)-$", prev)
    if m and nxt[:1].islower():
        head = m.group(1)
        tail = re.match(r"[^\W\d_]+", nxt)
        whole = (head + tail.group(0)).lower() if tail else ""
        hyphenated = f"{head}-{tail.group(0)}".lower() if tail else ""
        # Drop the hyphen only when the unbroken word occurs elsewhere in the text.
        if whole in vocab and hyphenated not in vocab:
            current[-1] = prev[:-1] + nxt
        else:
            current[-1] = prev + nxt
        return
    current[-1] = prev + " " + nxt


# --------------------------------------------------------------------------- features

# Generic web-interface words: a short line made mostly of them is chrome.
CHROME_WORDS = wordset(
    """home menu search login logout signin signup register account subscribe subscription
    subscribers newsletter newsletters donate share shares tweet facebook twitter linkedin
    whatsapp instagram youtube telegram pinterest reddit tiktok email print comments comment
    reply advertisement advertising advertise sponsored terms contact settings accept skip
    toggle navigation tags cookies cookie privacy copyright resize contrast font accessibility
    rss feed archives categories sitemap faq loading podcast podcasts"""
)
# ... and the words of buttons and links, for the classifier (too common to be a cue alone)
_NAV_WORDS = CHROME_WORDS | wordset(
    "more read next previous back top sign log view all see show load cart shop buy price sale"
)
SEPARATORS = re.compile(r"\s[|•·»>/]\s|\s\|\s?|\s?\|\s")
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})\b",
    re.IGNORECASE,
)
_TIME_AGO = re.compile(r"\b\d+\s*(?:min|mins|minutes?|hours?|hrs?|days?|weeks?)\b(?: ago)?", re.I)
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:USD|EUR|GBP|zł|kr)\b")
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+", re.I)
INNER_SENTENCE = re.compile(r"[.!?…。！？][\"'”’»)]*\s+[\"'“‘«(]?[A-ZÀ-ÖØ-ÞА-Я]")
_NUMBERISH = re.compile(r"^[\W\d_]*$")

# Cues: the reasons a line may be clutter that the classifier may use (see clean.py)
CUE_NAMES = (
    "cookie/privacy notice",
    "newsletter/donation appeal",
    "related-article teaser",
    "navigation/site chrome",
    "disclaimer",
    "byline",
    "photo caption",
    "tag list",
    "contacts",
    "comment header",
    "about heading",
    "video promo",
    "other language",
)

OWN = (
    "words",
    "log_chars",
    "stop",
    "end_sentence",
    "end_colon",
    "end_comma",
    "inner_sentences",
    "commas",
    "capitalised",
    "upper",
    "digits",
    "chrome",
    "separators",
    "bullet",
    "heading",
    "link_share",
    "date",
    "time_ago",
    "price",
    "contact",
    "numberish",
    "repeated",
    "group_size",
    "first_in_group",
    "last_in_group",
    "indent",
    "mean_word_len",
    "question",
    "short_prose",
)
CONTEXT = ("log_words", "stop", "end_sentence", "link_share", "cue", "bullet", "prose")
OFFSETS = (-3, -2, -1, 1, 2, 3)
DOC = (
    "position",
    "char_position",
    "prose_before",
    "prose_after",
    "log_units",
    "doc_prose_share",
    "doc_stop",
    "rel_words",
    "dist_prev_prose",
    "dist_next_prose",
    "window5_prose",
    "window15_prose",
    "after_comment_header",
    "prose_since_comment_header",
    "markdown_doc",
    "doc_link_share",
)
FEATURES = (
    *OWN,
    *(f"cue:{c}" for c in CUE_NAMES),
    *(f"{k}@{o:+d}" for o in OFFSETS for k in CONTEXT),
    *DOC,
)


_ASCII_UPPER = bytes(range(65, 91))
_ASCII_LOWER = bytes(range(97, 123))
_ASCII_DIGITS = b"0123456789"


def _char_counts(text: str) -> tuple[int, int, int]:
    """Letters, upper-case letters and digits in ``text`` (bytes.translate for ASCII)."""
    if text.isascii():
        b = text.encode("ascii")
        upper = len(b) - len(b.translate(None, _ASCII_UPPER))
        lower = len(b) - len(b.translate(None, _ASCII_LOWER))
        return upper + lower, upper, len(b) - len(b.translate(None, _ASCII_DIGITS))
    return sum(map(str.isalpha, text)), sum(map(str.isupper, text)), sum(map(str.isdigit, text))


def _is_prose(n: int, stop: float, end: bool) -> bool:
    return n >= 10 and stop >= 0.2 and end


def features(
    us: list[Unit],
    lang: str | None,
    cues: list[str | None],
    markdown: bool = False,
    tokens: list[list[str]] | None = None,
) -> list[list[float]]:
    """One row of :data:`FEATURES` per unit (``tokens``: its :func:`words`, if known)."""
    n = len(us)
    if not n:
        return []
    stops = STOPWORDS.get(lang or "en", STOPWORDS["en"])
    toks = tokens if tokens is not None else [words(u.text) for u in us]
    counts = Counter(u.text.lower() for u in us)
    groups = Counter(u.group for u in us)
    own: list[list[float]] = []
    prose: list[bool] = []
    chars = [len(u.text) for u in us]
    total_chars = sum(chars) or 1
    for i, u in enumerate(us):
        t, tk = u.text, toks[i]
        nw = len(tk)
        stop = stopword_density(tk, lang) if tk else 0.0
        end = bool(SENTENCE_END.search(t))
        letters, upper, digits = _char_counts(t)
        split = t.split()
        caps = sum(1 for w in split if w[:1].isupper()) / max(1, len(split))
        head = t[:300]  # dates, prices and links matter on short lines; long ones are prose
        row = [
            min(nw, 200),
            math.log1p(len(t)),
            stop,
            float(end),
            float(t.endswith(":")),
            float(t[-1:] in ",;-–—"),
            min(len(INNER_SENTENCE.findall(t)), 20),
            t.count(",") / max(1, nw),
            caps,
            upper / max(1, letters),
            digits / max(1, len(t)),
            sum(1 for w in tk if w in _NAV_WORDS) / max(1, nw),
            min(len(SEPARATORS.findall(head)), 10),
            float(u.bullet),
            float(u.heading),
            u.link_share,
            float(bool(_DATE.search(head))),
            float(bool(_TIME_AGO.search(head))),
            float(bool(_PRICE.search(head))),
            float(bool(_CONTACT.search(head))),
            float(bool(_NUMBERISH.match(t))),
            min(counts[t.lower()] - 1, 10),
            min(groups[u.group], 50),
            float(i == 0 or us[i - 1].group != u.group),
            float(i == n - 1 or us[i + 1].group != u.group),
            min(u.indent, 40) / 4,
            sum(len(w) for w in tk) / max(1, nw),
            float(t.endswith("?")),
            float(4 <= nw < 10 and end and stop >= 0.2),
        ]
        own.append(row)
        prose.append(_is_prose(nw, sum(1 for w in tk if w in stops) / max(1, nw), end))
    cue_rows = [[float(c == name) for name in CUE_NAMES] for c in cues]
    ctx = [
        [
            math.log1p(own[i][0]),
            own[i][2],
            own[i][3],
            own[i][15],
            float(cues[i] is not None),
            own[i][13],
            float(prose[i]),
        ]
        for i in range(n)
    ]
    pad = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    prose_chars = [chars[i] if prose[i] else 0 for i in range(n)]
    total_prose = sum(prose_chars) or 1
    cum = list(itertools.accumulate(prose_chars))
    cum_chars = list(itertools.accumulate(chars))
    prose_idx = [i for i in range(n) if prose[i]]
    prose_cum = list(itertools.accumulate(int(p) for p in prose))
    doc_prose = len(prose_idx) / n
    doc_stop = sum(r[2] * r[0] for r in own) / max(1, sum(r[0] for r in own))
    max_words = max(r[0] for r in own) or 1
    doc_links = sum(u.link_share * chars[i] for i, u in enumerate(us)) / total_chars
    rows: list[list[float]] = []
    prev_prose = -1
    next_ptr = 0
    comment_at = -1
    for i in range(n):
        while next_ptr < len(prose_idx) and prose_idx[next_ptr] <= i:
            next_ptr += 1
        next_prose = prose_idx[next_ptr] if next_ptr < len(prose_idx) else None
        if cues[i] == "comment header" and comment_at < 0:
            comment_at = i

        def window(k: int, i: int = i) -> float:
            lo, hi = max(0, i - k), min(n - 1, i + k)
            have = prose_cum[hi] - (prose_cum[lo - 1] if lo else 0)
            return have / (hi - lo + 1)

        row = own[i] + cue_rows[i]
        for o in OFFSETS:
            j = i + o
            row += ctx[j] if 0 <= j < n else pad
        row += [
            i / n,
            (cum_chars[i] - chars[i]) / total_chars,
            (cum[i] - prose_chars[i]) / total_prose,
            (cum[-1] - cum[i]) / total_prose,
            math.log1p(n),
            doc_prose,
            doc_stop,
            own[i][0] / max_words,
            min(i - prev_prose, 50) if prev_prose >= 0 else 50,
            min(next_prose - i, 50) if next_prose is not None else 50,
            window(5),
            window(15),
            float(0 <= comment_at < i),
            (prose_cum[i] - prose_cum[comment_at]) / max(1, i - comment_at)
            if 0 <= comment_at < i
            else 0.0,
            float(markdown),
            doc_links,
        ]
        rows.append(row)
        if prose[i]:
            prev_prose = i
    return rows
