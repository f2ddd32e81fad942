"""``briefkit summarize``: text and JSON output, files and corpus ids, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.cli import cli

NOTE = (
    "Belarus crackdown continues after the election\n\n"
    "More than 1,100 Belarusians were detained during the protests in the capital. "
    "Human rights groups say the arrests continue every week.\n\n"
    "While human rights groups report around 1,445 political prisoners in Belarus, "
    "the actual number is believed to exceed 12,000. However, the authorities deny "
    "holding any political prisoners at all.\n\n"
    "A survey found that 79% of respondents were categorically opposed to the war. "
    "Most people interviewed were young and lived in cities.\n"
)

TRADE = (
    "Trade with Russia keeps growing in the region\n\n"
    "Trade between Belarus and Russia has grown every year since sanctions began. "
    "Russian energy subsidies keep the Belarusian economy afloat for now.\n\n"
    "Economists expect the economy to slow next year as subsidies shrink.\n"
)

ID_LINE = re.compile(r"^  \[(?P<id>[\w-]+/p\d+\.s\d+)\] (?P<text>.+)$")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "briefings").mkdir()
    (tmp_path / "seeds" / "belarus-note.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "seeds" / "trade.txt").write_text(TRADE, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(project), "summarize", *args])


def test_text_output_for_a_source_id(project: Path) -> None:
    result = run(project, "belarus-note", "--sentences", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("belarus-note")
    body = [ID_LINE.match(line) for line in lines[1:]]
    assert len(body) == 2 and all(body)
    note = NOTE
    for m in body:
        assert m["id"].startswith("belarus-note/p")
        assert m["text"] in note


def test_json_output_keys_and_order(project: Path) -> None:
    path = str(project / "seeds" / "trade.txt")
    result = run(project, "belarus-note", path, "--json", "--sentences", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [list(item) for item in data] == [["source", "sentences"], ["path", "sentences"]]
    assert data[0]["source"] == "belarus-note"
    assert data[1]["path"] == path
    for item in data:
        assert 1 <= len(item["sentences"]) <= 3
        for s in item["sentences"]:
            assert list(s) == ["id", "text", "printed", "context"]
            assert s["context"] is False or s["context"] is True
        starts = [NOTE.find(s["text"]) if "source" in item else TRADE.find(s["text"])
                  for s in item["sentences"]]  # fmt: skip
        assert all(x >= 0 for x in starts)
        assert starts == sorted(starts)  # source order


def test_focus_and_words(project: Path) -> None:
    result = run(
        project, "belarus-note", "--json", "--words", "25", "--focus", "survey respondents war"
    )
    assert result.exit_code == 0, result.output
    sentences = json.loads(result.output)[0]["sentences"]
    assert sum(len(s["text"].split()) for s in sentences) <= 25
    assert any("79%" in s["text"] for s in sentences)


def test_unknown_id_suggests_a_close_one(project: Path) -> None:
    result = run(project, "belarus-nte")
    assert result.exit_code == 2
    assert "no file or source 'belarus-nte'" in result.output
    assert "did you mean 'belarus-note'?" in result.output


def test_sentences_and_words_are_exclusive(project: Path) -> None:
    result = run(project, "belarus-note", "--sentences", "2", "--words", "10")
    assert result.exit_code == 2
    assert "not both" in result.output
