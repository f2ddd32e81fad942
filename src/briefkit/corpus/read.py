"""Read raw source files: detect format and encoding, normalise line endings."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..regularfile import NotRegularFileError, not_regular, read_regular

MAX_SOURCE_BYTES = 10 * 1024 * 1024  # 10 MiB: far above any article

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}


@dataclass(frozen=True, slots=True)
class RawSource:
    path: Path
    format: str
    data: bytes
    text: str
    encoding: str


def source_format(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; return (text, encoding name).

    BOMs win; then strict UTF-8; then charset-normalizer's best guess; Latin-1
    last, since it accepts any byte.
    """
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                continue  # not that encoding after all: FF FE 00 00 may be UTF-16 too
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return False


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    """Share of control characters (other than line breaks and tabs) in the first 8 KiB."""
    sample = text[:8192]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def probe_source(path: Path, *, display: str | None = None) -> SourceError | None:
    """Why a source file cannot be used, from its size and first bytes; None if it looks fine.

    Cheap enough to run on every file when the corpus is discovered, so that a
    build warns about a broken source even when no brief cites it.
    """
    shown = display or str(path)
    if path.is_dir():
        return SourceError(
            "source is a folder, not a file; skipped",
            location=_loc(shown),
            hint="rename the folder so that it does not end in a source extension",
        )
    try:
        kind = not_regular(path)
        if kind is not None:
            return not_regular_source(shown, kind, skipped=True)
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            return SourceError(
                f"source is too large ({size:,} bytes; the limit is {MAX_SOURCE_BYTES:,}); skipped",
                location=_loc(shown),
                hint="split the file or keep only the article in it",
            )
        head = read_regular(path, limit=8192)[:8192]
    except NotRegularFileError as exc:
        return not_regular_source(shown, exc.kind, skipped=True)
    except OSError as exc:
        return SourceError(
            f"cannot read source: {exc.strerror or exc}; skipped",
            location=_loc(shown),
            hint="check that the file exists and is readable",
        )
    if looks_binary(head):
        return SourceError(
            "source is a binary file, not text; skipped",
            location=_loc(shown),
            hint="save the article as .txt, .html or .md",
        )
    return None


def read_source(path: Path, *, display: str | None = None) -> RawSource:
    """Read one source file, or raise SourceError saying why it cannot be used."""
    shown = display or str(path)
    fmt = source_format(path) or "text"
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(
                f"source is too large ({size:,} bytes; the limit is {MAX_SOURCE_BYTES:,})",
                location=_loc(shown),
                hint="split the file or keep only the article in it",
            )
        data = read_regular(path, limit=MAX_SOURCE_BYTES)
        if len(data) > MAX_SOURCE_BYTES:  # grew since it was looked at
            raise SourceError(
                f"source is too large (the limit is {MAX_SOURCE_BYTES:,} bytes)",
                location=_loc(shown),
                hint="split the file or keep only the article in it",
            )
    except SourceError:
        raise
    except NotRegularFileError as exc:
        raise not_regular_source(shown, exc.kind) from None
    except OSError as exc:
        raise SourceError(
            f"cannot read source: {exc.strerror or exc}",
            location=_loc(shown),
            hint="check that the file exists and is readable",
        ) from exc
    if not data.strip():
        raise SourceError(
            "source is empty", location=_loc(shown), hint="remove the file or fill it"
        )
    if looks_binary(data):
        raise SourceError(
            "source is a binary file, not text",
            location=_loc(shown),
            hint="save the article as .txt, .html or .md",
        )
    text, encoding = decode_bytes(data)
    text = normalise_newlines(text).replace("\ufeff", "")
    if _control_ratio(text) > 0.05:
        raise SourceError(
            "source does not look like text (many control characters)",
            location=_loc(shown),
            hint="save the article as .txt, .html or .md in a text encoding",
        )
    return RawSource(path=path, format=fmt, data=data, text=text, encoding=encoding)


def not_regular_source(shown: str, kind: str, *, skipped: bool = False) -> SourceError:
    """The error for a source that is a FIFO, socket or device: never opened, never read."""
    return SourceError(
        f"source is {kind}, not a regular file{'; skipped' if skipped else ''}",
        location=_loc(shown),
        hint="only regular files are read: remove it, or replace it with the article saved "
        "as a file",
    )


def _loc(shown: str):
    from ..errors import Location

    return Location(shown)
