"""The preview server, without a browser: pages, errors, PDFs on request, containment."""

from __future__ import annotations

import http.client
import os
import threading
import time
from pathlib import Path

import pytest

BRIEF_FILE = "briefings/battery-ferries.yaml"
TITLE = "Battery ferries for Lanternfield: right aim, tight timetable"


def set_title(root: Path, title: str) -> None:
    path = root / BRIEF_FILE
    text = path.read_text()
    path.write_text(text.replace(f'title: "{TITLE}"', f'title: "{title}"'))


def break_yaml(root: Path) -> None:
    path = root / BRIEF_FILE
    path.write_text(path.read_text().replace("key_messages:\n", "key_messages: [oops\n"))


def raw_get(server, path: str, host: str | None = None) -> tuple[int, bytes]:
    """A GET sent exactly as written: no client-side normalisation of '..'."""
    conn = http.client.HTTPConnection("127.0.0.1", server.httpd.server_address[1], timeout=10)
    conn.putrequest("GET", path, skip_host=host is not None)
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, body


def test_index_lists_every_brief_and_audience(server) -> None:
    status, body, headers = server.get("/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert TITLE in body
    for audience in ("policymakers", "journalists", "newsletter"):
        assert f'href="/brief/battery-ferries/{audience}"' in body
        assert f'href="/__briefkit/pdf/battery-ferries/{audience}"' in body
    assert "Example Policy Unit" in body


def test_preview_is_the_template_output_plus_the_preview_script(server, new_project: Path) -> None:
    status, body, _ = server.get("/brief/battery-ferries/policymakers")
    assert status == 200
    assert f"<title>{TITLE}</title>" in body
    assert "The harbour&#39;s electricity connection" in body or "The harbour's electricity" in body
    assert "audience-policymakers" in body  # the audience's own template
    assert body.count("data-briefkit-preview") == 2  # the toolbar and the reload script
    assert body.rstrip().endswith("</html>")
    assert body.index("data-briefkit-preview") < body.rindex("</body>")
    # Without the injected part, it is what the template renders for HTML.
    from briefkit.preview import render_snapshot

    plain = render_snapshot(new_project).pages[("battery-ferries", "policymakers")]
    assert "data-briefkit-preview" not in plain and "__briefkit" not in plain


def test_unknown_pages_are_404(server) -> None:
    assert server.get("/brief/nope/policymakers")[0] == 404
    assert server.get("/brief/battery-ferries/full")[0] == 404  # not one of its audiences
    assert server.get("/anything")[0] == 404


def test_broken_yaml_shows_the_error_then_recovers(server, new_project: Path) -> None:
    v1 = server.site.version
    break_yaml(new_project)
    assert server.site.rebuild()
    assert server.site.version == v1 + 1
    status, body, _ = server.get("/brief/battery-ferries/policymakers")
    assert status == 200
    assert "build error" in body
    assert f'<p class="bk-where">{BRIEF_FILE}:' in body  # file:line:col first
    assert TITLE not in body
    status, index, _ = server.get("/")
    assert f"{BRIEF_FILE}:" in index
    # fixed: the brief is back
    (new_project / BRIEF_FILE).write_text(
        (new_project / BRIEF_FILE).read_text().replace("key_messages: [oops\n", "key_messages:\n")
    )
    assert server.site.rebuild()
    status, body, _ = server.get("/brief/battery-ferries/policymakers")
    assert "build error" not in body and f"<title>{TITLE}</title>" in body


def test_errors_are_html_escaped(server, new_project: Path) -> None:
    path = new_project / BRIEF_FILE
    path.write_text(
        path.read_text().replace("key_messages:", "<script>alert(1)</script>: 1\nkey_messages:")
    )
    server.site.rebuild()
    _status, body, _ = server.get("/brief/battery-ferries/policymakers")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body


def test_a_wrong_quote_shows_with_its_hint(server, new_project: Path) -> None:
    path = new_project / BRIEF_FILE
    path.write_text(path.read_text().replace("nine votes to four", "ten votes to four"))
    server.site.rebuild()
    _status, body, _ = server.get("/brief/battery-ferries/newsletter")
    assert "quote not found verbatim" in body and "hint:" in body
    assert f"{BRIEF_FILE}:" in body


def test_config_error_shows_on_every_page(server, new_project: Path) -> None:
    cfg = new_project / "config/briefkit.yaml"
    cfg.write_text(cfg.read_text().replace('primary: "#1f3a5f"', 'primary: "blue"'))
    server.site.rebuild()
    for path in ("/", "/brief/battery-ferries/journalists"):
        _status, body, _ = server.get(path)
        assert "config/briefkit.yaml:" in body and "is not a colour" in body


def test_version_waits_for_a_change(server, new_project: Path) -> None:
    v = server.site.version
    assert server.get("/__briefkit/version")[1] == str(v)
    unchanged = server.site.rebuild()
    assert unchanged is False and server.site.version == v  # nothing shown changed
    got: list[str] = []
    t = threading.Thread(target=lambda: got.append(server.get(f"/__briefkit/version?since={v}")[1]))
    t.start()
    time.sleep(0.2)
    assert not got  # still waiting
    set_title(new_project, "A new title")
    server.site.rebuild()
    t.join(5)
    assert got == [str(v + 1)]


def test_pdf_is_built_on_request(server, new_project: Path) -> None:
    status, _body, headers = server.get("/__briefkit/pdf/battery-ferries/newsletter")
    assert status == 303
    location = headers["Location"]
    assert location.startswith("/out/battery-ferries/battery-ferries-newsletter.pdf?v=")
    status, _body, headers = server.get(location)
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    pdf = new_project / "out/battery-ferries/battery-ferries-newsletter.pdf"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Lanternfield" in text
    assert "open PDF" not in text and "all briefs" not in text  # no preview toolbar in a PDF


def test_pdf_of_a_broken_brief_shows_the_error(server, new_project: Path) -> None:
    break_yaml(new_project)
    status, body, _ = server.get("/__briefkit/pdf/battery-ferries/policymakers")
    assert status == 422 and f"{BRIEF_FILE}:" in body


@pytest.mark.parametrize(
    "path",
    [
        "/out/../config/briefkit.yaml",
        "/out/%2e%2e/config/briefkit.yaml",
        "/out/..%2fconfig%2fbriefkit.yaml",
        "/out/%2E%2E%2Fseeds%2Fsources.yaml",
        "/out//etc/passwd",
        "/out/%2fetc%2fpasswd",
        "/out/..\\config\\briefkit.yaml",
        "/out/link/briefkit.yaml",
        "/../config/briefkit.yaml",
        "/config/briefkit.yaml",
        "/seeds/lanternfield-ferries.txt",
        "/out/%00",
    ],
)
def test_no_file_outside_out_is_served(server, new_project: Path, path: str) -> None:
    out = new_project / "out"
    (out / "battery-ferries").mkdir(parents=True)
    (out / "battery-ferries/note.txt").write_text("inside")
    os.symlink(new_project / "config", out / "link")
    assert raw_get(server, "/out/battery-ferries/note.txt") == (200, b"inside")
    status, body = raw_get(server, path)
    assert status == 404
    assert b"organisation" not in body and b"Lanternfield" not in body


def test_other_host_names_are_refused(server) -> None:
    assert raw_get(server, "/", host="evil.example:80")[0] == 403
    assert raw_get(server, "/", host="localhost")[0] == 200


def test_watcher_rebuilds_on_change(server, new_project: Path) -> None:
    from briefkit.preview import watch_site

    stop = threading.Event()
    lines: list[str] = []
    t = threading.Thread(target=watch_site, args=(server.site, stop, lines.append), daemon=True)
    t.start()
    try:
        time.sleep(0.3)  # let the watcher start
        v = server.site.version
        set_title(new_project, "Watched title")
        assert server.site.wait_version(v, timeout=10) == v + 1
        assert "<title>Watched title</title>" in server.get("/brief/battery-ferries/newsletter")[1]
        # the line is echoed just after the new version is published
        deadline = time.monotonic() + 5
        while not lines and time.monotonic() < deadline:
            time.sleep(0.02)
        assert lines and lines[-1].startswith(
            "briefings/battery-ferries.yaml changed: 3 preview(s)"
        )
        v += 1
        (new_project / "templates/newsletter.html").write_text(
            '{% extends "base.html" %}{% block body %}<h1>Own template</h1>{% endblock %}'
        )
        assert server.site.wait_version(v, timeout=10) == v + 1
        assert "<h1>Own template</h1>" in server.get("/brief/battery-ferries/newsletter")[1]
    finally:
        stop.set()
        t.join(5)


def test_port_in_use_is_a_clear_error(server) -> None:
    from briefkit.errors import BriefkitError
    from briefkit.preview import make_server

    with pytest.raises(BriefkitError, match=r"cannot listen on 127\.0\.0\.1:\d+"):
        make_server(server.site, "127.0.0.1", server.httpd.server_address[1])


def test_serve_command(served: str) -> None:
    """`briefkit serve` in its own process: prints its URL and answers."""
    import urllib.request

    with urllib.request.urlopen(served + "/", timeout=10) as r:
        assert TITLE in r.read().decode()
