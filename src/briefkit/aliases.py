"""Spellings of one name, grouped in ``config/aliases.yaml``.

Names from Belarus and its neighbours reach English sources in several
transliterations (Tsikhanouskaya, Tikhanovskaya; Lukashenka, Lukashenko).
A group lists the spellings of one name; a search for any of them finds all
of them. Aliases only widen a search: quotes are always matched verbatim.

```yaml
groups:
  - [Lukashenka, Lukashenko]
  - [Kalinouski, Kalinoŭski, Kalinowski]
```
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .config.yamlload import LoadedYaml, load_yaml_file
from .errors import ConfigError, raise_all

# Endings a name picks up in running English text: "Lukashenka's",
# "Lukashenkas'", plurals. Tried longest first.
_ENDINGS = ("'s", "s'", "'", "es", "s")
# A stem match needs this many letters, so "Li" never swallows "Lis".
_MIN_STEM = 4


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form of ``text`` (apostrophes kept as ``'``)."""
    text = text.replace("’", "'").replace("ʼ", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def _stem(folded: str) -> str:
    for ending in _ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= _MIN_STEM:
            return folded[: -len(ending)]
    return folded


@dataclass(frozen=True)
class Aliases:
    """Groups of spellings; :meth:`expand` gives every spelling of a term's name."""

    groups: tuple[tuple[str, ...], ...] = ()
    _by_key: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for n, group in enumerate(self.groups):
            for spelling in group:
                folded = fold(spelling)
                self._by_key.setdefault(folded, n)
                self._by_key.setdefault(_stem(folded), n)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def group_of(self, term: str) -> tuple[str, ...] | None:
        """The group ``term`` belongs to (as written, or by its stem), or None."""
        folded = fold(term).strip('.,;:!?"()[]')
        for key in (folded, _stem(folded)):
            n = self._by_key.get(key)
            if n is not None:
                return self.groups[n]
        return None

    def expand(self, term: str) -> tuple[str, ...]:
        """Every spelling of the name ``term`` spells, or just ``(term,)``.

        ``"Lukashenka's"`` and ``"LUKASHENKO"`` both give
        ``("Lukashenka", "Lukashenko")``.
        """
        group = self.group_of(term)
        return group if group is not None else (term,)


def parse_aliases(loaded: LoadedYaml) -> Aliases:
    """Validate the data of an aliases file; every problem is reported at once."""
    data: Any = loaded.data
    if data is None:
        return Aliases()
    if not isinstance(data, dict):
        raise ConfigError(
            "aliases file must be a mapping with a 'groups' list",
            location=loaded.location(()),
            hint="start the file with 'groups:' and list one group of spellings per line",
        )
    errors: list[ConfigError] = []
    for key in data:
        if key != "groups":
            errors.append(
                ConfigError(
                    f"unknown key {key!r}",
                    location=loaded.location((key,), key=True),
                    hint="the only key is 'groups'",
                )
            )
    raw_groups = data.get("groups") or []
    if not isinstance(raw_groups, list):
        errors.append(
            ConfigError(
                "groups: must be a list of lists of spellings",
                location=loaded.location(("groups",)),
                hint="e.g. groups:\n    - [Lukashenka, Lukashenko]",
            )
        )
        raw_groups = []
    groups: list[tuple[str, ...]] = []
    owner: dict[str, tuple[int, str]] = {}
    for i, group in enumerate(raw_groups):
        where = ("groups", i)
        if not isinstance(group, list) or not group:
            errors.append(
                ConfigError(
                    f"groups[{i}]: must be a non-empty list of spellings",
                    location=loaded.location(where),
                    hint="write a group as [Spelling1, Spelling2]",
                )
            )
            continue
        spellings: list[str] = []
        for j, item in enumerate(group):
            if not isinstance(item, str) or not item.strip() or not re.search(r"\w", item):
                errors.append(
                    ConfigError(
                        f"groups[{i}][{j}]: a spelling must be a non-empty string",
                        location=loaded.location((*where, j)),
                    )
                )
                continue
            spelling = " ".join(item.split())
            key = fold(spelling)
            if key in owner and owner[key][0] != i:
                first, shown = owner[key]
                errors.append(
                    ConfigError(
                        f"groups[{i}][{j}]: {spelling!r} is already in groups[{first}] ({shown!r})",
                        location=loaded.location((*where, j)),
                        hint="a spelling may belong to one group only; merge the two groups",
                    )
                )
                continue
            owner.setdefault(key, (i, spelling))
            if spelling not in spellings:  # "Kalinoŭski" stays beside "Kalinouski"
                spellings.append(spelling)
        if spellings:
            groups.append(tuple(spellings))
    raise_all(errors)
    return Aliases(tuple(groups))


def load_aliases(project) -> Aliases:  # project: briefkit.project.Project
    """The project's alias groups; no ``config/aliases.yaml`` means no aliases."""
    path = project.aliases_path
    if not path.exists():  # a FIFO or a folder there is reported, not silently ignored
        return Aliases()
    return parse_aliases(load_yaml_file(path, project.display(path)))
