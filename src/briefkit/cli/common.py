"""Shared CLI plumbing: settings, logging, error reporting."""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import click

from ..errors import BriefkitError


@dataclass
class Settings:
    debug: bool = False
    quiet: bool = False
    verbose: int = 0
    project_dir: str | None = None

    def project(self):
        """The project of this run; outside one, an error that says how to start one."""
        from ..project import Project, find_root, is_project

        root = Path(self.project_dir) if self.project_dir else find_root()
        if not is_project(root):
            raise not_a_project(root, given=self.project_dir is not None)
        return Project.load(root)


def not_a_project(root: Path, *, given: bool):
    from ..errors import ConfigError
    from ..project import CONFIG_FILE

    if given:
        return ConfigError(
            f"{root} is not a briefkit project (it has no {CONFIG_FILE} or briefings/ folder)",
            hint=f"give the project's folder to --project, or create a project there with "
            f"`briefkit init {root}`",
        )
    return ConfigError(
        f"not in a briefkit project: no {CONFIG_FILE} or briefings/ folder in {root} "
        "or any folder above it",
        hint="create one with `briefkit init DIR`, or name it with `briefkit --project DIR ...`",
    )


def settings(ctx: click.Context | None = None) -> Settings:
    ctx = ctx or click.get_current_context()
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


class _WarningFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        msg = record.getMessage()
        if record.levelno >= logging.WARNING:
            return f"warning: {msg}"
        return msg


def setup_logging(*, quiet: bool = False, verbose: int = 0) -> None:
    root = logging.getLogger("briefkit")
    for h in list(root.handlers):
        root.removeHandler(h)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_WarningFormatter())
    root.addHandler(handler)
    root.propagate = False
    level = logging.ERROR if quiet else logging.WARNING
    if verbose == 1:
        level = logging.INFO
    elif verbose >= 2:
        level = logging.DEBUG
    root.setLevel(level)


def echo_error(err: BriefkitError) -> None:
    click.echo(err.render(), err=True)


@contextlib.contextmanager
def handle_errors(ctx: click.Context):
    """Turn errors into one clear message and an exit code (2: the input, 1: our bug)."""

    def debug() -> bool:  # read late: --debug is parsed inside the block
        return settings(ctx).debug or "--debug" in sys.argv[1:]

    try:
        yield
    except BriefkitError as err:
        if debug():
            traceback.print_exc()
        echo_error(err)
        ctx.exit(err.exit_code)
    except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
        raise
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        ctx.exit(130)
    except BrokenPipeError:
        # the reader went away (`briefkit sources | head`): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        ctx.exit(0)
    except Exception as exc:
        if debug():
            traceback.print_exc()
        click.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "  this is a bug in briefkit; please report it with the output of the same "
            "command run with --debug",
            err=True,
        )
        ctx.exit(1)


def articles_for(inputs: tuple[str, ...]):
    """("path" or "source", the input, its Article) for each file path or source id.

    A path that is a file is read as it is (any file, in or out of a project);
    anything else must be a source id of the project, with a "did you mean"
    hint when it is not.
    """
    from ..corpus.load import Corpus, read_article
    from ..errors import SourceError
    from ..project import find_root, is_project

    corpus = None
    out = []
    for item in inputs:
        path = Path(item)
        if path.is_file():
            out.append(("path", item, read_article(path)))
            continue
        if corpus is None:
            s = settings()
            root = Path(s.project_dir) if s.project_dir else find_root()
            if not is_project(root):  # then it can only have been meant as a file
                raise SourceError(
                    f"no file '{item}'",
                    hint="check the path; outside a briefkit project only files can be given",
                )
            corpus = Corpus(s.project())
        if item not in corpus:
            close = corpus.suggest(item)
            raise SourceError(
                f"no file or source '{item}'",
                hint=f"did you mean '{close}'?" if close else "see `briefkit sources`",
            )
        out.append(("source", item, corpus.get(item)))
    return out
