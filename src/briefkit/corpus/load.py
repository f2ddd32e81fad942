"""The corpus: every source in ``seeds/``, read, cleaned and segmented on demand."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..config.load import load_registry
from ..config.models import SourceEntry, SourceRegistry
from ..config.yamlload import LoadedYaml
from ..errors import BriefkitError, ConfigError, DependencyError, Location, SourceError
from ..regularfile import not_regular
from .extract import extract
from .markdown import FrontMatterError
from .model import Article
from .read import FORMATS, RawSource, not_regular_source, probe_source, read_source
from .segment import segment

log = logging.getLogger(__name__)

METADATA_FIELDS = ("title", "standfirst", "authors", "date", "publication", "language", "url")


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text[:80].strip("-") or "source"


def build_article(
    source_id: str, raw: RawSource, display: str, entry: SourceEntry | None = None
) -> Article:
    """Clean and segment one raw source; curated metadata overrides what was found."""
    try:
        extracted = extract(raw.text, raw.format)
    except DependencyError as exc:  # say which source needed the missing piece
        exc.location = exc.location or Location(display)
        raise
    except FrontMatterError as exc:  # an alias bomb in a Markdown source's front matter
        raise exc.at(display) from None
    text, paragraphs = segment(source_id, extracted.blocks)
    found = extracted.metadata
    values: dict[str, object] = {}
    provenance: list[tuple[str, str]] = []
    for name in METADATA_FIELDS:
        given = getattr(entry, name, None) if entry is not None else None
        detected = getattr(found, name)
        if name == "authors":
            detected = tuple(detected) or None
        if given not in (None, ()):
            values[name] = tuple(given) if name == "authors" else given
            provenance.append((name, "given"))
        elif detected not in (None, ""):
            values[name] = detected
            provenance.append((name, "found"))
        else:
            values[name] = () if name == "authors" else None
    return Article(
        id=source_id,
        path=display,
        format=raw.format,
        content_hash=hashlib.sha256(raw.data).hexdigest(),
        text=text,
        paragraphs=paragraphs,
        dropped=extracted.dropped,
        provenance=tuple(provenance),
        **values,  # type: ignore[arg-type]
    )


def read_article(path: Path, source_id: str | None = None, display: str | None = None) -> Article:
    """Read any file as an article (for ``sources clean`` and ``summarize``)."""
    shown = display or str(path)
    raw = read_source(path, display=shown)
    return build_article(source_id or slugify(path.stem), raw, shown)


@dataclass(frozen=True, slots=True)
class SourceFile:
    id: str
    path: Path
    display: str
    entry: SourceEntry | None


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder`` in a stable order, skipping hidden ones (fast: os.scandir)."""
    import os

    out: list[Path] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(Path(entry.path))
                if Path(entry.name).suffix.lower() in FORMATS:
                    out.append(Path(entry.path))  # a folder named x.txt: reported, not read
            else:  # FIFOs, sockets and devices too: reported by the corpus, never opened
                out.append(Path(entry.path))
        stack.extend(reversed(subdirs))
    return out


