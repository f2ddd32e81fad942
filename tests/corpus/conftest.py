from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def token_f1(predicted: str, gold: str) -> float:
    """Token-overlap F1 of two texts (bag of lower-cased word tokens)."""
    p = Counter(t.lower() for t in re.findall(r"\w+", predicted))
    g = Counter(t.lower() for t in re.findall(r"\w+", gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def seed_text():
    def read(prefix: str) -> str:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return path.read_text(encoding="utf-8")

    return read
