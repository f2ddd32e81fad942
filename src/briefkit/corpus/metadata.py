"""Find article metadata (authors, date, publication) where the text states it.

Every recogniser here works on generic phrasing ("By X", "argues X", "the
views expressed ... are not necessarily those of X", "© 2024 X") rather than
on any site's markup, so it carries over to pages it has never seen.
"""

from __future__ import annotations

import re

from .model import FoundMetadata

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German, French, Spanish, Italian, Dutch, Polish (genitive) month stems
    "januar": 1, "janvier": 1, "enero": 1, "gennaio": 1, "januari": 1, "stycznia": 1,
    "februar": 2, "février": 2, "fevrier": 2, "febrero": 2, "febbraio": 2, "februari": 2,
    "lutego": 2, "märz": 3, "mars": 3, "marzo": 3, "maart": 3, "marca": 3, "avril": 4,
    "abril": 4, "aprile": 4, "kwietnia": 4, "mai": 5, "mayo": 5, "maggio": 5, "mei": 5,
    "maja": 5, "juni": 6, "juin": 6, "junio": 6, "giugno": 6, "czerwca": 6, "juli": 7,
    "juillet": 7, "julio": 7, "luglio": 7, "lipca": 7, "august": 8, "août": 8, "aout": 8,
    "agosto": 8, "augustus": 8, "sierpnia": 8, "september": 9, "septembre": 9,
    "septiembre": 9, "settembre": 9, "września": 9, "oktober": 10, "octobre": 10,
    "octubre": 10, "ottobre": 10, "października": 10, "november": 11, "novembre": 11,
    "noviembre": 11, "listopada": 11, "dezember": 12, "décembre": 12, "decembre": 12,
    "diciembre": 12, "dicembre": 12, "december": 12, "grudnia": 12,
}  # fmt: skip
_MONTH_WORD = r"([^\W\d_]{3,12})\.?"
_DATE_PATTERNS = (
    # 2024-04-08, 2024/04/08
    (re.compile(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b"), ("y", "m", "d")),
    # 08.04.2024, 8/4/2024 (day first: the common form outside the US)
    (re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"), ("d", "m", "y")),
    # April 8, 2024 / Nov. 30, 2023
    (re.compile(_MONTH_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"), ("M", "d", "y")),
    # 8 April 2024 / 8. April 2024 / 8 de abril de 2024
    (
        re.compile(
            r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?" + _MONTH_WORD + r"\s+(?:de\s+)?(\d{4})\b"
        ),
        ("d", "M", "y"),
    ),
    # April 2024
    (re.compile(r"\b" + _MONTH_WORD + r"\s+(\d{4})\b"), ("M", "y")),
)

_HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame)\.?\s+", re.IGNORECASE)
_NAME_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "du",
    "la",
    "le",
    "bin",
    "al",
    "ibn",
}
# Words that look like capitalised names in a byline but name sections or roles.
_NOT_NAMES = {
    "articles", "article", "commentary", "opinion", "analysis", "news", "politics", "world",
    "europe", "home", "editorial", "staff", "team", "reporter", "editor", "contributor",
    "blog", "features", "feature", "comment", "comments", "the", "and", "of", "share",
    "updated", "published", "posted", "read", "more", "minutes", "min", "photo", "video",
    "press", "release", "media", "contact", "business", "sport", "culture", "latest",
}  # fmt: skip
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:[-'’][^\W\d_]+)*\.?$")


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``)."""
    best: tuple[int, str] | None = None
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = _month(parts["M"]) if "M" in parts else int(parts["m"])
            year = int(parts["y"])
            if month is None or not 1 <= month <= 12 or not 1900 <= year <= 2100:
                continue
            if "d" in parts:
                day = int(parts["d"])
                if not 1 <= day <= 31:
                    continue
                iso = f"{year:04d}-{month:02d}-{day:02d}"
            else:
                iso = f"{year:04d}-{month:02d}"
            # Earliest match in the text wins; full dates beat month-only ones there.
            key = (m.start() * 2 + (0 if "d" in parts else 1), iso)
            if best is None or key < best:
                best = key
    return best[1] if best else None


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _MONTHS:
        return _MONTHS[w]
    return _MONTHS.get(w[:3]) if len(w) >= 3 and w[:3] in _MONTHS and w.isascii() else None


def clean_name(text: str) -> str:
    """A person's name without honorific, trailing punctuation or role."""
    text = " ".join(text.split()).strip(" ,;:.-–—|")
    return _HONORIFIC.sub("", text).strip()


def is_person_name(text: str) -> bool:
    """Does ``text`` look like a personal name (2-4 capitalised words)?"""
    tokens = clean_name(text).split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for tok in tokens:
        if tok.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN.match(tok) or tok.lower().strip(".") in _NOT_NAMES:
            return False
        if not tok[0].isupper() or (tok.isupper() and len(tok) > 3):
            return False
        capitalised += 1
    return capitalised >= 2


def split_names(text: str) -> tuple[str, ...]:
    """Split "A, B and C" into names; empty if any part is not a name."""
    parts = [p for p in re.split(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", text) if p]
    names = tuple(clean_name(p) for p in parts)
    return names if names and all(is_person_name(n) for n in names) else ()


_BYLINE = re.compile(
    r"^(?:(?:written|words|posted|published|reporting)(?:\s+on\s+.+?)?\s+by|by|von|par|por|di|door|"
    r"authors?:|by:|autor(?:ka|en)?:?|auteurs?\s*:)\s+(.+)$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[-–—|·•]\s+|\s*\|\s*|\s+/\s+")


def byline(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """(authors, date) if ``line`` is a byline or dateline, else None."""
    line = " ".join(line.split())
    if len(line.split()) > 16 or not line:
        return None
    date = parse_date(line)
    authors: tuple[str, ...] = ()
    for segment in _SEPARATORS.split(line):
        segment = segment.strip()
        m = _BYLINE.match(segment)
        if m:
            # "By Jane Doe, Senior Editor" -> drop the role after the comma.
            named = split_names(m.group(1)) or split_names(m.group(1).split(",")[0])
            if named:
                authors = named
                continue
        if date is not None and not authors and parse_date(segment) is None:
            named = split_names(segment)
            if named:
                authors = named
    if authors:
        return authors, date
    if date is not None and _is_dateline(line):
        return (), date
    return None


def _is_dateline(line: str) -> bool:
    # A line that is a date plus at most a few label words ("Published", "Updated").
    rest = line
    for pattern, _ in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = re.sub(
        r"\d{1,2}[:.]\d{2}\s*(?:am|pm)?|\b(?:at|on|am|pm|utc|gmt|cet)\b", " ", rest, flags=re.I
    )
    rest = re.sub(r"\b\d{1,2}h\d{2}\b", " ", rest)
    return len(re.findall(r"[^\W\d_]+", rest)) <= 4


_ARGUES = re.compile(
    r"[,;]?\s+(?:argues|writes|says|explains|reports|asks|warns|suggests)\s+"
    r"((?:[A-Z][^\s,]+\s+){0,3}[A-Z][^\s,.]+)\s*\.?\s*$"
)


def standfirst_author(text: str) -> str | None:
    """The author named at the end of a dek ("..., argues Mark Temnycky")."""
    m = _ARGUES.search(text.strip())
    if m and is_person_name(m.group(1)):
        return clean_name(m.group(1))
    return None


_BIO = re.compile(
    r"^((?:(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+)?(?:[^\W\d_][\w'’\-.]*\s+){1,4}?)"
    r"(?:is|was|holds|has|teaches|works|writes|serves|leads|covers|reports|joined|"
    r"received|earned|specialises|specializes|studied|ist|est|es|è)\b"
)


def bio_subject(text: str) -> str | None:
    """The person a short biography is about ("Dr Jane Doe is a ..." -> "Jane Doe")."""
    m = _BIO.match(text.strip())
    if not m:
        return None
    name = clean_name(m.group(1))
    return name if is_person_name(name) else None


_ORG = r"((?:the\s+)?[A-Z][\w&.'’\-]*(?:\s+(?:of|for|and|&|the|[A-Z][\w&.'’\-]*)){0,6})"
_PUBLICATION_PATTERNS = (
    re.compile(r"not\s+necessarily\s+(?:those|the\s+views?)\s+of\s+" + _ORG),
    re.compile(r"do(?:es)?\s+not\s+necessarily\s+reflect\s+(?:those|the\s+views?)\s+of\s+" + _ORG),
    re.compile(r"\bfrom\s+(?:the\s+)?" + _ORG + r"\s+[Tt]eam\b"),
    re.compile(r"\bsupport\s+" + _ORG + r"['’]s?\s+(?:crowdfunding|campaign|journalism|work)"),
    re.compile(r"(?:©|\(c\)|[Cc]opyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*" + _ORG),
)


def publication(*lines: str) -> str | None:
    """The publication boilerplate lines name, from generic phrasing only.

    Patterns are tried in order of reliability across all lines: a disclaimer
    naming the outlet beats a copyright line naming the publisher.
    """
    for pattern in _PUBLICATION_PATTERNS:
        for line in lines:
            m = pattern.search(line)
            if not m:
                continue
            # A sentence ends the name: "© 2024 X. All rights reserved."
            name = re.split(r"\.\s", m.group(1))[0]
            name = re.sub(r"^the\s+", "", name.strip(" .,"), flags=re.I)
            name = re.sub(r"['’]s$", "", name)
            name = re.sub(r"\s+(?:and|of|for|the|&)$", "", name)
            if name and name[0].isupper() and len(name) > 2:
                return name
    return None


def find_metadata(text: str) -> FoundMetadata:
    """Metadata of a plain-text dump (runs the cleaner, which finds it in context)."""
    from .clean import clean_text_dump

    return clean_text_dump(text).metadata
