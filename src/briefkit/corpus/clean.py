"""Cleaner for plain-text dumps of web pages.

A dump is the visible text of a page, one block per line: the article body
interleaved with site chrome, captions, teasers, appeals and comments, as a
browser's select-all/copy, "save as text" or an HTML-to-Markdown converter
gives it. The cleaner works in three steps:

1. :func:`.dumplines.units` re-joins hard-wrapped lines into paragraphs and
   takes Markdown marks off;
2. a learned classifier (:mod:`.linemodel`, trained by
   ``bench/train_cleaner.py`` on dumps of 700 real pages from some 600 sites)
   scores every line as article text or clutter from its own features, its
   neighbours' and its place in the page; generic cues (cookie notices,
   newsletter appeals, captions, bylines: web words, never site names) are
   among its features and name the reason a line is dropped;
3. the page's structure then finds the title, standfirst, byline and date
   above the body, drops repeats and pull quotes inside it, and says what
   each kept line is (paragraph, heading or list item).
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from . import metadata as meta
from .dumplines import CHROME_WORDS as _CHROME_WORDS
from .dumplines import INNER_SENTENCE as _INNER_SENTENCE
from .dumplines import SENTENCE_END as _SENTENCE_END
from .dumplines import SEPARATORS as _SEPARATOR_RUN
from .dumplines import TERMINAL as _TERMINAL
from .dumplines import Unit, features, looks_like_markdown, units
from .language import STOPWORDS, detect_language, stopword_density, words
from .linemodel import LineModel, default_model
from .model import Block, Dropped, Extracted, FoundMetadata

# Generic web-interface words: a short line made mostly of them is chrome.
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
# (pattern, reason, needles): a line can match only if it holds one of the
# needles (lower case), so most lines are passed over without a regex search.
# No needles: the pattern is anchored at the start and cheap anyway.
_CUES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(p, re.IGNORECASE), reason, needles)
    for p, reason, needles in (
        (
            r"\b(?:we|this (?:web)?site|our (?:web)?site)\b.{0,60}\buses? cookies\b",
            _COOKIE,
            ("cookie",),
        ),
        (r"\bcookies? (?:policy|settings|preferences|name|consent|banner)\b", _COOKIE, ("cookie",)),
        (r"\b(?:accept|reject|manage) (?:all )?cookies\b", _COOKIE, ("cookie",)),
        (r"\bprivacy (?:policy|settings|notice|statement)\b|\bprivacy\s*&", _COOKIE, ("privacy",)),
        (
            r"datenschutz|prywatno|confidentialit[ée]|privacidad|\bgdpr\b|\brodo\)",
            _COOKIE,
            ("datenschutz", "prywatno", "confidentialit", "privacidad", "gdpr", "rodo)"),
        ),
        (
            r"\bnewsletter\b|\bsubscribe\b|\bsign up (?:for|to)\b|\bin your inbox\b",
            _APPEAL,
            ("newsletter", "subscribe", "sign up", "in your inbox"),
        ),
        (
            r"\bdonat(?:e|ion|ing)\b|crowdfunding|\bsupport (?:our|us|independent)\b",
            _APPEAL,
            ("donat", "crowdfunding", "support "),
        ),
        (r"become a (?:member|patron|supporter)|patreon", _APPEAL, ("become a ", "patreon")),
        (
            r"\bthanks? (?:you )?for reading\b|\bforward this (?:email|letter|newsletter)\b",
            _APPEAL,
            ("for reading", "forward this "),
        ),
        (
            r"view (?:this email )?in (?:your|a) browser|\bunsubscribe\b",
            _APPEAL,
            ("browser", "unsubscribe"),
        ),
        (r"^(?:video|watch|listen|podcast|gallery|in pictures|live)\s*[:|–]", "video promo", ()),
        (
            r"^(?:read more|read also|also read|see also|more on this|recommended|more from|"
            r"related(?: articles?| stories| content| publications)?|you (?:may|might) also like|"
            r"most read|most popular|further reading|more stories)\b",
            _TEASER,
            (),
        ),
        # The same cue in the languages the detector knows: generic, not site strings.
        (
            r"^(?:auch interessant|lesen sie auch|mehr zum thema|(?:à )?lire aussi|voir aussi|"
            r"leer más|lea también|leggi anche|czytaj (?:też|także)|zobacz (?:też|także)|"
            r"читайте (?:также|також))\b",
            _TEASER,
            (),
        ),
        (r"^(?:forward-looking statements?|(?:how to )?cite this)\b", "disclaimer", ()),
        (
            r"\bviews (?:and opinions )?expressed\b|\bopinions expressed\b",
            "disclaimer",
            ("expressed",),
        ),
        (r"do not necessarily reflect|not necessarily those of", "disclaimer", ("necessarily",)),
        (
            r"suggest a correction|spotted an? (?:error|mistake)|report an? (?:error|typo)",
            _CHROME,
            ("correction", "spotted a", "report a"),
        ),
        (r"ctrl\s*\+\s*enter", _CHROME, ("ctrl",)),
        (
            r"^(?:tags?|topics?|categories|category|keywords|filed under|"
            r"this (?:article|post|entry) was (?:filed|posted) under)\b",
            "tag list",
            (),
        ),
        (r"^(?:written|posted|published|words|reporting) by:?$", "byline", ()),
        (
            r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved",
            _CHROME,
            ("©", "(c)", "copyright", "all rights reserved"),
        ),
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
_CAPTION_NEEDLES = (
    *("photo", "image", "pic", "foto", "bild", "illustration", "credit", "courtesy"),
    *("getty", "shutterstock", "alamy", "afp", "associated press", "epa", "istock"),
    *("unsplash", "wikimedia"),
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
# A footer's "About ..." heading names someone ("About Us", "About Reuters"), unlike a
# section of the text ("About this series"). (The cue above stays as the model learned it.)
_ABOUT_SECTION = re.compile(
    r"^about (?!(?:the )?(?:author|writer|contributor)|us\b|me\b)(?-i:[a-z])", re.IGNORECASE
)
_CONTACT_HEADING = re.compile(
    r"^(?:media|press|investor)? ?(?:contacts?|enquiries|inquiries)\s*:?$"
    r"|^(?:###|-\s?30\s?-|-?\s*ends\s*-?)$",
    re.IGNORECASE,
)
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


_BOILERPLATE = "boilerplate (low text score)"
_MAX_POSTING = 8  # trigrams shared by more units say nothing about a pull quote's source
MAX_STANDFIRST_WORDS = 120
# what a contributor's note says of them ("... is a senior fellow at ...")
_BIO_ROLE = re.compile(
    r"\b(?:fellow|professor|lecturer|researcher|scholar|journalist|writer|author of|editor|"
    r"analyst|director|correspondent|columnist|ph\.?d|doctoral|doctorate|graduate of|"
    r"research interests|is based in|consultant)\b",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:about |an? |\d+\s*)"
    r"(?:sec(?:ond)?s?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\.?$",
    re.IGNORECASE,
)


def unit_cue(text: str, toks: list[str], lang: str | None) -> str | None:
    """The generic clutter cue a line carries, if any (a feature and a drop reason)."""
    n = len(toks)
    if not toks:
        return "tag list" if re.fullmatch(r"[\W_]*", text) else "navigation/site chrome"
    if n <= 8 and _COMMENT_HEADER.search(text):
        return "comment header"
    if n <= 10 and not _SENTENCE_END.search(text) and _ABOUT_HEADING.match(text):
        return "about heading"
    low = text.lower()
    for pattern, reason, needles in _CUES:
        if (
            (n <= 60 or reason in (_COOKIE, "disclaimer"))
            and (not needles or any(k in low for k in needles))
            and pattern.search(text)
        ):
            return reason
    if n <= 8 and any(t in ("cookie", "cookies") for t in toks):
        return _COOKIE
    if n <= 60 and any(k in low for k in _CAPTION_NEEDLES) and _CAPTION.search(text):
        return "photo caption"
    if n <= 8 and (
        _CHROME_PHRASES.search(text)
        or sum(t in _CHROME_WORDS for t in toks) / n >= 0.5
        or (n <= 4 and sum(len(t) == 1 for t in toks) >= 2)
    ):
        return _CHROME
    if n <= 12 and _CONTACT_LINE.fullmatch(text):
        return "contacts"
    if n <= 16 and meta.byline(text) is not None and not _SENTENCE_END.search(text.rstrip(")")):
        return "byline"
    if n <= 20 and len(_SEPARATOR_RUN.findall(text)) >= 2:
        return _CHROME
    if _other_language(text, toks, lang):
        return "other language"
    return None


_CYRILLIC = re.compile(r"[\u0400-\u0481\u048a-\u04ff]")  # the block's letters (not its marks)


def _other_language(text: str, toks: list[str], lang: str | None) -> bool:
    if lang is None:
        return False
    letters = sum(map(str.isalpha, text))
    if not letters:
        return False
    cyr = len(_CYRILLIC.findall(text)) / letters
    doc_cyr = lang in ("ru", "uk", "be")
    if (cyr > 0.6) != doc_cyr and (cyr > 0.6 or cyr < 0.1):
        return True
    if len(toks) < 12:
        return False
    if stopword_density(toks, lang) >= 0.2:
        return False  # plainly the document's language: skip the full comparison
    found = detect_language(text)
    return (
        found is not None
        and found != lang
        and not (doc_cyr and found in ("ru", "uk", "be"))
        # a sentence in the page's language naming foreign places or firms
        and stopword_density(toks, found) > 2 * stopword_density(toks, lang)
    )


def page_language(us: list[Unit] | list[Block]) -> str | None:
    """The language of the long lines (not the menus), or of all if none is long."""
    return detect_language(" ".join(u.text for u in us if len(u.text) > 80)) or detect_language(
        " ".join(u.text for u in us)
    )


def preload() -> None:
    """Load the line classifier and the language model now, e.g. before forking
    workers, so that they share them instead of each loading its own (~1 s)."""
    default_model()
    detect_language("The models are loaded once and shared by the workers.")


def clean_text_dump(text: str, *, model: LineModel | None = None) -> Extracted:
    """Split a plain-text page dump into body blocks, dropped clutter and metadata."""
    us = units(text)
    if not us:
        return Extracted(())
    lang = page_language(us)
    toks = [words(u.text) for u in us]
    cues = [unit_cue(u.text, toks[i], lang) for i, u in enumerate(us)]
    markdown = looks_like_markdown(text.splitlines())
    model = model or default_model()
    score = model.scores(features(us, lang, cues, markdown, toks))
    return _Page(us, toks, cues, score, model.threshold, lang).run()


class _Page:
    """Turns the classifier's scores into blocks, reasons and metadata."""

    def __init__(
        self,
        us: list[Unit],
        toks: list[list[str]],
        cues: list[str | None],
        score: np.ndarray,
        threshold: float,
        lang: str | None,
    ) -> None:
        self.units = us
        self.tokens = toks
        self.cues = cues
        self.lang = lang
        self.keep = [bool(s >= threshold) for s in score]
        self.reason: list[str | None] = [None] * len(us)
        self.kind: list[str | None] = [None] * len(us)
        self.title: str | None = None
        self.standfirst: str | None = None
        self.authors: list[str] = []
        self.date: str | None = None
        self._body_vocab: frozenset[str] | None = None

    def run(self) -> Extracted:
        n = len(self.units)
        for i in range(n):
            self._not_body(i)
        body_start = next((i for i in range(n) if self.keep[i] and self._prose(i)), n)
        # Short prose right above the first paragraph is body too.
        i = body_start - 1
        while (
            0 <= i < n
            and not self.keep[i]
            and self.reason[i] is None
            and self.cues[i] is None
            and not self.units[i].bullet
            and len(self.tokens[i]) >= 4
            and _SENTENCE_END.search(self.units[i].text)
        ):
            self.keep[i] = True
            body_start = i
            i -= 1
        self._comments(body_start)
        self._top(body_start)
        self._tail()
        self._teasers()
        self._repeats([i for i in range(n) if self.keep[i]])
        self._kinds()
        # Bylines above and inside the body name the article's authors; those after it
        # (comments, teasers, a footer) only when there was none before.
        last = max((i for i in range(n) if self.keep[i]), default=n - 1)
        found = False
        for span in (range(last + 1), range(last + 1, n)):
            if found:
                break
            for i in span:
                if self.reason[i] == "byline" or (
                    not self.keep[i] and len(self.tokens[i]) <= 16 and self.cues[i] == "byline"
                ):
                    found = self._take_byline(i) or found
        return self._result()

    def _prose(self, i: int) -> bool:
        n = len(self.tokens[i])
        return n >= 30 or (n >= 4 and bool(_SENTENCE_END.search(self.units[i].text)))

    def _not_body(self, i: int) -> None:
        """Lines that are never article text, whatever their neighbours say."""
        if not self.keep[i]:
            return
        text, n = self.units[i].text, len(self.tokens[i])
        if self.cues[i] == "byline" and n <= 16:
            # its names and date become the article's metadata
            self._drop(i, "byline")
        elif _TIMESTAMP.match(text):
            self._drop(i, "dateline")  # "Published 5 days ago" under a teaser
        elif self.cues[i] in _CHROME_REASONS and n <= 20:
            # a short line made of web words: a button, an appeal, a notice
            self._drop(i, self.cues[i] or _CHROME)
        elif self.cues[i] == "photo caption":
            self._drop(i, "photo caption")
        elif self.cues[i] == "video promo" and not _SENTENCE_END.search(text):
            self._drop(i, "video promo")  # a link to a video, not a heading of this text
        elif self.cues[i] == "other language" and n <= 8 and not _SENTENCE_END.search(text):
            # a label or logo in another script, not a sentence someone said
            self._drop(i, "other language")

    # ---- structure

    def _comments(self, first: int) -> None:
        """Everything after a 'Comments' heading in the page's second half is comments."""
        n = len(self.units)
        size = [len(t) if self.keep[i] else 0 for i, t in enumerate(self.tokens)]
        total = sum(size)
        before = 0
        for i in range(n):
            before += size[i]
            if i <= first or self.cues[i] != "comment header":
                continue
            # A 'Comment' share button near the top has most of the article after it.
            if before < total - before:
                continue
            for j in range(i, n):
                if self.keep[j] or self.reason[j] is None:
                    self._drop(j, "comment section")
            return

    def _top(self, first: int) -> None:
        """Title, standfirst and byline: the lines above the body that name it."""
        if first == len(self.units):
            return
        candidates = [
            i
            for i in range(first)
            if self.cues[i] is None
            and self.reason[i] is None
            and 2 <= len(self.tokens[i]) <= 25
            and not self.units[i].bullet
            and not _SENTENCE_END.search(self.units[i].text)
            and meta.standfirst_author(self.units[i].text) is None
        ]
        scored = sorted(candidates, key=lambda i: (self._headline_score(i, first), i))
        if not scored or self._headline_score(scored[-1], first) <= 0:
            return
        title = scored[-1]
        # A headline and, right under it, a much longer line without a full stop:
        # the second is the dek, not the headline.
        if (
            title - 1 in candidates
            and len(self.tokens[title - 1]) >= 4
            and len(self.tokens[title]) >= max(10, 1.3 * len(self.tokens[title - 1]))
            and self._headline_score(title - 1, first) > 0
        ):
            title -= 1
        self.title = self.units[title].text
        self._drop(title, "title")
        # A section heading ("Summary") right above the first paragraph is body.
        above = first - 1
        if (
            above > title
            and not self.keep[above]
            and self.cues[above] is None
            and self.reason[above] is None
            and 1 <= len(self.tokens[above]) <= 8
            and not _TERMINAL.search(self.units[above].text)
        ):
            self.keep[above] = True
        # The standfirst: a sentence or two between the headline and the body, or
        # the first paragraph when a byline or caption sets it apart from the rest.
        for i in range(title + 1, len(self.units)):
            if self.cues[i] is not None or self.reason[i] is not None or self.units[i].bullet:
                continue
            if len(self.tokens[i]) < 8 or len(self.tokens[i]) > MAX_STANDFIRST_WORDS:
                break
            if self.keep[i]:
                nxt = next((j for j in range(i + 1, len(self.units)) if self.keep[j]), None)
                apart = nxt is not None and any(
                    self.reason[j] == "byline" or self.cues[j] in ("byline", "photo caption")
                    for j in range(i + 1, nxt)
                )
                # a dek: a line under the headline that does not end as a sentence
                dek = i == title + 1 and not _TERMINAL.search(self.units[i].text)
                if not (apart or dek):
                    break
            self.standfirst = self.units[i].text
            self._drop(i, "standfirst")
            author = meta.standfirst_author(self.standfirst)
            if author:
                self.authors.append(author)
            break

    def _headline_score(self, i: int, first: int) -> float:
        """How much line ``i`` looks like the page's headline (0: not at all)."""
        text, toks = self.units[i].text, self.tokens[i]
        if len(toks) < 3 or _PRICE.search(text) or meta.is_person_name(text):
            return 0.0
        if _LABEL.match(text) and self._is_label_run(i):
            return 0.0
        if sum(t in _CHROME_WORDS for t in toks) / len(toks) >= 0.4:
            return 0.0
        score = 1.0
        # The headline sits just above the body (a byline or standfirst between).
        score += max(0.0, 1.0 - (first - i) / 8)
        # ... often right above its byline or date
        if any(self.cues[j] == "byline" for j in range(i + 1, min(i + 4, len(self.units)))):
            score += 2.0
        # ... and the article speaks of what its headline names.
        stops = STOPWORDS.get(self.lang or "en", STOPWORDS["en"])
        content = {t for t in toks if t not in stops and len(t) >= 3}
        if content:
            body = self._body_words()
            score += 2.0 * sum(1 for t in content if t in body) / len(content)
        if self.units[i].heading:
            score += 1.0
        words_up = sum(1 for w in text.split() if w[:1].isupper()) / len(text.split())
        score += 0.3 * words_up
        if 5 <= len(toks) <= 18:
            score += 0.5
        return score

    def _body_words(self) -> frozenset[str]:
        if self._body_vocab is None:
            kept = [i for i in range(len(self.units)) if self.keep[i]][:30]
            self._body_vocab = frozenset(t for i in kept for t in self.tokens[i])
        return self._body_vocab

    def _is_label_run(self, i: int) -> bool:
        """Is line ``i`` one of several short 'Label: value' lines (a spec or verdict box)?"""
        near = [j for j in range(max(0, i - 3), min(len(self.units), i + 4)) if j != i]
        return sum(bool(_LABEL.match(self.units[j].text)) for j in near) >= 2

    def _tail(self) -> None:
        """Footers after the body: 'About X' and contacts sections, the author's bio."""
        n = len(self.units)
        kept = [i for i in range(n) if self.keep[i]]
        if len(kept) < 3:
            return
        # A footer follows the body: a 'Contact' link in the menu above the first
        # paragraph is not one (it would take the whole article with it).
        first = next((i for i in kept if self._prose(i)), n)
        for i in range(first + 1, n):
            text = self.units[i].text
            if len(self.tokens[i]) > 10 or _SENTENCE_END.search(text):
                continue
            about = _ABOUT_HEADING.match(text) and not _ABOUT_SECTION.match(text)
            if not (about or _CONTACT_HEADING.match(text)):
                continue
            # A heading followed by at most two paragraphs to the end is a footer.
            if sum(1 for j in kept if j > i and self._prose(j)) > 2:
                continue
            label = "contacts"
            if about:
                label = (
                    "author bio"
                    if re.search(r"author|writer|autor|auteur|contributor", text, re.I)
                    else "boilerplate footer"
                )
            for j in range(i, n):
                if self.keep[j] or self.reason[j] is None:
                    self._drop(j, label)
            break
        kept = [i for i in range(n) if self.keep[i]]
        # Walk back over the closing lines: a bio of the author ("Jane Doe is a
        # fellow at ..."), a disclaimer or an appeal after the body is not body.
        while len(kept) >= 3:
            last = kept[-1]
            subject = meta.bio_subject(self.units[last].text)
            prev = kept[-2]
            cut_off = last - prev - 1  # lines dropped between it and the body
            text = self.units[last].text
            headline = not _TERMINAL.search(text) or (
                text.endswith("?") and len(self.tokens[last]) <= 12
            )
            chrome = sum(1 for j in range(prev + 1, last) if self.cues[j] in _CHROME_REASONS)
            if self.cues[last] in _CHROME_REASONS:
                self._drop(last, self.cues[last] or _CHROME)
            elif cut_off >= 2 and (headline or chrome >= 2) and len(self.tokens[last]) <= 30:
                # a headline cut off from the body by clutter is more clutter (jusText)
                self._drop(last, _CHROME)
            elif (
                subject
                and len(self.tokens[last]) <= 150
                and (subject in self._named_above() or _BIO_ROLE.search(self.units[last].text))
            ):
                self._drop(last, "author bio")
                if subject not in self.authors:
                    self.authors.append(subject)
            else:
                break
            kept.pop()

    def _named_above(self) -> set[str]:
        """Authors named in bylines above the body (bylines are read for good later)."""
        first = next((i for i in range(len(self.units)) if self.keep[i]), len(self.units))
        names = set(self.authors)
        for i in range(first):
            if self.cues[i] == "byline" and (found := meta.byline(self.units[i].text)):
                names.update(found[0])
        return names

    def _outsider(self, units: tuple[int, ...], counts: Counter, stops: frozenset) -> bool:
        """Do these lines speak of other things than the rest of the body?"""
        content = {t for i in units for t in self.tokens[i] if t not in stops and len(t) >= 4}
        own = Counter(t for i in units for t in set(self.tokens[i]))
        shared = sum(1 for t in content if counts[t] > own[t]) / max(1, len(content))
        return shared < 0.5

    def _teasers(self) -> None:
        """Cards for other articles inside the body: a promo line and its headline, or a
        headline and its dek, neither ending as a sentence does."""
        body = [i for i in range(len(self.units)) if self.keep[i]]
        counts: Counter[str] = Counter()  # in how many body lines each word is; when needed

        def vocab() -> Counter[str]:
            if not counts:
                counts.update(t for i in body for t in set(self.tokens[i]))
            return counts

        stops = STOPWORDS.get(self.lang or "en", STOPWORDS["en"])
        for pos, i in enumerate(body):
            if not self.keep[i]:
                continue
            if i > 0 and self.cues[i - 1] in ("video promo", "related-article teaser"):
                content = [t for t in set(self.tokens[i]) if t not in stops and len(t) >= 4]
                shared = sum(1 for t in content if vocab()[t] > 1) / max(1, len(content))
                one_sentence = not _INNER_SENTENCE.search(self.units[i].text)
                if one_sentence and len(self.tokens[i]) <= 45 and shared < 0.6:
                    self._drop(i, "related-article teaser")
                    continue
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
                and self._prose(after)
                and _SENTENCE_END.search(self.units[after].text)
                and self._outsider((i, dek), vocab(), stops)
            ):
                self._drop(i, "related-article teaser")
                self._drop(dek, "related-article teaser")

    def _take_byline(self, i: int) -> bool:
        found = meta.byline(self.units[i].text)
        if not found:
            return False
        authors, date = found
        self.authors.extend(a for a in authors if a not in self.authors)
        self.date = self.date or date
        return True

    def _repeats(self, body: list[int]) -> None:
        """Repeated lines and pull quotes inside the body (linear in its length)."""
        seen: set[str] = set()
        for i in body:
            key = self.units[i].text.lower()
            if key in seen and len(self.tokens[i]) >= 8:
                self._drop(i, "repeated text")
            seen.add(key)
        # Pull quotes: a short line whose word trigrams mostly occur in one longer
        # unit. Trigrams shared by many units (boilerplate phrases, a page of
        # similar paragraphs) say nothing about where a quote came from and would
        # make this quadratic, so they are left out of the index.
        # display text only: a pull quote is set apart, not a sentence of the body
        candidates = [
            i
            for i in body
            if 8 <= len(self.tokens[i]) <= 40
            and self.keep[i]
            and not _TERMINAL.search(self.units[i].text)
        ]
        if not candidates:
            return
        index: dict[tuple[str, ...], list[int]] = {}
        for i in body:
            toks = self.tokens[i]
            for k in range(len(toks) - 2):
                posting = index.setdefault(tuple(toks[k : k + 3]), [])
                if len(posting) <= _MAX_POSTING and (not posting or posting[-1] != i):
                    posting.append(i)
        for i in candidates:
            toks = self.tokens[i]
            grams = [tuple(toks[k : k + 3]) for k in range(len(toks) - 2)]
            hits: Counter[int] = Counter()
            for gram in grams:
                posting = index.get(gram, ())
                if len(posting) > _MAX_POSTING:
                    continue
                for j in posting:
                    if j != i and len(self.tokens[j]) >= 1.2 * len(toks):
                        hits[j] += 1
            if hits and hits.most_common(1)[0][1] >= 0.5 * len(grams):
                self._drop(i, "repeated pull quote")

    def _drop(self, i: int, reason: str) -> None:
        self.keep[i] = False
        self.reason[i] = reason

    def _kinds(self) -> None:
        body = [i for i in range(len(self.units)) if self.keep[i]]
        for pos, i in enumerate(body):
            unit, toks = self.units[i], self.tokens[i]
            nxt = body[pos + 1] if pos + 1 < len(body) else None
            if unit.bullet:
                self.kind[i] = "list_item"
            elif (unit.heading and len(toks) <= 25) or (
                len(toks) <= 12
                and not _TERMINAL.search(unit.text)
                and nxt is not None
                and (len(self.tokens[nxt]) > len(toks) or self.units[nxt].bullet)
            ):
                self.kind[i] = "heading"
            else:
                self.kind[i] = "paragraph"

    # ---- output

    def _why(self, i: int) -> str:
        if self.reason[i]:
            return self.reason[i] or ""
        cue = self.cues[i]
        if cue == "comment header":
            return "comment section"
        if cue == "about heading":
            return "boilerplate footer"
        if cue:
            return cue
        if len(self.tokens[i]) <= 12:
            return _CHROME
        return _BOILERPLATE

    def _result(self) -> Extracted:
        blocks: list[Block] = []
        dropped: list[Dropped] = []
        for i, unit in enumerate(self.units):
            if self.keep[i]:
                blocks.append(Block(unit.text, self.kind[i] or "paragraph", unit.line))
            else:
                dropped.append(Dropped(unit.text, self._why(i), unit.line))
        found = FoundMetadata(
            title=self.title,
            standfirst=self.standfirst,
            authors=tuple(self.authors),
            date=self.date,
            publication=meta.publication(*(d.text for d in dropped)),
            language=page_language(blocks) or self.lang,
        )
        return Extracted(tuple(blocks), tuple(dropped), found)
