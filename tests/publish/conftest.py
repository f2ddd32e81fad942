"""Fixtures for publishing: a real SMTP server on 127.0.0.1 (aiosmtpd), with or without TLS."""

from __future__ import annotations

import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

USER = "analyst"
# a password no file of the project may ever contain
PASSWORD = "s3cret-Pa55-do-not-write-9f1c"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Mailbox:
    host: str
    port: int
    user: str = USER
    password: str = PASSWORD
    envelopes: list = field(default_factory=list)
    logins: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.user.encode()
            and auth_data.password == self.password.encode()
        )
        self.logins.append((mechanism, ok))
        return AuthResult(success=ok, handled=False)


@pytest.fixture(name="free_port")
def free_port_fixture():
    """A TCP port on 127.0.0.1 that nothing listens on."""
    return free_port()


def _serve(mailbox: Mailbox, **kwargs):
    from aiosmtpd.controller import Controller

    controller = Controller(
        mailbox,
        hostname=mailbox.host,
        port=mailbox.port,
        authenticator=mailbox.authenticator,
        **kwargs,
    )
    controller.start()
    return controller


@pytest.fixture
def smtp_server():
    """Plain SMTP with AUTH (no TLS): for `starttls: false` relays."""
    mailbox = Mailbox("127.0.0.1", free_port())
    controller = _serve(mailbox, auth_require_tls=False)
    yield mailbox
    controller.stop()


@pytest.fixture
def tls_files(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: cannot make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=20,
    )
    return cert, key


@pytest.fixture
def starttls_server(tls_files, monkeypatch):
    """SMTP that requires STARTTLS before AUTH and mail; the client trusts its certificate."""
    import ssl

    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    mailbox = Mailbox("127.0.0.1", free_port())
    controller = _serve(mailbox, tls_context=context, require_starttls=True, auth_require_tls=True)
    yield mailbox
    controller.stop()


@pytest.fixture
def newsletter_config(monkeypatch):
    """Let config/briefkit.yaml have a `newsletter:` section (until ProjectConfig declares it)."""
    from pydantic import Field

    import briefkit.config.load as load
    from briefkit.config.models import ProjectConfig
    from briefkit.publish.email import NewsletterConfig

    class WithNewsletter(ProjectConfig):
        newsletter: NewsletterConfig = Field(default_factory=NewsletterConfig)

    if "newsletter" not in ProjectConfig.model_fields:
        monkeypatch.setattr(load, "ProjectConfig", WithNewsletter)

    def write(project: Path, section: str) -> None:
        path = project / "config" / "briefkit.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + section, encoding="utf-8")

    return write
