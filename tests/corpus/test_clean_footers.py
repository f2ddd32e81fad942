"""Footer rules: a 'Contact' link in the menu or a section called 'About this ...'
must not take the article with it (both dropped whole articles on unseen pages)."""

from __future__ import annotations

import numpy as np

from briefkit.corpus.clean import clean_text_dump
from briefkit.corpus.dumplines import units

MENU = [
    "Skip to content",
    "Home",
    "About",
    "Research",
    "News & Events",
    "Contact",
    "Jobs",
    "Campus Map",
    "Directory",
    "Search",
]
BODY = (
    "The Reading Club is the university's student society for people who read "
    "history, founded in 2014 by three doctoral students. It meets every week "
    "during term and runs a public lecture series each spring."
)


def kept(text: str) -> str:
    return "\n".join(b.text for b in clean_text_dump(text).blocks)


class Scores:
    """The rule layer's view of a classifier: these lines kept, the rest not."""

    threshold = 0.5

    def __init__(self, keep: set[str]) -> None:
        self.keep = keep

    def scores(self, rows):  # one score per unit, in order
        return np.array([0.9 if u.text in self.keep else 0.1 for u in self.units])


def test_a_contact_link_in_the_menu_is_not_a_footer() -> None:
    text = "\n".join([*MENU, "", "The Reading Club at the University", "", BODY, "", "Learn More"])
    assert BODY in kept(text)
    # the classifier kept one menu line above 'Contact': the body still stays
    model = Scores({"Research", "The Reading Club at the University", BODY, "Learn More"})
    model.units = units(text)
    out = "\n".join(b.text for b in clean_text_dump(text, model=model).blocks)
    assert BODY in out


def test_a_contact_heading_after_the_body_is_still_a_footer() -> None:
    second = (
        "Members choose the books together at the start of each term, and the club "
        "publishes its reading list on the notice board outside the library."
    )
    text = "\n".join(
        [
            *MENU,
            "",
            "The Reading Club at the University",
            "",
            BODY,
            "",
            second,
            "",
            "Press contacts",
            "press@example.org",
            "+44 20 7946 0000",
        ]
    )
    out = kept(text)
    assert BODY in out and second in out
    assert "press@example.org" not in out


def test_about_this_series_is_a_section_not_a_footer() -> None:
    intro = (
        "This guide walks through installing the tool on a laptop, running a first "
        "example and sharing the result with a colleague, one step at a time."
    )
    series = (
        "In this series you will set the tool up, build a first project and publish "
        "it, with each part taking about fifteen minutes to complete."
    )
    text = "\n".join(
        [*MENU, "", "Getting started", "", intro, "", "About this series", "", series, ""]
    )
    assert series in kept(text)
