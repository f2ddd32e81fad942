from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefkit.cli import cli

SOURCES = {
    "vasilevich-2024": [
        "Two baskets, not one",
        "She claimed that her team are encouraging governments to respect the differences "
        "between Belarusians and Russians and making sure they are not put in the same basket.",
        "Lukashenko's regime keeps hundreds of political prisoners in its jails today.",
    ],
    "leukavets-2024": [
        "Lessons from the Belarusian opposition",
        "Cooperation with the Russian opposition remains difficult because the two movements "
        "disagree about the war and about who should represent the exiles.",
        "Lukashenka has ruled Belarus since 1994 and has never held a free election.",
    ],
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "briefings").mkdir()
    (tmp_path / "config").mkdir()
    for name, lines in SOURCES.items():
        (tmp_path / "seeds" / f"{name}.txt").write_text("\n\n".join(lines) + "\n", "utf-8")
    (tmp_path / "config" / "aliases.yaml").write_text(
        "groups:\n  - [Lukashenka, Lukashenko]\n", encoding="utf-8"
    )
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(project), *args])


def test_json_output(project: Path) -> None:
    result = run(project, "search", "Russian opposition cooperation", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["source"] == "leukavets-2024"
    assert rows[0]["id"].startswith("leukavets-2024/p")
    assert rows[0]["text"].startswith("Cooperation with the Russian opposition")
    assert set(rows[0]) == {"id", "source", "score", "text"}
    assert rows[0]["score"] > 0


def test_yaml_output_is_pasteable(project: Path) -> None:
    result = run(project, "search", "Lukashenka", "--yaml")
    assert result.exit_code == 0, result.output
    selectors = yaml.safe_load(result.stdout)
    # The alias group finds both spellings.
    assert sorted(s["paragraph"].split("/")[0] for s in selectors) == [
        "leukavets-2024",
        "vasilevich-2024",
    ]
    first = result.stdout.splitlines()[0]
    assert first.startswith("- paragraph: ")
    assert "# score " in first


def test_plain_output_lists_rank_score_id_and_text(project: Path) -> None:
    result = run(project, "search", "same basket", "-n", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(" 1. ")
    assert "vasilevich-2024/p" in lines[0]
    assert "Two baskets, not one" in lines[0]
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes
    assert "She claimed that her team" in lines[1]
    assert sum(1 for line in lines if line[:4].strip().endswith(".")) == 1


def test_source_and_must_filters(project: Path) -> None:
    result = run(project, "search", "Lukashenka", "--source", "leukavets-2024", "--json")
    assert [r["source"] for r in json.loads(result.stdout)] == ["leukavets-2024"]
    result = run(project, "search", "Lukashenka", "--must", "prisoners", "--json")
    assert [r["source"] for r in json.loads(result.stdout)] == ["vasilevich-2024"]


def test_unknown_source_is_a_user_error_with_hint(project: Path) -> None:
    result = run(project, "search", "basket", "--source", "vasilevich-2042")
    assert result.exit_code == 2
    assert result.stderr == (
        "unknown source 'vasilevich-2042'\n  hint: did you mean 'vasilevich-2024'?\n"
    )


def test_no_results_is_not_an_error(project: Path) -> None:
    result = run(project, "search", "potash")
    assert result.exit_code == 0
    assert result.stdout == "no passages match 'potash'\n"
    assert json.loads(run(project, "search", "potash", "--json").stdout) == []


def test_verbose_reports_reindexed_sources(project: Path) -> None:
    result = run(project, "-v", "search", "basket")
    assert "search index: 2 source(s) re-indexed, 0 removed, 0 unchanged" in result.stderr
    (project / "seeds" / "new-2025.txt").write_text(
        "A new source\n\nIt talks about something else entirely, at some length.\n", "utf-8"
    )
    result = run(project, "-v", "search", "basket")
    assert "search index: 1 source(s) re-indexed, 0 removed, 2 unchanged" in result.stderr
    result = run(project, "search", "basket")
    assert result.stderr == ""
