"""The fetcher refuses every URL outside the template folders, names the
template in the warning, fails with --strict, and never reads or contacts
what it refuses."""

from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest

from briefkit.render.fetcher import RefusedURL, SafeURLFetcher

from .conftest import make_project, run


@pytest.fixture(scope="module")
def server():
    """A local HTTP server that counts requests: a template must never reach it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"body{}")

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, server) -> tuple[Path, str]:
    url, _hits = server
    root = make_project(tmp_path_factory.mktemp("hostile") / "proj")
    templates = root / "templates"
    templates.mkdir()
    secret = tmp_path_factory.mktemp("outside") / "secret.png"
    secret.write_bytes(b"not for templates")
    os.symlink(secret, templates / "link.png")
    (templates / "newsletter.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block style %}\n"
        f'@font-face {{ font-family: Remote; src: url("{url}/font.ttf"); }}\n'
        "{% endblock %}\n"
        "{% block body %}<h1>{{ brief.title }}</h1>\n"
        f'<link rel="stylesheet" href="{url}/style.css">\n'
        f'<style>@import url("{url}/import.css");</style>\n'
        f'<link rel="attachment" href="{url}/attach.pdf">\n'
        f'<img src="{url}/pixel.png" alt="remote">\n'
        '<img src="file:///etc/passwd" alt="passwd">\n'
        '<img src="../../../../../../../etc/hostname" alt="escape">\n'
        '<img src="link.png" alt="link">\n'
        '<p style="font-family: Remote">x</p>\n'
        "{% endblock %}\n"
    )
    return root, url


@pytest.fixture(scope="module")
def warned(hostile, server):
    root, _url = hostile
    result = run(root, "build", "different-baskets", "-a", "newsletter")
    return result


@pytest.mark.parametrize(
    "what",
    [
        "/font.ttf",
        "/import.css",
        "/style.css",
        "/attach.pdf",
        "/pixel.png",
        "file:///etc/passwd",
        "/etc/hostname",
        "link.png",
    ],
)
def test_each_url_kind_is_refused_with_a_warning_naming_the_template(warned, what):
    assert warned.exit_code == 0, warned.output
    lines = [line for line in warned.output.splitlines() if what in line and "refused" in line]
    assert lines, warned.output
    assert all(line.startswith("warning: templates/newsletter.html: ") for line in lines), lines


def test_nothing_was_contacted(warned, server):
    _url, hits = server
    assert hits == []


def test_strict_turns_refusals_into_errors(hostile):
    root, _url = hostile
    result = run(
        root, "build", "different-baskets", "-a", "newsletter", "--strict", "-o", str(root / "o2")
    )
    assert result.exit_code == 2
    assert "templates/newsletter.html: template refused to load" in result.output


def test_fetcher_refuses_without_opening(tmp_path):
    allowed = tmp_path / "templates"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p{}")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    os.symlink(outside, allowed / "out.css")
    fetcher = SafeURLFetcher([allowed], context="templates/x.html")
    fetcher.fetch((allowed / "ok.css").as_uri())  # inside: served
    for url in (
        "https://example.org/x.css",
        "http://127.0.0.1:9/x.css",
        "ftp://example.org/x",
        "file:///etc/passwd",
        (allowed / ".." / "outside.txt").as_uri(),
        (allowed / "out.css").as_uri(),
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 6


def test_a_template_linking_out_is_not_read(tmp_path):
    root = make_project(tmp_path / "proj")
    (root / "templates").mkdir()
    os.symlink("/etc/hostname", root / "templates" / "newsletter.html")
    result = run(root, "build", "different-baskets", "-a", "newsletter")
    assert result.exit_code == 2
    assert "template 'newsletter.html' is a link to a file outside templates/" in result.output


def test_a_template_cannot_cite_a_note_it_was_not_given(tmp_path):
    """Notes are numbered by cite_note(); a made-up note would be a provenance
    item the brief never had, so it is refused with the template's line."""
    root = make_project(tmp_path / "proj")
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block body %}<h1>{{ brief.title }}</h1>\n"
        '{% set c = cite_note({"text": "A source that says so", "short": "", "url": none, '
        '"source": "x", "paragraph": "x/p1"}) %}\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    result = run(root, "build", "different-baskets", "-a", "newsletter")
    assert result.exit_code != 0
    assert "templates/newsletter.html:3" in result.output
    assert "cite_note() takes a note given to the template" in result.output
    assert not (root / "out/different-baskets/different-baskets-newsletter.pdf").exists()


def test_a_template_from_before_numbered_notes_is_told_how_to_cite(tmp_path):
    root = make_project(tmp_path / "proj")
    (root / "templates").mkdir()
    (root / "templates" / "newsletter.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block body %}{% for ex in quotes %}<p>{{ ex.text }}<sup>{{ ex.note.n }}</sup></p>"
        "{% endfor %}{% endblock %}\n",
        encoding="utf-8",
    )
    result = run(root, "build", "different-baskets", "-a", "newsletter")
    assert result.exit_code != 0
    assert "notes are numbered as they are printed" in result.output
