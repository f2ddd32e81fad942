"""`briefkit templates list` and `briefkit templates eject NAME`."""

from __future__ import annotations

import click

from .common import settings
from .scaffold import complete_templates


def _template_set():
    from ..render.env import TemplateSet

    project = settings().project()
    return project, TemplateSet(project.templates_dir, project.root)


@click.group()
def templates() -> None:
    """List the templates, or copy a built-in one into templates/ to change it."""


@templates.command("list")
def list_templates() -> None:
    """Show each template and whether the project or briefkit provides it."""
    project, ts = _template_set()
    rows = ts.list_templates()
    width = max((len(name) for name, _kind, _path in rows), default=0)
    folder = project.config.paths.templates.rstrip("/") + "/"
    for name, kind, _path in rows:
        where = f"project ({folder}{name})" if kind == "project" else "built-in"
        click.echo(f"{name.ljust(width)}  {where}")


@templates.command()
@click.argument("name", shell_complete=complete_templates)
@click.option("--force", is_flag=True, help="Overwrite the project's copy if there is one.")
def eject(name: str, force: bool) -> None:
    """Copy the built-in template NAME into templates/ so you can change it."""
    from ..render.eject import eject_template

    project, ts = _template_set()
    dest = eject_template(project, ts, name, force=force)
    if not settings().quiet:
        click.echo(
            f"copied {name} to {project.display(dest)}; "
            "edit it there (it now overrides the built-in one)"
        )
