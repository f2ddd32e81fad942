"""Cleaner for plain-text dumps of web pages.

PLACEHOLDER: a minimal line filter; the real cleaner replaces it.
"""

from __future__ import annotations

from .model import Block, Dropped, Extracted, FoundMetadata


def clean_text_dump(text: str) -> Extracted:
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    lines = text.splitlines()
    title = None
    for i, raw in enumerate(lines, start=1):
        line = " ".join(raw.split()).lstrip("•").strip()
        if not line:
            continue
        if title is None and len(line.split()) >= 3:
            title = line
            dropped.append(Dropped(line, "title", i))
            continue
        if len(line.split()) < 4:
            dropped.append(Dropped(line, "short line", i))
            continue
        kind = "paragraph" if line[-1] in ".!?”\"’)" else "heading"
        blocks.append(Block(line, kind, i))
    return Extracted(tuple(blocks), tuple(dropped), FoundMetadata(title=title))
