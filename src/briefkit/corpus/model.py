"""The corpus data model: frozen, plain data that every later stage reads.

An :class:`Article` is one cleaned source. Its ``text`` is the cleaned body,
paragraphs joined by a blank line; every :class:`Paragraph` and
:class:`Sentence` carries character offsets into that text, so a citation can
point at the exact span it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Block:
    """One block of body text found by an extractor, before ids are given."""

    text: str
    kind: str = "paragraph"  # "paragraph" | "heading" | "list_item" | "quote"
    line: int = 0  # 1-based line in the raw file where the block starts (0: unknown)


@dataclass(frozen=True, slots=True)
class Dropped:
    """A piece of the raw file that an extractor removed, and why."""

    text: str
    reason: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class FoundMetadata:
    """Metadata an extractor found in the text itself (all optional)."""

    title: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    publication: str | None = None
    language: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an extractor returns for one raw document."""

    blocks: tuple[Block, ...]
    dropped: tuple[Dropped, ...] = ()
    metadata: FoundMetadata = field(default_factory=FoundMetadata)


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str  # "<source>/p<N>.s<M>"
    text: str
    start: int  # offsets into Article.text
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str  # "<source>/p<N>"
    index: int  # N, 1-based
    kind: str  # "paragraph" | "heading" | "list_item" | "quote"
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned, segmented source with its resolved metadata."""

    id: str
    path: str  # path relative to the project root, with forward slashes
    format: str  # "text" | "html" | "markdown"
    content_hash: str  # sha256 of the raw bytes
    text: str
    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[Dropped, ...]
    title: str | None
    standfirst: str | None
    authors: tuple[str, ...]
    date: str | None
    publication: str | None
    language: str | None
    url: str | None
    # Which metadata fields were given in seeds/sources.yaml ("given") and
    # which were found in the text ("found").
    provenance: tuple[tuple[str, str], ...] = ()

    def paragraph(self, index: int) -> Paragraph | None:
        if 1 <= index <= len(self.paragraphs):
            return self.paragraphs[index - 1]
        return None

    @property
    def body_paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind != "heading")

    @property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)
