"""Render outputs in worker processes, with limits on time and memory.

WeasyPrint is not thread-safe, and a template or brief from an untrusted hand
could make it run for ever or eat all memory, so every render happens in a
child process: ``-j N`` children at once, each with an address-space limit and
a per-output alarm. A child that dies takes only its own output with it.

``briefkit serve`` renders its previews the same way: :class:`PreviewPool`
keeps limited workers alive across rebuilds (warm, so an edit shows in a
fraction of a second), renders each brief × audience page in one of them,
and kills and replaces a worker that does not answer.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BriefkitError, Location, RenderError

RENDER_TIMEOUT_S = int(os.environ.get("BRIEFKIT_RENDER_TIMEOUT", "120"))
MEMORY_LIMIT_BYTES = int(os.environ.get("BRIEFKIT_MEMORY_LIMIT_MB", "4096")) * 1024 * 1024
# Previews: workers kept alive (at most 4, one per CPU), and how long past its
# alarm a worker may stay silent before it is killed and replaced.
PREVIEW_WORKERS = max(1, min(4, os.cpu_count() or 1))
STUCK_GRACE_S = 10.0
CANCEL_GRACE_S = 1.0  # a cancelled batch waits this long for pages being rendered


class _RenderTimeout(BaseException):
    """Raised by the alarm; a BaseException so no broad `except Exception` swallows it.

    ``where`` is (file, line) of the template line that was running, if any.
    """

    def __init__(self, where: tuple[str, int | None] | None = None) -> None:
        super().__init__()
        self.where = where


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


def _init_worker(environ: dict[str, str] | None = None) -> None:
    """Set up a worker: Ctrl-C to the parent, the memory limit, and the parent's
    environment as it is now (a forkserver's children would otherwise see it as
    it was when the server started: SOURCE_DATE_EPOCH, BRIEFKIT_* limits)."""
    global RENDER_TIMEOUT_S, MEMORY_LIMIT_BYTES
    if environ is not None and environ != dict(os.environ):
        os.environ.clear()
        os.environ.update(environ)
        RENDER_TIMEOUT_S = int(os.environ.get("BRIEFKIT_RENDER_TIMEOUT", "120"))
        MEMORY_LIMIT_BYTES = int(os.environ.get("BRIEFKIT_MEMORY_LIMIT_MB", "4096")) * 1024 * 1024
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # A worker whose parent is gone (killed, or a server stopped while this
    # worker was deep in a template) ends too: nothing would read its work.
    parent = os.getppid()

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=orphaned, name="briefkit-orphan-check", daemon=True).start()
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
    raise _RenderTimeout(_template_line(frame))


def _template_line(frame) -> tuple[str, int | None] | None:
    """(file, line) of the innermost template code in the stack that ends at ``frame``."""
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            try:
                line = template.get_corresponding_lineno(frame.f_lineno)
            except Exception:  # a location is a nicety
                line = None
            return frame.f_code.co_filename, line
        frame = frame.f_back
    return None


def _traceback_template_line(tb) -> tuple[str, int | None] | None:
    """(file, line) of the innermost template frame of a traceback (Jinja rewrites them)."""
    where = None
    while tb is not None:
        g = tb.tb_frame.f_globals
        if "__jinja_template__" in g:
            try:
                line = g["__jinja_template__"].get_corresponding_lineno(tb.tb_lineno)
            except Exception:  # a location is a nicety
                line = None
            where = (tb.tb_frame.f_code.co_filename, line)
        elif "__jinja_exception__" in g:  # a frame Jinja made to point at the template line
            where = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def timeout_error(brief: str, audience: str, location: Location | None = None) -> RenderError:
    """The error for a render stopped by its alarm (the same in a build and a preview)."""
    return RenderError(
        f"rendering '{brief}' for '{audience}' took longer than {RENDER_TIMEOUT_S} s; stopped",
        location=location,
        hint="check the template for loops over large data, or set BRIEFKIT_RENDER_TIMEOUT",
    )


def memory_error(brief: str, audience: str, location: Location | None = None) -> RenderError:
    return RenderError(
        f"rendering '{brief}' for '{audience}' ran out of memory",
        location=location,
        hint="simplify the template or brief, or set BRIEFKIT_MEMORY_LIMIT_MB",
    )


def died_error(brief: str, audience: str) -> RenderError:
    return RenderError(
        f"the process rendering '{brief}' for '{audience}' died",
        hint="it may have run out of memory; run with -j 1 --debug and please report it",
    )


@contextlib.contextmanager
def _limited(brief: str, audience: str, locate=None):
    """Run the body under the render alarm; a timeout or MemoryError becomes a RenderError.

    ``locate(where)`` turns the (file, line) of the template code that was
    running into the error's Location (None: the error has none).
    """

    def location(where) -> Location | None:
        return locate(where) if locate is not None else None

    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(RENDER_TIMEOUT_S)
    try:
        yield
    except _RenderTimeout as exc:
        signal.alarm(0)
        raise timeout_error(brief, audience, location(exc.where)) from None
    except MemoryError as exc:
        signal.alarm(0)
        where = _traceback_template_line(exc.__traceback__)
        del exc  # its traceback holds the frames that hold the memory
        raise memory_error(brief, audience, location(where)) from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _shown(project, path: Path) -> str:
    """``path`` relative to the project as written, links not followed (for messages)."""
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


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

    out_root = job.options.out or project.out_dir

    def write(path: Path, data: bytes, *, display: str | None = None) -> None:
        atomic_write(
            path,
            data,
            display=display or _shown(project, path),
            root=out_root,
            root_display=project.display(out_root),
        )
        written.append(path)

    try:
        with _limited(job.output.brief, job.audience):
            render_one(
                project, templates, job.resolved, job.audience, job.output, job.options, write
            )
        return JobResult(job.key, job.output, None, written)
    except BriefkitError as exc:
        job.output.status = "failed"
        return JobResult(job.key, job.output, exc, written)


def _executor(workers: int) -> ProcessPoolExecutor:
    """``workers`` limited worker processes (see _init_worker)."""
    # fork is cheapest, but forking a process that runs other threads (a
    # preview server, a file watcher) can deadlock the child on a lock one
    # of them held: start workers from a clean server process then.
    method = "fork" if threading.active_count() == 1 else "forkserver"
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(dict(os.environ),),
    )


class RenderPool:
    """Worker processes that start at once and take jobs as they come.

    Workers import WeasyPrint while the parent is still resolving briefs, and
    render the first brief's outputs while the next brief is resolved.
    """

    def __init__(self, workers: int, on_result) -> None:
        self.workers = max(1, workers)
        self.pool = _executor(self.workers)
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
                        job.key, job.output, died_error(job.output.brief, job.audience)
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


# ---------------------------------------------------------------- previews


@dataclass
class PageJob:
    """One preview page: a resolved brief rendered as HTML for one audience.

    ``generation`` names one state of the project: a worker loads the project
    and its templates afresh when it changes (once per preview rebuild).
    """

    root: Path
    generation: str
    resolved: Any  # ResolvedBrief
    audience: str
    assets: dict[str, str]


def new_generation() -> str:
    return uuid.uuid4().hex


def run_page(job: PageJob) -> str | BriefkitError:
    """The page's HTML, or the error that stopped it (never raised: returned)."""
    from .compose import audience_settings, compose
    from .project import Project
    from .render.env import TemplateSet

    brief = job.resolved.brief
    try:
        cached = _worker_state.get("preview")
        if cached is None or cached[:2] != (job.root, job.generation):
            project = Project.load(job.root)
            # Compiled templates are kept from one rebuild to the next (Jinja
            # reloads a file that changed) while the same files are there: a
            # new file may override a built-in one that is cached.
            key = (job.root, project.templates_dir, _template_files(project.templates_dir))
            if cached is not None and cached[3] == key:
                templates = cached[4]
            else:
                templates = TemplateSet(project.templates_dir, project.root)
            _worker_state["preview"] = (job.root, job.generation, project, key, templates)
        _, _, project, _, templates = _worker_state["preview"]
        settings = audience_settings(project.config, brief, job.audience)

        def locate(where) -> Location | None:
            if where is not None:
                return Location(templates.display(where[0]), where[1])
            origin = templates.origin(settings.template)  # the audience's template, no line
            return Location(templates.display(str(origin[1]))) if origin else None

        with _limited(brief.id, job.audience, locate):
            composed = compose(job.resolved, settings, project.config, assets=job.assets)
            return templates.render(settings.template, composed.recorder().context("html"))
    except BriefkitError as exc:
        return exc


