"""Does a sentence taken out of its article still read correctly where it stands?

Drafted text (automatic summaries, the sentence under a key figure) is made of
whole source sentences. A sentence that points back — a connective ("As a
result,"), a pronoun with nothing before it in the sentence to refer to ("It
took place in Warsaw"), "this decision", "the latter", "the incident", a
surname whose full name came earlier, "on Sunday" — says something else, or
nothing, without what came before it. :func:`judge` decides, for one
candidate, whether it can be printed as it is, only after the sentence before
it, with a few words added in square brackets (the editors' convention for
insertions into quotations: "[Svetlana] Matskevich proposed …", "last year
[2023]"), or not at all.

Rules, not a model: they are meant to err on the side of holding a sentence
back. Each rule is a small function below; :func:`judge` applies them in
order and returns the first thing that stops the sentence being printed bare.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .textstats import STOP_WORDS, content_terms

# -- the verdict -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Insertion:
    """Words the brief adds to a source sentence, in square brackets, so that it
    reads correctly on its own: ``text[start:end]`` is replaced by ``inserted``.

    "[Svetlana] Matskevich proposed …" (start == end: nothing replaced),
    "last year [2023]". Inserted words are never source text: provenance lists
    them apart.
    """

    start: int  # offsets into the sentence's own text
    end: int
    inserted: str  # including its brackets and any space around them
    # what it supplies: "first name" (for a surname) or "date"; for a first
    # name, the full name it completes
    supplies: str = ""
    full_name: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What to do with one candidate sentence.

    ``kind``: "ok" (print it as it is), "insert" (print ``printed``: the
    sentence with ``insertions``), "with_previous" (print it only right after
    the sentence before it), "reject" (do not print it). ``reason`` says why.
    """

    kind: str
    printed: str = ""
    reason: str = ""
    insertions: tuple[Insertion, ...] = ()

    @property
    def printable_alone(self) -> bool:
        return self.kind in ("ok", "insert")


def apply_insertions(text: str, insertions: Sequence[Insertion]) -> str:
    out, pos = [], 0
    for ins in sorted(insertions, key=lambda i: i.start):
        out.append(text[pos : ins.start])
        out.append(ins.inserted)
        pos = ins.end
    out.append(text[pos:])
    return "".join(out)


# -- word lists ----------------------------------------------------------------

_CONNECTIVE = re.compile(
    r"""^(?:
        However|But|Also|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|
        Still|Yet|And|Or|Nor|So|Thus|Therefore|Hence|Instead|Similarly|Likewise|
        Otherwise|Besides|Indeed|Then|Again|Even\ so|In\ addition|In\ contrast|
        In\ turn|In\ response|In\ return|On\ the\ other\ hand|On\ the\ contrary|
        As\ a\ result|As\ such|As\ well|By\ contrast|For\ example|For\ instance|
        Consequently|Accordingly|Finally|Overall|Additionally|Above\ all|
        After\ all|At\ the\ same\ time|Even\ then|Even\ more|Worse|Better\ still|
        Later|Afterwards|Subsequently|Previously|Earlier|Next|Second|Secondly|Third|
        Thirdly|Lastly|Equally|Conversely|Alternatively|Rather|Notably|Unsurprisingly|
        Not\ only\ that|To\ this\ end|With\ this|That\ said|Having\ said\ that|
        Both|Another|The\ same|Other|Others
    )\b""",
    re.VERBOSE,
)

# Pronouns that need something to refer to, by what they can refer to.
_PERSON_PRONOUNS = frozenset("he she him her his hers himself herself".split())
_THING_PRONOUNS = frozenset("it its itself".split())
_PLURAL_PRONOUNS = frozenset("they them their theirs themselves".split())
_FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())

