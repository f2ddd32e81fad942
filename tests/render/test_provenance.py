# ruff: noqa: E501  (test data: long sentences written and read back verbatim)
"""The provenance record is what the PDF shows.

For every audience of both example briefs, and for a small brief with a
quoted speaker, a figure with a qualifier and bracketed insertions, the PDFs
are built for real and read back with pypdfium2: footnote (or endnote) n is
provenance item n, word for word; each item's words are printed with its
number right after them; everything else the brief has is listed under
``omitted`` with a reason; and each omission notice counts what is left out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from briefkit.build import BuildOptions, Output, load_briefs, output_path, render_one
from briefkit.corpus.load import Corpus
from briefkit.project import Project
from briefkit.publish.email import first_quote
from briefkit.render.env import TemplateSet
from briefkit.resolve import Attributed, Insertion, ResolvedSummary, resolve_brief

from .conftest import make_project, run
from .pdfnotes import chars, endnotes, flow, footnotes, no_space, text

BRIEFS = ("different-baskets", "sanctions-political-prisoners")
AUDIENCES = ("policymakers", "journalists", "newsletter", "full")
REASONS = ("max_excerpts: ", "audience blocks: ", "not printed by template ")


def squash(s: str) -> str:
    """Letters and digits only, lower-cased: robust to line breaks and hyphenation."""
    s = unicodedata.normalize("NFKC", s.replace("\ufffe", "").replace("\x02", ""))
    return re.sub(r"[\W_]+", "", s).lower()


# ---------------------------------------------------------------- checks


def key(item: dict) -> tuple:
    t = item["type"]
    if t == "section":
        return (t, item["section"])
    if t == "excerpt":
        return (t, item["section"], item["source"], item["paragraph"], item["text"])
    if t == "summary_sentence":
        return (t, item["section"], item["sentence"])
    if t == "figure":
        return (t, item["section"], item["source"], item["paragraph"], item["label"])
    assert t == "analyst_citation", item
    return (t, item["section"], item["source"])


def everything(resolved) -> Counter:
    """Every excerpt, drafted sentence, figure, analyst citation and section the brief has."""
    keys: list[tuple] = []

    def summary(s, n):
        if s is None:
            return
        if s.kind == "analyst":
            keys.extend(("analyst_citation", n, sid) for sid in s.cites)
        else:
            keys.extend(("summary_sentence", n, a.sentence_id) for a in s.sentences)

    summary(resolved.summary, None)
    for n, sec in enumerate(resolved.sections, start=1):
        keys.append(("section", n))
        summary(sec.summary, n)
        keys.extend(("excerpt", n, e.source_id, e.paragraph_id, e.text) for e in sec.excerpts)
        keys.extend(("figure", n, f.source_id, f.paragraph_id, f.label) for f in sec.figures)
    return Counter(keys)


NOTICE = re.compile(
    r"This digest leaves out (?P<digest>.+?)(?:: all are in the full brief|, drawn from the sources)"
    r"|(?P<list>(?:\d+ (?:more )?[a-z ]+?(?:, | and ))*\d+ (?:more )?[a-z ]+?)"
    r"(?: on this topic)?(?:, each with its source,)? (?:is|are) (?P<where>in the full brief|in the sources listed below|in the sources this brief draws on)\."
)
COUNTED = re.compile(r"(\d+) (?:more )?(quote|figure|section|key message|recommendation)s?\b")


def notices(printed: str) -> tuple[Counter, list[str]]:
    """What the PDF says it leaves out: counts by kind, and the notices' sentences."""
    counts: Counter = Counter()
    found = []
    for m in NOTICE.finditer(printed):
        found.append(m.group(0))
        for n, what in COUNTED.findall(m.group("digest") or m.group("list")):
            counts[what] += int(n)
    return counts, found


