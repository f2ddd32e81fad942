"""Watch a project's inputs and react to every change: `build --watch` and `serve`.

A project's inputs are its briefs, sources, templates and config, each in the
folder its config names. Only those folders are watched (not the whole
project, which may hold a virtualenv or ``out/``); when the config changes
the folders it names, or one of them appears, the watcher starts again on the
new set.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import BriefkitError

log = logging.getLogger(__name__)

CONFIG_DIR = "config"
# Kinds of file a build reads; other names in a change (an editor's or sed's
# temporary files) are not worth showing.
INPUT_SUFFIXES = {".yaml", ".yml", ".txt", ".html", ".htm", ".md", ".css", ".svg", ".png", ".jpg"}
FALLBACK_DIRS = ("seeds", "briefings", "templates", CONFIG_DIR)


def input_dirs(root: Path) -> list[Path]:
    """The folders whose files a build reads, those that exist, sorted.

    Read from the config afresh each time; a config that does not load gives
    the default folders, so that fixing it is seen.
    """
    from .project import Project

    try:
        project = Project.load(root)
        names = [project.seeds_dir, project.briefings_dir, project.templates_dir]
    except BriefkitError:
        names = [root / n for n in FALLBACK_DIRS[:3]]
    dirs = {Path(p).resolve() for p in (*names, root / CONFIG_DIR)}
    return sorted(p for p in dirs if p.is_dir())


def watch_changes(
    root: Path,
    stop_event: threading.Event | None = None,
    *,
    dirs: Callable[[Path], list[Path]] = input_dirs,
    poll: bool | None = None,
    ready: Callable[[], object] | None = None,
) -> Iterator[set[Path]]:
    """Yield the set of changed files each time the project's inputs change.

    Changes within a few tens of milliseconds are grouped. Stops when
    ``stop_event`` is set (from another thread); Ctrl+C ends it otherwise.
    ``ready`` is called once the watcher is running (within about a second):
    a change saved after that is seen, one saved before may not be.
    """
    import watchfiles

    stop = stop_event or threading.Event()
    while not stop.is_set():
        folders = dirs(root)
        if not folders:  # nothing to watch yet: look again in a moment
            stop.wait(0.5)
            continue
        restart = False
        for changes in watchfiles.watch(
            *folders,
            stop_event=stop,
            debounce=800,
            step=50,
            rust_timeout=1000,
            yield_on_timeout=True,
            force_polling=poll,
        ):
            if ready is not None:  # the first answer: the watcher is running
                ready()
                ready = None
            if changes:
                yield {Path(p) for _, p in changes}
            if dirs(root) != folders:  # the config names other folders, or one appeared
                restart = True
                break
        if restart:
            log.debug("watched folders changed; watching again")
            yield set()


def describe_changes(root: Path, changed: set[Path], limit: int = 5) -> str:
    """'briefings/x.yaml, seeds/y.txt and 3 more': the input files among ``changed``."""
    shown = []
    for p in changed:
        if p.suffix.lower() not in INPUT_SUFFIXES:
            continue
        try:
            shown.append(p.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            shown.append(str(p))
    shown.sort()
    more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more


def format_report(report) -> list[str]:
    """The lines `briefkit build` prints for a report, for the watch loop."""
    lines = []
    warnings = list(report.warnings)
    for o in report.outputs:
        warnings.extend(o.warnings)
    lines += ["warning: " + w.render() for w in warnings]
    built = [o for o in report.outputs if o.status == "built"]
    for o in built:
        pages = f"  ({o.pages} page{'s' if o.pages != 1 else ''})" if o.pages else ""
        lines.append(f"wrote {o.display}{pages}")
    lines += [e.render() for e in report.errors]
    unchanged = sum(1 for o in report.outputs if o.status == "unchanged")
    kind = "PDF(s)" if any(o.path.suffix == ".pdf" for o in report.outputs) else "file(s)"
    summary = f"built {len(built)} {kind}"
    if unchanged:
        summary += f", {unchanged} unchanged"
    summary += f", {len(report.errors)} error(s), {len(warnings)} warning(s)"
    lines.append(summary)
    return lines


def watch_and_build(project, options, echo: Callable[[str], object], *, stop_event=None) -> None:
    """Build now, then again each time an input changes, until Ctrl+C (or ``stop_event``).

    An error in a brief or the config is printed and the watch goes on:
    fixing the file rebuilds.
    """
    from .build import build
    from .project import Project

    root = project.root

    def run(project) -> None:
        try:
            if project is None:
                project = Project.load(root)
            report = build(project, options)
        except BriefkitError as exc:
            echo(exc.render())
            return
        for line in format_report(report):
            echo(line)

    run(project)
    watching = (
        f"watching {', '.join(project.display(d) + '/' for d in input_dirs(root))} (Ctrl+C to stop)"
    )
    try:
        # "watching" only once the watcher runs: a file saved right after it is seen
        for changed in watch_changes(root, stop_event, ready=lambda: echo(watching)):
            if changed:
                echo(f"changed: {describe_changes(root, changed) or 'project'}")
            run(None)
    except KeyboardInterrupt:
        echo("stopped watching")
