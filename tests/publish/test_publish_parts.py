"""The pieces of publishing on their own: manifest, thumbnails, teasers, message, SMTP errors."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import json
import struct
import threading
from pathlib import Path

import pytest

from briefkit.errors import OutputError
from briefkit.publish.email import (
    Attachment,
    NewsletterConfig,
    NewsletterContent,
    Quote,
    SendError,
    SmtpSettings,
    build_message,
    first_quote,
    message_bytes,
    render_html,
    send_message,
    smtp_settings,
)
from briefkit.publish.manifest import MANIFEST_NAME, update_manifest
from briefkit.publish.teaser import Teaser, markdown_escape, teaser_paragraph
from briefkit.publish.thumbnail import make_thumbnail


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    """A small two-page A4 PDF made with WeasyPrint."""
    import weasyprint

    path = tmp_path_factory.mktemp("pdf") / "doc.pdf"
    html = (
        "<style>@page{size:A4}</style>"
        "<h1>One</h1><p style='page-break-after:always'>x</p><h1>Two</h1>"
    )
    weasyprint.HTML(string=html).write_pdf(str(path))
    return path


def content(tmp_path: Path, pdf: Path, **over) -> NewsletterContent:
    values = dict(
        brief_id="b",
        title="Fish & <chips>",
        subtitle='A "quoted" subtitle',
        date=dt.date(2024, 6, 15),
        key_messages=("First message", "Second — with a dash."),
        quote=Quote("Words <b>said</b>", "A. Person, Paper, 1 May 2024"),
        org_name="Org",
        org_url="javascript:alert(1)",
        attachments=(Attachment(pdf, 2),),
    )
    values.update(over)
    return NewsletterContent(**values)


# ---------------------------------------------------------------- manifest


def test_manifest_fills_in_hashes_and_drops_vanished_files(tmp_path, pdf):
    out = tmp_path / "out"
    (out / "b").mkdir(parents=True)
    a, gone = out / "b" / "b-x.pdf", out / "b" / "b-y.pdf"
    a.write_bytes(pdf.read_bytes())
    gone.write_bytes(b"%PDF-old")
    update_manifest(
        out,
        [
            {"brief": "b", "audience": "x", "path": a, "title": "T", "teaser": "P"},
            {"brief": "b", "audience": "y", "path": "b/b-y.pdf"},
        ],
    )
    gone.unlink()
    update_manifest(out, [])
    files = json.loads((out / MANIFEST_NAME).read_text())["files"]
    assert [f["path"] for f in files] == ["b/b-x.pdf"]
    entry = files[0]
    assert entry["sha256"] == hashlib.sha256(a.read_bytes()).hexdigest()
    assert entry["bytes"] == a.stat().st_size
    assert entry["pages"] == 2 and entry["format"] == "pdf" and entry["sources"] == []
    assert not list(out.rglob(".*.tmp"))


def test_manifest_concurrent_updates_lose_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for i in range(12):
        (out / f"f{i}.txt").write_text(str(i))

    def add(i: int) -> None:
        update_manifest(out, [{"brief": "b", "audience": "a", "path": f"f{i}.txt"}])

    threads = [threading.Thread(target=add, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    files = json.loads((out / MANIFEST_NAME).read_text())["files"]
    assert sorted(f["path"] for f in files) == sorted(f"f{i}.txt" for i in range(12))


def test_manifest_recovers_from_garbage_and_refuses_outside_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_text("{not json")
    (out / "a.txt").write_text("a")
    update_manifest(out, [{"path": "a.txt"}])
    assert json.loads((out / MANIFEST_NAME).read_text())["files"][0]["path"] == "a.txt"
    (tmp_path / "elsewhere.txt").write_text("x")
    with pytest.raises(OutputError, match="outside the output folder"):
        update_manifest(out, [{"path": tmp_path / "elsewhere.txt"}])


# ---------------------------------------------------------------- thumbnail and teaser


def test_thumbnail_is_a_png_of_the_requested_width(tmp_path, pdf):
    png = make_thumbnail(pdf, tmp_path / "t.png", width=300)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 300 and 420 <= height <= 426  # A4 proportions
    assert make_thumbnail(pdf) == pdf.with_suffix(".png")


def test_teaser_paragraph_and_markdown_escaping():
    para = teaser_paragraph(["First message", "  Second\n message. "])
    assert para == "First message. Second message."
    t = Teaser("A *bold* [claim]", "Use_snake_case <now>", "b/x y.pdf", "x y.pdf", pages=1)
    md = t.markdown()
    assert md.startswith("## A \\*bold\\* \\[claim\\]\n")
    assert "Use\\_snake\\_case \\<now\\>" in md
    assert "(<b/x y.pdf>)" in md  # a link with spaces stays one link
    assert markdown_escape("plain text.") == "plain text."
    assert t.text().endswith("Read the brief (PDF, 1 page): b/x y.pdf\n")


# ---------------------------------------------------------------- the message


def test_html_escapes_text_and_links_only_http(tmp_path, pdf):
    page = render_html(content(tmp_path, pdf))
    assert "Fish &amp; &lt;chips&gt;" in page
    assert "&lt;b&gt;said&lt;/b&gt;" in page
    assert "javascript:" not in page


def test_message_is_deterministic_and_decodable(tmp_path, pdf):
    def make() -> bytes:
        msg = build_message(
            content(tmp_path, pdf),
            sender="Org <o@example.org>",
            recipients=("a@example.org",),
            subject="S é",
            date=dt.datetime(2024, 6, 15, tzinfo=dt.UTC),
            domain="example.org",
        )
        return message_bytes(msg)

    first = make()
    assert first == make()
    assert max(len(line) for line in first.split(b"\r\n")) <= 998
    assert first.isascii()  # 7-bit clean: quoted-printable bodies, encoded headers
    msg = email.message_from_bytes(first, policy=email.policy.default)
    assert msg["Subject"] == "S é"
    assert "Second — with a dash." in msg.get_body(("plain",)).get_content()
    [att] = msg.iter_attachments()
    assert att.get_content() == pdf.read_bytes()


# ---------------------------------------------------------------- sending


def test_smtp_settings_password_env_name_is_configurable():
    # only BRIEFKIT_* names: see robustness/test_hostile_smtp.py for the others
    cfg = NewsletterConfig(host="h", username="u", password_env="BRIEFKIT_MY_PW")
    s = smtp_settings(
        cfg,
        sender="a@example.org",
        recipients=("b@example.org",),
        environ={"BRIEFKIT_MY_PW": "pw", "BRIEFKIT_SMTP_PASSWORD": "other"},
    )
    assert s.password == "pw" and s.port == 587 and s.starttls is True
    assert "pw" not in repr(s)


def test_password_key_is_refused_by_the_model():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="must never be stored in a file"):
        NewsletterConfig.model_validate({"password": "x"})
    assert "password" not in NewsletterConfig().model_dump()


def test_wrong_password_is_one_clear_error(smtp_server):
    msg = email.message.EmailMessage()
    msg["Subject"] = "s"
    msg.set_content("x")
    s = SmtpSettings(
        host=smtp_server.host,
        port=smtp_server.port,
        sender="a@example.org",
        recipients=("b@example.org",),
        username=smtp_server.user,
        starttls=False,
        timeout=5,
        password="wrong",
    )
    with pytest.raises(SendError) as err:
        send_message(msg, s)
    assert err.value.one_line().startswith(
        f"the SMTP server 127.0.0.1:{smtp_server.port} refused the login for 'analyst': 535"
    )
    assert not smtp_server.envelopes


def test_starttls_required_but_not_offered(smtp_server):
    msg = email.message.EmailMessage()
    msg.set_content("x")
    s = SmtpSettings(
        host=smtp_server.host,
        port=smtp_server.port,
        sender="a@example.org",
        recipients=("b@example.org",),
        username=None,
        starttls=True,
        timeout=5,
    )
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        send_message(msg, s)


def test_first_quote_credits_the_words_as_the_pdf_did(tmp_path: Path):
    """The email's quote and credit come from the provenance record of the PDF it presents."""
    prov = {
        "brief": "b",
        "audience": "newsletter",
        "sources": {"protest": {"path": "seeds/protest.md", "sha256": "0", "title": "Protest"}},
        "items": [
            {"note": 1, "note_text": "Gamboa, NBC News, 2024, ¶ p1.", "type": "figure",
             "display": "more than 1,100", "text": "As a result, more than 1,100 were detained.",
             "source": "protest"},
            {"note": 2, "note_text": "Gamboa, NBC News, 2024, ¶ p3.", "type": "excerpt",
             "kind": "quote", "text": "hit the wrong\n  people first", "source": "protest",
             "speaker": "Li Jifeng", "speaker_origin": "found", "quoted": True,
             "credited": "Li Jifeng, quoted in Suzanne Gamboa, NBC News"},
        ],
        "omitted": [],
    }  # fmt: skip
    path = tmp_path / "b-newsletter.provenance.json"
    path.write_text(json.dumps(prov), encoding="utf-8")
    quote = first_quote(None, [tmp_path / "missing.provenance.json", path])
    assert quote == Quote(
        "hit the wrong people first", "Li Jifeng, quoted in Suzanne Gamboa, NBC News"
    )
    # a record from before credits were recorded: the source's title, never a guessed author
    del prov["items"][1]["credited"]
    path.write_text(json.dumps(prov), encoding="utf-8")
    assert first_quote(None, [path]) == Quote("hit the wrong people first", "Protest")
    # a PDF that shows no quote gives the email none
    prov["items"] = prov["items"][:1]
    path.write_text(json.dumps(prov), encoding="utf-8")
    assert first_quote(None, [path]) is None
