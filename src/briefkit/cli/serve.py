"""`briefkit serve`: a live HTML preview of every brief and audience."""

from __future__ import annotations

import click

from .common import settings


@click.command()
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default answers only this computer.",
)
@click.option(
    "--open/--no-open",
    "open_browser",
    default=True,
    show_default=True,
    help="Open the index page in the web browser.",
)
def serve(port: int, host: str, open_browser: bool) -> None:
    """Preview every brief × audience in the browser, rebuilt on each change.

    Pages are rendered with the same templates as the PDFs and reload by
    themselves when a brief, source, template or config file is saved; a
    problem shows on the page with its file:line:col. Each page links to its
    PDF, built on request into out/.

    Pages render in worker processes with the build's limits
    (BRIEFKIT_RENDER_TIMEOUT seconds, BRIEFKIT_MEMORY_LIMIT_MB): a template
    that never ends shows the build's error on its page, and the server
    answers all along.
    """
    from ..preview import serve as run_server

    s = settings()
    project = s.project()
    run_server(project.root, host=host, port=port, open_browser=open_browser, echo=click.echo)
