"""Extractor for saved HTML pages, built on trafilatura.

trafilatura does the boilerplate removal on the DOM, which is more reliable
than anything we could do on the flattened text; we only map its XML output
onto our blocks. It is given a string, so it never fetches anything.
"""

from __future__ import annotations

import logging
import re

import lxml.etree as etree
import lxml.html

from ..deps import import_html_extractor
from .language import detect_language
from .model import Block, Dropped, Extracted, FoundMetadata

log = logging.getLogger(__name__)

_KINDS = {"head": "heading", "p": "paragraph", "item": "list_item", "quote": "quote"}
_FALLBACK_KINDS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "p": "paragraph",
    "li": "list_item",
    "blockquote": "quote",
}
_NOISE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
)


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


# More tags than any of 700 real pages had (at most 28,406; 99% under 19,000).
FALLBACK_MAX_TAGS = 40_000


def extract_html(html: str) -> Extracted:
    """Body blocks and metadata of an HTML page (offline, never fetches)."""
    trafilatura = import_html_extractor()

    found = _metadata(html)
    xml = None
    try:
        xml = trafilatura.extract(
            html,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_precision=False,
            with_metadata=False,  # metadata comes from _metadata(); asking here doubles the time
            # trafilatura's second opinion (readability, jusText) is quadratic in
            # the number of elements: a page far larger than real ones goes without
            no_fallback=html.count("<") > FALLBACK_MAX_TAGS,
        )
    except Exception:  # trafilatura raises assorted errors on broken markup
        log.warning("trafilatura failed; using the plain lxml fallback", exc_info=True)
    blocks = _from_xml(xml) if xml else []
    if not blocks:
        blocks = _fallback(html)
    dropped: list[Dropped] = []
    if blocks and found.title and blocks[0].kind == "heading" and blocks[0].text == found.title:
        dropped.append(Dropped(blocks[0].text, "title", blocks[0].line))
        blocks = blocks[1:]
    if found.language is None:
        lang = detect_language(" ".join(b.text for b in blocks))
        found = FoundMetadata(**{**_asdict(found), "language": lang})
    return Extracted(tuple(blocks), tuple(dropped), found)


def _asdict(found: FoundMetadata) -> dict[str, object]:
    return {name: getattr(found, name) for name in FoundMetadata.__slots__}


def _from_xml(xml: str) -> list[Block]:
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return []
    main = root.find("main")
    if main is None:
        return []
    # Block elements often follow each other with no whitespace between them
    # (<cell><p>won</p><p>lost</p></cell>); pad them so their words stay apart.
    for element in main.iter():
        if isinstance(element.tag, str) and element.tag not in _INLINE and element is not main:
            element.text = " " + (element.text or "")
            element.tail = " " + (element.tail or "")
    blocks: list[Block] = []
    _walk(main, blocks)
    return blocks


# Elements of trafilatura's XML that sit inside running text, not between blocks.
_INLINE = frozenset({"hi", "ref", "del", "graphic"})
# A table row is page layout, not data, when a cell holds one of these or a
# long text: its cells are then read as containers of ordinary blocks.
_LAYOUT_INSIDE = ("head", "quote", "table")
_LAYOUT_WORDS = 100


def _walk(container: etree._Element, blocks: list[Block]) -> None:
    """Blocks of a container element (``<main>``, a list, a div, a layout cell), in order.

    A ``<p>`` inside a ``<quote>``, ``<item>`` or table row belongs to that
    block, not to a new one. Loose text between blocks becomes a paragraph.
    """
    loose: list[str] = [container.text or ""]

    def flush() -> None:
        text = " ".join("".join(loose).split())
        if text:
            blocks.append(Block(text, "paragraph"))
        loose.clear()

    for child in container:
        if not isinstance(child.tag, str):  # comments, processing instructions
            pass
        elif child.tag in _INLINE:
            loose.append("".join(child.itertext()))
        elif child.tag == "lb":
            flush()
        else:
            flush()
            if child.tag in _KINDS:
                text = _text(child)
                if text:
                    blocks.append(Block(text, _KINDS[child.tag]))
            elif child.tag == "code":
                _code(child, blocks)
            elif child.tag == "table":
                _table(child, blocks)
            else:  # list, div, section and whatever else trafilatura keeps
                _walk(child, blocks)
        loose.append(child.tail or "")
    flush()


