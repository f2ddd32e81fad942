"""Errors a user can act on.

Every error briefkit shows a user is a :class:`BriefkitError` carrying where
the problem is (file, line, column), what is wrong, and how to fix it. The
CLI prints each as one line, ``file:line:col: message``, then the hint, and
exits with code 2. Anything else that escapes is briefkit's own fault (exit 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    file: str
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


class BriefkitError(Exception):
    """A problem with the user's input, reported without a traceback."""

    exit_code = 2
    kind = "error"

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        hint: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        self.detail = detail  # extra lines (a diff, a closest passage)

    def one_line(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message}"

    def render(self) -> str:
        lines = [self.one_line()]
        if self.detail:
            lines.extend("  " + line for line in self.detail.splitlines())
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.one_line()


class ConfigError(BriefkitError):
    """A brief or config file is malformed or invalid."""


class SourceError(BriefkitError):
    """A source is missing, unreadable or cannot be used."""


class QuoteError(BriefkitError):
    """A quote or curated figure is not verbatim in its source."""


class TemplateError(BriefkitError):
    """A template is missing, malformed, or failed while rendering."""


class RenderError(BriefkitError):
    """The PDF could not be produced."""


class OutputError(BriefkitError):
    """An output could not be written."""


class DependencyError(BriefkitError):
    """A package or system library briefkit needs is missing; the hint says how to install it.

    Not the user's input, but theirs to fix (exit 2), and never "a bug in briefkit".
    """


class BriefkitErrors(BriefkitError):
    """Several problems, reported together."""

    def __init__(self, errors: Sequence[BriefkitError]) -> None:
        flat: list[BriefkitError] = []
        for e in errors:
            flat.extend(e.errors if isinstance(e, BriefkitErrors) else [e])
        self.errors: tuple[BriefkitError, ...] = tuple(flat)
        first = flat[0].one_line() if flat else "no errors"
        super().__init__(first)

    def render(self) -> str:
        return "\n".join(e.render() for e in self.errors)

    def __reduce__(self):  # so that errors cross process boundaries intact
        return (BriefkitErrors, (list(self.errors),))


def raise_all(errors: Iterable[BriefkitError]) -> None:
    """Raise the errors collected, if any: one as itself, several together."""
    errs = list(errors)
    if len(errs) == 1:
        raise errs[0]
    if errs:
        raise BriefkitErrors(errs)
