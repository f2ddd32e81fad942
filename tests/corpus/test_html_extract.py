from __future__ import annotations

from briefkit.corpus.extract import extract
from briefkit.corpus.html import extract_html


def test_realistic_page(data_dir) -> None:
    html = (data_dir / "page.html").read_text(encoding="utf-8")
    result = extract_html(html)
    texts = [b.text for b in result.blocks]
    kinds = [b.kind for b in result.blocks]
    joined = "\n".join(texts)
    assert texts[0].startswith("Exports of grain through the Black Sea ports")
    assert (
        "Insurers remain cautious" in texts
        and kinds[texts.index("Insurers remain cautious")] == "heading"
    )
    assert kinds.count("list_item") == 3
    assert "the cost of war-risk insurance for each voyage;" in texts
    # Entities decoded, no script, no chrome.
    assert "premiums have followed" in joined and "&amp;" not in joined and "& premiums" in joined
    assert "SECRET_SCRIPT_TEXT" not in joined and "INLINE_SCRIPT_IN_ARTICLE" not in joined
    for chrome in (
        "We use cookies",
        "Accept all cookies",
        "All rights reserved",
        "Ports brace for winter",
    ):
        assert chrome not in joined
    meta = result.metadata
    assert meta.title == "Grain corridor reopens as ports resume exports"
    assert meta.authors == ("Maria Kovalenko",)
    assert meta.date == "2024-03-14"
    assert meta.publication == "The Harbour Ledger"
    assert meta.url == "https://harbourledger.example/2024/03/grain-corridor"
    assert meta.standfirst and meta.standfirst.startswith("Exports through the Black Sea ports")
    assert meta.language == "en"
    assert result.dropped[0].reason == "title"


def test_dispatch_and_fallback() -> None:
    html = "<html><body><script>var x = 1;</script><h2>Tiny</h2><p>Only a line.</p></body></html>"
    result = extract(html, "html")
    joined = " ".join(b.text for b in result.blocks)
    assert "var x" not in joined
    assert "Only a line." in joined


def test_garbage_html_does_not_crash() -> None:
    for html in ("", "<<<>>>", "<html>", "plain words"):
        extract_html(html)


def test_titles_and_site_names_lose_what_the_page_adds() -> None:
    from briefkit.corpus.html import tidy_site_name, tidy_title

    site = tidy_site_name("KFF - The independent source for health policy research, polling")
    assert site == "KFF"
    assert tidy_site_name("The Hechinger Report") == "The Hechinger Report"
    trends = "Recent Trends Among Adolescents"
    assert tidy_title(f"{trends} | KFF", site) == trends
    assert tidy_title("What is Cloud Computing? | Google Cloud", "Google Cloud") == (
        "What is Cloud Computing?"
    )
    url = "https://advantagefitness.com/blog/x"
    assert tidy_title("Top Trends in 2025 - advantagefitness.com", "", url) == "Top Trends in 2025"
    # a separator that is part of the title stays
    assert tidy_title("Belarus – a country in exile", "Kyiv Post") == "Belarus – a country in exile"


_FERRY_ROWS = [
    ("Monday", "Harbour Quay", "06:40", "Runs as usual, including the early freight sailing"),
    ("Tuesday", "Harbour Quay", "06:40", "Runs as usual"),
    ("Wednesday", "North Slip", "07:15", "Moved to the North Slip while the quay is repaired"),
    ("Thursday", "North Slip", "07:15", "Moved to the North Slip while the quay is repaired"),
    ("Friday", "Harbour Quay", "06:40", "Extra evening sailing at 21:30"),
    ("Saturday", "Harbour Quay", "08:00", "Weekend timetable"),
    ("Sunday", "Harbour Quay", "09:30", "Weekend timetable, no freight"),
]


def _table_page() -> str:
    # Cells wrap their text in <p> (as many CMSs do); the last column has two.
    rows = "".join(
        f"<tr><td><p>{day}</p></td><td>{pier}</td><td>{time}</td>"
        f"<td><p>{note}</p><p>Tickets on board.</p></td></tr>"
        for day, pier, time, note in _FERRY_ROWS
    )
    return f"""<html><head><title>Island ferry timetable for the week of 3 June</title>
<meta name="author" content="Ilse Marchetti"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article>
<h1>Island ferry timetable for the week of 3 June</h1>
<p>The first crossings of each day are listed below; the quay works keep two sailings
at the North Slip, and the harbour office asks travellers to check the pier before leaving.</p>
<table>
<thead><tr><th>Day</th><th>Pier</th><th>First sailing</th><th>Notes</th></tr></thead>
<tbody>{rows}</tbody>
</table>
</article></main>
<footer>All rights reserved. Harbour office newsletter.</footer></body></html>"""


def test_a_table_that_is_the_article_keeps_its_rows() -> None:
    result = extract_html(_table_page())
    texts = [b.text for b in result.blocks]
    assert "Day | Pier | First sailing | Notes" in texts
    for day, pier, time, note in _FERRY_ROWS:
        row = f"{day} | {pier} | {time} | {note} Tickets on board."
        assert texts.count(row) == 1, row
    # A <p> inside a cell belongs to its row: no block of its own.
    assert "Monday" not in texts and "Tickets on board." not in texts
    assert texts[0].startswith("The first crossings of each day")
    joined = "\n".join(texts)
    assert "All rights reserved" not in joined and "News" not in texts


def test_a_layout_table_gives_ordinary_blocks() -> None:
    # The whole article sits in one table cell, as on old hand-made sites.
    paragraphs = [
        f"Paragraph {n} of the report explains how the allotment committee "
        f"shared out the plots this spring, with the waiting list now at {10 * n} names."
        for n in range(1, 7)
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"""<html><head><title>Allotment report</title></head><body>
<table><tr><td><a href="/">Home</a></td>
<td><h2>Allotments this spring</h2>{body}</td></tr></table></body></html>"""
    result = extract_html(html)
    texts = [b.text for b in result.blocks]
    assert ("Allotments this spring", "heading") in [(b.text, b.kind) for b in result.blocks]
    for p in paragraphs:
        assert p in texts
    assert not any(" | " in t for t in texts)
