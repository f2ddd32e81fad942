"""Key figures: a value never without its qualifier, a label that names what is
counted, a scope where the source gives one, non-quantities left out, and nothing
that is not in the source."""

from __future__ import annotations

import re

import pytest

from briefkit.corpus.model import Article, Block
from briefkit.corpus.segment import segment
from briefkit.figures import (
    Candidate,
    Figure,
    figures_in_sentence,
    find_figures,
    qualifier_dropped,
)


def make_article(source_id: str, paragraphs: list[str], language: str = "en") -> Article:
    text, paras = segment(source_id, tuple(Block(p) for p in paragraphs))
    return Article(
        id=source_id, path=f"{source_id}.txt", format="text", content_hash="", text=text,
        paragraphs=paras, dropped=(), title=None, standfirst=None, authors=(), date=None,
        publication=None, language=language, url=None,
    )  # fmt: skip


def figures(*paragraphs: str, about: tuple[str, ...] = (), top: int = 10) -> list[Figure]:
    return find_figures([make_article("src", list(paragraphs))], about=about, top=top)


def eligible(sentence: str, previous: str = "", language: str = "en") -> list[Candidate]:
    return [
        c for c in figures_in_sentence(sentence, previous=previous, language=language) if c.eligible
    ]


def one(sentence: str, value: str, previous: str = "", language: str = "en") -> Candidate:
    found = [
        c
        for c in figures_in_sentence(sentence, previous=previous, language=language)
        if c.value == value
    ]
    assert len(found) == 1, [c.value for c in figures_in_sentence(sentence, language=language)]
    return found[0]


def source_words(*texts: str) -> set[str]:
    return {w.lower() for t in texts for w in re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", t)}


def check_trust(figs: list[Figure], article: Article) -> None:
    """Values are as written, labels and scopes are made of the source's words."""
    for f in figs:
        assert f.value in f.sentence.text
        assert article.text[f.start : f.end] == f.value
        assert f.qualifier.lower() in f.sentence.text.lower()
        allowed = source_words(f.sentence.text, f.context.text if f.context else "")
        assert source_words(f.label) <= allowed, f.label
        assert source_words(f.scope) <= allowed, f.scope


# -- values and qualifiers ---------------------------------------------------


def test_political_prisoners() -> None:
    text = (
        "While human rights groups report around 1,445 political prisoners in Belarus, "
        "the actual number is believed to exceed 12,000."
    )
    figs = figures(text)
    assert [(f.qualifier, f.value) for f in figs] == [
        ("around", "1,445"),
        ("believed to exceed", "12,000"),
    ]
    assert [f.display for f in figs] == ["around 1,445", "believed to exceed 12,000"]
    assert figs[0].label == "political prisoners in Belarus (human rights groups)"
    assert figs[1].label == "political prisoners in Belarus"
    assert figs[0].paragraph_id == "src/p1"
    assert figs[0].sentence.id == "src/p1.s1"
    assert figs[0].context is None
    check_trust(figs, make_article("src", [text]))


def test_counts_with_a_noun() -> None:
    figs = figures("More than 1,100 Belarusians were detained in 2020.")
    assert [(f.value, f.qualifier, f.label, f.scope) for f in figs] == [
        ("1,100", "more than", "Belarusians detained", "in 2020")
    ]
    assert figs[0].display == "more than 1,100"
    assert figs[0].unit == ""


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier", "display"),
    [
        ("Over 800 individuals were detained.", "800", "over", "over 800"),
        ("A group of up to 200 volunteers is fighting.", "200", "up to", "up to 200"),
        ("More than 90% of respondents opposed the war.", "90%", "more than", "more than 90%"),
        ("Some 83 MPs gave their answers.", "83", "some", "some 83"),
        ("At least 550 institutions use them.", "550", "at least", "at least 550"),
        ("Nearly 88% of respondents agreed.", "88%", "nearly", "nearly 88%"),
        ("An estimated 20,000 refugees crossed.", "20,000", "an estimated", "an estimated 20,000"),
        ("Fewer than 300 voters turned up.", "300", "fewer than", "fewer than 300"),
        ("Whirlpool employs almost 5,000 workers.", "5,000", "almost", "almost 5,000"),
        ("Rescuers evacuated another 500 people.", "500", "another", "another 500"),
        ("Prices rose by as much as 30% last year.", "30%", "as much as", "as much as 30%"),
        ("There were 1,000 or more protesters.", "1,000", "or more", "1,000 or more"),
        ("Embarque has 200+ clients.", "200", "+", "200+"),
        (
            "Eating berries brought up to a 15% decrease in frailty.",
            "15%",
            "up to a",
            "up to a 15%",
        ),
    ],
)
def test_english_qualifiers(sentence: str, value: str, qualifier: str, display: str) -> None:
    c = one(sentence, value)
    assert c.qualifier == qualifier
    assert c.display == display
    assert c.eligible, c.reason