def check_output(pdf: Path, resolved, audiences: list[str]) -> dict:
    """Everything this test file promises about one PDF and its provenance record."""
    prov = json.loads(pdf.with_suffix(".provenance.json").read_text(encoding="utf-8"))
    items, omitted = prov["items"], prov["omitted"]
    printed = text(pdf)
    # painting order keeps boxes side by side apart; reading order keeps a
    # sentence that runs onto the next page whole: what is printed is in either
    read = (squash(printed), squash(flow(pdf)))

    def shows(words: str) -> bool:
        return any(squash(words) in flat for flat in read)

    # note n of the PDF is item n, number by number and word for word; nothing extra
    notes = endnotes(pdf) if prov["template"] == "full.html" else footnotes(pdf)
    assert [n for n, _ in notes] == list(range(1, len(notes) + 1)), pdf.name
    assert [i["note"] for i in items] == list(range(1, len(items) + 1)), pdf.name
    assert [(n, no_space(t)) for n, t in notes] == [
        (i["note"], no_space(i["note_text"])) for i in items
    ], pdf.name

    # each item's words are printed, with its number right after them
    group: list[int] = []
    for i, item in enumerate(items):
        t = item["type"]
        if t == "excerpt":
            assert shows(item["text"]), (pdf.name, item["text"])
            anchor = item["credited"]
        elif t == "figure":
            assert shows(item["display"]), (pdf.name, item["display"])
            anchor = item["printed_label"]
        elif t == "summary_sentence":
            anchor = item["printed"]
        else:  # an analyst's summary: its citations follow it one after another
            prev = items[i - 1] if i else None
            same = prev and prev["type"] == t and prev["printed"] == item["printed"]
            group = [*group, prev["note"]] if same else []
            anchor = item["printed"] + "".join(map(str, group))
        assert shows(anchor + str(item["note"])), (pdf.name, item["note"], anchor)

    # what is not shown is listed with a reason; shown and omitted make up the brief
    shown = Counter(key(i) for i in items)
    left = Counter(key(o) for o in omitted)
    assert not set(shown) & set(left), pdf.name
    sections = {k for k in everything(resolved) if k[0] == "section"}
    shown_sections = Counter(sections - set(left))
    assert shown + left + shown_sections == everything(resolved), pdf.name
    for o in omitted:
        assert o["reason"].startswith(REASONS), o
        if o["type"] == "excerpt" and not any(
            squash(o["text"]) in squash(i.get("text") or "") for i in items
        ):
            assert not shows(o["text"]), (pdf.name, "omitted but printed", o["text"])
    for n, sec in enumerate(resolved.sections, start=1):
        if ("section", n) in shown_sections:
            assert shows(sec.heading), (pdf.name, sec.heading)
    # a drafted sentence or analyst citation left out goes with its section
    left_sections = {o["section"] for o in omitted if o["type"] == "section"}
    for o in omitted:
        if o["type"] in ("summary_sentence", "analyst_citation"):
            assert o["section"] in left_sections or o["reason"].startswith("audience blocks"), o

    # the notices count what is left out, and say where it is
    said, sentences = notices(printed)
    by_type = Counter(o["type"] for o in omitted)
    expected = Counter(
        {
            "quote": by_type["excerpt"],
            "figure": by_type["figure"],
            "section": by_type["section"],
        }
    )
    if prov["template"] == "newsletter.html":
        data = resolved.brief
        if "full" in audiences:  # the digest also counts the analyst's text it leaves out
            expected["key message"] = max(len(data.key_messages) - 3, 0)
            expected["recommendation"] = max(len(data.recommendations) - 1, 0)
    assert +said == +expected, (pdf.name, sentences)
    if +expected:
        where = "in the full brief" if "full" in audiences else "sources listed below"
        assert all(where in s for s in sentences) or (
            prov["template"] == "newsletter.html" and where in printed
        ), (pdf.name, sentences)
    return prov


def resolved_brief(root: Path, brief_id: str):
    project = Project.load(root)
    briefs, errors = load_briefs(project, (brief_id,))
    assert not errors
    return resolve_brief(project, Corpus(project), briefs[0].brief, briefs[0].loaded)


