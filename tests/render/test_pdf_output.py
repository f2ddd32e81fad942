"""The built-in audiences on the two example briefs: pages, metadata, tags,
fonts, size and reproducible bytes."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from .conftest import embedded_fonts, pdf_text, run

BRIEFS = ("different-baskets", "sanctions-political-prisoners")
LIMITS = {"policymakers": 2, "journalists": 2, "newsletter": 1}


@pytest.fixture(scope="module")
def built(example: Path) -> Path:
    result = run(example, "build", "--format", "both")
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.output
    return example / "out"


def pdf(out: Path, brief: str, audience: str) -> Path:
    return out / brief / f"{brief}-{audience}.pdf"


@pytest.mark.parametrize("brief", BRIEFS)
@pytest.mark.parametrize("audience", sorted(LIMITS))
def test_within_page_limit_and_size(built, brief, audience):
    path = pdf(built, brief, audience)
    pages = len(pypdf.PdfReader(path).pages)
    assert 1 <= pages <= LIMITS[audience]
    assert path.stat().st_size < 150 * 1024


@pytest.mark.parametrize("brief", BRIEFS)
def test_full_report_has_cover_contents_notes_and_references(built, brief):
    reader = pypdf.PdfReader(pdf(built, brief, "full"))
    assert len(reader.pages) >= 3
    cover = reader.pages[0].extract_text()
    assert "Baltic Democracy Monitor" in cover and "Policy report".upper() in cover.upper()
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "Recommendations" in contents
    text = pdf_text(pdf(built, brief, "full"))
    assert "Notes" in text and "References" in text
    # the contents show real page numbers (target-counter), not blanks
    assert any(line.rstrip().endswith(("3", "4", "5")) for line in contents.splitlines())


def test_metadata_comes_from_the_brief(built):
    reader = pypdf.PdfReader(pdf(built, "different-baskets", "policymakers"))
    meta = reader.metadata
    assert meta.title == "Belarus vs Russia: different baskets"
    assert meta.author == "Baltic Democracy Monitor research team"
    assert "EU and member-state restrictions" in meta.subject
    assert "Tsikhanouskaya" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20240615")
    assert meta["/ModDate"].startswith("D:20240615")
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_tagged_pdf_ua_with_bookmarks(built):
    reader = pypdf.PdfReader(pdf(built, "sanctions-political-prisoners", "policymakers"))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Sanctions and political prisoners" in titles


def test_fonts_are_the_shipped_ones(built):
    for brief in BRIEFS:
        for audience in (*LIMITS, "full"):
            fonts = embedded_fonts(pdf(built, brief, audience))
            assert fonts, (brief, audience)
            assert all(f.startswith("IBM-Plex") for f in fonts), fonts


def test_journalists_say_how_many_quotes_are_left_out(built):
    text = pdf_text(pdf(built, "different-baskets", "journalists"))
    assert "Quotes you can use" in text
    assert "more quotes, each with its source, are in the full brief" in text
    assert "PRESS CONTACT" in text.upper()


def test_newsletter_has_three_bullets_one_quote_and_a_pointer(built):
    text = pdf_text(pdf(built, "different-baskets", "newsletter"))
    assert "Read the full brief" in text
    assert "Grouping the two oppositions" not in text  # the fourth key message


def test_html_is_self_contained(built):
    html = (built / "different-baskets" / "different-baskets-policymakers.html").read_text()
    assert "file:" not in html
    assert "@font-face" not in html  # fonts are left out of the HTML
    assert 'src="data:image/svg+xml;base64,' in html  # the logo travels inline
    assert "<h1>Belarus vs Russia: different baskets</h1>" in html


def test_rebuild_gives_identical_bytes(example, built, tmp_path):
    result = run(example, "build", "different-baskets", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    for audience in ("policymakers", "newsletter"):
        first = pdf(built, "different-baskets", audience).read_bytes()
        second = pdf(tmp_path, "different-baskets", audience).read_bytes()
        assert first == second, audience


def test_source_date_epoch_sets_the_modified_date(example, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718900000")  # 2024-06-20T16:13:20Z
    result = run(example, "build", "different-baskets", "-a", "newsletter", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    meta = pypdf.PdfReader(pdf(tmp_path, "different-baskets", "newsletter")).metadata
    assert meta["/ModDate"].startswith("D:20240620161320")
    assert meta["/CreationDate"].startswith("D:20240615")


def test_pdf_a_3u_variant(example, tmp_path):
    result = run(
        example,
        "build",
        "different-baskets",
        "-a",
        "newsletter",
        "-o",
        str(tmp_path),
        "--pdf-variant",
        "pdf/a-3u",
    )
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(pdf(tmp_path, "different-baskets", "newsletter"))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="U"' in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]