# Nouns that, after "the" and with nothing else to identify them, point back
# to something the article introduced: "The incident comes after …".
_SHELL_NOUNS = frozenset(
    """incident incidents move moves decision decisions step steps measure measures attack
    attacks event events announcement proposal proposals deal agreement findings finding
    comments comment remarks claim claims allegation allegations ruling verdict statement
    statements report study survey results plan plans change changes initiative effort
    efforts latter former above pair couple duo trio victim victims suspect suspects man
    woman boy girl men women child children couple family body bodies case outbreak
    development developments situation episode scandal crash accident shooting explosion
    blast fire protest protests strike strikes vote meeting talks conference summit bill
    law order policy programme program scheme project document letter book film
    country regime company firm group organisation organization movement body
    """.split()
)
# Of those, things an article introduces by name before it says "the …".
_CONCRETE_NOUNS = frozenset(
    """conference meeting summit talks report study survey letter document book film law bill
    programme program scheme project company firm group organisation organization country
    regime movement man woman boy girl men women child children couple family victim victims
    suspect suspects pair duo trio plan deal agreement vote protest protests strike
    """.split()
)
# Of those, the ones that point back wherever they stand, not only as subject.
_STRONG_SHELL = frozenset(
    """incident move decision announcement proposal findings remarks allegations ruling
    verdict episode scandal""".split()
)

_PARTICIPLE_OPENER = re.compile(
    r"^(?:Titled|Entitled|Called|Named|Dubbed|Known\ as|Billed\ as|Described\ as|"
    r"Held|Organi[sz]ed|Hosted|Launched|Founded|Established|Formed|Created|Based|"
    r"Located|Chaired|Led|Sponsored|Funded|Backed|Written|Published|Released)\b",
    re.VERBOSE,
)
_SUBORDINATOR = frozenset(
    """when after before although though while whereas if because since as until unless
    despite following once upon whenever wherever""".split()
)
# "it" with nothing to refer to: "It is unclear whether …", "it was reported".
_EXPLETIVE_IT = re.compile(
    r"\bit\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|could\s+be|may\s+be|"
    r"might\s+be|seems|seemed|appears|appeared|remains|remained|became|becomes|takes|took|"
    r"is\s+not|was\s+not|isn't|wasn't)\s+(?:\w+\s+){0,2}?"
    r"(?:that|to|whether|if|how|why|when|what|clear|unclear|likely|unlikely|possible|"
    r"impossible|important|difficult|hard|easy|necessary|understood|believed|reported|"
    r"estimated|expected|thought|said|known|time|worth|true|false|too|enough|no\s+longer|"
    r"not\s+yet)\b",
    re.IGNORECASE,
)
_PERSON_NOUNS = frozenset(
    """novelist poet artist composer designer filmmaker producer presenter broadcaster
    comedian striker midfielder defender goalkeeper captain champion sprinter athlete runner
    chancellor premier economist businessman businesswoman entrepreneur tycoon billionaire
    investor banker executive boss editor columnist blogger campaigner dissident opposition
    man woman boy girl person minister president leader official officials activist
    journalist reporter spokesman spokeswoman spokesperson author lawyer judge prosecutor
    chairman chairwoman chair director head chief secretary member candidate politician
    opponent critic analyst expert researcher doctor physician scientist professor student
    mother father son daughter wife husband brother sister prisoner detainee victim
    suspect owner founder ceo manager coach player actor singer writer mayor governor
    senator mp deputy ambassador envoy commander general soldier officer worker""".split()
)

_TIME_NOUNS = frozenset(
    "year month week morning afternoon evening weekend summer winter spring autumn".split()
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"
# Relative dates a reader cannot place without the article's date.
_RELATIVE_DAY = re.compile(
    rf"""\b(?:
        (?:on|last|next|this|by|since|until|from|early|late)\s+{_WEEKDAY}{_DAYPART}|
        {_WEEKDAY}{_DAYPART}(?=\s*[,.;]|\s+(?:said|announced|told|that|when|as))|
        yesterday{_DAYPART}|today|tonight|tomorrow{_DAYPART}|last\s+night|
        this\s+(?:morning|afternoon|evening|weekend)|last\s+weekend|
        (?:last|this|next|earlier\s+this|later\s+this)\s+week|
        the\s+(?:previous|following|next)\s+day|the\s+day\s+before|
        (?:\d+|a|one|two|three|four|five|six|several|a\s+few)\s+(?:days?|weeks?)\s+ago
    )\b""",
    re.VERBOSE | re.IGNORECASE,
)
_RELATIVE_MONTH = re.compile(
    r"\b(?P<which>last|this|next|earlier\s+this|later\s+this)\s+month\b", re.IGNORECASE
)
_RELATIVE_YEAR = re.compile(
    r"\b(?P<which>last|this|next|earlier\s+this|later\s+this)\s+"
    r"(?:year|summer|winter|spring|autumn)\b",
    re.IGNORECASE,
)
_MONTHS = (
    "January February March April May June July August September October November December"
).split()

_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*")
_QUOTE_OPEN = '“"«„‘'
_QUOTE_CLOSE = '”"»“’'
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|states|wrote|writes|argued|argues|"
    r"noted|notes|explained|explains|warned|warns|insisted|insists|claimed|claims|"
    r"according\s+to|asked|asks|replied|replies|remarked|declared|announced)\b",
    re.IGNORECASE,
)

