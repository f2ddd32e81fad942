"""What each output was built from, so that a rebuild does only what changed.

For every output briefkit records a fingerprint of its inputs in
``.briefkit/build-state.json``: the brief file, config, source registry and
aliases, the templates the audience's template reaches (by content), the
fonts and assets, briefkit's version and the build options, and the content
hash of every source the brief used. A brief whose selectors search the whole
corpus (queries without ``sources``) also depends on the list of all sources.

Checking a fingerprint reads only small files and the sources a brief uses,
so a build with nothing to do is fast; it never cleans a source or imports
WeasyPrint.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__

STATE_FILE = "build-state.json"
STATE_VERSION = 1


def file_sha(path: Path) -> str | None:
    """The sha256 of a regular file (None for anything else: missing, a FIFO, a device)."""
    from .regularfile import read_regular

    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except OSError:  # NotRegularFileError too
        return None


def stat_digest(paths: Iterable[Path]) -> str:
    """A cheap digest of many files: names, sizes and modification times."""
    h = hashlib.sha256()
    for p in sorted(paths):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def template_names(templates, name: str) -> list[str]:
    """Every template ``name`` extends, includes or imports, itself included."""
    import jinja2
    from jinja2 import meta

    seen: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.append(current)
        try:
            source, _, _ = templates.env.loader.get_source(templates.env, current)
            ast = templates.env.parse(source)
        except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError, RecursionError):
            continue  # the render reports it, with its location
        for ref in meta.find_referenced_templates(ast):
            if isinstance(ref, str):
                todo.append(ref)
    return sorted(seen)


def templates_digest(templates, name: str) -> str:
    h = hashlib.sha256()
    for ref in template_names(templates, name):
        origin = templates.origin(ref)
        h.update(ref.encode() + b"\0")
        if origin is not None:
            h.update(origin[0].encode() + b"\0" + (file_sha(origin[1]) or "").encode() + b"\n")
    return h.hexdigest()


def assets_digest(project, templates) -> str:
    """Fonts and other non-template files the templates may load."""
    files: list[Path] = []
    for folder in templates.roots():
        if folder.is_dir():
            files.extend(
                p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".html", ".css")
            )
    logo = project.config.organisation.logo
    if logo:
        files.append(project.root / logo)
    return stat_digest(files)


def corpus_digest(project) -> str:
    seeds = project.seeds_dir
    return stat_digest(p for p in seeds.rglob("*") if p.is_file()) if seeds.is_dir() else ""


def _relative_names(value: Any) -> bool:
    """A {path: sha} map whose paths stay inside the project (relative, no '..')."""
    return isinstance(value, dict) and all(
        isinstance(k, str)
        and isinstance(v, str | None)
        and k
        and not Path(k).is_absolute()
        and ".." not in Path(k).parts
        for k, v in value.items()
    )


def _well_formed(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("static"), dict)
        and _relative_names(entry.get("files", {}))
        and _relative_names(entry.get("sources", {}))
        and isinstance(entry.get("corpus"), str | None)
    )


class BuildState:
    def __init__(self, project) -> None:
        self.project = project
        self.path = project.cache_dir / STATE_FILE
        self.entries: dict[str, dict[str, Any]] = {}
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # missing or corrupt: rebuild everything, never trust it
        if (
            isinstance(data, dict)
            and data.get("version") == STATE_VERSION
            and isinstance(data.get("outputs"), dict)
        ):
            # an entry of the wrong shape (a hand-edited or hostile file) is dropped:
            # its output is rebuilt
            self.entries = {
                k: v for k, v in data["outputs"].items() if isinstance(k, str) and _well_formed(v)
            }

    def key(self, output_path: Path) -> str:
        return self.project.display(output_path)

    def is_fresh(self, output_path: Path, static: dict[str, Any]) -> bool:
        entry = self.entries.get(self.key(output_path))
        if not entry or entry.get("static") != static:
            return False
        for rel, sha in entry.get("files", {}).items():
            if file_sha(self.project.root / rel) != sha:
                return False  # an output was edited or deleted
        for rel, sha in entry.get("sources", {}).items():
            if file_sha(self.project.root / rel) != sha:
                return False
        if entry.get("corpus") is not None and entry["corpus"] != corpus_digest(self.project):
            return False
        return True

    def record(
        self,
        output_path: Path,
        static: dict[str, Any],
        files: list[Path],
        sources: dict[str, str],
        whole_corpus: bool,
    ) -> None:
        self.entries[self.key(output_path)] = {
            "static": static,
            "files": {self.project.display(f): file_sha(f) for f in files if f.exists()},
            "sources": sources,
            "corpus": corpus_digest(self.project) if whole_corpus else None,
        }

    def save(self) -> None:
        """Merge with what another build may have written meanwhile, then replace atomically."""
        from .publish.files import atomic_write, open_lock_file, write_error

        cache = self.project.cache_dir
        try:
            cache.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # `.briefkit` is a file, or the project is read-only
            raise write_error(exc, self.project.display(cache)) from None
        lock_path = cache / "build-state.lock"
        fd = open_lock_file(lock_path, display=self.project.display(lock_path))
        with os.fdopen(fd, "a+") as lock:
            try:
                import fcntl

                fcntl.flock(lock, fcntl.LOCK_EX)
            except (ImportError, OSError):
                pass
            current = BuildState.__new__(BuildState)
            current.project, current.path, current.entries = self.project, self.path, {}
            current._load()
            merged = {**current.entries, **self.entries}
            data = json.dumps(
                {"version": STATE_VERSION, "outputs": merged}, indent=1, sort_keys=True
            )
            atomic_write(
                self.path, data.encode(), display=self.project.display(self.path), root=cache
            )


def static_inputs(project, templates, brief_path: Path, template: str, options) -> dict[str, Any]:
    root = project.root
    from .corpus.extract import EXTRACTOR_VERSION

    return {
        "briefkit": f"{__version__}:{EXTRACTOR_VERSION}",
        "brief": file_sha(brief_path),
        "config": file_sha(root / "config" / "briefkit.yaml"),
        "aliases": file_sha(project.aliases_path),
        "registry": file_sha(project.registry_path),
        "templates": templates_digest(templates, template),
        "assets": assets_digest(project, templates),
        "options": {
            "allow_unverified": options.allow_unverified,
            "strict": options.strict,
            "formats": list(options.formats),
            "pdf_variant": options.pdf_variant,
            "epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        },
    }


def uses_whole_corpus(brief) -> bool:
    """Does the brief select from all sources (so any new source may change it)?"""
    from .config import models as m

    for section in brief.sections:
        for ex in section.excerpts:
            if isinstance(ex, m.QueryExcerpt) and not ex.sources:
                return True
        for summary in (section.summary, brief.summary):
            if isinstance(summary, m.AutoSummary) and not summary.sources:
                return True
        if isinstance(section.figures, m.AutoFigures) and not section.figures.sources:
            return True
    return False
