"""The cleaner's learned line classifier: the shipped model, and tree scoring by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from briefkit.corpus.clean import clean_text_dump
from briefkit.corpus.dumplines import FEATURES, features, units
from briefkit.corpus.linemodel import LineModel, default_model, stack_features


def test_shipped_model_matches_the_features() -> None:
    model = default_model()
    assert model.features == FEATURES
    assert 1 <= len(model.stages) <= 2
    assert model.info["pages"] == 700


# One tree: x0 <= 1.5 ? (x1 <= 0 ? -2 : +1) : +3, baseline 0.5
TOY = {
    "features": ["a", "b"],
    "threshold": 0.5,
    "stages": [
        {
            "baseline": 0.5,
            "depth": 2,
            "trees": [
                {
                    "feature": [0, 1, 0, 0, 0],
                    "threshold": [1.5, 0.0, 0, 0, 0],
                    "left": [1, 3, 0, 0, 0],
                    "right": [2, 4, 0, 0, 0],
                    "value": [0, 0, 3.0, -2.0, 1.0],
                    "leaf": [0, 0, 1, 1, 1],
                }
            ],
        }
    ],
}


@pytest.mark.parametrize(
    ("row", "raw"), [([0.0, -1.0], 0.5 - 2.0), ([1.0, 5.0], 0.5 + 1.0), ([2.0, -9.0], 0.5 + 3.0)]
)
def test_tree_walk_by_hand(row: list[float], raw: float) -> None:
    model = LineModel.from_json(TOY)
    (score,) = model.scores([row])
    assert score == pytest.approx(1 / (1 + math.exp(-raw)))


def test_wrong_feature_count_is_refused() -> None:
    with pytest.raises(ValueError, match="expects 2 features"):
        LineModel.from_json(TOY).scores([[1.0, 2.0, 3.0]])


@pytest.mark.parametrize("n", [0, 1, 2, 4, 9, 40])
def test_stack_features_any_length(n: int) -> None:
    score = np.linspace(0, 1, n)
    stacked = stack_features(score)
    assert stacked.shape == (n, 14 - 1)
    if n > 1:
        assert stacked[1, 4] == score[0]  # the line before
        assert stacked[0, 4] == -1.0  # nothing before the first line


def test_scores_separate_prose_from_chrome() -> None:
    text = (
        "Home | News | Sport | Weather\n"
        "Sign in\n\n"
        "The council approved eleven kilometres of protected cycle lanes on Tuesday, "
        "ending a two-year dispute with shop owners over parking.\n\n"
        "Supporters say the lanes will make it safer for children to cycle to school "
        "and will reduce congestion on the ring road at rush hour.\n\n"
        "Share this article\nFacebook\nTwitter\n"
    )
    us = units(text)
    from briefkit.corpus import clean

    lang = clean.page_language(us)
    toks = [clean.words(u.text) for u in us]
    cues = [clean.unit_cue(u.text, toks[i], lang) for i, u in enumerate(us)]
    score = default_model().scores(features(us, lang, cues))
    by_text = dict(zip((u.text for u in us), score, strict=True))
    assert by_text["Sign in"] < 0.5
    assert min(s for t, s in by_text.items() if t.startswith(("The council", "Supporters"))) > 0.5
    kept = [b.text for b in clean_text_dump(text).blocks]
    assert [k[:12] for k in kept] == ["The council ", "Supporters s"]


def test_markdown_marks_come_off() -> None:
    text = (
        "# Councils back cycle lanes\n\n"
        "The council **approved** eleven kilometres of [protected cycle\n"
        "lanes](https://example.org/lanes) on _Tuesday_, ending a two-year dispute\n"
        "with shop owners over parking near the market square.\n\n"
        "Supporters say the lanes will make it safer for children to cycle to\n"
        "school and reduce congestion on the ring road at rush hour.\n"
    )
    result = clean_text_dump(text)
    assert result.metadata.title == "Councils back cycle lanes"
    assert result.blocks[0].text.startswith(
        "The council approved eleven kilometres of protected cycle lanes on Tuesday, ending"
    )
    assert all("](" not in b.text and "**" not in b.text for b in result.blocks)
