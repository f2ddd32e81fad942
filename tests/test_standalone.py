"""Drafted sentences stand on their own: the judge that decides what may be printed bare."""

from __future__ import annotations

import pytest

from briefkit.standalone import NameBook, judge, truncated

BEFORE = [
    "On Dec. 2 and 3, the Belarus Coordination Council organised a conference to "
    "strategize for the release of political prisoners."
]
EARLIER = (
    "At the conference, council member Svetlana Matskevich remarked that three years of "
    "sanctions have not freed political prisoners."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "While human rights groups report around 1,445 political prisoners in Belarus, "
        "the actual number is believed to exceed 12,000.",
        "When Lukashenko returned, he ordered new arrests.",  # the pronoun has its antecedent
        "It is unclear whether the talks will resume.",  # "it" refers to nothing
        "“We believe the current sanctions are not enough,” said Vladimir Zhyhar.",
        "The European Union extended its sanctions against Belarus for another year.",
        "A survey found that 79% of respondents were categorically opposed to the war.",
        "Internet Explorer still dominates with a share of about 90% but this share is down.",
        "The Kyrgyz Republic, a state of the former Soviet Union, uses invisible ink.",
        "The US government agreed to fund all expenses of the programme.",  # US is not "us"
    ],
)
def test_sentences_that_stand_alone_are_printed_as_they_are(sentence: str) -> None:
    verdict = judge(sentence, previous=BEFORE, date="2024-05-14")
    assert (verdict.kind, verdict.printed) == ("ok", sentence), verdict.reason


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        (
            "Titled, the Coordination Council hearings on the Question of political "
            "prisoners, it took place in Warsaw.",
            "pronoun 'it'",
        ),
        ("It saw council members voice their opinions on political prisoners.", "pronoun 'It'"),
        ("She argued that negotiations should be reconsidered.", "pronoun 'She'"),
        ("The court sentenced him to ten years in a penal colony.", "pronoun 'him'"),
        ("This discrepancy highlights the challenges of documentation.", "'This discrepancy'"),
        ("Such moves could worsen the situation of the Belarusian people.", "'Such moves'"),
        ("The latter has not commented on the sentences.", "'the latter'"),
        ("The incident comes after a similar arrest in March.", "'the incident'"),
        ("As a result, more than 1,100 Belarusians were detained.", "connective"),
        ("However, nobody expected the report to be complete.", "connective"),
        ("“We must be ready for negotiations.”", "quotation without the name"),
        ("It's hard to think of anybody not enjoying it,” wrote the judges.", "continues"),
        ("I do not think sanctions alone will free anyone.", "first person"),
    ],
)
def test_sentences_that_point_back_come_with_their_context_or_not_at_all(
    sentence: str, why: str
) -> None:
    with_context = judge(sentence, previous=BEFORE, date="2024-05-14")
    assert with_context.kind == "with_previous" and why in with_context.reason
    alone = judge(sentence, previous=(), date="2024-05-14")
    assert alone.kind == "reject"


def test_a_surname_gets_its_first_name_in_brackets() -> None:
    verdict = judge(
        "Matskevich proposed using sanctions as a bargaining chip in negotiations.",
        earlier=EARLIER,
    )
    assert verdict.kind == "insert"
    assert verdict.printed == (
        "[Svetlana] Matskevich proposed using sanctions as a bargaining chip in negotiations."
    )
    (ins,) = verdict.insertions
    assert (ins.start, ins.end, ins.inserted) == (0, 0, "[Svetlana] ")


def test_a_surname_shared_by_two_people_is_not_guessed() -> None:
    earlier = "Anna Kravchenko spoke first. Then Ivan Kravchenko, her brother, spoke."
    verdict = judge("Kravchenko called for more sanctions against the regime.", earlier=earlier)
    assert verdict.kind == "reject" and "may be" in verdict.reason


