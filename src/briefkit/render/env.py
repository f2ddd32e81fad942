"""The Jinja2 environment: sandboxed, autoescaped, strict, project templates first."""

from __future__ import annotations

import base64
import mimetypes
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..errors import Location, TemplateError

RENDER_DIR = Path(__file__).parent
BUILTIN_TEMPLATES = RENDER_DIR / "templates"
BUILTIN_FONTS = RENDER_DIR / "fonts"

# Files a project may override and `briefkit templates list` shows.
TEMPLATE_SUFFIXES = (".html", ".css", ".svg", ".png", ".jpg")


def css_string(value: Any) -> Markup:
    """A quoted CSS string: ``content: {{ org.name | css_string }};``.

    Autoescaping is for HTML; inside <style> an entity would print as is and a
    quote or ``</style>`` in a config value must not end the string or the
    element, so the value is escaped the CSS way instead.
    """
    out = []
    for ch in str(value):
        if ch in '"\\' or ch in "<>&'" or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


class ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that will not follow a link out of its folders.

    Jinja's loader opens whatever a name resolves to, symlinks included; a
    project template that is a link to ``/etc/passwd`` must not be read.
    """

    project_root: Path | None = None  # for showing paths relative to the project

    def get_source(self, environment: jinja2.Environment, template: str):  # type: ignore[override]
        for folder in self.searchpath:
            root = Path(folder).resolve()
            candidate = Path(folder, *jinja2.loaders.split_template_path(template))
            if not candidate.is_file():
                continue
            resolved = candidate.resolve()
            if root not in resolved.parents:
                shown = candidate.as_posix()
                if self.project_root is not None and self.project_root in candidate.parents:
                    shown = candidate.relative_to(self.project_root).as_posix()
                raise TemplateError(
                    f"template '{template}' is a link to a file outside {Path(folder).name}/",
                    location=Location(shown),
                    hint="copy the file into the templates folder instead of linking to it",
                )
            break
        return super().get_source(environment, template)


# Raised while Jinja compiles a template, not by its syntax: constants it folds
# (10**5000 has too many digits to print, [1] * 10**8), nesting too deep to parse.
COMPILE_ERRORS = (ValueError, OverflowError, MemoryError, RecursionError)


class TemplateSet:
    """Where templates come from: the project's folder first, then the package's."""

    def __init__(self, project_templates: Path | None, root: Path | None = None) -> None:
        self.project_dir = (
            project_templates if project_templates and project_templates.is_dir() else None
        )
        self.root = root
        self.builtin_dir = BUILTIN_TEMPLATES
        searchpath = [str(p) for p in (self.project_dir, BUILTIN_TEMPLATES) if p is not None]
        self.env = ImmutableSandboxedEnvironment(
            loader=self._loader(searchpath, root),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

        def asset_url(ctx: Any, name: str) -> str:
            return self.asset_url(str(name), inline=ctx.get("output") == "html")

        self.env.globals["asset_url"] = jinja2.pass_context(asset_url)
        self.env.filters["css_string"] = css_string

    @staticmethod
    def _loader(searchpath: list[str], root: Path | None) -> ContainedLoader:
        loader = ContainedLoader(searchpath, followlinks=False)
        loader.project_root = root.resolve() if root is not None else None
        return loader

    def origin(self, name: str) -> tuple[str, Path] | None:
        """('project' | 'builtin', path) of the file a name resolves to."""
        for kind, folder in (("project", self.project_dir), ("builtin", BUILTIN_TEMPLATES)):
            if folder is None:
                continue
            path = (folder / name).resolve()
            if path.is_file() and (folder.resolve() in path.parents):
                return kind, path
        return None

    def asset_path(self, name: str) -> Path | None:
        """The file an asset name (``fonts/X.ttf``, ``logo.svg``) resolves to, project first."""
        if urlsplit(name).scheme or name.startswith(("/", "\\")):
            return None
        candidates = [self.project_dir, BUILTIN_TEMPLATES]
        if name.startswith("fonts/"):
            candidates.append(RENDER_DIR)
        for folder in candidates:
            if folder is None:
                continue
            path = (folder / name).resolve()
            if path.is_file() and folder.resolve() in path.parents:
                return path
        return None

    def asset_url(self, name: str, *, inline: bool = False) -> str:
        """A URL for an asset by name: a file: URL for the PDF, a data: URL for HTML.

        A name that is not a local asset (``https://…``, ``../../etc/passwd``)
        is passed through unchanged so that the fetcher refuses it by name and
        the warning says what the template asked for.
        """
        path = self.asset_path(name)
        if path is None:
            if inline:  # an HTML file carries no links to local files
                return ""
            if urlsplit(name).scheme:
                return name
            folder = self.project_dir or BUILTIN_TEMPLATES
            return (folder / name).as_uri() if not name.startswith("/") else Path(name).as_uri()
        if inline:
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()
        return path.as_uri()

    def list_templates(self) -> list[tuple[str, str, Path]]:
        """Every template file by name: (name, 'project' | 'builtin', path), sorted.

        A project file with the same name as a built-in one overrides it.
        """
        found: dict[str, tuple[str, str, Path]] = {}
        for kind, folder in (("builtin", BUILTIN_TEMPLATES), ("project", self.project_dir)):
            if folder is None:
                continue
            for dirpath, _dirs, files in os.walk(folder):
                for f in files:
                    path = Path(dirpath) / f
                    if path.suffix not in TEMPLATE_SUFFIXES:
                        continue
                    name = path.relative_to(folder).as_posix()
                    found[name] = (name, kind, path)
        return [found[k] for k in sorted(found)]

    def roots(self) -> list[Path]:
        """The folders WeasyPrint may read from (see SafeURLFetcher)."""
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
            return (
                "briefkit/render/templates/"
                + path.resolve().relative_to(BUILTIN_TEMPLATES).as_posix()
            )
        except ValueError:
            return str(path)

    def render(self, name: str, context: dict[str, Any]) -> str:
        try:
            template = self.env.get_template(name)
        except TemplateError:
            raise
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template '{exc.name}' not found",
                hint="see `briefkit templates list` for the templates there are",
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            raise self._syntax(exc) from None
        except COMPILE_ERRORS as exc:
            raise self.compile_error(name, exc) from None
        try:
            return template.render(context)
        except TemplateError:
            raise
        except jinja2.TemplateSyntaxError as exc:  # in an include
            raise self._syntax(exc) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template '{exc.name}' not found (included from '{name}')",
                location=self._where(name),
                hint="check the name in the include/extends tag",
            ) from None
        except jinja2.UndefinedError as exc:
            message = exc.message or ""
            if "cite_note" in message or "attribute 'n'" in message:
                # a template from before notes were numbered as printed
                hint = (
                    "notes are numbered as they are printed: print a note with m.cite(note) "
                    "from macros.html (imported 'with context'), which calls cite_note(note); "
                    "see docs/templates.md"
                )
            else:
                hint = "check the spelling; docs/templates.md lists the variables a template gets"
            raise TemplateError(
                f"undefined variable in template: {message}",
                location=self._where(name),
                hint=hint,
            ) from None
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(
                f"template tried something unsafe: {exc}",
                location=self._where(name),
                hint="templates may only lay out the data they are given",
            ) from None
        except (
            TypeError,
            ValueError,
            AttributeError,
            ZeroDivisionError,
            KeyError,
            IndexError,
            OverflowError,  # 2.0 ** 10000, 'a'|center(2**70), a range over the sandbox's limit
        ) as exc:
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
        except jinja2.TemplateError as exc:  # e.g. "extended multiple times"
            raise TemplateError(
                f"template error: {exc.message or type(exc).__name__}",
                location=self._where(name),
                hint="check the tags of this template; see the Jinja2 template documentation",
            ) from None

    def compile_error(self, name: str, exc: BaseException) -> TemplateError:
        """One of :data:`COMPILE_ERRORS`, raised while compiling ``name``, as a user error."""
        return TemplateError(
            f"template cannot be compiled: {type(exc).__name__}: {exc}",
            location=self._where(name),
            hint="check the numbers, constant expressions and nesting in the template",
        )

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
