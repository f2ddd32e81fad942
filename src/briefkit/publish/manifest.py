"""``out/manifest.json``: every built file, so another tool can pick them up.

Each entry says which brief and audience a file belongs to, its format, path
(relative to ``out/``), pages, size, SHA-256, the brief's title, a teaser and
the sources it cites. Builds may run at the same time (two terminals, a watch
loop and a newsletter), so updates read, merge and write under an exclusive
``fcntl.flock`` on ``out/.manifest.lock``; the file itself is replaced
atomically, so a reader never sees half of it. Entries whose file is gone
from disk are dropped on every update.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import Location, OutputError
from .files import atomic_write, open_lock_file

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
LOCK_NAME = ".manifest.lock"
SCHEMA = 1


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def pdf_pages(path: Path) -> int | None:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def cited_sources(path: Path) -> list[str]:
    """Source ids a built file cites, from the provenance record written beside it."""
    prov_path = path.with_suffix(".provenance.json")
    try:
        prov = json.loads(prov_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    items = prov.get("items") if isinstance(prov, dict) else None
    if not isinstance(items, list):
        return []
    return sorted({str(i["source"]) for i in items if isinstance(i, dict) and i.get("source")})


def manifest_entry(output: Any, brief: Any) -> dict[str, Any]:
    """The manifest entry of one build output (``build.Output``) of ``brief`` (``Brief``)."""
    from .teaser import teaser_paragraph

    return {
        "brief": output.brief,
        "audience": output.audience,
        "path": output.path,
        "pages": output.pages or None,
        "title": brief.title,
        "teaser": teaser_paragraph(brief.key_messages, fallback=brief.subtitle or ""),
    }


def complete_entry(out_dir: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """Fill in what can be read from the file: format, bytes, sha256, pages, sources."""
    path = Path(entry["path"])
    if not path.is_absolute():
        path = out_dir / path
    rel = relative_path(out_dir, path)
    fmt = entry.get("format") or path.suffix.lstrip(".").lower()
    pages = entry.get("pages")
    if pages is None and fmt == "pdf":
        pages = pdf_pages(path)
    sources = entry.get("sources")
    if sources is None:
        sources = cited_sources(path) if fmt in ("pdf", "html") else []
    done = {
        "brief": entry.get("brief"),
        "audience": entry.get("audience"),
        "format": fmt,
        "path": rel,
        "pages": pages,
        "bytes": path.stat().st_size,
        "sha256": file_sha256(path),
        "title": entry.get("title"),
        "teaser": entry.get("teaser"),
        "sources": sorted(set(sources)),
    }
    extra = {k: v for k, v in entry.items() if k not in done}
    return {**done, **extra}


@contextlib.contextmanager
def manifest_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out/.manifest.lock`` (waits for other writers)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = open_lock_file(out_dir / LOCK_NAME)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        # closing the descriptor releases the lock, even if the unlock fails
        os.close(fd)


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest as it is on disk; an empty one when missing or unreadable."""
    path = out_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"schema": SCHEMA, "files": []}
    except (OSError, ValueError) as exc:
        log.warning("%s is unreadable (%s); starting a new one", path, exc)
        return {"schema": SCHEMA, "files": []}
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        log.warning("%s is not a briefkit manifest; starting a new one", path)
        return {"schema": SCHEMA, "files": []}
    return data


def update_manifest(out_dir: Path, entries: list[dict]) -> None:
    """Merge ``entries`` into ``out_dir/manifest.json``, keyed by path, and drop vanished files.

    Each entry needs ``path`` (absolute, or relative to ``out_dir``) and should
    give ``brief``, ``audience``, ``title`` and ``teaser``; ``format``,
    ``bytes``, ``sha256``, ``pages`` (PDFs) and ``sources`` (from the
    provenance record beside the file) are read from disk when not given.
    """
    out_dir = Path(out_dir)
    new = []
    for entry in entries:
        path = Path(entry["path"])
        if not path.is_absolute():
            path = out_dir / path
        relative_path(out_dir, path)  # refuse files outside out/ before locking
        if path.is_file():
            new.append(complete_entry(out_dir, entry))
        else:
            log.debug("not in the manifest, no such file: %s", path)
    with manifest_lock(out_dir):
        data = read_manifest(out_dir)
        by_path: dict[str, dict[str, Any]] = {}
        for old in data["files"]:
            if isinstance(old, dict) and isinstance(old.get("path"), str):
                by_path[old["path"]] = old
        for entry in new:
            by_path[entry["path"]] = entry
        kept = [e for p, e in sorted(by_path.items()) if _exists(out_dir, p)]
        manifest = {"schema": SCHEMA, "generator": f"briefkit {__version__}", "files": kept}
        body = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        atomic_write(out_dir / MANIFEST_NAME, body.encode("utf-8"), root=out_dir)


def _exists(out_dir: Path, rel: str) -> bool:
    path = (out_dir / rel).resolve()
    if out_dir.resolve() not in path.parents:
        return False  # a hand-edited entry pointing outside out/: not ours to list
    return path.is_file()


def relative_path(out_dir: Path, path: Path) -> str:
    """``path`` relative to ``out_dir``, as the manifest spells it (``/``-separated)."""
    try:
        return path.resolve().relative_to(out_dir.resolve()).as_posix()
    except ValueError:
        raise OutputError(
            "file is outside the output folder; it cannot be listed in the manifest",
            location=Location(str(path)),
        ) from None