# ---------------------------------------------------------------- the examples


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("prov") / "proj")
    result = run(root, "build", "--jobs", "2")
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("brief", BRIEFS)
def test_every_note_of_the_examples_is_its_provenance_item(examples, brief):
    resolved = resolved_brief(examples, brief)
    for audience in AUDIENCES:
        pdf = output_path(examples / "out", brief, audience, "pdf")
        prov = check_output(pdf, resolved, list(resolved.brief.audiences))
        assert prov["items"], audience
    # the full report shows everything, and says nothing is left out
    full = json.loads(output_path(examples / "out", brief, "full", "provenance.json").read_text())
    assert full["omitted"] == []


def test_the_examples_say_what_they_leave_out(examples):
    out = examples / "out" / "different-baskets"
    pm = text(out / "different-baskets-policymakers.pdf")
    # max_excerpts 3: the first section shows three, the other two say where theirs are
    assert "2 quotes on this topic are in the full brief." in pm
    assert "3 quotes on this topic are in the full brief." in pm
    prov = json.loads((out / "different-baskets-policymakers.provenance.json").read_text())
    reasons = Counter(o["reason"] for o in prov["omitted"])
    assert reasons == {"max_excerpts: this audience shows 3 excerpts": 5}
    news = text(out / "different-baskets-newsletter.pdf")
    assert (
        "This digest leaves out 7 quotes, 1 figure, 3 sections of evidence, 1 key message "
        "and 2 recommendations: all are in the full brief." in news
    )
    news_prov = json.loads((out / "different-baskets-newsletter.provenance.json").read_text())
    assert [i["type"] for i in news_prov["items"]] == ["excerpt", "figure"]
    assert Counter(o["reason"] for o in news_prov["omitted"]) == {
        "max_excerpts: this audience shows 1 excerpt": 7,
        "not printed by template newsletter.html": 9,  # 3 sections, 1 figure, 2 + 3 notes
    }
    journalists = text(out / "different-baskets-journalists.pdf")
    assert "4 more quotes, each with its source, are in the full brief." in journalists


def test_journalists_figures_come_first_in_notes_and_in_provenance(examples):
    prov = json.loads(
        (
            examples
            / "out/sanctions-political-prisoners/sanctions-political-prisoners-journalists.provenance.json"
        ).read_text()
    )
    types = [i["type"] for i in prov["items"]]
    # the sheet prints the figures box, then the quotes, then the background
    figures, quotes = types.count("figure"), types.count("excerpt")
    assert figures >= 1 and quotes == 4  # max_excerpts: 4
    assert types[:figures] == ["figure"] * figures
    assert types[figures : figures + quotes] == ["excerpt"] * quotes
    assert set(types[figures + quotes :]) <= {"summary_sentence", "analyst_citation"}


# ---------------------------------------------------------------- speakers, qualifiers, insertions

SOURCE = """---
title: Protest and prison
author: Suzanne Gamboa
date: 2024-05-14
publication: NBC News
url: https://example.org/protest
---

# Protest and prison

Thousands protested against the war on 27 and 28 February 2022. As a result, more than 1,100 Belarusians were detained.

"We were never asked what we think," one of the protesters told reporters.

Li Jifeng, a trade researcher in Vilnius, said the sanctions "hit the wrong people first".

Matskevich proposed a register of political prisoners on Sunday. It would be kept by volunteers abroad.

The ministry has not answered questions about the register.
"""

BRIEF = """\
title: Protest and prison
date: 2024-06-01
audiences: [policymakers, journalists, newsletter, full]
key_messages:
  - Protesters were detained in large numbers.
  - Exiles propose a register of political prisoners.
recommendations:
  - Fund the register.
sections:
  - heading: The rallies
    excerpts:
      - source: protest
        quote: "hit the wrong people first"
      - source: protest
        quote: "We were never asked what we think"
      - source: protest
        quote: "The ministry has not answered questions about the register."
    figures:
      - value: "more than 1,100"
        label: Belarusians detained
        source: protest
        quote: "As a result, more than 1,100 Belarusians were detained."
  - heading: A register
    summary: {auto: true, sources: [protest], sentences: 2, focus: register of political prisoners}
"""