class Corpus:
    """The project's sources, addressed by id; articles are built when first asked for."""

    def __init__(self, project) -> None:  # project: briefkit.project.Project
        self.project = project
        self.registry: SourceRegistry
        self.registry_yaml: LoadedYaml | None
        self.registry, self.registry_yaml = load_registry(
            project.registry_path, project.display(project.registry_path)
        )
        self.files: dict[str, SourceFile] = {}
        self.problems: list[BriefkitError] = []
        self._articles: dict[str, Article] = {}
        self._refused: dict[str, SourceError] = {}  # files that cannot be read, and why
        self._discover()

    # -- discovery ------------------------------------------------------

    def _discover(self) -> None:
        seeds = self.project.seeds_dir
        by_file: dict[Path, str] = {}
        for sid, entry in self.registry.sources.items():
            loc = self._loc(("sources", sid, "file"))
            try:
                path = self.project.inside(
                    entry.file,
                    what=f"sources.{sid}.file",
                    location=loc,
                    base=self.project.config.paths.seeds,
                )
            except ConfigError as exc:
                self.problems.append(exc)
                continue
            if not path.exists():
                self.problems.append(
                    SourceError(
                        f"source '{sid}': file {entry.file!r} not found in {self.project.config.paths.seeds}/",
                        location=loc,
                        hint="fix the file name or remove the entry",
                    )
                )
                continue
            by_file[path] = sid
            if self._special(path, self.project.display(path)):
                continue
            self.files[sid] = SourceFile(sid, path, self.project.display(path), entry)
            self._probe(sid, path, self.project.display(path))
        if seeds.is_dir():
            for path in _walk(seeds):
                if path.name == "sources.yaml" or path.suffix.lower() not in FORMATS:
                    continue
                if path in by_file:
                    continue
                resolved = path
                if path.is_symlink():
                    resolved = path.resolve()
                    if resolved in by_file:
                        continue
                    if not (resolved == self.project.root or self.project.root in resolved.parents):
                        self.problems.append(
                            SourceError(
                                "source is a link to a file outside the project; skipped",
                                location=Location(path.relative_to(self.project.root).as_posix()),
                                hint="copy the file into seeds/ instead of linking it",
                            )
                        )
                        continue
                rel = path.relative_to(self.project.root).as_posix()
                if self._special(resolved, rel):
                    continue
                sid = slugify(path.stem)
                if sid in self.files:
                    base, n = sid, 2
                    while f"{base}-{n}" in self.files:
                        n += 1
                    sid = f"{base}-{n}"
                self.files[sid] = SourceFile(sid, resolved, rel, None)
                self._probe(sid, resolved, rel)

    def _special(self, path: Path, display: str) -> bool:
        """True (and a warning) for a FIFO, socket or device: not a source, and never opened.

        Such a file is left out of the corpus altogether, so that nothing (the
        index, the build state) ever tries to read it and waits for ever.
        """
        try:
            kind = not_regular(path)
        except OSError:
            return False  # missing or unreadable: _probe says so
        if kind is None or kind == "a folder":  # a folder named x.txt: _probe says so
            return False
        self.problems.append(not_regular_source(display, kind, skipped=True))
        return True

    def _probe(self, source_id: str, path: Path, display: str) -> None:
        """Warn now about a file that cannot be read, even if no brief cites it."""
        problem = probe_source(path, display=display)
        if problem is not None:
            self.problems.append(problem)
            self._refused[source_id] = problem

    def _loc(self, path: tuple) -> Location | None:
        return self.registry_yaml.location(path) if self.registry_yaml else None

    # -- access ---------------------------------------------------------

    def ids(self) -> list[str]:
        return sorted(self.files)

    def __contains__(self, source_id: str) -> bool:
        return source_id in self.files

    def get(self, source_id: str) -> Article:
        """The article for ``source_id``, built once and kept for this corpus's lifetime."""
        if source_id in self._articles:
            return self._articles[source_id]
        article = self.build(source_id)
        self._articles[source_id] = article
        return article

    def build(self, source_id: str) -> Article:
        """Read, clean and segment one source without keeping it (for indexing many)."""
        sf = self.files.get(source_id)
        if sf is None:
            raise SourceError(f"unknown source '{source_id}'")
        if source_id in self._refused:
            raise self._refused[source_id]
        raw = read_source(sf.path, display=sf.display)
        return build_article(source_id, raw, sf.display, sf.entry)

    def articles(self, ids: list[str] | None = None) -> list[Article]:
        """Articles for ``ids`` (all when None); unreadable ones are recorded and skipped."""
        out = []
        for sid in ids if ids is not None else self.ids():
            try:
                out.append(self.get(sid))
            except SourceError as exc:
                if exc not in self.problems:
                    self.problems.append(exc)  # the caller reports these
        return out

    def suggest(self, source_id: str) -> str | None:
        import difflib

        close = difflib.get_close_matches(source_id, self.ids(), n=1, cutoff=0.5)
        return close[0] if close else None