@pytest.mark.parametrize(
    ("sentence", "language", "value", "qualifier", "unit"),
    [
        ("Только за год были задержаны более 1100 человек.", "ru", "1100", "более", ""),
        ("Около 80% опрошенных выступают против войны.", "ru", "80%", "Около", "%"),
        ("У Беларусі больш за 1400 палітвязняў.", "be", "1400", "больш за", ""),
        ("У в'язницях перебувають понад 1 445 політв'язнів.", "uk", "1 445", "понад", ""),
        ("W więzieniach przebywa ponad 1100 więźniów politycznych.", "pl", "1100", "ponad", ""),
        ("Es wurden mehr als 1.100 Menschen festgenommen.", "de", "1.100", "mehr als", ""),
        ("Die Inflation lag bei rund 7,9 Prozent.", "de", "7,9 Prozent", "rund", "%"),
        ("Plus de 1 100 personnes ont été arrêtées.", "fr", "1 100", "plus de", ""),
        ("Soit environ 12,5 % des manifestants.", "fr", "12,5 %", "environ", "%"),
    ],
)
def test_qualifiers_in_other_languages(
    sentence: str, language: str, value: str, qualifier: str, unit: str
) -> None:
    c = one(sentence, value, language=language)
    # as written, only a capital that opens the sentence lowered
    assert c.qualifier == qualifier[0].lower() + qualifier[1:]
    assert c.unit == unit
    assert c.value in sentence


def test_units_and_kinds() -> None:
    assert one("The EU pledged €2.3 billion.", "€2.3 billion").unit == "EUR"
    assert one("The fund raised $5 million.", "$5 million").unit == "USD"
    assert one("Fares rose to £1,400 a year.", "£1,400 a year").unit == "GBP"
    assert one("It paid 500 roubles.", "500 roubles").unit == "RUB"
    assert one("Only 3 per cent agreed with it.", "3 per cent").unit == "%"
    c = one("Prison terms were between 21 and 23 years.", "between 21 and 23 years")
    assert (c.kind, c.unit, c.qualifier, c.label) == ("range", "years", "", "Prison terms")
    c = one("Police may hold people for no longer than 72 hours.", "72 hours")
    assert (c.kind, c.unit) == ("duration", "hours")
    assert one("Ethiopia produced 14.27 million tonnes of crops.", "14.27 million tonnes").unit == (
        "tonnes"
    )


def test_negation_stays_with_the_figure() -> None:
    c = one("Police may hold people for no longer than 72 hours before charging them.", "72 hours")
    assert c.eligible
    assert c.qualifier == "no longer than"
    assert c.display == "no longer than 72 hours"
    # the label says what is limited, and does not take "longer" from the limit
    assert c.label == "Police may hold people"
    assert "longer" not in c.label
    c = one("The commission recommended holding suspects for no longer than 72 hours.", "72 hours")
    assert c.label == "commission recommended holding suspects"


# -- what is not a figure ----------------------------------------------------


def test_not_figures() -> None:
    assert figures("The plane was Ryanair flight 4978 from Athens.") == []
    assert figures("Protests took place on February 27th and 28th 2022.") == []
    assert figures("It happened in 2020, on 9 August, at 10:30 and again on page 5.") == []
    assert figures("COVID-19 reached the G7. Madrid won 2-1. It was the 3rd time.") == []
    assert figures("Call 020 7946 0958 or see the 1990s issue of the report.") == []
    assert figures("Almost 20 years ago, media groups chose the Russian language.") == []
    assert figures("Over the past 50 years, the city grew.") == []
    assert figures("She won the women's 5,000m at the Boston Indoor Games.") == []


