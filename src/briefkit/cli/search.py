"""``briefkit search``: ranked passages from the sources, ready to cite."""

from __future__ import annotations

import json
import logging
import re

import click

from .common import settings

log = logging.getLogger(__name__)

_INDENT = 5
_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


@click.command("search")
@click.argument("query")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="ID",
    help="Search only this source (repeat for several).",
)
@click.option(
    "-n",
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many passages to show.",
)
@click.option(
    "--must",
    multiple=True,
    metavar="TERM",
    help="A word or phrase every passage must contain (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of passages.")
@click.option(
    "--yaml",
    "as_yaml",
    is_flag=True,
    help="Print brief selectors ('- paragraph: ID') to paste into a brief.",
)
def search(
    query: str,
    sources: tuple[str, ...],
    top: int,
    must: tuple[str, ...],
    as_json: bool,
    as_yaml: bool,
) -> None:
    """Find the passages that best match QUERY (BM25 over all paragraphs).

    Spellings grouped in config/aliases.yaml are searched together; put a
    phrase in double quotes to match it whole.
    """
    from ..aliases import load_aliases
    from ..corpus.load import Corpus
    from ..errors import SourceError
    from ..index import Index

    if as_json and as_yaml:
        raise click.UsageError("give either --json or --yaml, not both")
    project = settings().project()
    corpus = Corpus(project)
    for sid in sources:
        if sid not in corpus:
            close = corpus.suggest(sid)
            raise SourceError(
                f"unknown source '{sid}'",
                hint=f"did you mean '{close}'?" if close else "run 'briefkit sources' to list them",
            )
    aliases = load_aliases(project)
    with Index.open(project) as index:
        stats = index.update(corpus)
        log.info(
            "search index: %d source(s) re-indexed, %d removed, %d unchanged%s",
            stats.reindexed,
            stats.removed,
            stats.unchanged,
            " (rebuilt)" if stats.rebuilt else "",
        )
        hits = index.search(query, sources=sources or None, top=top, must=must, aliases=aliases)
        titles = {h.source_id: _title(corpus, index, h.source_id) for h in hits}
    if as_json:
        rows = [
            {
                "id": h.paragraph_id,
                "source": h.source_id,
                "score": round(h.score, 4),
                "text": h.text,
            }
            for h in hits
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif as_yaml:
        click.echo("\n".join(_selector(h) for h in hits) if hits else "[]")
    elif not hits:
        click.echo(f"no passages match {query!r}")
    else:
        _print_hits(hits, titles)


def _title(corpus, index, sid: str) -> str:
    entry = corpus.files[sid].entry if sid in corpus.files else None
    return (getattr(entry, "title", None) or index.source_title(sid) or sid).strip()


def _selector(hit) -> str:
    pid = (
        hit.paragraph_id if _PLAIN_ID.fullmatch(hit.paragraph_id) else json.dumps(hit.paragraph_id)
    )
    words = " ".join(hit.text.split())
    excerpt = words if len(words) <= 60 else words[:59].rstrip() + "…"
    excerpt = excerpt.replace("\\", "\\\\").replace('"', '\\"')
    return f'- paragraph: {pid}   # score {hit.score:.2f} — "{excerpt}"'


def _print_hits(hits, titles: dict[str, str]) -> None:
    from rich.console import Console
    from rich.text import Text

    # highlight=False: rich must not colour numbers and quotes by itself.
    console = Console(highlight=False, soft_wrap=False)
    for rank, hit in enumerate(hits, start=1):
        head = Text()
        head.append(f"{rank:>2}. ", style="bold")
        head.append(f"{hit.score:6.2f}  ", style="cyan")
        head.append(hit.paragraph_id, style="bold green")
        title = titles.get(hit.source_id, hit.source_id)
        room = max(console.width - len(head.plain) - 2, 10)
        if len(title) > room:
            title = title[: room - 1].rstrip() + "…"
        head.append(f"  {title}", style="dim")
        body = Text(hit.text)
        for start, end in hit.spans:
            body.stylize("bold yellow", start, end)
        console.print(head)
        for line in body.wrap(console, max(console.width - _INDENT, 20)):
            line.rstrip()
            console.print(Text(" " * _INDENT) + line)
        console.print()
