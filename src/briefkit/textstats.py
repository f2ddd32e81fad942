"""Small text statistics shared by the summariser and the figure finder.

Words, a light English stemmer and stop words, all offline and dependency
free. The stemmer is deliberately crude (suffix stripping in the spirit of
Porter's first steps): it only has to make "detained"/"detentions" and
"prisoner"/"prisoners" meet, and it must never need a download.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _split(text: str) -> list[str]:
    return text.split()


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

STOP_WORDS = frozenset(
    _split(
        """
        a about above after again against all almost also although always am among an and any
        are aren't around as at be because been before being below between both but by can
        cannot could couldn't did didn't do does doesn't doing don't down during each either
        else even ever every few for from further had hadn't has hasn't have haven't having he
        he'd he'll he's her here here's hers herself him himself his how how's however i i'd
        i'll i'm i've if in into is isn't it it's its itself just let's like many may me might
        more most much must mustn't my myself neither no nor not now of off often on once only
        or other ought our ours ourselves out over own per perhaps quite rather really said same
        say says shall shan't she she'd she'll she's should shouldn't since so some such than
        that that's the their theirs them themselves then there there's these they they'd
        they'll they're they've this those though through thus to too toward towards under
        until up upon us very via was wasn't we we'd we'll we're we've were weren't what what's
        when when's where where's whether which while who who's whom whose why why's will with
        within without won't would wouldn't yet you you'd you'll you're you've your yours
        yourself yourselves also mr mrs ms dr one two new told still already since
        """
    )
)


def words(text: str) -> list[str]:
    """The words of ``text`` as written (letters and digits, inner apostrophes kept)."""
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic English stem of a lowercase word."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (
        ("ational", "ate"),
        ("ization", "ize"),
        ("isation", "ize"),
        ("fulness", "ful"),
        ("iveness", "ive"),
        ("ousness", "ous"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ments", ""),
        ("ment", ""),
        ("ities", ""),
        ("ity", ""),
        ("ness", ""),
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("edly", ""),
        ("ed", ""),
        ("ions", ""),
        ("ion", ""),
        ("ers", ""),
        ("er", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break
            if suffix == "es" and not w.endswith(("sses", "shes", "ches", "xes", "zes")):
                w = w[:-1]  # "rates" -> "rate", "taxes" handled below
                break
            w = w[: len(w) - len(suffix)] + repl
            break
    # "detain"/"detained", "stopp"/"stopped": undouble and drop a final e so
    # that the verb, its participles and many nouns meet.
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def content_terms(text: str) -> list[str]:
    """Stemmed, lowercased words of ``text`` without stop words or lone digits."""
    out = []
    for w in words(text):
        low = w.lower()
        if low in STOP_WORDS or (len(low) < 2 and not low.isdigit()):
            continue
        out.append(stem(low))
    return out