@pytest.mark.parametrize(
    ("sentence", "value", "kind"),
    [
        ("The plane was Ryanair flight 4978 from Athens.", "4978", "id"),
        ("It happened on 9 August 2020.", "9", "date"),
        ("It happened on 9 August 2020.", "2020", "date"),
        ("The meeting began at 10:30.", "10:30", "time"),
        ("It was the 3rd time.", "3rd", "ordinal"),
        ("COVID-19 spread fast.", "COVID-19", "name"),
        ("Madrid won 2-1 on Sunday.", "2-1", "score"),
        ("Almost 20 years ago, it began.", "20 years", "ago"),
        ("Anti-war rallies took place in 2022.", "2022", "year"),
        ("The FTSE 100 fell sharply.", "100", "id"),
        ("Travellers over 70 years old pay more.", "70 years", "age"),
        ("It was rejected in a 2-1 decision.", "2-1", "score"),
    ],
)
def test_non_quantities_are_found_and_not_eligible(sentence: str, value: str, kind: str) -> None:
    c = one(sentence, value)
    assert c.kind == kind
    assert not c.eligible
    assert c.reason


def test_every_number_is_reported() -> None:
    cands = figures_in_sentence("On 9 August 2020, 1,100 people were detained at 10:30.")
    assert [c.value for c in cands] == ["9", "2020", "1,100", "10:30"]
    assert [c.eligible for c in cands] == [False, False, True, False]
    for c in cands:
        assert "On 9 August 2020, 1,100 people were detained at 10:30."[c.start : c.end] == c.value


# -- labels ------------------------------------------------------------------


def test_labels_name_what_is_counted() -> None:
    assert (
        one("79% of respondents were categorically opposed.", "79%").label
        == "respondents were categorically opposed"
    )
    assert one("Unemployment fell to 4.7%.", "4.7%").label == "Unemployment"
    assert one("The economy shrank by 4.7% last year.", "4.7%").label == "economy shrank"
    assert one("The EU pledged €2.3 billion.", "€2.3 billion").label == "EU pledged"
    assert one("BA has cut 13,000 jobs since 2001.", "13,000").label == "jobs cut"
    assert one("Rosneft faces a $540m repayment demand.", "$540m").label == "repayment demand"
    assert one("Women in full-time work earn 19% less than men.", "19%").label == (
        "Women in full-time work earn less than men"
    )
    assert one("Pernod is about 9% smaller than Allied Domecq.", "9%").label == (
        "Pernod is smaller than Allied Domecq"
    )
    c = one("The gain was below market expectations of 190,000 new jobs.", "190,000")
    assert c.label == "market expectations of new jobs"  # an expectation, not a count
    c = one(
        "With the severe sentences given to rail partisans (between 21 and 23 years under "
        "terrorism laws), Belarusians can no longer speak out.",
        "between 21 and 23 years",
    )
    assert c.label == "severe sentences given to rail partisans"
    assert c.scope == ""  # nothing in or next to the brackets says when or where


def test_meaningless_labels_are_not_chosen() -> None:
    # a percentage "of Belarus", a verb, an adverb: not what is counted
    assert not one("More than 90% of Belarus was against joining the war.", "90%").eligible
    assert not one("This figure has now risen to 97%.", "97%").eligible
    assert not one("Of those surveyed, 63.7% seeking it.", "63.7%").eligible
    assert not one("Among graduates, 1.08% reside outside the United States.", "1.08%").eligible
    assert not one(
        "Students (45%) work full-time (at least 40 hours per week).", "40 hours"
    ).eligible


def test_the_number_the_sentence_is_about() -> None:
    sentence = "The Prakopieu – Yahorau Block gained 13 out of the 80 seats in the Council."
    thirteen, eighty = figures_in_sentence(sentence)
    assert thirteen.eligible and thirteen.label == "out of the 80 seats in the Council"
    assert (eighty.value, eighty.kind, eighty.eligible) == ("80", "total", False)
    assert [f.value for f in figures(sentence)] == ["13"]


