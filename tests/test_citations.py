"""Citations: every excerpt, automatic sentence and figure is a numbered note; references list the sources cited."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_project
from pdfutil import pdf_text, squash

SOURCES = {
    "harbour.md": (
        "---\ntitle: The harbour reopens\nauthor: Ada Lindqvist\ndate: 2023-05-02\n"
        "publication: Coastal Review\nurl: https://example.org/harbour\n---\n\n"
        "# The harbour reopens\n\n"
        "The old harbour reopened on Monday after two years of repairs to its sea wall.\n\n"
        "Fishermen said the new quay would let larger boats land their catch in winter.\n"
    ),
    "ferries.md": (
        "---\ntitle: Ferries go electric\nauthor: Jonas Berg\ndate: 2024-01-15\npublication: Island Post\n---\n\n"
        "# Ferries go electric\n\n"
        "Three island ferries will switch to batteries next spring, the operator announced.\n\n"
        "Charging will take about twelve minutes at each end of the crossing.\n"
    ),
    "unused.md": "---\ntitle: Unrelated\nauthor: Nobody Cited\n---\n\nA text that no brief quotes at all, about gardens.\n",
}

BRIEF = """\
title: Coastal transport
date: 2024-02-01
audiences: [full]
key_messages: [Harbours and ferries are changing.]
sections:
  - heading: Harbour
    excerpts:
      - source: harbour
        quote: "The old harbour reopened on Monday"
  - heading: Ferries
    excerpts:
      - paragraph: ferries/p1
    summary: {auto: true, sources: [ferries], sentences: 1, focus: charging time}
"""


def test_notes_and_references_name_the_right_sources(tmp_path: Path, run):
    root = write_project(tmp_path / "p", SOURCES, {"coastal.yaml": BRIEF})
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    pdf = root / "out/coastal/coastal-full.pdf"
    text = squash(pdf_text(pdf))
    # references: both cited sources, formatted consistently; the uncited one absent
    assert squash("Ada Lindqvist, “The harbour reopens”, Coastal Review, 2 May 2023") in text
    assert squash("Jonas Berg, “Ferries go electric”, Island Post, 15 January 2024") in text
    assert squash("Nobody Cited") not in text
    # provenance: one record per excerpt / sentence, each with its paragraph and offsets
    prov = json.loads((root / "out/coastal/coastal-full.provenance.json").read_text())
    items = prov["items"]
    kinds = sorted(i["type"] for i in items)
    assert kinds == ["excerpt", "excerpt", "summary_sentence"]
    by_type = {i["type"]: i for i in items}
    assert by_type["summary_sentence"]["sentence"].startswith("ferries/p")
    assert "twelve minutes" in by_type["summary_sentence"]["text"]
    quote = next(i for i in items if i["type"] == "excerpt" and i["source"] == "harbour")
    assert quote["paragraph"] == "harbour/p1"
    assert quote["verified"] == "exact"
    assert sorted(prov["sources"]) == ["ferries", "harbour"]
    # every note number is distinct and increasing
    notes = [i["note"] for i in items]
    assert notes == sorted(notes) and len(set(notes)) == len(notes)


def test_automatic_summary_does_not_repeat_the_sections_excerpts(tmp_path: Path, run):
    brief = BRIEF.replace(
        "    summary: {auto: true, sources: [ferries], sentences: 1, focus: charging time}\n",
        "    summary: {auto: true, sources: [ferries], sentences: 1, focus: batteries ferries operator}\n",
    )
    root = write_project(tmp_path / "p", SOURCES, {"coastal.yaml": brief})
    assert run(root, "build").exit_code == 0
    prov = json.loads((root / "out/coastal/coastal-full.provenance.json").read_text())
    excerpt_paras = {i["paragraph"] for i in prov["items"] if i["type"] == "excerpt"}
    summary_paras = {i["paragraph"] for i in prov["items"] if i["type"] == "summary_sentence"}
    assert "ferries/p1" in excerpt_paras
    assert summary_paras and not (summary_paras & excerpt_paras)


def test_an_analysts_summary_cites_whole_sources_in_print_order(tmp_path: Path, run):
    brief = BRIEF.replace(
        "    summary: {auto: true, sources: [ferries], sentences: 1, focus: charging time}\n",
        "    summary:\n      text: Ferries and harbours change together.\n"
        "      cites: [ferries, harbour]\n",
    )
    root = write_project(tmp_path / "p", SOURCES, {"coastal.yaml": brief})
    assert run(root, "build").exit_code == 0
    prov = json.loads((root / "out/coastal/coastal-full.provenance.json").read_text())
    items = prov["items"]
    assert [i["note"] for i in items] == [1, 2, 3, 4]
    # section 2 prints its summary (citing two sources) before its excerpt
    assert [i["type"] for i in items] == [
        "excerpt",
        "analyst_citation",
        "analyst_citation",
        "excerpt",
    ]
    cite = items[1]
    assert cite["source"] == "ferries" and cite["paragraph"] is None and cite["spans"] == []
    assert cite["printed"] == "Ferries and harbours change together."
    # a whole source is cited by its reference, with no paragraph sign
    assert cite["note_text"].startswith("Jonas Berg, “Ferries go electric”, Island Post")
    assert "\u00b6" not in cite["note_text"]
    assert prov["omitted"] == []
    text = squash(pdf_text(root / "out/coastal/coastal-full.pdf"))
    assert squash("Ferries and harbours change together.") + "23" in text
