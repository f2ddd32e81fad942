"""Render outputs in worker processes, with limits on time and memory.

WeasyPrint is not thread-safe, and a template or brief from an untrusted hand
could make it run for ever or eat all memory, so every render happens in a
child process: ``-j N`` children at once, each with an address-space limit and
a per-output alarm. A child that dies takes only its own output with it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BriefkitError, RenderError

RENDER_TIMEOUT_S = int(os.environ.get("BRIEFKIT_RENDER_TIMEOUT", "120"))
MEMORY_LIMIT_BYTES = int(os.environ.get("BRIEFKIT_MEMORY_LIMIT_MB", "4096")) * 1024 * 1024


class _RenderTimeout(BaseException):
    """Raised by the alarm; a BaseException so no broad `except Exception` swallows it."""


@dataclass
class Job:
    key: int
    root: Path
    resolved: Any  # ResolvedBrief
    audience: str
    output: Any  # build.Output
    options: Any  # build.BuildOptions


@dataclass
class JobResult:
    key: int
    output: Any
    error: BriefkitError | None = None
    written: list[Path] = field(default_factory=list)


_worker_state: dict[str, Any] = {}


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = (
            MEMORY_LIMIT_BYTES if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT_BYTES, hard)
        )
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def _on_alarm(signum, frame):  # pragma: no cover - exercised via a hostile template test
    raise _RenderTimeout()


def run_job(job: Job) -> JobResult:
    from .build import render_one
    from .project import Project
    from .publish.files import atomic_write
    from .render.env import TemplateSet

    cached = _worker_state.get("project")
    if cached is None or cached[0] != job.root:
        project = Project.load(job.root)
        templates = TemplateSet(project.templates_dir, project.root)
        _worker_state["project"] = (job.root, project, templates)
    _, project, templates = _worker_state["project"]
    written: list[Path] = []

    def write(path: Path, data: bytes, *, display: str | None = None) -> None:
        atomic_write(path, data, display=display)
        written.append(path)

    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(RENDER_TIMEOUT_S)
    try:
        render_one(project, templates, job.resolved, job.audience, job.output, job.options, write)
        return JobResult(job.key, job.output, None, written)
    except BriefkitError as exc:
        job.output.status = "failed"
        return JobResult(job.key, job.output, exc, written)
    except _RenderTimeout:
        job.output.status = "failed"
        err = RenderError(
            f"rendering '{job.output.brief}' for '{job.audience}' took longer than {RENDER_TIMEOUT_S} s; stopped",
            hint="check the template for loops over large data, or set BRIEFKIT_RENDER_TIMEOUT",
        )
        return JobResult(job.key, job.output, err, written)
    except MemoryError:
        job.output.status = "failed"
        err = RenderError(
            f"rendering '{job.output.brief}' for '{job.audience}' ran out of memory",
            hint="simplify the template or brief, or set BRIEFKIT_MEMORY_LIMIT_MB",
        )
        return JobResult(job.key, job.output, err, written)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


class RenderPool:
    """Worker processes that start at once and take jobs as they come.

    Workers import WeasyPrint while the parent is still resolving briefs, and
    render the first brief's outputs while the next brief is resolved.
    """

    def __init__(self, workers: int, on_result) -> None:
        import threading

        # fork is cheapest, but forking a process that runs other threads (a
        # preview server, a file watcher) can deadlock the child on a lock one
        # of them held: start workers from a clean server process then.
        method = "fork" if threading.active_count() == 1 else "forkserver"
        self.workers = max(1, workers)
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
        )
        self.on_result = on_result
        self.pending: dict[Future, Job] = {}
        for _ in range(self.workers):  # start every worker now, warming its imports
            self.pool.submit(_warm)

    def submit(self, job: Job) -> None:
        self.pending[self.pool.submit(run_job, job)] = job
        self._collect(block=False)

    def _collect(self, *, block: bool) -> None:
        while self.pending:
            done, _ = wait(self.pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
            if not done:
                return
            for fut in done:
                job = self.pending.pop(fut)
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    job.output.status = "failed"
                    result = JobResult(
                        job.key,
                        job.output,
                        RenderError(
                            f"the process rendering '{job.output.brief}' for '{job.audience}' died",
                            hint="it may have run out of memory; run with -j 1 --debug and please report it",
                        ),
                    )
                self.on_result(result)

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                self._collect(block=True)
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _warm() -> None:
    from . import build  # noqa: F401
    from .deps import import_weasyprint
    from .errors import DependencyError

    # the slow import, done before the first job arrives; if a library is
    # missing, each job reports it as a DependencyError
    with contextlib.suppress(DependencyError):
        import_weasyprint()