def test_changes_keep_the_level_not_the_baseline() -> None:
    cands = figures_in_sentence(
        "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn."
    )
    by_value = {c.value: c for c in cands}
    assert by_value["2%"].label == "fourth quarter sales rose"
    assert by_value["$11.1bn"].label == "fourth quarter sales"
    assert by_value["$10.9bn"].kind == "baseline" and not by_value["$10.9bn"].eligible
    cands = figures_in_sentence("Its sales jumped 76% to $1.13bn (£600m) for the year.")
    assert [c.kind for c in cands] == ["percent", "money", "conversion"]


def test_label_from_the_previous_sentence() -> None:
    previous = (
        "According to an opinion poll at the beginning of February, 79% of respondents "
        "were categorically opposed to the war."
    )
    sentence = "According to the latest research in March, this figure has now risen to 97%."
    c = one(sentence, "97%", previous=previous)
    assert c.eligible and c.from_previous
    assert c.label.startswith("respondents")
    assert c.scope == "in March"  # its own date, not February's
    assert not one(sentence, "97%").eligible  # without the sentence before: no label
    c = one(
        "Only 3 per cent agreed with it.", "3 per cent", previous="79% of respondents were opposed."
    )
    assert c.label == "respondents agreed"


# -- scope -------------------------------------------------------------------

RALLIES = (
    "Many anti-war rallies throughout the country took place on February 27th and 28th 2022 "
    "– just several days after the Russian aggression."
)
DETAINED = "As a result, more than 1,100 Belarusians were detained."


def test_scope_from_the_previous_sentence() -> None:
    c = one(DETAINED, "1,100", previous=RALLIES)
    assert c.eligible and c.from_previous
    assert (c.qualifier, c.label) == ("more than", "Belarusians detained")
    assert "anti-war rallies" in c.scope and "February 27th and 28th 2022" in c.scope
    # pointing back with nothing to point to: not chosen
    c = one(DETAINED, "1,100")
    assert not c.eligible and "refers back" in c.reason
    c = one(DETAINED, "1,100", previous="The regime has a long history.")
    assert not c.eligible


def test_scope_in_find_figures_keeps_its_context() -> None:
    article = make_article("vas", [f"{RALLIES} {DETAINED}"])
    figs = find_figures([article])
    assert [f.display for f in figs] == ["more than 1,100"]
    assert figs[0].context is not None and figs[0].context.id == "vas/p1.s1"
    assert figs[0].sentence.id == "vas/p1.s2"
    check_trust(figs, article)
    # the sentence before must be in the same paragraph
    split = make_article("vas", [RALLIES, DETAINED])
    assert find_figures([split]) == []


def test_scope_in_the_sentence() -> None:
    c = one("In 2003, crop production totalled 11.49 million tonnes.", "11.49 million tonnes")
    assert (c.label, c.scope) == ("crop production", "In 2003")
    c = one("Over 800 individuals were detained for their involvement in the protests.", "800")
    assert c.scope == "in the protests"
    c = one("There was a 25% increase in anxiety globally during the pandemic.", "25%")
    assert (c.label, c.scope) == ("increase in anxiety", "globally during the pandemic")
    # a date tied to the baseline is not the figure's
    c = one(
        "Spending is set to rise from $752.4 billion in 2024 to $2.4 trillion in 2030.",
        "$2.4 trillion",
    )
    assert c.scope == "in 2030"


# -- choosing figures --------------------------------------------------------


def test_percentages_money_and_ranges() -> None:
    figs = figures(
        "79% of respondents were categorically opposed. Only 3 per cent agreed with it.",
        "Prison terms were between 21 and 23 years. Rail partisans received 21–23 years.",
        "The EU pledged €2.3 billion, the fund $5 million and the UK £1,400.",
    )
    values = {f.value: f.label for f in figs}
    assert values["79%"] == "respondents were categorically opposed"
    assert values["3 per cent"] == "respondents agreed"
    assert values["between 21 and 23 years"] == "Prison terms"
    assert values["21–23 years"] == "Rail partisans received"
    assert values["€2.3 billion"] == "EU pledged"
    assert values["$5 million"] == "fund" and values["£1,400"] == "UK"


