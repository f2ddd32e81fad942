"""Read a brief's notes back from the PDF with pypdfium2: the footnotes at the
foot of each page, the Notes section of the full report, and the text.

Footnotes are found by where and how they are printed: below the last line
of the page's body, at the footnote size (6.5 pt), each starting with its
number in the semi-bold face (``::footnote-marker``). Endnotes are the lines
of the Notes section, each paired with the list number printed beside it.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

PT = 4 / 3  # pdfium reports font sizes in px
FOOTNOTE_SIZE = 6.5 * PT
BODY_BOTTOM = 48.0  # pt from the foot of the page: below it, the running footer


@dataclass(frozen=True)
class Char:
    page: int
    text: str
    size: float
    font: str
    left: float
    bottom: float
    top: float
    page_height: float

    @property
    def generated(self) -> bool:  # line breaks and spaces pdfium adds
        return self.size <= 1.5


def chars(path: Path) -> list[Char]:
    doc = pdfium.PdfDocument(str(path))
    out: list[Char] = []
    try:
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        for p, page in enumerate(doc):
            tp = page.get_textpage()
            height = page.get_height()
            for i in range(tp.count_chars()):
                raw.FPDFText_GetFontInfo(tp.raw, i, buf, 256, ctypes.byref(flags))
                left, b, _r, t = tp.get_charbox(i, loose=True)
                out.append(
                    Char(
                        p,
                        tp.get_text_range(i, 1),
                        raw.FPDFText_GetFontSize(tp.raw, i),
                        buf.value.decode(errors="replace"),
                        left,
                        b,
                        t,
                        height,
                    )
                )
    finally:
        doc.close()
    return out


# pdfium marks a hyphen it found at a line break: U+FFFE, or U+0002 in pypdfium2 4.x
_BREAK_HYPHEN = re.compile("[\ufffe\x02]")


def clean(text: str) -> str:
    """pdfium's text with line-break hyphens dropped and spaces collapsed."""
    return re.sub(r"\s+", " ", _BREAK_HYPHEN.sub("", text)).strip()


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", _BREAK_HYPHEN.sub("", text))


def text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return clean(" ".join(page.get_textpage().get_text_range() for page in doc))
    finally:
        doc.close()


def _footnote_area(page: list[Char]) -> list[Char]:
    """The characters of a page's footnotes: below its body, at the footnote size."""
    body = [c.bottom for c in page if c.size >= 7 * PT and c.bottom > BODY_BOTTOM]
    if not body:
        return []
    body_bottom = min(body)
    return [
        c
        for c in page
        if abs(c.size - FOOTNOTE_SIZE) < 0.2
        and c.top <= body_bottom + 0.5
        and c.bottom > BODY_BOTTOM
    ]


def _pages(all_chars: list[Char]) -> list[list[Char]]:
    pages: dict[int, list[Char]] = {}
    for c in all_chars:
        if not c.generated:
            pages.setdefault(c.page, []).append(c)
    return [pages[p] for p in sorted(pages)]


def footnotes(path: Path) -> list[tuple[int, str]]:
    """Every footnote of the PDF in order: (printed number, text)."""
    notes: list[list[str]] = []
    numbers: list[int] = []
    for page in _pages(chars(path)):
        marker = ""
        for c in _footnote_area(page):
            if "Semi-Bold" in c.font:  # ::footnote-marker
                if c.text.strip():
                    marker += c.text
                continue
            if marker:
                numbers.append(int(marker))
                notes.append([])
                marker = ""
            if notes:
                notes[-1].append(c.text)
    return [(n, clean("".join(t))) for n, t in zip(numbers, notes, strict=True)]


def flow(path: Path) -> str:
    """The body text in reading order, page after page: lines top to bottom, each
    left to right, leaving out the running header and footer and the footnotes.

    pdfium gives text in painting order, where a positioned box (a key message,
    a pull quote) comes after the text around it; a sentence that runs onto
    the next page is then cut by it. Read by position, it is whole. (Boxes side
    by side, like the key-figure cards, read line by line across: use `text`.)
    """
    out: list[str] = []
    for page in _pages(chars(path)):
        skip = {id(c) for c in _footnote_area(page)}
        body = [
            c
            for c in page
            if id(c) not in skip and c.bottom > BODY_BOTTOM and c.bottom < c.page_height - 56
        ]
        body.sort(key=lambda c: -c.bottom)
        lines: list[list[Char]] = []
        top_bottom = None
        for c in body:
            if top_bottom is None or c.bottom < top_bottom - 4.5:
                lines.append([])
                top_bottom = c.bottom
            lines[-1].append(c)
        for line in lines:
            out.append("".join(c.text for c in sorted(line, key=lambda c: c.left)))
    return clean(" ".join(out))


def endnotes(path: Path) -> list[tuple[int, str]]:
    """The Notes section of the full report: (list number printed, text), in order.

    A note's first line shares its baseline with the number the list prints
    beside it; the lines up to the next numbered one continue it.
    """
    all_chars = chars(path)
    # lines in content order: runs of characters between pdfium's line breaks
    lines: list[tuple[int, float, str]] = []  # page, bottom of first char, text
    current: list[Char] = []
    for c in [*all_chars, None]:
        if (
            c is None
            or (c.generated and c.text in "\r\n")
            or (current and c.page != current[0].page)
        ):
            if current:
                lines.append((current[0].page, current[0].bottom, "".join(x.text for x in current)))
            current = []
            if c is None or c.generated:
                continue
        if not c.generated or c.text == " ":
            current.append(c)
    start = next(i for i, (_p, _y, t) in enumerate(lines) if t.strip() == "Notes")
    end = next(i for i, (_p, _y, t) in enumerate(lines) if i > start and t.strip() == "References")
    body = lines[start + 1 : end]
    markers = [(p, y, int(t.strip()[:-1])) for p, y, t in lines if re.fullmatch(r"\s*\d+\.\s*", t)]
    out: list[tuple[int, list[str]]] = []
    for p, y, t in body:
        number = next((n for mp, my, n in markers if mp == p and abs(my - y) < 1.5), None)
        if number is not None:
            out.append((number, [t]))
        elif out:
            out[-1][1].append(t)
    return [(n, clean(" ".join(t))) for n, t in out]
