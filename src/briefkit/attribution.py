"""Who said it: the speaker of words quoted in a source.

An article's author writes the article, but much of what is worth quoting
from it was said by someone else — a minister, a council member, a
physicians' letter. A brief must credit those words to whoever said them,
"quoted in" the article, never to the reporter. This module finds, for an
excerpt, whether its words stand in quotation marks in the source and who the
source says is speaking:

- in the same sentence: "…,” said Li Jifeng", "Zhyhar stated, “…”",
  "according to the ministry", or the one person the sentence names outside
  the quotation;
- "He noted, “…”": the person the article was last talking about (the
  subject of the latest sentence that named someone);
- "X said:" ending the sentence or paragraph before the quotation.

Surnames are completed from the article ("Zhyhar" → "Vladimir Zhyhar").
Rules, not a model, and cautious: where they find no one, no one is credited,
and ``briefkit check`` asks the analyst to name the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .corpus.model import Article, Paragraph
from .standalone import _NOT_FIRST_NAMES, NameBook

_OPEN, _CLOSE = "“«„", "”»"

_REPORTING_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|wrote|writes|argued|argues|noted|notes|"
    "explained|explains|warned|warns|insisted|insists|claimed|claims|asked|asks|replied|"
    "replies|remarked|remarks|declared|declares|announced|announces|stressed|stresses|"
    "emphasised|emphasized|emphasises|emphasizes|underlined|underlines|commented|comments|"
    "continued|continues|recalled|recalls|believes|believed|concluded|concludes|suggested|"
    "suggests|urged|urges|cautioned|observed|admitted|acknowledged|confirmed"
)
_VERB = re.compile(rf"(?<![-\w])(?:{_REPORTING_VERBS})\b")
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,;.:“”\"]{2,80})", re.IGNORECASE)
_NAME = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЎЄЇҐ][\w’'-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЎЄЇҐ][\w’'-]+){0,3}"
_SUBJECT_PRONOUN = re.compile(r"^(?:he|she|they)$", re.IGNORECASE)
_PERSON_PRONOUN = frozenset("he she his her him".split())
_PREPOSITIONS = frozenset("of for to by with against from on in at about over".split())


@dataclass(frozen=True, slots=True)
class Attribution:
    """Whose words an excerpt holds.

    ``quoted``: the words stand (mostly) in quotation marks in the source, so
    they are not the author's own. ``speaker``: who the source says speaks,
    or None; ``evidence``: the id of the sentence that says so.
    """

    quoted: bool
    speaker: str | None = None
    evidence: str | None = None


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` inside double quotation marks (curly, guillemets or straight).

    A quotation still open at the end of the paragraph runs to its end (news
    style opens each paragraph of a long quotation and closes only the last).
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, ch in enumerate(text):
        if start is None and (ch in _OPEN or ch == '"'):
            start = i
        elif start is not None and (ch in _CLOSE or ch == '"'):
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    # a closing mark with no opening one: the paragraph continues a quotation
    first_close = next((i for i, ch in enumerate(text) if ch in _CLOSE), None)
    first_open = next((i for i, ch in enumerate(text) if ch in _OPEN), None)
    if first_close is not None and (first_open is None or first_close < first_open):
        spans.insert(0, (0, first_close + 1))
    return spans


def quoted_share(text: str, start: int, end: int) -> float:
    """How much of ``text[start:end]`` lies inside quotation marks (0 to 1)."""
    if end <= start:
        return 0.0
    inside = 0
    for s, e in quoted_spans(text):
        inside += max(0, min(e, end) - max(s, start))
    # the quotation marks themselves are not words
    letters = sum(1 for ch in text[start:end] if ch.isalnum()) or 1
    return min(1.0, inside / (end - start)) if letters else 0.0


def _mask_quotes(text: str) -> str:
    """``text`` with every quotation replaced by spaces (the frame around quotes)."""
    chars = list(text)
    for s, e in quoted_spans(text):
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


_TITLES = frozenset("Mr Mrs Ms Mx Dr Prof Sir Dame Lord Lady Rev".split())
# Last words of names that are organisations, not people.
_ORGANISATION = frozenset(
    """Association Council Committee Party Union Ministry Office Society Group Company Bank
    University Institute Agency Commission Court Parliament Government Foundation Centre
    Center Church Army Police Service Times News Post Gazeta Journal Review Network
    Organisation Organization Federation League Club Board Authority Department Trust
    Fund Forum Alliance Movement Front Regiment Cabinet Assembly""".split()
)


def _is_name(candidate: str, names: NameBook) -> str | None:
    """The person ``candidate`` names, completed from the article; None if not a person.

    A person is a full name the article gives ("Vladimir Zhyhar"), a surname
    whose full name it gave before ("Zhyhar"), or a title and surname ("Mr
    Maran"); organisations and other capitalised words are not.
    """
    words = candidate.split()
    title = words[0] if words and words[0].rstrip(".") in _TITLES else None
    while words and (words[0] in _NOT_FIRST_NAMES or words[0].rstrip(".") in _TITLES):
        words = words[1:]
    if not words or words[-1] in _ORGANISATION:
        return None
    last = re.sub(r"[’']s$", "", words[-1])
    fulls = names.get(last)
    if len(words) >= 2:
        full = " ".join([*words[:-1], last])
        if full in fulls:
            return full
        longer = [f for f in fulls if f.endswith(" " + full)]
        return longer[0] if len(longer) == 1 else None
    if len(fulls) == 1:
        return next(iter(fulls))
    if title and not fulls and re.fullmatch(r"[A-Z][\w’'-]+", last):
        return f"{title} {last}"
    return None


def _first_person(frame: str, names: NameBook) -> tuple[str | None, bool]:
    """(the first person the frame names, whether "he"/"she" is the subject instead).

    A possessive ("In his commentary …, Dmitriy Gudkov focuses") does not
    make the pronoun the subject; a name after a preposition ("with Novaya
    Gazeta", "for Lukashenko") is not the one who acts.
    """
    for m in re.finditer(rf"{_NAME}|\b[a-z]+\b", frame):
        token = m.group()
        if token.lower() in ("he", "she"):
            return None, True
        if token[0].isupper() and token.lower() not in _PERSON_PRONOUN:
            before = frame[: m.start()].split()
            if before and before[-1].lower() in _PREPOSITIONS:
                continue
            person = _is_name(token, names)
            if person:
                return person, False
    return None, False


_AUXILIARIES = r"(?:\s+(?:has|had|have|also|then|later|once|again|firmly|repeatedly))*"


def _person(match: re.Match[str] | None, names: NameBook) -> str | None:
    return _is_name(match.group("who"), names) if match else None


def _speaker_in(frame: str, names: NameBook, current: str | None) -> str | None:
    """The speaker a sentence's frame (its words outside quotation marks) names."""
    m = _ACCORDING.search(frame)
    if m:
        who = m.group("who").strip()
        return _is_name(who, names) or _tidy(who)
    for verb in _VERB.finditer(frame):
        before = frame[: verb.start()].rstrip()
        after = frame[verb.end() :]
        if not before or before[-1] in ",:—-":
            # "“…,” said Li Jifeng, director of …" / "“…,” said the ministry's spokesman"
            person = _person(re.match(rf"\s*(?P<who>{_NAME})", after), names)
            if person:
                return person
            m = re.match(r"\s*(?P<who>(?:the|a|an)\s+[^,;.:]{3,60})", after, re.I)
            if m:
                return _tidy(m.group("who"))
        # "He noted, “…”"
        words = before.split()
        if words and _SUBJECT_PRONOUN.match(words[-1]) and current:
            return current
        # "Zhyhar stated, “…”", "Rodion Beglyak, an analyst, said …", and
        # "Colin Asplin, Blackpool Hotel Association said"
        person = _person(
            re.search(rf"(?P<who>{_NAME})(?:,[^,]{{1,80}},)?{_AUXILIARIES}$", before), names
        ) or _person(re.search(rf"(?P<who>{_NAME}),[^,]{{1,80}}$", before), names)
        if person:
            return person
        m = re.search(r"\b(?P<who>(?:the|a|an)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3})$", before, re.I)
        if m:
            return _tidy(m.group("who"))
    return None


def _tidy(who: str) -> str:
    who = re.sub(r"\s+", " ", who).strip(" ,;:")
    return who[:1].upper() + who[1:]


def _sentence_frames(article: Article):
    """(paragraph, sentence, frame) in reading order, headings included as None."""
    for para in article.paragraphs:
        if para.kind == "heading":
            yield para, None, None
            continue
        masked = _mask_quotes(para.text)
        for sent in para.sentences:
            s, e = sent.start - para.start, sent.end - para.start
            yield para, sent, masked[s:e]


def attribute(article: Article, paragraph: Paragraph, start: int, end: int) -> Attribution:
    """Whose words ``article.text[start:end]`` (inside ``paragraph``) are."""
    rel_s, rel_e = start - paragraph.start, end - paragraph.start
    share = quoted_share(paragraph.text, rel_s, rel_e)
    if share < 0.6:
        return Attribution(quoted=False)
    # the speaker is named where the quotation opens, maybe sentences before the excerpt
    opened = start
    for qs, qe in quoted_spans(paragraph.text):
        if qs <= rel_s < qe:
            opened = paragraph.start + qs
            break
    names = NameBook(" ".join(filter(None, (article.title, article.standfirst))))
    current: str | None = None  # whom the article is talking about
    previous_frame = ""
    previous_id = None
    last_quoted: tuple[str, str] | None = None  # (speaker, sentence id) in this paragraph
    last_para = None
    for para, sent, frame in _sentence_frames(article):
        if sent is None:
            current, previous_frame = None, ""
            names.add(para.text)
            continue
        if para is not last_para:
            last_para, last_quoted = para, None
        names.add(para.text[sent.start - para.start : sent.end - para.start])
        if sent.start <= opened < sent.end:
            speaker = _speaker_in(frame, names, current)
            evidence = sent.id
            # "He explained:" closing the sentence or paragraph before the quotation
            if speaker is None and previous_frame.rstrip().endswith(":"):
                speaker = _speaker_in(previous_frame, names, current)
                evidence = previous_id
            if speaker is None and last_quoted and not frame.strip(" .,;:"):
                # '“A,” Kraft said. “B.”': a quotation that follows another in the
                # same paragraph, with nothing around it, is the same speaker's
                speaker, evidence = last_quoted
            if speaker is None:
                # the one person the sentence names outside the quotation, or
                # "he"/"she" as its subject: whom the article was talking about
                person, pronoun_first = _first_person(frame, names)
                speaker = current if pronoun_first else person
            return Attribution(True, speaker, evidence if speaker else None)
        sent_text = para.text[sent.start - para.start : sent.end - para.start]
        if sent_text != frame:  # the sentence holds a quotation
            who = _speaker_in(frame, names, current)
            last_quoted = (who, sent.id) if who else None
        person, pronoun_first = _first_person(frame, names)
        if person and not pronoun_first:
            current = person
        previous_frame, previous_id = frame, sent.id
    return Attribution(True)
