# ruff: noqa: E501  (test data: long sentences written and read back verbatim)
"""The analyst's first hour (issue 21), layout: a project made from three real
web pages, built with real WeasyPrint and read back with pypdfium2.

- no page holds one lone trailing block (the press contact, the digest's
  "Read the full brief" box on Letter paper), and a key-figures box does not
  leave the end of a page empty;
- notes read "para. 7", never "¶ p7" or an id like "0191/p10"; the full report
  cites a source in full once, then "Ibid." or a short form;
- double quotes inside a quotation become single ones;
- URLs are never hyphenated, and prose is hyphenated with US English patterns
  and minimum lengths (no "vir-us", "hospit-al", "temperat-ures");
- the logo sits on a white plate on the primary-colour band.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from .conftest import REPO, run
from .pdfnotes import BODY_BOTTOM, PT, _footnote_area, chars, endnotes, footnotes

PAGES = REPO.parent / "shared" / "data" / "web-pages-2026" / "html"
# the analyst saved each page under its number: the number is the source's id
SEEDS = ("0191", "0190", "0157")

pytestmark = pytest.mark.skipif(
    not all((PAGES / f"{n}.html.gz").is_file() for n in SEEDS),
    reason="needs ../shared/data/web-pages-2026",
)

PRIMARY = "#1f3a5f"
CONFIG = f"""\
organisation:
  name: Example Policy Unit
  short_name: EPU
  url: https://example.org
  contact: "Questions: briefs@example.org"
  logo: assets/logo.svg
  colours:
    primary: "{PRIMARY}"
    accent: "#c8102e"
language: en
default_audiences: [policymakers]
audiences:
  policymakers:
    max_pages: 2
    max_excerpts: 2
  journalists:
    max_pages: 2
  newsletter:
    max_pages: 1
    max_excerpts: 1
  full: {{}}
  us-digest:
    template: newsletter.html
    description: The one-page digest on US Letter paper
    paper: Letter
    max_pages: 1
    max_excerpts: 1
"""

# A logo drawn in the brand colour: on the band of the same colour it vanishes
# unless it sits on a plate of its own.
LOGO = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect x="6" y="6" width="52" height="52" rx="10" fill="{PRIMARY}"/><path d="M18 34h8l4-10 6 20 4-10h6" stroke="#c8102e" stroke-width="5" fill="none"/></svg>"""

FIRST_QUOTE = """      - source: "0191"
        quote: "In 2021 and 2022, 21% of adolescents reported experiencing symptoms of anxiety in the past two weeks and 17% reported experiencing symptoms of depression."
"""

