from __future__ import annotations

from briefkit.corpus.extract import extract
from briefkit.corpus.markdown import extract_markdown, strip_inline

from .conftest import token_f1

DOC = """\
---
title: Fixing the bus network
authors: [Ana Silva, Ben Okafor]
date: 2024-02-29
publication: Transit Weekly
url: https://example.org/bus
language: en
description: Why the city should redesign its routes.
---
# Fixing the bus network

The city's bus network was designed in the 1980s, when most jobs were in the
centre. **Today** most trips are *between* suburbs, and the routes have not
followed.

## What riders want

- Buses every ten minutes on the main corridors
- Simple fares, see [the fare table](https://example.org/fares)
- Shelters at every stop ![a shelter](img/shelter.png)

> Frequency is freedom,
> as one planner put it.

Use `route_id` to look routes up.
"""


def test_front_matter_and_structure() -> None:
    result = extract_markdown(DOC)
    meta = result.metadata
    assert meta.title == "Fixing the bus network"
    assert meta.authors == ("Ana Silva", "Ben Okafor")
    assert meta.date == "2024-02-29"
    assert meta.publication == "Transit Weekly"
    assert meta.url == "https://example.org/bus"
    assert meta.standfirst == "Why the city should redesign its routes."
    assert [(b.kind, b.text) for b in result.blocks] == [
        (
            "paragraph",
            "The city's bus network was designed in the 1980s, when most jobs were in the "
            "centre. Today most trips are between suburbs, and the routes have not followed.",
        ),
        ("heading", "What riders want"),
        ("list_item", "Buses every ten minutes on the main corridors"),
        ("list_item", "Simple fares, see the fare table"),
        ("list_item", "Shelters at every stop"),
        ("quote", "Frequency is freedom, as one planner put it."),
        ("paragraph", "Use route_id to look routes up."),
    ]
    assert result.blocks[0].line == 12


def test_markdown_loses_nothing() -> None:
    plain = "First paragraph of text.\n\nSecond paragraph, with\na wrapped line.\n"
    result = extract(plain, "markdown")
    assert token_f1(" ".join(b.text for b in result.blocks), plain) == 1.0


def test_strip_inline_is_conservative() -> None:
    assert strip_inline("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4"
    assert strip_inline("a [link](http://x) and __bold__") == "a link and bold"


def test_no_front_matter_and_junk() -> None:
    for text in (
        "",
        "---\n: bad: yaml: [\n---\nBody text.",
        "```\ncode\n",
        "Title\n=====\n\nText.",
    ):
        extract_markdown(text)
    assert extract_markdown("Title\n=====\n\nText.").metadata.title == "Title"
