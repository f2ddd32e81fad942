"""Turn extracted blocks into an Article with stable paragraph and sentence ids."""

from __future__ import annotations

from .model import Block, Paragraph, Sentence
from .sentences import split_sentences

PARAGRAPH_SEPARATOR = "\n\n"


def segment(source_id: str, blocks: tuple[Block, ...]) -> tuple[str, tuple[Paragraph, ...]]:
    """Join blocks into the cleaned text and cut it into paragraphs and sentences.

    Ids count blocks in document order from 1 (``<source>/p<N>``) and sentences
    within each paragraph from 1 (``<source>/p<N>.s<M>``); they depend on the
    source alone, so adding another source never changes them.
    """
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for n, block in enumerate(blocks, start=1):
        text = block.text.strip()
        if not text:
            continue
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        start = offset
        pid = f"{source_id}/p{len(paragraphs) + 1}"
        if block.kind == "heading":
            spans = [(0, len(text))]
        else:
            spans = split_sentences(text) or [(0, len(text))]
        sentences = tuple(
            Sentence(id=f"{pid}.s{m}", text=text[s:e], start=start + s, end=start + e)
            for m, (s, e) in enumerate(spans, start=1)
        )
        paragraphs.append(
            Paragraph(
                id=pid,
                index=len(paragraphs) + 1,
                kind=block.kind,
                text=text,
                start=start,
                end=start + len(text),
                sentences=sentences,
            )
        )
        parts.append(text)
        offset += len(text)
    return PARAGRAPH_SEPARATOR.join(parts), tuple(paragraphs)
