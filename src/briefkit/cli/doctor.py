"""`briefkit doctor`: check the machine, print what is missing and how to install it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .common import settings

_MARKS = {
    "ok": ("✓", "green"),
    "warning": ("!", "yellow"),
    "missing": ("✗", "red"),
    "skipped": ("-", None),
}


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
def doctor(as_json: bool) -> None:
    """Check Python, packages, system libraries, fonts and folders; say how to fix each gap.

    Exits 1 when something briefkit needs is missing, 0 otherwise (warnings,
    such as slower font subsetting, do not fail it).
    """
    from ..doctor import run_checks
    from ..project import CONFIG_FILE, find_root

    s = settings()
    root = Path(s.project_dir).resolve() if s.project_dir else find_root()
    in_project = (root / CONFIG_FILE).is_file() or (root / "briefings").is_dir()
    checks = run_checks(root if in_project else None)
    failed = [c for c in checks if c.failed]
    if as_json:
        click.echo(
            json.dumps({"ok": not failed, "checks": [c.as_dict() for c in checks]}, indent=2)
        )
    else:
        width = max(len(c.name) for c in checks)
        for c in checks:
            mark, colour = _MARKS[c.status]
            click.echo(f"{click.style(mark, fg=colour)} {c.name.ljust(width)}  {c.detail}")
            if c.fix and c.status != "ok":
                click.echo(f"  {' ' * width}  fix: {c.fix}")
        if not in_project:
            click.echo("(not in a briefkit project: folders not checked)")
        if failed:
            names = ", ".join(c.name for c in failed)
            click.echo(
                f"{len(failed)} required piece(s) missing: {names}. "
                "Run the fix commands above, then `briefkit doctor` again.",
                err=True,
            )
        else:
            click.echo("briefkit has everything it needs.")
    if failed:
        raise click.exceptions.Exit(1)
