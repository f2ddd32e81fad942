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
