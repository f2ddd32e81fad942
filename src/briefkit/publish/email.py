"""The newsletter email: a standards-compliant message with the brief's PDFs attached.

:func:`prepare_newsletter` builds what the email needs (the newsletter PDF
and any other audiences to attach), makes PNG thumbnails and teasers, writes
the message as an ``.eml`` file, sends it over SMTP when asked, and records
every file in ``out/manifest.json``.

The message is ``multipart/mixed``: a ``multipart/alternative`` with a plain
text body and a ``multipart/related`` holding a small HTML body (inline CSS,
tables for layout, no scripts, nothing fetched from anywhere) and a PNG of
each attached PDF's first page, which the HTML shows through ``cid:`` links;
then the PDFs. Without sending, its Date, Message-ID, Content-IDs and MIME
boundaries come from the brief, so the same brief gives the same bytes.

The SMTP password is read only from an environment variable; a ``password``
key in a config file is refused at load.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import logging
import os
import textwrap
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from typing import Any

from ..config.models import (
    _DOMAIN,
    _EMAIL,
    DEFAULT_PASSWORD_ENV,
    PASSWORD_ENV,
    NewsletterConfig,
    check_address,
)
from ..errors import BriefkitError, BriefkitErrors, ConfigError, raise_all

log = logging.getLogger(__name__)

FALLBACK_DOMAIN = "briefkit.invalid"


class SendError(BriefkitError):
    """The SMTP server could not be reached or refused the message."""


# ---------------------------------------------------------------- config


def newsletter_config(project: Any) -> NewsletterConfig:
    """The project's newsletter settings (defaults while the config has no such section)."""
    cfg = getattr(project.config, "newsletter", None)
    return cfg if isinstance(cfg, NewsletterConfig) else NewsletterConfig()


# ---------------------------------------------------------------- content


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str


# The first-page pictures in the email: shown this wide (CSS pixels), drawn at
# twice that for sharp screens; a row holds this many.
EMAIL_THUMBNAIL_WIDTH = 160
THUMBNAILS_PER_ROW = 3


@dataclass(frozen=True)
class Thumbnail:
    """A PNG of a PDF's first page, carried in the email and shown by the HTML body."""

    data: bytes
    cid: str  # the Content-ID, without the angle brackets
    width: int  # shown size in CSS pixels
    height: int


@dataclass(frozen=True)
class Attachment:
    path: Path
    pages: int = 0
    thumbnail: Thumbnail | None = None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class NewsletterContent:
    """Everything the email says: pure data, rendered as HTML and plain text."""

    brief_id: str
    title: str
    subtitle: str | None
    date: dt.date
    key_messages: tuple[str, ...]
    quote: Quote | None
    org_name: str
    org_url: str | None = None
    contact: str | None = None
    primary: str = "#1f3a5f"
    accent: str = "#c8102e"
    text_colour: str = "#1a1a1a"
    muted: str = "#5f6b7a"
    attachments: tuple[Attachment, ...] = ()
    link: str | None = None  # where the PDF is published, if it is


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG image, from its header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def email_thumbnail(pdf_path: Path, domain: str, width: int = EMAIL_THUMBNAIL_WIDTH) -> Thumbnail:
    """The first page of ``pdf_path`` as an image for the email, shown ``width`` pixels wide.

    Drawn at twice that width for sharp screens, in 64 colours to keep the
    email small. Its Content-ID comes from the file name and the picture, so
    the same PDF gives the same message.
    """
    import io

    from PIL import Image

    from .thumbnail import render_thumbnail

    # 64 colours keep a page's text and colours sharp at a third of the bytes
    image = Image.open(io.BytesIO(render_thumbnail(pdf_path, width * 2)))
    image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    data = buf.getvalue()
    px_width, px_height = png_size(data)
    height = max(1, round(px_height * width / px_width))
    digest = hashlib.sha256(data).hexdigest()[:16]
    return Thumbnail(data, f"{pdf_path.stem}.{digest}@{domain}", width, height)


