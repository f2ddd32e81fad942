"""``briefkit figures``: the key figures of files or corpus sources.

Output is a stable interface: with ``--json``, a list with one object per
input, ``{"path": ...}`` or ``{"source": ...}`` plus ``"figures"``: a list of
``{"value", "qualifier", "unit", "label", "scope", "sentence_id", "sentence"}``
in the order a key-figures box would show them. ``value`` is exactly as
written in ``sentence``; ``qualifier`` ("more than", "up to", "" if none) is
printed with it; ``label`` and ``scope`` are the source's own words.
"""

from __future__ import annotations

import json

import click

from .common import articles_for


@click.command("figures")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_ID...")
@click.option(
    "--about",
    "about",
    multiple=True,
    metavar="TERM",
    help="Keep figures about this term (repeat for more; matched by word stems).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="At most this many figures per input.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per input).")
def figures(inputs: tuple[str, ...], about: tuple[str, ...], top: int, as_json: bool) -> None:
    """Key figures of files (any path) or sources of the project (by id)."""
    from ..figures import find_figures

    results = []
    for key, name, article in articles_for(inputs):
        found = find_figures([article], about=about, top=top)
        results.append((key, name, article, found))

    if as_json:
        payload = [
            {
                key: name,
                "figures": [
                    {
                        "value": f.value,
                        "qualifier": f.qualifier,
                        "unit": f.unit,
                        "label": f.label,
                        "scope": f.scope,
                        "sentence_id": f.sentence.id,
                        "sentence": f.sentence.text,
                    }
                    for f in found
                ],
            }
            for key, name, _article, found in results
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for n, (_key, name, article, found) in enumerate(results):
        if n:
            click.echo()
        title = f" — {article.title}" if article.title else ""
        click.echo(click.style(f"{name}{title}", bold=True))
        if not found:
            click.echo("  (no key figures)")
        for f in found:
            line = f"  [{f.sentence.id}] {f.display} — {f.label}"
            if f.scope:
                line += f" — {f.scope}"
            click.echo(line)
