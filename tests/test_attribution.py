"""Quotes are credited to whoever said them, never to the reporter."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.attribution import attribute, quoted_share
from briefkit.corpus.load import Corpus
from briefkit.project import Project
from briefkit.select import find_quote
from conftest import write_project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    from conftest import copy_example

    root = copy_example(tmp_path_factory.mktemp("attr") / "project")
    return Corpus(Project.load(root))


def credit(corpus: Corpus, source: str, quote: str):
    article = corpus.get(source)
    match = find_quote(article, quote)
    assert match is not None, quote
    return attribute(article, match.paragraph, match.spans[0][0], match.spans[-1][1])


@pytest.mark.parametrize(
    ("source", "quote", "speaker"),
    [
        # "She claimed …": the person the article was talking about
        (
            "vasilevich-2024",
            "making sure that Belarus and Russia are not put in the same basket",
            "Sviatlana Tsikhanouskaya",
        ),
        # "He explained: “…”" after a paragraph about Rodion Beglyak (who mentions Lukashenko)
        (
            "stepanenko-2023",
            "President Lukashenko's regime uses these imprisonments to break down dissent.",
            "Rodion Beglyak",
        ),
        # the second sentence of a quotation opened by "He noted, “…"
        (
            "stepanenko-2023",
            "Although sanctions may not critically impact the economy, they create discomfort",
            "Ivan Kravtsov",
        ),
        # "Zhyhar stated, “…”": the surname completed from earlier in the article
        (
            "stepanenko-2023",
            "We believe the current sanctions against the Lukashenko regime are not enough.",
            "Vladimir Zhyhar",
        ),
        # "In his commentary …, the … politician Dmitriy Gudkov focuses on … “…”"
        ("vasilevich-2024", "to overthrow our dictators", "Dmitriy Gudkov"),
    ],
)
def test_speakers_found_in_the_seed_articles(corpus, source, quote, speaker) -> None:
    found = credit(corpus, source, quote)
    assert found.quoted and found.speaker == speaker


def test_the_authors_own_words_have_no_speaker(corpus) -> None:
    found = credit(
        corpus, "stepanenko-2023", "Negotiating prisoner release in exchange for easing sanctions"
    )
    assert not found.quoted and found.speaker is None


LETTER = """---
title: Doctors warn of deaths in immigration detention
author: Suzanne Gamboa
publication: NBC News
date: 2024-05-14
---

More than 100 physicians signed a letter to the agency on Tuesday.

“This alarming mortality rate constitutes an emergency that requires immediate action,” \
the physicians’ letter said.

According to the agency, “every death in custody is reviewed by an independent panel.”

“The facilities are overcrowded and understaffed.”
"""


def test_speakers_that_are_not_people_and_quotes_without_one() -> None:
    from briefkit.corpus.load import build_article
    from briefkit.corpus.read import RawSource

    raw = RawSource(Path("letter.md"), "markdown", LETTER.encode(), LETTER, "utf-8")
    article = build_article("letter", raw, "seeds/letter.md")

    def who(quote: str):
        m = find_quote(article, quote)
        return attribute(article, m.paragraph, m.spans[0][0], m.spans[-1][1])

    assert who("This alarming mortality rate constitutes an emergency").speaker == (
        "The physicians’ letter"
    )
    assert who("every death in custody is reviewed").speaker == "The agency"
    unnamed = who("The facilities are overcrowded and understaffed.")
    assert unnamed.quoted and unnamed.speaker is None


def test_quoted_share() -> None:
    text = "He said, “the regime must go,” and left."
    start = text.index("the regime")
    assert quoted_share(text, start, start + len("the regime must go")) == 1.0
    assert quoted_share(text, 0, len(text)) < 0.6


BRIEF = """\
title: Detention deaths
date: 2024-05-20
audiences: [journalists]
sections:
  - heading: What doctors say
    excerpts:
      - source: letter
        quote: "This alarming mortality rate constitutes an emergency"
      - source: letter
        quote: "The facilities are overcrowded and understaffed."
"""


def test_check_warns_about_a_quotation_without_a_speaker_and_speaker_key_silences_it(
    tmp_path: Path, run
) -> None:
    root = write_project(tmp_path / "p", {"letter.md": LETTER}, {"deaths.yaml": BRIEF})
    result = run(root, "check")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert warnings[0].startswith("warning: briefings/deaths.yaml:10:16: these words stand in")
    assert "add speaker: NAME to this excerpt" in result.stderr

    fixed = BRIEF + '        speaker: "Dr Ana Ruiz, a signatory"\n'
    (root / "briefings" / "deaths.yaml").write_text(fixed)
    result = run(root, "check")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


def test_a_given_speaker_that_contradicts_the_source_is_a_warning(tmp_path: Path, run) -> None:
    brief = BRIEF.replace(
        '        quote: "This alarming mortality rate constitutes an emergency"\n',
        '        quote: "This alarming mortality rate constitutes an emergency"\n'
        "        speaker: Suzanne Gamboa\n",
    )
    root = write_project(tmp_path / "p", {"letter.md": LETTER}, {"deaths.yaml": brief})
    result = run(root, "check")
    assert "speaker 'Suzanne Gamboa': the source credits these words to" in result.stderr
    assert "The physicians’ letter" in result.stderr


def test_a_second_quotation_in_a_paragraph_is_the_same_speakers() -> None:
    from briefkit.corpus.load import build_article
    from briefkit.corpus.read import RawSource

    text = (
        "Matthew Kraft, a professor at Brown University, has studied tutoring.\n\n"
        "“What we’re learning is a core insight in education,” Kraft said. “Implementation "
        "always trumps the base design of an educational intervention. You have to do "
        "something well for it to work.”\n"
    )
    raw = RawSource(Path("k.txt"), "text", text.encode(), text, "utf-8")
    article = build_article("k", raw, "seeds/k.txt")
    m = find_quote(article, "Implementation always trumps the base design")
    found = attribute(article, m.paragraph, m.spans[0][0], m.spans[-1][1])
    assert (found.quoted, found.speaker) == (True, "Matthew Kraft")
