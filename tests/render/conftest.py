# ruff: noqa: E501  (test data: long sentences written and read back verbatim)
"""Test projects for the render tests: copies of the example project in tmp.

Each test module builds once (module-scoped fixtures) with real WeasyPrint and
reads the PDFs back with pypdf.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from briefkit.cli import cli

REPO = Path(__file__).resolve().parents[2]

# A source with names in Cyrillic and Latin Extended, and markup that must
# print as text.
GLYPH_SOURCE = """Test source for glyph coverage

Activists of the Кіберпартызаны group met Laurynas Kasčiūnas at the Jeziorańskiego centre in Vilnius.

The leaflet read <script>alert(1)</script> in large letters, and nothing else.
"""

GLYPH_BRIEF = """title: "Кіберпартызаны and Kasčiūnas"
subtitle: "A test of Jeziorańskiego glyphs"
date: 2024-05-01
authors: [Test Author]
keywords: [glyphs, test]
audiences: [policymakers, newsletter]
key_messages:
  - "Кіберпартызаны, Kasčiūnas and Jeziorańskiego must print as written."
  - "<b>Markup</b> in a brief prints as text."
sections:
  - heading: Names
    summary: "Cyrillic: Кіберпартызаны; Lithuanian: Kasčiūnas; Polish: Jeziorańskiego."
    excerpts:
      - source: glyph-test
        quote: "Activists of the Кіберпартызаны group met Laurynas Kasčiūnas at the Jeziorańskiego centre in Vilnius."
      - source: glyph-test
        quote: "The leaflet read <script>alert(1)</script> in large letters"
recommendations:
  - "Keep the fonts in the package."
"""


def make_project(root: Path, *, glyphs: bool = False) -> Path:
    """Copy the example project (seeds, briefings, config, assets) into ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("seeds", "briefings", "config", "assets"):
        shutil.copytree(REPO / name, root / name)
    if glyphs:
        (root / "seeds" / "glyph_test.txt").write_text(GLYPH_SOURCE, encoding="utf-8")
        with (root / "seeds" / "sources.yaml").open("a", encoding="utf-8") as f:
            f.write(
                "  glyph-test:\n"
                "    file: glyph_test.txt\n"
                '    title: "Test source for glyph coverage"\n'
                "    authors: [Ona Testaitė]\n"
                "    publication: Test Gazette\n"
                "    date: 2024-04-30\n"
            )
        (root / "briefings" / "glyph-test.yaml").write_text(GLYPH_BRIEF, encoding="utf-8")
    return root


def run(root: Path, *args: str):
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result


def pdf_text(path: Path) -> str:
    """The PDF's text with line breaks, soft hyphens and spacing undone."""
    reader = pypdf.PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    text = re.sub(r"-\n(?=\w)", "", text)  # hyphenation at line ends
    return re.sub(r"\s+", " ", text)


def embedded_fonts(path: Path) -> set[str]:
    reader = pypdf.PdfReader(path)
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            base = str(ref.get_object()["/BaseFont"])
            names.add(base.split("+", 1)[-1].lstrip("/"))
    return names


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("project") / "proj")