def _code(element: etree._Element, blocks: list[Block]) -> None:
    """A code block, one paragraph per run of lines between blank lines."""
    for chunk in re.split(r"\n\s*\n", "".join(element.itertext())):
        text = " ".join(chunk.split())
        if text:
            blocks.append(Block(text, "paragraph"))


def _table(table: etree._Element, blocks: list[Block]) -> None:
    """One paragraph per data row, its cells joined by " | "; layout rows are read as blocks."""
    for row in table.iter("row"):
        cells = [cell for cell in row if cell.tag == "cell"]
        texts = [_text(cell) for cell in cells]
        full = [(cell, text) for cell, text in zip(cells, texts, strict=True) if text]
        if not full:
            continue
        layout = len(full) == 1 or any(
            len(text.split()) > _LAYOUT_WORDS or any(True for _ in cell.iter(*_LAYOUT_INSIDE))
            for cell, text in full
        )
        if layout:
            for cell, _ in full:
                _walk(cell, blocks)
        else:
            blocks.append(Block(" | ".join(text for _, text in full), "paragraph"))


def _fallback(html: str) -> list[Block]:
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _NOISE_TAGS)):
        bad.drop_tree()
    blocks = []
    for element in tree.iter(*_FALLBACK_KINDS):
        if any(a.tag in ("li", "blockquote") for a in element.iterancestors()):
            continue
        text = _text(element)
        if text:
            blocks.append(Block(text, _FALLBACK_KINDS[element.tag]))
    return blocks


def _metadata(html: str) -> FoundMetadata:
    trafilatura = import_html_extractor()

    try:
        doc = trafilatura.extract_metadata(html)
    except Exception:
        log.warning("trafilatura metadata extraction failed", exc_info=True)
        doc = None
    if doc is None:
        return FoundMetadata()
    authors = tuple(a.strip() for a in re.split(r";|\band\b", doc.author or "") if a.strip())
    date = doc.date if doc.date and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", doc.date) else None
    site = tidy_site_name(doc.sitename or "")
    return FoundMetadata(
        title=tidy_title(doc.title or "", site, doc.url or "") or None,
        standfirst=doc.description or None,
        authors=authors,
        date=date,
        publication=site or None,
        language=(doc.language or None) and doc.language.split("-")[0].lower(),
        url=doc.url or None,
    )


_SEPARATORS = re.compile(r"\s+[|\-–—·:]\s+")


def tidy_site_name(site: str) -> str:
    """'KFF - The independent source for health policy research' → 'KFF'.

    A site name followed by its tagline keeps the name when the name is short
    and the tagline long.
    """
    site = " ".join(site.split())
    parts = _SEPARATORS.split(site, maxsplit=1)
    if len(parts) == 2 and len(parts[0]) <= 40 and len(parts[1]) > len(parts[0]):
        return parts[0]
    return site


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def tidy_title(title: str, site: str, url: str = "") -> str:
    """A page title without the site's name after it: 'What is X? | Google Cloud' → 'What is X?'."""
    title = " ".join(title.split())
    host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://", "", url).split("/")[0])
    names = {n for n in (_squash(site), _squash(host), _squash(host.rsplit(".", 1)[0])) if n}
    for m in reversed(list(_SEPARATORS.finditer(title))):
        tail = _squash(title[m.end() :])
        if tail and any(tail == n or tail in n or n in tail for n in names):
            return title[: m.start()].strip()
    return title
