"""Load and validate config, source registry and briefs, with file:line:col errors."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import BriefkitError, ConfigError, Location, raise_all
from .models import Brief, ProjectConfig, SourceRegistry
from .yamlload import LoadedYaml, load_yaml_file

M = TypeVar("M", bound=BaseModel)


def format_path(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_UNION_TAGS = {
    "excerpts": {"quote", "paragraph", "query"},
    "summary": {"text", "auto", "manual"},
    "figures": {"auto", "list"},
}


def strip_tags(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the union tags pydantic puts into error locations."""
    out: list[Any] = []
    skipped = False
    for part in loc:
        owner = None
        if skipped:
            skipped = False
        elif out and isinstance(out[-1], int) and len(out) >= 2:
            owner = out[-2] if out[-2] == "excerpts" else None
        elif out and out[-1] in ("summary", "figures"):
            owner = out[-1]
        if owner and isinstance(part, str) and part in _UNION_TAGS[owner]:
            skipped = True
            continue
        out.append(part)
    return tuple(out)


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Map a pydantic error location onto the path in the YAML data.

    Pydantic adds union tags and the like to ``loc``; keep only the parts that
    really index into the data.
    """
    path: list[Any] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node and not path:
            path.append(part)
            node = None
        # otherwise a tag or a field that is missing: skip it
    return tuple(path)


def _model_for_path(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed where an unknown key was found (for 'did you mean')."""
    import typing

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                # maybe a union tag: try to find a model named like it
                continue
            current = field.annotation
        # unwrap containers/unions/annotated to a model, if any
        current = _find_model(current, typing)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _find_model(tp: Any, typing: Any) -> Any:
    seen = 0
    stack = [tp]
    while stack and seen < 50:
        seen += 1
        t = stack.pop(0)
        if isinstance(t, type) and issubclass(t, BaseModel):
            return t
        args = getattr(t, "__args__", None) or ()
        origin = typing.get_origin(t)
        if origin is dict and len(args) == 2:
            stack.append(args[1])
            continue
        meta = getattr(t, "__metadata__", None)
        if meta is not None:
            stack.append(t.__origin__)
        stack.extend(a for a in args if a is not type(None))
    return tp


def _unknown_key_hint(model: type[BaseModel], loc: tuple[Any, ...], data: Any) -> str | None:
    key = str(loc[-1])
    allowed = _allowed_keys(model, loc, data)
    if not allowed:
        return None
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'? (allowed keys: {', '.join(allowed)})"
    return f"allowed keys here: {', '.join(allowed)}"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...], data: Any) -> list[str]:
    from . import models as m

    # Excerpts, summaries and figures are unions: pick the member by its key.
    node = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
            break
    names = [str(p) for p in loc if isinstance(p, str)]
    if "excerpts" in names[-2:] or (names and names[-1] in {"quote", "paragraph", "query"}):
        kind = m._excerpt_kind(node) if isinstance(node, dict) else None
        cls = {"quote": m.QuoteExcerpt, "paragraph": m.ParagraphExcerpt, "query": m.QueryExcerpt}
        if kind:
            return list(cls[kind].model_fields)
    if (names and names[-1] in {"summary", "auto", "manual"}) or "summary" in names[-2:]:
        if isinstance(node, dict):
            return list((m.AutoSummary if "auto" in node else m.ManualSummary).model_fields)
    if "figures" in names[-2:]:
        if isinstance(node, dict) and "auto" in node:
            return list(m.AutoFigures.model_fields)
        return list(m.CuratedFigure.model_fields)
    return _model_for_path(
        model, tuple(p for p in loc if p not in {"auto", "manual", "text", "list"})
    )


def _guess_excerpt_key(err: dict[str, Any], data: Any, path: tuple[Any, ...]):
    """An excerpt with no selector key: was one of them misspelt?"""
    node = data
    for part in path:
        node = node[part]
    if isinstance(node, dict):
        for key in node:
            close = difflib.get_close_matches(
                str(key), ["quote", "paragraph", "query"], n=1, cutoff=0.6
            )
            if close:
                return {**err, "type": "extra_forbidden", "loc": (*path, key)}, (*path, key)
    return err, path