def thumbnail_alt(a: Attachment) -> str:
    pages = f", {a.pages} page{'s' if a.pages != 1 else ''}" if a.pages else ""
    return f"First page of the attached PDF {a.name}{pages}"


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _http_url(url: str | None) -> str | None:
    if url and urllib.parse.urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def render_html(c: NewsletterContent) -> str:
    """A small HTML body that survives email clients: tables, inline CSS, nothing fetched."""
    from ..compose import format_date

    sans = "font-family:Arial,Helvetica,sans-serif;"
    serif = "font-family:Georgia,'Times New Roman',serif;"
    rows: list[str] = []
    rows.append(
        f'<tr><td style="background-color:{c.primary};padding:14px 24px;{sans}font-size:14px;'
        f'font-weight:bold;color:#ffffff;">{_e(c.org_name)}</td></tr>'
    )
    head = (
        f'<h1 style="margin:0 0 8px 0;{serif}font-size:24px;line-height:30px;color:{c.primary};">'
        f"{_e(c.title)}</h1>"
    )
    if c.subtitle:
        head += (
            f'<p style="margin:0 0 8px 0;{serif}font-size:16px;line-height:22px;'
            f'color:{c.text_colour};">'
            f"{_e(c.subtitle)}</p>"
        )
    head += (
        f'<p style="margin:0;{sans}font-size:12px;color:{c.muted};">{_e(format_date(c.date))}</p>'
    )
    rows.append(f'<tr><td style="padding:24px 24px 8px 24px;">{head}</td></tr>')
    if c.key_messages:
        items = "".join(f'<li style="margin:0 0 8px 0;">{_e(msg)}</li>' for msg in c.key_messages)
        rows.append(
            f'<tr><td style="padding:8px 24px;"><ul style="margin:0;padding:0 0 0 20px;{serif}'
            f'font-size:15px;line-height:22px;color:{c.text_colour};">{items}</ul></td></tr>'
        )
    if c.quote:
        rows.append(
            '<tr><td style="padding:8px 24px 16px 24px;">'
            '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">'
            f'<tr><td style="border-left:4px solid {c.accent};padding:4px 0 4px 16px;">'
            f'<p style="margin:0 0 6px 0;{serif}font-size:16px;line-height:23px;font-style:italic;'
            f'color:{c.text_colour};">\u201c{_e(c.quote.text)}\u201d</p>'
            f'<p style="margin:0;{sans}font-size:12px;color:{c.muted};">'
            f"\u2014 {_e(c.quote.attribution)}</p>"
            "</td></tr></table></td></tr>"
        )
    shown = [a for a in c.attachments if a.thumbnail is not None]
    if shown:
        rows.append(
            f'<tr><td style="padding:8px 24px 0 24px;">{_thumbnail_table(shown, c)}</td></tr>'
        )
    more = []
    if c.attachments:
        names = ", ".join(_e(a.name) for a in c.attachments)
        more.append(f"The full brief is attached as PDF: {names}.")
    link = _http_url(c.link)
    if link:
        more.append(f'<a href="{_e(link)}" style="color:{c.primary};">Read the brief online</a>.')
    if more:
        rows.append(
            f'<tr><td style="padding:8px 24px 16px 24px;{sans}font-size:13px;line-height:19px;'
            f'color:{c.text_colour};">{" ".join(more)}</td></tr>'
        )
    foot = _e(c.org_name)
    url = _http_url(c.org_url)
    if url:
        foot += f' &middot; <a href="{_e(url)}" style="color:{c.muted};">{_e(url)}</a>'
    if c.contact:
        foot += f"<br>{_e(c.contact)}"
    rows.append(
        f'<tr><td style="padding:16px 24px;border-top:1px solid #dddddd;{sans}font-size:11px;'
        f'line-height:16px;color:{c.muted};">{foot}</td></tr>'
    )
    body = "\n".join(rows)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(c.title)}</title>\n</head>\n"
        '<body style="margin:0;padding:0;background-color:#f3f4f6;">\n'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        'style="background-color:#f3f4f6;"><tr><td align="center" style="padding:24px 8px;">\n'
        '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" '
        'style="width:100%;max-width:600px;background-color:#ffffff;border-collapse:collapse;">\n'
        f"{body}\n"
        "</table>\n</td></tr></table>\n</body>\n</html>\n"
    )