def test_contradictions_are_told_apart_or_dropped() -> None:
    # two counts of the same thing, nothing to tell them apart: the stronger stays
    a = make_article("a", ["Belarus holds 1,445 political prisoners."])
    b = make_article("b", ["Belarus holds 1,500 political prisoners."])
    figs = find_figures([a, b])
    assert [(f.source_id, f.value) for f in figs] == [("a", "1,445")]
    # a qualifier and who gives the number tell them apart: both stay, and show it
    text = (
        "While human rights groups report around 1,445 political prisoners in Belarus, "
        "the actual number is believed to exceed 12,000."
    )
    figs = figures(text)
    assert [f.display for f in figs] == ["around 1,445", "believed to exceed 12,000"]
    assert figs[0].label.endswith("(human rights groups)")
    # different scopes tell them apart too
    figs = figures("In 2020, 1,100 people were detained.", "In 2021, 600 people were detained.")
    assert [(f.value, f.scope) for f in figs] == [("1,100", "In 2020"), ("600", "In 2021")]
    # the same group doing different things is not a contradiction
    figs = figures("79% of respondents were opposed. Only 3 per cent agreed with it.")
    assert [f.value for f in figs] == ["79%", "3 per cent"]


def test_about_filters_and_ranks() -> None:
    paragraphs = (
        "The economy shrank by 4.7% last year.",
        "More than 1,100 Belarusians were detained after the vote.",
        "Human rights groups count 1,445 political prisoners.",
    )
    figs = figures(*paragraphs, about=("political prisoners", "detained"))
    assert [f.value for f in figs] == ["1,100", "1,445"]  # both match one term: source order
    assert figures(*paragraphs, about=("detentions",)) == []  # stems: "detain" != "detent"
    assert [f.value for f in figures(*paragraphs, about=("detain",))] == ["1,100"]


def test_about_looks_at_the_figures_own_clause() -> None:
    sentence = (
        "Worldwide sales reached 5 million units, while China now accounts for 30% of the market."
    )
    assert [f.value for f in figures(sentence, about=("China",))] == ["30%"]
    assert [f.value for f in figures(sentence, about=("sales",))] == ["5 million"]


def test_top_dedupe_and_determinism() -> None:
    a = make_article(
        "a", ["Some 1,445 political prisoners remain. The economy shrank 4.7% last year."]
    )
    b = make_article("b", ["Some 1,445 political prisoners remain in jail."])
    figs = find_figures([a, b], top=4)
    assert [(f.source_id, f.value) for f in figs].count(("b", "1,445")) == 0  # same fact once
    assert find_figures([a, b], top=1) == figs[:1]
    assert find_figures([a, b], top=4) == figs


def test_month_like_words_are_not_dates() -> None:
    figs = figures(
        "The market lost 500 jobs and the decade saw 40% growth. On 3 March 2021 it fell."
    )
    assert sorted(f.value for f in figs) == ["40%", "500"]


def test_language_of_the_article_is_used() -> None:
    article = make_article(
        "ru", ["По данным правозащитников, в стране более 1 445 политзаключённых."], "ru"
    )
    figs = find_figures([article])
    assert [(f.value, f.qualifier) for f in figs] == [("1 445", "более")]
    assert figs[0].label.startswith("политзаключённых")
    check_trust(figs, article)


def test_nothing_is_invented_on_real_sentences() -> None:
    paragraphs = [
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the "
        "three months to December, from $639m year-earlier.",
        "Reporting its results for the three months to 31 December 2004, the airline made a "
        "pre-tax profit of £75m ($141m) compared with £125m a year earlier.",
        "In the year to March 2004, the Indian economy grew by 8.5%.",
        "Indonesia's government has confirmed it is considering raising fuel prices by as much "
        "as 30%.",
        "At that time, a total of several thousand people demonstrated in the streets, more "
        "than 800 of whom were arrested by law enforcement.",
        "Maternity pay for new mothers is to rise by £1,400 as part of new proposals.",
        RALLIES + " " + DETAINED,
    ]
    article = make_article("bbc", paragraphs)
    figs = find_figures([article], top=20)
    assert len(figs) >= 6
    check_trust(figs, article)
    for f in figs:
        assert f.label


