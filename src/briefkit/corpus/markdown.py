"""Extractor for Markdown sources (with optional YAML front matter).

Markdown is already clean text written by a person, so nothing is treated as
boilerplate: every paragraph, heading, list item and quote is kept. Inline
markup is stripped conservatively so quotes still match the source words.
"""

from __future__ import annotations

import datetime as dt
import re

from ..config.yamlload import YamlLimitError, load_yaml_text
from ..errors import BriefkitError, Location, SourceError
from .language import detect_language
from .metadata import parse_date
from .model import Block, Dropped, Extracted, FoundMetadata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)


class FrontMatterError(SourceError):
    """Front matter refused by the YAML loader's limits (an alias bomb, ...).

    Raised without the file's name, which the extractor does not know; the
    corpus adds it (:meth:`at`). ``line`` and ``col`` are in the whole file.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        col: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.line = line
        self.col = col

    def at(self, display: str) -> SourceError:
        """The same error, located in the file ``display``."""
        return SourceError(
            self.message, location=Location(display, self.line, self.col), hint=self.hint
        )


def strip_inline(text: str) -> str:
    """Remove inline Markdown markup, keeping the words exactly."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


def extract_markdown(text: str) -> Extracted:
    """Blocks and metadata of a Markdown document."""
    front, body, offset = _split_front_matter(text)
    found = _front_matter_metadata(front)
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    para: list[str] = []
    para_kind, para_line = "paragraph", 0
    in_fence = False
    lines = body.splitlines()

    def flush() -> None:
        nonlocal para
        if para:
            joined = strip_inline(" ".join(para))
            if joined:
                blocks.append(Block(joined, para_kind, para_line))
        para = []

    for n, raw in enumerate(lines, start=offset + 1):
        line = raw.rstrip()
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue  # code is not prose a brief could quote
        if not line.strip():
            flush()
            continue
        heading = _HEADING.match(line.strip())
        if heading:
            flush()
            level, title = len(heading.group(1)), strip_inline(heading.group(2))
            if level == 1 and not blocks and found.title in (None, title):
                found = _with(found, title=title)
                dropped.append(Dropped(title, "title", n))
            elif title:
                blocks.append(Block(title, "heading", n))
            continue
        if _SETEXT.match(line) and len(para) == 1:
            title = strip_inline(para[0])
            para = []
            if line.startswith("=") and found.title is None and not blocks:
                found = _with(found, title=title)
                dropped.append(Dropped(title, "title", para_line))
            else:
                blocks.append(Block(title, "heading", para_line))
            continue
        if _RULE.match(line):
            flush()
            continue
        if line.lstrip().startswith(">"):
            content = re.sub(r"^(\s*>)+\s?", "", line)
            if para and para_kind != "quote":
                flush()
            if not para:
                para_kind, para_line = "quote", n
            if content.strip():
                para.append(content.strip())
            else:
                flush()
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            para_kind, para_line = "list_item", n
            para.append(line[bullet.end() :].strip())
            continue
        if para and para_kind == "quote":
            flush()
        if not para:
            para_kind, para_line = "paragraph", n
        para.append(line.strip())
    flush()
    if found.language is None:
        found = _with(found, language=detect_language(" ".join(b.text for b in blocks)))
    return Extracted(tuple(blocks), tuple(dropped), found)


def _split_front_matter(text: str) -> tuple[dict[str, object], str, int]:
    """(front matter, the rest, lines before the rest); front matter that is not YAML is text.

    The front matter goes through the same limited loader as briefs and the
    config: an alias bomb raises :class:`FrontMatterError` instead of
    allocating gigabytes.
    """
    m = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not m:
        return {}, text, 0
    try:
        data = load_yaml_text(m.group(1), "front matter", duplicates_ok=True).data
    except YamlLimitError as exc:
        loc = exc.location
        line = loc.line + 1 if loc is not None and loc.line is not None else 1  # after '---'
        fix = "remove the front matter (the lines between the '---' at the top)"
        raise FrontMatterError(
            f"front matter: {exc.message}",
            line=line,
            col=loc.col if loc is not None and loc.line is not None else None,
            hint=f"{fix}, or {exc.hint}" if exc.hint else fix,
        ) from None
    except BriefkitError:  # not YAML after all (or not ours to judge): kept as text
        return {}, text, 0
    if not isinstance(data, dict):
        return {}, text, 0
    rest = text.lstrip("\ufeff")[m.end() :]
    return data, rest, m.group(0).count("\n")


def _with(found: FoundMetadata, **changes: object) -> FoundMetadata:
    values = {name: getattr(found, name) for name in FoundMetadata.__slots__}
    values.update(changes)
    return FoundMetadata(**values)  # type: ignore[arg-type]


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _iso_date(text: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` that is a real date (not 2024-13-01)."""
    if not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", text):
        return False
    try:
        dt.date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        return False
    return True


def _front_matter_metadata(data: dict[str, object]) -> FoundMetadata:
    get = {str(k).lower(): v for k, v in data.items()}
    raw_authors = get.get("authors", get.get("author"))
    if isinstance(raw_authors, str):
        authors = tuple(a.strip() for a in re.split(r";|,|\band\b", raw_authors) if a.strip())
    elif isinstance(raw_authors, list):
        authors = tuple(a for a in (_str(x) for x in raw_authors) if a)
    else:
        authors = ()
    raw_date = get.get("date")
    if isinstance(raw_date, dt.datetime):
        date: str | None = raw_date.date().isoformat()
    elif isinstance(raw_date, dt.date):
        date = raw_date.isoformat()
    else:
        text = _str(raw_date)
        date = None
        if text:
            date = text if _iso_date(text) else parse_date(text)
    return FoundMetadata(
        title=_str(get.get("title")),
        standfirst=_str(get.get("description", get.get("standfirst", get.get("summary")))),
        authors=authors,
        date=date,
        publication=_str(get.get("publication", get.get("site", get.get("publisher")))),
        language=_str(get.get("language", get.get("lang"))),
        url=_str(get.get("url", get.get("link"))),
    )
