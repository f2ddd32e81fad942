"""`briefkit serve`: every brief × audience as HTML in the browser, live.

A preview page is rendered exactly as the PDF is (resolve_brief, compose,
TemplateSet.render: the same templates and context), with the template's
``output == "html"`` switch on so that assets come inline. Only the preview
gets the small toolbar and the script that reloads the page: both are added
to the rendered HTML here, never passed to a template, so no PDF or built
HTML file can carry them.

Each page renders in a worker process with a build's limits (memory, and
``BRIEFKIT_RENDER_TIMEOUT`` seconds): a template that loops for ever or eats
all memory shows the build's one-line error on its page, and the server
answers all along. The workers stay alive between rebuilds (see
``workers.PreviewPool``); a change while a rebuild is running cancels it and
starts again, so a fixed template shows without waiting for the broken one.

The server listens at once; until the first rebuild is done its pages say the
previews are being rendered, and reload by themselves when they are.

The pages are kept in memory and replaced as a whole after each rebuild;
``version`` goes up only when something shown changed, and each open page
long-polls ``/__briefkit/version`` to learn of it. A problem in a brief or the
config is shown on the page instead of the brief (file:line:col, hint) and
the server goes on; fixing the file brings the brief back.

The server answers only: the index, the previews, the version endpoint, a
PDF build on request, and files under the project's ``out/`` folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import logging
import mimetypes
import re
import signal
import sys
import threading
import traceback
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .errors import BriefkitError, BriefkitErrors

log = logging.getLogger(__name__)

PREFIX = "/__briefkit"
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}
POLL_TIMEOUT = 20.0  # seconds a version request waits for a change
# a browser that closes the connection while it is being answered
CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


# ---------------------------------------------------------------- snapshot


@dataclass
class BriefEntry:
    id: str
    title: str
    file: str
    audiences: list[str]


@dataclass
class Snapshot:
    """Everything the server shows, rendered in one go."""

    org: str = "briefkit"
    out_dir: Path | None = None
    briefs: list[BriefEntry] = field(default_factory=list)
    descriptions: dict[str, str] = field(default_factory=dict)
    pages: dict[tuple[str, str], str] = field(default_factory=dict)
    page_errors: dict[tuple[str, str], list[BriefkitError]] = field(default_factory=dict)
    brief_errors: dict[str, list[BriefkitError]] = field(default_factory=dict)
    project_errors: list[BriefkitError] = field(default_factory=list)
    warnings: list[BriefkitError] = field(default_factory=list)

    def digest(self) -> str:
        h = hashlib.sha256()
        for key in sorted(self.pages):
            h.update(repr(key).encode() + self.pages[key].encode())
        for errors in (self.page_errors, self.brief_errors):
            for key in sorted(errors, key=repr):
                h.update(repr(key).encode() + _errors_text(errors[key]).encode())
        h.update(_errors_text(self.project_errors + self.warnings).encode())
        h.update(repr([(b.id, b.title, b.file, b.audiences) for b in self.briefs]).encode())
        h.update(repr(sorted(self.descriptions.items())).encode())
        return h.hexdigest()


def _flat(exc: BriefkitError) -> list[BriefkitError]:
    return list(exc.errors) if isinstance(exc, BriefkitErrors) else [exc]


def _errors_text(errors: list[BriefkitError]) -> str:
    return "\n".join(e.render() for e in errors)


def render_snapshot(
    root: Path,
    ids_by_stem: dict[str, str] | None = None,
    *,
    pool=None,
    cancel: threading.Event | None = None,
) -> Snapshot | None:
    """Render every brief × audience of the project at ``root`` as preview HTML.

    Never raises a BriefkitError: each one is recorded where it belongs (the
    project, a brief, or one audience of a brief). ``ids_by_stem`` maps a
    brief file's name to the id it had last time, so that the errors of a
    brief that no longer loads are shown on its pages.

    Briefs are loaded and resolved here, as a build does; the pages are
    rendered in ``pool`` (default: the process's preview pool), never in
    this process. Returns None if ``cancel`` is set before the pages are done.
    """
    from .build import _assets, audiences_for, load_briefs
    from .corpus.load import Corpus
    from .project import Project
    from .render.env import TemplateSet
    from .resolve import resolve_brief
    from .workers import PageJob, new_generation, preview_pool

    snap = Snapshot()
    try:
        project = Project.load(root)
    except BriefkitError as exc:
        snap.project_errors.extend(_flat(exc))
        return snap
    snap.org = project.config.organisation.name
    snap.out_dir = project.out_dir
    snap.descriptions = {k: a.description or "" for k, a in project.config.audiences.items()}
    briefs, errors = load_briefs(project)
    for exc in errors:
        for err in _flat(exc):
            stem = Path(str(err.location.file)).stem if err.location else None
            if stem is None:
                snap.project_errors.append(err)
                continue
            bid = (ids_by_stem or {}).get(stem, stem)
            snap.brief_errors.setdefault(bid, []).append(err)
            if all(b.id != bid for b in snap.briefs):
                snap.briefs.append(BriefEntry(bid, bid, err.location.file, []))
    try:
        corpus = Corpus(project)
        snap.warnings.extend(corpus.problems)
        templates = TemplateSet(project.templates_dir, project.root)
        assets = _assets(project, templates)
    except BriefkitError as exc:
        snap.project_errors.extend(_flat(exc))
        return snap
    generation = new_generation()
    jobs: list[PageJob] = []
    for lb in briefs:
        if cancel is not None and cancel.is_set():
            return None
        bid = lb.brief.id
        audiences = audiences_for(project, lb.brief, ())
        snap.briefs.append(BriefEntry(bid, lb.brief.title, project.display(lb.path), audiences))
        try:
            resolved = resolve_brief(project, corpus, lb.brief, lb.loaded)
        except BriefkitError as exc:
            snap.brief_errors.setdefault(bid, []).extend(_flat(exc))
            continue
        snap.warnings.extend(resolved.warnings)
        for audience in audiences:
            jobs.append(PageJob(project.root, generation, resolved, audience, assets))
    results = (pool or preview_pool()).render(jobs, cancel) if jobs else []
    if results is None:
        return None
    for job, result in zip(jobs, results, strict=True):
        key = (job.resolved.brief.id, job.audience)
        if isinstance(result, BriefkitError):
            snap.page_errors[key] = _flat(result)
        else:
            snap.pages[key] = result
    snap.briefs.sort(key=lambda b: b.id)
    return snap


# ---------------------------------------------------------------- HTML


STYLE = """
body.bk-page{font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:60rem;
  margin:2rem auto;padding:0 1rem}
.bk-page h1{font-size:1.5rem}.bk-page a{color:#1f3a5f}
.bk-page table{border-collapse:collapse;width:100%}
.bk-page td,.bk-page th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;
  vertical-align:top}
.bk-error{border-left:4px solid #b3261e;background:#fdf1f0;padding:.6rem .9rem;margin:.8rem 0}
.bk-error .bk-where{font:600 14px/1.4 ui-monospace,monospace;white-space:pre-wrap;margin:0}
.bk-error pre{margin:.4rem 0 0;white-space:pre-wrap;font-size:13px}
.bk-error .bk-hint{margin:.4rem 0 0;color:#333}
.bk-warning{border-left-color:#b58400;background:#fdf8e8}
.bk-muted{color:#5f6b7a}
.bk-audiences dd{margin:0 0 .5rem 1rem}
"""

BAR_STYLE = (
    "position:fixed;right:12px;bottom:12px;z-index:2147483647;font:13px/1.4 system-ui,sans-serif;"
    "background:#1f3a5f;color:#fff;padding:6px 10px;border-radius:6px;"
    "box-shadow:0 2px 8px rgba(0,0,0,.3)"
)


def reload_script(version: int) -> str:
    """Wait for the next version (long poll), then reload, keeping the scroll position."""
    return f"""<script data-briefkit-preview>
(function () {{
  var v = {int(version)}, key = "briefkit-scroll:" + location.pathname;
  try {{
    var y = sessionStorage.getItem(key);
    if (y !== null) {{
      sessionStorage.removeItem(key);
      addEventListener("load", function () {{ scrollTo(0, +y); }});
    }}
  }} catch (e) {{}}
  function poll() {{
    fetch("{PREFIX}/version?since=" + v, {{cache: "no-store"}})
      .then(function (r) {{ if (!r.ok) throw r; return r.text(); }})
      .then(function (t) {{
        if (+t !== v) {{
          try {{ sessionStorage.setItem(key, String(scrollY)); }} catch (e) {{}}
          location.reload();
        }} else {{ poll(); }}
      }})
      .catch(function () {{ setTimeout(poll, 1000); }});
  }}
  poll();
}})();
</script>
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _preview_url(bid: str, audience: str) -> str:
    return f"/brief/{quote(bid)}/{quote(audience)}"


def _pdf_url(bid: str, audience: str) -> str:
    return f"{PREFIX}/pdf/{quote(bid)}/{quote(audience)}"


def toolbar(bid: str, audience: str, others: list[str]) -> str:
    links = " ".join(
        f'<a style="color:#fff;{"font-weight:700" if a == audience else ""}" '
        f'href="{_e(_preview_url(bid, a))}">{_e(a)}</a>'
        for a in others
    )
    return (
        f'<div data-briefkit-preview style="{BAR_STYLE}">'
        f'<a style="color:#fff" href="/">all briefs</a> · {_e(bid)}: {links} · '
        f'<a style="color:#fff;font-weight:700" href="{_e(_pdf_url(bid, audience))}" '
        'target="_blank">open PDF</a></div>\n'
    )


def inject(page: str, extra: str) -> str:
    """``extra`` just before ``</body>`` (or at the end of a page without one)."""
    at = page.lower().rfind("</body>")
    return page + extra if at < 0 else page[:at] + extra + page[at:]


def errors_html(errors: list[BriefkitError], css: str = "bk-error") -> str:
    parts = []
    for err in errors:
        block = f'<div class="{css}"><p class="bk-where">{_e(err.one_line())}</p>'
        if err.detail:
            block += f"<pre>{_e(err.detail)}</pre>"
        if err.hint:
            block += f'<p class="bk-hint">hint: {_e(err.hint)}</p>'
        parts.append(block + "</div>")
    return "\n".join(parts)


def audiences_html(descriptions: dict[str, str]) -> str:
    """The project's audiences, each with its ``description`` from the config."""
    items = "".join(
        f"<dt><strong>{_e(name)}</strong></dt>"
        f"<dd>{_e(about) if about else '<span class=bk-muted>(no description)</span>'}</dd>"
        for name, about in descriptions.items()
    )
    return f'<h2>Audiences</h2>\n<dl class="bk-audiences">{items}</dl>'


def page_html(title: str, body: str, version: int | None) -> str:
    """A page of the server's own; it reloads on the next change unless ``version`` is None."""
    script = reload_script(version) if version is not None else ""
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head>\n"
        f'<body class="bk-page">\n{body}\n{script}</body></html>\n'
    )


# ---------------------------------------------------------------- the site


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class PreviewSite:
    """The previews of one project, rebuilt on demand; thread-safe.

    Pages render in ``pool`` (default: the process's preview pool, whose
    workers have the build's limits).
    """

    def __init__(self, root: Path, pool=None) -> None:
        from .workers import preview_pool

        self.root = Path(root).resolve()
        self.pool = pool or preview_pool()
        self.snapshot = Snapshot()
        self.version = 0
        self.ready = False  # True once a rebuild has finished
        self.last_interrupted = False
        self._digest = ""
        self._ids_by_stem: dict[str, str] = {}
        self._changed = threading.Condition()
        # Rebuilds (and PDF builds) one at a time: the search index cache is
        # shared.
        self._work = threading.Lock()
        self._cancel: threading.Event | None = None  # the running rebuild's

    # -- rebuilding -----------------------------------------------------

    def interrupt(self) -> None:
        """Cancel the rebuild that is running, if any: its pages are out of date."""
        cancel = self._cancel
        if cancel is not None:
            cancel.set()

    def rebuild(self) -> bool:
        """Render everything again; return True if anything shown changed.

        False too when the rebuild was interrupted (see :meth:`interrupt`):
        what is shown stays as it was, and ``last_interrupted`` says so.
        """
        with self._work:
            cancel = self._cancel = threading.Event()
            try:
                snap = render_snapshot(self.root, self._ids_by_stem, pool=self.pool, cancel=cancel)
            except Exception as exc:
                log.debug("preview failed", exc_info=True)
                snap = Snapshot()
                snap.project_errors.append(
                    BriefkitError(
                        f"internal error: {type(exc).__name__}: {exc}",
                        detail=traceback.format_exc(limit=-3),
                        hint="this is a bug in briefkit; please report it with this message",
                    )
                )
            finally:
                self._cancel = None
        self.last_interrupted = snap is None
        if snap is None:
            return False
        for b in snap.briefs:
            stem = Path(b.file).stem
            if b.audiences:  # loaded: remember its id
                self._ids_by_stem[stem] = b.id
        digest = snap.digest()
        with self._changed:
            self.snapshot = snap
            self.ready = True
            if digest == self._digest:
                return False
            self._digest = digest
            self.version += 1
            self._changed.notify_all()
        return True

    def wait_version(self, since: int, timeout: float = POLL_TIMEOUT) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.version != since, timeout=timeout)
            return self.version

    def summary(self) -> str:
        s = self.snapshot
        n_err = (
            len(s.project_errors)
            + sum(map(len, s.brief_errors.values()))
            + sum(map(len, s.page_errors.values()))
        )
        return f"{len(s.pages)} preview(s), {n_err} error(s)"

    # -- pages ----------------------------------------------------------

    def rendering(self) -> Response:
        """The page shown until the first rebuild is done; it reloads when it is."""
        body = (
            "<h1>Rendering the previews…</h1>"
            "<p>This page reloads by itself when they are ready.</p>"
        )
        return Response(200, page_html("rendering the previews", body, self.version).encode())

    def index(self) -> Response:
        with self._changed:
            s, version, ready = self.snapshot, self.version, self.ready
        if not ready:
            return self.rendering()
        rows = []
        for b in s.briefs:
            links = []
            for a in b.audiences:
                about = s.descriptions.get(a)
                tip = f' title="{_e(about)}"' if about else ""
                if (b.id, a) in s.pages:
                    links.append(
                        f'<a href="{_e(_preview_url(b.id, a))}"{tip}>{_e(a)}</a> '
                        f'<a class="bk-muted" href="{_e(_pdf_url(b.id, a))}">(PDF)</a>'
                    )
                else:
                    links.append(
                        f'<a href="{_e(_preview_url(b.id, a))}"{tip}>{_e(a)}</a> (error)'
                    )
            problems = s.brief_errors.get(b.id, []) + [
                e for a in b.audiences for e in s.page_errors.get((b.id, a), [])
            ]
            rows.append(
                f"<tr><td><strong>{_e(b.title)}</strong><br><span class=bk-muted>{_e(b.id)} · "
                f"{_e(b.file)}</span>{errors_html(problems)}</td><td>{'<br>'.join(links)}</td></tr>"
            )
        body = [f"<h1>{_e(s.org)}: briefs</h1>"]
        if s.project_errors:
            body.append(errors_html(s.project_errors))
        if rows:
            body.append(
                "<table><tr><th>brief</th><th>audiences</th></tr>" + "".join(rows) + "</table>"
            )
        elif not s.project_errors:
            body.append("<p>No briefs yet: add one with <code>briefkit new brief NAME</code>.</p>")
        if s.descriptions:
            body.append(audiences_html(s.descriptions))
        if s.warnings:
            body.append("<h2>Warnings</h2>" + errors_html(s.warnings, "bk-error bk-warning"))
        body.append(
            '<p class="bk-muted">This page and every preview reload by themselves when a brief, '
            "source, template or config file changes.</p>"
        )
        return Response(200, page_html(f"{s.org}: briefs", "\n".join(body), version).encode())

    def preview(self, bid: str, audience: str) -> Response:
        with self._changed:
            s, version, ready = self.snapshot, self.version, self.ready
        if not ready:
            return self.rendering()
        page = s.pages.get((bid, audience))
        if page is not None and not s.project_errors:
            entry = next((b for b in s.briefs if b.id == bid), None)
            others = entry.audiences if entry else [audience]
            extra = toolbar(bid, audience, others) + reload_script(version)
            return Response(200, inject(page, extra).encode())
        errors = s.project_errors or s.page_errors.get((bid, audience)) or s.brief_errors.get(bid)
        if errors:
            body = (
                f"<h1>{_e(bid)} ({_e(audience)}): build error</h1>"
                "<p>Fix the file and save it: this page reloads by itself. "
                '<a href="/">All briefs</a></p>' + errors_html(errors)
            )
            return Response(200, page_html(f"error: {bid}", body, version).encode())
        body = (
            f"<h1>No preview of {_e(bid)} for {_e(audience)}</h1>"
            "<p>There is no such brief, or it is not built for this audience. "
            '<a href="/">All briefs</a></p>'
        )
        return Response(404, page_html("not found", body, version).encode())

    def pdf(self, bid: str, audience: str) -> Response:
        """Build (or reuse) the PDF of one brief × audience, then send the browser to it."""
        from .build import BuildOptions, build
        from .project import Project

        with self._work:
            try:
                project = Project.load(self.root)
                report = build(project, BuildOptions(briefs=(bid,), audiences=(audience,)))
                errors = list(report.errors)
                out = next(
                    (
                        o
                        for o in report.outputs
                        if o.brief == bid and o.audience == audience and o.status != "failed"
                    ),
                    None,
                )
            except BriefkitError as exc:
                errors, out, project = _flat(exc), None, None
        if out is not None and not errors and project is not None:
            rel = out.path.resolve().relative_to(project.out_dir.resolve()).as_posix()
            stamp = int(out.path.stat().st_mtime)
            return Response(303, headers={"Location": f"/out/{quote(rel)}?v={stamp}"})
        errors = errors or [BriefkitError(f"no PDF of '{bid}' for audience '{audience}'")]
        body = f"<h1>PDF of {_e(bid)} ({_e(audience)}) not built</h1>" + errors_html(errors)
        return Response(422, page_html("PDF not built", body, self.version).encode())

    def out_file(self, rel: str) -> Response:
        """A file under out/, and nothing else: no '..', no links leading out."""
        out_dir = self.snapshot.out_dir
        parts = rel.split("/")
        if out_dir is None or any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in parts):
            return not_found()
        base = out_dir.resolve()
        path = (base / rel).resolve()
        if base not in path.parents or not path.is_file():
            return not_found()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Response(200, path.read_bytes(), ctype)

    # -- routing --------------------------------------------------------

    def handle(self, target: str) -> Response:
        """Answer a GET for ``target`` (path and query of the request)."""
        url = urlsplit(target)
        path = unquote(url.path)
        if path in ("/", "/index.html"):
            return self.index()
        if path == f"{PREFIX}/version":
            try:
                since = int(parse_qs(url.query).get("since", ["-1"])[0])
            except ValueError:
                since = -1
            version = self.wait_version(since) if since >= 0 else self.version
            return Response(200, str(version).encode(), "text/plain; charset=utf-8")
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "brief":
            return self.preview(parts[1], parts[2])
        if path.startswith(f"{PREFIX}/pdf/") and len(parts) == 4:
            return self.pdf(parts[2], parts[3])
        if path.startswith("/out/"):
            return self.out_file(path[len("/out/") :])
        if path == "/favicon.ico":
            return Response(204)
        return not_found()


def not_found() -> Response:
    return Response(
        404,
        page_html("not found", "<h1>Not found</h1><p><a href=/>All briefs</a></p>", None).encode(),
    )


# ---------------------------------------------------------------- the server


class _Handler(BaseHTTPRequestHandler):
    site: PreviewSite
    server_version = "briefkit-preview"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, *, head: bool) -> None:
        if not self._host_allowed():
            response = Response(403, b"forbidden host", "text/plain; charset=utf-8")
        else:
            try:
                response = self.site.handle(self.path)
            except Exception:
                log.warning("preview: error answering %s", self.path, exc_info=True)
                response = Response(
                    500, b"internal error; see the terminal", "text/plain; charset=utf-8"
                )
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if not head:
                self.wfile.write(response.body)
        except CLIENT_GONE:
            # the browser went away mid-answer (a reload, a closed tab): nothing to say
            log.debug("preview: client left before %s was sent", self.path)
            self.close_connection = True

    def finish(self) -> None:
        with contextlib.suppress(CLIENT_GONE):
            super().finish()

    def _host_allowed(self) -> bool:
        # A page on another site must not read the previews through a DNS
        # name that points at 127.0.0.1: when bound to loopback, only
        # loopback names (and this server's port) are answered.
        bound, port = self.server.server_address[:2]
        if bound not in LOOPBACK_NAMES:
            return True
        hosts = self.headers.get_all("Host") or []
        return len(hosts) == 1 and host_allowed(hosts[0], port)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("preview: " + format, *args)


# host[:port] and nothing else: a name or IPv4 address, or an IPv6 one in brackets
_HOST = re.compile(
    r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9.-]+))(?::(?P<port>[0-9]{1,5}))?"
)


