"""Does a sentence taken out of its article still read correctly where it stands?

Drafted text (automatic summaries, the sentence under a key figure) is made of
whole source sentences. A sentence that points back — a pronoun subject, "this
decision", "the latter", a surname whose full name came earlier, "on Sunday" —
says something else, or nothing, without what came before it. :func:`judge`
decides, for one candidate sentence, whether it can be printed as it is, only
with the sentence before it, with a few words added in square brackets (the
editors' convention for insertions into quotations), or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Openers that tie a sentence to the one before it: connectives and
# pronoun or demonstrative subjects.
_REFERS_BACK = re.compile(
    r"""^[\"'“‘(]?(?:
        However|But|Also|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|
        Still|Yet|And|Or|So|Thus|Therefore|Hence|Instead|Similarly|Likewise|
        Otherwise|Besides|Indeed|Then|Again|Even\ so|In\ addition|In\ contrast|
        On\ the\ other\ hand|As\ a\ result|By\ contrast|
        This|These|That|Those|It|Its|He|She|They|Their|His|Her|Him|Them|Such|
        The\ latter|The\ former|Both|Another|The\ same|Here|There\ he|There\ she|
        For\ example|For\ instance|Consequently|Accordingly|Finally|Overall|
        The\ (?:country|regime|movement|organi[sz]ation)\b|
        [A-Z][a-z]+(?:\ [a-z]+){0,2}\ (?:this|that|these|those|it|them)\b(?=[\s,])
    )\b""",
    re.VERBOSE,
)


def refers_back(text: str) -> bool:
    """Whether ``text`` opens with words that point to an earlier sentence."""
    return bool(_REFERS_BACK.match(text.strip()))


@dataclass(frozen=True)
class Verdict:
    """What to do with one candidate sentence.

    ``kind``: "ok" (print as it is), "with_previous" (print only after the
    sentence before it), "insert" (print ``printed``, which adds bracketed
    words), "reject" (never print it). ``reason`` says why, for provenance
    and ``--explain`` output.
    """

    kind: str
    printed: str = ""
    reason: str = ""
    insertions: tuple = field(default=())  # resolve.Insertion, for kind == "insert"


def judge(
    sentence: str,
    *,
    previous: Sequence[str] = (),
    title: str = "",
    date: str | None = None,
    focus: str = "",
    language: str = "en",
) -> Verdict:
    """Decide whether ``sentence`` can be printed on its own (see :class:`Verdict`)."""
    if refers_back(sentence):
        return Verdict("with_previous" if previous else "reject", reason="refers back")
    return Verdict("ok", printed=sentence, reason="ok")
