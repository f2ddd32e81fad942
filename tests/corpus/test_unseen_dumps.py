"""Dumps written after the cleaner was tuned (no blank lines; a review page with a
verdict box, prices and comments): body F1, title, standfirst, byline."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from briefkit.corpus.clean import clean_text_dump

DATA = Path(__file__).parent / "data" / "unseen"


def f1(pred: str, gold: str) -> float:
    p, g = Counter(re.findall(r"\w+", pred.lower())), Counter(re.findall(r"\w+", gold.lower()))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize(
    ("name", "title", "standfirst", "authors", "date"),
    [
        (
            "council-cycle-lanes",
            "Local councils approve new cycle lanes after heated meeting",
            "Residents packed the town hall as councillors voted 7-4 in favour of the scheme",
            (),  # a bare name over a role line is not recognised as a byline (yet)
            "2025-03-14",
        ),
        (
            "ereader-review",
            "The Lumio X2 is the best budget e-reader we've tested this year",
            None,
            ("Sam Okafor",),
            "2025-01-09",
        ),
    ],
)
def test_unseen_dump(name, title, standfirst, authors, date):
    raw = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    gold = (DATA / f"{name}.gold").read_text(encoding="utf-8")
    result = clean_text_dump(raw)
    body = "\n".join(b.text for b in result.blocks)
    assert f1(body, gold) >= 0.93
    assert f1(raw, gold) < 0.8  # the clutter is real
    assert result.metadata.title == title
    assert result.metadata.standfirst == standfirst
    assert result.metadata.authors == authors
    assert result.metadata.date == date
    # every gold paragraph survives, verbatim
    kept = {b.text for b in result.blocks}
    assert all(line in kept for line in gold.splitlines())
