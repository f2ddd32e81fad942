"""End to end: the bundled examples build to PDFs that say what the briefs say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from pdfutil import contains, pages, pdf_text, squash

ROOT = Path(__file__).resolve().parents[1]
BRIEFS = sorted((ROOT / "briefings").glob("*.yaml"))


def brief_data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_examples_exist_and_draw_on_three_sources():
    assert {p.stem for p in BRIEFS} >= {"different-baskets", "sanctions-political-prisoners"}
    for path in BRIEFS:
        data = brief_data(path)
        assert len(data["audiences"]) >= 2
        assert len(data["sections"]) >= 2
        assert data["key_messages"] and data["recommendations"]
        sources = set()
        for sec in data["sections"]:
            for ex in sec.get("excerpts", []):
                sources.add(ex.get("source") or ex.get("paragraph", "").split("/")[0])
        sources.discard("")
        assert len(sources) >= 3, path.name


@pytest.mark.parametrize("brief_path", BRIEFS, ids=lambda p: p.stem)
def test_every_audience_gets_a_pdf_with_title_and_key_messages(
    built_project: Path, brief_path: Path
):
    data = brief_data(brief_path)
    for audience in data["audiences"]:
        pdf = built_project / "out" / brief_path.stem / f"{brief_path.stem}-{audience}.pdf"
        assert pdf.is_file(), pdf
        assert pdf.read_bytes().startswith(b"%PDF-")
        text = pdf_text(pdf)
        assert squash(data["title"]) in squash(text)
        messages = data["key_messages"] if audience != "newsletter" else data["key_messages"][:3]
        for msg in messages:
            assert squash(msg) in squash(text), (audience, msg)
        meta = PdfReader(str(pdf)).metadata
        assert meta.title == data["title"]


@pytest.mark.parametrize("brief_path", BRIEFS, ids=lambda p: p.stem)
def test_each_excerpt_is_printed_and_in_provenance(built_project: Path, brief_path: Path):
    data = brief_data(brief_path)
    out = built_project / "out" / brief_path.stem
    pdf_texts = {p.name: squash(pdf_text(p)) for p in out.glob("*.pdf")}
    provenance = [json.loads(p.read_text()) for p in out.glob("*.provenance.json")]
    printed = {
        item["text"] for prov in provenance for item in prov["items"] if item["type"] == "excerpt"
    }
    quotes = [
        ex["quote"] for sec in data["sections"] for ex in sec.get("excerpts", []) if "quote" in ex
    ]
    assert quotes
    for quote in quotes:
        # the PDF shows the source's own text; elisions as "…"
        pieces = [p for p in quote.replace("...", "…").split("…") if p.strip()]
        assert any(all(squash(piece) in t for piece in pieces) for t in pdf_texts.values()), quote
        assert any(all(squash(piece) in squash(p) for piece in pieces) for p in printed), quote


def test_provenance_points_at_the_source_text(built_project: Path):
    from briefkit.corpus.load import Corpus
    from briefkit.project import Project

    corpus = Corpus(Project.load(built_project))
    files = list((built_project / "out").rglob("*.provenance.json"))
    assert files
    checked = 0
    for path in files:
        prov = json.loads(path.read_text())
        for item in prov["items"]:
            article = corpus.get(item["source"])
            assert prov["sources"][item["source"]]["sha256"] == article.content_hash
            if item["type"] == "analyst_citation":  # an analyst's summary cites the whole source
                assert item["paragraph"] is None and item["spans"] == []
                continue
            assert item["paragraph"].startswith(item["source"] + "/p")
            for start, end in item["spans"]:
                piece = article.text[start:end]
                assert piece and piece in item["text"]
                checked += 1
    assert checked > 20


def test_build_prints_one_line_per_pdf_and_a_summary(project: Path, run):
    result = run(project, "build", "different-baskets", "--audience", "policymakers")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("wrote out/different-baskets/different-baskets-policymakers.pdf  (")
    assert lines[0].endswith(" KB)")
    assert lines[-1].startswith("built 1 PDF(s) for 1 brief(s)")
    assert pages(project / "out/different-baskets/different-baskets-policymakers.pdf") <= 2


def test_build_out_option_writes_elsewhere(project: Path, run, tmp_path: Path):
    target = tmp_path / "elsewhere"
    result = run(
        project, "build", "sanctions-political-prisoners", "-a", "newsletter", "--out", str(target)
    )
    assert result.exit_code == 0, result.output
    pdf = target / "sanctions-political-prisoners" / "sanctions-political-prisoners-newsletter.pdf"
    assert pdf.is_file()
    assert pages(pdf) == 1
    assert contains(pdf, "Sanctions and political prisoners")
    assert not (project / "out").exists()


def test_unknown_brief_and_audience(project: Path, run):
    result = run(project, "build", "different-basket")
    assert result.exit_code == 2
    assert "no brief 'different-basket' in briefings/" in result.stderr
    assert "did you mean 'different-baskets'?" in result.stderr
    result = run(project, "build", "-a", "policymaker")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "unknown audience 'policymaker'\n  hint: did you mean 'policymakers'?"
    )