def _template_files(folder: Path | None) -> frozenset[str]:
    if folder is None or not folder.is_dir():
        return frozenset()
    return frozenset(
        os.path.relpath(os.path.join(dirpath, f), folder)
        for dirpath, _dirs, files in os.walk(folder)
        for f in files
    )


def _warm_preview() -> None:
    # what a page render imports, before the first page arrives (not WeasyPrint)
    from . import compose, project, resolve  # noqa: F401
    from .render import env  # noqa: F401


class PreviewPool:
    """Limited worker processes kept alive across renders, for `briefkit serve`.

    Each page renders in a worker with a build's limits (memory, and
    RENDER_TIMEOUT_S on a per-page alarm). A worker that stays silent
    STUCK_GRACE_S past its alarm, or that is still busy when its batch is
    cancelled, is killed and the pool started again; one that dies is
    replaced. Thread-safe; one batch at a time.
    """

    def __init__(self, workers: int = PREVIEW_WORKERS) -> None:
        self.workers = max(1, workers)
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # one batch at a time
        self._guard = threading.Lock()  # self._executor

    def start(self) -> PreviewPool:
        """Start the workers now (warming their imports) rather than at the first page."""
        self._ensure()
        return self

    def _ensure(self) -> ProcessPoolExecutor:
        with self._guard:
            ex = self._executor
            if ex is None or getattr(ex, "_broken", False):
                if ex is not None:
                    ex.shutdown(wait=False, cancel_futures=True)
                ex = self._executor = _executor(self.workers)
                for _ in range(self.workers):
                    ex.submit(_warm_preview)
            return ex

    def kill(self) -> None:
        """Kill every worker (which one is stuck is not known); new ones start on demand."""
        with self._guard:
            ex, self._executor = self._executor, None
        if ex is None:
            return
        for proc in list((getattr(ex, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                proc.kill()
        ex.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._guard:
            ex, self._executor = self._executor, None
        if ex is not None:
            ex.shutdown(wait=True, cancel_futures=True)

    def render(
        self, jobs: list[PageJob], cancel: threading.Event | None = None
    ) -> list[str | BriefkitError] | None:
        """Each job's page or error, in order; None if ``cancel`` was set first."""
        with self._lock:
            return self._render(jobs, cancel)

    def _render(self, jobs, cancel):
        results: list[str | BriefkitError | None] = [None] * len(jobs)
        futures: dict[Future, int] = {}
        for i, job in enumerate(jobs):
            try:
                fut = self._ensure().submit(run_page, job)
            except (BrokenProcessPool, RuntimeError):  # broken since: start again, once
                self.kill()
                fut = self._ensure().submit(run_page, job)
            futures[fut] = i
        pending = set(futures)
        patience = RENDER_TIMEOUT_S + STUCK_GRACE_S
        deadline = time.monotonic() + patience
        broken = False
        while pending:
            done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for fut in done:
                job = jobs[futures[fut]]
                results[futures[fut]], died = _page_result(fut, job)
                broken |= died
            now = time.monotonic()
            if done:  # each worker's alarm bounds the time between two answers
                deadline = now + patience
            if cancel is not None and cancel.is_set():
                for fut in pending:
                    fut.cancel()
                busy = [f for f in pending if not f.cancelled()]
                if busy and wait(busy, timeout=CANCEL_GRACE_S).not_done:
                    self.kill()
                return None
            if pending and now > deadline:  # the alarm did not stop it: kill
                self.kill()
                for fut in pending:
                    job = jobs[futures[fut]]
                    results[futures[fut]] = timeout_error(job.resolved.brief.id, job.audience)
                pending = set()
        if broken:
            self.kill()
        return results  # type: ignore[return-value]


def _page_result(fut: Future, job: PageJob) -> tuple[str | BriefkitError, bool]:
    """(page or error, whether the worker died)."""
    brief, audience = job.resolved.brief.id, job.audience
    try:
        return fut.result(), False
    except BrokenProcessPool:
        return died_error(brief, audience), True
    except CancelledError:
        return timeout_error(brief, audience), False
    except _RenderTimeout:  # the alarm rang just as the page was done
        return timeout_error(brief, audience), False
    except Exception as exc:  # a bug in briefkit, shown on the page
        return BriefkitError(
            f"internal error rendering '{brief}' for '{audience}': {type(exc).__name__}: {exc}",
            hint="this is a bug in briefkit; please report it with this message",
        ), False


_shared: PreviewPool | None = None
_shared_lock = threading.Lock()


def preview_pool() -> PreviewPool:
    """The process's one preview pool (started on first use)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = PreviewPool()
        return _shared
