"""``briefkit figures``: text and JSON output, files and corpus ids, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.corpus.load import read_article

NOTE = (
    "Belarus crackdown continues after the election\n\n"
    "Many anti-war rallies throughout the country took place on February 27th and 28th 2022. "
    "As a result, more than 1,100 Belarusians were detained.\n\n"
    "While human rights groups report around 1,445 political prisoners in Belarus, "
    "the actual number is believed to exceed 12,000. However, the authorities deny "
    "holding any political prisoners at all.\n\n"
    "A survey found that 79% of respondents were categorically opposed to the war. "
    "The survey was published on 3 March 2022 at 10:30.\n"
)

TRADE = (
    "Trade with Russia keeps growing in the region\n\n"
    "Trade between Belarus and Russia has grown every year since sanctions began. "
    "Russian energy subsidies keep the Belarusian economy afloat for now.\n\n"
    "The EU pledged €2.3 billion in aid to the opposition in 2023.\n"
)

QUIET = "Nothing to count here\n\nThe meeting took place in 2021 and again on 9 May 2022.\n"

LINE = re.compile(
    r"^  \[(?P<id>[\w-]+/p\d+\.s\d+)\] (?P<display>.+?) — (?P<label>.+?)(?: — (?P<scope>.+))?$"
)
KEYS = ["value", "qualifier", "unit", "label", "scope", "sentence_id", "sentence"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "briefings").mkdir()
    (tmp_path / "seeds" / "belarus-note.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "seeds" / "trade.txt").write_text(TRADE, encoding="utf-8")
    (tmp_path / "seeds" / "quiet.txt").write_text(QUIET, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(project), "figures", *args])


def sentences_by_id(path: Path, source_id: str) -> dict[str, str]:
    article = read_article(path, source_id)
    return {s.id: s.text for p in article.paragraphs for s in p.sentences}


def test_text_output_for_a_source_id(project: Path) -> None:
    result = run(project, "belarus-note")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("belarus-note")
    body = [LINE.match(line) for line in lines[1:]]
    assert body and all(body), lines
    known = sentences_by_id(project / "seeds" / "belarus-note.txt", "belarus-note")
    displays = [m["display"] for m in body]
    assert "more than 1,100" in displays
    assert "around 1,445" in displays and "believed to exceed 12,000" in displays
    assert "79%" in displays
    for m in body:
        assert m["id"] in known
        assert m["display"].split()[-1] in known[m["id"]]
    detained = next(m for m in body if m["display"] == "more than 1,100")
    assert detained["label"] == "Belarusians detained"
    assert "February 27th and 28th 2022" in detained["scope"]


def test_json_output_keys_and_ids(project: Path) -> None:
    path = str(project / "seeds" / "trade.txt")
    result = run(project, "belarus-note", path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [list(item) for item in data] == [["source", "figures"], ["path", "figures"]]
    assert data[0]["source"] == "belarus-note"
    assert data[1]["path"] == path
    known = sentences_by_id(project / "seeds" / "belarus-note.txt", "belarus-note")
    for fig in data[0]["figures"]:
        assert list(fig) == KEYS
        assert known[fig["sentence_id"]] == fig["sentence"]
        assert fig["value"] in fig["sentence"]
        assert fig["qualifier"].lower() in fig["sentence"].lower()
    by_value = {f["value"]: f for f in data[0]["figures"]}
    assert by_value["1,100"]["qualifier"] == "more than"
    assert by_value["12,000"]["qualifier"] == "believed to exceed"
    assert by_value["79%"]["unit"] == "%"
    assert "2022" not in by_value and "10:30" not in by_value  # not quantities
    (eu,) = data[1]["figures"]
    assert (eu["value"], eu["unit"], eu["label"], eu["scope"]) == (
        "€2.3 billion",
        "EUR",
        "aid",
        "in 2023",
    )


def test_about_and_top(project: Path) -> None:
    result = run(project, "belarus-note", "--json", "--about", "political prisoners")
    assert result.exit_code == 0, result.output
    values = [f["value"] for f in json.loads(result.output)[0]["figures"]]
    assert values == ["1,445", "12,000"]
    result = run(project, "belarus-note", "--json", "--about", "respondents", "--about", "war")
    assert [f["value"] for f in json.loads(result.output)[0]["figures"]] == ["79%"]
    result = run(project, "belarus-note", "--json", "--top", "1")
    assert len(json.loads(result.output)[0]["figures"]) == 1


def test_no_figures(project: Path) -> None:
    result = run(project, "quiet")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "  (no key figures)"
    result = run(project, "quiet", "--json")
    assert json.loads(result.output) == [{"source": "quiet", "figures": []}]


def test_unknown_id_suggests_a_close_one(project: Path) -> None:
    result = run(project, "belarus-nte")
    assert result.exit_code == 2
    assert "no file or source 'belarus-nte'" in result.output
    assert "did you mean 'belarus-note'?" in result.output


def test_listed_in_help(project: Path) -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert re.search(r"^\s+figures\s", result.output, re.MULTILINE)
