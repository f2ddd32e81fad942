"""`briefkit newsletter`: the .eml, sending over real SMTP, thumbnails, manifest, teasers."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import re
import struct
from pathlib import Path

BRIEF = "different-baskets"
TITLE = "Belarus vs Russia: different baskets"
SUBTITLE = "Why Belarusian democratic forces ask not to be grouped with Russia"
QUOTE = "This is not the first time that Belarusians have faced the same restrictions"
ORG = "Baltic Democracy Monitor"


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def check_message(msg, project: Path, attached: list[str]) -> None:
    """Headers, both bodies and the attachments of a newsletter about BRIEF."""
    assert msg["Subject"] == TITLE
    assert msg["MIME-Version"] == "1.0"
    assert msg.get_content_type() == "multipart/mixed"
    assert re.fullmatch(rf"<{BRIEF}\.\d{{8}}\.[0-9a-f]{{20}}@example\.org>", msg["Message-ID"])
    assert msg["Date"].datetime is not None
    for part in msg.walk():  # every part decodes
        if not part.is_multipart():
            assert part.get_content() is not None
    text = msg.get_body(("plain",)).get_content()
    page = msg.get_body(("html",)).get_content()
    for body in (text, page.replace("&#x27;", "'")):
        body = " ".join(body.split())  # the text is wrapped at 72 columns
        assert TITLE in body
        assert SUBTITLE in body
        assert "Belarusian exiles exactly like Russians" in body
        assert QUOTE in body
        assert "Hanna Vasilevich, New Eastern Europe" in body
        assert ORG in body
    # survives email clients: inline CSS, tables, nothing fetched, no scripts
    assert "<table" in page and 'style="' in page
    assert not re.search(r"<script|<link|<style|<iframe|url\(|@import", page, re.I)
    # the only images are the PDFs' first pages, carried in the message itself
    assert all(src.startswith("cid:") for src in re.findall(r'\bsrc="([^"]*)"', page, re.I))
    assert len(re.findall(r"\bsrc=", page, re.I)) == len(attached)
    files = [p for p in msg.iter_attachments()]
    assert [p.get_filename() for p in files] == attached
    for part in files:
        assert part.get_content_type() == "application/pdf"
        assert part.get_content_disposition() == "attachment"
        assert part.get_content() == (project / "out" / BRIEF / part.get_filename()).read_bytes()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def no_file_contains(root: Path, secret: str) -> None:
    needle = secret.encode()
    for path in root.rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), f"{path} contains the password"


def test_newsletter_writes_eml_thumbnails_teasers_and_manifest(project, run):
    result = run(
        project,
        "newsletter",
        BRIEF,
        "--attach",
        "newsletter",
        "--attach",
        "policymakers",
        "--to",
        "list@example.org",
    )
    assert result.exit_code == 0, result.output
    folder = project / "out" / BRIEF
    eml = folder / f"{BRIEF}-newsletter.eml"
    assert f"wrote out/{BRIEF}/{BRIEF}-newsletter.eml  (2 attachments," in result.stdout

    data = eml.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # policy SMTP: CRLF only
    msg = parse(data)
    check_message(msg, project, [f"{BRIEF}-newsletter.pdf", f"{BRIEF}-policymakers.pdf"])
    assert msg["From"] == f"{ORG} <briefs@example.org>"  # from organisation.contact
    assert msg["To"] == "list@example.org"
    assert msg["Date"] == "Sat, 15 Jun 2024 00:00:00 +0000"  # the brief's date

    for audience in ("newsletter", "policymakers"):
        assert png_size(folder / f"{BRIEF}-{audience}.png")[0] == 600

    md = (folder / f"{BRIEF}-teaser.md").read_text(encoding="utf-8")
    txt = (folder / f"{BRIEF}-teaser.txt").read_text(encoding="utf-8")
    assert md.startswith(f"## {TITLE}\n\n")
    assert f"]({BRIEF}-newsletter.pdf)" in md
    assert txt.startswith(f"{TITLE}\n\n")
    assert txt.rstrip().endswith(f"{BRIEF}-newsletter.pdf")
    assert "Belarusian exiles" in md and "Belarusian exiles" in txt

    manifest = json.loads((project / "out" / "manifest.json").read_text(encoding="utf-8"))
    by_path = {e["path"]: e for e in manifest["files"]}
    assert set(by_path) >= {
        f"{BRIEF}/{BRIEF}-newsletter.pdf",
        f"{BRIEF}/{BRIEF}-policymakers.pdf",
        f"{BRIEF}/{BRIEF}-newsletter.png",
        f"{BRIEF}/{BRIEF}-newsletter.eml",
        f"{BRIEF}/{BRIEF}-teaser.md",
        f"{BRIEF}/{BRIEF}-teaser.txt",
    }
    for rel, entry in by_path.items():
        path = project / "out" / rel
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["bytes"] == path.stat().st_size
        assert entry["brief"] == BRIEF and entry["title"] == TITLE
        assert entry["teaser"].startswith("EU and member-state restrictions")
    pdf = by_path[f"{BRIEF}/{BRIEF}-newsletter.pdf"]
    assert pdf["format"] == "pdf" and pdf["pages"] == 1 and pdf["audience"] == "newsletter"
    assert "vasilevich-2024" in pdf["sources"]
    assert by_path[f"{BRIEF}/{BRIEF}-newsletter.png"]["format"] == "png"


def test_send_with_settings_from_config_plain_smtp_auth(
    project, run, smtp_server, newsletter_config, monkeypatch
):
    USER, PASSWORD = smtp_server.user, smtp_server.password
    newsletter_config(
        project,
        (
            "newsletter:\n"
            "  subject_prefix: '[BDM]'\n"
            "  sender: briefs@example.org\n"
            "  recipients: [list@example.org, editor@example.org]\n"
            f"  host: {smtp_server.host}\n"
            f"  port: {smtp_server.port}\n"
            f"  username: {USER}\n"
            "  starttls: false\n"
            "  message_id_domain: briefs.example.org\n"
            "  timeout: 5\n"
        ),
    )
    monkeypatch.setenv("BRIEFKIT_SMTP_PASSWORD", PASSWORD)
    result = run(project, "newsletter", BRIEF, "--send")
    assert result.exit_code == 0, result.output
    assert (
        f"sent to list@example.org, editor@example.org via 127.0.0.1:{smtp_server.port}"
        in result.stdout
    )
    assert smtp_server.logins and all(ok for _, ok in smtp_server.logins)
    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "briefs@example.org"
    assert envelope.rcpt_tos == ["list@example.org", "editor@example.org"]
    msg = parse(envelope.original_content)
    assert msg["Subject"] == f"[BDM] {TITLE}"
    assert msg["From"] == f"{ORG} <briefs@example.org>"
    assert msg["To"] == "list@example.org, editor@example.org"
    assert msg["Message-ID"].endswith("@briefs.example.org>")
    assert msg["Date"].datetime.year >= 2025  # sending: the time it was sent
    assert [p.get_filename() for p in msg.iter_attachments()] == [f"{BRIEF}-newsletter.pdf"]
    pdf = (project / "out" / BRIEF / f"{BRIEF}-newsletter.pdf").read_bytes()
    assert next(msg.iter_attachments()).get_content() == pdf
    # what was sent is what was written
    eml = project / "out" / BRIEF / f"{BRIEF}-newsletter.eml"
    assert eml.read_bytes() == envelope.original_content
    no_file_contains(project, PASSWORD)


def test_send_over_starttls_with_login(project, run, starttls_server, monkeypatch):
    USER, PASSWORD = starttls_server.user, starttls_server.password
    monkeypatch.setenv("BRIEFKIT_SMTP_PASSWORD", PASSWORD)
    eml = project / "mail.eml"
    result = run(
        project,
        "newsletter",
        BRIEF,
        "--send",
        "--to",
        "list@example.org",
        "--from",
        "Briefs <briefs@example.org>",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(starttls_server.port),
        "--smtp-user",
        USER,
        "--eml",
        str(eml),
    )
    assert result.exit_code == 0, result.output
    assert starttls_server.logins and starttls_server.logins[-1][1] is True
    [envelope] = starttls_server.envelopes
    msg = parse(envelope.original_content)
    check_message(msg, project, [f"{BRIEF}-newsletter.pdf"])
    assert msg["From"] == "Briefs <briefs@example.org>"
    assert eml.read_bytes() == envelope.original_content
    no_file_contains(project, PASSWORD)


def test_connection_refused_is_one_clear_line(project, run, free_port):
    port = free_port
    result = run(
        project,
        "newsletter",
        BRIEF,
        "--send",
        "--to",
        "list@example.org",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--no-starttls",
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"cannot connect to the SMTP server 127.0.0.1:{port}: connection refused"
    )
    assert "Traceback" not in result.output


def test_missing_settings_name_the_keys(project, run, monkeypatch):
    USER = "analyst"
    monkeypatch.delenv("BRIEFKIT_SMTP_PASSWORD", raising=False)
    result = run(project, "newsletter", BRIEF, "--send", "--smtp-user", USER)
    assert result.exit_code == 2
    assert "newsletter.host is not set" in result.stderr
    assert "newsletter.recipients is not set" in result.stderr
    assert "set the environment variable BRIEFKIT_SMTP_PASSWORD" in result.stderr
    assert not (project / "out").exists()  # refused before building anything


def test_password_in_config_is_refused(project, run, newsletter_config):
    newsletter_config(project, "newsletter:\n  host: smtp.example.org\n  password: hunter2\n")
    result = run(project, "newsletter", BRIEF)
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert re.match(
        r"config/briefkit\.yaml:\d+:\d+: newsletter\.password: the SMTP password must never", first
    )
    assert "BRIEFKIT_SMTP_PASSWORD" in first


def test_unknown_attach_audience(project, run):
    result = run(project, "newsletter", BRIEF, "--attach", "policymaker")
    assert result.exit_code == 2
    assert result.stderr.startswith("unknown audience 'policymaker'")
