"""The newsletter email shows each attached PDF's first page inline (multipart/related, cid:).

Built from the bundled example and read back with the ``email`` package, both
from the ``.eml`` file and as received by a real SMTP server on 127.0.0.1.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

BRIEF = "different-baskets"


class Images(HTMLParser):
    """Every <img> of an HTML page, as a dict of its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append({k: v or "" for k, v in attrs})


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def check_thumbnails(msg, project: Path, attached: list[str]) -> None:
    """One inline PNG per attached PDF, each referenced by the HTML body through cid:."""
    assert msg.get_content_type() == "multipart/mixed"
    [alt] = [p for p in msg.iter_parts() if p.get_content_type() == "multipart/alternative"]
    kinds = [p.get_content_type() for p in alt.iter_parts()]
    assert kinds == ["text/plain", "multipart/related"]  # the plain text alternative stays
    related = alt.get_payload()[1]
    assert related.get_param("type") == "text/html"  # RFC 2387: the root's type
    root, *images = related.iter_parts()
    assert root.get_content_type() == "text/html"
    assert msg.get_body(("html",)) is root

    by_cid = {}
    for part in images:
        assert part.get_content_type() == "image/png"
        assert part.get_content_disposition() == "inline"
        cid = part["Content-ID"]
        assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", cid), cid
        by_cid[cid[1:-1]] = part
    assert len(by_cid) == len(images) == len(attached)  # one per PDF, no duplicate ids

    tags = Images()
    tags.feed(root.get_content())
    assert len(tags.found) == len(attached)
    for img, pdf_name in zip(tags.found, attached, strict=True):
        assert img["src"].startswith("cid:")
        part = by_cid[img["src"][len("cid:") :]]  # the image exists in the message
        assert part.get_filename() == Path(pdf_name).with_suffix(".png").name
        assert pdf_name in img["alt"] and "First page" in img["alt"]
        # a sensible size: shown 160 px wide, drawn at twice that, with the page's proportions
        width, height = int(img["width"]), int(img["height"])
        assert width == 160
        picture = Image.open(io.BytesIO(part.get_content()))
        assert picture.format == "PNG"
        assert picture.width == 2 * width
        assert abs(picture.height - 2 * height) <= 2
        pdf = pdfium.PdfDocument(str(project / "out" / BRIEF / pdf_name))
        try:
            page_w, page_h = pdf[0].get_size()
            pages = len(pdf)
        finally:
            pdf.close()
        assert abs(height / width - page_h / page_w) < 0.02
        assert f"{pages} page" in img["alt"]
        assert len(part.get_content()) < 150_000  # small enough for any mailbox

    # the PDFs are still attached, after the bodies
    files = list(msg.iter_attachments())
    assert [p.get_filename() for p in files] == attached
    assert all(p.get_content_type() == "application/pdf" for p in files)


def test_email_shows_each_attached_pdf_first_page(project, run):
    attached = [f"{BRIEF}-newsletter.pdf", f"{BRIEF}-policymakers.pdf", f"{BRIEF}-full.pdf"]
    args = ["newsletter", BRIEF, "--to", "list@example.org"]
    for name in ("newsletter", "policymakers", "full"):
        args += ["--attach", name]
    result = run(project, *args)
    assert result.exit_code == 0, result.output
    eml = project / "out" / BRIEF / f"{BRIEF}-newsletter.eml"
    first = eml.read_bytes()
    check_thumbnails(parse(first), project, attached)

    # the PDFs are now up to date (not rebuilt): the email is the same, page counts too
    result = run(project, *args)
    assert result.exit_code == 0, result.output
    assert eml.read_bytes() == first
    teaser = (project / "out" / BRIEF / f"{BRIEF}-teaser.txt").read_text(encoding="utf-8")
    assert f"Read the brief (PDF, 1 page): {BRIEF}-newsletter.pdf" in teaser


def test_default_email_has_the_newsletter_page(project, run):
    result = run(project, "newsletter", BRIEF, "--to", "list@example.org")
    assert result.exit_code == 0, result.output
    msg = parse((project / "out" / BRIEF / f"{BRIEF}-newsletter.eml").read_bytes())
    check_thumbnails(msg, project, [f"{BRIEF}-newsletter.pdf"])


def test_received_email_carries_the_thumbnails(project, run, smtp_server):
    result = run(
        project,
        "newsletter",
        BRIEF,
        "--send",
        "--attach",
        "newsletter",
        "--attach",
        "journalists",
        "--to",
        "list@example.org",
        "--smtp-host",
        smtp_server.host,
        "--smtp-port",
        str(smtp_server.port),
        "--no-starttls",
    )
    assert result.exit_code == 0, result.output
    [envelope] = smtp_server.envelopes
    msg = parse(envelope.original_content)
    check_thumbnails(msg, project, [f"{BRIEF}-newsletter.pdf", f"{BRIEF}-journalists.pdf"])