# -- curated figures ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "quote", "dropped"),
    [
        ("1,100", "As a result, more than 1,100 Belarusians were detained.", "more than"),
        ("more than 1,100", "As a result, more than 1,100 Belarusians were detained.", None),
        ("1,445", "human rights groups report around 1,445 political prisoners", "around"),
        ("12,000", "the actual number is believed to exceed 12,000.", "believed to exceed"),
        ("exceed 12,000", "the actual number is believed to exceed 12,000.", None),
        ("72 hours", "detention should last no longer than 72 hours", "no longer than"),
        ("200", "a group of up to 200 volunteers", "up to"),
        ("90%", "more than 90% of Belarus was against", "more than"),
        ("79%", "79% of respondents were categorically opposed", None),
        ("1,000", "1,000 or more protesters", "or more"),
        ("1,100", "in all, 11,100 people", None),  # not this number
        ("1,100", "no figure here", None),
        ("between 21 and 23 years", "sentences (between 21 and 23 years)", None),
        ("21 and 23 years", "sentences (between 21 and 23 years)", "between"),
    ],
)
def test_qualifier_dropped(value: str, quote: str, dropped: str | None) -> None:
    assert qualifier_dropped(value, quote) == dropped


def test_qualifier_dropped_other_languages() -> None:
    assert qualifier_dropped("1100", "были задержаны более 1100 человек", language="ru") == "более"
    assert qualifier_dropped("1.100", "mehr als 1.100 Menschen", language="de") == "mehr als"
    assert qualifier_dropped("1 100", "plus de 1 100 personnes", language="fr") == "plus de"
    assert qualifier_dropped("1100", "ponad 1100 osób", language="pl") == "ponad"
    # a value that appears once bare and once qualified drops nothing
    assert qualifier_dropped("500", "500 people came; later over 500 more.") is None


def test_numbers_whose_meaning_a_box_cannot_keep_are_not_chosen() -> None:
    """Better left out than shown wrongly (real sentences from a KFF report)."""
    cases = {
        # one side of a comparison in brackets: 43% is LGBT+ adolescents, not their peers
        "In 2021 and 2022, LGBT+ adolescents were more likely than their non-LGBT+ peers to "
        "report anxiety (43% vs. 14%) and depression (37% vs. 11%) (Figure 1).": "comparison",
        # a number alone in brackets: what it counts is said outside them
        "Many adolescents reported adverse experiences, including bullying (34%), emotional "
        "abuse by a parent (17%), and neighborhood violence (15%) in 2021 and 2022.": "brackets",
        # a rate without its unit
        "By 2022, the drug overdose death rate of both Hispanic and Black adolescents (3.3 and "
        "2.8 per 100,000) surpassed the overdose death rate of White adolescents.": "",
        # "respectively"
        "The shares were 28% and 8%, respectively.": "respectively",
    }
    for sentence, why in cases.items():
        eligible = [c for c in figures_in_sentence(sentence) if c.eligible]
        assert eligible == [], (sentence, eligible)
        if why:
            assert any(why in c.reason for c in figures_in_sentence(sentence)), sentence


def test_a_share_of_a_group_says_what_the_group_did() -> None:
    (c,) = [
        c
        for c in figures_in_sentence(
            "In 2021, 42% of adolescents reported feelings of sadness and hopelessness – which "
            "can be indicative of depressive disorder – up from 28% in 2011."
        )
        if c.eligible
    ]
    assert (c.value, c.label) == (
        "42%",
        "adolescents reported feelings of sadness and hopelessness",
    )
    # a share of a group whose predicate cannot be taken is not shown
    assert not any(
        c.eligible
        for c in figures_in_sentence(
            "A recent analysis found that 41% of youth ages 10-19 that died from a drug "
            "overdose between 2019 and 2021 had a documented mental health condition."
        )
    )


def test_a_figure_pointing_back_to_a_sentence_with_two_dates_is_not_chosen() -> None:
    previous = (
        "KFF analysis found that drug overdose deaths among adolescents increased from 253 "
        "deaths in 2018 to 723 deaths in 2022 (Figure 2)."
    )
    sentence = (
        "During the same period, the share of these overdose deaths involving opioids "
        "increased from 57% to 78%."
    )
    assert not any(c.eligible for c in figures_in_sentence(sentence, previous=previous))


def test_ages_are_not_figures() -> None:
    sentence = (
        "Utilization of mental health services declined by 25% for beneficiaries 18 and "
        "younger from March 2020 to July 2022."
    )
    assert [c.value for c in figures_in_sentence(sentence) if c.eligible] == ["25%"]


