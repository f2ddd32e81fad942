"""A short teaser to paste into a newsletter tool: title, one paragraph, the PDF.

Written as Markdown and as plain text beside the PDFs:
``out/<brief>/<brief>-teaser.md`` and ``.txt``. The paragraph is the
analyst's key messages, never machine text, so it needs no citation.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .files import atomic_write

# characters that can start emphasis, code, links or HTML anywhere in a line
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def teaser_paragraph(key_messages: tuple[str, ...] | list[str], *, fallback: str = "") -> str:
    """The key messages as one paragraph, each ending with a full stop."""
    sentences = []
    for msg in key_messages:
        text = " ".join(msg.split())
        if not text:
            continue
        if text[-1] not in ".!?…\"”'’)":
            text += "."
        sentences.append(text)
    return " ".join(sentences) or " ".join(fallback.split())


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as written (no accidental emphasis, links or headings)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def pdf_link(pdf_path: Path, out_dir: Path, base_url: str | None) -> str:
    """A link to the PDF: under ``base_url`` when the files are published, else its file name."""
    if base_url:
        rel = pdf_path.resolve().relative_to(out_dir.resolve()).as_posix()
        return base_url.rstrip("/") + "/" + urllib.parse.quote(rel)
    return pdf_path.name


@dataclass(frozen=True)
class Teaser:
    title: str
    paragraph: str
    link: str
    pdf_name: str
    pages: int = 0

    def _pdf_label(self) -> str:
        pages = f", {self.pages} page{'s' if self.pages != 1 else ''}" if self.pages else ""
        return f"Read the brief (PDF{pages})"

    def markdown(self) -> str:
        target = self.link if not re.search(r"[\s()<>]", self.link) else f"<{self.link}>"
        return (
            f"## {markdown_escape(self.title)}\n\n"
            f"{markdown_escape(self.paragraph)}\n\n"
            f"[{self._pdf_label()}]({target})\n"
        )

    def text(self) -> str:
        import textwrap

        return (
            f"{self.title}\n\n"
            f"{textwrap.fill(self.paragraph, width=72)}\n\n"
            f"{self._pdf_label()}: {self.link}\n"
        )


def teaser_paths(out_dir: Path, brief_id: str) -> tuple[Path, Path]:
    folder = out_dir / brief_id
    return folder / f"{brief_id}-teaser.md", folder / f"{brief_id}-teaser.txt"


def write_teasers(out_dir: Path, brief_id: str, teaser: Teaser) -> tuple[Path, Path]:
    """Write the Markdown and plain-text teasers atomically; return their paths."""
    md_path, txt_path = teaser_paths(out_dir, brief_id)
    atomic_write(md_path, teaser.markdown().encode("utf-8"), root=out_dir)
    atomic_write(txt_path, teaser.text().encode("utf-8"), root=out_dir)
    return md_path, txt_path
