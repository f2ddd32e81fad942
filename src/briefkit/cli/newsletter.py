"""`briefkit newsletter`: the email (.eml, or sent over SMTP) with the brief's PDFs attached."""

from __future__ import annotations

from pathlib import Path

import click

from .common import settings
from .scaffold import complete_audiences, complete_briefs


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


@click.command()
@click.argument("brief", shell_complete=complete_briefs)
@click.option(
    "--audience",
    default=None,
    shell_complete=complete_audiences,
    help="The audience whose PDF the email presents (default: newsletter).",
)
@click.option(
    "--attach",
    "attach",
    multiple=True,
    metavar="AUDIENCE",
    shell_complete=complete_audiences,
    help="Attach this audience's PDF (repeatable; default: the --audience PDF).",
)
@click.option(
    "--eml",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the email (default: out/BRIEF/BRIEF-newsletter.eml).",
)
@click.option("--send", is_flag=True, help="Send the email over SMTP as well.")
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="ADDR",
    help="Recipient: one address per --to (repeatable; default: newsletter.recipients).",
)
@click.option(
    "--from", "sender", metavar="ADDR", default=None, help="Sender (default: newsletter.sender)."
)
@click.option(
    "--smtp-host",
    default=None,
    help="SMTP server (default: newsletter.host; a warning says so when the password "
    "goes to a host named by the project's config).",
)
@click.option(
    "--smtp-port",
    type=click.IntRange(1, 65535),
    default=None,
    help="SMTP port (default: newsletter.port, 587).",
)
@click.option(
    "--smtp-user",
    default=None,
    help="SMTP login (default: newsletter.username); the password comes "
    "from the environment variable BRIEFKIT_SMTP_PASSWORD (or the BRIEFKIT_* variable "
    "named by newsletter.password_env).",
)
@click.option(
    "--starttls/--no-starttls",
    default=None,
    help="Require STARTTLS (default: newsletter.starttls, on).",
)
def newsletter(
    brief, audience, attach, eml, send, to, sender, smtp_host, smtp_port, smtp_user, starttls
) -> None:
    """Build BRIEF for the newsletter and write (or --send) the email with its PDFs attached.

    Also writes a PNG thumbnail beside each PDF, a teaser (.md and .txt) and
    out/manifest.json.
    """
    from ..publish.email import NewsletterOptions, prepare_newsletter

    s = settings()
    project = s.project()
    options = NewsletterOptions(
        brief=brief,
        audience=audience,
        attach=tuple(attach),
        eml=eml.resolve() if eml else None,
        send=send,
        to=tuple(to),
        sender=sender,
        host=smtp_host,
        port=smtp_port,
        username=smtp_user,
        starttls=starttls,
    )
    result = prepare_newsletter(project, options)
    if s.quiet:  # -q: errors only
        return
    for o in result.report.outputs:
        for w in o.warnings:
            click.echo("warning: " + w.render(), err=True)
    for o in result.report.outputs:
        if o.status == "built":
            click.echo(
                f"wrote {o.display}  ({o.pages} page{'s' if o.pages != 1 else ''}, {_size(o.size)})"
            )
    for path in (*result.thumbnails, *result.teasers):
        click.echo(f"wrote {project.display(path)}")
    n = len(result.attachments)
    size = result.eml.stat().st_size
    plural = "s" if n != 1 else ""
    click.echo(f"wrote {project.display(result.eml)}  ({n} attachment{plural}, {_size(size)})")
    if result.sent is not None:
        accepted = [r for r in result.sent.recipients if r not in result.refused]
        click.echo(f"sent to {', '.join(accepted)} via {result.sent.host}:{result.sent.port}")
        for addr, (code, reply) in sorted(result.refused.items()):
            text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
            click.echo(f"warning: the server refused {addr}: {code} {text}", err=True)