def test_one_place_of_a_list_is_neither_label_nor_scope() -> None:
    sentence = (
        "A dozen researchers studied more than 20,000 students in Miami; Chicago; Atlanta; "
        "Winston-Salem and Greensboro, North Carolina; and schools throughout New Mexico."
    )
    (c,) = [c for c in figures_in_sentence(sentence) if c.eligible]
    assert (c.display, c.label) == ("more than 20,000", "students")
    assert "Miami" not in c.scope


def test_an_illustrative_comparison_is_not_a_count() -> None:
    sentence = "It’s easier to find 10 strong tutors, in other words, than 100."
    assert not any(c.eligible for c in figures_in_sentence(sentence))
    # "more than" and "no longer than" are qualifiers, not comparisons
    quit_ = [c.display for c in figures_in_sentence("More than 100 tutors quit.") if c.eligible]
    assert quit_ == ["more than 100"]


CURATED = """\
title: Detentions
date: 2024-05-01
audiences: [policymakers]
sections:
  - heading: Detentions
    figures:
      - value: "{value}"
        label: Belarusians detained at the anti-war rallies
        source: note
        quote: "As a result, more than 1,100 Belarusians were detained."
"""


def test_a_curated_figure_that_drops_its_qualifier_fails_check(tmp_path, run) -> None:
    from conftest import write_project

    source = {"note.txt": "Rallies\n\nAs a result, more than 1,100 Belarusians were detained.\n"}
    root = write_project(tmp_path / "p", source, {"d.yaml": CURATED.format(value="1,100")})
    result = run(root, "check")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "briefings/d.yaml:7:16: figure value '1,100' drops the qualifier its quote gives: "
        "the quote says 'more than 1,100'"
    )
    assert lines[1] == (
        '  hint: write value: "more than 1,100" (a figure never says more than its source)'
    )
    (root / "briefings" / "d.yaml").write_text(CURATED.format(value="more than 1,100"))
    assert run(root, "check").exit_code == 0


def test_labels_and_scopes_keep_what_the_sentence_says() -> None:
    deaths = (
        "KFF analysis of CDC data found that drug overdose deaths among adolescents "
        "increased from 253 deaths in 2018 to 723 deaths in 2022 (Figure 2)."
    )
    (c,) = [c for c in figures_in_sentence(deaths) if c.eligible]
    assert (c.value, c.label, c.scope) == (
        "723",
        "drug overdose deaths among adolescents",
        "in 2022",
    )
    # a period is scoped whole, never half of it
    rate = (
        "From 2021 to 2022, the adolescent suicide death rate decreased by 8% while the "
        "total population suicide death rate slightly increased."
    )
    (c,) = [c for c in figures_in_sentence(rate) if c.eligible]
    assert c.scope == "From 2021 to 2022"
    # a label that would leave out words in the middle is not shown
    services = (
        "Utilization of substance use disorder services declined by 31% for beneficiaries "
        "ages 15-18 during the same period."
    )
    assert not any(
        c.eligible and c.label == "utilization of substance declined"
        for c in figures_in_sentence(services)
    )


def test_figures_defined_by_a_reference_are_not_shown() -> None:
    for sentence in (
        "More than three-quarters of the 20,000 students in this June analysis had access "
        "to computer-assisted instruction in math or reading.",
        "Students in the math program went through about 36% of their lessons.",
    ):
        assert not any(c.eligible for c in figures_in_sentence(sentence)), sentence


def test_a_label_keeps_the_groups_joined_by_and() -> None:
    sentence = (
        "A Stanford study examined a literacy program with 270 kindergartners and 1st graders, "
        "and a numeracy program that served about 1,000 kindergartners."
    )
    labels = {c.value: c.label for c in figures_in_sentence(sentence) if c.eligible}
    assert labels["270"] == "kindergartners and 1st graders"
    assert labels["1,000"] == "kindergartners"


def test_a_relative_scope_gets_the_article_date_or_the_figure_is_left_out() -> None:
    from dataclasses import replace

    text = ["Police detained 40 protesters in Minsk last week, the human rights centre said."]
    dated = replace(make_article("d", text), date="2024-05-14")
    (fig,) = find_figures([dated])
    assert fig.scope.endswith("[article dated 14 May 2024]"), fig.scope
    assert find_figures([make_article("u", text)]) == []  # no date: which week is unknown
