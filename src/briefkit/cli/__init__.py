"""The command line: a thin layer over the library.

Each command lives in its own module and is imported only when it runs, so
``briefkit --help`` stays fast (no WeasyPrint, no index, no summariser).
Errors from the library (:class:`briefkit.errors.BriefkitError`) become one
clear line and exit code 2; anything else is a bug: exit code 1, a request to
report it, and the traceback only with ``--debug``.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__

# command name -> (module, attribute, one-line help shown in `briefkit --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("briefkit.cli.build", "build", "Build PDFs for briefs and audiences."),
    "check": ("briefkit.cli.build", "check", "Check briefs as a build would (--strict: render)."),
    "sources": ("briefkit.cli.sources", "sources", "List, show and clean sources."),
    "search": ("briefkit.cli.search", "search", "Search the sources for passages."),
    "summarize": ("briefkit.cli.summarize", "summarize", "Summarise files or sources."),
    "figures": ("briefkit.cli.figures", "figures", "List the key figures of files or sources."),
    "templates": ("briefkit.cli.templates", "templates", "List or eject templates."),
    "newsletter": ("briefkit.cli.newsletter", "newsletter", "Prepare or send a newsletter email."),
    "init": ("briefkit.cli.scaffold", "init", "Create a new briefkit project."),
    "new": ("briefkit.cli.scaffold", "new", "Add a new brief to the project."),
    "serve": ("briefkit.cli.serve", "serve", "Preview briefs in the browser, live."),
    "doctor": ("briefkit.cli.doctor", "doctor", "Check that this machine has what briefkit needs."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None or not _available(cmd_name):
            return None
        module = importlib.import_module(spec[0])
        return getattr(module, spec[1])

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        from .common import handle_errors

        with handle_errors(ctx):
            return super().invoke(ctx)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(COMMANDS[name][0]) is not None
    except ModuleNotFoundError:
        return False


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefkit")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only errors: no progress, summaries or warnings (--strict makes warnings errors).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug logs).")
@click.option(
    "-C",
    "--project",
    "project_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Project folder (default: the nearest one at or above the current folder).",
)
@click.pass_context
def cli(
    ctx: click.Context, debug: bool, quiet: bool, verbose: int, project_dir: str | None
) -> None:
    """briefkit: turn a folder of source articles into verified, cited policy briefs."""
    from .common import Settings, setup_logging

    ctx.obj = Settings(debug=debug, quiet=quiet, verbose=verbose, project_dir=project_dir)
    setup_logging(quiet=quiet, verbose=verbose)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="briefkit")
    except BrokenPipeError:  # e.g. `briefkit sources | head`
        sys.exit(0)
