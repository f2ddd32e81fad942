"""`briefkit init` and `briefkit new brief`: projects and briefs that work as they are."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

TITLE = "Battery ferries for Lanternfield: right aim, tight timetable"


def test_init_creates_a_project(tmp_path: Path, run) -> None:
    result = run(None, "init", str(tmp_path / "proj"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"created a briefkit project in {tmp_path}/proj/"
    root = tmp_path / "proj"
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        "briefings/battery-ferries.yaml",
        "config/aliases.yaml",
        "config/briefkit.yaml",
        "seeds/lanternfield-ferries.txt",
        "seeds/sources.yaml",
        "templates/README.md",
    ]
    ignored = (root / ".gitignore").read_text().split()
    assert "out/" in ignored and ".briefkit/" in ignored
    assert "briefkit templates eject" in (root / "templates/README.md").read_text()


def test_new_project_builds_and_checks_at_once(new_project: Path, run) -> None:
    result = run(new_project, "check")
    assert result.exit_code == 0, result.output
    assert result.output == "1 brief(s) OK\n"
    result = run(new_project, "build")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith(", 0 warning(s)")
    for audience in ("policymakers", "journalists", "newsletter"):
        pdf = new_project / "out" / "battery-ferries" / f"battery-ferries-{audience}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")


def test_example_source_has_title_byline_and_six_paragraphs(new_project: Path) -> None:
    from briefkit.corpus.load import Corpus
    from briefkit.project import Project

    article = Corpus(Project.load(new_project)).get("lanternfield-ferries")
    assert article.title == "Lanternfield votes to run its island ferries on batteries"
    assert article.authors == ("Odile Marchbank",)
    assert len(article.paragraphs) >= 6
    assert "do not exist" in article.paragraphs[0].text  # says plainly that it is invented


def test_example_brief_quotes_the_example_source(new_project: Path) -> None:
    brief = yaml.safe_load((new_project / "briefings/battery-ferries.yaml").read_text())
    assert brief["title"] == TITLE
    assert brief["key_messages"] and brief["recommendations"] and brief["summary"]
    quotes = [e["quote"] for s in brief["sections"] for e in s.get("excerpts", []) if "quote" in e]
    assert len(brief["sections"]) == 2 and len(quotes) >= 2
    text = " ".join((new_project / "seeds/lanternfield-ferries.txt").read_text().split())
    for q in quotes:
        assert q in text


def _keys(model) -> set[str]:
    return set(model.model_fields)


def test_config_has_every_setting(new_project: Path) -> None:
    from briefkit.config import models as m
    from briefkit.project import Project

    text = (new_project / "config/briefkit.yaml").read_text()
    data = yaml.safe_load(text)
    assert set(data) == _keys(m.ProjectConfig)
    assert set(data["paths"]) == _keys(m.Paths)
    assert set(data["organisation"]["colours"]) == _keys(m.Colours)
    for key in _keys(m.Organisation):  # logo is there, commented
        assert re.search(rf"^\s*#?\s*{key}:", text, re.M), key
    assert set(data["audiences"]) == set(m.DEFAULT_AUDIENCES)
    for key in _keys(m.Audience):
        assert re.search(rf"^\s*#?\s*{key}:", text, re.M), key
    for block in m.BLOCKS:
        assert block in text
    # What the file says are the defaults are the defaults.
    config = Project.load(new_project).config
    defaults = m.ProjectConfig()
    assert (
        config.paths == defaults.paths
        and config.organisation.colours == defaults.organisation.colours
    )
    for name, audience in defaults.audiences.items():
        assert config.audiences[name] == audience


def test_init_in_an_empty_folder(tmp_path: Path, run) -> None:
    (tmp_path / "empty").mkdir()
    result = run(None, "init", str(tmp_path / "empty"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "empty/config/briefkit.yaml").is_file()


def test_init_refuses_an_existing_project(new_project: Path, run) -> None:
    before = (new_project / "config/briefkit.yaml").read_text()
    result = run(None, "init", str(new_project))
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0]
        == f"{new_project} is already a briefkit project; nothing was changed"
    )
    assert (new_project / "config/briefkit.yaml").read_text() == before


def test_init_refuses_a_folder_with_files(tmp_path: Path, run) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run(None, "init", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{tmp_path} is not empty; nothing was changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path, run) -> None:
    (tmp_path / "f").write_text("x")
    result = run(None, "init", str(tmp_path / "f"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path}/f is a file, not a folder")


# ---------------------------------------------------------------- new brief


def test_new_brief_validates_and_builds(new_project: Path, run) -> None:
    result = run(new_project, "new", "brief", "ferry-costs")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "wrote briefings/ferry-costs.yaml"
    text = (new_project / "briefings/ferry-costs.yaml").read_text()
    # the sources, with their titles, in a comment
    assert re.search(
        r"^#\s+lanternfield-ferries\s+Lanternfield votes to run its island ferries on batteries$",
        text,
        re.M,
    )
    for form in ("quote:", "paragraph:", "query:", "summary: {auto: true", "cites:", "figures:"):
        assert f"# {form}" in text or f"#   {form}" in text or form in text, form
    assert run(new_project, "check", "ferry-costs").exit_code == 0
    result = run(new_project, "build", "ferry-costs", "-a", "policymakers")
    assert result.exit_code == 0, result.output
    assert (new_project / "out/ferry-costs/ferry-costs-policymakers.pdf").is_file()


def test_new_brief_examples_work_when_uncommented(new_project: Path) -> None:
    """The commented selectors are real: uncommented, they verify against the source."""
    from briefkit.check import check_project
    from briefkit.project import Project
    from briefkit.scaffold import new_brief

    project = Project.load(new_project)
    path = new_brief(project, "uncommented", today=dt.date(2025, 1, 2))
    lines = path.read_text().splitlines()
    start = lines.index("    # excerpts:")
    out = lines[:start]
    for line in lines[start:]:
        if line.startswith("    # figures"):
            break
        if line.lstrip().startswith("# #") or line.strip().startswith("#   #"):
            continue  # a comment about the example
        out.append(line.replace("    # ", "    ", 1) if line.startswith("    # ") else line)
    out += lines[lines.index("recommendations:") - 1 :]
    path.write_text("\n".join(out) + "\n")
    brief = yaml.safe_load(path.read_text())
    kinds = [
        next(k for k in ("quote", "paragraph", "query") if k in e)
        for e in brief["sections"][0]["excerpts"]
    ]
    assert kinds == ["quote", "paragraph", "query"]
    problems, _warnings, checked = check_project(project, ("uncommented",))
    assert checked == 1 and problems == []


def test_new_brief_without_sources(tmp_path: Path, run) -> None:
    (tmp_path / "briefings").mkdir()
    result = run(tmp_path, "new", "brief", "first")
    assert result.exit_code == 0, result.output
    assert "No sources yet" in (tmp_path / "briefings/first.yaml").read_text()
    assert run(tmp_path, "check").exit_code == 0


@pytest.mark.parametrize("name", ["Bad", "../escape", "a/b", "-x", "x-", "", "x y", ".hidden"])
def test_new_brief_refuses_unsafe_names(new_project: Path, run, name: str) -> None:
    result = run(new_project, "new", "brief", "--", name)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{name!r} is not a safe brief name"
    assert sorted(p.name for p in (new_project / "briefings").iterdir()) == ["battery-ferries.yaml"]


def test_new_brief_refuses_an_existing_file(new_project: Path, run) -> None:
    before = (new_project / "briefings/battery-ferries.yaml").read_text()
    result = run(new_project, "new", "brief", "battery-ferries")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "briefings/battery-ferries.yaml already exists; nothing was changed"
    )
    assert (new_project / "briefings/battery-ferries.yaml").read_text() == before


# ---------------------------------------------------------------- completion


def _complete(root: Path, args: list[str], incomplete: str) -> list[str]:
    """Completions as the shell would get them, for a command wired like `build`."""
    import click
    from click.shell_completion import BashComplete

    from briefkit.cli.scaffold import complete_audiences, complete_briefs

    @click.group()
    @click.option("-C", "--project", "project_dir")
    def cli(project_dir):
        pass

    @cli.command()
    @click.argument("briefs", nargs=-1, shell_complete=complete_briefs)
    @click.option("-a", "--audience", "audiences", multiple=True, shell_complete=complete_audiences)
    def build(briefs, audiences):
        pass

    comp = BashComplete(cli, {}, "briefkit", "_BRIEFKIT_COMPLETE")
    return [c.value for c in comp.get_completions(["-C", str(root), *args], incomplete)]


def test_completion_of_briefs_and_audiences(new_project: Path) -> None:
    (new_project / "briefings/ferry-costs.yaml").write_text("title: [broken\n")
    assert _complete(new_project, ["build"], "") == ["battery-ferries", "ferry-costs"]
    assert _complete(new_project, ["build"], "bat") == ["battery-ferries"]
    assert _complete(new_project, ["build", "-a"], "") == [
        "full",
        "journalists",
        "newsletter",
        "policymakers",
    ]
    assert _complete(new_project, ["build", "-a"], "n") == ["newsletter"]


def test_completion_outside_a_project_offers_nothing(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config/briefkit.yaml").write_text("paths: [not, a, mapping]\n")
    assert _complete(tmp_path, ["build"], "") == []
    assert _complete(tmp_path, ["build", "-a"], "") == []
