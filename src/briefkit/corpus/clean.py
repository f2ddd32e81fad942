"""Cleaner for plain-text dumps of web pages.

A dump is the visible text of a page, one block per line: the article body
interleaved with site chrome, captions, teasers, appeals and comments. Each
line is classified the way jusText classifies HTML blocks: by its length,
final punctuation, stop-word density and boilerplate vocabulary it is *good*
(prose), *near-good*, *short* or *bad*; then context decides the rest: where
the body starts (after the title, standfirst and byline), where it ends
(before bios, disclaimers and comments), and what a short line between body
paragraphs is (a heading, a repeated pull quote or a related-article teaser).
No rule names a site: the cues are generic web words and document structure.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from . import metadata as meta
from .language import STOPWORDS, detect_language, stopword_density, words, wordset
from .model import Block, Dropped, Extracted, FoundMetadata

# jusText's thresholds, lowered a little because our stop-word lists are shorter.
LENGTH_LOW = 70
STOPWORDS_LOW = 0.18
STOPWORDS_HIGH = 0.28
MAX_STANDFIRST_WORDS = 120

_BULLET = re.compile(r"^(?:[•\-*–·▪●◦‣►]|\d{1,3}[.)])\s+(?=\S)")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")

# Generic web-interface words: a short line made mostly of them is chrome.
_CHROME_WORDS = wordset(
    """home menu search login logout signin signup register account subscribe subscription
    subscribers newsletter newsletters donate share shares tweet facebook twitter linkedin
    whatsapp instagram youtube telegram pinterest reddit tiktok email print comments comment
    reply advertisement advertising advertise sponsored terms contact settings accept skip
    toggle navigation tags cookies cookie privacy copyright resize contrast font accessibility
    rss feed archives categories sitemap faq loading podcast podcasts"""
)
_CHROME_PHRASES = re.compile(
    r"^(?:read more|load more|show more|see more|see all|view all|next post|previous post|"
    r"back to top|skip to (?:main )?content|sign in|log in|sign up|follow us|share this|"
    r"share on|like this|all rights reserved|advertisement|sponsored|jump to)\b",
    re.IGNORECASE,
)
_COOKIE = "cookie/privacy notice"
_APPEAL = "newsletter/donation appeal"
_TEASER = "related-article teaser"
_CHROME = "navigation/site chrome"
_PRICE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:USD|EUR|GBP)\b")
_LABEL = re.compile(r"^[A-Z][\w ]{0,20}:\s")  # "Pros: …", "Our verdict: …"
_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), reason)
    for p, reason in (
        (r"\b(?:we|this (?:web)?site|our (?:web)?site)\b.{0,60}\buses? cookies\b", _COOKIE),
        (r"\bcookies? (?:policy|settings|preferences|name|consent|banner)\b", _COOKIE),
        (r"\b(?:accept|reject|manage) (?:all )?cookies\b", _COOKIE),
        (r"\bprivacy (?:policy|settings|notice|statement)\b|\bprivacy\s*&", _COOKIE),
        (r"datenschutz|prywatno|confidentialit[ée]|privacidad|\bgdpr\b|\brodo\)", _COOKIE),
        (r"\bnewsletter\b|\bsubscribe\b|\bsign up (?:for|to)\b|\bin your inbox\b", _APPEAL),
        (r"\bdonat(?:e|ion|ing)\b|crowdfunding|\bsupport (?:our|us|independent)\b", _APPEAL),
        (r"become a (?:member|patron|supporter)|patreon", _APPEAL),
        (r"\bthanks? (?:you )?for reading\b|\bforward this (?:email|letter|newsletter)\b", _APPEAL),
        (r"view (?:this email )?in (?:your|a) browser|\bunsubscribe\b", _APPEAL),
        (r"^(?:video|watch|listen|podcast|gallery|in pictures|live)\s*[:|–]", "video promo"),
        (
            r"^(?:read more|read also|also read|see also|more on this|recommended|more from|"
            r"related(?: articles?| stories| content| publications)?|you (?:may|might) also like|"
            r"most read|most popular|further reading|more stories)\b",
            _TEASER,
        ),
        # The same cue in the languages the detector knows: generic, not site strings.
        (
            r"^(?:auch interessant|lesen sie auch|mehr zum thema|(?:à )?lire aussi|voir aussi|"
            r"leer más|lea también|leggi anche|czytaj (?:też|także)|zobacz (?:też|także)|"
            r"читайте (?:также|також))\b",
            _TEASER,
        ),
        (r"^forward-looking statements?\b|^(?:how to )?cite this\b", "disclaimer"),
        (r"\bviews (?:and opinions )?expressed\b|\bopinions expressed\b", "disclaimer"),
        (r"do not necessarily reflect|not necessarily those of", "disclaimer"),
        (r"suggest a correction|spotted an? (?:error|mistake)|report an? (?:error|typo)", _CHROME),
        (r"ctrl\s*\+\s*enter", _CHROME),
        (
            r"^(?:tags?|topics?|categories|category|keywords|filed under|"
            r"this (?:article|post|entry) was (?:filed|posted) under)\b",
            "tag list",
        ),
        (r"^(?:written|posted|published|words|reporting) by:?$", "byline"),
        (r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved", _CHROME),
    )
)
_CAPTION = re.compile(
    r"\b(?:photo(?:graph)?s?|image|picture|pic|foto|bild|illustration|credit|courtesy)"
    r"\s*(?::|by\b|©)"
    r"|\((?:photo|image|credit|picture)[^)]*\)\s*$"
    r"|(?:getty images|shutterstock|alamy|\bafp\b|associated press|\bap photo|\bepa\b|istock"
    r"|unsplash|wikimedia)\W*$",
    re.IGNORECASE,
)
_COMMENT_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies)\s*(?:\(\s*\d+\s*\))?\s*:?$|"
    r"^(?:leave|post|add|write) a (?:comment|reply|response)\b|^\d+\s+(?:thoughts|responses) on\b|"
    r"^join the (?:discussion|conversation)\b|^this comment contains\b|^show comments\b|"
    r"^kommentare?\b|^commentaires?\b|^comentarios\b",
    re.IGNORECASE,
)
_ABOUT_HEADING = re.compile(
    r"^(?:about(?: the)? (?:author|writer|contributors?)|about [A-Z][\w&.\- ]{1,50}|"
    r"über (?:den autor|die autorin|uns)|à propos de l['’]auteur)\s*:?$",
    re.IGNORECASE,
)
_CONTACT_HEADING = re.compile(
    r"^(?:media|press|investor)? ?(?:contacts?|enquiries|inquiries)\s*:?$"
    r"|^(?:###|-\s?30\s?-|-?\s*ends\s*-?)$",
    re.IGNORECASE,
)
_INNER_SENTENCE = re.compile(r"[.!?…][\"'”’»)]*\s+[\"'“‘«(]?[A-ZÀ-ÖØ-ÞА-Я]")
_CHROME_REASONS = frozenset(
    {
        "navigation/site chrome",
        "tag list",
        "newsletter/donation appeal",
        "related-article teaser",
        "cookie/privacy notice",
        "disclaimer",
        "contacts",
        "video promo",
    }
)
_CONTACT_LINE = re.compile(
    r"(?:(?:e-?mail|tel|phone|fax|web)\s*:?\s*)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?[\d ()./-]{7,}|https?://\S+|www\.\S+)",
    re.IGNORECASE,
)
_SEPARATOR_RUN = re.compile(r"(?:\s[|•·»>/]\s|\s\|\s?|\s?\|\s)")


@dataclass(frozen=True, slots=True)
class _Unit:
    """One logical line of the dump (a paragraph, heading, list item or chrome)."""

    text: str
    line: int
    bullet: bool
    group: int  # consecutive non-blank raw lines share a group


def clean_text_dump(text: str) -> Extracted:
    """Split a plain-text page dump into body blocks, dropped clutter and metadata."""
    units = _units(text)
    if not units:
        return Extracted(())
    lang = detect_language(" ".join(u.text for u in units if len(u.text) > 80)) or detect_language(
        " ".join(u.text for u in units)
    )
    return _Classifier(units, lang).run()


# --------------------------------------------------------------------------- lines


def _units(text: str) -> list[_Unit]:
    raw = text.splitlines()
    lines = [" ".join(r.split()) for r in raw]
    width = _wrap_width(lines)
    vocab = {w for line in lines for w in words(line)} if width else set()
    units: list[_Unit] = []
    group = 0
    prev_blank = True
    current: list[str] = []
    start = 0
    bullet = False

    def flush() -> None:
        if current:
            units.append(_Unit(" ".join(current), start, bullet, group))
            current.clear()

    for i, line in enumerate(lines, start=1):
        if not line:
            flush()
            prev_blank = True
            continue
        if prev_blank:
            group += 1
        m = _BULLET.match(line)
        is_bullet = m is not None
        body = line[m.end() :] if m else line
        indented = raw[i - 1][:1].isspace() and not is_bullet
        if (
            current
            and not is_bullet
            and (
                _is_wrapped(current[-1], body, width)
                or (bullet and indented)
                or _continues(current[-1], body)
            )
        ):
            _join(current, body, vocab)
        else:
            flush()
            start, bullet = i, is_bullet
            current.append(body)
        prev_blank = False
    flush()
    return [u for u in units if u.text]


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
        and not _SENTENCE_END.search(prev)
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


# --------------------------------------------------------------------------- classify


class _Classifier:
    """Labels every unit: a block kind (kept) or a drop reason."""

    def __init__(self, units: list[_Unit], lang: str | None) -> None:
        self.units = units
        self.lang = lang
        scale = 1.0 if lang in (None, "en") else 0.8
        self.low, self.high = STOPWORDS_LOW * scale, STOPWORDS_HIGH * scale
        self.tokens = [words(u.text) for u in units]
        self.cls = [self._jus_class(i) for i in range(len(units))]
        self.reason: list[str | None] = [self._cue(i) for i in range(len(units))]
        self.kind: list[str | None] = [None] * len(units)
        self.title: str | None = None
        self.standfirst: str | None = None
        self.authors: list[str] = []
        self.date: str | None = None

    # ---- per-unit features

    def _jus_class(self, i: int) -> str:
        text, toks = self.units[i].text, self.tokens[i]
        density = stopword_density(toks, self.lang)
        if len(text) < LENGTH_LOW:
            return "short"
        if density >= self.high and (_TERMINAL.search(text) or len(text) > 400):
            return "good"
        if density >= self.low:
            return "neargood"
        return "bad"

    def _cue(self, i: int) -> str | None:
        unit, toks = self.units[i], self.tokens[i]
        text, n = unit.text, len(toks)
        if not toks:
            return "tag list" if re.fullmatch(r"[\W_]*", text) else "navigation/site chrome"
        for pattern, reason in _CUES:
            if (n <= 60 or reason in ("cookie/privacy notice", "disclaimer")) and pattern.search(
                text
            ):
                return reason
        if n <= 8 and any(t in ("cookie", "cookies") for t in toks):
            return "cookie/privacy notice"
        if n <= 60 and _CAPTION.search(text):
            return "photo caption"
        if n <= 8 and (
            _CHROME_PHRASES.search(text)
            or sum(t in _CHROME_WORDS for t in toks) / n >= 0.5
            or (n <= 4 and sum(len(t) == 1 for t in toks) >= 2)
        ):
            return "navigation/site chrome"
        if n <= 12 and _CONTACT_LINE.fullmatch(text):
            return "contacts"
        # A byline first: "By Jane Doe | 3 min read | Updated …" has separators too.
        if n <= 16 and meta.byline(text) is not None and not _SENTENCE_END.search(text.rstrip(")")):
            return "byline"
        if n <= 20 and len(_SEPARATOR_RUN.findall(text)) >= 2:
            return "navigation/site chrome"
        if self._other_language(i):
            return "other language"
        return None

    def _other_language(self, i: int) -> bool:
        text, toks = self.units[i].text, self.tokens[i]
        letters = [c for c in text if c.isalpha()]
        if not letters or self.lang is None:
            return False
        cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)
        doc_cyr = self.lang in ("ru", "uk", "be")
        if (cyr > 0.6) != doc_cyr and (cyr > 0.6 or cyr < 0.1):
            return True
        if len(toks) < 8:
            return False
        if stopword_density(toks, self.lang) >= 0.2:
            return False  # plainly the document's language: skip the full comparison
        found = detect_language(text)
        return (
            found is not None
            and found != self.lang
            and not (doc_cyr and found in ("ru", "uk", "be"))
        )

    def _punct(self, i: int) -> bool:
        return bool(_TERMINAL.search(self.units[i].text))

    def _prose(self, i: int) -> bool:
        """Prose-like even if short: a sentence with final punctuation."""
        toks = self.tokens[i]
        return (
            self.reason[i] is None
            and len(toks) >= 4
            and bool(_SENTENCE_END.search(self.units[i].text))
            and stopword_density(toks, self.lang) >= self.low
        )

    # ---- the passes

    def run(self) -> Extracted:
        n = len(self.units)
        self._comment_zone()
        good = [i for i in range(n) if self.cls[i] == "good" and self.reason[i] is None]
        if not good:
            # Nothing reads like prose (a list, a poem, a very short note): keep what
            # carries no boilerplate cue rather than drop everything.
            start, end = 0, n - 1
        else:
            start = self._top(good)
            end = self._tail(start, good)
        for i in range(n):
            if (i < start or i > end) and self.reason[i] is None:
                self.reason[i] = "navigation/site chrome"
        self._middle(start, end)
        return self._result()

    def _comment_zone(self) -> None:
        n = len(self.units)
        first_good = next((i for i in range(n) if self.cls[i] == "good"), n)
        for i in range(first_good + 1, n):
            if len(self.tokens[i]) <= 8 and _COMMENT_HEADER.search(self.units[i].text):
                for j in range(i, n):
                    self.reason[j] = "comment section"
                return

    def _top(self, good: list[int]) -> int:
        """Find title, standfirst and byline above the body; return the body's first unit."""
        g = good[0]
        # Chrome is contagious within a run of lines with no blank line between them.
        bad_groups = {self.units[i].group for i in range(g) if self.reason[i] is not None}
        for i in range(g):
            if (
                self.reason[i] is None
                and self.units[i].group in bad_groups
                and self.units[i].group != self.units[g].group
            ):
                self.reason[i] = "navigation/site chrome"
        candidates = [
            i
            for i in range(g)
            if self.reason[i] is None
            and 2 <= len(self.tokens[i]) <= 25
            and not self.units[i].bullet
            and not self.units[i].text.endswith(".")
            and meta.standfirst_author(self.units[i].text) is None
        ]
        # Prefer a headline-like line: a few words or more, not a lone name or
        # role ("Jamie Rourke", "Transport correspondent"), not a label ("Pros: …")
        # or a price ("$124 at …"). Among equals the last one wins, as before.
        headline = [i for i in candidates if self._headline_like(i)]
        pool = headline or candidates
        title = pool[-1] if pool else None
        if (
            len(pool) >= 2
            and pool[-1] == pool[-2] + 1
            and len(self.tokens[pool[-2]]) >= 4
            and len(self.tokens[pool[-1]]) >= max(10, 1.3 * len(self.tokens[pool[-2]]))
        ):
            title = pool[-2]
        elif headline and title is not None and self._is_label_run(title):
            title = headline[0]
        if title is not None:
            self.title = self.units[title].text
            self.reason[title] = "title"
        start = g
        # Short prose right above the first good paragraph is still body.
        while start > 0 and self._prose(start - 1) and start - 1 != title:
            start -= 1
        after = title + 1 if title is not None else 0
        stand = None
        if title is not None:
            stand = next(
                (
                    i
                    for i in range(after, start)
                    if self.reason[i] is None and len(self.tokens[i]) >= 8
                ),
                None,
            )
        if (
            stand is None
            and title is not None
            and start == g
            and len(self.tokens[g]) <= MAX_STANDFIRST_WORDS
        ):
            nxt = next((j for j in good if j > g), None)
            between = range(g + 1, nxt if nxt is not None else g + 1)
            separated = any(self.reason[j] not in (None, "comment section") for j in between)
            if all(self.reason[j] is not None for j in range(after, g)) and (
                separated or meta.standfirst_author(self.units[g].text)
            ):
                stand, start = g, nxt if nxt is not None else g + 1
        if stand is not None:
            self.standfirst = self.units[stand].text
            self.reason[stand] = "standfirst"
            author = meta.standfirst_author(self.standfirst)
            if author:
                self.authors.append(author)
        # A section heading ("Summary") between the byline block and the body is body.
        if (
            start > 0
            and title is not None
            and title < start - 1
            and self.reason[start - 1] is None
            and 1 <= len(self.tokens[start - 1]) <= 8
            and not self._punct(start - 1)
        ):
            start -= 1
        for i in range(start):
            self._take_byline(i)
        return start

    def _headline_like(self, i: int) -> bool:
        text, toks = self.units[i].text, self.tokens[i]
        if len(toks) < 4 or _PRICE.search(text) or _LABEL.match(text):
            return False
        return not meta.is_person_name(text)

    def _is_label_run(self, i: int) -> bool:
        """Is line ``i`` one of several short 'Label: value' lines (a spec or verdict box)?"""
        near = [j for j in range(max(0, i - 3), min(len(self.units), i + 4)) if j != i]
        return sum(bool(_LABEL.match(self.units[j].text)) for j in near) >= 2

    def _take_byline(self, i: int) -> None:
        if self.reason[i] != "byline":
            return
        found = meta.byline(self.units[i].text)
        if found:
            authors, date = found
            self.authors.extend(a for a in authors if a not in self.authors)
            self.date = self.date or date

    def _tail(self, start: int, good: list[int]) -> int:
        """Find bios, 'About X' footers and contacts after the body; return its last unit."""
        n = len(self.units)
        prose = [
            i
            for i in range(start, n)
            if self.reason[i] is None and (self.cls[i] in ("good", "neargood") or self._prose(i))
        ]
        for i in range(start, n):
            text = self.units[i].text
            if (
                self.reason[i] == "comment section"
                or len(self.tokens[i]) > 10
                or _SENTENCE_END.search(text)
            ):
                continue
            # An "About X" or "Contacts" heading followed by at most two paragraphs
            # (and only chrome after them) is the page's footer, not the article.
            if (_ABOUT_HEADING.match(text) or _CONTACT_HEADING.match(text)) and sum(
                j > i for j in prose
            ) <= 2:
                about = _ABOUT_HEADING.match(text)
                label = "contacts"
                if about:
                    label = (
                        "author bio"
                        if re.search(r"author|writer|autor|auteur|contributor", text, re.I)
                        else "boilerplate footer"
                    )
                self._drop_to_end(i, label)
                break
        kept = [i for i in prose if self.reason[i] is None]
        while len(kept) > 1:
            last = kept[-1]
            subject = meta.bio_subject(self.units[last].text)
            if subject and len(kept) >= 3:
                # Walk back over the closing paragraphs: bios of the author are not body.
                self.reason[last] = "author bio"
                if subject not in self.authors:
                    self.authors.append(subject)
            elif (self.cls[last] != "good" or len(self.tokens[last]) <= 30) and self.reason[
                last - 1
            ] in _CHROME_REASONS:
                # Weak text cut off from the body by chrome is more chrome (jusText).
                self.reason[last] = "navigation/site chrome"
            else:
                break
            kept.pop()
        if not kept:
            return n - 1
        end = kept[-1]
        # Extend over list items and short prose that directly follow the last paragraph.
        while (
            end + 1 < n
            and self.reason[end + 1] is None
            and (self.units[end + 1].bullet or self._prose(end + 1))
        ):
            end += 1
        for i in range(end + 1, n):
            if self.reason[i] == "byline":
                self._take_byline(i)
        return end

    def _drop_to_end(self, i: int, reason: str) -> None:
        for j in range(i, len(self.units)):
            if self.reason[j] is None:
                self.reason[j] = reason

    def _middle(self, start: int, end: int) -> None:
        body = [i for i in range(start, end + 1) if self.reason[i] is None]
        self._repeats(body)
        body = [i for i in body if self.reason[i] is None]
        self._teasers(body)
        body = [i for i in body if self.reason[i] is None]
        for pos, i in enumerate(body):
            nxt = body[pos + 1] if pos + 1 < len(body) else None
            prv = body[pos - 1] if pos > 0 else None
            if self.units[i].bullet:
                self.kind[i] = "list_item"
            elif (
                self.cls[i] == "good"
                or len(self.tokens[i]) > 25
                or (
                    self._punct(i)
                    and not (len(self.tokens[i]) <= 12 and self.units[i].text[-1] in "?!")
                )
            ):
                self.kind[i] = "paragraph"
            elif (
                nxt is not None
                and (
                    self.cls[nxt] in ("good", "neargood")
                    or self._punct(nxt)
                    or self.units[nxt].bullet
                )
                and (prv is None or self.kind[prv] != "heading" or prv + 1 != i)
            ):
                self.kind[i] = "heading"
            elif nxt is None and prv is not None and self.cls[i] == "neargood":
                self.kind[i] = "paragraph"
            else:
                self.reason[i] = "navigation/site chrome"

    def _repeats(self, body: list[int]) -> None:
        seen: dict[str, int] = {}
        for i in body:
            key = self.units[i].text.lower()
            if key in seen:
                self.reason[i] = "repeated text"
            seen.setdefault(key, i)
        # Pull quotes: a short line whose word trigrams mostly occur in one longer unit.
        index: dict[tuple[str, ...], set[int]] = {}
        for i in body:
            toks = self.tokens[i]
            for k in range(len(toks) - 2):
                index.setdefault(tuple(toks[k : k + 3]), set()).add(i)
        for i in body:
            toks = self.tokens[i]
            if not 5 <= len(toks) <= 40 or self.reason[i] is not None:
                continue
            grams = [tuple(toks[k : k + 3]) for k in range(len(toks) - 2)]
            hits: Counter[int] = Counter()
            for gram in grams:
                for j in index.get(gram, ()):
                    if j != i and len(self.tokens[j]) >= 1.2 * len(toks):
                        hits[j] += 1
            if hits and hits.most_common(1)[0][1] >= 0.5 * len(grams):
                self.reason[i] = "repeated pull quote"

    def _teasers(self, body: list[int]) -> None:
        counts = Counter(t for i in body for t in set(self.tokens[i]))
        stops = STOPWORDS.get(self.lang or "en", STOPWORDS["en"])
        promos = {
            i
            for i in range(len(self.units))
            if self.reason[i] in ("video promo", "related-article teaser")
        }
        for pos, i in enumerate(body):
            if self.reason[i] is not None:
                continue
            prev_unit = i - 1
            if prev_unit in promos:
                content = [t for t in set(self.tokens[i]) if t not in stops and len(t) >= 4]
                shared = sum(1 for t in content if counts[t] > 1) / max(1, len(content))
                one_sentence = not _INNER_SENTENCE.search(self.units[i].text)
                if one_sentence and len(self.tokens[i]) <= 45 and shared < 0.6:
                    self.reason[i] = "related-article teaser"
                    continue
            # A headline then a dek without final punctuation, mid-body: a teaser card.
            if pos == 0 or pos + 2 > len(body) - 1:
                continue
            dek, after = body[pos + 1], body[pos + 2]
            if (
                dek == i + 1
                and len(self.tokens[i]) <= 20
                and not _SENTENCE_END.search(self.units[i].text.rstrip("?!"))
                and len(self.tokens[dek]) >= 8
                and not _SENTENCE_END.search(self.units[dek].text)
                and not self.units[dek].bullet
                and (self.cls[after] == "good" or self._punct(after))
            ):
                self.reason[i] = self.reason[dek] = "related-article teaser"

    # ---- output

    def _result(self) -> Extracted:
        blocks: list[Block] = []
        dropped: list[Dropped] = []
        for i, unit in enumerate(self.units):
            reason = self.reason[i]
            if reason is None and self.kind[i]:
                blocks.append(Block(unit.text, self.kind[i] or "paragraph", unit.line))
                continue
            dropped.append(Dropped(unit.text, reason or "navigation/site chrome", unit.line))
        body_text = " ".join(b.text for b in blocks)
        found = FoundMetadata(
            title=self.title,
            standfirst=self.standfirst,
            authors=tuple(self.authors),
            date=self.date,
            publication=meta.publication(*(d.text for d in dropped)),
            language=detect_language(body_text) or self.lang,
        )
        return Extracted(tuple(blocks), tuple(dropped), found)
