"""Helpers to read PDFs in tests."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    """Letters and digits only, lower-cased: robust to line breaks and hyphenation."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\W_]+", "", text).lower()


def contains(pdf_path: Path, fragment: str) -> bool:
    return squash(fragment) in squash(pdf_text(pdf_path))


def pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)