def _thumbnail_table(shown: list[Attachment], c: NewsletterContent) -> str:
    """The first pages of the attached PDFs, side by side, each with its file name below."""
    sans = "font-family:Arial,Helvetica,sans-serif;"
    rows = []
    for start in range(0, len(shown), THUMBNAILS_PER_ROW):
        cells = []
        for a in shown[start : start + THUMBNAILS_PER_ROW]:
            t = a.thumbnail
            assert t is not None
            pages = f"<br>{a.pages} page{'s' if a.pages != 1 else ''}" if a.pages else ""
            cells.append(
                f'<td valign="top" width="{t.width}" style="width:{t.width}px;'
                f'padding:0 16px 16px 0;">'
                f'<img src="cid:{_e(t.cid)}" width="{t.width}" height="{t.height}" '
                f'alt="{_e(thumbnail_alt(a))}" style="display:block;width:{t.width}px;'
                f'height:{t.height}px;border:1px solid #dddddd;">'
                f'<p style="margin:6px 0 0 0;{sans}font-size:11px;line-height:15px;'
                f'color:{c.muted};word-break:break-all;">{_e(a.name)}{pages}</p></td>'
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<table role="presentation" cellpadding="0" cellspacing="0" border="0">'
        f"{''.join(rows)}</table>"
    )


def render_text(c: NewsletterContent) -> str:
    """The plain-text alternative: the same content as the HTML body, wrapped at 72 columns."""
    from ..compose import format_date

    def fill(text: str, indent: str = "", first: str | None = None) -> str:
        return textwrap.fill(
            text,
            width=72,
            initial_indent=first if first is not None else indent,
            subsequent_indent=indent,
        )

    title = fill(c.title)
    rule = "=" * min(72, max(len(line) for line in title.splitlines()))
    parts = [c.org_name, "", title, rule]
    if c.subtitle:
        parts.append(fill(c.subtitle))
    parts += [format_date(c.date), ""]
    if c.key_messages:
        parts += ["Key messages", ""]
        parts += [fill(msg, "   ", " * ") for msg in c.key_messages]
        parts.append("")
    if c.quote:
        parts.append(fill(f"\u201c{c.quote.text}\u201d", "  ", "  "))
        parts.append(fill(f"\u2014 {c.quote.attribution}", "    ", "    "))
        parts.append("")
    if c.attachments:
        names = ", ".join(a.name for a in c.attachments)
        parts += [fill(f"The full brief is attached as PDF: {names}."), ""]
    if _http_url(c.link):
        parts += [f"Read the brief online: {c.link}", ""]
    parts.append("-- ")
    parts.append(c.org_name)
    if _http_url(c.org_url):
        parts.append(str(c.org_url))
    if c.contact:
        parts.append(c.contact)
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- message


def subject_for(title: str, prefix: str = "") -> str:
    title = " ".join(title.split())
    prefix = " ".join(prefix.split())
    return f"{prefix} {title}" if prefix else title


def message_domain(cfg: NewsletterConfig, org_url: str | None) -> str:
    if cfg.message_id_domain:
        return cfg.message_id_domain
    host = urllib.parse.urlsplit(org_url).hostname if org_url else None
    return host if host and _DOMAIN.match(host) else FALLBACK_DOMAIN


def build_message(
    content: NewsletterContent,
    *,
    sender: str,
    recipients: tuple[str, ...] = (),
    subject: str,
    date: dt.datetime,
    domain: str,
) -> EmailMessage:
    """The email, with deterministic Message-ID and MIME boundaries for the same inputs."""
    text = render_text(content)
    page = render_html(content)
    blobs = [(a, a.path.read_bytes()) for a in content.attachments]
    digest = hashlib.sha256()
    for piece in (sender, ",".join(recipients), subject, format_datetime(date), text, page):
        digest.update(piece.encode("utf-8") + b"\0")
    for a, data in blobs:
        digest.update(a.name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    token = digest.hexdigest()

    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = subject
    msg["From"] = sender
    if recipients:
        msg["To"] = ", ".join(recipients)
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = f"<{content.brief_id}.{date:%Y%m%d}.{token[:20]}@{domain}>"
    msg["MIME-Version"] = "1.0"
    # quoted-printable keeps non-ASCII text 7-bit clean for every relay
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(page, subtype="html", charset="utf-8", cte="quoted-printable")
    shown = [a.thumbnail for a in content.attachments if a.thumbnail is not None]
    if shown:
        html_part = msg.get_payload()[1]
        for a in content.attachments:
            if a.thumbnail is not None:
                html_part.add_related(
                    a.thumbnail.data,
                    maintype="image",
                    subtype="png",
                    cid=f"<{a.thumbnail.cid}>",
                    disposition="inline",
                    filename=a.path.with_suffix(".png").name,
                )
        html_part.set_param("type", "text/html")  # RFC 2387: the type of the root part
    for a, data in blobs:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=a.name)
    for n, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"briefkit-{n}-{token[20:44]}")
    for part in msg.walk():
        if part is not msg:  # MIME-Version belongs in the top-level header only
            del part["MIME-Version"]
    return msg


