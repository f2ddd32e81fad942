"""The cleaner never crashes and stays fast, whatever string it is given."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from briefkit.corpus import clean
from briefkit.corpus.clean import clean_text_dump
from briefkit.corpus.model import Extracted

from .conftest import SEEDS


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text: str) -> None:
    assert isinstance(clean_text_dump(text), Extracted)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                " ",
                "•",
                "- x",
                "By Jane Doe",
                "Comments (2)",
                "Photo: AP",
                "A short heading",
                "A sentence that ends properly here, more or less.",
                "демо-",
                "cracy and more",
                "\t",
                "©",
                "1.",
                "About Us",
            ]
        ),
        max_size=60,
    )
)
def test_line_soup(lines: list[str]) -> None:
    result = clean_text_dump("\n".join(lines))
    assert all(b.text.strip() for b in result.blocks)


def test_edge_cases() -> None:
    for text in ("", "   \n\t\n  ", "x", "word " * 20000, "\n" * 10000, "a\n" * 10000):
        clean_text_dump(text)


def test_fast_on_100kb() -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    text = (text + "\n\n") * 2
    assert len(text) > 90_000
    clean_text_dump(text)  # warm up regex caches
    started = time.perf_counter()
    clean_text_dump(text)
    # typically ~0.2 s (bench/cleaner.py --speed measures it); slack for a busy CI
    assert time.perf_counter() - started < 2.0


def _similar_paragraphs(size: int) -> str:
    """A dump of many near-identical paragraphs: the worst case for repeat detection."""
    para = (
        "The council said on {n} May that the {n}th review of the scheme found the "
        "cycle lanes had cut serious injuries on the ring road, and that a further "
        "report would follow before the budget vote in the autumn."
    )
    out, n = [], 0
    while sum(len(p) + 2 for p in out) < size:
        out.append(para.format(n=n))
        n += 1
    return "\n\n".join(out)


@pytest.mark.slow
def test_ten_mib_dump_is_linear() -> None:
    # bench/cleaner.py --speed measures this; here only a generous guard (the
    # quadratic pull-quote check once took hours on such a file).
    text = _similar_paragraphs(10 * 1024 * 1024)
    started = time.perf_counter()
    result = clean_text_dump(text)
    assert time.perf_counter() - started < 180  # ~30 s on a quiet 2-core machine
    assert len(result.blocks) > 1000


def test_deterministic() -> None:
    text = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    assert clean_text_dump(text) == clean_text_dump(text)


# The cue patterns are searched only in lines that hold one of their needles
# (a speed-up): every string a pattern matches must hold one, or a cue is lost.
_NEEDLED = [(p, needles) for p, _, needles in clean._CUES if needles] + [
    (clean._CAPTION, clean._CAPTION_NEEDLES)
]


@pytest.mark.parametrize(("pattern", "needles"), _NEEDLED, ids=lambda v: str(v)[:30])
def test_every_cue_match_holds_a_needle(pattern, needles) -> None:
    @settings(max_examples=150, deadline=None, derandomize=True, phases=[Phase.generate])
    @given(st.from_regex(pattern))
    def holds_a_needle(text: str) -> None:
        assert pattern.search(text)
        assert any(k in text.lower() for k in needles), (pattern.pattern, text)

    holds_a_needle()