BRIEF = """\
title: Adolescent mental health after the pandemic
subtitle: What the survey data say about anxiety, overdoses and unmet need for care
date: 2024-05-02
authors: [Public Health Analysis Unit]
audiences: [policymakers, journalists, newsletter, full, us-digest]
key_messages:
  - About one in five adolescents report symptoms of anxiety or depression, with much higher shares among female and LGBT+ teens.
  - Drug overdose deaths among adolescents nearly tripled between 2018 and 2022, driven by fentanyl.
  - One in five adolescents did not get the therapy they needed, because of cost, stigma or not knowing where to get help.
  - New approaches such as trauma-informed care and school-based services are spreading, but evidence on apps remains thin.
sections:
  - heading: Anxiety and depression
    summary: >-
      Survey data collected directly from teenagers show persistent anxiety and
      depression, unevenly spread across sex and sexual identity.{background}
    excerpts:
{first_quote}      - source: "0191"
        quote: "LGBT+ adolescents were more likely than their non-LGBT+ peers to report anxiety (43% vs. 14%) and depression (37% vs. 11%)"
      - source: "0190"
        quote: "TIC shifts the focus from asking \\"What's wrong with you?\\" to \\"What happened to you?\\", acknowledging that past trauma can influence current behavior and health."
    figures:
      - value: "21%"
        label: of adolescents reported symptoms of anxiety in the past two weeks (2021–2022)
        source: "0191"
        quote: "21% of adolescents reported experiencing symptoms of anxiety in the past two weeks"
      - value: "17%"
        label: reported symptoms of depression (2021–2022)
        source: "0191"
        quote: "17% reported experiencing symptoms of depression"
  - heading: Overdoses and suicide
    summary:
      auto: true
      sources: ["0191"]
      sentences: 3
      focus: drug overdose deaths among adolescents and fentanyl
    excerpts:
      - source: "0191"
        quote: "Deaths due to drug overdose among adolescents more than doubled since the onset of the COVID-19 pandemic, largely driven by the synthetic opioid, fentanyl."
      - source: "0191"
        quote: "Forty-four percent of adolescent suicides were by firearm in 2022, compared to 40% in 2012."
  - heading: Access to care
    summary:
      text: >-
        Where a teenager lives and whether they are insured shape whether they
        get care; state rankings of mental-health conditions differ sharply.
        Hospital emergency departments saw more adolescents in crisis while
        temperatures of public debate rose, and the virus years disrupted
        outpatient therapy, school counselling and hospital admissions alike.
      cites: ["0157", "0191"]
    excerpts:
      - source: "0191"
        quote: "20% reported not receiving the mental health therapy they needed because of cost, fear of what others would think, and/or they did not know how to get help"
      - source: "0157"
        quote: "the best state for mental health is North Dakota, collecting 82 of the total 100 points possible."
    figures:
      - value: "25%"
        label: fall in use of mental health services by Medicaid and CHIP beneficiaries aged 18 and younger (March 2020 to July 2022)
        source: "0191"
        quote: "utilization of mental health services declined by 25% for beneficiaries 18 and younger from March 2020 to July 2022"
recommendations:
  - Fund school-based mental health services and let Medicaid pay for them.
  - Expand access to buprenorphine and adolescent addiction treatment in every state.
  - Screen adolescents for anxiety and depression in routine primary care.
contact: "Public Health Analysis Unit — press@example.org, +1 202 555 0143"
"""

# Longer analyst text, as a real brief has: what used to push the journalists'
# press contact alone onto a third page, and the policymakers' key figures away
# from their section.
BACKGROUND = (
    " The federal survey asked adolescents themselves rather than their parents,"
    " which makes it the most direct measure available of how teenagers describe"
    " their own mental health. Emergency departments in several states report"
    " longer stays for adolescents waiting for a psychiatric bed, and school"
    " counsellors describe caseloads far above the recommended ratio of one"
    " counsellor to two hundred and fifty students."
)


def brief(
    *, background: int = 0, first_quote: str = FIRST_QUOTE, audiences: str | None = None
) -> str:
    text = BRIEF.format(background=BACKGROUND * background, first_quote=first_quote)
    if audiences:
        text = text.replace(
            "audiences: [policymakers, journalists, newsletter, full, us-digest]",
            f"audiences: {audiences}",
        )
    return text


