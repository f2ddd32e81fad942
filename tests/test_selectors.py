"""Query and paragraph selectors in a brief, name spellings, and --allow-unverified."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_project
from pdfutil import pdf_text, squash

SOURCES = {
    "exile.md": (
        "---\ntitle: Exile politics\nauthor: Mira Example\ndate: 2024-03-01\n---\n\n"
        "# Exile politics\n\n"
        "Sviatlana Tsikhanouskaya met parliamentarians in Vilnius to discuss passports for exiles.\n\n"
        "The weather in the capital was mild for the time of year, with light rain in the evening.\n\n"
        "Officials said a new travel document could be ready for exiled citizens within a year.\n"
    ),
    "trade.md": (
        "---\ntitle: Trade notes\nauthor: Tom Sample\n---\n\n"
        "# Trade notes\n\n"
        "Grain exports fell sharply in the second quarter as ports stayed closed.\n\n"
        "Fertiliser prices rose again, squeezing farmers across the region.\n"
    ),
}

ALIASES = "groups:\n  - [Tsikhanouskaya, Tikhanovskaya, Tsikhanovskaya]\n"

BRIEF = """\
title: Travel documents for exiles
date: 2024-04-01
audiences: [full]
key_messages: [A passport for exiles is being discussed.]
sections:
  - heading: Who is asking
    excerpts:
      - query: Tikhanovskaya passports
        top: 1
      - paragraph: exile/p3
"""


def test_query_finds_a_passage_under_another_spelling_and_paragraph_ids_resolve(
    tmp_path: Path, run
):
    root = write_project(tmp_path / "p", SOURCES, {"docs.yaml": BRIEF})
    (root / "config").mkdir()
    (root / "config" / "aliases.yaml").write_text(ALIASES)
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    text = squash(pdf_text(root / "out/docs/docs-full.pdf"))
    assert squash("Sviatlana Tsikhanouskaya met parliamentarians in Vilnius") in text
    assert squash("a new travel document could be ready") in text
    assert squash("Grain exports") not in text
    prov = json.loads((root / "out/docs/docs-full.provenance.json").read_text())
    kinds = [(i["kind"], i["paragraph"], i["verified"]) for i in prov["items"]]
    assert kinds == [("query", "exile/p1", "query"), ("paragraph", "exile/p3", "paragraph")]
    assert prov["items"][0]["query"] == "Tikhanovskaya passports"


def test_without_the_alias_group_the_other_spelling_finds_nothing(tmp_path: Path, run):
    root = write_project(tmp_path / "p", SOURCES, {"docs.yaml": BRIEF.replace("passports", "")})
    result = run(root, "check")
    assert result.exit_code == 2
    assert "briefings/docs.yaml:8:16: query 'Tikhanovskaya' found no passage" in result.stderr


def test_allow_unverified_prints_the_quote_visibly_marked(tmp_path: Path, run):
    brief = BRIEF.replace(
        "      - query: Tikhanovskaya passports\n        top: 1\n",
        "      - source: exile\n        quote: Officials said a new passport could be ready\n",
    )
    root = write_project(tmp_path / "p", SOURCES, {"docs.yaml": brief})
    refused = run(root, "build")
    assert refused.exit_code == 2
    assert "quote not found verbatim in source 'exile'" in refused.stderr
    assert not (root / "out/docs/docs-full.pdf").exists()
    allowed = run(root, "build", "--allow-unverified")
    assert allowed.exit_code == 0, allowed.output
    assert "warning: briefings/docs.yaml:9:16: quote not found verbatim" in allowed.stderr
    text = pdf_text(root / "out/docs/docs-full.pdf")
    assert "UNVERIFIED" in text
    assert squash("Officials said a new passport could be ready") in squash(text)
    prov = json.loads((root / "out/docs/docs-full.provenance.json").read_text())
    assert prov["items"][0]["verified"] == "unverified"
