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
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only errors: no progress, summary or warnings (as `briefkit -q`).",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Build, then rebuild whenever a brief, source, template or config changes.",
)
def build(
    briefs, audiences, out, allow_unverified, strict, fmt, pdf_variant, force, jobs, quiet, watch
) -> None:
    """Build PDFs for BRIEFS (ids; default: every brief in briefings/).

    Prints a line for each file written, then a summary; warnings (page
    limits, refused URLs, skipped sources) go to stderr and do not fail the
    build unless --strict. With -q only errors are printed.
    """
    from ..build import BuildOptions
    from ..build import build as run_build

    s = _quieted(quiet)
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
    with _progress(quiet=s.quiet, formats=options.formats) as on_output:
        report = run_build(project, options, on_output=on_output)
    warnings = list(report.warnings)
    for o in report.outputs:
        warnings.extend(o.warnings)
    if not s.quiet:  # -q: errors only (with --strict, warnings are errors: printed below)
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
        click.echo(
            f"{_files(len(built), options.formats)} written, {len(errors.errors)} error(s)",
            err=True,
        )
        raise click.exceptions.Exit(2)
    if not report.outputs and audiences and project.brief_files():
        raise _no_brief_lists(project, tuple(briefs), tuple(audiences))
    if s.quiet:
        return
    if not report.outputs:
        folder = project.config.paths.briefings + "/"
        click.echo(
            f"nothing to build: no briefs in {folder} (add one with `briefkit new brief NAME`)"
        )
    elif not built:
        click.echo(f"nothing to do: {len(unchanged)} output(s) up to date (use --force to rebuild)")
    else:
        briefs_n = len({o.brief for o in built})
        extra = f", {len(unchanged)} up to date" if unchanged else ""
        click.echo(
            f"built {_files(len(built), options.formats)} for {briefs_n} brief(s){extra}, "
            f"{len(warnings)} warning(s)"
        )


def _quieted(quiet: bool):
    """The run's settings, quiet if -q was given to the command (or to briefkit)."""
    from .common import setup_logging

    s = settings()
    if quiet and not s.quiet:
        s.quiet = True
        setup_logging(quiet=True, verbose=s.verbose)
    return s


def _files(n: int, formats: tuple[str, ...]) -> str:
    """What a build made: "2 PDF(s)", "2 HTML file(s)", "2 PDF(s) and 2 HTML file(s)"."""
    kinds = [f"{n} {'PDF(s)' if f == 'pdf' else 'HTML file(s)'}" for f in formats]
    return " and ".join(kinds) or f"{n} PDF(s)"


def _no_brief_lists(project, ids: tuple[str, ...], audiences: tuple[str, ...]):
    """`build -a X` when none of the briefs asked for lists X: an error, like an unknown id."""
    from ..build import audiences_for, load_briefs
    from ..errors import ConfigError

    loaded, _errors = load_briefs(project, ids)
    listed = sorted({a for lb in loaded for a in audiences_for(project, lb.brief, ())})
    folder = project.config.paths.briefings + "/"
    which = "the audience " + ", ".join(f"'{a}'" for a in audiences)
    if len(audiences) > 1:
        which = "any of the audiences " + ", ".join(f"'{a}'" for a in audiences)
    where = f"no brief in {folder}" if not ids else "none of the briefs " + ", ".join(ids)
    return ConfigError(
        f"nothing to build: {where} lists {which}",
        hint=(f"the briefs list: {', '.join(listed)}; " if listed else "")
        + f"add '{audiences[0]}' to the audiences: of a brief to build it for them",
    )


@contextlib.contextmanager
def _progress(*, quiet: bool, formats: tuple[str, ...] = ("pdf",)):
    """Plain 'wrote …' lines; a rich progress bar as well on a terminal."""

    def line(o) -> str:
        if o.path.suffix != ".pdf":  # an HTML page has no pages
            return f"wrote {o.display}  ({_size(o.size)})"
        text = f"wrote {o.display}  ({o.pages} page{'s' if o.pages != 1 else ''}, {_size(o.size)})"
        page = o.path.with_suffix(".html")
        if "html" in formats and page.is_file():
            shown = o.display[: -len(".pdf")] + ".html"
            text += f"\nwrote {shown}  ({_size(page.stat().st_size)})"
        return text

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
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings as errors, and render every output as `build --strict` does "
    "(slower) to find pages over an audience's max_pages and URLs a template may not load.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="With --strict: render in N processes at once (default: the number of cores).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only problems: no warnings, no 'OK' line (as `briefkit -q`).",
)
def check(briefs, strict, jobs, quiet) -> None:
    """Check BRIEFS (default: all) as a build would.

    Schema, sources, quotes, audiences and templates are checked without
    rendering; every problem of a brief is listed once, with its file:line.
    Page limits and the URLs a template loads need a render: with --strict
    each output is rendered too (into a temporary folder, by the build's own
    code), so that `check --strict` fails exactly where `build --strict`
    would. With -q only problems are printed.
    """
    from ..check import check_project

    s = _quieted(quiet)
    project = s.project()
    problems, warnings, checked = check_project(
        project, tuple(briefs), render=strict, jobs=jobs or os.cpu_count() or 1
    )
    if strict:  # each printed once, as an error
        problems = problems + warnings
    elif not s.quiet:
        for w in warnings:
            click.echo("warning: " + w.render(), err=True)
    if problems:
        errors = BriefkitErrors(problems)
        click.echo(errors.render(), err=True)
        click.echo(f"{len(errors.errors)} problem(s) in {checked} brief(s)", err=True)
        raise click.exceptions.Exit(2)
    if not s.quiet:
        click.echo(f"{checked} brief(s) OK")
