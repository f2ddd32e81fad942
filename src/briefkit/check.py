"""Check briefs as a build would — schema, sources, quotes, templates, audiences.

Without ``render`` nothing is rendered, so a check takes a second. With it
(``briefkit check --strict``) every output is also rendered, in the build's
worker processes and by the build's own :func:`briefkit.build.render_one`,
into a temporary folder that is then removed: what only a render can tell (a
page limit exceeded, a URL a template may not load, a template that fails
while running) is found by the check exactly as ``build --strict`` finds it.

A brief whose schema is wrong is still checked as far as it can be: the
values the schema refuses are set aside (see :func:`_salvage`) and the rest
is resolved, so a bad date does not hide an unknown audience or a misquote
further down. Each problem is reported once.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from .errors import BriefkitError, BriefkitErrors


def check_project(
    project, ids: tuple[str, ...] = (), *, render: bool = False, jobs: int = 1
) -> tuple[list[BriefkitError], list[BriefkitError], int]:
    """Return (problems, warnings, number of briefs checked).

    ``render``: render every output too (as ``build`` does, ``jobs`` at a
    time); what a render finds is added to the problems (errors) and the
    warnings (page limits, refused URLs: errors under ``--strict``).
    """
    import jinja2

    from .build import LoadedBrief, audiences_for, load_briefs, missing_template
    from .compose import audience_settings
    from .corpus.load import Corpus
    from .errors import TemplateError
    from .render.env import COMPILE_ERRORS, TemplateSet
    from .resolve import resolve_brief

    briefs, load_errors = load_briefs(project, ids)
    problems = _Problems()
    load_flat = _flat(load_errors)
    problems.extend(load_flat)
    corpus = Corpus(project)
    warnings: list[BriefkitError] = list(corpus.problems)
    templates = TemplateSet(project.templates_dir, project.root)
    checked_templates: set[str] = set()
    broken_templates: set[str] = set()

    loaded_files = {lb.loaded.file for lb in briefs}
    failed_files = {
        e.location.file
        for e in load_flat
        if e.location is not None and e.location.file not in loaded_files
    }
    # Briefs refused by the schema: check the rest of them too.
    by_display = {project.display(p): p for p in project.brief_files()}
    salvaged: list[LoadedBrief] = []
    for display in sorted(failed_files):
        path = by_display.get(display)
        found = _salvage(path, display) if path is not None else None
        if found is not None:
            salvaged.append(LoadedBrief(found[0], found[1], path))

    renderable = []
    for lb, whole in [*((lb, True) for lb in briefs), *((lb, False) for lb in salvaged)]:
        try:
            resolved = resolve_brief(project, corpus, lb.brief, lb.loaded)
            warnings.extend(resolved.warnings)
            if whole:  # a salvaged brief has problems already: it is not rendered
                renderable.append((lb, resolved))
        except BriefkitError as exc:
            problems.extend(_flat([exc]))
        for audience in audiences_for(project, lb.brief, ()):
            if audience not in project.config.audiences:
                continue  # reported by resolve
            name = audience_settings(project.config, lb.brief, audience).template
            if name in checked_templates:
                continue
            checked_templates.add(name)
            broken_templates.add(name)
            try:
                templates.env.get_template(name)
                broken_templates.discard(name)
            except jinja2.TemplateNotFound:
                problems.add(missing_template(project, lb, audience, name))
            except TemplateError as exc:  # e.g. a link out of templates/
                problems.add(exc)
            except jinja2.TemplateSyntaxError as exc:
                problems.add(templates._syntax(exc))
            except COMPILE_ERRORS as exc:
                problems.add(templates.compile_error(name, exc))
    if render and renderable:
        errors, found = _render_all(project, renderable, jobs, skip=broken_templates)
        problems.extend(errors)
        warnings.extend(found)
    # briefs that failed to load count as checked too ("1 problem in 1 brief")
    return _by_file(problems.items), _unique(warnings), len(briefs) + len(failed_files)


class _Problems:
    """Problems in the order found, each once (the same message at the same place)."""

    def __init__(self) -> None:
        self.items: list[BriefkitError] = []
        self._seen: set[str] = set()

    def add(self, err: BriefkitError) -> None:
        key = err.render()
        if key not in self._seen:
            self._seen.add(key)
            self.items.append(err)

    def extend(self, errors) -> None:
        for e in errors:
            self.add(e)


def _by_file(errors: list[BriefkitError]) -> list[BriefkitError]:
    """Each file's problems together, in line order; files in the order first met."""
    order: dict[str | None, int] = {}
    for e in errors:
        order.setdefault(e.location.file if e.location else None, len(order))

    def key(e: BriefkitError) -> tuple[int, int, int]:
        loc = e.location
        if loc is None:
            return (order[None], 0, 0)
        return (order[loc.file], loc.line or 0, loc.col or 0)

    return sorted(errors, key=key)


def _flat(errors) -> list[BriefkitError]:
    return list(BriefkitErrors(list(errors)).errors) if errors else []


def _unique(errors: list[BriefkitError]) -> list[BriefkitError]:
    seen: set[str] = set()
    out = []
    for e in errors:
        if e.render() not in seen:
            seen.add(e.render())
            out.append(e)
    return out


# ---------------------------------------------------------------- rendering


