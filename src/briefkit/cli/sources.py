"""`briefkit sources`: list, show and clean source articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import SourceError
from .common import settings
from .scaffold import complete_sources


def _field(article, name: str) -> str:
    value = getattr(article, name)
    if isinstance(value, tuple):
        value = ", ".join(value)
    return value or ""


def _marked(article, name: str) -> str:
    """A metadata value with where it came from: given (sources.yaml) or found (text)."""
    value = _field(article, name)
    origin = dict(article.provenance).get(name)
    if not value:
        return "—"
    return f"{value} ({origin})" if origin else value


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def sources(ctx: click.Context, as_json: bool) -> None:
    """List the sources: id, title, author, date, publication, size, lines dropped."""
    if ctx.invoked_subcommand is not None:
        return
    from ..corpus.load import Corpus

    s = settings()
    corpus = Corpus(s.project())
    articles = corpus.articles()
    if not s.quiet:  # -q: errors only
        for problem in corpus.problems:
            click.echo("warning: " + problem.render(), err=True)
    if as_json:
        rows = [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "authors": list(a.authors),
                "date": a.date,
                "publication": a.publication,
                "language": a.language,
                "paragraphs": len(a.paragraphs),
                "words": a.word_count,
                "dropped": len(a.dropped),
                "metadata": dict(a.provenance),
            }
            for a in articles
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not articles:
        click.echo("no sources in " + corpus.project.config.paths.seeds + "/")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, pad_edge=False, box=None, header_style="bold")
    for col, kw in (
        ("id", {"no_wrap": True}),
        ("title", {"max_width": 40}),
        ("author", {"max_width": 22}),
        ("date", {"no_wrap": True}),
        ("publication", {"max_width": 20}),
        ("paras", {"justify": "right"}),
        ("words", {"justify": "right"}),
        ("dropped", {"justify": "right"}),
    ):
        table.add_column(col, **kw)
    for a in articles:
        table.add_row(
            a.id,
            a.title or "—",
            ", ".join(a.authors) or "—",
            a.date or "—",
            a.publication or "—",
            str(len(a.paragraphs)),
            f"{a.word_count:,}",
            str(len(a.dropped)),
        )
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@sources.command("show")
@click.argument("source_id", shell_complete=complete_sources)
@click.option("--dropped", is_flag=True, help="List what the cleaner removed, and why.")
@click.option("--sentences", is_flag=True, help="Show sentence ids too.")
def show(source_id: str, dropped: bool, sentences: bool) -> None:
    """Show the cleaned article SOURCE_ID with its paragraph ids."""
    from ..corpus.load import Corpus
    from ..select import check_source

    corpus = Corpus(settings().project())
    check_source(corpus, source_id)
    a = corpus.get(source_id)
    click.echo(f"{a.id}  ({a.path}, {a.format}, sha256 {a.content_hash[:12]})")
    for name in ("title", "standfirst", "authors", "date", "publication", "language", "url"):
        click.echo(f"  {name + ':':<13}{_marked(a, name)}")
    click.echo()
    if dropped:
        if not a.dropped:
            click.echo("nothing was dropped")
        for d in a.dropped:
            text = d.text if len(d.text) <= 100 else d.text[:99] + "…"
            click.echo(f"line {d.line:>4}  [{d.reason}]  {text}")
        return
    for p in a.paragraphs:
        if p.kind == "heading":
            click.echo(f"[{p.id}]  ## {p.text}")
        elif sentences:
            click.echo(f"[{p.id}]")
            for s in p.sentences:
                click.echo(f"    [{s.id.rsplit('.', 1)[1]}] {s.text}")
        else:
            prefix = "• " if p.kind == "list_item" else ""
            click.echo(f"[{p.id}]  {prefix}{p.text}")
        click.echo()


@sources.command("clean")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object per file.")
@click.option("--strict", is_flag=True, help="An unreadable file is an error, not a warning.")
def clean(paths: tuple[Path, ...], as_json: bool, strict: bool) -> None:
    """Clean any files (not only those in seeds/) and print the article text."""
    from ..corpus.load import read_article

    results = []
    errors: list[SourceError] = []
    for path in paths:
        try:
            article = read_article(path, display=str(path))
        except SourceError as exc:
            if strict:
                errors.append(exc)
            elif not settings().quiet:  # -q: errors only
                click.echo("warning: " + exc.render() + " (skipped)", err=True)
            continue
        results.append((path, article))
    if errors:
        from ..errors import raise_all

        raise_all(errors)
    if as_json:
        out = [
            {
                "path": str(path),
                "title": a.title,
                "authors": list(a.authors),
                "date": a.date,
                "publication": a.publication,
                "language": a.language,
                "paragraphs": [{"id": p.id, "text": p.text} for p in a.paragraphs],
                "dropped": [{"text": d.text, "reason": d.reason} for d in a.dropped],
            }
            for path, a in results
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for path, a in results:
        click.echo(f"# {a.title or path.name}")
        meta = [x for x in (", ".join(a.authors), a.date, a.publication) if x]
        if meta:
            click.echo(" · ".join(meta))
        click.echo()
        for p in a.paragraphs:
            click.echo(("## " if p.kind == "heading" else "") + p.text)
            click.echo()