_NAME_TOKEN = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЎЄЇҐ][\w’'-]*"
_FULL_NAME = re.compile(rf"\b({_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}})\b")
# Capitalised words that start a name but are not first names.
_NOT_FIRST_NAMES = frozenset(
    """The A An In On At Of For From By With And But Or As If When After Before While
    This That These Those It Its He She They We I Our Their His Her Mr Mrs Ms Dr Prof
    President Minister Prime Secretary General Council Committee Office Ministry Court
    North South East West New Old United European Belarusian Russian Ukrainian Polish
    Lithuanian German French British American Soviet National Central Democratic
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December According Despite
    During Since Under Over Into Through Between Among Against Without Within Both
    Several Many Some Most All Other Another Such Last Next First Second Third""".split()
)


# -- the rules -------------------------------------------------------------------


def refers_back(text: str) -> bool:
    """Whether ``text`` cannot be read without the sentence before it (any reason)."""
    # any date: a relative date is dated where it is printed (figures.py brackets
    # the article's own date into a scope), so it does not make a sentence point back
    return not judge(text, date="1970-01-01").printable_alone


def _strip_open(text: str) -> str:
    return text.lstrip(" " + _QUOTE_OPEN + "(")


def truncated(text: str) -> str | None:
    """Why ``text`` is not a whole sentence (a teaser cut short, a fragment), or None."""
    t = text.strip()
    if not t:
        return "empty"
    if re.search(r"(?:\.\.\.|…)[\s" + re.escape(_QUOTE_CLOSE) + r")\]]*$", t):
        return "truncated: ends with an ellipsis"
    if not re.search(r"[.!?][\s" + re.escape(_QUOTE_CLOSE) + r")\]]*$", t):
        return "truncated: no final punctuation"
    if t[0].islower():
        return "truncated: starts in the middle of a sentence"
    if len(_WORD.findall(t)) < 4:
        return "fragment: too short to stand alone"
    return None


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _outside_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` outside quotation marks (the writer's own words)."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "“«„" or (ch == '"' and depth == 0):
            if depth == 0:
                spans.append((start, i))
            depth += 1
        elif ch in "”»" or (ch == '"' and depth > 0):
            depth = max(0, depth - 1)
            if depth == 0:
                start = i + 1
    if depth == 0:
        spans.append((start, len(text)))
    return spans


def _in_spans(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _opener_end(text: str) -> int:
    """Where the words that cannot hold an antecedent end: "Titled, the … hearings,"."""
    m = _PARTICIPLE_OPENER.match(_strip_open(text))
    if not m:
        return 0
    offset = len(text) - len(_strip_open(text))
    # the participial phrase runs to the comma before the main clause
    commas = [i for i, ch in enumerate(text) if ch == ","]
    after = [c for c in commas if c > offset + m.end()]
    if not after:
        return 0
    # "Titled, X, it …": the title is set off by two commas
    if text[offset + m.end() : offset + m.end() + 1] == "," and len(after) >= 2:
        return after[1] + 1
    return after[0] + 1


def _antecedents(text: str, until: int, skip_until: int) -> tuple[bool, bool, bool]:
    """Whether ``text[skip_until:until]`` names a person, a thing, a plural or group."""
    person = thing = plural = False
    words = [(w, s, e) for w, s, e in _words(text) if skip_until <= s and e <= until]
    for w, _s, _e in words:
        low = w.lower()
        if low in STOP_WORDS or low in _SUBORDINATOR:
            continue
        if w[0].isupper() and w not in _NOT_FIRST_NAMES:
            # a capitalised word: a name (organisation, country; a person unless an acronym)
            thing = plural = True
            person = person or not w.isupper()
            continue
        if w[0].isalpha():
            if low in _PERSON_NOUNS:
                person = True
            thing = True
            if low.endswith("s") or low in ("police", "government", "people", "public"):
                plural = True
    return person, thing, plural


def unresolved_pronoun(text: str) -> str | None:
    """A pronoun with nothing before it in the sentence to refer to, or None.

    Only the writer's own words count (inside quotation marks the speaker's
    pronouns are theirs, and the quote needs a speaker instead); an
    expletive "it" ("it is unclear whether") refers to nothing.
    """
    own = _outside_quotes(text)
    skip = _opener_end(text)
    expletive = {m.start() for m in _EXPLETIVE_IT.finditer(text)}
    for w, s, _e in _words(text):
        low = w.lower()
        if not _in_spans(s, own):
            continue
        if low in _FIRST_PERSON and (w == "I" or w.islower()):  # not "US", "MY" (Malaysia)
            return f"first person '{w}': whose words they are is not said"
        kind = (
            "person"
            if low in _PERSON_PRONOUNS
            else "thing"
            if low in _THING_PRONOUNS
            else "plural"
            if low in _PLURAL_PRONOUNS
            else None
        )
        if kind is None or s in expletive:
            continue
        person, thing, plural = _antecedents(text, s, skip)
        found = {"person": person, "thing": thing, "plural": plural}[kind]
        if not found and low in ("his", "her", "its", "their"):
            # "formed under her leadership, … Tsikhanouskaya's role": a possessive
            # may point forward to a name in the same sentence
            later = _antecedents(text, len(text), s)
            found = {"person": later[0], "thing": later[1], "plural": later[2]}[kind]
        if not found:
            return f"pronoun '{w}' refers to something before this sentence"
    return None


def demonstrative(text: str) -> str | None:
    """'this decision', 'these measures', 'such moves', 'the latter', 'the incident'."""
    opening = len(text) - len(_strip_open(text))
    for m in re.finditer(r"\b(this|these|those|such|that)\s+([a-z][\w-]*)", text, re.IGNORECASE):
        det, noun = m.group(1).lower(), m.group(2).lower()
        if m.start() > opening and _mentioned_before(text, noun, m.start()):
            continue  # "a share of 90% but this share is down": the sentence says which
        if noun in ("as",) and det == "such":
            continue  # "such as"
        if noun in _TIME_NOUNS:
            continue  # a relative date: see relative_date_insertions
        if det == "that" and m.start() != opening:
            continue  # "said that", "so that": a conjunction; "That decision …" opens one
        if noun in STOP_WORDS or noun in ("is", "was", "means", "has", "had", "will", "would"):
            # "this is …": only as the opening words does it point outside the sentence
            if m.start() == opening and det in ("this", "that"):
                return f"'{m.group(1)} {m.group(2)}' refers to something before this sentence"
            continue
        return f"'{m.group(1)} {m.group(2)}' refers to something before this sentence"
    stripped = _strip_open(text)
    m = re.match(r"(?:This|That|These|Those)\b\s*(\w*)", stripped)
    if m and m.group(1).lower() not in _TIME_NOUNS:
        return f"'{stripped.split()[0]}' refers to something before this sentence"
    # a demonstrative standing for a noun: "The most recent of these, …", "these are …"
    m = re.search(
        r"\b(?:of|among|from|like|with|all|both|each|one|some|many|most|none)\s+"
        r"(these|those|this)\b(?!\s+(?:who|which|that|whose)\b)"
        r"|\b(these|those)\b(?=\s*[,.;:)]|\s+(?:are|were|have|had|include|show|suggest)\b)",
        text,
        re.IGNORECASE,
    )
    if m:
        return f"'{m.group(1) or m.group(2)}' refers to something before this sentence"
    # "in both programs", "the two groups": which ones, an earlier sentence said
    for m in re.finditer(
        r"\b(?:both|the\s+two|the\s+three|either|neither)\s+([a-z][\w-]*)", text, re.I
    ):
        if re.fullmatch(r"(?:year|month|week|day|hour|decade|quarter|minute)s?", m.group(1)):
            continue  # "the three months to December": a period, said in full
        if m.start() > opening and not _mentioned_before(text, m.group(1), m.start()):
            return f"'{m.group()}' refers to something before this sentence"
    # "Neither group …", "Both studies …", "The more expensive models …", "The state also …"
    m = re.match(
        r"(?:Neither|Either|Both|Each)\s+(?:of\s+)?(?:the\s+)?[a-z]+"
        r"|The\s+(?:more|less|other|two|three|cheaper|larger|smaller|bigger|newer|older)\s+[a-z]+"
        r"|The\s+(?:state|city|town|region|province|county|district|team|club|agency|"
        r"university|school|hospital|court|party)\b(?!\s+(?:of|in|for)\s)",
        stripped,
    )
    if m:
        return f"'{m.group()}' refers to something before this sentence"
    for m in re.finditer(r"\bthe\s+(latter|former|above|same)\b\s*(\W|\w+)", text, re.I):
        after = m.group(2).lower()
        # "the former Soviet republic": an adjective (ex-), not a reference
        if m.group(1).lower() in ("former", "same") and after.isalpha() and after not in STOP_WORDS:
            continue
        return f"'the {m.group(1)}' refers to something before this sentence"
    # "At the conference, …", "After the attack, …": an opener naming something known
    m = re.match(
        r"(?:At|During|After|Before|Following|Since|From|Throughout|Despite|Amid|Ahead\s+of|"
        r"In\s+the\s+wake\s+of)\s+the\s+([a-z][\w-]*)\b(?=\s*,)",
        stripped,
    )
    if m and m.group(1).lower() in _SHELL_NOUNS:
        return f"'the {m.group(1)}' refers to something before this sentence"
    m = re.match(r"(?:The|This)\s+([a-z][\w-]*)\b", stripped)
    if m and m.group(1).lower() in _SHELL_NOUNS:
        rest = stripped[m.end() :]
        # "The incident comes after …": nothing in the sentence says which one
        if not _IDENTIFIED.match(rest):
            return f"'the {m.group(1)}' refers to something before this sentence"
    for m in re.finditer(r"\bthe\s+([a-z]+)\b", text):
        if m.group(1) in _STRONG_SHELL:
            rest = text[m.end() :]
            if not _IDENTIFIED.match(rest):
                return f"'the {m.group(1)}' refers to something before this sentence"
    return None


# words after "the incident" that say which incident it is
_IDENTIFIED = re.compile(
    r"\s+(?:of|in|at|on|over|against|between|by|from|with|to|about|for|that|which|where|"
    r"when|who)\s"
)


def _mentioned_before(text: str, noun: str, until: int) -> bool:
    from .textstats import stem

    target = stem(noun)
    return any(stem(w.lower()) == target for w, _s, _e in _words(text[:until]))


def unattributed_quote(text: str) -> str | None:
    """A quotation with nobody named as saying it in the sentence, or the end of a
    quotation that began in the sentence before."""
    stripped = text.strip()
    if stripped[:1] in _QUOTE_OPEN and not _REPORTING.search(stripped):
        return "a quotation without the name of who said it"
    if _continues_quote(stripped):
        return "continues a quotation begun in the sentence before"
    return None


def _continues_quote(text: str) -> bool:
    """A closing quotation mark before any opening one: the quote began earlier."""
    for ch in text:
        if ch in "“«„":
            return False
        if ch in "”»":
            return True
    # straight quotes: an odd number, and the first one closes ("…," he said)
    if text.count('"') % 2 == 1 and text[:1] != '"':
        first = text.index('"')
        return first > 0 and text[first - 1] in ".,!?;:—-"
    return False


def _unpossessive(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЎЄЇҐ"
_LOWER = "a-zß-öø-ÿā-ſа-яёіўєїґ"
# "Zhyhar", "MacDonell", "O'Neill", "Lewis-Francis"; not "UK", "EU", "Off-colour"
_NAME_PART = re.compile(
    rf"(?:[{_UPPER}][’'])?[{_UPPER}][{_LOWER}’']+(?:[{_UPPER}][{_LOWER}]+)?"
    rf"(?:-[{_UPPER}][{_LOWER}’']+)?"
)


class NameBook:
    """Full names of people met so far in an article, by surname.

    ``add`` each sentence (or heading, title) in reading order. A word used
    with an article ("the Olympic final") is not a surname, and a name that
    ends a longer one ("Christian Andersen", "Hans Christian Andersen") is the
    same person.
    """

    def __init__(self, text: str = "") -> None:
        self._full: dict[str, set[str]] = {}
        self._common: set[str] = set()
        if text:
            self.add(text)

    def add(self, text: str) -> None:
        for m in _FULL_NAME.finditer(text):
            parts = m.group(1).split()
            # "Novelist Arthur Hailey", "Britain's Jason Gardener": not a first name
            while parts and (
                parts[0] in _NOT_FIRST_NAMES
                or parts[0].lower() in _PERSON_NOUNS
                or parts[0].endswith(("’s", "'s"))
            ):
                parts = parts[1:]
            if len(parts) < 2 or any(p in _NOT_FIRST_NAMES for p in parts):
                continue
            parts[-1] = _unpossessive(parts[-1])
            if not all(_NAME_PART.fullmatch(p) for p in parts):
                continue  # "UTC", "EU", "Off-colour": acronyms and words, not names
            self._full.setdefault(parts[-1], set()).add(" ".join(parts))
        self._common.update(
            w.lower() for w in re.findall(r"\b(?:the|a|an|this|that|its|their)\s+(\w+)", text, re.I)
        )

    def get(self, surname: str) -> set[str]:
        fulls = self._full.get(surname)
        if not fulls or surname.lower() in self._common:
            return set()
        return {f for f in fulls if not any(g != f and g.endswith(" " + f) for g in fulls)}

    def without(self, text: str) -> NameBook:
        """A copy without the people named in full in ``text``."""
        book = NameBook()
        book._common = set(self._common)
        book._full = {k: set(v) for k, v in self._full.items() if not any(f in text for f in v)}
        return book

    def fulls(self) -> set[str]:
        return {f for v in self._full.values() for f in v}


def surname_insertions(text: str, names: NameBook) -> tuple[list[Insertion], str | None]:
    """'[Svetlana] Matskevich' for a surname whose full name came earlier.

    Returns the insertions, or a reason to hold the sentence back when a
    surname stands for two different people.
    """
    insertions: list[Insertion] = []
    seen_full = {full for full in names.fulls() if full in text}
    done: set[str] = set()
    for m in re.finditer(rf"\b{_NAME_TOKEN}\b", text):
        key = _unpossessive(m.group())
        fulls = names.get(key)
        if not fulls or key in done:
            continue
        if any(full in seen_full for full in fulls):
            continue  # the full name is in this sentence
        before = text[: m.start()].rstrip()
        prev_word = before.split()[-1] if before.split() else ""
        if prev_word and prev_word[:1].isupper() and prev_word not in _NOT_FIRST_NAMES:
            continue  # part of a longer name here ("Ivan Kravtsov")
        if prev_word.lower() in ("the", "a", "an"):
            continue  # "the Olympic final": a word, not a surname
        nxt = text[m.end() :].split()[:1]
        if nxt and nxt[0][:1].isupper() and nxt[0] not in _NOT_FIRST_NAMES:
            continue  # the first part of a name ("Christian Andersen")
        if len(fulls) > 1:
            return [], f"'{key}' may be {' or '.join(sorted(fulls))}"
        (full,) = fulls
        first = full[: full.rfind(" ")]
        insertions.append(Insertion(m.start(), m.start(), f"[{first}] ", "first name", full))
        done.add(key)
    return insertions, None


def _parse_date(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        parts = [int(p) for p in str(date).split("-")]
    except ValueError:
        return None
    if len(parts) == 3:
        try:
            return dt.date(*parts)
        except ValueError:
            return None
    return None


def _shift_month(d: dt.date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def relative_date_insertions(text: str, date: str | None) -> tuple[list[Insertion], str | None]:
    """'last year [2023]', 'on Sunday [reported 14 May 2024]'; a reason when undatable."""
    insertions: list[Insertion] = []
    year_only = str(date)[:4] if date and re.match(r"\d{4}", str(date)) else None
    day = _parse_date(date)
    for m in _RELATIVE_YEAR.finditer(text):
        if year_only is None:
            return [], f"'{m.group()}': the article's date is unknown"
        which = m.group("which").lower()
        year = int(year_only) + (-1 if which == "last" else 1 if which == "next" else 0)
        insertions.append(Insertion(m.end(), m.end(), f" [{year}]", "date"))
    for m in _RELATIVE_MONTH.finditer(text):
        if day is None:
            return [], f"'{m.group()}': the article's date is unknown"
        which = m.group("which").lower()
        y, mo = _shift_month(day, -1 if which == "last" else 1 if which == "next" else 0)
        insertions.append(Insertion(m.end(), m.end(), f" [{_MONTHS[mo - 1]} {y}]", "date"))
    days = list(_RELATIVE_DAY.finditer(text))
    if days:
        if day is None:
            return [], f"'{days[0].group()}': the article's date is unknown"
        # Which Sunday "on Sunday" was is the reader's to work out from the
        # article's date; working it out for them could be wrong (tense, an
        # updated article), so the date is given once, after the last one.
        stamp = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        end = days[-1].end()
        insertions.append(Insertion(end, end, f" [article dated {stamp}]", "date"))
    return sorted(insertions, key=lambda i: i.start), None


def off_topic(text: str, focus: str, title: str = "") -> bool:
    """Whether ``text`` shares no content word with the focus (nor the title)."""
    focus_terms = set(content_terms(focus))
    if not focus_terms:
        return False
    terms = set(content_terms(text))
    return not (terms & focus_terms) and not (terms & set(content_terms(title)))


# -- the judge -----------------------------------------------------------------------


def judge(
    sentence: str,
    *,
    previous: Sequence[str] = (),
    title: str = "",
    date: str | None = None,
    focus: str = "",
    language: str = "en",
    names: NameBook | None = None,
    earlier: str = "",
) -> Verdict:
    """Decide whether ``sentence`` can be printed on its own (see :class:`Verdict`).

    ``previous``: the sentences just before it in its paragraph, oldest first
    (empty after a heading or at the start of the article); ``date``: the
    article's date (YYYY-MM-DD), for relative dates; ``focus`` is accepted
    but not used: one sentence cannot tell whether it is off the topic (word
    overlap misses "earn 19% less than men" under "the gender pay gap"), so
    the summariser leaves out sentences about something else by comparing the
    candidates with each other (see ``summarise(strict_focus=True)``);
    ``names``: full names met earlier in the article, by
    surname (or ``earlier``: the article's text before the sentence, to find
    them). Rules are written for English; for other languages only the
    checks that do not depend on words (truncation) apply, and sentences
    that open like a reference are held back.
    """
    why = truncated(sentence)
    if why:
        return Verdict("reject", reason=why)
    if language not in ("en", "", None):
        if _CONNECTIVE.match(_strip_open(sentence)):
            return Verdict(
                "with_previous" if previous else "reject", reason="opens like a reference"
            )
        return Verdict("ok", printed=sentence, reason="ok (not English: few checks apply)")

    needs_previous = (
        ("opens with a connective" if _CONNECTIVE.match(_strip_open(sentence)) else None)
        or unresolved_pronoun(sentence)
        or demonstrative(sentence)
        or unattributed_quote(sentence)
    )
    if names is None:
        names = NameBook(earlier)
    if needs_previous and previous:
        # printed right after the sentence before: names given there need no insertion
        names = names.without(previous[-1])
    inserted, why = surname_insertions(sentence, names)
    if why:
        return Verdict("reject", reason=why)
    dated, why = relative_date_insertions(sentence, date)
    if why:
        return Verdict("reject", reason=why)
    insertions = tuple(sorted([*inserted, *dated], key=lambda i: i.start))
    printed = apply_insertions(sentence, insertions)
    if needs_previous:
        if not previous:
            return Verdict("reject", reason=needs_previous)
        # "the conference" names a thing the article introduced in so many words
        # ("this decision" may sum up a sentence that never says "decision")
        noun = re.search(r"'the ([a-z][\w-]*)'", needs_previous, re.I)
        if (
            noun
            and noun.group(1).lower() in _CONCRETE_NOUNS
            and not _mentioned_before(previous[-1], noun.group(1), len(previous[-1]))
        ):
            # "At the conference, …" after a sentence about something else: the
            # sentence before would not say which conference either
            return Verdict("reject", reason=f"{needs_previous}; the sentence before does not say")
        return Verdict(
            "with_previous", printed=printed, reason=needs_previous, insertions=insertions
        )
    if insertions:
        reasons = []
        if inserted:
            reasons.append("surname only: first name added")
        if dated:
            reasons.append("relative date: date added")
        return Verdict("insert", printed=printed, reason="; ".join(reasons), insertions=insertions)
    return Verdict("ok", printed=sentence, reason="ok")