def _render_all(
    project, renderable, jobs: int, *, skip: set[str]
) -> tuple[list[BriefkitError], list[BriefkitError]]:
    """Render every (brief, audience) as ``build`` does, into a folder removed afterwards.

    Returns (errors, warnings) as ``build`` would report them without --strict.
    Audiences whose template is in ``skip`` (already reported broken) are not
    rendered: each would fail the same way.
    """
    import shutil
    import tempfile

    from .build import BuildOptions, Output, audiences_for, output_path
    from .compose import audience_settings
    from .workers import Job, RenderPool

    errors: list[BriefkitError] = []
    warnings: list[BriefkitError] = []
    todo = [
        (lb, resolved, audience)
        for lb, resolved in renderable
        for audience in audiences_for(project, lb.brief, ())
        if audience in project.config.audiences
        and audience_settings(project.config, lb.brief, audience).template not in skip
    ]
    if not todo:
        return errors, warnings
    scratch = Path(tempfile.mkdtemp(prefix="briefkit-check-"))
    try:
        options = BuildOptions(out=scratch, formats=("pdf",), jobs=jobs, force=True)

        def on_result(result) -> None:
            if result.error is not None:
                errors.append(result.error)
            warnings.extend(result.output.warnings)

        with RenderPool(min(jobs, len(todo)), on_result) as pool:
            for key, (lb, resolved, audience) in enumerate(todo):
                path = output_path(scratch, lb.brief.id, audience, "pdf")
                output = Output(lb.brief.id, audience, path, project.display(path))
                pool.submit(Job(key, project.root, resolved, audience, output, options))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return errors, warnings


# ---------------------------------------------------------------- salvage

_DROPPED = object()  # a list item the schema refused, set aside (indices keep their meaning)

# Required values the resolver does not look at: stand-ins when they are wrong.
_STAND_INS: dict[tuple[str, ...], Any] = {
    ("title",): "(title)",
    ("date",): dt.date(1970, 1, 1),
    ("sections", "*", "heading"): "(heading)",
}


def _salvage(path: Path, display: str):
    """The brief in ``path`` without what its schema refuses, or None.

    Returns (Brief, a loaded-YAML stand-in whose locations are the file's
    own): each value the schema refused is set aside — a key removed, a list
    item skipped (later items keep their line numbers), a required title,
    date or heading replaced by a stand-in — until what is left validates.
    """
    from pydantic import ValidationError

    from .config.load import _data_path, strip_tags
    from .config.models import SAFE_ID, Brief
    from .config.yamlload import load_yaml_file

    try:
        loaded = load_yaml_file(path, display)
    except BriefkitError:
        return None  # not YAML: nothing to salvage
    if not isinstance(loaded.data, dict):
        return None
    data = copy.deepcopy(loaded.data)
    for _ in range(100):
        clean = _without_dropped(data)
        try:
            brief = Brief.model_validate(clean)
            break
        except ValidationError as exc:
            changed = False
            for err in exc.errors(include_url=False):
                loc = strip_tags(tuple(err["loc"]))
                if err["type"] == "missing":
                    parent = _data_path(clean, loc[:-1])
                    orig = _original_path(data, parent)
                    stand_in = _stand_in((*parent, loc[-1]))
                    node = _node(data, orig)
                    if stand_in is not None and isinstance(node, dict):
                        node[loc[-1]] = stand_in
                        changed = True
                        continue
                    target = parent
                else:
                    target = _data_path(clean, loc)
                if not target:
                    return None  # the brief as a whole is refused
                changed |= _drop(data, _original_path(data, target))
            if not changed:
                return None
    else:
        return None
    if brief.id is None:
        if not SAFE_ID.match(path.stem):
            return None
        brief = brief.model_copy(update={"id": path.stem})
    return brief, _Remapped(loaded, data)


def _stand_in(path: tuple) -> Any:
    for pattern, value in _STAND_INS.items():
        if len(pattern) == len(path) and all(
            (p == "*" and isinstance(q, int)) or p == q
            for p, q in zip(pattern, path, strict=True)
        ):
            return value
    return None


def _without_dropped(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_dropped(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_without_dropped(v) for v in node if v is not _DROPPED]
    return node


def _original_path(data: Any, path: tuple) -> tuple:
    """``path`` in the validated data (items set aside skipped) as a path in the file."""
    out: list[Any] = []
    node = data
    for part in path:
        if isinstance(node, list) and isinstance(part, int):
            kept = [i for i, v in enumerate(node) if v is not _DROPPED]
            if 0 <= part < len(kept):
                part = kept[part]
            node = node[part] if 0 <= part < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            node = None
        out.append(part)
    return tuple(out)


def _node(data: Any, path: tuple) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _drop(data: Any, path: tuple) -> bool:
    parent = _node(data, path[:-1])
    key = path[-1]
    if isinstance(parent, dict) and key in parent:
        del parent[key]
        return True
    if isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
        if parent[key] is _DROPPED:
            return False
        parent[key] = _DROPPED
        return True
    return False


class _Remapped:
    """Locations for the salvaged brief: its paths mapped back to the file's own."""

    def __init__(self, loaded, data: Any) -> None:
        self._loaded = loaded
        self._data = data
        self.file = loaded.file
        self.data = _without_dropped(data)

    def location(self, path, *, key: bool = False):
        return self._loaded.location(_original_path(self._data, tuple(path)), key=key)
