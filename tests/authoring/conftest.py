"""Fixtures for the authoring loop: a project made by `briefkit init`, a live preview server."""

from __future__ import annotations

import selectors
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest


@pytest.fixture
def new_project(tmp_path: Path) -> Path:
    """A fresh project, exactly as `briefkit init` makes it."""
    from briefkit.scaffold import init_project

    root = tmp_path / "proj"
    init_project(root)
    return root


class Server:
    def __init__(self, site, httpd) -> None:
        self.site = site
        self.httpd = httpd
        self.url = f"http://127.0.0.1:{httpd.server_address[1]}"

    def get(self, path: str, timeout: float = 30) -> tuple[int, str, dict]:
        """(status, body, headers) of a GET; redirects are not followed."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(self.url + path, timeout=timeout) as r:
                return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)


@pytest.fixture
def server(new_project: Path):
    """The preview of ``new_project``, served on a free port in a thread (no file watcher)."""
    from briefkit.preview import PreviewSite, make_server

    site = PreviewSite(new_project)
    site.rebuild()
    httpd = make_server(site, "127.0.0.1", 0)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield Server(site, httpd)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def served(new_project: Path):
    """`briefkit serve --port 0` in its own process, in ``new_project``; yields the base URL."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from briefkit.cli import main; main()",
            "serve",
            "--port",
            "0",
            "--no-open",
        ],
        cwd=new_project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with selectors.DefaultSelector() as sel:  # never wait for ever for the first line
            sel.register(proc.stdout, selectors.EVENT_READ)
            assert sel.select(timeout=60), "briefkit serve printed nothing in 60 s"
        line = proc.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:"), line + proc.stdout.read()
        assert line.endswith("(3 preview(s), 0 error(s); Ctrl+C to stop)\n"), line
        yield line.split()[1].rstrip("/")
    finally:
        proc.terminate()
        proc.wait(10)