SCOPE = "at the anti-war rallies of 27–28 February 2022"


def with_speakers_qualifier_and_insertions(resolved):
    """The resolved brief as the resolver will give it: who said what, the figure's
    qualifier and scope, and the words the drafted sentences need to stand alone."""
    art = resolved.articles["protest"]
    first, second, third = resolved.sections[0].excerpts
    excerpts = (
        replace(first, speaker="Li Jifeng", speaker_origin="found", quoted=True),
        replace(second, speaker=None, speaker_origin="", quoted=True),  # a protester: no name
        replace(third, speaker=None, speaker_origin="", quoted=False),  # the reporter's own words
    )
    (figure,) = resolved.sections[0].figures
    # as an automatic figure comes: the value and its qualifier apart
    figure = replace(figure, value="1,100", qualifier="more than", scope=SCOPE)
    sents = {s.text: (p, s) for p in art.paragraphs for s in p.sentences}
    p1, s1 = sents["Matskevich proposed a register of political prisoners on Sunday."]
    p2, s2 = sents["It would be kept by volunteers abroad."]
    sunday = s1.text.index("on Sunday") + len("on Sunday")
    drafted = ResolvedSummary(
        "auto",
        sentences=(
            Attributed(
                s1.text, "protest", p1.id, s1.id, s1.start, s1.end,
                insertions=(Insertion(0, 0, "[Svetlana] "), Insertion(sunday, sunday, " [12 May 2024]")),
                context=True,
            ),
            Attributed(
                s2.text, "protest", p2.id, s2.id, s2.start, s2.end,
                insertions=(Insertion(0, 2, "[The register]"),),
            ),
        ),
    )  # fmt: skip
    sections = (
        replace(resolved.sections[0], excerpts=excerpts, figures=(figure,)),
        replace(resolved.sections[1], summary=drafted),
    )
    return replace(resolved, sections=sections)