def message_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=SMTP)


# ---------------------------------------------------------------- sending


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    username: str | None
    starttls: bool
    timeout: float
    password: str | None = field(default=None, repr=False)
    # where newsletter.host was set ("config/briefkit.yaml:14:9"); None: --smtp-host
    host_source: str | None = None


def smtp_settings(
    cfg: NewsletterConfig,
    *,
    sender: str | None,
    recipients: tuple[str, ...],
    host: str | None = None,
    port: int | None = None,
    username: str | None = None,
    starttls: bool | None = None,
    environ: Mapping[str, str] | None = None,
    config_file: str | None = None,
) -> SmtpSettings:
    """Everything needed to send, from options over config; every missing key reported at once.

    ``config_file``: where the config's ``newsletter.host`` is written, to say
    so when the password is sent to a server a project file chose.
    """
    env = os.environ if environ is None else environ
    host_source = None if host else (config_file or "config/briefkit.yaml")
    host = host or cfg.host
    username = username or cfg.username
    errors: list[BriefkitError] = []
    if not host:
        errors.append(
            ConfigError(
                "newsletter.host is not set: briefkit does not know which SMTP server to use",
                hint="add 'newsletter: {host: smtp.example.org}' to config/briefkit.yaml, "
                "or pass --smtp-host",
            )
        )
    if not sender:
        errors.append(
            ConfigError(
                "newsletter.sender is not set: the email needs a From address",
                hint="add 'sender: briefs@example.org' under 'newsletter:' in "
                "config/briefkit.yaml, or pass --from",
            )
        )
    if not recipients:
        errors.append(
            ConfigError(
                "newsletter.recipients is not set: nobody to send the email to",
                hint="add 'recipients: [list@example.org]' under 'newsletter:' in "
                "config/briefkit.yaml, or pass --to",
            )
        )
    for addr in recipients:  # one address each: the server is given exactly these
        try:
            check_address(addr, "newsletter.recipients")
        except ValueError as exc:
            errors.append(ConfigError(str(exc), hint="write an address like list@example.org"))
    if not PASSWORD_ENV.match(cfg.password_env):  # checked at load; never read another secret
        errors.append(
            ConfigError(
                f"newsletter.password_env: {cfg.password_env!r} is not allowed",
                hint=f"the password may only come from a BRIEFKIT_* variable, e.g. "
                f"{DEFAULT_PASSWORD_ENV}",
            )
        )
    password = env.get(cfg.password_env) if PASSWORD_ENV.match(cfg.password_env) else None
    password = password or None
    if username and not password:
        errors.append(
            ConfigError(
                f"the SMTP password for '{username}' is not set: set the environment variable "
                f"{cfg.password_env}",
                hint="briefkit reads the password only from the environment, never from a file; "
                "the variable's name is newsletter.password_env",
            )
        )
    raise_all(errors)
    return SmtpSettings(
        host=str(host),
        port=port or cfg.port,
        sender=str(sender),
        recipients=recipients,
        username=username,
        starttls=cfg.starttls if starttls is None else starttls,
        timeout=cfg.timeout,
        password=password,
        host_source=host_source,
    )


def _reply(exc: Any) -> str:
    text = exc.smtp_error
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{exc.smtp_code} {' '.join(str(text).split())}"