def make_first_hour_project(root: Path) -> Path:
    """`briefkit init`, three real pages in seeds/, and the briefs below."""
    result = run(root.parent, "init", str(root))
    assert result.exit_code == 0, result.output
    for brief_file in (root / "briefings").glob("*.yaml"):
        brief_file.unlink()
    for number in SEEDS:
        (root / "seeds" / f"{number}.html").write_bytes(
            gzip.decompress((PAGES / f"{number}.html.gz").read_bytes())
        )
    (root / "config" / "briefkit.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    (root / "assets" / "logo.svg").write_text(LOGO, encoding="utf-8")
    briefs = {
        # every audience, as the analyst built it
        "teens": brief(),
        # a long first quote: the one-page digest on Letter paper
        "teens-digest": brief(
            first_quote="      - paragraph: 0191/p13\n", audiences="[newsletter, full, us-digest]"
        ),
        # more background: the journalists' sheet and the policymakers' note
        "teens-press": brief(background=5, audiences="[journalists, full]"),
        "teens-figures": brief(background=1, audiences="[policymakers, full]"),
    }
    for name, text in briefs.items():
        (root / "briefings" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def build(root: Path) -> Path:
    for args in (
        ["teens", "--format", "both"],
        ["teens-digest", "-a", "us-digest"],
        ["teens-press", "-a", "journalists"],
        ["teens-figures", "-a", "policymakers"],
    ):
        result = run(root, "build", *args)
        assert result.exit_code == 0, result.output
    return root / "out"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = make_first_hour_project(tmp_path_factory.mktemp("first-hour") / "fh")
    return build(root)


# ---- reading the PDFs ----------------------------------------------------

# the running header and footer of every page: not what a page "holds"
_RUNNING = re.compile(
    r"^(Adolescent mental health after the pandemic EPU|Example Policy Unit · https://example\.org Page \d+ of \d+)$"
)


def page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def body_lines(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if line and not _RUNNING.match(line)]


def unbroken(text: str) -> str:
    """The text with line breaks undone and a hyphen at a line's end kept as a
    hyphen (pdfium marks one with U+FFFE), so a hyphen the layout added inside
    a URL shows: for reading URLs back."""
    text = re.sub("[\ufffe\x02]\r?\n?", "-", text)
    return re.sub(r"\r?\n", "", text)


def prose(text: str) -> str:
    """The text as read: hyphenated words joined, lines joined with a space."""
    text = re.sub("[\ufffe\x02]\r?\n?", "", text)
    return " ".join(text.split())


def hyphen_breaks(text: str) -> list[tuple[str, str]]:
    """Every word broken at a line's end with a hyphen: (before, after)."""
    return re.findall(r"(\w+)[\ufffe\x02]\r?\n?(\w+)", text)


# ---- page breaks ----------------------------------------------------------


def test_no_page_holds_only_the_press_contact(out):
    pdf = out / "teens-press" / "teens-press-journalists.pdf"
    pages = page_texts(pdf)
    assert len(pages) == 2, [body_lines(p) for p in pages]
    for text in pages:
        lines = body_lines(text)
        assert not (len(lines) == 1 and lines[0].startswith("PRESS CONTACT")), lines
    # a reporter finds it on the first page, under the title
    first = body_lines(pages[0])
    assert any(
        line.startswith("PRESS CONTACT Public Health Analysis Unit") for line in first[:8]
    ), first[:8]


def test_the_one_page_digest_fits_letter_paper(out):
    pdf = out / "teens-digest" / "teens-digest-us-digest.pdf"
    doc = pdfium.PdfDocument(str(pdf))
    width, height = doc[0].get_size()
    doc.close()
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (216, 279)  # Letter
    pages = page_texts(pdf)
    # a long first quote used to send "Read the full brief" alone onto page 2
    assert len(pages) == 1, [body_lines(p) for p in pages]
    text = " ".join(body_lines(pages[0]))
    assert "Read the full brief." in text
    assert "What to do: Fund school-based mental health services" in text


def test_key_figures_stay_with_their_section(out):
    pdf = out / "teens-figures" / "teens-figures-policymakers.pdf"
    pages = [body_lines(t) for t in page_texts(pdf)]
    assert len(pages) == 2
    # the box's label is on the page of its section's heading, with a figure after it
    on = next(i for i, lines in enumerate(pages) if "KEY FIGURES" in lines)
    assert "Anxiety and depression" in pages[on]
    label = pages[on].index("KEY FIGURES")
    assert pages[on][label + 1].startswith("21%"), pages[on][label : label + 3]
    # and page 1 is full: its body reaches down to the footnotes
    assert _blank_above_footnotes(pdf, 0) < 0.08


def _blank_above_footnotes(pdf: Path, index: int) -> float:
    """How much of the page's height is left empty between the body and the footnotes."""
    page = [c for c in chars(pdf) if c.page == index and not c.generated]
    notes = _footnote_area(page)
    body = [
        c.bottom for c in page if c.size >= 7 * PT and c.bottom > BODY_BOTTOM and c not in notes
    ]
    top_of_notes = max((c.top for c in notes), default=BODY_BOTTOM)
    return (min(body) - top_of_notes) / page[0].page_height


# ---- notes -------------------------------------------------------------------

PARA = re.compile(r"\bpara\. \d+\.")
LEAKS = re.compile(r"¶|\b(?:0191|0190|0157)/|\bp\d+\b")


def test_short_notes_read_para_n(out):
    notes = footnotes(out / "teens" / "teens-journalists.pdf")
    assert len(notes) > 10
    for _n, text in notes:
        assert not LEAKS.search(text), text
    assert "Panchal, KFF, 2024, para. 4." in [t for _n, t in notes]
    assert sum(bool(PARA.search(t)) for _n, t in notes) >= 10


def test_newsletter_and_full_notes_leak_no_ids(out):
    for name in ("teens-newsletter", "teens-us-digest"):
        notes = footnotes(out / "teens" / f"{name}.pdf")
        assert notes, name
        for _n, text in notes:
            assert not LEAKS.search(text), text
        first = notes[0][1]
        assert first.startswith(
            "Nirmita Panchal, “Recent Trends in Mental Health and Substance Use Concerns Among Adolescents”, KFF, 6 February 2024, para. "
        )
    for _n, text in endnotes(out / "teens" / "teens-full.pdf"):
        assert not LEAKS.search(text), text


def test_full_report_cites_in_full_once_then_ibid_or_short(out):
    pdf = out / "teens" / "teens-full.pdf"
    notes = endnotes(pdf)
    items = json.loads(pdf.with_suffix(".provenance.json").read_text())["items"]
    assert [n for n, _ in notes] == [i["note"] for i in items]
    title = "“Recent Trends in Mental Health and Substance Use Concerns Among Adolescents”"
    assert sum(title in t for _n, t in notes) == 1  # the full reference, once
    ibid = [n for n, t in notes if t.startswith("Ibid.")]
    assert len(ibid) >= 5
    seen: set[str] = set()
    for (n, text), item, prev in zip(notes, items, [None, *items], strict=False):
        if text.startswith("Ibid."):
            # the same source as the note right before it
            assert prev is not None and prev["source"] == item["source"], (n, text)
            assert re.fullmatch(r"Ibid\.(, para\. \d+\.)?", text), text
        elif item["source"] in seen:  # cited before, not just before: a short form
            assert re.fullmatch(r"\w+, “[^”]+”(, para\. \d+)?\.", text), text
            assert len(text) < 60, text
        else:
            assert text.count(",") >= 2 and "“" in text, text
        seen.add(item["source"])
    assert "Panchal, “Recent Trends in Mental Health”, para. 4." in [t for _n, t in notes]


def test_double_quotes_inside_a_quote_become_single(out):
    for name in ("teens-journalists", "teens-full"):
        pdf = out / "teens" / f"{name}.pdf"
        text = prose("".join(page_texts(pdf)))
        assert (
            "asking ‘What's wrong with you?’ to ‘What happened to you?’, acknowledging" in text
        ), name
        assert '"What' not in text and "“What" not in text
        item = next(
            i
            for i in json.loads(pdf.with_suffix(".provenance.json").read_text())["items"]
            if "What happened" in (i.get("text") or "")
        )
        assert '"What happened to you?"' in item["text"]  # the source's own words, as found
        assert "‘What happened to you?’" in item["printed"]  # what the reader sees


# ---- hyphenation ------------------------------------------------------------


def test_urls_are_never_hyphenated(out):
    pdf = out / "teens" / "teens-full.pdf"
    text = unbroken("".join(page_texts(pdf)))
    for url in (
        "https://www.kff.org/mental-health/recent-trends-in-mental-health-and-substance-use-concerns-among-adolescents/",
        "https://www.soliant.com/blog/the-best-states-for-mental-health/",
    ):
        # each URL in the notes and the references, whole, however it was broken
        assert text.count(url) >= 2, url
    assert not re.search(r"h-ttps?:|ht-tps?:|htt-ps?:|http-s:", text)


def test_prose_is_hyphenated_with_us_patterns_and_limits(out):
    import pyphen

    us = pyphen.Pyphen(lang="en_US")
    html = (out / "teens" / "teens-full.html").read_text(encoding="utf-8")
    breaks = []
    for name in ("teens-full", "teens-journalists", "teens-policymakers", "teens-newsletter"):
        breaks += hyphen_breaks("".join(page_texts(out / "teens" / f"{name}.pdf")))
    auto = [(a, b) for a, b in breaks if f"{a}-{b}" not in html]  # not a hyphen of the text
    assert auto, "no word was hyphenated: the test shows nothing"
    for a, b in auto:
        word = a + b
        assert len(word) >= 7 and len(a) >= 3 and len(b) >= 3, (a, b)
        assert len(a) in us.positions(word.lower()), f"{a}-{b} is not a US English break"
    for bad in ("vir-us", "hospit-al", "temperat-ures", "dir-ectly"):
        assert bad not in {f"{a}-{b}".lower() for a, b in auto}


def test_pdf_language_is_the_briefs(out):
    reader = pypdf.PdfReader(out / "teens" / "teens-policymakers.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    html = (out / "teens" / "teens-full.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html


# ---- the logo ------------------------------------------------------------------


def test_the_logo_sits_on_a_white_plate(out):
    """Just inside the logo's left edge the band is white (the plate), not the
    primary colour the logo is drawn in."""
    pdf = out / "teens" / "teens-policymakers.pdf"
    doc = pdfium.PdfDocument(str(pdf))
    try:
        scale = 4
        image = doc[0].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
    mm = 72 / 25.4 * scale
    primary = tuple(int(PRIMARY[i : i + 2], 16) for i in (1, 3, 5))
    # the band: the primary colour from the top of the page
    assert _close(image.getpixel((int(5 * mm), int(3 * mm))), primary)
    # the plate: white at the logo's left edge (x = the 19 mm margin), centred in the band
    rows = [y for y in range(int(30 * mm)) if _close(image.getpixel((int(5 * mm), y)), primary)]
    middle = (rows[0] + rows[-1]) // 2
    plate = [image.getpixel((int((19 + d) * mm), middle)) for d in (0.4, 0.8)]
    assert all(_close(p, (255, 255, 255)) for p in plate), plate
    # and the plate is a decent size: at least 13 mm tall
    whites = [
        y
        for y in range(int(30 * mm))
        if _close(image.getpixel((int(19.6 * mm), y)), (255, 255, 255))
    ]
    assert (whites[-1] - whites[0]) / mm >= 13


def _close(rgb, target, tol: int = 24) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb, target, strict=False))


# ---- the example project's own template --------------------------------------


def test_example_project_overrides_one_template(tmp_path):
    """templates/base.html of the example project adds a licence line to the
    footer; everything else still comes from briefkit, and the examples build."""
    root = tmp_path / "example"
    for name in ("seeds", "briefings", "config", "assets", "templates"):
        shutil.copytree(REPO / name, root / name)
    listed = run(root, "templates", "list")
    assert listed.exit_code == 0, listed.output
    kinds = dict(line.split(None, 1) for line in listed.output.splitlines())
    assert kinds["base.html"] == "project (templates/base.html)"
    assert all(v == "built-in" for k, v in kinds.items() if k != "base.html")
    result = run(root, "build", "different-baskets", "-a", "newsletter")
    assert result.exit_code == 0, result.output
    text = page_texts(root / "out" / "different-baskets" / "different-baskets-newsletter.pdf")[0]
    assert "Free to quote with attribution · CC BY 4.0" in " ".join(text.split())