def _message(err: dict[str, Any]) -> str:
    t = err["type"]
    msg = err["msg"]
    if t == "extra_forbidden":
        return f"unknown key '{err['loc'][-1]}'"
    if t == "missing":
        return f"missing required key '{err['loc'][-1]}'"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if msg.startswith("Assertion failed, "):
        msg = msg[len("Assertion failed, ") :]
    return msg[0].lower() + msg[1:] if msg else msg


def _hint(err: dict[str, Any], model: type[BaseModel], data: Any) -> str | None:
    t = err["type"]
    if t == "extra_forbidden":
        return _unknown_key_hint(model, tuple(err["loc"]), data)
    if t == "missing":
        return f"add '{err['loc'][-1]}:'"
    if t in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return "write dates as YYYY-MM-DD"
    if t.endswith("_type") or t.endswith("_parsing"):
        got = err.get("input")
        return f"got {type(got).__name__} {str(got)[:40]!r}" if got is not None else None
    return None


def validate(model: type[M], loaded: LoadedYaml) -> M:
    """Validate loaded YAML against a model, raising every problem at once."""
    data = loaded.data
    if data is None:
        raise ConfigError(
            "file is empty",
            location=Location(loaded.file, 1, 1),
            hint=f"see docs/briefs.md for what a {_what(model)} contains",
        )
    if not isinstance(data, dict):
        raise ConfigError(
            f"expected a mapping of keys at the top, got {type(data).__name__}",
            location=Location(loaded.file, 1, 1),
            hint="start the file with 'key: value' lines",
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors: list[BriefkitError] = []
        seen: set[tuple[str, str]] = set()
        for err in exc.errors(include_url=False):
            loc = strip_tags(tuple(err["loc"]))
            err = {**err, "loc": loc}
            path = _data_path(data, loc)
            if err["type"] == "excerpt_kind":
                err, path = _guess_excerpt_key(err, data, path)
            is_key = err["type"] == "extra_forbidden"
            if err["type"] == "missing":
                path = _data_path(data, loc[:-1])
                location = loaded.location(path)
                shown = format_path(path)
            elif is_key:
                location = loaded.location(path, key=True)
                shown = format_path(path[:-1])
            else:
                location = loaded.location(path, key=is_key)
                shown = format_path(path)
            message = f"{shown}: {_message(err)}" if shown else _message(err)
            if (str(location), message) in seen:
                continue
            seen.add((str(location), message))
            errors.append(ConfigError(message, location=location, hint=_hint(err, model, data)))
        errors.sort(
            key=lambda e: (e.location.line or 0, e.location.col or 0) if e.location else (0, 0)
        )
        raise_all(errors)
        raise  # pragma: no cover - raise_all always raises here


def _what(model: type[BaseModel]) -> str:
    return {
        "Brief": "brief",
        "ProjectConfig": "config file",
        "SourceRegistry": "source registry",
    }.get(model.__name__, "file")


def load_model(model: type[M], path: Path, display: str) -> tuple[M, LoadedYaml]:
    loaded = load_yaml_file(path, display)
    return validate(model, loaded), loaded


def load_config(path: Path, display: str) -> tuple[ProjectConfig, LoadedYaml | None]:
    if not path.exists():
        return ProjectConfig(), None
    return load_model(ProjectConfig, path, display)


def load_registry(path: Path, display: str) -> tuple[SourceRegistry, LoadedYaml | None]:
    if not path.exists():
        return SourceRegistry(), None
    return load_model(SourceRegistry, path, display)


def load_brief(path: Path, display: str) -> tuple[Brief, LoadedYaml]:
    brief, loaded = load_model(Brief, path, display)
    if brief.id is None:
        from .models import SAFE_ID

        stem = path.stem
        if not SAFE_ID.match(stem):
            raise ConfigError(
                f"brief file name {path.name!r} is not a safe id",
                location=Location(display, 1, 1),
                hint="rename the file (lower-case letters, digits, '-', '_') or set 'id:'",
            )
        brief = brief.model_copy(update={"id": stem})
    return brief, loaded