def send_message(msg: EmailMessage, s: SmtpSettings) -> dict[str, Any]:
    """Send ``msg`` to ``s.recipients``; return the recipients the server refused (some, not all).

    Port 465 means TLS from the first byte (SMTPS); elsewhere STARTTLS is
    required unless ``starttls`` is off. The server's certificate is verified
    against the system's CAs (``SSL_CERT_FILE`` names another bundle).
    """
    import smtplib
    import socket
    import ssl

    where = f"{s.host}:{s.port}"
    from_addr = check_address(s.sender, "sender")
    # each recipient was checked to be one address: the envelope holds exactly those
    to_addrs = [check_address(r, "recipient") for r in s.recipients]
    data = message_bytes(msg)
    context = ssl.create_default_context()
    if (
        s.username
        and not s.starttls
        and s.port != 465
        and s.host not in ("localhost", "127.0.0.1", "::1")
    ):
        log.warning(
            "sending the SMTP password to %s without TLS (newsletter.starttls is false)", where
        )
    if s.username and s.host_source:
        # The host came from a project file, which may have been written by anyone.
        log.warning(
            "sending the SMTP login for '%s' and its password to %s, the server named in %s "
            "(newsletter.host); if you do not trust that file, pass --smtp-host to choose "
            "the server yourself",
            s.username,
            where,
            s.host_source,
        )
    try:
        if s.port == 465:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        with smtp:
            smtp.ehlo()
            if s.starttls and s.port != 465:
                if not smtp.has_extn("starttls"):
                    raise SendError(
                        f"the SMTP server {where} does not offer STARTTLS",
                        hint="use the server's submission port (usually 587); set "
                        "newsletter.starttls: false (or --no-starttls) only for a trusted "
                        "local relay",
                    )
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.username:
                smtp.login(s.username, s.password or "")
            return smtp.sendmail(from_addr, to_addrs, data)
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(
            f"the SMTP server {where} refused the login for '{s.username}': {_reply(exc)}",
            hint="check newsletter.username and the password in the environment variable "
            "named by newsletter.password_env",
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(
            f"the SMTP server {where} does not support this: {exc}",
            hint="many servers offer login only after STARTTLS (newsletter.starttls: true); "
            "remove newsletter.username if the server needs no login",
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(sorted(exc.recipients))
        raise SendError(
            f"the SMTP server {where} refused every recipient: {refused}",
            hint="check newsletter.recipients (or --to)",
        ) from None
    except smtplib.SMTPSenderRefused as exc:
        raise SendError(
            f"the SMTP server {where} refused the sender {from_addr}: {_reply(exc)}",
            hint="use an address the server lets this account send from "
            "(newsletter.sender or --from)",
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise SendError(f"the SMTP server {where} answered {_reply(exc)}") from None
    except smtplib.SMTPServerDisconnected as exc:
        raise SendError(
            f"the SMTP server {where} closed the connection: {exc or 'no reason given'}",
            hint="check newsletter.port and newsletter.starttls for this server",
        ) from None
    except smtplib.SMTPException as exc:
        raise SendError(f"sending through {where} failed: {exc}") from None
    except ssl.SSLCertVerificationError as exc:
        raise SendError(
            f"cannot trust the TLS certificate of the SMTP server {where}: {exc.verify_message}",
            hint="use the server's real host name; for a private server set SSL_CERT_FILE "
            "to its CA file",
        ) from None
    except ssl.SSLError as exc:
        raise SendError(
            f"the TLS handshake with the SMTP server {where} failed: {exc.reason or exc}",
            hint="check newsletter.port and newsletter.starttls for this server",
        ) from None
    except ConnectionRefusedError:
        raise SendError(
            f"cannot connect to the SMTP server {where}: connection refused",
            hint="check newsletter.host and newsletter.port (or --smtp-host, --smtp-port) "
            "and that the server is running",
        ) from None
    except socket.gaierror:
        raise SendError(
            f"unknown SMTP server host '{s.host}'",
            hint="check newsletter.host (or --smtp-host)",
        ) from None
    except TimeoutError:
        raise SendError(
            f"the SMTP server {where} did not answer within {s.timeout:g} s",
            hint="check newsletter.host and newsletter.port, or raise newsletter.timeout",
        ) from None
    except OSError as exc:
        raise SendError(f"cannot talk to the SMTP server {where}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------- the workflow


@dataclass
class NewsletterOptions:
    brief: str
    audience: str | None = None  # default: newsletter.audience
    attach: tuple[str, ...] = ()  # default: newsletter.attach, else the audience
    eml: Path | None = None  # default: out/<brief>/<brief>-newsletter.eml
    send: bool = False
    to: tuple[str, ...] = ()
    sender: str | None = None
    host: str | None = None
    port: int | None = None
    username: str | None = None
    starttls: bool | None = None
    thumbnail_width: int = 600


@dataclass
class NewsletterResult:
    eml: Path
    message: EmailMessage
    attachments: list[Path]
    thumbnails: list[Path]
    teasers: list[Path]
    report: Any  # build.BuildReport
    sent: SmtpSettings | None = None
    refused: dict[str, Any] = field(default_factory=dict)


def _config_location(project: Any, key: tuple[str, ...]) -> str | None:
    """Where ``key`` is written in config/briefkit.yaml ("config/briefkit.yaml:14:9")."""
    loaded = getattr(project, "config_yaml", None)
    return str(loaded.location(key)) if loaded is not None else None


def eml_path(out_dir: Path, brief_id: str) -> Path:
    return out_dir / brief_id / f"{brief_id}-newsletter.eml"


def default_sender(cfg: NewsletterConfig, org: Any) -> str | None:
    """newsletter.sender, else the first address in organisation.contact (with the org's name)."""
    if cfg.sender:
        return cfg.sender
    found = _EMAIL.search(org.contact or "")
    return formataddr((org.name, found.group(0))) if found else None


def _with_name(sender: str, name: str) -> str:
    display, addr = parseaddr(sender)
    return sender if display else formataddr((name, addr))


def first_quote(project: Any, prov_paths: list[Path]) -> Quote | None:
    """The first quote a built PDF shows (the newsletter shows one), from its provenance record.

    The credit is the line the PDF printed under it (``credited``: the speaker
    first, then the source), so the email never credits the words to anyone
    the PDF does not. ``project`` is unused; kept for callers.
    """
    import json

    for prov_path in prov_paths:
        try:
            prov = json.loads(prov_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        items = prov.get("items", []) if isinstance(prov, dict) else []
        excerpts = [
            i for i in items if isinstance(i, dict) and i.get("type") == "excerpt" and i.get("text")
        ]
        excerpts.sort(key=lambda i: i.get("kind") != "quote")  # a real quote first
        for item in excerpts:
            attribution = item.get("credited")
            if not attribution:  # a record written before credits were recorded
                sid = item.get("source", "")
                attribution = (prov.get("sources", {}).get(sid) or {}).get("title") or sid
            return Quote(" ".join(item["text"].split()), " ".join(str(attribution).split()))
    return None


def prepare_newsletter(
    project: Any,
    options: NewsletterOptions,
    *,
    environ: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> NewsletterResult:
    """Build, write (and with ``options.send``, send) the newsletter email of one brief."""
    from ..build import BuildOptions, audiences_for, build, check_audience_filter, load_briefs
    from .files import atomic_write
    from .manifest import cited_sources, manifest_entry, update_manifest
    from .teaser import Teaser, pdf_link, teaser_paragraph, write_teasers
    from .thumbnail import make_thumbnail, page_count

    cfg = newsletter_config(project)
    org = project.config.organisation
    audience = options.audience or cfg.audience
    attach = tuple(dict.fromkeys(options.attach or cfg.attach or (audience,)))
    needed = tuple(dict.fromkeys((audience, *attach)))
    check_audience_filter(project, needed)
    sender = options.sender or default_sender(cfg, org)
    recipients = tuple(options.to or cfg.recipients)
    for addr in (*options.to, *([options.sender] if options.sender else [])):
        try:
            check_address(addr, "--to" if addr in options.to else "--from")
        except ValueError as exc:
            raise ConfigError(str(exc), hint="write an address like briefs@example.org") from None
    smtp = None
    if options.send:  # before building: a missing setting should not cost a build
        smtp = smtp_settings(
            cfg,
            sender=sender,
            recipients=recipients,
            host=options.host,
            port=options.port,
            username=options.username,
            starttls=options.starttls,
            environ=environ,
            config_file=_config_location(project, ("newsletter", "host")),
        )
    elif not sender:
        raise ConfigError(
            "newsletter.sender is not set and organisation.contact has no email address",
            hint="add 'sender: briefs@example.org' under 'newsletter:' in config/briefkit.yaml, "
            "or pass --from",
        )

    loaded, errors = load_briefs(project, (options.brief,))
    raise_all(errors)
    lb = loaded[0]
    brief = lb.brief
    own = audiences_for(project, brief, ())
    missing = [a for a in needed if a not in own]
    if missing:
        raise ConfigError(
            f"brief '{brief.id}' is not written for audience '{missing[0]}'",
            location=lb.loaded.location(("audiences",)),
            hint=f"add it to 'audiences:' in the brief; it has: {', '.join(own)}",
        )

    report = build(project, BuildOptions(briefs=(options.brief,), audiences=needed))
    if report.errors:
        raise BriefkitErrors(report.errors)
    outputs = {
        o.audience: o for o in report.outputs if o.brief == brief.id and o.status != "failed"
    }
    out_dir = project.out_dir
    thumbs = [
        make_thumbnail(
            o.path,
            width=options.thumbnail_width,
            display=project.display(o.path.with_suffix(".png")),
            root=out_dir,
        )
        for o in outputs.values()
        if o.path.suffix == ".pdf"
    ]
    main = outputs[audience]
    # an up-to-date PDF is not rebuilt, and its output does not know its pages
    pages = {a: o.pages or page_count(o.path) for a, o in outputs.items()}
    link = pdf_link(main.path, out_dir, cfg.pdf_base_url)
    paragraph = teaser_paragraph(brief.key_messages, fallback=brief.subtitle or "")
    teasers = list(
        write_teasers(
            out_dir, brief.id, Teaser(brief.title, paragraph, link, main.path.name, pages[audience])
        )
    )

    domain = message_domain(cfg, org.url)
    attachments = tuple(
        Attachment(
            outputs[a].path,
            pages[a],
            email_thumbnail(outputs[a].path, domain) if outputs[a].path.suffix == ".pdf" else None,
        )
        for a in attach
    )
    content = NewsletterContent(
        brief_id=brief.id,
        title=brief.title,
        subtitle=brief.subtitle,
        date=brief.date,
        key_messages=tuple(brief.key_messages),
        quote=first_quote(
            project, [outputs[a].path.with_suffix(".provenance.json") for a in needed]
        ),
        org_name=org.name,
        org_url=org.url,
        contact=brief.contact or org.contact,
        primary=org.colours.primary,
        accent=org.colours.accent,
        text_colour=org.colours.text,
        muted=org.colours.muted,
        attachments=attachments,
        link=link if cfg.pdf_base_url else None,
    )
    if smtp is not None:
        date = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    else:
        date = dt.datetime.combine(brief.date, dt.time(0, 0), tzinfo=dt.UTC)
    msg = build_message(
        content,
        sender=_with_name(str(sender), org.name),
        recipients=recipients,
        subject=subject_for(brief.title, cfg.subject_prefix),
        date=date,
        domain=domain,
    )
    eml = options.eml or eml_path(out_dir, brief.id)
    atomic_write(
        eml,
        message_bytes(msg),
        display=project.display(eml),
        root=None if options.eml else out_dir,  # a path the user typed may be anywhere
    )

    result = NewsletterResult(
        eml, msg, [a.path for a in attachments], thumbs, teasers, report, smtp
    )
    if smtp is not None:
        result.refused = send_message(msg, smtp)

    entries = [manifest_entry(o, brief) for o in outputs.values()]
    meta = {"brief": brief.id, "title": brief.title, "teaser": paragraph}
    for o in outputs.values():
        png = o.path.with_suffix(".png")
        if png in thumbs:
            entries.append(
                {**meta, "audience": o.audience, "path": png, "sources": cited_sources(o.path)}
            )
    attached_sources = sorted({s for a in attachments for s in cited_sources(a.path)})
    for path in (*teasers, eml):
        try:
            path.resolve().relative_to(out_dir.resolve())
        except ValueError:
            continue  # an .eml written elsewhere (--eml) is not part of out/
        entries.append({**meta, "audience": audience, "path": path, "sources": attached_sources})
    update_manifest(out_dir, entries)
    return result
