"""Key figures: numeric facts found in the sources, each tied to its sentence.

A figure's ``value`` is always a substring of its sentence, exactly as
written ("1,445", "97%", "€2.3 billion", "between 21 and 23 years"), and its
``label`` is built only from words of the same sentence, so nothing in a brief
is invented. Rules, not a model: numbers that are not quantities (years and
dates, ordinals, flight and page numbers, scores, clock times, names such as
"COVID-19") are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .corpus.model import Article, Sentence
from .textstats import STOP_WORDS, stem, words


@dataclass(frozen=True)
class Figure:
    value: str  # exactly as written: a substring of sentence.text
    label: str  # short label from the sentence's own words
    source_id: str
    paragraph_id: str
    sentence: Sentence
    start: int  # offsets of value in Article.text
    end: int


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:bn|m|k|tn)\b|\s(?:billion|million|thousand|trillion))"
_CUR = r"(?:US\$|[$€£¥₽]|(?:USD|EUR|GBP)\s)"
_TIME = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)"
_PCT = r"(?:\s?%|\s(?:per\s?cent|percent))"
_CUR_WORD = r"(?:\s(?:euros?|dollars?|pounds?|roubles?|rubles?|yuan))"
_AMOUNT = rf"{_CUR}?(?:{_NUM}){_SCALE}?(?:{_PCT}|{_CUR_WORD})?"

_FIGURE = re.compile(
    rf"""(?<![\w.,/:#-])(?:
        (?P<range>(?:between\s)?{_AMOUNT}\s?(?:–|—|-|\sto\s|\sand\s){_AMOUNT}(?:\s{_TIME})?)
      | (?P<money>{_CUR}(?:{_NUM}){_SCALE}? | (?:{_NUM}){_SCALE}?{_CUR_WORD})
      | (?P<percent>(?:{_NUM}){_PCT})
      | (?P<duration>(?:{_NUM})\s{_TIME})
      | (?P<count>(?:{_NUM}){_SCALE}?)
    )(?![\w%]|[.,]\d|[-–:/]\w)""",
    re.VERBOSE,
)

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?"
)
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\s+$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?(?:\s+(?:of\s+)?{_MONTH})\b", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b")
_CLOCK_AFTER = re.compile(r"^\s?(?:a\.?m\.?|p\.?m\.?|GMT|UTC|BST|CET)\b", re.IGNORECASE)
# Words after which a number is a name or an address, not a quantity.
_ID_WORDS = frozenset(
    [
        "flight",
        "no",
        "no.",
        "number",
        "nos",
        "page",
        "pages",
        "p.",
        "pp.",
        "route",
        "bus",
        "room",
        "article",
        "articles",
        "section",
        "chapter",
        "paragraph",
        "para",
        "case",
        "code",
        "id",
        "version",
        "model",
        "resolution",
        "amendment",
        "item",
        "line",
        "platform",
        "gate",
        "seat",
        "channel",
        "ward",
        "district",
        "zone",
        "unit",
        "road",
        "street",
        "highway",
        "tel",
        "phone",
        "fax",
        "box",
        "lot",
        "order",
        "decree",
        "law",
        "protocol",
        "regulation",
        "directive",
        "rule",
        "act",
    ]
)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")
_STOP_LABEL = frozenset(
    """were was are is be been being have has had will would could should can may might
    who which that and but or said says say to from than as at by for with on after before
    while when where because if this these those it its their his her our we they he she
    about around over under up down more less most least nearly almost some each per also""".split()  # noqa: SIM905
)
_REPORTING = re.compile(
    r"\b(?:report|reports|reported|say|says|said|estimate|estimates|estimated|count|counts|"
    r"counted|recorded|claim|claims|claimed)\b"
)
_ACCORDING = re.compile(r"\baccording to ((?:[\w’'-]+ ?){1,5})", re.IGNORECASE)
_KIND_WEIGHT = {"money": 1.0, "percent": 1.0, "range": 0.9, "duration": 0.7, "count": 0.6}


@dataclass(frozen=True)
class _Found:
    figure: Figure
    kind: str
    order: int
    relevance: int


def find_figures(
    articles: Sequence[Article], *, about: Sequence[str] = (), top: int = 4
) -> list[Figure]:
    """The ``top`` most relevant numeric facts in ``articles``.

    With ``about`` terms, only figures whose sentence mentions at least one of
    them (all the words of a multi-word term, matched by stem) are kept, the
    ones matching more terms first; then by salience (money and shares over
    bare counts, labelled over unlabelled, earlier in an article over later),
    then source order. The same value with the same label is kept once.
    """
    terms = [t for t in (_stems(a) for a in about) if t]
    found: list[_Found] = []
    for article in articles:
        for para in article.body_paragraphs:
            for sentence in para.sentences:
                sentence_stems = _stems(sentence.text)
                relevance = sum(1 for t in terms if t <= sentence_stems)
                if terms and not relevance:
                    continue
                for kind, s, e, label in _figures_in(sentence.text):
                    fig = Figure(
                        value=sentence.text[s:e],
                        label=label,
                        source_id=article.id,
                        paragraph_id=para.id,
                        sentence=sentence,
                        start=sentence.start + s,
                        end=sentence.start + e,
                    )
                    found.append(_Found(fig, kind, len(found), relevance))
    ranked = sorted(found, key=lambda f: (-f.relevance, -_salience(f), f.order))
    out: list[Figure] = []
    seen: dict[str, list[frozenset[str]]] = {}
    for f in ranked:
        # The same value about an overlapping noun is the same fact, however
        # many sources repeat it.
        value, label = _normal_value(f.figure.value), _stems(f.figure.label)
        if any(not label or not other or label & other for other in seen.get(value, [])):
            continue
        seen.setdefault(value, []).append(label)
        out.append(f.figure)
        if len(out) >= top:
            break
    return out


def _salience(f: _Found) -> float:
    weight = _KIND_WEIGHT[f.kind]
    if f.figure.label:
        weight += 0.5
    # Earlier in the article (offsets) is more likely the headline number.
    weight += 0.3 / (1 + f.figure.start / 2000)
    return weight


def _figures_in(text: str) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, label) for each quantity in one sentence."""
    hits: list[tuple[str, int, int]] = []
    for m in _FIGURE.finditer(text):
        kind = m.lastgroup or "count"
        s, e = m.start(), m.end()
        if not _is_quantity(text, kind, s, e):
            continue
        hits.append((kind, s, e))
    source, source_end = _attribution(text)
    labelled: list[tuple[str, int, int, str]] = []
    for kind, s, e in hits:
        noun = _noun_after(text, e, kind)
        if kind == "count" and not noun:
            continue  # a bare number ("exceed 12,000.") is labelled below, if at all
        if not noun:
            noun = _phrase_before(text, s)
        # The attribution holds for numbers in the clause its verb governs.
        if noun and source and source_end <= s and not re.search(r"[,;]", text[source_end:s]):
            noun = f"{noun} ({source})"
        labelled.append((kind, s, e, noun))
    # An unlabelled count shares the noun of a labelled figure in the same
    # sentence: "1,445 political prisoners ... is believed to exceed 12,000".
    nouns = [n.split(" (")[0] for kind, _s, _e, n in labelled if n and kind == "count"]
    for kind, s, e in hits:
        if kind == "count" and not _noun_after(text, e, kind) and nouns and _is_big(text[s:e]):
            labelled.append((kind, s, e, nouns[0]))
    labelled.sort(key=lambda h: h[1])
    return labelled


def _is_quantity(text: str, kind: str, s: int, e: int) -> bool:
    value = text[s:e]
    before, after = text[:s], text[e:]
    prev = before.split()[-1].lower().strip("(\"“'") if before.split() else ""
    if prev in _ID_WORDS or before.rstrip().endswith(("#", "№")):
        return False
    if _DATE_BEFORE.search(before) or (kind in ("count", "duration") and _DATE_AFTER.match(after)):
        return False
    if _ORDINAL_AFTER.match(after) or _CLOCK_AFTER.match(after):
        return False
    if kind == "count" and _YEAR.match(value):
        return False
    if kind == "range" and not re.search(r"\d", value.split()[-1] + value):
        return False
    if kind == "range" and re.fullmatch(r"\d{1,2}\s?[-–]\s?\d{1,2}", value):
        return bool(_noun_after(text, e, kind))  # "2-1" is a score unless a noun follows
    # "2020-2022", "2021-22", "between 2019 and 2021" are periods, not quantities.
    return not (kind == "range" and _YEAR.match(re.findall(r"\d[\d,.]*", value)[0]))


def _is_big(value: str) -> bool:
    digits = re.sub(r"\D", "", value.split(".")[0])
    return len(digits) >= 3


def _noun_after(text: str, e: int, kind: str) -> str:
    """A short noun phrase from the words right after the value."""
    tail = text[e:]
    tail_words = re.findall(r"[^\W\d_][\w’'-]*|[,;:.!?()\"“”]|\d[\d,.]*", tail)
    out: list[str] = []
    i = 0
    if kind == "percent" and tail_words[:1] == ["of"]:
        i = 1
        if len(tail_words) > 1 and tail_words[1].lower() == "the":
            i = 2
    while i < len(tail_words) and len(out) < 5:
        w = tail_words[i]
        low = w.lower()
        if not w[0].isalpha():
            break
        if low in ("in", "of", "from", "across") and out:
            # one prepositional phrase: "prisoners in Belarus", "members of staff"
            nxt = tail_words[i + 1] if i + 1 < len(tail_words) else ""
            if nxt[:1].isalpha() and nxt.lower() not in _STOP_LABEL and nxt.lower() != "the":
                out.extend([w, nxt])
                i += 2
                continue
            break
        if low in _STOP_LABEL or low in STOP_WORDS:
            # "1,100 Belarusians were detained": keep the participle, it says what happened
            if low in ("were", "was", "have", "had", "are") and out:
                j = i + 1
                if j < len(tail_words) and tail_words[j].lower() == "been":
                    j += 1
                if j < len(tail_words) and re.fullmatch(r"[a-z]+(?:ed|en)", tail_words[j]):
                    out.append(tail_words[j])
            break
        if out and re.fullmatch(r"[a-z]+ed", w):
            break  # a verb: "97% of respondents disagreed"
        out.append(w)
        i += 1
    return " ".join(out)


def _phrase_before(text: str, s: int) -> str:
    """The last few content words of the clause before the value: "EU pledged"."""
    clause = re.split(r"[,;:()]|\b(?:and|while|but|whereas)\b", text[:s])[-1]
    ws = [w for w in words(clause) if w.lower() not in _STOP_LABEL | STOP_WORDS]
    ws = [w for w in ws if not re.search(r"\d", w)]
    return " ".join(ws[-4:])


def _attribution(text: str) -> tuple[str, int]:
    """Who gives the number ("human rights groups report", "according to the UN")
    and where that statement ends; ("", 0) when the sentence names no one."""
    m = _ACCORDING.search(text)
    if m:
        return _trim_phrase(m.group(1).split()), 0  # "according to" covers the sentence
    m = _REPORTING.search(text)
    if not m:
        return "", 0
    clause = re.split(r"[,;:(]", text[: m.start()])[-1].split()
    return _trim_phrase(clause[-4:]), m.end()


def _trim_phrase(ws: list[str]) -> str:
    while ws and ws[0].lower() in (_STOP_LABEL | STOP_WORDS | {"while", "although", "whereas"}):
        ws = ws[1:]
    while ws and ws[-1].lower() in (_STOP_LABEL | STOP_WORDS):
        ws = ws[:-1]
    if not ws or any(re.search(r"\d", w) for w in ws):
        return ""
    return " ".join(ws).strip(",.;:")


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in words(text) if w.lower() not in STOP_WORDS)


def _normal_value(value: str) -> str:
    return re.sub(r"\s+", " ", value.lower()).replace("per cent", "%").replace(" %", "%")
