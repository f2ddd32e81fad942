"""Pick the extractor for a raw document by its format."""

from __future__ import annotations

from .model import Extracted

# Bump when extraction or segmentation changes what paragraphs a source has:
# the search index and build fingerprints key on it, so caches are rebuilt.
EXTRACTOR_VERSION = "3"


def extract(text: str, fmt: str) -> Extracted:
    """Turn raw decoded text into body blocks, dropped clutter and metadata.

    ``fmt`` is "text" (a plain-text dump of a web page), "html" or "markdown".
    """
    if fmt == "html":
        from .html import extract_html

        return extract_html(text)
    if fmt == "markdown":
        from .markdown import extract_markdown

        return extract_markdown(text)
    from .clean import clean_text_dump

    return clean_text_dump(text)
