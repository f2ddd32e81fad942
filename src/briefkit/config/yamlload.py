"""YAML loading that remembers where every value came from.

PyYAML's ``safe_load`` loses line numbers, silently keeps the last of two
duplicate keys and expands aliases without limit. This loader composes the
node graph and builds plain Python data itself, so that it can:

- record the (line, column) of every key and value by its path,
- report duplicate keys,
- refuse alias bombs ("billion laughs") and recursive aliases,
- refuse files over a size cap,
- turn scanner errors (tabs, bad indentation) into one clear line.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import BriefkitError, ConfigError, Location, raise_all
from ..regularfile import NotRegularFileError, read_regular

MAX_YAML_BYTES = 1024 * 1024  # a brief is a few KiB; 1 MiB is generous
MAX_NODES = 100_000  # nodes built, counting each alias expansion again

PathKey = tuple[Any, ...]


class YamlLimitError(ConfigError):
    """YAML refused for its size or shape (an alias bomb, recursion, deep nesting), not its syntax.

    Text written by others (a Markdown source's front matter) that is merely
    not YAML can be read as text instead; this cannot, whoever wrote it.
    """


@dataclass(slots=True)
class LoadedYaml:
    file: str  # as shown to the user (relative to the project)
    data: Any
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: PathKey, *, key: bool = False) -> Location:
        """The location of the value (or key) at ``path``, or of its nearest parent."""
        path = tuple(path)
        while True:
            marks = (
                (self.key_marks, self.value_marks) if key else (self.value_marks, self.key_marks)
            )
            for m in marks:
                if path in m:
                    line, col = m[path]
                    return Location(self.file, line, col)
            if not path:
                return Location(self.file, 1, 1)
            path = path[:-1]


class _Loader(yaml.SafeLoader):
    pass


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, loaded: LoadedYaml, loader: _Loader, *, keep_last: bool = False) -> None:
        self.loaded = loaded
        self.loader = loader
        self.keep_last = keep_last  # a duplicate key replaces the value (as safe_load does)
        self.count = 0
        self.errors: list[BriefkitError] = []
        self._stack: set[int] = set()

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlLimitError(
                f"YAML expands to more than {MAX_NODES:,} values (an alias bomb?)",
                location=Location(self.loaded.file, *_mark(node)),
                hint="remove the anchors (&) and aliases (*) that repeat large parts",
            )
        self.loaded.value_marks.setdefault(path, _mark(node))
        if id(node) in self._stack:
            raise YamlLimitError(
                "recursive YAML alias",
                location=Location(self.loaded.file, *_mark(node)),
                hint="an alias (*name) may not refer to the node that contains it",
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        self._stack.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
        finally:
            self._stack.discard(id(node))
        raise ConfigError(
            "unsupported YAML node", location=Location(self.loaded.file, *_mark(node))
        )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise ConfigError(
                f"unsupported YAML tag {node.tag!r}",
                location=Location(self.loaded.file, *_mark(node)),
                hint="remove the '!tag'; briefs use plain strings, numbers, lists and mappings",
            ) from exc
        except (ValueError, OverflowError):
            # e.g. an impossible date like 2024-13-01: keep the text and let
            # validation say what is wrong with it.
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ConfigError(
                    "YAML merge keys (<<) are not supported",
                    location=Location(self.loaded.file, *_mark(key_node)),
                    hint="write the keys out in full",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConfigError(
                    "a key must be a plain value, not a list or mapping",
                    location=Location(self.loaded.file, *_mark(key_node)),
                )
            key = self._scalar(key_node)
            if not isinstance(key, Hashable):
                key = str(key)
            if key in seen and self.keep_last:
                result[key] = self.build(value_node, (*path, key))
                continue
            if key in seen:
                first_line, _ = seen[key]
                self.errors.append(
                    ConfigError(
                        f"duplicate key {key!r} (first given on line {first_line})",
                        location=Location(self.loaded.file, *_mark(key_node)),
                        hint="YAML keeps only the last value; remove or rename one of them",
                    )
                )
                continue
            seen[key] = _mark(key_node)
            self.loaded.key_marks[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result


def _syntax_error(display: str, exc: yaml.YAMLError, text: str) -> ConfigError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = getattr(exc, "problem", None) or str(exc)
    hint = "check the indentation and quoting around this line"
    if mark is not None:
        lines = text.splitlines()
        bad = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in bad or "'\\t'" in problem:
            return ConfigError(
                "YAML syntax error: a tab character is used for indentation",
                location=Location(display, line, (bad.index("\t") + 1) if "\t" in bad else col),
                hint="indent with spaces only (YAML does not allow tabs)",
            )
        if (
            ": " in bad.split("#")[0].split(":", 1)[-1]
            and "mapping values are not allowed" in problem
        ):
            hint = "a value that contains ': ' must be quoted, e.g. title: \"A: B\""
    problem = problem.rstrip(".")
    return ConfigError(
        f"YAML syntax error: {problem}", location=Location(display, line, col), hint=hint
    )


def load_yaml_text(text: str, display: str, *, duplicates_ok: bool = False) -> LoadedYaml:
    """Parse YAML text; raise ConfigError (or several) on any problem.

    Every YAML briefkit reads goes through here (briefs, config, the source
    registry, aliases and the front matter of Markdown sources), so that all
    of it has the same limits: size, values built (alias bombs), recursion and
    nesting, each a :class:`YamlLimitError`. ``duplicates_ok``: a repeated
    key replaces the earlier value instead of being an error (for front
    matter written by others).
    """
    loaded = LoadedYaml(file=display, data=None)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise YamlLimitError(
            f"YAML is larger than {MAX_YAML_BYTES // 1024} KiB",
            location=Location(display),
            hint="a brief or config file should be a few KiB; split it",
        )
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a control character: checked before parsing
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        raise ConfigError(
            f"YAML syntax error: control character U+{exc.character:04X} is not allowed",
            location=Location(display, line, col),
            hint="delete it (it may be invisible in your editor)",
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            loaded.data = None
            return loaded
        builder = _Builder(loaded, loader, keep_last=duplicates_ok)
        loaded.data = builder.build(node, ())
    except yaml.YAMLError as exc:
        raise _syntax_error(display, exc, text) from None
    except RecursionError:
        raise YamlLimitError(
            "YAML is nested too deeply",
            location=Location(display),
            hint="flatten the structure",
        ) from None
    finally:
        loader.dispose()
    raise_all(builder.errors)
    return loaded


def load_yaml_file(path: Path, display: str) -> LoadedYaml:
    """Read and parse a YAML file of the project (regular files only: a FIFO never blocks)."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise ConfigError(
                f"file is larger than {MAX_YAML_BYTES // 1024} KiB ({size:,} bytes)",
                location=Location(display),
                hint="a brief or config file should be a few KiB; split it",
            )
        data = read_regular(path, limit=MAX_YAML_BYTES)
    except NotRegularFileError as exc:
        raise ConfigError(
            f"file is {exc.kind}, not a regular file",
            location=Location(display),
            hint="briefkit reads only regular files: replace it with an ordinary file",
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"cannot read file: {exc.strerror or exc}",
            location=Location(display),
            hint="check that it exists and is readable",
        ) from None
    if len(data) > MAX_YAML_BYTES:  # grew since it was looked at
        raise ConfigError(
            f"file is larger than {MAX_YAML_BYTES // 1024} KiB",
            location=Location(display),
            hint="a brief or config file should be a few KiB; split it",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1  # in bytes
        raise ConfigError(
            "file is not valid UTF-8",
            location=Location(display, line, col),
            hint="save the file as UTF-8",
        ) from None
    return load_yaml_text(text.replace("\r\n", "\n"), display)