def host_allowed(host: str, port: int) -> bool:
    """Whether a Host header names this loopback server: a loopback name, and its port if any.

    Parsed strictly, so that ``127.0.0.1:8000@evil.example`` or
    ``localhost:8000, evil.example`` is not taken for ``127.0.0.1``.
    """
    m = _HOST.fullmatch(host.strip(" \t"))
    if m is None:
        return False
    name = (m["name"] or f"[{m['v6']}]").lower()
    if name not in LOOPBACK_NAMES:
        return False
    return m["port"] is None or int(m["port"]) == port


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up is not an error; anything else is printed as before."""
        if isinstance(sys.exc_info()[1], CLIENT_GONE):
            log.debug("preview: client %s hung up", client_address)
            return
        super().handle_error(request, client_address)


def make_server(site: PreviewSite, host: str = "127.0.0.1", port: int = 8000) -> PreviewServer:
    """A server for ``site``, bound now (port 0: any free port), not yet serving."""
    handler = type("PreviewHandler", (_Handler,), {"site": site})
    try:
        return PreviewServer((host, port), handler)
    except OSError as exc:
        raise BriefkitError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}",
            hint=f"is another server using it? try `briefkit serve --port {port + 1}`",
        ) from None


def watch_site(site: PreviewSite, stop: threading.Event, echo, *, first=None) -> None:
    """Rebuild ``site`` on every change of the project's inputs until ``stop`` is set.

    Rebuilds run in a thread of their own: a change seen while one is running
    interrupts it (a broken template's pages may take the full render time
    limit), and the next one starts at once with every change since. With
    ``first`` (a callable), the site is built at the start, then ``first()``
    is called in place of a line being echoed.
    """
    from .watch import describe_changes, watch_changes

    wanted = threading.Condition()
    todo: set[Path] = set()
    state = {"pending": first is not None, "done": False}

    def builder() -> None:
        initial = first is not None
        shown: set[Path] = set()
        while True:
            with wanted:
                while not (state["pending"] or state["done"] or stop.is_set()):
                    wanted.wait(0.25)
                if state["done"] or stop.is_set():
                    return
                state["pending"] = False
                shown |= todo
                todo.clear()
            changed = site.rebuild()
            if stop.is_set():
                return
            if site.last_interrupted:
                continue  # the next rebuild shows these changes too
            if initial:
                initial = False
                first()
            elif changed:
                what = describe_changes(site.root, shown, 3) or "project"
                echo(f"{what} changed: {site.summary()}")
            shown = set()

    thread = threading.Thread(target=builder, name="briefkit-rebuild", daemon=True)
    thread.start()
    try:
        for changed in watch_changes(site.root, stop):
            with wanted:
                todo.update(changed)
                state["pending"] = True
                wanted.notify_all()
            site.interrupt()
    finally:
        with wanted:
            state["done"] = True
            wanted.notify_all()
        site.interrupt()
        thread.join(5)


READY_WAIT_S = 10.0  # how long `serve` waits for the first previews before it prints its URL


def serve(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = True,
    echo=print,
    ready=None,
) -> None:
    """Preview the project at ``root`` until Ctrl+C. ``ready(url)`` is called once it listens.

    The server answers at once (pages say the previews are being rendered
    until they are); the URL is printed with the number of previews when the
    first rebuild is done, or after READY_WAIT_S without them.
    """
    site = PreviewSite(root)
    site.pool.start()  # workers start (and warm up) before any thread does
    server = make_server(site, host, port)
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{server.server_address[1]}/"
    stop = threading.Event()
    built = threading.Event()
    said = threading.Lock()
    announced = [False]

    def first() -> None:
        with said:
            built.set()
            if announced[0]:
                echo(f"previews rendered: {site.summary()}")

    def announce() -> None:
        built.wait(READY_WAIT_S)
        with said:
            if built.is_set():
                echo(f"serving {url}  ({site.summary()}; Ctrl+C to stop)")
            else:
                echo(f"serving {url}  (rendering the previews; Ctrl+C to stop)")
            announced[0] = True
        if ready is not None:
            ready(url)
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    watcher = threading.Thread(
        target=watch_site,
        args=(site, stop, echo),
        kwargs={"first": first},
        name="briefkit-watch",
        daemon=True,
    )
    watcher.start()
    threading.Thread(target=announce, name="briefkit-announce", daemon=True).start()
    old_term = None
    if threading.current_thread() is threading.main_thread():  # `kill` stops it as Ctrl+C does
        old_term = signal.signal(signal.SIGTERM, _interrupt)
    stopped = False
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        stopped = True
    finally:
        stop.set()
        site.interrupt()
        server.server_close()
        site.pool.kill()  # a worker may be deep in a runaway template: do not wait for it
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    if stopped:
        echo("stopped")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
