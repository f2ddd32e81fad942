"""``briefkit summarize``: an extractive summary of files or corpus sources.

Output is a stable interface: with ``--json``, a list with one object per
input, ``{"path": ...}`` or ``{"source": ...}`` plus ``"sentences"``: a list of
``{"id", "text", "printed", "context"}`` in source order. ``text`` is the
source's sentence, verbatim; ``printed`` is how a brief prints it, with any
words added in square brackets so that it reads on its own ("[Svetlana]
Matskevich", "last year [2023]"); ``context`` is true for a sentence included
only because the next one depends on it.
"""

from __future__ import annotations

import json

import click

from .common import articles_for


@click.command("summarize")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_ID...")
@click.option(
    "--sentences",
    "n_sentences",
    type=click.IntRange(min=1),
    help="Sentences per summary (default 3).",
)
@click.option(
    "--words",
    "n_words",
    type=click.IntRange(min=1),
    help="A word budget instead of a sentence count.",
)
@click.option(
    "--focus", default=None, help="Prefer sentences about this text (a heading, a question)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per input).")
def summarize(
    inputs: tuple[str, ...],
    n_sentences: int | None,
    n_words: int | None,
    focus: str | None,
    as_json: bool,
) -> None:
    """Summarise files (any path) or sources of the project (by id)."""
    from ..summarise import summarise

    if n_sentences is not None and n_words is not None:
        raise click.UsageError("give --sentences or --words, not both")
    results = []
    for key, name, article in articles_for(inputs):
        chosen = summarise([article], sentences=n_sentences, words=n_words, focus=focus)
        results.append((key, name, article, chosen))

    if as_json:
        payload = [
            {
                key: name,
                "sentences": [
                    {
                        "id": s.sentence.id,
                        "text": s.sentence.text,
                        "printed": s.printed,
                        "context": s.with_previous,
                    }
                    for s in chosen
                ],
            }
            for key, name, _article, chosen in results
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for n, (_key, name, article, chosen) in enumerate(results):
        if n:
            click.echo()
        title = f" — {article.title}" if article.title else ""
        click.echo(click.style(f"{name}{title}", bold=True))
        if not chosen:
            click.echo("  (nothing to summarise)")
        for s in chosen:
            click.echo(f"  [{s.sentence.id}] {s.printed}")