def test_names_are_people_not_adjectives_or_titles() -> None:
    book = NameBook(
        "Novelist Arthur Hailey has died. Britain's Jason Gardener won. "
        "He came third in the Olympic final at the Athens Olympic Games. "
        "Denmark celebrated Hans Christian Andersen, and Christian Andersen's tales."
    )
    assert book.get("Hailey") == {"Arthur Hailey"}
    assert book.get("Gardener") == {"Jason Gardener"}
    assert book.get("Olympic") == set()  # "the Olympic final": a word, not a surname
    assert book.get("Andersen") == {"Hans Christian Andersen"}  # the longer name, one person


def test_relative_dates_get_the_article_date_or_are_passed_over() -> None:
    verdict = judge("The economy grew by 3% last year, the ministry said.", date="2024-05-14")
    assert verdict.printed == "The economy grew by 3% last year [2023], the ministry said."
    verdict = judge("Exports fell sharply this month, the ministry said.", date="2024-05-14")
    assert verdict.printed == "Exports fell sharply this month [May 2024], the ministry said."
    verdict = judge("Police detained 40 protesters in Minsk on Sunday.", date="2024-05-14")
    assert verdict.printed == (
        "Police detained 40 protesters in Minsk on Sunday [article dated 14 May 2024]."
    )
    for date in (None, "2024"):  # which Sunday cannot be said
        verdict = judge("Police detained 40 protesters in Minsk on Sunday.", date=date)
        assert verdict.kind == "reject" and "date is unknown" in verdict.reason
    assert judge("The law was passed last year, officials said.", date=None).kind == "reject"


@pytest.mark.parametrize(
    "sentence",
    [
        "Two people in China have been diagnosed with the plague,...",
        "Two people in China have been diagnosed with the plague…",
        "Two people in China have been diagnosed with the plague",
        "diagnosed with the plague in two provinces of China.",
        "Utter rubbish.",
    ],
)
def test_truncated_sentences_are_never_printed(sentence: str) -> None:
    assert truncated(sentence)
    assert judge(sentence, previous=BEFORE, date="2024-05-14").kind == "reject"


def test_one_sentence_alone_is_not_judged_off_topic() -> None:
    # "the gender pay gap" shares no word with it, yet it is on the topic: the
    # summariser compares candidates instead (test_summarise.py)
    sentence = "Women in full-time work earn 19% less than men, the commission said."
    assert judge(sentence, focus="The gender pay gap", title="Pay").kind == "ok"


def test_a_reference_the_sentence_before_does_not_resolve_is_passed_over() -> None:
    sentence = "At the conference, council member Svetlana Matskevich asked for talks."
    unrelated = ["Despite the severity of the situation, the global response has been lukewarm."]
    assert judge(sentence, previous=unrelated, date="2024-05-14").kind == "reject"
    related = ["The council organised a conference on political prisoners in Warsaw."]
    assert judge(sentence, previous=related, date="2024-05-14").kind == "with_previous"


@pytest.mark.parametrize(
    "sentence",
    [
        # all from one real article pair (EdWeek, Hechinger Report, Soliant, 2024-2025)
        "The most recent of these, from researchers at Stanford University, examined math "
        "and reading tutoring programs in a large, urban district.",
        "Neither group of students received as much tutoring as the programs suggested.",
        "The more expensive models averaged $2,000 per student and had tutors working with "
        "three to four students at once.",
        "The state also has the third-lowest physical activity participation rate (68%).",
    ],
)
def test_references_found_in_real_briefs(sentence: str) -> None:
    assert judge(sentence, previous=(), date="2025-08-25").kind == "reject"
    assert judge(sentence, previous=["One sentence."], date="2025-08-25").kind == "with_previous"


def test_both_and_the_two_point_back_unless_the_sentence_names_them() -> None:
    assert judge("Paraprofessionals served as tutors in both programs.").kind == "reject"
    named = "Denver ran a reading program and a math program, and both programs failed."
    assert judge(named).kind == "ok"
    period = "Profits jumped 76% to $1.13bn for the three months to December."
    assert judge(period).kind == "ok"
