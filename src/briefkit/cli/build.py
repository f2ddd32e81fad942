"""`briefkit build` and `briefkit check`."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from ..errors import BriefkitErrors
from .common import settings
from .scaffold import complete_audiences, complete_briefs


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


@click.command()
@click.argument("briefs", nargs=-1, shell_complete=complete_briefs)
@click.option(
    "-a",
    "--audience",
    "audiences",
    multiple=True,
    shell_complete=complete_audiences,
    help="Only these audiences (repeatable).",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: out/).",
)
@click.option(
    "--allow-unverified",
    is_flag=True,
    help="Render quotes not found in their source, visibly marked.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (page limits, refused URLs, skipped sources) as errors.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["pdf", "html", "both"]), default="pdf", show_default=True
)
@click.option(
    "--pdf-variant", type=click.Choice(["pdf/ua-1", "pdf/a-3u"]), default=None, help="PDF variant."
)
@click.option("-f", "--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Render in N processes at once (default: the number of cores).",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Build, then rebuild whenever a brief, source, template or config changes.",
)
def build(
    briefs, audiences, out, allow_unverified, strict, fmt, pdf_variant, force, jobs, watch
) -> None:
    """Build PDFs for BRIEFS (ids; default: every brief in briefings/)."""
    from ..build import BuildOptions
    from ..build import build as run_build

    s = settings()
    project = s.project()
    options = BuildOptions(
        briefs=tuple(briefs),
        audiences=tuple(audiences),
        out=out.resolve() if out else None,
        allow_unverified=allow_unverified,
        strict=strict,
        formats=("pdf", "html") if fmt == "both" else (fmt,),
        pdf_variant=pdf_variant,
        force=force,
        jobs=jobs or os.cpu_count() or 1,
    )
    if watch:
        from ..watch import watch_and_build

        return watch_and_build(project, options, click.echo)
    with _progress(quiet=s.quiet) as on_output:
        report = run_build(project, options, on_output=on_output)
    warnings = list(report.warnings)
    for o in report.outputs:
        warnings.extend(o.warnings)
    for w in warnings:
        if strict and w in report.warnings:
            continue  # printed once, below, as an error
        click.echo("warning: " + w.render(), err=True)
    built = [o for o in report.outputs if o.status == "built"]
    unchanged = [o for o in report.outputs if o.status == "unchanged"]
    if strict and report.warnings:
        report.errors.extend(report.warnings)
    if report.errors:
        errors = BriefkitErrors(report.errors)
        click.echo(errors.render(), err=True)
        click.echo(f"{len(built)} PDF(s) written, {len(errors.errors)} error(s)", err=True)
        raise click.exceptions.Exit(2)
    if not s.quiet:
        if not report.outputs:
            folder = project.config.paths.briefings + "/"
            if audiences and project.brief_files():
                listed = ", ".join(f"'{a}'" for a in audiences)
                click.echo(f"nothing to build: no brief in {folder} lists the audience {listed}")
            else:
                click.echo("nothing to build: no briefs in " + folder)
        elif not built:
            click.echo(
                f"nothing to do: {len(unchanged)} output(s) up to date (use --force to rebuild)"
            )
        else:
            briefs_n = len({o.brief for o in built})
            extra = f", {len(unchanged)} up to date" if unchanged else ""
            click.echo(
                f"built {len(built)} PDF(s) for {briefs_n} brief(s){extra}, {len(warnings)} warning(s)"
            )


@contextlib.contextmanager
def _progress(*, quiet: bool):
    """Plain 'wrote …' lines; a rich progress bar as well on a terminal."""

    def line(o) -> str:
        return f"wrote {o.display}  ({o.pages} page{'s' if o.pages != 1 else ''}, {_size(o.size)})"

    if quiet:
        yield lambda o: None
        return
    if not sys.stdout.isatty():
        yield lambda o: click.echo(line(o)) if o.status == "built" else None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), transient=True
    ) as bar:
        task = bar.add_task("building", total=None)

        def on_output(o) -> None:
            if o.status == "built":
                bar.console.print(line(o), highlight=False)
            bar.update(task, advance=1, description=f"{o.brief} · {o.audience}")

        yield on_output


@click.command()
@click.argument("briefs", nargs=-1, shell_complete=complete_briefs)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(briefs, strict) -> None:
    """Check BRIEFS (default: all) as a build would, without rendering."""
    from ..check import check_project

    s = settings()
    project = s.project()
    problems, warnings, checked = check_project(project, tuple(briefs))
    if strict:  # each printed once, as an error
        problems = problems + warnings
    else:
        for w in warnings:
            click.echo("warning: " + w.render(), err=True)
    if problems:
        errors = BriefkitErrors(problems)
        click.echo(errors.render(), err=True)
        click.echo(f"{len(errors.errors)} problem(s) in {checked} brief(s)", err=True)
        raise click.exceptions.Exit(2)
    if not s.quiet:
        click.echo(f"{checked} brief(s) OK")
