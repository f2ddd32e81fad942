"""The Jinja2 environment: sandboxed, autoescaped, strict, project templates first."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import Location, TemplateError

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
BUILTIN_FONTS = Path(__file__).parent / "fonts"


class TemplateSet:
    """Where templates come from: the project's folder first, then the package's."""

    def __init__(self, project_templates: Path | None, root: Path | None = None) -> None:
        self.project_dir = project_templates if project_templates and project_templates.is_dir() else None
        self.root = root
        searchpath = [str(p) for p in (self.project_dir, BUILTIN_TEMPLATES) if p is not None]
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader(searchpath, followlinks=False),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals["asset_url"] = self.asset_url

    def origin(self, name: str) -> tuple[str, Path] | None:
        """('project' | 'builtin', path) of the file a name resolves to."""
        for kind, folder in (("project", self.project_dir), ("builtin", BUILTIN_TEMPLATES)):
            if folder is None:
                continue
            path = (folder / name).resolve()
            if path.is_file() and (folder.resolve() in path.parents):
                return kind, path
        return None

    def asset_url(self, name: str) -> str:
        """A file: URL for an asset (font, image) by name, project first."""
        for folder in (self.project_dir, BUILTIN_TEMPLATES, BUILTIN_FONTS.parent):
            if folder is None:
                continue
            path = (folder / name).resolve()
            if path.is_file() and folder.resolve() in path.parents:
                return path.as_uri()
        return "about:invalid"

    def roots(self) -> list[Path]:
        return [p for p in (self.project_dir, BUILTIN_TEMPLATES, BUILTIN_FONTS) if p is not None]

    def display(self, filename: str | None) -> str:
        if not filename:
            return "<template>"
        path = Path(filename)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                pass
        try:
            return "briefkit/render/templates/" + path.resolve().relative_to(BUILTIN_TEMPLATES).as_posix()
        except ValueError:
            return str(path)

    def render(self, name: str, context: dict[str, Any]) -> str:
        try:
            template = self.env.get_template(name)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template '{exc.name}' not found",
                hint="see `briefkit templates list` for the templates there are",
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            raise self._syntax(exc) from None
        try:
            return template.render(context)
        except jinja2.TemplateSyntaxError as exc:  # in an include
            raise self._syntax(exc) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template '{exc.name}' not found (included from '{name}')",
                location=self._where(name),
                hint="check the name in the include/extends tag",
            ) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"undefined variable in template: {exc.message}",
                location=self._where(name),
                hint="check the spelling; the variables a template gets are listed in docs/templates.md",
            ) from None
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(
                f"template tried something unsafe: {exc}",
                location=self._where(name),
                hint="templates may only lay out the data they are given",
            ) from None
        except (TypeError, ValueError, AttributeError, ZeroDivisionError, KeyError, IndexError) as exc:
            raise TemplateError(
                f"template error: {type(exc).__name__}: {exc}",
                location=self._where(name),
                hint="check the expression on this line",
            ) from None
        except RecursionError:
            raise TemplateError(
                "template recursion is too deep",
                location=self._where(name),
                hint="check for a macro or include that calls itself",
            ) from None

    def _syntax(self, exc: jinja2.TemplateSyntaxError) -> TemplateError:
        return TemplateError(
            f"template syntax error: {exc.message}",
            location=Location(self.display(exc.filename or exc.name), exc.lineno),
            hint="fix the tag on this line; see the Jinja2 template documentation",
        )

    def _where(self, name: str) -> Location:
        """The template file and line being rendered when the error was raised."""
        tb = sys.exc_info()[2]
        where: Location | None = None
        while tb is not None:
            code = tb.tb_frame.f_code
            filename = code.co_filename
            if filename.endswith((".html", ".css", ".j2", ".jinja")):
                where = Location(self.display(filename), tb.tb_lineno)
            tb = tb.tb_next
        if where is not None:
            return where
        origin = self.origin(name)
        return Location(self.display(str(origin[1])) if origin else name)
