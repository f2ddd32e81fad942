"""`briefkit init`, `briefkit new brief`, and shell completion of brief ids, audience names,
source ids and template names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from .common import settings


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), default=".", required=False)
def init(directory: Path) -> None:
    """Create a new project in DIRECTORY (a new or empty folder; default: here).

    The project has one example source, one brief that quotes it, a config
    file with every setting explained, and a templates/ folder for overrides.
    """
    from ..scaffold import init_project

    written = init_project(directory)
    if settings().quiet:
        return
    shown = directory.as_posix().rstrip("/") or "."
    click.echo(f"created a briefkit project in {shown}/")
    for rel in written:
        click.echo(f"  {rel}")
    click.echo("next:")
    if shown != ".":
        click.echo(f"  cd {shown}")
    click.echo("  briefkit build                 # PDFs in out/")
    click.echo("  briefkit serve                 # live preview in the browser")
    click.echo("  briefkit new brief my-brief    # your own brief")


@click.group()
def new() -> None:
    """Add something new to the project."""


@new.command("brief")
@click.argument("name")
def new_brief_command(name: str) -> None:
    """Add briefings/NAME.yaml: a brief that builds as it is, with examples in comments."""
    from ..scaffold import new_brief

    s = settings()
    project = s.project()
    path = new_brief(project, name, today=dt.date.today())
    if not s.quiet:
        click.echo(f"wrote {project.display(path)}")
        click.echo(
            f"next: edit it, and watch it with `briefkit serve` or `briefkit build {path.stem}`"
        )


# ---------------------------------------------------------------- completion
#
# Completion runs before the group's callback, so ctx.obj is not set: the
# project folder is read from the parsed -C option. A completion function must
# never fail; on any problem it offers nothing.


def _project(ctx: click.Context):
    from ..project import Project

    root = ctx.find_root().params.get("project_dir")
    return Project.load(Path(root) if root else None)


def complete_briefs(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Brief ids (with their titles as help) that start with ``incomplete``."""
    try:
        from ..config.load import load_brief

        project = _project(ctx)
        items = []
        for path in project.brief_files():
            if not path.stem.startswith(incomplete):
                continue
            try:
                brief, _ = load_brief(path, project.display(path))
                items.append(CompletionItem(brief.id or path.stem, help=brief.title))
            except Exception:
                items.append(CompletionItem(path.stem))
        return items
    except Exception:
        return []


def complete_audiences(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Audience names of the project (built-in and configured) that start with ``incomplete``."""
    try:
        project = _project(ctx)
        return [
            CompletionItem(name, help=aud.description)
            for name, aud in sorted(project.config.audiences.items())
            if name.startswith(incomplete)
        ]
    except Exception:
        return []


def complete_sources(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Source ids of the project (registry titles as help) that start with ``incomplete``.

    Only the seeds folder and seeds/sources.yaml are read: no article is cleaned.
    """
    try:
        from ..corpus.load import Corpus

        corpus = Corpus(_project(ctx))
        items = []
        for sid in corpus.ids():
            if sid.startswith(incomplete):
                entry = corpus.files[sid].entry
                items.append(CompletionItem(sid, help=getattr(entry, "title", None)))
        return items
    except Exception:
        return []


def complete_templates(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Names of briefkit's built-in templates (what `templates eject` takes)."""
    try:
        from ..render.eject import builtin_names

        return [CompletionItem(n) for n in builtin_names() if n.startswith(incomplete)]
    except Exception:
        return []
