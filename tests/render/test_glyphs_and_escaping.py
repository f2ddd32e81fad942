"""Names in Cyrillic and Latin Extended print with the shipped fonts, and
markup from a source or a brief prints as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import embedded_fonts, make_project, pdf_text, run


@pytest.fixture(scope="module")
def glyph_pdf(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("glyphs") / "proj", glyphs=True)
    result = run(root, "build", "glyph-test", "--format", "both")
    assert result.exit_code == 0, result.output
    return root / "out" / "glyph-test"


@pytest.mark.parametrize("audience", ["policymakers", "newsletter"])
def test_text_extracted_equals_text_written(glyph_pdf, audience):
    text = pdf_text(glyph_pdf / f"glyph-test-{audience}.pdf")
    for written in (
        "Кіберпартызаны, Kasčiūnas and Jeziorańskiego must print as written.",
        "Activists of the Кіберпартызаны group met Laurynas Kasčiūnas at the Jeziorańskiego centre",
    ):
        assert written in text
    fonts = embedded_fonts(glyph_pdf / f"glyph-test-{audience}.pdf")
    assert fonts and all(f.startswith("IBM-Plex") for f in fonts), fonts


def test_script_in_a_source_prints_literally(glyph_pdf):
    text = pdf_text(glyph_pdf / "glyph-test-policymakers.pdf")
    assert "The leaflet read <script>alert(1)</script> in large letters" in text
    assert "<b>Markup</b> in a brief prints as text." in text
    html = (glyph_pdf / "glyph-test-policymakers.html").read_text()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
