"""Copy a built-in template into the project so that it can be changed."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from ..errors import Location, TemplateError
from .env import BUILTIN_TEMPLATES, TemplateSet


def builtin_names() -> list[str]:
    ts = TemplateSet(None)
    return [name for name, kind, _path in ts.list_templates() if kind == "builtin"]


def eject_template(project, templates: TemplateSet, name: str, *, force: bool = False) -> Path:
    """Copy built-in ``name`` to the project's templates folder; return the new file.

    Refuses to overwrite a project file unless ``force``.
    """
    names = builtin_names()
    clean = name.replace("\\", "/").strip("/")
    if clean not in names:
        close = difflib.get_close_matches(clean, names, n=1)
        raise TemplateError(
            f"no built-in template '{name}'",
            hint=(f"did you mean '{close[0]}'? " if close else "")
            + f"built-in templates: {', '.join(names)}",
        )
    dest_dir = project.templates_dir
    dest = dest_dir / clean
    if dest.exists() and not force:
        raise TemplateError(
            f"{project.display(dest)} already exists",
            location=Location(project.display(dest)),
            hint="it already overrides the built-in one; --force replaces it with a fresh copy",
        )
    if dest.is_symlink() or (
        dest.parent.exists()
        and dest_dir.resolve() not in dest.parent.resolve().parents
        and dest.parent.resolve() != dest_dir.resolve()
    ):
        raise TemplateError(
            f"{project.display(dest)} is a link; not writing through it",
            hint="remove the link first",
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BUILTIN_TEMPLATES / clean, dest)
    return dest
