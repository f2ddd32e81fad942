# ruff: noqa: E501 - the expected messages are long lines, kept whole to be searchable
"""A project file must not choose which secret becomes the SMTP password (issue 16, hole 4).

`config/briefkit.yaml` may come from anyone. It used to be able to say
`password_env: GITHUB_TOKEN` and `host: smtp.evil.example`, and
`newsletter --send` sent the user's token there. Only `BRIEFKIT_*` variables
may hold the password now, and sending the login to a host named by the
project's config is said plainly. Also: `--to 'a@…, b@…'` validated only the
first address but sent to both. A real SMTP server on 127.0.0.1 (aiosmtpd)
records what reaches it.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BRIEF = "different-baskets"
USER = "analyst"
PASSWORD = "relay-Pa55-7c1e"
TOKEN = "ghp_not-a-real-token-but-a-secret-0b9f"


@dataclass
class Server:
    host: str
    port: int
    envelopes: list = field(default_factory=list)
    passwords: list = field(default_factory=list)  # every password a client tried

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        if isinstance(auth_data, LoginPassword):
            self.passwords.append(auth_data.password.decode())
        ok = isinstance(auth_data, LoginPassword) and auth_data == LoginPassword(
            USER.encode(), PASSWORD.encode()
        )
        return AuthResult(success=ok, handled=False)


@pytest.fixture
def server():
    """Plain SMTP with AUTH on 127.0.0.1 (a relay with `starttls: false`)."""
    pytest.importorskip("aiosmtpd")
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = Server("127.0.0.1", port)
    controller = Controller(
        srv, hostname=srv.host, port=port, authenticator=srv.authenticator, auth_require_tls=False
    )
    controller.start()
    yield srv
    controller.stop()


def add_newsletter(project: Path, section: str) -> int:
    """Append a `newsletter:` section to the config; the line it starts on."""
    path = project / "config" / "briefkit.yaml"
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + section, encoding="utf-8")
    return text.count("\n") + 1


def relay_config(srv: Server, *extra: str) -> str:
    return "".join(
        [
            "newsletter:\n",
            "  sender: briefs@example.org\n",
            "  recipients: [list@example.org]\n",
            f"  host: {srv.host}\n",
            f"  port: {srv.port}\n",
            f"  username: {USER}\n",
            "  starttls: false\n",
            "  timeout: 5\n",
            *extra,
        ]
    )


def first(result) -> str:
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result.stderr.splitlines()[0]


# -- password_env -------------------------------------------------------------------------


def test_password_env_naming_another_secret_is_refused(project, run, server, monkeypatch):
    start = add_newsletter(project, relay_config(server, "  password_env: GITHUB_TOKEN\n"))
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("BRIEFKIT_SMTP_PASSWORD", PASSWORD)
    result = run(project, "newsletter", BRIEF, "--send")
    assert result.exit_code == 2
    line = start + 8  # the password_env line
    assert first(result) == (
        f"config/briefkit.yaml:{line}:17: newsletter.password_env: 'GITHUB_TOKEN' is not allowed: "
        "the SMTP password may only come from an environment variable named BRIEFKIT_* "
        "(remove password_env to use BRIEFKIT_SMTP_PASSWORD, or name another BRIEFKIT_ variable)"
    )
    assert TOKEN not in server.passwords
    assert server.passwords == [] and server.envelopes == []
    # any command: the config itself is refused
    result = run(project, "check")
    assert result.exit_code == 2
    assert "newsletter.password_env: 'GITHUB_TOKEN' is not allowed" in first(result)


@pytest.mark.parametrize(
    "name", ["HOME", "briefkit_smtp_password", "AWS_SECRET_ACCESS_KEY", "BRIEFKIT_"]
)
def test_only_briefkit_names_are_allowed(project, run, name):
    add_newsletter(project, f"newsletter:\n  password_env: {name}\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert f"newsletter.password_env: '{name}' is not allowed" in first(result)


def test_briefkit_password_env_and_config_host_are_said_plainly(project, run, server, monkeypatch):
    start = add_newsletter(
        project, relay_config(server, "  password_env: BRIEFKIT_RELAY_PASSWORD\n")
    )
    monkeypatch.setenv("BRIEFKIT_RELAY_PASSWORD", PASSWORD)
    monkeypatch.setenv("BRIEFKIT_SMTP_PASSWORD", "not-this-one")
    result = run(project, "newsletter", BRIEF, "--send")
    assert result.exit_code == 0, result.output
    assert server.passwords == [PASSWORD]
    assert len(server.envelopes) == 1
    where = f"127.0.0.1:{server.port}"
    assert (
        f"warning: sending the SMTP login for '{USER}' and its password to {where}, the server "
        f"named in config/briefkit.yaml:{start + 3}:9 (newsletter.host); if you do not trust "
        "that file, pass --smtp-host to choose the server yourself"
    ) in result.stderr.splitlines()


def test_no_warning_when_the_host_is_given_on_the_command_line(project, run, server, monkeypatch):
    add_newsletter(project, relay_config(server))
    monkeypatch.setenv("BRIEFKIT_SMTP_PASSWORD", PASSWORD)
    result = run(project, "newsletter", BRIEF, "--send", "--smtp-host", "127.0.0.1")
    assert result.exit_code == 0, result.output
    assert server.passwords == [PASSWORD]
    assert "the server named in" not in result.stderr


# -- recipients -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "a@example.org, b@evil.example",
        "a@example.org;b@evil.example",
        "Ann <a@example.org>, b@evil.example",
    ],
)
def test_to_with_two_addresses_is_refused(project, run, server, value):
    result = run(
        project,
        "newsletter",
        BRIEF,
        "--send",
        "--to",
        value,
        "--from",
        "briefs@example.org",
        "--smtp-host",
        server.host,
        "--smtp-port",
        str(server.port),
        "--no-starttls",
    )
    assert result.exit_code == 2
    assert first(result) == (
        f"--to: {value!r} is more than one address; give one address per --to "
        "(repeat --to for more recipients)"
    )
    assert server.envelopes == []
    assert not (project / "out").exists()  # refused before building


def test_repeated_to_still_sends_to_each(project, run, server):
    result = run(
        project,
        "newsletter",
        BRIEF,
        "--send",
        "--to",
        "a@example.org",
        "--to",
        '"Doe, Jo" <b@example.org>',  # a comma inside a quoted name is one address
        "--from",
        "briefs@example.org",
        "--smtp-host",
        server.host,
        "--smtp-port",
        str(server.port),
        "--no-starttls",
    )
    assert result.exit_code == 0, result.output
    [envelope] = server.envelopes
    assert envelope.rcpt_tos == ["a@example.org", "b@example.org"]


def test_config_recipient_with_two_addresses_is_refused(project, run, server):
    start = add_newsletter(
        project,
        relay_config(server).replace(
            "recipients: [list@example.org]", "recipients: ['a@example.org, b@evil.example']"
        ),
    )
    result = run(project, "newsletter", BRIEF, "--send")
    assert result.exit_code == 2
    assert re.fullmatch(
        rf"config/briefkit\.yaml:{start + 2}:\d+: newsletter\.recipients: "
        r"'a@example\.org, b@evil\.example' is more than one address; give each address as its own "
        r"item: \[a@example\.org, b@example\.org\]",
        first(result),
    ), first(result)
    assert server.envelopes == []


def test_from_with_two_addresses_is_refused(project, run, server):
    result = run(
        project,
        "newsletter",
        BRIEF,
        "--to",
        "a@example.org",
        "--from",
        "a@example.org, b@evil.example",
    )
    assert result.exit_code == 2
    assert first(result) == (
        "--from: 'a@example.org, b@evil.example' is more than one address; the sender is one address"
    )