def render_all(root: Path, resolved, out: Path) -> None:
    project = Project.load(root)
    templates = TemplateSet(project.templates_dir, project.root)

    def write(path: Path, data: bytes, *, display: str | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    for audience in resolved.brief.audiences:
        path = output_path(out, resolved.brief.id, audience, "pdf")
        output = Output(resolved.brief.id, audience, path, str(path))
        render_one(project, templates, resolved, audience, output, BuildOptions(), write)
        assert not output.warnings, [w.render() for w in output.warnings]


@pytest.fixture(scope="module")
def protest(tmp_path_factory):
    root = tmp_path_factory.mktemp("speakers") / "p"
    (root / "seeds").mkdir(parents=True)
    (root / "briefings").mkdir()
    (root / "seeds" / "protest.md").write_text(SOURCE, encoding="utf-8")
    (root / "briefings" / "protest.yaml").write_text(BRIEF, encoding="utf-8")
    resolved = with_speakers_qualifier_and_insertions(resolved_brief(root, "protest"))
    render_all(root, resolved, root / "out")
    return root, resolved


def test_own_brief_notes_match_provenance(protest):
    root, resolved = protest
    for audience in AUDIENCES:
        check_output(
            output_path(root / "out", "protest", audience, "pdf"), resolved, list(AUDIENCES)
        )


def bold(pdf: Path) -> str:
    return no_space("".join(c.text for c in chars(pdf) if "Semi-Bold" in c.font))


def test_quotes_are_credited_to_who_said_them(protest):
    root, _ = protest
    pdf = output_path(root / "out", "protest", "journalists", "pdf")
    printed = text(pdf)
    assert "Li Jifeng, quoted in Suzanne Gamboa, NBC News" in printed
    assert "Quoted in Suzanne Gamboa, NBC News" in printed
    # the speaker in bold; the reporter in bold only under her own words
    assert bold(pdf).count("LiJifeng") == 1
    assert bold(pdf).count("SuzanneGamboa") == 1
    prov = json.loads(pdf.with_suffix(".provenance.json").read_text())
    credits = [
        (i["speaker"], i["speaker_origin"], i["quoted"], i["credited"])
        for i in prov["items"]
        if i["type"] == "excerpt"
    ]
    assert credits == [
        ("Li Jifeng", "found", True, "Li Jifeng, quoted in Suzanne Gamboa, NBC News"),
        (None, "", True, "Quoted in Suzanne Gamboa, NBC News"),
        (None, "", False, "Suzanne Gamboa, NBC News"),
    ]
    # the email credits the newsletter's quote the same way, from the same record
    news = output_path(root / "out", "protest", "newsletter", "provenance.json")
    quote = first_quote(None, [news])
    assert quote is not None
    assert quote.text == "hit the wrong people first"
    assert quote.attribution == "Li Jifeng, quoted in Suzanne Gamboa, NBC News"


def test_figures_print_their_qualifier_and_scope(protest):
    root, _ = protest
    for audience in AUDIENCES:
        pdf = output_path(root / "out", "protest", audience, "pdf")
        printed = text(pdf)
        assert "more than 1,100" in printed, audience
        assert f"Belarusians detained — {SCOPE}" in printed, audience
        (fig,) = [
            i
            for i in json.loads(pdf.with_suffix(".provenance.json").read_text())["items"]
            if i["type"] == "figure"
        ]
        assert fig["display"] == "more than 1,100" and fig["qualifier"] == "more than"
        assert fig["value"] == "1,100" and fig["scope"] == SCOPE
        assert fig["printed_label"] == f"Belarusians detained — {SCOPE}"


def test_drafted_sentences_print_their_insertions_in_brackets(protest):
    root, _ = protest
    for audience in ("policymakers", "journalists", "full"):
        pdf = output_path(root / "out", "protest", audience, "pdf")
        printed = text(pdf)
        assert (
            "[Svetlana] Matskevich proposed a register of political prisoners on Sunday [12 May 2024]."
            in printed
        ), audience
        assert "[The register] would be kept by volunteers abroad." in printed, audience
        prov = json.loads(pdf.with_suffix(".provenance.json").read_text())
        sents = [i for i in prov["items"] if i["type"] == "summary_sentence"]
        assert [s["text"] for s in sents] == [
            "Matskevich proposed a register of political prisoners on Sunday.",
            "It would be kept by volunteers abroad.",
        ]
        assert sents[0]["context"] is True
        assert sents[1]["insertions"] == [
            {
                "start": 0,
                "end": 2,
                "replaced": "It",
                "inserted": "[The register]",
                "printed_start": 0,
                "printed_end": 14,
                "source_text": False,
            }
        ]
        ins = sents[0]["insertions"][1]
        assert sents[0]["printed"][ins["printed_start"] : ins["printed_end"]] == " [12 May 2024]"


def test_without_a_full_brief_notices_point_to_the_sources(protest, tmp_path):
    root, resolved = protest
    brief = resolved.brief.model_copy(update={"audiences": ["policymakers", "newsletter"]})
    resolved = replace(resolved, brief=brief)
    render_all(root, resolved, tmp_path)
    pm = output_path(tmp_path, "protest", "policymakers", "pdf")
    check_output(pm, resolved, ["policymakers", "newsletter"])
    assert "1 more quote on this topic is in the sources listed below." in text(pm)
    news = output_path(tmp_path, "protest", "newsletter", "pdf")
    check_output(news, resolved, ["policymakers", "newsletter"])
    printed = text(news)
    assert (
        "This digest leaves out 2 quotes and 2 sections of evidence, drawn from the sources listed below."
        in printed
    )
    assert "Sources: Gamboa, NBC News, 2024." in printed
    assert "full brief" not in printed
